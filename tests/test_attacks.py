"""The attacks of issue 15, end to end: what a contributor's pull request could add to
``chapters/``, run through ``handbook check`` and ``mkdocs build --strict`` on a copy of the
project.

Each case must end one of two ways: refused by both, with a message naming the file (and
line where there is one), or built into a site where nothing is live. In every case: no
traceback, no hang (each run under 60 s), nothing written outside ``site/``, no file from
outside the repository published. Cases whose expected outcome is the same share one
project and one build, to keep the module near a minute.
"""

from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import copy_project

TIMEOUT = 60
SECRET = "TOP-SECRET-7f3a"  # in files outside the repository: never in the site
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
HOME_TEXT = "Good careers are built with other people"
# The one file a build may write outside site/: the entry ids it records (pipeline, ids).
RECORDED = ("techniques.lock.yml",)  # what a build records beside the chapters,
# and what it keeps of each chapter (by digest) and of the lock file
CACHED = re.compile(r"\.cache/handbook/(?:[0-9a-f]{64}\.json|lock-file\.memo)")


def chapter(title: str, body: str = "", description: str = "A chapter.") -> str:
    """A chapter that would pass on its own: front matter, prose, a list of techniques."""
    return (
        f"---\ntitle: {title}\ndescription: {description}\n---\n\n"
        "Some prose about meeting people.\n\n"
        "## Techniques for Meeting People\n\n"
        "- **Ask questions:** Ask open questions and listen to the answers.\n"
        "- **Follow up:** Send a short note the day after you meet someone.\n" + body
    )


SCRIPT_TITLE = "'<script>alert(\"title\")</script>'"


@dataclass
class Outcome:
    project: Path
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    seconds: dict[str, float]
    outside_before: dict[str, bytes]

    @property
    def site(self) -> Path:
        return self.project / "site"

    def refused(self, name: str, line: int | None = None) -> None:
        """Both refused, naming ``name`` (a path inside chapters/), at ``line`` if given."""
        where = f"{name}:{line}" if line is not None else name
        for run, what in ((self.check, "handbook check"), (self.build, "mkdocs build --strict")):
            output = run.stdout + run.stderr
            assert run.returncode != 0, f"{what} accepted {name}:\n{output[-3000:]}"
            assert where in output, f"{what} does not name {where}:\n{output[-3000:]}"


def run(command: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def finish(process: subprocess.Popen[str], started: float) -> tuple[subprocess.CompletedProcess[str], float]:
    try:
        stdout, stderr = process.communicate(timeout=max(1.0, TIMEOUT - (time.monotonic() - started)))
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
        pytest.fail(f"{process.args!r} hung: over {TIMEOUT} s\n{stdout[-2000:]}{stderr[-2000:]}")
    seconds = time.monotonic() - started
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), seconds


def snapshot(root: Path, skip: Path) -> dict[str, bytes]:
    """Every file under ``root`` but those under ``skip``, with its content (links as targets)."""
    found: dict[str, bytes] = {}
    for directory, folders, names in os.walk(root):
        folders[:] = [name for name in folders if Path(directory, name) != skip]
        for name in names:
            path = Path(directory, name)
            if path.is_symlink():
                found[str(path)] = b"-> " + os.readlink(path).encode()
            elif path.is_file():
                found[str(path)] = path.read_bytes()
            else:
                found[str(path)] = b"(special)"
    return found


def attack(tmp_path: Path, add: Mapping[str, str | bytes | None], setup: object = None) -> Outcome:
    """Copy the project, add the files ``add`` names under chapters/ (None: a folder), let
    ``setup(project)`` do the rest, then run check and build side by side."""
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    project = copy_project(tmp_path / "project")
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f"[credential]\n\ttoken = {SECRET}\n", encoding="utf-8")
    for name, content in add.items():
        path = project / "chapters" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.mkdir()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if callable(setup):
        setup(project)
    before = snapshot(tmp_path, project / "site")
    started = time.monotonic()
    checking = run([sys.executable, "-m", "handbook.cli", "check"], project)
    building = run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", "mkdocs.yml"], project)
    check, check_seconds = finish(checking, started)
    build, build_seconds = finish(building, started)
    outcome = Outcome(project, check, build, {"check": check_seconds, "build": build_seconds}, before)
    always(outcome, tmp_path)
    return outcome


