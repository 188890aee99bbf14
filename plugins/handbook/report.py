"""A reviewer's report on a pull request: what its chapters add to the technique index."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

from . import pipeline
from .errors import HandbookError


def chapters_at(revision: str, chapters: Path, into: Path) -> Path:
    """Extract the chapters folder as it was at git ``revision`` into ``into``."""
    top = subprocess.run(
        ["git", "-C", str(chapters.resolve()), "rev-parse", "--show-toplevel"], capture_output=True, text=True
    )
    if top.returncode != 0:
        raise HandbookError("is not in a git checkout", path=chapters, fix="run --diff inside the repository")
    relative = chapters.resolve().relative_to(Path(top.stdout.strip()))
    archive = subprocess.run(
        ["git", "-C", top.stdout.strip(), "archive", "--format=tar", revision, "--", relative.as_posix()],
        capture_output=True,
    )
    if archive.returncode != 0:
        raise HandbookError(
            f"git cannot read {relative} at {revision!r}: {archive.stderr.decode(errors='replace').strip()}",
            fix="name a branch or commit that exists, e.g. origin/main (fetch it first)",
        )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / relative


def diff(revision: str, chapters: Path, editorial_file: Path | None) -> list[str]:
    """Lines saying, for every technique the working tree has and ``revision`` had not,
    whether it merges into an existing index entry or is new to the handbook."""
    head = pipeline.load(chapters, editorial_file)
    with tempfile.TemporaryDirectory() as temporary:
        base = pipeline.load(chapters_at(revision, chapters, Path(temporary)), editorial_file)
    before = {o.place for entry in base.entries for o in entry.occurrences}
    lines: list[str] = []
    merged = new = 0
    for entry in head.entries:
        added = [o for o in entry.occurrences if o.place not in before]
        older = [o for o in entry.occurrences if o.place in before]
        for occurrence in added:
            if older:
                merged += 1
                chapters_list = ", ".join(sorted({o.chapter for o in older}))
                lines.append(
                    f"merges  {occurrence.label!r} ({occurrence.place}) into '{entry.title}', "
                    f"already in: {chapters_list}"
                )
            else:
                new += 1
                lines.append(f"new     {occurrence.label!r} ({occurrence.place})")
    lines.append(f"{merged + new} techniques added since {revision}: {new} new to the handbook, {merged} already in it")
    return lines
