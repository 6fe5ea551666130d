"""The real plans among the examples keep every fact tied to a numbered source in their header.

A real plan is kept as recorded (SPEC §10): its header lists the public sources [1], [2], …, each
value carries the number of its source, and what no source states is in `not_recorded`. A number
cited in the body without a source in the header would be a fact nobody can check.
"""

from __future__ import annotations

import re

import pytest

from conftest import EXAMPLES, RECOVERED
from smartplan.loader import load_text

SOURCE = re.compile(r"^#\s*\[(\d+)\]")
CITED = re.compile(r"\[(\d+)\]")


def _header_and_body(text: str) -> tuple[list[str], list[str]]:
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    return lines[:end], lines[end:]


@pytest.mark.parametrize("name", RECOVERED)
def test_every_cited_source_is_numbered_in_the_header(name: str) -> None:
    header, body = _header_and_body((EXAMPLES / name / "masterplan.yaml").read_text("utf-8"))
    sources = [int(m.group(1)) for line in header if (m := SOURCE.match(line))]
    assert sources == list(range(1, len(sources) + 1)), "sources are numbered [1], [2], … in order"
    cited = {int(number) for line in body for number in CITED.findall(line)}
    assert cited and cited <= set(sources), f"cited without a source: {cited - set(sources)}"


@pytest.mark.parametrize("name", RECOVERED)
def test_a_real_plan_says_what_it_does_not_record(name: str) -> None:
    document = load_text((EXAMPLES / name / "masterplan.yaml").read_bytes(), name).document
    assert document is not None and document.data.get("not_recorded")
