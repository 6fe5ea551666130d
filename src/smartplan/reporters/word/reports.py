"""The four reports as Word documents, section by section as the HTML templates lay them out
(templates/masterplan.html, summary.html, quickwins.html, evaluation.html): the same view model,
the same labels, the same facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from smartplan.reporters.word import blocks as b
from smartplan.reporters.word.document import Word

T = dict[str, str]


def masterplan(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_masterplan"])
    sections = [
        (t["profile"], _profile), (t["vision_missions"], _vision),
        (t["readiness_swot"], _readiness), (t["dimensions"], _dimensions),
        (t["roadmap"], _roadmap), (t["budget"], _budget), (t["quick_wins"], _quick_wins),
        (t["regulations"], _regulations), (t["team"], _team), (t["commitment"], _commitment),
    ]  # fmt: skip
    entries = []
    for number, (title, _) in enumerate(sections, start=1):
        entries.append((1, f"{number}. {title}"))
        if title == t["dimensions"]:
            entries += [(2, f"{number}.{i} {d.label}") for i, d in enumerate(plan.dimensions, 1)]
    w.page_break()
    w.contents(t["contents"], entries, t["toc_hint"])
    for number, (title, write) in enumerate(sections, start=1):
        if number in (1, 4, 5):
            w.page_break()
        w.heading(f"{number}. {title}", 1)
        write(w, plan, t)


def _profile(w: Word, plan: Any, t: T) -> None:
    region = plan.region
    rows = [[t["region"], region.name + (f" ({region.kind_label})" if region.kind_label else "")]]
    rows += [[label, value] for label, value in (
        (t["province"], region.province), (t["region_code"], region.code),
        (t["cohort"], region.cohort)) if value]  # fmt: skip
    rows += [
        [t["period"], plan.period_text],
        [t["stage"], plan.stage],
        [t["framework"], plan.framework],
        [
            t["programs_count"],
            f"{len(plan.programs)} ({len(plan.quick_wins)} {t['quick_win_marker']})",
        ],
        [t["budget_total"], _budget_total(plan, t)],
    ]
    if plan.funding:
        rows.append([t["funding"], ", ".join(plan.funding)])
    w.table(None, rows, widths=[50, 115])
    if plan.not_recorded:
        w.paragraph(f"{t['not_recorded_note']}: {', '.join(plan.not_recorded)}.", muted=True)
    if plan.bimtek:
        w.heading(t["bimtek"], 2)
        w.table(
            [t["stage"], t["date"], t["place"], t["agenda"], t["outputs"]],
            [
                [s.stage, s.dates_text, s.place, "; ".join(s.agenda), "; ".join(s.outputs)]
                for s in plan.bimtek
            ],
        )


def _budget_total(plan: Any, t: T) -> str:
    if not plan.missing("programs.budget"):
        return str(plan.budget.total_text)
    if not plan.budget.rows:
        return t["not_recorded"]
    return f"{plan.budget.total_text} ({t['not_recorded']})"


def _none(plan: Any, t: T, path: str) -> str:
    """What an empty section says: *tidak tercatat* when the plan lists it as not recorded."""
    return t["not_recorded"] if plan.missing(path) else t["none"]


def _vision(w: Word, plan: Any, t: T) -> None:
    w.heading(t["vision"], 2)
    if plan.vision:
        w.paragraph(plan.vision)
    else:
        w.paragraph(_none(plan, t, "vision"), muted=True)
    w.heading(t["missions"], 2)
    w.items(plan.missions, _none(plan, t, "missions"), numbered=True)


def _readiness(w: Word, plan: Any, t: T) -> None:
    w.heading(t["readiness"], 2)
    if plan.readiness:
        rows = [
            [a.label, a.rating_label, "\n".join(f"• {i}" for i in a.items) or t["none"]]
            for a in plan.readiness
        ]
        w.table([t["readiness"], t["rating"], t["findings"]], rows, widths=[35, 25, 105])
        for aspect in plan.readiness:
            if aspect.gaps:
                w.heading(f"{t['gaps']} — {aspect.label}", 4)
                w.items(aspect.gaps, t["none"])
        for aspect in plan.readiness:
            if aspect.swot:
                w.heading(f"{t['swot']} — {aspect.label}", 4)
                for quadrant in aspect.swot:
                    w.paragraph(bold=quadrant.label)
                    w.items(quadrant.items, t["none"])
    else:
        w.paragraph(_none(plan, t, "readiness"), muted=True)
    w.heading(t["swot"], 2)
    if not plan.swot:
        w.paragraph(_none(plan, t, "swot"), muted=True)
    for quadrant in plan.swot:
        w.heading(quadrant.label, 4)
        w.items(quadrant.items, t["none"])


def _dimensions(w: Word, plan: Any, t: T) -> None:
    b.dimension_bars(w, plan, t)
    for number, d in enumerate(plan.dimensions, start=1):
        w.heading(f"4.{number} {d.label}", 2)
        if d.description:
            w.paragraph(d.description, muted=True)
        unknown = f"dimensions.{d.id}."
        if d.goal:
            w.paragraph(d.goal, bold=f"{t['goal']}: ")
        elif plan.missing(unknown + "goal") or plan.missing("dimensions.goal"):
            w.paragraph(t["not_recorded"], bold=f"{t['goal']}: ", muted=True)
        if d.issues or d.strategy:
            w.heading(t["issues"], 4)
            w.items(d.issues, t["none"])
            w.heading(t["strategy"], 4)
            if d.strategy:
                w.items(d.strategy, t["none"])
            elif plan.missing(unknown + "strategy") or plan.missing("dimensions.strategy"):
                w.paragraph(t["not_recorded"], muted=True)
        if d.indicators:
            w.heading(t["city_indicators"], 4)
            b.indicator_table(w, t, d.indicators)
        for element in d.elements:
            if element.programs:
                w.heading(f"{t['element']}: {element.label}", 4)
                b.program_table(w, t, plan, element.programs)
        if d.also_programs:
            also = "; ".join(f"{p.id} {p.name} ({p.dimension_label})" for p in d.also_programs)
            w.paragraph(also, bold=f"{t['also_dimensions']}: ")
        if not d.programs:
            w.paragraph(t["none"], muted=True)


def _roadmap(w: Word, plan: Any, t: T) -> None:
    b.gantt(w, plan, t)
    if plan.roadmap.rows and plan.roadmap.years:  # the note explains a drawn chart
        marks = any(r.program.milestones for r in plan.roadmap.rows) or any(
            p.start is None for p in plan.quick_wins
        )
        note = t["roadmap_note"] + (f" {t['roadmap_marks_note']}" if marks else "")
        w.paragraph(note, muted=True)
    marked = [p for p in plan.programs if p.milestones]
    if marked:
        w.heading(f"◆ {t['milestones']}", 2)
        w.items(
            [
                f"{p.id} {p.name} — {m.date_text or m.year}: {m.milestone}"
                for p in marked
                for m in p.milestones
            ],
            t["none"],
        )
    if plan.roadmap.undated:  # nothing to draw in any year: named apart, as the HTML does
        w.heading(t["undated_programs"], 2)
        w.items([_undated(p, t) for p in plan.roadmap.undated], t["none"])


def _undated(p: Any, t: T) -> str:
    return f"{p.id} {p.name}" + (f" ★ {t['quick_win_marker']}" if p.quick_win else "")


def _budget(w: Word, plan: Any, t: T) -> None:
    if plan.budget.rows and plan.budget.total > 0:
        w.paragraph(t["budget_note"], muted=True)
    b.budget_table(w, t, plan, plan.budget)


def _quick_wins(w: Word, plan: Any, t: T) -> None:
    if plan.quick_wins:
        for group in plan.quick_win_years:
            w.heading(f"{t['quick_win_year']} {group.year_text}", 2)
            b.program_table(w, t, plan, group.programs, dimension=True)
    else:
        w.paragraph(t["no_quick_wins"], muted=True)


def _regulations(w: Word, plan: Any, t: T) -> None:
    if not plan.regulations:
        w.paragraph(t["none"], muted=True)
        return
    w.table(
        [t["kind"], t["number"], t["year"], t["title"], t["status"]],
        [[r.kind_label, r.number, r.year, r.title, r.status_label] for r in plan.regulations],
    )


def _team(w: Word, plan: Any, t: T) -> None:
    for key, people in (("council", plan.council), ("implementers", plan.implementers)):
        w.heading(t[key], 2)
        if not people and plan.missing(f"team.{key}"):
            w.paragraph(t["not_recorded"], muted=True)
        else:
            b.people_table(w, t, people, t["role"])


def _commitment(w: Word, plan: Any, t: T) -> None:
    c = plan.commitment
    if c is None:
        w.paragraph(_none(plan, t, "commitment"), muted=True)
        return
    for label, value in (
        (t["date"], c.date_text),
        (t["place"], c.place),
        (t["document"], c.document),
    ):
        if value:
            w.paragraph(value, bold=f"{label}: ")
    w.heading(t["signatories"], 2)
    b.people_table(w, t, c.signatories, t["position"])


def summary(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_summary"])
    if plan.vision:
        w.heading(t["vision"], 1)
        w.paragraph(plan.vision)
    w.heading(t["key_figures"], 1)
    figures = [
        (str(len(plan.programs)), t["programs_count"]),
        (str(len(plan.quick_wins)), t["quick_wins_count"]),
        (
            t["not_recorded"]
            if plan.missing("programs.budget") and not plan.budget.rows
            else plan.budget.total_short,
            t["budget_total"],
        ),
        (plan.period_text or t["not_set"], t["period"]),
    ]
    w.table([label for _, label in figures], [[value for value, _ in figures]], size=12)
    b.dimension_bars(w, plan, t)
    # the same tables as the HTML and Markdown summaries (issue 16: one set of facts)
    w.heading(t["programs_per_dimension"], 2)
    w.table(
        [t["dimension"], t["programs_count"], t["quick_wins_count"], t["budget_total"]],
        [[d.label, str(len(d.programs)), str(d.quick_wins), d.budget_total_text]
         for d in plan.dimensions],
        numeric={1, 2, 3},
    )
    w.heading(t["budget_per_year"], 1)
    b.budget_table(w, t, plan, plan.budget)
    if plan.budget.rows:
        w.paragraph(t["budget_note"], muted=True)
    w.heading(t["quick_wins"], 1)
    if plan.quick_wins:
        b.program_table(w, t, plan, plan.quick_wins, dimension=True)
    else:
        w.paragraph(t["no_quick_wins"], muted=True)
    _summary_closing(w, plan, t)


def _summary_closing(w: Word, plan: Any, t: T) -> None:
    evaluation = plan.evaluation
    if evaluation.latest_text:
        w.heading(t["evaluation_index"], 1)
        trend = (
            f" ({t['trend_text'].lower()}: {evaluation.trend_label})"
            if evaluation.trend_label
            else ""
        )
        year = evaluation.years[-1].year
        w.paragraph(f"{t['evaluation_index']} {year}: {evaluation.latest_text}{trend}")
    if plan.commitment:
        c = plan.commitment
        w.heading(t["commitment"], 1)
        text = c.date_text + (f", {c.place}" if c.place else "")
        if plan.head_of_region:
            text += f" — {plan.head_of_region.name}, {plan.head_of_region.role}"
        w.paragraph(text)


def quickwins(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_quickwins"])
    if not plan.quick_wins:
        w.paragraph(t["no_quick_wins"], muted=True)
    for group in plan.quick_win_years:
        w.page_break()
        w.heading(f"{t['quick_win_year']} {group.year_text}", 1)
        for number, p in enumerate(group.programs):
            if number:
                w.page_break()
            _quick_win(w, plan, t, p)


def _quick_win(w: Word, plan: Any, t: T, p: Any) -> None:
    w.heading(f"{p.id} {p.name}", 2)
    element = f" · {p.element_label}" if p.element_label else ""
    unknown = t["not_recorded"]
    facts = [
        (t["dimension"], p.dimension_label + element),
        (t["quick_win_year"], str(p.quick_win_year or "")),
        (t["also_dimensions"], ", ".join(p.also_dimensions)),
        (t["kind"], p.kind_label), (t["horizon"], p.horizon_label), (t["years"], p.years_text),
        (t["lead"], p.lead_name or (unknown if plan.missing("programs.lead") else "")),
        (t["partners"], ", ".join(p.partners)),
        (t["status"], p.status_label),
        (t["budget_total"], p.budget_total_text if p.budget else
         (unknown if plan.missing("programs.budget") else "")),
        (t["funding"], ", ".join(p.funding)), (t["rpjmd"], p.rpjmd),
        (t["serves_missions"], ", ".join(str(m) for m in p.missions)),
    ]  # fmt: skip
    w.table(None, [[label, value] for label, value in facts if value], widths=[45, 120])
    if p.description:
        w.paragraph(p.description)
    if p.budget:
        w.heading(t["budget_lines"], 3)
        w.table(
            [t["year"], t["source"], t["amount"]],
            [[str(x.year or ""), x.source_label, x.amount_text] for x in p.budget],
            numeric={2},
        )
    if p.indicators:
        w.heading(t["kpis"], 3)
        b.indicator_table(w, t, p.indicators)
    if p.progress:
        w.heading(t["progress"], 3)
        w.items([_progress(r) for r in p.progress], t["none"])


def _progress(r: Any) -> str:
    text = f"{r.date_text or r.year}: "
    if r.milestone:
        text += f"◆ {r.milestone}" + ("; " if r.status_label else "")
    text += str(r.status_label)
    text += f" ({r.percent_text})" if r.percent_text else ""
    return text + (f" — {r.note}" if r.note else "")


def evaluation(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_evaluation"])
    w.page_break()
    w.heading(f"1. {t['evaluation_index']}", 1)
    e = plan.evaluation
    if e.years:
        head = [t["year"], *e.component_labels, t["index"], t["change"]]
        rows = [
            [y.label or str(y.year), *(_score(c) for c in y.components), y.index_text,
             y.change_text]
            for y in e.years
        ]  # fmt: skip
        w.table(head, rows, numeric=set(range(1, len(head))), size=8)
        note = f"{t['score']} ({t['weight'].lower()}). {t['index_formula']}"
        if e.trend_label:
            note += f" {t['trend_text']}: {e.trend_label}."
        w.paragraph(note, muted=True)
        for y in e.years:
            if y.note:
                w.paragraph(f"{y.label or y.year}: {y.note}", muted=True)
    else:
        w.paragraph(t["no_evaluations"], muted=True)
    w.heading(f"2. {t['progress']}", 1)
    _progress_table(w, plan, t)
    w.page_break()
    w.heading(f"3. {t['kpis']}", 1)
    if not plan.kpis:
        w.paragraph(t["no_kpis"], muted=True)
    for d in plan.dimensions:
        rows = [k for k in plan.kpis if k.program.dimension == d.id]
        if rows:
            w.heading(d.label, 2)
            b.indicator_table(w, t, rows, kpis=True)


def _score(component: Any) -> str:
    weight = f" ({component.weight_text})" if component.weight_text else ""
    return f"{component.score_text}{weight}"


def _progress_table(w: Word, plan: Any, t: T) -> None:
    table = plan.progress
    if not table.rows:
        w.paragraph(t["no_progress"], muted=True)
        return
    w.table(
        [t["program_id"], t["program"], t["status"], *(str(y) for y in table.years)],
        [
            [
                r.program.id,
                r.program.name + (" ★" if r.program.quick_win else ""),
                r.program.status_label,
                *r.cells,
            ]
            for r in table.rows
        ],
        numeric=set(range(3, 3 + len(table.years))),
        widths=[15, 55, 20, *([75 / max(len(table.years), 1)] * len(table.years))],
        size=8,
    )


REPORTS: dict[str, Callable[[Word, Any, T], None]] = {
    "masterplan": masterplan,
    "summary": summary,
    "quickwins": quickwins,
    "evaluation": evaluation,
}
