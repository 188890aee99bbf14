"""Read a technique's label as a *frame*: the action, its manner and its object.

A technique is an action on an object ("Audit a contact log before a review": audit / contact
log), so each label is read as its verb (lemmatised: attending -> attend; wrappers such as
"Make a habit to" and negations read off), the verb's manner ("actively"), and the object's
head noun and modifiers, up to the first context word ("before a review": context never
counts). The grammar words are data (``data/vocabulary.yml``); ``handbook.dedup`` compares
frames.

Rewordings are read as English reads them, not as lists of the chapters' words: idioms
("stay connected", "maintain regular communication" = keep in touch; determiners and number
free), light verbs whose object names the action ("Practice active listening" = listen
actively; a noun WordNet derives from a verb and files as an act names it too: "Prioritize
effective delegation" = delegate effectively), "try"/"keep" before a gerund ("Try
contacting" = contact), a copula's adjective with what it is about ("Be proactive about
honest conversation"), after a verb WordNet gives no object or after a manner, "to"/"with"
people as *whom*, not *what* ("Listen to the participants" = listening), a possessor naming
a person as *whose* ("your mentor's time"), a reflexive pronoun as an object of its own
("Introduce yourself" is not "Introduce them"), words that only say the object fits the
reader's goal ("relevant", "target") as nothing, a clause about the object ("the goals that
you set") and an aside in parentheses as no part of it (but said: "(online)" is not
"(offline)"), an acronym in parentheses after the words it stands for as the acronym ('the
"Situation, Task, Action, Result" (STAR) method'), WordNet's compound nouns as one word ("a
thank you note"), a verb with a prefix the lexicon lacks as that verb ("Reshare" = share),
one object for two verbs ("Acknowledge and thank your volunteers"), a question as an object
("Explain why you want to connect"), a pronoun as an object only the chapter names ("Assign
them" is no other technique), a state after "keep" as the action ("Keep your manager
informed" = inform your manager), a person noun after "be" as its doer's action ("Be an
active listener" = listen actively), a word no lexicon knows, where the verb stands, as a
verb ("Deduplicate your lists"), a comment after a semicolon or a spaced dash as no part of
it ("Listen; it builds trust"), and a time preposition before a gerund or a time as when,
not what ("Follow up after meeting someone", "... within two days"), the reader's whole
network as with or to anyone ("Stay in touch with your network" = stay in touch), and an
action named by adjectives and a gerund after a wrapper or made a habit ("Make active
listening a habit" = listen actively), a bare noun after "for" or "from" as the object's
kind ("notes from meetings" = meeting notes), a clause about people who are the whole
object as no part of it ("Introduce people who should know each other" = introduce people),
and "with" a quality as the manner WordNet derives it from ("Speak with clarity" = speak
clearly).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from . import lexicon
from .language import (
    WORD,
    action_start,
    coined_verb,
    is_adverb,
    is_gerund,
    lemmas_of,
    sentences,
    unknown_word_lemma,
    verb_lemma,
    words_of,
)
from .vocabulary import CONJUNCTIONS, vocabulary

# --- frames ---------------------------------------------------------------------------------

ANYONE = "anyone"  # whose "people's time" or "others' ideas" are: anybody's, the mentor's too
REFERENCE = "(it)"  # an object named by a pronoun ("Assign them"): what, only the chapter says
PARTICLES = frozenset({"up", "out", "in", "on", "off", "back", "down", "over", "through", "around", "forward"})
ARTICLES = frozenset({"a", "an", "the"})  # no object goes on with one after its adjective
DEMONSTRATIVES = frozenset({"this", "that", "these", "those", "next", "last"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})  # after people, a clause about them
ASIDE = re.compile(r"\([^()]*(?:\)|$)")  # "(if there is one)", "(Situation, Task, ...)"
COMMENT = re.compile(r"\s*(?:;|\s[-\u2013\u2014]\s|\u2014)\s*")  # "...; it builds trust", "... - it goes a long way"
ACRONYM = re.compile(r"\(\s*([A-Z]{2,})\s*\)")  # "(SBI)" after the words it stands for


def acronyms_read(label: str) -> str:
    """``label`` with words an acronym in parentheses after them stands for said as the
    acronym: 'the "Situation - Behavior - Impact" (SBI) framework' is 'the SBI framework',
    as 'the SBI framework (Situation-Behavior-Impact)' reads once its aside is left out."""
    for match in reversed(list(ACRONYM.finditer(label))):
        letters = match.group(1)
        before = list(WORD.finditer(label, 0, match.start()))[-len(letters) :]
        if len(before) == len(letters) and "".join(word.group()[0] for word in before).upper() == letters:
            label = label[: before[0].start()] + letters + label[match.end() :]
    return label


Phrase = tuple[str, str, frozenset[str]]  # a phrase after the object: (preposition, head, modifiers)


@dataclass(frozen=True)
class Frame:
    """What a label tells the reader to do, as the index compares it."""

    negated: bool
    verb: str | None  # lemma, multi-word verbs joined by "_"; None: no action found
    manner: frozenset[str]  # adverbs of the verb, as adjectives ("actively" -> active)
    head: str | None  # the object's head noun, lemmatised
    modifiers: frozenset[str]  # the object's other words, lemmatised
    words: frozenset[str]  # every content word, but for a condition after the action
    others: tuple[tuple[str, frozenset[str]], ...] = ()  # further objects: "events and conferences"
    # whom a verb taking no object is done with or to ("Listen to participants"), or whose
    # its object is ("your mentor's time"; ANYONE: "people's time")
    who: str | None = None
    # the phrase right after the object, as (preposition, head, modifiers): context for most
    # techniques ("... before a review"), part of the object for some ("Restrict access to
    # your contact log"), as the index learns from the whole handbook (dedup.with_complements)
    complement: Phrase | None = None
    # the phrase after that one: the object where the first is a fixed part of the action
    # ("Include a call to action in [reminder emails]"), as the index learns (with_complements)
    then: Phrase | None = None

    @property
    def objects(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """Every object as (head, modifiers), the first first."""
        return (((self.head, self.modifiers),) if self.head else ()) + self.others

    def describe(self) -> str:
        parts = ["not" if self.negated else "", self.verb or "(no action)", " ".join(sorted(self.manner))]
        obj = " ".join(sorted(self.modifiers)) + (" " if self.modifiers else "") + (self.head or "")
        who = [f"(whom/whose: {self.who})"] if self.who else []
        return " ".join(part for part in parts + ([f"[{obj}]"] if obj else []) + who if part)


@lru_cache(maxsize=65536)
def normal_word(word: str) -> str:
    """A word of a label, lower-cased, dashes and quotes around it taken off, a possessive in
    one form, "X's" ("mentor\u2019s" -> "mentor's", "mentors'" -> "mentors's"; a closing quote
    looks the same, and the object tells which it is)."""
    word = word.lower().replace("\u2019", "'")
    word = (word + "s" if word.endswith("s'") else word).strip("'-")
    return unprefixed(word)


def unprefixed(word: str) -> str:
    """An unknown word made of a prefix and a verb, as that verb ("reshare" -> "share")."""
    if lemmas_of(word):
        return word
    for prefix in vocabulary().verb_prefixes:
        rest = word.removeprefix(prefix)
        if rest != word and len(rest) > 2 and "VERB" in lemmas_of(rest):
            return rest
    return word


def content_words(words: list[str]) -> frozenset[str]:
    """The words of a label that say something, lemmatised, a possessor as its noun."""
    empty = vocabulary().empty_modifiers
    return frozenset(
        noun_lemma(word.removesuffix("'s")) for word in words if word not in empty and word not in CONJUNCTIONS
    )


def starts_with(words: list[str], phrases: Iterable[tuple[str, ...]]) -> int:
    """How many words of ``words`` the first matching phrase covers (0: none)."""
    for phrase in phrases:
        if tuple(words[: len(phrase)]) == phrase:
            return len(phrase)
    return 0


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> str:
    """The dictionary form of an object word: nouns first ("events" -> event); a plural no
    lexicon knows by the rules of English ("meetups" -> meetup)."""
    lemmas = lemmas_of(word)
    for tag in ("NOUN", "ADJ", "VERB", "ADV"):
        if tag in lemmas:
            return lemmas[tag][0]
    plural = len(word) > 3 and word.isalpha() and word.endswith("s") and not word.endswith("ss")
    return unknown_word_lemma(word, "NOUN") if plural and not lexicon.known(word, "noun") else word


@lru_cache(maxsize=65536)
def adjective_of(adverb: str) -> str:
    """ "actively" -> "active" when the lexicon knows the adjective."""
    base = adverb[:-2] if adverb.endswith("ly") else adverb
    for candidate in (base, base + "e", base[:-1] + "y" if base.endswith("i") else base):
        if "ADJ" in lemmas_of(candidate):
            return candidate
    return adverb


@lru_cache(maxsize=65536)
def modifier_only(word: str) -> bool:
    """A word WordNet knows as an adjective or adverb and never as a noun ("online")."""
    return not lexicon.known(word, "noun") and (lexicon.known(word, "adj") or lexicon.known(word, "adv"))


def adverb_only(word: str) -> bool:
    """A word WordNet knows only as an adverb ("often", "again"), not ending in "-ly"."""
    return lexicon.known(word, "adv") and not any(lexicon.known(word, pos) for pos in ("noun", "adj", "verb"))


def verb_at(words: list[str], start: int) -> tuple[str, int] | None:
    """The verb starting at ``words[start]`` and the number of words it takes: an idiom of
    the vocabulary, a WordNet multi-word verb ("follow up", "take part"), or one word."""
    rest = words[start:]
    base = (verb_lemma(rest[0]) or coined_verb(rest[0])) if rest else None
    if base is None:
        return None
    if idiom := idiom_at(words, start):
        return idiom
    for length in (3, 2):
        if len(rest) >= length and rest[1] not in vocabulary().empty_modifiers:
            phrase = "_".join([base, *rest[1:length]])
            if lexicon.known(phrase, "verb"):
                return phrase, length
    taken = 1
    if len(rest) > 1 and rest[1] in PARTICLES and rest[1] not in vocabulary().context_starts:
        taken = 2  # a particle WordNet does not know as part of the verb ("seek out")
    return base, taken


def idiom_at(words: list[str], start: int) -> tuple[str, int] | None:
    """The idiom of the vocabulary starting at ``words[start]``: its action and length."""
    base = verb_lemma(words[start]) if start < len(words) else None
    for idiom, verb in vocabulary().idioms if base else ():
        if idiom[0] == base and (taken := idiom_length(words[start:], idiom)):
            return verb, taken
    return None


@lru_cache(maxsize=1)
def idiom_verbs() -> frozenset[str]:
    """The actions the vocabulary's idioms stand for: intransitive ("stay in touch with")."""
    return frozenset(verb for _, verb in vocabulary().idioms)


