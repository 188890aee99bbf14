"""The hand annotation of the seed chapters (tests/data/seed-techniques.yml) and its
matching rule, as the file's header states it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from handbook import frontmatter, normalise
from handbook.extract import Technique, extract

TESTS = Path(__file__).parent
GOLD = yaml.safe_load((TESTS / "data" / "seed-techniques.yml").read_text(encoding="utf-8"))
SEEDS = TESTS / "fixtures" / "seeds"


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


def seed_chapters() -> list[ChapterGold]:
    result = []
    for entry in GOLD["chapters"]:
        raw = (SEEDS / entry["source"]).read_text(encoding="utf-8")
        _, body, _ = frontmatter.split(normalise.text(raw))
        result.append(ChapterGold(entry["source"], entry, extract(body)))
    return result
