"""Charts as inline SVG, drawn in Python (no JavaScript): the roadmap as a Gantt chart, the
budget per year stacked by source, programmes per dimension and the evaluation index per year.

Sized in CSS pixels for an A4 page (about 720 px of text width), so print keeps the type readable.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from smartplan.report import formatting as fmt
from smartplan.report import svg

if TYPE_CHECKING:
    from smartplan.report.figures import BudgetTable, RoadmapRow
    from smartplan.report.model import Plan
    from smartplan.report.programs import Program

WIDTH = 720
# Okabe–Ito colours: told apart with common colour-vision deficiencies and in greyscale print
PALETTE = ("#0072B2", "#CC79A7", "#E69F00", "#009E73", "#56B4E9", "#8F7A00", "#7F6A93", "#999999")
SOURCE_COLORS = {
    "apbd": "#0072B2", "apbn": "#E69F00", "dak": "#009E73", "kpbu": "#CC79A7",
    "csr": "#56B4E9", "private": "#D55E00", "grant": "#F0E442", "other": "#999999",
}  # fmt: skip
QUICK_WIN = "#1f2933"  # an ink outline: told apart from every fill, also in greyscale print
MILESTONE = "#D55E00"  # vermilion: apart from the dimension fills, also for colour-blind readers
ROWS_PER_CHART = 36  # a Gantt chart taller than this would not fit on one printed page


def charts(plan: Plan, t: dict[str, str]) -> dict[str, object]:
    """Every chart of a plan, as the templates' `charts`: `roadmap` is a list (one SVG per page)."""
    return {
        "roadmap": roadmap(plan, t),
        "budget": budget(plan, t),
        "dimensions": dimensions(plan, t),
        "evaluation": evaluation(plan, t),
    }


def _colors(plan: Plan) -> dict[str, str]:
    return {d.id: PALETTE[i % len(PALETTE)] for i, d in enumerate(plan.dimensions)}


def _chunks(plan: Plan, drawn: set[int]) -> list[list[tuple[str, Program | None]]]:
    """Rows of the Gantt chart (a dimension's heading, then its programmes that have years),
    cut into pages."""
    chunks: list[list[tuple[str, Program | None]]] = [[]]
    for dimension in plan.dimensions:
        own = [p for p in dimension.programs if id(p) in drawn]
        for index, program in enumerate(own):
            if len(chunks[-1]) >= ROWS_PER_CHART - (1 if index == 0 else 0):
                chunks.append([])
            if index == 0 or not chunks[-1]:
                chunks[-1].append((dimension.label, None))
            chunks[-1].append((dimension.id, program))
    return [chunk for chunk in chunks if chunk]


def roadmap(plan: Plan, t: dict[str, str]) -> list[Markup]:
    years = plan.roadmap.years
    rows = {id(r.program): r for r in plan.roadmap.rows}  # by identity: equality is deep
    if not years or not rows:
        return []
    colors, label_width, row, top = _colors(plan), 270, 20, 26
    column = (WIDTH - label_width - 8) / len(years)
    result = []
    for number, chunk in enumerate(_chunks(plan, set(rows)), start=1):
        chart = f"chart-roadmap-{number}"
        height = top + row * len(chunk) + 38
        body = []
        for i, when in enumerate(years):
            x = label_width + i * column
            body.append(
                svg.text(x + column / 2, 16, str(when), size=11, anchor="middle", weight="bold")
            )
            body.append(svg.line(x, top - 4, x, top + row * len(chunk)))
        for r, (key, program) in enumerate(chunk):
            y = top + r * row
            if program is None:
                body.append(svg.rect(0, y, WIDTH, row, "#eef1f4", rx=0))
                body.append(svg.text(4, y + 14, key, size=11, weight="bold"))
                continue
            marker = "★ " if program.quick_win else ""
            name = svg.clip(f"{marker}{program.id} {program.name}", 35 if marker else 39)
            ident = f"{chart}-label-{r}"
            weight = "bold" if marker else "normal"
            body.append(svg.text(4, y + 14, name, size=11, weight=weight, ident=ident))
            run = rows[id(program)]
            body.append(_bar(run, y, row, column, label_width, colors, key, t, ident))
            for designated in program.quick_win_years:
                if designated in years and not run.cells[years.index(designated)]:
                    # a quick-win year outside the bar, or a quick win without years (§8, §10)
                    x = label_width + (years.index(designated) + 0.5) * column
                    body.append(svg.text(x, y + 14, "☆", size=12, anchor="middle", weight="bold"))
            for i, mark in enumerate(run.milestones):
                if mark:  # a dated milestone (§8) on the programme's row
                    x = label_width + (i + 0.5) * column
                    tip = f"{program.id} {years[i]}: {mark}"
                    body.append(svg.diamond(x, y + row / 2, 11, MILESTONE, tip=tip))
        legend_y = top + row * len(chunk) + 14
        body.append(svg.rect(4, legend_y, 28, 12, "#ffffff", stroke=QUICK_WIN, stroke_width=2.5))
        body.append(svg.text(38, legend_y + 10, f"★ {t['quick_win_marker']}", size=11))
        legend_x = 160.0
        if any(rows[id(p)].open_end for _, p in chunk if p is not None):
            open_bar = svg.rect(
                legend_x, legend_y, 28, 12, PALETTE[0], stroke=PALETTE[0], stroke_width=1.5,
                dashed=True, opacity=0.45,
            )
            body.append(open_bar)
            label = f"▸ {t['open_end_marker']}"
            body.append(svg.text(legend_x + 34, legend_y + 10, label, size=11))
            legend_x += 34 + 6.2 * len(label) + 20
        if any(any(rows[id(p)].milestones) for _, p in chunk if p is not None):
            body.append(svg.diamond(legend_x + 6, legend_y + 6, 11, MILESTONE))
            body.append(svg.text(legend_x + 18, legend_y + 10, t["milestones"], size=11))
        count = sum(1 for _, p in chunk if p is not None)
        desc = f"{count} {t['programs'].lower()}, {years[0]}–{years[-1]}"
        title = t["chart_roadmap"] + (f" ({number})" if number > 1 else "")
        result.append(svg.frame(chart, WIDTH, height, title, desc, body))
    return result


