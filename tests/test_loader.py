"""The loader: data, exact locations (property-tested), refusals, includes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from smartplan.loader import Limits, load_plan, load_text
from smartplan.loader.document import join


def rules_at(source: bytes | str, limits: Limits = Limits()) -> list[tuple[str, int, int]]:
    data = source.encode() if isinstance(source, str) else source
    return [(f.rule, f.line, f.column) for f in load_text(data, "plan.yaml", limits).findings]


def message(source: bytes | str) -> str:
    data = source.encode() if isinstance(source, str) else source
    return load_text(data, "plan.yaml").findings[0].message


# --- values -----------------------------------------------------------------------------


def test_values_typed_as_pyyaml_safe_loader_with_dates_as_text() -> None:
    result = load_text(b"a: 2022-06-13\nb: 15.10\nc: yes\nd: '15.10'\ne: 0123\nf: ~\n", "p")
    assert result.document is not None
    assert result.document.data == {
        "a": "2022-06-13",
        "b": 15.1,
        "c": True,
        "d": "15.10",
        "e": 83,
        "f": None,
    }


def test_keys_stay_text() -> None:
    result = load_text(b"on: 1\n2023: x\n", "p")
    assert result.document is not None
    assert result.document.data == {"on": 1, "2023": "x"}


def test_merge_keys_and_aliases() -> None:
    result = load_text(b"base: &b {kind: opd}\nx:\n  <<: *b\n  id: a\ny: *b\n", "p")
    assert result.document is not None
    assert result.document.data["x"] == {"id": "a", "kind": "opd"}
    assert result.document.data["y"] == {"kind": "opd"}


def test_utf8_bom_accepted() -> None:
    assert load_text(b"\xef\xbb\xbfa: 1\n", "p").findings == []


# --- locations --------------------------------------------------------------------------


def test_locations_of_values_and_keys() -> None:
    text = "region:\n  name: Kota Jambi\nprograms:\n  - id: GOV-01\n    tags: [a, 'b']\n"
    document = load_text(text.encode(), "p").document
    assert document is not None
    assert document.locate("/region/name") == ("p", 2, 9)
    assert document.locate("/region/name", at_key=True) == ("p", 2, 3)
    assert document.locate("/programs/0/id") == ("p", 4, 9)
    assert document.locate("/programs/0/tags/1") == ("p", 5, 15)
    assert document.locate("/programs/0") == ("p", 4, 5)
    assert document.locate("/programs/0/missing/deeper") == ("p", 4, 5)


def test_columns_count_characters_not_bytes() -> None:
    document = load_text("nama: Bupati Ipuk Fiestiandani é\nx: é1\n".encode(), "p").document
    assert document is not None
    assert document.locate("/x") == ("p", 2, 4)


def test_pointer_escapes_slash_and_tilde() -> None:
    document = load_text(b"dimensions:\n  a/b~c: 1\n", "p").document
    assert document is not None
    assert document.locate("/dimensions/a~1b~0c") == ("p", 2, 10)


keys = st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True)
words = st.from_regex(r"[A-Za-z][A-Za-z0-9 é]{0,12}[A-Za-z0-9]", fullmatch=True).filter(
    lambda word: yaml.safe_load(word) == word  # plain text, not `NO` or `null`
)
trees = st.recursive(
    words,
    lambda inner: (
        st.lists(inner, min_size=1, max_size=4)
        | st.dictionaries(keys, inner, min_size=1, max_size=4)
    ),
    max_leaves=30,
)


def emit(
    value: Any,
    indent: int,
    pointer: str,
    out: list[str],
    where: dict[str, tuple[int, int]],
    prefix: str = "",
) -> None:
    """A tiny block-style emitter that records where it writes each scalar (1-based)."""
    pad = " " * indent
    if isinstance(value, dict):
        first = True
        for key, item in value.items():
            lead = prefix if first else pad
            first = False
            _emit_entry(f"{lead}{key}:", item, indent, join(pointer, key), out, where)
    elif isinstance(value, list):
        first = True
        for index, item in enumerate(value):
            lead = (prefix if first else pad) + "- "
            first = False
            child = join(pointer, index)
            if isinstance(item, str):
                where[child] = (len(out) + 1, len(lead) + 1)
                out.append(lead + item)
            else:
                emit(item, indent + 2, child, out, where, prefix=lead)


def _emit_entry(
    head: str,
    item: Any,
    indent: int,
    pointer: str,
    out: list[str],
    where: dict[str, tuple[int, int]],
) -> None:
    if isinstance(item, str):
        where[pointer] = (len(out) + 1, len(head) + 2)
        out.append(f"{head} {item}")
    else:
        out.append(head)
        emit(item, indent + 2, pointer, out, where, prefix=" " * (indent + 2))


@given(st.dictionaries(keys, trees, min_size=1, max_size=5))
def test_every_scalar_maps_to_where_it_is_written(tree: dict[str, Any]) -> None:
    out: list[str] = []
    where: dict[str, tuple[int, int]] = {}
    emit(tree, 0, "", out, where)
    result = load_text("\n".join(out).encode(), "p.yaml")
    assert result.findings == [], "\n".join(out)
    assert result.document is not None
    assert result.document.data == tree
    for pointer, (line, column) in where.items():
        assert result.document.locate(pointer) == ("p.yaml", line, column), pointer


@given(
    st.lists(st.dictionaries(keys, words, min_size=1, max_size=4), min_size=1, max_size=5),
    st.integers(min_value=0, max_value=3),
)
def test_scalars_in_include_fragments_map_to_the_fragment(
    programs: list[dict[str, str]], local: int
) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        (root / "parts").mkdir()
        main = [
            "smartplan: 1",
            "include: [parts/more.yaml]",
            "programs:" if local else "programs: []",
        ]
        main += [f"  - id: LOCAL-{i}" for i in range(local)]
        (root / "plan.yaml").write_text("\n".join(main) + "\n")
        out: list[str] = []
        where: dict[str, tuple[int, int]] = {}
        emit({"programs": programs}, 0, "", out, where)
        (root / "parts" / "more.yaml").write_text("\n".join(out) + "\n")
        result = load_plan(root / "plan.yaml", display="plan.yaml")
        assert result.findings == []
        assert result.document is not None
        assert result.document.data["programs"][local:] == programs
        for pointer, (line, column) in where.items():
            index = int(pointer.split("/")[2])
            merged = pointer.replace(f"/programs/{index}", f"/programs/{index + local}", 1)
            assert result.document.locate(merged) == ("parts/more.yaml", line, column)


# --- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected", "fragment"),
    [
        (b"a: 1\n---\nb: 2\n", ("yaml-syntax", 2, 1), "several YAML documents"),
        (b"- a\n- b\n", ("yaml-syntax", 1, 1), "must be a mapping"),
        (b"just text\n", ("yaml-syntax", 1, 1), "must be a mapping"),
        (b"", ("yaml-syntax", 1, 1), "empty"),
        (b"# only a comment\n", ("yaml-syntax", 1, 1), "empty"),
        (b"\xff\xfea\x00:\x00", ("yaml-syntax", 1, 1), "UTF-16"),
        (b"a: caf\xe9\n", ("yaml-syntax", 1, 7), "not valid UTF-8"),
        (b"a: 1\nb: \x00\x01\x02\n", ("yaml-syntax", 2, 4), "binary"),
        (b"a: !!python/object/apply:os.system [ls]\n", ("yaml-syntax", 1, 4), "core schema"),
        (b"a: !custom x\n", ("yaml-syntax", 1, 4), "core schema"),
        (b"a: !!binary aGVsbG8=\n", ("yaml-syntax", 1, 4), "core schema"),
        (b"a: !!int abc\n", ("yaml-syntax", 1, 4), "not a valid !!int"),
        (b"d: 2022-02-30\n", ("yaml-syntax", 1, 4), "not a valid date"),
        (b"a:\n\tb: 1\n", ("yaml-syntax", 2, 1), "tab"),
        (b"a: [1, 2\nb: 3\n", ("yaml-syntax", 2, 2), "opens at line 1 is not closed"),
        (b"a: *nothing\n", ("yaml-syntax", 1, 4), "no anchor"),
        (b"a: 1\nb: \x07\n", ("yaml-syntax", 2, 4), "U+0007"),
        (b"? [a]\n: 1\n", ("yaml-syntax", 1, 3), "plain scalar"),
        (b"region:\n  name: A\n  name: B\n", ("duplicate-key", 3, 3), "first at line 2"),
    ],
)
def test_refusals(source: bytes, expected: tuple[str, int, int], fragment: str) -> None:
    assert rules_at(source)[0] == expected
    assert fragment in load_text(source, "p").findings[0].message


def test_crlf_line_endings_are_fine() -> None:
    result = load_text(b"a: 1\r\nb:\r\n  c: x\r\n", "p")
    assert result.findings == []
    assert result.document is not None
    assert result.document.locate("/b/c") == ("p", 3, 6)


def test_duplicate_key_keeps_the_last_value_and_names_both_lines() -> None:
    result = load_text(b"a: 1\nb: 2\na: 3\n", "p")
    assert result.document is not None and result.document.data["a"] == 3
    assert "first at line 1" in result.findings[0].message
    assert result.findings[0].pointer == "/a"


def test_alias_bomb_refused() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 9):
        prev = chr(ord("a") + level - 1)
        this = chr(ord("a") + level)
        lines.append(f"{this}: &{this} [" + ",".join([f"*{prev}"] * 9) + "]")
    found = rules_at("\n".join(lines))
    assert found and found[0][0] == "yaml-syntax"
    assert "alias bomb" in message("\n".join(lines))


@pytest.mark.parametrize("depth", [65, 10_000, 60_000])
def test_deep_nesting_refused_without_crash(depth: int) -> None:
    """Where level 65 opens, whatever the parser: PyYAML 6.0.4's libyaml refuses level 1,000
    of a flow itself, before smartplan's builder sees level 65 (issue 13)."""
    found = rules_at("a: " + "[" * depth + "]" * depth)
    assert found == [("yaml-syntax", 1, 67)]  # the plan is level 1: its 64th bracket
    assert message("a: " + "[" * depth + "]" * depth) == (
        "nesting deeper than 64 levels is refused (limits.max_depth in .smartplan.yaml)"
    )


