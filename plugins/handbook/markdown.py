"""The one Markdown parser of the handbook, and the document model built from its tokens.

Chapters are parsed once, by markdown-it-py configured as mdformat configures it for this
site (CommonMark, tables, MkDocs admonitions, four-space list indentation). The same tokens
give the document model that extraction, checks and pages read (``Block``), and the normal
form that ``import`` and ``check --fix`` write (mdformat's renderer, which guarantees that
formatting does not change the rendered HTML).
"""

from __future__ import annotations

import collections
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdformat._util import build_mdit
from mdformat.renderer import MDRenderer

from .errors import HandbookError

# mdformat's options for the normal form: one line per paragraph, lists numbered 1., 2., 3.
FORMAT_OPTIONS = {
    "wrap": "no",
    "number": True,
    "end_of_line": "lf",
    "compact_tables": True,
    "plugin": {"mkdocs": {"no_mkdocs_math": True}},
}
# mdformat plugins, by entry-point name: MkDocs' Python-Markdown dialect, GitHub tables.
FORMAT_EXTENSIONS = ("mkdocs", "tables")


@dataclass(frozen=True)
class Link:
    """A link or image in a chapter, as written (``url`` undecoded beyond Markdown's own escapes)."""

    url: str
    line: int  # 1-based line of the chapter file
    image: bool
    text: str


@dataclass(frozen=True)
class RawHtml:
    """HTML written into a chapter: a block, or a tag inside a paragraph."""

    source: str
    line: int
    block: bool


@dataclass
class Block:
    """One block of a chapter, with the line of the file it starts on.

    ``kind`` is one of heading, paragraph, list, item, quote, code, table, html, rule,
    admonition. Headings and paragraphs have ``markdown`` (their inline source) and ``text``
    (the same as plain text: links as their text, no markup); code has its ``markdown``;
    lists hold items, items, quotes and admonitions hold blocks.
    """

    kind: str
    line: int
    markdown: str = ""
    text: str = ""
    level: int = 0  # heading level, or nesting depth of a list
    ordered: bool = False
    info: str = ""  # a code fence's info string, an admonition's kind
    children: list[Block] = field(default_factory=list)

    def walk(self) -> Iterator[Block]:
        """This block and every block inside it, in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    """A chapter body as blocks, with everything in it that a check looks at."""

    blocks: list[Block]
    links: list[Link]
    html: list[RawHtml]

    def walk(self) -> Iterator[Block]:
        for block in self.blocks:
            yield from block.walk()

    @property
    def headings(self) -> list[Block]:
        return [block for block in self.walk() if block.kind == "heading"]


# What no chapter needs, and what would make the parsers (markdown-it, mdformat,
# Python-Markdown, which recurses) slow or crash: checked in one pass before parsing.
MAX_BLOCK = 20_000  # characters in a run of lines without a blank one (a paragraph, a list, a table)
MAX_DEPTH = 16  # levels of lists and quotes, by indentation (4 spaces a level) and ">" marks
MAX_ITEMS = 2_000  # list items in one chapter
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")


def refuse_oversized(body: str, first_line: int) -> None:
    block_start, block_size, items = 0, 0, 0
    for number, line in enumerate(body.split("\n")):
        if not line.strip():
            block_size = 0
            continue
        if block_size == 0:
            block_start = number
        block_size += len(line) + 1
        if block_size > MAX_BLOCK:
            raise HandbookError(
                f"a block of more than {MAX_BLOCK:,} characters without a blank line",
                line=first_line + block_start,
                fix="split it into paragraphs",
            )
        stripped = line.lstrip(" \t>")
        indent = line[: len(line) - len(stripped)]
        depth = indent.count(">") + len(indent.replace(">", "").expandtabs(4)) // 4
        if depth > MAX_DEPTH:
            raise HandbookError(
                f"nested more than {MAX_DEPTH} levels deep", line=first_line + number, fix="use a few levels at most"
            )
        items += LIST_ITEM.match(line) is not None
        if items > MAX_ITEMS:
            raise HandbookError(
                f"more than {MAX_ITEMS:,} list items", line=first_line + number, fix="split the chapter into several"
            )


def fragments_join(state: StateInline) -> None:
    """markdown-it's ``fragments_join`` in linear time: a run of adjacent text tokens is
    joined once, not pair by pair (which copies the run once for each token in it)."""
    level = 0
    kept: list[Token] = []
    run: list[str] = []
    for token in state.tokens:
        if token.nesting < 0:
            level -= 1
        token.level = level
        if token.nesting > 0:
            level += 1
        if token.type == "text" and kept and kept[-1].type == "text" and run:
            run.append(token.content)
            continue
        if len(run) > 1:
            kept[-1].content = "".join(run)
        run = [token.content] if token.type == "text" else []
        kept.append(token)
    if len(run) > 1:
        kept[-1].content = "".join(run)
    state.tokens[:] = kept


# A Liquid tag as a link's destination: "[text]({% link a.md %})".
TAG_LINK = re.compile(r"\(\s*(\{%[^%()]*%\})\s*\)")


def tag_link(state: StateInline, silent: bool) -> bool:
    """A link to a Liquid tag, which the source site replaces with an address before its
    Markdown reads the link; CommonMark reads text (the tag has spaces). The href is the
    tag as written: the normaliser keeps the link's text."""
    if state.src[state.pos] != "[":
        return False
    end = state.md.helpers.parseLinkLabel(state, state.pos, True)
    destination = TAG_LINK.match(state.src, end + 1) if end >= 0 else None
    if destination is None:
        return False
    if not silent:
        state.push("link_open", "a", 1).attrs = {"href": destination[1]}
        limit, state.pos, state.posMax = state.posMax, state.pos + 1, end
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.posMax = limit
        state.push("link_close", "a", -1)
    state.pos = destination.end()
    return True


