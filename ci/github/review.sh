#!/usr/bin/env bash
# On a pull request: the stage review (`smartplan diff --format md`) between the base and the
# head commit, written to the job summary and, when asked, to one pull-request comment. The
# two commits are the sides, so no stage tag is needed. It informs and never fails the job: a
# side that cannot be compared (a plan new in this pull request) becomes a note in the review.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
marker="<!-- smartplan-review -->"

if [ "${GITHUB_EVENT_NAME:-}" != "pull_request" ]; then
  echo "smartplan: the stage review runs on pull requests (this is ${GITHUB_EVENT_NAME:-no event})"
  exit 0
fi

commit() { git rev-parse --verify --quiet --end-of-options "$1^{commit}" 2>/dev/null; }

event_field() {  # a field of the pull request in the event file, e.g. `base sha`
  python3 - "$@" <<'PY' 2>/dev/null
import json, os, sys
value = json.load(open(os.environ["GITHUB_EVENT_PATH"], encoding="utf-8"))["pull_request"]
for key in sys.argv[1:]:
    value = value[key]
print(value)
PY
}

head="$(commit "${GITHUB_SHA:?}")"
base="${SMARTPLAN_BASE:-$(event_field base sha)}"
base_sha=""
for candidate in "$base" "origin/${GITHUB_BASE_REF:-}" "${GITHUB_BASE_REF:-}"; do
  if [ -n "$candidate" ] && base_sha="$(commit "$candidate")"; then
    break
  fi
done
if [ -z "$base_sha" ]; then  # a shallow checkout: fetch the base commit alone
  git fetch --quiet --no-tags --depth=1 origin "${base:-${GITHUB_BASE_REF:-}}" &&
    base_sha="$(commit FETCH_HEAD)"
fi
if [ -z "$head" ] || [ -z "$base_sha" ]; then
  echo "::warning title=smartplan::no stage review: cannot find the base (${base:-${GITHUB_BASE_REF:-}}) or head (${GITHUB_SHA}) commit"
  exit 0
fi
old="$(git rev-parse --short=12 "$base_sha")"
new="$(git rev-parse --short=12 "$head")"

set -f
# shellcheck disable=SC2206
given=(${INPUT_PATHS:-})
set +f
plans=()
for path in ${given[@]+"${given[@]}"}; do
  if [ -f "$path" ]; then plans+=("$path"); fi
done

out="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/smartplan-review.md"
part="$out.part"
errors="$out.err"
lang="${INPUT_LANG:-id}"
review() {  # review OLD NEW [HEADING]
  if [ -n "${3:-}" ]; then printf '\n### %s\n\n' "$3" >>"$out"; fi
  if smartplan diff "$1" "$2" --format md --lang "$lang" -o "$part" 2>"$errors"; then
    cat "$part" >>"$out"
  else
    if [ "$lang" = en ]; then
      echo "smartplan could not compare \`$1\` with \`$2\`:" >>"$out"
    else
      echo "smartplan tidak dapat membandingkan \`$1\` dengan \`$2\`:" >>"$out"
    fi
    { echo; echo '```'; cat "$errors"; echo '```'; } >>"$out"
  fi
  rm -f "$part" "$errors"
}

printf '%s\n' "$marker" >"$out"
if [ "${#plans[@]}" -eq 0 ]; then
  review "$old" "$new"
else
  for plan in "${plans[@]}"; do
    heading=""
    if [ "${#plans[@]}" -gt 1 ]; then heading="$plan"; fi
    review "$old:./$plan" "$new:./$plan" "$heading"
  done
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  cat "$out" >>"$GITHUB_STEP_SUMMARY"
fi
case "$(printf '%s' "${INPUT_COMMENT:-true}" | tr '[:upper:]' '[:lower:]')" in
  true | yes | on | 1)
    if [ -z "${INPUT_TOKEN:-}" ]; then
      echo "smartplan: no token: the review is in the job summary only"
    elif ! number="$(event_field number)" || [ -z "$number" ]; then
      echo "::warning title=smartplan::no pull request number in the event: no comment"
    else
      bash "$here/comment.sh" "$number" "$out" ||
        echo "::warning title=smartplan::the review could not be written as a pull-request comment (see the log above); it is in the job summary"
    fi
    ;;
esac
exit 0
