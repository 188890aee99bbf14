"""The grammar words the technique index reads around, as validated data.

``data/vocabulary.yml`` holds general English that WordNet does not know (wrappers such as
"Make a habit to", negations, idioms, prepositions that start a context); this module reads
it once and checks every key, so a bad edit is an error naming the file, not a wrong index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from .errors import HandbookError

CONJUNCTIONS = frozenset({"and", "or", "&"})
VOCABULARY = Path(__file__).parent / "data" / "vocabulary.yml"
LIST_KEYS = (
    "wrappers",
    "negations",
    "before_gerunds",
    "light_verbs",
    "method_nouns",
    "doing_verbs",
    "state_verbs",
    "copulas",
    "clause_starts",
    "addressee_prepositions",
    "setting_prepositions",
    "time_prepositions",
    "kind_prepositions",
    "habit_ends",
    "network_nouns",
    "anyone_nouns",
    "time_quantifiers",
    "context_starts",
    "empty_modifiers",
    "purpose_modifiers",
    "reflexives",
    "relative_starts",
    "verb_prefixes",
    "object_pronouns",
    "question_words",
)
MAPPING_KEYS = ("idioms", "directions", "verb_classes", "kept_states", "noun_prefixes")


# --- vocabulary -------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    wrappers: tuple[tuple[str, ...], ...]  # longest first
    habit_ends: tuple[tuple[str, ...], ...]
    negations: tuple[tuple[str, ...], ...]
    idioms: tuple[tuple[tuple[str, ...], str], ...]  # words -> verb, longest first
    directions: dict[str, str]  # verb -> side
    context_starts: frozenset[str]
    empty_modifiers: frozenset[str]
    before_gerunds: tuple[tuple[str, ...], ...] = ()  # longest first
    light_verbs: frozenset[str] = frozenset()
    method_nouns: frozenset[str] = frozenset()
    doing_verbs: frozenset[str] = frozenset()
    state_verbs: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    clause_starts: frozenset[str] = frozenset()
    addressee_prepositions: frozenset[str] = frozenset()
    setting_prepositions: frozenset[str] = frozenset()
    time_prepositions: frozenset[str] = frozenset()
    kind_prepositions: frozenset[str] = frozenset()
    network_nouns: frozenset[str] = frozenset()
    anyone_nouns: frozenset[str] = frozenset()
    time_quantifiers: frozenset[str] = frozenset()
    purpose_modifiers: frozenset[str] = frozenset()
    reflexives: frozenset[str] = frozenset()
    relative_starts: frozenset[str] = frozenset()
    verb_prefixes: tuple[str, ...] = ()
    object_pronouns: frozenset[str] = frozenset()
    question_words: frozenset[str] = frozenset()
    verb_classes: dict[str, str] = field(default_factory=dict)  # verb -> the class it is one action of
    noun_prefixes: dict[str, str] = field(default_factory=dict)  # "ex-" -> "former"
    kept_states: tuple[tuple[tuple[str, ...], str], ...] = ()  # "keep X informed": words -> action, longest first

    @cached_property
    def clause_stops(self) -> frozenset[str]:
        """Words after which an object cannot go on: a context, a clause, a conjunction."""
        return self.context_starts | self.clause_starts | CONJUNCTIONS


def _strings(value: object, where: str, path: Path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise HandbookError(f"{where} must be a list of words or phrases", path=path, fix="see the file's comments")
    return [" ".join(item.lower().split()) for item in value]


def load_vocabulary(path: Path = VOCABULARY) -> Vocabulary:
    """The vocabulary file, validated: every problem is a ``HandbookError`` naming it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise HandbookError(f"cannot read the index vocabulary: {error}", path=path) from None
    if not isinstance(data, dict) or set(data) != set(LIST_KEYS + MAPPING_KEYS):
        raise HandbookError(
            "the index vocabulary must be a mapping with exactly these keys: " + ", ".join(LIST_KEYS + MAPPING_KEYS),
            path=path,
        )
    lists = {key: _strings(data[key], key, path) for key in LIST_KEYS}
    mappings: dict[str, dict[str, list[str]]] = {}
    for key in MAPPING_KEYS:
        if not isinstance(data[key], dict):
            raise HandbookError(f"{key} must map a word to a list of phrases", path=path)
        mappings[key] = {str(name): _strings(value, f"{key}: {name}", path) for name, value in data[key].items()}

    def phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted({tuple(item.split()) for item in items}, key=lambda words: (-len(words), words)))

    idioms = [(tuple(phrase.split()), verb) for verb, items in mappings["idioms"].items() for phrase in items]
    states = [(tuple(phrase.split()), verb) for verb, items in mappings["kept_states"].items() for phrase in items]
    return Vocabulary(
        wrappers=phrases(lists["wrappers"]),
        habit_ends=phrases(lists["habit_ends"]),
        negations=phrases(lists["negations"]),
        idioms=tuple(sorted(idioms, key=lambda item: (-len(item[0]), item))),
        kept_states=tuple(sorted(states, key=lambda item: (-len(item[0]), item))),
        directions={verb: side for side, verbs in mappings["directions"].items() for verb in verbs},
        noun_prefixes={prefix: word for word, prefixes in mappings["noun_prefixes"].items() for prefix in prefixes},
        verb_classes={
            verb.replace(" ", "_"): name for name, group in mappings["verb_classes"].items() for verb in group
        },
        context_starts=frozenset(lists["context_starts"]),
        empty_modifiers=frozenset(lists["empty_modifiers"]),
        before_gerunds=phrases(lists["before_gerunds"]),
        light_verbs=frozenset(lists["light_verbs"]),
        method_nouns=frozenset(lists["method_nouns"]),
        doing_verbs=frozenset(verb.replace(" ", "_") for verb in lists["doing_verbs"]),
        state_verbs=frozenset(lists["state_verbs"]),
        copulas=frozenset(lists["copulas"]),
        clause_starts=frozenset(lists["clause_starts"]),
        addressee_prepositions=frozenset(lists["addressee_prepositions"]),
        setting_prepositions=frozenset(lists["setting_prepositions"]),
        time_prepositions=frozenset(lists["time_prepositions"]),
        kind_prepositions=frozenset(lists["kind_prepositions"]),
        network_nouns=frozenset(lists["network_nouns"]),
        anyone_nouns=frozenset(lists["anyone_nouns"]),
        time_quantifiers=frozenset(lists["time_quantifiers"]),
        purpose_modifiers=frozenset(lists["purpose_modifiers"]),
        reflexives=frozenset(lists["reflexives"]),
        relative_starts=frozenset(lists["relative_starts"]),
        verb_prefixes=tuple(sorted(lists["verb_prefixes"], key=len, reverse=True)),
        object_pronouns=frozenset(lists["object_pronouns"]),
        question_words=frozenset(lists["question_words"]),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return load_vocabulary()
