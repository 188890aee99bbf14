"""Unit tests of what keeps a chapter from running script, replacing a page, leaking a file,
hanging or crashing: files on disk, front matter limits, the sanitiser, the CSP, and time
linear in the size of the input."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from handbook import files, frontmatter, markdown, safety, sanitise
from handbook.errors import HandbookError
from handbook.markdown import RawHtml

MB = 1 << 20


def document(body: str) -> markdown.Document:
    return markdown.parse(body).document


# --- files.scan ---------------------------------------------------------------------------


def touch(path: Path, text: str = "x") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


REFUSED = [
    "notes.md",
    "06-x.markdown",
    "page.html",
    "evil.js",
    "logo.svg",
    "06-...md",
    "06-..md",
    "06-checklists.md",
    "06-technique-index.md",
    "06-techniques.json.md",
    "06-sitemap.xml.md",
    "06-404.html.md",
    "06-My Tips#1.md",
    "06-a?b.md",
    "06-Capital.md",
    '06-x"><meta http-equiv="refresh" content="0;url=https:example.com"><b class="x.md',
    ".hidden.md",
    "README",
]


@pytest.mark.parametrize("name", REFUSED)
def test_scan_refuses_every_file_that_is_not_a_chapter_home_page_or_image(tmp_path: Path, name: str) -> None:
    docs = tmp_path / "chapters"
    touch(docs / "01-intro.md")
    bad = touch(docs / name)
    scan = files.scan(docs)
    assert scan.chapters == [docs / "01-intro.md"]
    assert [problem.path for problem in scan.problems] == [str(bad)]
    assert scan.problems[0].fix


def test_scan_sorts_chapters_home_and_images(tmp_path: Path) -> None:
    docs = tmp_path / "chapters"
    for name in ("10-late.md", "02-b.md", "01-a.md", "index.md", "images/photo.png", "images/team/x.JPG", "a.webp"):
        touch(docs / name)
    scan = files.scan(docs)
    assert scan.problems == []
    assert [path.name for path in scan.chapters] == ["01-a.md", "02-b.md", "10-late.md"]
    assert scan.home == docs / "index.md"
    assert [path.relative_to(docs).as_posix() for path in scan.assets] == [
        "a.webp",
        "images/photo.png",
        "images/team/x.JPG",
    ]


def test_scan_refuses_chapters_in_subfolders_and_duplicate_slugs(tmp_path: Path) -> None:
    docs = tmp_path / "chapters"
    for name in ("01-a.md", "02-a.md", "drafts/06-x.md", "images/03-c.md"):
        touch(docs / name)
    scan = files.scan(docs)
    assert scan.chapters == [docs / "01-a.md"]
    messages = {Path(str(problem.path)).relative_to(docs).as_posix(): str(problem) for problem in scan.problems}
    assert set(messages) == {"02-a.md", "drafts/06-x.md", "images/03-c.md"}
    assert "01-a.md" in messages["02-a.md"]
    assert "top level" in messages["drafts/06-x.md"]


def test_scan_never_follows_symlinks_and_survives_a_loop(tmp_path: Path) -> None:
    secret = touch(tmp_path / "secret.txt", "password")
    docs = tmp_path / "chapters"
    touch(docs / "01-a.md")
    (docs / "leak.png").symlink_to(secret)
    (docs / "02-link.md").symlink_to(docs / "01-a.md")
    (docs / "outside").symlink_to(tmp_path)
    (docs / "loop").symlink_to(docs / "loop")
    (docs / "images").mkdir()
    (docs / "images" / "up").symlink_to(docs)
    scan = files.scan(docs)
    assert scan.chapters == [docs / "01-a.md"] and scan.assets == []
    refused = sorted(Path(str(problem.path)).name for problem in scan.problems)
    assert refused == ["02-link.md", "leak.png", "loop", "outside", "up"]
    assert all("symbolic link" in str(problem) for problem in scan.problems)
    assert sorted(Path(str(problem.path)).name for problem in files.symlinks(docs)) == refused


def test_scan_refuses_pipes_and_a_missing_folder(tmp_path: Path) -> None:
    docs = tmp_path / "chapters"
    touch(docs / "01-a.md")
    os.mkfifo(docs / "pipe.png")
    assert "not a regular file" in str(files.scan(docs).problems[0])
    assert files.scan(tmp_path / "nowhere").problems[0].path == str(tmp_path / "nowhere")


# --- files.read_text --------------------------------------------------------------------------


def test_a_chapter_must_be_utf8_and_the_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "01-a.md"
    path.write_bytes("---\ntitle: Caf\u00e9\n---\n\nline four caf\u00e9\n".encode("cp1252"))
    with pytest.raises(HandbookError) as error:
        files.read_text(path, lenient=False)
    assert (error.value.path, error.value.line) == (str(path), 2)
    assert "UTF-8" in str(error.value)
    text, warnings = files.read_text(path, lenient=True)
    assert "Caf\u00e9" in text and warnings and f"{path}:2:" in warnings[0]


def test_utf8_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "01-a.md"
    path.write_bytes(b"\xef\xbb\xbfhello")
    assert files.read_text(path, lenient=False) == ("hello", [])


@pytest.mark.parametrize("lenient", [False, True])
def test_reading_a_pipe_does_not_hang(tmp_path: Path, lenient: bool) -> None:
    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)
    outcome: list[str] = []

    def read() -> None:
        try:
            files.read_text(pipe, lenient=lenient)
        except HandbookError as error:
            outcome.append(str(error))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(5)
    if thread.is_alive():  # unblock the reader before failing
        with open(pipe, "w"):
            pass
    assert outcome and "not a regular file" in outcome[0]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"PNG\x00\x01\x02binary", "binary"),
        (b"x" * (files.MAX_BYTES + 1), "larger than"),
    ],
)
def test_empty_binary_and_huge_files_are_refused(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "01-a.md"
    path.write_bytes(content)
    for lenient in (False, True):
        with pytest.raises(HandbookError, match=problem):
            files.read_text(path, lenient=lenient)


def test_folders_missing_files_and_symlinked_chapters_are_refused(tmp_path: Path) -> None:
    with pytest.raises(HandbookError, match="folder"):
        files.read_text(tmp_path, lenient=True)
    with pytest.raises(HandbookError, match="no such file"):
        files.read_text(tmp_path / "missing.md", lenient=True)
    target = touch(tmp_path / "real.md", "hello")
    (tmp_path / "01-link.md").symlink_to(target)
    with pytest.raises(HandbookError, match="symbolic link"):
        files.read_text(tmp_path / "01-link.md", lenient=False)
    assert files.read_text(tmp_path / "01-link.md", lenient=True)[0] == "hello"  # import may read a link


# --- files.write_all --------------------------------------------------------------------------


def test_write_all_writes_nothing_when_one_file_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "02-b.md").mkdir()  # a folder where a file should go
    with pytest.raises(HandbookError) as error:
        files.write_all({tmp_path / "01-a.md": "a", tmp_path / "02-b.md": "b"})
    assert error.value.path == str(tmp_path / "02-b.md")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["02-b.md"]


def test_write_all_keeps_permissions_and_replaces_content(tmp_path: Path) -> None:
    target = touch(tmp_path / "01-a.md", "old")
    target.chmod(0o640)
    files.write_all({target: "new", tmp_path / "sub" / "02-b.md": "b"})
    assert target.read_text(encoding="utf-8") == "new" and (target.stat().st_mode & 0o777) == 0o640
    assert (tmp_path / "sub" / "02-b.md").read_text(encoding="utf-8") == "b"
    assert not [path for path in tmp_path.rglob(".handbook-*")]


KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from handbook import files
stage, directory = sys.argv[1], Path(sys.argv[2])
real_replace, real_fsync = os.replace, os.fsync
calls = {"replace": 0, "fsync": 0}
def replace(source, target):
    real_replace(source, target)
    calls["replace"] += 1
    if stage == "rename" and str(target).endswith(".md") and calls["replace"] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
def fsync(descriptor):
    real_fsync(descriptor)
    calls["fsync"] += 1
    if stage == "write" and calls["fsync"] == 3:
        os.kill(os.getpid(), signal.SIGKILL)
os.replace, os.fsync = replace, fsync
files.write_all({directory / f"{n:02d}-c.md": f"new {n}" for n in range(1, 9)})
"""


