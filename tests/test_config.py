"""`.smartplan.yaml`: discovery, validation, precedence (CLI over config over defaults)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.errors import ConfigError, UsageError
from smartplan.findings import Severity
from smartplan.workspace.config import find_config, load_config

PLAN = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
programs:
  - {id: A, name: a, dimension: governance, lead: nobody}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rules_found(paths: list[str], **options: object) -> list[tuple[str, str]]:
    result = validate_paths(paths, ValidateOptions(**options))  # type: ignore[arg-type]
    return sorted({(f.rule, f.severity.label) for f in result.findings})


def test_found_by_walking_up(isolated: Path) -> None:
    write(isolated / ".smartplan.yaml", "stage_tag: tahap-{n}\n")
    assert find_config(isolated / "a" / "b").stage_tag == "tahap-{n}"


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = find_config(tmp_path)
    assert config.path is None and config.stage_tag == "stage{n}" and config.rules == {}


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("rules:\n  budget: fatal\n", 2, "must be one of"),
        ("stage_tag: tahap\n", 1, "stage_tag"),
        ("plans: [a]\nunknown: 1\n", 2, "unknown field 'unknown'"),
        ("rules: [\n", 2, "expected"),
    ],
)
def test_bad_config_is_a_usage_error_at_its_line(
    tmp_path: Path, text: str, line: int, fragment: str
) -> None:
    path = write(tmp_path / ".smartplan.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"{path}:{line}:" in str(caught.value)
    assert fragment in str(caught.value)


def test_rules_relevel_and_switch_off(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    assert ("unknown-reference", "error") in rules_found([str(plan)])
    write(
        isolated / ".smartplan.yaml",
        "rules:\n  unknown-reference: warning\n  stage-requirements: off\n",
    )
    found = rules_found([str(plan)])
    assert ("unknown-reference", "warning") in found
    assert not any(rule == "stage-requirements" for rule, _ in found)


def test_unknown_rule_in_config_is_a_finding_with_a_suggestion(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    config = write(isolated / ".smartplan.yaml", "rules:\n  element-coverag: off\n")
    result = validate_paths([str(plan)])
    settings = result.files[0]
    assert settings.path == str(config) and not settings.ok
    assert [(f.rule, f.line, f.column, f.message) for f in settings.findings] == [
        (
            "unknown-rule",
            2,
            3,
            "unknown rule 'element-coverag' under rules: (did you mean 'element-coverage'?)",
        )
    ]


def test_cli_options_win_over_config(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    write(isolated / ".smartplan.yaml", "rules:\n  unknown-reference: warning\nfail_on: warning\n")
    result = validate_paths([str(plan)], ValidateOptions(select=("unknown-reference",)))
    assert not result.ok  # config fail_on: warning
    result = validate_paths(
        [str(plan)], ValidateOptions(select=("unknown-reference",), fail_on=Severity.ERROR)
    )
    assert result.ok  # the command line wins
    assert rules_found([str(plan)], ignore=("unknown-reference",)) == [
        ("stage-requirements", "error")
    ]


def test_plans_globs_used_when_no_path_given(isolated: Path) -> None:
    write(isolated / "plans" / "a" / "masterplan.yaml", PLAN)
    write(isolated / "plans" / "b" / "masterplan.yaml", PLAN)
    write(isolated / ".smartplan.yaml", "plans: ['plans/*/masterplan.yaml']\n")
    result = validate_paths([])
    assert [f.path for f in result.files] == ["plans/a/masterplan.yaml", "plans/b/masterplan.yaml"]


@pytest.mark.parametrize(
    ("pattern", "listed"),
    [
        ("*/masterplan.yaml", ["kota/masterplan.yaml"]),
        ("**/master*.yaml", ["kota/masterplan.yaml"]),
        ("*/*/masterplan.yaml", []),
        ("borrowed/masterplan.yaml", []),
    ],
)
def test_plans_globs_never_enter_a_symlinked_folder(
    isolated: Path, monkeypatch: pytest.MonkeyPatch, pattern: str, listed: list[str]
) -> None:
    """A committed symlink to a folder (one outside, holding plans) is neither entered nor
    listed by a `plans:` glob, whatever the pattern (issue 25): only the real folders' plans;
    none at all is the usual one-line refusal."""
    from smartplan.workspace.plans import discover

    write(isolated / "repo" / "kota" / "masterplan.yaml", PLAN)
    write(isolated / "outside" / "masterplan.yaml", PLAN)
    write(isolated / "outside" / "inner" / "masterplan.yaml", PLAN)
    (isolated / "repo" / "borrowed").symlink_to("../outside")
    write(isolated / "repo" / ".smartplan.yaml", f"plans: ['{pattern}']\n")
    monkeypatch.chdir(isolated / "repo")
    config = find_config(Path.cwd())
    opened: list[str] = []
    scandir = os.scandir

    def recording(path: str) -> Any:
        opened.append(os.path.abspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", recording)
    if listed:
        assert [shown for _, shown in discover([], config)] == listed
    else:
        with pytest.raises(UsageError, match="no plan matches the plans: globs"):
            discover([], config)
    assert not [folder for folder in opened if "borrowed" in folder]


def test_default_plan_is_masterplan_yaml_here(isolated: Path) -> None:
    with pytest.raises(UsageError, match="no plan given"):
        validate_paths([])
    write(isolated / "masterplan.yaml", PLAN)
    assert [f.path for f in validate_paths([]).files] == ["masterplan.yaml"]


def test_ignore_globs_skip_files(isolated: Path) -> None:
    write(isolated / "a" / "masterplan.yaml", PLAN)
    write(isolated / "old" / "masterplan.yaml", PLAN)
    write(isolated / ".smartplan.yaml", "ignore: ['old/*']\n")
    assert [f.path for f in validate_paths(["."]).files] == ["a/masterplan.yaml"]


def test_explicit_config_option(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    other = write(isolated / "conf" / "strict.yaml", "rules:\n  stage-requirements: info\n")
    found = rules_found([str(plan)], config=other)
    assert ("stage-requirements", "info") in found


def test_limits_from_config(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    write(isolated / ".smartplan.yaml", "limits:\n  max_file_size: 20\n")
    assert rules_found([str(plan)]) == [("yaml-syntax", "error")]


def test_framework_default_from_config(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN.replace("governance", "mobility"))
    assert ("unknown-dimension", "error") in rules_found([str(plan)])
    write(isolated / ".smartplan.yaml", "framework: kemkomdigi-2026\n")
    assert ("unknown-dimension", "error") not in rules_found([str(plan)])


def test_library_entry_point(isolated: Path) -> None:
    import smartplan

    plan = write(isolated / "masterplan.yaml", PLAN)
    result = smartplan.validate(plan)
    assert not result.ok
    assert {f.rule for f in result.findings} == {"unknown-reference", "stage-requirements"}
    assert smartplan.validate(plan, stage=1).files[0].path == str(plan)


def test_horizon_windows_are_read_and_checked(isolated: Path) -> None:
    write(isolated / ".smartplan.yaml", "horizons: {short: [1, 2]}\n")
    # only what the file sets: the other windows scale with each plan's period (SPEC §10)
    assert find_config(isolated).horizons == {"short": (1, 2)}
    write(isolated / ".smartplan.yaml", "horizons:\n  medium: [5, 2]\n")
    with pytest.raises(ConfigError, match=r"\.smartplan\.yaml:2:11: .*horizons.medium starts after"):
        find_config(isolated)
    write(isolated / ".smartplan.yaml", "horizons: {long: [6]}\n")
    with pytest.raises(ConfigError, match="invalid config"):
        find_config(isolated)