@functools.cache
def parser() -> MarkdownIt:
    """The markdown-it-py instance every chapter is parsed with (mdformat's, for this site)."""
    mdit = build_mdit(MDRenderer, mdformat_opts=FORMAT_OPTIONS, extensions=FORMAT_EXTENSIONS)
    # Report every link, whatever its scheme: markdown-it would drop a javascript: link
    # silently, but Python-Markdown renders it, so the checks must see it.
    mdit.validateLink = lambda url: True  # type: ignore[method-assign]
    # The site's Python-Markdown has no attr_list and no math: "{ ... }" and "$x$" are text there.
    mdit.disable("python_markdown_attr_list")
    # mdformat-mkdocs reads "[a](b c)" as a link, with its spaces as "%20": CommonMark reads
    # text, and so does Python-Markdown where the destination has brackets or spaces at its
    # ends ("[a]( b )" links to "b", "[a]([b c](d)" is text and a link).
    mdit.disable("spaced_url_link")
    mdit.inline.ruler.before("link", "tag_link", tag_link)
    mdit.inline.ruler2.at("fragments_join", fragments_join)
    return mdit


@dataclass
class Parsed:
    """A chapter body parsed once: its document model, and the tokens it was made from
    (which the normal form is rendered from)."""

    document: Document
    tokens: list[Token]
    env: dict[str, object]


def parse(body: str, first_line: int = 1) -> Parsed:
    """Parse a chapter body that starts on line ``first_line`` of its file; a body beyond
    the limits a chapter can need is refused before it is parsed (``HandbookError``)."""
    refuse_oversized(body, first_line)
    return parse_within_limits(body, first_line)


def parse_within_limits(body: str, first_line: int = 1) -> Parsed:
    """Parse a chapter body that ``refuse_oversized`` has let through already."""
    env: dict[str, object] = {}
    tokens = parser().parse(body, env)
    builder = _Builder(first_line)
    blocks = builder.blocks(tokens)
    return Parsed(Document(blocks, builder.links, builder.html), tokens, env)


def render_normal(tokens: Sequence[Token], env: dict[str, object]) -> str:
    """The normal form of (possibly edited) tokens, as mdformat writes it."""
    mdit = parser()
    return mdit.renderer.render(list(tokens), mdit.options, env) if tokens else ""


