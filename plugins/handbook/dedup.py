"""Group occurrences of the same technique across chapters into index entries.

Method (chosen on the seed gold, see tests/test_dedup.py): each occurrence becomes a set
of *concepts*: the words of its label and, with less weight, of its text's first
sentence, lemmatised (attending -> attend) and mapped through a small thesaurus of the
handbook's vocabulary (utilize -> use, association -> organization, "stay in touch" ->
keep-in-touch). Two occurrences are compared by weighted Jaccard similarity, rarer
concepts weighing more. Opposite directions (seek mentoring / offer mentoring) never
merge, and neither do two techniques of the same chapter: an author does not list one
technique twice. Pairs are only compared when they share a concept (an inverted index),
so the work grows with the number of occurrences, not its square.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .language import action_start, is_gerund, lemmas_of, sentences, slugify, verb_lemma, words_of


@dataclass(frozen=True)
class Occurrence:
    """A technique where one chapter states it."""

    chapter: str  # the chapter's slug
    anchor: str
    label: str
    text: str

    @property
    def place(self) -> str:
        """``chapter#anchor``: how the editorial file names an occurrence."""
        return f"{self.chapter}#{self.anchor}"


@dataclass
class Entry:
    """One distinct technique of the handbook, and every place it appears."""

    id: str
    title: str
    occurrences: list[Occurrence]
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    """An editor's decisions (see the README and ``handbook.editorial``): occurrences to
    merge or keep apart, by ``chapter#anchor``, and titles by entry id."""

    merge: tuple[frozenset[str], ...] = ()
    separate: tuple[frozenset[str], ...] = ()
    titles: dict[str, str] = field(default_factory=dict)
    title_lines: dict[str, int] = field(default_factory=dict)  # where each title is set


# --- concepts -----------------------------------------------------------------------

# Multi-word expressions first, as one concept each.
PHRASES: tuple[tuple[str, str], ...] = (
    (r"\b(?:stay|stays|staying|keep|keeping|remain|remaining) in (?:touch|contact)\b", "keep-in-touch"),
    (r"\bmaintain(?:s|ing)? (?:regular |frequent |ongoing )?(?:communication|contact)\b", "keep-in-touch"),
    (r"\bregular(?:ly)? (?:communication|contact|check-?ins?)\b", "keep-in-touch"),
    (r"\bcheck(?:s|ing)? in with\b", "keep-in-touch"),
    (r"\bfollow(?:s|ing|ed)?[- ]up\b", "follow-up"),
    (r"\bsocial (?:media|networks?|platforms?)\b", "social-media"),
    (r"\btrade shows?\b", "event"),
    (r"\bpay(?:s|ing)? it forward\b", "give"),
    (r"\btak(?:e|es|ing) part in\b", "participate"),
    (r"\b(?:go|goes|going) to\b", "attend"),
    (r"\b(?:seek|seeks|seeking|reach|reaching|look|looking|search|searching) (?:out|for)\b", "seek"),
    (r"\bgiv(?:e|es|ing) back\b", "give"),
    (r"\bpersonal brand(?:ing)?\b", "personal-brand"),
    (r"\bactive(?:ly)? listen(?:s|ing)?\b", "listen"),
)

# Words of one meaning in this handbook's domain, by the lemma they are mapped to.
THESAURUS: dict[str, tuple[str, ...]] = {
    "organization": ("organisation", "association", "society", "club", "guild", "chamber"),
    "event": ("conference", "meetup", "workshop", "seminar", "convention", "summit", "expo", "gathering"),
    "community": ("forum", "group", "network community"),
    "use": ("utilize", "utilise", "leverage", "employ"),
    "help": ("assistance", "assist", "support", "aid"),
    "mentor": ("mentorship", "mentoring", "coach", "coaching", "advisor", "adviser", "sponsor"),
    "advice": ("guidance", "counsel"),
    "seek": ("find", "identify", "search", "ask", "request", "solicit", "approach"),
    "give": ("offer", "provide", "share", "lend", "contribute", "donate", "extend"),
    "value": ("knowledge", "resource", "insight", "expertise", "generous", "generosity"),
    "participate": ("engage", "contribute to"),
    "colleague": ("coworker", "co-worker", "peer", "teammate"),
    "feedback": ("criticism", "critique"),
    "success": ("achievement", "win", "milestone", "accomplishment"),
    "celebrate": ("congratulate",),
    "collaborate": ("partner", "cooperate", "team up"),
    "genuine": ("authentic", "sincere", "honest", "authenticity"),
    "goal": ("objective", "aim", "target goal"),
    "online": ("virtual", "digital", "internet"),
    "referral": ("recommendation", "reference"),
    "learn": ("study", "education", "training", "course"),
    "listen": ("listening",),
}
CANONICAL = {synonym: lemma for lemma, synonyms in THESAURUS.items() for synonym in synonyms}

