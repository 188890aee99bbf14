"""Group occurrences of the same technique across chapters into index entries.

Each occurrence is read as a frame (``handbook.frames``: the action's verb and manner, the
object's head noun and modifiers, whom or whose). Two frames are the same technique when
their verbs are synonyms, their object heads are synonyms and their modifiers are the same,
synonyms by WordNet's first senses (``handbook.lexicon``), verbs also by the vocabulary's
``verb_classes`` ("offer" and "provide" feedback are one action); only the same verb meets a
bare one across a "whom", and "your mentor's time" is "people's time" but not "your
manager's time" nor, quite, "the time"; an adjective of the object is the other's adverb of
the action ("Give constructive feedback" / "Give feedback constructively"). Relations
broader than synonymy (hypernyms, sister verbs) are left out on purpose: they join "a
checklist" to "a list" and "build" to "create", which a reader keeps apart.

Grouping cannot chain: an occurrence joins an entry only if it is the same technique as
*every* occurrence already in it (complete linkage), so A~B and B~C never put A with C
unless A~C. Candidates come from blocks keyed by (verb synonym, head synonym), so the work
grows with the number of occurrences, not its square. Seeking and offering never merge.

Two techniques of one chapter are one only when the chapter really repeats itself, the same
action on the same object under another condition ("contact your org admin" four times):
the strictest test there is (``repeats``), where across chapters ``similarity`` decides. An
editor's ``separate`` rules win over both; an editor's ``merge`` rules join anything.

Pairs close but not the same (same action on the same head with other modifiers, one with
no object) are *near misses*: ``see also`` links, and a ready ``merge`` rule for an editor.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from . import lexicon
from .frames import ANYONE, REFERENCE, Frame, Phrase, frame_of, modifier_only, reading, statement
from .language import action_start, is_gerund, lemmas_of, slugify, verb_lemma, words_of
from .model import Entry, NearMiss, Occurrence, Rules
from .vocabulary import vocabulary

if TYPE_CHECKING:
    from .ids import Records

__all__ = [
    "Entry", "Index", "NearMiss", "Occurrence", "Rules", "build_index", "explain", "frame_of", "group", "reading",
    "statement",
]  # fmt: skip

NEAR = 0.5  # pairs scoring at least this, and not merged, are near misses


# --- similarity -------------------------------------------------------------------------------


@lru_cache(maxsize=262144)
def same_verb(a: str, b: str) -> bool:
    classes = vocabulary().verb_classes
    return lexicon.synonyms(a, b, "verb") or (a in classes and classes.get(a) == classes.get(b))


def verb_keys(verb: str) -> frozenset[str]:
    """Keys under which a verb meets its synonyms: its first sense's words, and its class."""
    found = vocabulary().verb_classes.get(verb)
    return lexicon.keys(verb, "verb") | ({f"class:{found}"} if found else frozenset())


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
    if (a.head is None) != (b.head is None) or REFERENCE in (a.head, b.head):
        return 0.5  # "Follow up" / "Follow up with new contacts"; "Assign them" / "Assign tasks"
    if a.modifiers & b.manner or b.modifiers & a.manner:
        # "Give constructive feedback" / "Give feedback constructively": one says as an adjective
        # of the object how the other says it is done
        a, b = (
            replace(a, manner=a.manner | (a.modifiers & b.manner), modifiers=a.modifiers - b.manner),
            replace(b, manner=b.manner | (b.modifiers & a.manner), modifiers=b.modifiers - a.manner),
        )
    same_manner = not a.manner or not b.manner or matched(a.manner, b.manner) == 1.0
    if a.head is None:
        if a.who and b.who and not same_word(a.who, b.who):
            return 0.25  # "Talk to your manager" / "Talk to your mentor"
        if (a.who is None) != (b.who is None) and a.verb != b.verb:
            return 0.5  # "Talk with your mentor" / "Speak clearly": too little in common
        return 1.0 if same_manner else 0.75
    best, cap = 0.0, 1.0
    if a.who != b.who and ANYONE not in (a.who, b.who):
        # Whose the object is: "your mentor's time" is a case of "people's time", narrower
        # than "the time", and not "your manager's time".
        if a.who is None or b.who is None:
            cap = 0.75
        elif not same_word(a.who, b.who):
            return 0.25
    for head, modifiers in a.objects:  # the closest pair: "Attend events and conferences" / "Attend conferences"
        for other_head, other_modifiers in b.objects:
            if not same_word(head, other_head):
                continue
            if matched(modifiers, other_modifiers) == 1.0:
                best = max(best, 1.0 if same_manner else 0.75)
            elif covers(modifiers, other_modifiers) or covers(other_modifiers, modifiers):
                best = max(best, 0.75)
            else:
                best = max(best, 0.25)
    return min(best, cap)


