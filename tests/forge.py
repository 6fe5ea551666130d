"""What the CI tests share: a region's throwaway repository with two commits, and a clean
environment for the forge's shell steps (no colour, language or git settings leaking in)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from conftest import EXAMPLES

STAGE2 = EXAMPLES / "kota-pangkalpinang" / "masterplan.stage2.yaml"
STAGE3 = EXAMPLES / "kota-pangkalpinang" / "masterplan.yaml"
SCHEMA_COPY = ".smartplan/masterplan.schema.json"
TYPO_LINE = 195  # `lead: diskominfo` of a programme, broken at the head commit


@dataclass(frozen=True)
class Region:
    """A region's repository: `main` at the base commit (stage 2), HEAD one commit later on
    `feature` (stage 3, with one programme's lead misspelt). No stage tag anywhere."""

    root: Path
    base: str
    head: str


def environment(home: Path) -> dict[str, str]:
    keep = ("PATH", "LANG", "LC_ALL", "TMPDIR", "PIP_", "SSL_CERT")
    env = {k: v for k, v in os.environ.items() if k.startswith(keep)}
    env.update(
        HOME=str(home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
        GIT_AUTHOR_NAME="Tim Pelaksana",
        GIT_AUTHOR_EMAIL="tim@kota.invalid",
        GIT_COMMITTER_NAME="Tim Pelaksana",
        GIT_COMMITTER_EMAIL="tim@kota.invalid",
    )
    return env


def git(root: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["git", "-C", str(root), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def make_region(root: Path, env: dict[str, str]) -> Region:
    root.mkdir(parents=True)
    git(root, "init", "--quiet", "--initial-branch=main", env=env)
    plan = root / "masterplan.yaml"
    plan.write_bytes(STAGE2.read_bytes())
    schema = root / SCHEMA_COPY  # the copy `smartplan init` writes, named by the $schema line
    schema.parent.mkdir()
    schema.write_bytes((STAGE2.parent / SCHEMA_COPY).read_bytes())
    git(root, "add", "masterplan.yaml", SCHEMA_COPY, env=env)
    git(root, "commit", "--quiet", "-m", "Bimtek tahap 2", env=env)
    base = git(root, "rev-parse", "HEAD", env=env)
    git(root, "switch", "--quiet", "-c", "feature", env=env)
    lines = STAGE3.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[TYPO_LINE - 1].strip() == "lead: diskominfo"
    lines[TYPO_LINE - 1] = lines[TYPO_LINE - 1].replace("diskominfo", "diskominf")
    plan.write_text("".join(lines), encoding="utf-8")
    git(root, "commit", "--quiet", "-am", "Bimtek tahap 3", env=env)
    head = git(root, "rev-parse", "HEAD", env=env)
    assert git(root, "tag", "--list", env=env) == ""
    return Region(root, base, head)


# --- what GitHub's runner reads as a workflow command ---------------------------------------------


def workflow_commands(log: str) -> list[str]:
    """The workflow commands GitHub's runner would run in these lines of a job's log, in order,
    as actions/runner parses them (ActionCommand.TryParseV2, then the older TryParse): a line
    starting with `::name…::` after white space, else one holding `##[name…]` anywhere. Every
    name counts, registered or not (stricter than the runner); between `::stop-commands::TOKEN`
    and `::TOKEN::` none is run, and only the stop and the resume are listed."""
    ran: list[str] = []
    stopped = ""
    for line in log.splitlines():
        name = _command_name(line)
        if name is None:
            continue
        if stopped:
            if name.lower() == stopped.lower():
                ran.append(name)
                stopped = ""
            continue
        ran.append(name)
        if name.lower() == "stop-commands":
            stopped = line.lstrip().split("::", 2)[2] or "-"
    return ran


def _command_name(line: str) -> str | None:
    text = line.lstrip()
    if text.startswith("::") and (end := text.find("::", 2)) > 0:
        return text[2:end].split(" ")[0]
    if (start := line.find("##[")) >= 0 and (end := line.find("]", start)) > 0:
        return line[start + 3 : end].split(" ")[0]
    return None
