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
LARGEST_ITEM_NUMBER = 999_999_999  # Markdown reads at most nine digits as a list number
CHAPTER_PREFIX = re.compile(r"^(?:chapter|ch\.)\s*(?:\d+|[ivxlcdm]+)\s*[:.\-\u2013\u2014]\s*", re.IGNORECASE)

ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
UNDERSCORE_BOLD = re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)")
# A backtick no backslash escapes (an even number of backslashes escape each other).
UNESCAPED_BACKTICKS = re.compile(r"(?<!\\)(?:\\\\)*(`+)")
UNESCAPED_BACKTICK = re.compile(r"(?<!\\)((?:\\\\)*)`")
BACKTICK_RUN = re.compile(r"(?<!`)`+")
TRAILING_HASH = re.compile(r"(?<!\\)((?:\\\\)*)#$")

# Where Markdown would read the start of a line as block syntax, the first characters
# are rewritten to stay literal: a backslash escape, or a character reference for the
# characters Python-Markdown cannot escape. (A fence of backticks needs no entry: a
# backtick outside a code span is always escaped.)
BLOCK_START_ESCAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^#"), r"\\#"),  # heading
    (re.compile(r"^([-+*])(?=[ \t]|$)"), r"\\\1"),  # bullet
    (re.compile(r"^([-*_])(?=(?:[ \t]*\1){2,})"), r"\\\1"),  # rule
    (re.compile(r"^(\d+)\.(?=[ \t]|$)"), r"\1\\."),  # ordered item: escape the dot
    (re.compile(r"^!(?=!!)"), r"\\!"),  # admonition
    (re.compile(r"^~(?=~~)"), "&#126;"),  # fence
    (re.compile(r"^\?(?=\?\?)"), "&#63;"),  # details
    (re.compile(r"^\[(?=[^\]]*\]:)"), r"\\["),  # link reference definition
)


def text(raw: str, *, title: str | None = None) -> str:
    """The normal form of ``raw``, a chapter text that may already be normal.

    ``title`` replaces whatever title the text has. Raises ``HandbookError`` (with a line
    number) for broken front matter and for a text with nothing to title.
    """
    meta, body, _ = frontmatter.split(clean(raw))
    try:
        meta = clean_value(meta)
    except RecursionError:  # thousands of levels, or a YAML alias inside its own value
        raise HandbookError(
            "front matter is nested too deeply", line=2, fix="write it as 'key: value' lines, without aliases ('*name')"
        ) from None
    try:
        blocks = parse(body)
    except RecursionError:
        raise HandbookError("lists are nested too deeply", fix="use at most a few levels") from None
    chosen_title, blocks = take_title(meta, blocks, None if title is None else clean(title))
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


def clean(raw: str) -> str:
    """``raw`` with every line break as ``"\\n"`` and no control characters."""
    return CONTROL.sub("", LINE_BREAK.sub("\n", raw))


def clean_value(value: Any) -> Any:
    """A front matter value with its text cleaned as the raw text was.

    YAML escapes can spell characters the cleaned text cannot hold (``"\\u200b"``,
    ``"\\L"``); written back out as they are, they would be cleaned on the next import.
    """
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list | tuple):  # YAML's !!omap and !!pairs make tuples
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    return value


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
            if heading := match.group(2).strip():  # an empty heading holds nothing
                blocks.append(Heading(len(match.group(1)), heading))
            index += 1
        elif RULE.match(line):
            flush()
            blocks.append(Rule())
            index += 1
        elif ITEM.match(line):
            flush()
            lists, index = parse_lists(lines, index)
            if blocks and isinstance(blocks[-1], ListBlock):  # only an empty heading came between
                lists = tidy([blocks.pop(), *lists])
            blocks.extend(lists)
        else:
            paragraph.append(line)
            index += 1
    flush()
    return blocks


def expand_tabs(line: str) -> str:
    """Tabs in the indentation count four columns and any other space (such as a no-break
    space) one; elsewhere a tab is a space."""
    stripped = line.lstrip()
    indent = re.sub("[^\t]", " ", line[: len(line) - len(stripped)]).expandtabs(4)
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
    return tidy(top), index


def starts_other_block(line: str) -> bool:
    return bool(ATX.match(line) or RULE.match(line) or SETEXT_UNDERLINE.match(line))


def tidy(lists: list[ListBlock]) -> list[ListBlock]:
    """``lists`` as Markdown reads them back once rendered.

    An item without text is dropped, and its sub-lists take its place (Markdown reads a
    bare "-" line as a heading underline, not as an item); adjacent lists of one kind
    are one list.
    """
    result: list[ListBlock] = []

    def extend(ordered: bool, start: int, items: list[Item]) -> None:
        if result and result[-1].ordered == ordered:
            result[-1].items.extend(items)
        else:
            result.append(ListBlock(ordered, start, items))

    for block in lists:
        for number, item in enumerate(block.items, start=block.start):
            children = tidy(item.children)
            if item.text:
                extend(block.ordered, number, [Item(item.text, children)])
            else:
                for child in children:
                    extend(child.ordered, child.start, child.items)
    return result


