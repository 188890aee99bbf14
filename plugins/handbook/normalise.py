"""Turn a raw chapter text into the handbook's normal form.

The normal form (documented in the README) is what every file in ``chapters/`` looks like:
YAML front matter with ``title`` and ``description``, then Markdown whose blocks are
``##``/``###`` headings, one-line paragraphs, ``-`` or ``1.`` lists indented by four
spaces per level, and ``---`` rules, each separated by one blank line. Raw texts are
plain text, so ``<``, ``>`` and ``&`` become entities and are shown, never run.

The text is parsed into blocks and rendered back; ``text()`` is idempotent because
rendering escapes whatever Markdown would otherwise read as block syntax, so parsing a
rendered chapter yields the blocks that rendered it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from . import frontmatter
from .errors import HandbookError


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class Rule:
    pass


@dataclass
class Item:
    text: str
    children: list[ListBlock] = field(default_factory=list)


@dataclass
class ListBlock:
    ordered: bool
    start: int
    items: list[Item] = field(default_factory=list)


Block = Heading | Paragraph | Rule | ListBlock

# Every character Python or a browser may take as a line break becomes "\n".
LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Control characters carry no text; tabs are handled separately.
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff]")

ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(={2,}|-{2,})$")
RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}$")
ITEM = re.compile(r"^([ \t]*)([-*+\u2022\u25e6\u25aa\u2023]|\d{1,9}[.)])(?:[ \t]+(.*))?$")
CHAPTER_PREFIX = re.compile(r"^(?:chapter|ch\.)\s*(?:\d+|[ivxlcdm]+)\s*[:.\-\u2013\u2014]\s*", re.I)

ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
UNDERSCORE_BOLD = re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)")
CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")

# Where Markdown would read the start (or end) of a line as block syntax, a backslash
# keeps the character literal.
BLOCK_START_ESCAPES: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^#"), 0),  # heading
    (re.compile(r"^[-+*](?:[ \t]|$)"), 0),  # bullet
    (re.compile(r"^([-*_])(?:[ \t]*\1){2,}"), 0),  # rule
    (re.compile(r"^\d+\.(?:[ \t]|$)"), -1),  # ordered item: escape the dot
    (re.compile(r"^(?:`{3}|~{3}|!{3}|\?{3})"), 0),  # fence, admonition, details
    (re.compile(r"^\[[^\]]*\]:"), 0),  # link reference definition
)


def text(raw: str, *, title: str | None = None) -> str:
    """The normal form of ``raw``, a chapter text that may already be normal.

    ``title`` replaces whatever title the text has. Raises ``HandbookError`` (with a line
    number) for broken front matter and for a text with nothing to title.
    """
    raw = CONTROL.sub("", LINE_BREAK.sub("\n", raw))
    meta, body, body_line = frontmatter.split(raw)
    try:
        blocks = parse(body)
    except RecursionError:
        raise HandbookError("lists are nested too deeply", fix="use at most a few levels") from None
    chosen_title, blocks = take_title(meta, blocks, title)
    if chosen_title is None:
        chosen_title = infer_title(blocks)
    blocks = normalise_heading_levels(blocks)
    description = meta.get("description")
    if not isinstance(description, str) or not plain(description):
        description = infer_description(blocks, chosen_title)
    rest = {key: value for key, value in meta.items() if key not in ("title", "description")}
    header = frontmatter.dump({"title": one_line(chosen_title), "description": one_line(description), **rest})
    rendered = render(blocks)
    return header + ("\n" + rendered if rendered else "")


# --- parsing -------------------------------------------------------------------------


def parse(body: str) -> list[Block]:
    """Blocks of a plain-text or Markdown body; blank lines separate them."""
    lines = [expand_tabs(line).rstrip() for line in body.split("\n")]
    blocks: list[Block] = []
    paragraph: list[str] = []
    index = 0

    def flush() -> None:
        if paragraph:
            blocks.append(Paragraph(" ".join(line.strip() for line in paragraph)))
            paragraph.clear()

    while index < len(lines):
        line = lines[index]
        if not line:
            flush()
            index += 1
        elif paragraph and SETEXT_UNDERLINE.match(line):
            heading = paragraph.pop().strip()
            flush()
            blocks.append(Heading(1 if line.strip()[0] == "=" else 2, heading))
            index += 1
        elif match := ATX.match(line):
            flush()
            blocks.append(Heading(len(match.group(1)), match.group(2).strip()))
            index += 1
        elif RULE.match(line):
            flush()
            blocks.append(Rule())
            index += 1
        elif ITEM.match(line):
            flush()
            lists, index = parse_lists(lines, index)
            blocks.extend(lists)
        else:
            paragraph.append(line)
            index += 1
    flush()
    return blocks


def expand_tabs(line: str) -> str:
    """Tabs in the indentation count four columns; elsewhere they are a space."""
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)].expandtabs(4)
    return indent + stripped.replace("\t", " ")


def parse_lists(lines: list[str], index: int) -> tuple[list[ListBlock], int]:
    """Read consecutive list items from ``lines[index]`` on; nesting follows indentation.

    Returns the top-level lists (a change between bullets and numbers starts a new
    list) and the index of the first line after them.
    """
    top: list[ListBlock] = []
    # Open lists, outermost first, with the indentation of their markers.
    stack: list[tuple[int, ListBlock]] = []
    last_item: Item | None = None
    blank_before = False
    while index < len(lines):
        line = lines[index]
        match = ITEM.match(line)
        if not line:
            blank_before = True
            index += 1
            continue
        if match and not RULE.match(line):
            indent = len(match.group(1))
            marker = match.group(2)
            ordered = marker[0].isdigit()
            while stack and indent < stack[-1][0]:
                stack.pop()
            if stack and indent >= stack[-1][0] + 2:
                new = ListBlock(ordered, int(marker[:-1]) if ordered else 1)
                stack[-1][1].items[-1].children.append(new)
                stack.append((indent, new))
            elif not stack or stack[-1][1].ordered != ordered:
                new = ListBlock(ordered, int(marker[:-1]) if ordered else 1)
                if len(stack) <= 1:
                    top.append(new)
                    stack = [(indent, new)]
                else:
                    stack.pop()
                    parent_items = stack[-1][1].items
                    parent_items[-1].children.append(new)
                    stack.append((indent, new))
            last_item = Item((match.group(3) or "").strip())
            stack[-1][1].items.append(last_item)
            blank_before = False
            index += 1
            continue
        continues_item = not blank_before or line.startswith("  ")
        if last_item is None or not continues_item or starts_other_block(line):
            break
        last_item.text = f"{last_item.text} {line.strip()}".strip()
        blank_before = False
        index += 1
    return [prune(block) for block in top], index


def starts_other_block(line: str) -> bool:
    return bool(ATX.match(line) or RULE.match(line) or SETEXT_UNDERLINE.match(line))


def prune(block: ListBlock) -> ListBlock:
    """Drop items that hold nothing: no text and no sub-list."""
    items = []
    for item in block.items:
        children = [prune(child) for child in item.children]
        children = [child for child in children if child.items]
        if item.text or children:
            items.append(Item(item.text, children))
    return ListBlock(block.ordered, block.start, items)


# --- title, description, headings ----------------------------------------------------


def take_title(
    meta: dict[str, Any], blocks: list[Block], override: str | None
) -> tuple[str | None, list[Block]]:
    """The chapter's title, if it has one, and the blocks without a leading title line."""
    first = blocks[0] if blocks else None
    leading_title: str | None = None
    if isinstance(first, Heading) and first.level == 1:
        leading_title = first.text
    elif isinstance(first, Paragraph) and CHAPTER_PREFIX.match(first.text) and len(first.text) <= 120:
        if not first.text.endswith((".", "!", "?")):
            leading_title = first.text
    declared = meta.get("title")
    if declared is not None and (not isinstance(declared, str) or not plain(declared)):
        raise HandbookError(
            "the front matter 'title' is not text", line=2, fix="write it as 'title: Your Title'"
        )
    if override is not None and plain(override):
        title = one_line(override)
    elif declared:
        title = one_line(declared)
    elif leading_title is not None:
        title = CHAPTER_PREFIX.sub("", plain(leading_title)) or plain(leading_title)
    else:
        return None, blocks
    if leading_title is not None and (not declared or plain(leading_title) == plain(declared)):
        blocks = blocks[1:]
    return title, blocks


