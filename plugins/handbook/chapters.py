"""Chapter files on disk: reading raw texts safely, finding chapters, importing atomically."""

from __future__ import annotations

import codecs
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, normalise
from .errors import HandbookError

CHAPTER_NAME = re.compile(r"^(?P<number>\d+)-(?P<slug>[^/]+)\.md$")
BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Chapter:
    """A chapter file in the chapters folder, with its front matter read."""

    path: Path
    slug: str
    title: str
    description: str
    body: str
    body_line: int  # 1-based line of the file where the body starts


@dataclass(frozen=True)
class PlannedFile:
    """A chapter ``import`` will write: where, what, and what it was made from."""

    source: Path
    target: Path
    title: str
    text: str


def read_text(path: Path) -> tuple[str, list[str]]:
    """The text of ``path`` and any warnings about how it was decoded.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read
    as they are. Other bytes are taken as Windows-1252, the usual encoding of text
    pasted from office software, with a warning. Binary files are refused.
    """
    if not path.exists():
        raise HandbookError("no such file", path=path, fix="check the path")
    if path.is_dir():
        raise HandbookError("is a folder, not a chapter text", path=path, fix="name the files inside it")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise HandbookError(f"cannot be read: {error.strerror}", path=path) from None
    warnings: list[str] = []
    if data.startswith(UTF16_BOMS):
        text = decode(data, "utf-16", path)
    else:
        if b"\x00" in data:
            raise HandbookError("is a binary file, not a chapter text", path=path, fix="import a plain-text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            text = decode(data, "cp1252", path)
            warnings.append(
                f"{path}:{line}: not UTF-8; read as Windows-1252 "
                "(check accented letters, and save the file as UTF-8 to silence this)"
            )
    if len(BINARY_CONTROL.findall(text)) > max(2, len(text) // 100):
        raise HandbookError("is a binary file, not a chapter text", path=path, fix="import a plain-text file")
    if not text.strip():
        raise HandbookError("is empty", path=path, fix="write the chapter's text into it first")
    return text, warnings


def decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "cp1252":  # five byte values are undefined in Windows-1252
            return data.decode("latin-1")
        raise HandbookError(f"is not valid {encoding.upper()} text", path=path, fix="save it as UTF-8") from None


def chapter_paths(directory: Path) -> list[Path]:
    """The chapter files of ``directory`` (``NN-slug.md``), in chapter order."""
    if not directory.is_dir():
        return []
    found = [path for path in directory.iterdir() if CHAPTER_NAME.match(path.name) and path.is_file()]
    return sorted(found, key=lambda path: (int(CHAPTER_NAME.match(path.name)["number"]), path.name))


def load_chapter(path: Path) -> Chapter:
    """Read a chapter file; bad encoding or front matter raises ``HandbookError`` naming it."""
    return chapter_from_text(path, read_text(path)[0])


def chapter_from_text(path: Path, text: str) -> Chapter:
    """The chapter that ``text``, the content of the chapter file ``path``, holds."""
    match = CHAPTER_NAME.match(path.name)
    if match is None:
        raise HandbookError("is not named like a chapter", path=path, fix="name it NN-slug.md, e.g. 06-follow-up.md")
    try:
        meta, body, body_line = frontmatter.split(text)
    except HandbookError as error:
        raise error.located(path) from None
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise HandbookError("has no title", path=path, line=1, fix="add 'title: ...' to its front matter")
    description = meta.get("description")
    return Chapter(
        path=path,
        slug=match["slug"],
        title=title.strip(),
        description=description.strip() if isinstance(description, str) else "",
        body=body,
        body_line=body_line,
    )


def plan_import(sources: list[Path], directory: Path, title: str | None = None) -> tuple[list[PlannedFile], list[str]]:
    """What importing ``sources`` into ``directory`` would write, and the warnings on the way.

    Nothing is written here. New chapters are numbered after the chapters already in
    ``directory``; a source that already is one of them is normalised in place. Any
    problem with any source raises ``HandbookError``, so that nothing is imported.
    """
    if title is not None and len(sources) != 1:
        raise HandbookError(
            "--title names one chapter, but more files were given", path=sources[1], fix="import them one at a time"
        )
    if directory.exists() and not directory.is_dir():
        raise HandbookError("is not a folder", path=directory, fix="pass --chapters a folder")
    existing = {path.resolve(): path for path in chapter_paths(directory)}
    slugs = {CHAPTER_NAME.match(path.name)["slug"]: path for path in existing.values()}
    next_number = max((int(CHAPTER_NAME.match(p.name)["number"]) for p in existing.values()), default=0) + 1
    width = max(2, len(str(next_number + len(sources))))
    plans: list[PlannedFile] = []
    warnings: list[str] = []
    for source in sources:
        raw, read_warnings = read_text(source)
        warnings.extend(read_warnings)
        try:
            text = normalise.text(raw, title=title)
        except HandbookError as error:
            raise error.located(source) from None
        chapter_title = str(frontmatter.split(text)[0]["title"])
        slug = normalise.slugify(chapter_title)
        if not slug:
            raise HandbookError(
                f"the title {chapter_title!r} has no letters or digits to name a file after",
                path=source,
                fix='pass --title "A Title With Words"',
            )
        in_place = existing.get(source.resolve())
        if in_place is not None and CHAPTER_NAME.match(in_place.name)["slug"] == slug:
            target = in_place
        else:
            target = directory / f"{next_number:0{width}d}-{slug}.md"
            next_number += 1
        clash = slugs.get(slug)
        if clash is not None and clash != target:
            raise HandbookError(
                f"the title {chapter_title!r} would collide with {clash}",
                path=source,
                fix='give it another title with --title "..."',
            )
        slugs[slug] = target
        plans.append(PlannedFile(source, target, chapter_title, text))
    return plans, warnings


def file_mode(path: Path) -> int:
    """The permissions for writing ``path``: its own if it exists, else those a new file gets
    (``mkstemp`` makes files that only their owner can read)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_all(texts: dict[Path, str]) -> None:
    """Write every file (path: text) or none: each goes to a temporary file first, and only
    when all are written are they renamed into place (a rename is atomic)."""
    temporary: list[tuple[Path, Path]] = []
    try:
        for target, text in texts.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temporary.append((Path(name), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                os.fchmod(stream.fileno(), file_mode(target))
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
        for name, target in temporary:
            os.replace(name, target)
    except OSError as error:
        for name, _ in temporary:
            name.unlink(missing_ok=True)
        raise HandbookError(f"could not write: {error.strerror}", path=error.filename) from None
