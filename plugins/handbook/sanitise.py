"""Safety by sanitising: a chapter's rendered HTML keeps only what the allowlist names.

Chapters are untrusted. Whatever their Markdown renders to is cleaned by nh3 (ammonia)
with the allowlist below before it reaches a page: no script, style, frames, forms,
SVG or MathML, no event-handler or style attributes, no URLs other than http, https,
mailto and relative ones, in whatever encoding they are written. A chapter may *mention*
HTML (in code, or as entities): only the raw HTML fragments and link URLs the parser
found (``markdown.Document.html`` and ``.links``) are examined by ``problems_of`` and
``url_problem``, which say what the sanitiser would remove, for ``check`` and the build
to report with path:line.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

import nh3

from .markdown import RawHtml


@dataclass(frozen=True)
class Allowlist:
    tags: frozenset[str]
    attributes: dict[str, frozenset[str]]  # by tag
    classes: frozenset[str]  # class names any element with a class attribute may have
    class_prefixes: tuple[str, ...]  # and class names starting with these (code languages)
    url_schemes: frozenset[str]  # besides relative URLs
    url_attributes: frozenset[str]
    style_properties: frozenset[str]  # the only CSS a style attribute may keep (table alignment)
    removed_with_content: frozenset[str]  # elements dropped with everything inside them


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CELL = frozenset({"align", "colspan", "rowspan", "style"})
# Admonition kinds of Python-Markdown and Material (``!!! tip``), and the handbook's own classes.
ADMONITION_KINDS = frozenset(
    {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done"}
    | {"question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger"}
    | {"error", "bug", "example", "quote", "cite"}
)

ALLOWED = Allowlist(
    tags=frozenset(
        {*HEADINGS, "p", "br", "hr", "div", "span", "a", "img", "code", "pre", "blockquote"}
        | {"em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "kbd", "abbr", "q"}
        | {"ul", "ol", "li", "dl", "dt", "dd", "details", "summary", "figure", "figcaption"}
        | {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    ),
    attributes={
        **{heading: frozenset({"id"}) for heading in HEADINGS},
        "a": frozenset({"href", "title", "class"}),
        "img": frozenset({"src", "alt", "title", "width", "height"}),
        "span": frozenset({"id", "class"}),
        "div": frozenset({"class"}),
        "p": frozenset({"class"}),
        "code": frozenset({"class"}),
        "details": frozenset({"class", "open"}),
        "ol": frozenset({"start"}),
        "abbr": frozenset({"title"}),
        "th": CELL,
        "td": CELL,
    },
    classes=frozenset(
        {"admonition", "admonition-title", "headerlink", "handbook-technique", "handbook-also-in", "handbook-banner"}
        | ADMONITION_KINDS
    ),
    class_prefixes=("language-",),
    url_schemes=frozenset({"http", "https", "mailto"}),
    url_attributes=frozenset({"href", "src"}),
    style_properties=frozenset({"text-align"}),
    removed_with_content=frozenset(
        {"script", "style", "iframe", "object", "embed", "svg", "math", "template", "noscript", "textarea", "title"}
    ),
)

# A URL's scheme, once entities and percent-escapes are decoded and the characters browsers
# ignore (tabs and line breaks anywhere, spaces and controls around it) are removed.
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
IGNORED_IN_URL = re.compile(r"[\t\n\r]")
CONTROLS_AND_SPACE = "".join(map(chr, range(0x21)))
CLASS_NAME = re.compile(r"[A-Za-z0-9_-]+")
ID = re.compile(r"[\w-]+")


def allowed_class(name: str) -> bool:
    return name in ALLOWED.classes or (
        name.startswith(ALLOWED.class_prefixes) and CLASS_NAME.fullmatch(name) is not None
    )


def allowed_id(value: str) -> bool:
    """Ids a chapter may set: word characters and hyphens, never the theme's ``__`` ids
    (``__search``, ``__drawer``), which a heading could otherwise shadow."""
    return ID.fullmatch(value) is not None and not value.startswith("__")


def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3's hook for allowed attributes: class names and ids are checked value by value."""
    if attribute == "class":
        kept = [name for name in value.split() if allowed_class(name)]
        return " ".join(kept) if kept else None
    if attribute == "id":
        return value if allowed_id(value) else None
    return value


@functools.cache
def cleaner() -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(ALLOWED.tags),
        clean_content_tags=set(ALLOWED.removed_with_content),
        attributes={tag: set(names) for tag, names in ALLOWED.attributes.items()},
        attribute_filter=filter_attribute,
        url_schemes=set(ALLOWED.url_schemes),
        filter_style_properties=set(ALLOWED.style_properties),
        link_rel=None,
        strip_comments=False,  # comments are inert, and the plugin's markers are comments
    )


def clean(html_text: str) -> str:
    """``html_text`` with everything outside the allowlist removed."""
    return str(cleaner().clean(html_text))


