"""The handbook's techniques across all chapters, as plain data, and ``techniques.json``.

This is what both the MkDocs plugin and ``handbook techniques`` work from, so the site
and the command line agree on every id, anchor and URL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import chapters, dedup, editorial, normalise
from .errors import HandbookError
from .extract import Technique, extract

# Site-relative URLs (MkDocs with use_directory_urls): chapters are served without their
# number, so renumbering chapters never breaks a link or a saved tick.
CHECKLIST_URL = "checklists/"
INDEX_URL = "technique-index/"


def chapter_url(slug: str) -> str:
    return f"{slug}/"


def checklist_url(slug: str) -> str:
    return f"{CHECKLIST_URL}{slug}/"


def occurrence_url(chapter_slug: str, anchor: str) -> str:
    """Where a technique stands: its anchor on its chapter's page."""
    return f"{chapter_url(chapter_slug)}#{anchor}"


@dataclass(frozen=True)
class ChapterTechniques:
    """A chapter read in its normal form (whatever the file holds), and its techniques."""

    chapter: chapters.Chapter
    techniques: list[Technique]


@dataclass
class Catalogue:
    chapters: list[ChapterTechniques]
    entries: list[dedup.Entry]
    by_place: dict[tuple[str, str], dedup.Entry] = field(init=False)

    def __post_init__(self) -> None:
        self.by_place = {(o.chapter, o.anchor): entry for entry in self.entries for o in entry.occurrences}

    def entry_of(self, chapter_slug: str, anchor: str) -> dedup.Entry:
        """The index entry that holds the technique at ``anchor`` of a chapter."""
        return self.by_place[(chapter_slug, anchor)]


def read(path: Path) -> ChapterTechniques:
    """Load a chapter file, normalise it in memory, and extract its techniques."""
    source, _ = chapters.read_text(path)
    try:
        normal = normalise.text(source)
    except HandbookError as error:
        raise error.located(path) from None
    chapter = chapters.chapter_from_text(path, normal)
    return ChapterTechniques(chapter, extract(chapter.body))


def occurrences_of(read_chapters: list[ChapterTechniques]) -> list[dedup.Occurrence]:
    return [
        dedup.Occurrence(chapter=item.chapter.slug, anchor=technique.anchor, label=technique.label, text=technique.text)
        for item in read_chapters
        for technique in item.techniques
    ]


def load(directory: Path, editorial_file: Path | None = None) -> tuple[Catalogue, list[HandbookError]]:
    """Every readable chapter of ``directory``, grouped into index entries under the rules
    of ``editorial_file``; the problems found on the way are returned, not raised, so one
    broken chapter does not hide the others."""
    read_chapters: list[ChapterTechniques] = []
    problems: list[HandbookError] = []
    for path in chapters.chapter_paths(directory):
        try:
            read_chapters.append(read(path))
        except HandbookError as error:
            problems.append(error)
    occurrences = occurrences_of(read_chapters)
    rules = dedup.Rules()
    if editorial_file is not None:
        rules, editorial_problems = editorial.load(editorial_file, {o.place for o in occurrences})
        problems += editorial_problems
    entries = dedup.group(occurrences, rules)
    if editorial_file is not None:
        problems += editorial.unknown_titles(editorial_file, rules, {entry.id for entry in entries})
    return Catalogue(read_chapters, entries), problems


def to_data(catalogue: Catalogue) -> dict[str, Any]:
    """The content of ``techniques.json``; URLs are relative to the site root."""
    return {
        "chapters": [
            {
                "slug": item.chapter.slug,
                "title": item.chapter.title,
                "url": chapter_url(item.chapter.slug),
                "checklist_url": checklist_url(item.chapter.slug),
            }
            for item in catalogue.chapters
        ],
        "checklist_url": CHECKLIST_URL,
        "index_url": INDEX_URL,
        "techniques": [
            {
                "id": entry.id,
                "title": entry.title,
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
            for entry in catalogue.entries
        ],
    }


def to_json(catalogue: Catalogue) -> str:
    """``techniques.json``, byte for byte the same for the same chapters on any machine."""
    return json.dumps(to_data(catalogue), ensure_ascii=False, indent=2) + "\n"
