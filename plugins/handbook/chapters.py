"""A chapter file read once: decoded, front matter split, body parsed, normal form
rendered, techniques extracted, and its own problems found. Also what ``import`` plans."""

from __future__ import annotations

import difflib
import multiprocessing
import os
import sys
import threading
from concurrent import futures
from dataclasses import dataclass, replace
from pathlib import Path

from . import cache, checks, extract, files, frames, frontmatter, markdown, normalise
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
    techniques extracted and read as the index compares them, and its own problems."""
    parsed = markdown.parse_within_limits(file.body, file.body_line)
    problems: list[HandbookError] = []
    techniques = [replace(each, frame=frames.reading(each)) for each in extract.extract(parsed.document)]
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


PARALLEL_FROM = 64  # chapters to parse before other processes are worth starting (about a second each)
MAX_PROCESSES = 8


def read_all(
    chapter_files: list[ChapterFile],
    placeholders: frozenset[str],
    store: cache.ChapterCache | None,
    busy_cores: int = 0,
) -> list[Found]:
    """``read`` of every file, in order: from the cache where it holds the file, the rest
    parsed, many of them in other processes, on every core the machine lends but
    ``busy_cores``, while this one takes its share. Entries of files no longer read are
    pruned."""
    keys = [store.key(file, placeholders) if store else "" for file in chapter_files]
    found: dict[int, Found] = {}
    for index, file in enumerate(chapter_files):
        if store and (entry := store.get(keys[index], file)) is not None:
            found[index] = entry
    missing = [index for index in range(len(chapter_files)) if index not in found]
    helpers = max(0, helper_processes() - busy_cores) if len(missing) >= PARALLEL_FROM else 0
    share = len(missing) // (helpers + 1) if helpers else len(missing)
    mine, theirs = missing[:share], missing[share:]
    size = max(1, len(theirs) // (4 * helpers or 1))
    batches = [theirs[start : start + size] for start in range(0, len(theirs), size)]
    pool = futures.ProcessPoolExecutor(helpers, mp_context=pool_context()) if batches else None
    try:
        running = [
            pool.submit(read_encoded, [chapter_files[i] for i in batch], placeholders) for batch in batches if pool
        ]
        for index in mine:
            found[index] = read(chapter_files[index], placeholders)
            if store:
                store.put(keys[index], cache.encode(found[index], chapter_files[index]))
        for batch, future in zip(batches, running, strict=True):
            try:
                texts: list[str | None] = list(future.result())
            except futures.process.BrokenProcessPool:  # a helper could not start, or died: read here
                texts = [None] * len(batch)
            for index, text in zip(batch, texts, strict=True):
                decoded = cache.decode(text, chapter_files[index]) if text is not None else None
                found[index] = decoded or read(chapter_files[index], placeholders)
                if store:
                    store.put(keys[index], text or cache.encode(found[index], chapter_files[index]))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if store:
        store.prune(set(keys))
    return [found[index] for index in range(len(chapter_files))]


def helper_processes() -> int:
    """How many processes beside this one the machine has cores for."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, MAX_PROCESSES) - 1


def pool_context() -> multiprocessing.context.BaseContext:
    """Helpers forked where that is safe (Linux, no other thread: they start at once, with
    everything loaded), else started afresh (``spawn``, beside ``mkdocs serve``'s threads)."""
    safe_to_fork = sys.platform == "linux" and threading.active_count() == 1
    return multiprocessing.get_context("fork" if safe_to_fork else "spawn")


def read_encoded(chapter_files: list[ChapterFile], placeholders: frozenset[str]) -> list[str]:
    """``read`` of each file, as cache entries: what another process hands back."""
    return [cache.encode(read(file, placeholders), file) for file in chapter_files]


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
