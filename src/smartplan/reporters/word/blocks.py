"""Building blocks shared by the Word reports, one per block of templates/partials/blocks.html:
the cover, programme, budget, indicator and people tables, and the charts as Word tables (the
roadmap as a Gantt table of shaded year cells, programmes per dimension as bars)."""

from __future__ import annotations

from typing import Any

from docx.shared import Pt, RGBColor

from smartplan.report.charts import PALETTE
from smartplan.reporters.word.document import MUTED, Word, add_run, cell_margins, shade

QUICK_WIN = "1F2933"


def cover(w: Word, plan: Any, t: dict[str, str], title: str) -> None:
    w.paragraph(title, muted=True, size=12)
    add_run(w.doc.add_paragraph(style="Title"), plan.region.name)
    w.paragraph(plan.title, size=13)
    facts = [
        (t["province"], plan.region.province),
        (t["period"], plan.period_text),
        (t["stage"], plan.stage),
        (t["commitment"], plan.commitment.date_text if plan.commitment else ""),
    ]
    for label, value in facts:
        if value:
            w.paragraph(value, bold=f"{label}: ")


def program_table(
    w: Word, t: dict[str, str], plan: Any, programs: list[Any], dimension: bool = False
) -> None:
    head = [t["program_id"], t["program"]]
    head += [t["dimension"]] if dimension else []
    head += [t["horizon"], t["years"], t["lead"], t["budget_total"]]
    unknown = t["not_recorded"]
    rows = []
    for p in programs:
        row = [p.id, p.name]
        row += [p.dimension_label] if dimension else []
        horizon = p.horizon_label or (unknown if plan.missing("programs.horizon") else "")
        lead = p.lead_name or (unknown if plan.missing("programs.lead") else "")
        money = (
            p.budget_total_short
            or ", ".join(p.funding)
            or (unknown if plan.missing("programs.budget") else "")
        )
        rows.append([*row, horizon, p.years_text, lead, money])
    widths = [15.0, 44, 24, 19, 16, 27, 20] if dimension else [15.0, 55, 20, 17, 36, 22]
    table = w.table(head, rows, numeric={len(head) - 1}, widths=widths)
    for row, p in zip(table.rows[1:], programs, strict=True):
        paragraph = row.cells[1].paragraphs[0]
        if p.quick_win:
            year = f" {p.quick_win_years_text}" if p.quick_win_years_text else ""
            run = add_run(paragraph, f" ★ {t['quick_win_marker']}{year}")
            run.bold, run.font.size = True, Pt(9)
        if p.also_dimensions:
            also = ", ".join(p.also_dimensions)
            _muted(add_run(paragraph, f" · {t['also_dimensions'].lower()}: {also}"))
        if p.kind_label:
            _muted(add_run(paragraph, f" · {p.kind_label}"))
        if p.description:
            _muted(add_run(row.cells[1].add_paragraph(), p.description), 8)
        if p.partners:  # the same facts as the HTML and Markdown tables
            partners = f"{t['partners']}: {', '.join(p.partners)}"
            _muted(add_run(row.cells[1].add_paragraph(), partners), 8)


def _muted(run: Any, size: float = 9) -> None:
    run.font.size = Pt(size)
    run.font.color.rgb = MUTED


def budget_table(w: Word, t: dict[str, str], plan: Any, budget: Any) -> None:
    if not budget.rows:
        missing = plan.missing("programs.budget")
        w.paragraph(t["not_recorded"] if missing else t["no_budget"], muted=True)
        return
    head = [t["year"], *(s.short for s in budget.sources), t["total"]]
    rows = [[str(r.year), *r.cells_short, r.total_text] for r in budget.rows]
    rows.append([t["total"], *budget.source_totals_short, budget.total_text])
    share = (165 - 14 - 36) / max(len(budget.sources), 1)
    widths = [14, *(share for _ in budget.sources), 36]
    table = w.table(head, rows, numeric=set(range(1, len(head))), widths=widths, size=8)
    for cell in table.rows[-1].cells:
        for run in cell.paragraphs[0].runs:
            run.bold = True


def indicator_table(w: Word, t: dict[str, str], indicators: list[Any], kpis: bool = False) -> None:
    """Targets against actuals per year; an indicator's name and baseline span its rows.
    `kpis`: the items are the plan's KPIs (programme and indicator), with a programme column."""
    head = [t["indicator"], t["baseline"], t["year"], t["target"], t["actual"], t["achievement"]]
    if kpis:
        head.insert(0, t["program"])
    rows: list[list[str]] = []
    spans: list[tuple[int, int]] = []
    for item in indicators:
        indicator = item.indicator if kpis else item
        name = indicator.name + (f" ({indicator.unit})" if indicator.unit else "")
        if not kpis and indicator.type_label:
            name += f"\n{indicator.type_label}"
        base = indicator.baseline
        baseline = f"{base.value_text} ({base.year})" if base else ""
        spans.append((len(rows) + 1, len(indicator.rows)))
        for index, r in enumerate(indicator.rows):
            cells = [name, baseline] if index == 0 else ["", ""]
            if kpis:
                cells.insert(0, f"{item.program.id} {item.program.name}" if index == 0 else "")
            rows.append([*cells, str(r.year), r.target_text, r.actual_text, r.achievement_text])
    width = 3 if kpis else 2
    widths = [38.0, 38, 20, 15, 18, 18, 18] if kpis else [55.0, 25, 15, 23, 23, 24]
    table = w.table(head, rows, numeric={width + 1, width + 2, width + 3}, widths=widths)
    for first, count in spans:
        for column in range(width):
            if count > 1:
                table.cell(first, column).merge(table.cell(first + count - 1, column))


