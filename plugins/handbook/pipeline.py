"""One pass over the handbook: every chapter read, decoded, parsed, extracted and checked
once, then the techniques grouped into the index.

``load`` is what the MkDocs plugin and every ``handbook`` command call; they all consume
its result, so the site, ``check`` and ``techniques`` agree on every problem, anchor and id.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import cache, chapters, checks, dedup, editorial, files, frontmatter, ids, scaffold
from .errors import HandbookError
from .language import slugify
from .model import Chapter, ChapterFile, Entry, NearMiss, Occurrence, Rules, Technique


@dataclass
class Sources:
    """A docs folder read, before any chapter is parsed: the files found, each chapter file
    with its front matter, the home page, and the problems so far. All an engine needs to
    render the chapters' pages while the rest of the pass runs."""

    scan: files.Scan
    chapters: list[ChapterFile]
    home_page: tuple[dict[str, object], str]  # the home page's front matter and body
    problems: list[HandbookError]

    @property
    def docs_dir(self) -> Path:
        return self.scan.docs_dir

    @property
    def home(self) -> Path | None:
        return self.scan.home

    @property
    def assets(self) -> list[Path]:
        return self.scan.assets


@dataclass
class Handbook:
    """Everything one pass learned about the chapters of a docs folder."""

    sources: Sources
    chapters: list[Chapter]
    entries: list[Entry]
    problems: list[HandbookError]
    near_misses: list[NearMiss] = field(default_factory=list)  # close pairs the index did not merge
    records: ids.Records | None = None  # what the lock file of entry ids is to hold; None: it holds it
    lock_file: Path | None = None
    memo: Path | None = None  # where the lock file's records are kept between passes (``ids.load``)
    by_place: dict[tuple[str, str], Entry] = field(init=False)

    def __post_init__(self) -> None:
        self.by_place = {(o.chapter, o.anchor): entry for entry in self.entries for o in entry.occurrences}

    @property
    def docs_dir(self) -> Path:
        return self.sources.docs_dir

    def entry_of(self, chapter_slug: str, anchor: str) -> Entry:
        """The index entry that holds the technique at ``anchor`` of a chapter."""
        return self.by_place[(chapter_slug, anchor)]

    @functools.cached_property
    def by_path(self) -> dict[Path, Chapter]:
        return {chapter.path: chapter for chapter in self.chapters}

    @functools.cached_property
    def numbers(self) -> dict[str, int]:
        """Chapter slug -> its number as readers see it (its place in the handbook)."""
        return {chapter.slug: number for number, chapter in enumerate(self.chapters, start=1)}

    @functools.cached_property
    def titles(self) -> dict[str, str]:
        return {chapter.slug: chapter.title for chapter in self.chapters}

    def problems_of(self, path: Path) -> list[HandbookError]:
        """The problems reported against one file."""
        return [problem for problem in self.problems if problem.path == str(path)]