def _bar(
    run: RoadmapRow,
    y: float,
    row: float,
    column: float,
    left: float,
    colors: dict[str, str],
    key: str,
    t: dict[str, str],
    label: str,
) -> str:
    """A programme's years; open to the period's end (lighter, dashed, ▸) when it is ongoing
    without an end year."""
    program = run.program
    cells = [i for i, on in enumerate(run.cells) if on]
    if not cells:
        return ""
    tip = f"{program.id} {program.name}: {program.years_text}"
    if program.quick_win:
        tip += f" ({t['quick_win_marker']})"
    if run.open_end:
        tip += f" ({t['open_end_marker']})"
    color = colors.get(key, PALETTE[-1])
    x, width = left + cells[0] * column + 2, (cells[-1] - cells[0] + 1) * column - 4
    bar = svg.rect(
        x,
        y + 4,
        width,
        row - 8,
        color,
        tip=tip,
        stroke=QUICK_WIN if program.quick_win else (color if run.open_end else "none"),
        stroke_width=2.5 if program.quick_win else (1.5 if run.open_end else 0),
        label=label,
        dashed=run.open_end,
        opacity=0.45 if run.open_end else 1,
    )
    if run.open_end:
        bar += svg.text(x + width - 2, y + row - 6, "▸", size=12, anchor="end", fill=svg.INK)
    return bar


def _nice_ceiling(value: float) -> tuple[float, float]:
    """An axis top and step: 1, 2, 2.5 or 5 times a power of ten, about four steps."""
    if value <= 0:
        return 1.0, 0.25
    power = 10 ** math.floor(math.log10(value / 4))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power * 4 >= value)
    return step * math.ceil(value / step), step


MIN_SEGMENT = 4  # px: a small source (DAK Rp 800 jt on a Rp 481,8 M year) stays visible


def _legend(table: BudgetTable, y: float) -> tuple[list[str], float]:
    """Each source with its total over the period, wrapped onto as many lines as needed."""
    body, x = [], 0.0
    for source, total in zip(table.sources, table.source_totals_short, strict=True):
        label = f"{source.short} {total}"
        width = 32 + 6.2 * len(label)
        if x and x + width > WIDTH:
            x, y = 0.0, y + 18
        body.append(svg.rect(x, y - 10, 12, 12, SOURCE_COLORS.get(source.id, PALETTE[-1])))
        body.append(svg.text(x + 16, y, label, size=11))
        x += width
    return body, y + 14


def budget(plan: Plan, t: dict[str, str]) -> Markup | str:
    table = plan.budget
    if not table.rows or not table.total or table.total <= 0:
        return ""
    body, top = _legend(table, 18)
    left, right, bottom, plot_h = 92, 10, 28, 240
    top += 18  # room for the totals above the tallest bar
    height = top + plot_h + bottom
    ceiling, step = _nice_ceiling(max(r.total for r in table.rows))
    column = (WIDTH - left - right) / len(table.rows)
    ticks = round(ceiling / step)
    for k in range(ticks + 1):
        y = top + plot_h - plot_h * k / ticks
        body.append(svg.line(left, y, WIDTH - right, y))
        body.append(svg.text(left - 6, y + 4, fmt.rupiah_short(step * k), size=11, anchor="end"))
    for i, row in enumerate(table.rows):
        x, base = left + i * column + column * 0.18, float(top + plot_h)
        bar_width = column * 0.64
        cells = zip(table.sources, row.amounts, row.cells_short, row.cell_ids, strict=True)
        for source, amount, short, cell in cells:
            if amount <= 0:
                continue
            h = max(plot_h * amount / ceiling, MIN_SEGMENT)
            base -= h
            inside = h >= 15 and 6.2 * len(short) + 4 <= bar_width
            label = f"chart-{cell}" if inside else cell  # else the table's cell names it
            tip = f"{row.year} · {source.label}: {fmt.rupiah(amount)}"
            color = SOURCE_COLORS.get(source.id, PALETTE[-1])
            body.append(svg.rect(x, base, bar_width, h, color, tip=tip, rx=0, label=label))
            if inside:
                middle = (x + bar_width / 2, base + h / 2 + 4)
                body.append(
                    svg.text(*middle, short, size=10, anchor="middle", ident=label, halo=True)
                )
        centre, total = x + bar_width / 2, fmt.rupiah_short(row.total)
        body.append(svg.text(centre, base - 5, total, size=11, anchor="middle", weight="bold"))
        body.append(svg.text(centre, height - 8, str(row.year), size=11, anchor="middle"))
    desc = f"{t['budget_total']}: {table.total_text}; {table.rows[0].year}–{table.rows[-1].year}"
    return svg.frame("chart-budget", WIDTH, height, t["chart_budget"], desc, body)


