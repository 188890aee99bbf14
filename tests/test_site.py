"""The built site, without a browser: the strict build, techniques.json, the checklist pages,
link integrity and local assets. The site is built once per session (see sitebuild.py)."""

from __future__ import annotations

import gzip
import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytest.register_assert_rewrite("sitebuild")  # before the import below, which pytest_plugins reuses

from sitebuild import (  # noqa: E402
    BuiltSite,
    ParsedPage,
    build_site,
    normalise,
    parse,
    resolve,
    shell_leftovers,
    sitemap_urls,
)

pytest_plugins = ["sitebuild"]

LOG_PROBLEM = re.compile(r"^\s*(WARNING|ERROR)\b")


@cache
def parsed(file: Path) -> ParsedPage:
    return parse(file)


def test_strict_build_passes_without_warnings(built_site: BuiltSite) -> None:
    problems = [line for line in built_site.output.splitlines() if LOG_PROBLEM.match(line)]
    assert not problems, "the build logged:\n" + "\n".join(problems)
    assert "Documentation built" in built_site.output, built_site.output
    assert (built_site.site / "index.html").is_file()


def test_techniques_json_has_the_documented_shape(built_site: BuiltSite) -> None:
    data = built_site.techniques
    assert {"chapters", "checklist_url", "index_url", "techniques"} <= set(data)
    assert isinstance(data["checklist_url"], str) and data["checklist_url"].endswith("/")
    assert isinstance(data["index_url"], str) and data["index_url"]  # the page itself may not exist yet
    assert built_site.page_file(data["checklist_url"]).is_file()

    assert data["chapters"], "no chapter in techniques.json"
    slugs = [chapter["slug"] for chapter in data["chapters"]]
    assert len(slugs) == len(set(slugs)), f"duplicate chapter slugs: {slugs}"
    for chapter in data["chapters"]:
        assert set(chapter) >= {"slug", "title", "url", "checklist_url"}, chapter
        assert all(isinstance(chapter[key], str) and chapter[key] for key in ("slug", "title", "url", "checklist_url"))
        for key in ("url", "checklist_url"):
            assert not chapter[key].startswith(("/", "http:", "https:")), f"{key} is not site-relative: {chapter}"
            assert built_site.page_file(chapter[key]).is_file(), f"{chapter['slug']}: no page at {chapter[key]}"

    assert data["techniques"], "no technique in techniques.json"
    ids = [technique["id"] for technique in data["techniques"]]
    assert len(ids) == len(set(ids)), f"duplicate technique ids: {[i for i, n in Counter(ids).items() if n > 1]}"
    places = Counter()
    for technique in data["techniques"]:
        assert set(technique) >= {"id", "title", "occurrences"}, technique
        assert isinstance(technique["id"], str) and technique["id"].strip() == technique["id"] != ""
        assert isinstance(technique["title"], str) and technique["title"].strip()
        assert technique["occurrences"], f"{technique['id']} has no occurrence"
        for occurrence in technique["occurrences"]:
            assert set(occurrence) >= {"chapter", "label", "text", "url"}, occurrence
            assert occurrence["chapter"] in slugs, occurrence
            assert isinstance(occurrence["label"], str) and occurrence["label"].strip(), occurrence
            assert isinstance(occurrence["text"], str), occurrence
            assert not occurrence["url"].startswith(("/", "http:", "https:")), occurrence
            places[occurrence["url"]] += 1
    assert not [url for url, n in places.items() if n > 1], "two occurrences share a place"


def test_every_occurrence_url_lands_on_its_technique(built_site: BuiltSite) -> None:
    chapter_urls = {chapter["slug"]: chapter["url"] for chapter in built_site.techniques["chapters"]}
    problems = []
    for technique in built_site.techniques["techniques"]:
        for occurrence in technique["occurrences"]:
            page, _, anchor = occurrence["url"].partition("#")
            if page != chapter_urls[occurrence["chapter"]] or not anchor:
                problems.append(f"{occurrence['url']}: not an anchor on the chapter page {occurrence['chapter']}")
                continue
            file = built_site.page_file(page)
            if not file.is_file():
                problems.append(f"{occurrence['url']}: no file {file.relative_to(built_site.site)}")
                continue
            element = parsed(file).elements.get(unquote(anchor))
            if element is None:
                problems.append(f"{occurrence['url']}: no element with id {anchor!r}")
            elif "handbook-technique" not in element[1]:
                problems.append(f"{occurrence['url']}: #{anchor} is a <{element[0]}> without class handbook-technique")
    assert not problems, "\n".join(problems)


