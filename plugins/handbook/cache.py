"""What a chapter's parse, extraction and checks found, kept on disk under the digest of
everything they depend on: the file's path and text, the ``handbook new`` placeholders, and
the code and vocabulary of this package and the versions of the libraries it parses with.

A run after an edit parses only the chapters that changed (``mkdocs serve`` rebuilds on
every save; ``handbook check`` runs before every commit). An entry is JSON, read back into
the same objects: a cache someone else wrote can at worst be wrong, never run code; one
that cannot be read is a miss. The folder is ``.cache/handbook`` beside the docs folder
(as Material keeps ``.cache/plugin/...``); it is never committed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from . import compiled
from .errors import HandbookError
from .frames import Frame
from .markdown import Block, Document, Link, RawHtml
from .model import ChapterFile, Found, Technique

FOLDER = Path(".cache") / "handbook"
# What the found results depend on besides this package: the parser, the normal form's
# renderer, its plugins and front matter writer, the lexicons extraction and the index read, and the
# sanitiser the checks ask.
LIBRARIES = (
    "markdown-it-py",
    "mdit-py-plugins",
    "mdformat",
    "mdformat-mkdocs",
    "mdformat-tables",
    "PyYAML",
    "lemminflect",
    "wn",
    "nh3",
)
FORMAT = 3  # 2: techniques with their frames; 3: and the phrase after the object


@functools.cache
def code_digest() -> str:
    """The digest of this package's code and data and of the libraries' versions."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".yml", ".yaml") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for library in LIBRARIES:
        try:
            digest.update(f"{library} {metadata.version(library)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library} -\0".encode())
    return digest.hexdigest()


class ChapterCache:
    """Found results by key, one JSON file each, in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, file: ChapterFile, placeholders: frozenset[str]) -> str:
        digest = hashlib.sha256(code_digest().encode())
        for part in [str(file.path), *sorted(placeholders), file.source]:
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return digest.hexdigest()

    def get(self, key: str, file: ChapterFile) -> Found | None:
        try:
            return decode((self.folder / f"{key}.json").read_bytes(), file)
        except OSError:
            return None

    def put(self, key: str, text: str) -> None:
        """Keep an entry (``encode``), all or nothing; a folder that cannot be written is no cache."""
        compiled.write_atomically(self.folder / f"{key}.json", text.encode("utf-8", "surrogatepass"))

    def prune(self, keep: set[str]) -> None:
        """Remove every entry but ``keep`` once the folder holds twice as many as that (so
        switching between two branches stays fast), oldest first."""
        try:
            entries = sorted(self.folder.glob("*.json"), key=lambda path: path.stat().st_mtime)
            stale = [path for path in entries if path.stem not in keep]
            for path in stale[: max(0, len(entries) - 2 * len(keep) - 64)]:
                path.unlink(missing_ok=True)
        except OSError:
            pass


def encode(found: Found, file: ChapterFile) -> str:
    """An entry's text: what was found in ``file``, as JSON."""
    document = found.document
    data = {
        "document": {
            "blocks": [block_data(block) for block in document.blocks],
            "links": [vars(link) for link in document.links],
            "html": [vars(raw) for raw in document.html],
        },
        "normal": None if found.normal == file.source else found.normal,
        "techniques": [technique_data(technique) for technique in found.techniques],
        "problems": [[p.problem, p.path, p.line, p.fix] for p in found.problems],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def decode(text: str | bytes, file: ChapterFile) -> Found | None:
    """What an entry's text holds about ``file``; ``None`` if it is not such an entry."""
    try:
        data = json.loads(text)
        document = data["document"]
        return Found(
            Document(
                [block_from(block) for block in document["blocks"]],
                [Link(**link) for link in document["links"]],
                [RawHtml(**raw) for raw in document["html"]],
            ),
            file.source if data["normal"] is None else str(data["normal"]),
            [technique_from(values) for values in data["techniques"]],
            [HandbookError(problem, path=path, line=line, fix=fix) for problem, path, line, fix in data["problems"]],
        )
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        return None


def technique_data(technique: Technique) -> list[Any]:
    frame = technique.frame
    found = [technique.anchor, technique.label, technique.text, technique.kind, technique.line, technique.phrase]
    if frame is None:
        return [*found, None]
    others = [[head, sorted(modifiers)] for head, modifiers in frame.others]
    words = [sorted(frame.manner), frame.head, sorted(frame.modifiers), sorted(frame.words), others, frame.who]
    phrases = [phrase and [phrase[0], phrase[1], sorted(phrase[2])] for phrase in (frame.complement, frame.then)]
    return [*found, [frame.negated, frame.verb, *words, *phrases]]


def technique_from(values: list[Any]) -> Technique:
    anchor, label, text, kind, line, phrase, frame = values
    if frame is not None:
        negated, verb, manner, head, modifiers, words, others, who, *phrases = frame
        others = tuple((other, frozenset(more)) for other, more in others)
        after, then = ((phrase[0], phrase[1], frozenset(phrase[2])) if phrase else None for phrase in phrases)
        frame = Frame(
            negated, verb, frozenset(manner), head, frozenset(modifiers), frozenset(words), others, who, after, then
        )
    return Technique(anchor, label, text, kind, line, phrase, frame)


def block_data(block: Block) -> dict[str, Any]:
    """A block as JSON data: ``dataclasses.asdict`` without its deep copies, which cost a
    third of a second per 500 chapters."""
    return {**vars(block), "children": [block_data(child) for child in block.children]}


def block_from(data: dict[str, Any]) -> Block:
    return Block(**{**data, "children": [block_from(child) for child in data["children"]]})