@pytest.mark.parametrize("stage", ["write", "rename"])
def test_a_write_killed_at_any_point_leaves_all_or_nothing_after_cleanup(tmp_path: Path, stage: str) -> None:
    touch(tmp_path / "01-c.md", "old 1")
    result = subprocess.run([sys.executable, "-c", KILLED_WRITER, stage, str(tmp_path)], timeout=60)
    assert result.returncode == -signal.SIGKILL
    assert [path for path in tmp_path.iterdir() if path.name.startswith(".handbook-")]  # the crash left some
    files.cleanup_stale(tmp_path)
    texts = {path.name: path.read_text(encoding="utf-8") for path in sorted(tmp_path.iterdir())}
    if stage == "write":
        assert texts == {"01-c.md": "old 1"}
    else:
        assert texts == {f"{n:02d}-c.md": f"new {n}" for n in range(1, 9)}
    files.write_all({tmp_path / "01-c.md": "rerun"})  # and a rerun succeeds
    assert (tmp_path / "01-c.md").read_text(encoding="utf-8") == "rerun"


def test_a_planted_journal_cannot_touch_files_outside_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "chapters"
    touch(folder / ".handbook-x.tmp", "planted")
    touch(folder / ".handbook-1.journal", '[[".handbook-x.tmp", "../outside.md"], ["../../etc", "a.md"]]')
    files.cleanup_stale(folder)
    assert not (tmp_path / "outside.md").exists()
    assert list(folder.iterdir()) == []


