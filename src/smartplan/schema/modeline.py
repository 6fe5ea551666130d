"""The editor's schema line (`# yaml-language-server: $schema=…`): portable after `git clone`.

A plan names its JSON Schema in its first lines so that editors complete and explain its fields.
An absolute path works on one computer only; smartplan keeps a copy of the bundled schema inside
the region's repository (`.smartplan/masterplan.schema.json`), named by a relative path, and
`validate` says when a plan's schema line is machine-specific, missing or out of date.
"""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
from pathlib import Path, PurePosixPath, PureWindowsPath

from smartplan.findings import Finding, Severity
from smartplan.i18n import _

RULE = "schema-link"
COPY = PurePosixPath(".smartplan/masterplan.schema.json")
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")
_HEAD = 5  # the schema line belongs at the top of the file
_MAX_SCHEMA = 2 * 1024 * 1024  # the bundled schema is about 60 KB


def schema_line(plan_folder: Path, copy: Path) -> str:
    """The line `init` writes: the copy's path relative to the plan's folder, with `/`."""
    relative = os.path.relpath(copy.resolve(), plan_folder.resolve())
    return f"# yaml-language-server: $schema={PurePosixPath(Path(relative))}"


def write_copy(root: Path) -> Path:
    """Write (or refresh) the schema copy under the repository `root`; refuse a foreign file."""
    from smartplan.errors import UsageError
    from smartplan.files.output import make_folder, write_atomic

    target = root / COPY
    current = _read(target)
    if current == _bundled():
        return target
    if current is not None and not _is_ours(current):
        raise UsageError(
            _("{path} exists and is not smartplan's schema: it is left as it is", path=target)
        )
    make_folder(target.parent)
    write_atomic(target, _bundled())
    return target


def check_schema_link(lines: list[str], plan: Path, display: str, root: Path) -> list[Finding]:
    """A finding when the plan's schema line will not work on a colleague's computer."""
    for number, line in enumerate(lines[:_HEAD], start=1):
        match = _MODELINE.search(line)
        if match is None:
            continue
        message = _problem(match.group(1), plan, root)
        if message is None:
            return []
        return [Finding(display, number, match.start(1) + 1, RULE, Severity.WARNING, message, "")]
    return []


def linked_state(lines: list[str], plan: Path, root: Path) -> str:
    """What `check_schema_link` reads from disk for this plan, as text: the resolved schema
    copy and a digest of its bytes ("" when the rule reads no file). The results cache
    (smartplan.cache.store) compares it to know that a cached finding still holds."""
    for line in lines[:_HEAD]:
        match = _MODELINE.search(line)
        if match is None:
            continue
        target = match.group(1)
        if re.match(r"^https?://", target) or target.startswith(("file:", "~")):
            return ""
        if _absolute(target):
            return ""
        file = (plan.parent / target).resolve()
        if not file.is_relative_to(root.resolve()):
            return ""
        from smartplan.files.digest import digest

        content = _read(file)
        return f"{file}|{digest(content).hex() if content is not None else '-'}"
    return ""


def _problem(target: str, plan: Path, root: Path) -> str | None:
    if re.match(r"^https?://", target):
        return None
    fix = _fix_command(root)
    if target.startswith(("file:", "~")) or _absolute(target):
        return _(
            "the $schema line names a file on this computer only ({target}): colleagues who "
            "clone the repository lose the editor's help; run `{fix}` and point the line at "
            "the copy by a relative path",
            target=target,
            fix=fix,
        )
    file = (plan.parent / target).resolve()
    if not file.is_relative_to(root.resolve()):
        return _(
            "the $schema line points outside the repository ({target}): run `{fix}` and point "
            "the line at the copy by a relative path",
            target=target,
            fix=fix,
        )
    content = _read(file)
    if content == _bundled():
        return None
    if content is None:
        return _(
            "the schema file named by the $schema line does not exist ({target}): run `{fix}`",
            target=target,
            fix=fix,
        )
    if _is_ours(content):
        return _(
            "the schema copy {target} is out of date with this smartplan: run `{fix}` so the "
            "editor explains the fields smartplan checks",
            target=target,
            fix=fix,
        )
    return None


def _fix_command(root: Path) -> str:
    where = os.path.relpath(root / COPY) if root.is_absolute() else str(root / COPY)
    return f"smartplan schema -o {posixpath.join(*Path(where).parts)}"


def _absolute(target: str) -> bool:
    return PurePosixPath(target).is_absolute() or PureWindowsPath(target).is_absolute()


def _read(path: Path) -> bytes | None:
    """A regular file's bytes, read with a bound; None when absent or not a regular file."""
    from smartplan.files.reading import read_file  # the one place that opens files

    try:
        data = read_file(path, _MAX_SCHEMA)
    except OSError:
        return None
    return data if len(data) <= _MAX_SCHEMA else None


@functools.cache
def _bundled() -> bytes:
    from smartplan.files.resources import schema_path

    return schema_path().read_bytes()


@functools.cache
def _bundled_id() -> str:
    return str(json.loads(_bundled()).get("$id", ""))


def _is_ours(content: bytes) -> bool:
    """A masterplan schema written by smartplan (any version): its `$id` is the bundled one."""
    try:
        value = json.loads(content)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("$id") == _bundled_id()
