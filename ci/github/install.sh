#!/usr/bin/env bash
# Install smartplan from the action's own checkout, at the ref the workflow named
# (`uses: <smartplan repository>@<ref>`), into a virtual environment of its own; later steps
# find it on PATH. The region's own Python packages are left alone.
set -euo pipefail

venv="${RUNNER_TEMP:?}/smartplan-venv"
"${SMARTPLAN_PYTHON:-python3}" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${GITHUB_ACTION_PATH:?}"
echo "$venv/bin" >>"${GITHUB_PATH:?}"
"$venv/bin/smartplan" --version