def test_every_chapter_page_links_to_its_checklist(built_site: BuiltSite) -> None:
    for chapter in built_site.techniques["chapters"]:
        page = parsed(built_site.page_file(chapter["url"]))
        # Only links in the page's content count: the navigation links to every checklist.
        targets = {resolve(link.href, chapter["url"]).partition("#")[0] for link in page.links if link.in_content}
        assert chapter["checklist_url"] in targets, f"{chapter['url']} does not link to {chapter['checklist_url']}"


def _check_checklist(page: ParsedPage, where: str, expected: list[tuple[dict, dict]]) -> None:
    """``page`` has one labelled checkbox per (technique, occurrence) of ``expected``."""
    boxes = page.checkboxes
    found = Counter(box.get("data-technique") for box in boxes)
    wanted = Counter(technique["id"] for technique, _ in expected)
    assert found == wanted, (
        f"{where}: checkboxes differ from techniques.json; missing {wanted - found}, unexpected {found - wanted}"
    )
    box_ids = [box.get("id") for box in boxes]
    assert all(box_ids), f"{where}: a checkbox has no id, so no <label for> can name it"
    assert len(box_ids) == len(set(box_ids)), f"{where}: duplicate checkbox ids"
    names = {}
    for box in boxes:
        name = page.label_for.get(box["id"] or "", "")
        assert name, f"{where}: checkbox {box['id']} has no <label for> with text"
        names.setdefault(box["data-technique"], []).append(name)
    for technique, occurrence in expected:
        label = normalise(occurrence["label"])
        assert any(name.startswith(label) for name in names[technique["id"]]), (
            f"{where}: no checkbox for {technique['id']} is labelled {label!r}: {names[technique['id']]}"
        )


def test_each_chapter_checklist_has_a_labelled_checkbox_per_technique(built_site: BuiltSite) -> None:
    for chapter in built_site.techniques["chapters"]:
        expected = built_site.occurrences(chapter["slug"])
        assert expected, f"{chapter['slug']} has no technique"
        page = parsed(built_site.page_file(chapter["checklist_url"]))
        _check_checklist(page, chapter["checklist_url"], expected)


def test_generated_pages_have_their_own_title_description_and_address(built_site: BuiltSite) -> None:
    """Checklists are put into one shell the engine built: each has its chapter's title,
    description and address, and no shell's marker is left anywhere in the site."""
    for chapter in built_site.techniques["chapters"]:
        text = built_site.page_file(chapter["checklist_url"]).read_text(encoding="utf-8")
        title = html.escape(f"Checklist: {chapter['title']}")
        assert f"<title>{title} - " in text and f"<h1>{title}</h1>" in text, chapter["slug"]
        description = html.escape(f"A printable checklist of the techniques in {chapter['title']}.")
        assert f'<meta name="description" content="{description}">' in text, chapter["slug"]
        assert f'<link rel="canonical" href="{built_site.site_url}{chapter["checklist_url"]}">' in text
    assert shell_leftovers(built_site.site) == []


def test_the_sitemap_lists_every_page_once(built_site: BuiltSite) -> None:
    pages = {built_site.site_relative(file) for file in built_site.html_files()} - {"404.html"}
    urls = sitemap_urls(built_site.site)
    assert sorted(urls) == sorted(built_site.site_url + page for page in pages)
    compressed = gzip.decompress((built_site.site / "sitemap.xml.gz").read_bytes())
    assert compressed == (built_site.site / "sitemap.xml").read_bytes()


def test_my_plan_has_one_labelled_checkbox_per_entry_and_links_every_place(built_site: BuiltSite) -> None:
    """My plan (the whole-handbook checklist) lists each index entry once, named by its title,
    and links to every place a chapter states it."""
    url = built_site.techniques["checklist_url"]
    page = parsed(built_site.page_file(url))
    techniques = built_site.techniques["techniques"]
    found = Counter(box.get("data-technique") for box in page.checkboxes)
    assert found == Counter(t["id"] for t in techniques), f"{url}: not one checkbox per entry of techniques.json"
    names = {box["data-technique"]: page.label_for.get(box.get("id") or "", "") for box in page.checkboxes}
    unnamed = [t["id"] for t in techniques if names[t["id"]] != normalise(t["title"])]
    assert not unnamed, f"{url}: checkboxes not labelled with their entry's title: {unnamed}"
    linked = {resolve(link.href, url) for link in page.links if link.in_content}
    unlinked = [o["url"] for t in techniques for o in t["occurrences"] if o["url"] not in linked]
    assert not unlinked, f"{url}: no link to {unlinked}"


