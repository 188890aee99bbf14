"""A reviewer's report on a pull request: what its chapters add to the technique index.

``diff`` is ``handbook techniques --diff``: one line per technique added. ``review`` is
``handbook review``: a Markdown report for the pull-request comment (and the terminal):
techniques added, new or joining an entry; near misses with a ready ``editorial.yml`` rule;
entry ids that disappear, so readers' ticks saved under them would be dropped; and the
``check`` problems of the chapters the pull request changes.

Both compare the working tree with git ``revision``: the chapters folder (and the editorial
and lock files, when git has them) are extracted from it with ``git archive`` and loaded
with ``pipeline.load`` like the working tree's.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import dedup, pipeline
from .errors import HandbookError
from .model import Entry, NearMiss, Occurrence

LOCK_FILE = "techniques.lock.yml"  # handbook.ids.LOCK_FILE: the entry ids, next to the chapters folder


def repository_of(chapters: Path) -> Path:
    """The top folder of the git checkout that holds ``chapters``."""
    top = subprocess.run(
        ["git", "-C", str(chapters.resolve()), "rev-parse", "--show-toplevel"], capture_output=True, text=True
    )
    if top.returncode != 0:
        raise HandbookError("is not in a git checkout", path=chapters, fix="run the command inside the repository")
    return Path(top.stdout.strip())


def exists_at(top: Path, revision: str, relative: str) -> bool:
    found = subprocess.run(["git", "-C", str(top), "cat-file", "-e", f"{revision}:{relative}"], capture_output=True)
    return found.returncode == 0


def extract_at(top: Path, revision: str, relatives: list[str], into: Path) -> None:
    """Extract the files or folders ``relatives`` (relative to ``top``) as they were at
    ``revision`` into ``into``, keeping their paths."""
    archive = subprocess.run(
        ["git", "-C", str(top), "archive", "--format=tar", revision, "--", *relatives], capture_output=True
    )
    if archive.returncode != 0:
        raise HandbookError(
            f"git cannot read {', '.join(relatives)} at {revision!r}: "
            f"{archive.stderr.decode(errors='replace').strip()}",
            fix="name a branch or commit that exists, e.g. origin/main, fetched first",
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")


def chapters_at(revision: str, chapters: Path, into: Path) -> Path:
    """Extract the chapters folder as it was at git ``revision`` into ``into``."""
    top = repository_of(chapters)
    relative = chapters.resolve().relative_to(top)
    known = subprocess.run(
        ["git", "-C", str(top), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], capture_output=True
    )
    if known.returncode != 0:
        raise HandbookError(
            f"git knows no commit {revision!r}",
            fix="name a branch or commit that exists, e.g. origin/main, fetched first",
        )
    if exists_at(top, revision, relative.as_posix()):
        extract_at(top, revision, [relative.as_posix()], into)
    else:  # the chapters folder is new since the base: the base had no chapter
        (into / relative).mkdir(parents=True, exist_ok=True)
    return into / relative


@dataclass
class Comparison:
    """The handbook at the base revision and in the working tree."""

    revision: str
    base: pipeline.Handbook
    head: pipeline.Handbook
    changed: set[Path]  # resolved paths of the files that differ from the base (or are new)
    editorial_changed: bool


def compare(revision: str, chapters: Path, editorial_file: Path | None) -> Comparison:
    """Load the working tree's chapters, and the same files as they were at ``revision``."""
    top = repository_of(chapters)
    with tempfile.TemporaryDirectory() as temporary:
        into = Path(temporary)
        base_chapters = chapters_at(revision, chapters, into)  # first: a wrong revision fails fast
        head = pipeline.load(chapters, editorial_file)
        base_editorial: Path | None = None
        editorial_changed = False
        if editorial_file is not None:
            relative = inside(editorial_file, top)
            if relative is not None and exists_at(top, revision, relative):
                extract_at(top, revision, [relative], into)
                base_editorial = into / relative
            editorial_changed = read_bytes(editorial_file) != (read_bytes(base_editorial) if base_editorial else None)
        lock = inside(chapters.resolve().parent / LOCK_FILE, top)
        if lock is not None and exists_at(top, revision, lock):
            extract_at(top, revision, [lock], into)
        base = pipeline.load(base_chapters, base_editorial)
        changed = {
            path.resolve()
            for path in chapters.rglob("*")
            if path.is_file() and read_bytes(path) != read_bytes(base_chapters / path.relative_to(chapters))
        }
    return Comparison(revision, base, head, changed, editorial_changed)


