"""``handbook check``: every problem a contributed chapter can have, one line each.

The same problems are the plugin's build warnings, so ``mkdocs build --strict`` fails on
them too.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from . import chapters, frontmatter, normalise, safety
from .errors import HandbookError
from .extract import extract

MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
HEADING = re.compile(r"^#{1,6} (.*)$", re.M)


def chapter_files(paths: Iterable[Path]) -> list[Path]:
    """The chapter files named by ``paths``: files as given, folders by their chapters."""
    found: list[Path] = []
    for path in paths:
        found.extend(chapters.chapter_paths(path) if path.is_dir() else [path])
    return found


def check(paths: Iterable[Path]) -> list[HandbookError]:
    """Problems of the chapter files in ``paths``, in file and line order."""
    files = chapter_files(paths)
    problems: list[HandbookError] = []
    seen_slugs: dict[str, Path] = {}
    seen_titles: dict[str, Path] = {}
    for path in files:
        try:
            source, _ = chapters.read_text(path)
            chapter = chapters.chapter_from_text(path, source)
        except HandbookError as error:
            problems.append(error.located(path) if error.path is None else error)
            continue
        problems += duplicates(chapter, seen_slugs, seen_titles)
        problems += chapter_problems(chapter, source)
    return problems


def duplicates(chapter: chapters.Chapter, slugs: dict[str, Path], titles: dict[str, Path]) -> list[HandbookError]:
    """A chapter whose slug or title an earlier chapter already has (the site would serve
    one over the other, or show two chapters of one name)."""
    problems = []
    for key, seen, what in ((chapter.slug, slugs, "slug"), (chapter.title.casefold(), titles, "title")):
        if key in seen and seen[key] != chapter.path:
            problems.append(
                HandbookError(
                    f"the same {what} as {seen[key]}",
                    path=chapter.path,
                    line=1,
                    fix="give one of them another title and file name",
                )
            )
        seen.setdefault(key, chapter.path)
    return problems


def chapter_problems(chapter: chapters.Chapter, source: str) -> list[HandbookError]:
    problems = [
        HandbookError(
            f"{what} could run as script",
            path=chapter.path,
            line=line,
            fix="remove it: chapters are plain text and Markdown",
        )
        for line, what in safety.script_capable_html(source)
    ]
    try:
        normal = normalise.text(source)
    except HandbookError as error:
        return problems + [error.located(chapter.path)]
    if normal != source:
        problems.append(
            HandbookError(
                "not in the normal form",
                path=chapter.path,
                line=first_difference(source, normal),
                fix=f"run 'handbook check --fix {chapter.path}' to rewrite it",
            )
        )
    _, body, body_line = frontmatter.split(normal)
    if not extract(body):
        problems.append(
            HandbookError(
                "no technique found",
                path=chapter.path,
                line=body_line,
                fix="list techniques under a heading such as 'Techniques for ...', each item starting with a verb",
            )
        )
    problems += broken_links(chapter)
    return problems


def first_difference(source: str, normal: str) -> int:
    # zip stops at the shorter text: a difference past it is in the line after the shorter's end.
    for number, (before, after) in enumerate(zip(source.split("\n"), normal.split("\n"), strict=False), start=1):
        if before != after:
            return number
    return min(source.count("\n"), normal.count("\n")) + 1


def anchors_of(path: Path) -> set[str]:
    """The ids a chapter page has: its headings' (as the toc extension makes them) and its
    techniques'."""
    try:
        source, _ = chapters.read_text(path)
        _, body, _ = frontmatter.split(normalise.text(source))
    except HandbookError:
        return set()
    headings = {toc_slug(normalise.plain(text)) for text in HEADING.findall(body)}
    return headings | {technique.anchor for technique in extract(body)}


def toc_slug(text: str) -> str:
    """The id Python-Markdown's toc extension gives a heading."""
    slug = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", slug)


def broken_links(chapter: chapters.Chapter) -> list[HandbookError]:
    """Links to other files of the site that do not exist, or to anchors they lack."""
    problems = []
    for offset, line in enumerate(chapter.body.split("\n")):
        for match in MARKDOWN_LINK.finditer(line):
            target = match.group(1)
            if EXTERNAL.match(html.unescape(target)) or target.startswith("/"):
                continue
            file_part, _, anchor = target.partition("#")
            linked = (chapter.path.parent / file_part).resolve() if file_part else chapter.path
            problem = None
            if not linked.exists():
                problem = f"the link to {target!r} leads nowhere: there is no {file_part}"
            elif anchor and linked.suffix == ".md" and anchor not in anchors_of(linked):
                problem = f"the link to {target!r} leads nowhere: {linked.name} has no #{anchor}"
            if problem:
                problems.append(
                    HandbookError(
                        problem,
                        path=chapter.path,
                        line=chapter.body_line + offset,
                        fix="link to a chapter file, e.g. 02-follow-up.md#t-follow-up",
                    )
                )
    return problems


def fix(paths: Iterable[Path]) -> list[Path]:
    """Rewrite the chapters in ``paths`` that are not in normal form; the files fixed."""
    planned: dict[Path, str] = {}
    for path in chapter_files(paths):
        try:
            source, _ = chapters.read_text(path)
            normal = normalise.text(source)
        except HandbookError:
            continue  # reported by check()
        if normal != source:
            planned[path] = normal
    chapters.write_all(planned)
    return list(planned)
