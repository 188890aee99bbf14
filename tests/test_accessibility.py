"""Accessibility of the built site in a real browser: axe-core on every kind of page in the
light and the dark scheme (the reset dialog open, too), checklists by keyboard alone, search by a technique's label,
technique-index links that land on a highlighted technique, legible checklists in dark mode.

axe-core comes from the npm registry (``npm ci`` installs the version package-lock.json
pins into node_modules/). It is evaluated in the page through the DevTools protocol, which
the pages' Content-Security-Policy does not apply to, so the pages are checked exactly as
served, policy included. Without axe-core the axe tests are skipped ("run npm ci"); without
Chromium or Playwright every test here is. With HANDBOOK_REQUIRE_BROWSER=1 (as in CI) they
fail instead.

Lighthouse is not run here (it takes minutes): see scripts/lighthouse.py.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

pytest.register_assert_rewrite("sitebuild", "browsing")  # before the imports below, which pytest_plugins reuses

from browsing import EFFECTIVE_COLOURS, PROGRESS, contrast, open_page, unavailable  # noqa: E402
from sitebuild import REPO_ROOT, BuiltSite, normalise  # noqa: E402

with contextlib.suppress(ImportError):  # a missing Playwright is reported by the chromium fixture
    from playwright.sync_api import BrowserContext, Page, expect
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytest_plugins = ["sitebuild", "browsing"]

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> Material's scheme
MIN_CONTRAST = 4.5  # WCAG AA, normal-size text


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable(f"axe-core is not installed ({AXE.relative_to(REPO_ROOT)} is missing)", "run npm ci")
    return AXE.read_text(encoding="utf-8")


# --- helpers ------------------------------------------------------------------------------


def audited_pages(built_site: BuiltSite) -> list[str]:
    """Home, a chapter, a chapter's checklist, My plan, the index."""
    data = built_site.techniques
    chapter = data["chapters"][0]
    return ["", chapter["url"], chapter["checklist_url"], data["checklist_url"], data["index_url"]]


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's violations on the page: the rules it runs by default (WCAG 2.0 and 2.1 A
    and AA, best practices) and WCAG 2.2's target size, which it leaves off by default."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)  # through DevTools: not subject to the page's CSP
    return page.evaluate(
        """() => axe.run(document, {rules: {"target-size": {enabled: true}}})
          .then(results => results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
        })))"""
    )


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            lines.extend(f"       {line.strip()}" for line in (node["summary"] or "").splitlines() if line.strip())
    return "\n".join(lines)


def scheme_of(page: Page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def focused(page: Page) -> dict[str, Any]:
    """What has the keyboard focus: tag, type, text, technique, whether it is in the article."""
    return page.evaluate(
        """() => {
            const e = document.activeElement;
            // A file input is drawn as its label ("Import ticks"): the label shows the focus.
            const drawn = e.type === "file" && e.closest("label") ? e.closest("label") : e;
            return {tag: e.tagName.toLowerCase(), type: e.type || "", text: (e.textContent || "").trim(),
                    technique: e.dataset ? e.dataset.technique || "" : "", href: e.href || "",
                    print: e.hasAttribute("data-handbook-print"), reset: e.hasAttribute("data-handbook-reset"),
                    inArticle: e.closest("article") !== null, key: e.id || e.href || e.textContent.trim(),
                    // a focus indicator: an outline or a ring drawn with box-shadow
                    indicated: (s => (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0)
                                     || s.boxShadow !== "none")(getComputedStyle(drawn))};
        }"""
    )


def tab_until(
    page: Page, wanted: Callable[[dict[str, Any]], bool], *, backwards: bool = False, limit: int = 300
) -> None:
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if wanted(focused(page)):
            return
    raise AssertionError(f"{page.url}: not reached with {'Shift+' if backwards else ''}Tab in {limit} presses")


# --- axe-core -----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_violation(
    open_context: Callable[..., BrowserContext], built_site: BuiltSite, axe_source: str, scheme: str
) -> None:
    page = open_context(scheme).new_page()
    report = []
    for url in audited_pages(built_site):
        open_page(page, url)
        assert scheme_of(page) == SCHEMES[scheme], f"/{url}: Material did not follow the {scheme} scheme"
        checklist = page.locator("[data-handbook-checklist]").count() > 0
        if checklist:  # a ticked box is checked too, and a technique's wordings are open
            page.locator('article input[type="checkbox"]').first.check()
            expect(page.locator(PROGRESS).first).to_have_text(re.compile(r"^1 of \d+ (distinct )?techniques done$"))
            if page.locator("article details summary").count():
                page.locator("article details summary").first.click()
        violations = axe_violations(page, axe_source)
        if violations:
            report.append(f"/{url} ({scheme}): {len(violations)} rules violated\n{describe(violations)}")
        if checklist:  # the confirmation dialog, open, and the message after a reset with its Undo
            page.get_by_role("button", name="Reset ticks", exact=True).click()
            expect(page.get_by_role("dialog", name="Reset ticks?")).to_be_visible()
            violations = axe_violations(page, axe_source)
            if violations:
                report.append(
                    f"/{url} ({scheme}), dialog open: {len(violations)} rules violated\n{describe(violations)}"
                )
            page.get_by_role("button", name="Untick them").click()
            expect(page.get_by_role("button", name="Undo", exact=True)).to_be_visible()
            violations = axe_violations(page, axe_source)
            if violations:
                report.append(
                    f"/{url} ({scheme}), after a reset: {len(violations)} rules violated\n{describe(violations)}"
                )
    assert not report, "axe-core found accessibility violations:\n" + "\n".join(report)