class _Builder:
    """Turns markdown-it's flat token stream into nested ``Block`` s, collecting links and
    raw HTML on the way. Iterative over the stream (a stack, no recursion), so thousands
    of nested levels cannot exhaust Python's stack."""

    def __init__(self, first_line: int) -> None:
        self.offset = first_line
        self.links: list[Link] = []
        self.html: list[RawHtml] = []

    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.offset

    def blocks(self, tokens: Sequence[Token]) -> list[Block]:
        root = Block("root", self.offset)
        stack = [root]
        pending: Block | None = None  # a heading or paragraph waiting for its inline token
        for token in tokens:
            kind = token.type
            if kind == "inline":
                target = pending or stack[-1]
                target.markdown = token.content
                target.text = self.inline_text(token, self.line(token))
                continue
            if kind.endswith("_close"):
                if kind in ("heading_close", "paragraph_close"):
                    pending = None
                elif stack[-1] is not root and _closes(kind, stack[-1].kind):
                    stack.pop()
                continue
            block = self.block_of(token, len([b for b in stack if b.kind == "list"]))
            if block is None:
                continue
            stack[-1].children.append(block)
            if kind in ("heading_open", "paragraph_open", "th_open", "td_open"):
                pending = block
            elif kind.endswith("_open") and block.kind in CONTAINERS:
                stack.append(block)
        return root.children

    def block_of(self, token: Token, list_depth: int) -> Block | None:
        kind, line = token.type, self.line(token)
        if kind == "heading_open":
            return Block("heading", line, level=int(token.tag[1]))
        if kind == "paragraph_open":
            return Block("paragraph", line)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return Block("list", line, level=list_depth + 1, ordered=kind == "ordered_list_open")
        if kind == "list_item_open":
            return Block("item", line)
        if kind == "blockquote_open":
            return Block("quote", line)
        if kind == "admonition_open":
            return Block("admonition", line, info=str(token.meta.get("tag", token.info or "")))
        if kind in ("fence", "code_block"):
            return Block("code", line, markdown=token.content, info=token.info.strip())
        if kind == "html_block":
            self.html.append(RawHtml(token.content, line, block=True))
            return Block("html", line, markdown=token.content)
        if kind == "hr":
            return Block("rule", line)
        if kind == "table_open":
            return Block("table", line)
        if kind in ("th_open", "td_open"):
            return Block("cell", line)
        return None

    def inline_text(self, token: Token, line: int) -> str:
        """Plain text of an inline token; its links and raw HTML are recorded."""
        # Python-Markdown, which renders the page, takes more for a tag than CommonMark
        # does (`<b onclick=alert("x")>`): the checks must see those too. Looked for in
        # the source outside code spans, so `&lt;b&gt;` and `<b>` in code stay mentions.
        source = without_code_spans(token.content)
        loose = set()
        for match in LOOSE_TAG.finditer(source):
            loose.add(match[0])
            self.html.append(RawHtml(match[0], line + source.count("\n", 0, match.start()), block=False))
        parts: list[str] = []
        link_starts: list[tuple[str, int]] = []
        newlines = 0
        for child in token.children or []:
            kind = child.type
            child_line = line + newlines
            if kind in ("softbreak", "hardbreak"):
                newlines += 1
            if kind == "code_inline":
                parts.append(child.content)
            elif kind == "text":
                text = child.content
                for tag in loose:
                    text = text.replace(tag, "")
                parts.append(text)
            elif kind in ("softbreak", "hardbreak"):
                parts.append(" ")
            elif kind == "image":
                alt = "".join(grandchild.content for grandchild in child.children or [])
                self.links.append(Link(str(child.attrs.get("src", "")), child_line, True, alt))
                parts.append(alt)
            elif kind == "link_open":
                link_starts.append((str(child.attrs.get("href", "")), len(parts)))
            elif kind == "link_close" and link_starts:
                href, start = link_starts.pop()
                self.links.append(Link(href, child_line, False, "".join(parts[start:])))
            elif kind == "html_inline":
                if child.content not in loose:  # else recorded above already
                    self.html.append(RawHtml(child.content, child_line, block=False))
            elif child.content and not kind.endswith(("_open", "_close")):
                parts.append(child.content)
        return " ".join("".join(parts).split())


# Python-Markdown's own pattern for inline HTML (markdown.inlinepatterns.HTML_RE).
BACKTICKS = re.compile(r"`+")
LOOSE_TAG = re.compile(r"<(?:/?[a-zA-Z][^<>@ ]*(?: [^<>]*)?|!--(?:(?!<!--|-->).)*--)>")
CONTAINERS = frozenset({"list", "item", "quote", "admonition", "table", "cell"})


def without_code_spans(text: str) -> str:
    """``text`` with its code spans blanked (line breaks kept), as CommonMark pairs them: a
    run of backticks with the next run of the same length. One pass, linear in the text."""
    runs = [(match.start(), match.end()) for match in BACKTICKS.finditer(text)]
    waiting: dict[int, collections.deque[int]] = collections.defaultdict(collections.deque)
    for index, (start, end) in enumerate(runs):
        waiting[end - start].append(index)
    characters = list(text)
    index = 0
    while index < len(runs):
        start, end = runs[index]
        queue = waiting[end - start]
        while queue and queue[0] <= index:
            queue.popleft()
        if not queue:
            index += 1
            continue
        closing = queue.popleft()
        for position in range(start, runs[closing][1]):
            if characters[position] != "\n":
                characters[position] = " "
        index = closing + 1
    return "".join(characters)


def _closes(close_kind: str, block_kind: str) -> bool:
    """Whether a ``*_close`` token ends the innermost open block."""
    pairs = {
        "bullet_list_close": "list",
        "ordered_list_close": "list",
        "list_item_close": "item",
        "blockquote_close": "quote",
        "admonition_close": "admonition",
        "table_close": "table",
        "th_close": "cell",
        "td_close": "cell",
    }
    return pairs.get(close_kind) == block_kind


def plain(markdown: str) -> str:
    """Inline Markdown as the plain text a reader sees."""
    tokens = parser().parseInline(markdown)
    return _Builder(1).inline_text(tokens[0], 1) if tokens else ""
