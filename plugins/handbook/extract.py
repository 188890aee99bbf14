"""Find the techniques (things the reader is told to do) in a parsed chapter.

Extraction reads the document model (``handbook.markdown``) sentence by sentence and item
by item, and asks of each whether it tells the reader to do something, in any of the
forms ``GUIDELINES.md`` lists: an imperative ("Send a thank-you note", "Don't offload the
scheduling"), possibly after a condition ("If you made new connections, send ..."); "you
should / can / must / need to ..."; a principle with "should" or "needs to"; "it is
important / better / recommended to ..."; "now is the time to ..."; a gerund or noun item
in a list that presents techniques; a heading phrased as an action.

Where a statement sits is evidence, not a veto: the sentence that introduces a list and
the section's heading say whether a list holds techniques or benefits, examples,
questions or objectives; questions, quotations, code, tables and HTML never yield
techniques; links to read are resource pointers, not techniques.

A technique's label is the action (not the condition before it), as plain text; its text
is the rest of the statement, or the whole sentence when the action does not open it, so
that label and text together always hold what the chapter says. Verbs are recognised with
lemminflect's lexicon (``handbook.language``), so no word list is tuned to a chapter; the
closed classes below (modals, subordinators, words that name a kind of section) are data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from .language import (
    action_start,
    is_adverb,
    is_base_verb,
    is_gerund,
    lemmas_of,
    slugify,
    verb_lemma,
    words_of,
)
from .markdown import Block, Document, plain
from .model import Kind, Technique

__all__ = ["Technique", "extract", "label_and_text"]

Found = tuple[str, str, Kind, int, str]  # label, text, kind, line, phrase

# --- closed classes (data, not tuned to any chapter) -----------------------------------


def closed_class(words: str) -> frozenset[str]:
    """A closed class of words (modals, subordinators, determiners), written as one string."""
    return frozenset(words.split())


# Words that open a clause of condition or context ("If you ...,", "For virtual events,").
SUBORDINATORS = closed_class(
    "if when whenever while although though because since unless as once after before until whether "
    "where wherever for during in at with without by on from depending whatever even especially like "
    "given unlike beyond within throughout instead of to"
)
# Words that may come before the verb of an imperative ("then walk away", "please email").
LEADING_WORDS = closed_class(
    "and or but then so also just simply first finally now please always never still really instead "
    "generally overall ideally again otherwise therefore thus ok okay"
)
# Modals of advice, with any subject ("The schedule should be agreed"), but not of the past.
ADVICE_MODALS = re.compile(
    r"\b(should|(?<!-)must(?!-)|ought to|needs? to|has to|have to)\b"
    r"(?!\s+have\s+\w+(?:ed|en|wn)\b|\s+been\b|\s+be able\b)",
    re.I,
)
YOU_MODALS = re.compile(
    r"\byou\s+(?:(?:also|still|always|even|\w+ly)\s+)?"
    r"(?:(?:should|must|ought to|need to|have to|can|could|might|may)(?:\s+(?:also|still|always|even|just|\w+ly))?"
    r"(?:\s+want\s+to)?|will\s+want\s+to)"
    r"\s+(?!have\b|be\s+able|not\b|never\b)(?=[a-z])",
    re.I,
)
YOU_NEED = re.compile(r"\byou(?:'ll|\u2019ll| will) (?:\w+ly )?need to\s+(?=[a-z])", re.I)
IT_IS = re.compile(
    r"\bit(?:'s|\u2019s| is| can be| may be| might be| would be| will be)\s+"
    r"(?:also\s+|always\s+|absolutely\s+|often\s+|usually\s+|very\s+|really\s+)*"
    r"(?:better|best|crucial|important|vital|essential|recommended|critical|key|wise|helpful|useful|"
    r"worth|advisable|necessary|good practice|a good idea|a great idea)"
    r"(?:\s+for(?:\s+[\w'\u2019-]+){1,5}?)?\s+(?:to|that you)\s+",
    re.I,
)
TIME_TO = re.compile(
    r"\b(?:now|this|here) is (?:the|a|an|another) (?:good |great |right |perfect )?"
    r"(?:time|moment|place|opportunity|chance) to\s+",
    re.I,
)
HAVE_CHANCE = re.compile(r"\byou (?:\w+ )?(?:\w+ )?have (?:an?|the) (?:opportunity|ability|chance) to\s+", re.I)
BEST_THING = re.compile(
    r"\b(?:best|most \w+|first|key)\s+(?:thing|things|gift|gifts|step|approach|way|response)\b"
    r".*?\bis\s+(?:to\s+)?(?=\w)",
    re.I,
)
GOOD_IDEA = re.compile(
    r"\b(?:is|are) (?:a|an) (?:good|great|powerful|useful|helpful|smart|excellent) (idea|practice|way)\b", re.I
)
IT_HELPS = re.compile(r"\bit (?:also )?(?:helps|can help) to\s+", re.I)
# "By building a network, you can ...": what follows is an outcome, not an instruction.
OUTCOME_OPENING = re.compile(r"^(?:by|with|through|in doing so|doing so)\b", re.I)
POSSIBILITY = re.compile(r"\b(?:can|could|may|might|will)\b", re.I)
CLOSING = re.compile(
    r"\b(conclusions?|summary|wrapping up|wrap-up|final thoughts|recap|closing thoughts|in closing)\b", re.I
)
# A sentence that points at something to read rather than something to do.
POINTER = re.compile(
    r"^(?:see|view|visit|refer to|check out|find more|find out more|learn more|read more)\b|"
    r"\bfor (?:more )?(?:information|details|inspiration|times|examples)\b|\bread more\b",
    re.I,
)
RESOURCE_START = re.compile(r"^start with the [A-Z]")
# Words in a heading or a list's lead-in that name what is not advice.
NOT_ADVICE = re.compile(
    r"\b(why|benefits?|advantages?|importance|reasons?|outcomes?|results?|rewards?|payoffs?|motivation|"
    r"objectives?|goals of|prerequisites?|materials?|resources|further reading|references|questions?|"
    r"understanding|projected time|things to learn|examples?|for example|for instance|e\.g\.|"
    r"will be able to|able to:|scheduled|properties|such as|types of|kinds of)\b",
    re.I,
)
ADVICE_WORDS = re.compile(
    r"\b(techniques?|strateg(?:y|ies)|practices?|habits?|steps?|tips?|ways?|ideas? for|actions?|approach(?:es)?|"
    r"methods?|tactics?|guidelines?|recommendations?|suggestions?|how to|things (?:to|you can) do|consider|"
    r"make sure|be sure|ensure|highlights)\b",
    re.I,
)
EXAMPLE_LABEL = re.compile(r"^(?:types?|kinds?|examples?|ideas?|sorts?) of\b", re.I)
STEP_PREFIX = re.compile(r"^(?:step|tip|technique|strategy|rule|habit)\s*\d+\s*[:.\-\u2013\u2014]\s*", re.I)
SUMMARY_OPENING = re.compile(
    r"^(in summary|in conclusion|to summari[sz]e|to sum up|in short|overall|ultimately)\b", re.I
)
TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{ ?[\w.]+ ?\}|\s*\{[#.][^}]*\}|<\{\{.*?\}\}>")
QUOTES = "\"'\u201c\u201d\u2018\u2019"
CALLOUT = re.compile(r"^\*\*(?:tip|note|hint|important|advice|recommendation)s?:?\*\*", re.I)


def clean(text: str) -> str:
    """Plain text without template tags ("{{ year }}", "{% page %}") or attribute lists."""
    if "{" not in text:
        return " ".join(text.split())
    return " ".join(TEMPLATE.sub(" ", text).split())


def inline_plain(markdown: str) -> str:
    """Inline Markdown as plain text; text without markup is its own plain text."""
    return markdown if not re.search(r"[\\`*_\[\]<>&!]", markdown) else plain(markdown)


# --- verbs ---------------------------------------------------------------------------

PREFIXES = ("over", "re", "co", "pre", "out", "under", "up", "cross")


@lru_cache(maxsize=65536)
def is_verb(word: str) -> bool:
    """A base-form verb, also with a prefix the lexicon lacks ("overcommunicate", "reshare")."""
    lower = word.lower().strip(QUOTES)
    if lower in PARTICLES or lower in SUBORDINATORS:
        return False  # "over", "like", "up": prepositions here, whatever else the lexicon allows
    if is_base_verb(lower):
        return True
    for prefix in PREFIXES:
        if lower.startswith(prefix) and len(lower) > len(prefix) + 3 and is_base_verb(lower[len(prefix) :].lstrip("-")):
            return True
    return False


DETERMINERS = closed_class(
    "the a an your my our their his her its this that these those each every all some any no them it "
    "him us me yourself yourselves others everyone someone something one"
)
PARTICLES = closed_class(
    "to for with on in at about from into by up out off down away back over through around and or not"
)
AUXILIARIES = closed_class("is are was were will would can could has have had does do did may might must")
# Verbs of knowing, being and perceiving: "you might know ...", "you may need help" state, not instruct.
STATIVE = closed_class("know need have be feel want think see find hear get notice lose like love wish")
# Verbs of reminding: "Recall that mentorship is ..." restates a fact.
REMINDING = closed_class("recall remember note realize realise understand")
EMBEDDING = closed_class("that which who whom what where when how why whether if ways things")


def only_verb(word: str) -> bool:
    """A word the lexicon knows only as a verb ("ask", "reflect"), never as a noun."""
    readings = set(lemmas_of(word.lower()))
    return bool(readings) and readings <= {"VERB", "AUX"}


def strong_imperative(words: list[str], index: int) -> bool:
    """Whether the verb at ``index`` reads as an imperative even where nouns are likely (a
    heading, a label): it is only a verb, or an object or particle follows it ("Spread the
    word", "Check for updates"), not a noun ("Service Animals", "Code reviews")."""
    if only_verb(words[index]) or words[index].lower() in ("don't", "don\u2019t", "do"):
        return True
    if index + 1 >= len(words):
        return False
    following = words[index + 1].lower()
    readings = set(lemmas_of(following))
    if following in DETERMINERS or following in PARTICLES or is_adverb(following) or "ADJ" in readings:
        return True
    # "Offer value and be generous": a later conjunct that is an imperative.
    for position in range(index + 2, len(words) - 1):
        if words[position].lower() in ("and", "or") and imperative_at(words[position + 1 :], strict=True) == 0:
            return True
    return False


PRONOUNS = closed_class("i you he she it we they")


def declarative(words: list[str], index: int) -> bool:
    """Whether words that open with a noun-or-verb ("People add ...", "Weather is ...") are a
    statement: an auxiliary, or a word that is only a verb, follows within four words."""
    if only_verb(words[index]) or index + 1 >= len(words):
        return False
    following = words[index + 1].lower()
    if following == "of":
        return True  # "Part of starting ...": a noun
    if following in DETERMINERS:
        return False  # "Share your ...", "Set the bar"
    if following in PARTICLES:  # "Start with people you know", but "People with ... interests will want"
        for word in words[index + 2 : index + 6]:
            lower = word.lower()
            if lower in PRONOUNS or lower in SUBORDINATORS:
                return False
            if lower in AUXILIARIES:
                return True
        return False
    for word in words[index + 1 : index + 5]:
        lower = word.lower()
        if lower in AUXILIARIES:
            return True
        if lower in SUBORDINATORS - {"of"} or lower in PRONOUNS:
            return False
        if only_verb(lower) and not lower.endswith(("ed", "ing")) and not is_adverb(lower):
            return True
    return False


def imperative_at(words: list[str], strict: bool = False) -> int | None:
    """Where an imperative starts in ``words`` (after leading words; adverbs stay), else None.
    ``strict`` asks for a verb that cannot be read as a noun there (headings, labels)."""
    index = 0
    while index < len(words) - 1 and words[index].lower() in LEADING_WORDS - {"never", "always"}:
        index += 1
    begin = index  # adverbs stay in the label: "Continuously learn", "Clearly explain"
    while index < len(words) - 1 and (is_adverb(words[index]) or words[index].lower() in ("never", "always")):
        index += 1
    if index >= len(words):
        return None
    word = words[index].lower()
    if word in ("don't", "don\u2019t") or (word == "do" and index + 1 < len(words) and words[index + 1] == "not"):
        return begin
    if word in ("let's", "let\u2019s") or word in ("i", "we", "you", "it", "there", "here"):
        return None
    if not is_verb(word):
        return None
    if word in REMINDING and index + 1 < len(words) and words[index + 1].lower() == "that":
        return None
    if strict and not strong_imperative(words, index):
        return None
    if not strict and index == begin and declarative(words, index):
        return None
    return begin


# --- sentences that give advice ----------------------------------------------------------

CLAUSE = re.compile(r"[,;:]\s+|\s[-\u2013\u2014]+\s|\s\u2014|\u2014\s?|\s(?=then\s)")
COORDINATORS = closed_class("and or but so yet then")
GERUND_HELPS = re.compile(r"\b(?:can help|will help|helps|lets|allows|enables|keeps)\b", re.I)
IS_TO = re.compile(
    r"\b(?:idea|key|trick|rule|step|approach|thing|response|priority|role|job|task|responsibility|important|"
    r"crucial|essential|vital)(?:\s+[\w'\u2019-]+){0,4}?\s+(?:is|should be|should always be)\s+to\s+(?=\w)",
    re.I,
)


def mask_parentheses(sentence: str) -> str:
    """The sentence with parenthesised text blanked (same length), so clauses ignore it."""
    if "(" not in sentence:
        return sentence
    return re.sub(r"\([^()]*\)", lambda match: " " * len(match[0]), sentence)


def clauses(sentence: str) -> Iterator[tuple[int, str]]:
    """Each clause of a sentence with its offset."""
    masked = mask_parentheses(sentence)
    start = 0
    for match in CLAUSE.finditer(mask_quotes(sentence)):
        yield start, masked[start : match.start()]
        start = match.end()
    yield start, masked[start:]


def is_question(sentence: str) -> bool:
    """A question, not a statement that ends by quoting one ('avoid asking "why didn't you?"')."""
    stripped = sentence.rstrip(" )" + QUOTES)
    if not stripped.endswith("?"):
        return False
    opening = max(stripped.rfind("\u201c"), stripped.rfind('"'))
    return opening <= 0 or not sentence.rstrip().endswith(tuple(QUOTES))


# Words after which a modal belongs to a subordinate clause ("... before you have to use it").
EMBEDDED = EMBEDDING | closed_class("before after until because unless since while although though once whenever")


def main_clause(clause: str, match: re.Match[str]) -> bool:
    """Whether a modal match in a clause belongs to its main clause: nothing but leading
    words stands before its subject ("Usually you can ...", "... and you need to ...")."""
    before = words_of(clause[: match.start()])
    if not before:
        return True
    if any(word.lower() in EMBEDDED for word in before):
        return False
    return before[-1].lower() in COORDINATORS or all(
        word.lower() in LEADING_WORDS or is_adverb(word) for word in before
    )


@lru_cache(maxsize=16384)
def advice_start(sentence: str) -> int | None:
    """Where the advice in a sentence starts (the offset of its action or principle), or
    ``None`` when the sentence does not tell the reader to do anything."""
    if not sentence or is_question(sentence) or sentence.lstrip().startswith(tuple(QUOTES)):
        return None
    lower = sentence.lower()
    if " is " in lower or "it" in lower or "have " in lower or " be to " in lower:  # cheap test first
        for pattern in (IT_IS, TIME_TO, HAVE_CHANCE, IT_HELPS, IS_TO, BEST_THING):
            if (match := pattern.search(sentence)) and not in_quotes(sentence, match.start()):
                return match.end()
    in_condition = False
    outcome = bool(OUTCOME_OPENING.match(sentence))
    for offset, clause in clauses(sentence):
        words = words_of(clause)
        if not words:
            continue
        first = words[0].lower()
        if first in SUBORDINATORS or (in_condition and (first in ("and", "or") or continues_condition(words))):
            in_condition = True
            continue  # a condition or a context: the action comes after it
        in_condition = False
        if len(words) == 1 and (first in LEADING_WORDS or first in REMINDING or is_adverb(first)):
            continue  # "Remember, ...", "Instead, ..."
        start = clause_advice(clause, words, sentence[offset + len(clause) : offset + len(clause) + 1] == ":", outcome)
        if start is not None:
            return offset + start
        if first in ("i", "i'm", "i\u2019m", "let's", "let\u2019s"):
            return None
        following = words_of(sentence[offset + len(clause) :])[:1]
        if not (following and following[0].lower() in ("but", "so", "then", "instead") and len(words) >= 3):
            return None
    return None


MODAL_HINT = re.compile(r"should|must|ought|need|ha(?:s|ve) to")


def continues_condition(words: list[str]) -> bool:
    """Whether a clause without a subject continues a condition ("If someone ..., feels
    manipulative, or disregards your reality, ..."): it opens with an inflected verb."""
    word = next((word for word in words if word.lower() not in ("and", "or")), "")
    lemma = verb_lemma(word) if word else None
    return lemma is not None and lemma != word.lower() and not is_gerund(word)


QUANTIFIERS = closed_class("some many most few several all both each every others")


def clause_advice(clause: str, words: list[str], label_like: bool, outcome: bool = False) -> int | None:
    """Where the advice starts in one main clause, or ``None``."""
    if len(words) == 1 and not only_verb(words[0]):
        return None  # "Clear, high-quality headshot": an adjective, not "Clear ..."
    short_label = label_like and len(words) <= 3
    if (position := imperative_at(words, strict=short_label)) is not None:
        return clause.index(words[position])
    lower = clause.lower()
    match = (YOU_MODALS.search(clause) or YOU_NEED.search(clause)) if "you" in lower else None
    if match and main_clause(clause, match):
        verb = words_of(clause[match.end() :])[:1]
        possibility = POSSIBILITY.search(match[0]) is not None
        if verb and not (possibility and (verb[0].lower() in STATIVE or outcome)):
            return match.end()
        return None
    if (
        words[0].lower() in ("i", "we", "you", "let's", "let\u2019s", "i'm", "i\u2019m")
        or words[0].lower() in QUANTIFIERS
    ):
        return None  # "Some people need to process ...": a description
    modal = ADVICE_MODALS.search(clause) if MODAL_HINT.search(lower) else None
    if (
        modal
        and not re.match(r"\s*(?:help|helps)\b", clause[modal.end() :])  # "should help": an outcome
        and not re.search(r"(?:n't|n\u2019t|\bnot|\bnever)\s*$", clause[: modal.start()])  # "doesn't need to"
        and not any(word.lower() in EMBEDDED for word in words_of(clause[: modal.start()]))
    ):
        return clause.index(words[0])
    idea = GOOD_IDEA.search(clause) if " a" in lower else None
    if idea and (idea[1] != "way" or is_gerund(words[0])):
        return clause.index(words[0])
    if is_gerund(words[0]) and GERUND_HELPS.search(clause):
        return clause.index(words[0])
    return None


def in_quotes(sentence: str, offset: int) -> bool:
    before = sentence[:offset]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


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


def actions_in(sentence: str, start: int) -> list[str]:
    """The actions a sentence gives from ``start``: one, or each of an enumeration of three
    or more verb phrases, or of two joined by "or even" ("... or even start a chapter").
    Words after the last action that are no action of their own belong to it."""
    span = sentence[start:].rstrip(".!?")
    pieces = re.split(r"([,:]\s*(?:and\s+|or\s+|and/or\s+)?(?:even\s+)?|\s+or even\s+)", span)
    parts, separators = pieces[0::2], ["", *pieces[1::2]]
    actions: list[str] = []
    ended = False
    for number, (part, separator) in enumerate(zip(parts, separators, strict=True)):
        is_action = number == 0 or (len(part.split()) >= 2 and imperative_at(words_of(part)[:3], strict=True) == 0)
        if is_action and not ended:
            actions.append(part.strip())
            continue
        first = words_of(part)[:1]
        # "Arrive early, when rooms are quiet, find ...": a clause inside the run continues it.
        ended = ended or not (first and first[0].lower() in SUBORDINATORS)
        actions[-1] += separator + part
    even = " or even " in span
    if len(actions) >= 3 or (len(actions) == 2 and even):
        return actions
    return [span]


ATTITUDE = re.compile(
    r"^(?:be sure to|be sure and|make sure to|remember to|try to|don't forget to|don\u2019t forget to|"
    r"do your best to|take care to|take the time to|take a moment to|feel free to)\s+(?=\w)",
    re.I,
)


def label_of_action(action: str) -> tuple[str, str]:
    """An action phrase cut to its label (the leading clause) and the rest; "be sure to",
    "try to" and the like are left to the text ("Be sure to stay in touch" -> "Stay in touch")."""
    action = clean(action)
    if (match := ATTITUDE.match(action)) and imperative_at(words_of(action[match.end() :])[:3]) == 0:
        action = action[match.end() :]
    words = words_of(action)
    if len(words) > 1 and words[0].lower() in LEADING_WORDS - {"never", "always"}:
        action = action[action.index(words[1]) :]  # "Then a gentle email ...", "Also consider ..."
        words = words[1:]
    if words and words[0].lower() == "not":
        action, words = f"Do {action}", ["Do", *words]  # "... is to not wait" -> "Do not wait"
    if words and is_gerund(words[0]) and (helps := GERUND_HELPS.search(action)):
        return capitalise(action[: helps.start()].strip(" ,")), action[helps.start() :]  # "Having X rotate"
    label, rest = leading_clause(action)
    return label.rstrip(" .!?:;,"), rest


# --- labels -------------------------------------------------------------------------

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


# --- prose enumerations (gerunds after lead-in words) ----------------------------------

LEAD_WORDS = closed_class(
    "means mean meaning involves involve involving include includes including requires require by through"
)
OUTCOME_MODALS = closed_class("can could will would may might")
CONJUNCTION = re.compile(r"^(?:and|or|and/or|as well as)\s+", re.I)
SUBORDINATE_START = re.compile(r"^(?:when|whenever|where|while|if|as|because|especially|such as|which|who)\b", re.I)


def enumerations(sentence: str) -> Iterator[str]:
    """Runs of three or more comma-separated actions in a sentence, each as its phrase.

    A run starts at the sentence's start, after an introductory phrase ("Before the
    meeting, prepare ..."), or after lead-in words ("This means attending ..."). After
    "can", "will" or another such modal the actions are outcomes ("you can enhance your
    reputation, increase ..."), and no run starts until the next lead-in.
    """
    parts = [CONJUNCTION.sub("", part.strip()) for part in re.split(r",\s*", sentence.rstrip(".!?"))]
    run: list[str] = []
    may_start = True
    for part in parts:
        words = part.split()
        start = None if run else lead_in_action(words)
        if start is None and is_action_phrase(part) and (run or may_start):
            run.append(part)
            continue
        if run and SUBORDINATE_START.match(part):  # "Arrive early, when rooms are quiet, ..."
            run[-1] = f"{run[-1]}, {part}"
            continue
        if len(run) >= 3:
            yield from run
        run = [" ".join(words[start:])] if start is not None else []
        # Only after an introductory phrase ("Before the meeting, prepare ..."), not after
        # a statement ("... the opportunity to lead, contribute, share ideas").
        introductory = bool(words) and words[0].lower() in SUBORDINATORS
        may_start = introductory and not any(word.lower() in OUTCOME_MODALS for word in words)
    if len(run) >= 3:
        yield from run


def is_action_phrase(part: str) -> bool:
    words = words_of(part)
    if POSSIBILITY.search(part) or ADVICE_MODALS.search(part):
        return False
    return bool(words) and part.startswith(words[0]) and action_start(words[:4]) is not None


def lead_in_action(words: list[str]) -> int | None:
    """Where an action starts after lead-in words ("means", "involves", "including", a
    colon) in ``words``, or ``None``. Linear in the words: every pattern is searched once
    over the whole clause, not once per word."""
    joined = " ".join(words)
    starts = []
    offset = 0
    for word in words:
        starts.append(offset)
        offset += len(word) + 1
    # "Positive outcomes might include recruiting ...": outcomes, not actions, from there on.
    outcome_ends = [match.end() for match in NOT_ADVICE.finditer(joined)]
    blocked_after = min(outcome_ends, default=len(joined) + 1)
    modal_starts = [match.start() for pattern in (POSSIBILITY, ADVICE_MODALS) for match in pattern.finditer(joined)]
    last_modal = max(modal_starts, default=-1)
    for index, word in enumerate(words[:-1]):
        if starts[index] - 1 >= blocked_after:
            return None
        is_lead_in = word.lower().strip(":") in LEAD_WORDS or word.endswith(":")
        if not is_lead_in or last_modal >= starts[index + 1]:
            continue  # a possibility or modal in what follows: is_action_phrase would say no
        head = " ".join(words[index + 1 : index + 13])
        head_words = words_of(head)
        if head_words and head.startswith(head_words[0]) and action_start(head_words[:4]) is not None:
            return index + 1
    return None


# --- the document as sections ------------------------------------------------------------


@dataclass
class Section:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)

    @property
    def title(self) -> str:
        return clean(self.heading.text) if self.heading else ""


