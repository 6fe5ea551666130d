"""The language server (`smartplan lsp`), driven as an editor drives it: a real server process
over stdio (pytest-lsp), open → change → diagnostics → hover → completion → definition →
code action, fragments in other tabs, a syntax error mid-edit, and the hostile corpus."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"
CLEAN = (CORPUS / "001-clean-base.yaml").read_text(encoding="utf-8")
PROGRAMS = """programs:
  - id: GOV-01
    name: Mal Pelayanan Publik
    dimension: governance
    element: service
    lead: diskominf
  - id: GOV-02
    name: Satu Data
    dimension: governance
    depends_on: [GOV-01]
"""
PLAN = CLEAN + PROGRAMS  # line 25: `    lead: diskominf`
LEAD_LINE = PLAN.splitlines().index("    lead: diskominf")
REGISTERED: dict[int, list[lsp.Registration]] = {}  # per client: what the server registered


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "smartplan", "lsp"])
)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    registered: list[lsp.Registration] = []
    REGISTERED[id(lsp_client)] = registered

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:  # as VS Code does: accepted
        registered.extend(params.registrations)

    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=Path.cwd().as_uri(),
            initialization_options={"lang": "en"},  # the messages below are the English ones
        )
    )
    yield
    await lsp_client.shutdown_session()


async def diagnostics(client: LanguageClient, uri: str) -> list[lsp.Diagnostic]:
    """The next diagnostics published for `uri` (call `forget` before the edit)."""
    for _ in range(2000):
        if uri in client.diagnostics:
            return list(client.diagnostics[uri])
        await asyncio.sleep(0.005)
    raise AssertionError(f"no diagnostics for {uri}")


def forget(client: LanguageClient, *uris: str) -> None:
    for uri in uris:
        client.diagnostics.pop(uri, None)


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1) -> str:
    uri = path.absolute().as_uri()  # as an editor names it (a symlink stays the link)
    forget(client, uri)
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", version, text))
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    forget(client, uri)
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply non-overlapping edits (ASCII text: characters are UTF-16 units)."""
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))

    def at(position: lsp.Position) -> int:
        return offsets[position.line] + position.character

    for edit in sorted(edits, key=lambda e: at(e.range.start), reverse=True):
        text = text[: at(edit.range.start)] + edit.new_text + text[at(edit.range.end) :]
    return text


def signature(found: list[lsp.Diagnostic]) -> list[tuple[object, int, int]]:
    return sorted((d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found)


@pytest.mark.asyncio
async def test_wrong_lead_flagged_fixed_by_code_action_and_completed(
    client: LanguageClient, isolated: Path
) -> None:
    """The issue's scripted exchange: a wrong lead with its did-you-mean, fixed by the quick
    fix, no diagnostics left; completion offers the plan's organisation ids."""
    plan = isolated / "masterplan.yaml"
    plan.write_text(CLEAN, encoding="utf-8")  # on disk: no programmes yet; the editor has them
    uri = open_doc(client, plan, CLEAN)
    assert await diagnostics(client, uri) == []

    change(client, uri, 2, PLAN)
    found = await diagnostics(client, uri)
    assert [(d.code, d.range.start.line, d.range.start.character) for d in found] == [
        ("unknown-reference", LEAD_LINE, 10)
    ]
    wrong = found[0]
    assert wrong.message == (
        "program GOV-01 lead 'diskominf' is not an organization id (did you mean 'diskominfo'?)"
    )
    assert wrong.severity == lsp.DiagnosticSeverity.Error and wrong.range.end.character == 19

    hovered = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(LEAD_LINE, 12))
    )
    assert hovered is not None and isinstance(hovered.contents, lsp.MarkupContent)
    assert "unknown-reference" in hovered.contents.value
    assert "References tie the plan together" in hovered.contents.value  # the rule explanation

    offered = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), wrong.range, lsp.CodeActionContext([wrong])
        )
    )
    assert offered is not None
    titles = [a.title for a in offered if isinstance(a, lsp.CodeAction)]
    assert titles == [
        "Replace with 'diskominfo'",
        "Disable unknown-reference on this line (give the reason)",
    ]
    fix = offered[0]
    assert isinstance(fix, lsp.CodeAction) and fix.edit is not None and fix.edit.changes
    assert fix.is_preferred
    fixed = apply(PLAN, fix.edit.changes[uri])
    assert "    lead: diskominfo\n" in fixed
    suppress = offered[1]
    assert isinstance(suppress, lsp.CodeAction) and suppress.edit and suppress.edit.changes
    assert apply(PLAN, suppress.edit.changes[uri]).splitlines()[LEAD_LINE] == (
        "    lead: diskominf  # smartplan: disable=unknown-reference -- reason"
    )

    change(client, uri, 3, fixed)
    assert await diagnostics(client, uri) == []

    typing = fixed.replace("    lead: diskominfo\n", "    lead: \n")
    change(client, uri, 4, typing)
    await diagnostics(client, uri)
    completed = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), lsp.Position(LEAD_LINE, 10))
    )
    assert isinstance(completed, lsp.CompletionList)
    assert [item.label for item in completed.items] == ["diskominfo", "bappeda"]
    assert completed.items[0].detail == "Dinas Komunikasi dan Informatika"


