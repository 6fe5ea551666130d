"""The snippets a region copies (README "Continuous integration", panduan §12) name only what
action.yml and ci/gitlab-smartplan.yml declare, and the input table lists every input; the
action, the template and the snippets pass the forges' own schemas (as check-jsonschema
vendors them: GitHub Actions and workflows from SchemaStore, GitLab CI from GitLab)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

DOCUMENTS = {
    "README.md": "## Continuous integration",
    "docs/panduan.md": "## 12. Pemeriksaan otomatis di GitHub atau GitLab (CI)",
}


def section(name: str) -> str:
    text = (ROOT / name).read_text(encoding="utf-8")
    start = text.index(DOCUMENTS[name])
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def snippets(name: str) -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section(name), re.S)]


def declared(path: str) -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_github_snippet_uses_the_action_with_declared_inputs(name: str) -> None:
    workflow = next(s for s in snippets(name) if "jobs" in s)
    steps = workflow["jobs"]["smartplan"]["steps"]
    action = next(step for step in steps if str(step.get("uses", "")).startswith("OWNER/smartplan@"))
    assert set(action.get("with", {})) <= set(declared("action.yml")["inputs"])
    assert workflow["permissions"]["pull-requests"] == "write"
    # YAML 1.1 reads the key `on` as true; GitHub reads YAML 1.2
    assert {"push", "pull_request"} <= set(workflow[True])


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_gitlab_snippet_includes_the_template_and_sets_its_variables(name: str) -> None:
    pipeline = next(s for s in snippets(name) if "include" in s)
    (include,) = pipeline["include"]
    assert include["remote"].endswith("/ci/gitlab-smartplan.yml")
    assert set(pipeline["variables"]) <= set(declared("ci/gitlab-smartplan.yml")["variables"])


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_input_and_variable_is_documented(name: str) -> None:
    text = section(name)
    rows = set(re.findall(r"^\| `([a-z-]+)` \|", text, re.M))
    assert rows == set(declared("action.yml")["inputs"])
    for variable in declared("ci/gitlab-smartplan.yml")["variables"]:
        assert f"`{variable}`" in text


def check(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    """check-jsonschema with the forge's own schema as it vendors it (no network)."""
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("schema", "path", "good", "bad"),
    [
        ("vendor.github-actions", "action.yml", "using: composite", "using: compose"),
        ("vendor.gitlab-ci", "ci/gitlab-smartplan.yml", "when: always", "when: sometimes"),
    ],
)
def test_forge_files_pass_the_forges_schemas(
    schema: str, path: str, good: str, bad: str, tmp_path: Path
) -> None:
    done = check(schema, ROOT / path)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / Path(path).name  # and the check does fail a wrong value
    broken.write_text((ROOT / path).read_text(encoding="utf-8").replace(good, bad))
    failed = check(schema, broken)
    assert failed.returncode == 1
    assert "Schema validation errors" in failed.stdout + failed.stderr


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_snippets_pass_the_forges_schemas(name: str, tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", section(name), re.S)
    for number, block in enumerate(blocks):
        schema = "vendor.github-workflows" if "jobs:" in block else "vendor.gitlab-ci"
        snippet = tmp_path / f"snippet-{number}.yml"
        snippet.write_text(block, encoding="utf-8")
        done = check(schema, snippet)
        assert done.returncode == 0, done.stdout + done.stderr
