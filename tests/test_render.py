"""`smartplan render` (SPEC §5): every report of every example, escaping, the sandbox, output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from smartplan.cli import app
from smartplan.report import FORMATS, LANGS, REPORTS, render_file
from smartplan.report.labels import TEXT
from smartplan.report.values import VALUES

runner = CliRunner()
PLANS = sorted(EXAMPLES.glob("*/masterplan.yaml"))
HOSTILE = ROOT / "tests" / "golden" / "render" / "hostile.yaml"
BATAM = EXAMPLES / "kota-batam" / "masterplan.yaml"


def invoke(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["render", *map(str, args)])
    return result.exit_code, result.stdout, result.stderr


def parse_html(text: str) -> object:
    """Strict HTML5: any parse error (bad nesting, stray end tag, missing doctype) fails."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def markdown_html(text: str) -> str:
    """How GitHub would turn the Markdown into HTML (CommonMark with tables, raw HTML allowed)."""
    return MarkdownIt("commonmark").enable("table").render(text)


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_every_report_renders_for_every_example(plan: Path) -> None:
    for report in REPORTS:
        for lang in LANGS:
            html = render_file(plan, report=report, fmt="html", lang=lang)
            parse_html(html)
            assert "<script" not in html and "http://" not in html.replace(
                "http://www.w3.org/2000/svg", ""
            )
            markdown = render_file(plan, report=report, fmt="md", lang=lang)
            assert markdown.startswith("# ") and markdown.endswith("\n")
            tables_are_rectangular(markdown)


def tables_are_rectangular(markdown: str) -> None:
    """Every row of a Markdown table has the cells of its header (an unescaped | would add one)."""
    html = markdown_html(markdown)
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    for table in tree.iter("table"):
        widths = {len(row.findall("th")) + len(row.findall("td")) for row in table.iter("tr")}
        assert len(widths) == 1, widths


@pytest.mark.usefixtures("indonesian")
def test_the_default_is_indonesian_markdown_of_the_masterplan() -> None:
    code, out, _ = invoke(BATAM)
    assert code == 0
    assert out.startswith("# Masterplan Smart City: Kota Batam")
    assert "6 September 2022" in out and "Rp 1.473.000.000.000" in out and "Rp 2,5 M" in out


def test_english_labels() -> None:
    code, out, _ = invoke(BATAM, "--lang", "en", "--report", "summary")
    assert code == 0 and out.startswith("# Executive Summary: Kota Batam")


def test_evaluation_index_and_trend() -> None:
    out = render_file(EXAMPLES / "kota-jambi" / "masterplan.yaml", report="evaluation", fmt="md")
    # 2022: (10×3.6 + 20×3.21 + 30×3.23 + 30×3.07 + 10×3.65) / 100 = 3.26; 2021 under the same
    # weights 3.01; 2020 weighed otherwise: no change across the change of method (SPEC §10)
    assert "**3,26** | +0,25 |" in out and "Tren indeks evaluasi: naik." in out
    assert "**3,01** | metode berubah |" in out


def test_html_is_self_contained_with_accessible_charts() -> None:
    html = render_file(BATAM, report="masterplan", fmt="html")
    tree = parse_html(html)
    assert not [e for e in tree.iter() if e.tag in ("script", "img", "iframe", "object", "link")
                and (e.tag != "link" or not e.get("href", "").startswith("data:"))]  # fmt: skip
    svgs = [e for e in tree.iter() if e.tag.endswith("svg")]
    assert len(svgs) >= 3  # roadmap, budget, programmes per dimension
    for chart in svgs:
        assert chart.get("role") == "img"
        ids = chart.get("aria-labelledby").split()
        assert [child.get("id") for child in chart if child.tag.endswith(("title", "desc"))] == ids
    assert "★" in html and "Rp 2,5 M" in html  # quick wins highlighted; short rupiah in charts


