"""What Python-Markdown (the site's Markdown) reads differently from CommonMark, written by
the normal form so that both read it alike.

The normaliser (``normalise.py``) applies these to the tokens it has transformed, before
mdformat writes them (``markdown.render_normal``), and ``NestedCode`` after that too:

- adjacent lists and adjacent block quotes kept apart by an empty HTML comment (Python-Markdown
  joins them), as is an indented code block from the list, admonition or code block before it
  and from the start of a list item;
- a tight list made loose where an item holds more than a paragraph and tight lists
  (Python-Markdown reads the rest of a tight item as text, or the next item as part of it);
- code inside a list, quote or admonition written as an indented code block (Python-Markdown
  reads a fence there as text);
- in text, ``<`` and ``&`` written as entities and ``](`` as ``\\]\\(``, where what mdformat
  writes would not read back as the text.
"""

from __future__ import annotations

import re
import textwrap
from typing import Literal

from markdown_it.token import Token

INDENT = "    "  # a nesting level, for Python-Markdown
LIST_OPENERS = ("bullet_list_open", "ordered_list_open")
LIST_CLOSERS = ("bullet_list_close", "ordered_list_close")
# What an indented code block right after is read as more of (a list's or an admonition's
# paragraphs are indented as far), and a list item's first line, where Python-Markdown reads
# no code: an empty HTML comment goes between.
BEFORE_CODE = frozenset({*LIST_CLOSERS, "admonition_close", "admonition_mkdocs_close", "list_item_open"})
CODE_PLACEHOLDER = "\x01"  # no chapter text holds it: normalise.clean() removes control characters
CODE_LINE = re.compile(r"^(?P<prefix>.*?)\x01(?P<number>[0-9]+)\x01$", re.MULTILINE)
# "&" that mdformat would escape as "\&": it starts a character reference.
REFERENCE_START = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")
# What a text holds that mdformat would not write as it reads (see ``entities``), and how it is written.
TEXT_GUARDED = re.compile(r"<|\]\(|" + REFERENCE_START.pattern)
GUARDS = {"<": "&lt;", "&": "&amp;", "](": "\\]\\("}


def new_token(kind: str, tag: str = "", nesting: Literal[-1, 0, 1] = 0, content: str = "", level: int = 0) -> Token:
    token = Token(kind, tag, nesting)
    token.content = content
    token.level = level
    return token


def paragraph_tokens(children: list[Token], content: str, level: int) -> list[Token]:
    inline = new_token("inline", content=content, level=level + 1)
    inline.children = children
    return [
        new_token("paragraph_open", "p", 1, level=level),
        inline,
        new_token("paragraph_close", "p", -1, level=level),
    ]


def entities(content: str) -> list[Token]:
    """A text as text tokens, with ``<`` and a character-reference-like ``&`` as entities
    (mdformat would escape them with a backslash, which Python-Markdown shows), and ``](``
    as ``\\]\\(``: mdformat-mkdocs rewrites the ``\\[a\\](b c)`` that mdformat writes of a
    text into a link, ``[a](<b c>)``."""
    result: list[Token] = []
    position = 0
    for match in TEXT_GUARDED.finditer(content):
        if match.start() > position:
            result.append(new_token("text", content=content[position : match.start()]))
        result.append(new_token("html_inline", content=GUARDS[match.group()]))
        position = match.end()
    if position < len(content) or not result:
        result.append(new_token("text", content=content[position:]))
    return result


def separate_blocks(tokens: list[Token]) -> list[Token]:
    """Blocks kept apart by an empty HTML comment where they would be read as one: adjacent
    lists (Python-Markdown tells neither bullets from numbers nor "-" from "*") and block
    quotes (it joins them across a blank line); an indented code block right after a list,
    an admonition or a code block (both Markdowns read it as more of that) or first in a
    list item (Python-Markdown reads text). Lists are numbered with "1." rather than "1)",
    which Python-Markdown does not read as a list."""
    result: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type == "ordered_list_open" or (token.type == "list_item_open" and token.markup == ")"):
            token.markup = "."
        previous = result[-1].type if result else ""
        if (
            (token.type in LIST_OPENERS and previous in LIST_CLOSERS)
            or (token.type == "blockquote_open" and previous == "blockquote_close")
            or (is_code(tokens, index) and (previous in BEFORE_CODE or is_code(result, len(result) - 3)))
        ):
            result.append(new_token("html_block", content="<!-- -->\n", level=token.level))
        result.append(token)
    return result