def normalise_heading_levels(blocks: list[Block]) -> list[Block]:
    """Body headings start at ``##`` and never skip a level (the title is the page's H1)."""
    levels = [block.level for block in blocks if isinstance(block, Heading)]
    if not levels:
        return blocks
    shift = 2 - min(levels)
    previous = 1
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = max(2, min(block.level + shift, previous + 1, 6))
            previous = level
            block = Heading(level, block.text)
        result.append(block)
    return result


TOPIC = re.compile(
    r"\b(?:we(?:'ll| will| shall)?|you(?:'ll| will)|this chapter(?: will)?)\s+"
    r"(?:explore|discuss|cover|look at|examine|describe|outline|introduce|present|learn about)"
    r"\s+(?:some |several |various |a few )?(?P<topic>[^.!?;:]+)",
    re.I,
)
SUBJECT = re.compile(r"^(?P<subject>[^,;:]+?)\s+(?:is|are)\s", re.I)
SMALL_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to via vs with".split()
)


def infer_title(blocks: list[Block]) -> str:
    """A title for an untitled text, taken from what its introduction says it is about.

    In order: the topic of "In this chapter we will explore X" when X is a short phrase;
    the subject of the first sentence ("Building a network is ..."); the first heading;
    the first words of the text.
    """
    intro = [plain(block.text) for block in leading_paragraphs(blocks)]
    for sentence in (s for paragraph in intro for s in sentences(paragraph)):
        if match := TOPIC.search(sentence):
            topic = match.group("topic").strip()
            if "," not in topic and 2 <= len(topic.split()) <= 12:
                return title_case(topic)
    if intro:
        first_sentence = sentences(intro[0])[0]
        if (match := SUBJECT.match(first_sentence)) and 2 <= len(match["subject"].split()) <= 10:
            return title_case(match["subject"])
    for block in blocks:
        if isinstance(block, Heading) and plain(block.text):
            return plain(block.text)
    for words in (plain(text).split() for text in block_texts(blocks)):
        if any(character.isalnum() for character in "".join(words)):
            return title_case(" ".join(words[:8]).rstrip(".,;:!?"))
    raise HandbookError(
        "there is no text to take a title from",
        line=1,
        fix="add a title line, or pass --title \"Your Title\"",
    )


