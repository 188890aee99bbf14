"""What a page needs after the engine rendered it, whatever the engine.

The contributed regions of a page (between the markers ``site`` put around a chapter's or
the home page's text) are sanitised; a chapter's techniques are anchored in its region,
with their "also in" notes, and the checklist banner goes before it. The same function
serves the MkDocs plugin (on a page's content) and ``handbook build`` (on a built file).
"""

from __future__ import annotations

import json
from pathlib import Path

from . import anchoring, catalogue, pages, safety, sanitise, site
from .model import Chapter
from .pipeline import Handbook
from .render import Renderer

ARTICLE_END = "</article>"


def regions(html: str, nonce: str) -> list[tuple[int, int]]:
    """Where the contributed regions of ``html`` are, markers included. A region whose end
    marker the contributed HTML swallowed runs to the end of the article (or the text)."""
    found = []
    position = 0
    opening, closing = site.begin(nonce), site.end(nonce)
    while (start := html.find(opening, position)) >= 0:
        stop = html.find(closing, start)
        if stop < 0:
            article_end = html.find(ARTICLE_END, start)
            stop = article_end if article_end >= 0 else len(html)
        else:
            stop += len(closing)
        found.append((start, stop))
        position = stop
    return found


def page(html: str, page: site.Page, handbook: Handbook, renderer: Renderer) -> tuple[str, list[str]]:
    """``html`` (a whole page or its content) with its contributed regions made safe and,
    on a chapter page, its techniques anchored; and the anchors placed."""
    spans = regions(html, page.nonce) if page.nonce else []
    if not spans:
        return html, []
    chapter = handbook.by_path.get(page.source) if page.source and page.kind == "chapter" else None
    pieces: list[str] = []
    placed: list[str] = []
    position = 0
    for start, stop in spans:
        clean = sanitise.clean(html[start:stop])
        if chapter is not None:
            clean, anchors = mark_chapter(clean, chapter, handbook, page.url, renderer)
            placed += anchors
        pieces += [html[position:start], clean]
        position = stop
    pieces.append(html[position:])
    return "".join(pieces), placed


def mark_chapter(
    html: str, chapter: Chapter, handbook: Handbook, page_url: str, renderer: Renderer
) -> tuple[str, list[str]]:
    kinds = {technique.anchor: technique.kind for technique in chapter.techniques}
    notes = {
        anchor: renderer.also_in(places, block=kinds[anchor] == "heading")
        for anchor, places in pages.also_in(chapter, handbook, page_url).items()
    }
    content, placed = anchoring.mark(html, chapter.techniques, notes)
    if chapter.techniques:
        link = pages.relative_url(catalogue.checklist_url(chapter.slug), page_url)
        content = renderer.chapter_banner(len(chapter.techniques), link) + content
    return content, placed


def built_site(site_dir: Path, tree: site.Tree, handbook: Handbook, renderer: Renderer) -> None:
    """Finish a site an engine built from ``tree``: every page's contributed regions, the
    Content-Security-Policy of every HTML file, and the search index's texts."""
    by_url = {page.url: page for page in tree.pages}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        text = path.read_text(encoding="utf-8")
        tree_page = by_url.get(url)
        if tree_page is not None:
            text, _ = page(text, tree_page, handbook, renderer)
        # Contributed regions are sanitised by now: every inline script left is the theme's.
        path.write_text(safety.with_content_security_policy(text, ""), encoding="utf-8")
    for index in [site_dir / "search.json", site_dir / "search" / "search_index.json"]:
        if index.is_file():
            index.write_text(clean_search_index(index.read_text(encoding="utf-8")), encoding="utf-8")


def clean_search_index(text: str) -> str:
    """The search index with every text sanitised: search results show it as HTML."""
    data = json.loads(text)
    for item in data.get("items", data.get("docs", [])):
        for key in ("text", "title"):
            if isinstance(item.get(key), str):
                item[key] = sanitise.clean(item[key])
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
