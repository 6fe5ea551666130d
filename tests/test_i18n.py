"""Words in two languages (SPEC §9): catalogues complete and current, Bahasa Indonesia by default,
the language chosen by --lang > .smartplan.yaml lang: > SMARTPLAN_LANG, machine keys unchanged."""

from __future__ import annotations

import ast
import gettext
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from smartplan.cli import COMMANDS, app

LOCALE = ROOT / "src" / "smartplan" / "locale"
POT = LOCALE / "smartplan.pot"
LANGS = ("id", "en")
# {name}, {} and {name!r}/{name:>3}; not YAML flow mappings such as {id: GOV-01, ...}
PLACEHOLDER = re.compile(r"\{(\w*)(?:[!:][^\s{}]*)?\}|%\(\w+\)[sd]")
BROKEN = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
programs:
  - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, lead: diskominf}
"""
runner = CliRunner()


def catalogue(lang: str):  # type: ignore[no-untyped-def]
    with open(LOCALE / lang / "LC_MESSAGES" / "smartplan.po", "rb") as handle:
        return read_po(handle, locale=lang)


def entries(lang: str) -> list:  # type: ignore[type-arg]
    return [message for message in catalogue(lang) if message.id]


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "SMARTPLAN_LANG"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


# --- the catalogues -------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_msgid_is_translated(lang: str) -> None:
    missing = []
    for message in entries(lang):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            missing.append(message.id)
    assert not missing, f"{lang}: untranslated or fuzzy: {missing[:5]}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_identical_in_source_and_translation(lang: str) -> None:
    for message in entries(lang):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        assert sorted(PLACEHOLDER.findall(ids[0])) == wanted, message.id
        for string in strings:
            assert sorted(PLACEHOLDER.findall(string)) == wanted, (message.id, string)


def test_the_template_is_current_and_both_catalogues_follow_it(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import catalogues
    finally:
        sys.path.pop(0)
    fresh = tmp_path / "fresh.pot"
    catalogues.pybabel(catalogues.extract_args(fresh))
    with open(fresh, "rb") as new, open(POT, "rb") as old:
        keys = {(m.context, m.id) for m in read_po(new) if m.id}
        committed = {(m.context, m.id) for m in read_po(old) if m.id}
    assert keys == committed, "run: python scripts/catalogues.py all (docs/catalogues.md)"
    for lang in LANGS:
        assert {(m.context, m.id) for m in entries(lang)} == committed, lang


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_is_current(lang: str) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, catalogue(lang))
    fresh = gettext.GNUTranslations(io.BytesIO(buffer.getvalue()))
    mo = LOCALE / lang / "LC_MESSAGES" / "smartplan.mo"
    committed = gettext.GNUTranslations(io.BytesIO(mo.read_bytes()))
    # every message, not the header: its Generated-By names the Babel version that compiled it
    messages = {k: v for k, v in committed._catalog.items() if k != ""}  # type: ignore[attr-defined]
    expected = {k: v for k, v in fresh._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert messages == expected, "run: python scripts/catalogues.py compile"


def test_the_wheel_carries_the_compiled_catalogues() -> None:
    from smartplan import i18n

    assert (i18n.LOCALE_DIR / "id" / "LC_MESSAGES" / "smartplan.mo").is_file()
    assert i18n.LOCALE_DIR.is_relative_to(Path(i18n.__file__).parent)  # package data


def _calls(tree: ast.AST, names: set[str]) -> list[ast.Call]:
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
    ]


TRANSLATORS = {"_", "_n", "gettext", "pgettext"}


@pytest.mark.parametrize("path", sorted((ROOT / "src" / "smartplan").rglob("*.py")), ids=str)
def test_no_message_is_built_from_translated_fragments(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    translated = {id(call) for call in _calls(tree, TRANSLATORS)}
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            for side in (node.left, node.right):
                assert id(side) not in translated, f"{path}:{node.lineno}: a translation glued"
        if isinstance(node, ast.JoinedStr):
            for part in ast.walk(node):
                assert id(part) not in translated, f"{path}:{node.lineno}: a translation in an f-string"
        if isinstance(node, ast.Attribute) and node.attr == "format":
            assert id(node.value) not in translated, f"{path}:{node.lineno}: _() fills its own"
    for call in _calls(tree, {"_", "_n", "N_", "NC_"}):
        first = call.args[0] if call.args else None
        assert not isinstance(first, ast.JoinedStr), f"{path}:{call.lineno}: f-string msgid"


@pytest.mark.parametrize("path", sorted((ROOT / "src" / "smartplan").rglob("*.py")), ids=str)
def test_no_function_hides_the_translation_function(path: Path) -> None:
    """`first, _ = ...` in a function that also calls `_()` would make `_` a local there."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        local = [
            n for n in ast.walk(function)
            if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)
        ]  # fmt: skip
        comprehended = {
            id(n)
            for c in ast.walk(function)
            if isinstance(c, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp))
            for g in c.generators
            for n in ast.walk(g.target)
        }
        assert not [n for n in local if id(n) not in comprehended] or not _calls(function, {"_"}), (
            f"{path}:{function.lineno} {function.name}"
        )


