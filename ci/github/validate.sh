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
  # The text quotes the plans (file names, values, source lines): smartplan escapes what the
  # runner would read as a workflow command, and on top of that the runner runs none until
  # this run's own unguessable token (stderr joined to stdout, so nothing arrives after it).
  token="smartplan-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  echo "::stop-commands::$token"
  smartplan validate ${paths[@]+"${paths[@]}"} "${args[@]}" --all 2>&1 || true
  echo "::$token::"
  echo "::endgroup::"
fi
echo "status=$status" >>"${GITHUB_OUTPUT:?}"
