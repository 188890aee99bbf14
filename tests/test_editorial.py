"""The editorial file: every mistake an editor can make is a clear `path:line: problem (fix)`,
never a traceback, never a rule silently dropped or overridden."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from handbook import editorial
from handbook.model import Rules

ROOT = Path(__file__).parent.parent


def load(tmp_path: Path, text: str, known: set[str] | None = None) -> tuple[Rules, list[str]]:
    path = tmp_path / "editorial.yml"
    path.write_text(text, encoding="utf-8")
    rules, problems = editorial.load(path, known)
    return rules, [str(problem).replace(str(path), "editorial.yml") for problem in problems]


def test_the_committed_file_has_no_problems() -> None:
    _, problems = editorial.load(ROOT / "editorial.yml")
    assert problems == []


def test_errors_name_the_line(tmp_path: Path) -> None:
    _, problems = load(
        tmp_path, "merge:\n  - [a#t-x]\n  - [a#t-x, not a place]\nseperate: []\ntitles:\n  some-id: ''\n", {"a#t-x"}
    )
    assert [p.split(": ")[0] for p in problems] == [
        "editorial.yml:2",
        "editorial.yml:3",
        "editorial.yml:4",
        "editorial.yml:6",
    ]
    assert "unknown key 'seperate'" in problems[2]


def test_unknown_places_and_titles_are_named(tmp_path: Path) -> None:
    rules, problems = load(tmp_path, "separate:\n  - [a#t-x, b#t-gone]\ntitles:\n  no-such-entry: Title\n", {"a#t-x"})
    assert len(problems) == 1 and problems[0].startswith("editorial.yml:2: no technique 'b#t-gone'")
    unknown = editorial.unknown_titles(tmp_path / "editorial.yml", rules, {"some-entry"})
    assert str(unknown[0]).endswith("editorial.yml:4: titles: there is no index entry 'no-such-entry' "
                                    "(run 'handbook techniques' to list the entry ids)")  # fmt: skip


def test_a_pair_both_merged_and_separated_is_an_error_and_neither_rule_applies(tmp_path: Path) -> None:
    rules, problems = load(
        tmp_path,
        "merge:\n  - [a#t-x, b#t-y]\n  - [c#t-z, d#t-w]\nseparate:\n  - [b#t-y, a#t-x]\n",
    )
    assert problems == [
        "editorial.yml:5: these occurrences are both merged (line 2) and kept apart here (keep one of the two rules)"
    ]
    assert rules.merge == (frozenset({"c#t-z", "d#t-w"}),)
    assert rules.separate == ()


def test_a_contradiction_through_a_chain_of_merges_is_found(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "merge:\n  - [a#t-x, b#t-y]\n  - [b#t-y, c#t-z]\nseparate:\n  - [a#t-x, c#t-z]\n")
    assert problems == [
        "editorial.yml:5: these occurrences are both merged (lines 2, 3) and kept apart here "
        "(keep one of the two rules)"
    ]


def test_a_title_set_twice_is_an_error_not_last_wins(tmp_path: Path) -> None:
    rules, problems = load(tmp_path, "titles:\n  follow-up: Follow up\n  follow-up: Follow up soon\n")
    assert problems == [
        "editorial.yml:3: the title of 'follow-up' is set twice (first on line 2) (keep one title per entry)"
    ]
    assert rules.titles == {"follow-up": "Follow up"}


def test_a_key_given_twice_is_an_error(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "merge:\n  - [a#t-x, b#t-y]\nmerge:\n  - [c#t-z, d#t-w]\n")
    assert problems == ["editorial.yml:3: 'merge' is given twice (first on line 1) (join the two into one list)"]


def test_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.mkdir()
    rules, problems = editorial.load(path)
    assert rules == Rules()
    assert [str(p) for p in problems] == [f"{path}: is a folder, not a file (make editorial.yml a YAML file)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.write_text("merge: []\n", encoding="utf-8")
    path.chmod(0)
    _, problems = editorial.load(path)
    assert [str(p) for p in problems] == [f"{path}: cannot be read: Permission denied (check that it is a file)"]


def test_a_broken_symlink_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.symlink_to(tmp_path / "nowhere.yml")
    _, problems = editorial.load(path)
    assert len(problems) == 1 and str(problems[0]).startswith(f"{path}: cannot be read: No such file")


def test_not_utf8_and_not_yaml_are_clear_errors(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.write_bytes(b"titles:\n  a: \xff\n")
    assert [str(p) for p in editorial.load(path)[1]] == [f"{path}: is not UTF-8 text (save it as UTF-8)"]
    path.write_text("merge: [\n", encoding="utf-8")
    rules, problems = editorial.load(path)
    assert rules == Rules() and len(problems) == 1 and str(problems[0]).startswith(f"{path}:2: not valid YAML")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("- merge\n", "editorial.yml:1: the file must be a mapping"),
        ("merge: a#t-x\n", "editorial.yml:1: 'merge' must be a list of lists"),
        ("merge:\n  - a#t-x\n", "editorial.yml:2: each 'merge' entry must list two or more occurrences"),
        ("separate:\n  - [a#t-x, [b]]\n", "editorial.yml:2: None does not name an occurrence"),
        (
            "separate:\n  - [a#t-x, ../../etc/passwd]\n",
            "editorial.yml:2: '../../etc/passwd' does not name an occurrence",
        ),
        ("titles: [a]\n", "editorial.yml:1: 'titles' must map entry ids to titles"),
        ("titles:\n  a: [x]\n", "editorial.yml:2: the title of 'a' is empty"),
    ],
)
def test_every_bad_shape_is_a_clear_error(tmp_path: Path, text: str, problem: str) -> None:
    _, problems = load(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(problem)


def test_an_editor_drops_and_adds_techniques_without_rewriting_prose(tmp_path: Path) -> None:
    from handbook import pipeline

    chapters = Path(__file__).parent.parent / "chapters"
    slug = "networking-and-building-strong-professional-relationships"
    rules = tmp_path / "editorial.yml"
    rules.write_text(
        f"drop:\n  - {slug}#t-seeking-out-opportunities\n"
        f"add:\n  - {{chapter: {slug}, label: Be intentional, quote: being intentional and proactive}}\n"
        "  - {chapter: no-such-chapter, label: Ask, quote: anything}\n"
        f"  - {{chapter: {slug}, label: Dance, quote: words this chapter never says}}\n",
        encoding="utf-8",
    )
    handbook = pipeline.load(chapters, rules, lock_file=tmp_path / "techniques.lock.yml")
    chapter = next(chapter for chapter in handbook.chapters if chapter.slug == slug)
    anchors = [technique.anchor for technique in chapter.techniques]
    assert "t-seeking-out-opportunities" not in anchors
    added = next(technique for technique in chapter.techniques if technique.anchor == "t-be-intentional")
    assert added.label == "Be intentional" and added.line == 10  # where the chapter says it
    assert any(o.place == f"{slug}#t-be-intentional" for entry in handbook.entries for o in entry.occurrences)
    problems = [str(problem) for problem in handbook.problems]
    assert f"{rules}:5: add: no chapter 'no-such-chapter': 'anything'" in " ".join(problems)
    assert f"{rules}:6: add: {slug} does not say it: 'words this chapter never says'" in " ".join(problems)
