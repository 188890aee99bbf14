"""``handbook review BASE_REF``: the report a pull request gets as a comment, and the
annotations of ``handbook check --format github``, run in a temporary git repository
holding a copy of the project and one "pull request" commit."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from handbook import pipeline, report
from handbook.model import NearMiss
from sitebuild import copy_project

NEW_CHAPTER = "chapters/06-meeting-people-at-events.md"
SLUG = "meeting-people-at-events"
CHAPTER = """\
---
title: Meeting People at Events
description: How to meet people at events and keep in touch with them afterwards.
---

Events are where most professional relationships start.

## Techniques

- **Attend industry events:** Attend industry events such as conferences and meetups to meet people in your field.
- **Use professional social media:** Use professional social media such as LinkedIn to stay in touch.
- **Host a podcast:** Host a podcast and invite the people you meet as guests.

For the long run, see [the chapter on mentors](99-mentors.md).
"""
LINK_LINE = CHAPTER.splitlines().index("For the long run, see [the chapter on mentors](99-mentors.md).") + 1
REMOVED = "- **Volunteer:**"  # a technique only chapter 02 states
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"]


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook.cli", *arguments], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose last commit adds a chapter (repeating "Attend industry events",
    nearly repeating "Use social media", adding "Host a podcast") and removes "Volunteer"."""
    project = copy_project(tmp_path_factory.mktemp("review") / "project")
    strategies = next((project / "chapters").glob("03-*.md"))  # a problem the pull request does not touch
    strategies.write_text(strategies.read_text(encoding="utf-8") + "\nSee [elsewhere](98-gone.md).\n", encoding="utf-8")
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*GIT, "add", "."], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "base"], cwd=project, check=True)
    (project / NEW_CHAPTER).write_text(CHAPTER, encoding="utf-8")
    network = next((project / "chapters").glob("02-*.md"))
    lines = network.read_text(encoding="utf-8").splitlines(keepends=True)
    assert sum(line.startswith(REMOVED) for line in lines) == 1
    network.write_text("".join(line for line in lines if not line.startswith(REMOVED)), encoding="utf-8")
    subprocess.run([*GIT, "add", "."], cwd=project, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Add a chapter on events"], cwd=project, check=True)
    return project


@pytest.fixture(scope="module")
def review(pull_request: Path) -> str:
    result = run_cli("review", "HEAD~1", cwd=pull_request)
    assert result.returncode == 0, result.stderr
    return result.stdout


def section(text: str, title: str) -> str:
    """The lines under the ``### title`` heading, up to the next heading."""
    return text.split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]


def test_the_new_technique_is_new_to_the_handbook(review: str) -> None:
    added = section(review, "Techniques added")
    [line] = [line for line in added.splitlines() if "**Host a podcast**" in line]
    assert f"`{SLUG}#t-host-a-podcast`" in line and "is new to the handbook" in line


def test_the_repeated_technique_joins_its_entry_with_its_chapters(review: str) -> None:
    added = section(review, "Techniques added")
    [line] = [line for line in added.splitlines() if f"`{SLUG}#t-attend-industry-events`" in line]
    assert "joins the entry **Attend industry events** (`attend-industry-events`)" in line
    assert "“Techniques for Building and Maintaining a Strong Professional Network”" in line
    assert review.startswith("## Handbook review\n\nCompared with `HEAD~1`: 3 techniques added (2 new to the handbook")


def test_the_removed_technique_warns_that_ticks_would_be_dropped(review: str) -> None:
    ticks = section(review, "Readers' ticks")
    assert "ticks readers saved under them would be dropped" in ticks
    [line] = [line for line in ticks.splitlines() if line.startswith("- ")]
    assert line.startswith("- `volunteer` (**Volunteer**): removed, no chapter has it any more")


def test_only_the_changed_files_problems_are_listed(review: str) -> None:
    problems = section(review, "Problems in the changed files")
    listed = [line for line in problems.splitlines() if line.startswith("- ")]
    assert len(listed) == 1, "98-gone.md, in a chapter the pull request does not change, is not its problem"
    assert listed[0].startswith(f"- `{NEW_CHAPTER}:{LINK_LINE}: the link '99-mentors.md' leads nowhere")


def test_check_annotates_the_broken_link_with_file_and_line(pull_request: Path) -> None:
    result = run_cli("check", "--format", "github", cwd=pull_request)
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert len(annotations) == 2 and "98-gone.md" in annotations[0]  # every chapter is checked
    assert annotations[1].startswith(
        f"::error file={NEW_CHAPTER},line={LINK_LINE}::the link '99-mentors.md' leads nowhere"
    )


def test_the_near_miss_comes_with_an_editorial_rule(review: str) -> None:
    if "near_misses" not in {field.name for field in dataclasses.fields(pipeline.Handbook)}:
        pytest.skip("pipeline.Handbook has no near_misses yet (the index's near-miss tier): lead to wire it")
    misses = section(review, "Near misses")
    assert "**Use social media** (`use-social-media`)" in misses
    assert "  ```yaml\n  merge:\n    - [" in misses
    [rule] = [line for line in misses.splitlines() if line.startswith("    - [")]
    assert f"{SLUG}#t-use-professional-social-media" in rule
    assert "#t-use-social-media" in rule


def test_a_near_miss_is_shown_with_a_rule_to_paste(pull_request: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """How the review shows a near miss of the index, whatever finds it: its two entries and
    a ``merge`` rule that is valid YAML for editorial.yml (the near miss is given here)."""
    load = pipeline.load
    shown: list[NearMiss] = []

    def with_a_near_miss(docs_dir: Path, editorial_file: Path | None = None) -> pipeline.Handbook:
        handbook = load(docs_dir, editorial_file)
        by_id = {entry.id: entry for entry in handbook.entries}
        if "use-professional-social-media" in by_id:  # the working tree, not the base
            first, second = by_id["use-social-media"], by_id["use-professional-social-media"]
            miss = NearMiss(first.id, second.id, 0.75, first.occurrences[0].place, second.occurrences[0].place)
            shown.append(miss)
            monkeypatch.setattr(handbook, "near_misses", [miss], raising=False)
        return handbook

    monkeypatch.chdir(pull_request)
    monkeypatch.setattr(pipeline, "load", with_a_near_miss)
    misses = section(report.review("HEAD~1", Path("chapters"), Path("editorial.yml")), "Near misses")
    assert "- **Use social media** (`use-social-media`) and **Use professional social media**" in misses
    block = misses.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert yaml.safe_load(textwrap.dedent(block)) == {"merge": [[shown[0].first_place, shown[0].second_place]]}


def test_techniques_diff_still_reports_each_technique_added(pull_request: Path) -> None:
    result = run_cli("techniques", "--diff", "HEAD~1", cwd=pull_request)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"new     'Host a podcast' ({SLUG}#t-host-a-podcast)" in lines
    assert lines[-1] == "3 techniques added since HEAD~1: 2 new to the handbook, 1 already in it"


def test_an_unknown_base_is_an_error_for_people(pull_request: Path) -> None:
    result = run_cli("review", "no-such-branch", cwd=pull_request)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("handbook: error: git knows no commit 'no-such-branch'")
