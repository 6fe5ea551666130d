"""The house as drawn in docs/architecture.md: each top-level module and package of
src/smartplan is a room on a floor; a room imports only rooms on lower floors (lazily or not,
type-only imports included), so no circle can form between rooms. Read from the source with
ast, nothing imported."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT

SOURCE = ROOT / "src" / "smartplan"

# Lowest floor first. A room may import the rooms of any floor below its own, never one on its
# own floor or above. docs/architecture.md draws the same list.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("errors", "findings", "i18n", "escape"),  # the shared model and the words
    ("hints", "extras"),  # did-you-mean sentences; optional libraries by their extra
    ("files",),  # where files come from and where they may lead
    ("loader",),  # YAML → Document
    ("schema",),  # the format: JSON Schema, the editor's schema copy
    ("domain",),  # the framework's taxonomy, the figures of a plan
    ("workspace",),  # which plans, which settings, a new plan
    ("rules",),  # the lint rules and their registry
    ("cache",),  # the results cache: store and keys
    ("check",),  # load → check → findings
    ("diff",),  # load → compare → changes
    ("report",),  # load → view model → templates
    ("reporters",),  # every output format, the browser that prints
    ("workbook",),  # a workbook's edits back into the plan (import)
    ("lsp",),  # the editor's face
    ("cli",),  # the command line's face
    ("__init__", "__main__"),  # the library's entry point, python -m smartplan
)
FLOOR = {room: level for level, rooms in enumerate(FLOORS) for room in rooms}
# the shared model may hold at most this many loose modules at the package's top
MAX_LOOSE = 8


def rooms(source: Path = SOURCE) -> list[str]:
    found = [path.stem for path in source.glob("*.py")]
    found += [path.name for path in source.iterdir() if (path / "__init__.py").is_file()]
    return sorted(found)


def room_of(path: Path, source: Path) -> str:
    relative = path.relative_to(source)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def imported(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """Every smartplan module a file imports, with its line: absolute and relative, at the top,
    inside functions and under TYPE_CHECKING alike."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                keep = len(parts) - node.level + (1 if is_package else 0)
                base = ".".join([*parts[:keep], *([base] if base else [])])
            for alias in node.names:
                submodule = node.module is None or base == "smartplan"  # from . import x
                yield node.lineno, f"{base}.{alias.name}" if submodule else base


def arrows(package: Path = SOURCE) -> Iterator[tuple[str, str, str]]:
    """(from room, to room, where) for every import that crosses a room's wall."""
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package.parent).with_suffix("")
        is_package = path.name == "__init__.py"
        module = ".".join(relative.parts[:-1] if is_package else relative.parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        source = room_of(path, package)
        for line, name in imported(tree, module, is_package):
            parts = name.split(".")
            if parts[0] != "smartplan" or len(parts) < 2:
                continue
            target = parts[1]
            if target == "__version__":  # the package's own version: no room, read by all
                continue
            if target != source and target in FLOOR:
                yield source, target, f"{path.relative_to(package.parent)}:{line} imports {name}"


def test_every_room_has_a_floor() -> None:
    """A new module or package at the top is placed on a floor here and in the drawing."""
    assert [room for room in rooms() if room not in FLOOR] == []
    assert [room for room in FLOOR if room not in rooms()] == []


def test_the_package_top_holds_few_loose_modules() -> None:
    loose = sorted(path.stem for path in SOURCE.glob("*.py"))
    assert len(loose) <= MAX_LOOSE, loose


def against_the_floors(package: Path = SOURCE) -> list[str]:
    return [
        f"{where} ({source} on floor {FLOOR[source]} → {target} on floor {FLOOR[target]})"
        for source, target, where in arrows(package)
        if FLOOR[target] >= FLOOR[source]
    ]


def circle(package: Path = SOURCE) -> list[str] | None:
    """A circle of rooms, if the imports make one."""
    graph: dict[str, set[str]] = {}
    for source, target, _where in arrows(package):
        graph.setdefault(source, set()).add(target)
    state: dict[str, int] = {}

    def visit(room: str, trail: list[str]) -> list[str] | None:
        state[room] = 1
        for nxt in sorted(graph.get(room, ())):
            if state.get(nxt) == 1:
                return [*trail, room, nxt]
            if nxt not in state and (found := visit(nxt, [*trail, room])):
                return found
        state[room] = 2
        return None

    return next(
        (found for room in sorted(graph) if room not in state and (found := visit(room, []))), None
    )


def test_no_import_goes_up_or_sideways() -> None:
    assert against_the_floors() == []


def test_no_circle_between_rooms() -> None:
    """Implied by the floors, checked on its own so that a failure names the circle."""
    assert circle() is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from smartplan.cache.store import keep", [(1, "smartplan.cache.store")]),
        ("from smartplan import cache", [(1, "smartplan.cache")]),
        ("def f():\n    import smartplan.cli", [(2, "smartplan.cli")]),
        ("from . import labels", [(1, "smartplan.report.labels")]),
        ("from .. import errors", [(1, "smartplan.errors")]),
    ],
)
def test_the_reader_sees_every_kind_of_import(text: str, expected: list[tuple[int, str]]) -> None:
    """The checker itself: lazy, package-relative and `from smartplan import X` imports count."""
    found = list(imported(ast.parse(text), "smartplan.report.model", False))
    assert [(line, name) for line, name in found if name.startswith("smartplan")] == expected


