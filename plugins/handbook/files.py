"""Files on disk: which files under the chapters folder may be published, reading a text
safely, and writing several files all or nothing.

Everything under ``docs_dir`` is published by MkDocs, so every file there is either a
chapter (``NN-slug.md`` at the top level), the home page (``index.md``) or an image of an
allowed type; anything else is refused with its path and a fix. Symbolic links are never
followed: one could publish a file from outside the repository.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HandbookError

# A chapter file: a number, a hyphen, a slug of lower-case ASCII letters and digits in words
# joined by single hyphens, ".md". The slug is the chapter's URL, so nothing else may be in it.
CHAPTER_NAME = re.compile(r"\A(?P<number>[0-9]+)-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md\Z")
HOME = "index.md"
# Slugs a chapter may not have: the URLs of generated pages (checklists/, technique-index/),
# files and folders MkDocs and the theme write at the site root (assets/, search/, 404.html,
# sitemap.xml, techniques.json), and names reserved for pages the handbook may add.
RESERVED_SLUGS = frozenset(
    {
        "checklists",
        "checklist",
        "technique-index",
        "techniques",
        "index",
        "plan",
        "assets",
        "search",
        "404",
        "sitemap",
        "robots",
        "stylesheets",
        "javascripts",
        "images",
        "img",
        "static",
        "site",
        "overrides",
        "templates",
    }
)
# Images a chapter may show. Not SVG: an SVG file can hold script that runs on the site's origin.
ASSET_TYPES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})
# Asset and folder names: letters, digits, '_', '-' and dots between them; never hidden.
ASSET_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
FOLDER_NAME = re.compile(r"[A-Za-z0-9_-]+")
# The largest chapter text read (a long chapter is about 30 KB).
MAX_BYTES = 2 * 1024 * 1024
# Temporary files and journals of write_all, recognisable by a rerun after a crash.
TEMP_PREFIX = ".handbook-"
TEMP_SUFFIX = ".tmp"
JOURNAL_SUFFIX = ".journal"
SYMLINK = ("is a symbolic link: links are never followed or published", "replace it with the file it points to")
BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
ALLOWED_FILES = "chapters (NN-slug.md), index.md and images (" + ", ".join(sorted(t[1:] for t in ASSET_TYPES)) + ")"


@dataclass
class Scan:
    """What is under ``docs_dir``: chapters in chapter order, the home page, images, and a
    problem for every other file or folder."""

    docs_dir: Path
    chapters: list[Path] = field(default_factory=list)
    home: Path | None = None
    assets: list[Path] = field(default_factory=list)
    problems: list[HandbookError] = field(default_factory=list)


def chapter_slug(path: Path) -> str | None:
    """The slug of a chapter file name, or None if ``path`` is not named like a chapter."""
    match = CHAPTER_NAME.fullmatch(path.name)
    return match["slug"] if match else None


def chapter_order(path: Path) -> tuple[int, str]:
    match = CHAPTER_NAME.fullmatch(path.name)
    return (int(match["number"]) if match else 0, path.name)


def suggested_name(name: str) -> str:
    """A chapter file name close to ``name`` that follows the rule, for the fix of a problem."""
    stem = name[:-3] if name.lower().endswith(".md") else name.rsplit(".", 1)[0]
    number, _, rest = stem.partition("-")
    if not number.isdigit() or not number.isascii():
        number, rest = "06", stem
    slug = "-".join(re.findall(r"[a-z0-9]+", rest.lower())) or "chapter"
    return f"{number}-{slug}.md"


def scan(docs_dir: Path) -> Scan:
    """Every file and folder under ``docs_dir``, sorted into chapters, home page and images;
    everything else is a problem. Never follows a symbolic link; never raises."""
    result = Scan(docs_dir)
    try:
        if docs_dir.is_symlink() or not docs_dir.is_dir():
            result.problems.append(
                HandbookError("is not a folder", path=docs_dir, fix="point docs_dir (or --chapters) at the chapters")
            )
            return result
    except OSError as error:
        result.problems.append(HandbookError(f"cannot be read: {error.strerror}", path=docs_dir))
        return result
    slugs: dict[str, Path] = {}
    folders: set[str] = set()
    pending = [docs_dir]
    while pending:  # a stack, not recursion: however deep the folders, no RecursionError
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            result.problems.append(HandbookError(f"cannot be read: {error.strerror}", path=folder))
            continue
        for entry in entries:
            path = Path(entry.path)
            top = folder == docs_dir
            problem = refusal(entry, top)
            if problem is not None:
                result.problems.append(HandbookError(problem[0], path=path, fix=problem[1]))
            elif entry.is_dir(follow_symlinks=False):
                pending.append(path)
                if top:
                    folders.add(entry.name)
            elif top and entry.name == HOME:
                result.home = path
            elif top and chapter_slug(path) is not None:
                result.chapters.append(path)
            else:
                result.assets.append(path)
    result.chapters.sort(key=chapter_order)
    result.assets.sort()
    kept = []
    for path in result.chapters:
        slug = str(chapter_slug(path))
        clash = slug_problem(slug, slugs.get(slug), folders)
        if clash is None:
            slugs[slug] = path
            kept.append(path)
        else:
            result.problems.append(HandbookError(clash, path=path, fix="rename the file: NN-another-slug.md"))
    result.chapters = kept
    result.problems.sort(key=lambda error: str(error.path))
    return result


def symlinks(docs_dir: Path) -> list[HandbookError]:
    """A problem for each symbolic link under ``docs_dir``, found without following any (so
    a link loop or a link out of the repository is reported, not walked). For the build to
    call before MkDocs lists the folder, which follows links."""
    found: list[HandbookError] = []
    pending = [docs_dir]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                for entry in listing:
                    if entry.is_symlink():
                        found.append(HandbookError(SYMLINK[0], path=entry.path, fix=SYMLINK[1]))
                    elif entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
        except OSError:
            continue  # scan() reports folders it cannot read
    return sorted(found, key=lambda error: str(error.path))


def slug_problem(slug: str, earlier: Path | None, folders: set[str]) -> str | None:
    if slug in RESERVED_SLUGS:
        return f"the slug {slug!r} is the name of one of the site's own pages or folders; the chapter would be lost"
    if slug in folders:
        return f"the slug {slug!r} is the name of a folder in the chapters folder; both would be served at {slug}/"
    if earlier is not None:
        return f"the same slug {slug!r} as {earlier}: both would be served at {slug}/"
    return None


def refusal(entry: os.DirEntry[str], top: bool) -> tuple[str, str] | None:
    """Why ``entry`` may not be under the chapters folder (problem, fix), or None if it may."""
    name = entry.name
    remove = "remove it, or move it out of the chapters folder"
    if entry.is_symlink():
        return SYMLINK
    if name.startswith("."):
        return "is a hidden file or folder, which the chapters folder may not hold", remove
    try:
        mode = entry.stat(follow_symlinks=False).st_mode
    except OSError as error:
        return f"cannot be read: {error.strerror}", remove
    if stat.S_ISDIR(mode):
        if not FOLDER_NAME.fullmatch(name):
            return "a folder name may only hold letters, digits, '_' and '-'", "rename the folder"
        return None
    if not stat.S_ISREG(mode):
        return "is not a regular file (a pipe, socket or device)", remove
    suffix = os.path.splitext(name)[1].lower()
    if suffix in ASSET_TYPES:
        if not ASSET_NAME.fullmatch(name):
            return "an image name may only hold letters, digits, '_', '-' and '.'", "rename the image"
        return None
    if suffix == ".svg":
        return "is an SVG image, which can hold script that would run on the site", "convert it to PNG or WebP"
    if name.lower().endswith((".md", ".markdown", ".mdown", ".mkd")):
        if not top:
            return (
                "is a Markdown file in a subfolder: chapters live at the top level of the chapters folder",
                f"move it up as {suggested_name(name)}, or out of the chapters folder",
            )
        if name == HOME or CHAPTER_NAME.fullmatch(name):
            return None
        return (
            "is not named like a chapter: NN-slug.md, the slug in lower-case letters, digits and single hyphens",
            f"rename it, e.g. {suggested_name(name)}, or move it out of the chapters folder",
        )
    return f"is not a file the handbook publishes: the chapters folder holds {ALLOWED_FILES}", remove


# --- reading ----------------------------------------------------------------------------


def read_text(path: Path, *, lenient: bool) -> tuple[str, list[str]]:
    """The text of ``path`` and any warnings about how it was decoded.

    A chapter (``lenient=False``) must be UTF-8, with or without a byte-order mark, and a
    regular file, not a symbolic link. For ``import`` (``lenient=True``), UTF-16 with a
    byte-order mark is read too, and other bytes as Windows-1252 (the usual encoding of
    text pasted from office software) with a warning. Folders, pipes, devices, binary,
    empty and oversized files are refused.
    """
    data = read_bytes(path, follow_symlinks=lenient)
    warnings: list[str] = []
    if lenient and data.startswith(UTF16_BOMS):
        text = decode(data, "utf-16", path)
    else:
        if b"\x00" in data:
            raise HandbookError("is a binary file, not a chapter text", path=path, fix="import a plain-text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            if not lenient:
                raise HandbookError(
                    f"is not UTF-8 text (byte 0x{data[error.start]:02x} on this line)",
                    path=path,
                    line=line,
                    fix="save the file as UTF-8",
                ) from None
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


def read_bytes(path: Path, *, follow_symlinks: bool) -> bytes:
    """The bytes of the regular file ``path``, at most MAX_BYTES of them. Opened without
    blocking and checked on the open file, so a pipe cannot hang the read and a file
    swapped after a check is still checked."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        if not follow_symlinks and path.is_symlink():
            raise HandbookError("is a symbolic link", path=path, fix="replace it with the file it points to")
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise HandbookError("no such file", path=path, fix="check the path") from None
    except IsADirectoryError:
        raise HandbookError("is a folder, not a chapter text", path=path, fix="name the files inside it") from None
    except OSError as error:
        raise HandbookError(f"cannot be read: {error.strerror}", path=path) from None
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        if stat.S_ISDIR(mode):
            raise HandbookError("is a folder, not a chapter text", path=path, fix="name the files inside it")
        raise HandbookError("is not a regular file (a pipe, socket or device)", path=path, fix="pass a text file")
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(MAX_BYTES + 1)
        except OSError as error:
            raise HandbookError(f"cannot be read: {error.strerror}", path=path) from None
    if len(data) > MAX_BYTES:
        raise HandbookError(
            f"is larger than {MAX_BYTES // (1024 * 1024)} MB, too large for a chapter",
            path=path,
            fix="split it into several chapters",
        )
    return data


