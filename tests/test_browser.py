"""The checklists in a real browser: ticks that persist, reset, printing, "Read" links and
console errors. Headless Chromium (/usr/bin/chromium) driven by Playwright's sync API,
against the site built once per session and served on 127.0.0.1 (see sitebuild.py).

Without Chromium or Playwright these tests are skipped; with HANDBOOK_REQUIRE_BROWSER=1
(as in CI) they fail instead.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import uuid
from pathlib import Path
from typing import Any

import pytest

pytest.register_assert_rewrite("sitebuild", "browsing")  # before the imports below, which pytest_plugins reuses

from browsing import PROGRESS, open_page, unavailable, wait_for_checklist  # noqa: E402
from sitebuild import BuiltSite, normalise  # noqa: E402

with contextlib.suppress(ImportError):  # a missing Playwright is reported by the chromium fixture
    from playwright.sync_api import BrowserContext, Page, expect

pytest_plugins = ["sitebuild", "browsing"]

STORAGE_KEY = "networking-handbook:ticks:v1"
# Text of the theme's chrome that must not reach paper: the search box, the footer, the
# repository link in the header.
CHROME_TEXT = ("Search", "Made with", "networking-handbook/handbook")


@pytest.fixture(scope="module")
def poppler() -> None:
    missing = [tool for tool in ("pdfinfo", "pdftotext") if shutil.which(tool) is None]
    if missing:
        unavailable(f"{', '.join(missing)} (poppler-utils) is not installed")


# --- helpers ------------------------------------------------------------------------------


def stored_ticks(page: Page) -> dict[str, Any]:
    return page.evaluate(f"() => JSON.parse(localStorage.getItem({STORAGE_KEY!r}) || '{{}}')")


def box(page: Page, technique_id: str) -> Any:
    return page.locator(f'article input[type="checkbox"][data-technique="{technique_id}"]')


def chapter_ids(built_site: BuiltSite, slug: str) -> list[str]:
    """The distinct technique ids of a chapter, in techniques.json order."""
    return list(dict.fromkeys(technique["id"] for technique, _ in built_site.occurrences(slug)))


def all_ids(built_site: BuiltSite) -> list[str]:
    return [technique["id"] for technique in built_site.techniques["techniques"]]


def expect_ticked(page: Page, ticked: set[str]) -> None:
    """Exactly the boxes of ``ticked`` techniques are ticked on the page."""
    states = page.locator('article input[type="checkbox"][data-technique]').evaluate_all(
        "boxes => boxes.map(b => [b.dataset.technique, b.checked])"
    )
    assert states, f"{page.url}: no checkbox"
    wrong = [(technique, checked) for technique, checked in states if checked != (technique in ticked)]
    assert not wrong, f"{page.url}: boxes in the wrong state (technique, checked): {wrong}"


def mark_document(page: Page) -> str:
    """Mark the window (survives instant navigation, not a reload) and the content (does not
    survive either); returns the mark."""
    mark = uuid.uuid4().hex
    page.evaluate(
        "mark => { window.__handbookMark = mark; document.querySelector('article').dataset.handbookOld = mark; }", mark
    )
    return mark


def click_through(page: Page, locator: Any, target_url: str, mark: str) -> None:
    """Click a link and wait until Material's instant navigation has shown ``target_url``
    (site-relative, may have a #fragment), asserting there was no full page load."""
    locator.click()
    wait_for_instant_navigation(page, target_url, mark)


def wait_for_instant_navigation(page: Page, target_url: str, mark: str) -> None:
    """Wait until the page shows ``target_url`` with new content, in the window ``mark``ed
    before navigating (so without a full page load)."""
    page.wait_for_function(
        "([url, mark]) => location.href === url && document.querySelector('article') !== null"
        " && document.querySelector('article').dataset.handbookOld !== mark",
        arg=[_base(page) + target_url, mark],
    )
    mark_now = page.evaluate("() => window.__handbookMark")
    assert mark_now == mark, f"{target_url}: reached by a full page load, not by instant navigation"
    wait_for_checklist(page)


def _base(page: Page) -> str:
    match = re.match(r"^https?://[^/]+/", page.url)
    assert match, page.url
    return match.group(0)


def nav_link(page: Page, url: str) -> Any:
    """The primary navigation's link to ``url`` (site-relative), however its href is written."""
    links = page.locator(".md-nav--primary a.md-nav__link")
    index = links.evaluate_all("(links, url) => links.findIndex(link => link.href === url)", _base(page) + url)
    assert index >= 0, f"{page.url}: no navigation link to {url}"
    return links.nth(index)


# --- tests --------------------------------------------------------------------------------


def test_a_tick_persists_and_shows_on_the_whole_handbook_checklist(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    ids = chapter_ids(built_site, chapter["slug"])
    technique, occurrence = built_site.occurrences(chapter["slug"])[0]
    open_page(page, chapter["checklist_url"])
    expect(page.locator(PROGRESS)).to_have_text(f"0 of {len(ids)} done")
    target = box(page, technique["id"])
    here = [o for o in technique["occurrences"] if o["chapter"] == chapter["slug"]]
    expect(target).to_have_count(len(here))
    expect(target.first).to_have_accessible_name(re.compile("^" + re.escape(normalise(occurrence["label"]))))

    target.first.check()
    expect(page.locator(PROGRESS)).to_have_text(f"1 of {len(ids)} done")
    assert stored_ticks(page) == {technique["id"]: True}

    page.reload()
    wait_for_checklist(page)
    expect(target.first).to_be_checked()
    expect_ticked(page, {technique["id"]})
    expect(page.locator(PROGRESS)).to_have_text(f"1 of {len(ids)} done")

    open_page(page, built_site.techniques["checklist_url"])
    expect(box(page, technique["id"])).to_have_count(len(technique["occurrences"]))
    expect_ticked(page, {technique["id"]})
    expect(page.locator(PROGRESS).first).to_have_text(f"1 of {len(all_ids(built_site))} done")
    section = page.locator("section.handbook-checklist__chapter").filter(has=page.locator(f'[id="{chapter["slug"]}"]'))
    expect(section.locator(PROGRESS)).to_have_text(f"1 of {len(ids)} done")


def test_b_ticks_follow_instant_navigation(page: Page, built_site: BuiltSite) -> None:
    chapters = {chapter["slug"]: chapter for chapter in built_site.techniques["chapters"]}
    shared = next(
        (t for t in built_site.techniques["techniques"] if len({o["chapter"] for o in t["occurrences"]}) > 1), None
    )
    if shared is not None:
        slugs = list(dict.fromkeys(o["chapter"] for o in shared["occurrences"]))
        first, second = chapters[slugs[0]], chapters[slugs[1]]
    else:  # no technique in two chapters yet: only the whole-handbook checklist shares one
        first, second = built_site.techniques["chapters"][0], None
        shared = next(t for t in built_site.techniques["techniques"] if t["occurrences"][0]["chapter"] == first["slug"])
    first_total = len(chapter_ids(built_site, first["slug"]))
    open_page(page, first["checklist_url"])
    box(page, shared["id"]).first.check()
    expect(page.locator(PROGRESS)).to_have_text(f"1 of {first_total} done")
    mark = mark_document(page)

    if second is not None:
        second_total = len(chapter_ids(built_site, second["slug"]))
        click_through(page, nav_link(page, second["checklist_url"]), second["checklist_url"], mark)
        expect(box(page, shared["id"]).first).to_be_checked()
        expect_ticked(page, {shared["id"]})
        expect(page.locator(PROGRESS)).to_have_text(f"1 of {second_total} done")
        box(page, shared["id"]).first.uncheck()
        expect(page.locator(PROGRESS)).to_have_text(f"0 of {second_total} done")

        # Back to the first checklist, by history (popstate), still without a page load.
        page.evaluate("mark => document.querySelector('article').dataset.handbookOld = mark", mark)
        page.go_back()
        wait_for_instant_navigation(page, first["checklist_url"], mark)
        expect_ticked(page, set())
        expect(page.locator(PROGRESS)).to_have_text(f"0 of {first_total} done")
        box(page, shared["id"]).first.check()
        mark = mark_document(page)

    whole = built_site.techniques["checklist_url"]
    click_through(page, nav_link(page, whole), whole, mark)
    expect(box(page, shared["id"])).to_have_count(len(shared["occurrences"]))
    expect_ticked(page, {shared["id"]})
    expect(page.locator(PROGRESS).first).to_have_text(f"1 of {len(all_ids(built_site))} done")


def test_c_reset_clears_the_ticks_of_its_checklist_only(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    ids = chapter_ids(built_site, chapter["slug"])
    assert len(ids) >= 2, f"{chapter['slug']} needs two techniques for this test"
    elsewhere = next(t for t in all_ids(built_site) if t not in ids)  # a technique this checklist lacks
    other_chapter = next(
        c for c in built_site.techniques["chapters"] if elsewhere in chapter_ids(built_site, c["slug"])
    )
    open_page(page, other_chapter["checklist_url"])
    box(page, elsewhere).first.check()

    open_page(page, chapter["checklist_url"])
    box(page, ids[0]).first.check()
    box(page, ids[-1]).first.check()
    expect(page.locator(PROGRESS)).to_have_text(f"2 of {len(ids)} done")
    reset = page.locator("[data-handbook-reset]")
    expect(reset).to_be_visible()
    reset.click()
    expect(page.locator(PROGRESS)).to_have_text(f"0 of {len(ids)} done")
    expect_ticked(page, set())
    assert stored_ticks(page) == {elsewhere: True}, "reset must clear this checklist's ticks and only those"

    page.reload()
    wait_for_checklist(page)
    expect(page.locator(PROGRESS)).to_have_text(f"0 of {len(ids)} done")
    expect_ticked(page, set())
    open_page(page, other_chapter["checklist_url"])
    expect_ticked(page, {elsewhere})


def pdf_of(page: Page, url: str, folder: Path) -> tuple[int, list[str]]:
    """Print ``url`` to an A4 PDF: its page count (pdfinfo) and the text of each page (pdftotext)."""
    open_page(page, url)
    page.evaluate("() => document.fonts.ready.then(() => true)")
    file = folder / f"{url.strip('/').replace('/', '_') or 'home'}.pdf"
    page.pdf(path=str(file), format="A4")
    info = subprocess.run(["pdfinfo", str(file)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(file), "-"], capture_output=True, text=True, check=True
    ).stdout
    # pdftotext ends every page with a form feed.
    texts = [normalise(part) for part in text.split("\f")][:pages]
    assert len(texts) == pages, f"{url}: pdftotext gave {len(texts)} pages, pdfinfo {pages}"
    return pages, texts


def test_d_each_chapter_checklist_prints_on_one_page(
    page: Page, built_site: BuiltSite, poppler: None, tmp_path: Path
) -> None:
    for chapter in built_site.techniques["chapters"]:
        url = chapter["checklist_url"]
        pages, texts = pdf_of(page, url, tmp_path)
        assert pages == 1, f"{url} prints on {pages} A4 pages, not one"
        text = texts[0]
        occurrences = built_site.occurrences(chapter["slug"])
        missing = [o["label"] for _, o in occurrences if normalise(o["label"]) not in text]
        assert not missing, f"{url}: the printout lacks {missing}"
        content = " ".join(o["label"] + " " + o["text"] for _, o in occurrences) + " " + chapter["title"]
        chrome = [words for words in CHROME_TEXT if words not in content and words in text]
        assert not chrome, f"{url}: the printout shows the site's chrome: {chrome}\n{text}"


def test_d_whole_handbook_checklist_prints_every_item_unbroken(
    page: Page, built_site: BuiltSite, poppler: None, tmp_path: Path
) -> None:
    url = built_site.techniques["checklist_url"]
    pages, texts = pdf_of(page, url, tmp_path)
    everything = " ".join(texts)
    labels = {normalise(o["label"]) for t in built_site.techniques["techniques"] for o in t["occurrences"]}
    missing = sorted(label for label in labels if label not in everything)
    assert not missing, f"{url}: the printout lacks {missing}"
    chrome = [words for words in CHROME_TEXT if words in everything and not any(words in label for label in labels)]
    assert not chrome, f"{url}: the printout shows the site's chrome: {chrome}"

    # No item split across pages. Measuring item boxes under emulated print media is not
    # enough: the screen-width continuous layout is not where Chromium's paginator breaks
    # pages (break-inside: avoid moves items down), so the check reads the real PDF instead.
    # Each item prints as its label followed by its summary; an item that a page break cuts
    # has its text spread over two pages, so the whole "label summary" string is then on
    # neither. Every item's text must therefore be found whole, on one page, as many times
    # as the items hold it (counting items whose text contains another's, too).
    items = page.locator("article li.handbook-checklist__item").evaluate_all(
        "items => items.map(item => [item.querySelector('label strong').textContent,"
        " (item.querySelector('.handbook-checklist__summary') || {textContent: ''}).textContent])"
    )
    keys = [normalise(f"{label} {summary}") for label, summary in items]
    assert len(keys) == sum(len(t["occurrences"]) for t in built_site.techniques["techniques"])
    split = []
    for key in set(keys):
        wanted = sum(other.count(key) for other in keys)
        found = sum(text.count(key) for text in texts)
        if found < wanted:
            split.append(key)
    assert not split, f"{url}: {len(split)} items are split across the {pages} printed pages: {split}"


def test_e_read_link_lands_on_the_highlighted_technique(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    technique, occurrence = built_site.occurrences(chapter["slug"])[-1]  # far down the chapter
    anchor = occurrence["url"].partition("#")[2]
    open_page(page, chapter["checklist_url"])
    item = page.locator("article li.handbook-checklist__item").filter(
        has=page.locator(f'input[data-technique="{technique["id"]}"]')
    )
    read = item.get_by_role("link", name=re.compile("read it in the chapter"))
    expect(read).to_have_count(1)
    # Scroll to the link as a reader would, and let Material record the scroll offset in
    # history.state (it does so 100 ms after scrolling stops) before clicking. Playwright
    # otherwise scrolls and clicks within those 100 ms, and Material then stores the old
    # page's offset in the new history entry and restores it instead of going to the anchor.
    read.scroll_into_view_if_needed()
    page.wait_for_function("() => history.state !== null && history.state.y === window.scrollY")
    mark = mark_document(page)
    click_through(page, read, occurrence["url"], mark)

    def expect_highlighted_in_view(page: Page) -> None:
        element = page.locator(f'[id="{anchor}"]')
        expect(element).to_have_count(1)
        expect(element).to_be_visible()
        expect(element).to_be_in_viewport()
        expect(element).to_have_class(re.compile(r"\bhandbook-technique\b"))
        page.wait_for_function(
            "id => { const e = document.getElementById(id); return e.classList.contains('is-target') ||"
            " e.matches(':target'); }",
            arg=anchor,
        )
        # Not hidden under Material's fixed header.
        top, header = page.evaluate(
            "id => [document.getElementById(id).getBoundingClientRect().top,"
            " document.querySelector('.md-header').getBoundingClientRect().bottom]",
            anchor,
        )
        assert top >= header - 1, f"#{anchor} is under the header (top {top}, header bottom {header})"

    expect_highlighted_in_view(page)
    assert page.evaluate("() => window.scrollY") > 0, "the chapter page did not scroll to the technique"

    # The same URL opened directly, in a new tab (a reload would restore the scroll offset).
    direct = page.context.new_page()
    direct.goto(occurrence["url"])
    expect_highlighted_in_view(direct)


def test_f_no_console_errors(context: BrowserContext, built_site: BuiltSite, site_server: str) -> None:
    chapter = built_site.techniques["chapters"][0]
    urls = ["", chapter["url"], chapter["checklist_url"], built_site.techniques["checklist_url"]]
    problems: list[str] = []
    requested: list[str] = []
    pages = []
    for url in urls:  # load the pages side by side: each waits for the network to settle
        page = context.new_page()
        page.on("console", lambda m, url=url: m.type == "error" and problems.append(f"{url}: console.error: {m.text}"))
        page.on("pageerror", lambda e, url=url: problems.append(f"{url}: uncaught {e}"))
        page.on("requestfailed", lambda r, url=url: problems.append(f"{url}: request failed: {r.url} {r.failure}"))
        page.on("response", lambda r, url=url: r.status >= 400 and problems.append(f"{url}: HTTP {r.status} {r.url}"))
        page.on("request", lambda r: requested.append(r.url))
        response = page.goto(url, wait_until="commit")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        pages.append(page)
    for page in pages:
        page.wait_for_load_state("networkidle")  # the search worker and its index load late
        wait_for_checklist(page)
    assert not problems, "\n".join(problems)
    assert requested, "no request seen: the listener is broken"
    elsewhere = [r for r in requested if not r.startswith(site_server) and not r.startswith("data:")]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
