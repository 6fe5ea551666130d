"""The language server is confined like the CLI and shows plan text as text (issue 25, item 5):
a real server over stdio (pytest-lsp), every message it sends recorded. A `plans:` glob that
the CLI refuses (`../outside/*.yaml`, `../../**/*.yml`) lists nothing, a symlinked folder a
glob matches is never entered, and hovers and completion documentation carry plan text as
escaped Markdown: no link, no image, no HTML."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from test_lsp import CLEAN, PROGRAMS, diagnostics, forget, open_doc

RECEIVED: dict[int, list[str]] = {}  # per client: every message the server sent, as JSON
SECRET = "SECRET-VALUE-OUTSIDE"
# a plan of the user's own, outside the repository: its finding would quote the secret
OUTSIDE_PLAN = CLEAN + PROGRAMS.replace("lead: diskominf", f"lead: {SECRET}")
HOSTILE = "![x](http://evil/img.png) [link](http://evil) <img src=x> <http://evil>"


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "smartplan", "lsp"])
)
async def client(lsp_client: LanguageClient):  # type: ignore[no-untyped-def]
    received = RECEIVED.setdefault(id(lsp_client), [])
    structure = lsp_client.protocol.structure_message

    def record(data: dict[str, Any]) -> Any:  # called for each JSON object read, inner first
        if "jsonrpc" in data:
            received.append(json.dumps(data, ensure_ascii=False))
        return structure(data)

    lsp_client.protocol.structure_message = record  # type: ignore[method-assign]

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:  # the file watcher: accepted
        return None

    await lsp_client.initialize_session(
        lsp.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=Path.cwd().as_uri(),
            initialization_options={"lang": "en"},
        )
    )
    yield
    await lsp_client.shutdown_session()


async def every_plan_checked_again(client: LanguageClient, settings: Path, plan: Path) -> None:
    """Save the settings (the server checks again, and publishes, every plan it has looked
    at), wait for `plan`'s diagnostics, then for a request's answer: sent after them all."""
    plan_uri = plan.absolute().as_uri()
    forget(client, plan_uri)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(settings.absolute().as_uri()))
    )
    await diagnostics(client, plan_uri)
    await client.text_document_hover_async(
        lsp.HoverParams(lsp.TextDocumentIdentifier(plan_uri), lsp.Position(0, 0))
    )


async def look_for_plans_from(client: LanguageClient, repo: Path, plan: Path) -> None:
    """Open a YAML file no plan has read (the server looks for its plan nearby: the settings'
    `plans:` globs), then `plan`, and wait for the plan's diagnostics."""
    notes = repo / "notes.yaml"
    notes.write_text("title: notes\n", encoding="utf-8")
    open_doc(client, notes, notes.read_text(encoding="utf-8"))
    await diagnostics(client, open_doc(client, plan, plan.read_text(encoding="utf-8")))


def repository(root: Path, plans: str) -> tuple[Path, Path]:
    """A repository (`.git`, settings naming `plans`, a clean plan): (its folder, settings)."""
    root.mkdir(parents=True)
    (root / ".git").mkdir()
    settings = root / ".smartplan.yaml"
    settings.write_text(f"plans: {plans}\n", encoding="utf-8")
    (root / "masterplan.yaml").write_text(CLEAN, encoding="utf-8")
    return root, settings


def assert_nothing_from(client: LanguageClient, outside: Path, published: set[Path]) -> None:
    assert set(client.diagnostics) == {path.absolute().as_uri() for path in published}
    sent = "\n".join(RECEIVED[id(client)])
    assert SECRET not in sent
    assert outside.name not in sent  # not even the outside file's name


@pytest.mark.asyncio
async def test_a_plans_glob_leading_out_is_not_followed(
    client: LanguageClient, isolated: Path
) -> None:
    """`plans: ["../outside/*.yaml"]` (the CLI refuses it): the file outside is never
    checked, no diagnostics are published for it and no message holds its text."""
    outside = isolated / "outside" / "secret.yaml"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE_PLAN, encoding="utf-8")
    repo, settings = repository(isolated / "repo", '["../outside/*.yaml"]')
    await look_for_plans_from(client, repo, repo / "masterplan.yaml")
    await every_plan_checked_again(client, settings, repo / "masterplan.yaml")
    assert_nothing_from(client, outside, {repo / "masterplan.yaml"})


@pytest.mark.asyncio
async def test_a_plans_glob_over_the_whole_disk_lists_nothing(
    client: LanguageClient, isolated: Path
) -> None:
    """`plans: ["../../**/*.yml"]` walked every folder above the repository (the whole disk
    from a shallow checkout): refused like the CLI refuses it, before anything is listed."""
    outside = isolated / "elsewhere" / "leak.yml"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE_PLAN, encoding="utf-8")
    repo, settings = repository(isolated / "deep" / "repo", '["../../**/*.yml"]')
    (repo / "kota.yml").write_text(CLEAN, encoding="utf-8")  # inside, but the glob is refused
    await look_for_plans_from(client, repo, repo / "masterplan.yaml")
    await every_plan_checked_again(client, settings, repo / "masterplan.yaml")
    assert_nothing_from(client, outside, {repo / "masterplan.yaml"})