def always(outcome: Outcome, tmp_path: Path) -> None:
    """What holds whatever the outcome: no traceback, nothing written outside site/, nothing
    from outside the repository published, the home page not replaced, nothing live."""
    for run_, what in ((outcome.check, "handbook check"), (outcome.build, "mkdocs build")):
        output = run_.stdout + run_.stderr
        assert "Traceback" not in output, f"{what} crashed:\n{output[-4000:]}"
        assert "RecursionError" not in output, f"{what}:\n{output[-4000:]}"
    after = snapshot(tmp_path, outcome.project / "site")
    for path in RECORDED:
        after.pop(str(outcome.project / path), None)
        outcome.outside_before.pop(str(outcome.project / path), None)
    cache = str(outcome.project) + "/"
    for path in [path for path in after if path.startswith(cache) and CACHED.fullmatch(path[len(cache) :])]:
        after.pop(path)
    changed = sorted(
        path for path in set(after) | set(outcome.outside_before) if after.get(path) != outcome.outside_before.get(path)
    )
    assert changed == [], f"written outside site/: {changed}"
    if outcome.site.is_dir():
        leaked = [
            str(path) for path in outcome.site.rglob("*") if path.is_file() and SECRET.encode() in path.read_bytes()
        ]
        assert leaked == [], f"files from outside the repository published: {leaked}"
        home = outcome.site / "index.html"
        if home.exists():
            assert HOME_TEXT in home.read_text(encoding="utf-8"), "the home page was replaced"
        live = [
            f"{page.relative_to(outcome.site)}: {what}"
            for page in outcome.site.rglob("*.html")
            for what in live_markup(page)
        ]
        assert live == [], "\n".join(live[:20])
        assert not [
            path
            for path in outcome.site.rglob("*")
            if path.suffix in (".js", ".svg") and "assets" not in path.parts and "search" not in path.parts
        ]


# --- what "live" means --------------------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href"}
MARKERS = ("alert(", "evil.example", "example.com")
# The theme's and the plugin's script files: relative, or under the site's path (/handbook/).
THEME_SCRIPT = re.compile(r"^(?:(?:\.\./)*|/(?:[a-z0-9-]+/)?)(?:assets|search)/[\w./-]+\.js$")