DESCRIPTION_LENGTH = 240  # search engines show about 160 characters; keep a whole thought


def infer_description(blocks: list[Block], title: str) -> str:
    """The first sentence of the introduction: one sentence for the page's meta description."""
    for paragraph in leading_paragraphs(blocks) or [b for b in blocks if isinstance(b, Paragraph)][:1]:
        if first := sentences(plain(paragraph.text))[0]:
            if len(first) > DESCRIPTION_LENGTH:
                first = first[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "\u2026"
            return first
    return f"{plain(title)}: a chapter of the Networking Handbook."


def leading_paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """The paragraphs before the first heading."""
    result = []
    for block in blocks:
        if isinstance(block, Heading):
            break
        if isinstance(block, Paragraph):
            result.append(block)
    return result


def block_texts(blocks: list[Block]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, (Heading, Paragraph)):
            yield block.text
        elif isinstance(block, ListBlock):
            yield from item_texts(block)


def item_texts(block: ListBlock) -> Iterator[str]:
    for item in block.items:
        yield item.text
        for child in item.children:
            yield from item_texts(child)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    return SENTENCE_END.split(paragraph.strip()) or [""]


def one_line(value: str) -> str:
    """``value`` with every run of white space made one space, as front matter keeps it."""
    return " ".join(value.split())


def plain(markdown: str) -> str:
    """Text without Markdown emphasis, backslash escapes or entities, on one line."""
    result = re.sub(r"(\*\*|__)(.+?)\1", r"\2", markdown)
    result = re.sub(r"\\([\\`*_{}\[\]()>#+\-.!])", r"\1", result)
    return " ".join(html.unescape(result).split())


def title_case(phrase: str) -> str:
    """Headline capitalisation; words already holding capitals (LinkedIn) are kept."""
    words = phrase.split()
    result = []
    for position, word in enumerate(words):
        if any(character.isupper() for character in word[1:]):
            result.append(word)
        elif 0 < position < len(words) - 1 and word.lower() in SMALL_WORDS:
            result.append(word.lower())
        else:
            result.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return " ".join(result)


def slugify(title: str, max_length: int = 80) -> str:
    """An ASCII, lower-case, hyphenated slug, cut at a word boundary."""
    ascii_title = unicodedata.normalize("NFKD", plain(title)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


# --- rendering -----------------------------------------------------------------------


def render(blocks: list[Block]) -> str:
    """Markdown for ``blocks``: blank line between blocks, final newline."""
    chunks: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            chunks.append("#" * block.level + " " + escape_heading(inline(block.text)))
        elif isinstance(block, Paragraph):
            chunks.append(escape_block_start(inline(block.text)))
        elif isinstance(block, Rule):
            chunks.append("---")
        else:
            chunks.append("\n".join(render_list(block, depth=0)))
    chunks = [chunk for chunk in chunks if chunk]
    return "\n\n".join(chunks) + "\n" if chunks else ""


def render_list(block: ListBlock, depth: int) -> list[str]:
    lines = []
    for number, item in enumerate(block.items, start=block.start):
        marker = f"{number}." if block.ordered else "-"
        text = escape_block_start(inline(item.text))
        lines.append(("    " * depth + f"{marker} {text}").rstrip())
        for child in item.children:
            lines.extend(render_list(child, depth + 1))
    return lines


def inline(text: str) -> str:
    """``<``, ``>`` and bare ``&`` as entities (outside code spans); ``__`` bold as ``**``."""
    parts = []
    position = 0
    for match in CODE_SPAN.finditer(text):
        parts.append(prose(text[position : match.start()]))
        parts.append(match.group(0))
        position = match.end()
    parts.append(prose(text[position:]))
    return "".join(parts)


def prose(text: str) -> str:
    return UNDERSCORE_BOLD.sub(r"**\1**", escape_html(text))


def escape_html(text: str) -> str:
    """``<``, ``>`` and ``&`` as entities; an entity already written stays as it is."""
    pieces = ENTITY.split(text)
    entities = ENTITY.findall(text)
    escaped = [piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for piece in pieces]
    result = escaped[0]
    for entity, piece in zip(entities, escaped[1:]):
        result += entity + piece
    return result


def escape_block_start(text: str) -> str:
    for pattern, position in BLOCK_START_ESCAPES:
        if match := pattern.match(text):
            at = match.end() + position if position < 0 else position
            return text[:at] + "\\" + text[at:]
    return text


def escape_heading(text: str) -> str:
    """Markdown drops a heading's leading and trailing ``#``: keep them as text."""
    if text.startswith("#"):
        text = "\\" + text
    if text.endswith("#") and not text.endswith("\\#"):
        text = text[:-1] + "\\#"
    return text