def noun_before(words: list[str], at: int) -> bool:
    """Whether the -ing word at ``at`` may be a noun modifying the next word ("Keep meeting
    notes"), not an action ("Keep learning new skills" is read as an action only when the
    -ing word is no noun, or nothing but a determiner, context or an adjective follows it: a
    noun modifier never stands before an adjective, "Focus on building meaningful ties")."""
    vocab = vocabulary()
    following = words[at + 1] if at + 1 < len(words) else ""
    if not following or following in vocab.empty_modifiers or following in vocab.context_starts:
        return False
    if modifier_only(noun_lemma(following)):
        return False
    return lexicon.known(noun_lemma(words[at]), "noun") or lexicon.known(words[at], "noun")


@lru_cache(maxsize=65536)
def agent_action(noun: str) -> str | None:
    """The action a person noun names its doer by: "listener" -> listen, "communicator" ->
    communicate, so "Be an active listener" is "Listen actively". Only nouns whose first
    sense is a person ("connector" is first a device)."""
    if not lexicon.names_a_person(noun):
        return None
    for suffix, ending in (("er", ""), ("or", "e"), ("er", "e"), ("or", "")):
        stem = noun.removesuffix(suffix)
        if stem != noun and len(stem) > 2 and verb_lemma(stem + ending) == stem + ending:
            return stem + ending
    return None