def whole_bold(block: Block) -> bool:
    """A paragraph that is only bold text: a heading in all but name ("**Further reading**")."""
    source = block.markdown.strip()
    return source.startswith("**") and source.endswith(("**", "**:")) and source.count("**") == 2


def sections(document: Document) -> list[Section]:
    """The document cut at every heading (and at paragraphs that are only bold text); the
    first section (heading ``None``) is the introduction. A level-1 heading is the
    chapter's title, never a technique itself."""
    result = [Section(None)]
    for block in document.blocks:
        if block.kind == "heading":
            result.append(Section(block if block.level > 1 else None))
        elif block.kind == "paragraph" and whole_bold(block) and not re.search(r"[.!]\**:?$", block.markdown):
            result.append(Section(block))
        elif block.kind in ("paragraph", "list"):
            result[-1].blocks.append(block)
        elif block.kind == "admonition" or (block.kind == "quote" and is_callout(block)):
            result[-1].blocks.extend(child for child in block.children if child.kind in ("paragraph", "list"))
    return result


def is_callout(quote: Block) -> bool:
    """A block quote that is a tip ("> **Tip:** ..."), not a quotation or an example."""
    first = next((child for child in quote.children if child.kind == "paragraph"), None)
    return first is not None and bool(CALLOUT.match(first.markdown))


