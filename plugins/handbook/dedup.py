"""Group occurrences of the same technique across chapters into index entries.

A technique is an action on an object ("Audit a contact log before a review": audit / contact
log), so each label is read as a *frame*: the action's verb (lemmatised: attending -> attend;
wrappers such as "Make a habit to" and negations read off), the verb's manner ("actively"),
and the object's head noun and modifiers, up to the first context word ("before a review":
context never counts). Two frames are the same technique when their verbs are synonyms,
their object heads are synonyms and their modifiers are the same, synonyms by WordNet's
first senses (``handbook.lexicon``); the grammar words are data (``data/vocabulary.yml``).

Rewordings are read as English reads them, not as lists of the chapters' words: idioms
("stay connected", "maintain regular communication" = keep in touch; determiners and number
free), light verbs whose object names the action ("Practice active listening" = listen
actively), "try"/"keep" before a gerund ("Try contacting" = contact), a copula's adjective
with what it is about ("Be proactive about honest conversation"), and, after a verb WordNet
gives no object or after a manner, "to"/"with" people as *whom*, not *what* ("Listen to the
participants" = listening; only the same verb meets a bare one across a "whom"). Relations
broader than synonymy (hypernyms, sister verbs) are left out on purpose: they join "a
checklist" to "a list" and "build" to "create", which a reader keeps apart.

Grouping cannot chain: an occurrence joins an entry only if it is the same technique as
*every* occurrence already in it (complete linkage), so A~B and B~C never put A with C
unless A~C. Candidates come from blocks keyed by (verb synonym, head synonym), so the work
grows with the number of occurrences, not its square. Seeking and offering never merge,
nor do two techniques of one chapter, unless the editorial file merges them.

Pairs close but not the same (same action on the same head with other modifiers, one with
no object) are *near misses*: ``see also`` links, and a ready ``merge`` rule for an editor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from . import lexicon
from .errors import HandbookError
from .language import action_start, is_adverb, is_gerund, lemmas_of, sentences, slugify, verb_lemma, words_of
from .model import Entry, NearMiss, Occurrence, Rules

if TYPE_CHECKING:
    from .ids import Records

__all__ = ["Entry", "Index", "NearMiss", "Occurrence", "Rules", "build_index", "explain", "group"]

VOCABULARY = Path(__file__).parent / "data" / "vocabulary.yml"
LIST_KEYS = (
    "wrappers",
    "negations",
    "before_gerunds",
    "light_verbs",
    "method_nouns",
    "copulas",
    "clause_starts",
    "addressee_prepositions",
    "time_quantifiers",
    "context_starts",
    "empty_modifiers",
)
MAPPING_KEYS = ("idioms", "directions")
NEAR = 0.5  # pairs scoring at least this, and not merged, are near misses


# --- vocabulary -------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    wrappers: tuple[tuple[str, ...], ...]  # longest first
    negations: tuple[tuple[str, ...], ...]
    idioms: tuple[tuple[tuple[str, ...], str], ...]  # words -> verb, longest first
    directions: dict[str, str]  # verb -> side
    context_starts: frozenset[str]
    empty_modifiers: frozenset[str]
    before_gerunds: tuple[tuple[str, ...], ...] = ()  # longest first
    light_verbs: frozenset[str] = frozenset()
    method_nouns: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    clause_starts: frozenset[str] = frozenset()
    addressee_prepositions: frozenset[str] = frozenset()
    time_quantifiers: frozenset[str] = frozenset()


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
    return Vocabulary(
        wrappers=phrases(lists["wrappers"]),
        negations=phrases(lists["negations"]),
        idioms=tuple(sorted(idioms, key=lambda item: (-len(item[0]), item))),
        directions={verb: side for side, verbs in mappings["directions"].items() for verb in verbs},
        context_starts=frozenset(lists["context_starts"]),
        empty_modifiers=frozenset(lists["empty_modifiers"]),
        before_gerunds=phrases(lists["before_gerunds"]),
        light_verbs=frozenset(lists["light_verbs"]),
        method_nouns=frozenset(lists["method_nouns"]),
        copulas=frozenset(lists["copulas"]),
        clause_starts=frozenset(lists["clause_starts"]),
        addressee_prepositions=frozenset(lists["addressee_prepositions"]),
        time_quantifiers=frozenset(lists["time_quantifiers"]),
    )


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return load_vocabulary()


# --- frames ---------------------------------------------------------------------------------

PARTICLES = frozenset({"up", "out", "in", "on", "off", "back", "down", "over", "through", "around", "forward"})
CONJUNCTIONS = frozenset({"and", "or", "&"})


@dataclass(frozen=True)
class Frame:
    """What a label tells the reader to do, as the index compares it."""

    negated: bool
    verb: str | None  # lemma, multi-word verbs joined by "_"; None: no action found
    manner: frozenset[str]  # adverbs of the verb, as adjectives ("actively" -> active)
    head: str | None  # the object's head noun, lemmatised
    modifiers: frozenset[str]  # the object's other words, lemmatised
    words: frozenset[str]  # every content word (for labels with no action)
    others: tuple[tuple[str, frozenset[str]], ...] = ()  # further objects: "events and conferences"
    who: str | None = None  # whom a verb taking no object is done with or to: "Listen to participants"

    @property
    def objects(self) -> tuple[tuple[str, frozenset[str]], ...]:
        """Every object as (head, modifiers), the first first."""
        return (((self.head, self.modifiers),) if self.head else ()) + self.others

    def describe(self) -> str:
        parts = ["not" if self.negated else "", self.verb or "(no action)", " ".join(sorted(self.manner))]
        obj = " ".join(sorted(self.modifiers)) + (" " if self.modifiers else "") + (self.head or "")
        who = [f"(to/with {self.who})"] if self.who else []
        return " ".join(part for part in parts + ([f"[{obj}]"] if obj else []) + who if part)


def starts_with(words: list[str], phrases: Iterable[tuple[str, ...]]) -> int:
    """How many words of ``words`` the first matching phrase covers (0: none)."""
    for phrase in phrases:
        if tuple(words[: len(phrase)]) == phrase:
            return len(phrase)
    return 0


@lru_cache(maxsize=65536)
def noun_lemma(word: str) -> str:
    """The dictionary form of an object word: nouns first ("events" -> event)."""
    lemmas = lemmas_of(word)
    for tag in ("NOUN", "ADJ", "VERB", "ADV"):
        if tag in lemmas:
            return lemmas[tag][0]
    return word


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


def verb_at(words: list[str], start: int) -> tuple[str, int] | None:
    """The verb starting at ``words[start]`` and the number of words it takes: an idiom of
    the vocabulary, a WordNet multi-word verb ("follow up", "take part"), or one word."""
    rest = words[start:]
    base = verb_lemma(rest[0]) if rest else None
    if base is None:
        return None
    for idiom, verb in vocabulary().idioms:
        if idiom[0] == base and (taken := idiom_length(rest, idiom)):
            return verb, taken
    for length in (3, 2):
        if len(rest) >= length and rest[1] not in vocabulary().empty_modifiers:
            phrase = "_".join([base, *rest[1:length]])
            if lexicon.known(phrase, "verb"):
                return phrase, length
    taken = 1
    if len(rest) > 1 and rest[1] in PARTICLES and rest[1] not in vocabulary().context_starts:
        taken = 2  # a particle WordNet does not know as part of the verb ("seek out")
    return base, taken


@lru_cache(maxsize=1)
def idiom_verbs() -> frozenset[str]:
    """The actions the vocabulary's idioms stand for: intransitive ("stay in touch with")."""
    return frozenset(verb for _, verb in vocabulary().idioms)


