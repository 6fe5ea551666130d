"""`smartplan import`: an edited Excel workbook → edits → the comment-preserving writer → the
same loader and lint as `validate`, before anything is written.

`import_workbook` returns the new texts of the files it would change and the diff of the plan;
the CLI writes them (atomically) and shows the diff review. A workbook that is ambiguous, or
edits that would leave a plan that does not load or has new errors, are refused with the cell.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartplan.errors import UsageError
from smartplan.i18n import _
from smartplan.workbook.edits import Edit, Op, duplicates

if TYPE_CHECKING:
    from smartplan.diff import DiffResult
    from smartplan.loader import Document
    from smartplan.workbook.yamledit import YamlFile


@dataclass(frozen=True)
class Imported:
    plan: Path
    texts: dict[Path, str]  # the new text of every file that changes
    diff: DiffResult
    notes: list[str] = field(default_factory=list)


def import_workbook(workbook: Path, into: Path, plan: Path | None = None) -> Imported:
    from smartplan.domain.metrics import programs
    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.xlsx import SHEETS
    from smartplan.workbook.sheets import read_workbook

    plan = plan or find_plan(into)
    document = load_plan_or_fail(plan)
    _member(document, into)
    ids = [str(p.get("id")) for p in programs(document.data)]
    duplicates(ids)
    sheets = read_workbook(workbook, SHEETS)
    if not sheets:
        names = ", ".join(SHEETS.values())
        raise UsageError(_("{path} has none of the sheets {names}", path=workbook, names=names))
    edits = _edits(document.data, sheets, set(ids))
    from smartplan.diff import diff_data

    if not edits:  # the workbook says what the plan says: nothing to write or to check
        unchanged = diff_data(document.data, document.data, labels=(str(plan), str(workbook)))
        return Imported(plan, {}, unchanged)
    files, notes = _apply(document, into, edits)
    texts = {path: yaml.text() for path, yaml in files.items() if yaml.changed}
    after, problems = _check(plan, document, texts, edits)

    diff = diff_data(document.data, after, labels=(str(plan), str(workbook)), base=plan.parent)
    diff.inputs = [workbook]
    return Imported(plan, texts, diff, notes + problems)


def _edits(data: dict[str, Any], sheets: dict[str, Any], known: set[str]) -> list[Edit]:
    from smartplan.workbook.indicators import indicator_edits
    from smartplan.workbook.lines import budget_edits, budget_sums
    from smartplan.workbook.programs import program_edits

    edits: list[Edit] = []
    if "programs" in sheets:
        sums = budget_sums(sheets["budget"]) if "budget" in sheets else None
        found, new = program_edits(data, sheets["programs"], sums)
        edits += found
        known = known | new
    if "budget" in sheets:
        edits += budget_edits(data, sheets["budget"], known)
    if "indicators" in sheets:
        edits += indicator_edits(data, sheets["indicators"], known)
    return edits


def _apply(
    document: Document, into: Path, edits: list[Edit]
) -> tuple[dict[Path, YamlFile], list[str]]:
    """Each programme's edits in the file that holds it; new programmes into `into`."""
    from smartplan.workbook.yamledit import YamlFile, add, apply

    homes = _homes(document)
    target = _member(document, into)
    files: dict[Path, YamlFile] = {}

    def file(path: Path) -> YamlFile:
        if path not in files:
            files[path] = YamlFile(path)
        return files[path]

    by_program: dict[str, list[Edit]] = defaultdict(list)
    for edit in edits:
        if edit.op is Op.ADD and edit.path == ():
            holder = file(target)
            add(holder.data, "programs", edit.value)
            holder.changed = True
            homes[edit.program] = target
        else:
            by_program[edit.program].append(edit)
    for pid, own in by_program.items():
        holder = file(homes[pid])
        apply(holder.program(pid), own)
        holder.changed = True
    notes = [
        _(
            "{path}: ruamel.yaml cannot write this file back unchanged; lines the workbook did "
            "not change may be reformatted",
            path=path,
        )
        for path, yaml in files.items()
        if not yaml.exact and yaml.changed
    ]
    return files, notes


def _homes(document: Document) -> dict[str, Path]:
    """The file that holds each programme (the plan, or an include fragment)."""
    homes: dict[str, Path] = {}
    for index, program in enumerate(document.data.get("programs") or []):
        if isinstance(program, dict):
            where = document.locate(f"/programs/{index}").path
            homes.setdefault(str(program.get("id")), Path(where))
    return {pid: path.resolve() for pid, path in homes.items()}


