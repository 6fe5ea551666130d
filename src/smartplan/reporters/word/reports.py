"""The four reports as Word documents, section by section as the HTML templates lay them out
(templates/summary.html, quickwins.html, evaluation.html here; the masterplan book in book.py):
the same view model, the same labels, the same facts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from smartplan.reporters.word import blocks as b
from smartplan.reporters.word.book import masterplan
from smartplan.reporters.word.document import Word

T = dict[str, str]


def summary(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_summary"])
    if plan.vision:
        w.heading(t["vision"], 1)
        w.paragraph(plan.vision)
    w.heading(t["key_figures"], 1)
    figures = [
        (plan.programs_count, t["programs_count"]),
        (plan.quick_wins_count, t["quick_wins_count"]),
        (
            t["not_recorded"]
            if plan.missing("programs.budget") and not plan.budget.rows
            else plan.budget.total_short
            + (f" ({t['partly_recorded']})" if _partly_budget(plan) else ""),
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
        [[d.label, d.programs_count, d.quick_wins_count, d.budget_total_text]
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
        w.paragraph(plan.no_quick_wins, muted=True)
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
        beside = evaluation.latest_computed
        latest = evaluation.latest_text + (f" ({t['computed_index']} {beside})" if beside else "")
        w.paragraph(f"{t['evaluation_index']} {year}: {latest}{trend}")
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
        w.paragraph(plan.no_quick_wins, muted=True)
    for group in plan.quick_win_years:
        w.page_break()
        w.heading(group.heading, 1)
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
        (t["quick_win_year"], p.quick_win_years_text),
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


def _index(y: Any, t: T) -> str:
    """The index as the HTML table shows it: the computed one beside a published that differs."""
    shown = str(y.index_text)
    return shown + (f" ({t['computed_index']} {y.computed_text})" if y.computed_text else "")


def evaluation(w: Word, plan: Any, t: T) -> None:
    b.cover(w, plan, t, t["title_evaluation"])
    w.page_break()
    w.heading(f"1. {t['evaluation_index']}", 1)
    e = plan.evaluation
    if e.years:
        head = [t["year"], *e.component_labels, t["index"], t["change"]]
        rows = [
            [y.label or str(y.year), *(_score(c) for c in y.components), _index(y, t),
             y.change_text]
            for y in e.years
        ]  # fmt: skip
        w.table(head, rows, numeric=set(range(1, len(head))), size=8)
        note = f"{t['score']} ({t['weight'].lower()}). {t['index_formula']}"
        if e.method_note:
            note += f" {t['published_note']}"
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
    b.ratings_table(w, t, plan.ratings)


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


def _partly_budget(plan: Any) -> bool:
    """Budgets recorded in part (not recorded at all dominates: nothing to mark)."""
    return bool(plan.partly("programs.budget")) and not plan.missing("programs.budget")
