"""The hand annotations of the seed chapters (tests/data/seed-techniques.yml), of ten real
chapters (tests/data/realworld-gold.yml), of twelve more (tests/data/annotated-gold.yml) and
of twelve held out (tests/data/heldout-gold-*.yml) and of twelve blind ones
(tests/data/blind-gold-*.yml), and their matching rule, as the files' headers state it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from handbook import frontmatter, markdown
from handbook.errors import HandbookError
from handbook.extract import extract
from handbook.model import Technique

TESTS = Path(__file__).parent
SEED_GOLD = TESTS / "data" / "seed-techniques.yml"
SEEDS = TESTS / "fixtures" / "seeds"
REALWORLD_GOLD = TESTS / "data" / "realworld-gold.yml"
REALWORLD = TESTS / "fixtures" / "realworld"
ANNOTATED_GOLD = TESTS / "data" / "annotated-gold.yml"
ANNOTATED = TESTS / "fixtures" / "annotated"
HELDOUT_GOLDS = (TESTS / "data" / "heldout-gold-a.yml", TESTS / "data" / "heldout-gold-b.yml")
HELDOUT = TESTS / "fixtures" / "heldout"
BLIND_GOLDS = (TESTS / "data" / "blind-gold-c.yml", TESTS / "data" / "blind-gold-d.yml")
BLIND = TESTS / "fixtures" / "blind"
# Every real chapter the tests hold (not their README or SOURCES files), for the normal form.
REAL_CHAPTER_FILES = sorted(
    path
    for folder in (REALWORLD, ANNOTATED, HELDOUT, BLIND)
    for path in folder.glob("*.md")
    if not path.stem.split("-")[0].isupper()
)


def matching_text(label: str, text: str) -> str:
    """Label and text, lower-cased and joined by a space, every run of other characters
    than letters and digits made one space."""
    return " " + re.sub(r"[^a-z0-9]+", " ", f"{label} {text}".lower()).strip() + " "


def key_matches(key: str, technique_text: str) -> bool:
    return f" {' '.join(key.split())} " in technique_text


def maximum_matching(keys: list[str], texts: list[str]) -> dict[int, int]:
    """Key index -> technique index, each used at most once, as many pairs as possible."""
    technique_of_key: dict[int, int] = {}
    key_of_technique: dict[int, int] = {}

    def augment(key: int, seen: set[int]) -> bool:
        for index, text in enumerate(texts):
            if index in seen or not key_matches(keys[key], text):
                continue
            seen.add(index)
            if index not in key_of_technique or augment(key_of_technique[index], seen):
                technique_of_key[key] = index
                key_of_technique[index] = key
                return True
        return False

    for key in range(len(keys)):
        augment(key, set())
    return technique_of_key


@dataclass
class ChapterGold:
    source: str
    entry: dict[str, Any]
    techniques: list[Technique]

    @property
    def texts(self) -> list[str]:
        return [matching_text(t.label, t.text) for t in self.techniques]

    def matched(self) -> dict[int, int]:
        return maximum_matching([t["key"] for t in self.entry["techniques"]], self.texts)

    def optional_indices(self, matched: dict[int, int]) -> set[int]:
        """Unmatched techniques that an optional key describes (not scored)."""
        used = set(matched.values())
        optional = self.entry.get("optional", [])
        return {
            index
            for index, text in enumerate(self.texts)
            if index not in used and any(key_matches(key, text) for key in optional)
        }


def techniques_of(path: Path) -> list[Technique]:
    """A chapter file's techniques, read as the handbook reads it: front matter split off,
    the body parsed with its file lines."""
    text = path.read_text(encoding="utf-8")
    try:
        _, body, body_line = frontmatter.split(text)
    except HandbookError:  # front matter with template tags ("{{year}}"): still skip it
        lines = text.split("\n")
        end = next(index for index in range(1, len(lines)) if lines[index].rstrip() == "---")
        body, body_line = "\n".join(lines[end + 1 :]), end + 2
    return extract(markdown.parse(body, body_line).document)


def chapters(gold_file: Path, folder: Path) -> list[ChapterGold]:
    gold = yaml.safe_load(gold_file.read_text(encoding="utf-8"))
    return [ChapterGold(entry["source"], entry, techniques_of(folder / entry["source"])) for entry in gold["chapters"]]


def seed_chapters() -> list[ChapterGold]:
    return chapters(SEED_GOLD, SEEDS)


def realworld_chapters() -> list[ChapterGold]:
    return chapters(REALWORLD_GOLD, REALWORLD)


def annotated_chapters() -> list[ChapterGold]:
    return chapters(ANNOTATED_GOLD, ANNOTATED)


def heldout_chapters() -> list[ChapterGold]:
    return [chapter for gold_file in HELDOUT_GOLDS for chapter in chapters(gold_file, HELDOUT)]


def blind_chapters() -> list[ChapterGold]:
    return [chapter for gold_file in BLIND_GOLDS for chapter in chapters(gold_file, BLIND)]


@dataclass
class Figures:
    expected: int  # keys to find
    found: int  # techniques extracted, not counting those only an optional key describes
    correct: int  # keys matched
    not_techniques: list[str]  # "chapter: phrase -> label" for each not-technique extracted

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    def __str__(self) -> str:
        return (
            f"recall {self.recall:.3f}, precision {self.precision:.3f} ({self.correct} of {self.expected} keys, "
            f"{self.found} scored techniques), not_techniques extracted {len(self.not_techniques)}"
        )


def figures(golds: list[ChapterGold]) -> Figures:
    """Recall and precision by the gold files' matching rule, and the not_techniques hit."""
    result = Figures(0, 0, 0, [])
    for chapter in golds:
        matched = chapter.matched()
        result.found += len(chapter.techniques) - len(chapter.optional_indices(matched))
        result.expected += len(chapter.entry["techniques"])
        result.correct += len(matched)
        for phrase in chapter.entry.get("not_techniques", []):
            pairs = zip(chapter.techniques, chapter.texts, strict=True)
            result.not_techniques += [
                f"{chapter.source}: {phrase!r} -> {t.label!r}" for t, text in pairs if key_matches(phrase, text)
            ]
    return result
