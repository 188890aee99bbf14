"""What the site's pages show, as plain data and Markdown: technique anchors on chapter
pages, and the data the checklist templates render."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from .catalogue import Catalogue, ChapterTechniques, chapter_url, checklist_url
from .extract import Technique

OPEN_SPAN = '<span class="handbook-technique" id="{anchor}">'
ITEM_MARKER = re.compile(r"^( *(?:-|\d+\.) |#{2,6} )")


def relative_url(target: str, page: str) -> str:
    """``target`` (site-relative, may end in ``#anchor``) as a link from the page at ``page``."""
    path, sign, fragment = target.partition("#")
    link = posixpath.relpath("/" + path, "/" + page)
    if link == ".":
        link = "" if fragment else "./"
    elif path.endswith("/") or not path:
        link += "/"
    return link + sign + fragment


def mark_techniques(body: str, techniques: list[Technique], notes: dict[str, str] | None = None) -> str:
    """The normal-form ``body`` with each technique wrapped in a span that carries its
    anchor, so links can land on it and the page can highlight it. ``notes`` holds HTML
    to show after a technique ("Also in: ..."), by anchor."""
    lines = body.split("\n")
    searched_from: dict[int, int] = {}
    for technique in techniques:
        line = lines[technique.line]
        note = (notes or {}).get(technique.anchor, "")
        opening = OPEN_SPAN.format(anchor=technique.anchor)
        if technique.kind == "prose":
            start = line.find(technique.phrase, searched_from.get(technique.line, 0))
            if start < 0:  # formatting inside the phrase: anchor where the paragraph starts
                start, end = 0, 0
            else:
                end = start + len(technique.phrase)
            replacement = f"{opening}{line[start:end]}</span>{note}"
            lines[technique.line] = line[:start] + replacement + line[end:]
            searched_from[technique.line] = start + len(replacement)
        else:
            marker = ITEM_MARKER.match(line)
            prefix = marker.group(0) if marker else ""
            lines[technique.line] = f"{prefix}{opening}{line[len(prefix):]}</span>{note}"
    return "\n".join(lines)


def checklist_items(read: ChapterTechniques, catalogue: Catalogue, page: str) -> list[dict[str, Any]]:
    """The items of a chapter's checklist, with links relative to ``page``."""
    slug = read.chapter.slug
    return [
        {
            "checkbox_id": f"check-{slug}-{technique.anchor}",
            "technique_id": catalogue.entry_of(slug, technique.anchor).id,
            "label": technique.label,
            "summary": technique.summary,
            "url": relative_url(f"{chapter_url(slug)}#{technique.anchor}", page),
        }
        for technique in read.techniques
    ]


def checklist_chapter(read: ChapterTechniques, catalogue: Catalogue, page: str) -> dict[str, Any]:
    """A chapter as the checklist templates show it."""
    return {
        "slug": read.chapter.slug,
        "title": read.chapter.title,
        "url": relative_url(chapter_url(read.chapter.slug), page),
        "checklist_url": relative_url(checklist_url(read.chapter.slug), page),
        "techniques": checklist_items(read, catalogue, page),
    }
