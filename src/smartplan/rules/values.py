"""Defensive readers for rules: the plan may be schema-invalid, rules must never crash on it."""

from __future__ import annotations

from typing import Any

from smartplan.i18n import _


def year(value: Any) -> int | None:
    """An int that is not a bool, else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def number(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def label(item: dict[str, Any], kind: str = "program") -> str:
    """`program GOV-01`, or `program #3` when it has no usable id."""
    ident = item.get("id")
    if kind != "program":
        return f"{kind} {ident}" if isinstance(ident, str) else f"{kind} without id"
    # the subject of many findings: "program GOV-01" reads the same in both languages
    return _("program {id}", id=ident) if isinstance(ident, str) else _("program without id")


def period(data: dict[str, Any]) -> tuple[int | None, int | None]:
    span = mapping(data.get("period"))
    return year(span.get("start")), year(span.get("end"))
