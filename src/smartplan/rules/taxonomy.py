"""The framework's taxonomy: programmes are filed under its dimensions and elements, all covered."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, mapping


def _names(items: object) -> str:
    return ", ".join(item.id for item in items)  # type: ignore[attr-defined]


def check_dimension(context: PlanContext) -> Iterator[Problem]:
    framework = context.framework
    for pointer, program in context.programs():
        value = program.get("dimension")
        if isinstance(value, str) and framework.dimension(value) is None:
            yield Problem(
                join(pointer, "dimension"),
                _(
                    "{program} dimension '{value}' is not a dimension of {framework} ({known})",
                    program=label(program),
                    value=value,
                    framework=framework.id,
                    known=_names(framework.dimensions),
                ),
            )
        for index, other in enumerate(listed(program.get("also_dimensions"))):
            if isinstance(other, str) and framework.dimension(other) is None:
                yield Problem(
                    join(join(pointer, "also_dimensions"), index),
                    _(
                        "{program} also_dimensions '{value}' is not a dimension of "
                        "{framework} ({known})",
                        program=label(program),
                        value=other,
                        framework=framework.id,
                        known=_names(framework.dimensions),
                    ),
                )
    for key in mapping(context.data.get("dimensions")):
        if not key.startswith("x-") and framework.dimension(key) is None:
            yield Problem(
                join("/dimensions", key),
                _(
                    "'{key}' under dimensions is not a dimension of {framework} ({known})",
                    key=key,
                    framework=framework.id,
                    known=_names(framework.dimensions),
                ),
                at_key=True,
            )


UNKNOWN_DIMENSION = Rule(
    id="unknown-dimension",
    severity=Severity.ERROR,
    summary=N_("a programme's dimension (and every key of `dimensions:`) is in the framework"),
    explanation=declared("""
        Programmes are filed under the dimensions of the plan's framework (`kominfo-2017` by
        default: governance, branding, economy, living, society, environment). A dimension the
        framework does not know drops the programme from every per-dimension report. The
        same holds for each of a programme's `also_dimensions`.

        Bad:

            - {id: GOV-01, name: Mal Pelayanan Publik, dimension: goverment}

        Good:

            - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance}
        """),
    check=check_dimension,
)


def check_element(context: PlanContext) -> Iterator[Problem]:
    for pointer, program in context.programs():
        dimension = context.framework.dimension(str(program.get("dimension")))
        value = program.get("element")
        if dimension is None or not isinstance(value, str):
            continue
        if value not in {element.id for element in dimension.elements}:
            known = _names(dimension.elements) or _("none in this framework")
            yield Problem(
                join(pointer, "element"),
                _(
                    "{program} element '{value}' is not an element of dimension "
                    "'{dimension}' ({known})",
                    program=label(program),
                    value=value,
                    dimension=dimension.id,
                    known=known,
                ),
            )


UNKNOWN_ELEMENT = Rule(
    id="unknown-element",
    severity=Severity.ERROR,
    summary=N_("a programme's element belongs to its dimension"),
    explanation=declared("""
        Each dimension of `kominfo-2017` has three elements; a programme's `element` must be
        one of its own dimension's (the 2026 draft framework has no elements at all).

        Bad:

            - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, element: health}

        Good:

            - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, element: service}
        """),
    check=check_element,
)


def _covered(context: PlanContext, field: str) -> set[str]:
    # a value of the wrong type (a mapping, a list) is the schema's finding, not a crash here
    return {value for _, p in context.programs() if isinstance(value := p.get(field), str)}


def check_dimension_coverage(context: PlanContext) -> Iterator[Problem]:
    if context.stage < 2:
        return
    covered = _covered(context, "dimension") | {
        value
        for _p, program in context.programs()
        for value in listed(program.get("also_dimensions"))
        if isinstance(value, str)
    }
    for dimension in context.framework.dimensions:
        if dimension.id not in covered:
            problem = Problem(
                "/programs",
                _(
                    "no programme for dimension '{dimension}' ({label}): "
                    "from stage 2 every dimension needs one",
                    dimension=dimension.id,
                    label=dimension.label["id"],
                ),
                at_key=True,
            )
            yield context.as_counted(problem, "programs.dimension")


DIMENSION_COVERAGE = Rule(
    id="dimension-coverage",
    severity=Severity.ERROR,
    summary=N_("from stage 2, every dimension of the framework has at least one programme"),
    explanation=declared("""
        A masterplan answers every dimension of the framework: from Bimtek stage 2, when the
        programmes are drafted, each dimension needs at least one programme. A cross-cutting
        programme (a command centre serving governance, society and living) counts for its
        `dimension` and for each of its `also_dimensions`.

        Source: command centres and integrated dashboards serve several dimensions at once,
        e.g. Kota Sukabumi's 2017 "desk board" uniting some 80 SKPD applications for
        government and public services (jabarekspres.com, 26 July 2017), and the West Java
        command centres of 2022 joining CCTV, e-office, stunting and licensing data
        (republika.co.id, 10 February 2022).

        Bad (stage 2, nothing for environment):

            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, horizon: short}

        Good:

            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, horizon: short}
              - {id: ENV-01, name: Bank Sampah Digital, dimension: environment, horizon: medium}
        """),
    check=check_dimension_coverage,
)


def check_element_coverage(context: PlanContext) -> Iterator[Problem]:
    if context.stage < 3:
        return
    if context.unrecorded("programs.element") is not None:
        # unknown, not uncovered: one info instead of a finding per element (SPEC §10)
        yield context.as_recorded(
            Problem("/programs", _("the elements the programmes serve are not checked")),
            "programs.element",
        )
        return
    covered = {
        (p.get("dimension"), p.get("element"))
        for _, p in context.programs()
        if isinstance(p.get("dimension"), str) and isinstance(p.get("element"), str)
    }
    for dimension, element in context.framework.elements:
        if (dimension.id, element.id) not in covered:
            problem = Problem(
                "/programs",
                _(
                    "no programme for element '{element}' ({label}) of dimension '{dimension}'",
                    element=element.id,
                    label=element.label["id"],
                    dimension=dimension.id,
                ),
                at_key=True,
            )
            yield context.as_counted(problem, "programs.element")


ELEMENT_COVERAGE = Rule(
    id="element-coverage",
    severity=Severity.WARNING,
    summary=N_("from stage 3, every element of the framework has at least one programme (warning)"),
    explanation=declared("""
        When the programmes are finalised (stage 3), each element of each dimension should be
        served by at least one programme. A gap is a warning: it may be a deliberate choice,
        but a mentor will ask about it. A plan recovered in part that lists `programs` under
        `not_recorded` or `partly_recorded` gets these (and `dimension-coverage`) as `info`
        findings; with `programs.element` under `not_recorded` the coverage is unknown: one
        `info`, no finding per element (SPEC §10).

        Bad (stage 3, no programme for governance/policy):

            - {id: GOV-01, dimension: governance, element: service, ...}
            - {id: GOV-02, dimension: governance, element: bureaucracy, ...}

        Good:

            - {id: GOV-03, dimension: governance, element: policy, name: Perwali Smart City, ...}
        """),
    check=check_element_coverage,
)