def url_problem(url: str) -> str | None:
    """What the sanitiser would do to a link or image URL: ``"a javascript: URL"`` if it
    would remove it, None if it keeps it. Entities (``&#106;``), percent-escapes, tabs,
    line breaks and case do not hide a scheme."""
    decoded = IGNORED_IN_URL.sub("", html.unescape(unquote(url)))
    match = SCHEME.match(decoded.strip(CONTROLS_AND_SPACE))
    if match is None or match[1].lower() in ALLOWED.url_schemes:
        return None
    return f"a {match[1].lower()}: URL"


def problems_of(raw: RawHtml) -> list[str]:
    """What the sanitiser would remove from a raw HTML fragment of a chapter, each once, as
    short descriptions ("an HTML <script> element", "an event-handler attribute (onclick=)")."""
    found: dict[str, None] = {}
    for tag, attributes in start_tags(raw.source):
        if tag in ("!", "?"):
            found["an HTML declaration (<!...>)" if tag == "!" else "an HTML processing instruction (<?...>)"] = None
        elif tag not in ALLOWED.tags:
            found[f"an HTML <{tag}> element"] = None
        else:
            for name, value in attributes:
                problem = attribute_problem(tag, name, value)
                if problem is not None:
                    found[problem] = None
    return list(found)


def attribute_problem(tag: str, name: str, value: str) -> str | None:
    if name.startswith("on"):
        return f"an event-handler attribute ({name}=)"
    if name not in ALLOWED.attributes.get(tag, frozenset()):
        return "a style attribute" if name == "style" else f"the attribute {name}= of <{tag}>"
    if name in ALLOWED.url_attributes:
        return url_problem(value)
    if name == "class":
        refused = [class_name for class_name in value.split() if not allowed_class(class_name)]
        return f"the class {refused[0]!r} of <{tag}>" if refused else None
    if name == "id" and not allowed_id(value):
        return f"the id {value!r} of <{tag}>"
    if name == "style":
        properties = {part.partition(":")[0].strip().lower() for part in value.split(";") if part.strip()}
        if properties - ALLOWED.style_properties:
            return "a style attribute"
    return None


# Elements whose content is text up to their end tag, never tags (HTML's raw text elements).
RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"})
TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
ATTRIBUTE_NAME = re.compile(r"[^\s/>][^\s/>=]*")
SPACE = re.compile(r"[\s/]*")
WHITESPACE = re.compile(r"\s*")
UNQUOTED = re.compile(r"[^\s>]*")


@functools.cache
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(name), re.IGNORECASE | re.ASCII)


def find_name(source: str, name: str, position: int = 0) -> int:
    """Where ``name`` (ASCII markup such as ``"</script"``) first stands in ``source`` from
    ``position``, its letters in either case, as HTML reads tag names; -1 if nowhere. A
    literal pattern: linear in the text, and no lower-cased copy of a whole page."""
    match = _name_pattern(name).search(source, position)
    return match.start() if match else -1


def start_tags(source: str) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The start tags of an HTML fragment as ``(tag, [(attribute, value), ...])``, names in
    lower case and values with entities decoded; ``("!", [])`` for a declaration and
    ``("?", [])`` for a processing instruction. Comments and end tags are skipped.

    A scanner of its own rather than ``html.parser``, which takes quadratic time on some
    malformed input (``"<!--" * 65536``): here every step moves forward, so the time is
    linear in the length of the fragment.
    """
    position = 0
    while (start := source.find("<", position)) != -1:
        if source.startswith("<!--", start):
            end = source.find("-->", start + 4)
            if end == -1:
                return
            position = end + 3
        elif source.startswith(("</", "<!", "<?"), start):
            if source[start + 1] != "/":
                yield source[start + 1], []
            end = source.find(">", start)
            if end == -1:
                return
            position = end + 1
        elif (name := TAG_NAME.match(source, start + 1)) is not None:
            tag = name[0].lower()
            position, attributes = read_attributes(source, name.end())
            yield tag, attributes
            if tag in RAW_TEXT:
                end = find_name(source, "</" + tag, position)
                if end == -1:
                    return
                position = end
        else:
            position = start + 1


def read_attributes(source: str, position: int) -> tuple[int, list[tuple[str, str]]]:
    """The attributes of a start tag from ``position`` (after its name) to its ``>``, and the
    position after the tag."""
    attributes: list[tuple[str, str]] = []
    length = len(source)
    while True:
        position = end_of(SPACE, source, position)
        if position >= length:
            return length, attributes
        if source[position] == ">":
            return position + 1, attributes
        name = ATTRIBUTE_NAME.match(source, position)
        if name is None:  # cannot happen after SPACE, but never loop without moving on
            position += 1
            continue
        position = end_of(WHITESPACE, source, name.end())
        value = ""
        if position < length and source[position] == "=":
            position = end_of(WHITESPACE, source, position + 1)
            quote = source[position] if position < length else ""
            if quote in ('"', "'"):
                end = source.find(quote, position + 1)
                end = length if end == -1 else end
                value, position = source[position + 1 : end], end + 1
            else:
                end = end_of(UNQUOTED, source, position)
                value, position = source[position:end], end
        attributes.append((name[0].lower(), html.unescape(value)))


def end_of(pattern: re.Pattern[str], source: str, position: int) -> int:
    """Where a match of ``pattern`` (which may match nothing) at ``position`` ends."""
    match = pattern.match(source, position)
    return match.end() if match else position