# --- title, description, headings ----------------------------------------------------


def take_title(meta: dict[str, Any], blocks: list[Block], override: str | None) -> tuple[str | None, list[Block]]:
    """The chapter's title, if it has one, and the blocks without a leading title line."""
    first = blocks[0] if blocks else None
    declared = meta.get("title")
    leading_title: str | None = None
    if isinstance(first, Heading) and first.level == 1 and plain(first.text):
        leading_title = first.text
    elif isinstance(first, Paragraph) and declared is None and is_chapter_line(first.text):
        # With a title in the front matter, a first line such as "Chapter 2: Goals" is
        # body text; otherwise a chapter that keeps one would lose it on re-import.
        leading_title = first.text
    if declared is not None and (not isinstance(declared, str) or not one_line(declared)):
        raise HandbookError("the front matter 'title' is not text", line=2, fix="write it as 'title: Your Title'")
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


def is_chapter_line(paragraph: str) -> bool:
    """Whether a first paragraph is a title line such as "Chapter 5 - Networking Goals"."""
    return bool(CHAPTER_PREFIX.match(paragraph)) and len(paragraph) <= 120 and not paragraph.endswith((".", "!", "?"))


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
    re.IGNORECASE,
)
SUBJECT = re.compile(r"^(?P<subject>[^,;:]+?)\s+(?:is|are)\s", re.IGNORECASE)
SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into",
    "nor", "of", "on", "or", "per", "the", "to", "via", "vs", "with",
})  # fmt: skip


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
        fix='add a title line, or pass --title "Your Title"',
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
    # A list may start at any number, but its last number must still read as one.
    start = min(block.start, LARGEST_ITEM_NUMBER + 1 - len(block.items))
    for number, item in enumerate(block.items, start=start):
        marker = f"{number}." if block.ordered else "-"
        text = escape_block_start(inline(item.text))
        if RULE.match(f"{marker} {text}"):  # "- --" is a rule, not an item
            text = "\\" + text
        lines.append(("    " * depth + f"{marker} {text}").rstrip())
        for child in item.children:
            lines.extend(render_list(child, depth + 1))
    return lines


def inline(text: str) -> str:
    """``<``, ``>`` and bare ``&`` as entities (outside code spans); ``__`` bold as ``**``."""
    parts = []
    position = 0
    for start, end in code_spans(text):
        parts.append(prose(text[position:start]))
        parts.append(text[start:end])
        position = end
    parts.append(prose(text[position:]))
    return "".join(parts)


def code_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where ``text`` has code spans, as CommonMark reads them: a run of backticks that no
    backslash escapes, up to the next run of exactly as many backticks.

    Markdown readers differ only on runs without such a partner (Python-Markdown pairs
    them with shorter runs), so ``prose`` escapes every backtick outside a code span.
    """
    position = 0
    while opening := UNESCAPED_BACKTICKS.search(text, position):
        ticks = opening.group(1)
        closing = next((run for run in BACKTICK_RUN.finditer(text, opening.end()) if run.group() == ticks), None)
        if closing is None:
            position = opening.end()
        else:
            yield opening.start(1), closing.end()
            position = closing.end()


def prose(text: str) -> str:
    text = escape_html(UNESCAPED_BACKTICK.sub(r"\1\\`", text))
    # Until none is left: making "__a __b__ c__" into "__a **b** c__" lets the outer pair match.
    count = 1
    while count:
        text, count = UNDERSCORE_BOLD.subn(r"**\1**", text)
    return text


def escape_html(text: str) -> str:
    """``<``, ``>`` and ``&`` as entities; an entity already written stays as it is."""
    pieces = ENTITY.split(text)
    entities = ENTITY.findall(text)
    escaped = [piece.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for piece in pieces]
    result = escaped[0]
    for entity, piece in zip(entities, escaped[1:], strict=True):
        result += entity + piece
    return result


def escape_block_start(text: str) -> str:
    for pattern, replacement in BLOCK_START_ESCAPES:
        escaped, count = pattern.subn(replacement, text, count=1)
        if count:
            return escaped
    return text


def escape_heading(text: str) -> str:
    """Markdown drops a heading's leading and trailing ``#``: keep them as text."""
    if text.startswith("#"):
        text = "\\" + text
    return TRAILING_HASH.sub(r"\1\\#", text)
