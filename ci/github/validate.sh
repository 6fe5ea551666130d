#!/usr/bin/env bash
# `smartplan validate` as workflow annotations beside the lines of the pull request, then every
# finding as text in a folded log group. The exit code goes to the step output `status`: the
# review still runs when the plan has findings, and the last step fails the job with it.
set -uo pipefail

set -f  # PATHS is split on blanks and new lines, never expanded as a glob
# shellcheck disable=SC2206
paths=(${INPUT_PATHS:-})
set +f
args=(--fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_STAGE:-}" ]; then
  args+=(--stage "$INPUT_STAGE")
fi
export SMARTPLAN_LANG="${INPUT_LANG:-id}"

status=0
smartplan validate ${paths[@]+"${paths[@]}"} "${args[@]}" --format github || status=$?
if [ "$status" -ne 0 ]; then
  echo "::group::smartplan validate: every finding"
  smartplan validate ${paths[@]+"${paths[@]}"} "${args[@]}" --all || true
  echo "::endgroup::"
fi
echo "status=$status" >>"${GITHUB_OUTPUT:?}"
