"""What the site's pages show, as plain data the templates render (autoescaped): chapter
lists, checklists, "also in" notes and the technique index."""

from __future__ import annotations

from typing import Any

from .catalogue import (
    INDEX_URL,
    chapter_url,
    checklist_url,
    index_entry_url,
    index_is_split,
    index_letter,
    index_page_url,
    occurrence_url,
)
from .model import Chapter, ChapterFile, Entry
from .pipeline import Handbook


def relative_url(target: str, page: str) -> str:
    """``target`` (site-relative, may end in ``#anchor``) as a link from the page at ``page``
    (a directory URL). Site URLs are normalised already: no ``posixpath.relpath``, which
    normalises both again on each of the tens of thousands of links a large handbook has."""
    path, sign, fragment = target.partition("#")
    here = [part for part in page.split("/") if part]
    there = [part for part in path.split("/") if part]
    common = 0
    for mine, theirs in zip(here, there, strict=False):
        if mine != theirs:
            break
        common += 1
    link = "/".join([".."] * (len(here) - common) + there[common:])
    if not link:
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


def home_chapters(chapters: list[ChapterFile], page: str) -> list[dict[str, str]]:
    """The chapters as the home page lists them."""
    return [
        {
            "title": chapter.title,
            "description": chapter.description,
            "url": relative_url(chapter_url(chapter.slug), page),
        }
        for chapter in chapters
    ]


MATRIX_CHAPTERS = 30  # a coverage matrix wider than this is unreadable, and grows with chapters x entries
MOST_SHARED = 30  # the split index's front page lists the techniques shared by the most chapters
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
            url = relative_url(index_entry_url(entry.id, entry.title, len(handbook.entries)), page)
            places.append({"number": 0, "title": f"{more} more chapters (see the index)", "url": url})
        if places:
            result[technique.anchor] = places
    return result


def index_view(handbook: Handbook, page: str, letter: str | None = None) -> dict[str, Any]:
    """The technique index, or one letter of it when the index is split
    (``catalogue.index_is_split``): entries A to Z with every place they appear, a letter
    bar, and what covers what. The coverage matrix (entries by chapters) is shown only
    while the handbook has few chapters; a page never grows with chapters x entries."""
    numbers = handbook.numbers
    titles = handbook.titles
    split = index_is_split(len(handbook.entries))

    def view_of(entry: Entry) -> dict[str, Any]:
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
        return {
            "id": entry.id,
            "anchor": f"i-{entry.id}",
            "title": entry.title,
            "places": places,
            "key": index_letter(entry.title),
            "url": relative_url(index_entry_url(entry.id, entry.title, len(handbook.entries)), page),
            "count": len({o.chapter for o in entry.occurrences}),
        }

    def rank(entry: Entry) -> tuple[int, str, str]:
        return (-len({o.chapter for o in entry.occurrences}), entry.title.casefold(), entry.id)

    if split and letter is None:  # the front page of a split index: no entries, the most shared
        shown: list[Entry] = []
        most_shared = [view_of(entry) for entry in sorted(handbook.entries, key=rank)[:MOST_SHARED]]
    else:
        shown = [entry for entry in handbook.entries if letter is None or index_letter(entry.title) == letter]
        most_shared = []
    entries = [view_of(entry) for entry in sorted(shown, key=lambda e: (e.title.casefold(), e.id))]
    groups: dict[str, list[dict[str, Any]]] = {}
    for view in entries:
        groups.setdefault(view["key"], []).append(view)
    present = {index_letter(entry.title) for entry in handbook.entries}
    keys = (["other"] if "other" in present else []) + list("abcdefghijklmnopqrstuvwxyz")
    letters = [
        {
            "key": key,
            "label": "#" if key == "other" else key.upper(),
            "present": key in present,
            "url": relative_url(index_page_url(key) if split else f"{INDEX_URL}#letter-{key}", page),
        }
        for key in keys
    ]
    chapters = [
        {"number": numbers[item.slug], "title": item.title, "url": relative_url(chapter_url(item.slug), page)}
        for item in handbook.chapters
    ]
    matrix = []
    if len(handbook.chapters) <= MATRIX_CHAPTERS and not split:
        for view in sorted(entries, key=lambda e: (-e["count"], e["title"].casefold(), e["id"])):
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
        "distinct": len(handbook.entries),
        "chapter_count": len(handbook.chapters),
        "entries": entries,
        "chapters": chapters if matrix else [],
        "letters": letters,
        "groups": [
            {"key": key, "label": "#" if key == "other" else key.upper(), "entries": groups[key]}
            for key in sorted(groups, key=lambda k: (k != "other", k))
        ],
        "matrix": matrix,
        "most_shared": [view for view in most_shared if view["count"] > 1],
        "split": split,
        "letter": letter,
        "json_url": relative_url("techniques.json", page),
    }
