"""The sections of a plan's record in the view model: readiness and SWOT, the Bimtek, the team,
the regulations and the commitment, and what `not_recorded` covers (smartplan.report.model
builds the whole plan from them)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from smartplan.report import facts
from smartplan.report import formatting as fmt
from smartplan.report.data import mapping, mappings, text, texts
from smartplan.report.labels import catalogue
from smartplan.report.values import VALUES, value_label


@dataclass(frozen=True)
class Labelled:
    """A keyed list of the plan (a readiness aspect, a SWOT quadrant): label, rating, items."""

    id: str
    label: str
    rating: str
    rating_label: str
    items: list[str]
    gaps: list[str] = field(default_factory=list)  # analisis kesenjangan (§8)
    swot: list[Labelled] = field(default_factory=list)  # a SWOT of this component (§8)


@dataclass(frozen=True)
class Bimtek:
    stage: str
    dates_text: str
    place: str
    agenda: list[str]
    outputs: list[str]
    participants: list[str] = field(default_factory=list)  # shown in reports (SPEC §10)
    note: str = ""


@dataclass(frozen=True)
class Person:
    name: str
    role: str  # role in the team, or title of a signatory
    organization: str
    served: str = ""  # `since`/`until` of a team member (SPEC §10): "2019 – 2022", "since 2019"


@dataclass(frozen=True)
class Regulation:
    id: str
    kind_label: str
    number: str
    year: str
    title: str
    status_label: str


@dataclass(frozen=True)
class Commitment:
    date_text: str
    place: str
    document: str
    signatories: list[Person]


def missing(data: dict[str, Any], path: str) -> bool:
    """Does the plan's `not_recorded` cover `path` (the path itself or a section above it)?"""
    entries = texts(data.get("not_recorded"))
    return any(path == entry or path.startswith(entry + ".") for entry in entries)


def readiness(data: dict[str, Any], lang: str) -> list[Labelled]:
    """The readiness rows; a component or a rating the file does not hold says so (§8)."""
    rows = keyed(mapping(data.get("readiness")), "readiness", lang)
    word = catalogue(lang)["not_recorded"]
    result = [
        replace(row, rating_label=word)
        if not row.rating and missing(data, f"readiness.{row.id}.rating")
        else row
        for row in rows
    ]
    present = {row.id for row in rows}
    for key in ("structure", "infrastructure", "superstructure"):
        if key not in present and missing(data, f"readiness.{key}"):
            result.append(Labelled(key, value_label("readiness", key, lang), "", word, []))
    return result


def keyed(section: dict[str, Any], kind: str, lang: str) -> list[Labelled]:
    """Known keys in the catalogue's order first (struktur, infrastruktur…), then any others."""
    order = [k for k in VALUES[kind] if k in section] + [
        k for k in section if k not in VALUES[kind]
    ]
    result = []
    for key in order:
        value = section[key]
        entry = mapping(value)
        items = texts(entry.get("findings")) if isinstance(value, dict) else texts(value)
        rating = text(entry.get("rating"))
        label = value_label(kind, key, lang)
        swot = keyed(mapping(entry.get("swot")), "swot", lang) if kind == "readiness" else []
        result.append(
            Labelled(
                key,
                label,
                rating,
                value_label("rating", rating, lang),
                items,
                texts(entry.get("gaps")),
                swot,
            )
        )
    return result


def bimtek(raw: dict[str, Any], lang: str) -> Bimtek:
    return Bimtek(
        text(raw.get("stage")),
        facts.bimtek_dates(raw.get("start"), raw.get("end"), lang),
        text(raw.get("place")),
        texts(raw.get("agenda")),
        texts(raw.get("outputs")),
        texts(raw.get("participants")),
        text(raw.get("note")),
    )


def people(raw: Any, role: str, orgs: dict[str, str], lang: str = "id") -> list[Person]:
    return [
        Person(
            text(p.get("name")),
            text(p.get(role)),
            orgs.get(text(p.get("organization")), text(p.get("organization"))),
            facts.served(p, lang),
        )
        for p in mappings(raw)
    ]


def regulation(raw: dict[str, Any], lang: str) -> Regulation:
    return Regulation(
        text(raw.get("id")),
        value_label("regulation_kind", raw.get("kind"), lang),
        text(raw.get("number")),
        text(raw.get("year")),
        text(raw.get("title")),
        value_label("regulation_status", raw.get("status"), lang),
    )


def commitment(raw: dict[str, Any], orgs: dict[str, str], lang: str) -> Commitment | None:
    if not raw:
        return None
    return Commitment(
        fmt.date(raw.get("date"), lang),
        text(raw.get("place")),
        text(raw.get("document")),
        people(raw.get("signatories"), "title", orgs),
    )