@pytest.mark.parametrize("report", REPORTS)
def test_hostile_text_stays_text_in_html(report: str) -> None:
    html = render_file(HOSTILE, report=report, fmt="html")
    tree = parse_html(html)
    tags = {element.tag for element in tree.iter()}
    assert not tags & {"script", "img", "iframe", "marquee"}
    assert len(list(tree.iter("style"))) == 1  # ours, in <head>
    handlers = [k for e in tree.iter() for k in e.attrib if k.lower().startswith("on")]
    assert handlers == []
    assert "1337" not in html  # {{ 7*191 }} in the plan is never evaluated
    text = "".join(tree.itertext())
    assert "<script>alert(1)</script>" in text


@pytest.mark.parametrize("report", REPORTS)
def test_hostile_text_stays_text_in_markdown(report: str) -> None:
    markdown = render_file(HOSTILE, report=report, fmt="md")
    assert "1337" not in markdown
    html = markdown_html(markdown)
    tree = html5lib.parse(html, namespaceHTMLElements=False)
    assert {e.tag for e in tree.iter()} & {
        "script",
        "img",
        "svg",
        "iframe",
        "marquee",
        "style",
    } == set()
    assert [k for e in tree.iter() for k in e.attrib if k.lower().startswith("on")] == []
    assert "javascript:" not in "".join(e.get("href", "") for e in tree.iter("a"))
    tables_are_rectangular(markdown)
    assert "<script>alert(1)</script>" in "".join(tree.itertext())


# --- golden files ---------------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden" / "render"
CASES = sorted(p.parent for p in GOLDEN.glob("*/args"))


@pytest.mark.usefixtures("indonesian")
@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_markdown(case: Path, update_golden: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """`args` holds the command line, paths relative to the repository root."""
    monkeypatch.chdir(ROOT)
    args = (case / "args").read_text(encoding="utf-8").split()
    code, out, err = invoke(*args)
    assert code == 0, err
    expected = case / "expected.md"
    if update_golden:
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")


# --- user templates and the sandbox -----------------------------------------------------------


def template(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ plan.__class__.__init__.__globals__['os'] }}",
        "{{ t.update({'x': 1}) }}",
        "{{ plan.programs.append(1) }}",
    ],
)
def test_sandbox_escape_is_a_usage_error(isolated: Path, source: str) -> None:
    path = template(isolated, "evil.md", "# ok\n\n" + source + "\n")
    code, out, err = invoke(BATAM, "--template", path)
    assert code == 2 and out == ""
    assert "evil.md:3:" in err and ("unsafe" in err or "template error" in err), err


def test_template_syntax_error_names_file_and_line(isolated: Path) -> None:
    path = template(isolated, "broken.html", "<p>\n{% for p in plan.programs %}\n{{ p.name }\n")
    code, out, err = invoke(BATAM, "--template", path)
    assert code == 2 and out == "" and "broken.html:3: template syntax error" in err


def test_undefined_variable_names_file_and_line(isolated: Path) -> None:
    path = template(isolated, "typo.md", "a\nb\n{{ plan.regoin.name }}\n")
    code, _, err = invoke(BATAM, "--template", path)
    assert code == 2 and "typo.md:3:" in err and "regoin" in err


def test_missing_template(isolated: Path) -> None:
    code, _, err = invoke(BATAM, "--template", isolated / "nope.html")
    assert code == 2 and "no such template file" in err


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("page.html", "Kota &lt;script&gt;"),
        ("page.htm", "Kota &lt;script&gt;"),
        ("laporan.html.j2", "Kota &lt;script&gt;"),
        ("laporan.j2", "Kota &lt;script&gt;"),
        ("notes.txt", "Kota &lt;script&gt;"),
        ("laporan", "Kota &lt;script&gt;"),
        ("notes.md", "Kota \\<script\\>"),
        ("NOTES.MD", "Kota \\<script\\>"),
        ("notes.md.j2", "Kota \\<script\\>"),
        ("notes.markdown.jinja2", "Kota \\<script\\>"),
    ],
)
def test_escaping_follows_the_template_name(isolated: Path, name: str, expected: str) -> None:
    """HTML escaping for every name but a Markdown one: none writes plan text as is."""
    path = template(isolated, name, "{{ plan.region.name }} {{ plan.bimtek[0].agenda[0] }}")
    code, out, _ = invoke(HOSTILE, "--template", path)
    assert code == 0 and out.startswith(expected)
    assert "<script>" not in out and "<b>" not in out