# --- front matter -----------------------------------------------------------------------------

ALIAS_BOMB = (
    "---\n"
    + "\n".join(
        ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    )
    + "\ntitle: Bomb\n---\nbody\n"
)


def test_the_yaml_alias_bomb_is_refused_at_once_with_its_line() -> None:
    assert len(ALIAS_BOMB.encode()) < 700
    started = time.perf_counter()
    with pytest.raises(HandbookError, match="anchor or alias") as error:
        frontmatter.split(ALIAS_BOMB)
    assert time.perf_counter() - started < 1
    assert error.value.line == 2 and error.value.path is None


@pytest.mark.parametrize(
    ("yaml_text", "problem", "line"),
    [
        ("title: x\nother: *ref", "anchor or alias", 3),
        ("title: !!python/object/apply:os.system [ls]", "tag '!!python/object/apply:os.system'", 2),
        ("title: !custom x", "tag '!custom'", 2),
        ("title: x\ndeep: " + "[" * 40 + "]" * 40, "nested too deeply", 3),
        ("title: '" + "x" * (frontmatter.MAX_CHARACTERS + 1) + "'", "longer than", 2),
    ],
)
def test_front_matter_limits(yaml_text: str, problem: str, line: int) -> None:
    with pytest.raises(HandbookError, match=problem) as error:
        frontmatter.split(f"---\n{yaml_text}\n---\nbody\n")
    assert error.value.line == line


def test_ordinary_front_matter_still_reads() -> None:
    meta, body, body_line = frontmatter.split("---\ntitle: 'R&D *and* more'\ncount: !!int 3\n---\n\nText\n")
    assert meta == {"title": "R&D *and* more", "count": 3} and body == "\nText\n" and body_line == 5
    assert frontmatter.split(frontmatter.dump({"title": "A: b", "description": "&c"}))[0]["title"] == "A: b"


# --- the sanitiser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="java&#9;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt&colon;alert(1)">x</a>',
        '<a href=" &#x0A;javascript:alert(1)">x</a>',
        '<a href="vbscript:x">x</a>',
        '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
        '<iframe src="https://example.org"></iframe>',
        '<form action="https://example.org"><input></form>',
        "<object data=x></object><embed src=x>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><script>alert(1)</script></mtext></math>",
        '<meta http-equiv="refresh" content="0;url=https://example.org">',
        '<link rel=stylesheet href=x><base href="https://example.org">',
        "<style>body{display:none}</style>",
        '<p style="background:url(javascript:alert(1))" onclick="alert(1)">x</p>',
        "<details open ontoggle=alert(1)><summary>x</summary></details>",
    ],
)
def test_clean_leaves_nothing_live(hostile: str) -> None:
    cleaned = sanitise.clean(hostile).lower()
    for live in ("<script", "onerror", "onclick", "ontoggle", "javascript", "vbscript", "data:", "<iframe", "<form"):
        assert live not in cleaned
    for live in ("<object", "<embed", "<svg", "<math", "<meta", "<link", "<base", "<style", "style="):
        assert live not in cleaned
    assert sanitise.problems_of(RawHtml(hostile, 1, block=True)), hostile


