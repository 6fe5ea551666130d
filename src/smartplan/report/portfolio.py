"""The portfolio as one HTML page through the render templates (`templates/portfolio.html`): the
cohort's figures, three small inline SVG charts (regions per stage, programmes per dimension
across the cohort, the distribution of the latest evaluation index) and the table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from smartplan.report import formatting as fmt
from smartplan.report import svg
from smartplan.report.charts import PALETTE, WIDTH

if TYPE_CHECKING:
    from smartplan.report.cohort import Row

HALF: dict[str, Any] = {"width": WIDTH // 2, "label_width": 80}  # two charts side by side
INDEX_BINS = [(1.0 + 0.5 * i, 1.5 + 0.5 * i) for i in range(8)]  # 1–1,5 … 4,5–5


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    color: str = PALETTE[0]


def render_portfolio(rows: list[Row], *, lang: str = "id") -> str:
    from smartplan.files.resources import data_dir
    from smartplan.report.cohort_table import cells, headers, repeated
    from smartplan.report.environment import environment
    from smartplan.report.labels import catalogue

    t = catalogue(lang)
    names = repeated(rows)
    readable = [row for row in rows if not row.problem]
    context: dict[str, Any] = {
        "lang": lang,
        "t": t,
        "headers": headers(lang),
        "rows": [{"cells": cells(row, lang, names), "problem": row.problem} for row in rows],
        "problems": [row.problem for row in rows if row.problem],
        "stats": {
            "plans": len(rows),
            "programs": _total(readable, "programs", t),
            "quick_wins": _total(readable, "programs.quick_win", t),
            "budget": _budget(readable, t),
        },
        "charts": charts(readable, t, lang),
        "source": t["pf_count"].format(n=len(rows)),
    }
    env = environment("html", (data_dir("templates"),))
    return env.get_template("portfolio.html").render(context)


def _total(rows: list[Row], path: str, t: dict[str, str]) -> str:
    """The cohort's count over what is known (SPEC §10): *tidak tercatat* when no plan holds
    it, marked *sebagian tercatat* when some plans do not or hold it only in part."""
    counts = [row.programs if path == "programs" else row.quick_wins for row in rows]
    known = [count for count in counts if count is not None]
    if rows and not known:
        return t["not_recorded"]
    if len(known) < len(rows) or any(row.partly(path) for row in rows):
        return f"{sum(known)} ({t['partly_recorded']})"
    return str(sum(known))


def _budget(rows: list[Row], t: dict[str, str]) -> dict[str, str]:
    """The cohort's budget: the sum over the regions that have one, saying how many do."""
    known = [row.budget for row in rows if row.budget is not None]
    if not known:
        return {"value": t["no_data"], "note": t["pf_budget_total"]}
    note = t["pf_budget_total"]
    if len(known) < len(rows):
        note += " " + t["pf_budget_of"].format(known=len(known), all=len(rows))
    value = fmt.rupiah_short(sum(known))
    if any(row.partly("programs.budget") for row in rows):
        value += f" ({t['partly_recorded']})"
    return {"value": value, "note": note}


def charts(rows: list[Row], t: dict[str, str], lang: str = "id") -> dict[str, Markup | str]:
    stages = [
        Bar(t["pf_stage_n"].format(n=n), sum(1 for row in rows if row.stage == n), PALETTE[n - 1])
        for n in range(1, 5)
    ]
    indices = [row.index for row in rows if row.index is not None]
    bins = [
        Bar(
            f"{fmt.number(low, decimals=1)}–{fmt.number(high, decimals=1)}",
            _count(indices, low, high),
        )
        for low, high in INDEX_BINS
    ]
    return {
        "stages": bar_chart("chart-stages", t["pf_chart_stages"], stages, t["pf_regions"], **HALF),
        "dimensions": bar_chart(
            "chart-cohort-dimensions",
            t["pf_chart_dimensions"],
            _dimensions(rows, lang),
            t["pf_programs"],
        ),
        "index": bar_chart("chart-index", t["pf_chart_index"], bins, t["pf_regions"], **HALF)
        if indices
        else "",
    }


def _count(values: list[float], low: float, high: float) -> int:
    last = high >= INDEX_BINS[-1][1]
    return sum(1 for v in values if low <= v < high or (last and v == high))


def _dimensions(rows: list[Row], lang: str) -> list[Bar]:
    """Programmes per dimension summed over the cohort, labelled from the bundled frameworks."""
    totals: dict[str, int] = {}
    for row in rows:
        for dimension, count in row.per_dimension.items():
            totals[dimension] = totals.get(dimension, 0) + count
    labels = _dimension_labels(lang)
    order = list(labels)
    ranked = sorted(totals, key=lambda d: (order.index(d) if d in order else len(order), d))
    return [
        Bar(labels.get(d, d), totals[d], PALETTE[i % len(PALETTE)]) for i, d in enumerate(ranked)
    ]


def _dimension_labels(lang: str) -> dict[str, str]:
    from pathlib import Path

    from smartplan.domain.framework import DEFAULT, bundled, load_framework

    labels: dict[str, str] = {}
    for name in sorted(bundled(), key=lambda name: name != DEFAULT):  # the default's labels first
        for dimension in load_framework(name, Path(".")).dimensions:
            label = dimension.label.get(lang) or dimension.label.get("id") or dimension.id
            labels.setdefault(dimension.id, label)
    return labels


def bar_chart(
    chart_id: str,
    title: str,
    bars: list[Bar],
    unit: str,
    *,
    width: int = WIDTH,
    label_width: int = 190,
) -> Markup | str:
    """Horizontal bars with their values written beside them (readable in greyscale print)."""
    if not bars:
        return ""
    row, top = 24, 6
    most = max(bar.value for bar in bars) or 1
    scale = (width - label_width - 40) / most
    body = []
    for i, bar in enumerate(bars):
        y = top + i * row
        ident = f"{chart_id}-label-{i}"
        tip = f"{bar.label}: {bar.value} {unit}"
        body.append(svg.text(label_width - 8, y + 15, svg.clip(bar.label, 30), anchor="end"))
        if bar.value:  # a count of none is its label "0", not a bar too thin to see
            length = scale * bar.value
            body.append(
                svg.rect(label_width, y + 4, length, row - 8, bar.color, tip=tip, label=ident)
            )
        x = label_width + scale * bar.value + 6
        body.append(svg.text(x, y + 15, str(bar.value), size=11, ident=ident))
    desc = "; ".join(f"{bar.label}: {bar.value} {unit}" for bar in bars)
    return svg.frame(chart_id, width, top + row * len(bars) + 6, title, desc, body)