@pytest.mark.asyncio
async def test_hover_completion_definition_references_symbols(
    client: LanguageClient, isolated: Path
) -> None:
    plan = isolated / "masterplan.yaml"
    text = PLAN.replace("lead: diskominf", "lead: diskominfo\n    horizon: sh")
    plan.write_text(text, encoding="utf-8")
    uri = open_doc(client, plan, text)
    await diagnostics(client, uri)
    lines = text.splitlines()
    ident = lsp.TextDocumentIdentifier(uri)

    def where(fragment: str, offset: int = 0) -> lsp.Position:
        row = next(i for i, line in enumerate(lines) if fragment in line)
        return lsp.Position(row, lines[row].index(fragment) + offset)

    async def hover_text(position: lsp.Position) -> str:
        found = await client.text_document_hover_async(lsp.HoverParams(ident, position))
        assert found is not None and isinstance(found.contents, lsp.MarkupContent)
        return found.contents.value

    assert "Pengampu" in await hover_text(where("lead:", 1))  # the schema's description
    assert "Dinas Komunikasi dan Informatika (opd)" in await hover_text(
        where("lead: diskominfo", 8)
    )
    assert "**GOV-01** — Mal Pelayanan Publik (governance)" in await hover_text(
        where("[GOV-01]", 2)
    )

    async def labels(position: lsp.Position) -> list[str]:
        found = await client.text_document_completion_async(lsp.CompletionParams(ident, position))
        assert isinstance(found, lsp.CompletionList)
        return [item.label for item in found.items]

    assert await labels(where("horizon: sh", 11)) == ["short", "medium", "long"]
    assert await labels(where("[GOV-01]", 1)) == ["GOV-01", "GOV-02"]
    assert (await labels(where("dimension: governance", 11)))[:2] == ["governance", "branding"]
    assert await labels(where("element: service", 9)) == ["service", "bureaucracy", "policy"]
    found = await client.text_document_completion_async(
        lsp.CompletionParams(ident, where("horizon: sh", 11))
    )
    assert isinstance(found, lsp.CompletionList) and found.items[0].detail == "Jangka pendek"

    targets = await client.text_document_definition_async(
        lsp.DefinitionParams(ident, where("[GOV-01]", 2))
    )
    assert isinstance(targets, list) and len(targets) == 1
    assert isinstance(targets[0], lsp.Location)
    assert targets[0].range.start == where("id: GOV-01", 4)

    used = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(include_declaration=True),
            text_document=ident,
            position=where("id: diskominfo", 5),
        )
    )
    assert used is not None
    assert sorted(r.range.start.line for r in used) == sorted(
        [where("id: diskominfo").line, where("organization: diskominfo").line,
         where("lead: diskominfo").line]
    )

    outline = await client.text_document_document_symbol_async(lsp.DocumentSymbolParams(ident))
    assert outline is not None
    assert [(s.name, [c.name for c in s.children or []]) for s in outline] == [  # type: ignore[union-attr]
        ("programs", ["GOV-01", "GOV-02"])
    ]