def test_clean_keeps_what_chapters_render_to() -> None:
    page = (
        '<h2 id="follow-up">Follow up<a class="headerlink" href="#follow-up" title="Permanent link">&para;</a></h2>\n'
        '<p>See <a href="02-b/#t-x" title="t">this</a>, <a href="https://example.org/">that</a>, '
        '<a href="mailto:a@example.org">mail</a> and <img alt="a" src="images/a.png" title="t" /></p>\n'
        '<div class="admonition tip">\n<p class="admonition-title">Tip</p>\n<p><em>a</em> <strong>b</strong> '
        "<del>c</del> <code>&lt;meta&gt;</code></p>\n</div>\n"
        '<p><span class="handbook-technique" id="t-follow-up">Follow up</span></p>\n'
        '<blockquote>\n<p>q</p>\n</blockquote>\n<pre><code class="language-python">x = 1\n</code></pre>\n'
        '<table>\n<thead>\n<tr>\n<th style="text-align: left;">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n'
        '</tr>\n</tbody>\n</table>\n<ol start="3">\n<li>x<br />\ny</li>\n</ol>\n<hr />\n'
        "<details><summary>s</summary><p>d</p></details><!-- handbook:content -->"
    )
    cleaned = sanitise.clean(page)
    for kept in (
        'id="follow-up"',
        'class="headerlink" href="#follow-up"',
        'href="02-b/#t-x"',
        'href="https://example.org/"',
        'href="mailto:a@example.org"',
        'src="images/a.png"',
        'class="admonition tip"',
        'class="admonition-title"',
        '<span class="handbook-technique" id="t-follow-up">',
        "<code>&lt;meta&gt;</code>",
        'class="language-python"',
        'style="text-align:left"',
        'start="3"',
        "<details>",
        "<!-- handbook:content -->",
        "<blockquote>",
    ):
        assert kept in cleaned, kept


def test_clean_drops_theme_ids_and_unknown_classes() -> None:
    cleaned = sanitise.clean('<h2 id="__search">x</h2><div class="md-header admonition">y</div>')
    assert cleaned == '<h2>x</h2><div class="admonition">y</div>'


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)", "a javascript: URL"),
        ("JAVASCRIPT:alert(1)", "a javascript: URL"),
        ("java%09script:alert(1)", "a javascript: URL"),  # markdown-it's encoding of java&#9;script:
        ("&#106;avascript:alert(1)", "a javascript: URL"),
        ("\x01 javascript:alert(1)", "a javascript: URL"),
        ("java\nscript:alert(1)", "a javascript: URL"),
        ("vbscript:msgbox", "a vbscript: URL"),
        ("data:text/html;base64,PHNjcmlwdD4=", "a data: URL"),
        ("https://example.org/a?b=javascript:x", None),
        ("http://example.org", None),
        ("mailto:someone@example.org", None),
        ("02-follow-up.md#t-x", None),
        ("images/a.png", None),
        ("/absolute/path", None),
        ("#anchor", None),
        ("javascript%20:x", None),  # "javascript :x" has no scheme: a relative path
    ],
)
def test_url_problem(url: str, problem: str | None) -> None:
    assert sanitise.url_problem(url) == problem


def test_problems_of_describes_what_is_removed() -> None:
    raw = RawHtml('<p onclick="x" style="color:red"><a href="javascript:x" target="_blank">a</a><script>', 3, True)
    assert sanitise.problems_of(raw) == [
        "an event-handler attribute (onclick=)",
        "a style attribute",
        "a javascript: URL",
        "the attribute target= of <a>",
        "an HTML <script> element",
    ]
    harmless = "<!-- a comment <script> --><p>1 < 2</p><details open><summary>s</summary></details><br/>"
    assert sanitise.problems_of(RawHtml(harmless, 1, True)) == []


def test_a_chapter_that_only_mentions_html_has_no_problem() -> None:
    body = textwrap.dedent(
        """\
        Put `<meta name="description">` in the head, never `<script>alert(1)</script>`.

        Escaped: &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img onerror=x&gt;.

        ```html
        <script>alert(1)</script>
        <a href="javascript:alert(1)">x</a>
        ```

            <iframe src="x"></iframe>

        <!-- a note to editors -->

        [A real link](https://example.org) and ![an image](images/a.png).
        """
    )
    doc = document(body)
    assert [what for raw in doc.html for what in sanitise.problems_of(raw)] == []
    assert [sanitise.url_problem(link.url) for link in doc.links] == [None, None]


def test_raw_html_and_script_links_in_a_chapter_are_found_with_their_lines() -> None:
    body = "Intro <img src=x onerror=alert(1)> text.\n\n[x](java&#9;script:alert(1))\n\n<script>\nalert(1)\n</script>\n"
    doc = document(body)
    found = [(raw.line, what) for raw in doc.html for what in sanitise.problems_of(raw)]
    found += [(link.line, str(sanitise.url_problem(link.url))) for link in doc.links]
    assert sorted(found) == [
        (1, "an event-handler attribute (onerror=)"),
        (3, "a javascript: URL"),
        (5, "an HTML <script> element"),
    ]


# --- the Content-Security-Policy --------------------------------------------------------------


