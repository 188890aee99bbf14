"""The design holds: one read and one parse of each chapter per build, only the plugin
package imports MkDocs, and the code type-checks."""

from __future__ import annotations

import builtins
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from handbook import files, frontmatter, markdown
from sitebuild import REPO_ROOT, copy_project


def test_each_chapter_is_read_and_parsed_once_per_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = copy_project(tmp_path / "project")
    chapters = sorted(path.name for path in (project / "chapters").glob("[0-9]*.md"))
    reads: Counter[str] = Counter()
    opened: Counter[str] = Counter()
    parses: Counter[str] = Counter()
    read_text, parse, open_file = files.read_text, markdown.parse_within_limits, builtins.open

    def counting_read(path: Path, **options: Any) -> tuple[str, list[str]]:
        reads[Path(path).name] += 1
        return read_text(path, **options)

    def counting_parse(body: str, first_line: int = 1) -> markdown.Parsed:
        parses[body] += 1
        return parse(body, first_line)

    def counting_open(file: Any, *arguments: Any, **options: Any) -> Any:
        if isinstance(file, str | Path) and Path(file).parent == project / "chapters":
            opened[Path(file).name] += 1
        return open_file(file, *arguments, **options)

    monkeypatch.setattr(files, "read_text", counting_read)
    monkeypatch.setattr(markdown, "parse_within_limits", counting_parse)  # every parse is one of these
    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    build(config)
    assert (tmp_path / "site" / "techniques.json").is_file()
    assert reads == Counter({name: 1 for name in chapters} | {"index.md": reads["index.md"]})
    bodies = [frontmatter.split((project / "chapters" / name).read_text(encoding="utf-8"))[1] for name in chapters]
    assert [parses[body] for body in bodies] == [1] * len(chapters)
    assert not {name: count for name, count in opened.items() if name in chapters}, "MkDocs read a chapter again"


def test_only_the_plugin_package_imports_mkdocs() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports")], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_the_code_type_checks() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_linted_and_formatted() -> None:
    ruff = str(Path(sys.executable).parent / "ruff")
    for command in (
        [ruff, "check", "plugins", "tests", "scripts"],
        [ruff, "format", "--check", "plugins", "tests", "scripts"],
    ):
        result = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
