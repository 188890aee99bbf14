"""Technique anchors placed in a chapter's rendered, sanitised HTML.

Nothing is spliced into Markdown: after the engine has rendered a chapter and the
sanitiser has cleaned it, each technique's phrase (the plain text of its item, heading or
sentence) is looked up in the page's text, in reading order, and wrapped in a span that
carries its anchor. Only text is ever split; tags are never opened inside another tag's
attribute, so a phrase that a chapter shapes oddly can at worst get an anchor without a
highlight, never broken markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .model import Technique

SPAN = '<span class="handbook-technique" id="{anchor}">'
HEADING_CLOSE = re.compile(r"</h[1-6]>")


@dataclass
class _Text:
    """The page's visible text, with the raw offset of every character of it."""

    chars: list[str]
    starts: list[int]  # raw offset where each character's source begins
    ends: list[int]  # raw offset where it ends


class _TextCollector(HTMLParser):
    """Collects text characters and their raw offsets (entities as one character each)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [match.end() for match in re.finditer("\n", source)]
        self.text = _Text([], [], [])
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
        if self.skip:
            return
        start = self.position()
        for index, character in enumerate(data):
            self.add(character, start + index, start + index + 1)

    def handle_entityref(self, name: str) -> None:
        self.add_reference(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.add_reference(f"&#{name};")

    def add_reference(self, reference: str) -> None:
        start = self.position()
        end = self.source.find(";", start) + 1 or start + len(reference)
        for character in html.unescape(reference):
            self.add(character, start, end)

    def add(self, character: str, start: int, end: int) -> None:
        self.text.chars.append(character)
        self.text.starts.append(start)
        self.text.ends.append(end)


def _collapsed(text: _Text) -> tuple[str, list[int]]:
    """The text with every run of white space one space, and each kept character's index."""
    kept: list[str] = []
    index: list[int] = []
    previous_space = True
    for position, character in enumerate(text.chars):
        if character.isspace():
            if previous_space:
                continue
            character = " "
            previous_space = True
        else:
            previous_space = False
        kept.append(character)
        index.append(position)
    return "".join(kept), index


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
    text, index = _collapsed(collector.text)
    folded = text.casefold()
    # (raw offset, rank, order, html): at one offset, spans close, then notes, then spans open.
    insertions: list[tuple[int, int, int, str]] = []
    placed: list[str] = []
    cursor = 0
    for order, technique in enumerate(techniques):
        phrase = " ".join(technique.phrase.split()) or technique.label
        found = _find(folded, phrase.casefold(), cursor)
        if found is None:
            continue
        start, end = found
        cursor = start + 1
        raw_start = collector.text.starts[index[start]]
        raw_end = collector.text.ends[index[end - 1]]
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
