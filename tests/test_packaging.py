"""SPEC §6: `pip install .` carries schemas, frameworks and templates, and works outside the checkout.

The wheel is built once per module and installed once into a fresh virtualenv (its dependencies come
from the package index); every command then runs from a folder that is not the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

TIMEOUT = 600  # seconds; installing into the virtualenv fetches the dependencies

BUNDLED = [
    "smartplan/schemas/masterplan.schema.json",
    "smartplan/schemas/config.schema.json",
    "smartplan/schemas/framework.schema.json",
    "smartplan/frameworks/kominfo-2017.yaml",
    "smartplan/frameworks/kemkomdigi-2026.yaml",
    "smartplan/templates/base.html",
    "smartplan/templates/masterplan.html",
    "smartplan/templates/masterplan.md",
    "smartplan/templates/partials/style.css",
]


def _env(home: Path) -> dict[str, str]:
    """The caller's environment without colour switches or anything pointing python at the checkout."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_TARGET", "PIP_PREFIX"))
        and key not in {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM", "COLUMNS"}
    }
    env["HOME"] = str(home)
    return env


def _run(
    args: list[str | Path], cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _ok(args: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    done = _run(args, cwd, env)
    assert done.returncode == 0, (
        f"{' '.join(map(str, args))} exited {done.returncode}\n"
        f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    )
    return done.stdout


def _build_wheel(source: Path, out: Path, env: dict[str, str]) -> Path:
    _ok([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-w", out], out.parent, env)
    wheels = list(out.glob("smartplan-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("packaging")
    (folder / "home").mkdir()
    return folder


@pytest.fixture(scope="module")
def wheel(base: Path) -> Path:
    return _build_wheel(ROOT, base / "dist", _env(base / "home"))


@pytest.fixture(scope="module")
def venv(base: Path, wheel: Path) -> Path:
    """A fresh virtualenv outside the checkout with the wheel (and its dependencies) installed."""
    env = _env(base / "home")
    target = base / "venv"
    _ok([sys.executable, "-m", "venv", target], base, env)
    _ok([target / "bin" / "python", "-m", "pip", "install", "-q", wheel], base, env)
    return target


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return _env(tmp_path / "home")


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def _version(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return HeaderParser().parsestr(archive.read(metadata).decode("utf-8"))["Version"]


@pytest.mark.parametrize("member", [*BUNDLED, "smartplan/cli/__init__.py", "smartplan/__main__.py"])
def test_wheel_contains(wheel: Path, member: str) -> None:
    assert member in _names(wheel)


def _data_files() -> list[str]:
    """Files under schemas/, frameworks/, templates/ that a commit of the working tree would hold."""
    git = shutil.which("git")
    assert git, "git is required to list the files of the checkout"
    listed = _ok(
        [
            git,
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            "schemas",
            "frameworks",
            "templates",
        ],
        ROOT,
        _env(Path.home()),
    )
    return sorted(
        name
        for name in set(filter(None, listed.split("\0")))
        if (ROOT / name).is_file() and not Path(name).name.startswith(".")  # .gitkeep and the like
    )


def test_wheel_carries_every_data_file_of_the_checkout(wheel: Path) -> None:
    data = _data_files()
    assert {f"smartplan/{name}" for name in data} >= set(BUNDLED)
    with zipfile.ZipFile(wheel) as archive:
        for name in data:
            assert archive.read(f"smartplan/{name}") == (ROOT / name).read_bytes(), name


def test_wheel_declares_the_console_script(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [
            n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")
        ]
        text = archive.read(entry_points).decode("utf-8")
    section = text.split("[console_scripts]", 1)[1].split("\n[", 1)[0]
    scripts = {
        name.strip(): target.strip()
        for name, _, target in (line.partition("=") for line in section.splitlines() if "=" in line)
    }
    assert scripts == {"smartplan": "smartplan.cli:main"}


def test_a_clean_copy_of_the_tree_builds(base: Path, wheel: Path) -> None:
    """CI, pre-commit and every fresh clone build from what git carries, not from this folder.

    Git keeps no empty folder and no ignored file: copy exactly the files a commit of the working
    tree would hold (tracked and untracked, less the ignored) and build from that copy.
    """
    git = shutil.which("git")
    assert git, "git is required to list the files of the checkout"
    env = _env(base / "home")
    listed = _ok([git, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], ROOT, env)
    copy = base / "clean-copy"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is skipped
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    out = base / "clean-dist"
    out.mkdir()
    rebuilt = _build_wheel(copy, out, env)
    assert sorted(_names(rebuilt)) == sorted(_names(wheel))


def test_version(venv: Path, wheel: Path, env: dict[str, str], isolated: Path) -> None:
    output = _ok([venv / "bin" / "smartplan", "--version"], isolated, env)
    assert output.strip() == f"smartplan {_version(wheel)}"


@pytest.mark.parametrize(("flags", "name"), [([], "masterplan"), (["--config"], "config")])
def test_schema_path_is_inside_the_venv(
    venv: Path, env: dict[str, str], isolated: Path, flags: list[str], name: str
) -> None:
    output = _ok([venv / "bin" / "smartplan", "schema", "--path", *flags], isolated, env)
    path = Path(output.strip()).resolve()
    assert path.is_relative_to(venv.resolve()), path
    assert not path.is_relative_to(ROOT), path
    assert path.name == f"{name}.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(
        (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    )
    printed = _ok([venv / "bin" / "smartplan", "schema", *flags], isolated, env)
    assert json.loads(printed) == json.loads(path.read_text(encoding="utf-8"))


def test_python_m_validates_the_examples(venv: Path, env: dict[str, str], isolated: Path) -> None:
    shutil.copytree(EXAMPLES, isolated / "examples")
    done = _run([venv / "bin" / "python", "-m", "smartplan", "validate", "examples"], isolated, env)
    assert done.returncode == 0, done.stdout + done.stderr
    plan = isolated / "plan.yaml"
    shutil.copy(EXAMPLES / "kota-pangkalpinang" / "masterplan.yaml", plan)
    done = _run([venv / "bin" / "python", "-m", "smartplan", "validate", plan], isolated, env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_init_then_validate(venv: Path, env: dict[str, str], isolated: Path) -> None:
    smartplan = venv / "bin" / "smartplan"
    _ok(
        [
            smartplan,
            "init",
            "kota-contoh",
            "--region",
            "Kota Contoh",
            "--kind",
            "kota",
            "--province",
            "Jawa Barat",
            "--start",
            "2025",
        ],
        isolated,
        env,
    )
    plan = isolated / "kota-contoh" / "masterplan.yaml"
    text = plan.read_text(encoding="utf-8")
    modeline = text.splitlines()[0]
    # nothing of this machine in a file that is committed (issue 13): a relative path to the
    # repository's own copy of the schema, identical to the installed one
    assert modeline == "# yaml-language-server: $schema=.smartplan/masterplan.schema.json"
    assert str(venv) not in text and str(isolated) not in text and "site-packages" not in text
    copy = plan.parent / ".smartplan" / "masterplan.schema.json"
    installed = _ok([smartplan, "schema"], isolated, env)
    assert copy.read_text(encoding="utf-8") == installed

    done = _run([smartplan, "validate", plan], isolated, env)
    output = done.stdout + done.stderr
    assert done.returncode in (0, 1), output  # a fresh stage-1 plan has findings, never a crash
    assert "stage-requirements" in output, output
    assert "framework" not in output.lower(), output
    assert "Traceback" not in output, output

    done = _run([smartplan, "validate", "--format", "json", plan], isolated, env)
    report = json.loads(done.stdout)
    rules = {finding["rule"] for file in report["files"] for finding in file["findings"]}
    assert rules == {"stage-requirements"}, report


def test_render_from_the_installed_wheel(venv: Path, env: dict[str, str], isolated: Path) -> None:
    """The templates come from inside the wheel: a report renders outside the checkout."""
    shutil.copytree(EXAMPLES / "kota-batam", isolated / "kota-batam")
    smartplan = venv / "bin" / "smartplan"
    plan = isolated / "kota-batam" / "masterplan.yaml"
    _ok([smartplan, "render", plan, "--format", "html", "-o", "batam.html"], isolated, env)
    html = (isolated / "batam.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Kota Batam" in html and "<svg" in html
    summary = _ok([smartplan, "render", plan, "--report", "summary", "--lang", "en"], isolated, env)
    assert summary.startswith("# Executive Summary: Kota Batam")