def kept_state(rest: list[str]) -> tuple[str, list[str]] | None:
    """After "keep", the action a state after the object names, and the object without it:
    "Keep your manager informed" -> inform, "Keep the team in the loop" -> inform."""
    vocab = vocabulary()
    for phrase, action in vocab.kept_states:
        for start in range(1, len(rest) - len(phrase) + 1):
            end = start + len(phrase)
            following = rest[end] if end < len(rest) else ""
            ends = not following or following in vocab.clause_stops or "ADV" in lemmas_of(following)
            if tuple(rest[start:end]) == phrase and (ends or modifier_only(following)):
                # "... up to date", "... up to date twice a year", "... up to date right after a meeting"
                return action, rest[:start] + rest[end:]
    return None


def separated_particle(verb: str, rest: list[str]) -> tuple[str, list[str]] | None:
    """A particle after the object that makes a verb of WordNet with the action, and the
    object without it: "Turn your camera on" is "Turn on your camera"."""
    stops = vocabulary().clause_stops
    for position in range(1, len(rest)):
        word = rest[position]
        ends = position + 1 == len(rest) or rest[position + 1] in stops
        if word in PARTICLES and ends and lexicon.known(f"{verb}_{word}", "verb"):
            return f"{verb}_{word}", rest[:position] + rest[position + 1 :]
        if word in stops:
            break
    return None


def compounds(words: list[str]) -> list[str]:
    """``words`` with each run WordNet knows as one noun joined, where a word of it would
    otherwise end the object ("a thank you note" -> thank_you note, "time off"), and
    hyphens as WordNet spells the noun ("thank-you"), or none where it knows neither spelling
    ("meet-up", "meetup")."""
    vocab = vocabulary()
    enders = vocab.empty_modifiers | vocab.context_starts | vocab.relative_starts | PARTICLES
    starters = enders | CONJUNCTIONS  # a compound starts with none of these
    joined: list[str] = []
    position = 0
    while position < len(words):
        word = words[position]
        taken = 1
        prefix, hyphen, rest = word.partition("-")
        if hyphen and f"{prefix}-" in vocab.noun_prefixes and lexicon.known(noun_lemma(rest), "noun"):
            joined.append(vocab.noun_prefixes[f"{prefix}-"])  # "ex-colleagues": former colleagues
            word = rest
        elif "-" in word and not lexicon.known(word, "noun") and lexicon.known(word.replace("-", "_"), "noun"):
            word = word.replace("-", "_")  # "a thank-you note"
        elif "-" in word and not any(lexicon.known(word, pos) for pos in ("noun", "adj", "verb")):
            word = word.replace("-", "")  # "a meet-up" is "a meetup": a spelling no lexicon settles
        elif word not in starters:
            for length in (3, 2):
                phrase = words[position : position + length]
                compound = "_".join(phrase[:-1] + [noun_lemma(phrase[-1])])
                ends = any(part in enders for part in phrase[1:])
                if len(phrase) == length and ends and lexicon.known(compound, "noun"):
                    word, taken = compound, length
                    break
        joined.append(word)
        position += taken
    return joined


def noun_follows(word: str) -> bool:
    """Whether ``word``, after an adjective, goes on with the object ("the expected next step",
    "a weekly one-on-one call"), rather than starting its context."""
    vocab = vocabulary()
    return (
        bool(word)
        and word not in vocab.clause_stops | vocab.relative_starts | ARTICLES
        and lexicon.known(noun_lemma(word), "noun")
        and not is_adverb(word)
    )