def ratings_table(w: Word, t: dict[str, str], ratings: list[Any]) -> None:
    """Outside ratings (SPEC §10): a table of their own, never part of the evaluation index."""
    if not ratings:
        return
    w.heading(t["ratings"], 2)
    w.table(
        [t["rating_name"], t["year"], t["result"], t["rated_by"], t["note"]],
        [[r.name, r.year, r.result, r.by, r.note] for r in ratings],
    )
    w.paragraph(t["ratings_note"], muted=True)


def people_table(w: Word, t: dict[str, str], people: list[Any], role: str) -> None:
    if not people:
        w.paragraph(t["none"], muted=True)
        return
    if any(p.served for p in people):  # when members served (SPEC §10), as the HTML shows it
        w.table(
            [t["name"], role, t["organization"], t["served"]],
            [[p.name, p.role, p.organization, p.served] for p in people],
        )
        return
    w.table(
        [t["name"], role, t["organization"]], [[p.name, p.role, p.organization] for p in people]
    )


def dimension_bars(w: Word, plan: Any, t: dict[str, str]) -> None:
    """Programmes per dimension as a table of bars (the HTML report's SVG chart, in Word)."""
    shown = [d for d in plan.dimensions if d.programs] or plan.dimensions
    if not shown:
        return
    w.paragraph(bold=t["chart_dimensions"])
    colors = {d.id: PALETTE[i % len(PALETTE)] for i, d in enumerate(plan.dimensions)}
    rows = []
    for d in shown:
        note = f" ({d.quick_wins} {t['quick_win_marker']})" if d.quick_wins else ""
        rows.append([d.label, f"{len(d.programs)}{note}", ""])
    table = w.table(None, rows, widths=[50, 30, 85])
    for row, d in zip(table.rows, shown, strict=True):
        run = row.cells[2].paragraphs[0].add_run("■" * len(d.programs))
        run.font.color.rgb = RGBColor.from_string(colors[d.id].lstrip("#").upper())


def gantt(w: Word, plan: Any, t: dict[str, str]) -> None:
    """The roadmap: one row per programme under its dimension, a shaded cell per year it runs,
    quick wins starred on a dark cell; the year header repeats on every page it spans. Only the
    roadmap's rows are drawn, as in the HTML chart: a programme without years is listed apart."""
    years = plan.roadmap.years
    runs = {id(r.program): r.cells for r in plan.roadmap.rows}  # by identity: equality is deep
    if not years or not runs:
        w.paragraph(t["none"], muted=True)
        return
    milestones = {id(r.program): r.milestones for r in plan.roadmap.rows}
    marks_of: dict[int, list[str]] = {}
    colors = {d.id: PALETTE[i % len(PALETTE)].lstrip("#") for i, d in enumerate(plan.dimensions)}
    rows: list[list[str]] = []
    marks: list[tuple[int, str, list[bool], bool]] = []
    for d in plan.dimensions:
        drawn = [p for p in d.programs if id(p) in runs]
        if not drawn:
            continue
        rows.append([d.label] + [""] * len(years))
        marks.append((len(rows), "", [], False))
        for p in drawn:
            star = "★ " if p.quick_win else ""
            rows.append([f"{star}{p.id} {p.name}"] + [""] * len(years))
            marks.append((len(rows), colors.get(d.id, "999999"), runs[id(p)], p.quick_win))
            marks_of[len(rows)] = milestones[id(p)]
    head = [t["program"], *(str(y)[-2:] if len(years) > 12 else str(y) for y in years)]
    label = 55.0
    year_width = (165 - label) / len(years)
    table = w.table(head, rows, widths=[label] + [year_width] * len(years), size=7.5)
    cell_margins(table, 0.5)
    for index, color, cells, quick in marks:
        row = table.rows[index]
        if not color:
            merged = row.cells[0].merge(row.cells[-1])
            for extra in merged.paragraphs[1:]:  # merging keeps each cell's empty paragraph
                extra._element.getparent().remove(extra._element)
            shade(merged, "EEF1F4")
            for run in merged.paragraphs[0].runs:
                run.bold = True
            continue
        for column, on in enumerate(cells, start=1):
            if on:
                shade(row.cells[column], QUICK_WIN if quick else color)
        for column, mark in enumerate(marks_of.get(index, []), start=1):
            if mark:  # a milestone that year (◆), as the HTML chart marks it
                run = row.cells[column].paragraphs[0].add_run("◆")
                run.font.size = Pt(7.5)
                run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if cells[column - 1] else MUTED
