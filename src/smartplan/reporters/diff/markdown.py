"""`diff --format md`: GitHub-flavoured Markdown for a pull-request comment or the stage
minutes: the review tables first, then every change by section and dimension."""

from __future__ import annotations

from collections.abc import Sequence

from smartplan.diff import DiffResult
from smartplan.escape import markdown, markdown_code
from smartplan.reporters.diff import DiffOptions
from smartplan.reporters.diff.view import SYMBOLS, Line, View, rupiah


def report(result: DiffResult, options: DiffOptions) -> str:
    view = View(result, options.lang)
    old, new = (_side(view, label) for label in (result.old, result.new))
    out = [f"## {view['title']}: {old} → {new}", ""]
    if view.successor():  # said first: the two files are two plans, not two versions (§10)
        out += [_text(view.successor()), ""]
    if not result.changes:
        return "\n".join([*out, view["no_changes"], ""])
    out += _table(["", view["old"], view["new"]], view.overview(), "lrr")
    out += _dimensions(view) + _quick_wins(view) + _quick_win_years(view)
    out += _horizons(view) + _budget(view)
    out += [f"### {view['details']}", ""]
    for section, groups in view.groups():
        out += [f"#### {_text(section)}", ""]
        for group, lines in groups:
            if group is not None:
                out += [f"**{_text(group)}**", ""]
            for line in lines:
                out.append(_bullet(line))
                # nested values, whole: a list item two spaces in per level
                out += [f"{'  ' * (depth + 1)}- {_text(text)}" for depth, text in line.children]
            out.append("")
    return "\n".join([*out, f"**{view.totals()}**", ""])


def _side(view: View, label: str) -> str:
    """A side as given (a path or a revision, as code), or the working tree in words."""
    if view.result.working_tree and label == view.result.new:
        return _text(view.side(label))
    return _code(label)


def _dimensions(view: View) -> list[str]:
    dimensions = view.result.review.dimensions
    if not dimensions:
        return []
    rows = [
        (
            _text(view.dimension(name)),
            *(_ids(getattr(d, op), view) for op in ("added", "removed", "changed")),
        )
        for name, d in ((n, dimensions[n]) for n in view.ordered(list(dimensions)))
    ]
    header = [view["dimension"], view["added"], view["removed"], view["changed"]]
    return [f"### {view['per_dimension']}", "", *_table(header, rows, "llll")]


def _quick_wins(view: View) -> list[str]:
    review = view.result.review
    if not review.quick_wins_gained and not review.quick_wins_lost:
        return []
    return [
        f"### {view['quick_wins']}",
        "",
        f"- {view['quick_wins_gained']}: {_ids(review.quick_wins_gained, view)}",
        f"- {view['quick_wins_lost']}: {_ids(review.quick_wins_lost, view)}",
        "",
    ]


def _quick_win_years(view: View) -> list[str]:
    years = view.result.review.quick_win_years
    if not years:
        return []
    rows = [(str(y.year), _ids(y.old, view), _ids(y.new, view)) for y in years]
    header = [view["year"], view["old"], view["new"]]
    return [f"### {view['quick_win_years']}", "", *_table(header, rows, "lll")]


def _horizons(view: View) -> list[str]:
    shifts = view.result.review.horizon_shifts
    if not shifts:
        return []
    rows = [
        (f"{_code(s.id)} {_text(s.name)}", _text(view.horizon(s.old)), _text(view.horizon(s.new)))
        for s in shifts
    ]
    header = [view["program"], view["old"], view["new"]]
    return [f"### {view['horizon_shifts']}", "", *_table(header, rows, "lll")]


def _budget(view: View) -> list[str]:
    lines = [b for b in view.result.review.budget if b.difference]
    if not lines:
        return []
    rows = [
        (
            str(b.year),
            _text(view.source(b.source)),
            view.money(b.old),
            view.money(b.new),
            rupiah(b.difference, sign=True),
        )
        for b in lines
    ]
    old, new = view.result.review.budget_total
    rows.append(
        (
            f"**{view['total']}**",
            "",
            view.money(old),
            view.money(new),
            rupiah((new or 0) - (old or 0), sign=True),
        )
    )
    header = [view["year"], view["source"], view["old"], view["new"], view["difference"]]
    return [f"### {view['budget']}", "", *_table(header, rows, "llrrr")]


def _ids(ids: list[str], view: View) -> str:
    return ", ".join(_code(i) for i in ids) or view["none"]


def _bullet(line: Line) -> str:
    where = " · ".join(
        part
        for part in (line.item and f"**{_text(line.item)}**", line.field and _code(line.field))
        if part
    )
    colon = ": " if where and line.text else (":" if where else "")
    return f"- {SYMBOLS[line.op]} {where}{colon}{_text(line.text)}"


def _table(header: list[str], rows: Sequence[tuple[str, ...]], align: str) -> list[str]:
    marks = {"l": "---", "r": "---:"}
    lines = ["| " + " | ".join(_cell(h) for h in header) + " |"]
    lines.append("|" + "|".join(marks[a] for a in align) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _text(text: str) -> str:
    """Plan text shown as text: Markdown and HTML characters escaped (smartplan.escape)."""
    return markdown(text)


def _code(text: str) -> str:
    """Plan text as a code span no backtick of the text can close (smartplan.escape)."""
    return markdown_code(text)
