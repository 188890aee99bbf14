"""The checklists in a real browser: ticks that persist, ask before a reset and can be
undone, move between browsers (export and import, a share link) and survive a change of id;
My plan (one checkbox per technique); paper (A4 and Letter, blank or ticked, legible from the
dark scheme); chapter names; "Read" links and console errors. Headless Chromium
(/usr/bin/chromium) driven by Playwright's sync API, against the site built once per session
and served on 127.0.0.1 (see sitebuild.py).

Without Chromium or Playwright these tests are skipped; with HANDBOOK_REQUIRE_BROWSER=1
(as in CI) they fail instead.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import uuid
from collections.abc import Callable
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pytest

pytest.register_assert_rewrite("sitebuild", "browsing")  # before the imports below, which pytest_plugins reuses

from browsing import EFFECTIVE_COLOURS, PROGRESS, contrast, open_page, unavailable, wait_for_checklist  # noqa: E402
from sitebuild import BuiltSite, normalise, resolve  # noqa: E402

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


# --- more helpers -------------------------------------------------------------------------


def chapter_done(built_site: BuiltSite, slug: str, done: int) -> str:
    return f"{done} of {len(chapter_ids(built_site, slug))} techniques done"


def plan_done(built_site: BuiltSite, done: int) -> str:
    return f"{done} of {len(all_ids(built_site))} distinct techniques done"


def button(page: Page, name: str) -> Any:
    return page.get_by_role("button", name=name, exact=True)


def link_to(page: Page, scope: str, url: str) -> Any:
    """The link under ``scope`` to the site-relative ``url``, however its href is written."""
    links = page.locator(f"{scope} a[href]")
    index = links.evaluate_all("(links, url) => links.findIndex(link => link.href === url)", _base(page) + url)
    assert index >= 0, f"{page.url}: no link to {url} in {scope}"
    return links.nth(index)


def shared_technique(built_site: BuiltSite) -> dict[str, Any] | None:
    """A technique that more than one chapter states, if there is one."""
    return next(
        (t for t in built_site.techniques["techniques"] if len({o["chapter"] for o in t["occurrences"]}) > 1), None
    )


# --- ticks --------------------------------------------------------------------------------


def test_a_a_tick_persists_and_shows_on_my_plan(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    slug = chapter["slug"]
    technique, occurrence = built_site.occurrences(slug)[0]
    open_page(page, chapter["checklist_url"])
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 0))
    target = box(page, technique["id"])
    here = [o for o in technique["occurrences"] if o["chapter"] == slug]
    expect(target).to_have_count(len(here))
    expect(target.first).to_have_accessible_name(re.compile("^" + re.escape(normalise(occurrence["label"]))))

    target.first.check()
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 1))
    assert stored_ticks(page) == {technique["id"]: True}

    page.reload()
    wait_for_checklist(page)
    expect(target.first).to_be_checked()
    expect_ticked(page, {technique["id"]})
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 1))

    open_page(page, built_site.techniques["checklist_url"])
    expect(box(page, technique["id"])).to_have_count(1)  # My plan: once, however many chapters state it
    expect_ticked(page, {technique["id"]})
    expect(page.locator(PROGRESS)).to_have_text(plan_done(built_site, 1))


def test_b_ticks_follow_instant_navigation(page: Page, built_site: BuiltSite) -> None:
    chapters = {chapter["slug"]: chapter for chapter in built_site.techniques["chapters"]}
    shared = shared_technique(built_site)
    if shared is not None:
        slugs = list(dict.fromkeys(o["chapter"] for o in shared["occurrences"]))
        first, second = chapters[slugs[0]], chapters[slugs[1]]
    else:  # no technique in two chapters yet: only My plan shares one
        first, second = built_site.techniques["chapters"][0], None
        shared = next(t for t in built_site.techniques["techniques"] if t["occurrences"][0]["chapter"] == first["slug"])
    plan = built_site.techniques["checklist_url"]
    open_page(page, first["checklist_url"])
    box(page, shared["id"]).first.check()
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, first["slug"], 1))
    mark = mark_document(page)

    click_through(page, nav_link(page, plan), plan, mark)
    expect(box(page, shared["id"])).to_have_count(1)
    expect_ticked(page, {shared["id"]})
    expect(page.locator(PROGRESS)).to_have_text(plan_done(built_site, 1))

    if second is not None:  # My plan leads to every chapter's checklist
        click_through(
            page,
            link_to(page, "article .handbook-plan__chapters", second["checklist_url"]),
            second["checklist_url"],
            mark,
        )
        expect_ticked(page, {shared["id"]})
        expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, second["slug"], 1))
        box(page, shared["id"]).first.uncheck()
        expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, second["slug"], 0))

        # Back to the plan, by history (popstate), still without a page load.
        page.evaluate("mark => document.querySelector('article').dataset.handbookOld = mark", mark)
        page.go_back()
        wait_for_instant_navigation(page, plan, mark)
        expect_ticked(page, set())
        expect(page.locator(PROGRESS)).to_have_text(plan_done(built_site, 0))


def test_c_reset_asks_keeps_other_chapters_ticks_and_can_be_undone(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    slug = chapter["slug"]
    ids = chapter_ids(built_site, slug)
    assert len(ids) >= 2, f"{slug} needs two techniques for this test"
    elsewhere = next(t for t in all_ids(built_site) if t not in ids)  # a technique only other chapters hold
    other_chapter = next(
        c for c in built_site.techniques["chapters"] if elsewhere in chapter_ids(built_site, c["slug"])
    )
    open_page(page, other_chapter["checklist_url"])
    box(page, elsewhere).first.check()

    open_page(page, chapter["checklist_url"])
    box(page, ids[0]).first.check()
    box(page, ids[-1]).first.check()
    mine = {ids[0], ids[-1]}
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 2))
    reset = button(page, "Reset ticks")
    dialog = page.get_by_role("dialog", name="Reset ticks?")

    # It asks first; "Keep my ticks" and Escape change nothing.
    reset.click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("2 ticked techniques")
    expect(dialog).to_contain_text("1 other tick")
    expect(dialog.get_by_role("button", name="Keep my ticks")).to_be_focused()
    dialog.get_by_role("button", name="Keep my ticks").click()
    expect(dialog).to_be_hidden()
    reset.click()
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect_ticked(page, mine)
    assert stored_ticks(page) == dict.fromkeys(mine | {elsewhere}, True)

    # Confirmed: this checklist's ticks go, the other chapter's stay; Undo brings them back.
    reset.click()
    dialog.get_by_role("button", name="Untick them").click()
    expect(dialog).to_be_hidden()
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 0))
    expect_ticked(page, set())
    assert stored_ticks(page) == {elsewhere: True}, "reset must clear this checklist's ticks and only those"
    undo = button(page, "Undo")
    expect(undo).to_be_focused()
    undo.click()
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 2))
    expect_ticked(page, mine)
    assert stored_ticks(page) == dict.fromkeys(mine | {elsewhere}, True)
    expect(undo).to_be_hidden()

    # Reset for good: it lasts, and the other chapter keeps its tick.
    reset.click()
    dialog.get_by_role("button", name="Untick them").click()
    page.reload()
    wait_for_checklist(page)
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 0))
    expect_ticked(page, set())
    open_page(page, other_chapter["checklist_url"])
    expect_ticked(page, {elsewhere})


def test_plan_has_one_checkbox_per_entry_with_every_wording_on_demand(page: Page, built_site: BuiltSite) -> None:
    techniques = built_site.techniques["techniques"]
    titles = {chapter["slug"]: chapter["title"] for chapter in built_site.techniques["chapters"]}
    open_page(page, built_site.techniques["checklist_url"])
    boxes = page.locator('article input[type="checkbox"]').evaluate_all("boxes => boxes.map(b => b.dataset.technique)")
    assert sorted(boxes) == sorted(all_ids(built_site)), "My plan must have exactly one checkbox per index entry"
    expect(page.locator(PROGRESS)).to_have_text(plan_done(built_site, 0))

    items = page.locator("article li.handbook-plan__item").evaluate_all(
        """items => items.map(item => ({
            id: item.querySelector("input").dataset.technique,
            title: item.querySelector("label").textContent,
            open: item.querySelector("details").open,
            places: Array.from(item.querySelectorAll("details li")).map(li =>
                [li.querySelector("a").href, li.querySelector("a").textContent, li.textContent]),
        }))"""
    )
    by_id = {item["id"]: item for item in items}
    base = _base(page)
    for technique in techniques:
        item = by_id[technique["id"]]
        assert normalise(item["title"]) == normalise(technique["title"])
        assert not item["open"], f"{technique['id']}: the wordings show on demand, closed at first"
        wanted = [(base + o["url"], normalise(o["label"]), titles[o["chapter"]]) for o in technique["occurrences"]]
        got = [(href, normalise(label), normalise(text)) for href, label, text in item["places"]]
        assert [(h, lab) for h, lab, _ in got] == [(h, lab) for h, lab, _ in wanted], technique["id"]
        assert all(title in text for (_, _, text), (_, _, title) in zip(got, wanted, strict=True)), technique["id"]

    # On demand: opening one shows its chapters' wordings, each a link to its place.
    shared = shared_technique(built_site) or techniques[0]
    item = page.locator("article li.handbook-plan__item").filter(
        has=page.locator(f'input[data-technique="{shared["id"]}"]')
    )
    wording = item.get_by_role("link", name=normalise(shared["occurrences"][-1]["label"]), exact=True)
    expect(wording).to_be_hidden()
    item.locator("summary").click()
    expect(wording).to_be_visible()


def test_plan_filters_unticked_items(page: Page, built_site: BuiltSite) -> None:
    ids = all_ids(built_site)
    open_page(page, built_site.techniques["checklist_url"])
    ticked = {ids[0], ids[-1]}
    for technique_id in ticked:
        box(page, technique_id).check()
    items = page.locator("article li.handbook-plan__item")
    show = button(page, "Show unticked only")
    expect(show).to_have_attribute("aria-pressed", "false")
    show.click()
    expect(show).to_have_attribute("aria-pressed", "true")
    expect(items.filter(visible=True)).to_have_count(len(ids) - 2)
    for technique_id in ticked:
        expect(box(page, technique_id)).to_be_hidden()
    expect(page.get_by_role("status")).to_contain_text(f"Showing the {len(ids) - 2} unticked of {len(ids)}")
    page.emulate_media(media="print")  # paper has every item, whatever the filter
    expect(items.filter(visible=True)).to_have_count(len(ids))
    page.emulate_media(media="screen")
    show.click()
    expect(show).to_have_attribute("aria-pressed", "false")
    expect(items.filter(visible=True)).to_have_count(len(ids))


def test_exported_ticks_imported_into_a_fresh_browser(
    open_context: Callable[..., BrowserContext], built_site: BuiltSite, tmp_path: Path
) -> None:
    ids = all_ids(built_site)
    exported = set(ids[::3])
    page = open_context().new_page()
    open_page(page, built_site.techniques["checklist_url"])
    for technique_id in exported:
        box(page, technique_id).check()
    with page.expect_download() as download_info:
        button(page, "Export ticks").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".json")
    file = tmp_path / download.suggested_filename
    download.save_as(file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["format"] == "networking-handbook-ticks" and sorted(data["ticks"]) == sorted(exported)

    # Another browser, with a tick of its own: the import adds, it does not replace.
    fresh = open_context().new_page()
    chapter = built_site.techniques["chapters"][-1]
    own_tick = next(t for t in chapter_ids(built_site, chapter["slug"]) if t not in exported)
    open_page(fresh, chapter["checklist_url"])
    box(fresh, own_tick).first.check()
    fresh.get_by_label("Import ticks").set_input_files(file)
    expect(fresh.get_by_role("status")).to_contain_text(f"Imported {len(exported)} tick")
    expect_ticked(fresh, (exported | {own_tick}) & set(chapter_ids(built_site, chapter["slug"])))
    assert stored_ticks(fresh) == dict.fromkeys(exported | {own_tick}, True)
    open_page(fresh, built_site.techniques["checklist_url"])
    expect_ticked(fresh, exported | {own_tick})

    # A file that is not an export changes nothing, and says so.
    wrong = tmp_path / "notes.json"
    wrong.write_text('{"format": "something else", "ticks": ["x"]}', encoding="utf-8")
    fresh.get_by_label("Import ticks").set_input_files(wrong)
    expect(fresh.get_by_role("status")).to_contain_text("notes.json holds no ticks")
    assert stored_ticks(fresh) == dict.fromkeys(exported | {own_tick}, True)


def test_share_link_carries_the_ticks_in_its_fragment(
    open_context: Callable[..., BrowserContext], built_site: BuiltSite, site_server: str
) -> None:
    ids = all_ids(built_site)
    shared = {ids[1], ids[2]}
    page = open_context().new_page()
    open_page(page, built_site.techniques["checklist_url"])
    for technique_id in shared:
        box(page, technique_id).check()
    button(page, "Copy share link").click()
    field = page.get_by_role("textbox", name="Share link")
    expect(field).to_be_visible()
    link = field.input_value()
    assert link.startswith(site_server + built_site.techniques["checklist_url"] + "#ticks="), link

    fresh = open_context().new_page()
    requested: list[str] = []
    fresh.on("request", lambda request: requested.append(request.url))
    fresh.goto(link)
    dialog = fresh.get_by_role("dialog", name="Add shared ticks?")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Add ticks").click()
    expect(fresh.locator(PROGRESS)).to_have_text(plan_done(built_site, len(shared)))
    expect_ticked(fresh, shared)
    assert stored_ticks(fresh) == dict.fromkeys(shared, True)
    assert "#" not in fresh.url, "the ticks stay in the address bar after they were taken"
    assert not [url for url in requested if "ticks" in url], "the ticks reached the server"

    declined = open_context().new_page()
    declined.goto(link)
    declined.get_by_role("dialog", name="Add shared ticks?").get_by_role("button", name="Not now").click()
    expect(declined.locator(PROGRESS)).to_have_text(plan_done(built_site, 0))
    assert stored_ticks(declined) == {}


def test_a_tick_saved_under_an_old_id_shows_as_ticked(context: BrowserContext, built_site: BuiltSite) -> None:
    """An entry's old ids (techniques.json ``aliases``) reach its checkboxes as data-aliases;
    a tick saved under one is moved to the entry's id. The alias is given to the page by the
    test (the seed handbook has none yet); the template's part is checked below."""
    chapter = built_site.techniques["chapters"][0]
    technique_id = chapter_ids(built_site, chapter["slug"])[0]
    old_id = f"{technique_id}-as-first-worded"

    def with_alias(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace(
            f'data-technique="{technique_id}"', f'data-technique="{technique_id}" data-aliases="{old_id}"'
        )
        route.fulfill(response=response, body=body)

    context.route(f"**/{chapter['checklist_url']}", with_alias)
    page = context.new_page()
    open_page(page, "")
    page.evaluate(f"old => localStorage.setItem({STORAGE_KEY!r}, JSON.stringify({{[old]: true}}))", old_id)
    open_page(page, chapter["checklist_url"])
    expect(box(page, technique_id).first).to_be_checked()
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, chapter["slug"], 1))
    assert stored_ticks(page) == {technique_id: True}
    open_page(page, built_site.techniques["checklist_url"])
    expect_ticked(page, {technique_id})