@pytest.mark.asyncio
async def test_fragment_findings_appear_in_the_fragment_open_in_another_tab(
    client: LanguageClient, isolated: Path
) -> None:
    (isolated / ".git").mkdir()
    fragment = isolated / "programs" / "governance.yaml"
    fragment.parent.mkdir()
    fragment.write_text(PROGRAMS.replace("diskominf", "diskominfo"), encoding="utf-8")
    plan = isolated / "masterplan.yaml"
    plan.write_text(CLEAN + "include: [programs/governance.yaml]\n", encoding="utf-8")
    plan_uri, fragment_uri = plan.resolve().as_uri(), fragment.resolve().as_uri()

    open_doc(client, plan, plan.read_text(encoding="utf-8"))
    assert await diagnostics(client, plan_uri) == []
    assert await diagnostics(client, fragment_uri) == []

    # unsaved text of the fragment, in its own tab: its finding shows there, not in the plan
    open_doc(client, fragment, PROGRAMS)
    found = await diagnostics(client, fragment_uri)
    assert [(d.code, d.range.start.line + 1) for d in found] == [("unknown-reference", 6)]
    assert "did you mean 'diskominfo'" in found[0].message

    # definition from the fragment's depends_on, and from the plan's include
    ident = lsp.TextDocumentIdentifier(fragment_uri)
    targets = await client.text_document_definition_async(
        lsp.DefinitionParams(ident, lsp.Position(9, 18))
    )
    assert isinstance(targets, list) and targets[0].uri == fragment_uri  # type: ignore[union-attr]
    include_line = len(CLEAN.splitlines())
    targets = await client.text_document_definition_async(
        lsp.DefinitionParams(lsp.TextDocumentIdentifier(plan_uri), lsp.Position(include_line, 12))
    )
    assert isinstance(targets, list) and targets[0].uri == fragment_uri  # type: ignore[union-attr]

    # the lead fixed in the fragment's tab; references of the organisation, from its
    # definition in the plan: the team in the plan, the lead in the fragment
    change(client, fragment_uri, 2, PROGRAMS.replace("diskominf\n", "diskominfo\n"))
    assert await diagnostics(client, fragment_uri) == []
    organisation = CLEAN.splitlines().index(
        "  - {id: diskominfo, name: Dinas Komunikasi dan Informatika, kind: opd}"
    )
    used = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(include_declaration=False),
            text_document=lsp.TextDocumentIdentifier(plan_uri),
            position=lsp.Position(organisation, 11),
        )
    )
    assert used is not None
    team = CLEAN.splitlines().index(
        "  implementers: [{name: Kepala Diskominfo, organization: diskominfo}]"
    )
    assert sorted((r.uri == fragment_uri, r.range.start.line) for r in used) == [
        (False, team),
        (True, 5),
    ]

    # a lead in the fragment completes with the plan's organisations
    completed = await client.text_document_completion_async(
        lsp.CompletionParams(ident, lsp.Position(5, 10))
    )
    assert isinstance(completed, lsp.CompletionList)
    assert {item.label for item in completed.items} == {"diskominfo", "bappeda"}

    # the organisation renamed in the plan's unsaved text: the fragment's lead now breaks
    forget(client, fragment_uri)
    renamed = plan.read_text(encoding="utf-8").replace("id: diskominfo", "id: kominfo")
    change(client, plan_uri, 2, renamed)
    assert signature(await diagnostics(client, plan_uri)) == [("unknown-reference", team + 1, 58)]
    assert signature(await diagnostics(client, fragment_uri)) == [("unknown-reference", 6, 11)]


