"""The chapter cache: a warm pass finds exactly what a cold one does, parses only the
chapters that changed, and a damaged or foreign entry is a miss, never an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from handbook import cache, chapters, markdown, pipeline
from sitebuild import copy_project


def summary(handbook: pipeline.Handbook) -> tuple[object, ...]:
    """All a pass found, each technique with the frame the index reads it by."""
    return (
        [str(problem) for problem in handbook.problems],
        [
            (chapter.slug, chapter.normal, chapter.document, [(t, t.frame) for t in chapter.techniques])
            for chapter in handbook.chapters
        ],
        [(entry.id, entry.title, entry.occurrences) for entry in handbook.entries],
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "project")
    chapter = next((project / "chapters").glob("02-*.md"))
    # A problem to remember: a link that leads nowhere, HTML the site would remove.
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\nSee [this](nowhere.md). <b onclick=x>Bold</b>\n")
    return project


def parse_count(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    parse = markdown.parse_within_limits

    def counting(body: str, first_line: int = 1) -> markdown.Parsed:
        calls[0] += 1
        return parse(body, first_line)

    monkeypatch.setattr(markdown, "parse_within_limits", counting)
    return calls


def test_a_warm_pass_finds_what_a_cold_one_finds(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = project / "chapters"
    uncached = pipeline.load(docs, project / "editorial.yml", cached=False)
    assert not (project / cache.FOLDER).exists()
    parses = parse_count(monkeypatch)
    cold = pipeline.load(docs, project / "editorial.yml")
    assert parses[0] == len(cold.chapters) and any("leads nowhere" in str(p) for p in cold.problems)
    warm = pipeline.load(docs, project / "editorial.yml")
    assert parses[0] == len(cold.chapters), "a warm pass parsed a chapter that had not changed"
    assert summary(warm) == summary(cold) == summary(uncached)


def test_only_a_changed_chapter_is_parsed_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = project / "chapters"
    pipeline.load(docs)
    chapter = next(docs.glob("03-*.md"))
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n- Send a thank-you note the same day.\n")
    parses = parse_count(monkeypatch)
    edited = pipeline.load(docs)
    assert parses[0] == 1
    assert summary(edited) == summary(pipeline.load(docs, cached=False))
    assert any(t.label.startswith("Send a thank-you note") for t in edited.by_path[chapter].techniques)


def test_a_damaged_entry_is_a_miss(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = project / "chapters"
    cold = pipeline.load(docs)
    entries = sorted((project / cache.FOLDER).glob("*.json"))
    assert len(entries) == len(cold.chapters)
    entries[0].write_text('{"document": {"blocks": [{"kind": 1}]}}')
    entries[1].write_bytes(b"\xff\x00 not json")
    parses = parse_count(monkeypatch)
    assert summary(pipeline.load(docs)) == summary(cold)
    assert parses[0] == 2


def test_a_folder_that_cannot_be_written_is_no_cache(project: Path) -> None:
    (project / ".cache").write_text("a file where the cache folder would be")
    assert summary(pipeline.load(project / "chapters")) == summary(pipeline.load(project / "chapters", cached=False))


def die(*arguments: object) -> list[str]:
    os._exit(1)  # a helper process killed while it reads


def test_chapters_read_in_other_processes_are_read_alike(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = summary(pipeline.load(project / "chapters", cached=False))
    monkeypatch.setattr(chapters, "PARALLEL_FROM", 1)
    monkeypatch.setattr(chapters, "helper_processes", lambda: 2)
    assert summary(pipeline.load(project / "chapters", cached=False)) == serial
    assert summary(pipeline.load(project / "chapters")) == serial  # and kept, from other processes
    assert summary(pipeline.load(project / "chapters")) == serial  # and read back
    monkeypatch.setattr(chapters, "read_encoded", die)
    assert summary(pipeline.load(project / "chapters", cached=False)) == serial  # read here instead
