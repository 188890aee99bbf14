"""Technique anchors placed in a chapter's rendered, sanitised HTML.

Nothing is spliced into Markdown: after the engine has rendered a chapter and the
sanitiser has cleaned it, each technique's phrase (the plain text of its item, heading or
sentence) is looked up in the page's text, in reading order, and wrapped in a span that
carries its anchor. Only text is ever split; tags are never opened inside another tag's
attribute, so a phrase that a chapter shapes oddly can at worst get an anchor without a
highlight, never broken markup.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .model import Technique

SPAN = '<span class="handbook-technique" id="{anchor}">'
HEADING_CLOSE = re.compile(r"</h[1-6]>")
WHITE_SPACE = re.compile(r"\s+")


@dataclass
class _Text:
    """The page's visible text in pieces, each with the raw span of HTML it comes from: a
    run of text stands character for character in the HTML, an entity as a whole."""

    pieces: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    literal: list[bool] = field(default_factory=list)


class _TextCollector(HTMLParser):
    """Collects the visible text and where it stands in the HTML (entities as their characters)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.text = _Text()
        self.skip = 0  # inside <script> or <style>: not text a reader sees

    def position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            start = self.position()
            self.add(data, start, start + len(data), literal=True)

    def handle_entityref(self, name: str) -> None:
        self.add_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.add_reference(f"&#{name};")

    def add_reference(self, reference: str) -> None:
        start = self.position()
        end = self.source.find(";", start) + 1 or start + len(reference)
        self.add(html.unescape(reference), start, end, literal=False)

    def add(self, text: str, start: int, end: int, *, literal: bool) -> None:
        self.text.pieces.append(text)
        self.text.spans.append((start, end))
        self.text.literal.append(literal)


class _Located:
    """The visible text with every run of white space one space (none at the start), folded
    for a search that ignores case, and the raw HTML offsets of each of its characters."""

    def __init__(self, text: _Text) -> None:
        self.text = text
        visible = "".join(text.pieces)
        self.piece_starts = list(itertools.accumulate((len(piece) for piece in text.pieces), initial=0))[:-1]
        parts: list[str] = []
        self.starts: list[int] = []  # where each part starts in the collapsed text
        self.sources: list[int] = []  # ... and in the visible text
        position = length = 0
        for run in WHITE_SPACE.finditer(visible):
            if run.start() > 0:
                part = visible[position : run.start()] + " "
                parts.append(part)
                self.starts.append(length)
                self.sources.append(position)
                length += len(part)
            position = run.end()
        if position < len(visible):
            parts.append(visible[position:])
            self.starts.append(length)
            self.sources.append(position)
        self.folded = fold("".join(parts))

    def raw_span(self, index: int) -> tuple[int, int]:
        """The raw HTML a character of the collapsed text comes from."""
        part = bisect.bisect_right(self.starts, index) - 1
        visible = self.sources[part] + index - self.starts[part]
        piece = bisect.bisect_right(self.piece_starts, visible) - 1
        start, end = self.text.spans[piece]
        if not self.text.literal[piece]:
            return start, end
        offset = start + visible - self.piece_starts[piece]
        return offset, offset + 1


def fold(text: str) -> str:
    """``text`` case-folded character for character: a character that folds to more than
    one ("ß" -> "ss") stays as it is, so every index still points at the same character."""
    folded = text.casefold()
    if len(folded) == len(text):
        return folded
    return "".join(f if len(f := character.casefold()) == 1 else character for character in text)


def _balanced(fragment: str) -> bool:
    """Whether wrapping ``fragment`` in a span keeps the markup well nested."""
    depth = 0
    for match in re.finditer(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>", fragment):
        closing, _, self_closing = match.groups()
        if self_closing or match.group(2).lower() in ("br", "img", "hr", "wbr"):
            continue
        depth += -1 if closing else 1
        if depth < 0:
            return False
    return depth == 0


def mark(content: str, techniques: list[Technique], notes: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """``content`` with every technique's phrase wrapped in its anchor span, and the
    anchors placed. ``notes`` holds HTML to show after a technique ("Also in: ..."), by
    anchor; after a heading it follows the heading element.

    A phrase not found verbatim is anchored where its first words are; failing that, the
    technique has no anchor on the page (the caller reports it)."""
    collector = _TextCollector(content)
    collector.feed(content)
    collector.close()
    located = _Located(collector.text)
    # (raw offset, rank, order, html): at one offset, spans close, then notes, then spans open.
    insertions: list[tuple[int, int, int, str]] = []
    placed: list[str] = []
    cursor = 0
    for order, technique in enumerate(techniques):
        phrase = " ".join(technique.phrase.split()) or technique.label
        found = _find(located.folded, fold(phrase), cursor)
        if found is None:
            continue
        start, end = found
        cursor = start + 1
        raw_start = located.raw_span(start)[0]
        raw_end = located.raw_span(end - 1)[1]
        opening = SPAN.format(anchor=html.escape(technique.anchor, quote=True))
        if _balanced(content[raw_start:raw_end]):
            insertions += [(raw_start, 2, order, opening), (raw_end, 0, order, "</span>")]
        else:
            insertions.append((raw_start, 2, order, opening + "</span>"))
        note = (notes or {}).get(technique.anchor, "")
        if note:
            if technique.kind == "heading" and (closing := HEADING_CLOSE.search(content, raw_end)):
                insertions.append((closing.end(), 1, order, note))
            else:
                insertions.append((raw_end, 1, order, note))
        placed.append(technique.anchor)
    pieces: list[str] = []
    position = 0
    for offset, _, _, fragment in sorted(insertions):
        pieces += [content[position:offset], fragment]
        position = offset
    pieces.append(content[position:])
    return "".join(pieces), placed


def _find(text: str, phrase: str, cursor: int) -> tuple[int, int] | None:
    """Where ``phrase`` (or, failing that, its first five words) stands in ``text`` at or
    after ``cursor``."""
    for candidate in (phrase, " ".join(phrase.split()[:5])):
        if not candidate:
            continue
        start = text.find(candidate, cursor)
        if start < 0:
            start = text.find(candidate)
        if start >= 0:
            return start, start + len(candidate)
    return None