# Verb classes that point opposite ways: seeking mentoring is not offering it.
OPPOSITES = frozenset({frozenset({"seek", "give"})})

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "into",
        "about",
        "as",
        "is",
        "are",
        "be",
        "being",
        "been",
        "this",
        "that",
        "these",
        "those",
        "your",
        "you",
        "their",
        "them",
        "they",
        "his",
        "her",
        "its",
        "our",
        "we",
        "us",
        "i",
        "me",
        "my",
        "it",
        "who",
        "which",
        "what",
        "when",
        "whenever",
        "where",
        "how",
        "than",
        "then",
        "so",
        "such",
        "other",
        "others",
        "another",
        "more",
        "most",
        "some",
        "any",
        "all",
        "each",
        "every",
        "one",
        "ones",
        "own",
        "out",
        "up",
        "over",
        "also",
        "just",
        "very",
        "well",
        "professional",
        "professionals",
        "new",
        "relevant",
        "potential",
        "strong",
        "regular",
        "regularly",
        "possible",
        "whenever",
        "needed",
        "appropriate",
        "together",
        "people",
        "person",
        "someone",
        "others",
        "field",
        "industry",
        "way",
        "ways",
        "thing",
        "things",
    ]
)

TEXT_CREDIT = 0.5
THRESHOLD = 0.5
SIDE_BY_SIDE = 0.5  # groups sharing more than this share of the smaller one's chapters stay apart
MAX_POSTING = 400  # a concept in more labels than this proposes no pairs (it says too little)


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The dictionary form of ``word``: the verb for -ing forms, else the noun if any."""
    if is_gerund(word):
        return verb_lemma(word) or word
    lemmas = lemmas_of(word)
    for tag in ("NOUN", "VERB", "ADJ", "ADV"):
        if tag in lemmas:
            return lemmas[tag][0]
    return word


def concepts(text: str) -> list[str]:
    """The concepts of ``text`` in order: phrases, then lemmatised, thesaurus-mapped words."""
    lowered = text.lower().replace("\u2019", "'")
    found: list[str] = []
    for pattern, concept in PHRASES:
        if re.search(pattern, lowered):
            found.append(concept)
            lowered = re.sub(pattern, " ", lowered)
    for word in words_of(lowered.replace("'s", "")):
        word = word.strip("'-").lower()
        if not word or word in STOPWORDS:
            continue
        base = lemma(word)
        concept = CANONICAL.get(base, CANONICAL.get(word, base))
        if concept not in STOPWORDS:
            found.append(concept)
    return found


def verb_class(label: str) -> str | None:
    """The concept of the label's leading verb ("Identify mentors" -> seek), if any."""
    words = words_of(label)
    start = action_start(words)
    if start is None:
        return None
    label_concepts = concepts(" ".join(words[start:]))
    return label_concepts[0] if label_concepts else None


@dataclass
class Node:
    """Occurrences whose labels have the same concepts ("Attend industry events", "Go to
    conferences"): they are one technique at once, and are compared with others as one."""

    members: list[int]  # indices into the occurrences, in order
    verb: str | None
    label: frozenset[str]
    text: frozenset[str]  # concepts in the first sentence of at least half of the members' texts
    chapters: set[str]


@lru_cache(maxsize=65536)
def label_concepts(label: str) -> frozenset[str]:
    return frozenset(concepts(label))


@lru_cache(maxsize=65536)
def text_concepts(text: str) -> frozenset[str]:
    return frozenset(concepts(sentences(text)[0])) if text else frozenset()


def nodes_of(occurrences: list[Occurrence], separate: Iterable[frozenset[str]]) -> list[Node]:
    """Occurrences grouped by their label's concepts. An occurrence an editor keeps apart
    from another stands alone."""
    apart = {place for pair in separate for place in pair}
    by_signature: dict[frozenset[str], Node] = {}
    nodes: list[Node] = []
    for index, occurrence in enumerate(occurrences):
        label = label_concepts(occurrence.label)
        node = by_signature.get(label)
        if node is None or occurrence.place in apart or not label:
            node = Node([], verb_class(occurrence.label), label, frozenset(), set())
            nodes.append(node)
            if occurrence.place not in apart and label:
                by_signature[label] = node
        node.members.append(index)
        node.chapters.add(occurrence.chapter)
    for node in nodes:
        counts: dict[str, int] = defaultdict(int)
        for index in node.members:
            for concept in text_concepts(occurrences[index].text):
                counts[concept] += 1
        node.text = frozenset(c for c, n in counts.items() if 2 * n >= len(node.members))
    return nodes


# --- similarity and grouping ---------------------------------------------------------


def similarity(a: Node, b: Node, rarity: dict[str, float]) -> tuple[float, list[str]]:
    """How alike two labels are, and the concepts behind it.

    Weighted Jaccard over the labels' concepts, rarer concepts weighing more, where a
    concept of one label that the other states only in its text counts half: "Maintain
    regular communication" is what "Stay in touch ... on a regular basis" says.
    """
    if a.verb and b.verb and frozenset({a.verb, b.verb}) in OPPOSITES:
        return 0.0, []
    together = sorted(a.label | b.label)  # sorted: float sums in one order on every machine
    matched = 0.0
    shared = []
    for concept in together:
        in_a, in_b = concept in a.label, concept in b.label
        if in_a and in_b:
            matched += rarity[concept]
            shared.append(concept)
        elif (in_a and concept in b.text) or (in_b and concept in a.text):
            matched += TEXT_CREDIT * rarity[concept]
            shared.append(f"{concept} (in text)")
    total = sum(rarity[concept] for concept in together)
    return (matched / total if total else 0.0), shared


