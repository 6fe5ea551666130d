"""The ministry's evaluations: every component scored is weighted and every weight is scored."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.domain.metrics import COMPONENT_KEY
from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import mapping, year


def check_components(context: PlanContext) -> Iterator[Problem]:
    """A score without a weight (or the reverse) would silently drop out of the index."""
    for pointer, evaluation in context.items("evaluations"):
        weights, scores = mapping(evaluation.get("weights")), mapping(evaluation.get("scores"))
        when = year(evaluation.get("year"))
        for key in scores:
            if _component(key) and key not in weights and "weights" in evaluation:
                yield Problem(
                    join(join(pointer, "scores"), key),
                    _(
                        "evaluation {year}: component '{component}' has a score but no weight",
                        year=when,
                        component=key,
                    ),
                    at_key=True,
                )
        for key in weights:
            if _component(key) and key not in scores and "scores" in evaluation:
                yield Problem(
                    join(join(pointer, "weights"), key),
                    _(
                        "evaluation {year}: component '{component}' has a weight but no score",
                        year=when,
                        component=key,
                    ),
                    at_key=True,
                )


def _component(key: object) -> bool:
    return isinstance(key, str) and COMPONENT_KEY.fullmatch(key) is not None


EVALUATION = Rule(
    id="evaluation",
    severity=Severity.ERROR,
    summary=N_("every evaluation component with a score has a weight, and the reverse"),
    explanation=declared("""
        The evaluation index is Σ (weight × score) / Σ weight over every component that has
        both. The components change with the year and the cohort. The ministry's evaluation
        guide for the 2021 cohort (regions of the national strategic tourism areas and of the
        new capital, KPPN/IKN) sets five components, baseline, output, outcome, impact and
        quick win (Kementerian Kominfo, Ditjen Aptika: "Pedoman Evaluasi Smart City 2021,
        Gerakan Smart City Nasional", version 2.0; id.scribd.com/document/611947415); the
        region's evaluation report of 2023 Tahap II (held for the cohort in November 2023, e.g.
        Kabupaten Paser on 8 November: kaltim.tribunnews.com) weighs them 10/20/20/20/20 and
        adds a sixth, Program Kolaborasi, with 10. Any lowercase key is a component; give its
        name under `components`. A score without a weight, or a weight without a score, would
        leave that component out of the index without a word, so it is an error at that key.
        An evaluation that records only its scores, or only its weights, is not checked.

        Bad:

            evaluations:
              - year: 2023
                round: 2
                weights: {baseline: 10, output: 20, outcome: 20, impact: 20, quick_win: 20}
                scores: {baseline: 3.0, output: 3.1, outcome: 2.9, impact: 2.8, quick_win: 3.0,
                         kolaborasi: 2.8}

        Good:

            evaluations:
              - year: 2023
                round: 2
                components: {kolaborasi: Program Kolaborasi}
                weights: {baseline: 10, output: 20, outcome: 20, impact: 20, quick_win: 20,
                          kolaborasi: 10}
                scores: {baseline: 3.0, output: 3.1, outcome: 2.9, impact: 2.8, quick_win: 3.0,
                         kolaborasi: 2.8}
        """),
    check=check_components,
)
