"""Headless Chromium for the browser tests, loaded as a pytest plugin
(``pytest_plugins = ["sitebuild", "browsing"]``) so one browser serves the session.

Without Chromium or Playwright the tests that use it are skipped with a message saying
how to install them; with HANDBOOK_REQUIRE_BROWSER=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sitebuild import BuiltSite

try:
    from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
except ImportError:  # reported by the chromium fixture
    sync_playwright = None

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
INSTALL_HINT = "install them with `apt-get install chromium poppler-utils` and `pip install -e '.[test]'`"
PROGRESS = "[data-handbook-progress]"
# The progress checklist.js writes: "3 of 12 techniques done", "3 of 30 distinct techniques done".
DONE = re.compile(r"^\d+ of \d+ (distinct )?techniques done$")


def unavailable(reason: str, hint: str = INSTALL_HINT) -> None:
    """Skip, or fail when the environment promises a browser (HANDBOOK_REQUIRE_BROWSER=1)."""
    message = f"{reason}; {hint}"
    if os.environ.get("HANDBOOK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"HANDBOOK_REQUIRE_BROWSER=1 but {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    if sync_playwright is None:
        unavailable("Playwright (Python) is not installed")
    if not CHROMIUM.is_file():
        unavailable(f"Chromium is not installed at {CHROMIUM}")
    playwright = sync_playwright().start()
    try:
        try:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        except Exception as error:
            unavailable(f"Chromium at {CHROMIUM} did not start: {error}")
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def open_context(chromium: Browser, site_server: str, built_site: BuiltSite) -> Iterator[Callable[..., BrowserContext]]:
    """Opens fresh browser profiles (so empty localStorage) that see the site as deployed,
    in the given colour scheme.

    Material's instant navigation only takes over links to pages listed in sitemap.xml, which
    holds the deployed site_url (https://host/handbook/...); Material fixes up the scheme and
    host of those URLs but not the port or path, so against a local server it would fall
    back to full page loads. Like ``mkdocs serve`` (which builds with site_url set to its own
    address), the sitemap is served with the deployed base URL replaced by the local one.
    """
    contexts: list[BrowserContext] = []

    def local_sitemap(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(built_site.site_url, site_server))

    def open_(scheme: str = "light") -> BrowserContext:
        context = chromium.new_context(
            viewport={"width": 1280, "height": 900}, base_url=site_server, color_scheme=scheme
        )
        context.set_default_timeout(5_000)
        if built_site.site_url.startswith(("http://", "https://")):
            context.route("**/sitemap.xml", local_sitemap)
        contexts.append(context)
        return context

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def context(open_context: Callable[..., BrowserContext]) -> BrowserContext:
    return open_context("light")


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def open_page(page: Page, url: str) -> None:
    """Load ``url`` (site-relative) and wait until checklist.js has shown the ticks."""
    page.goto(url)
    wait_for_checklist(page)


def wait_for_checklist(page: Page) -> None:
    if page.locator("[data-handbook-checklist]").count():
        expect(page.locator(PROGRESS).first).to_have_text(DONE)


# --- colours -------------------------------------------------------------------------------


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The text colour of an element and the background it is drawn on: the backgrounds of the
# element and its ancestors composited from the page's canvas up, then the (possibly
# translucent) text colour over that. Colours as [r, g, b, a], 0-255 and 0-1.
EFFECTIVE_COLOURS = """
element => {
  const probe = document.createElement("canvas").getContext("2d");
  const parse = value => {
    probe.fillStyle = "#000"; probe.fillStyle = value;  // normalises any CSS colour
    const text = probe.fillStyle;
    if (text.startsWith("#")) return [1, 3, 5].map(i => parseInt(text.slice(i, i + 2), 16)).concat([1]);
    const parts = text.match(/[\\d.]+/g).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const layers = [];
  for (let e = element; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor));
  let background = [255, 255, 255, 1];  // the canvas, under everything
  for (const layer of layers.reverse()) background = over(layer, background);
  const style = getComputedStyle(element);
  const colour = parse(style.color);
  return {text: over([colour[0], colour[1], colour[2], colour[3] * Number(style.opacity)], background).slice(0, 3),
          background: background.slice(0, 3), label: element.textContent.trim().slice(0, 60)};
}
"""
