"""What a page needs after the engine rendered it, whatever the engine: the chapter's HTML
sanitised, its techniques anchored with their "also in" notes, the checklist banner; the
home page sanitised with the list of chapters in place."""

from __future__ import annotations

from . import anchoring, catalogue, pages, sanitise
from .model import Chapter
from .pipeline import Handbook
from .render import Renderer

HOME_MARKER = "<!-- handbook:chapters -->"


def chapter(html: str, chapter: Chapter, handbook: Handbook, page_url: str, renderer: Renderer) -> tuple[str, list[str]]:
    """The rendered chapter made safe and anchored, and the anchors placed on it."""
    kinds = {technique.anchor: technique.kind for technique in chapter.techniques}
    notes = {
        anchor: renderer.also_in(places, block=kinds[anchor] == "heading")
        for anchor, places in pages.also_in(chapter, handbook, page_url).items()
    }
    content, placed = anchoring.mark(sanitise.clean(html), chapter.techniques, notes)
    if chapter.techniques:
        link = pages.relative_url(catalogue.checklist_url(chapter.slug), page_url)
        content = renderer.chapter_banner(len(chapter.techniques), link) + content
    return content, placed


def home(html: str, chapter_list: str) -> str:
    """The rendered home page made safe, with ``chapter_list`` where it asks for it."""
    return chapter_list.join(sanitise.clean(part) for part in html.split(HOME_MARKER))