def test_the_glossary_is_followed() -> None:
    """docs/istilah.md names the words to avoid; no Indonesian message uses them."""
    glossary = (ROOT / "docs" / "istilah.md").read_text(encoding="utf-8").split("## Review")[0]
    avoid = set()
    for line in glossary.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and line.startswith("|") and not set(cells[0]) <= {"-", " "}:
            avoid |= {w.strip(" *`").lower() for w in cells[2].split(",") if w.strip(" *`—-")}
    avoid.discard("hindari")
    assert len(avoid) >= 10
    text = " ".join(
        s for m in entries("id") for s in (m.string if isinstance(m.string, tuple) else (m.string,))
    ).lower()
    used = sorted(word for word in avoid if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text))
    assert not used, f"words the glossary avoids: {used}"


# --- the language of a run ------------------------------------------------------------------


@pytest.fixture
def broken(isolated: Path) -> Path:
    (isolated / "masterplan.yaml").write_text(BROKEN, encoding="utf-8")
    return isolated


def test_indonesian_by_default_english_with_lang(broken: Path) -> None:
    done = run("validate", cwd=broken)
    assert done.returncode == 1
    assert "masterplan.yaml:6:75: kesalahan: penanggung jawab (lead) program GOV-01 'diskominf'" in done.stdout
    assert "1 berkas diperiksa:" in done.stdout
    english = run("validate", "--lang", "en", cwd=broken)
    assert "masterplan.yaml:6:75: error: program GOV-01 lead 'diskominf' is not an organization id" in english.stdout
    assert "Checked 1 file:" in english.stdout and english.returncode == 1


def test_option_wins_over_file_and_file_over_variable(broken: Path) -> None:
    assert "Checked 1 file" in run("validate", cwd=broken, env={"SMARTPLAN_LANG": "en"}).stdout
    (broken / ".smartplan.yaml").write_text("lang: en\n", encoding="utf-8")
    assert "Checked 1 file" in run("validate", cwd=broken, env={"SMARTPLAN_LANG": "id"}).stdout
    assert "1 berkas diperiksa" in run("validate", "--lang", "id", cwd=broken).stdout
    assert "1 berkas diperiksa" in run("--lang", "id", "validate", cwd=broken).stdout
    (broken / ".smartplan.yaml").write_text("lang: id\n", encoding="utf-8")
    assert "1 berkas diperiksa" in run("validate", cwd=broken, env={"SMARTPLAN_LANG": "en"}).stdout


@pytest.mark.usefixtures("indonesian")
@pytest.mark.parametrize("command", list(COMMANDS))  # every registered command, new ones too
def test_every_command_helps_in_indonesian_and_takes_lang(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "300"})
    assert result.exit_code == 0
    out = result.output
    assert "Penggunaan: smartplan" in out and "Tampilkan pesan ini lalu keluar." in out
    assert "Contoh: smartplan" in out and "--lang" in out
    assert "Show this message" not in out and "Example:" not in out and "Usage:" not in out
    english = runner.invoke(app, [command, "--help", "--lang", "en"], env={"COLUMNS": "300"}).output
    assert "Usage: smartplan" in english and "Example: smartplan" in english


@pytest.mark.usefixtures("indonesian")
def test_typer_and_click_words_in_help_and_errors_are_ours() -> None:
    """Plain help (typer's rich panels cost 0.1 s of start-up): its headings, defaults and the
    error lines in the chosen language, through the same catalogue."""
    out = runner.invoke(app, ["validate", "--help"], env={"COLUMNS": "300"}).output
    assert "Opsi:" in out and "Argumen:" in out and "[bawaan: text]" in out
    assert "Options:" not in out and "[default:" not in out
    assert "Penggunaan: smartplan validate [OPSI]" in out
    out = runner.invoke(app, ["export", "--help"], env={"COLUMNS": "300"}).output
    assert "[wajib]" in out and "[required]" not in out
    error = runner.invoke(app, ["validate", "--bogus"]).output
    assert "Coba 'smartplan validate -h' untuk bantuan." in error
    assert "Kesalahan: Opsi --bogus tidak ada" in error
    english = runner.invoke(app, ["validate", "--bogus", "--lang", "en"]).output
    assert "Try 'smartplan validate -h' for help." in english and "Error: No such option" in english
    assert "Perintah:" in runner.invoke(app, ["--help"]).output