# --- extraction ------------------------------------------------------------------------


def extract(document: Document) -> list[Technique]:
    """Every technique in a parsed chapter, in reading order, with anchors unique within the
    chapter and derived from the label alone (so unrelated edits keep them). ``line`` is the
    1-based line of the chapter file; ``phrase`` the plain text that states the technique."""
    found: list[Found] = []
    for section in sections(document):
        found.extend(techniques_of(section))
    return with_anchors(found)


KINDS_OF_ADVICE = re.compile(
    r"\b(techniques?|strateg(?:y|ies)|practices?|habits?|steps?|tips?|ways?|ideas?|approach(?:es)?|methods?|"
    r"tactics?|guidelines?|recommendations?|suggestions?|how to)\b",
    re.I,
)


# Headings that name a part of a lesson, however they are phrased ("Check for understanding").
SECTION_NAMES = re.compile(
    r"\b(understanding|further reading|resources|references|prerequisites?|objectives?|materials|projected time|"
    r"motivation|overview|introduction|conclusions?|summary)\b",
    re.I,
)


def heading_action(text: str) -> str | None:
    """The action a heading states ("Step 2: Look for mentors", "Don't take it personally"),
    or ``None`` for a topic ("Networking with intent", "Best practices for X", "Check for
    understanding")."""
    text = STEP_PREFIX.sub("", clean(text)).rstrip(":")
    words = words_of(text)
    if not words or is_question(text) or KINDS_OF_ADVICE.search(" ".join(words[:3])) or SECTION_NAMES.search(text):
        return None
    position = imperative_at(words, strict=True)
    return text[text.index(words[position]) :] if position is not None else None