def test_checkboxes_carry_their_entrys_old_ids(built_site: BuiltSite) -> None:
    """What the browser test above relies on: the templates put an entry's aliases on its boxes."""
    from handbook.render import Renderer

    renderer = Renderer(built_site.project / "templates")
    plan = {
        "techniques": [
            {"id": "new-id", "checkbox_id": "plan-new-id", "title": "T", "aliases": "old-a old-b", "chapter_count": 1,
             "places": [{"chapter_title": "C", "label": "L", "url": "c/#t"}]},
        ],
        "chapters": [{"title": "C", "checklist_url": "c/", "techniques": 1}],
        "occurrences": 1,
        "shared": 0,
    }  # fmt: skip
    assert 'data-technique="new-id" data-aliases="old-a old-b"' in renderer.plan(plan, "checklists/")
    chapter = {
        "slug": "c", "title": "C", "url": "../c/", "checklist_url": "./", "distinct": 1, "plan_url": "../",
        "techniques": [{"checkbox_id": "check-c-t", "technique_id": "new-id", "aliases": "old-a", "label": "L",
                        "summary": "", "url": "../c/#t"}],
    }  # fmt: skip
    assert 'data-technique="new-id" data-aliases="old-a"' in renderer.checklist(chapter, "checklists/c/")
    aliased = [t for t in built_site.techniques["techniques"] if t["aliases"]]
    plan_html = built_site.page_file(built_site.techniques["checklist_url"]).read_text(encoding="utf-8")
    for technique in aliased:
        assert f'data-technique="{technique["id"]}" data-aliases="{" ".join(technique["aliases"])}"' in plan_html