def test_a_markdown_template_making_html_escapes_html(isolated: Path) -> None:
    """A backslash-escaped `<b>` is still a tag to a browser: an HTML page escapes HTML."""
    path = template(isolated, "notes.md", "{{ plan.bimtek[0].agenda[0] }}")
    code, out, _ = invoke(HOSTILE, "--template", path, "--format", "html")
    assert code == 0 and out.startswith("&lt;b&gt;bold&lt;/b&gt;")


def test_user_template_can_extend_the_shipped_layout(isolated: Path) -> None:
    path = template(
        isolated,
        "mine.html",
        '{% extends "base.html" %}{% block content %}<h1>{{ plan.region.name }}</h1>{% endblock %}',
    )
    code, out, _ = invoke(BATAM, "--template", path)
    assert code == 0
    parse_html(out)


def test_documented_example_template() -> None:
    """docs/templates.md shows this template; it renders against the documented context."""
    example = ROOT / "docs" / "templates" / "ringkasan-program.md"
    out = render_file(EXAMPLES / "kota-jambi" / "masterplan.yaml", template=example)
    assert "Kota Jambi" in out and "| GOV-01 |" in out


# --- input, output, exit codes ---------------------------------------------------------------


def test_output_file_written_atomically(isolated: Path) -> None:
    code, out, _ = invoke(BATAM, "-f", "html", "-o", "batam.html")
    assert code == 0 and out == ""
    parse_html((isolated / "batam.html").read_text(encoding="utf-8"))
    assert [p.name for p in isolated.iterdir()] == ["batam.html"]  # no temporary file left


def test_output_file_readable_like_any_new_file(isolated: Path) -> None:
    """Not the private mode of a temporary file: colleagues and web servers read reports."""
    old = os.umask(0o022)
    try:
        assert invoke(BATAM, "-o", "batam.md")[0] == 0
        assert (isolated / "batam.md").stat().st_mode & 0o777 == 0o644
        (isolated / "batam.md").chmod(0o640)
        assert invoke(BATAM, "-o", "batam.md")[0] == 0  # replacing keeps the file's mode
        assert (isolated / "batam.md").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_never_writes_over_an_input(isolated: Path) -> None:
    plan = isolated / "plan.yaml"
    plan.write_bytes(HOSTILE.read_bytes())
    mine = template(isolated, "mine.md", "{{ plan.title }}")
    for target in (plan, mine):
        before = target.read_bytes()
        code, _, err = invoke(plan, "--template", mine, "-o", target)
        assert code == 2 and "refusing to write over an input file" in err
        assert target.read_bytes() == before
    fragment = EXAMPLES / "kota-batam" / "programs" / "governance.yaml"
    code, _, err = invoke(BATAM, "-o", fragment)
    assert code == 2 and "input file" in err


def test_unreadable_plan_is_a_usage_error_at_its_line(isolated: Path) -> None:
    bad = isolated / "bad.yaml"
    bad.write_text("smartplan: 1\nregion: [unclosed\n", encoding="utf-8")
    code, out, err = invoke(bad)
    assert code == 2 and out == "" and err.startswith(f"smartplan: error: {bad}:")
    code, _, err = invoke(isolated / "missing.yaml")
    assert code == 2 and "cannot read" in err


