"""`smartplan lsp`: the language server. Editor events become calls of the same load → check →
findings flow as `validate` (on the editor's unsaved text); findings become diagnostics.

pygls and lsprotocol come with the `[lsp]` extra; only this package imports them.
"""

from __future__ import annotations

from smartplan.errors import UsageError
from smartplan.i18n import _


def serve() -> None:
    """Run the server on stdin/stdout until the editor ends it."""
    try:
        from smartplan.lsp.server import build_server
    except ImportError as error:
        raise UsageError(
            _('the language server needs pygls: pip install "smartplan[lsp]"')
        ) from error
    build_server().start_io()