def inside(path: Path, top: Path) -> str | None:
    """``path`` relative to ``top`` (POSIX), or ``None`` if it is outside."""
    try:
        return path.resolve().relative_to(top).as_posix()
    except ValueError:
        return None


def read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


# --- techniques added -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    """A technique the working tree has and the base had not, and the entry it is in."""

    occurrence: Occurrence
    entry: Entry
    older: list[Occurrence]  # the entry's occurrences already at the base: empty if new to the handbook


def added(comparison: Comparison) -> list[Added]:
    before = {o.place for entry in comparison.base.entries for o in entry.occurrences}
    result = []
    for entry in comparison.head.entries:
        older = [o for o in entry.occurrences if o.place in before]
        result += [Added(o, entry, older) for o in entry.occurrences if o.place not in before]
    return result


def diff(revision: str, chapters: Path, editorial_file: Path | None) -> list[str]:
    """Lines saying, for every technique the working tree has and ``revision`` had not,
    whether it merges into an existing index entry or is new to the handbook."""
    lines: list[str] = []
    merged = new = 0
    comparison = compare(revision, chapters, editorial_file)
    additions = added(comparison)
    for item in additions:
        if item.older:
            merged += 1
            chapters_list = ", ".join(sorted({o.chapter for o in item.older}))
            lines.append(
                f"merges  {item.occurrence.label!r} ({item.occurrence.place}) into '{item.entry.title}', "
                f"already in: {chapters_list}"
            )
        else:
            new += 1
            lines.append(f"new     {item.occurrence.label!r} ({item.occurrence.place})")
    for miss in near_misses(comparison, additions):
        lines.append(
            f"near    {miss.first} ~ {miss.second}: to merge them, add under 'merge:' in editorial.yml: "
            f"- [{miss.first_place}, {miss.second_place}]"
        )
    lines.append(f"{merged + new} techniques added since {revision}: {new} new to the handbook, {merged} already in it")
    return lines


# --- the review ------------------------------------------------------------------------------------