class LiveMarkup(HTMLParser):
    """Whatever in a page could run script or send the reader away, put there by a chapter:
    every hostile file of these tests carries a marker (``alert(``, ``evil.example``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", html.unescape(value)).lower()
                if url.startswith(("javascript:", "vbscript:", "data:text", "data:image/svg")):
                    self.found.append(f"<{tag} {name}={value[:60]!r}>")
            if name in URL_ATTRIBUTES and any(marker in value for marker in MARKERS):
                self.found.append(f"<{tag} {name}={value[:60]!r}> (a chapter's markup)")
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "base":
            self.found.append("<base>")
        if tag in ("iframe", "object", "embed", "frame"):
            self.found.append(f"<{tag}>")
        if tag == "script":
            self.script = attributes.get("src", "")
            if self.script and not THEME_SCRIPT.match(self.script):
                self.found.append(f"<script src={self.script!r}>")

    def handle_data(self, data: str) -> None:
        if self.script is not None and any(marker in data for marker in MARKERS):
            self.found.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.script = None


def live_markup(page: Path) -> list[str]:
    parser = LiveMarkup()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.found


# --- 1, 2, 6, 7, 10: files that are not chapters, names that inject, replace or crash -----------

ALIAS_BOMB = (
    "---\n"
    + "\n".join(
        ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    )
    + "\ntitle: Bomb\n---\n\nBody.\n"
)
REFUSED_NAMES = [
    "notes.md",
    "drafts/06-x.md",
    "06-x.markdown",
    "06-...md",
    "06-..md",
    "06-checklists.md",
    "06-technique-index.md",
    "06-techniques.json.md",
    "06-sitemap.xml.md",
    "06-404.html.md",
    "06-My Tips#1.md",
    '06-x"><meta http-equiv="refresh" content="0;url=https:example.com"><b class="x.md',
    '06-y"><script src="evil.js"><b class="y.md',
    "07-networking-and-building-strong-professional-relationships.md",  # the slug of chapter 05
]
REFUSED_FILES = ["page.html", "evil.js", "logo.svg", ".hidden.md"]


def break_editorial(project: Path) -> None:
    (project / "editorial.yml").unlink()
    (project / "editorial.yml").mkdir()


def test_files_that_are_not_chapters_are_refused_by_name(tmp_path: Path) -> None:
    hostile: dict[str, str | bytes | None] = {name: chapter(SCRIPT_TITLE) for name in REFUSED_NAMES}
    hostile["page.html"] = '<html><body><script>alert("html")</script></body></html>'
    hostile["evil.js"] = 'alert("js")'
    hostile["logo.svg"] = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("svg")</script></svg>'
    hostile[".hidden.md"] = chapter(SCRIPT_TITLE)
    hostile["08-bomb.md"] = ALIAS_BOMB
    hostile["09-latin.md"] = chapter("Caf\u00e9 culture").encode("cp1252")
    outcome = attack(tmp_path, hostile, setup=break_editorial)
    for name in REFUSED_NAMES + REFUSED_FILES:
        outcome.refused(name)
    outcome.refused("08-bomb.md", 2)
    outcome.refused("09-latin.md", 2)
    outcome.refused("editorial.yml")
    assert max(outcome.seconds.values()) < TIMEOUT


# --- 5: symbolic links ---------------------------------------------------------------------------


def test_symlinks_are_refused_and_nothing_outside_is_published(tmp_path: Path) -> None:
    def links(project: Path) -> None:
        chapters = project / "chapters"
        (chapters / "leak.txt").symlink_to(tmp_path / "secret.txt")
        (chapters / "06-leak.md").symlink_to(tmp_path / "secret.txt")
        (chapters / "images").mkdir()
        (chapters / "images" / "config.png").symlink_to(project / ".git" / "config")
        (chapters / "loop").symlink_to(chapters / "loop")
        (chapters / "up").symlink_to(chapters)

    outcome = attack(tmp_path, {}, setup=links)
    for name in ("leak.txt", "06-leak.md", "images/config.png", "loop", "up"):
        outcome.refused(name)


# --- 3, 4, 11: HTML and script URLs in chapter text, markup in titles ----------------------------

HOSTILE_BODY = """
## Techniques for Trouble

- **Send a note:** Intro <img src=x onerror=alert("img")> text.
- **Share links:** See [this](javascript:alert("link")) and [that](java&#9;script:alert("tab")).
- **Use entities:** And [more](&#106;avascript:alert("entity")) here.
- **Ask why:** Ask <script>alert("inline")</script> why.

<meta http-equiv="refresh" content="0;url=https://evil.example/">

<iframe src="https://evil.example/"></iframe>

<div onclick="alert('div')" style="position:fixed">cover</div>
"""
HOSTILE_MARKERS = ("onerror", 'alert("link")', "&#106;", "<script>", "<meta", "<iframe", "<div onclick")


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


INJECTING_TITLE = "'Meet \"people\" <b onmouseover=alert(1)> [x](javascript:alert(2)) `<a href=https://evil.example>`'"
CODE_SPANS = """
## Techniques for Writing

- **Quote `<a href="https://evil.example/" style="position:fixed">` markup:** Write `<script>alert(1)</script>`.
- **Send code:** Send `<img src=x onerror=alert("code2")>` after a meeting.
"""


def test_html_in_chapters_is_reported_with_its_line_and_never_live(tmp_path: Path) -> None:
    hostile = {
        "06-trouble.md": chapter("Trouble", HOSTILE_BODY),
        "07-writing.md": chapter("Writing About Markup", CODE_SPANS),
        "08-titles.md": chapter(INJECTING_TITLE, description='\'"><script>alert("description")</script>\''),
    }
    outcome = attack(tmp_path, hostile)
    for marker in HOSTILE_MARKERS:
        outcome.refused("06-trouble.md", line_of(hostile["06-trouble.md"], marker))
    # 07 and 08 only mention HTML (code spans, a title): refused or harmless, checked by attack().
    for name in ("07-writing.md", "08-titles.md"):
        output = outcome.check.stdout
        assert f"{name}:" not in output or "would be removed" not in output.split(name, 1)[1].split("\n", 1)[0]


# --- 8: inputs that are slow or deep, and a pipe ------------------------------------------------


def nested_list(levels: int) -> str:
    return "\n".join("    " * level + "- Nest deeper" for level in range(levels)) + "\n"


def test_pathological_chapters_finish_in_time_without_a_crash(tmp_path: Path) -> None:
    hostile: dict[str, str | bytes | None] = {
        "06-brackets.md": chapter("Brackets", "\n" + "](" * 32_768 + "\n"),
        "07-underscores.md": chapter("Underscores", "\n" + "__a " * 16_384 + "\n"),
        "08-by.md": chapter("By", "\n" + "by " * 21_845 + "\n"),
        "09-items.md": chapter("Items", "\n" + "".join(f"- **Item {n}:** Do thing {n}.\n" for n in range(10_000))),
        "10-nested.md": chapter("Nested", "\n" + nested_list(250)),
    }

    def pipe(project: Path) -> None:
        os.mkfifo(project / "chapters" / "11-pipe.md")

    outcome = attack(tmp_path, hostile, setup=pipe)
    outcome.refused("11-pipe.md")
    outcome.refused("10-nested.md")  # "lists are nested too deeply", with the line
    assert re.search(r"10-nested\.md:\d+", outcome.check.stdout)
    assert max(outcome.seconds.values()) < TIMEOUT


# --- 9, 11: import all or nothing, after a kill, of a pipe, of a bomb -----------------------------

KILL_AFTER_FIRST_RENAME = """
import os, signal, sys
real = os.replace
def replace(source, target):
    real(source, target)
    if str(target).endswith(".md"):
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from handbook.cli import main
sys.exit(main(sys.argv[1:]))
"""


def cli(project: Path, *arguments: str, code: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", code, *arguments] if code else [sys.executable, "-m", "handbook.cli", *arguments]
    try:
        return subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"handbook {' '.join(arguments)} hung: over {TIMEOUT} s")


def test_import_is_all_or_nothing_even_when_killed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    chapters = project / "chapters"
    before = sorted(path.name for path in chapters.iterdir())
    sources = []
    for name, title in (("a.txt", "Alpha Tips"), ("b.txt", "Beta Tips"), ("c.txt", "Gamma Tips")):
        (tmp_path / name).write_text(
            f"# {title}\n\nSome text.\n\n## Techniques\n\n- Ask questions.\n", encoding="utf-8"
        )
        sources.append(str(tmp_path / name))

    (chapters / "07-beta-tips.md").mkdir()  # b cannot be written
    failed = cli(project, "import", *sources[:2])
    assert failed.returncode != 0 and "07-beta-tips.md" in failed.stderr + failed.stdout
    assert sorted(path.name for path in chapters.iterdir()) == sorted(before + ["07-beta-tips.md"])
    (chapters / "07-beta-tips.md").rmdir()

    killed = cli(project, "import", *sources, code=KILL_AFTER_FIRST_RENAME)
    assert killed.returncode == -signal.SIGKILL
    rerun = cli(project, "import", *sources)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    added = sorted(set(path.name for path in chapters.iterdir()) - set(before))
    assert added == ["06-alpha-tips.md", "07-beta-tips.md", "08-gamma-tips.md"]

    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    refused = cli(project, "import", str(pipe))
    assert refused.returncode != 0 and str(pipe) in refused.stderr, refused.stderr
    assert sorted(set(path.name for path in chapters.iterdir()) - set(before)) == added
    (tmp_path / "bomb.txt").write_text(ALIAS_BOMB, encoding="utf-8")
    bomb = cli(project, "import", str(tmp_path / "bomb.txt"))  # refused, or imported with a warning
    assert f"{tmp_path / 'bomb.txt'}:2" in bomb.stderr, bomb.stdout + bomb.stderr
    for result in (failed, killed, rerun, refused, bomb):
        assert "Traceback" not in result.stderr, result.stderr

    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = cli(project, "check", str(empty))
    assert nothing.returncode != 0 and str(empty) in nothing.stdout + nothing.stderr
