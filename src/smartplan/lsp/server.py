"""The pygls server: editor events in, the session's checks and the features out. Thin, like a
command of cli/: every answer comes from session.py and the feature modules."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from smartplan import __version__
from smartplan.i18n import _
from smartplan.lsp import actions, completion, diagnostics, hover, navigation
from smartplan.lsp.session import Checked, Session, absolute
from smartplan.lsp.view import FileView

GAP = 0.03  # seconds between checks while edits keep coming: a burst of keystrokes is one check


class PlanServer(LanguageServer):
    """A LanguageServer that owns a Session and publishes its findings as diagnostics."""

    def __init__(self) -> None:
        super().__init__("smartplan", __version__)
        self.session = Session()
        self.pending: set[Path] = set()
        self.timer: asyncio.TimerHandle | None = None
        self.last_check = 0.0
        self.published: dict[Path, dict[Path, list[lsp.Diagnostic]]] = {}  # file → plan → list

    # --- texts and checks ----------------------------------------------------------------
    def path(self, uri: str) -> Path | None:
        fs_path = to_fs_path(uri)  # as the editor names it: a symlinked plan stays the link
        return absolute(fs_path) if fs_path else None

    def lines(self, file: Path, checked: Checked | None = None) -> list[str]:
        text = self.session.texts.get(file)
        if text is not None:
            return text.splitlines()
        document = checked.document if checked else None
        if document is not None:
            for name, lines in document.lines.items():
                if absolute(name) == file:
                    return lines
        return self.session.disk_lines(file)  # a framework file: read by the check already

    def edited(self, uri: str, *, now: bool = False) -> None:
        """Note a changed file; check soon (at once after a pause, else after GAP)."""
        path = self.path(uri)
        if path is None:
            return
        self.pending.add(path)
        if self.timer is not None and not now:
            return
        if self.timer is not None:
            self.timer.cancel()
        delay = 0.0 if now else max(0.0, self.last_check + GAP - time.monotonic())
        self.timer = asyncio.get_running_loop().call_later(delay, self.flush)

    def flush(self) -> None:
        self.timer = None
        files, self.pending = self.pending, set()
        plans: dict[Path, None] = {}
        for file in files:
            for plan in self.guard(lambda f=file: self.session.plans_of(f), []):
                plans[plan] = None
        for plan in plans:
            checked = self.guard(lambda p=plan: self.session.check(p), None)
            if checked is not None:
                self.publish(checked)
        self.last_check = time.monotonic()

    def guard(self, work: Any, default: Any) -> Any:
        """A bug of ours is logged, never the end of the server (the editor keeps working)."""
        try:
            return work()
        except Exception as error:
            kind = type(error).__name__
            message = _(
                "internal error ({kind}: {error}); please report it", kind=kind, error=error
            )
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, message))
            return default

    def publish(self, checked: Checked) -> None:
        before = {file for file, plans in self.published.items() if checked.plan in plans}
        for file in dict.fromkeys([*checked.files, *before]):
            lines = self.lines(file, checked)
            codec = self.workspace.position_codec
            found = [
                diagnostics.diagnostic(f, lines, codec) for f in checked.findings.get(file, [])
            ]
            if file == checked.plan and checked.problem:
                found.insert(0, diagnostics.problem(checked.problem))
            self.published.setdefault(file, {})[checked.plan] = found
            merged = list(  # a fragment or settings file of several plans: each finding once
                {
                    (d.range.start.line, d.range.start.character, d.code, d.message): d
                    for per_plan in self.published[file].values()
                    for d in per_plan
                }.values()
            )
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=file.as_uri(), diagnostics=merged)
            )

    def view(self, uri: str) -> FileView | None:
        path = self.path(uri)
        if path is None:
            return None
        plans = self.session.plans_of(path)
        checked = self.session.checked.get(plans[0]) if plans else None
        if checked is None and plans:
            checked = self.session.check(plans[0])
        if checked is None:
            return None
        return FileView(checked, path, self.lines(path, checked), self.workspace.position_codec)

    def open_lines(self) -> dict[Path, list[str]]:
        return {path: text.splitlines() for path, text in self.session.texts.items()}


def build_server() -> PlanServer:
    server = PlanServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: PlanServer, params: lsp.InitializeParams) -> None:
        options = params.initialization_options
        lang = options.get("lang") if isinstance(options, dict) else None
        ls.session.lang = lang if isinstance(lang, str) else None

    @server.feature(lsp.INITIALIZED)
    def initialized(ls: PlanServer, params: lsp.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        changes = watched.did_change_watched_files if watched else None
        if changes is not None and changes.dynamic_registration:  # git checkout, other tools
            yaml = lsp.FileSystemWatcher(glob_pattern="**/*.{yaml,yml}")
            options = lsp.DidChangeWatchedFilesRegistrationOptions(watchers=[yaml])
            registration = lsp.Registration(
                "smartplan-files", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, options
            )
            future = ls.client_register_capability(lsp.RegistrationParams([registration]))
            future.add_done_callback(lambda done: done.exception())  # a refusal is no error

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def files_changed(ls: PlanServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            path = ls.path(change.uri)
            if path is not None and path not in ls.session.texts:  # an open tab's text counts
                ls.edited(change.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: PlanServer, params: lsp.DidOpenTextDocumentParams) -> None:
        path = ls.path(params.text_document.uri)
        if path is not None:
            ls.session.set_text(path, params.text_document.text)
            ls.session.unowned.discard(path)  # look for its plan again on each opening
            ls.edited(params.text_document.uri, now=True)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: PlanServer, params: lsp.DidChangeTextDocumentParams) -> None:
        path = ls.path(params.text_document.uri)
        if path is not None:
            document = ls.workspace.get_text_document(params.text_document.uri)
            ls.session.set_text(path, document.source)
            ls.edited(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: PlanServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.edited(params.text_document.uri, now=True)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: PlanServer, params: lsp.DidCloseTextDocumentParams) -> None:
        path = ls.path(params.text_document.uri)
        if path is not None:
            ls.session.close(path)
            ls.edited(params.text_document.uri, now=True)  # the file on disk counts again

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: PlanServer, params: lsp.HoverParams) -> lsp.Hover | None:
        def work() -> lsp.Hover | None:
            view = ls.view(params.text_document.uri)
            if view is None:
                return None
            line, col = _place(view, params.position)
            return hover.hover(view, line, col)

        result: lsp.Hover | None = ls.guard(work, None)
        return result

    @server.feature(
        lsp.TEXT_DOCUMENT_COMPLETION,
        lsp.CompletionOptions(trigger_characters=[":", " ", "[", ",", "-"]),
    )
    def on_completion(ls: PlanServer, params: lsp.CompletionParams) -> lsp.CompletionList:
        def work() -> list[lsp.CompletionItem]:
            view = ls.view(params.text_document.uri)
            if view is None:
                return []
            line, col = _place(view, params.position)
            return completion.complete(view, line - 1, col - 1)

        return lsp.CompletionList(is_incomplete=False, items=ls.guard(work, []))

    @server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
    def on_definition(ls: PlanServer, params: lsp.DefinitionParams) -> list[lsp.Location]:
        def work() -> list[lsp.Location]:
            view = ls.view(params.text_document.uri)
            if view is None:
                return []
            return navigation.definition(view, *_place(view, params.position), ls.open_lines())

        found: list[lsp.Location] = ls.guard(work, [])
        return found

    @server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
    def on_references(ls: PlanServer, params: lsp.ReferenceParams) -> list[lsp.Location]:
        def work() -> list[lsp.Location]:
            view = ls.view(params.text_document.uri)
            if view is None:
                return []
            line, col = _place(view, params.position)
            declaration = params.context.include_declaration
            return navigation.references(view, line, col, declaration, ls.open_lines())

        found: list[lsp.Location] = ls.guard(work, [])
        return found

    @server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_symbols(ls: PlanServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol]:
        def work() -> list[lsp.DocumentSymbol]:
            view = ls.view(params.text_document.uri)
            return navigation.symbols(view) if view is not None else []

        found: list[lsp.DocumentSymbol] = ls.guard(work, [])
        return found

    @server.feature(
        lsp.TEXT_DOCUMENT_CODE_ACTION,
        lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
    )
    def on_code_action(ls: PlanServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        def work() -> list[lsp.CodeAction]:
            path = ls.path(params.text_document.uri)
            lines = ls.lines(path) if path is not None else []
            codec = ls.workspace.position_codec
            return actions.actions(
                params.text_document.uri, lines, params.context.diagnostics, codec
            )

        found: list[lsp.CodeAction] = ls.guard(work, [])
        return found

    return server


def _place(view: FileView, position: lsp.Position) -> tuple[int, int]:
    """An LSP position as a 1-based line and code point column."""
    from smartplan.lsp.text import column

    text = view.lines[position.line] if position.line < len(view.lines) else ""
    return position.line + 1, column(text, position.character, view.codec)