# --- paper --------------------------------------------------------------------------------

# Paper sizes in PostScript points, as pdfinfo prints them.
PAPERS = {"A4": (595.28, 841.89), "Letter": (612.0, 792.0)}


def pdf_of(page: Page, url: str, folder: Path, paper: str = "A4", *, raw: bool = False) -> tuple[int, list[str]]:
    """Print the page open at ``url`` on ``paper``: its page count (pdfinfo) and the text of
    each page (pdftotext; with ``raw``, in the order it is drawn rather than laid out, which
    keeps columns apart). Every page must have the paper size asked for."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    file = folder / f"{url.strip('/').replace('/', '_') or 'home'}-{paper}.pdf"
    page.pdf(path=str(file), format=paper)
    info = subprocess.run(["pdfinfo", str(file)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert size, info
    width, height = float(size.group(1)), float(size.group(2))
    assert abs(width - PAPERS[paper][0]) < 2 and abs(height - PAPERS[paper][1]) < 2, (
        f"{url}: printed on {width} x {height} pt, not {paper} {PAPERS[paper]}"
    )
    text = subprocess.run(
        ["pdftotext", *(["-raw"] if raw else []), "-enc", "UTF-8", str(file), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # pdftotext ends every page with a form feed.
    texts = [normalise(part) for part in text.split("\f")][:pages]
    assert len(texts) == pages, f"{url}: pdftotext gave {len(texts)} pages, pdfinfo {pages}"
    return pages, texts


# Words of the screen that must not reach paper: the toolbar, and advice only a browser can follow.
SCREEN_ONLY = ("Reset ticks", "Export ticks", "Import ticks", "Print blank", "stay in this browser", "share link")


@pytest.mark.parametrize("paper", list(PAPERS))
def test_d_each_chapter_checklist_prints_on_one_page(
    page: Page, built_site: BuiltSite, site_server: str, poppler: None, tmp_path: Path, paper: str
) -> None:
    today = date.today()
    printed = f"Printed {today:%B} {today.day}, {today.year}."
    for chapter in built_site.techniques["chapters"]:
        url = chapter["checklist_url"]
        open_page(page, url)
        page.evaluate("() => localStorage.clear()")
        page.reload()
        wait_for_checklist(page)
        box(page, chapter_ids(built_site, chapter["slug"])[0]).first.check()
        pages, texts = pdf_of(page, url, tmp_path, paper)
        assert pages == 1, f"{url} prints on {pages} {paper} pages, not one"
        text = texts[0]
        occurrences = built_site.occurrences(chapter["slug"])
        missing = [o["label"] for _, o in occurrences if normalise(o["label"]) not in text]
        assert not missing, f"{url}: the printout lacks {missing}"
        sheet = [f"Checklist: {chapter['title']}", chapter_done(built_site, chapter["slug"], 1) + ".", printed]
        lacking = [words for words in sheet if normalise(words) not in text]
        if site_server + url not in text.replace(" ", ""):  # a long address may wrap
            lacking.append(site_server + url)
        assert not lacking, f"{url}: the sheet lacks {lacking}\n{text}"
        content = " ".join(o["label"] + " " + o["text"] for _, o in occurrences) + " " + chapter["title"]
        chrome = [words for words in CHROME_TEXT + SCREEN_ONLY if words not in content and words in text]
        assert not chrome, f"{url}: the printout shows what only the screen should: {chrome}\n{text}"


def test_d_print_blank_and_print_with_my_ticks(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    slug = chapter["slug"]
    ids = chapter_ids(built_site, slug)
    open_page(page, chapter["checklist_url"])
    for technique_id in ids[:2]:
        box(page, technique_id).first.check()
    # What would reach the printer, recorded instead of opening the print dialog.
    page.evaluate(
        """() => { window.print = () => { window.__printed = {
            ticked: document.querySelectorAll("article input[data-technique]:checked").length,
            sheet: document.querySelector("[data-handbook-sheet-progress]").textContent }; }; }"""
    )
    button(page, "Print blank").click()
    printed = page.evaluate("() => window.__printed")
    assert printed == {"ticked": 0, "sheet": f"{len(ids)} techniques."}, printed
    expect_ticked(page, set(ids[:2]))  # the ticks are back on screen, and saved all along
    assert stored_ticks(page) == dict.fromkeys(ids[:2], True)
    expect(page.locator(PROGRESS)).to_have_text(chapter_done(built_site, slug, 2))

    button(page, "Print with my ticks").click()
    printed = page.evaluate("() => window.__printed")
    boxes = page.locator("article input[data-technique]:checked").count()
    assert printed == {"ticked": boxes, "sheet": chapter_done(built_site, slug, 2) + "."}, printed


def test_d_printed_from_the_dark_scheme_the_sheet_is_dark_on_white(
    open_context: Callable[..., BrowserContext], built_site: BuiltSite
) -> None:
    page = open_context("dark").new_page()
    url = built_site.techniques["chapters"][0]["checklist_url"]
    open_page(page, url)
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.locator('article input[type="checkbox"]').first.check()
    page.emulate_media(media="print")
    texts = page.locator(
        "article h1, article .handbook-checklist__item label strong, article .handbook-checklist__summary,"
        " article .handbook-sheet, article .handbook-checklist > p"
    )
    assert texts.count() > 3
    poor = []
    for colours in texts.evaluate_all(f"elements => elements.map({EFFECTIVE_COLOURS})"):
        # Paper is white whether or not the printer prints backgrounds.
        ratio = min(
            contrast(tuple(colours["text"]), (255, 255, 255)),
            contrast(tuple(colours["text"]), tuple(colours["background"])),
        )
        if ratio < 4.5:
            poor.append(f"{colours['label']!r}: {ratio:.2f} ({colours['text']} on {colours['background']})")
    assert not poor, f"/{url} printed from the dark scheme: text under 4.5:1 on paper:\n  " + "\n  ".join(poor)


def test_d_my_plan_prints_every_technique_once_unbroken(
    page: Page, built_site: BuiltSite, poppler: None, tmp_path: Path
) -> None:
    url = built_site.techniques["checklist_url"]
    open_page(page, url)
    pages, texts = pdf_of(page, url, tmp_path, raw=True)
    everything = " ".join(texts)
    titles = [normalise(t["title"]) for t in built_site.techniques["techniques"]]
    missing = sorted(title for title in titles if title not in everything)
    assert not missing, f"{url}: the printout lacks {missing}"
    chrome = [
        words for words in CHROME_TEXT + SCREEN_ONLY if words in everything and not any(words in t for t in titles)
    ]
    assert not chrome, f"{url}: the printout shows what only the screen should: {chrome}"
    # No item split across pages: each printed item is its title and "In N chapters", so a
    # page holds as many titles as such lines. (Titles are counted once even where one title
    # holds another: "Follow up" in "Follow up and maintain".)

    def titles_on(text: str) -> int:
        return sum(
            text.count(title) - sum(other.count(title) * text.count(other) for other in titles if other != title)
            for title in titles
        )

    counts = [(titles_on(text), len(re.findall(r"\bIn \d+ chapters?\b", text))) for text in texts]
    assert sum(shown for shown, _ in counts) == len(titles), f"{url}: titles printed {counts}, not {len(titles)}"
    split = [number for number, (shown, lines) in enumerate(counts, start=1) if shown != lines]
    assert not split, f"{url}: items split across the {pages} printed pages, on pages {split}: {counts}"
    print(f"\n{url}: {len(titles)} techniques on {pages} A4 page(s)")


# --- naming and chrome --------------------------------------------------------------------


def test_also_in_notes_name_chapters_by_title(built_site: BuiltSite) -> None:
    titles = {chapter["slug"]: chapter["title"] for chapter in built_site.techniques["chapters"]}
    notes = 0
    for chapter in built_site.techniques["chapters"]:
        html = built_site.page_file(chapter["url"]).read_text(encoding="utf-8")
        for note in re.findall(r'class="handbook-also-in"[^>]*>(.*?)</(?:p|span)>', html, re.S):
            for href, text in re.findall(r'<a href="([^"]*)">([^<]*)</a>', note):
                notes += 1
                target = resolve(unescape(href), chapter["url"]).partition("#")[0]
                slug = target.rstrip("/")
                assert unescape(text) == titles[slug], f"{chapter['url']}: 'Also in' says {text!r} for {href}"
    if shared_technique(built_site) is not None:
        assert notes, "no 'Also in' note found: the test reads the wrong markup"


def test_the_sidebar_names_the_site_once(page: Page) -> None:
    open_page(page, "")
    site_name = normalise(page.locator(".md-header__topic").first.inner_text())
    sidebar = page.locator(".md-sidebar--primary")
    shown = sidebar.locator(".md-nav__title, .md-nav__link").filter(visible=True)
    boxes = shown.evaluate_all(
        "elements => elements.map(e => { const r = e.getBoundingClientRect();"
        " return [e.textContent.trim().replace(/\\s+/g, ' '), r.left, r.top, r.right, r.bottom]; })"
    )
    assert boxes, "no navigation in the sidebar"
    named = [text for text, *_ in boxes if text == site_name]
    assert len(named) <= 1, f"the sidebar shows {site_name!r} {len(named)} times"
    overlapping = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[1] < b[3] - 1 and b[1] < a[3] - 1 and a[2] < b[4] - 1 and b[2] < a[4] - 1
    ]
    assert not overlapping, f"sidebar entries drawn over each other: {overlapping}"


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