def review(base_ref: str, chapters_dir: Path, editorial_file: Path | None) -> str:
    """The Markdown report of ``handbook review BASE_REF``."""
    comparison = compare(base_ref, chapters_dir, editorial_file)
    titles = {c.slug: c.title for c in comparison.base.chapters} | {c.slug: c.title for c in comparison.head.chapters}
    additions = added(comparison)
    misses = near_misses(comparison, additions)
    dropped = dropped_ids(comparison)
    problems = changed_problems(comparison, editorial_file)

    new = sum(1 for item in additions if not item.older)
    counts = [
        f"{plural(len(additions), 'technique')} added ({new} new to the handbook, {len(additions) - new} joining "
        "an entry)",
        plural(len(misses), "near miss", "near misses"),
        f"{plural(len(dropped), 'entry id', 'entry ids')} dropped",
        f"{plural(len(problems), 'problem')} in the changed files",
    ]
    lines = ["## Handbook review", "", f"Compared with `{base_ref}`: " + "; ".join(counts) + "."]

    lines += ["", "### Techniques added", ""]
    if not additions:
        lines.append("None.")
    for item in additions:
        o = item.occurrence
        where = f"**{o.label}** in {chapter_name(o.chapter, titles)} (`{o.place}`)"
        if item.older:
            lines.append(
                f"- {where} joins the entry **{item.entry.title}** (`{item.entry.id}`), already in: "
                + ", ".join(chapter_names({x.chapter for x in item.older}, titles))
            )
        else:
            others = [x for x in item.entry.occurrences if x != o]
            also = (
                (" (also added in: " + ", ".join(chapter_names({x.chapter for x in others}, titles)) + ")")
                if others
                else ""
            )
            lines.append(f"- {where} is new to the handbook: entry **{item.entry.title}** (`{item.entry.id}`){also}")

    lines += ["", "### Near misses", ""]
    if not misses:
        lines.append("None: no technique added is close to another without being merged with it.")
    else:
        lines.append(
            "Close to another technique, but not merged. If they give the same advice, add the rule under "
            "`merge:` in `editorial.yml`; if not, nothing to do."
        )
    by_id = {entry.id: entry for entry in comparison.head.entries}
    for miss in misses:
        first, second = by_id.get(miss.first), by_id.get(miss.second)
        lines += [
            "",
            f"- **{first.title if first else miss.first}** (`{miss.first}`) and "
            f"**{second.title if second else miss.second}** (`{miss.second}`), similarity {miss.score:.2f}:",
            "",
            "  ```yaml",
            "  merge:",
            "  " + dedup.merge_rule(miss),
            "  ```",
        ]

    lines += ["", "### Readers' ticks", ""]
    if not dropped:
        lines.append("Every entry id of the base is kept: no reader's ticks are lost.")
    else:
        lines.append(
            "**Warning:** readers' ticks are saved under entry ids. After this pull request these ids no longer "
            "exist, so the ticks readers saved under them would be dropped:"
        )
        lines.append("")
        lines += [f"- {line}" for line in dropped]
        lines += [
            "",
            "If a technique was only reworded or moved, merge its new wording with the entry in `editorial.yml` "
            "or keep its place (chapter and anchor) so the entry keeps its id.",
        ]

    lines += ["", "### Problems in the changed files", ""]
    if not problems:
        lines.append("None.")
    lines += [f"- `{problem}`" for problem in problems]
    return "\n".join(lines) + "\n"


def near_misses(comparison: Comparison, additions: list[Added]) -> list[NearMiss]:
    """The near misses of the working tree that involve an entry a technique was added to.

    ``pipeline.Handbook.near_misses`` comes with the index's near-miss tier; until then, none."""
    touched = {item.entry.id for item in additions}
    misses: list[NearMiss] = getattr(comparison.head, "near_misses", [])
    return [miss for miss in misses if miss.first in touched or miss.second in touched]


def dropped_ids(comparison: Comparison) -> list[str]:
    """One Markdown line for each id (or alias) a tick could be saved under at the base
    and not in the working tree, saying what became of its entry."""
    head_live = {i for entry in comparison.head.entries for i in [entry.id, *entry.aliases]}
    head_by_place = {o.place: entry for entry in comparison.head.entries for o in entry.occurrences}
    lines = []
    for entry in comparison.base.entries:
        for old in [entry.id, *entry.aliases]:
            if old in head_live:
                continue
            now = {
                head_by_place[o.place].id: head_by_place[o.place] for o in entry.occurrences if o.place in head_by_place
            }
            name = f"`{old}` (**{entry.title}**)" if old == entry.id else f"`{old}` (an old id of **{entry.title}**)"
            if now:
                under = ", ".join(f"`{e.id}` (**{e.title}**)" for e in now.values())
                lines.append(f"{name}: its techniques are now in {under}, under another id")
            else:
                places = ", ".join(f"`{o.place}`" for o in entry.occurrences)
                lines.append(f"{name}: removed, no chapter has it any more (was {places})")
    return lines


def changed_problems(comparison: Comparison, editorial_file: Path | None) -> list[HandbookError]:
    """The working tree's problems in files that differ from the base (and those of no file)."""
    changed = set(comparison.changed)
    if editorial_file is not None and comparison.editorial_changed:
        changed.add(editorial_file.resolve())
    return [p for p in comparison.head.problems if p.path is None or Path(p.path).resolve() in changed]


def chapter_name(slug: str, titles: dict[str, str]) -> str:
    return f"“{titles[slug]}”" if slug in titles else f"`{slug}`"


def chapter_names(slugs: set[str], titles: dict[str, str]) -> list[str]:
    return [chapter_name(slug, titles) for slug in sorted(slugs)]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
