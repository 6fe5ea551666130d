"""The taxonomy of dimensions and elements, loaded from data (frameworks/*.yaml), not code."""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartplan.files.resources import data_dir
from smartplan.findings import Finding
from smartplan.i18n import _

DEFAULT = "kominfo-2017"


@dataclass(frozen=True)
class Element:
    id: str
    label: dict[str, str]


@dataclass(frozen=True)
class Dimension:
    id: str
    label: dict[str, str]
    elements: tuple[Element, ...]
    description: dict[str, str]


@dataclass(frozen=True)
class Framework:
    id: str
    name: dict[str, str]
    status: str
    dimensions: tuple[Dimension, ...]

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    @property
    def elements(self) -> list[tuple[Dimension, Element]]:
        return [(d, e) for d in self.dimensions for e in d.elements]


class FrameworkError(Exception):
    """The plan names a framework that cannot be used; `findings` are the framework file's own."""

    def __init__(self, message: str, findings: list[Finding] | None = None) -> None:
        super().__init__(message)
        self.findings = findings or []


def bundled() -> list[str]:
    return sorted(p.stem for p in data_dir("frameworks").glob("*.yaml"))


def load_framework(ref: str | None, base: Path, shown: str | None = None) -> Framework:
    """A bundled framework by id, or a framework file by a path relative to `base` (the plan's
    folder; `shown`: that folder as the plan's path is shown, for the file's findings)."""
    ref = ref or DEFAULT
    if ref in bundled():
        return _load_file(data_dir("frameworks") / f"{ref}.yaml", ref)
    from smartplan.files.limits import clip
    from smartplan.loader.include import folder_root, inside_repository

    problem, path = inside_repository(base, folder_root(base), ref, "framework")
    if problem is not None:
        raise FrameworkError(problem)
    if not path.is_file():
        from smartplan.hints import closest, did_you_mean

        message = _(
            "unknown framework '{framework}': not a bundled framework ({bundled}) "
            "nor a framework file relative to the plan",
            framework=clip(ref),
            bundled=", ".join(bundled()),
        )
        raise FrameworkError(did_you_mean(message, closest(ref, bundled())))
    shown_path = ref if shown is None else posixpath.normpath(posixpath.join(shown, ref))
    return _load_file(path, shown_path)


@functools.cache
def _load_file(path: Path, display: str) -> Framework:
    from smartplan.loader import Limits, file_reader, load_text
    from smartplan.schema import check_schema

    try:
        data = file_reader(Limits(), None if display in bundled() else path.parent)(path)
    except OSError as error:
        raise FrameworkError(
            _("cannot read framework file '{file}': {reason}", file=display, reason=error.strerror)
        ) from error
    result = load_text(data, display)
    document = result.document
    # a bundled framework is smartplan's own data, checked against the framework schema by
    # tests/test_schema.py: only a framework file of a region is checked at run time
    checked = display not in bundled()
    findings = result.findings + (
        check_schema(document, "framework") if document is not None and checked else []
    )
    if document is None or findings:
        raise FrameworkError(_("framework file '{file}' is not valid", file=display), findings)
    return _build(document.data)


def _build(data: dict[str, Any]) -> Framework:
    dimensions = tuple(
        Dimension(
            id=d["id"],
            label=d["label"],
            elements=tuple(Element(e["id"], e["label"]) for e in d.get("elements") or ()),
            description=d.get("description") or {},
        )
        for d in data["dimensions"]
    )
    return Framework(data["id"], data["name"], data["status"], dimensions)