def _internal_targets(built_site: BuiltSite, file: Path) -> list[tuple[str, str]]:
    """(href as written, site-relative target) of every internal link and asset of ``file``."""
    page = parsed(file)
    page_url = built_site.site_relative(file)
    hrefs = [link.href for link in page.links] + page.link_hrefs + [url for tag, url in page.assets if tag != "link"]
    targets = []
    for href in hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:  # http(s):, mailto:, //host/...: not ours to check
            continue
        if href.startswith("/"):
            if not href.startswith(built_site.base_path):
                targets.append((href, f"<outside the site's base path {built_site.base_path}>"))
                continue
            targets.append((href, href[len(built_site.base_path) :]))
            continue
        try:
            targets.append((href, resolve(href, page_url)))
        except ValueError as error:
            targets.append((href, f"<{error}>"))
    return targets


def test_internal_links_and_anchors_resolve(built_site: BuiltSite) -> None:
    files = built_site.html_files()
    assert len(files) > len(built_site.techniques["chapters"]) * 2, files
    problems = []
    checked = 0
    for file in files:
        where = file.relative_to(built_site.site).as_posix()
        for href, target in _internal_targets(built_site, file):
            if target.startswith("<"):
                problems.append(f"{where}: {href} -> {target}")
                continue
            path, _, fragment = target.partition("#")
            if path.startswith("search/"):  # the search index is the search plugin's business
                continue
            checked += 1
            target_file = built_site.page_file(path)
            if not target_file.is_file():
                problems.append(f"{where}: {href} -> missing {path or '(site root)'}")
                continue
            fragment = unquote(fragment)
            if fragment and target_file.suffix == ".html" and fragment not in parsed(target_file).anchors:
                problems.append(f"{where}: {href} -> {path or '(site root)'} has no id {fragment!r}")
    assert checked > 100, f"only {checked} internal links found: is the parser broken?"
    assert not problems, f"{len(problems)} broken internal links:\n" + "\n".join(problems)


def test_home_page_lists_every_chapter(built_site: BuiltSite) -> None:
    home = parsed(built_site.site / "index.html")
    listed = {(resolve(link.href, ""), link.text) for link in home.links if link.in_content}
    for chapter in built_site.techniques["chapters"]:
        assert (chapter["url"], normalise(chapter["title"])) in listed, (
            f"the home page does not link to {chapter['title']!r} at {chapter['url']}"
        )


def test_techniques_json_is_reproducible(built_site: BuiltSite, tmp_path: Path) -> None:
    again = build_site(tmp_path / "again")
    first = (built_site.site / "techniques.json").read_bytes()
    second = (again.site / "techniques.json").read_bytes()
    assert first == second, "two builds of the same chapters gave different techniques.json"


def test_every_asset_is_local(built_site: BuiltSite) -> None:
    remote = []
    for file in built_site.html_files():
        for tag, url in parsed(file).assets:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                remote.append(f"{file.relative_to(built_site.site)}: <{tag}> {url}")
    assert not remote, "pages request third-party hosts:\n" + "\n".join(remote)
    # The check sees the assets it is about.
    assets = parsed(built_site.site / "index.html").assets
    assert any(tag == "script" for tag, _ in assets) and any(tag == "link" for tag, _ in assets), assets


def test_the_search_index_holds_chapters_not_what_the_site_generates(built_site: BuiltSite) -> None:
    """Checklists, My plan and the index repeat chapter text: out of the search, so a search
    lands on the chapter; so are the 'also in' notes and the checklist banner."""
    index = json.loads((built_site.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {document["location"].partition("#")[0] for document in index["docs"]}
    chapters = {chapter["url"] for chapter in built_site.techniques["chapters"]}
    assert chapters <= pages
    assert not {page for page in pages if page.startswith(("checklists/", "technique-index/"))}
    text = " ".join(document["text"] for document in index["docs"])
    assert "Also in" not in text and "printable checklist" not in text
