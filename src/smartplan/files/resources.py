"""Where the bundled data lives: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parents[1]  # smartplan/, this module lives in smartplan/files/


@functools.cache
def data_dir(name: str) -> Path:
    """`schemas`, `frameworks` or `templates`: in the wheel beside the code, else the checkout's."""
    for candidate in (_PACKAGE / name, _PACKAGE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled data folder '{name}' is missing from the installation")


def schema_path(name: str = "masterplan") -> Path:
    return data_dir("schemas") / f"{name}.schema.json"


@functools.cache
def load_schema(name: str = "masterplan") -> dict[str, Any]:
    import json  # not for the cache's check of the bundled files (a warm run)

    with open(schema_path(name), encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema
