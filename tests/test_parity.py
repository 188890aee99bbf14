"""``handbook check`` fails exactly when ``mkdocs build --strict`` fails, on a corpus of
broken (and of correct but unusual) chapters, each added to a copy of the project."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from handbook import normalise
from sitebuild import copy_project

CHAPTER = """---
title: Parity Case
description: A chapter for the parity tests.
---

We look at one way to keep in touch.

## Techniques for keeping in touch

- Send a short email after every meeting.
- Call one former colleague each month.

{extra}
"""
FIRST_CHAPTER = "01-techniques-for-building-and-maintaining-professional-relationships.md"

# (case id, file name, body to add, whether check and build must fail)
CASES: list[tuple[str, str, bytes, bool]] = [
    ("correct", "06-parity-case.md", b"See [the first chapter](" + FIRST_CHAPTER.encode() + b").", False),
    (
        "link-to-a-heading-of-another-chapter",
        "06-parity-case.md",
        b"See [why](" + FIRST_CHAPTER.encode() + b"#why-building-a-strong-network-is-important).",
        False,
    ),
    (
        "accented-heading-linked-as-python-markdown-slugs-it",
        "06-parity-case.md",
        "## Café Etiquette\n\nBe on time. See [above](#cafe-etiquette).".encode(),
        False,
    ),
    ("talks-about-html", "06-parity-case.md", b"Put `<meta>` in the head; &lt;script&gt; runs code.", False),
    ("broken-relative-link", "06-parity-case.md", b"See [this](99-nowhere.md).", True),
    ("absolute-link", "06-parity-case.md", b"See [the index](/technique-index/).", True),
    ("missing-anchor", "06-parity-case.md", b"See [this](#no-such-heading).", True),
    (
        "missing-anchor-in-another-chapter",
        "06-parity-case.md",
        b"See [this](" + FIRST_CHAPTER.encode() + b"#cafe-etiquette).",
        True,
    ),
    ("missing-image", "06-parity-case.md", b"![A map](images/missing.png)", True),
    ("script", "06-parity-case.md", b'<script>alert("x")</script>', True),
    ("event-handler", "06-parity-case.md", b"An image <img src=x onerror=alert(1)> here.", True),
    ("javascript-link", "06-parity-case.md", b"[Click](javascript:alert(1))", True),
    ("not-utf8", "06-parity-case.md", "Caf\u00e9 au lait.".encode("cp1252"), True),
    ("name-with-hash-and-space", "06-My Tips#1.md", b"Nothing wrong inside.", True),
]


def start(command: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    stdout, stderr = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize(("name", "body", "broken"), [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_check_fails_exactly_when_the_strict_build_fails(tmp_path: Path, name: str, body: bytes, broken: bool) -> None:
    project = copy_project(tmp_path / "project")
    head, _, tail = CHAPTER.encode().partition(b"{extra}")
    try:  # in normal form, so that the only problem is the one the case is about
        text = normalise.text((head + body + tail).decode("utf-8")).text.encode()
    except UnicodeDecodeError:
        text = head + body + tail
    (project / "chapters" / name).write_bytes(text)
    # Side by side: the two commands share nothing but the files they read.
    checking = start([sys.executable, "-m", "handbook.cli", "check", "chapters"], project)
    building = start([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project)
    check, build = finish(checking), finish(building)
    assert "Traceback" not in check.stdout + check.stderr + build.stdout + build.stderr
    assert (check.returncode != 0, build.returncode != 0) == (broken, broken), (
        check.stdout,
        build.stdout + build.stderr,
    )
    if broken:
        assert name in check.stdout
