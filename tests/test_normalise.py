"""The normal form: golden cases, idempotency, and what Python-Markdown makes of it.

The property tests run a fixed set of examples by default (the "ci" profile, so every run
tests the same texts); ``HYPOTHESIS_PROFILE=dev`` runs many more, fresh each time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import markdown
import pytest
from handbook import frontmatter, normalise
from handbook.errors import HandbookError
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
CHAPTERS = TESTS.parent / "chapters"
COMMITTED = sorted(CHAPTERS.glob("[0-9]*-*.md"))

settings.register_profile(
    "ci", max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", settings.get_profile("ci"), max_examples=3000, derandomize=False)
FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def body_of(normal: str) -> str:
    return frontmatter.split(normal)[1]


SITE_MARKDOWN = markdown.Markdown(extensions=["toc", "admonition"])  # mkdocs.yml's extensions


def html_of(normal: str) -> str:
    """The chapter's body as the site's Markdown renders it."""
    return SITE_MARKDOWN.reset().convert(body_of(normal))


# Every tag Python-Markdown may make from the normal form: no raw HTML, no <h1> (the title
# is the page's only one), no <pre>, <blockquote> or admonition <div>.
MARKDOWN_TAG = re.compile(r"</?(?:p|h[2-6]|ul|ol|li|code|strong|em)>|<(?:a|h[2-6]) [^<>]*>|<img [^<>]*/?>|<hr />")


def raw_html_in(html: str) -> list[str]:
    """What in ``html`` starts a tag but is none of Markdown's own."""
    return re.findall(r"<[^\n]{0,20}", MARKDOWN_TAG.sub("", html))


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
    }  # fmt: skip
    assert wanted <= set(CASES)
    assert all((GOLDEN / f"{case}.md").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES)
def test_golden_case(case: str) -> None:
    raw, title, expected = golden(case)
    assert normalise.text(raw, title=title) == expected


@pytest.mark.parametrize("case", CASES)
def test_golden_case_with_crlf_line_endings(case: str) -> None:
    raw, title, expected = golden(case)
    assert normalise.text(raw.replace("\r\n", "\n").replace("\n", "\r\n"), title=title) == expected


@pytest.mark.parametrize("case", CASES)
def test_golden_output_is_already_normal(case: str) -> None:
    _, _, expected = golden(case)
    assert normalise.text(expected) == expected


def test_crlf_golden_input_really_has_crlf() -> None:
    assert b"\r\n" in (GOLDEN / "crlf.txt").read_bytes()


# --- idempotency -----------------------------------------------------------------------