def test_an_arrow_against_the_floors_is_caught(tmp_path: Path) -> None:
    """The checker on a small tree: the settings importing the rule registry lazily (as
    config.py once did) while the rules import the settings is an arrow up and a circle."""
    package = tmp_path / "smartplan"
    for name, text in {
        "__init__.py": "",
        "workspace/__init__.py": "",
        "workspace/config.py": "def known():\n    from smartplan.rules import RULES\n",
        "rules/__init__.py": "from smartplan.workspace.config import known\n",
    }.items():
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        (package / name).write_text(text)
    wrong = against_the_floors(package)
    assert wrong == [
        "smartplan/workspace/config.py:2 imports smartplan.rules (workspace on floor 6 → rules on floor 7)"
    ]
    assert circle(package) in (["rules", "workspace", "rules"], ["workspace", "rules", "workspace"])


def calls(tree: ast.AST) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree) if isinstance(node, ast.Call))


def printing(path: Path) -> list[str]:
    """`print(...)` and any use of sys.stdout / sys.stderr in a module, by line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [
        (node.lineno, "print()")
        for node in calls(tree)
        if isinstance(node.func, ast.Name) and node.func.id == "print"
    ]
    found += [
        (node.lineno, f"sys.{node.attr}")
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("stdout", "stderr")
        and isinstance(node.value, ast.Name)
        and node.value.id == "sys"
    ]
    return [f"{path.name}:{line} {what}" for line, what in sorted(found)]


def test_the_core_never_prints() -> None:
    """Only the faces talk to a person: cli/ to the terminal, lsp/ to its client."""
    faces = {"cli", "lsp", "__main__"}
    core = [path for path in SOURCE.rglob("*.py") if room_of(path, SOURCE) not in faces]
    assert [line for path in sorted(core) for line in printing(path)] == []


def test_a_print_in_the_core_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "noisy.py"
    module.write_text("import sys\n\ndef f():\n    print('x')\n    sys.stderr.write('y')\n")
    assert printing(module) == ["noisy.py:4 print()", "noisy.py:5 sys.stderr"]


WRITING_CALLS = {
    "os.replace", "os.rename", "os.link", "os.unlink", "os.remove", "os.mkdir", "os.makedirs",
    "os.symlink", "os.utime", "os.truncate", "os.rmdir", "shutil.copy", "shutil.copyfile",
    "shutil.copy2", "shutil.move", "shutil.rmtree", "tempfile.mkstemp", "tempfile.NamedTemporaryFile",
}  # fmt: skip
# Path's; not `replace` (str.replace and dataclasses.replace look the same; os.replace is above)
WRITING_METHODS = {"write_text", "write_bytes", "mkdir", "unlink", "rename", "touch",
                   "symlink_to", "rmdir", "hardlink_to"}  # fmt: skip
WRITE_FLAGS = {"O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"}
# where something other than files/output.py changes a file, and why that is not a user's file
ALLOWED_WRITES = {
    ("cache/store.py", "os.utime"): "marks a cache entry it opened without a link as used",
    ("reporters/chromium.py", "open"): "Chromium's own log, where SMARTPLAN_CHROMIUM_LOG says",
    ("cli/terminal.py", "os.open"): "a closed standard output pointed at /dev/null at exit",
}


def dotted(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return f"{dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ""


def open_mode(node: ast.Call) -> str:
    given = [*node.args[1:2], *(k.value for k in node.keywords if k.arg == "mode")]
    return next((g.value for g in given if isinstance(g, ast.Constant)), "r") if given else "r"


def writes(path: Path) -> list[tuple[int, str]]:
    """Calls in a module that create, change or remove a file."""
    found = []
    for node in calls(ast.parse(path.read_text(encoding="utf-8"))):
        name = dotted(node.func)
        if name in WRITING_CALLS:
            found.append((node.lineno, name))
        elif isinstance(node.func, ast.Attribute) and node.func.attr in WRITING_METHODS:
            found.append((node.lineno, f".{node.func.attr}"))
        elif name == "open" and set(str(open_mode(node))) & set("wax+"):
            found.append((node.lineno, "open"))
        elif name == "os.open" and any(flag in ast.unparse(node) for flag in WRITE_FLAGS):
            found.append((node.lineno, "os.open"))
    return found


def test_only_the_one_writer_writes() -> None:
    """Every file written on a user's behalf goes through files/output.py (atomic, never over an
    input, never through a link); the few other changes to a file are named, with why."""
    found = {
        (path.relative_to(SOURCE).as_posix(), what): line
        for path in sorted(SOURCE.rglob("*.py"))
        if path.relative_to(SOURCE).as_posix() != "files/output.py"
        for line, what in writes(path)
    }
    assert sorted(set(found) - set(ALLOWED_WRITES)) == []
    assert sorted(set(ALLOWED_WRITES) - set(found)) == []  # an exception no longer needed goes


def test_a_write_beside_the_writer_is_caught(tmp_path: Path) -> None:
    module = tmp_path / "sneaky.py"
    module.write_text(
        "import os\nfrom pathlib import Path\n\ndef f(p):\n    Path(p).write_text('x')\n"
        "    open(p, 'wb')\n    open(p, encoding='ascii')\n    os.open(p, os.O_WRONLY)\n"
        "    os.replace(p, p)\n    'a'.replace('a', 'b')\n"
    )
    assert writes(module) == [(5, ".write_text"), (6, "open"), (8, "os.open"), (9, "os.replace")]
