#!/usr/bin/env bash
# comment.sh NUMBER FILE: FILE (which starts with the smartplan marker) as the one smartplan
# comment of pull request NUMBER: the comment already carrying the marker is updated, else a
# new one is made. GitHub's REST API through curl; the token travels in curl's configuration
# on stdin, never on a command line.
set -euo pipefail

number="$1"
file="$2"
api="${GITHUB_API_URL:-https://api.github.com}"
repo="${GITHUB_REPOSITORY:?}"
marker="$(head -n 1 "$file")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

token="${INPUT_TOKEN:?}"
token="${token//\\/\\\\}"
token="${token//\"/\\\"}"

request() {  # request METHOD URL [BODY-FILE] -> prints the HTTP status; the body in $work/response
  local data=()
  if [ -n "${3:-}" ]; then data=(--data-binary "@$3" -H "Content-Type: application/json"); fi
  printf 'header = "Authorization: Bearer %s"\n' "$token" |
    curl --silent --show-error --config - --max-time 60 --request "$1" \
      -H "Accept: application/vnd.github+json" -H "X-GitHub-Api-Version: 2022-11-28" \
      ${data[@]+"${data[@]}"} --output "$work/response" --write-out '%{http_code}' "$2"
}

# The body as JSON, cut below GitHub's limit of 65,536 characters.
python3 - "$file" >"$work/body.json" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
LIMIT = 65000
if len(text) > LIMIT:
    text = text[:LIMIT] + "\n\n… (cut here: the whole review is in the job summary)\n"
print(json.dumps({"body": text}))
PY

# The marker comment: a bot's first (ours, with the workflow token), else anyone's.
existing=""
page=1
while [ "$page" -le 50 ]; do
  status="$(request GET "$api/repos/$repo/issues/$number/comments?per_page=100&page=$page")"
  if [ "$status" != 200 ]; then
    echo "smartplan: listing the comments of pull request #$number: HTTP $status" >&2
    cat "$work/response" >&2
    exit 1
  fi
  read -r existing count < <(python3 - "$marker" "$work/response" <<'PY'
import json, sys
marker, comments = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
ours = [c for c in comments if str(c.get("body") or "").startswith(marker)]
ours.sort(key=lambda c: (c.get("user") or {}).get("type") != "Bot")
print(ours[0]["id"] if ours else "-", len(comments))
PY
  )
  if [ "$existing" != "-" ] || [ "$count" -lt 100 ]; then break; fi
  page=$((page + 1))
done

if [ "$existing" != "-" ]; then
  status="$(request PATCH "$api/repos/$repo/issues/comments/$existing" "$work/body.json")"
  if [ "$status" = 200 ]; then
    echo "smartplan: updated the review comment on pull request #$number"
    exit 0
  fi
  echo "smartplan: cannot update comment $existing (HTTP $status): writing a new one" >&2
fi
status="$(request POST "$api/repos/$repo/issues/$number/comments" "$work/body.json")"
if [ "$status" != 201 ]; then
  echo "smartplan: commenting on pull request #$number: HTTP $status" >&2
  cat "$work/response" >&2
  exit 1
fi
echo "smartplan: wrote the review comment on pull request #$number"