def loosen_lists(tokens: list[Token]) -> list[Token]:
    """Tight lists made loose where Python-Markdown would misread them written tight: where
    an item holds a block other than a list after its first block (Python-Markdown reads the
    lines of a tight item after its first block as more of it: a quote, a heading, a table
    as text), and where an item holds what is written with blank lines, a loose list or an
    admonition (it reads the item after a blank line as part of the one before)."""
    starts: list[int] = []  # the opening tokens of the open lists
    loose: set[int] = set()
    for index, token in enumerate(tokens):
        if token.type in LIST_OPENERS:
            starts.append(index)
        elif not starts:
            continue
        elif token.type in LIST_CLOSERS:
            start = starts.pop()
            if start in loose:
                for inner in tokens[start:index]:
                    if inner.type in ("paragraph_open", "paragraph_close") and inner.level == token.level + 2:
                        inner.hidden = False
                loose.update(starts[-1:])
        elif token.type in ("admonition_open", "admonition_mkdocs_open") or (
            token.nesting >= 0
            and token.level == tokens[starts[-1]].level + 2
            and (tokens[index - 1].type != "list_item_open" or (token.type == "paragraph_open" and not token.hidden))
        ):
            loose.add(starts[-1])
    return tokens


def is_code(tokens: list[Token], index: int) -> bool:
    """Whether ``tokens[index]`` opens the paragraph that stands for a code block inside a
    list, quote or admonition (``NestedCode``)."""
    return (
        0 <= index < len(tokens) - 1
        and tokens[index].type == "paragraph_open"
        and tokens[index + 1].content.startswith(CODE_PLACEHOLDER)
    )


class NestedCode:
    """Code inside a list, quote or admonition, which Python-Markdown reads as code only
    when it is indented (a fence there is text). mdformat writes every code block as a
    fence, so each stands as a placeholder paragraph while mdformat writes the chapter and
    is written indented in its place after."""

    def __init__(self) -> None:
        self.codes: list[str] = []

    def placeholders(self, tokens: list[Token]) -> list[Token]:
        result: list[Token] = []
        admonitions = 0
        for token in tokens:
            if token.type in ("admonition_open", "admonition_close"):
                admonitions += token.nesting
            if token.type in ("fence", "code_block") and token.level > 0 and not token.content.strip():
                continue  # an empty code block inside a list shows nothing, and Python-Markdown no box
            if token.type in ("fence", "code_block") and token.level > 0:
                placeholder = f"{CODE_PLACEHOLDER}{len(self.codes)}{CODE_PLACEHOLDER}"
                # Read back, the block holds the spaces by which CommonMark's list item
                # indentation is short of Python-Markdown's four: dedent makes it one reading.
                code = textwrap.dedent(token.content)
                if admonitions:  # two blank lines end an admonition for the parser
                    code = re.sub(r"\n(?:[ \t]*\n){2,}", "\n\n", code)
                self.codes.append(code)
                result.extend(paragraph_tokens([new_token("text", content=placeholder)], placeholder, token.level))
            else:
                result.append(token)
        return result

    def written(self, rendered: str) -> str:
        """``rendered`` with each placeholder line as its code, indented."""

        def indented(match: re.Match[str]) -> str:
            first = match["prefix"]  # quote markers and indentation, or a list item's marker
            prefix = re.sub(r"[^ >]", " ", first)
            lines = self.codes[int(match["number"])].strip("\n").split("\n")
            return "\n".join(
                ((first if number == 0 else prefix) + INDENT + line).rstrip() if line.strip() else prefix.rstrip()
                for number, line in enumerate(lines)
            )

        return CODE_LINE.sub(indented, rendered) if self.codes else rendered
