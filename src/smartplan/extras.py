"""Optional libraries (the `[office]` extra: python-docx, openpyxl, ruamel.yaml): `require` imports
one or names the extra in a one-line message (exit 2). Commands that do not write Word or Excel
files never import them, so the core start-up is unchanged.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from smartplan.errors import UsageError
from smartplan.i18n import _

EXTRA = 'pip install "smartplan[office]"'


def require(module: str, what: str) -> ModuleType:
    """Import an optional library of the `[office]` extra, or say how to install it (exit 2)."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise UsageError(
            _(
                "{what} needs the office extra, which is not installed: {command}",
                what=what,
                command=EXTRA,
            )
        ) from None
