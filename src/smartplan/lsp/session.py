"""What the server knows between edits: the unsaved texts, which plan each file belongs to, and
each plan's last check (the same `lint_file` as `validate`, on the editor's text)."""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartplan import i18n
from smartplan.check.lint import settings_findings
from smartplan.check.plan import ValidateOptions, lint_file
from smartplan.domain.framework import Framework
from smartplan.errors import SmartplanError
from smartplan.files.limits import Limits
from smartplan.findings import Finding
from smartplan.loader import Document, LoadResult, file_reader, load_text
from smartplan.loader.include import folder_root, repository_root
from smartplan.workspace.config import NAMES as CONFIG_NAMES
from smartplan.workspace.config import Config, find_config
from smartplan.workspace.plans import PLAN_NAMES, discover

_PLAN_KEY = re.compile(r"^smartplan\s*:", re.MULTILINE)
MEMO_SIZE = 256  # parsed fragments kept between edits (a split plan rarely has more)


def absolute(path: str | Path) -> Path:
    """A file as the editor and the findings name it: absolute, symlinks kept (a symlinked plan
    is the link, refused as `validate` refuses it when it leads outside the repository)."""
    return Path(os.path.abspath(path))


@dataclass
class Checked:
    """A plan's last check: findings per file, and the last document that could be read."""

    plan: Path
    files: tuple[Path, ...]  # the plan, then its fragments, as read
    findings: dict[Path, list[Finding]]
    document: Document | None  # the last readable one: navigation survives a syntax error
    framework: Framework | None
    problem: str = ""  # the settings could not be used (what `validate` exits 2 with)
    lines_index: dict[tuple[str, int], list[tuple[int, str, bool]]] | None = field(
        default=None, repr=False
    )


class FragmentMemo:
    """Parsed fragments by (name, bytes, limits): an edit re-parses only the file it changed."""

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[str, bytes, Limits], LoadResult] = OrderedDict()

    def __call__(self, data: bytes, display: str, limits: Limits) -> LoadResult:
        key = (display, data, limits)
        found = self._entries.get(key)
        if found is None:
            found = self._entries[key] = load_text(data, display, limits)
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)
        else:
            self._entries.move_to_end(key)
        return found


