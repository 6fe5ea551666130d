"""The GitLab CI template (ci/gitlab-smartplan.yml), its jobs' shell run as the runner runs them.

The runner joins a job's `before_script` and `script` into one shell script under
`set -eo pipefail`, with the template's variables and GitLab's predefined ones in the
environment; here the same, in a region's throwaway repository with two commits, with the
variables of a merge request pipeline (CI_PIPELINE_SOURCE, CI_MERGE_REQUEST_DIFF_BASE_SHA,
CI_COMMIT_SHA, CI_PROJECT_DIR …). The `before_script` really pip-installs smartplan from this
checkout into a fresh virtual environment, once for the module.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import ROOT
from forge import TYPO_LINE, Region, environment, git, make_region
from test_ci_reports import GITLAB_CODE_QUALITY

pytestmark = pytest.mark.slow

TEMPLATE = ROOT / "ci" / "gitlab-smartplan.yml"
DOCUMENTED_VARIABLES = {
    "SMARTPLAN_PACKAGE",
    "SMARTPLAN_PATHS",
    "SMARTPLAN_STAGE",
    "SMARTPLAN_FAIL_ON",
    "SMARTPLAN_LANG",
    "SMARTPLAN_IMAGE",
}


def template() -> dict[str, Any]:
    loaded = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def job(name: str) -> dict[str, Any]:
    """A job with its `extends:` merged in, as GitLab merges it (the job's own keys win)."""
    loaded = template()
    own = loaded[name]
    base = loaded[own["extends"]] if "extends" in own else {}
    merged = {**base, **own}
    merged["variables"] = {**base.get("variables", {}), **own.get("variables", {})}
    return merged


def variables(**overrides: str) -> dict[str, str]:
    values = {name: str(spec["value"]) for name, spec in template()["variables"].items()}
    return {**values, **overrides}


@dataclass
class Job:
    returncode: int
    log: str


def run(lines: list[str], region: Region, env: dict[str, str]) -> Job:
    script = "set -eo pipefail\nset +o noclobber\n" + "\n".join(lines) + "\n"
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script],
        cwd=region.root, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    return Job(done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment where the template's before_script installs smartplan."""
    folder = tmp_path_factory.mktemp("gitlab")
    subprocess.run([sys.executable, "-m", "venv", str(folder / "venv")], check=True)
    bin_ = folder / "venv" / "bin"
    region = make_region(folder / "region", environment(folder))
    env = ci_env(region, folder, bin_, SMARTPLAN_PACKAGE=str(ROOT))
    installed = run(job("smartplan-validate")["before_script"], region, env)
    assert installed.returncode == 0, installed.log
    assert "smartplan 0." in installed.log
    assert (bin_ / "smartplan").is_file()
    return bin_


def ci_env(region: Region, home: Path, bin_: Path, **overrides: str) -> dict[str, str]:
    env = environment(home)
    env.update(
        PATH=f"{bin_}:{env['PATH']}",
        CI="true",
        GITLAB_CI="true",
        CI_PROJECT_DIR=str(region.root),
        CI_DEFAULT_BRANCH="main",
        CI_PIPELINE_SOURCE="merge_request_event",
        CI_COMMIT_SHA=region.head,
        CI_COMMIT_REF_NAME="feature",
        CI_MERGE_REQUEST_IID="7",
        CI_MERGE_REQUEST_SOURCE_BRANCH_NAME="feature",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
        CI_MERGE_REQUEST_DIFF_BASE_SHA=region.base,
    )
    env.update(variables(**overrides))
    env.update({k: str(v) for k, v in job("smartplan-validate")["variables"].items()})
    return env


@pytest.fixture
def region(tmp_path: Path) -> Region:
    return make_region(tmp_path / "region", environment(tmp_path))


# --- the template as a document -----------------------------------------------------------------


def test_template_declares_the_documented_variables_and_reports() -> None:
    loaded = template()
    assert set(loaded["variables"]) == DOCUMENTED_VARIABLES
    assert all(spec["description"] for spec in loaded["variables"].values())
    assert loaded["variables"]["SMARTPLAN_FAIL_ON"]["value"] == "error"
    assert loaded["variables"]["SMARTPLAN_LANG"]["value"] == "id"
    validate = job("smartplan-validate")
    assert validate["artifacts"]["when"] == "always"
    assert validate["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "smartplan-junit.xml",
    }
    conditions = [rule["if"] for rule in validate["rules"]]
    assert '$CI_PIPELINE_SOURCE == "merge_request_event"' in conditions
    assert "$CI_COMMIT_BRANCH" in conditions  # the target branch has a report to compare with
    review = job("smartplan-review")
    assert [rule["if"] for rule in review["rules"]] == [
        '$CI_PIPELINE_SOURCE == "merge_request_event"'
    ]
    assert review["allow_failure"] is True
    assert "allow_failure" not in validate
    assert review["artifacts"]["expose_as"]
    assert review["artifacts"]["paths"] == ["smartplan-review.md"]
    assert "$SMARTPLAN_PACKAGE" in " ".join(validate["before_script"])
    # the review is an artifact: no job talks to GitLab's API (no comment to mistake, no token)
    assert not re.search(r"curl|wget|/notes|CI_JOB_TOKEN|PRIVATE-TOKEN", TEMPLATE.read_text())


@pytest.mark.parametrize(("lang", "words"), [("id", "isi variabel"), ("en", "set the variable")])
def test_no_package_named_means_no_install(
    region: Region, tmp_path: Path, lang: str, words: str
) -> None:
    """The template names no smartplan of its own: an address the project does not control
    would run in every region's job that forgot SMARTPLAN_PACKAGE. Without it, one line in
    the job's language naming the variable, and pip is never started."""
    assert template()["variables"]["SMARTPLAN_PACKAGE"]["value"] == ""
    spy = tmp_path / "spy"
    spy.mkdir()
    started = tmp_path / "pip-started"
    for name in ("python", "python3", "pip", "smartplan"):  # anything the job could start
        (spy / name).write_text(f'#!/bin/sh\necho "$0 $*" >> "{started}"\n')
        (spy / name).chmod(0o755)
    env = ci_env(region, tmp_path, spy, SMARTPLAN_LANG=lang)
    assert env["SMARTPLAN_PACKAGE"] == ""  # the template's default, not overridden
    done = run(job("smartplan-validate")["before_script"], region, env)
    assert done.returncode == 2
    assert not started.exists(), started.read_text()
    (line,) = done.log.splitlines()
    assert "SMARTPLAN_PACKAGE" in line and words in line


# --- the jobs run -------------------------------------------------------------------------------


def test_validate_job_writes_code_quality_and_junit_and_fails(
    region: Region, tmp_path: Path, venv: Path
) -> None:
    done = run(job("smartplan-validate")["script"], region, ci_env(region, tmp_path, venv))
    assert done.returncode == 1, done.log
    assert f"masterplan.yaml:{TYPO_LINE}:11: kesalahan:" in done.log  # SMARTPLAN_LANG: id
    issues = json.loads((region.root / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    assert [(i["check_name"], i["location"]["lines"]["begin"]) for i in issues] == [
        ("unknown-reference", TYPO_LINE)
    ]
    junit = ET.parse(region.root / "smartplan-junit.xml").getroot()
    assert (junit.get("failures"), junit.get("errors")) == ("1", "0")


def test_validate_job_passes_a_clean_plan_with_options(
    region: Region, tmp_path: Path, venv: Path
) -> None:
    git(region.root, "checkout", "--quiet", region.base, env=environment(tmp_path))
    env = ci_env(
        region, tmp_path, venv,
        SMARTPLAN_PATHS="masterplan.yaml", SMARTPLAN_STAGE="2", SMARTPLAN_FAIL_ON="warning",
    )  # fmt: skip
    done = run(job("smartplan-validate")["script"], region, env)
    assert done.returncode == 0, done.log
    assert json.loads((region.root / "gl-code-quality-report.json").read_text()) == []


def test_validate_job_fails_with_exit_2_on_unusable_input(
    region: Region, tmp_path: Path, venv: Path
) -> None:
    env = ci_env(region, tmp_path, venv, SMARTPLAN_PATHS="no-such-plan.yaml")
    done = run(job("smartplan-validate")["script"], region, env)
    assert done.returncode == 2
    assert "berkas atau folder tidak ada: no-such-plan.yaml" in done.log


def test_review_job_without_stage_tags(region: Region, tmp_path: Path, venv: Path) -> None:
    done = run(job("smartplan-review")["script"], region, ci_env(region, tmp_path, venv))
    assert done.returncode == 0, done.log
    review = (region.root / "smartplan-review.md").read_text(encoding="utf-8")
    assert review.startswith(
        f"## Tinjauan perubahan masterplan: `{region.base[:12]}` → `{region.head[:12]}`"
    )
    assert "`ECO-04`" in review
    assert review in done.log  # the review is in the job log too


def test_review_job_fetches_the_base_of_a_shallow_clone_in_english(
    region: Region, tmp_path: Path, venv: Path
) -> None:
    env = environment(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth=1", "--branch=feature", f"file://{region.root}",
         str(clone)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    shallow = Region(clone, region.base, region.head)
    env = ci_env(shallow, tmp_path, venv, SMARTPLAN_LANG="en", SMARTPLAN_PATHS="masterplan.yaml")
    done = run(job("smartplan-review")["script"], shallow, env)
    assert done.returncode == 0, done.log
    review = (clone / "smartplan-review.md").read_text(encoding="utf-8")
    assert review.startswith("## Masterplan review:")
    assert f"`{region.base[:12]}:./masterplan.yaml`" in review


def test_review_job_notes_a_plan_new_in_the_merge_request(
    region: Region, tmp_path: Path, venv: Path
) -> None:
    env = environment(tmp_path)
    (region.root / "kab-bangka-selatan").mkdir()
    git(region.root, "mv", "masterplan.yaml", "kab-bangka-selatan/masterplan.yaml", env=env)
    git(region.root, "commit", "--quiet", "-m", "pindah", env=env)
    moved = Region(region.root, region.base, git(region.root, "rev-parse", "HEAD", env=env))
    env = ci_env(
        moved, tmp_path, venv,
        SMARTPLAN_LANG="en", SMARTPLAN_PATHS="kab-bangka-selatan/masterplan.yaml",
    )  # fmt: skip
    done = run(job("smartplan-review")["script"], moved, env)
    assert done.returncode == 0, done.log
    review = (region.root / "smartplan-review.md").read_text(encoding="utf-8")
    assert review.startswith("smartplan could not compare")
    assert "cannot read" in review
