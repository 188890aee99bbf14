"""The same handbook built by Zensical (``handbook build --engine zensical``): the same
pages, techniques, anchors, checklists and techniques.json as the MkDocs build, every page
with the Content-Security-Policy, no chapter markup live, and ticking and printing in
Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

pytest.register_assert_rewrite("sitebuild", "browsing")  # before the imports below, which pytest_plugins reuses

from browsing import PROGRESS, open_page, unavailable, wait_for_checklist  # noqa: E402
from sitebuild import BuiltSite, copy_project, serving, shell_leftovers, sitemap_urls  # noqa: E402
from test_contributing import HOSTILE, LiveMarkup  # noqa: E402

pytest_plugins = ["sitebuild", "browsing"]
pytest.importorskip("zensical", reason="pip install -e '.[test]' installs Zensical")


def handbook_build(project: Path, site: Path, *, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "handbook.cli", "build", "--engine", "zensical", "-d", str(site)]
    return subprocess.run(
        command + (["--strict"] if strict else []),
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical") / "project")
    result = handbook_build(project, project.parent / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project.parent / "site"


def ids_in(path: Path, pattern: str) -> list[str]:
    return re.findall(pattern, path.read_text(encoding="utf-8"))


def test_techniques_json_is_the_mkdocs_builds(zensical_site: Path, built_site: BuiltSite) -> None:
    assert (zensical_site / "techniques.json").read_bytes() == (built_site.site / "techniques.json").read_bytes()


def test_the_same_pages_with_the_same_anchors_and_checklists(zensical_site: Path, built_site: BuiltSite) -> None:
    for chapter in built_site.techniques["chapters"]:
        for url, pattern in (
            (chapter["url"], r'id="(t-[^"]+)"'),
            (chapter["checklist_url"], r'data-technique="([^"]+)"'),
        ):
            mkdocs_ids = ids_in(built_site.page_file(url), pattern)
            assert mkdocs_ids, url
            assert ids_in(zensical_site / url / "index.html", pattern) == mkdocs_ids, url
    for url in ("", "checklists/", "technique-index/"):
        assert (zensical_site / url / "index.html").is_file()


def test_the_same_site_map_and_no_shell_left(zensical_site: Path, built_site: BuiltSite) -> None:
    """Checklists, My plan and the index are put into shells both engines built: the same
    pages are listed, and nothing of the shells is left."""
    assert sorted(sitemap_urls(zensical_site)) == sorted(sitemap_urls(built_site.site))
    assert shell_leftovers(zensical_site) == []


def test_every_page_has_the_content_security_policy(zensical_site: Path) -> None:
    pages = sorted(zensical_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert 'http-equiv="Content-Security-Policy"' in page.read_text(encoding="utf-8"), page


def test_no_chapter_markup_is_live(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "chapters" / "06-safety.md").write_text(HOSTILE, encoding="utf-8")
    strict = handbook_build(project, tmp_path / "refused")
    assert strict.returncode != 0 and "06-safety.md:14: an HTML <script> element" in strict.stderr
    result = handbook_build(project, tmp_path / "site", strict=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "site" / "safety" / "index.html").is_file()
    for page in sorted((tmp_path / "site").rglob("*.html")):
        parser = LiveMarkup()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], f"{page}: {parser.found}"
    # Search results show the index's texts as HTML.
    for item in json.loads((tmp_path / "site" / "search.json").read_text(encoding="utf-8"))["items"]:
        parser = LiveMarkup()
        parser.feed(item["text"])
        assert parser.found == [], f"search.json, {item['location']}: {parser.found}"


def test_ticking_and_printing_work_in_chromium(zensical_site: Path, chromium: Any, tmp_path: Path) -> None:
    """On the Zensical site, under its policy: a tick is saved, survives a reload, shows on
    My plan, and the checklist prints on one page with the reader's progress."""
    if shutil.which("pdftotext") is None:
        unavailable("pdftotext is not installed")
    data = json.loads((zensical_site / "techniques.json").read_text(encoding="utf-8"))
    chapter = data["chapters"][0]
    with serving(zensical_site) as url:
        context = chromium.new_context(base_url=url)
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
            open_page(page, chapter["checklist_url"])
            first = page.locator("article input[data-technique]").first
            technique = first.get_attribute("data-technique")
            first.check()
            page.reload()
            wait_for_checklist(page)
            expect(first).to_be_checked()
            expect(page.locator(PROGRESS)).to_have_text(re.compile(r"^1 of \d+ techniques done$"))
            page.emulate_media(media="print")
            page.pdf(path=str(tmp_path / "checklist.pdf"), format="A4")
            printed = subprocess.run(
                ["pdftotext", str(tmp_path / "checklist.pdf"), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert printed.count("\f") == 1, "the checklist did not print on one page"
            assert chapter["title"].split()[0] in printed and "1 of " in printed
            open_page(page, data["checklist_url"])
            expect(page.locator(f'article input[data-technique="{technique}"]')).to_be_checked()
            assert errors == []
        finally:
            context.close()