def techniques_of(section: Section) -> list[Found]:
    result: list[Found] = []
    title = section.title
    negative_heading = bool(section.heading and NOT_ADVICE.search(title) and not heading_action(title))
    closing = bool(CLOSING.search(title))
    blocks = section.blocks
    heading = section.heading
    action = heading_action(heading.text) if heading is not None else None
    paragraphs = [block for block in blocks if block.kind == "paragraph"]
    if heading is not None and action is not None and len(blocks) == 1 and paragraphs:
        # An action heading over one paragraph: the paragraph explains how to do it.
        return [(capitalise(action), clean(paragraphs[0].text), "heading", heading.line, clean(heading.text))]
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == "list":
            previous = blocks[index - 1] if index else None
            lead_in = last_sentence(clean(previous.text)) if previous and previous.kind == "paragraph" else ""
            result.extend(list_techniques(block, title, lead_in, negative_heading))
        elif not closing:  # a conclusion's prose repeats the body
            introduces_list = following is not None and following.kind == "list"
            if introduces_list and following is not None and is_question_or_link_list(following):
                introduces_list = False  # "... track the types of conversations you are having:" + questions
            result.extend(prose_techniques(block, introduces_list, enumerate_actions=not negative_heading))
    if heading is None or action is None:
        return result
    lists = [index for index, block in enumerate(blocks) if block.kind == "list"]
    if lists and lists[0] <= 2 and any(kind == "item" for _, _, kind, _, _ in result):
        return result  # an umbrella heading over its own list
    text = ""
    verb = verb_lemma(words_of(action)[0]) if words_of(action) else None
    if result and result[0][2] == "prose":
        first_words = words_of(result[0][0])
        if first_words and verb_lemma(first_words[0]) == verb:  # the body restates the heading
            text = result[0][4]
            result = result[1:]
    if not text:
        text = clean(paragraphs[0].text) if paragraphs else ""
    return [(capitalise(action), text, "heading", heading.line, clean(heading.text)), *result]


