"""The problems a chapter can have, found on the one parse of each chapter.

``handbook check`` prints them and the MkDocs plugin logs them as warnings, so ``check``
fails exactly when ``mkdocs build --strict`` does. Links are checked as MkDocs validates
them (relative to the chapter file, anchors by Python-Markdown's own heading ids).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote

from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import unique

from . import sanitise
from .errors import HandbookError
from .model import Chapter

SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
LINK_FIX = "link to a chapter file relative to this one, e.g. 02-follow-up.md#t-follow-up"


class Scanned(Protocol):
    """What ``files.scan`` found in the docs folder (chapters, home page, images)."""

    docs_dir: Path
    chapters: list[Path]
    home: Path | None
    assets: list[Path]


def of_chapter(chapter: Chapter, placeholders: frozenset[str] = frozenset()) -> list[HandbookError]:
    """Problems a chapter has on its own: HTML or URLs the sanitiser would remove, no
    technique, text of the ``handbook new`` template left as it was (``placeholders``)."""
    problems = [
        HandbookError(f"{what} would be removed from the page", path=chapter.path, line=raw.line, fix="delete it")
        for raw in chapter.document.html
        for what in sanitise.problems_of(raw)
    ]
    for link in chapter.document.links:
        problem = sanitise.url_problem(link.url)
        if problem is not None:
            problems.append(HandbookError(problem, path=chapter.path, line=link.line, fix="link to an http(s) page"))
    problems += [
        HandbookError(
            "still holds the placeholder text of 'handbook new'",
            path=chapter.path,
            line=block.line,
            fix="replace it with the chapter's own words",
        )
        for block in chapter.document.walk()
        if block.kind == "paragraph" and block.text in placeholders
    ]
    if not chapter.techniques:
        problems.append(
            HandbookError(
                "no technique found",
                path=chapter.path,
                line=chapter.body_line,
                fix="tell the reader what to do, e.g. a list of instructions under a heading",
            )
        )
    return problems


def heading_ids(chapter: Chapter) -> list[str]:
    """The ids Python-Markdown's toc extension gives the chapter's headings, in order."""
    taken: set[str] = set()
    return [unique(toc_slugify(heading.text, "-"), taken) for heading in chapter.document.headings]


def anchors_of(chapter: Chapter) -> set[str]:
    """Every id a chapter page has: its headings' and its techniques'."""
    return set(heading_ids(chapter)) | {technique.anchor for technique in chapter.techniques}


def across_chapters(chapters: list[Chapter], scan: Scanned) -> list[HandbookError]:
    """Problems that need every chapter: duplicate titles, links and anchors."""
    problems = duplicate_titles(chapters)
    anchors = {chapter.path.name: anchors_of(chapter) for chapter in chapters}
    known = {path.relative_to(scan.docs_dir).as_posix() for path in [*scan.chapters, *scan.assets]}
    if scan.home is not None:
        known.add(scan.home.name)
    for chapter in chapters:
        for link in chapter.document.links:
            problem = link_problem(link.url, chapter.path.name, known, anchors)
            if problem is not None:
                problems.append(HandbookError(problem, path=chapter.path, line=link.line, fix=LINK_FIX))
    return problems


def duplicate_titles(chapters: Iterable[Chapter]) -> list[HandbookError]:
    """A chapter whose title an earlier chapter already has: two chapters of one name."""
    seen: dict[str, Path] = {}
    problems = []
    for chapter in chapters:
        first = seen.setdefault(chapter.title.casefold(), chapter.path)
        if first != chapter.path:
            problems.append(
                HandbookError(
                    f"the same title as {first}", path=chapter.path, line=1, fix="give one of them another title"
                )
            )
    return problems


def link_problem(url: str, page: str, known: set[str], anchors: dict[str, set[str]]) -> str | None:
    """Why a link of the chapter file ``page`` would not work on the site, or ``None``.

    Links with a scheme (``https:``, ``mailto:``) are left to the sanitiser; a link from
    the site root (``/x``) breaks wherever the site is not served at the root.
    """
    if SCHEME.match(url) or url.startswith("//"):
        return None
    if url.startswith("/"):
        return f"the link {url!r} is absolute: it breaks when the site is not served at the root"
    path_part, _, anchor = url.partition("#")
    path_part = unquote(path_part.partition("?")[0])
    target = page if not path_part else posixpath.normpath(posixpath.join(posixpath.dirname(page), path_part))
    if target.startswith("../") or target == "..":
        return f"the link {url!r} points outside the chapters folder"
    if target not in known and target != page:
        return f"the link {url!r} leads nowhere: there is no {target}"
    if anchor and target in anchors and anchor not in anchors[target]:
        return f"the link {url!r} leads nowhere: {target} has no #{anchor}"
    return None