def _member(document: Document, into: Path) -> Path:
    resolved = into.resolve()
    if resolved not in {path.resolve() for path in document.files}:
        raise UsageError(
            _("{into} is neither the plan nor one of its include fragments", into=into)
        )
    return resolved


def _check(
    plan: Path, document: Document, texts: dict[Path, str], edits: list[Edit]
) -> tuple[dict[str, Any], list[str]]:
    """Load the candidate files with smartplan's own loader and lint them: refuse what would not
    load or would break the schema (a value the format does not allow); other new errors (a
    stage requirement, a horizon window) are returned as warnings with their cells."""
    from smartplan.check.plan import check_document
    from smartplan.findings import Severity
    from smartplan.loader import FATAL, file_reader, load_plan
    from smartplan.loader.include import repository_root
    from smartplan.workspace.config import find_config

    config = find_config(plan.parent)
    disk = file_reader(config.limits, repository_root(plan))

    def read(path: Path) -> bytes:
        text = texts.get(path.resolve())
        return text.encode("utf-8") if text is not None else disk(path)

    loaded = load_plan(plan, display=document.path, read=read)
    fatal = [f for f in loaded.findings if f.rule in FATAL]
    if loaded.document is None or fatal:
        first = (fatal or loaded.findings)[0]
        raise UsageError(
            _(
                "the imported plan would not load ({where}: {message}); nothing was written",
                where=f"{first.path}:{first.line}",
                message=first.message,
            )
        )
    before = Counter(
        (f.rule, f.message)
        for f in check_document(document, plan, config, None)[0]
        if f.severity is Severity.ERROR
    )
    problems = []
    for finding in check_document(loaded.document, plan, config, None)[0]:
        key = (finding.rule, finding.message)
        if finding.severity is Severity.ERROR and before[key] <= 0:
            cell = _cell(finding.pointer, loaded.document.data, edits)
            if finding.rule == "schema":
                raise UsageError(
                    _("{cell}: {message} (nothing was written)", cell=cell, message=finding.message)
                )
            problems.append(
                _(
                    "{cell}: the plan now has an error: {message} [{rule}]",
                    cell=cell,
                    message=finding.message,
                    rule=finding.rule,
                )
            )
        before[key] -= 1
    return loaded.document.data, problems


def _cell(pointer: str | None, data: dict[str, Any], edits: list[Edit]) -> str:
    """The cell behind a finding: the edit of the same programme and field, else its row."""
    parts = (pointer or "").split("/")
    if len(parts) < 3 or parts[1] != "programs" or not parts[2].isdigit():
        return edits[0].cell if edits else "?"
    program = (data.get("programs") or [])[int(parts[2])]
    pid = str(program.get("id")) if isinstance(program, dict) else ""
    own = [e for e in edits if e.program == pid]
    for edit in own:  # a new programme: the cell of the field
        found = dict(edit.cells).get(parts[3]) if len(parts) > 3 else None
        if found:
            return found
    exact = [e for e in own if e.path and len(parts) > 3 and e.path[0] == parts[3]]
    return (exact or own or edits)[0].cell if (exact or own or edits) else "?"


def find_plan(into: Path) -> Path:
    """The plan a file belongs to: itself when it is a plan (`smartplan:` at the top), else the
    nearest masterplan.yaml above it whose `include:` names it."""
    from smartplan.files.limits import Limits
    from smartplan.files.reading import read_file
    from smartplan.loader import load_plan, load_text
    from smartplan.loader.include import folder_root

    try:  # the one reader: a FIFO never blocks, a device is refused, not read to the end
        loaded = load_text(read_file(into, Limits().max_file_size), str(into))
    except OSError as error:
        raise UsageError(
            _("cannot read {path}: {error}", path=into, error=error.strerror or error)
        ) from None
    if loaded.document is not None and "smartplan" in loaded.document.data:
        return into
    root = folder_root(into.resolve().parent)
    # up to the repository root (a folder with .git or .smartplan.yaml), else a few levels
    for folder in (into.resolve().parent, *into.resolve().parents)[:6]:
        candidate = folder / "masterplan.yaml"
        if candidate.is_file() and candidate != into.resolve():
            document = load_plan(candidate).document
            if document is not None and into.resolve() in {p.resolve() for p in document.files}:
                return candidate
        if folder == root and ((root / ".git").exists() or (root / ".smartplan.yaml").exists()):
            break
    raise UsageError(
        _(
            "{path} is not a plan and no masterplan.yaml above it includes it: give --plan",
            path=into,
        )
    )
