"""The handbook's normal form of a chapter, and the conversions that bring foreign Markdown into it.

A chapter is parsed once, by the one parser (``markdown.parser()``); the normal form is what
mdformat writes from its tokens (``markdown.render_normal``), after a transform of a copy of
those tokens that:

- takes the title (front matter, a leading ``#`` heading, a "Chapter 8:" line, or inferred
  from the introduction) and a one-sentence description, and makes the headings below the
  title start at ``##`` without skipping a level;
- converts or drops the syntax of other site generators, which the handbook's MkDocs does
  not read: MyST ``(label)=`` lines and ``{directive}`` fences, Docusaurus ``:::tip``
  blocks and GitHub's ``> [!TIP]`` alerts (as admonitions), kramdown's ``markdown="1"`` HTML
  (its Markdown, without the tags), kramdown ``{:toc}`` and
  ``{: .class}`` lines and ``{#id}`` heading suffixes, Liquid/Jinja ``{% ... %}`` lines
  (``{{ ... }}`` stays: it is what a reader of the source site's raw text sees);
- writes what Python-Markdown (MkDocs) reads differently from CommonMark in a form both read
  alike: a hard line break as ``<br />``, code fences with a plain language name, and what
  ``dialect.py`` writes (adjacent lists and quotes kept apart, code in lists indented, ...).

HTML is kept as written: the sanitiser cleans the rendered page. Normalising is idempotent.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it.token import Token

from . import frontmatter, markdown
from .dialect import (
    CODE_PLACEHOLDER,
    INDENT,
    LIST_CLOSERS,
    LIST_OPENERS,
    NestedCode,
    entities,
    loosen_lists,
    new_token,
    paragraph_tokens,
    separate_blocks,
)
from .errors import HandbookError
from .language import sentences

# Every character Python or a browser may take as a line break becomes "\n".
LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Control characters carry no text; tabs are kept (Markdown reads them).
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\u200b\ufeff]")
CHAPTER_PREFIX = re.compile(r"^(?:chapter|ch\.)\s*(?:\d+|[ivxlcdm]+)\s*[:.\-\u2013\u2014]\s*", re.IGNORECASE)

# Lines of site-generator syntax that show nothing on the source site: MyST labels,
# Liquid/Jinja statements, kramdown's table of contents and attribute lists.
LABEL_LINE = re.compile(r"^\(\s*[^()\s]+\s*\)=$")
TAG_LINE = re.compile(r"^\{%.*%\}$")
TOC_LINE = re.compile(r"^\{:\s*toc\s*\}$", re.IGNORECASE)
ATTRIBUTE_LINE = re.compile(r"^\{:[^{}]*\}$")
# A Docusaurus/MDX or MyST colon fence line: ":::tip Title", ":::{note}", ":::".
COLON_FENCE = re.compile(
    r"^(?P<colons>:{3,})\s*(?:\{(?P<braced>[\w-]+)\}|(?P<kind>[A-Za-z][\w-]*))?\s*(?:\[(?P<bracketed>.*)\]|(?P<title>.*))$"
)
# kramdown/Pandoc attributes at the end of a heading: "## Title {#id .class}".
HEADING_ATTRIBUTES = re.compile(r"\s*\{:?\s*[#.][^{}]*\}\s*$")
# A link destination that is a Liquid tag ("[text]({% link x.md %})"): no reader can follow it.
TAG_DESTINATION = re.compile(r"^\s*\{%.*%\}\s*$", re.DOTALL)  # a tag may span lines
PYTHON_MARKDOWN_BLOCK_START = re.compile(r"^(?:#|!(?=!!))")
ENTITY_GUARD = re.compile(r"^(?:===|~~~|\?\?\?|[\u2022\u25e6\u25aa\u2023]\s)")
UNWRAPPED = frozenset({
    "content_tab_mkdocs_open", "content_tab_mkdocs_close", "dl_open", "dl_close", "dd_open", "dd_close",
})  # fmt: skip
BOLD_TITLES = frozenset({"content_tab_mkdocs_title_open", "content_tab_mkdocs_title_close", "dt_open", "dt_close"})
EMPTIED = frozenset({"list_item_close", *LIST_CLOSERS})
FENCE_LANGUAGE = re.compile(r"^[\w#.+-]+$")  # what Python-Markdown's fenced_code reads as a language
MYST_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
MYST_OPTION = re.compile(r"^:(?P<key>[\w-]+):\s*(?P<value>.*)$")
ADMONITIONS = frozenset({
    "note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "info",
    "success", "question", "failure", "bug", "example", "quote", "abstract", "todo", "seealso",
})  # fmt: skip
# kramdown's (Jekyll's) HTML whose content is Markdown: <aside markdown="1" class="pquote">.
MARKDOWN_TAG = re.compile(r"<([a-z][a-z0-9]*)\b[^<>]*?\smarkdown=[\"']?(?:1|block|span)[\"']?[^<>]*>", re.I)
QUOTING_TAGS = frozenset({"aside", "blockquote"})
# GitHub's alerts: a quote whose first line is "[!TIP]" (the five kinds GitHub shows).
GITHUB_ALERT = re.compile(r"^\[!(?P<kind>note|tip|important|warning|caution)\][^\S\n]*(?:\n|$)", re.IGNORECASE)
CODE_DIRECTIVES = frozenset({"code", "code-block", "code-cell", "sourcecode", "literalinclude", "math"})
IMAGE_DIRECTIVES = frozenset({"figure", "image"})
TYPED_BULLET = re.compile(r"^([^\S\n]*)[\u2022\u25e6\u25aa\u2023][^\S\n]+", re.MULTILINE)


@dataclass(frozen=True)
class NormalText:
    """A chapter file in normal form, the title it has, and what was dropped on the way.

    Each warning is ``"LINE: problem (what was done)"``, LINE a 1-based line of the file;
    the caller puts the file's path in front.
    """

    text: str
    title: str
    warnings: list[str] = field(default_factory=list)


def text(raw: str, *, title: str | None = None, lenient: bool = False) -> NormalText:
    """The normal form of ``raw``, a chapter text that may already be normal.

    ``title`` replaces whatever title the text has. With ``lenient`` (importing a text
    written for another site), front matter that is not valid YAML is dropped with a
    warning and the title comes from the text; otherwise it is a ``HandbookError``, as is a
    text with nothing to title.
    """
    cleaned = clean(raw)
    warnings: list[str] = []
    try:
        meta, body, body_line = frontmatter.split(cleaned)
    except HandbookError as error:
        end = _front_matter_end(cleaned)
        if not lenient or end is None:
            raise
        meta, body, body_line = {}, "\n".join(cleaned.split("\n")[end + 1 :]), end + 2
        warnings.append(f"{error.line or 1}: {error.problem}; dropped the front matter (took the title from the text)")
    try:
        meta = clean_value(meta)
    except RecursionError:  # thousands of levels, or a YAML alias inside its own value
        raise HandbookError(
            "front matter is nested too deeply", line=2, fix="write it as 'key: value' lines, without aliases ('*name')"
        ) from None
    env: dict[str, Any] = {}
    markdown.refuse_oversized(body, body_line)
    try:
        tokens = markdown.parser().parse(_typed_bullets(body), env)
    except RecursionError:
        raise HandbookError(
            "the text is nested too deeply", fix="use at most a few levels of lists and quotes"
        ) from None
    result = normal_text(meta, tokens, env, title=None if title is None else clean(title), source_lines=body_line - 1)
    try:  # what import writes, check must read: mdformat gathers link definitions in one block
        markdown.refuse_oversized(result.text, 1)
    except HandbookError as error:
        raise HandbookError(f"in the normal form, {error.problem}", fix=error.fix) from None
    return NormalText(result.text, result.title, warnings + result.warnings)


def normal_text(
    meta: dict[str, Any],
    tokens: list[Token],
    env: dict[str, Any],
    *,
    title: str | None = None,
    source_lines: int = 0,
) -> NormalText:
    """The normal form of a chapter from its front matter and the tokens of its body.

    ``tokens`` come from ``markdown.parser().parse(body, env)`` and are consumed (rewritten
    in place: the one pass builds the document model from them first, and copying every
    chapter's tokens would cost more than parsing them);
    ``source_lines`` is the number of lines of the file before the body (the front matter),
    so that warnings name lines of the file.
    """
    try:
        transform = _Transform(env, source_lines)
        body = transform.run(tokens)
        chosen_title, body = _take_title(meta, body, title)
        if chosen_title is None:
            chosen_title = infer_title(body)
        body = _heading_levels(body)
        description = meta.get("description")
        if not isinstance(description, str) or not one_line(description):
            description = infer_description(body, chosen_title)
        rendered = transform.code.written(markdown.render_normal(body, env))
    except RecursionError:
        raise HandbookError(
            "the text is nested too deeply", fix="use at most a few levels of lists and quotes"
        ) from None
    header = frontmatter.dump({"title": one_line(chosen_title), "description": one_line(description)})
    return NormalText(header + ("\n" + rendered if rendered else ""), one_line(chosen_title), transform.warnings)


def clean(raw: str) -> str:
    """``raw`` with every line break as ``"\\n"`` and no control characters."""
    return CONTROL.sub("", LINE_BREAK.sub("\n", raw))


def clean_value(value: Any) -> Any:
    """A front matter value with its text cleaned as the raw text was."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list | tuple):  # YAML's !!omap and !!pairs make tuples
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    return value


def _typed_bullets(body: str) -> str:
    """Plain-text lists typed with a bullet character ("• item") as Markdown lists; the
    lines of code blocks (fenced or indented, as the converted text reads) stay as they are."""
    if not TYPED_BULLET.search(body):
        return body
    converted = TYPED_BULLET.sub(lambda match: re.sub(r"[^\t]", " ", match[1]) + "- ", body)
    code = {
        number
        for token in markdown.parser().parse(converted)
        if token.type in ("fence", "code_block") and token.map
        for number in range(*token.map)
    }
    lines = zip(converted.split("\n"), body.split("\n"), strict=True)
    return "\n".join(typed if number in code else line for number, (line, typed) in enumerate(lines))


def _front_matter_end(text: str) -> int | None:
    """The 0-based line that closes the front matter of ``text``, if it has a closed one."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != frontmatter.FENCE:
        return None
    return next((index for index in range(1, len(lines)) if lines[index].rstrip() in frontmatter.CLOSERS), None)


# --- the token transform ----------------------------------------------------------------


def _parse_inline(content: str, env: dict[str, Any]) -> list[Token]:
    """The inline tokens of ``content``."""
    tokens = markdown.parser().parseInline(content, env)
    return list(tokens[0].children or []) if tokens else []


def _closing(tokens: list[Token], start: int) -> int:
    """The index of the token that closes ``tokens[start]`` (itself if it opens nothing)."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth <= 0:
            return index
    return len(tokens) - 1


class _Transform:
    """Rewrites a copy of a chapter's tokens into what the normal form renders from."""

    def __init__(self, env: dict[str, Any], source_lines: int) -> None:
        self.env = env
        self.offset = source_lines + 1
        self.warnings: list[str] = []
        self.line = 1
        self.code = NestedCode()
        self.fence_lines: set[tuple[int, int]] = set()  # (inline token, line) of paired colon fences

    def run(self, tokens: list[Token]) -> list[Token]:
        tokens = self.markdown_in_html(self.alerts(_unwrap_containers(tokens)))
        self.pair_colon_fences(tokens)
        tokens = self.lines(tokens)
        tokens = self.colon_fences(tokens)
        tokens = self.fences(tokens)
        tokens = self.code.placeholders(tokens)
        for index, token in enumerate(tokens):
            if token.type == "inline":
                opener = tokens[index - 1].type if index > 0 else ""
                self.inline(token, heading=opener == "heading_open")
                if opener == "paragraph_open":
                    _guard_paragraph_start(token)
        return loosen_lists(separate_blocks(_drop_empty(tokens)))

    # Lines of paragraphs: site-generator lines dropped, colon fence lines made markers.

    def pair_colon_fences(self, tokens: list[Token]) -> None:
        """Find the colon fence lines that open and close a block: only those are markers;
        a ":::" line without its partner is text."""
        opened: list[tuple[int, int]] = []
        for index, token in enumerate(tokens):
            if token.type != "inline" or index == 0 or tokens[index - 1].type != "paragraph_open":
                continue
            for number, line in enumerate(token.content.split("\n")):
                if not (match := COLON_FENCE.match(line.strip())):
                    continue
                if match["braced"] or match["kind"]:
                    opened.append((id(token), number))
                elif opened:
                    self.fence_lines.update({opened.pop(), (id(token), number)})

    def lines(self, tokens: list[Token]) -> list[Token]:
        result: list[Token] = []
        lists: list[int] = []  # where the open lists start in result
        drop_lists: set[int] = set()
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type in LIST_OPENERS:
                lists.append(len(result))
            elif token.type in LIST_CLOSERS and lists:
                start = lists.pop()
                if start in drop_lists:  # kramdown's "* TOC" list before "{:toc}": the site's table of contents
                    del result[start:]
                    index += 1
                    continue
            if token.type == "paragraph_open" and index + 2 < len(tokens) and tokens[index + 1].type == "inline":
                inline = tokens[index + 1]
                pieces, toc = self.paragraph_lines(inline, token)
                if toc and lists:
                    drop_lists.add(lists[-1])
                if pieces is not None:
                    result.extend(pieces)
                    index += 3
                    continue
            result.append(token)
            index += 1
        return result

    def paragraph_lines(self, inline: Token, opener: Token) -> tuple[list[Token] | None, bool]:
        """A paragraph split at its site-generator lines (None: it has none), and whether
        one of them was kramdown's ``{:toc}``."""
        lines = inline.content.split("\n")
        kinds = [self.line_kind(line.strip()) for line in lines]
        kinds = [
            None if kind == "fence" and (id(inline), number) not in self.fence_lines else kind
            for number, kind in enumerate(kinds)
        ]
        if not any(kinds):
            return None, False
        pieces: list[Token] = []
        kept: list[str] = []

        first = 0

        def flush() -> None:
            if kept:
                content = "\n".join(kept)
                paragraph = paragraph_tokens(_parse_inline(content, self.env), content, opener.level)
                if inline.map:
                    start = inline.map[0] + first
                    for token in paragraph:
                        token.map = [start, start + len(kept)]
                for token in paragraph:
                    token.hidden = opener.hidden  # a paragraph of a tight list
                pieces.extend(paragraph)
                kept.clear()

        for number, (line, kind) in enumerate(zip(lines, kinds, strict=True)):
            if kind is None:
                if not kept:
                    first = number
                kept.append(line)
            elif kind == "fence":
                flush()
                marker = new_token("colon_fence_marker", content=line.strip(), level=opener.level)
                marker.map = inline.map
                pieces.append(marker)
        flush()
        return pieces, "toc" in kinds

    @staticmethod
    def line_kind(line: str) -> str | None:
        if LABEL_LINE.match(line) or TAG_LINE.match(line) or (ATTRIBUTE_LINE.match(line) and not TOC_LINE.match(line)):
            return "drop"
        if TOC_LINE.match(line):
            return "toc"
        if COLON_FENCE.match(line):
            return "fence"
        return None

    # kramdown's markdown="1" HTML: the tags go, their content is read as the Markdown it is.

    def markdown_in_html(self, tokens: list[Token]) -> list[Token]:
        """Each block of HTML marked ``markdown="1"`` as its Markdown: the marked tags go (a
        blank line for each, so each part is a block of its own), and what an ``<aside>`` or
        ``<blockquote>`` holds is a quote, as a reader sees it."""
        result: list[Token] = []
        open_names: list[str] = []  # tags opened in an earlier block, closed in a later one
        quoting = 0  # of them, asides and quotes
        for token in tokens:
            if token.type != "html_block" or not (MARKDOWN_TAG.search(token.content) or open_names):
                result.append(token)
                continue
            parts = MARKDOWN_TAG.split(token.content)  # text, name, text, name, ...
            names = [name.lower() for name in parts[1::2]]
            source = "\n\n".join(textwrap.dedent(part) for part in parts[0::2])
            for name in {*names, *open_names}:
                closing = re.compile(rf"</{name}\s*>", re.I)
                found = len(closing.findall(source))
                source = closing.sub("\n\n", source)
                open_names += [name] * max(0, names.count(name) - found)
                for _ in range(min(max(0, found - names.count(name)), open_names.count(name))):
                    open_names.remove(name)
            quote = quoting > 0 or any(name in QUOTING_TAGS for name in names)
            quoting = sum(name in QUOTING_TAGS for name in open_names)
            source = "\n".join(line.rstrip() for line in source.strip("\n").split("\n"))
            if quote:
                source = "\n".join(f"> {line}" if line else ">" for line in source.split("\n"))
            result.extend(self.parsed(source + "\n", token))
        return result

    # GitHub's "> [!TIP]" alerts: an admonition of the kind, holding the rest of the quote.

    def alerts(self, tokens: list[Token]) -> list[Token]:
        result: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            head = tokens[index + 1 : index + 3]
            opens = token.type == "blockquote_open" and [t.type for t in head] == ["paragraph_open", "inline"]
            match = GITHUB_ALERT.match(head[1].content) if opens else None
            if match is None:
                result.append(token)
                index += 1
                continue
            end = _closing(tokens, index)
            inner = self.alerts(tokens[index + 1 : end])
            rest = head[1].content[match.end() :]
            close = _closing(inner, 0)
            first = paragraph_tokens(_parse_inline(rest, self.env), rest, head[0].level) if rest.strip() else []
            body = markdown.render_normal(first + inner[close + 1 :], self.env)
            result.extend(self.admonition(match["kind"], "", body, token))
            index = end + 1
        return result

    # Docusaurus/MDX ":::tip Title ... :::" and MyST ":::{note} ... :::" blocks.

    def colon_fences(self, tokens: list[Token]) -> list[Token]:
        tokens = _hoist_closers(tokens)
        result: list[Token] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if token.type != "colon_fence_marker":
                result.append(token)
                index += 1
                continue
            match = COLON_FENCE.match(token.content)
            kind = match and (match["braced"] or match["kind"])
            end = self.colon_fence_end(tokens, index, len(match["colons"]) if match else 3) if kind else None
            if match is None or kind is None or end is None:  # a stray marker line shows nothing
                index += 1
                continue
            inner = self.colon_fences(tokens[index + 1 : end])
            title = (match["bracketed"] or match["title"] or "").strip()
            result.extend(self.admonition(kind, title, markdown.render_normal(inner, self.env), token))
            index = end + 1
        return result

    @staticmethod
    def colon_fence_end(tokens: list[Token], start: int, colons: int) -> int | None:
        """The marker that closes the colon fence opened at ``tokens[start]``, at its level."""
        depth = 0
        level = tokens[start].level
        for index in range(start + 1, len(tokens)):
            token = tokens[index]
            if token.level < level:
                return None
            if token.type != "colon_fence_marker" or token.level != level:
                continue
            match = COLON_FENCE.match(token.content)
            if match and (match["braced"] or match["kind"]):
                depth += 1
            elif match and len(match["colons"]) >= colons:
                if depth == 0:
                    return index
                depth -= 1
        return None

    def admonition(self, kind: str, title: str, body: str, at: Token) -> list[Token]:
        """The tokens of an MkDocs admonition of ``kind`` holding the Markdown ``body``."""
        kind = kind.lower()
        if kind not in ADMONITIONS:
            title = title or kind.replace("-", " ").capitalize()
            kind = "note"
        elif kind == "seealso":
            kind, title = "note", title or "See also"
        title = one_line(title).replace('"', "\u201d")
        heading = f'!!! {kind} "{title}"' if title else f"!!! {kind}"
        # Written by mdformat first: one blank line between blocks (two end an admonition).
        body = markdown.render_normal(markdown.parser().parse(body, self.env), self.env)
        indented = "\n".join(INDENT + line if line else "" for line in body.split("\n"))
        return self.parsed(f"{heading}\n{indented}\n", at)

    def parsed(self, source: str, at: Token) -> list[Token]:
        """The block tokens of the Markdown ``source``, placed at the level of ``at``."""
        tokens = markdown.parser().parse(source, self.env)
        for token in tokens:
            token.level += at.level
            token.map = at.map
        self.pair_colon_fences(tokens)  # what a directive holds is converted too
        return self.fences(self.colon_fences(self.lines(tokens)))

    # Code fences: MyST directives converted, info strings Python-Markdown can read.

    def fences(self, tokens: list[Token]) -> list[Token]:
        result: list[Token] = []
        for token in tokens:
            if token.type != "fence":
                result.append(token)
                continue
            info = token.info.strip()
            if directive := MYST_DIRECTIVE.match(info):
                result.extend(self.directive(directive["name"].lower(), directive["argument"].strip(), token))
                continue
            language = info.split(maxsplit=1)[0] if info else ""
            token.info = language if FENCE_LANGUAGE.match(language) else ""
            if token.content and not token.content.endswith("\n"):  # a fence left open at the end of the text
                token.content += "\n"
            result.append(token)
        return result

    def directive(self, name: str, argument: str, fence: Token) -> list[Token]:
        """A MyST directive fence as the Markdown it stands for; its text is never lost."""
        name = name.split(":")[-1]  # "{eval-rst}", "{py:function}"
        options, content = _directive_parts(fence.content)
        if name in IMAGE_DIRECTIVES:
            # Alt text and path without what would end the image's syntax (mdformat writes alt text as it is).
            caption = re.sub(r"[\[\]`\\<>!]", "", one_line(options.get("alt") or markdown.plain(content) or ""))
            path = re.sub(r"[<>\\]", "", argument)
            image = f"![{caption}](<{path}>)" if path else ""
            source = image + ("\n\n" + content if content.strip() and name == "figure" else "")
            return self.parsed(source, fence) if source else []
        if name == "admonition":
            kind = options.get("class", "note").split()[0]
            return self.admonition(kind if kind.lower() in ADMONITIONS else "note", argument, content, fence)
        if name in ADMONITIONS:
            return self.admonition(name, argument, content, fence)
        if name in CODE_DIRECTIVES:
            fence.info = argument.split(maxsplit=1)[0] if argument and FENCE_LANGUAGE.match(argument.split()[0]) else ""
            fence.content = content if content.endswith("\n") or not content else content + "\n"
            return [fence]
        source = (argument + "\n\n" if argument else "") + content
        return self.parsed(source, fence) if source.strip() else []

    # Inline content.

    def inline(self, token: Token, *, heading: bool) -> None:
        self.line = (token.map[0] if token.map else 0) + self.offset
        children = token.children or []
        token.children = _joined(self.inline_children(children))
        if heading and token.children and token.children[-1].type == "text":
            # kramdown's "## Title {#id}": the id is for the source site's links
            token.children[-1].content = HEADING_ATTRIBUTES.sub("", token.children[-1].content)

    def inline_children(self, children: list[Token]) -> list[Token]:
        result: list[Token] = []
        index = 0
        while index < len(children):
            child = children[index]
            kind = child.type
            if kind == "python_markdown_attr_list_open":
                end = next(
                    (i for i in range(index, len(children)) if children[i].type.endswith("attr_list_close")), index
                )
                # Inside a line, "{: .class}" or the "{ name }" of "{{ name }}" is text to
                # Python-Markdown without attr_list (lines holding only one were dropped).
                inner = self.inline_children(children[index + 1 : end])
                result.extend([new_token("text", content="{"), *inner, new_token("text", content="}")])
                index = end + 1
                continue
            if kind == "link_open" and TAG_DESTINATION.match(str(child.attrs.get("href", ""))):
                end = _closing(children, index)
                result.extend(self.inline_children(children[index + 1 : end]))
                self.warnings.append(f"{self.line}: a link to a site-generator tag cannot be followed; kept its text")
                index = end + 1
                continue
            if kind == "hardbreak":  # Python-Markdown reads no backslash line break
                result.extend([new_token("html_inline", content="<br />"), new_token("softbreak")])
            elif kind == "text":
                result.extend(entities(child.content))
            else:
                if child.children and kind != "image":
                    child.children = self.inline_children(child.children)
                result.append(child)
            index += 1
        return result


def _unwrap_containers(tokens: list[Token]) -> list[Token]:
    """Content tabs (``=== "Title"``) and definition lists, which the parser reads but the
    site's Markdown does not: each title or term becomes a bold paragraph, followed by what
    it holds."""
    result: list[Token] = []
    wrappers = 0  # open content tabs, definition lists and definitions
    title = False  # the last token opened a title or term
    for token in tokens:
        if token.type in UNWRAPPED:
            wrappers = max(0, wrappers + token.nesting)
            continue
        token.level -= wrappers
        if token.type in BOLD_TITLES:
            title = token.nesting == 1
            token = new_token("paragraph_open" if title else "paragraph_close", "p", token.nesting, level=token.level)
        elif title and token.type == "inline":
            strong_open, strong_close = new_token("strong_open", "strong", 1), new_token("strong_close", "strong", -1)
            strong_open.markup = strong_close.markup = "**"
            token.children = [strong_open, *(token.children or []), strong_close]
        elif token.type in ("paragraph_open", "paragraph_close") and wrappers:
            token.hidden = False  # a definition's paragraphs are tight in a list the site does not read
        result.append(token)
    return result


def _joined(children: list[Token]) -> list[Token]:
    """Line breaks within a paragraph as spaces (the normal form has one line per paragraph),
    adjacent texts as one: mdformat escapes a text by what it holds, and reads back one."""
    result: list[Token] = []
    for child in children:
        if child.type == "softbreak":
            child = new_token("text", content=" ")
        elif child.children and child.type != "image":
            child.children = _joined(child.children)
        if child.type == "text" and result and result[-1].type == "text":
            result[-1] = new_token("text", content=result[-1].content + child.content)
        else:
            result.append(child)
    return result


def _guard_paragraph_start(inline: Token) -> None:
    """Escape what would not read back as the text it is at the start of a paragraph:
    what Python-Markdown, unlike CommonMark, reads as block syntax ("#word", a heading
    without a space; "!!! word", an admonition); what the parser reads as a content tab,
    a collapsible admonition or a fence ("=== word", "??? word", "~~~"); a typed bullet,
    which import reads as a list item; and a line the transform would drop or convert
    (":::tip", "{: .class}", "(label)=") that was text in the source."""
    children = inline.children or []
    if not children or children[0].type != "text" or not children[0].content:
        return
    first = children[0].content[0]
    if PYTHON_MARKDOWN_BLOCK_START.match(children[0].content):
        escaped = "\\" + first
    elif ENTITY_GUARD.match(children[0].content) or (first in "{(:" and _Transform.line_kind(_plain(inline))):
        escaped = f"&#{ord(first)};"
    else:
        return
    rest = children[0].content[1:]
    inline.children = [
        new_token("html_inline", content=escaped),
        *([new_token("text", content=rest)] if rest else []),
        *children[1:],
    ]


def _directive_parts(content: str) -> tuple[dict[str, str], str]:
    """A MyST directive's options (``:key: value`` lines or a ``---`` YAML block) and body."""
    lines = content.split("\n")
    options: dict[str, str] = {}
    index = 0
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            for line in lines[1:end]:
                key, _, value = line.partition(":")
                options[key.strip()] = value.strip()
            index = end + 1
    while index < len(lines) and (option := MYST_OPTION.match(lines[index].strip())):
        options[option["key"]] = option["value"]
        index += 1
    return options, "\n".join(lines[index:]).strip("\n") + "\n"


def _hoist_closers(tokens: list[Token]) -> list[Token]:
    """A closing ``:::`` that Markdown read as the last line of a list item (a lazy
    continuation line) moved after the blocks it ends, to the level of its opener."""
    result = list(tokens)
    index = 0
    while index < len(result):
        token = result[index]
        match = COLON_FENCE.match(token.content) if token.type == "colon_fence_marker" else None
        if match and not (match["braced"] or match["kind"]):
            end = index
            while end + 1 < len(result) and result[end + 1].nesting == -1:
                end += 1
            if end > index:
                token.level = result[end].level
                result[index : end + 1] = [*result[index + 1 : end + 1], token]
                index = end
        index += 1
    return result


def _drop_empty(tokens: list[Token]) -> list[Token]:
    """Without headings and paragraphs that hold no text (an empty heading holds nothing),
    and without list items and lists left empty: a bare "-" shows nothing, and items that
    hold only items would be written as "- - -", a rule."""
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("heading_open", "paragraph_open") and index + 2 < len(tokens):
            inline = tokens[index + 1]
            if inline.type == "inline" and not any(
                child.content.strip() or child.type == "image" for child in inline.children or []
            ):
                index += 3
                continue
        if token.nesting == -1 and result and result[-1].nesting == 1 and token.type in EMPTIED:
            result.pop()  # the opening token of a list or item with nothing in it
        else:
            result.append(token)
        index += 1
    return result


# --- title, description, headings -------------------------------------------------------


def _blocks(tokens: list[Token]) -> Iterator[tuple[str, int, str, int]]:
    """Top-level blocks as ``(kind, level, plain text, index of the opening token)``;
    a list gives the text of each of its items' paragraphs."""
    for index, token in enumerate(tokens):
        if token.type == "inline" and index > 0:
            opener = tokens[index - 1]
            if opener.type == "heading_open" and opener.level == 0:
                yield "heading", int(opener.tag[1]), _plain(token), index - 1
            elif opener.type == "paragraph_open" and opener.level == 0:
                yield "paragraph", 0, _plain(token), index - 1
            elif opener.type == "paragraph_open":
                yield "item", 0, _plain(token), index - 1


def _plain(inline: Token) -> str:
    parts: list[str] = []
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append("".join(grandchild.content for grandchild in child.children or []))
        elif child.type == "html_inline" and child.content.startswith("&"):  # one the transform wrote
            parts.append(html.unescape(child.content))
        elif child.type == "html_inline" and child.content.startswith("\\"):  # escapes the transform wrote
            parts.append(child.content.replace("\\", ""))
        elif child.type in ("text", "code_inline") and CODE_PLACEHOLDER not in child.content:
            parts.append(child.content)
    return one_line("".join(parts))


def _take_title(meta: dict[str, Any], tokens: list[Token], override: str | None) -> tuple[str | None, list[Token]]:
    """The chapter's title, if it has one, and the tokens without a leading title line."""
    declared = meta.get("title")
    if declared is not None and (not isinstance(declared, str) or not one_line(declared)):
        raise HandbookError("the front matter 'title' is not text", line=2, fix="write it as 'title: Your Title'")
    first = next(_blocks(tokens), None)
    leading: str | None = None
    if first is not None and first[0] == "heading" and first[1] == 1 and first[2]:
        leading = first[2]
    elif first is not None and first[0] == "paragraph" and declared is None and is_chapter_line(first[2]):
        # With a title in the front matter, a first line such as "Chapter 2: Goals" is
        # body text; otherwise a chapter that keeps one would lose it on re-import.
        leading = first[2]
    if override is not None and one_line(override):
        title = one_line(override)
    elif declared:
        title = one_line(declared)
    elif leading is not None:
        title = CHAPTER_PREFIX.sub("", leading) or leading
    else:
        return None, tokens
    if first is not None and leading is not None and (not declared or leading == one_line(declared)):
        start = first[3]
        tokens = tokens[:start] + tokens[start + 3 :]
    return title, tokens


def is_chapter_line(paragraph: str) -> bool:
    """Whether a first paragraph is a title line such as "Chapter 5 - Networking Goals"."""
    return bool(CHAPTER_PREFIX.match(paragraph)) and len(paragraph) <= 120 and not paragraph.endswith((".", "!", "?"))


def _heading_levels(tokens: list[Token]) -> list[Token]:
    """Body headings start at ``##`` and never skip a level (the title is the page's H1)."""
    headings = [token for token in tokens if token.type in ("heading_open", "heading_close")]
    if not headings:
        return tokens
    shift = 2 - min(int(token.tag[1]) for token in headings)
    previous = 1
    for token in headings:
        if token.type == "heading_open":
            previous = max(2, min(int(token.tag[1]) + shift, previous + 1, 6))
        token.tag = f"h{previous}"
        token.markup = "#" * previous
    return tokens


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


def _introduction(tokens: list[Token]) -> list[str]:
    """The plain text of the paragraphs before the first heading."""
    result = []
    for kind, _, plain, _ in _blocks(tokens):
        if kind == "heading":
            break
        if kind == "paragraph" and plain:
            result.append(plain)
    return result


def infer_title(tokens: list[Token]) -> str:
    """A title for an untitled text, taken from what its introduction says it is about.

    In order: the topic of "In this chapter we will explore X" when X is a short phrase;
    the subject of the first sentence ("Building a network is ..."); the first heading;
    the first words of the text.
    """
    intro = _introduction(tokens)
    for sentence in (s for paragraph in intro for s in sentences(paragraph)):
        if match := TOPIC.search(sentence):
            topic = match.group("topic").strip()
            if "," not in topic and 2 <= len(topic.split()) <= 12:
                return title_case(topic)
    if intro:
        first_sentence = sentences(intro[0])[0]
        if (match := SUBJECT.match(first_sentence)) and 2 <= len(match["subject"].split()) <= 10:
            return title_case(match["subject"])
    blocks = list(_blocks(tokens))
    for kind, _, plain, _ in blocks:
        if kind == "heading" and plain:
            return plain
    for words in (plain.split() for _, _, plain, _ in blocks):
        if any(character.isalnum() for character in "".join(words)):
            return title_case(" ".join(words[:8]).rstrip(".,;:!?"))
    raise HandbookError(
        "there is no text to take a title from",
        line=1,
        fix='add a title line, or pass --title "Your Title"',
    )


DESCRIPTION_LENGTH = 240  # search engines show about 160 characters; keep a whole thought


def infer_description(tokens: list[Token], title: str) -> str:
    """The first sentence of the introduction: one sentence for the page's meta description."""
    paragraphs = _introduction(tokens) or [plain for kind, _, plain, _ in _blocks(tokens) if kind == "paragraph"][:1]
    for paragraph in paragraphs:
        if first := sentences(paragraph)[0]:
            if len(first) > DESCRIPTION_LENGTH:
                first = first[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "\u2026"
            return first
    return f"{one_line(title)}: a chapter of the Networking Handbook."


def one_line(value: str) -> str:
    """``value`` with every run of white space made one space, as front matter keeps it."""
    return " ".join(value.split())


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
