"""Locations only when needed: a plan read without its source map (`build_plain`, the map
built lazily on the first finding) gives the same data, the same findings at the same lines
and columns, and the same quoted source lines as the full Builder with its map built eagerly.

Checked over every case of the hostile corpus (tests/corpus), the examples, and the fuzz
mutants of test_fuzz (hypothesis), plan files and include fragments alike.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES, ROOT
from smartplan.check.lint import ValidateOptions, validate_file
from smartplan.files.limits import Limits
from smartplan.findings import FileResult
from smartplan.loader import plain as lean_path
from smartplan.loader.builder import Builder
from smartplan.loader.plain import build_plain, locate_plain
from smartplan.workspace.config import find_config
from test_fuzz import (
    TEXTS,
    Mutant,
    changed_value,
    deleted_key,
    inserted_text,
    repeated_key,
    swapped_values,
    truncated,
)

CORPUS = ROOT / "tests" / "corpus"
PLANS = sorted(
    [p for p in CORPUS.glob("*.yaml") if p.name != "expectations.yaml"]
    + list(CORPUS.glob("*/**/masterplan.yaml"))
    + list(EXAMPLES.glob("*/masterplan*.yaml"))
)


def both_ways(plan: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[FileResult, FileResult]:
    """validate's result as shipped, and with every file read by the full Builder."""
    config = find_config(plan.parent)
    options = ValidateOptions(stage=4)
    lean = validate_file(plan, str(plan), options, config)
    with monkeypatch.context() as patched:
        patched.setattr(lean_path, "build_plain", lambda text, limits: None)
        eager = validate_file(plan, str(plan), options, config)
    return lean, eager


def same(lean: FileResult, eager: FileResult) -> None:
    assert [f.to_dict() | {"fp": f.fingerprint} for f in lean.findings] == [
        f.to_dict() | {"fp": f.fingerprint} for f in eager.findings
    ]
    assert lean.source_lines == eager.source_lines


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: str(p.relative_to(ROOT)))
def test_corpus_and_examples_same_findings(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        lean, eager = both_ways(plan, monkeypatch)
    except Exception as error:  # a case refused with exit 2 must be refused both ways
        with pytest.raises(type(error)), monkeypatch.context() as patched:
            patched.setattr(lean_path, "build_plain", lambda text, limits: None)
            validate_file(plan, str(plan), ValidateOptions(stage=4), find_config(plan.parent))
        return
    same(lean, eager)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: str(p.relative_to(ROOT)))
def test_plain_data_and_map_equal_the_builders(plan: Path) -> None:
    """Where the lean path reads a file, its data and its lazily built map are the Builder's."""
    try:
        text = plan.read_bytes().decode("utf-8")
    except (UnicodeDecodeError, OSError):
        return
    plain = build_plain(text, Limits())
    if plain is None:
        return
    builder = Builder(text, "plan", Limits())
    assert builder.build() == plain
    assert not builder.notices
    located = locate_plain(text, "plan")
    assert located.values == builder.source.values
    assert located.keys == builder.source.keys


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lean")
    shutil.copytree(EXAMPLES, root / "examples")
    return root / "examples"


mutants = st.one_of(
    deleted_key(),
    repeated_key(),
    changed_value(),
    swapped_values(),
    truncated(),
    inserted_text(),
)


@settings(deadline=None)
@given(mutant=mutants)
def test_fuzz_mutants_same_findings(sandbox: Path, mutant: Mutant) -> None:
    target = sandbox / mutant.name
    plan = sandbox / mutant.name.split("/")[0] / "masterplan.yaml"
    target.write_bytes(mutant.data)
    patch = pytest.MonkeyPatch()
    try:
        lean, eager = both_ways(plan, patch)
        same(lean, eager)
    finally:
        patch.undo()
        target.write_text(TEXTS[mutant.name], encoding="utf-8")