def candidate_pairs(nodes: list[Node]) -> set[tuple[int, int]]:
    """Pairs of nodes whose labels share a concept, or where a label concept of one is in
    the text of the other; concepts too common to tell techniques apart propose none."""
    by_label: dict[str, list[int]] = defaultdict(list)
    by_text: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(nodes):
        for concept in node.label:
            by_label[concept].append(index)
        for concept in node.text - node.label:
            by_text[concept].append(index)
    pairs: set[tuple[int, int]] = set()
    for concept, members in by_label.items():
        others = members + by_text.get(concept, [])
        if len(others) > MAX_POSTING:
            continue
        for first in members:
            for second in others:
                if first != second:
                    pairs.add((min(first, second), max(first, second)))
    return pairs


class Groups:
    """Union-find over nodes. It refuses to join places an editor keeps apart, and two
    groups that mostly appear in the same chapters: techniques that chapters state side by
    side are different techniques ("Offer help and support" and "Offer mentoring or
    support", one after the other in one chapter)."""

    def __init__(self, nodes: list[Node], places: list[set[str]], separate: Iterable[frozenset[str]]) -> None:
        self.parent = list(range(len(nodes)))
        self.chapters = [set(node.chapters) for node in nodes]
        self.places = places
        self.separate = [set(pair) for pair in separate]
        self.reasons: dict[int, list[str]] = defaultdict(list)

    def root(self, index: int) -> int:
        while self.parent[index] != index:
            self.parent[index] = self.parent[self.parent[index]]
            index = self.parent[index]
        return index

    def merge(self, first: int, second: int, reason: str, *, forced: bool = False) -> bool:
        a, b = self.root(first), self.root(second)
        if a == b:
            return False
        shared = len(self.chapters[a] & self.chapters[b])
        if not forced and shared > SIDE_BY_SIDE * min(len(self.chapters[a]), len(self.chapters[b])):
            return False
        together = self.places[a] | self.places[b]
        if any(pair <= together for pair in self.separate):
            return False
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.chapters[a] |= self.chapters[b]
        self.places[a] = together
        self.reasons[a] += self.reasons.pop(b, []) + [reason]
        return True


def group(occurrences: list[Occurrence], rules: Rules | None = None) -> list[Entry]:
    """Index entries in the order of their first occurrence; same input, same output."""
    rules = rules or Rules()
    nodes = nodes_of(occurrences, rules.separate)
    counts: dict[str, int] = defaultdict(int)
    for occurrence in occurrences:
        for concept in label_concepts(occurrence.label) | text_concepts(occurrence.text):
            counts[concept] += 1
    rarity = {concept: math.log(1 + len(occurrences) / count) for concept, count in counts.items()}
    groups = Groups(nodes, [{occurrences[i].place for i in node.members} for node in nodes], rules.separate)
    for index, node in enumerate(nodes):
        if len(node.members) > 1:
            labels = " = ".join(repr(occurrences[i].label) for i in node.members)
            groups.reasons[index].append(f"same concepts ({', '.join(sorted(node.label))}): {labels}")
    node_of = {occurrences[i].place: n for n, node in enumerate(nodes) for i in node.members}
    for pinned in rules.merge:
        members = sorted(node_of[place] for place in pinned if place in node_of)
        for other in members[1:]:
            groups.merge(members[0], other, "pinned together by the editorial file", forced=True)
    scored = []
    for first, second in candidate_pairs(nodes):
        score, shared = similarity(nodes[first], nodes[second], rarity)
        if score >= THRESHOLD:
            scored.append((-score, first, second, shared))
    for negative_score, first, second, shared in sorted(scored):
        a, b = occurrences[nodes[first].members[0]], occurrences[nodes[second].members[0]]
        reason = f"{a.label!r} ~ {b.label!r}: score {-negative_score:.2f}, shared {', '.join(shared)}"
        groups.merge(first, second, reason)
    members: dict[int, list[int]] = defaultdict(list)
    for index, node in enumerate(nodes):
        members[groups.root(index)].extend(node.members)
    entries = []
    taken: set[str] = set()
    # Words capitalised in mid-sentence are names ("platforms like LinkedIn"): titles keep them.
    names = {word.lower() for o in occurrences for word in MID_SENTENCE_CAPITAL.findall(o.text)}
    for root in sorted(members, key=lambda root: min(members[root])):
        places = [occurrences[index] for index in sorted(members[root])]
        entry_id = unique(slugify(imperative(places[0].label), max_length=60) or "technique", taken)
        title = rules.titles.get(entry_id) or canonical_title(places, names)
        entries.append(Entry(entry_id, title, places, groups.reasons.get(root, [])))
    return entries


def unique(base: str, taken: set[str]) -> str:
    candidate, suffix = base, 2
    while candidate in taken:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(candidate)
    return candidate


# --- titles ---------------------------------------------------------------------------


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