NOTE_LABEL = re.compile(r"^[A-Z][a-z]+:\s+")  # "Tip: ...", "Note: ..."
IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")  # an illustration: its alt text is no advice


def prose_techniques(block: Block, introduces_list: bool, enumerate_actions: bool = True) -> list[Found]:
    text = NOTE_LABEL.sub("", clean(block.text))
    if SUMMARY_OPENING.match(text) or IMAGE_ONLY.match(block.markdown):
        return []
    result: list[Found] = []
    all_sentences = split_sentences(text)
    previous = ""
    for index, sentence in enumerate(all_sentences):
        lead_in = introduces_list and index == len(all_sentences) - 1
        if lead_in and (sentence.endswith(":") or not sentence.endswith((".", "!"))):
            continue  # the sentence that introduces a list
        for found in sentence_techniques(sentence, block.line, "prose"):
            label, rest, kind, line, phrase = found
            if anaphoric(label):
                if result:  # more about the action before: part of its text
                    last = result[-1]
                    result[-1] = (last[0], f"{last[1]} {sentence}".strip(), last[2], last[3], last[4])
                    continue
                found = (label, f"{previous} {sentence}".strip(), kind, line, phrase)
            result.append(found)
        previous = sentence
    if not result and enumerate_actions:
        for sentence in all_sentences:
            for phrase in enumerations(sentence):
                label, rest = leading_clause(phrase)
                result.append((label, rest, "prose", block.line, sentence))
    return result


