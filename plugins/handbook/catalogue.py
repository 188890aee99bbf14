"""Where things are on the site, and ``techniques.json``: one rule for each URL, shared by
the pages, the plugin and ``handbook techniques``."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .pipeline import Handbook

# Site-relative URLs (MkDocs with use_directory_urls): chapters are served without their
# number, so renumbering chapters never breaks a link or a saved tick.
CHECKLIST_URL = "checklists/"
INDEX_URL = "technique-index/"


def chapter_url(slug: str) -> str:
    return f"{slug}/"


def checklist_url(slug: str) -> str:
    return f"{CHECKLIST_URL}{slug}/"


INDEX_SPLIT = 300  # an index of more entries than this is one page per letter


def index_is_split(entries: int) -> bool:
    return entries > INDEX_SPLIT


def index_letter(title: str) -> str:
    """The key of the index letter an entry is filed under: ``a`` to ``z``, or ``other``."""
    initial = title[:1].lower()
    return initial if "a" <= initial <= "z" else "other"


def index_page_url(key: str) -> str:
    """The page of one letter of a split index."""
    return f"{INDEX_URL}{key}/"


def index_entry_url(entry_id: str, title: str, entries: int) -> str:
    """Where an entry stands in the technique index (of ``entries`` entries)."""
    page = index_page_url(index_letter(title)) if index_is_split(entries) else INDEX_URL
    return f"{page}#i-{entry_id}"


def occurrence_url(chapter_slug: str, anchor: str) -> str:
    """Where a technique stands: its anchor on its chapter's page."""
    return f"{chapter_url(chapter_slug)}#{anchor}"


def to_data(handbook: Handbook) -> dict[str, Any]:
    """The content of ``techniques.json``; URLs are relative to the site root."""
    return {
        "chapters": [
            {
                "slug": chapter.slug,
                "title": chapter.title,
                "url": chapter_url(chapter.slug),
                "checklist_url": checklist_url(chapter.slug),
            }
            for chapter in handbook.chapters
        ],
        "checklist_url": CHECKLIST_URL,
        "index_url": INDEX_URL,
        "techniques": [
            {
                "id": entry.id,
                "title": entry.title,
                "aliases": entry.aliases,
                "occurrences": [
                    {
                        "chapter": occurrence.chapter,
                        "label": occurrence.label,
                        "text": occurrence.text,
                        "url": occurrence_url(occurrence.chapter, occurrence.anchor),
                    }
                    for occurrence in entry.occurrences
                ],
            }
            for entry in handbook.entries
        ],
    }


def to_json(handbook: Handbook) -> str:
    """``techniques.json``, byte for byte the same for the same chapters on any machine;
    compact, as a script fetches it (a third the size of an indented one)."""
    return json.dumps(to_data(handbook), ensure_ascii=False, separators=(",", ":")) + "\n"