def repeats(a: Frame, b: Frame) -> bool:
    """Whether two techniques of one chapter are the chapter repeating itself, by the
    strictest test: the same technique on a stated object in the same manner, one label
    saying all the other says (its words, but for a condition after the action) and adding
    at most an object or a context: "Contact your org admin" / "Contact the org admin or a
    mentor (if there is one)", "Thank the person" / "Thank the person for their time". Not
    "Offer advice or support" / "Offer feedback or support", nor an added manner or time
    said by an adjective or adverb ("Submit a proposal early" / "Submit several proposals"),
    nor two labels with no object ("Sign up" twice may sign up for two things)."""
    if a.head is None or b.head is None or similarity(a, b) < 1.0 or matched(a.manner, b.manner) < 1.0:
        return False
    short, long = sorted((a.words, b.words), key=len)
    added = long - short - vocabulary().context_starts
    return short <= long and not any(modifier_only(word) for word in added)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    """One word standing for ``word`` and its first-sense synonyms (the first alphabetically)."""
    return min(lexicon.keys(word, "noun") | lexicon.keys(word, "adj"))


def block_keys(frame: Frame) -> list[tuple[str, ...]]:
    """Keys under which a frame meets the frames it may be the same technique as: a synonym
    of its verb, of an object's head, and that object's modifiers."""
    if frame.verb is None:
        return [("-", *sorted(frame.words))]  # no action: only the same words meet
    verbs = sorted(verb_keys(frame.verb))
    described = {frozenset(), frame.manner} if frame.manner else {frozenset()}  # "feedback constructively"
    objects = sorted(
        {
            (head_key, *sorted({word_key(word) for word in modifiers | manner}))
            for head, modifiers in frame.objects
            for head_key in lexicon.keys(head, "noun") | lexicon.keys(head, "adj")
            for manner in described
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
    places: set[str]
    reasons: list[str] = field(default_factory=list)


@dataclass
class Index:
    """The index: entries in the order of their first occurrence, and the near misses."""

    entries: list[Entry]
    near_misses: list[NearMiss]
    records: Records | None = None  # the updated id records, when built with recorded ids


# A phrase after the object is part of it where the handbook nearly always says one there,
# naming different things after one preposition: "Restrict access to your contact log",
# "... to the meeting notes", "Grant access on the shared drive". Elsewhere it is context
# ("Audit a contact log before a review", "... each month", "Audit the contact log").
# Learnt from at least this many occurrences.
COMPLEMENT_SUPPORT = 5
COMPLEMENT_SHARE = 0.9


def with_complements(frames: list[Frame]) -> list[Frame]:
    """``frames``, each whose action and object the handbook nearly always states with a
    phrase after it (``COMPLEMENT_SUPPORT``, ``COMPLEMENT_SHARE``, whatever its preposition)
    read with that phrase as its object, the object's own words among its modifiers:
    "Restrict [access] to [contact log]" restricts access to a contact log, not to meeting
    notes. A preposition only ever followed by the same phrase is learnt nothing from; where
    the handbook nearly always says that same phrase, it is a fixed part of the action and the
    phrase after it is learnt the same way: "Include a call to action in [reminder emails]"."""
    read = _learnt(frames, lambda frame: (frame.verb, frame.head), lambda frame: frame.complement, _object_words)
    return _learnt(
        read,
        lambda frame: (frame.verb, frame.head, frame.complement),
        lambda frame: frame.then,
        lambda frame: _object_words(frame) | _phrase_words(frame.complement),
    )


def _object_words(frame: Frame) -> frozenset[str]:
    return frame.modifiers | {frame.head} if frame.head else frame.modifiers


def _phrase_words(phrase: Phrase | None) -> frozenset[str]:
    return phrase[2] | {phrase[1]} if phrase else frozenset()


def _learnt(
    frames: list[Frame],
    key_of: Callable[[Frame], tuple[object, ...]],
    phrase_of: Callable[[Frame], Phrase | None],
    said_of: Callable[[Frame], frozenset[str]],
) -> list[Frame]:
    """``frames`` with the phrase ``phrase_of`` gives read as the object, where frames of one
    key (``key_of``) nearly always have one, different phrases after one preposition; what
    the frame said before the phrase (``said_of``) goes to the new object's modifiers."""
    stated: dict[tuple[object, ...], int] = defaultdict(int)
    followed: dict[tuple[object, ...], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    phrases: dict[tuple[object, ...], set[tuple[str, frozenset[str]]]] = defaultdict(set)
    for frame in frames:
        if frame.verb and frame.head:
            stated[key_of(frame)] += 1
            if phrase := phrase_of(frame):
                followed[key_of(frame)][phrase[0]] += 1
                phrases[(*key_of(frame), phrase[0])].add(phrase[1:])
    learnt = {
        key: {preposition for preposition in counts if len(phrases[(*key, preposition)]) > 1}
        for key, counts in followed.items()
        if stated[key] >= COMPLEMENT_SUPPORT and sum(counts.values()) >= COMPLEMENT_SHARE * stated[key]
    }
    if not any(learnt.values()):
        return frames
    result = []
    for frame in frames:
        phrase = phrase_of(frame)
        if frame.verb and frame.head and phrase and phrase[0] in learnt.get(key_of(frame), ()):
            modifiers = phrase[2] | said_of(frame) - {phrase[1]}
            frame = replace(frame, head=phrase[1], modifiers=modifiers, complement=None, then=None)
        result.append(frame)
    return result


def _nodes(occurrences: list[Occurrence], apart: set[str]) -> tuple[list[list[int]], list[Frame]]:
    """Occurrences with the same frame, one per chapter each unless the chapter repeats
    itself (``repeats``): one technique at once. An occurrence an editor keeps apart from
    another (``apart``) stands alone."""
    nodes: list[list[int]] = []
    frames: list[Frame] = []
    open_nodes: dict[Frame, list[int]] = {}  # frame -> node indices
    read = with_complements([reading(occurrence) for occurrence in occurrences])
    for index, occurrence in enumerate(occurrences):
        frame = read[index]
        for node in [] if occurrence.place in apart else open_nodes.get(frame, []):
            if all(occurrences[i].chapter != occurrence.chapter for i in nodes[node]) or repeats(frame, frame):
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
        """Put ``node`` in cluster ``index``, with its places."""
        clusters[index].nodes.append(node)
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
            clusters.append(Cluster([], set(), reasons=["pinned together by the editorial file"]))
        target = clusters[index]
        for other in joined[1:]:  # two earlier rules joined by this one
            for node in clusters[other].nodes:
                cluster_of[node] = index
            target.nodes += clusters[other].nodes
            target.places |= clusters[other].places
            clusters[other] = Cluster([], set())
        for node in members:
            if cluster_of.get(node) != index:
                join(index, node)

    def same_technique(node: int, member: int) -> bool:
        """Across chapters, the same technique; within one, the chapter repeating itself."""
        if not chapters[node].isdisjoint(chapters[member]):
            return repeats(frames[node], frames[member])
        return similarity(frames[node], frames[member]) >= 1.0

    keys = [block_keys(frame) for frame in frames]
    blocks: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for node, node_keys in enumerate(keys):
        for key in node_keys:
            blocks[key].append(node)
    order = sorted(range(len(nodes)), key=lambda n: (-len(nodes[n]), nodes[n][0]))
    for node in order:
        if node in cluster_of:
            continue
        neighbours = sorted({other for key in keys[node] for other in blocks[key] if other != node})
        best: int | None = None
        for candidate in sorted({cluster_of[other] for other in neighbours if other in cluster_of}):
            group = clusters[candidate]
            if any(pair <= group.places | places[node] for pair in separate):
                continue
            bigger = best is None or len(clusters[best].nodes) < len(group.nodes)
            if bigger and all(same_technique(node, member) for member in group.nodes):
                best = candidate
        if best is None:
            cluster_of[node] = len(clusters)
            clusters.append(Cluster([node], set(places[node])))
        else:
            group = clusters[best]
            centre, joining = occurrences[nodes[group.nodes[0]][0]], occurrences[nodes[node][0]]
            again = any(not chapters[node].isdisjoint(chapters[member]) for member in group.nodes)
            how = "its chapter says it again" if again else "same action and object"
            group.reasons.append(f"{joining.label!r} = {centre.label!r}: {how} ({frames[node].describe()})")
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
        Entry(id="", title="", occurrences=[occurrences[i] for i in clusters[c].nodes], reasons=clusters[c].reasons)
        for c in order
    ]
    records = id_records.assign(drafts, ids, lambda entry: canonical_title(entry.occurrences, names))
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
