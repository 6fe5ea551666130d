"""Print pip constraints that pin every declared dependency to its lowest allowed version.

`scripts/test --lowest` installs with these constraints, so the suite runs on the lower end of
every range pyproject.toml declares (the core and every extra); transitive dependencies float
to what the pinned ones allow, as `uv --resolution lowest-direct` does.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    sys.exit("scripts/lowest.py needs Python 3.11 or newer (tomllib)")

# a lower bound: name[extras] >= version, possibly beside an upper bound
_LOWER = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*[^;]*?>=\s*([^,;\s]+)")


def constraints(pyproject: Path) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    declared = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        declared.extend(extra)
    pins: dict[str, str] = {}
    for requirement in declared:
        match = _LOWER.match(requirement)
        if match is None:
            continue
        name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        if name == "smartplan":  # the project's own extras (smartplan[office])
            continue
        version = match.group(3)
        if name in pins and pins[name] != version:
            sys.exit(f"{name} is declared with two lower bounds: {pins[name]} and {version}")
        pins[name] = version
    return [f"{name}=={version}" for name, version in sorted(pins.items())]


if __name__ == "__main__":
    root = Path(__file__).resolve().parents[1]
    print("\n".join(constraints(root / "pyproject.toml")))
