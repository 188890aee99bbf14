"""Whether one sentence tells the reader to do something, where its action starts, and
the action's label: an imperative ("Send a thank-you note", "Don't offload the scheduling"),
possibly after a condition ("If you made new connections, send ..."); "you should / can /
must / need to ..."; a principle with "should" or "needs to"; "it is important / better /
recommended to ..."; "now is the time to ..."; an enumeration of actions in prose.

Verbs are recognised with lemminflect's lexicon (``handbook.language``), so no word list is
tuned to a chapter; the closed classes below (modals, subordinators, determiners) are data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .language import action_start, is_adverb, is_base_verb, is_gerund, lemmas_of, verb_lemma, words_of
from .model import Kind
from .wording import (
    QUOTES,
    capitalise,
    clean,
    closed_class,
    in_quotes,
    is_question,
    leading_clause,
    mask_parentheses,
    mask_quotes,
)

Found = tuple[str, str, Kind, int, str]  # label, text, kind, line, phrase

# --- closed classes (data, not tuned to any chapter) -----------------------------------

# Words that open a clause of condition or context ("If you ...,", "For virtual events,").
SUBORDINATORS = closed_class(
    "if when whenever while although though because since unless as once after before until whether "
    "where wherever for during in at with without by on from depending whatever even especially like "
    "given unlike beyond within throughout instead of to despite regardless besides considering regarding "
    "among amid upon across toward towards behind beneath between through via absent"
)
# Words that may come before the verb of an imperative ("then walk away", "please email").
LEADING_WORDS = closed_class(
    "and or but then so also just simply first finally now please always never still really instead "
    "generally overall ideally again otherwise therefore thus ok okay however moreover furthermore nevertheless "
    "nonetheless meanwhile"
)
# Modals of advice, with any subject ("The schedule should be agreed"), but not of the past.
ADVICE_MODALS = re.compile(
    r"\b(should|(?<!-)must(?!-)|ought to|needs? to|has to|have to)\b"
    r"(?!\s+have\s+\w+(?:ed|en|wn)\b|\s+been\b|\s+be able\b)",
    re.I,
)
# An adverb in -ly, not a verb in -ly ("you need to rely on", "you should apply").
LY_ADVERB = r"(?!(?:rely|reply|apply|supply|imply|comply|multiply|fly|rally|tally|bully)\b)\w+ly"
YOU_MODALS = re.compile(
    rf"\byou\s+(?:(?:also|still|always|even|{LY_ADVERB})\s+)?"
    r"(?:(?:should|must|ought to|need to|have to|can|could|might|may)"
    rf"(?:\s+(?:also|still|always|even|just|then|first|now|{LY_ADVERB}))?"
    rf"(?:\s+want\s+to)?|will\s+want\s+to|are\s+(?:{LY_ADVERB}\s+)?(?:encouraged|expected|advised|invited)\s+to)"
    r"\s+(?!have\b|be\s+able|not\b|never\b)(?=[a-z])",
    re.I,
)
YOU_NEED = re.compile(rf"\byou(?:'ll|\u2019ll| will) (?:{LY_ADVERB} )?need to\s+(?=[a-z])", re.I)
# "It is (generally / extremely) important (and ...) (for you / to your career) to ...".
IT_IS = re.compile(
    r"\bit(?:'s|\u2019s| is| can be| may be| might be| would be| will be)\s+"
    r"(?:(?:also|always|often|very|really|even|\w+ly)\s+)*"
    r"(?:better|best|crucial|important|vital|essential|recommended|critical|key|wise|helpful|useful|beneficial|"
    r"good|great|imperative|appropriate|worth|advisable|necessary|(?:good|best) practice|a (?:good|great) idea|"
    r"(?:your|our) (?:responsibility|job|duty))"
    r"(?:\s+and\s+\w+)?"
    r"(?:\s+for(?:\s+[\w'\u2019-]+){1,5}?|\s+to\s+(?:your|the|their|our|his|her|my)(?:\s+[\w'\u2019-]+){1,4}?)?"
    r"\s+(?:to|that you)\s+",
    re.I,
)
TIME_TO = re.compile(
    r"\b(?:now|this|here) is (?:the|a|an|another) (?:good |great |right |perfect )?"
    r"(?:time|moment|place|opportunity|chance) to\s+",
    re.I,
)
HAVE_CHANCE = re.compile(r"\byou (?:\w+ )?(?:\w+ )?have (?:an?|the) (?:opportunity|ability|chance) to\s+", re.I)
BEST_THING = re.compile(
    r"\b(?:best|most \w+|first|key)\s+(?:thing|things|gift|gifts|step|approach|way|response|practice)\b"
    r".*?\b(?:is|involves|means)\s+(?:to\s+)?(?=\w)",
    re.I,
)
GOOD_IDEA = re.compile(
    r"\b(?:is|are) (?:a|an|another) (?:good|great|powerful|useful|helpful|smart|excellent) (idea|practice|way)\b", re.I
)
IT_HELPS = re.compile(r"\bit (?:also )?(?:helps|(?:can|may|might|could|would) help|pays) to\s+", re.I)
# A condition said in two words, or a phrase that only grades what follows, with no comma
# after it: "Whenever possible don't take sides", "At the very least ask for reports".
ELLIPTIC_CONDITION = re.compile(
    r"^(?:(?:if|when|whenever|where|wherever)\s+(?:possible|necessary|needed|appropriate|applicable|in doubt)|"
    r"at (?:the very )?least|above all|first of all|most of all|in general|in particular|of course)\b,?\s+(?=\w)",
    re.I,
)
# A noun twice around a preposition is a manner, not an imperative: "Face to face meetings
# help ...", "Step by step, build trust".
REDUPLICATED = re.compile(r"^(\w+)\s+(?:to|by|in|after|for|on)\s+\1\b[\s,]*", re.I)
# "By building a network, you can ...": what follows is an outcome, not an instruction.
OUTCOME_OPENING = re.compile(r"^(?:by|with|through|in doing so|doing so)\b", re.I)
POSSIBILITY = re.compile(r"\b(?:can|could|may|might|will)\b", re.I)
# A sentence that points at something to read rather than something to do.
POINTER = re.compile(
    r"^(?:see|view|visit|refer to|check out|find more|find out more|learn more|read more)\b|"
    r"^(?:watch|listen to) (?:this|these|the following)\b|"
    r"\bfor (?:more )?(?:information|details|inspiration|times|examples)\b|\bread more\b",
    re.I,
)
RESOURCE_START = re.compile(r"^start with the [A-Z]")
# Words in a heading or a list's lead-in that name what is not advice (nouns: "result in" is a verb).
NOT_ADVICE = re.compile(
    r"\b(why|benefits?|advantages?|importance|reasons?|outcomes?|results?(?! in\b)|rewards?|payoffs?|motivation|"
    r"objectives?|goals of|prerequisites?|materials?|resources|further reading|references|questions?|keywords?|"
    r"understanding|projected time|things to learn|examples?|for example|for instance|e\.g\.|"
    r"will be able to|able to:|scheduled|properties|such as|types of|kinds of)\b",
    re.I,
)


# --- verbs ---------------------------------------------------------------------------

PREFIXES = ("over", "re", "co", "pre", "out", "under", "up", "cross")
MODALS = closed_class("can could may might must shall should will would")


@lru_cache(maxsize=65536)
def is_verb(word: str) -> bool:
    """A base-form verb, also with a prefix the lexicon lacks ("overcommunicate", "reshare");
    never a modal ("will") or a superlative ("best"), whatever else the lexicon allows."""
    lower = word.lower().strip(QUOTES)
    if lower in PARTICLES or lower in SUBORDINATORS or lower in MODALS:
        return False  # "over", "like", "up": prepositions here, whatever else the lexicon allows
    if lower.endswith("st") and any(lemma != lower for lemma in lemmas_of(lower).get("ADJ", ())):
        return False  # "best", "worst": the superlative of an adjective
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
# Words that open a question a verb governs ("Decide what is urgent"); a relative pronoun
# ("People who ... are") opens no such clause.
INTERROGATIVES = closed_class("what which where when how why whether")


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
    if following in INTERROGATIVES and index + 2 < len(words):
        return True  # "Go where your audience is", "Decide what to post": a noun takes no such clause
    # "Offer value and be generous": a later conjunct that is an imperative.
    for position in range(index + 2, len(words) - 1):
        if words[position].lower() in ("and", "or") and imperative_at(words[position + 1 :], strict=True) == 0:
            return True
    return False


PRONOUNS = closed_class("i you he she it we they")
RELATIVES = closed_class("that which who whom whose")


# Verbs whose object follows "of" ("Think of ...", "Dispose of ..."), where a noun would not.
TAKES_OF = closed_class("think hear dream speak approve beware dispose")


def plural_noun(word: str) -> bool:
    """A noun in the plural that is no form of a verb ("communities", "maintainers")."""
    readings = lemmas_of(word.lower())
    return "NOUN" in readings and "VERB" not in readings and word.lower() not in readings["NOUN"]


# Verbs taking a person and then a thing or a bare verb: "Give community members credit",
# "Help new contributors find tasks" are instructions, not a subject and its verb.
TWO_OBJECTS = closed_class("give send offer show tell teach ask pay bring buy lend grant award hand owe wish "
                           "promise help make let have get watch see hear bid")  # fmt: skip


def subject_then_verb(words: list[str], index: int) -> bool:
    """Whether the noun-or-verb at ``index`` starts a subject of nouns ending in a plural,
    followed by its verb: "Open source communities use ...", "Project maintainers lower ..."
    (at least one noun between, so "Share updates" stays an instruction)."""
    if words[index].lower() in TWO_OBJECTS:
        return False
    for end in range(index + 2, min(index + 5, len(words) - 1)):
        between = words[index + 1 : end]
        if not all("NOUN" in lemmas_of(word.lower()) and word.lower() not in DETERMINERS for word in between):
            return False
        if plural_noun(words[end]) and (is_base_verb(words[end + 1].lower()) or words[end + 1].lower() in MODALS):
            return True
    return False


def declarative(words: list[str], index: int) -> bool:
    """Whether words that open with a noun-or-verb ("People add ...", "Weather is ...") are a
    statement: an auxiliary, or a word that is only a verb, follows within four words, and
    no clause of its own opens before it ("Decide what is urgent")."""
    if only_verb(words[index]) or index + 1 >= len(words):
        return False
    if subject_then_verb(words, index):
        return True
    following = words[index + 1].lower()
    if following == "of":
        return words[index].lower() not in TAKES_OF  # "Part of starting ...": a noun
    if following in DETERMINERS:
        return False  # "Share your ...", "Set the bar"
    readings = lemmas_of(following)
    if "ADJ" in readings and "NOUN" not in readings and "VERB" not in readings:
        return False  # "Make sure your email is set": an adjective and the clause it governs
    if following in PARTICLES:  # "Start with people you know", but "People with ... interests will want"
        # "Look for conferences that are ...": "are" is the relative clause's verb, and the
        # main verb, if any, comes after it.
        relative = seen_relative = False
        for position, word in enumerate(words[index + 2 : index + 8], start=2):
            lower = word.lower()
            if position >= 6 and not seen_relative:
                break
            if lower in RELATIVES:
                relative = seen_relative = True
            elif lower in PRONOUNS or lower in SUBORDINATORS or lower in INTERROGATIVES:
                return False
            elif lower in AUXILIARIES and relative:
                relative = False
            elif lower in AUXILIARIES:
                return True
        return False
    for position in range(index + 1, min(index + 5, len(words))):
        lower = words[position].lower()
        if lower in AUXILIARIES:
            return True
        if lower in SUBORDINATORS - {"of"} or lower in PRONOUNS or lower in INTERROGATIVES:
            return False
        following = words[position + 1].lower() if position + 1 < len(words) else ""
        if lower in COORDINATORS and following and only_verb(following):
            return False  # "Highlight successes and ask for advice": a second imperative
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
    if word == "do" and index + 1 < len(words) and is_base_verb(words[index + 1].lower()):
        return begin  # "do take a moment": an emphatic imperative
    if word in ("let's", "let\u2019s") or word in ("i", "we", "you", "it", "there", "here", "people"):
        return None  # "People join communities": "people" is a verb only in "people a room"
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
# "then" opens a clause, except after a modal ("you can then ask").
MODAL_ENDINGS = tuple(f" {modal}" for modal in ("can", "could", "may", "might", "should", "must", "will"))
COORDINATORS = closed_class("and or but so yet then")
# What a gerund subject does ("Having X rotate lets everyone lead") or is worth ("Making this
# easy to find is critical", "Sitting with it is the first step"): advice to do it.
GERUND_HELPS = re.compile(r"\b(?:can help|will help|helps|lets|allows|enables|keeps|makes)\b", re.I)
GERUND_VALUE = re.compile(
    r"^\s*(?:is|are|can be|will be)\s+(?:(?:also|even|\w+ly)\s+)?"
    r"(?:critical|crucial|important|essential|vital|key|helpful|useful|valuable|better|worthwhile)\b|"
    r"^\s*is\s+(?:the|a|an|another)\s+(?:(?:first|next|best|key|good|great|most \w+),?\s+)+(?:step|way)\b",
    re.I,
)
COPULA = re.compile(r"\s(?=is\b|are\b|can be\b|will be\b)")
IS_TO = re.compile(
    r"\b(?:idea|key|trick|rule|step|approach|thing|response|priority|role|job|task|responsibility|important|"
    r"crucial|essential|vital)(?:\s+[\w'\u2019-]+){0,4}?\s+(?:is|should be|should always be)\s+to\s+(?=\w)|"
    # the reader's goal ("Our goal is to avoid ..."), not a thing's ("The goal of review is to ...")
    r"\b(?:the|your|our)\s+(?:\w+\s+)?(?:goal|aim)\s+(?:is|should be)\s+to\s+(?=\w)|"
    r"\bwhat (?:you|we) (?:should|must|need to|can) do is (?:to )?(?=\w)",
    re.I,
)


def clauses(sentence: str) -> Iterator[tuple[int, str]]:
    """Each clause of a sentence with its offset."""
    masked = mask_parentheses(sentence)
    start = 0
    for match in CLAUSE.finditer(mask_quotes(sentence)):
        if match[0] == " " and masked[: match.start()].lower().endswith(MODAL_ENDINGS):
            continue
        yield start, masked[start : match.start()]
        start = match.end()
    yield start, masked[start:]


# Words after which a modal belongs to a subordinate clause ("... before you have to use it",
# "more than you should").
EMBEDDED = EMBEDDING | closed_class("before after until because unless since while although though once whenever than")


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
    if any(word in lower for word in (" is ", "it", "have ", " be to ", " involves ", " means ")):  # cheap test first
        for pattern in (IT_IS, TIME_TO, HAVE_CHANCE, IT_HELPS, IS_TO, BEST_THING):
            if (match := pattern.search(sentence)) and not in_quotes(sentence, match.start()):
                following = words_of(sentence[match.end() :])[:4]
                if pattern is BEST_THING and action_start(following) is None and imperative_at(following) is None:
                    continue  # "The best thing about it is the people": no action
                return match.end()
    in_condition = False
    outcome = bool(OUTCOME_OPENING.match(sentence))
    for offset, clause in clauses(sentence):
        # "Whenever possible don't take sides", "Step by step, build trust": the action follows.
        if leading := ELLIPTIC_CONDITION.match(clause) or REDUPLICATED.match(clause):
            offset, clause = offset + leading.end(), clause[leading.end() :]
        words = words_of(clause)
        if not words:
            continue
        first = words[0].lower()
        continues = first in ("and", "or") or continues_condition(words) or continues_series(words)
        if first in SUBORDINATORS or (in_condition and continues):
            in_condition = True
            continue  # a condition or a context: the action comes after it
        in_condition = False
        if len(words) == 1 and (first in LEADING_WORDS or first in REMINDING or is_adverb(first)):
            continue  # "Remember, ...", "Instead, ..."
        if len(words) <= 3 and discourse_marker(words):
            continue  # "But even better: ask ..."
        start = clause_advice(clause, words, sentence[offset + len(clause) : offset + len(clause) + 1] == ":", outcome)
        if start is not None:
            return offset + start
        if "ing" in clause and gerund_subject(sentence[offset:]) is not None:  # its predicate may hold a comma
            return offset + clause.index(words[0])
        if first in ("i", "i'm", "i\u2019m", "let's", "let\u2019s"):
            return None
        following = words_of(sentence[offset + len(clause) :])[:1]
        independent = sentence[offset + len(clause) : offset + len(clause) + 1] == ";"  # a clause of its own
        turning = bool(following) and following[0].lower() in ("but", "so", "then", "instead") and len(words) >= 3
        if not (independent or turning):
            return None
    return None


def discourse_marker(words: list[str]) -> bool:
    """A verbless clause that grades what follows ("Even better:", "Most importantly,"): a
    comparative or superlative among adverbs and leading words, or adverbs before "speaking"."""
    graded = False
    if len(words) > 1 and words[-1].lower() == "speaking":
        words, graded = words[:-1], True  # "Generally speaking,", "Practically speaking,"
    for word in words:
        lower = word.lower()
        readings = lemmas_of(lower)
        if any(lemma != lower for lemma in readings.get("ADJ", ())):
            graded = True
        elif lower not in LEADING_WORDS and "ADV" not in readings:
            return False
    return graded


MODAL_HINT = re.compile(r"should|must|ought|need|ha(?:s|ve) to")


def continues_condition(words: list[str]) -> bool:
    """Whether a clause without a subject continues a condition ("If someone ..., feels
    manipulative, or disregards your reality, ..."): it opens with an inflected verb."""
    word = next((word for word in words if word.lower() not in ("and", "or")), "")
    lemma = verb_lemma(word) if word else None
    return lemma is not None and lemma != word.lower() and not is_gerund(word)


def continues_series(words: list[str]) -> bool:
    """Whether a clause ends a series the condition before it began ("Regardless of license,
    language or indentation style, ..."): a few words joined by "and" or "or", with no
    determiner and no word that is only a verb ("try and be empathetic" is an action)."""
    lower = [word.lower() for word in words]
    joined = len(lower) <= 6 and any(word in ("and", "or") for word in lower[1:])
    return joined and not set(lower) & DETERMINERS and not any(map(only_verb, lower))


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
    return None


def gerund_subject(text: str) -> int | None:
    """Where the predicate starts after a gerund subject that opens ``text`` (after adverbs:
    "Clearly labelling it helps"), if that predicate recommends it; else ``None``. A bare
    gerund before a judgement ("Networking is important") names a topic, not an action."""
    words = words_of(text[:200])  # the subject's first words are enough
    index = 0
    while index < len(words) - 1 and is_adverb(words[index]):
        index += 1
    if not words or not is_gerund(words[index]):
        return None
    after = text[text.index(words[index]) + len(words[index]) :]
    # The predicate starts in the subject's clause (before any comma), though it may hold one.
    subject = after[: next((match.start() for match in CLAUSE.finditer(mask_quotes(after))), len(after))]
    if helps := GERUND_HELPS.search(subject):
        return len(text) - len(after) + helps.start()
    if index + 1 < len(words) and words[index + 1].lower() not in AUXILIARIES:
        for verb in (match.start() for match in COPULA.finditer(subject)):
            if GERUND_VALUE.match(after[verb:]) or GOOD_IDEA.match(after[verb:].lstrip()):
                return len(text) - len(after) + verb
    return None


AND = re.compile(r"\s+and\s+")
CONDITIONAL = re.compile(r"\b(?:if|when|whenever|unless|once)\b", re.I)


def actions_in(sentence: str, start: int) -> list[str]:
    """The actions a sentence gives from ``start``: one, or each of an enumeration of three
    or more verb phrases ("A, B and C" too), or of two joined by "or even" ("... or even start
    a chapter"), "but" or "then". Words after the last action that are no action of their own
    belong to it."""
    span = sentence[start:].rstrip(".!?")
    pieces = re.split(r"([,:]\s*(?:and\s+|or\s+|and/or\s+)?(?:even\s+)?|\s+or even\s+)", span)
    parts, separators = pieces[0::2], ["", *pieces[1::2]]
    actions: list[str] = []
    ended = False
    for number, (part, separator) in enumerate(zip(parts, separators, strict=True)):
        words = words_of(part)
        # "..., but do Y", "..., then do Y"; not the "then" that answers an "if" ("if not, then ...").
        opposed = (
            number == 1 and bool(words) and words[0].lower() in ("but", "then") and not CONDITIONAL.search(parts[0])
        )
        if opposed and len(words) > 1 and words_of(parts[0])[:1] == ["Be"] and "ADJ" in lemmas_of(words[1].lower()):
            opposed = False  # "Be kind, but firm": one attitude, not a second action
        is_action = (
            number == 0
            or (len(words) >= 2 and imperative_at(words[:3], strict=True) == 0)
            or (opposed and imperative_at(words) == 1)
        )
        if is_action and not ended:
            actions.append(part.strip())
            continue
        first = words[:1]
        # "Arrive early, when rooms are quiet, find ...": a clause inside the run continues it.
        ended = ended or not (first and first[0].lower() in SUBORDINATORS)
        actions[-1] += separator + part
    if len(actions) == 2 and not ended and words_of(actions[1])[0].lower() not in ("but", "then"):
        # "A, B and C" without a comma before "and"
        actions[1:] = last_of_series(actions[1])
    # Two actions are two techniques where "or even" adds one, or "but" or "then" sets a
    # second against or after the first ("Assign yourself ..., but assign volunteers ...").
    pair = len(actions) == 2 and (" or even " in span or words_of(actions[1])[0].lower() in ("but", "then"))
    if len(actions) >= 3 or pair:
        return actions
    return [span]


def last_of_series(part: str) -> list[str]:
    """The last two actions of a series written "A, B and C": ``part`` cut at its first "and"
    that opens an imperative of two words or more, when what comes before is two words too
    and opens no clause of its own ("... if you try to be specific and do ..." is one)."""
    for match in AND.finditer(part):
        before, after = words_of(part[: match.start()]), words_of(part[match.end() :])
        if any(word.lower() in EMBEDDED for word in before):
            break
        if len(before) >= 2 and len(after) >= 2 and imperative_at(after[:3], strict=True) == 0:
            return [part[: match.start()], part[match.end() :]]
    return [part]


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
    if (predicate := gerund_subject(action)) is not None:
        return capitalise(action[:predicate].strip(" ,")), action[predicate:].strip()  # "Having X rotate"
    if words and words[0].lower() in SUBORDINATORS and (modal := YOU_MODALS.search(action)):
        # A context without a comma ("as a developer you should be prepared"): the label is the
        # action after it, the text the whole phrase.
        return leading_clause(capitalise(action[modal.end() :]))[0].rstrip(" .!?:;,"), action
    label, rest = leading_clause(action)
    return label.rstrip(" .!?:;,"), rest


# --- prose enumerations (gerunds after lead-in words) ----------------------------------

LEAD_WORDS = closed_class(
    "means mean meaning involves involve involving include includes including requires require by through"
)
OUTCOME_MODALS = closed_class("can could will would may might")
EXAMPLES = re.compile(r"\b(?:for example|for instance|such as|e\.g\.)", re.I)
CONJUNCTION = re.compile(r"^(?:and|or|and/or|as well as)\s+", re.I)
SUBORDINATE_START = re.compile(r"^(?:when|whenever|where|while|if|as|because|especially|such as|which|who)\b", re.I)


def enumerations(sentence: str) -> Iterator[str]:
    """Runs of three or more comma-separated actions in a sentence, each as its phrase.

    A run starts at the sentence's start, after an introductory phrase ("Before the
    meeting, prepare ..."), or after lead-in words ("This means attending ..."). After
    "can", "will" or another such modal the actions are outcomes ("you can enhance your
    reputation, increase ..."), and no run starts until the next lead-in. After "for example"
    or "such as", a run is examples of what the sentence describes, and none starts.
    """
    parts = [CONJUNCTION.sub("", part.strip()) for part in re.split(r",\s*", sentence.rstrip(".!?"))]
    run: list[str] = []
    may_start = True
    examples = False
    for part in parts:
        words = part.split()
        start = None if run or examples else lead_in_action(words)
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
        examples = examples or bool(EXAMPLES.search(part))
        may_start = introductory and not examples and not any(word.lower() in OUTCOME_MODALS for word in words)
    if len(run) >= 3:
        yield from run


def is_action_phrase(part: str) -> bool:
    words = words_of(part)
    if POSSIBILITY.search(part) or ADVICE_MODALS.search(part):
        return False
    start = action_start(words[:4]) if words and part.startswith(words[0]) else None
    return start is not None and not subject_then_verb(words, start)  # "open source developers create"


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
        begins = action_start(head_words[:4]) if head_words and head.startswith(head_words[0]) else None
        # after "means", "involves": gerunds ("It can involve bug reports, ..." lists things)
        if begins is not None and (word.endswith(":") or is_gerund(head_words[begins])):
            return index + 1
    return None


def sentence_techniques(sentence: str, line: int, kind: Kind) -> list[Found]:
    start = advice_start(sentence)
    if start is None:
        return []
    span = sentence[start:]
    if POINTER.search(span) or RESOURCE_START.match(span):
        return []  # something to read, not something to do
    if span.endswith(":") and len(words_of(span)) <= 1:
        return []  # "... it is wise to have:": the list that follows is the object, and the advice
    result: list[Found] = []
    for action in actions_in(sentence, start):
        label, rest = label_of_action(action)
        if len(words_of(label)) == 0:
            continue
        whole = start == 0 and action == sentence[start:].rstrip(".!?")
        result.append((capitalise(label), rest if whole else sentence, kind, line, sentence))
    return result