def dimensions(plan: Plan, t: dict[str, str]) -> Markup | str:
    shown = [d for d in plan.dimensions if d.programs] or plan.dimensions
    if not shown:
        return ""
    colors, label_width, row, top = _colors(plan), 170, 26, 8
    most = max(len(d.programs) for d in shown) or 1
    scale = (WIDTH - label_width - 170) / most
    height = top + row * len(shown) + 10
    body = []
    for i, d in enumerate(shown):
        y = top + i * row
        ident = f"chart-dimensions-label-{i}"
        body.append(svg.text(label_width - 8, y + 17, svg.clip(d.label, 24), size=11, anchor="end"))
        note = f"{len(d.programs)}" + (
            f" ({d.quick_wins} {t['quick_win_marker']})" if d.quick_wins else ""
        )
        tip = f"{d.label}: {note}"
        length = scale * len(d.programs)
        body.append(
            svg.rect(label_width, y + 4, length, row - 8, colors[d.id], tip=tip, label=ident)
        )
        if d.quick_wins:
            body.append(
                svg.rect(
                    label_width,
                    y + 4,
                    scale * d.quick_wins,
                    row - 8,
                    "none",
                    stroke=QUICK_WIN,
                    stroke_width=2.5,
                    label=ident,
                )
            )
        x = label_width + scale * len(d.programs) + 6
        body.append(svg.text(x, y + 17, note, size=11, ident=ident))
    desc = "; ".join(f"{d.label}: {len(d.programs)}" for d in shown)
    return svg.frame("chart-dimensions", WIDTH, height, t["chart_dimensions"], desc, body)


def _comparable_runs(coords: list[str], joined: list[bool]) -> list[list[str]]:
    """The points as lines only between evaluations that compare (same components, same
    weights: SPEC §10); a lone point stays a point with its label."""
    runs: list[list[str]] = []
    for coord, compares in zip(coords, joined, strict=True):
        if compares and runs:
            runs[-1].append(coord)
        else:
            runs.append([coord])
    return [run for run in runs if len(run) > 1]


def evaluation(plan: Plan, t: dict[str, str]) -> Markup | str:
    """The index per year (or round); every point carries its value and its year, also a
    single one."""
    shown = [y for y in plan.evaluation.years if y.index is not None]
    points = [(y.label or y.year, y.index, y.index_text) for y in shown if y.index is not None]
    if not points:
        return ""
    left, right, top, bottom, height = 40, 20, 22, 28, 210
    plot_h, plot_w = height - top - bottom, WIDTH - left - right
    body = []
    for score in range(1, 6):
        y = top + plot_h * (5 - score) / 4
        body.append(svg.line(left, y, WIDTH - right, y))
        body.append(svg.text(left - 8, y + 4, str(score), size=11, anchor="end"))
    step = plot_w / len(points)
    coords, marks = [], []
    for i, (when, index, label) in enumerate(points):
        x, y = left + step * (i + 0.5), top + plot_h * (5 - min(max(index, 1), 5)) / 4
        coords.append(f"{x:.1f},{y:.1f}")
        ident = f"chart-evaluation-label-{i}"
        marks.append(svg.text(x, height - 8, str(when), size=11, anchor="middle"))
        marks.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{PALETTE[0]}" data-label="{ident}">'
            f"<title>{escape(when)}: {escape(label)}</title></circle>"
        )
        marks.append(
            svg.text(
                x, y - 10, label, size=11, anchor="middle", weight="bold", ident=ident, halo=True
            )
        )
    joined = [bool(y.change_text) and not y.method_changed for y in shown]
    for run in _comparable_runs(coords, joined):
        body.append(
            f'<polyline points="{" ".join(run)}" fill="none" stroke="{PALETTE[0]}" '
            'stroke-width="2.5"/>'
        )
    desc = "; ".join(f"{when}: {label}" for when, _, label in points)
    return svg.frame("chart-evaluation", WIDTH, height, t["chart_evaluation"], desc, body + marks)
