"""Identity and references: ids are unique; every reference names an id that exists."""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterator

from smartplan.domain.metrics import evaluation_round
from smartplan.findings import Severity
from smartplan.hints import did_you_mean
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, mapping, year

SECTIONS = {"programs": "program", "organizations": "organization", "regulations": "regulation"}


def ids(context: PlanContext, section: str) -> set[str]:
    return {item["id"] for _, item in context.items(section) if isinstance(item.get("id"), str)}


REPEATED = {
    "program": N_("program id '{id}' is used again (first at line {line})"),
    "organization": N_("organization id '{id}' is used again (first at line {line})"),
    "regulation": N_("regulation id '{id}' is used again (first at line {line})"),
}


def check_unique(context: PlanContext) -> Iterator[Problem]:
    for section, kind in SECTIONS.items():
        first: dict[str, str] = {}
        for pointer, item in context.items(section):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first:
                line = context.document.locate(first[ident]).line
                yield Problem(join(pointer, "id"), _(REPEATED[kind], id=ident, line=line))
            else:
                first[ident] = join(pointer, "id")
    yield from _evaluation_rounds(context)


def _evaluation_rounds(context: PlanContext) -> Iterator[Problem]:
    """(year, round) identifies an evaluation: a year evaluated twice needs both rounds (§8)."""
    seen: dict[int, list[tuple[int | None, str]]] = {}
    for pointer, evaluation in context.items("evaluations"):
        when, number = year(evaluation.get("year")), evaluation_round(evaluation)
        if when is None:
            continue
        earlier = seen.setdefault(when, [])
        clash = next((p for r, p in earlier if r == number or r is None or number is None), None)
        if clash is not None:
            line = context.document.locate(clash).line
            yield Problem(
                join(pointer, "round" if "round" in evaluation else "year"),
                _(
                    "evaluation {year} round {round} is listed again (first at line {line})",
                    year=when,
                    round=number,
                    line=line,
                )
                if number is not None
                else _(
                    "evaluation {year} is listed again (first at line {line}): "
                    "give each of the year's rounds its round: 1 or 2",
                    year=when,
                    line=line,
                ),
            )
        earlier.append((number, pointer))


UNIQUE_ID = Rule(
    id="unique-id",
    severity=Severity.ERROR,
    summary=N_("ids are unique within programs, organizations and regulations"),
    explanation=declared("""
        A programme, an organization or a regulation is referred to by its id (in `lead`,
        `partners`, `depends_on`, `regulations`); two items with one id make every such
        reference ambiguous. The finding points at the second use and names the first.

        Evaluations are identified by year and round: the ministry evaluates twice in some
        years (Tahap I in June, Tahap II in October–November; e.g. Kota Kotamobagu, 29 October
        2024, after the first round in June: detikawanua.com), so two entries for one year
        each need their `round: 1` or `round: 2`.

        Bad:

            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance}
              - {id: GOV-01, name: Aplikasi SIPADU, dimension: governance}

        Good:

            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance}
              - {id: GOV-02, name: Aplikasi SIPADU, dimension: governance}
        """),
    check=check_unique,
)


# (field, section it must name, message): one whole sentence per kind of reference
PROGRAM_REFERENCES = (
    ("partners", "organizations", N_("{program} partners '{value}' is not an organization id")),
    ("depends_on", "programs", N_("{program} depends_on '{value}' is not a program id")),
    ("regulations", "regulations", N_("{program} regulations '{value}' is not a regulation id")),
)
CONSEQUENCE = N_(
    "{message} (probably a consequence: include '{include}' at line {line} could not be read, "
    "fix that first)"
)
MISSIONS = N_(
    "{program} missions {value} is not a mission number: the plan lists {count} missions "
    "(1–{count})"
)
LEAD = N_("{program} lead '{value}' is not an organization id")
TEAM = {
    "council": N_(
        "team council member {program}: organization '{value}' is not an organization id"
    ),
    "implementers": N_(
        "team implementers member {program}: organization '{value}' is not an organization id"
    ),
    "forum": N_("team forum member {program}: organization '{value}' is not an organization id"),
}
ADOPTED_BY = N_("adopted_by '{value}' is not a regulation id")


