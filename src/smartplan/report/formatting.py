"""Numbers, rupiah and dates as Indonesian readers write them (and English, where it differs).

The one place for money formatting: reports, charts and the portfolio table all use it.
"""

from __future__ import annotations

from typing import Any

MONTHS = {
    "id": (
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def _grouped(text: str) -> str:
    """`1,234,567.8` (Python's grouping) → `1.234.567,8` (Indonesian)."""
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def rupiah(amount: float) -> str:
    """`Rp 2.500.000.000`: whole rupiah, dots between thousands, in either language (SPEC §5)."""
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {_grouped(f'{abs(amount):,.0f}')}"


def rupiah_short(amount: float) -> str:
    """`Rp 2,5 M` (miliar) / `Rp 750 jt` (juta) / `Rp 1,2 T` (triliun): for charts and
    tables read out in meetings."""
    for size, unit in ((1e12, "T"), (1e9, "M"), (1e6, "jt")):
        if abs(amount) >= size:
            # two decimals at most, no trailing zeros: Rp 2,5 M, Rp 1,25 M, Rp 3 M
            figure = _grouped(f"{amount / size:,.2f}").rstrip("0").rstrip(",")
            return f"Rp {figure} {unit}"
    return rupiah(amount)


def number(value: Any, lang: str = "id", decimals: int | None = None) -> str:
    """A figure from the plan: `83,4` in Indonesian, `83.4` in English; non-numbers as given."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "" if value is None else str(value)
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(len(repr(float(value)).split(".")[1]), 2)
    text = f"{value:,.{decimals}f}"
    return _grouped(text) if lang == "id" else text


def percent(value: float | None, lang: str = "id") -> str:
    return "–" if value is None else f"{number(value, lang, 0)}%"


def _parts(value: Any) -> tuple[int, int, int] | None:
    """(year, month, day) of an ISO date string (the loader keeps dates as strings)."""
    text = str(value or "")
    try:
        year, month, day = (int(part) for part in text[:10].split("-"))
    except ValueError:
        return None
    return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None


def date(value: Any, lang: str = "id") -> str:
    """`2022-09-06` → `6 September 2022`; anything unparseable is shown as written."""
    parts = _parts(value)
    if parts is None:
        return "" if value is None else str(value)
    year, month, day = parts
    return f"{day} {MONTHS.get(lang, MONTHS['id'])[month - 1]} {year}"


def date_range(start: Any, end: Any, lang: str = "id") -> str:
    """`13–14 Juni 2022`, `31 Juli – 1 Agustus 2017`, or one date when both are the same."""
    first, last = _parts(start), _parts(end)
    if first is None or last is None or first == last:
        return date(start if start is not None else end, lang)
    if first[0] == last[0] and first[1] == last[1]:
        return f"{first[2]}–{date(end, lang)}"
    if first[0] == last[0]:
        return f"{date(start, lang).rsplit(' ', 1)[0]} – {date(end, lang)}"
    return f"{date(start, lang)} – {date(end, lang)}"


def years(start: Any, end: Any) -> str:
    """`2023–2027`, `2023`, or what is known of the two."""
    if isinstance(start, int) and isinstance(end, int) and start != end:
        return f"{start}–{end}"
    known = start if start is not None else end
    return "" if known is None else str(known)
