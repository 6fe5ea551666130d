"""The generated references in docs/ are fresh: regenerate with the commands they name."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from smartplan.cli import app


@pytest.mark.parametrize(
    ("document", "args"),
    [
        ("format.md", ["schema", "--markdown"]),
        ("rules.md", ["rules", "--markdown", "--lang", "en"]),
        ("aturan.md", ["rules", "--markdown", "--lang", "id"]),
    ],
)
def test_committed_reference_is_fresh(document: str, args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    committed = (ROOT / "docs" / document).read_text(encoding="utf-8")
    assert committed == result.output, (
        f"docs/{document} is stale: smartplan {' '.join(args)} > docs/{document}"
    )


def test_format_reference_covers_every_section_and_rules_reference_every_rule() -> None:
    from smartplan.files.resources import load_schema
    from smartplan.rules import RULES

    text = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for section in load_schema()["properties"]:
        assert f"| `{section}` |" in text
    for path in ("## `programs[]`", "## `programs[].budget[]`", "## `programs[].indicators[]`"):
        assert path in text
    for name in ("rules.md", "aturan.md"):
        rules = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert all(f"## {rule}" in rules for rule in RULES)
    assert "Contoh salah" not in rules and "Salah:" in rules and "Benar:" in rules