@pytest.mark.asyncio
async def test_syntax_error_mid_edit_then_recovery(client: LanguageClient, isolated: Path) -> None:
    plan = isolated / "masterplan.yaml"
    uri = open_doc(client, plan, PLAN)
    assert signature(await diagnostics(client, uri)) == [("unknown-reference", LEAD_LINE + 1, 11)]
    broken = PLAN.replace("depends_on: [GOV-01]", "depends_on: [GOV-01")
    change(client, uri, 2, broken)
    found = await diagnostics(client, uri)
    assert [d.code for d in found] == ["yaml-syntax"]
    # navigation and completion still work from the last readable version
    completed = await client.text_document_completion_async(
        lsp.CompletionParams(lsp.TextDocumentIdentifier(uri), lsp.Position(LEAD_LINE, 12))
    )
    assert isinstance(completed, lsp.CompletionList) and completed.items
    change(client, uri, 3, PLAN.replace("diskominf\n", "diskominfo\n"))
    assert await diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_missing_required_field_code_action(client: LanguageClient, isolated: Path) -> None:
    text = PLAN.replace("lead: diskominf", "lead: diskominfo").replace(
        "  - id: GOV-02\n    name: Satu Data\n", "  - id: GOV-02\n"
    )
    uri = open_doc(client, isolated / "masterplan.yaml", text)
    found = await diagnostics(client, uri)
    assert [(d.code, d.message) for d in found] == [
        ("schema", "program GOV-02: missing required field 'name'")
    ]
    offered = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            lsp.TextDocumentIdentifier(uri), found[0].range, lsp.CodeActionContext(found)
        )
    )
    assert offered is not None
    add = next(a for a in offered if isinstance(a, lsp.CodeAction) and "name" in a.title)
    assert add.edit is not None and add.edit.changes
    fixed = apply(text, add.edit.changes[uri])
    assert '  - name: ""\n    id: GOV-02\n' in fixed
    change(client, uri, 2, fixed)
    assert [d.message for d in await diagnostics(client, uri)] == [
        "program GOV-02: name must not be empty"
    ]


def _corpus_cases() -> list[str]:
    import yaml

    expectations = yaml.safe_load((CORPUS / "expectations.yaml").read_text(encoding="utf-8"))
    return sorted(expectations)


@pytest.mark.asyncio
async def test_server_survives_every_file_of_the_hostile_corpus(
    client: LanguageClient, isolated: Path
) -> None:
    """Each case opened in the editor (its bytes as the editor would decode them); where
    `validate` has no extra options, the diagnostics are its findings, rule, line and column."""
    import yaml

    from test_hostile_corpus import EXPECTATIONS, prepare

    for name in _corpus_cases():
        case = EXPECTATIONS[name]
        work = isolated / name
        work.mkdir()
        plan = work / prepare(name, case, work)
        if not plan.is_file():
            continue  # a plan path that is a folder or missing: nothing an editor opens
        if plan.parent == work:  # a one-file case: named as plans are, so the server owns it
            plan = plan.rename(work / "masterplan.yaml")
        data = plan.read_bytes()
        uri = open_doc(client, plan, data.decode("utf-8", errors="replace"))
        published = await diagnostics(client, uri)
        if case["exit"] == 2 or case.get("args") or case.get("command"):
            continue
        expected = [(e[0], e[1], e[2]) for e in case.get("findings", [])]
        elsewhere = {e[4] for e in case.get("findings", []) if len(e) > 4}
        found = signature(published)
        for other in elsewhere:
            found += signature(await diagnostics(client, (work / other).resolve().as_uri()))
        if b"\0" in data or not _utf8(data):
            continue  # the editor's decoded text is checked, not these bytes
        assert sorted(found) == sorted(expected), name
        client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    assert yaml  # the expectations were read with the same loader as the corpus test
    alive = await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(0, 0))
    )
    assert alive is None or isinstance(alive, lsp.Hover)


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_missing_extra_is_one_line_naming_it(tmp_path: Path) -> None:
    """Without pygls, `smartplan lsp` says which extra to install (exit 2, no traceback)."""
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "pygls").mkdir()
    (blocker / "pygls" / "__init__.py").write_text("raise ImportError('blocked')\n")
    done = subprocess.run(
        [sys.executable, "-m", "smartplan", "lsp"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(blocker), "PATH": "/usr/bin:/bin", "SMARTPLAN_LANG": "en"},
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 2
    assert done.stderr == (
        'smartplan: error: the language server needs pygls: pip install "smartplan[lsp]"\n'
    )
    assert shutil.which  # the real interpreter, the real entry point


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "smartplan", "lsp"])
)
async def neovim(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    """A client like Neovim 0.11: positions counted in UTF-8 bytes, its first preference."""
    result = await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("neovim"),
            root_uri=Path.cwd().as_uri(),
            initialization_options={"lang": "en"},
        )
    )
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_positions_in_the_encoding_the_editor_chose(
    neovim: LanguageClient, isolated: Path
) -> None:
    """Non-ASCII text before a finding (an em dash, 3 bytes in UTF-8): ranges count bytes."""
    line = "  - {id: GOV-01, name: Pelayanan — Satu Pintu, dimension: governance, lead: diskominf}"
    text = CLEAN + "programs:\n" + line + "\n"
    uri = open_doc(neovim, isolated / "masterplan.yaml", text)
    found = await diagnostics(neovim, uri)
    start = len(line[: line.index("diskominf")].encode("utf-8"))
    assert [(d.code, d.range.start.character, d.range.end.character) for d in found] == [
        ("unknown-reference", start, start + 9)
    ]
    row = found[0].range.start.line
    hovered = await neovim.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(row, start + 4))
    )
    assert hovered is not None and hovered.range is not None
    assert (hovered.range.start.character, hovered.range.end.character) == (start, start + 9)
    assert isinstance(hovered.contents, lsp.MarkupContent)
    assert "unknown-reference" in hovered.contents.value


