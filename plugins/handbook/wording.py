"""Plain text, sentences and labels: how extraction reads a chapter's text before it asks
whether anything in it is advice. Markup and template tags become plain text; a paragraph
becomes sentences (never cut inside quotes or parentheses); a statement becomes its label
(the leading clause, or a bold lead-in) and the rest of its text."""

from __future__ import annotations

import re
from functools import lru_cache

from .language import is_base_verb, words_of
from .markdown import plain


def closed_class(words: str) -> frozenset[str]:
    """A closed class of words (modals, subordinators, determiners), written as one string."""
    return frozenset(words.split())


# --- plain text --------------------------------------------------------------------

TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{ ?[\w.]+ ?\}|\s*\{[#.][^}]*\}|<\{\{.*?\}\}>")
QUOTES = "\"'\u201c\u201d\u2018\u2019"


def clean(text: str) -> str:
    """Plain text without template tags ("{{ year }}", "{% page %}") or attribute lists."""
    if "{" not in text:
        return " ".join(text.split())
    return " ".join(TEMPLATE.sub(" ", text).split())


def inline_plain(markdown: str) -> str:
    """Inline Markdown as plain text; text without markup is its own plain text."""
    return markdown if not re.search(r"[\\`*_\[\]<>&!]", markdown) else plain(markdown)


def mask_parentheses(sentence: str) -> str:
    """The sentence with parenthesised text blanked (same length), so clauses ignore it."""
    if "(" not in sentence:
        return sentence
    return re.sub(r"\([^()]*\)", lambda match: " " * len(match[0]), sentence)


TRAILING_ASIDE = re.compile(r"(?<=\S)\s*\([^()]*\)\s*$")


def is_question(sentence: str) -> bool:
    """A question, not a statement that ends by quoting one ('avoid asking "why didn't you?"')
    or with an aside in parentheses that does ("Just ask. (Not: "Can I ask?")")."""
    if sentence.endswith(")"):
        sentence = TRAILING_ASIDE.sub("", sentence)
    stripped = sentence.rstrip(" )" + QUOTES)
    if not stripped.endswith("?"):
        return False
    opening = max(stripped.rfind("\u201c"), stripped.rfind('"'))
    return opening <= 0 or not sentence.rstrip().endswith(tuple(QUOTES))


def in_quotes(sentence: str, offset: int) -> bool:
    before = sentence[:offset]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


# --- sentences ---------------------------------------------------------------------

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


def mask_quotes(text: str) -> str:
    """The text with parenthesised and quoted passages blanked (same length)."""
    masked = mask_parentheses(text)
    if '"' not in masked and "\u201c" not in masked:
        return masked
    # Keep a quotation's last two characters, so that a sentence ending in one ('... "No."') still ends.
    return re.sub(
        r"\u201c[^\u201c\u201d]*\u201d|\"[^\"]*\"", lambda match: " " * (len(match[0]) - 2) + match[0][-2:], masked
    )


def sentence_split(text: str) -> list[str]:
    """Sentences, also where one ends in a closing quote; never inside parentheses or quotes."""
    text = text.strip()
    masked = mask_quotes(text)
    result, start = [], 0
    for match in SENTENCE_END.finditer(masked):
        result.append(text[start : match.start()].strip())
        start = match.end()
    result.append(text[start:].strip())
    return [sentence for sentence in result if sentence] or [""]


def split_sentences(text: str) -> list[str]:
    return list(_split_sentences(text))


def first_sentence(text: str) -> str:
    """The first sentence of ``text``; "" when it has none (an item of only an image)."""
    return next(iter(_split_sentences(text)), "")


def last_sentence(text: str) -> str:
    found = _split_sentences(text)
    return found[-1] if found else ""


@lru_cache(maxsize=16384)
def _split_sentences(text: str) -> tuple[str, ...]:
    """Sentences, also cut at a semicolon between two clauses; a one-word sentence
    ("Listen!") is read with the one after it."""
    result: list[str] = []
    for sentence in sentence_split(text):
        colon = sentence.find(":")
        cut = sentence if 0 <= colon < sentence.find(";") else None
        parts = [cut] if cut else [part.strip() for part in re.split(r";\s+", sentence)]
        for part in parts:
            if part:
                result.append(part)
    merged: list[str] = []
    carry = ""
    for sentence in result:
        if len(words_of(sentence)) <= 1 and not is_question(sentence):
            carry = f"{carry} {sentence}".strip()
            continue
        merged.append(f"{carry} {sentence}".strip() if carry else sentence)
        carry = ""
    if carry:
        merged.append(carry)
    return tuple(merged)


# --- labels ------------------------------------------------------------------------

BOLD_LEAD_IN = re.compile(r"^\*\*(?P<label>.+?)\*\*\s*(?P<rest>.*)$", re.S)
CLAUSE_BREAK = re.compile(r"\s*(?:[,;:!]|\s[-\u2013\u2014]\s|\s?\u2014\s?|\.\s)\s*")
SUBORDINATE = re.compile(
    r"\s(?:when|whenever|if|so that|so|because|while|such as|especially|rather than|than|as|until|unless|"
    r"but|instead of|in case)\s",
    re.I,
)
PURPOSE = re.compile(r"\s(?:in order )?to\s+([A-Za-z]+)")
PREPOSITIONS = closed_class("from through with by on at in into for within via about after before during across")
SHORT_LABEL = 6


def is_label(bold: str, rest: str) -> bool:
    """Whether a bold lead-in is a label ("**Label:** text", "**Label.** text",
    "**Label** - text", "**Label**" alone) rather than emphasis inside a sentence."""
    ending = bold.strip().rstrip(QUOTES)[-1:]
    return ending in (".", ":", "!", "?") or not rest or bool(re.match(r"^[:.!\-\u2013\u2014]", rest))


def bold_label(lead_in: re.Match[str]) -> tuple[str, str]:
    """A bold lead-in's label and the text after it, as plain text."""
    label = clean(inline_plain(lead_in["label"])).rstrip(":.!").strip()
    return label, re.sub(r"^[:.\-\u2013\u2014!]\s*", "", clean(inline_plain(lead_in["rest"])))


@lru_cache(maxsize=16384)
def label_and_text(markdown: str) -> tuple[str, str]:
    """An item's label and the rest of its text, as plain text.

    The label is the bold lead-in (``**Label:** text``, ``**Label.** text``,
    ``**Label** - text``) when there is one, else the leading clause.
    """
    if match := BOLD_LEAD_IN.match(markdown):
        label = clean(inline_plain(match["label"])).rstrip(":.!").strip()
        rest = re.sub(r"^[:.\-\u2013\u2014]\s*", "", clean(inline_plain(match["rest"])))
        if label and is_label(match["label"], match["rest"].strip()):
            return label, rest
    return leading_clause(clean(inline_plain(markdown)))


DANGLING = closed_class("the a an of your their our my its this these those what which who whom be is are")
VERB_SERIES = re.compile(r"^(?:[A-Za-z]+,\s+)+(?:and\s+|or\s+)?[A-Za-z]+\b")


@lru_cache(maxsize=16384)
def leading_clause(text: str) -> tuple[str, str]:
    """Split plain text into its leading clause and the rest, at the first of: a comma or
    other clause break, a subordinate clause ("when needed"), a purpose ("to meet ..."),
    or, for long text, a preposition after the third word."""
    masked = mask_parentheses(text)
    cuts = [match.start() for match in CLAUSE_BREAK.finditer(masked)]
    cuts += [match.start() for match in SUBORDINATE.finditer(masked)]
    cuts += [
        match.start()
        for match in PURPOSE.finditer(masked)
        if is_base_verb(match[1])
        and masked[: match.start()].lower().split()[-1:] != [match[1].lower()]  # "face to face": no purpose
        and not re.search(
            r"\b(?:want|need|needs|has|have|ought|going|used|try|not|forget|afraid|sure|how|what|where|able|like)$",
            masked[: match.start()],
        )
    ]
    cuts += [match.start() for match in re.finditer(r"\s\(", masked)]
    words = text.split(" ")
    if len(words) > SHORT_LABEL:
        position = 0
        for index, word in enumerate(words):
            if index >= 3 and word.lower() in PREPOSITIONS:
                cuts.append(position - 1)
                break
            position += len(word) + 1
    if series := VERB_SERIES.match(text):  # "Identify, document, assign, and prioritize goals"
        cuts = [cut for cut in cuts if cut >= series.end()]
    # A label has two words at least, or is one verb before a comparison ("Delegate than ...").
    cuts = [cut for cut in cuts if len(text[:cut].split()) >= 2 or text[cut:].startswith(" than ")]
    if not cuts:
        return capitalise(text.rstrip(".!")), ""
    # Never end on an article or "of" ("screenshots of the" before "before and after"); never
    # on a conjunction ("... explicitly and" before "by example").
    whole = [cut for cut in sorted(cuts) if text[:cut].split()[-1].lower() not in DANGLING]
    cut = whole[0] if whole else len(text)
    label = re.sub(r"(?:\s+(?:and|or|but|either|nor))+$", "", text[:cut].strip())
    rest = text[len(label) :].strip().lstrip(",;:!-\u2013\u2014").strip()
    return capitalise(label), rest


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def clear_caches() -> None:
    """Forget every sentence and label seen."""
    for cached in (label_and_text, leading_clause, _split_sentences):
        cached.cache_clear()
