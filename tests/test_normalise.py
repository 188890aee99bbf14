"""The normal form: golden cases, idempotency, conversions of other sites' syntax, and what
Python-Markdown (MkDocs) makes of the normal form compared with what CommonMark makes of
the source.

The property tests run a fixed set of examples by default (the "ci" profile, so every run
tests the same texts); ``HYPOTHESIS_PROFILE=dev`` runs many more, fresh each time.
"""

from __future__ import annotations

import os
import re
import textwrap
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import markdown
import pytest
from gold import REAL_CHAPTER_FILES
from handbook import frontmatter, normalise
from handbook.errors import HandbookError
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
REALWORLD = TESTS / "fixtures" / "realworld"
CHAPTERS = TESTS.parent / "chapters"
COMMITTED = sorted(CHAPTERS.glob("[0-9]*-*.md"))

settings.register_profile(
    "ci", max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", settings.get_profile("ci"), max_examples=3000, derandomize=False)
FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SITE_EXTENSIONS = ["toc", "admonition", "tables", "fenced_code"]  # mkdocs.yml's markdown_extensions


def body_of(normal: str) -> str:
    return frontmatter.split(normal)[1]


def html_of(normal: str) -> str:
    """The chapter's body as the site's Markdown (Python-Markdown) renders it."""
    return markdown.markdown(body_of(normal), extensions=SITE_EXTENSIONS)


def commonmark_html(source: str) -> str:
    return str(MarkdownIt("commonmark").enable("table").render(source))


def normal(raw: str, title: str | None = None) -> str:
    return normalise.text(raw, title=title, lenient=True).text


# --- golden cases ----------------------------------------------------------------------

CASES = sorted(path.stem for path in GOLDEN.glob("*.txt"))


def golden(case: str) -> tuple[str, str | None, str]:
    """The raw text, the --title (from ``<case>.title``, if there is one) and the expected form."""
    raw = (GOLDEN / f"{case}.txt").read_bytes().decode("utf-8")
    title_file = GOLDEN / f"{case}.title"
    title = title_file.read_text(encoding="utf-8").strip() if title_file.exists() else None
    return raw, title, (GOLDEN / f"{case}.md").read_bytes().decode("utf-8")


def test_golden_cases_are_present() -> None:
    wanted = {
        "setext-headings", "atx-headings", "chapter-prefix", "chapter-prefix-heading", "list-markers",
        "nested-lists", "loose-list", "bold", "soft-wrap", "html-entities", "heading-then-text", "crlf",
        "tabs-and-spaces", "title-override", "inferred-title", "markdown-lookalikes",
        # real Markdown and other sites' syntax (issue 9)
        "fenced-code", "email-template", "block-quote", "table", "html-block", "admonition",
        "image-path-with-spaces", "myst-figure", "docusaurus-admonition", "jekyll-front-matter",
        "heading-hierarchy", "hard-break", "python-markdown-lookalikes", "fence-in-list", "tabs-and-definitions",
        # what a second import changed, or Python-Markdown read differently
        "code-after-list", "link-lookalikes", "github-alerts", "kramdown-markdown-html",
    }  # fmt: skip
    assert wanted <= set(CASES)
    assert all((GOLDEN / f"{case}.md").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case: str) -> None:
    raw, title, expected = golden(case)
    assert normal(raw, title) == expected


@pytest.mark.parametrize("case", CASES)
def test_golden_case_with_crlf_line_endings(case: str) -> None:
    raw, title, expected = golden(case)
    assert normal(raw.replace("\r\n", "\n").replace("\n", "\r\n"), title) == expected


@pytest.mark.parametrize("case", CASES)
def test_golden_output_is_already_normal(case: str) -> None:
    _, _, expected = golden(case)
    assert normalise.text(expected).text == expected


def test_crlf_golden_input_really_has_crlf() -> None:
    assert b"\r\n" in (GOLDEN / "crlf.txt").read_bytes()


# --- the API the pipeline uses ------------------------------------------------------------


def test_normal_text_from_tokens_is_what_text_gives() -> None:
    from handbook import markdown as handbook_markdown

    raw, _, expected = golden("myst-figure")
    env: dict[str, object] = {}
    tokens = handbook_markdown.parser().parse(raw, env)
    result = normalise.normal_text({}, tokens, env)
    assert result.text == expected and result.title == "Email Etiquette"


def test_foreign_front_matter_keeps_only_title_and_description() -> None:
    result = normalise.text("---\nlayout: page\ntitle: Goals\nmodule: '7.2'\ndescription: Set goals.\n---\nText.\n")
    assert result.text == "---\ntitle: Goals\ndescription: Set goals.\n---\n\nText.\n"
    assert (result.title, result.warnings) == ("Goals", [])


def test_invalid_front_matter_is_dropped_on_import_with_a_warning() -> None:
    raw = (GOLDEN / "jekyll-front-matter.txt").read_text(encoding="utf-8")
    result = normalise.text(raw, lenient=True)
    assert result.title == "Attendee Guide"
    assert result.warnings[0].startswith("2: front matter is not valid YAML")
    assert "dropped the front matter" in result.warnings[0]
    assert result.warnings[1].startswith("12: a link to a site-generator tag")


def test_invalid_front_matter_of_a_chapter_stays_an_error() -> None:
    raw = (GOLDEN / "jekyll-front-matter.txt").read_text(encoding="utf-8")
    with pytest.raises(HandbookError, match="front matter is not valid YAML") as error:
        normalise.text(raw)
    assert error.value.line == 2


def test_warnings_name_lines_of_the_file() -> None:
    result = normalise.text("---\ntitle: T\n---\n\nOne.\n\nSee [it]({% link it.md %}).\n")
    assert result.warnings == ["7: a link to a site-generator tag cannot be followed; kept its text"]


def test_a_link_to_a_tag_over_two_lines_keeps_its_text_and_is_a_fixed_point() -> None:
    result = normalise.text('# T\n\nOne.\n\nRead the [guide]({% page "updating/"\n%}) first.\n')
    assert result.text.endswith("Read the guide first.\n")
    assert normalise.text(result.text).text == result.text


def test_import_refuses_what_check_would_refuse_in_the_normal_form() -> None:
    """mdformat gathers reference definitions at the end, in one block: a chapter with
    hundreds of them is refused on import, as check would refuse it after."""
    definitions = "\n\n".join(f"[{n}]: https://example.org/{'x' * 80}/{n}" for n in range(400))
    links = " ".join(f"[link {n}][{n}]" for n in range(400))
    with pytest.raises(HandbookError, match="in the normal form, a block of more than"):
        normalise.text(f"# T\n\n{links}\n\n{definitions}\n", lenient=True)


# --- idempotency -----------------------------------------------------------------------

MARKDOWN_ALPHABET = list("#*-+=_`><&;1.):[]!{}%|\\ \t\raBé\u2028\x0c\x00")
# Pieces of Markdown (and of what the normaliser converts) that single characters would
# rarely put together.
TOKENS = [
    "    ", "  ", "\t", "- ", "* ", "+ ", "\u2022 ", "1. ", "1) ", "999999999. ", "# ", "## ", "###", "==",
    "---", "***", "___", "`", "``", "```", "```{note}", "```{figure} a.png", ":::", ":::tip T", "(label)=",
    "{:toc}", "{: .c}", "{% x %}", "{{ y }}", "{#id}", "\\", "<b>", "&amp;", "&#1;", "__", "**", "Chapter 2: ",
    "~~~", "???", "!!! note", "> ", "| a |", "|---|", "[a]: x", "[a](<b c>)", "![i](j)", "\xa0", "\u200b", "\x85",
    "word", "Two words", ".", "](", "( ", "b c)",
]  # fmt: skip
line = st.one_of(
    st.text(alphabet=st.sampled_from(MARKDOWN_ALPHABET), max_size=12),
    st.lists(st.sampled_from(TOKENS), max_size=6).map("".join),
    st.text(max_size=8),
)
lines = st.lists(line, max_size=12).map("\n".join)
front_matter = st.dictionaries(
    st.sampled_from(["title", "description", "tags"]),
    st.one_of(st.text(max_size=8), st.lists(st.text(max_size=4), max_size=2), st.integers()),
    max_size=3,
).map(frontmatter.dump)
texts = st.one_of(lines, st.text(), st.tuples(front_matter, lines).map("".join))


def normal_or_skip(raw: str, title: str | None = None) -> str:
    """``normalise.text(raw)``; a ``HandbookError`` (and only that) rejects the example."""
    try:
        return normal(raw, title)
    except HandbookError:
        assume(False)
        raise


# Texts that once broke idempotency, kept as examples that always run.
@FUZZ
@given(texts)
@example(" 1. 1\n1. 1")  # lists at two indentations are one list
@example("1\n\n\xa0\u2022")  # no-break space as indentation
@example(":______\n1__")  # nested __bold__
@example("x\n\n999999999. a\n1. b")  # list numbers of ten digits
@example("# &#1;\n\nbody")  # a heading with no text as title
@example("a\n\n# \xa0 #\n\nb")  # an empty heading
@example("# Chapter 1: Chapter 2: x\n\nChapter 2: x")  # a title line that stays text
@example("-\n1\r-\n  - 1")  # an item holding only a sub-list
@example("x\n\n+ --\n+ a")  # an item that reads as a rule
@example('---\ntitle: "a\\u200bb"\ntags: "x\\Ly"\n---\nhello')  # YAML escapes
@example("x\n\n- a\n\n  ```\n  code\n  ```")  # a fence in a list item
@example(":::tip T\n- a\n:::")  # a colon fence closed inside a list item
@example("x\n\n* a\n+ b\n1) c")  # adjacent lists
@example("x\n\n1. a\n\n   - b\n\n   ```\n   c\n   d\n   ```")  # code after a list: joined into one line
@example("x\n\n- a\n  - b\n  ```\n  c\n  ```")  # ... and its tight list made loose
@example("[a]([b c](d)")  # a destination with spaces and brackets
@example("[a]( b ) ![c]({{ d }}/e)")  # spaces around a destination, a template in one
@example("- a\n\n  ```\n  \u2022 b\n  ```")  # a typed bullet in code in a list
@example("\u2022 a\n\n    \u2022 b")  # ... and one nested in a typed list, which is not code
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normal_or_skip(raw)
    assert normalise.text(once).text == once


@FUZZ
@given(texts, line)
@example("", "0\x08")  # a control character in --title
def test_title_given_on_import_survives_reimport(raw: str, title: str) -> None:
    once = normal_or_skip(raw, title)
    assert normalise.text(once).text == once
    assert normalise.text(once, title=title).text == once


@pytest.mark.parametrize("chapter", COMMITTED, ids=lambda path: path.name)
def test_committed_chapter_is_normal(chapter: Path) -> None:
    text = chapter.read_bytes().decode("utf-8")
    assert normalise.text(text).text == text


# --- what Python-Markdown makes of the normal form --------------------------------------


@pytest.mark.parametrize("chapter", COMMITTED, ids=lambda path: path.name)
def test_committed_chapter_renders_as_sections_and_paragraphs(chapter: Path) -> None:
    html = html_of(chapter.read_text(encoding="utf-8"))
    assert "<h2" in html and "<p>" in html and "<h1" not in html


@pytest.mark.parametrize(
    ("raw", "body", "shown"),
    [
        pytest.param("a\\\nb", "a<br /> b", "<p>a<br /> b</p>", id="backslash-hard-break"),
        pytest.param("a  \nb", "a<br /> b", "<p>a<br /> b</p>", id="trailing-spaces-hard-break"),
        pytest.param("\\<b> x", "&lt;b> x", "<p>&lt;b&gt; x</p>", id="escaped-less-than"),
        pytest.param("\\&copy; x", "&amp;copy; x", "<p>&amp;copy; x</p>", id="escaped-ampersand"),
        pytest.param("#tag x", "\\#tag x", "<p>#tag x</p>", id="hash-without-space"),
        pytest.param("1) a\n2) b", "1. a\n2. b", "<ol>\n<li>a</li>\n<li>b</li>\n</ol>", id="parenthesis-marker"),
        pytest.param(
            "- a\n+ b",
            "- a\n\n<!-- -->\n\n- b",
            "<ul>\n<li>a</li>\n</ul>\n<!-- -->\n\n<ul>\n<li>b</li>\n</ul>",
            id="adjacent-lists",
        ),
        pytest.param(
            "* a\n  * b", "- a\n    - b", "<ul>\n<li>a<ul>\n<li>b</li>\n</ul>\n</li>\n</ul>", id="nested-list"
        ),
        pytest.param(
            "- a\n\n  ```\n  <b>\n  ```",
            "- a\n\n        <b>",
            "<ul>\n<li>a<pre><code>&lt;b&gt;\n</code></pre>\n</li>\n</ul>",
            id="fence-in-list",
        ),
        pytest.param(
            "- a\n  - b\n\n  ```\n  x\n  ```",
            "- a\n\n    - b\n\n    <!-- -->\n\n        x",
            "<ul>\n<li>\n<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n<!-- -->\n<pre><code>x\n</code></pre>\n</li>\n</ul>",
            id="code-after-list",
        ),
        pytest.param(
            "- a\n\n  ```\n  x\n  ```\n  ```\n  y\n  ```",
            "- a\n\n        x\n\n    <!-- -->\n\n        y",
            "<ul>\n<li>\n<p>a</p>\n<pre><code>x\n</code></pre>\n<!-- -->\n<pre><code>y\n</code></pre>\n</li>\n</ul>",
            id="code-after-code",
        ),
        pytest.param(
            "- ```\n  x\n  ```",
            "- <!-- -->\n\n        x",
            "<ul>\n<li><!-- --><pre><code>x\n</code></pre>\n</li>\n</ul>",
            id="code-first-in-item",
        ),
        pytest.param(
            "> a\n\n> b",
            "> a\n\n<!-- -->\n\n> b",
            "<blockquote>\n<p>a</p>\n</blockquote>\n<!-- -->\n\n<blockquote>\n<p>b</p>\n</blockquote>",
            id="adjacent-quotes",
        ),
        pytest.param(
            "- a\n  > q\n- b",
            "- a\n\n    > q\n\n- b",
            "<ul>\n<li>\n<p>a</p>\n<blockquote>\n<p>q</p>\n</blockquote>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>",
            id="quote-in-tight-list",
        ),
        pytest.param(
            "- a\n  - b\n  + c",
            "- a\n\n    - b\n\n    <!-- -->\n\n    - c",
            "<ul>\n<li>\n<p>a</p>\n<ul>\n<li>b</li>\n</ul>\n<!-- -->\n<ul>\n<li>c</li>\n</ul>\n</li>\n</ul>",
            id="lists-in-tight-list",
        ),
        pytest.param("[a](b c)", "\\[a\\]\\(b c)", "<p>[a](b c)</p>", id="spaced-destination"),
        pytest.param("[a]( b )", "[a](b)", '<p><a href="b">a</a></p>', id="padded-destination"),
        pytest.param("\\[a\\]([b c](d)", "\\[a\\]\\([b c](d)", '<p>[a](<a href="d">b c</a></p>', id="link-lookalike"),
        pytest.param(
            "```txt {.bad}\nx\n```",
            "```txt\nx\n```",
            '<pre><code class="language-txt">x\n</code></pre>',
            id="fence-info",
        ),
    ],
)
def test_what_python_markdown_reads_differently_is_rewritten(raw: str, body: str, shown: str) -> None:
    text = normal(raw, "T")
    assert body_of(text) == f"\n{body}\n"
    assert html_of(text) == shown
    assert normalise.text(text).text == text


def pre_blocks(html: str) -> list[str]:
    """The code blocks a page shows (empty ones aside), each without the indentation common to
    its lines, which the normal form of code in a list drops (``dialect.NestedCode``)."""
    blocks = (textwrap.dedent(unescape(code)).strip("\n") for code in PRE.findall(html))
    return [block for block in blocks if block]


PRE = re.compile(r"<pre><code[^>]*>(.*?)</code></pre>", re.DOTALL)
# Blocks at any indentation, inside list items and quotes: a paragraph or a fence, followed
# by a blank line or not.
container_block = st.tuples(
    st.sampled_from(["", "  ", "   ", "    ", "     ", "      "]),
    st.sampled_from(["", "- ", "* ", "1. ", "> "]),
    st.booleans(),  # a fence, or a paragraph
    st.lists(st.sampled_from(["x", "echo $A", "  two", "1 < 2", "a  b", "\u2022 item"]), min_size=1, max_size=3),
    st.booleans(),  # a blank line after it
)


def container_text(blocks: list[tuple[str, str, bool, list[str], bool]]) -> str:
    lines: list[str] = []
    for indent, marker, fence, words, blank in blocks:
        inner = indent + " " * len(marker)
        if fence:
            lines += [indent + marker + "```", *(inner + word for word in words), inner + "```"]
        else:
            lines.append(f"{indent}{marker}word {words[0].strip()}")
        lines += [""] * blank
    return "\n".join(lines) + "\n"


@FUZZ
@given(st.lists(container_block, min_size=1, max_size=6).map(container_text))
@example("1. a\n\n   - b\n\n   ```\n   c\n   d\n   ```\n")  # after a list: read as its paragraph
@example("- ```\n  x\n  ```\n")  # first in a list item: read as text
@example("- a\n\n  ```\n  \u2022 b\n  ```\n")  # a typed bullet in it: read as a list item
def test_code_in_lists_and_quotes_shows_as_in_the_source(raw: str) -> None:
    assert pre_blocks(html_of(normal_or_skip(raw, "T"))) == pre_blocks(commonmark_html(raw))


LINK_PIECES = ["[", "]", "(", ")", " ", "a", "b c", "!", "`", "](", "http://x.org", "\\"]


@FUZZ
@given(st.lists(st.sampled_from(LINK_PIECES), max_size=12))
@example(["[", "a", "](", "[", "b c", "](", "http://x.org", ")"])  # text, then a link
def test_brackets_and_parentheses_show_as_in_the_source(pieces: list[str]) -> None:
    raw = "w " + "".join(pieces)  # not the start of a paragraph, which has rules of its own

    def shown(html: str) -> tuple[str, list[str], list[str]]:
        page = Page(html)
        return " ".join("".join(page.text).split()), sorted(page.links), sorted(page.images)

    assert shown(html_of(normal_or_skip(raw, "T"))) == shown(commonmark_html(raw))


def test_math_syntax_is_text_as_on_the_site() -> None:
    once = normal("[\n\n1]", "T")  # written "\\[" and "1\\]": display math to the parser
    assert normalise.text(once).text == once


def test_html_is_kept_for_the_sanitiser_not_escaped() -> None:
    text = normal("# Safety\n\nPress <kbd>Ctrl</kbd>; never run <script>alert(1)</script>.")
    assert "<kbd>Ctrl</kbd>" in body_of(text) and "<script>alert(1)</script>" in body_of(text)
    assert "&lt;kbd&gt;" not in html_of(text)


# --- real-world chapters: the site shows what a CommonMark renderer shows -------------------

REALWORLD_CHAPTERS = sorted(path for path in REALWORLD.glob("*.md") if not path.stem.isupper())

WORD = re.compile(r"\w+")
ELEMENTS = ("table", "blockquote", "pre", "code", "img")
# Markdown syntax that must never reach a reader as text (outside code).
SHOWN_SYNTAX = re.compile(r"\|\s*:?-{3}|\]\(|\*\*|```|:::|\{figure\}|\(\S+\)=|^\s*>\s", re.MULTILINE)


class Page(HTMLParser):
    """What a page shows: its text (with image alt text), prose outside code, its elements."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.prose: list[str] = []
        self.elements: Counter[str] = Counter()
        self.links: set[str] = set()
        self.images: set[str] = set()
        self.in_code = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.elements[tag] += 1
        if tag == "a" and attributes.get("href"):
            self.links.add(unquote(attributes["href"] or ""))
        if tag == "img":
            self.images.add(unquote(attributes.get("src") or ""))
            self.text.append(f" {attributes.get('alt') or ''} ")
        self.in_code += tag in ("code", "pre")
        self.text.append("\n")
        self.prose.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.in_code -= tag in ("code", "pre")
        self.text.append("\n")
        self.prose.append("\n")

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if not self.in_code:
            self.prose.append(data)

    def words(self) -> Counter[str]:
        return Counter(word.lower() for word in WORD.findall("".join(self.text)))


def source_body(raw: str) -> str:
    """The source without its front matter, valid or not, as its own site reads it: HTML
    marked ``markdown="1"`` (kramdown, Jekyll) holds Markdown, which CommonMark would show
    as text."""
    lines = raw.split("\n")
    if lines[0].rstrip() == "---":
        end = next(index for index in range(1, len(lines)) if lines[index].rstrip() in ("---", "..."))
        raw = "\n".join(lines[end + 1 :])
    names = {match[1] for match in normalise.MARKDOWN_TAG.finditer(raw)}
    raw = normalise.MARKDOWN_TAG.sub("\n\n", raw)
    for name in names:
        raw = re.sub(rf"</{name}\s*>", "\n\n", raw)
    return "\n".join(line.strip() if names else line for line in raw.split("\n"))


def test_realworld_chapters_are_present() -> None:
    assert len(REALWORLD_CHAPTERS) == 10
    assert (REALWORLD / "SOURCES.md").exists() and (REALWORLD / "README.md").exists()


@pytest.mark.parametrize("chapter", REAL_CHAPTER_FILES, ids=lambda path: path.stem)
def test_realworld_chapter_shows_what_commonmark_shows(chapter: Path) -> None:
    raw = chapter.read_text(encoding="utf-8")
    source = Page(commonmark_html(source_body(raw)))
    result = normalise.text(raw, lenient=True)
    page = Page(f"<h1>{result.title}</h1>\n" + html_of(result.text))  # the page shows the title as its H1

    expected = source.words()
    recall = sum((expected & page.words()).values()) / sum(expected.values())
    print(f"{chapter.name}: {recall:.1%} of the source's words on the page")
    assert recall >= 0.97, (expected - page.words()).most_common(10)
    assert [tag for tag in ELEMENTS if page.elements[tag] < source.elements[tag]] == []
    assert source.links <= page.links
    assert source.images <= page.images
    assert SHOWN_SYNTAX.findall("".join(page.prose)) == []
    assert not re.search(r"(?m)^(?:<p>|<li>)?&gt; ", html_of(result.text))  # no block quote shown as "> text"
    assert normalise.text(result.text).text == result.text


def test_realworld_check_can_fail() -> None:
    """The comparison finds syntax shown as text and lost elements (as the old normaliser's were)."""
    source = Page(commonmark_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote"))
    shown = Page(markdown.markdown("\\| a | b |\n\\|---|---|\n\n&gt; quote"))
    assert source.elements["table"] > shown.elements["table"]
    assert SHOWN_SYNTAX.findall("".join(shown.prose))


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        pytest.param("---\nk: " + "[" * 5000 + "]" * 5000 + "\n---\nx", "nest", id="deep-yaml"),
        pytest.param("---\nk: &a [*a]\n---\nx", "anchor or alias", id="self-referring-yaml"),
        pytest.param("---\ntitle: [1, 2]\n---\nx", "'title' is not text", id="title-not-text"),
        pytest.param("***\n\n---\n", "no text to take a title from", id="nothing-to-title"),
        pytest.param("---\ntitle: x\nBody", "never closed", id="unclosed-front-matter"),
    ],
)
def test_bad_text_raises_handbook_error(raw: str, problem: str) -> None:
    with pytest.raises(HandbookError, match=problem):
        normalise.text(raw)
    if "never closed" in problem:  # no body to keep, even on import
        with pytest.raises(HandbookError, match=problem):
            normalise.text(raw, lenient=True)


def test_deeply_nested_lists_do_not_crash() -> None:
    raw = "- a\n" + "".join(" " * 2 * depth + "- a\n" for depth in range(1, 1200))
    try:
        text = normalise.text(raw, title="T").text
    except HandbookError as error:  # the one way to fail: a message for people, no traceback
        assert "nested more than 16 levels deep" in str(error) and error.line == 35  # 4 spaces a level
    else:
        assert text.startswith("---\ntitle: T\n")
