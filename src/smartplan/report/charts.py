"""Charts as inline SVG, drawn in Python (no JavaScript): the roadmap as a Gantt chart, the
budget per year stacked by source, programmes per dimension and the evaluation index per year.

Sized in CSS pixels for an A4 page (about 720 px of text width), so print keeps the type readable.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from markupsafe import Markup

from smartplan.report import formatting as fmt
from smartplan.report import svg

if TYPE_CHECKING:
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


def _chunks(plan: Plan) -> list[list[tuple[str, Program | None]]]:
    """Rows of the Gantt chart (a dimension's heading, then its programmes), cut into pages."""
    chunks: list[list[tuple[str, Program | None]]] = [[]]
    for dimension in plan.dimensions:
        for index, program in enumerate(dimension.programs):
            if len(chunks[-1]) >= ROWS_PER_CHART - (1 if index == 0 else 0):
                chunks.append([])
            if index == 0 or not chunks[-1]:
                chunks[-1].append((dimension.label, None))
            chunks[-1].append((dimension.id, program))
    return [chunk for chunk in chunks if chunk]


def roadmap(plan: Plan, t: dict[str, str]) -> list[Markup]:
    years = plan.roadmap.years
    if not years or not plan.programs:
        return []
    colors, label_width, row, top = _colors(plan), 270, 18, 26
    runs = {id(r.program): r.cells for r in plan.roadmap.rows}  # by identity: equality is deep
    marks = {id(r.program): r.milestones for r in plan.roadmap.rows}
    column = (WIDTH - label_width - 8) / len(years)
    result = []
    for number, chunk in enumerate(_chunks(plan), start=1):
        height = top + row * len(chunk) + 34
        body = []
        for i, when in enumerate(years):
            x = label_width + i * column
            body.append(
                svg.text(x + column / 2, 16, str(when), size=10, anchor="middle", weight="bold")
            )
            body.append(svg.line(x, top - 4, x, top + row * len(chunk)))
        for r, (key, program) in enumerate(chunk):
            y = top + r * row
            if program is None:
                body.append(svg.rect(0, y, WIDTH, row, "#eef1f4", rx=0))
                body.append(svg.text(4, y + 13, key, size=11, weight="bold"))
                continue
            marker = "★ " if program.quick_win else ""
            name = svg.clip(f"{marker}{program.id} {program.name}", 38 if marker else 43)
            body.append(svg.text(4, y + 13, name, size=10, weight="bold" if marker else "normal"))
            cells = [i for i, on in enumerate(runs[id(program)]) if on]
            if cells:
                tip = f"{program.id} {program.name}: {program.years_text}"
                if program.quick_win:
                    tip += f" ({t['quick_win_marker']})"
                body.append(
                    svg.rect(
                        label_width + cells[0] * column + 2,
                        y + 3,
                        (cells[-1] - cells[0] + 1) * column - 4,
                        row - 6,
                        colors.get(key, PALETTE[-1]),
                        tip=tip,
                        stroke=QUICK_WIN if program.quick_win else "none",
                        stroke_width=2.5 if program.quick_win else 0,
                    )
                )
            designated = program.quick_win_year
            if designated in years and not runs[id(program)][years.index(designated)]:
                # a quick win whose years are not recorded: its quick-win year (§8)
                x = label_width + (years.index(designated) + 0.5) * column
                body.append(svg.text(x, y + 13, "☆", size=12, anchor="middle", weight="bold"))
            for i, mark in enumerate(marks[id(program)]):
                if mark:  # a dated milestone (§8) on the programme's row
                    x = label_width + (i + 0.5) * column
                    tip = f"{program.id} {years[i]}: {mark}"
                    body.append(svg.diamond(x, y + row / 2, 11, MILESTONE, tip=tip))
        legend_y = top + row * len(chunk) + 14
        body.append(svg.rect(4, legend_y, 28, 12, "#ffffff", stroke=QUICK_WIN, stroke_width=2.5))
        body.append(svg.text(38, legend_y + 10, f"★ {t['quick_win_marker']}", size=10))
        if any(any(marks[id(p)]) for _, p in chunk if p is not None):
            body.append(svg.diamond(160, legend_y + 6, 11, MILESTONE))
            body.append(svg.text(172, legend_y + 10, t["milestones"], size=10))
        count = sum(1 for _, p in chunk if p is not None)
        desc = f"{count} {t['programs'].lower()}, {years[0]}–{years[-1]}"
        title = t["chart_roadmap"] + (f" ({number})" if number > 1 else "")
        result.append(svg.frame(f"chart-roadmap-{number}", WIDTH, height, title, desc, body))
    return result


def _nice_ceiling(value: float) -> tuple[float, float]:
    """An axis top and step: 1, 2, 2.5 or 5 times a power of ten, about four steps."""
    if value <= 0:
        return 1.0, 0.25
    power = 10 ** math.floor(math.log10(value / 4))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power * 4 >= value)
    return step * math.ceil(value / step), step