class Session:
    """Open documents (by resolved path) and the plans checked from them."""

    def __init__(self) -> None:
        self.texts: dict[Path, str] = {}
        self.checked: dict[Path, Checked] = {}
        self.memo = FragmentMemo()
        self.unowned: set[Path] = set()  # files no plan nearby includes (until a plan does)
        self.options = ValidateOptions(parallel=False)
        self.lang: str | None = None  # the editor's choice (initializationOptions), like --lang

    # --- the editor's texts -------------------------------------------------------------
    def set_text(self, path: Path, text: str) -> None:
        self.texts[path] = text

    def close(self, path: Path) -> None:
        self.texts.pop(path, None)

    def read(self, limits: Limits, root: Path) -> Any:
        """A reader that gives an open document's unsaved text, else the file on disk (read
        as `validate` reads it: a regular file inside the repository, bounded). A path that
        leads outside the repository is refused as `validate` refuses it, open or not."""
        from_disk = file_reader(limits, root)
        inside = root.resolve()
        texts = {**{path.resolve(): text for path, text in self.texts.items()}, **self.texts}

        def read(path: Path) -> bytes:
            text = texts.get(path)
            if text is None or not path.resolve().is_relative_to(inside):
                return from_disk(path)
            return text.encode("utf-8")

        return read

    # --- which plans a file belongs to -------------------------------------------------
    def plans_of(self, path: Path) -> list[Path]:
        """The plans to check when `path` changes: itself if it is a plan, else the plans
        whose `include:` reads it (looked for upwards to the repository root)."""
        if path.name in CONFIG_NAMES:  # saved settings: every plan checked so far, again
            return list(self.checked)
        owners = [plan for plan, checked in self.checked.items() if path in checked.files]
        if owners:
            return owners
        if self._is_plan(path):
            return [path]
        if path in self.unowned:
            return []
        found = [plan for plan in self._nearby_plans(path) if path in self.check(plan).files]
        if not found:  # another YAML file (a CI workflow…): not looked for at every keystroke
            self.unowned.add(path)
        return found

    def _is_plan(self, path: Path) -> bool:
        if path.name in PLAN_NAMES:
            return True
        text = self.texts.get(path)
        return text is not None and _PLAN_KEY.search(text) is not None

    def _nearby_plans(self, path: Path) -> list[Path]:
        root = folder_root(path.parent)
        found: list[Path] = []
        for folder in (path.parent, *path.parent.parents):
            for name in PLAN_NAMES:
                candidate = folder / name
                if candidate != path and (candidate in self.texts or candidate.is_file()):
                    found.append(candidate)
            try:
                config = find_config(folder)
            except SmartplanError:  # broken settings: the plan's own check will say so
                config = None
            if config is not None and config.path is not None and config.path.parent == folder:
                found += [plan for plan in _listed(config) if plan != path]
            if folder == root or len(found) > 50:
                break
        return list(dict.fromkeys(found))

    # --- checking ------------------------------------------------------------------------
    def check(self, plan: Path) -> Checked:
        """Lint the plan as `validate` would, on the editor's texts; remember the result."""
        previous = self.checked.get(plan)
        try:
            i18n.use(self.lang)  # the settings' own errors: before they are read
            config = find_config(plan.parent)
            # the language as `validate` chooses it: the option, the settings' lang:, the variable
            i18n.use(self.lang or getattr(config, "lang", None))
            linted = lint_file(
                plan,
                str(plan),
                self.options,
                config,
                read=self.read(config.limits, repository_root(plan)),
                parse_fragment=self.memo,
            )
        except SmartplanError as error:  # bad settings, unreadable plan: one message
            return self._failed(plan, str(error), previous)
        files = _files(plan, linted.document, linted.result.findings, previous)
        settings = settings_findings(config)  # e.g. an unknown rule id in rules:
        if settings and config.path is not None:
            files.append(absolute(config.path))
        findings: dict[Path, list[Finding]] = {file: [] for file in files}
        for finding in (*settings, *linted.result.findings):
            file = absolute(finding.path) if finding.path else plan
            findings.setdefault(file, []).append(finding)
        document = linted.document
        framework = linted.framework
        if document is None and previous is not None:
            document, framework = previous.document, previous.framework
        checked = Checked(plan, tuple(findings), findings, document, framework)
        self.checked[plan] = checked
        return checked

    def _failed(self, plan: Path, problem: str, previous: Checked | None) -> Checked:
        checked = Checked(
            plan,
            previous.files if previous else (plan,),
            {plan: []},
            previous.document if previous else None,
            previous.framework if previous else None,
            problem,
        )
        self.checked[plan] = checked
        return checked

    def disk_lines(self, file: Path) -> list[str]:
        """A file's lines as saved (bounded like every read), for placing its findings."""
        try:
            data = file_reader(Limits(), folder_root(file.parent))(file)
            return data.decode("utf-8", "replace").splitlines()
        except OSError:
            return []


def _listed(config: Config) -> list[Path]:
    """The plans a settings file's `plans:` names, found as `validate` finds them (one
    discovery for both): a glob the CLI refuses (`..`, absolute) lists nothing here either,
    and a symlinked folder is never entered."""
    if not config.plans:
        return []
    try:
        return [plan for plan, _ in discover([], config)]
    except SmartplanError:  # refused, or nothing matches: `validate` would stop there
        return []


def _files(
    plan: Path, document: Document | None, findings: tuple[Finding, ...], previous: Checked | None
) -> list[Path]:
    """The plan and the fragments it read; while it cannot be read, those of the last check
    (so that their old findings are cleared or kept consistently)."""
    if document is not None:
        files = [absolute(name) for name in document.lines]
    else:
        files = list(previous.files) if previous else []
    return list(dict.fromkeys([plan, *files]))