def _references(context: PlanContext) -> Iterator[tuple[str, object, str, str, str]]:
    """(pointer, value, what it must be, message, program) for every reference in the plan."""
    for pointer, program in context.programs():
        who = label(program)
        if "lead" in program:
            yield join(pointer, "lead"), program["lead"], "organizations", LEAD, who
        for field, target, message in PROGRAM_REFERENCES:
            for index, value in enumerate(listed(program.get(field))):
                yield join(join(pointer, field), index), value, target, message, who
    count = len(listed(context.data.get("missions")))
    for pointer, program in context.programs():
        for index, number in enumerate(listed(program.get("missions"))):
            if year(number) is not None and not 1 <= number <= count:
                yield (
                    join(join(pointer, "missions"), index),
                    number,
                    "missions",
                    MISSIONS,
                    label(program),
                )
    for group, message in TEAM.items():
        for index, person in enumerate(listed(mapping(context.data.get("team")).get(group))):
            if isinstance(person, dict) and "organization" in person:
                where = join(join(f"/team/{group}", index), "organization")
                # the organization is wrong, not the member: say whose organization it is
                name = person.get("name")
                member = name if isinstance(name, str) and name else str(index + 1)
                yield where, person["organization"], "organizations", message, member
    if "adopted_by" in context.data:  # the regulation that adopts the plan (SPEC §10)
        yield "/adopted_by", context.data["adopted_by"], "regulations", ADOPTED_BY, ""


def check_references(context: PlanContext) -> Iterator[Problem]:
    known = {section: ids(context, section) for section in SECTIONS}
    hints: dict[str, Hints] = {}  # built on the first broken reference of a section
    unread = context.document.unread
    missions = len(listed(context.data.get("missions")))
    for pointer, value, section, message, who in _references(context):
        if section == "missions":
            if context.unrecorded("missions") is None:
                yield Problem(pointer, _(message, program=who, value=value, count=missions))
            continue
        if isinstance(value, str) and value not in known[section]:
            text = _(message, program=who, value=value)
            if unread:
                # the id may well be in the fragment that could not be read: say so, guess not
                entry, line = unread[0]
                yield Problem(pointer, _(CONSEQUENCE, message=text, include=entry, line=line))
            else:
                if section not in hints:
                    hints[section] = Hints(known[section])
                close = hints[section].closest(value)
                yield Problem(pointer, did_you_mean(text, close), suggestion=close or "")


def references(context: PlanContext) -> Iterator[tuple[str, object, str, str]]:
    """(pointer, value, what it must be, who refers) for every reference in the plan (the
    language server's find-references)."""
    for pointer, value, section, _message, who in _references(context):
        yield pointer, value, section, who


class Hints:
    """The closest id to a broken reference (difflib's ratio ≥ 0.6), at a bounded cost.

    Up to POOL ids every id is compared, as difflib would. Beyond that the ids are indexed
    once by their three-character pieces, and a reference is compared only with the POOL
    ids that share the most pieces with it, each piece contributing at most PER_PIECE ids
    (rarest pieces first): the cost per reference stays flat however many programmes a plan
    has (it grew with their square: 3 s at 8,000 programmes)."""

    POOL = 256
    PER_PIECE = 512

    def __init__(self, known: set[str]) -> None:
        self.ids = sorted(known)
        self.index: dict[str, list[str]] = {}
        self.memo: dict[str, str | None] = {}
        if len(self.ids) > self.POOL:
            for ident in self.ids:
                for piece in _pieces(ident):
                    self.index.setdefault(piece, []).append(ident)

    def closest(self, value: str) -> str | None:
        if value not in self.memo:
            close = difflib.get_close_matches(value, self._pool(value), n=1)
            self.memo[value] = close[0] if close else None
        return self.memo[value]

    def _pool(self, value: str) -> list[str]:
        if not self.index:
            return self.ids
        shared: dict[str, int] = {}
        postings = (self.index.get(piece, ()) for piece in _pieces(value))
        for posting in sorted(postings, key=len):
            for ident in posting[: self.PER_PIECE]:
                shared[ident] = shared.get(ident, 0) + 1
        return heapq.nlargest(self.POOL, shared, key=lambda ident: (shared[ident], ident))


def _pieces(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


UNKNOWN_REFERENCE = Rule(
    id="unknown-reference",
    severity=Severity.ERROR,
    summary=N_("lead, partners, team organizations, depends_on, regulations and missions exist"),
    explanation=declared("""
        References tie the plan together: a programme's `lead` and `partners` and every team
        member's `organization` name an id under `organizations`; `depends_on`
        names programme ids; a programme's `regulations` and the plan's `adopted_by` (the
        regulation that adopts the masterplan) name ids under `regulations`; a
        programme's `missions` are 1-based numbers of the plan's `missions` (unless `missions`
        is in `not_recorded`). A typo breaks the link silently in every report, so it is an
        error.

        Bad:

            organizations: [{id: diskominfo, name: Dinas Komunikasi dan Informatika}]
            programs:
              - {id: GOV-03, name: Satu Data, dimension: governance, lead: diskominf}

        Good:

            programs:
              - {id: GOV-03, name: Satu Data, dimension: governance, lead: diskominfo}
        """),
    check=check_references,
)