@pytest.mark.asyncio
async def test_a_burst_of_edits_is_checked_once_with_the_last_text(
    client: LanguageClient, isolated: Path
) -> None:
    published: list[str] = []
    handler = client.protocol.fm.features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS]

    def counting(params: lsp.PublishDiagnosticsParams) -> None:
        published.append(params.uri)
        handler(params)

    client.protocol.fm.features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = counting
    uri = open_doc(client, isolated / "masterplan.yaml", PLAN)
    await diagnostics(client, uri)
    published.clear()
    for version in range(2, 41):  # forty keystrokes; only the last one fixes the lead
        change(client, uri, version, PLAN.replace("diskominf\n", f"diskominf{version}\n"))
    change(client, uri, 41, PLAN.replace("diskominf\n", "diskominfo\n"))
    for _ in range(2000):  # earlier states may be published first; the last one is clean
        if uri in client.diagnostics and not client.diagnostics[uri]:
            break
        await asyncio.sleep(0.005)
    await asyncio.sleep(0.3)
    assert list(client.diagnostics[uri]) == []  # nothing older published after it
    assert 1 <= len(published) < 40


@pytest.mark.asyncio
async def test_fragment_opened_alone_finds_its_plan(client: LanguageClient, isolated: Path) -> None:
    (isolated / ".smartplan.yaml").write_text("rules: {element-coverage: off}\n", encoding="utf-8")
    fragment = isolated / "kota" / "programs.yaml"
    fragment.parent.mkdir()
    fragment.write_text(PROGRAMS, encoding="utf-8")
    (isolated / "kota" / "masterplan.yaml").write_text(
        CLEAN + "include: [programs.yaml]\n", encoding="utf-8"
    )
    uri = open_doc(client, fragment, PROGRAMS.replace("element: service", "element: servce"))
    found = await diagnostics(client, uri)
    assert signature(found) == [("unknown-element", 5, 14), ("unknown-reference", 6, 11)]
    outline = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri))
    )
    assert outline is not None
    assert [(s.name, [c.detail for c in s.children or []]) for s in outline] == [  # type: ignore[union-attr]
        ("programs", ["Mal Pelayanan Publik · governance", "Satu Data · governance"])
    ]


