"""English helpers that extraction and the index share: words, sentences, lemmas, verbs,
slugs. Verbs and lemmas come from lemminflect's lexicon, so no word list is tuned to a
chapter."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import compiled, lexicon

WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
# Words ending in -ly that are adjectives first: "a weekly call", "the quarterly review deck".
ADVERB_EXCEPTIONS = frozenset(
    {"only", "early", "family", "daily", "weekly", "biweekly", "monthly", "quarterly", "yearly", "hourly", "nightly"}
)


def words_of(text: str) -> list[str]:
    """The words of ``text``, accents taken off ("résumé" is "resume", as WordNet spells it)."""
    return WORD.findall(text if text.isascii() else without_accents(text))


def without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(character for character in decomposed if not unicodedata.combining(character))


def sentences(paragraph: str) -> list[str]:
    return SENTENCE_END.split(paragraph.strip()) or [""]


@lru_cache(maxsize=65536)
def lemmas_of(word: str) -> dict[str, tuple[str, ...]]:
    """The dictionary forms of a lower-case word by part of speech ({} if unknown).
    Cached: words repeat a lot."""
    return dict(lemma_table().get(word, {}))


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, dict[str, tuple[str, ...]]]:
    """lemminflect's answer for every lower-case word its lexicon holds, kept per machine
    (``handbook.compiled``): its lexicon takes a quarter of a second to load on every run."""
    return compiled.table("lemmas", ("lemminflect",), every_lemma)


def every_lemma() -> dict[str, dict[str, tuple[str, ...]]]:
    from lemminflect import Lemmatizer, getAllLemmas  # here: it imports numpy, which the table needs not

    lexicon = Lemmatizer()  # its words are in no public list: its own two dictionaries' keys
    words = {word.lower() for word in [*lexicon._getLemmaDict(), *lexicon._getOverridesDict()]}
    return {word: lemmas for word in sorted(words) if (lemmas := getAllLemmas(word))}


def verb_lemma(word: str) -> str | None:
    """The verb ``word`` is a form of, if the lexicon knows it as a verb: the word itself
    where it is a dictionary form ("found" a community, not "find"), and a verb WordNet lists
    but lemminflect does not ("sync", "syncing")."""
    lower = word.lower()
    lemmas = lemmas_of(lower).get("VERB")
    if lemmas:
        return lower if lower in lemmas else lemmas[0]
    return hyphenated_verb(lower) or wordnet_verb(lower)


@lru_cache(maxsize=65536)
def wordnet_verb(word: str) -> str | None:
    """A verb WordNet lists that lemminflect's lexicon lacks, from one of its forms."""
    if lemmas_of(word) or not word.isalpha():
        return None
    if lexicon.known(word, "verb"):
        return word
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            for candidate in (stem, stem + "e", stem[:-1] if stem[-1] == stem[-2] else stem):
                if lexicon.known(candidate, "verb"):
                    return candidate  # "syncing" -> "sync", "synced" -> "sync"
    return None


@lru_cache(maxsize=65536)
def hyphenated_verb(word: str) -> str | None:
    """A verb the lexicon does not list, made of a noun, a hyphen and a verb: "color-code",
    "fact-checking" (-> "fact-check"), "time-box". Not after an adjective, where the word
    says what kind ("long-term", "part-time", "double-check" stays a word of its own), nor
    before a verb that is also an adjective ("step-free access")."""
    first, hyphen, last = word.partition("-")
    if not hyphen or not first or "-" in last or lemmas_of(word):
        return None
    before, after = lemmas_of(first), lemmas_of(last)
    verb = after.get("VERB")
    return f"{first}-{verb[0]}" if verb and "NOUN" in before and "ADJ" not in before and "ADJ" not in after else None


@lru_cache(maxsize=65536)
def coined_verb(word: str) -> str | None:
    """The verb a word no lexicon lists may be, where an imperative's verb stands:
    "deduplicate", "declutter", "deduping" (-> "dedupe", by lemminflect's rules for unknown
    words), "hard-selling" (-> "hard-sell"). Not a word ending like a past tense or a plural,
    which no imperative starts with, nor one lemminflect or WordNet knows otherwise."""
    lower = word.lower()
    if len(lower) < 4 or not lower.isascii() or lemmas_of(lower) or not lower.replace("-", "").isalpha():
        return None
    if any(lexicon.known(lower, pos) for pos in ("noun", "verb", "adj", "adv")):
        return None
    first, hyphen, last = lower.rpartition("-")
    if hyphen:
        verb = lemmas_of(last).get("VERB")
        return f"{first}-{verb[0]}" if first and verb else None
    if lower.endswith("ing"):
        return unknown_word_lemma(lower, "VERB")
    return None if lower.endswith(("ed", "s")) else lower


@lru_cache(maxsize=65536)
def unknown_word_lemma(word: str, tag: str) -> str:
    """The dictionary form lemminflect's rules give a word its lexicon lacks, as part of
    speech ``tag``: "deduping" -> "dedupe" (VERB), "meetups" -> "meetup" (NOUN)."""
    from lemminflect import getLemma  # here: loaded only for the rare word it is needed for

    lemma: str = getLemma(word, tag, lemmatize_oov=True)[0]
    return lemma


def is_base_verb(word: str) -> bool:
    return verb_lemma(word) == word.lower()


def is_gerund(word: str) -> bool:
    return word.lower().endswith("ing") and verb_lemma(word) not in (None, word.lower())


def is_adverb(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("ly") and lower not in ADVERB_EXCEPTIONS and "ADV" in lemmas_of(lower)


def action_start(words: list[str]) -> int | None:
    """Where the action begins, if ``words`` start with an imperative or a gerund after any
    adverbs ("Continuously learn", "actively listening"); else ``None``."""
    index = 0
    while index < len(words) - 1 and is_adverb(words[index]):
        index += 1
    if index < len(words) and (is_base_verb(words[index]) or is_gerund(words[index])):
        return index
    return None


def slugify(text: str, max_length: int = 80) -> str:
    """An ASCII, lower-case, hyphenated slug of plain ``text``, cut at a word boundary."""
    ascii_text = without_accents(text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug
