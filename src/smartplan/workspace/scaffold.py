"""`init`: a stage-1 plan for a region, the framework's dimensions pre-filled, as commented YAML."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from smartplan.domain.framework import DEFAULT, Framework, FrameworkError, load_framework
from smartplan.errors import UsageError
from smartplan.files.output import create_new, make_folder
from smartplan.i18n import _
from smartplan.loader.include import folder_root
from smartplan.schema.modeline import schema_line, write_copy


@dataclass(frozen=True)
class Region:
    name: str
    kind: str
    province: str | None
    start: int
    framework: str = DEFAULT


def scaffold(folder: Path, region: Region) -> Path:
    """Write `folder/masterplan.yaml`; refuses to overwrite anything."""
    target = folder / "masterplan.yaml"
    if os.path.lexists(target):
        raise UsageError(_("{file} already exists: init never overwrites a plan", file=target))
    if region.kind != "provinsi" and not region.province:
        raise UsageError(_("--province is required unless --kind is provinsi"))
    try:
        framework = load_framework(region.framework, folder)
    except FrameworkError as error:
        raise UsageError(str(error)) from error
    make_folder(folder)
    # the schema for editors, inside the repository and named by a relative path: the plan is
    # committed, and a path on this computer would break the help on every colleague's
    copy = write_copy(folder_root(folder))
    text = plan_text(region, framework, schema_line(folder, copy))
    create_new(target, text)  # never replaces a file, a symlink or a device
    return target


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def plan_text(region: Region, framework: Framework, modeline: str) -> str:
    province = f"  province: {_q(region.province)}\n" if region.province else ""
    created = _(
        "Masterplan Smart City {region}: created by `smartplan init`; run", region=region.name
    )
    next_step = _("`smartplan validate` and fill in what the findings ask for, stage by stage.")
    lines = [
        modeline,
        f"# {created}",
        f"# {next_step}",
        "smartplan: 1",
        f"framework: {framework.id}",
        "region:",
        f"  name: {_q(region.name)}",
        f"  kind: {region.kind}",
        province.rstrip("\n"),
        f"period: {{start: {region.start}, end: {region.start + 9}}}",
        "stage: 1",
        "bimtek:",
        "  - stage: 1   # tanggal pelaksanaan: start: YYYY-MM-DD, end: YYYY-MM-DD",
        "organizations: []   # OPD, BUMN/BUMD, swasta: - {id: diskominfo, name: ..., kind: opd}",
        "team:",
        "  council: []        # Dewan Smart City: - {name: ..., role: ..., organization: ...}",
        "  implementers: []   # Tim Pelaksana",
        "readiness:   # analisis kesiapan daerah; rating: good | fair | poor",
        "  structure: {findings: []}        # struktur",
        "  infrastructure: {findings: []}   # infrastruktur",
        "  superstructure: {findings: []}   # suprastruktur",
        "swot:",
        "  strengths: []       # kekuatan",
        "  weaknesses: []      # kelemahan",
        "  opportunities: []   # peluang",
        "  threats: []         # ancaman",
        "dimensions:   # isu strategis per dimensi (tahap 1), tujuan dan strategi (tahap 2)",
        *_dimension_lines(framework),
        "programs: []",
    ]
    return "\n".join(line for line in lines if line) + "\n"


def _dimension_lines(framework: Framework) -> list[str]:
    lines = []
    for dimension in framework.dimensions:
        elements = ", ".join(f"{e.id} ({e.label['id']})" for e in dimension.elements)
        lines.append(
            f"  {dimension.id}:   # {dimension.label['id']}" + (f": {elements}" if elements else "")
        )
        lines.append("    issues: []")
    return lines