MARKDOWN_ALPHABET = list("#*-+=_`><&;1.):[]!\\ \t\raBé\u2028\x0c\x00")
# Pieces of Markdown (and of what the normaliser rewrites) that single characters would
# rarely put together.
TOKENS = [
    "    ", "  ", "\t", "- ", "* ", "+ ", "\u2022 ", "1. ", "1) ", "999999999. ", "# ", "## ", "###", "==",
    "---", "***", "___", "`", "``", "```", "\\", "<b>", "&amp;", "&#1;", "__", "**", "Chapter 2: ",
    "~~~", "???", "!!! note", "[a]: x", "\xa0", "\u200b", "\x85", "word", "Two words", ".",
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
        return normalise.text(raw, title=title)
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
@example('---\ntags: !!omap [a: "x\\u200by"]\n---\nhello')  # YAML escapes inside a tuple
def test_normalising_twice_changes_nothing(raw: str) -> None:
    once = normal_or_skip(raw)
    assert normalise.text(once) == once


@FUZZ
@given(texts, line)
@example("", "0\x08")  # a control character in --title
def test_title_given_on_import_survives_reimport(raw: str, title: str) -> None:
    once = normal_or_skip(raw, title)
    assert normalise.text(once) == once
    assert normalise.text(once, title=title) == once


@pytest.mark.parametrize("chapter", COMMITTED, ids=lambda path: path.name)
def test_committed_chapter_is_normal(chapter: Path) -> None:
    text = chapter.read_bytes().decode("utf-8")
    assert normalise.text(text) == text


# --- what Python-Markdown makes of the normal form --------------------------------------


@pytest.mark.parametrize("chapter", COMMITTED, ids=lambda path: path.name)
def test_committed_chapter_html_has_only_markdown_tags(chapter: Path) -> None:
    html = html_of(chapter.read_text(encoding="utf-8"))
    assert "<h2" in html and "<p>" in html
    assert raw_html_in(html) == []


@FUZZ
@given(texts)
@example("a \\`<script>` b")  # an escaped backtick does not open a code span
@example("x\n\n  ```\n<b>\n```")  # nor does a backtick fence
@example("-\n1\r-\n  - 1")  # a bare "-" line reads as a heading underline
def test_html_holds_no_raw_html_from_the_text(raw: str) -> None:
    html = html_of(normal_or_skip(raw))
    assert raw_html_in(html) == []


def test_script_is_shown_not_run() -> None:
    html = html_of(normalise.text("# Safety\n\nDo not run <script>alert(1)</script> or <img src=x onerror=alert(1)>."))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html and "<img" not in html


@pytest.mark.parametrize(
    ("raw", "body", "shown"),
    [
        pytest.param(
            "`a <b>` and <b>", "`a <b>` and &lt;b&gt;", "<code>a &lt;b&gt;</code> and &lt;b&gt;", id="code-span"
        ),
        pytest.param("a \\`<b>` c", "a \\`&lt;b&gt;\\` c", "a `&lt;b&gt;` c", id="escaped-backtick"),
        pytest.param("``a` <b>", "\\`\\`a\\` &lt;b&gt;", "``a` &lt;b&gt;", id="unpaired-backticks"),
        pytest.param("``` <b> ```", "``` <b> ```", "<code>&lt;b&gt;</code>", id="triple-backtick-span"),
        pytest.param("~~~ tildes", "&#126;~~ tildes", "&#126;~~ tildes", id="tilde-fence"),
        pytest.param("!!! note", "\\!!! note", "!!! note", id="admonition"),
    ],
)
def test_markdown_syntax_in_text_stays_text(raw: str, body: str, shown: str) -> None:
    normal = normalise.text(raw, title="T")
    assert body_of(normal) == f"\n{body}\n"
    assert html_of(normal) == f"<p>{shown}</p>"
    assert normalise.text(normal) == normal


def test_list_item_that_looks_like_a_rule_is_escaped() -> None:
    normal = normalise.text("* --\n* b", title="T")
    assert body_of(normal) == "\n- \\--\n- b\n"
    assert html_of(normal) == "<ul>\n<li>--</li>\n<li>b</li>\n</ul>"


def test_item_without_text_gives_its_place_to_its_sub_list() -> None:
    normal = normalise.text("- a\n-\n    - b\n- c", title="T")
    assert body_of(normal) == "\n- a\n- b\n- c\n"


def test_heading_ending_in_escaped_backslash_keeps_its_hash() -> None:
    normal = normalise.text("# T\n\n## C\\\\#\n\ntext")
    assert "## C\\\\\\#\n" in normal
    assert '<h2 id="c">C\\#</h2>' in html_of(normal)


def test_ten_digit_list_numbers_are_avoided() -> None:
    normal = normalise.text("x\n\n999999999. a\n1. b")
    assert body_of(normal).endswith("\n999999998. a\n999999999. b\n")


def test_empty_heading_is_dropped() -> None:
    assert body_of(normalise.text("a\n\n# \xa0 #\n\nb")) == "\na\n\nb\n"


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        pytest.param("---\nk: " + "[" * 5000 + "]" * 5000 + "\n---\nx", "nested too deeply", id="deep-yaml"),
        pytest.param("---\nk: &a [*a]\n---\nx", "nested too deeply", id="self-referring-yaml"),
        pytest.param(
            "- a\n" + "".join(" " * 2 * depth + "- a\n" for depth in range(1, 1200)),
            "nested too deeply",
            id="deep-list",
        ),
        pytest.param("---\ntitle: [1, 2]\n---\nx", "'title' is not text", id="title-not-text"),
        pytest.param("***\n\n---\n", "no text to take a title from", id="nothing-to-title"),
    ],
)
def test_bad_text_raises_handbook_error(raw: str, problem: str) -> None:
    with pytest.raises(HandbookError, match=problem):
        normalise.text(raw)