def adjective_then_action(words: list[str], start: int) -> bool:
    """Whether ``words[start]`` is an adjective before the gerund that is the action ("Open
    communicating with peers"), not a verb whose object starts with a gerund ("Draft training
    budget", "Attending mentoring sessions"): the gerund must end the object."""
    after = start + 2
    return (
        after <= len(words)
        and is_gerund(words[start + 1])
        and "ADJ" in lemmas_of(words[start])
        and not is_gerund(words[start])
        and (
            after == len(words)
            or words[after] in vocabulary().context_starts
            or words[after] in CONJUNCTIONS
            or is_adverb(words[after])
        )
    )


def idiom_length(words: list[str], idiom: tuple[str, ...]) -> int:
    """How many of ``words`` (the first being the idiom's verb) the idiom covers, skipping
    determiners and matching nouns in any number ("maintain the relationships"); 0: none."""
    position, empty = 1, vocabulary().empty_modifiers
    for part in idiom[1:]:
        while position < len(words) and words[position] != part and words[position] in empty:
            position += 1
        if position >= len(words) or part not in (words[position], noun_lemma(words[position])):
            return 0
        position += 1
    return position


def deverbal_action(obj: list[str], at: int) -> tuple[str, frozenset[str], tuple[str, frozenset[str]]] | None:
    """After a verb that only says something is done, the action its object's head names
    when that head is also a verb, or WordNet derives it from one, and "of" follows it, its
    manner, and what it is done to: "Run an audit of the contact log" -> audit, [contact log];
    "Write a summary of the notes" -> summarize, [note]; "Make a digital copy of the deck" ->
    copy, {digital}, [deck]. ``at`` is where the head is (-1: no "of")."""
    if at == -1 or at + 1 >= len(obj):
        return None
    named = obj[at] if verb_lemma(obj[at]) == obj[at] else next(iter(lexicon.derived_verbs().get(obj[at], ())), None)
    if named is None:
        return None
    return named, frozenset(adjective_of(word) for word in obj[:at]), (obj[-1], frozenset(obj[at + 1 : -1]))


def light_verb_action(verb: str, raw: list[str], determined: bool) -> tuple[str, frozenset[str]] | None:
    """The action a light verb's object names, and its manner: "Practice active listening",
    "Use active listening techniques" -> listen, {active}; "Prioritize effective delegation"
    -> delegate, {effective}, but "Use a summary" uses a thing. ``raw`` is the object as
    written, ``determined`` whether a determiner or possessive came before it."""
    vocab = vocabulary()
    if verb not in vocab.light_verbs or not raw:
        return None
    at = len(raw) - 1
    if noun_lemma(raw[at]) in vocab.method_nouns and at > 0:
        at -= 1
    if not is_gerund(raw[at]) and (determined or not names_an_action(raw[at])):
        return None
    action = verb_lemma(raw[at]) if is_gerund(raw[at]) else nominalised(raw[at])
    if action is None or not all("ADJ" in lemmas_of(word) for word in raw[:at]):
        return None
    return action, frozenset(adjective_of(word) for word in raw[:at])


def starts_acting(words: list[str]) -> bool:
    """Whether ``words`` start with an action: an imperative, a gerund, or a verb no lexicon lists."""
    return action_start(words) is not None or bool(words and coined_verb(words[0]))


def opens_clause(words: list[str]) -> bool:
    """Whether ``words`` open a clause or a context, maybe after an adverb: "If you're
    stuck", "Even when you're busy" ("even" is also a verb), "Right after a meeting"."""
    vocab = vocabulary()
    starts = vocab.clause_starts | vocab.context_starts
    return bool(words) and (
        words[0] in vocab.clause_starts or (len(words) > 1 and words[1] in starts and "ADV" in lemmas_of(words[0]))
    )


def without_context_in_front(label: str) -> str:
    """The label from its action on, when a context or condition in front of it, up to a
    comma, holds no action: "Before a conference, practise your pitch", "If you're stuck,
    ask for help", "Every quarter, always update your CV". Context in front does not change
    the technique (GUIDELINES); the label is left whole unless what follows the comma starts
    with an action, maybe after a wrapper ("Clear, concise writing" stays as it is)."""
    front, comma, after = label.partition(",")
    front_words = [normal_word(word) for word in words_of(front)]
    if not comma or (action_start(front_words) is not None and not opens_clause(front_words)):
        return label
    words = [normal_word(word) for word in words_of(after)]
    vocab = vocabulary()
    while taken := starts_with(words, vocab.wrappers) or starts_with(words, vocab.negations):
        words = words[taken:]
    return after.strip() if starts_acting(words) else label


def without_comment(label: str) -> str:
    """The label up to a semicolon or a spaced dash outside quotes and parentheses, where a
    comment on the technique starts ("...; it builds trust"); the "Situation - Behavior -
    Impact" model keeps its dashes."""
    for match in COMMENT.finditer(label):
        before, after = label[: match.start()], label[match.end() :]
        if match.group().strip() != ";" and not after[:1].islower():
            continue  # "the Situation - Behavior - Impact model": a dash inside a name
        quoted = before.count('"') % 2 or before.count("\u201c") > before.count("\u201d")
        if not quoted and before.count("(") == before.count(")"):
            return before
    return label


@lru_cache(maxsize=65536)
def frame_of(label: str) -> Frame:
    technique = without_comment(label)
    if technique != label and (first := read_frame(technique)).verb is not None:
        return first  # what follows a semicolon or a dash says why, not what: "Listen; it builds trust"
    return read_frame(label)