@pytest.mark.asyncio
async def test_completion_of_missions_regulations_team_and_keys(
    client: LanguageClient, isolated: Path
) -> None:
    text = (
        CLEAN.replace("team:\n", "vision: Kota cerdas\nmissions: [Melayani, Membangun]\nteam:\n")
        + "regulations:\n  - {id: perda-1-2019, kind: perda, number: '1', year: 2019, title: Smart City}\n"
        + PROGRAMS.replace("    lead: diskominf\n", "    lead: diskominfo\n    missions: [1]\n"
                           "    regulations: [perda-1-2019]\n    status: ongo\n    hori\n")
    )
    uri = open_doc(client, isolated / "masterplan.yaml", text.replace("    hori\n", ""))
    await diagnostics(client, uri)
    change(client, uri, 2, text)  # `hori` is being typed: the text does not parse
    assert [d.code for d in await diagnostics(client, uri)] == ["yaml-syntax"]
    lines = text.splitlines()
    ident = lsp.TextDocumentIdentifier(uri)

    async def offered(fragment: str, offset: int) -> list[tuple[str, str | None]]:
        row = next(i for i, line in enumerate(lines) if fragment in line)
        position = lsp.Position(row, lines[row].index(fragment) + offset)
        found = await client.text_document_completion_async(lsp.CompletionParams(ident, position))
        assert isinstance(found, lsp.CompletionList)
        return [(item.label, item.detail) for item in found.items]

    assert await offered("missions: [1]", 11) == [("1", "Melayani"), ("2", "Membangun")]
    assert await offered("regulations: [perda", 14) == [("perda-1-2019", "Smart City")]
    assert await offered("organization: bappeda", 14) == [
        ("diskominfo", "Dinas Komunikasi dan Informatika"),
        ("bappeda", "Bappeda"),
    ]
    assert ("ongoing", "Berjalan") in await offered("status: ongo", 12)
    keys = [label for label, _ in await offered("    hori", 8)]
    assert "horizon" in keys and "quick_win" in keys


@pytest.mark.asyncio
async def test_saved_settings_apply_to_open_plans(client: LanguageClient, isolated: Path) -> None:
    """`.smartplan.yaml` re-levels a rule: on its save the open plan is checked again."""
    uri = open_doc(client, isolated / "masterplan.yaml", PLAN)
    assert [d.severity for d in await diagnostics(client, uri)] == [lsp.DiagnosticSeverity.Error]
    settings = isolated / ".smartplan.yaml"
    settings.write_text("rules: {unknown-reference: warning}\n", encoding="utf-8")
    forget(client, uri)
    settings_uri = open_doc(client, settings, settings.read_text(encoding="utf-8"))
    await diagnostics(client, uri)  # opening the settings checks the plan again: wait for it
    forget(client, uri)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(settings_uri))
    )
    assert [d.severity for d in await diagnostics(client, uri)] == [lsp.DiagnosticSeverity.Warning]
    settings.write_text("rules: {unknown-rule-id: off}\n", encoding="utf-8")
    forget(client, uri, settings_uri)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(settings_uri))
    )
    found = await diagnostics(client, settings_uri)  # as `validate` reports the settings file
    assert signature(found) == [("unknown-rule", 1, 9)]
    assert "did you mean 'unknown-rule'" in found[0].message
    assert signature(await diagnostics(client, uri)) == [("unknown-reference", LEAD_LINE + 1, 11)]
    settings.write_text("rules: {unknown-reference: [error]}\n", encoding="utf-8")
    forget(client, uri)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(settings_uri))
    )
    found = await diagnostics(client, uri)  # what `validate` exits 2 with, on the first line
    assert [(d.range.start.line, d.code) for d in found] == [(0, None)]
    assert "invalid config: rules.unknown-reference must be text" in found[0].message


@pytest.mark.asyncio
async def test_did_you_mean_for_a_key_and_a_coded_value(
    client: LanguageClient, isolated: Path
) -> None:
    text = PLAN.replace("lead: diskominf", "lead: diskominfo\n    horizont: short\n    kind: infrastruktur")
    uri = open_doc(client, isolated / "masterplan.yaml", text)
    found = await diagnostics(client, uri)
    assert sorted((d.code, (d.data or {}).get("suggestion")) for d in found) == [
        ("schema", "horizon"),
        ("schema", "infrastructure"),
    ]
    fixed = text
    for diagnostic in found:
        offered = await client.text_document_code_action_async(
            lsp.CodeActionParams(
                lsp.TextDocumentIdentifier(uri), diagnostic.range, lsp.CodeActionContext([diagnostic])
            )
        )
        assert offered is not None
        first = offered[0]
        assert isinstance(first, lsp.CodeAction) and first.edit and first.edit.changes
        assert first.title.startswith("Replace with")
        fixed = apply(fixed, first.edit.changes[uri])
    assert "    horizon: short\n    kind: infrastructure\n" in fixed
    change(client, uri, 2, fixed)
    assert await diagnostics(client, uri) == []