def sentence_techniques(sentence: str, line: int, kind: Kind) -> list[Found]:
    start = advice_start(sentence)
    if start is None:
        return []
    span = sentence[start:]
    if POINTER.search(span) or RESOURCE_START.match(span):
        return []  # something to read, not something to do
    result: list[Found] = []
    for action in actions_in(sentence, start):
        label, rest = label_of_action(action)
        if len(words_of(label)) == 0:
            continue
        whole = start == 0 and action == sentence[start:].rstrip(".!?")
        result.append((capitalise(label), rest if whole else sentence, kind, line, sentence))
    return result


ANAPHORS = closed_class("it this them these those another")


def anaphoric(label: str) -> bool:
    """An action on something named before ("Do this now", "Use it to ...", "Take another")."""
    words = [word.lower() for word in words_of(label)]
    particles = PARTICLES | {"of"}
    positions = [index for index in range(1, min(len(words), 4)) if words[index] not in particles]
    if not positions:
        return False
    index = positions[0]
    word, following = words[index], words[index + 1] if index + 1 < len(words) else ""
    pronoun_follows = not following or following in particles or following in LEADING_WORDS or is_adverb(following)
    if word in ("this", "that", "these", "those") and not pronoun_follows:
        return False  # a determiner: "Run this activity", "Reiterate that you ..."
    return word in ANAPHORS or word == "that"