@lru_cache(maxsize=65536)
def nominalised(word: str) -> str | None:
    """The verb a noun names the act of, when WordNet derives the noun from a verb of other
    words: "delegation" -> delegate, "disagreement" -> disagree; not "plan" or "contact",
    nouns that are the verb's own word, which say a thing as often as an act."""
    noun = noun_lemma(word)
    if not lexicon.names_an_act(noun):
        return None  # "conference" is derived from "confer", but names a gathering
    verbs = (verb for verb in lexicon.derived_verbs().get(noun, ()) if "_" not in verb)
    return next((verb for verb in verbs if verb != noun.replace("-", "")), None)


def names_an_action(word: str) -> bool:
    return is_gerund(word) or nominalised(word) is not None


def gerund_after_adjectives(words: list[str]) -> int | None:
    """Where the gerund, or a noun naming an act, is in "Active listening", "Effective
    delegation": an action after its adjectives only ("Overcommunicate when working
    remotely" has none)."""
    start = next((i for i, word in enumerate(words[:4]) if names_an_action(word)), None)
    return start if start is not None and all("ADJ" in lemmas_of(word) for word in words[:start]) else None


def habit_made(words: list[str]) -> list[str] | None:
    """The words of "Make <an action> a habit" (``habit_ends``) as the action and what
    follows: "Make active listening a habit with a mentor" -> active listening with a mentor."""
    if not words or words[0] != "make":
        return None
    for at in range(2, len(words)):
        if taken := starts_with(words[at:], vocabulary().habit_ends):
            action = words[1:at]
            if starts_acting(action) or gerund_after_adjectives(action) is not None:
                return action + words[at + taken :]
    return None