def budget(plan: Plan, t: dict[str, str]) -> Markup | str:
    table = plan.budget
    if not table.rows or table.total <= 0:
        return ""
    left, right, top, bottom, height = 86, 10, 40, 28, 300
    plot_h = height - top - bottom
    ceiling, step = _nice_ceiling(max(r.total for r in table.rows))
    column = (WIDTH - left - right) / len(table.rows)
    body = []
    x: float = left
    for source in table.sources:
        body.append(svg.rect(x, 8, 12, 12, SOURCE_COLORS.get(source.id, PALETTE[-1])))
        body.append(svg.text(x + 16, 18, source.short, size=10))
        x += 28 + 7 * len(source.short)
    ticks = round(ceiling / step)
    for k in range(ticks + 1):
        y = top + plot_h - plot_h * k / ticks
        body.append(svg.line(left, y, WIDTH - right, y))
        body.append(
            svg.text(
                left - 6, y + 4, fmt.rupiah_short(step * k), size=9, anchor="end", fill=svg.MUTED
            )
        )
    for i, row in enumerate(table.rows):
        x, base = left + i * column + column * 0.18, float(top + plot_h)
        for source, amount in zip(table.sources, row.amounts, strict=True):
            if amount <= 0:
                continue
            h = plot_h * amount / ceiling
            base -= h
            tip = f"{row.year} · {source.label}: {fmt.rupiah(amount)}"
            body.append(
                svg.rect(
                    x,
                    base,
                    column * 0.64,
                    h,
                    SOURCE_COLORS.get(source.id, PALETTE[-1]),
                    tip=tip,
                    rx=0,
                )
            )
        body.append(
            svg.text(
                x + column * 0.32,
                base - 4,
                fmt.rupiah_short(row.total),
                size=8,
                anchor="middle",
                fill=svg.MUTED,
            )
        )
        body.append(
            svg.text(x + column * 0.32, height - 10, str(row.year), size=10, anchor="middle")
        )
    desc = f"{t['budget_total']}: {table.total_text}; {table.rows[0].year}–{table.rows[-1].year}"
    return svg.frame("chart-budget", WIDTH, height, t["chart_budget"], desc, body)


def dimensions(plan: Plan, t: dict[str, str]) -> Markup | str:
    shown = [d for d in plan.dimensions if d.programs] or plan.dimensions
    if not shown:
        return ""
    colors, label_width, row, top = _colors(plan), 170, 26, 8
    most = max(len(d.programs) for d in shown) or 1
    scale = (WIDTH - label_width - 150) / most
    height = top + row * len(shown) + 10
    body = []
    for i, d in enumerate(shown):
        y = top + i * row
        body.append(svg.text(label_width - 8, y + 16, svg.clip(d.label, 26), size=11, anchor="end"))
        body.append(svg.rect(label_width, y + 4, scale * len(d.programs), row - 8, colors[d.id]))
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
                )
            )
        note = f"{len(d.programs)}" + (
            f" ({d.quick_wins} {t['quick_win_marker']})" if d.quick_wins else ""
        )
        body.append(svg.text(label_width + scale * len(d.programs) + 6, y + 16, note, size=10))
    desc = "; ".join(f"{d.label}: {len(d.programs)}" for d in shown)
    return svg.frame("chart-dimensions", WIDTH, height, t["chart_dimensions"], desc, body)


def evaluation(plan: Plan, t: dict[str, str]) -> Markup | str:
    points = [
        (y.label or y.year, y.index, y.index_text)
        for y in plan.evaluation.years
        if y.index is not None
    ]
    if not points:
        return ""
    left, right, top, bottom, height = 40, 20, 14, 28, 200
    plot_h, plot_w = height - top - bottom, WIDTH - left - right
    body = []
    for score in range(1, 6):
        y = top + plot_h * (5 - score) / 4
        body.append(svg.line(left, y, WIDTH - right, y))
        body.append(svg.text(left - 8, y + 4, str(score), size=9, anchor="end", fill=svg.MUTED))
    step = plot_w / len(points)
    coords = []
    for i, (when, index, label) in enumerate(points):
        x, y = left + step * (i + 0.5), top + plot_h * (5 - min(max(index, 1), 5)) / 4
        coords.append(f"{x:.1f},{y:.1f}")
        body.append(svg.text(x, height - 10, str(when), size=10, anchor="middle"))
        body.append(svg.text(x, y - 9, label, size=10, anchor="middle", weight="bold"))
    polyline = f'<polyline points="{" ".join(coords)}" fill="none" stroke="{PALETTE[0]}"'
    body.append(polyline + ' stroke-width="2.5"/>')
    body += [
        f'<circle cx="{c.split(",")[0]}" cy="{c.split(",")[1]}" r="4" fill="{PALETTE[0]}"/>'
        for c in coords
    ]
    desc = "; ".join(f"{when}: {label}" for when, _, label in points)
    return svg.frame("chart-evaluation", WIDTH, height, t["chart_evaluation"], desc, body)