@pytest.mark.parametrize(
    ("source", "line", "column"),
    [
        # quotes and comments hide brackets; the 65th real opening is the place
        ("a: ['[[[', " + "[" * 2000 + "]" * 2000 + "]", 1, 12 + 62),
        ('a: ["x\\"[", ' + "{b: " * 3000 + "}" * 3000 + "]", 1, 13 + 62 * 4),
        ("x:\n  y:\n    - " + "[" * 5000 + "]" * 5000, 3, 7 + 61),
    ],
)
def test_deep_flow_refused_at_the_opening_that_passes_the_limit(
    source: str, line: int, column: int
) -> None:
    assert rules_at(source) == [("yaml-syntax", line, column)]
    assert message(source).startswith("nesting deeper than 64 levels")


@pytest.mark.parametrize(
    ("source", "where", "words"),
    [
        ("a:\n  - x\n  - y\n - z\n", (4, 2), "block that starts at line 1"),
        ("a:\n    b: 1\n  c: 2\nd: 3\n", (3, 3), "indentation problem"),
        ("a:\n  - x\n  b: 1\n", (3, 3), "list items ('- ') of the block that starts at line 2"),
        ("a:\n  b: 1\n   c: 2\n", (3, 5), "indented deeper than the key above it"),
        ("a: 'abc\nb: 1\n", (3, 1), "quoted text that starts at line 1 is never closed"),
        ("a: {b: 1\nc: 3\n", (2, 2), "opens at line 1 is not closed"),
        ("a:\n\tb: 1\n", (2, 1), "a tab character cannot indent"),
    ],
)
def test_parser_errors_explained_for_the_author(
    source: str, where: tuple[int, int], words: str
) -> None:
    """The parser's state ("did not find expected key") becomes the author's mistake."""
    assert rules_at(source) == [("yaml-syntax", *where)]
    assert words in message(source)
    assert "did not find expected" not in message(source)