def read_frame(label: str) -> Frame:
    vocab = vocabulary()
    label = without_context_in_front(acronyms_read(label))
    words = [word for word in map(normal_word, words_of(ASIDE.sub(" ", label))) if word]
    negated = False
    changed = True
    while changed and words:
        changed = False
        # the longer of the two first: "Don't forget to" is a wrapper, "Don't" a negation
        by_length = sorted((vocab.negations, vocab.wrappers), key=lambda phrases: -starts_with(words, phrases))
        for phrases in by_length:
            taken = starts_with(words, phrases)
            rest = words[taken:]
            named = gerund_after_adjectives(rest) is not None  # "Commit to active listening"
            before_action = phrases is vocab.negations or starts_acting(rest) or named
            if taken and taken < len(words) and before_action:
                negated ^= phrases is vocab.negations
                words = words[taken:]
                changed = True
        taken = starts_with(words, vocab.before_gerunds)
        gerund = taken < len(words) and is_gerund(words[taken]) and not noun_before(words, taken)
        after_adjectives = (gerund_after_adjectives(words[taken:]) or 0) > 0  # not "Keep meeting notes"
        if taken and (gerund or after_adjectives):
            words = words[taken:]  # "Try contacting", "Keep learning", "Focus on active listening"
            changed = True
        if habit := habit_made(words):
            words, changed = habit, True  # "Make active listening a habit": listening actively
    manner: set[str] = set()
    start = action_start(words)
    if start is None:
        start = gerund_after_adjectives(words)
        if start is not None:
            manner |= {adjective_of(word) for word in words[:start]}
            if verb := nominalised(words[start]) if not is_gerund(words[start]) else None:
                words = [*words[:start], verb, *words[start + 1 :]]  # "Effective delegation": delegate
        elif words and coined_verb(words[0]):
            start = 0  # "Deduplicate your lists", "Declutter the calendar": a verb no lexicon lists
    else:
        manner |= {adjective_of(word) for word in words[:start]}
        if adjective_then_action(words, start):
            manner.add(words[start])  # "Open communicating": an adjective, then the action
            start += 1
    if start is not None:  # "Speak with clarity" is not "speak with" someone: it speaks clearly
        after, said_how = manner_phrases(words[start + 1 :])
        words, manner = words[: start + 1] + after, manner | said_how
    found = None if start is None else verb_at(words, start)
    if start is None or found is None:
        return Frame(negated, None, frozenset(), None, frozenset(), content_words(words))
    verb, taken = found
    # What the label says, but for a condition after the action ("... if there is one"): a
    # chapter stating an action again under another condition repeats itself (dedup.repeats).
    end = next((i for i in range(start + taken + 1, len(words)) if words[i] in vocab.clause_starts), len(words))
    content = content_words(words[:end])
    if idiom_at(words, start) == (verb, taken):  # an idiom says its action: "Talk to" says "contact"
        content = content_words(words[:start] + words[start + taken : end]) | {verb}
    for aside in ASIDE.findall(label):  # an aside is no part of the object, but said: "(online)" / "(offline)"
        said = [word for word in map(normal_word, words_of(aside)) if word]
        if said and said[0] not in vocab.clause_starts:  # "(if there is one)": a condition
            content |= content_words(said)
    rest = words[start + taken :]
    if verb.partition("_")[0] in vocab.state_verbs and (kept := kept_state(rest)):
        verb, rest = kept  # "Keep your manager informed" informs the manager
    elif "_" not in verb and (separated := separated_particle(verb, rest)):
        verb, rest = separated
    while rest and (is_adverb(rest[0]) or (adverb_only(rest[0]) and rest[0] not in vocab.clause_stops)):
        # "listen actively to people", "smile often"; not "throughout the year"
        manner.add(adjective_of(rest[0]))
        rest = rest[1:]
    if len(rest) > 2 and rest[0] in CONJUNCTIONS and (second := verb_at(rest, 1)):
        rest = rest[1 + second[1] :]  # "Acknowledge and thank your co-facilitators": one object for both
    lead = next((i for i, word in enumerate(rest) if word not in vocab.empty_modifiers), len(rest))
    asking = vocab.question_words - (RELATIVE_PRONOUNS if lead else frozenset())
    if len(rest) > lead + 1 and rest[lead] in asking:
        # "Explain why you want to connect", "Ask them what they need" (not "Introduce people
        # who should meet"): what is explained or asked is the question and its words
        stop = vocab.empty_modifiers | vocab.relative_starts | vocab.context_starts | CONJUNCTIONS
        asked = frozenset(noun_lemma(word) for word in rest[lead + 1 :] if word not in stop)
        return Frame(negated, verb, frozenset(manner), rest[lead], asked, content)
    preposition = ""
    if rest and rest[0] in vocab.context_starts | vocab.clause_starts:
        # "ask for referrals", "follow up with contacts"; "ask if there are concerns": the
        # clause is what is asked
        preposition, rest = rest[0], rest[1:]
    timed = preposition in vocab.time_prepositions and bool(rest) and is_gerund(rest[0])
    if preposition in vocab.clause_starts - vocab.question_words - {"if"} and lexicon.intransitive(verb):
        rest = []  # "Smile when meeting new people": when, not what (but "Ask if ...")
    about: list[str] = []  # "Be respectful of people's time": what the adjective is about
    if verb in vocab.copulas:
        end = next((i for i, word in enumerate(rest) if word in vocab.context_starts), len(rest))
        setting = rest[end] in vocab.clause_starts | vocab.setting_prepositions if end < len(rest) else True
        if end > 0 and not setting and not lexicon.names_a_person(noun_lemma(rest[end - 1])):
            # "Be respectful of people's time"; not "Be an active listener in your first months"
            stop = vocab.clause_stops | vocab.relative_starts
            after = rest[end + 1 :]
            if not after or after[0] not in vocab.question_words:  # "Be clear on what they get into"
                after = after[: next((i for i, word in enumerate(after) if word in stop), len(after))]
            after = [word for word in after if word not in stop]
            about = [noun_lemma(word) for word in after if word not in vocab.empty_modifiers]
            rest = rest[:end]
    rest = compounds(rest)
    objects: list[list[str]] = [[]]
    raw_first: list[str] = []  # the first object as written, for light verbs
    determined = False  # the first object has a determiner or a possessive
    head_at: list[int] = [-1]  # where each object's head is: its last word, or the one before "of"
    whose: str | None = None
    pronoun = False  # the object is a pronoun ("Assign them")
    complement: Phrase | None = None
    then: Phrase | None = None
    first_by_kind = False  # the first object's head is before "for" or "from", not "of"
    begun = False  # a word of the object was read, maybe one saying nothing ("people")
    for position, word in enumerate(rest):
        obj = objects[-1]
        following = rest[position + 1] if position + 1 < len(rest) else ""
        if begun and word in vocab.relative_starts:
            break  # "tasks they will take over", "people who should meet": a clause about the object
        if word == "of" and not obj:
            continue  # "Remind them of their progress", "Keep track of checklists"
        if word in CONJUNCTIONS and obj:
            if following == "be" or (verb_lemma(following) and not lexicon.known(noun_lemma(following), "noun")):
                break  # "Offer value and be generous": another action, not another object
            objects.append([])
            head_at.append(-1)
            continue
        if word == "of" and obj and head_at[-1] == -1:
            head_at[-1] = len(obj) - 1  # "a log of contacts" is a contact log
            continue
        if word in vocab.kind_prepositions and obj and head_at[-1] == -1 and kind_follows(rest[position + 1 :]):
            head_at[-1] = len(obj) - 1  # "a plan for onboarding", "notes from meetings": what kind
            first_by_kind = first_by_kind or len(objects) == 1  # "Prepare questions for interviews" does not question
            complement = complement or phrase_after(word, rest[position + 1 :])  # said after it, too
            continue
        if word in vocab.time_quantifiers and rest[position - 1 : position] == ["of"]:
            continue  # "an audit of each list": a determiner here
        if following in vocab.clause_starts and "ADV" in lemmas_of(word) and "NOUN" not in lemmas_of(word):
            break  # "... even when you're busy", "... only if asked": the clause's own word
        if obj and time_starts(word, following):
            break  # "Review the budget this year": a time, not more of the object
        if not obj and preposition and word in vocab.time_quantifiers and not time_starts(word, following):
            continue  # "Skim through each survey": a determiner here
        if not obj and not preposition and not pronoun and position and word in vocab.context_starts:
            preposition = word  # "Walk people through your plan": only people, then what
            continue
        if word in vocab.context_starts or word in CONJUNCTIONS:
            if (
                word in vocab.context_starts
                and obj
                and complement is None
                and (first := phrase_after(word, rest[position + 1 :]))
            ):
                complement, then = first, next_phrase(rest[position + 1 :])
            break
        if word.endswith("'s") and (not following or following in vocab.context_starts | CONJUNCTIONS):
            word = word[:-2]  # "Say 'Mentors'": a closing quote, no possessor
        elif word.endswith("'s"):
            # A possessor is a determiner: whose the object is, when it names a person ("your
            # mentor's time"; its own words are not the object's) or anybody ("people's",
            # "others'"), else what kind ("the project's goals" are project goals).
            del obj[head_at[-1] + 1 :]
            if len(objects) == 1:
                del raw_first[head_at[-1] + 1 :]
            word = word[:-2]
            anyone = word in vocab.empty_modifiers or noun_lemma(word) in vocab.anyone_nouns
            if anyone or lexicon.names_a_person(noun_lemma(word)):
                whose = ANYONE if anyone else noun_lemma(word)  # "the other person's name": anyone's
                continue
        if not obj and manner and not preposition and modifier_only(noun_lemma(word)) and not noun_follows(following):
            break  # "Delegate effectively online": after the manner, where or when, not what
        if obj and word.endswith("ly") and "ADV" in lemmas_of(word) and not noun_follows(following):
            if adjective_of(word) == word or not is_adverb(word):
                break  # "Update each list weekly": when, not how
            manner.add(adjective_of(word))  # "Give feedback constructively": how it is done
            continue
        if (
            obj
            and word not in vocab.empty_modifiers
            and modifier_only(noun_lemma(word))
            and not noun_follows(following)
        ):
            if following in vocab.context_starts:  # "Invite a colleague along to the reunion"
                complement = complement or phrase_after(following, rest[position + 2 :])
            break  # after the object, a word that cannot be a noun starts the context ("... online")
        if is_adverb(word):
            manner.add(adjective_of(word))
            continue
        if word in vocab.purpose_modifiers and following and following not in vocab.context_starts | CONJUNCTIONS:
            continue  # "relevant groups", "your target audience": the groups that fit
        if word in vocab.reflexives:
            word = "oneself"  # "Introduce yourself", "have them introduce themselves": the doer
        if word not in vocab.empty_modifiers:
            obj.append(noun_lemma(word))
            if len(objects) == 1:
                raw_first.append(word)
        elif len(objects) == 1 and not obj:
            determined = True  # "Use a summary": a thing, where "Practice effective delegation" is an act
        pronoun = pronoun or (not obj and word in vocab.object_pronouns)
        begun = True
    parts = [
        (obj[at], frozenset(obj[:at] + obj[at + 1 :] if at != -1 else obj[:-1]))
        for obj, at in zip(objects, head_at, strict=True)
        if obj
    ] or ([(REFERENCE, frozenset[str]())] if pronoun and not preposition else [])
    if preposition == "with" and verb in idiom_verbs() and parts and not lexicon.names_people(parts[0][0]):
        parts = []  # "stay in touch with occasional check-ins": how, not with whom
    who = None
    bare = len(parts) == 1 and not parts[0][1]  # one noun, nothing else
    if preposition in vocab.time_quantifiers and bare and lexicon.names_time(parts[0][0]):
        parts = []  # "Speak clearly each month": when, not what
    # After a verb taking no object, or after its manner ("Plan carefully with your team"),
    # "to" or "with" people says to or with whom.
    addressee = preposition in vocab.addressee_prepositions and bare
    if addressee and parts[0][0] in vocab.network_nouns:
        parts = []  # "Stay in touch with your network", "Follow up with your contacts": with anyone
    elif addressee and lexicon.names_people(parts[0][0]) and (manner or lexicon.intransitive(verb)):
        who, parts = parts[0][0], []  # "Listen to the participants": to whom, not what
    elif (
        preposition
        and manner
        and (
            preposition in vocab.setting_prepositions
            or (preposition not in vocab.addressee_prepositions and lexicon.intransitive(verb))
        )
    ):
        parts = []  # "Listen actively on video calls", "Smile often at events": where, not what
    elif timed or (preposition in vocab.time_prepositions and len(parts) == 1 and a_time(*parts[0])):
        parts = []  # "Follow up after meeting someone", "... within two days": when, not what
    if about and parts:
        parts[0] = (parts[0][0], parts[0][1] | frozenset(about))
    of_at = -1 if first_by_kind else head_at[0]
    if verb in vocab.doing_verbs and len(parts) == 1 and (done := deverbal_action(objects[0], of_at)):
        verb, parts = done[0], [done[2]]  # "Run an audit of the contact log" audits it
        manner |= done[1]
    if len(parts) == 1 and not preposition and (action := light_verb_action(verb, raw_first, determined)):
        verb, parts = action[0], []  # "Use active listening techniques": listen actively
        manner |= action[1]
    if verb in vocab.copulas and len(parts) == 1 and not about and (doing := agent_action(parts[0][0])):
        verb, manner, parts = doing, manner | {adjective_of(word) for word in parts[0][1]}, []
    # "professional organizations or associations": the first object's modifiers go to the rest.
    parts = parts[:1] + [(head, modifiers or parts[0][1]) for head, modifiers in parts[1:]]
    head, modifiers = parts[0] if parts else (None, frozenset[str]())
    who = who or (whose if parts else None)
    complement, then = (complement, then) if parts and len(parts) == 1 else (None, None)
    objects_after = tuple(parts[1:])
    return Frame(negated, verb, frozenset(manner), head, modifiers, content, objects_after, who, complement, then)


