"""The handbook's data, as plain values every part shares: a chapter and its techniques,
an occurrence of a technique, an index entry, a near miss, an editor's rules.

Nothing here reads files or imports MkDocs; ``handbook.pipeline`` fills these in once per
build or command, and every consumer reads the result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .errors import HandbookError
from .markdown import Document

if TYPE_CHECKING:
    from .frames import Frame

Kind = Literal["item", "heading", "prose"]


@dataclass(frozen=True)
class Technique:
    """One technique where a chapter states it.

    ``line`` is the 1-based line of the chapter file; ``phrase`` is the plain text on the
    page that states it (an item's text, a heading, a sentence), which the page marks with
    ``anchor``.
    """

    anchor: str
    label: str
    text: str
    kind: Kind
    line: int
    phrase: str = ""
    frame: Frame | None = field(default=None, compare=False, repr=False)  # how the index reads it

    @property
    def summary(self) -> str:
        """The text's first sentence: what a one-line checklist entry shows."""
        from .language import sentences

        return sentences(self.text)[0] if self.text else ""


@dataclass
class ChapterFile:
    """A chapter file read and its front matter split: all its page needs, before the
    chapter is parsed (an engine can render it while the rest of the pass runs)."""

    path: Path
    slug: str
    title: str
    description: str
    source: str  # the file's text
    meta: dict[str, Any]  # its front matter as written
    body: str  # the text after the front matter
    body_line: int  # 1-based line of the file where the body starts


@dataclass
class Chapter:
    """A chapter file read, parsed and extracted (once per build or command)."""

    file: ChapterFile
    document: Document
    normal: str  # the whole file in normal form
    techniques: list[Technique] = field(default_factory=list)

    @property
    def path(self) -> Path:
        return self.file.path

    @property
    def slug(self) -> str:
        return self.file.slug

    @property
    def title(self) -> str:
        return self.file.title

    @property
    def description(self) -> str:
        return self.file.description

    @property
    def source(self) -> str:
        return self.file.source

    @property
    def body_line(self) -> int:
        return self.file.body_line


@dataclass(frozen=True)
class Found:
    """What parsing, extracting and checking a chapter file found (``chapters.read``)."""

    document: Document
    normal: str  # the whole file in normal form
    techniques: list[Technique]
    problems: list[HandbookError]


@dataclass(frozen=True)
class Occurrence:
    """A technique where one chapter states it, as the index sees it."""

    chapter: str  # the chapter's slug
    anchor: str
    label: str
    text: str
    frame: Frame | None = field(default=None, compare=False, repr=False)  # its technique's, if known

    @property
    def place(self) -> str:
        """``chapter#anchor``: how the editorial file names an occurrence."""
        return f"{self.chapter}#{self.anchor}"


@dataclass
class Entry:
    """One distinct technique of the handbook, and every place it appears.

    ``aliases`` are ids this entry had before (kept so readers' ticks saved under them
    still count)."""

    id: str
    title: str
    occurrences: list[Occurrence]
    reasons: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NearMiss:
    """Two entries close enough to be worth an editor's look, but not merged."""

    first: str  # entry id
    second: str  # entry id
    score: float
    first_place: str  # an occurrence of each, as editorial.yml names them
    second_place: str


@dataclass(frozen=True)
class Addition:
    """A technique extraction missed, as an editor names it: the chapter, the label a reader
    ticks, and the chapter's own words that state it (where the page anchors it)."""

    chapter: str  # the chapter's slug
    label: str
    quote: str
    line: int  # the line of the editorial file that adds it


@dataclass(frozen=True)
class Rules:
    """An editor's decisions (see the README and ``handbook.editorial``): occurrences to
    merge or keep apart, by ``chapter#anchor``; occurrences to drop or techniques to add;
    titles by entry id."""

    merge: tuple[frozenset[str], ...] = ()
    separate: tuple[frozenset[str], ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    title_lines: dict[str, int] = field(default_factory=dict)  # where each title is set
    drop: frozenset[str] = frozenset()  # occurrences extraction took that are not techniques
    add: tuple[Addition, ...] = ()