def test_a_plan_with_lint_findings_still_renders(isolated: Path) -> None:
    plan = isolated / "plan.yaml"
    plan.write_text(
        "smartplan: 1\nframework: no-such-framework\nregion: {name: Kota Contoh, kind: kota}\n"
        "period: {start: 2030, end: 2020}\nstage: 9\nprograms:\n"
        "  - {id: X-1, name: Tanpa dimensi, dimension: mars, budget: [{year: 2025, amount: banyak}]}\n"
        "  - {id: X-2, name: Tahun aneh, dimension: governance, start: 20230, end: 2024}\n"
        "  - just a string\nevaluations: [{year: 2024, weights: {output: x}}]\n",
        encoding="utf-8",
    )
    for report in REPORTS:
        for fmt in FORMATS:
            code, _, err = invoke(plan, "--report", report, "-f", fmt)
            assert code == 0, err
    assert "mars" in render_file(plan, report="masterplan", fmt="md")


@pytest.mark.parametrize(
    ("option", "value"), [("--report", "buku"), ("--format", "odt"), ("--lang", "jv")]
)
def test_bad_choices_are_usage_errors(option: str, value: str) -> None:
    code, _, _ = invoke(BATAM, option, value)
    assert code == 2


def test_help_ends_with_an_example() -> None:
    result = runner.invoke(app, ["render", "--help"])
    assert result.exit_code == 0 and "Example: smartplan render" in result.output


def test_validate_does_not_import_jinja(isolated: Path) -> None:
    """Start-up of the pre-commit case: only `render` pulls in Jinja (SPEC §6)."""
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['smartplan', 'validate', sys.argv[1]]\n"
        "try:\n    runpy.run_module('smartplan', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(BATAM)], capture_output=True, text=True, timeout=60,
        env={**os.environ, "NO_COLOR": "1"}, check=False,
    )  # fmt: skip
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout + done.stderr


def test_catalogue_is_complete_in_both_languages() -> None:
    from smartplan.report.labels import catalogue
    from smartplan.report.values import value_label

    for lang in LANGS:
        assert set(catalogue(lang)) == set(TEXT) and all(catalogue(lang).values())
        assert all(value_label(k, v, lang) for k, t in VALUES.items() for v in t if v)
    assert catalogue("id")["title_summary"] == "Ringkasan Eksekutif"
    assert catalogue("en")["title_summary"] == "Executive Summary"


def test_a_render_failing_halfway_leaves_the_previous_output(isolated: Path) -> None:
    """The template fails after it has produced output: the old report stays as it was."""
    previous = isolated / "laporan.md"
    previous.write_text("laporan lama\n", encoding="utf-8")
    broken = template(
        isolated, "half.md", "# {{ plan.title }}\n\n" + "baris\n" * 500 + "{{ 1 // 0 }}\n"
    )
    code, out, err = invoke(BATAM, "--template", broken, "-o", previous)
    assert code == 2 and out == "" and "half.md:" in err
    assert previous.read_text(encoding="utf-8") == "laporan lama\n"
    assert sorted(p.name for p in isolated.iterdir()) == ["half.md", "laporan.md"]


def test_a_killed_render_leaves_the_previous_output(isolated: Path) -> None:
    """SIGKILL in the middle of a long render: the old report is intact, no temporary file."""
    previous = isolated / "laporan.md"
    previous.write_text("laporan lama\n", encoding="utf-8")
    slow = template(
        isolated,
        "slow.md",
        "{% for i in range(100000) %}{% for j in range(100000) %}{{ plan.title }}{% endfor %}"
        "{% endfor %}\n",
    )
    argv = [sys.executable, "-m", "smartplan", "render", str(BATAM), "--template", str(slow)]
    with subprocess.Popen([*argv, "-o", str(previous)], cwd=isolated) as process:
        try:
            process.wait(timeout=3)
        except subprocess.TimeoutExpired:
            process.kill()
        process.wait()
    assert process.returncode != 0
    assert previous.read_text(encoding="utf-8") == "laporan lama\n"
    assert sorted(p.name for p in isolated.iterdir()) == ["laporan.md", "slow.md"]
