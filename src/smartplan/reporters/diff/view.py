"""What the text and Markdown reporters share: the review rows and the change lines, in the
chosen language, with values shown compactly. Formatting of tables is left to each format."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from smartplan.diff import Change, DiffResult
from smartplan.report.formatting import rupiah as _rupiah
from smartplan.report.labels import LANGS, catalogue, value_label

SYMBOLS = {"added": "+", "removed": "−", "changed": "~"}
LONGEST = 100


@dataclass(frozen=True)
class Line:
    """One change as read by a person: symbol, item, field and the values."""

    op: str
    item: str | None
    field: str | None
    text: str


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

    def dimension(self, name: str) -> str:
        labels = self.result.dimensions.get(name, {})
        return labels.get(self.lang) or labels.get("id") or name

    def horizon(self, value: Any) -> str:
        return value_label("horizon", value, self.lang) if value is not None else self["none"]

    def source(self, name: str) -> str:
        return value_label("source", "" if name == "-" else name, self.lang)

    def overview(self) -> list[tuple[str, str, str]]:
        review = self.result.review
        rows = [(self["stage"], *review.stage), (self["programs"], *review.programs)]
        rows.append((self["quick_wins"], *review.quick_wins))
        return [(label, show(old), show(new)) for label, old, new in rows]

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
        if change.field is None and change.id is not None:
            item = change.new if change.op == "added" else change.old
            text = _title(item)
        elif change.op == "changed":
            text = (
                f"{self.value(change.field, change.old)} → {self.value(change.field, change.new)}"
            )
        else:
            text = self.value(change.field, change.new if change.op == "added" else change.old)
        return Line(change.op, change.id, change.field, text)

    def value(self, field: str | None, value: Any) -> str:
        """Budget amounts in rupiah, a budget line as year, source and amount; else as is."""
        budget = bool(field) and str(field).startswith("budget.")
        if budget and isinstance(value, dict) and _number(value.get("amount")):
            where = f"{value.get('year')} {self.source(str(value.get('source') or '-'))}"
            return f"{where}: {rupiah(value['amount'])}"
        if budget and str(field).endswith(".amount") and _number(value):
            return rupiah(value)
        return show(value)

    def ordered(self, names: list[str]) -> list[str]:
        """Dimension ids in the framework's order, unknown ones last."""
        known = list(self.result.dimensions)
        return sorted(names, key=lambda n: (known.index(n) if n in known else len(known), n))

    def totals(self) -> str:
        return self["totals"].format(**self.result.counts())


def _title(item: Any) -> str:
    """An item by its name or title; else its plain fields (a Bimtek session, an evaluation)."""
    if isinstance(item, dict):
        for key in ("name", "title"):
            if isinstance(item.get(key), str):
                return show(item[key])
        return show({k: v for k, v in item.items() if not isinstance(v, (dict, list))})
    return show(item)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def show(value: Any) -> str:
    """A value on one line: text as written, mappings and lists in YAML flow style."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        text = "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    elif isinstance(value, list):
        text = "[" + ", ".join(show(v) for v in value) + "]"
    else:
        text = " ".join(str(value).split())
    return text if len(text) <= LONGEST else text[: LONGEST - 1] + "…"


def rupiah(value: float, *, sign: bool = False) -> str:
    """`Rp 2.500.000.000`; with `sign`, a difference: `+Rp 750.000.000`, `-Rp 1.000.000`."""
    return ("+" if sign and value > 0 else "") + _rupiah(value)