def decode(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        if encoding == "cp1252":  # five byte values are undefined in Windows-1252
            return data.decode("latin-1")
        raise HandbookError(f"is not valid {encoding.upper()} text", path=path, fix="save it as UTF-8") from None


# --- writing ----------------------------------------------------------------------------


def same_text(path: Path, text: str) -> bool:
    """Whether the regular file ``path`` holds exactly ``text`` (UTF-8)."""
    try:
        return path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


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
    """Write every file (path: text) or none.

    Each text goes to a temporary file beside its target (``.handbook-NAME.XXXX.tmp``).
    When all are written and flushed to disk, a journal listing them is written in each
    folder, then the temporary files are renamed into place (a rename is atomic) and the
    journals removed. After a crash or ``kill -9``, ``cleanup_stale`` (which this runs
    first) finishes a write whose journal is complete and removes the temporary files of
    one that is not: the folder holds either all the new files or none of them.
    """
    folders = sorted({target.parent for target in texts})
    for target in texts:
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise HandbookError(
                "is in the way: a folder, link or special file", path=target, fix="move it away; nothing was written"
            )
    temporary: list[tuple[Path, Path]] = []
    journals: list[Path] = []
    try:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            cleanup_stale(folder)
        for target, text in texts.items():
            handle, name = tempfile.mkstemp(
                dir=target.parent, prefix=f"{TEMP_PREFIX}{target.name}.", suffix=TEMP_SUFFIX
            )
            temporary.append((Path(name), target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                os.fchmod(stream.fileno(), file_mode(target))
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
        for folder in folders:
            pairs = [[temp.name, target.name] for temp, target in temporary if target.parent == folder]
            journals.append(write_journal(folder, pairs))
        for temp, target in temporary:
            os.replace(temp, target)
        for journal in journals:
            journal.unlink()
    except OSError as error:
        for temp, _ in temporary:
            temp.unlink(missing_ok=True)
        for journal in journals:
            journal.unlink(missing_ok=True)
        where = next((target for temp, target in temporary if str(temp) == error.filename), error.filename)
        raise HandbookError(f"could not write: {error.strerror}", path=where, fix="nothing was written") from None


def write_journal(folder: Path, pairs: list[list[str]]) -> Path:
    handle, name = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=JOURNAL_SUFFIX + TEMP_SUFFIX)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(pairs, stream)
        stream.flush()
        os.fsync(stream.fileno())
    journal = Path(name[: -len(TEMP_SUFFIX)])
    os.replace(name, journal)  # a journal exists complete or not at all
    return journal


def cleanup_stale(directory: Path) -> list[Path]:
    """Finish or undo a ``write_all`` into ``directory`` that was killed; the files it renamed
    into place. Only names inside ``directory`` are touched, whatever a journal says."""
    if not directory.is_dir():
        return []
    finished: list[Path] = []
    names = sorted(entry.name for entry in os.scandir(directory) if entry.name.startswith(TEMP_PREFIX))
    for name in names:
        if name.endswith(JOURNAL_SUFFIX):
            finished += roll_forward(directory, directory / name)
    for name in names:
        path = directory / name
        if name.endswith(TEMP_SUFFIX) and not path.is_dir():
            path.unlink(missing_ok=True)
    return finished


def roll_forward(directory: Path, journal: Path) -> list[Path]:
    try:
        pairs = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pairs = []
    finished = []
    for pair in pairs if isinstance(pairs, list) else []:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            continue
        temp_name, target_name = pair
        plain = all(part and part == Path(part).name and part not in (".", "..") for part in pair)
        if plain and temp_name.startswith(TEMP_PREFIX) and temp_name.endswith(TEMP_SUFFIX):
            temp = directory / temp_name
            if temp.is_file() and not temp.is_symlink():
                os.replace(temp, directory / target_name)
                finished.append(directory / target_name)
    journal.unlink(missing_ok=True)
    return finished
