"""What the site's pages show, as plain data the templates render (autoescaped): chapter
lists, checklists, "also in" notes and the technique index."""

from __future__ import annotations

import posixpath
from typing import Any

from .catalogue import chapter_url, checklist_url, index_entry_url, occurrence_url
from .model import Chapter
from .pipeline import Handbook


def relative_url(target: str, page: str) -> str:
    """``target`` (site-relative, may end in ``#anchor``) as a link from the page at ``page``."""
    path, sign, fragment = target.partition("#")
    link = posixpath.relpath("/" + path, "/" + page)
    if link == ".":
        link = "" if fragment else "./"
    elif path.endswith("/") or not path:
        link += "/"
    return link + sign + fragment


def checklist_items(chapter: Chapter, handbook: Handbook, page: str) -> list[dict[str, Any]]:
    """The items of a chapter's checklist, with links relative to ``page``."""
    slug = chapter.slug
    return [
        {
            "checkbox_id": f"check-{slug}-{technique.anchor}",
            "technique_id": handbook.entry_of(slug, technique.anchor).id,
            "label": technique.label,
            "summary": technique.summary,
            "url": relative_url(occurrence_url(slug, technique.anchor), page),
        }
        for technique in chapter.techniques
    ]


def checklist_chapter(chapter: Chapter, handbook: Handbook, page: str) -> dict[str, Any]:
    """A chapter as the checklist templates show it."""
    return {
        "slug": chapter.slug,
        "title": chapter.title,
        "url": relative_url(chapter_url(chapter.slug), page),
        "checklist_url": relative_url(checklist_url(chapter.slug), page),
        "techniques": checklist_items(chapter, handbook, page),
    }


def home_chapters(handbook: Handbook, page: str) -> list[dict[str, str]]:
    """The chapters as the home page lists them."""
    return [
        {
            "title": chapter.title,
            "description": chapter.description,
            "url": relative_url(chapter_url(chapter.slug), page),
        }
        for chapter in handbook.chapters
    ]


ALSO_IN_LIMIT = 5  # more places are one link to the index entry: a note never grows with the handbook


def also_in(chapter: Chapter, handbook: Handbook, page: str) -> dict[str, list[dict[str, Any]]]:
    """For each technique of a chapter (by anchor), the other chapters that share it: at most
    ``ALSO_IN_LIMIT``, then a link to the index entry that lists them all."""
    result = {}
    for technique in chapter.techniques:
        entry = handbook.entry_of(chapter.slug, technique.anchor)
        others = [o for o in entry.occurrences if o.chapter != chapter.slug]
        places = [
            {
                "number": handbook.numbers[o.chapter],
                "title": handbook.titles[o.chapter],
                "url": relative_url(occurrence_url(o.chapter, o.anchor), page),
            }
            for o in others[:ALSO_IN_LIMIT]
        ]
        if len(others) > ALSO_IN_LIMIT:
            more = len(others) - ALSO_IN_LIMIT
            url = relative_url(index_entry_url(entry.id), page)
            places.append({"number": 0, "title": f"{more} more chapters (see the index)", "url": url})
        if places:
            result[technique.anchor] = places
    return result


def index_view(handbook: Handbook, page: str) -> dict[str, Any]:
    """The technique index: entries A to Z, a letter bar, and the coverage matrix."""
    numbers = handbook.numbers
    titles = handbook.titles
    chapters = [
        {
            "number": numbers[item.slug],
            "title": item.title,
            "url": relative_url(chapter_url(item.slug), page),
        }
        for item in handbook.chapters
    ]
    entries: list[dict[str, Any]] = []
    for entry in handbook.entries:
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
    for view in entries:
        initial = view["title"][:1].upper()
        groups.setdefault(initial if "A" <= initial <= "Z" else "#", []).append(view)
    letters = [{"key": letter, "label": letter, "present": letter in groups} for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    if "#" in groups:
        letters.insert(0, {"key": "other", "label": "#", "present": True})
    by_rank = sorted(entries, key=lambda e: (-len({p["chapter"] for p in e["places"]}), e["title"].casefold(), e["id"]))
    matrix = []
    for view in by_rank:
        cell_of = {place["chapter"]: place for place in view["places"]}
        matrix.append(
            {
                "anchor": view["anchor"],
                "title": view["title"],
                "count": len(cell_of),
                "cells": [cell_of.get(item.slug) for item in handbook.chapters],
            }
        )
    return {
        "occurrences": sum(len(entry.occurrences) for entry in handbook.entries),
        "entries": entries,
        "chapters": chapters,
        "letters": letters,
        "groups": [
            {"key": "other" if key == "#" else key, "label": key, "entries": groups[key]}
            for key in sorted(groups, key=lambda k: (k != "#", k))
        ],
        "matrix": matrix,
    }
