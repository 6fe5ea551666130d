"""The GitHub Action (action.yml), run step by step as the runner runs a composite action.

Each `run:` of action.yml goes through `bash --noprofile --norc -eo pipefail` (what `shell: bash`
means) with its `${{ }}` expressions filled from the inputs (the action's defaults, then the
workflow's `with:`), the runner's variables set as GitHub sets them (GITHUB_EVENT_NAME,
GITHUB_SHA, GITHUB_BASE_REF, GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_PATH,
RUNNER_TEMP, GITHUB_API_URL …) in a region's throwaway repository with two commits. The install
step really installs smartplan from this checkout (`github.action_path`) into a fresh virtual
environment, once for the module; the pull-request comment goes to a fake GitHub REST API on
127.0.0.1 (no network).
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from forge import TYPO_LINE, Region, environment, git, make_region, workflow_commands

pytestmark = pytest.mark.slow

ACTION = ROOT / "action.yml"
REPOSITORY = "diskominfo-pangkalpinang/masterplan"
NUMBER = 7
TOKEN = "ghs_test-token-of-the-workflow"
MARKER = "<!-- smartplan-review -->"
# the account of the workflow's token, as the API names it: GraphQL `viewer`, REST `user`
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
DOCUMENTED_INPUTS = {"paths", "stage", "fail-on", "lang", "comment", "token"}


def action() -> dict[str, Any]:
    loaded = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


# --- a fake GitHub REST API ---------------------------------------------------------------------


@dataclass
class FakeGitHub:
    """Issue comments of one pull request, as the REST API serves them, and the GraphQL
    `viewer` of the token; every request kept."""

    comments: list[dict[str, Any]] = field(default_factory=list)
    requests: list[tuple[str, str, str, str]] = field(default_factory=list)  # method, path, auth, body
    refuse: bool = False  # answer writes with 403, as for a read-only token
    anonymous: bool = False  # answer the viewer query with an error
    url: str = ""

    def ours(self) -> list[dict[str, Any]]:
        """The comments the token's account wrote that carry the marker."""
        return [
            c
            for c in self.comments
            if c["user"]["id"] == BOT["id"] and c["body"].startswith(MARKER)
        ]


def serve(api: FakeGitHub) -> http.server.ThreadingHTTPServer:
    comments_path = f"/repos/{REPOSITORY}/issues/{NUMBER}/comments"
    one_comment = re.compile(rf"/repos/{re.escape(REPOSITORY)}/issues/comments/(\d+)")

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def answer(self, status: int, body: object) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle_any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            auth = self.headers.get("Authorization", "")
            api.requests.append((self.command, self.path, auth, body))
            if auth != f"Bearer {TOKEN}":
                return self.answer(401, {"message": "Bad credentials"})
            url = urllib.parse.urlsplit(self.path)
            if self.command == "POST" and url.path == "/graphql":
                assert "viewer" in json.loads(body)["query"]
                if api.anonymous:
                    return self.answer(200, {"errors": [{"message": "Something went wrong"}]})
                viewer = {"login": BOT["login"], "databaseId": BOT["id"]}
                return self.answer(200, {"data": {"viewer": viewer}})
            if self.command == "GET" and url.path == comments_path:
                query = urllib.parse.parse_qs(url.query)
                size, page = int(query["per_page"][0]), int(query["page"][0])
                return self.answer(200, api.comments[(page - 1) * size : page * size])
            if api.refuse:
                return self.answer(403, {"message": "Resource not accessible by integration"})
            if self.command == "POST" and url.path == comments_path:
                comment = {
                    "id": 1000 + len(api.comments),
                    "body": json.loads(body)["body"],
                    "user": dict(BOT),
                }
                api.comments.append(comment)
                return self.answer(201, comment)
            found = one_comment.fullmatch(url.path)
            if self.command == "PATCH" and found:
                for comment in api.comments:
                    if comment["id"] == int(found.group(1)):
                        comment["body"] = json.loads(body)["body"]
                        return self.answer(200, comment)
            return self.answer(404, {"message": "Not Found"})

        do_GET = do_POST = do_PATCH = handle_any

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def github() -> Iterator[FakeGitHub]:
    # 120 comments of people first: the smartplan comment lands on the second page
    api = FakeGitHub(
        [
            {"id": n, "body": f"komentar {n}", "user": {"login": "mentor", "id": 7, "type": "User"}}
            for n in range(1, 121)
        ]
    )
    server = serve(api)
    yield api
    server.shutdown()
    server.server_close()