def test_depth_limit_is_configurable() -> None:
    assert rules_at("a: [[[1]]]", Limits(max_depth=3))[0][0] == "yaml-syntax"
    assert rules_at("a: [[[1]]]", Limits(max_depth=4)) == []


def test_oversize_file_refused_before_reading(tmp_path: Path) -> None:
    plan = tmp_path / "big.yaml"
    with open(plan, "wb") as handle:
        handle.write(b"a: " + b"x" * 2048 + b"\n")
    result = load_plan(plan, limits=Limits(max_file_size=1024))
    assert [(f.rule, f.line) for f in result.findings] == [("yaml-syntax", 1)]
    assert "larger than the size limit" in result.findings[0].message


def test_missing_plan_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        load_plan(tmp_path / "none.yaml")


# --- includes ---------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_include_merges_lists(repo: Path) -> None:
    write(repo / "p" / "a.yaml", "programs:\n  - id: B\norganizations:\n  - id: o\n    name: O\n")
    plan = write(repo / "plan.yaml", "include: [p/a.yaml]\nprograms:\n  - id: A\n")
    result = load_plan(plan, display="plan.yaml")
    assert result.findings == []
    assert result.document is not None
    assert [p["id"] for p in result.document.data["programs"]] == ["A", "B"]
    assert result.document.locate("/organizations/0/name") == ("p/a.yaml", 5, 11)
    assert set(result.lines) == {"plan.yaml", "p/a.yaml"}


@pytest.mark.parametrize(
    ("entry", "fragment"),
    [
        ("../outside.yaml", "outside the repository"),
        ("/etc/passwd", "absolute path"),
        ("missing.yaml", "cannot read"),
        ("link/x.yaml", "outside the repository"),
    ],
)
def test_include_refusals(repo: Path, entry: str, fragment: str) -> None:
    outside = repo.parent / "outside"
    outside.mkdir(exist_ok=True)
    write(outside / "x.yaml", "programs: []\n")
    write(repo.parent / "outside.yaml", "programs: []\n")
    os.symlink(outside, repo / "link")
    plan = write(repo / "plan.yaml", f"smartplan: 1\ninclude:\n  - {entry}\n")
    result = load_plan(plan, display="plan.yaml")
    assert [(f.rule, f.line, f.column) for f in result.findings] == [("include", 3, 5)]
    assert fragment in result.findings[0].message


def test_fragment_findings_point_into_the_fragment(repo: Path) -> None:
    write(repo / "f.yaml", "programs:\n  - id: A\n    id: B\nvision: x\n")
    plan = write(repo / "plan.yaml", "include: [f.yaml]\n")
    findings = load_plan(plan, display="plan.yaml").findings
    assert [(f.path, f.rule, f.line) for f in findings] == [
        ("f.yaml", "duplicate-key", 3),
        ("f.yaml", "include", 4),
    ]