def occurrences_of(read_chapters: list[Chapter]) -> list[Occurrence]:
    return [
        Occurrence(chapter.slug, technique.anchor, technique.label, technique.text, technique.frame)
        for chapter in read_chapters
        for technique in chapter.techniques
    ]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for the pass. The pass builds hundreds of thousands
    of objects that live until it ends (blocks, techniques, frames, the lock file's records)
    and almost no reference cycles, and the collector scans every live object again and
    again as they pile up: a quarter of the time of ``handbook techniques`` on 1,000
    chapters. Memory is freed as before when the last reference goes; cycles wait for the
    end of the pass."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@collector_paused()
def read(docs_dir: Path) -> Sources:
    """The first step of the pass: every file of ``docs_dir`` sorted, every chapter file
    read and its front matter split, the home page read."""
    scan = files.scan(docs_dir)
    problems: list[HandbookError] = list(scan.problems)
    chapter_files: list[ChapterFile] = []
    for path in scan.chapters:
        chapter_file, file_problems = chapters.read_file(path)
        problems += file_problems
        if chapter_file is not None:
            chapter_files.append(chapter_file)
    home_page: tuple[dict[str, object], str] = ({}, "")
    if scan.home is not None:
        try:
            meta, body, _ = frontmatter.split(files.read_text(scan.home, lenient=False)[0])
            home_page = (meta, body)
        except HandbookError as error:
            problems.append(error if error.path is not None else error.located(scan.home))
    return Sources(scan, chapter_files, home_page, problems)


def load(
    docs_dir: Path,
    editorial_file: Path | None = None,
    lock_file: Path | None = None,
    templates: Path | None = None,
    *,
    cached: bool = True,
) -> Handbook:
    """The whole pass over ``docs_dir``: ``read``, then ``complete``."""
    return complete(read(docs_dir), editorial_file, lock_file, templates, cached=cached)


@collector_paused()
def complete(
    sources: Sources,
    editorial_file: Path | None = None,
    lock_file: Path | None = None,
    templates: Path | None = None,
    *,
    cached: bool = True,
    busy_cores: int = 0,
) -> Handbook:
    """The rest of the pass: each chapter parsed, extracted and checked once, and the
    techniques grouped into the index, keeping the entry ids recorded in ``lock_file``
    (default: ``techniques.lock.yml`` beside the docs folder, if there is one). With
    ``templates``, a chapter still holding the text of the ``handbook new`` template is a
    problem. With ``cached``, what an earlier pass found in a chapter file that has not
    changed since is taken from ``.cache/handbook`` beside the docs folder (``cache``).
    Chapters are parsed on every core but ``busy_cores`` (which other work needs meanwhile).

    Problems are collected, not raised, so one broken chapter does not hide the others;
    a chapter that cannot be read is left out of the site and the index.
    """
    problems: list[HandbookError] = list(sources.problems)
    read_chapters: list[Chapter] = []
    placeholders = scaffold.placeholders(templates) if templates is not None else frozenset()
    store = cache.ChapterCache(sources.docs_dir.parent / cache.FOLDER) if cached else None
    for chapter_file, found in zip(
        sources.chapters, chapters.read_all(sources.chapters, placeholders, store, busy_cores), strict=True
    ):
        problems += found.problems
        read_chapters.append(Chapter(chapter_file, found.document, found.normal, list(found.techniques)))
    problems += checks.across_chapters(read_chapters, sources.scan)
    occurrences = occurrences_of(read_chapters)
    rules = Rules()
    if editorial_file is not None:
        rules, editorial_problems = editorial.load(editorial_file, {o.place for o in occurrences})
        problems += editorial_problems
        if rules.drop or rules.add:
            problems += apply_corrections(read_chapters, rules, editorial_file)
            occurrences = occurrences_of(read_chapters)
    lock_file = lock_file or sources.docs_dir.parent / ids.LOCK_FILE
    recorded = ids.Records()
    if lock_file.exists():
        try:
            recorded = ids.load(lock_file, store.folder if store else None)
        except HandbookError as error:
            problems.append(error)
    index = dedup.build_index(occurrences, rules, recorded)
    entries = index.entries
    if editorial_file is not None:
        problems += editorial.unknown_titles(editorial_file, rules, {entry.id for entry in entries})
    return Handbook(
        sources,
        read_chapters,
        entries,
        sort_problems(problems),
        index.near_misses,
        None if index.records == recorded and lock_file.is_file() else index.records,
        lock_file,
        store.folder if store else None,
    )


def apply_corrections(read_chapters: list[Chapter], rules: Rules, editorial_file: Path) -> list[HandbookError]:
    """An editor's corrections to extraction: techniques dropped, and techniques added where
    the chapter states them (the quoted words), in reading order with anchors of their own."""
    problems = []
    by_slug = {chapter.slug: chapter for chapter in read_chapters}
    for each in read_chapters:
        each.techniques = [t for t in each.techniques if f"{each.slug}#{t.anchor}" not in rules.drop]
    for addition in rules.add:
        chapter = by_slug.get(addition.chapter)
        quote = addition.quote.casefold()
        block = next(
            (
                block
                for block in (chapter.document.walk() if chapter else [])
                if block.kind in ("paragraph", "heading") and quote in " ".join(block.text.split()).casefold()
            ),
            None,
        )
        if chapter is None or block is None:
            where = f"no chapter {addition.chapter!r}" if chapter is None else f"{addition.chapter} does not say it"
            problems.append(
                HandbookError(
                    f"add: {where}: {addition.quote!r}",
                    path=editorial_file,
                    line=addition.line,
                    fix="quote the chapter's own words, and name the chapter by its slug as in techniques.json",
                )
            )
            continue
        taken = {technique.anchor for technique in chapter.techniques}
        anchor = base = "t-" + (slugify(addition.label, max_length=60) or "technique")
        suffix = 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        added = Technique(anchor, addition.label, block.text, "prose", block.line, phrase=addition.quote)
        chapter.techniques = sorted([*chapter.techniques, added], key=lambda technique: technique.line)
    return problems


def record_ids(handbook: Handbook) -> bool:
    """Write the entry ids of this pass to the lock file if they changed; whether it was."""
    if handbook.records is None or handbook.lock_file is None:
        return False
    return ids.save(handbook.lock_file, handbook.records, handbook.memo)


def sort_problems(problems: list[HandbookError]) -> list[HandbookError]:
    """In file and line order, each problem once."""
    unique = {str(problem): problem for problem in problems}
    return sorted(unique.values(), key=lambda p: (p.path or "", p.line or 0, p.problem))