@pytest.mark.asyncio
async def test_other_yaml_files_are_left_alone(client: LanguageClient, isolated: Path) -> None:
    (isolated / ".git").mkdir()
    (isolated / "masterplan.yaml").write_text(PLAN, encoding="utf-8")
    workflow = isolated / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    text = "on: push\njobs: {check: {runs-on: ubuntu-latest, steps: [{run: smartplan validate}]}}\n"
    uri = open_doc(client, workflow, text)
    change(client, uri, 2, text + "# edited\n")
    symbols = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(lsp.TextDocumentIdentifier(uri))
    )
    assert symbols == []
    await asyncio.sleep(0.3)
    assert uri not in client.diagnostics


@pytest.mark.asyncio
async def test_suppression_comments_and_baseline_as_validate(
    client: LanguageClient, isolated: Path
) -> None:
    plan = isolated / "masterplan.yaml"
    suppressed = PLAN.replace(
        "lead: diskominf\n", "lead: diskominf  # smartplan: disable=unknown-reference\n"
    )
    uri = open_doc(client, plan, suppressed)
    assert await diagnostics(client, uri) == []

    plan.write_text(PLAN, encoding="utf-8")
    recorded = subprocess.run(
        [sys.executable, "-m", "smartplan", "validate", "masterplan.yaml", "--write-baseline",
         "baseline.json"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert recorded.returncode == 0, recorded.stderr
    (isolated / ".smartplan.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    change(client, uri, 2, PLAN)  # the recorded finding: hidden, as `validate` hides it
    assert await diagnostics(client, uri) == []
    change(client, uri, 3, PLAN.replace("depends_on: [GOV-01]", "depends_on: [GOV-09]"))
    assert [d.message for d in await diagnostics(client, uri)] == [
        "program GOV-02 depends_on 'GOV-09' is not a program id (did you mean 'GOV-02'?)"
    ]


@pytest.mark.asyncio
async def test_a_closed_fragment_changed_on_disk(client: LanguageClient, isolated: Path) -> None:
    """`git checkout` rewrites a fragment no tab holds: the editor's file watcher tells."""
    (isolated / ".git").mkdir()
    fragment = isolated / "programs.yaml"
    fragment.write_text(PROGRAMS.replace("diskominf\n", "diskominfo\n"), encoding="utf-8")
    plan = isolated / "masterplan.yaml"
    plan.write_text(CLEAN + "include: [programs.yaml]\n", encoding="utf-8")
    plan_uri = open_doc(client, plan, plan.read_text(encoding="utf-8"))
    fragment_uri = fragment.resolve().as_uri()
    assert await diagnostics(client, plan_uri) == []
    assert await diagnostics(client, fragment_uri) == []
    [watcher] = REGISTERED[id(client)]
    assert watcher.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    fragment.write_text(PROGRAMS, encoding="utf-8")
    forget(client, fragment_uri)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams([lsp.FileEvent(fragment_uri, lsp.FileChangeType.Changed)])
    )
    assert signature(await diagnostics(client, fragment_uri)) == [("unknown-reference", 6, 11)]


@pytest.mark.asyncio
async def test_positions_in_the_units_the_client_agreed(
    neovim: LanguageClient, isolated: Path
) -> None:
    """pygls negotiates UTF-8 and the server counts in it both ways: the diagnostic on a value
    after an em dash and an emoji starts at its UTF-8 byte offset, and a hover asked at that
    offset finds the same value."""
    prefix = '  - {id: GOV-01, name: "Mal — 😀", dimension: governance, element: service, lead: '
    text = CLEAN + "programs:\n" + prefix + "diskominf}\n"
    row = text.splitlines().index(prefix + "diskominf}")
    plan = isolated / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    uri = open_doc(neovim, plan, text)
    found = [d for d in await diagnostics(neovim, uri) if d.code == "unknown-reference"]
    assert [(d.range.start.line, d.range.start.character) for d in found] == [
        (row, len(prefix.encode("utf-8")))
    ]
    assert found[0].range.end.character == len((prefix + "diskominf").encode("utf-8"))
    hover = await neovim.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(uri), found[0].range.start)
    )
    assert hover is not None and hover.range == found[0].range
