"""`stage-requirements`: what each Bimtek stage asks of the plan, cumulatively (SPEC §4, §8).

Every requirement names the dotted topics it is about (`swot.threats`, `programs.budget`): a
topic the plan lists under `not_recorded` turns the requirement into an `info` finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from smartplan.domain.metrics import is_quick_win
from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, mapping, text, year

READINESS = {
    "structure": "struktur",
    "infrastructure": "infrastruktur",
    "superstructure": "suprastruktur",
}
SWOT = {
    "strengths": "kekuatan",
    "weaknesses": "kelemahan",
    "opportunities": "peluang",
    "threats": "ancaman",
}
RATINGS = ("good", "fair", "poor")

Need = tuple[tuple[str, ...], Problem]  # (topics, problem)


def _complete_swot(value: object) -> bool:
    swot = mapping(value)
    return all(listed(swot.get(key)) for key in SWOT)


def stage1(context: PlanContext) -> Iterator[Need]:
    data = context.data
    if not listed(data.get("organizations")):
        yield (
            ("organizations",),
            Problem(
                "/organizations",
                _(
                    "stage 1 needs the organizations (OPD, BUMN/BUMD, partners) "
                    "under organizations:, each with an id and a name"
                ),
                at_key=True,
            ),
        )
    team = mapping(data.get("team"))
    for group, word in (("council", "Dewan Smart City"), ("implementers", "Tim Pelaksana")):
        if not listed(team.get(group)):
            yield (
                (f"team.{group}",),
                Problem(
                    f"/team/{group}",
                    _(
                        "stage 1 needs the team: list the {word} under team.{group}",
                        word=word,
                        group=group,
                    ),
                    at_key=True,
                ),
            )
    readiness = mapping(data.get("readiness"))
    for key, word in READINESS.items():
        if mapping(readiness.get(key)).get("rating") not in RATINGS:
            yield (
                (f"readiness.{key}.rating",),
                Problem(
                    f"/readiness/{key}",
                    _(
                        "stage 1 needs the readiness analysis of {key} ({word}) "
                        "rated good, fair or poor",
                        key=key,
                        word=word,
                    ),
                    at_key=True,
                ),
            )
    # the plan-wide SWOT, or a SWOT for every rated readiness component (§8)
    rated = [mapping(v) for v in readiness.values() if mapping(v).get("rating") in RATINGS]
    if rated and all(_complete_swot(component.get("swot")) for component in rated):
        return
    swot = mapping(data.get("swot"))
    for key, word in SWOT.items():
        if not listed(swot.get(key)):
            yield (
                (f"swot.{key}",),
                Problem(
                    f"/swot/{key}",
                    _(
                        "stage 1 needs the SWOT analysis: list the {key} ({word}), "
                        "or a SWOT for every rated readiness component",
                        key=key,
                        word=word,
                    ),
                    at_key=True,
                ),
            )


def stage2(context: PlanContext) -> Iterator[Need]:
    data = context.data
    if not text(data.get("vision")):
        yield (
            ("vision",),
            Problem(
                "/vision", _("stage 2 needs the vision (visi) of the smart-city plan"), at_key=True
            ),
        )
    if not listed(data.get("missions")):
        yield (
            ("missions",),
            Problem(
                "/missions",
                _("stage 2 needs the missions (misi) that carry out the vision"),
                at_key=True,
            ),
        )
    dimensions = mapping(data.get("dimensions"))
    for dimension in context.framework.dimensions:
        if not text(mapping(dimensions.get(dimension.id)).get("goal")):
            yield (
                (f"dimensions.{dimension.id}.goal", "dimensions.goal"),
                Problem(
                    f"/dimensions/{dimension.id}/goal",
                    _(
                        "stage 2 needs a goal (tujuan) for dimension '{id}' ({label})",
                        id=dimension.id,
                        label=dimension.label["id"],
                    ),
                    at_key=True,
                ),
            )
    for pointer, program in context.programs():
        if "horizon" not in program:
            yield (
                ("programs.horizon",),
                Problem(
                    pointer,
                    _(
                        "stage 2 needs a horizon (jangka: short, medium or long) for {program}",
                        program=label(program),
                    ),
                ),
            )


_WORDS = {
    "lead": N_("a lead organization (penanggung jawab, lead:)"),
    "budget": N_("an indicative budget (budget:, at least one line)"),
    "element": N_("an element of its dimension (element:)"),
}


def stage3(context: PlanContext) -> Iterator[Need]:
    for pointer, program in context.programs():
        dimension = context.framework.dimension(str(program.get("dimension")))
        needs = ["lead", "budget"] + (["element"] if dimension and dimension.elements else [])
        for field in sorted(needs):
            if field not in program or program[field] in ([], None):
                yield (
                    (f"programs.{field}",),
                    Problem(
                        pointer,
                        _(
                            "stage 3 needs {what} for {program}",
                            what=_(_WORDS[field]),
                            program=label(program),
                        ),
                    ),
                )
        indicators = [mapping(i) for i in listed(program.get("indicators"))]
        if not any(listed(i.get("targets")) for i in indicators):
            yield (
                ("programs.indicators",),
                Problem(
                    pointer,
                    _(
                        "stage 3 needs at least one indicator with a target for {program}",
                        program=label(program),
                    ),
                ),
            )
    quick = [p for _p, p in context.programs() if is_quick_win(p)]
    if not quick:
        yield (
            ("programs.quick_win",),
            Problem(
                "/programs",
                _("stage 3 needs at least one quick win (quick_win: true, or the year it is one)"),
                at_key=True,
            ),
        )
    dimensions = mapping(context.data.get("dimensions"))
    for dimension in context.framework.dimensions:
        if not listed(mapping(dimensions.get(dimension.id)).get("strategy")):
            yield (
                (f"dimensions.{dimension.id}.strategy", "dimensions.strategy"),
                Problem(
                    f"/dimensions/{dimension.id}/strategy",
                    _(
                        "stage 3 needs a strategy (strategi) for dimension '{id}' ({label})",
                        id=dimension.id,
                        label=dimension.label["id"],
                    ),
                    at_key=True,
                ),
            )
    served = {
        value
        for program in quick
        for value in [program.get("dimension"), *listed(program.get("also_dimensions"))]
        if isinstance(value, str)
    }
    level = Severity.WARNING if _per_dimension(context) else Severity.INFO
    for dimension in context.framework.dimensions:
        if quick and dimension.id not in served:
            yield (
                ("programs.quick_win", "programs"),
                Problem(
                    "/programs",
                    _(
                        "no quick win serves dimension '{id}' ({label}): "
                        "mentors ask for a quick win in every dimension",
                        id=dimension.id,
                        label=dimension.label["id"],
                    ),
                    at_key=True,
                    severity=level,
                ),
            )


def _per_dimension(context: PlanContext) -> bool:
    """Are quick wins asked for per dimension (SPEC §10)? The settings say so, else the
    cohort: 2020 and later yes; the 2017–2019 cohorts were asked for about three in all."""
    if context.quick_win_per_dimension is not None:
        return context.quick_win_per_dimension
    cohort = year(mapping(context.data.get("region")).get("cohort"))
    return cohort is not None and cohort >= 2020


def stage4(context: PlanContext) -> Iterator[Need]:
    commitment = mapping(context.data.get("commitment"))
    if "date" not in commitment:
        yield (
            ("commitment.date",),
            Problem(
                "/commitment/date",
                _(
                    "stage 4 needs the joint commitment (komitmen bersama) "
                    "with the date it was signed"
                ),
                at_key=True,
            ),
        )
    signatories = [mapping(s) for s in listed(commitment.get("signatories"))]
    if not signatories:
        yield (
            ("commitment.signatories",),
            Problem(
                "/commitment/signatories",
                _(
                    "stage 4 needs the signatories of the joint "
                    "commitment (wali kota / bupati, heads of OPD, partners)"
                ),
                at_key=True,
            ),
        )
    elif not any(s.get("role") == "head" for s in signatories):
        yield (
            ("commitment.signatories",),
            Problem(
                "/commitment/signatories",
                _(
                    "stage 4 needs the head of region (wali kota / bupati) among the signatories "
                    "of the joint commitment: mark that signatory with role: head"
                ),
                at_key=True,
            ),
        )
    for pointer, program in context.programs():
        if not is_quick_win(program):
            continue
        start = year(program.get("start"))
        years = {year(mapping(line).get("year")) for line in listed(program.get("budget"))}
        if "lead" not in program:
            yield (
                ("programs.lead",),
                Problem(
                    pointer,
                    _(
                        "stage 4 needs a lead organization for quick win {program}",
                        program=label(program),
                    ),
                ),
            )
        if start is None or start not in years:
            when = (
                _("its first year ({start})", start=start)
                if start is not None
                else _("its first year (start:)")
            )
            yield (
                ("programs.budget",),
                Problem(
                    join(pointer, "budget") if "budget" in program else pointer,
                    _(
                        "stage 4 needs a budget line in {when} for quick win {program}",
                        when=when,
                        program=label(program),
                    ),
                ),
            )


STAGES = (stage1, stage2, stage3, stage4)


def check_stage(context: PlanContext) -> Iterator[Problem]:
    for check in STAGES[: context.stage]:
        for topics, problem in check(context):
            yield _at_stage_line(context, _explained(context, problem, topics))


def _explained(context: PlanContext, problem: Problem, topics: tuple[str, ...]) -> Problem:
    """A requirement over a whole section (it counts items: a pointer into no list item) is
    explained by `partly_recorded` too; one about a recorded item is checked in full (§10)."""
    if any(part.isdigit() for part in problem.pointer.split("/")):
        return context.as_recorded(problem, *topics)
    return context.as_counted(problem, *topics)


def _at_stage_line(context: PlanContext, problem: Problem) -> Problem:
    """A section not written at all is asked for by the declared stage: point at `stage:`,
    not at line 1 (the JSON pointer still names what is missing)."""
    source = context.document.source.ready()  # a lazy map (clean plans) is filled here
    top = "/" + problem.pointer.split("/")[1] if problem.pointer.startswith("/") else ""
    written = top in source.keys or top in source.values
    if top and not written and "/stage" in source.keys:
        return replace(problem, near="/stage")
    return problem


STAGE_REQUIREMENTS = Rule(
    id="stage-requirements",
    severity=Severity.ERROR,
    summary=N_("the plan has what its Bimtek stage requires (validate --stage N checks as at N)"),
    explanation=declared("""
        Requirements grow with the Bimtek stage the plan declares (`stage:`), cumulatively:

        1. organizations; the team (council and implementers); readiness of structure,
           infrastructure and superstructure rated good, fair or poor; the SWOT: all four
           lists of the plan-wide `swot`, or a `swot` for every rated readiness component.
        2. the vision and missions; a goal for every dimension; a horizon for every programme.
        3. every programme with an element, a lead, a budget and an indicator with a target;
           at least one quick win; a strategy for every dimension; a dimension that no quick
           win serves (its `dimension` or `also_dimensions`) is a warning for the cohorts of
           2020 and later, asked for quick wins per dimension, and an info for the 2017–2019
           cohorts, asked for about three quick wins in all (`region.cohort`; without a
           cohort, an info). `quick_win_per_dimension: true` in `.smartplan.yaml` makes it a
           warning for every plan, `false` an info always.
        4. the joint commitment (komitmen bersama) with a date and signatories, one of them
           the head of region with `role: head`; every quick win with a lead and a budget line
           in its own first year.

        Sections listed in `not_recorded` (a plan recovered in part: the real document had
        them, this file does not) turn their requirements into `info` findings, never errors:
        `not_recorded: [swot, team, programs.budget, dimensions.strategy]`.
        Sections listed in `partly_recorded` (the file holds some of them, e.g. some of the
        programmes) turn the requirements that count their items into `info` ("at least one
        quick win", a quick win per dimension, a strategy for every dimension); what each
        recorded item needs (a programme's lead, budget, indicator) is still checked in full.

        Sources: the four Bimtek stages and their outputs (Buku 1–4) follow the Kominfo guide
        Panduan Penyusunan Masterplan Smart City (2021, id.scribd.com/document/611947539); the
        joint commitment is signed by the head of region, e.g. the mayor of Batam on
        6 September 2022 (SPEC §1, §8); quick wins are discussed per dimension at Bimtek III
        (Kota Sawahlunto, 7 September 2023: diskominfo.sawahluntokota.go.id: "Quick Win per
        dimensi"); the 2017–2019 cohorts were asked for about three quick wins in all, and
        their masterplans hold that many (SPEC §10, from the masterplans of those cohorts
        transcribed into examples/).

        A finding about a section not written at all points at the `stage:` line.
        `smartplan validate --stage 3` shows what is still missing for the next stage.

        Bad (stage 4):

            commitment:
              date: 2022-09-06
              signatories: [{name: Muhammad Rudi, title: Wali Kota Batam}]

        Good:

              signatories: [{name: Muhammad Rudi, title: Wali Kota Batam, role: head}]
        """),
    check=check_stage,
)
