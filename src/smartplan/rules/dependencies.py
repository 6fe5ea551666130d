"""`depends_on`: no cycles, and no programme starts before what it depends on."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, year


def _graph(context: PlanContext) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Program id → ids it depends on (existing ones only), and id → pointer."""
    pointers = {
        p["id"]: pointer for pointer, p in context.programs() if isinstance(p.get("id"), str)
    }
    edges = {
        p["id"]: [d for d in listed(p.get("depends_on")) if isinstance(d, str) and d in pointers]
        for _, p in context.programs()
        if isinstance(p.get("id"), str)
    }
    return edges, pointers


def find_cycles(edges: dict[str, list[str]]) -> list[list[str]]:
    """One cycle per strongly connected knot, each starting at its smallest id (iterative DFS)."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    cycles: list[list[str]] = []
    for root in sorted(edges):
        if root in state:
            continue
        path, stack = [root], [iter(sorted(edges[root]))]
        state[root] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                turn = cycle.index(min(cycle))
                cycles.append(cycle[turn:] + cycle[:turn])
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(edges[nxt])))
    return sorted(cycles)


def check_cycles(context: PlanContext) -> Iterator[Problem]:
    edges, pointers = _graph(context)
    for cycle in find_cycles(edges):
        loop = " → ".join([*cycle, cycle[0]])
        yield Problem(
            join(pointers[cycle[0]], "depends_on"), _("dependency cycle: {cycle}", cycle=loop)
        )


DEPENDENCY_CYCLE = Rule(
    id="dependency-cycle",
    severity=Severity.ERROR,
    summary=N_("`depends_on` has no cycle (the message names it)"),
    explanation=declared("""
        `depends_on` says a programme needs others first. A cycle (A needs B, B needs A) can
        never start; the finding names the cycle, e.g. `GOV-03 → GOV-05 → GOV-03`.

        Bad:

            - {id: GOV-03, name: Satu Data, dimension: governance, depends_on: [GOV-05]}
            - {id: GOV-05, name: Pusat Data, dimension: governance, depends_on: [GOV-03]}

        Good:

            - {id: GOV-03, name: Satu Data, dimension: governance, depends_on: [GOV-05]}
            - {id: GOV-05, name: Pusat Data, dimension: governance}
        """),
    check=check_cycles,
)


def check_order(context: PlanContext) -> Iterator[Problem]:
    starts = {
        p["id"]: year(p.get("start")) for _, p in context.programs() if isinstance(p.get("id"), str)
    }
    for pointer, program in context.programs():
        start = year(program.get("start"))
        for needed in listed(program.get("depends_on")):
            before = starts.get(needed) if isinstance(needed, str) else None
            if start is not None and before is not None and start < before:
                yield Problem(
                    join(pointer, "start"),
                    _(
                        "{program} starts in {start}, before {needed} "
                        "(which it depends on) starts in {before}",
                        program=label(program),
                        start=start,
                        needed=needed,
                        before=before,
                    ),
                )


DEPENDENCY_ORDER = Rule(
    id="dependency-order",
    severity=Severity.ERROR,
    summary=N_("a programme does not start before the programmes it depends on start"),
    explanation=declared("""
        A programme that depends on another cannot start before that one starts.

        Bad:

            - {id: GOV-03, name: Satu Data, dimension: governance, start: 2023,
               depends_on: [GOV-05]}
            - {id: GOV-05, name: Pusat Data, dimension: governance, start: 2024}

        Good:

            - {id: GOV-03, name: Satu Data, dimension: governance, start: 2024,
               depends_on: [GOV-05]}
            - {id: GOV-05, name: Pusat Data, dimension: governance, start: 2024}
        """),
    check=check_order,
)
