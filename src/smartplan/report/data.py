"""Reading a plan that may break the schema: a report of a plan with lint findings still renders,
so every field is read as "this type, or nothing"."""

from __future__ import annotations

from typing import Any


def text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)


def texts(value: Any) -> list[str]:
    return [text(item) for item in value if text(item)] if isinstance(value, list) else []


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def mappings(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def figure(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
