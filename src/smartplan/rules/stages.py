"""`stage-requirements`: what each Bimtek stage asks of the plan, cumulatively (SPEC §4)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, mapping, text, year

READINESS = {
    "structure": N_(
        "stage 1 needs the readiness analysis of structure (struktur) rated good, fair or poor"
    ),
    "infrastructure": N_(
        "stage 1 needs the readiness analysis of infrastructure (infrastruktur) "
        "rated good, fair or poor"
    ),
    "superstructure": N_(
        "stage 1 needs the readiness analysis of superstructure (suprastruktur) "
        "rated good, fair or poor"
    ),
}
SWOT = {
    "strengths": N_("stage 1 needs the SWOT analysis: list the strengths (kekuatan)"),
    "weaknesses": N_("stage 1 needs the SWOT analysis: list the weaknesses (kelemahan)"),
    "opportunities": N_("stage 1 needs the SWOT analysis: list the opportunities (peluang)"),
    "threats": N_("stage 1 needs the SWOT analysis: list the threats (ancaman)"),
}
TEAM = {
    "council": N_("stage 1 needs the team: list the Dewan Smart City under team.council"),
    "implementers": N_("stage 1 needs the team: list the Tim Pelaksana under team.implementers"),
}


def stage1(context: PlanContext) -> Iterator[Problem]:
    data = context.data
    if not listed(data.get("organizations")):
        yield Problem(
            "/organizations",
            _(
                "stage 1 needs the organizations (OPD, BUMN/BUMD, partners) "
                "under organizations:, each with an id and a name"
            ),
            at_key=True,
        )
    team = mapping(data.get("team"))
    for group, message in TEAM.items():
        if not listed(team.get(group)):
            yield Problem(f"/team/{group}", _(message), at_key=True)
    readiness = mapping(data.get("readiness"))
    for key, message in READINESS.items():
        if mapping(readiness.get(key)).get("rating") not in ("good", "fair", "poor"):
            yield Problem(f"/readiness/{key}", _(message), at_key=True)
    swot = mapping(data.get("swot"))
    for key, message in SWOT.items():
        if not listed(swot.get(key)):
            yield Problem(f"/swot/{key}", _(message), at_key=True)


def stage2(context: PlanContext) -> Iterator[Problem]:
    data = context.data
    if not text(data.get("vision")):
        yield Problem(
            "/vision", _("stage 2 needs the vision (visi) of the smart-city plan"), at_key=True
        )
    if not listed(data.get("missions")):
        yield Problem(
            "/missions",
            _("stage 2 needs the missions (misi) that carry out the vision"),
            at_key=True,
        )
    dimensions = mapping(data.get("dimensions"))
    for dimension in context.framework.dimensions:
        if not text(mapping(dimensions.get(dimension.id)).get("goal")):
            yield Problem(
                f"/dimensions/{dimension.id}/goal",
                _(
                    "stage 2 needs a goal (tujuan) for dimension '{dimension}' ({label})",
                    dimension=dimension.id,
                    label=dimension.label["id"],
                ),
                at_key=True,
            )
    for pointer, program in context.programs():
        if "horizon" not in program:
            yield Problem(
                pointer,
                _(
                    "stage 2 needs a horizon (jangka: short, medium or long) for {program}",
                    program=label(program),
                ),
            )


def stage3(context: PlanContext) -> Iterator[Problem]:
    for pointer, program in context.programs():
        dimension = context.framework.dimension(str(program.get("dimension")))
        needs = ["lead", "budget"] + (["element"] if dimension and dimension.elements else [])
        for field in sorted(needs):
            if field not in program or program[field] in ([], None):
                yield Problem(pointer, _(_WORDS[field], program=label(program)))
        indicators = [mapping(i) for i in listed(program.get("indicators"))]
        if not any(listed(i.get("targets")) for i in indicators):
            yield Problem(
                pointer,
                _(
                    "stage 3 needs at least one indicator with a target for {program}",
                    program=label(program),
                ),
            )
    if not any(p.get("quick_win") is True for _, p in context.programs()):
        yield Problem(
            "/programs", _("stage 3 needs at least one quick win (quick_win: true)"), at_key=True
        )


_WORDS = {
    "lead": N_("stage 3 needs a lead organization (penanggung jawab, lead:) for {program}"),
    "budget": N_("stage 3 needs an indicative budget (budget:, at least one line) for {program}"),
    "element": N_("stage 3 needs an element of its dimension (element:) for {program}"),
}


def stage4(context: PlanContext) -> Iterator[Problem]:
    commitment = mapping(context.data.get("commitment"))
    if "date" not in commitment:
        yield Problem(
            "/commitment/date",
            _("stage 4 needs the joint commitment (komitmen bersama) with the date it was signed"),
            at_key=True,
        )
    if not listed(commitment.get("signatories")):
        yield Problem(
            "/commitment/signatories",
            _(
                "stage 4 needs the signatories of the joint "
                "commitment (wali kota / bupati, heads of OPD, partners)"
            ),
            at_key=True,
        )
    for pointer, program in context.programs():
        if program.get("quick_win") is not True:
            continue
        start = year(program.get("start"))
        years = {year(mapping(line).get("year")) for line in listed(program.get("budget"))}
        if "lead" not in program:
            yield Problem(
                pointer,
                _(
                    "stage 4 needs a lead organization for quick win {program}",
                    program=label(program),
                ),
            )
        if start is None or start not in years:
            message = (
                _(
                    "stage 4 needs a budget line in its first year ({year}) "
                    "for quick win {program}",
                    year=start,
                    program=label(program),
                )
                if start is not None
                else _(
                    "stage 4 needs a budget line in its first year (start:) "
                    "for quick win {program}",
                    program=label(program),
                )
            )
            yield Problem(join(pointer, "budget") if "budget" in program else pointer, message)


STAGES = (stage1, stage2, stage3, stage4)


def check_stage(context: PlanContext) -> Iterator[Problem]:
    for check in STAGES[: context.stage]:
        for problem in check(context):
            yield _at_stage_line(context, problem)


def _at_stage_line(context: PlanContext, problem: Problem) -> Problem:
    """A section not written at all is asked for by the declared stage: point at `stage:`,
    not at line 1 (the JSON pointer still names what is missing)."""
    source = context.document.source
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
           infrastructure and superstructure rated good, fair or poor; all four SWOT lists.
        2. the vision and missions; a goal for every dimension; a horizon for every programme.
        3. every programme with an element, a lead, a budget and an indicator with a target;
           at least one quick win.
        4. the joint commitment (komitmen bersama) with a date and signatories; every quick
           win with a lead and a budget line in its own first year.

        A finding about a section not written at all points at the `stage:` line.
        `smartplan validate --stage 3` shows what is still missing for the next stage.

        Bad (stage 2):

            stage: 2
            vision: ""

        Good:

            stage: 2
            vision: "Batam Kota Modern, Cerdas dan Berdaya Saing 2029"
            missions: ["Mewujudkan tata kelola pemerintahan digital yang melayani"]
        """),
    check=check_stage,
)
