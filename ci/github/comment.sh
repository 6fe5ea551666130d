#!/usr/bin/env bash
# comment.sh NUMBER FILE: FILE (which starts with the smartplan marker) as the one smartplan
# comment of pull request NUMBER: the comment that the token's own account wrote and that
# carries the marker is updated, else a new one is made. Anyone can type the marker, so it
# alone never picks a comment: the pull request's author could post it first and have the
# review written into a comment of theirs. GitHub's API through curl; the token travels in
# curl's configuration on stdin, never on a command line.
set -euo pipefail

number="$1"
file="$2"
api="${GITHUB_API_URL:-https://api.github.com}"
graphql="${GITHUB_GRAPHQL_URL:-$api/graphql}"
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

# Who the token is: GraphQL's `viewer` answers for a personal token and for an app's
# installation token alike (the workflow's token is the app `github-actions[bot]`), where
# REST `GET /user` refuses installation tokens. Its databaseId is the `user.id` of the
# comments that account wrote.
printf '%s\n' '{"query": "query { viewer { login databaseId } }"}' >"$work/viewer.json"
status="$(request POST "$graphql" "$work/viewer.json")"
me="$(python3 - "$work/response" <<'PY' 2>/dev/null
import json, sys
viewer = json.load(open(sys.argv[1], encoding="utf-8"))["data"]["viewer"]
if isinstance(viewer["databaseId"], int) and viewer["login"]:
    print(viewer["databaseId"])
PY
)" || me=""
if [ "$status" != 200 ] || [ -z "$me" ]; then
  echo "smartplan: cannot tell which account the token belongs to (HTTP $status): writing a new comment" >&2
fi

# Our marker comment: the first one that this account wrote and that starts with the marker.
existing="-"
page=1
while [ -n "$me" ] && [ "$page" -le 50 ]; do
  status="$(request GET "$api/repos/$repo/issues/$number/comments?per_page=100&page=$page")"
  if [ "$status" != 200 ]; then
    echo "smartplan: listing the comments of pull request #$number: HTTP $status" >&2
    cat "$work/response" >&2
    exit 1
  fi
  read -r existing count < <(python3 - "$marker" "$me" "$work/response" <<'PY'
import json, sys
marker, me, comments = sys.argv[1], int(sys.argv[2]), json.load(open(sys.argv[3], encoding="utf-8"))
ours = [
    c for c in comments
    if (c.get("user") or {}).get("id") == me and str(c.get("body") or "").startswith(marker)
]
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
