"""What the text and Markdown reporters share: the review rows and the change lines, in the
chosen language, with every value shown whole (structured values as nested lines, money in
rupiah, coded values in words). Formatting of tables is left to each format."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from smartplan.diff import Change, DiffResult
from smartplan.report.formatting import date, number
from smartplan.report.formatting import rupiah as _rupiah
from smartplan.report.labels import LANGS, catalogue
from smartplan.report.values import VALUES, field_label, value_label

SYMBOLS = {"added": "+", "removed": "−", "changed": "~"}
Node = tuple[int, str]  # a nested line: its depth below the change, and its text
# coded values: the key they sit under → the kinds of values.VALUES to try, in order
CODED = {
    "horizon": ("horizon",),
    "kind": ("program_kind", "regulation_kind", "region_kind", "agreement_kind"),
    "status": ("status", "regulation_status"),
    "source": ("source",),
    "type": ("indicator_type",),
    "rating": ("rating",),
}
ORGANIZATION_KEYS = ("lead", "partners", "organization")  # ids shown with the name they stand for
DATES = ("date", "start", "end")  # ISO dates under these keys read as "15 Agustus 2022"
YEAR_KEYS = ("year", "start", "end", "stage", "quick_win", "cohort", "round")  # 2024, not 2.024
TITLES = ("name", "title")  # what names an item (its head line); the rest are nested lines
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Line:
    """One change as read by a person: symbol, item, field, the values on the head line and,
    for structured values, nested lines (an indicator → its targets by year). Never cut."""

    op: str
    item: str | None
    field: str | None
    text: str
    children: tuple[Node, ...] = ()


class View:
    def __init__(self, result: DiffResult, lang: str) -> None:
        self.result = result
        self.lang = lang if lang in LANGS else "id"
        self.words = catalogue(self.lang)
        self.dimension_of = {
            pid: name
            for name, review in result.review.dimensions.items()
            for pid in (*review.added, *review.removed, *review.changed)
        }

    def __getitem__(self, key: str) -> str:
        return self.words[f"diff_{key}"]

    def section(self, name: str) -> str:
        return self.words.get(f"diff_section_{name}", name)

    def successor(self) -> str:
        """"A successor plan: …" when the new plan supersedes the old one, else ""."""
        periods = self.result.review.successor
        if periods is None:
            return ""
        return self["successor"].format(old=periods[0], new=periods[1])

    def dimension(self, name: str) -> str:
        labels = self.result.dimensions.get(name, {})
        return labels.get(self.lang) or labels.get("id") or name

    def horizon(self, value: Any) -> str:
        return value_label("horizon", value, self.lang) if value is not None else self["none"]

    def source(self, name: str) -> str:
        return value_label("source", "" if name == "-" else name, self.lang)

    def side(self, label: str) -> str:
        """A side's name as given; the default NEW side (the working tree) in words."""
        if self.result.working_tree and label == self.result.new:
            return self["working_tree"]
        return label

    def money(self, value: float | None, *, sign: bool = False) -> str:
        """Rupiah, or "—" where that side has no budget line (missing is not zero)."""
        return self["none"] if value is None else rupiah(value, sign=sign)

    def overview(self) -> list[tuple[str, str, str]]:
        review = self.result.review
        stage = (
            self["stage"],
            self.scalar("stage", review.stage[0]),
            self.scalar("stage", review.stage[1]),
        )
        rows = [(self["programs"], *review.programs), (self["quick_wins"], *review.quick_wins)]
        return [stage, *((label, self.count(a), self.count(b)) for label, a, b in rows)]

    def count(self, value: Any) -> str:
        """A count, or *tidak tercatat* where that side does not hold the section (§10)."""
        return self.words["not_recorded"] if value is None else self.scalar("stage", value)

    def groups(self) -> list[tuple[str, list[tuple[str | None, list[Line]]]]]:
        """Changes by section, and programmes by dimension, in the order they came."""
        sections: dict[str, dict[str | None, list[Line]]] = defaultdict(lambda: defaultdict(list))
        for change in self.result.changes:
            group = None
            if change.section == "programs" and change.id is not None:
                group = self.dimension(self.dimension_of.get(change.id, "?"))
            sections[change.section][group].append(self.line(change))
        return [(self.section(name), list(groups.items())) for name, groups in sections.items()]

    def line(self, change: Change) -> Line:
        line = self._line(change)
        if change.section == "evaluations" and line.field:
            return Line(line.op, line.item, self.evaluation_field(line.field), line.text,
                        line.children)  # fmt: skip
        return line

    def evaluation_field(self, path: str) -> str:
        """`weights.kolaborasi` as "Bobot · kolaborasi", `published` as "Nilai final terbit":
        an evaluation's components and published score in the reader's words (SPEC §10)."""
        head, *rest = path.split(".")
        parts = [self.field(head)]
        for key in rest:
            known = head in ("weights", "scores") and key in VALUES["component"]
            parts.append(value_label("component", key, self.lang) if known else key)
        return " · ".join(parts)

    def _line(self, change: Change) -> Line:
        key: str | None = _last_key(change.field) if change.field else change.section
        if change.op == "changed":
            (old, old_below), (new, new_below) = (
                self.render(key, change.old),
                self.render(key, change.new),
            )
            if not old_below and not new_below:
                return Line(change.op, change.id, change.field, f"{old} → {new}")
            children = [(0, _labelled(self["old"], old)), *_below(old_below)]
            children += [(0, _labelled(self["new"], new)), *_below(new_below)]
            return Line(change.op, change.id, change.field, "", tuple(children))
        value = change.new if change.op == "added" else change.old
        if change.field is None and change.id is not None:  # a whole item: its id is said
            key = None
            if isinstance(value, dict):
                value = {k: v for k, v in value.items() if k != "id"}
        head, children = self.render(key, value)
        return Line(change.op, change.id, change.field, head, tuple(children))

    def render(self, key: str | None, value: Any) -> tuple[str, list[Node]]:
        """A value as a head line and nested lines, whole: money in rupiah, codes in words."""
        if isinstance(value, dict):
            if _number(value.get("amount")) and ("year" in value or "source" in value):
                return self.budget_line(value), []
            if "value" in value and set(value) <= {"year", "value"}:
                return self.point(key, value), []
            title = next((value[k] for k in TITLES if isinstance(value.get(k), str)), None)
            rest = {k: v for k, v in value.items() if title is None or k not in TITLES}
            return ("" if title is None else show(title)), self.fields(rest)
        if isinstance(value, list):
            if all(not isinstance(item, (dict, list)) for item in value):
                return ", ".join(self.scalar(key, item) for item in value), []
            nodes: list[Node] = []
            for item in value:
                head, children = self.render(key, item)
                if head:
                    nodes += [(0, head), *_below(children)]
                else:  # an item without a name: its fields, one level down
                    nodes += [(0, "·"), *_below(children)]
            return "", nodes
        return self.scalar(key, value), []

    def fields(self, mapping: dict[str, Any]) -> list[Node]:
        nodes: list[Node] = []
        for key, value in mapping.items():
            head, children = self.render(str(key), value)
            nodes += [(0, _labelled(self.field(str(key)), head)), *_below(children)]
        return nodes

    def field(self, key: str) -> str:
        return field_label(key, self.lang)

    def scalar(self, key: str | None, value: Any) -> str:
        """One value in the review's language: yes/no, rupiah, dates, coded values in words."""
        if value is None:
            return self["none"]
        if isinstance(value, bool):
            return self["yes"] if value else self["no"]
        if key == "amount" and _number(value):
            return rupiah(value)
        if key in YEAR_KEYS and isinstance(value, int):
            return str(value)  # a year is not a number to group: 2024, not 2.024
        if _number(value):
            return number(value, self.lang)
        if key in ("dimension", "also_dimensions") and isinstance(value, str):
            return self.dimension(value)
        if key in ORGANIZATION_KEYS and value in self.result.organizations:
            return f"{show(self.result.organizations[value])} ({value})"
        if key == "element" and isinstance(value, str) and value in self.result.elements:
            labels = self.result.elements[value]
            return labels.get(self.lang) or labels.get("id") or value
        if key in DATES and isinstance(value, str) and _ISO_DATE.fullmatch(value):
            return date(value, self.lang)
        for kind in CODED.get(key or "", ()):
            if isinstance(value, str) and value in VALUES[kind]:
                return value_label(kind, value, self.lang)
        return show(value)

    def budget_line(self, value: dict[str, Any]) -> str:
        year = self.scalar("year", value["year"]) if "year" in value else ""
        source = self.source(str(value.get("source") or "-"))
        return f"{year} {source}".strip() + f": {rupiah(value['amount'])}"

    def point(self, key: str | None, value: dict[str, Any]) -> str:
        """A target or actual as `2024: 150`, a baseline as `0 (2022)`."""
        figure = self.scalar("value", value.get("value"))
        if "year" not in value:
            return figure
        when = self.scalar("year", value["year"])
        return f"{figure} ({when})" if key == "baseline" else f"{when}: {figure}"

    def ordered(self, names: list[str]) -> list[str]:
        """Dimension ids in the framework's order, unknown ones last."""
        known = list(self.result.dimensions)
        return sorted(names, key=lambda n: (known.index(n) if n in known else len(known), n))

    def totals(self) -> str:
        return self["totals"].format(**self.result.counts())


def _labelled(label: str, head: str) -> str:
    return f"{label}: {head}" if head else f"{label}:"


def _below(nodes: list[Node]) -> list[Node]:
    return [(depth + 1, text) for depth, text in nodes]


def _last_key(field: str) -> str:
    """`budget.2024.apbd.amount` → `amount`: the key whose meaning decides how to show it."""
    return field.rsplit(".", 1)[-1]


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def show(value: Any) -> str:
    """A value on one line, whole: text as written (runs of spaces and newlines as one space),
    mappings and lists in YAML flow style."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return " ".join(str(value).split())


def rupiah(value: float, *, sign: bool = False) -> str:
    """`Rp 2.500.000.000`; with `sign`, a difference: `+Rp 750.000.000`, `-Rp 1.000.000`."""
    return ("+" if sign and value > 0 else "") + _rupiah(value)
