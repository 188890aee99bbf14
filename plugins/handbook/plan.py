"""What the reader's pages show, as plain data the templates render (autoescaped): "My plan"
(every distinct technique once, with how each chapter words it) and a chapter's checklist
with what checklist.js needs to keep ticks safe (the old ids a tick may be saved under).

Each function takes the handbook and the site-relative URL of the page it serves, and does
work in proportion to the occurrences it shows: nothing here is chapters x entries.
"""

from __future__ import annotations

from typing import Any

from .catalogue import CHECKLIST_URL, checklist_url, occurrence_url
from .model import Chapter
from .pages import checklist_chapter, relative_url
from .pipeline import Handbook


def plan_view(handbook: Handbook, page: str) -> dict[str, Any]:
    """ "My plan": one item per index entry, those most chapters share first (then in index
    order), each with every place a chapter states it, in that chapter's words; and the
    chapters' own checklists, which the plan is the way to."""
    titles = {chapter.slug: chapter.title for chapter in handbook.chapters}
    items: list[dict[str, Any]] = []
    for entry in handbook.entries:
        chapters = list(dict.fromkeys(o.chapter for o in entry.occurrences))
        items.append(
            {
                "id": entry.id,
                "checkbox_id": f"plan-{entry.id}",
                "title": entry.title,
                "aliases": " ".join(entry.aliases),
                "chapter_count": len(chapters),
                "places": [
                    {
                        "chapter_title": titles[o.chapter],
                        "label": o.label,
                        "url": relative_url(occurrence_url(o.chapter, o.anchor), page),
                    }
                    for o in entry.occurrences
                ],
            }
        )
    items.sort(key=lambda item: -item["chapter_count"])  # stable: index order among equals
    return {
        "techniques": items,
        "chapters": [
            {
                "title": chapter.title,
                "checklist_url": relative_url(checklist_url(chapter.slug), page),
                "techniques": len(chapter.techniques),
            }
            for chapter in handbook.chapters
        ],
        "occurrences": sum(len(entry.occurrences) for entry in handbook.entries),
        "shared": sum(1 for item in items if item["chapter_count"] > 1),
    }


def chapter_checklist(chapter: Chapter, handbook: Handbook, page: str) -> dict[str, Any]:
    """A chapter's checklist: its items (see ``pages.checklist_chapter``), each with the old
    ids of its entry (``aliases``, space-separated) so a tick saved under one still counts,
    the number of distinct techniques the progress counts, and the way to My plan."""
    view = checklist_chapter(chapter, handbook, page)
    for item, technique in zip(view["techniques"], chapter.techniques, strict=True):
        item["aliases"] = " ".join(handbook.entry_of(chapter.slug, technique.anchor).aliases)
    view["distinct"] = len({item["technique_id"] for item in view["techniques"]})
    view["plan_url"] = relative_url(CHECKLIST_URL, page)
    return view