# --- lists -------------------------------------------------------------------------------

Context = Literal["positive", "neutral", "warning", "negative", "none"]
# Lists of what not to do: their imperatives ("Don't hide behind your phone") are advice, their
# gerunds and nouns ("Handing out cards without talking") are the behaviour to avoid.
WARNING = re.compile(r"\b(avoid|mistakes?|pitfalls?|don'?ts|warnings?|red flags|misconceptions?|traps?)\b", re.I)


def first_paragraph(item: Block) -> Block | None:
    return next((child for child in item.children if child.kind == "paragraph"), None)


def item_text(item: Block) -> str:
    paragraph = first_paragraph(item)
    return clean(paragraph.text) if paragraph else ""


def is_link_only(item: Block) -> bool:
    paragraph = first_paragraph(item)
    if paragraph is None:
        return False
    source = paragraph.markdown.strip()
    return bool(re.fullmatch(r"\[[^\]]*\]\([^)]*\)(?:\s*\S.{0,40})?", source)) and source.startswith("[")


def list_context(items: list[Block], heading: str, lead_in: str, negative_heading: bool) -> Context:
    """Whether a list presents techniques, judged as a reader would: by its items (questions,
    links to read), the sentence that introduces it, then its heading."""
    texts = [item_text(item) for item in items]
    questions = sum(1 for text in texts if is_question(first_sentence(text)))
    if questions * 2 > len(items) or all(is_link_only(item) for item in items):
        return "none"
    if lead_in:
        if NOT_ADVICE.search(lead_in):
            return "negative"
        introduces = lead_in.endswith(":") or not lead_in.endswith((".", "!", "?"))
        weak = (match := YOU_MODALS.search(lead_in)) is not None and POSSIBILITY.search(match[0]) is not None
        if introduces and (ADVICE_WORDS.search(lead_in) or (advice_start(lead_in) is not None and not weak)):
            return "positive"
    if negative_heading:
        return "negative"
    if WARNING.search(heading) or WARNING.search(lead_in):
        return "warning"
    if ADVICE_WORDS.search(heading):
        return "positive"
    return "neutral"


def list_techniques(block: Block, heading: str, lead_in: str, negative_heading: bool) -> list[Found]:
    items = [item for item in block.children if item.kind == "item"]
    context = list_context(items, heading, lead_in, negative_heading)
    if context == "none":
        return []
    gerunds = sum(1 for item in items if action_start(words_of(label_and_text(first_markdown(item))[0])[:3]) == 0)
    gerund_list = gerunds * 2 > len(items)
    actions = sum(1 for item in items if starts_with_action(item_text(item)))
    # In a list of names ("Roundtable discussions", "Resume writing session"), a noun that
    # can be a verb is read as a noun.
    strict = actions * 2 < len(items)
    result: list[Found] = []
    for item in items:
        result.extend(item_techniques(item, context, gerund_list, has_nested_actions(item), strict))
    return result


def is_question_or_link_list(block: Block) -> bool:
    items = [item for item in block.children if item.kind == "item"]
    return bool(items) and list_context(items, "", "", False) == "none"


def first_markdown(item: Block) -> str:
    paragraph = first_paragraph(item)
    return paragraph.markdown if paragraph else ""


def nested_lists(item: Block) -> list[Block]:
    return [child for child in item.children if child.kind == "list"]


def has_nested_actions(item: Block) -> bool:
    for nested in nested_lists(item):
        for child in nested.children:
            text = item_text(child)
            if text and not is_question(text) and starts_with_action(text):
                return True
    return False


def starts_with_action(text: str) -> bool:
    return advice_start(first_sentence(text)) is not None


