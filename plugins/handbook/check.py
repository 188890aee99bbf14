"""``handbook check``: the problems of the chapters, from the same one pass the build makes.

A chapter is checked with its whole folder (links and anchors need the other chapters),
so ``check chapters/06-x.md`` reports what ``mkdocs build --strict`` would for that file.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import files, pipeline
from .errors import HandbookError
from .model import Chapter


def folders_of(paths: Iterable[Path]) -> dict[Path, set[Path] | None]:
    """Each folder to load, with the files asked about in it (``None``: all of them)."""
    wanted: dict[Path, set[Path] | None] = {}
    for path in paths:
        if path.is_dir():
            wanted[path] = None
        else:
            only = wanted.setdefault(path.parent, set())
            if only is not None:
                only.add(path)
    return wanted


TEMPLATES = Path("templates")  # the new-chapter template, whose text an edited chapter no longer holds


def load_all(paths: Iterable[Path], editorial_file: Path | None) -> list[tuple[pipeline.Handbook, set[Path] | None]]:
    loaded = []
    templates = TEMPLATES if TEMPLATES.is_dir() else None
    for folder, only in folders_of(paths).items():
        if not folder.exists():
            raise HandbookError("no such file or folder", path=folder, fix="check the path")
        loaded.append((pipeline.load(folder, editorial_file, templates=templates), only))
    return loaded


def check(paths: Iterable[Path], editorial_file: Path | None = None) -> list[HandbookError]:
    """The problems of the chapters in ``paths`` (files, or folders for all their files)."""
    problems: list[HandbookError] = []
    for handbook, only in load_all(paths, editorial_file):
        if only is None:
            problems += handbook.problems
            if not handbook.chapters and not any(p.path == str(handbook.docs_dir) for p in handbook.problems):
                problems.append(
                    HandbookError("has no chapter", path=handbook.docs_dir, fix="add one with 'handbook new \"Title\"'")
                )
        else:
            names = {str(path) for path in only}
            problems += [p for p in handbook.problems if p.path in names or p.path is None]
            for path in only:
                if path not in handbook.by_path and not any(p.path == str(path) for p in problems):
                    problems.append(
                        HandbookError(
                            "is not a chapter", path=path, fix="name it NN-slug.md inside the chapters folder"
                        )
                    )
    return problems


def chapters_of(paths: Iterable[Path], editorial_file: Path | None = None) -> list[Chapter]:
    """The chapters ``paths`` name, read as ``check`` reads them."""
    return [
        chapter
        for handbook, only in load_all(paths, editorial_file)
        for chapter in handbook.chapters
        if only is None or chapter.path in only
    ]


def fix(paths: Iterable[Path], editorial_file: Path | None = None) -> list[Path]:
    """Rewrite the chapters in ``paths`` that are not in normal form, all or none; the
    files fixed."""
    planned: dict[Path, str] = {}
    for handbook, only in load_all(paths, editorial_file):
        for chapter in handbook.chapters:
            if (only is None or chapter.path in only) and chapter.normal != chapter.source:
                planned[chapter.path] = chapter.normal
    files.write_all(planned)
    return list(planned)