def kind_follows(words: list[str]) -> bool:
    """Whether ``words`` start with a bare noun or two, to the end or a context: after a word
    of ``kind_prepositions`` they say what kind the object is ("a plan for onboarding", "notes
    from client calls"), where "for a demo day", "from peers" or "for remote colleagues" say
    what for or whom from."""
    vocab = vocabulary()
    length = next((i for i, word in enumerate(words) if word in vocab.clause_stops or modifier_only(word)), len(words))
    if not 0 < length <= 2:
        return False
    for word in words[:length]:
        if word in vocab.empty_modifiers or word in vocab.relative_starts or word in DEMONSTRATIVES:
            return False
        if word.endswith("'s") or is_adverb(word) or modifier_only(noun_lemma(word)):
            return False
    noun = noun_lemma(words[length - 1])
    return not lexicon.names_a_person(noun) and not lexicon.names_time(noun)


def manner_phrases(words: list[str]) -> tuple[list[str], frozenset[str]]:
    """``words`` without each "with" and a bare noun naming a quality, and those qualities as
    the adjectives WordNet derives them from: "Speak with clarity" speaks clearly, "Introduce
    yourself with confidence" confidently (not "with a mentor", "with manager", "with clarity
    of purpose")."""
    stops = vocabulary().clause_stops
    kept: list[str] = []
    how: set[str] = set()
    position = 0
    while position < len(words):
        after = words[position + 2] if position + 2 < len(words) else ""
        quality = words[position + 1] if position + 1 < len(words) else ""
        person = lexicon.names_people(quality)  # "with colleague": whom, not how ("collegial")
        adjectives = lexicon.derived_adjectives().get(quality, ()) if words[position] == "with" and not person else ()
        if adjectives and (not after or after in stops):
            how.add(adjectives[0])
            position += 2
            continue
        kept.append(words[position])
        position += 1
    return kept, frozenset(how)