# --- the runner ---------------------------------------------------------------------------------


@dataclass
class Step:
    name: str
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Run:
    steps: list[Step]
    summary: str
    failed: str | None  # the step that failed the action, if one did

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The install step of action.yml, run for real once: the folder it adds to PATH."""
    temp = tmp_path_factory.mktemp("runner")
    env = environment(temp)
    path_file = temp / "path"
    path_file.touch()
    step = next(s for s in action()["runs"]["steps"] if s["name"] == "Install smartplan")
    script = fill(step["run"], {"github.action_path": str(ROOT)})
    env.update(RUNNER_TEMP=str(temp), GITHUB_PATH=str(path_file), GITHUB_ACTION_PATH=str(ROOT))
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith("smartplan ")
    added = path_file.read_text().split()
    assert added == [str(temp / "smartplan-venv" / "bin")]
    return Path(added[0])


def fill(text: str, values: dict[str, str]) -> str:
    """Replace every `${{ expression }}`; an expression the test does not know fails it."""
    return EXPRESSION.sub(lambda m: values[m.group(1)], text)


def run_action(
    region: Region,
    work: Path,
    installed: Path,
    *,
    event: str = "pull_request",
    inputs: dict[str, str] | None = None,
    api: FakeGitHub | None = None,
    sha: str | None = None,
) -> Run:
    """Every step after the install, in order, until one fails (as a composite action does)."""
    declared = action()
    values = {f"inputs.{k}": str(v.get("default", "")) for k, v in declared["inputs"].items()}
    values["inputs.token"] = TOKEN  # what the default `${{ github.token }}` gives the action
    values.update({f"inputs.{k}": v for k, v in (inputs or {}).items()})
    values["github.action_path"] = str(ROOT)
    work.mkdir(parents=True, exist_ok=True)
    summary = work / "step_summary.md"
    summary.touch()
    event_file = work / "event.json"
    head = sha or region.head
    pull = {"number": NUMBER, "base": {"sha": region.base, "ref": "main"}, "head": {"sha": head}}
    event_file.write_text(json.dumps({"number": NUMBER, "pull_request": pull}))
    env = environment(work)
    env.update(
        PATH=f"{installed}:{env['PATH']}",
        CI="true",
        GITHUB_ACTIONS="true",
        GITHUB_EVENT_NAME=event,
        GITHUB_EVENT_PATH=str(event_file),
        GITHUB_SHA=head,
        GITHUB_REF=f"refs/pull/{NUMBER}/merge" if event == "pull_request" else "refs/heads/feature",
        GITHUB_BASE_REF="main" if event == "pull_request" else "",
        GITHUB_HEAD_REF="feature" if event == "pull_request" else "",
        GITHUB_REPOSITORY=REPOSITORY,
        GITHUB_WORKSPACE=str(region.root),
        GITHUB_API_URL=api.url if api else "http://127.0.0.1:9",
        GITHUB_GRAPHQL_URL=f"{api.url if api else 'http://127.0.0.1:9'}/graphql",
        GITHUB_STEP_SUMMARY=str(summary),
        GITHUB_ACTION_PATH=str(ROOT),
        RUNNER_TEMP=str(work),
    )
    steps: list[Step] = []
    failed = None
    for number, step in enumerate(declared["runs"]["steps"]):
        if step["name"] == "Install smartplan":
            continue  # run once for real by the `installed` fixture
        assert step["shell"] == "bash"
        output = work / f"output-{number}"
        output.write_text("")
        step_env = {**env, **{k: fill(str(v), values) for k, v in step.get("env", {}).items()}}
        step_env["GITHUB_OUTPUT"] = str(output)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", fill(step["run"], values)],
            cwd=region.root, env=step_env, capture_output=True, text=True, timeout=300,
            check=False,
        )  # fmt: skip
        steps.append(Step(step["name"], done.returncode, done.stdout, done.stderr))
        for line in output.read_text().splitlines():
            key, _, value = line.partition("=")
            values[f"steps.{step.get('id')}.outputs.{key}"] = value
        if done.returncode != 0:
            failed = step["name"]
            break
    return Run(steps, summary.read_text(encoding="utf-8"), failed)


@pytest.fixture
def region(tmp_path: Path) -> Region:
    return make_region(tmp_path / "region", environment(tmp_path))


# --- action.yml as a document -------------------------------------------------------------------


def test_action_declares_the_documented_inputs() -> None:
    declared = action()
    assert declared["runs"]["using"] == "composite"
    assert set(declared["inputs"]) == DOCUMENTED_INPUTS
    assert all(spec.get("description") for spec in declared["inputs"].values())
    assert declared["inputs"]["fail-on"]["default"] == "error"
    assert declared["inputs"]["lang"]["default"] == "id"
    assert declared["inputs"]["comment"]["default"] == "true"
    install = declared["runs"]["steps"][0]
    assert "${{ github.action_path }}" in install["run"]  # smartplan at the action's own ref
    for step in declared["runs"]["steps"]:
        # inputs reach the shell as variables, never pasted into the script (injection)
        assert "inputs." not in step["run"]
        scripts = re.findall(r"ci/github/[\w.-]+\.sh", step["run"])
        assert all((ROOT / script).is_file() for script in scripts)


# --- the action run -----------------------------------------------------------------------------


def test_pull_request_annotations_summary_and_one_updated_comment(
    region: Region, tmp_path: Path, installed: Path, github: FakeGitHub
) -> None:
    first = run_action(region, tmp_path / "run1", installed, api=github)
    validate = first.step("Validate the masterplans")
    assert validate.returncode == 0  # the findings fail the job at the end, after the review
    assert (
        f"::error file=masterplan.yaml,line={TYPO_LINE},col=11,title=unknown-reference::"
        in validate.stdout
    )
    assert "::group::" in validate.stdout
    assert first.failed == "Result"
    assert first.step("Result").returncode == 1
    review = first.step("Stage review of the pull request")
    assert review.returncode == 0, review.stderr
    # no stage tag in the repository: the base and head commits are the sides
    assert first.summary.startswith(MARKER)
    assert f"`{region.base[:12]}` → `{region.head[:12]}`" in first.summary
    assert "Tinjauan perubahan masterplan" in first.summary
    assert "`ECO-04`" in first.summary  # a programme added at stage 3
    assert [c["body"] for c in github.ours()] == [first.summary]
    methods = [(method, path.split("?")[0].rsplit("/", 2)[-2:]) for method, path, *_ in github.requests]
    # who the token is, two pages of 100, then the new one
    assert [m for m, _ in methods] == ["POST", "GET", "GET", "POST"]
    assert {auth for _, _, auth, _ in github.requests} == {f"Bearer {TOKEN}"}
    assert TOKEN not in review.stdout + review.stderr

    github.requests.clear()
    second = run_action(region, tmp_path / "run2", installed, api=github)
    assert len(github.ours()) == 1  # updated, not repeated
    assert github.ours()[0]["body"] == second.summary
    assert [method for method, *_ in github.requests] == ["POST", "GET", "GET", "PATCH"]
    assert len(github.comments) == 121


def test_push_validates_without_review_or_comment(
    region: Region, tmp_path: Path, installed: Path, github: FakeGitHub
) -> None:
    run = run_action(region, tmp_path / "run", installed, event="push", api=github)
    assert run.failed == "Result"
    assert "title=unknown-reference" in run.step("Validate the masterplans").stdout
    assert "runs on pull requests" in run.step("Stage review of the pull request").stdout
    assert run.summary == ""
    assert github.requests == []


def test_a_clean_plan_passes(region: Region, tmp_path: Path, installed: Path) -> None:
    git(region.root, "checkout", "--quiet", region.base, env=environment(tmp_path))
    run = run_action(
        region, tmp_path / "run", installed, event="push", sha=region.base,
        inputs={"paths": "masterplan.yaml", "stage": "2", "fail-on": "warning"},
    )  # fmt: skip
    assert run.failed is None
    assert run.step("Validate the masterplans").stdout == ""


def test_comment_off_or_no_token_leaves_the_summary_only(
    region: Region, tmp_path: Path, installed: Path, github: FakeGitHub
) -> None:
    off = run_action(region, tmp_path / "off", installed, api=github, inputs={"comment": "false"})
    assert "`ECO-04`" in off.summary
    no_token = run_action(region, tmp_path / "none", installed, api=github, inputs={"token": ""})
    assert "`ECO-04`" in no_token.summary
    assert "no token" in no_token.step("Stage review of the pull request").stdout
    assert github.requests == []


def test_refused_comment_warns_and_does_not_fail_the_review(
    region: Region, tmp_path: Path, installed: Path, github: FakeGitHub
) -> None:
    github.refuse = True
    run = run_action(region, tmp_path / "run", installed, api=github)
    review = run.step("Stage review of the pull request")
    assert review.returncode == 0
    assert "::warning title=smartplan::the review could not be written" in review.stdout
    assert "HTTP 403" in review.stderr
    assert run.failed == "Result"  # the findings, not the comment
    assert "`ECO-04`" in run.summary


def test_named_plan_in_english_from_a_shallow_clone(
    region: Region, tmp_path: Path, installed: Path
) -> None:
    """actions/checkout fetches one commit: the base is fetched from origin by its sha."""
    env = environment(tmp_path)
    clone = tmp_path / "clone"
    source = f"file://{region.root}"
    subprocess.run(
        ["git", "clone", "--quiet", "--depth=1", "--branch=feature", source, str(clone)],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    shallow = Region(clone, region.base, region.head)
    assert subprocess.run(
        ["git", "-C", str(clone), "cat-file", "-e", f"{region.base}^{{commit}}"],
        env=env, capture_output=True, check=False,
    ).returncode != 0  # fmt: skip
    run = run_action(
        shallow, tmp_path / "run", installed, inputs={"paths": "masterplan.yaml", "lang": "en",
                                                      "comment": "false"},
    )  # fmt: skip
    assert "Masterplan review" in run.summary, run.step("Stage review of the pull request")
    assert f"`{region.base[:12]}:./masterplan.yaml`" in run.summary
    assert "`ECO-04`" in run.summary


def test_a_plan_new_in_the_pull_request_is_a_note_not_a_failure(
    region: Region, tmp_path: Path, installed: Path
) -> None:
    env = environment(tmp_path)
    (region.root / "kab-bangka-selatan").mkdir()
    git(region.root, "mv", "masterplan.yaml", "kab-bangka-selatan/masterplan.yaml", env=env)
    git(region.root, "commit", "--quiet", "-m", "pindah", env=env)
    head = git(region.root, "rev-parse", "HEAD", env=env)
    run = run_action(
        region, tmp_path / "run", installed, sha=head,
        inputs={"paths": "kab-bangka-selatan/masterplan.yaml", "comment": "false"},
    )  # fmt: skip
    assert run.step("Stage review of the pull request").returncode == 0
    assert "smartplan tidak dapat membandingkan" in run.summary  # the review's language
    assert "tidak dapat dibaca" in run.summary


def test_a_marker_comment_of_someone_else_is_never_edited(
    region: Region, tmp_path: Path, installed: Path, github: FakeGitHub
) -> None:
    """The marker is text anyone can type: the pull request's author (or another bot) posting
    it first must not have the review written into their comment, where they could edit it."""
    planted = [
        {"id": 5, "body": f"{MARKER}\nsemua beres", "user": {"login": "pengusul", "id": 99, "type": "User"}},
        {"id": 6, "body": f"{MARKER}\nbot lain", "user": {"login": "other[bot]", "id": 98, "type": "Bot"}},
    ]  # fmt: skip
    github.comments[4:6] = [dict(c, user=dict(c["user"])) for c in planted]
    first = run_action(region, tmp_path / "run1", installed, api=github)
    assert first.step("Stage review of the pull request").returncode == 0
    second = run_action(region, tmp_path / "run2", installed, api=github)
    assert github.comments[4:6] == planted  # neither edited
    patched = [path for method, path, *_ in github.requests if method == "PATCH"]
    assert not [path for path in patched if path.endswith(("/5", "/6"))]
    assert [c["body"] for c in github.ours()] == [second.summary]  # ours: written, then updated
    assert [m for m, *_ in github.requests].count("PATCH") == 1


def test_a_token_of_unknown_identity_only_writes_new_comments(
    region: Region, tmp_path: Path, installed: Path, github: FakeGitHub
) -> None:
    github.anonymous = True
    github.comments.append({"id": 500, "body": f"{MARKER}\nlama", "user": dict(BOT)})
    run = run_action(region, tmp_path / "run", installed, api=github)
    review = run.step("Stage review of the pull request")
    assert review.returncode == 0
    assert "cannot tell which account the token belongs to" in review.stderr
    assert [m for m, *_ in github.requests] == ["POST", "POST"]  # the query, the new comment
    assert github.comments[-2]["body"] == f"{MARKER}\nlama"


def test_plan_text_in_the_log_runs_no_workflow_command(
    region: Region, tmp_path: Path, installed: Path
) -> None:
    """A pull request's plan in a folder named `::add-mask::rahasia`, with a lead that is the
    older form of `set-output` (which would make the last step see `status=0` and pass): the
    validate step's log runs only the action's own commands, and the job still fails."""
    env = environment(tmp_path)
    folder = region.root / "::add-mask::rahasia"
    folder.mkdir()
    text = (region.root / "masterplan.yaml").read_text(encoding="utf-8")
    hostile = text.replace("lead: diskominfo", 'lead: "##[set-output name=status;]0"', 1)
    (folder / "masterplan.yaml").write_text(hostile, encoding="utf-8")
    git(region.root, "add", ".", env=env)
    git(region.root, "commit", "--quiet", "-m", "usulan", env=env)
    head = git(region.root, "rev-parse", "HEAD", env=env)
    run = run_action(
        region, tmp_path / "run", installed, event="push", sha=head, inputs={"paths": "."}
    )
    validate = run.step("Validate the masterplans")
    log = validate.stdout + validate.stderr
    assert "set-output name=status;]0" in log and "add-mask::rahasia" in log  # shown, inert
    ran = workflow_commands(validate.stdout)
    token = re.search(r"^::stop-commands::(smartplan-[0-9a-f]{32})$", validate.stdout, re.M)
    assert token is not None
    annotations = ran[: ran.index("group")]
    assert set(annotations) == {"error", "warning"} and len(annotations) >= 3
    assert ran[len(annotations) :] == ["group", "stop-commands", token.group(1), "endgroup"]
    assert workflow_commands(validate.stderr) == []
    assert run.failed == "Result"
    assert run.step("Result").returncode == 1