def test_the_policy_allows_the_themes_inline_scripts_only() -> None:
    content = '<p>x</p><script>alert("chapter")</script>'
    page = f'<html><head><script>theme()</script><script src="a.js"></script></head><body>{content}</body></html>'
    result = safety.with_content_security_policy(page, content)
    assert result.count("sha256-") == 1
    policy = result.split('content="', 1)[1].split('"', 1)[0]
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert result.index("Content-Security-Policy") < result.index("<script>theme()")


def test_chapter_meta_keeps_titles_plain() -> None:
    meta = safety.chapter_meta({"title": '</title><script>x</script>"', "template": "../x", "hide": ["toc"]})
    assert set(meta) == {"title"} and "<" not in meta["title"] and '"' not in meta["title"]


# --- linear time ------------------------------------------------------------------------------


def nested_list(levels: int) -> str:
    return "\n".join("    " * level + "- item" for level in range(levels)) + "\n"


# 1 MB each (the nested list and the items are what the issue names), as chapter bodies.
PATHOLOGICAL = {
    "](": "](" * (MB // 2),
    "__a ": "__a " * (MB // 4),
    "by by by": "by " * (MB // 3),
    "10,000 items": "".join(f"- Item number {n} of a long list\n" for n in range(10_000)),
    "250-level list": nested_list(250),
    "1 MB line": "word " * (MB // 5),
    "[": "[" * MB,
    "`a": "`a" * (MB // 2),
    "[a](b) links": "[a](b) " * (MB // 7),
    "<a ": "<a " * (MB // 3),
    "<!--": "<!--" * (MB // 4),
    "html block": "<div>\n" + '<a href="x" onclick="y">' * (MB // 24) + "\n</div>\n",
}
SECONDS = 10  # a 1 MB chapter is 30 times the longest real one; ten seconds is generous


def timed(function: object, *arguments: object) -> float:
    started = time.perf_counter()
    function(*arguments)  # type: ignore[operator]
    return time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_own_functions_are_linear_on_pathological_input(name: str) -> None:
    text = PATHOLOGICAL[name]
    raw = RawHtml(text, 1, block=True)
    seconds = {
        "problems_of": timed(sanitise.problems_of, raw),
        "clean": timed(sanitise.clean, text),
        "url_problem": timed(sanitise.url_problem, text),
        "front matter": timed(frontmatter.split, f"---\ntitle: x\n---\n{text}"),
        "csp": timed(safety.with_content_security_policy, f"<head><script>{text}", ""),
    }
    slow = {what: round(value, 2) for what, value in seconds.items() if value > SECONDS}
    assert not slow, slow


# The whole input is refused at once (with its line) when it is beyond what a chapter can
# need (markdown.MAX_BLOCK and the other limits); what is left within the limits, the
# largest block a chapter may have, must then parse in time too.
PARSE_ONE = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from handbook import markdown, sanitise
from handbook.errors import HandbookError
text = sys.stdin.read()
started = time.perf_counter()
for attempt in (text, text[: markdown.MAX_BLOCK - 200]):
    try:
        parsed = markdown.parse(attempt)
    except HandbookError as error:
        assert error.line is not None, error
        continue
    document = parsed.document
    problems = [sanitise.problems_of(raw) for raw in document.html]
    problems += [[sanitise.url_problem(link.url) or ""] for link in document.links]
print(f"{time.perf_counter() - started:.2f}")
"""


def test_markdown_parse_is_linear_on_pathological_input() -> None:
    """Each input parsed in its own process (2 GB of memory, SECONDS + 5 of time), two at a
    time: a quadratic parser fails the test instead of exhausting the machine."""
    results: dict[str, str] = {}

    def run(name: str) -> None:
        try:
            done = subprocess.run(
                [sys.executable, "-c", PARSE_ONE],
                input=PATHOLOGICAL[name],
                capture_output=True,
                text=True,
                timeout=SECONDS + 5,
            )
            last = (done.stdout.strip() or done.stderr.strip() or "?").splitlines()[-1]
            results[name] = last if done.returncode == 0 else f"failed: {last}"
        except subprocess.TimeoutExpired:
            results[name] = f"over {SECONDS + 5} s"

    names = sorted(PATHOLOGICAL)
    for pair in (names[index : index + 2] for index in range(0, len(names), 2)):
        threads = [threading.Thread(target=run, args=(name,)) for name in pair]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    slow = {name: result for name, result in results.items() if not result.replace(".", "").isdigit()}
    slow |= {name: result + " s" for name, result in results.items() if name not in slow and float(result) > SECONDS}
    assert not slow, f"markdown.parse on 1 MB inputs: {slow} (all: {results})"