def a_time(head: str, modifiers: frozenset[str]) -> bool:
    """Whether a noun phrase names a time: "two days", "the first week" (not "demo days":
    a noun before a time noun makes an event of it)."""
    return lexicon.names_time(head) and all(
        lexicon.known(word, "adj") and ("ADJ" in lemmas_of(word) or not lemmas_of(word)) for word in modifiers
    )  # "two days", "48 hours"; not "volunteer days", which WordNet also lists as an adjective


def time_starts(word: str, following: str) -> bool:
    """Whether ``word`` and ``following`` start a time after a noun: "this year", "next week",
    "every month" (not "Give your mentee a task": an article may start a second object)."""
    starts = word in DEMONSTRATIVES or word in vocabulary().time_quantifiers
    return starts and bool(following) and lexicon.names_time(noun_lemma(following))


def next_phrase(words: list[str]) -> Phrase | None:
    """The phrase after the first phrase of ``words``: "[to action] in reminder emails"."""
    vocab = vocabulary()
    for position, word in enumerate(words[1:], start=1):
        if word in vocab.clause_starts | vocab.relative_starts | CONJUNCTIONS:
            return None
        following = words[position + 1] if position + 1 < len(words) else ""
        if word in vocab.context_starts and not time_starts(word, following):
            return phrase_after(word, words[position + 1 :])
    return None


def phrase_after(preposition: str, words: list[str]) -> Phrase | None:
    """The noun phrase after ``preposition`` as (preposition, head, modifiers), up to the
    next context word, clause or a word that cannot be a noun; None if it names nothing."""
    vocab = vocabulary()
    stops = vocab.context_starts | vocab.clause_starts | vocab.relative_starts | CONJUNCTIONS | {"of"}
    phrase: list[str] = []
    head = -1  # where the head is when "of" follows it ("the log of donors"), else the last word
    joined = compounds(words)
    for position, word in enumerate(joined):
        following = joined[position + 1] if position + 1 < len(joined) else ""
        if not phrase and word in vocab.time_quantifiers:
            continue  # "to each list", "from every log": a determiner here
        of_kind = word == "of" and following not in stops
        if (
            phrase
            and head == -1
            and (of_kind or (word in vocab.kind_prepositions and kind_follows(joined[position + 1 :])))
        ):
            head = len(phrase) - 1  # "from the log of donors", "to your notes from meetings": what kind
            continue
        if word in stops or (phrase and modifier_only(noun_lemma(word))):
            break
        if phrase and time_starts(word, following):
            break  # "in a client call this quarter": a time starts
        if word.endswith("'s"):
            word = word[:-2]
        if word not in vocab.empty_modifiers and not is_adverb(word):
            phrase.append(noun_lemma(word))
    if not phrase:
        return None
    return preposition, phrase[head], frozenset(phrase[:head] + phrase[head + 1 :] if head != -1 else phrase[:-1])


class Stated(Protocol):
    """A technique where a chapter states it, or an occurrence of one in the index."""

    @property
    def label(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def frame(self) -> Frame | None: ...


def reading(stated: Stated) -> Frame:
    """How the index reads a technique: the frame found with it when its chapter was read
    (on another core, or kept in the chapter cache), else read now."""
    return stated.frame or frame_of(statement(stated))


def statement(occurrence: Stated) -> str:
    """What an occurrence tells the reader to do: its label, or, when the label is only the
    start of a wrapper ("Make a habit" + "to listen actively"), the label and its text."""
    words = tuple(word.lower() for word in words_of(occurrence.label))
    for wrapper in vocabulary().wrappers:
        if words and len(wrapper) > len(words) and wrapper[: len(words)] == words and occurrence.text:
            return f"{occurrence.label} {sentences(occurrence.text)[0]}"
    return occurrence.label