def noun_before(words: list[str], at: int) -> bool:
    """Whether the -ing word at ``at`` may be a noun modifying the next word ("Keep meeting
    notes"), not an action ("Keep learning new skills" is read as an action only when the
    -ing word is no noun, or nothing but a determiner or context follows it)."""
    vocab = vocabulary()
    following = words[at + 1] if at + 1 < len(words) else ""
    if not following or following in vocab.empty_modifiers or following in vocab.context_starts:
        return False
    return lexicon.known(noun_lemma(words[at]), "noun") or lexicon.known(words[at], "noun")


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


def light_verb_action(verb: str, raw: list[str]) -> tuple[str, frozenset[str]] | None:
    """The action a light verb's object names, and its manner: "Practice active listening",
    "Use active listening techniques" -> listen, {active}. ``raw`` is the object as written."""
    vocab = vocabulary()
    if verb not in vocab.light_verbs or not raw:
        return None
    at = len(raw) - 1
    if noun_lemma(raw[at]) in vocab.method_nouns and at > 0:
        at -= 1
    if not is_gerund(raw[at]):
        return None
    action = verb_lemma(raw[at])
    if action is None or not all("ADJ" in lemmas_of(word) for word in raw[:at]):
        return None
    return action, frozenset(adjective_of(word) for word in raw[:at])


