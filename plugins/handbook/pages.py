"""What the site's pages show, as plain data and Markdown: technique anchors on chapter
pages, and the data the checklist templates render."""

from __future__ import annotations

import posixpath
import re
from typing import Any

from .catalogue import Catalogue, ChapterTechniques, chapter_url, checklist_url, occurrence_url
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
            if technique.kind == "heading" and note:
                note = f"\n\n{note}"  # its own paragraph: a heading's text feeds the table of contents
            lines[technique.line] = f"{prefix}{opening}{line[len(prefix) :]}</span>{note}"
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
            "url": relative_url(occurrence_url(slug, technique.anchor), page),
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


def home_chapters(catalogue: Catalogue, page: str) -> list[dict[str, str]]:
    """The chapters as the home page lists them."""
    return [
        {
            "title": read.chapter.title,
            "description": read.chapter.description,
            "url": relative_url(chapter_url(read.chapter.slug), page),
        }
        for read in catalogue.chapters
    ]


def chapter_numbers(catalogue: Catalogue) -> dict[str, int]:
    """Chapter slug -> its number as readers see it (its place in the handbook)."""
    return {read.chapter.slug: number for number, read in enumerate(catalogue.chapters, start=1)}


def chapter_titles(catalogue: Catalogue) -> dict[str, str]:
    return {read.chapter.slug: read.chapter.title for read in catalogue.chapters}


def also_in(read: ChapterTechniques, catalogue: Catalogue, page: str) -> dict[str, list[dict[str, Any]]]:
    """For each technique of a chapter (by anchor), the other chapters that share it."""
    numbers = chapter_numbers(catalogue)
    titles = chapter_titles(catalogue)
    result = {}
    for technique in read.techniques:
        others = [
            o
            for o in catalogue.entry_of(read.chapter.slug, technique.anchor).occurrences
            if o.chapter != read.chapter.slug
        ]
        if others:
            result[technique.anchor] = [
                {
                    "number": numbers[o.chapter],
                    "title": titles[o.chapter],
                    "url": relative_url(occurrence_url(o.chapter, o.anchor), page),
                }
                for o in others
            ]
    return result


def index_view(catalogue: Catalogue, page: str) -> dict[str, Any]:
    """The technique index: entries A to Z, a letter bar, and the coverage matrix."""
    numbers = chapter_numbers(catalogue)
    titles = chapter_titles(catalogue)
    chapters = [
        {
            "number": numbers[item.chapter.slug],
            "title": item.chapter.title,
            "url": relative_url(chapter_url(item.chapter.slug), page),
        }
        for item in catalogue.chapters
    ]
    entries = []
    for entry in catalogue.entries:
        places = [
            {
                "chapter": o.chapter,
                "chapter_number": numbers[o.chapter],
                "chapter_title": titles[o.chapter],
                "label": o.label,
                "url": relative_url(occurrence_url(o.chapter, o.anchor), page),
            }
            for o in entry.occurrences
        ]
        entries.append({"id": entry.id, "anchor": f"i-{entry.id}", "title": entry.title, "places": places})
    entries.sort(key=lambda e: (e["title"].casefold(), e["id"]))
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        initial = entry["title"][:1].upper()
        groups.setdefault(initial if "A" <= initial <= "Z" else "#", []).append(entry)
    letters = [{"key": letter, "label": letter, "present": letter in groups} for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    if "#" in groups:
        letters.insert(0, {"key": "other", "label": "#", "present": True})
    by_rank = sorted(entries, key=lambda e: (-len({p["chapter"] for p in e["places"]}), e["title"].casefold(), e["id"]))
    matrix = []
    for entry in by_rank:
        cell_of = {place["chapter"]: place for place in entry["places"]}
        matrix.append(
            {
                "anchor": entry["anchor"],
                "title": entry["title"],
                "count": len(cell_of),
                "cells": [cell_of.get(item.chapter.slug) for item in catalogue.chapters],
            }
        )
    return {
        "occurrences": sum(len(entry.occurrences) for entry in catalogue.entries),
        "entries": entries,
        "chapters": chapters,
        "letters": letters,
        "groups": [
            {"key": "other" if key == "#" else key, "label": key, "entries": groups[key]}
            for key in sorted(groups, key=lambda k: (k != "#", k))
        ],
        "matrix": matrix,
    }