@pytest.mark.usefixtures("indonesian")
def test_usage_errors_in_indonesian() -> None:
    result = runner.invoke(app, ["validate", "--format", "xml"])
    assert result.exit_code == 2
    assert "Nilai tidak sah untuk" in result.output and "bukan salah satu dari" in result.output
    result = runner.invoke(app, ["validate", "--lnag", "id"])
    assert result.exit_code == 2 and "Opsi --lnag tidak ada" in result.output
    result = runner.invoke(app, ["valdate"])
    assert result.exit_code == 2 and "Perintah 'valdate' tidak ada. Maksud Anda 'validate'?" in result.output
    result = runner.invoke(app, ["validate", "--select", "quick-wins", str(EXAMPLES)])
    assert result.exit_code == 2
    assert "aturan quick-wins tidak dikenal (maksud Anda 'quick-win'?) di baris perintah" in result.output


@pytest.mark.usefixtures("indonesian")
def test_machine_output_carries_the_language_but_never_changes_keys(broken: Path) -> None:
    outputs = {}
    for lang in LANGS:
        result = runner.invoke(app, ["validate", "--format", "json", "--lang", lang])
        outputs[lang] = json.loads(result.stdout)
        assert result.exit_code == 1
    finding = {
        lang: next(f for f in out["files"][0]["findings"] if f["rule"] == "unknown-reference")
        for lang, out in outputs.items()
    }
    assert [f["rule"] for f in outputs["id"]["files"][0]["findings"]] == [
        f["rule"] for f in outputs["en"]["files"][0]["findings"]
    ]
    assert finding["id"].keys() == finding["en"].keys()
    assert finding["id"]["rule"] == finding["en"]["rule"] == "unknown-reference"
    assert finding["id"]["severity"] == finding["en"]["severity"] == "error"
    assert finding["id"]["message"].startswith("penanggung jawab (lead) program GOV-01")
    assert finding["en"]["message"].startswith("program GOV-01 lead 'diskominf'")
    sarif = json.loads(runner.invoke(app, ["validate", "--format", "sarif"]).stdout)
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["quick-win"]["shortDescription"]["text"].startswith("tahun quick win berada")
    assert "unknown-reference" in {r["ruleId"] for r in sarif["runs"][0]["results"]}
    github = runner.invoke(app, ["validate", "--format", "github"]).stdout
    line = next(x for x in github.splitlines() if "title=unknown-reference" in x)
    assert line.startswith("::error file=masterplan.yaml,line=6,col=75,title=unknown-reference::")
    assert "bukan id organisasi" in line


def test_a_baseline_written_in_indonesian_matches_in_english(broken: Path) -> None:
    done = run("validate", "--write-baseline", "baseline.json", cwd=broken)
    assert done.returncode == 0 and "temuan dicatat di baseline.json" in done.stdout
    again = run("validate", "--lang", "en", "--baseline", "baseline.json", cwd=broken)
    assert again.returncode == 0 and "Checked 1 file: no problems found." in again.stdout


def test_library_calls_read_the_variable_per_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from smartplan import i18n

    monkeypatch.delenv("SMARTPLAN_LANG")
    assert i18n.current() == "id" and i18n._("program {id}", id="X") == "program X"
    assert i18n._("missing required field '{key}'", key="lead") == "kolom wajib 'lead' belum diisi"
    monkeypatch.setenv("SMARTPLAN_LANG", "en")
    message = i18n._("missing required field '{key}'", key="lead")
    assert message == i18n.source(message) == "missing required field 'lead'"


def test_the_catalogue_is_read_on_the_first_message_and_babel_never(isolated: Path) -> None:
    probe = (
        "import sys; from smartplan import i18n; import smartplan.cli;"
        "loaded = dict(i18n._catalogues);"
        "from smartplan.check.lint import validate_paths; validate_paths([sys.argv[1]]);"
        "print(loaded, 'babel' in sys.modules)"
    )
    plan = str(EXAMPLES / "kota-jambi" / "masterplan.yaml")
    done = subprocess.run(
        [sys.executable, "-c", probe, plan], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "{} False", done.stderr


def test_a_command_declared_without_lang_still_takes_it() -> None:
    import typer

    from smartplan.cli import Application

    probe = typer.Typer(cls=Application, add_completion=False)

    @probe.command()
    def hello() -> None:
        typer.echo("ok")

    @probe.command()
    def other() -> None:
        typer.echo("ok")

    assert runner.invoke(probe, ["hello", "--lang", "en"]).output == "ok\n"
    refused = runner.invoke(probe, ["hello", "--lang", "fr"])
    assert refused.exit_code == 2 and "'fr' is not one of 'id', 'en'." in refused.output


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_speaks_from_the_catalogue(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from smartplan.rules import RULES

    ids = {m.id for m in entries(lang)}
    for rule in RULES.values():
        assert rule.summary_id in ids and rule.explanation_id in ids, rule.id
    monkeypatch.setenv("SMARTPLAN_LANG", "id")
    assert all("Salah" in r.explanation and "Benar" in r.explanation for r in RULES.values())