@lru_cache(maxsize=65536)
def frame_of(label: str) -> Frame:
    vocab = vocabulary()
    words = [word.strip("'-").lower().replace("\u2019", "'") for word in words_of(label)]
    words = [word for word in words if word]
    negated = False
    changed = True
    while changed and words:
        changed = False
        for phrases in (vocab.negations, vocab.wrappers):
            taken = starts_with(words, phrases)
            if taken and taken < len(words):
                negated ^= phrases is vocab.negations
                words = words[taken:]
                changed = True
        taken = starts_with(words, vocab.before_gerunds)
        if taken and taken < len(words) and is_gerund(words[taken]) and not noun_before(words, taken):
            words = words[taken:]  # "Try contacting", "Keep learning"
            changed = True
    manner: set[str] = set()
    start = action_start(words)
    if start is None:
        # "Active listening", "Effective networking": a gerund after its adjectives.
        start = next((i for i, word in enumerate(words[:4]) if is_gerund(word)), None)
        if start is not None:
            manner |= {adjective_of(word) for word in words[:start]}
    else:
        manner |= {adjective_of(word) for word in words[:start]}
        if adjective_then_action(words, start):
            manner.add(words[start])  # "Open communicating": an adjective, then the action
            start += 1
    content = frozenset(noun_lemma(w) for w in words if w not in vocab.empty_modifiers and w not in CONJUNCTIONS)
    if start is None:
        return Frame(negated, None, frozenset(), None, frozenset(), content)
    found = verb_at(words, start)
    if found is None:
        return Frame(negated, None, frozenset(), None, frozenset(), content)
    verb, taken = found
    rest = words[start + taken :]
    while rest and is_adverb(rest[0]):  # "listen actively to people"
        manner.add(adjective_of(rest[0]))
        rest = rest[1:]
    preposition = ""
    if rest and rest[0] in vocab.context_starts | vocab.clause_starts:
        # "ask for referrals", "follow up with contacts"; "ask if there are concerns": the
        # clause is what is asked
        preposition, rest = rest[0], rest[1:]
    about: list[str] = []  # "Be respectful of people's time": what the adjective is about
    if verb in vocab.copulas:
        end = next((i for i, word in enumerate(rest) if word in vocab.context_starts), len(rest))
        if 0 < end < len(rest) and rest[end] not in vocab.clause_starts:
            stop = vocab.context_starts | vocab.clause_starts | CONJUNCTIONS
            after = rest[end + 1 :]
            after = after[: next((i for i, word in enumerate(after) if word in stop), len(after))]
            about = [noun_lemma(word) for word in after if word not in vocab.empty_modifiers]
            rest = rest[:end]
    objects: list[list[str]] = [[]]
    raw_first: list[str] = []  # the first object as written, for light verbs
    head_at: list[int] = [-1]  # where each object's head is: its last word, or the one before "of"
    for position, word in enumerate(rest):
        obj = objects[-1]
        if word in CONJUNCTIONS and obj:
            following = rest[position + 1] if position + 1 < len(rest) else ""
            if following == "be" or (verb_lemma(following) and not lexicon.known(noun_lemma(following), "noun")):
                break  # "Offer value and be generous": another action, not another object
            objects.append([])
            head_at.append(-1)
            continue
        if word == "of" and obj and head_at[-1] == -1:
            head_at[-1] = len(obj) - 1  # "a log of contacts" is a contact log
            continue
        if word in vocab.context_starts or word in CONJUNCTIONS:
            break
        if obj and modifier_only(noun_lemma(word)):
            break  # after the object, a word that cannot be a noun starts the context ("... online")
        if is_adverb(word):
            manner.add(adjective_of(word))
            continue
        if word not in vocab.empty_modifiers:
            obj.append(noun_lemma(word))
            if len(objects) == 1:
                raw_first.append(word)
    parts = [
        (obj[at], frozenset(obj[:at] + obj[at + 1 :] if at != -1 else obj[:-1]))
        for obj, at in zip(objects, head_at, strict=True)
        if obj
    ]
    if preposition == "with" and verb in idiom_verbs() and parts and not lexicon.names_people(parts[0][0]):
        parts = []  # "stay in touch with occasional check-ins": how, not with whom
    who = None
    bare = len(parts) == 1 and not parts[0][1]  # one noun, nothing else
    if preposition in vocab.time_quantifiers and bare and lexicon.names_time(parts[0][0]):
        parts = []  # "Speak clearly each month": when, not what
    # After a verb taking no object, or after its manner ("Plan carefully with your team"),
    # "to" or "with" people says to or with whom.
    addressee = preposition in vocab.addressee_prepositions and bare
    if addressee and lexicon.names_people(parts[0][0]) and (manner or lexicon.intransitive(verb)):
        who, parts = parts[0][0], []  # "Listen to the participants": to whom, not what
    if about and parts:
        parts[0] = (parts[0][0], parts[0][1] | frozenset(about))
    if len(parts) == 1 and (action := light_verb_action(verb, raw_first)):
        verb, parts = action[0], []  # "Use active listening techniques": listen actively
        manner |= action[1]
    # "professional organizations or associations": the first object's modifiers go to the rest.
    parts = parts[:1] + [(head, modifiers or parts[0][1]) for head, modifiers in parts[1:]]
    head, modifiers = parts[0] if parts else (None, frozenset[str]())
    return Frame(negated, verb, frozenset(manner), head, modifiers, content, tuple(parts[1:]), who)