def test_every_checkbox_is_named_by_its_technique(page: Page, built_site: BuiltSite) -> None:
    """On My plan, the accessible names Chromium computes for the checkboxes (its
    accessibility tree, as screen readers get it) are their techniques' titles, one checkbox
    per index entry."""
    open_page(page, built_site.techniques["checklist_url"])
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
    names = [
        normalise(str(node.get("name", {}).get("value", "")))
        for node in tree
        if node.get("role", {}).get("value") == "checkbox" and not node.get("ignored")
    ]
    labels = [normalise(t["title"]) for t in built_site.techniques["techniques"]]
    assert len(names) == len(labels), f"{len(names)} checkboxes for {len(labels)} index entries"
    unnamed = [name for name in names if not name]
    assert not unnamed, f"{len(unnamed)} checkboxes without an accessible name"
    named_after = Counter(names)
    assert named_after == Counter(labels), (
        f"checkbox names and technique labels differ: {sorted((named_after - Counter(labels)).elements())}"
        f" for {sorted((Counter(labels) - named_after).elements())}"
    )


# --- keyboard -----------------------------------------------------------------------------


def test_checklist_works_by_keyboard(page: Page, built_site: BuiltSite) -> None:
    chapter = built_site.techniques["chapters"][0]
    url = chapter["checklist_url"]
    total = len({technique["id"] for technique, _ in built_site.occurrences(chapter["slug"])})
    done = lambda count: f"{count} of {total} techniques done"  # noqa: E731
    open_page(page, url)
    page.evaluate("() => { window.print = () => { window.__handbookPrinted = true; }; }")  # no dialog

    # Every link, button and checkbox of the content is reached by Tab, in a full round.
    wanted = page.locator("article a[href], article button:not([hidden]), article input[type=checkbox]").evaluate_all(
        "elements => elements.filter(e => e.getClientRects().length).map(e => e.id || e.href || e.textContent.trim())"
    )
    reached: set[str] = set()
    unmarked: list[str] = []
    for _ in range(len(wanted) + 200):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["inArticle"]:
            reached.add(now["key"])
            if not now["indicated"]:
                unmarked.append(f"{now['tag']} {now['key']}")
        if now["tag"] == "body" or set(wanted) <= reached:
            break
    missed = [key for key in wanted if key not in reached]
    assert not missed, f"{url}: not reachable by Tab: {missed}"
    assert not unmarked, f"{url}: no visible focus indicator on {unmarked}"

    # Tick the first technique with Space.
    page.evaluate("() => document.activeElement.blur()")
    tab_until(page, lambda f: f["type"] == "checkbox")
    first = focused(page)["technique"]
    page.keyboard.press("Space")
    expect(page.locator(f'article input[data-technique="{first}"]').first).to_be_checked()
    expect(page.locator(PROGRESS)).to_have_text(done(1))
    page.keyboard.press("Space")  # and untick it
    expect(page.locator(PROGRESS)).to_have_text(done(0))
    page.keyboard.press("Space")
    expect(page.locator(PROGRESS)).to_have_text(done(1))

    # Reset (before the list, so Shift+Tab) with Enter: the dialog opens on "Keep my ticks";
    # Tab, Enter confirms; Undo (focused) with Enter brings the tick back.
    tab_until(page, lambda f: f["reset"], backwards=True, limit=5)
    expect(page.locator("[data-handbook-reset]")).to_be_focused()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Reset ticks?")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Keep my ticks")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Untick them")).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()
    expect(page.locator(PROGRESS)).to_have_text(done(0))
    expect(page.locator("article input[type=checkbox]:checked")).to_have_count(0)
    expect(page.get_by_role("button", name="Undo", exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(PROGRESS)).to_have_text(done(1))
    expect(page.locator("[data-handbook-reset]")).to_be_focused()
    # Print with my ticks with Space.
    tab_until(page, lambda f: f["print"] and "ticks" in f["text"], backwards=True, limit=8)
    page.keyboard.press("Space")
    page.wait_for_function("() => window.__handbookPrinted === true")

    # The "Read" link of the first item, by Enter: the chapter opens on that technique.
    tab_until(page, lambda f: f["type"] == "checkbox", limit=10)
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["tag"] == "a" and "#" in link["href"], f"after the first checkbox comes {link}, not its Read link"
    wait_for_scroll_recorded(page)
    page.keyboard.press("Enter")
    expect(page).to_have_url(link["href"])
    expect_technique_shown(page, link["href"].partition("#")[2])


# --- search and the technique index -------------------------------------------------------


def test_search_finds_a_technique_by_its_label(page: Page, built_site: BuiltSite) -> None:
    techniques = built_site.techniques["techniques"]
    # A technique only one chapter has, so exactly that chapter must come up.
    technique = next(t for t in techniques if len({o["chapter"] for o in t["occurrences"]}) == 1)
    occurrence = technique["occurrences"][0]
    chapter_url = next(c["url"] for c in built_site.techniques["chapters"] if c["slug"] == occurrence["chapter"])
    open_page(page, "")
    page.keyboard.press("/")  # Material's shortcut to the search box
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    query.press_sequentially(occurrence["label"], delay=10)
    results = page.locator(".md-search-result__item a")
    expect(results.first).to_be_visible()
    wanted = re.match(r"^https?://[^/]+/", page.url).group(0) + chapter_url
    try:  # results come from a worker and change with every key typed
        page.wait_for_function(
            """url => Array.from(document.querySelectorAll(".md-search-result__item a"))
                .some(link => link.href.split("#")[0].split("?")[0] === url)""",
            arg=wanted,
        )
    except PlaywrightTimeout:
        hrefs = results.evaluate_all("links => links.map(link => link.href)")
        pytest.fail(f"searching {occurrence['label']!r} found nothing in /{chapter_url}: {hrefs}")
    result = results.evaluate_all(
        "(links, url) => links.findIndex(link => link.href.split('#')[0].split('?')[0] === url)", wanted
    )
    results.nth(result).click()  # and the result opens the chapter
    expect(page).to_have_url(re.compile("^" + re.escape(wanted) + r"(\?[^#]*)?(#.*)?$"))


def wait_for_scroll_recorded(page: Page) -> None:
    """Let Material record the scroll offset in history.state (100 ms after scrolling stops)
    before following a link: otherwise it stores the old offset in the new history entry and
    restores it instead of going to the anchor (see test_browser.py, test_e)."""
    page.wait_for_function("() => history.state !== null ? history.state.y === window.scrollY : window.scrollY === 0")


def expect_technique_shown(page: Page, anchor: str) -> None:
    """The technique ``anchor`` is on screen, below the fixed header, and highlighted."""
    element = page.locator(f'[id="{anchor}"]')
    expect(element).to_have_count(1)
    expect(element).to_be_visible()
    expect(element).to_be_in_viewport()
    expect(element).to_have_class(re.compile(r"\bhandbook-technique\b"))
    expect(element).to_have_class(re.compile(r"\bis-target\b"))
    top, header = page.evaluate(
        "id => [document.getElementById(id).getBoundingClientRect().top,"
        " document.querySelector('.md-header').getBoundingClientRect().bottom]",
        anchor,
    )
    assert top >= header - 1, f"#{anchor} is under the header (top {top}, header bottom {header})"


def test_index_link_lands_on_the_highlighted_technique(page: Page, built_site: BuiltSite) -> None:
    index = built_site.techniques["index_url"]
    technique = max(built_site.techniques["techniques"], key=lambda t: len(t["occurrences"]))
    occurrence = technique["occurrences"][-1]
    anchor = occurrence["url"].partition("#")[2]
    open_page(page, index)
    links = page.locator(".handbook-index__entry .handbook-index__places a")
    target = re.match(r"^https?://[^/]+/", page.url).group(0) + occurrence["url"]
    position = links.evaluate_all("(links, url) => links.findIndex(link => link.href === url)", target)
    assert position >= 0, f"/{index}: no entry links to {occurrence['url']}"
    link = links.nth(position)
    link.scroll_into_view_if_needed()
    wait_for_scroll_recorded(page)
    link.click()
    expect(page).to_have_url(re.compile(re.escape(occurrence["url"]) + "$"))
    expect_technique_shown(page, anchor)


# --- dark mode ----------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_checklist_text_is_legible(
    open_context: Callable[..., BrowserContext], built_site: BuiltSite, scheme: str
) -> None:
    page = open_context(scheme).new_page()
    url = built_site.techniques["chapters"][0]["checklist_url"]
    open_page(page, url)
    assert scheme_of(page) == SCHEMES[scheme]
    page.locator('article input[type="checkbox"]').first.check()  # a ticked item, too
    texts = page.locator(
        "article .handbook-checklist__item label strong, article .handbook-checklist__summary,"
        " article .handbook-checklist__source, article .handbook-progress,"
        " article .handbook-checklist > p:not(.handbook-print-only),"
        " article .handbook-checklist__actions .md-button"
    )
    assert texts.count() > 2
    poor = []
    for colours in texts.evaluate_all(f"elements => elements.map({EFFECTIVE_COLOURS})"):
        ratio = contrast(tuple(colours["text"]), tuple(colours["background"]))
        if ratio < MIN_CONTRAST:
            poor.append(f"{colours['label']!r}: {ratio:.2f} ({colours['text']} on {colours['background']})")
    assert not poor, f"/{url} ({scheme}): text under {MIN_CONTRAST}:1 contrast:\n  " + "\n  ".join(poor)