def item_techniques(
    item: Block, context: Context, gerund_list: bool, nested_actions: bool, strict: bool
) -> list[Found]:
    paragraph = first_paragraph(item)
    result: list[Found] = []
    if paragraph is not None:
        result.extend(item_statement(paragraph, context, gerund_list, nested_actions, strict))
    later = [child for child in item.children if child.kind == "paragraph"][1:]
    for child in later:
        for sentence in split_sentences(clean(child.text)):
            result.extend(sentence_techniques(sentence, child.line, "item"))
    if paragraph is not None:  # the page finds an item's techniques by its first paragraph
        phrase = clean(paragraph.text)
        result = [(label, text, kind, line, phrase) for label, text, kind, line, _ in result]
    parent = label_and_text(paragraph.markdown)[0] if paragraph is not None else ""
    negative = context == "negative" or bool(NOT_ADVICE.search(parent))
    for nested in nested_lists(item):
        # The item introduces its nested list: "Types of content" over examples.
        result.extend(list_techniques(nested, "", "", negative))
    return result


def label_action(label: str, sentence_like: bool) -> int | None:
    """Where the action starts in a bold label ("Use introductions to set the tone."); a short
    label without a full stop is read strictly, as it is usually a noun phrase ("Headline")."""
    words = words_of(label)
    strict = not sentence_like and len(words) <= 3
    if (
        words
        and imperative_at(words, strict=strict) is None
        and not YOU_MODALS.search(label)
        and not ADVICE_MODALS.search(label)
        and not (is_gerund(words[0]) and GERUND_HELPS.search(label))
    ):
        return None
    return advice_start(label)


def item_statement(
    paragraph: Block, context: Context, gerund_list: bool, nested_actions: bool, strict: bool
) -> list[Found]:
    """The techniques in an item's first paragraph."""
    markdown, line = paragraph.markdown, paragraph.line
    text = clean(paragraph.text)
    parts = split_sentences(text)
    if not parts or is_question(parts[0]):
        return []
    bold = BOLD_LEAD_IN.match(markdown)
    if bold and is_label(bold["label"], bold["rest"].strip()):
        label = clean(inline_plain(bold["label"])).rstrip(":.!").strip()
        rest = re.sub(r"^[:.\-\u2013\u2014!]\s*", "", clean(inline_plain(bold["rest"])))
        quoted = label[:1] in QUOTES or is_question(label) or label.lower().startswith(("i ", "my "))
        if (
            not quoted
            and context != "negative"
            and (start := label_action(label, bold["label"].strip().endswith((".", "!")))) is not None
        ):
            action_label, _ = label_of_action(label[start:])
            return [(capitalise(action_label) if start else label, rest, "item", line, text)]
        if quoted or context != "positive" or nested_actions or EXAMPLE_LABEL.match(label) or re.search(r"\d", label):
            # Not a technique's name: the advice, if any, is in the sentences after it (after
            # the first, in a list of reasons or examples, which explains the label).
            found: list[Found] = []
            for number, sentence in enumerate(split_sentences(rest)):
                words = words_of(sentence)
                explains = number == 0 and context == "negative" and bool(words) and not only_verb(words[0])
                if not (explains and imperative_at(words) == 0):
                    # The text keeps the label the advice explains ("Demo or review: Review ...").
                    found.extend((t[0], text, t[2], t[3], t[4]) for t in sentence_techniques(sentence, line, "item"))
            return found
        return [(label, rest, "item", line, text)]
    result: list[Found] = []
    first, later = parts[0], parts[1:]
    start = advice_start(first)
    if start == 0 and strict and imperative_at(words_of(first), strict=True) is None:
        start = None
    if context != "negative" and start is not None:
        result.extend(sentence_techniques(first, line, "item"))
    elif context == "positive" or (context == "neutral" and gerund_list):
        words = words_of(first)
        if (
            words
            and not nested_actions
            and not re.match(r"^\d", first)
            and (is_gerund(words[0]) or context == "positive")
        ):
            label, rest = label_and_text(markdown) if not later else leading_clause(first)
            if bold:  # "**Concurrent silent writing** can help ...": the emphasis names it
                label, rest = clean(inline_plain(bold["label"])), clean(inline_plain(bold["rest"]))
            if words_of(label)[:1] and words_of(label)[0].lower() in SUBORDINATORS:
                return result  # "**If an issue is old,** ...": a condition, not a technique's name
            result.append((label, rest if not later else " ".join([rest, *later]).strip(), "item", line, text))
            return result
    for sentence in later:
        result.extend(sentence_techniques(sentence, line, "item"))
    return result


def clear_caches() -> None:
    """Forget every sentence seen (the lexicon's answers stay): for benchmarks that must not
    profit from chapters that repeat each other."""
    for cached in (advice_start, label_and_text, leading_clause, _split_sentences):
        cached.cache_clear()


def with_anchors(found: list[Found]) -> list[Technique]:
    taken: set[str] = set()
    techniques = []
    for label, text, kind, line, phrase in found:
        base = "t-" + (slugify(label, max_length=60) or "technique")
        anchor, suffix = base, 2
        while anchor in taken:
            anchor, suffix = f"{base}-{suffix}", suffix + 1
        taken.add(anchor)
        techniques.append(Technique(anchor, label, text, kind, line, phrase))
    return techniques