# --- similarity -------------------------------------------------------------------------------


@lru_cache(maxsize=262144)
def same_verb(a: str, b: str) -> bool:
    return lexicon.synonyms(a, b, "verb")


@lru_cache(maxsize=262144)
def same_word(a: str, b: str) -> bool:
    return a == b or lexicon.synonyms(a, b, "noun", mutual=True) or lexicon.synonyms(a, b, "adj", mutual=True)


@lru_cache(maxsize=262144)
def matched(first: frozenset[str], second: frozenset[str]) -> float:
    """Share of words of either set that have a synonym in the other (1.0 if both empty)."""
    if not first and not second:
        return 1.0
    hits = sum(any(same_word(a, b) for b in second) for a in first)
    hits += sum(any(same_word(b, a) for a in first) for b in second)
    return hits / (len(first) + len(second))


def opposite(a: str | None, b: str | None) -> bool:
    sides = vocabulary().directions
    return a is not None and b is not None and a in sides and b in sides and sides[a] != sides[b]


@lru_cache(maxsize=262144)
def covers(wide: frozenset[str], narrow: frozenset[str]) -> bool:
    """Whether every word of ``narrow`` has a synonym in ``wide``."""
    return all(any(same_word(word, other) for other in wide) for word in narrow)


@lru_cache(maxsize=262144)
def similarity(a: Frame, b: Frame) -> float:
    """1.0: the same technique. 0.75: one is a narrower case of the other ("Audit a log" /
    "Audit a contact log"), 0.5: one has no object; these are near misses. Below: different."""
    if a.negated != b.negated or opposite(a.verb, b.verb):
        return 0.0
    if a.verb is None or b.verb is None:
        return 1.0 if a.verb is None and b.verb is None and matched(a.words, b.words) == 1.0 else 0.0
    if not same_verb(a.verb, b.verb):
        return 0.0
    if (a.head is None) != (b.head is None):
        return 0.5  # "Follow up" / "Follow up with new contacts"
    same_manner = not a.manner or not b.manner or matched(a.manner, b.manner) == 1.0
    if a.head is None:
        if a.who and b.who and not same_word(a.who, b.who):
            return 0.25  # "Talk to your manager" / "Talk to your mentor"
        if (a.who is None) != (b.who is None) and a.verb != b.verb:
            return 0.5  # "Talk with your mentor" / "Speak clearly": too little in common
        return 1.0 if same_manner else 0.75
    best = 0.0  # the closest pair of objects: "Attend events and conferences" / "Attend conferences"
    for head, modifiers in a.objects:
        for other_head, other_modifiers in b.objects:
            if not same_word(head, other_head):
                continue
            if matched(modifiers, other_modifiers) == 1.0:
                best = max(best, 1.0 if same_manner else 0.75)
            elif covers(modifiers, other_modifiers) or covers(other_modifiers, modifiers):
                best = max(best, 0.75)
            else:
                best = max(best, 0.25)
    return best


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word standing for ``word`` and its first-sense synonyms (the first alphabetically)."""
    return min(lexicon.keys(word, "noun") | lexicon.keys(word, "adj"))


def block_keys(frame: Frame) -> list[tuple[str, ...]]:
    """Keys under which a frame meets the frames it may be the same technique as: a synonym
    of its verb, of an object's head, and that object's modifiers."""
    if frame.verb is None:
        return [("-", *sorted(frame.words))]  # no action: only the same words meet
    verbs = sorted(lexicon.keys(frame.verb, "verb"))
    objects = sorted(
        {
            (head_key, *sorted({word_key(word) for word in modifiers}))
            for head, modifiers in frame.objects
            for head_key in lexicon.keys(head, "noun") | lexicon.keys(head, "adj")
        }
    ) or [("-",)]
    return [(verb, *obj) for verb in verbs for obj in objects]


def near_keys(frame: Frame) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """A frame's own key for near misses, and the keys of the broader techniques it is a
    narrower case of: its modifiers less one or all ("Audit a contact log" -> "Audit a
    log"), and no object at all ("Follow up with new contacts" -> "Follow up")."""
    if frame.verb is None:
        return ("-",), []
    if frame.head is None:
        return (frame.verb,), []
    own = (frame.verb, frame.head, *sorted(frame.modifiers))
    broader = {(frame.verb, frame.head, *sorted(frame.modifiers - {word})) for word in frame.modifiers}
    broader.add((frame.verb,))
    if frame.modifiers:
        broader.add((frame.verb, frame.head))
    return own, sorted(broader)


# --- grouping ----------------------------------------------------------------------------------


@dataclass
class Cluster:
    nodes: list[int]  # node indices while grouping; occurrence indices in the result
    chapters: set[str]
    places: set[str]
    reasons: list[str] = field(default_factory=list)


@dataclass
class Index:
    """The index: entries in the order of their first occurrence, and the near misses."""

    entries: list[Entry]
    near_misses: list[NearMiss]
    records: Records | None = None  # the updated id records, when built with recorded ids


def statement(occurrence: Occurrence) -> str:
    """What an occurrence tells the reader to do: its label, or, when the label is only the
    start of a wrapper ("Make a habit" + "to listen actively"), the label and its text."""
    words = tuple(word.lower() for word in words_of(occurrence.label))
    for wrapper in vocabulary().wrappers:
        if words and len(wrapper) > len(words) and wrapper[: len(words)] == words and occurrence.text:
            return f"{occurrence.label} {sentences(occurrence.text)[0]}"
    return occurrence.label


def _nodes(occurrences: list[Occurrence], apart: set[str]) -> tuple[list[list[int]], list[Frame]]:
    """Occurrences with the same frame, one per chapter each: one technique at once. An
    occurrence an editor keeps apart from another (``apart``) stands alone."""
    nodes: list[list[int]] = []
    frames: list[Frame] = []
    open_nodes: dict[Frame, list[int]] = {}  # frame -> node indices
    for index, occurrence in enumerate(occurrences):
        frame = frame_of(statement(occurrence))
        for node in [] if occurrence.place in apart else open_nodes.get(frame, []):
            if all(occurrences[i].chapter != occurrence.chapter for i in nodes[node]):
                nodes[node].append(index)
                break
        else:
            if occurrence.place not in apart:
                open_nodes.setdefault(frame, []).append(len(nodes))
            nodes.append([index])
            frames.append(frame)
    return nodes, frames


def cluster(occurrences: list[Occurrence], rules: Rules) -> tuple[list[Cluster], list[tuple[int, int, float]]]:
    """Clusters of nodes, and (cluster, cluster, score) near misses between them."""
    nodes, frames = _nodes(occurrences, {place for pair in rules.separate for place in pair})
    places = [{occurrences[i].place for i in node} for node in nodes]
    chapters = [{occurrences[i].chapter for i in node} for node in nodes]
    separate = [set(pair) for pair in rules.separate]
    node_of_place = {place: n for n, node_places in enumerate(places) for place in node_places}
    clusters: list[Cluster] = []
    cluster_of: dict[int, int] = {}

    def join(index: int, node: int) -> None:
        """Put ``node`` in cluster ``index``, with its chapters and places."""
        clusters[index].nodes.append(node)
        clusters[index].chapters |= chapters[node]
        clusters[index].places |= places[node]
        cluster_of[node] = index

    # An editor's merges first: the nodes they name are one cluster, whatever their frames.
    for pinned in rules.merge:
        members = sorted({node_of_place[p] for p in pinned if p in node_of_place})
        if not members:
            continue
        joined = sorted({cluster_of[node] for node in members if node in cluster_of})
        if joined:  # another rule names one of these: one cluster for both
            index = joined[0]
        else:
            index = len(clusters)
            clusters.append(Cluster([], set(), set(), reasons=["pinned together by the editorial file"]))
        target = clusters[index]
        for other in joined[1:]:  # two earlier rules joined by this one
            for node in clusters[other].nodes:
                cluster_of[node] = index
            target.nodes += clusters[other].nodes
            target.chapters |= clusters[other].chapters
            target.places |= clusters[other].places
            clusters[other] = Cluster([], set(), set())
        for node in members:
            if cluster_of.get(node) != index:
                join(index, node)

    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for node, frame in enumerate(frames):
        for key in block_keys(frame):
            blocks[key].append(node)
    order = sorted(range(len(nodes)), key=lambda n: (-len(nodes[n]), nodes[n][0]))
    for node in order:
        if node in cluster_of:
            continue
        neighbours = sorted({other for key in block_keys(frames[node]) for other in blocks[key] if other != node})
        best: int | None = None
        for candidate in sorted({cluster_of[other] for other in neighbours if other in cluster_of}):
            group = clusters[candidate]
            if group.chapters & chapters[node] or any(pair <= group.places | places[node] for pair in separate):
                continue
            bigger = best is None or len(clusters[best].nodes) < len(group.nodes)
            if bigger and all(similarity(frames[node], frames[member]) >= 1.0 for member in group.nodes):
                best = candidate
        if best is None:
            cluster_of[node] = len(clusters)
            clusters.append(Cluster([node], set(chapters[node]), set(places[node])))
        else:
            group = clusters[best]
            centre, joining = occurrences[nodes[group.nodes[0]][0]], occurrences[nodes[node][0]]
            group.reasons.append(
                f"{joining.label!r} = {centre.label!r}: same action and object ({frames[node].describe()})"
            )
            join(best, node)

    # Near misses: a technique and a broader one (same verb and head, fewer modifiers), or
    # the same one kept apart (by its chapters or an editor), in different clusters.
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for node, frame in enumerate(frames):
        by_key[near_keys(frame)[0]].append(node)
    near: dict[tuple[int, int], float] = {}
    for node, frame in enumerate(frames):
        own, broader = near_keys(frame)
        if own == ("-",):
            continue
        for key in [own, *broader]:
            for other in by_key.get(key, []):
                first, second = sorted((cluster_of[node], cluster_of[other]))
                if first != second and (value := similarity(frame, frames[other])) >= NEAR:
                    near[(first, second)] = max(near.get((first, second), 0.0), value)
    for group in clusters:
        group.nodes.sort(key=lambda n: nodes[n][0])
    kept = [n for n, group in enumerate(clusters) if group.nodes]
    renumber = {old: new for new, old in enumerate(kept)}
    clusters = [clusters[n] for n in kept]
    near = {(renumber[a], renumber[b]): value for (a, b), value in near.items()}
    members_of = [sorted(i for n in group.nodes for i in nodes[n]) for group in clusters]
    for group, members in zip(clusters, members_of, strict=True):
        group.nodes = members  # from here on: occurrence indices
    return clusters, sorted((a, b, s) for (a, b), s in near.items())


def build_index(occurrences: list[Occurrence], rules: Rules | None = None, ids: Records | None = None) -> Index:
    """The index of ``occurrences`` under an editor's ``rules``. With ``ids`` (the records
    of ``handbook.ids``), entries keep the ids and titles recorded for them; ``Index.records``
    is then the records to save. Same input, same output."""
    from . import ids as id_records  # ids builds on this module

    rules = rules or Rules()
    clusters, near = cluster(occurrences, rules)
    names = {word.lower() for o in occurrences for word in MID_SENTENCE_CAPITAL.findall(o.text)}
    order = sorted(range(len(clusters)), key=lambda c: clusters[c].nodes[0])
    drafts = [
        Entry(
            id="",
            title=canonical_title([occurrences[i] for i in clusters[c].nodes], names),
            occurrences=[occurrences[i] for i in clusters[c].nodes],
            reasons=clusters[c].reasons,
        )
        for c in order
    ]
    records = id_records.assign(drafts, ids)
    for entry in drafts:
        entry.title = rules.titles.get(entry.id) or entry.title
    position = {c: n for n, c in enumerate(order)}
    near_misses = [
        NearMiss(
            first=drafts[position[a]].id,
            second=drafts[position[b]].id,
            score=value,
            first_place=drafts[position[a]].occurrences[0].place,
            second_place=drafts[position[b]].occurrences[0].place,
        )
        for a, b, value in near
    ]
    near_misses.sort(key=lambda miss: (-miss.score, miss.first, miss.second))
    return Index(drafts, near_misses, records if ids is not None else None)


def group(occurrences: list[Occurrence], rules: Rules | None = None) -> list[Entry]:
    """Index entries in the order of their first occurrence (ids from their titles, as if
    nothing were recorded); same input, same output."""
    return build_index(occurrences, rules).entries


def explain(index: Index) -> list[str]:
    """Lines for ``handbook techniques --explain``: why each entry holds what it holds,
    then the near misses, each with the ``editorial.yml`` rule that would merge them."""
    lines: list[str] = []
    for entry in index.entries:
        lines.append(f"{entry.id}: {entry.title} ({len(entry.occurrences)} occurrences)")
        lines += [f"  {reason}" for reason in entry.reasons]
    if index.near_misses:
        lines += ["", "Near misses (close, not merged; to merge, add the rule under 'merge:' in editorial.yml):"]
    for miss in index.near_misses:
        lines.append(f"  {miss.first} ~ {miss.second} (score {miss.score:.2f}):")
        lines.append("  " + merge_rule(miss))
    return lines


def merge_rule(miss: NearMiss) -> str:
    """The ``editorial.yml`` line (under ``merge:``) that puts a near miss in one entry."""
    return f"  - [{miss.first_place}, {miss.second_place}]"


# --- titles ----------------------------------------------------------------------------------------


def imperative(label: str) -> str:
    """``label`` as a short instruction: "Attending events" -> "Attend events"."""
    words = label.split()
    found = action_start(words_of(label))
    if found is not None and found < len(words) and is_gerund(words_of(label)[found]):
        verb = verb_lemma(words_of(label)[found]) or words[found]
        words[found] = verb
        if found == 0:
            words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;:] )[A-Z][A-Za-z]+")


def sentence_case(title: str, names: set[str]) -> str:
    """Headline-cased labels ("Join Professional Associations") in sentence case. A word is
    lowered only if it is a dictionary word and not one of ``names``, so "LinkedIn" stays."""
    words = title.split()
    if not words:
        return title
    return " ".join(
        [words[0]] + [w.lower() if w.lower() not in names and lemmas_of(w.lower()) else w for w in words[1:]]
    )


def canonical_title(places: list[Occurrence], names: set[str]) -> str:
    """The wording most chapters use, as an instruction; ties go to the shortest, then to
    the first."""
    candidates = [sentence_case(imperative(place.label), names) for place in places]
    counts: dict[str, int] = defaultdict(int)
    for candidate in candidates:
        counts[candidate.lower()] += 1
    starts_with_verb = [action_start(words_of(c)) == 0 for c in candidates]
    order = sorted(
        range(len(candidates)),
        key=lambda i: (not starts_with_verb[i], -counts[candidates[i].lower()], len(candidates[i]), i),
    )
    return candidates[order[0]]


def slug_of(title: str) -> str:
    return slugify(imperative(title), max_length=60) or "technique"
