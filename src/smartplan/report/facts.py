"""The plan's record of itself (SPEC §10): the plan it replaces, the regulation that adopts it,
the RPJMD it serves, its agreements, outside ratings, and when a member served.

Each is read as "this type, or nothing" (report/data.py): a plan with findings still renders.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smartplan.report import formatting as fmt
from smartplan.report.data import mapping, mappings, text, texts, year
from smartplan.report.labels import catalogue
from smartplan.report.values import value_label


@dataclass(frozen=True)
class Fact:
    """One row of the profile: a label and what the plan says."""

    key: str  # supersedes, adopted_by, plan_rpjmd: the label's key, for templates and tests
    label: str
    value: str


@dataclass(frozen=True)
class Agreement:
    kind_label: str
    date_text: str
    number: str
    parties: list[str]  # organization names where the id is known, else as written
    title: str


@dataclass(frozen=True)
class Rating:
    """A rating or award from outside the ministry's evaluation: shown, never in the index."""

    name: str
    year: str
    result: str
    by: str
    note: str


def profile(data: dict[str, Any], lang: str) -> list[Fact]:
    """The profile's rows for `supersedes`, `adopted_by` and the plan-level `rpjmd`."""
    t = catalogue(lang)
    rows = [
        ("supersedes", superseded(data, lang)),
        ("adopted_by", adopted_by(data, lang)),
        ("plan_rpjmd", _period_and_regulation(mapping(data.get("rpjmd")))),
    ]
    return [Fact(key, t[key], value) for key, value in rows if value]


def superseded(data: dict[str, Any], lang: str) -> str:
    """The plan this one replaces, in words: `Masterplan 2017–2026 (Perbup 1.1/2018) — note`."""
    raw = mapping(data.get("supersedes"))
    if not raw:
        return ""
    t = catalogue(lang)
    period = mapping(raw.get("period"))
    years = fmt.years(year(period.get("start")), year(period.get("end")))
    named = f"{t['title_masterplan']} {years}"
    extra = [part for part in (text(raw.get("regulation")), text(raw.get("file"))) if part]
    value = named.strip() + (f" ({'; '.join(extra)})" if extra else "")
    note = text(raw.get("note"))
    return f"{value} — {note}" if note else value


def adopted_by(data: dict[str, Any], lang: str) -> str:
    """The regulation named by `adopted_by`, as its kind, number, year and title; its id when
    the plan lists no such regulation (unknown-reference reports that)."""
    ident = text(data.get("adopted_by"))
    if not ident:
        return ""
    for raw in mappings(data.get("regulations")):
        if text(raw.get("id")) == ident:
            kind = value_label("regulation_kind", raw.get("kind"), lang)
            number = " ".join(p for p in (text(raw.get("number")), text(raw.get("year"))) if p)
            head = " ".join(p for p in (kind, number) if p)
            title = text(raw.get("title"))
            if title:
                return f"{head} — {title}"
            return head if number else f"{head} ({ident})".strip()
    return ident


def _period_and_regulation(raw: dict[str, Any]) -> str:
    period = mapping(raw.get("period"))
    years = fmt.years(year(period.get("start")), year(period.get("end")))
    regulation = text(raw.get("regulation"))
    if years and regulation:
        return f"{years} ({regulation})"
    return years or regulation


def agreements(data: dict[str, Any], orgs: dict[str, str], lang: str) -> list[Agreement]:
    return [
        Agreement(
            value_label("agreement_kind", raw.get("kind"), lang),
            fmt.date(raw.get("date"), lang),
            text(raw.get("number")),
            [orgs.get(party, party) for party in texts(raw.get("parties"))],
            text(raw.get("title")),
        )
        for raw in mappings(data.get("agreements"))
    ]


def ratings(data: dict[str, Any]) -> list[Rating]:
    return [
        Rating(
            text(raw.get("name")),
            text(raw.get("year")),
            text(raw.get("result")),
            text(raw.get("by")),
            text(raw.get("note")),
        )
        for raw in mappings(data.get("ratings"))
    ]


def served(raw: dict[str, Any], lang: str) -> str:
    """When a member served: `2019 – 30 Juni 2022`, `since 2019`, `until 2022`, or ""."""
    since, until = _when(raw.get("since"), lang), _when(raw.get("until"), lang)
    t = catalogue(lang)
    if since and until:
        return f"{since} – {until}"
    if since:
        return t["since_year"].format(year=since)
    return t["until_date"].format(date=until) if until else ""


def _when(value: Any, lang: str) -> str:
    return str(value) if year(value) is not None else fmt.date(value, lang)


def bimtek_dates(start: Any, end: Any, lang: str) -> str:
    """A Bimtek's dates; with only an end date, that date as its end (`until 14 June 2022`),
    never as a one-day event."""
    if start is None and end is not None:
        return catalogue(lang)["until_date"].format(date=fmt.date(end, lang))
    return fmt.date_range(start, end, lang)