def test_the_server_lists_the_plans_the_cli_lists(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the server's search for a file's plan lists, in process: the plan beside it and
    the settings' `plans:` as `validate` discovers them (none when the CLI refuses the glob,
    and no folder outside the repository listed; never through a symlinked folder)."""
    from smartplan.lsp.session import Session

    (isolated / "elsewhere").mkdir()
    (isolated / "elsewhere" / "masterplan.yaml").write_text(OUTSIDE_PLAN, encoding="utf-8")
    repo, settings = repository(isolated / "deep" / "repo", '["../../**/*.yaml"]')
    notes = repo / "notes.yaml"
    opened: list[str] = []
    scandir = os.scandir

    def recording(path: Any) -> Any:
        opened.append(os.path.abspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", recording)
    assert Session()._nearby_plans(notes) == [repo / "masterplan.yaml"]
    assert not [folder for folder in opened if not Path(folder).is_relative_to(repo)]
    (repo / "regions" / "kota").mkdir(parents=True)
    (repo / "regions" / "kota" / "masterplan.yaml").write_text(CLEAN, encoding="utf-8")
    os.symlink("../../../elsewhere", repo / "regions" / "borrowed")
    settings.write_text('plans: ["regions/*/masterplan.yaml"]\n', encoding="utf-8")
    assert Session()._nearby_plans(notes) == [
        repo / "masterplan.yaml",
        repo / "regions" / "kota" / "masterplan.yaml",
    ]


@pytest.mark.asyncio
async def test_a_symlinked_folder_matched_by_a_plans_glob_is_never_entered(
    client: LanguageClient, isolated: Path
) -> None:
    """`regions/*/masterplan.yaml` with `regions/borrowed` a committed symlink to a folder
    outside: the linked plan is neither checked nor named (the CLI lists it no more)."""
    outside = isolated / "outside" / "masterplan.yaml"
    outside.parent.mkdir()
    outside.write_text(OUTSIDE_PLAN, encoding="utf-8")
    repo, settings = repository(isolated / "repo", '["regions/*/masterplan.yaml"]')
    kota = repo / "regions" / "kota" / "masterplan.yaml"
    kota.parent.mkdir(parents=True)
    kota.write_text(CLEAN, encoding="utf-8")
    os.symlink("../../outside", repo / "regions" / "borrowed")
    await look_for_plans_from(client, repo, kota)
    await every_plan_checked_again(client, settings, kota)
    assert_nothing_from(client, repo / "regions" / "borrowed", {repo / "masterplan.yaml", kota})


def literal(markdown: str) -> str:
    """The Markdown as an editor's hover shows it (markdown-it with bare links recognised, as
    GitHub and VS Code recognise them): no HTML, no link, no image; the text it shows."""
    from markdown_it import MarkdownIt

    reader = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    reader.linkify.set({"fuzzy_link": False, "fuzzy_email": False})  # GFM: `https://…`
    tokens = reader.parse(markdown)
    inline = [child for token in tokens for child in token.children or []]
    kinds = {token.type for token in tokens} | {child.type for child in inline}
    assert not kinds & {"html_block", "html_inline", "link_open", "image"}, markdown
    return "".join(child.content for child in inline if child.type in ("text", "code_inline"))


@pytest.mark.asyncio
async def test_hover_and_completion_show_plan_text_literally(
    client: LanguageClient, isolated: Path
) -> None:
    """An organisation's name, a mission and a wrong lead holding a Markdown image, a link,
    HTML and an autolink: the hovers and the completion documentation show them as text."""
    (isolated / ".git").mkdir()
    quoted = json.dumps(HOSTILE)
    text = (
        CLEAN.replace("name: Dinas Komunikasi dan Informatika", f"name: {quoted}").replace(
            "team:\n", f"vision: Kota cerdas\nmissions: [{quoted}]\nteam:\n"
        )
        + PROGRAMS.replace("lead: diskominf\n", "lead: diskominfo\n    missions: [1]\n")
        + f"  - id: GOV-03\n    name: Wrong\n    dimension: governance\n    lead: {quoted}\n"
    )
    plan = isolated / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    uri = open_doc(client, plan, text)
    found = await diagnostics(client, uri)
    assert HOSTILE in "".join(d.message for d in found)  # plain text: shown as it is
    lines = text.splitlines()
    ident = lsp.TextDocumentIdentifier(uri)

    def where(fragment: str, offset: int) -> lsp.Position:
        row = next(i for i, line in enumerate(lines) if fragment in line)
        return lsp.Position(row, lines[row].index(fragment) + offset)

    async def hover(position: lsp.Position) -> str:
        found = await client.text_document_hover_async(lsp.HoverParams(ident, position))
        assert found is not None and isinstance(found.contents, lsp.MarkupContent)
        assert found.contents.kind == lsp.MarkupKind.Markdown
        return literal(found.contents.value)

    assert f"diskominfo — {HOSTILE} (opd)" in await hover(where("lead: diskominfo", 8))
    assert f"mission 1: {HOSTILE}" in await hover(where("missions: [1]", 11))
    wrong = await hover(where(f"lead: {quoted}", 8))
    assert f"program GOV-03 lead '{HOSTILE}' is not an organization id" in wrong

    change_at = where("lead: diskominfo", 6)
    completed = await client.text_document_completion_async(lsp.CompletionParams(ident, change_at))
    assert isinstance(completed, lsp.CompletionList)
    documented = {
        item.label: item.documentation.value
        for item in completed.items
        if isinstance(item.documentation, lsp.MarkupContent)
    }
    assert f"diskominfo — {HOSTILE} (opd)" in literal(documented["diskominfo"])
    missions = await client.text_document_completion_async(
        lsp.CompletionParams(ident, where("missions: [1]", 11))
    )
    assert isinstance(missions, lsp.CompletionList)
    [first] = [item for item in missions.items if item.label == "1"]
    assert isinstance(first.documentation, lsp.MarkupContent)
    assert literal(first.documentation.value) == HOSTILE
