"""A chapter file read once: decoded, front matter split, body parsed, normal form
rendered, techniques extracted, and its own problems found. Also what ``import`` plans."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from . import checks, extract, files, frontmatter, markdown, normalise
from .errors import HandbookError
from .language import slugify
from .model import Chapter, ChapterFile, Found


@dataclass(frozen=True)
class PlannedFile:
    """A chapter ``import`` (or ``new``) will write: where, what, and what it was made from."""

    source: Path
    target: Path
    title: str
    text: str


def slug_of(path: Path) -> str:
    return files.chapter_slug(path) or slugify(path.stem)


def read_file(path: Path) -> tuple[ChapterFile | None, list[HandbookError]]:
    """The chapter file ``path``, its front matter split, and its problems so far; ``None``
    if it cannot be read at all (bad encoding, broken front matter, beyond the limits a
    chapter can need), which is then its one problem: no engine or parser ever sees it."""
    try:
        source, _ = files.read_text(path, lenient=False)
        meta, body, body_line = frontmatter.split(source)
        markdown.refuse_oversized(body, body_line)
    except HandbookError as error:
        return None, [error if error.path is not None else error.located(path)]
    problems: list[HandbookError] = []
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(HandbookError("has no title", path=path, line=1, fix="add 'title: ...' to its front matter"))
        title = slug_of(path).replace("-", " ").capitalize()
    description = meta.get("description")
    return ChapterFile(
        path=path,
        slug=slug_of(path),
        title=" ".join(title.split()),
        description=" ".join(description.split()) if isinstance(description, str) else "",
        source=source,
        meta=meta,
        body=body,
        body_line=body_line,
    ), problems


def read(file: ChapterFile, placeholders: frozenset[str] = frozenset()) -> Found:
    """What a file read by ``read_file`` holds: parsed, its normal form rendered, its
    techniques extracted, and its own problems."""
    parsed = markdown.parse_within_limits(file.body, file.body_line)
    problems: list[HandbookError] = []
    techniques = extract.extract(parsed.document)
    try:
        normal = normalise.normal_text(file.meta, parsed.tokens, parsed.env, source_lines=file.body_line - 1).text
    except HandbookError as error:
        problems.append(error.located(file.path, file.body_line - 1) if error.path is None else error)
        normal = file.source
    if normal != file.source:
        problems.append(not_normal(file, normal))
    chapter = Chapter(file, parsed.document, normal, techniques)
    problems += checks.of_chapter(chapter, placeholders)
    return Found(parsed.document, normal, techniques, problems)


def not_normal(file: ChapterFile, normal: str) -> HandbookError:
    """What differs from the normal form: the first differing line, as a short diff."""
    before, after = file.source.split("\n"), normal.split("\n")
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    _, first, last, new_first, new_last = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    shown = [f"-{line}" for line in before[first:last][:2]] + [f"+{line}" for line in after[new_first:new_last][:2]]
    return HandbookError(
        "not in the normal form: " + " | ".join(repr(line)[1:-1][:100] for line in shown),
        path=file.path,
        line=first + 1,
        fix=f"run 'handbook check --fix {file.path}' to rewrite it",
    )


def plan_import(sources: list[Path], directory: Path, title: str | None = None) -> tuple[list[PlannedFile], list[str]]:
    """What importing ``sources`` into ``directory`` would write, and the warnings on the way.

    Nothing is written here. New chapters are numbered after the chapters already in
    ``directory``; a source that already is one of them is normalised in place. Any problem with any source raises
    ``HandbookError``, so that nothing is imported.
    """
    if title is not None and len(sources) != 1:
        raise HandbookError(
            "--title names one chapter, but more files were given", path=sources[1], fix="import them one at a time"
        )
    if directory.exists() and not directory.is_dir():
        raise HandbookError("is not a folder", path=directory, fix="pass --chapters a folder")
    existing = files.scan(directory).chapters if directory.is_dir() else []
    by_slug = {slug_of(path): path for path in existing}
    resolved = {path.resolve(): path for path in existing}
    next_number = max((int(files.chapter_order(p)[0]) for p in existing), default=0) + 1
    width = max(2, len(str(next_number + len(sources))))
    plans: list[PlannedFile] = []
    warnings: list[str] = []
    for source in sources:
        raw, read_warnings = files.read_text(source, lenient=True)
        warnings.extend(read_warnings)
        try:
            normal = normalise.text(raw, title=title, lenient=True)
        except HandbookError as error:
            raise error.located(source) from None
        warnings.extend(f"{source}:{warning}" for warning in normal.warnings)
        in_place = resolved.get(source.resolve())
        slug = slug_of(in_place) if in_place is not None else slugify(normal.title)
        earlier = by_slug.get(slug)
        if in_place is None and earlier is not None and files.same_text(earlier, normal.text):
            in_place = earlier  # imported already, by a run that was killed before it finished
        if not slug:
            raise HandbookError(
                f"the title {normal.title!r} has no letters or digits to name a file after",
                path=source,
                fix='pass --title "A Title With Words"',
            )
        if in_place is not None:  # re-imported: keep its file (and URL) even if the title changed
            target = in_place
        else:
            target = directory / f"{next_number:0{width}d}-{slug}.md"
            next_number += 1
        clash = by_slug.get(slug)
        if clash is not None and clash != target:
            raise HandbookError(
                f"the title {normal.title!r} would collide with {clash}",
                path=source,
                fix='give it another title with --title "..."',
            )
        by_slug[slug] = target
        plans.append(PlannedFile(source, target, normal.title, normal.text))
    return plans, warnings
