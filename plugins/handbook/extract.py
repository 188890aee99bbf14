"""Find the techniques (actionable pieces of advice) in a normal-form chapter body.

Three forms are recognised, in this order of preference within a section:

1. items of a list that presents techniques (judged from the heading and the sentence
   that introduces the list, else from whether the items start with a verb);
2. the section's heading, when it is phrased as an action and the section has no
   technique list;
3. enumerations of actions in the section's prose ("This means attending events,
   joining associations, and ..."), when it has neither.

Introductions (text before the first heading), summaries, conclusions and sections about
benefits, reasons or warnings never yield techniques. Verbs are recognised with
lemminflect's English lexicon, so the rules hold for wording no chapter has used yet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from .language import action_start, is_base_verb, sentences, slugify, words_of
from .normalise import plain

Kind = Literal["item", "heading", "prose"]


@dataclass(frozen=True)
class Technique:
    """One technique where a chapter states it.

    ``line`` is the 0-based line of the body that holds it; for prose, ``phrase`` is the
    exact Markdown text on that line that states it.
    """

    anchor: str
    label: str
    text: str
    kind: Kind
    line: int
    phrase: str = ""

    @property
    def summary(self) -> str:
        """The text's first sentence: what a one-line checklist entry shows."""
        return sentences(self.text)[0] if self.text else ""


# --- the normal-form body as sections -------------------------------------------------

HEADING = re.compile(r"^(#{2,6}) (.*)$")
ITEM = re.compile(r"^( *)(?:-|\d+\.) (.*)$")


@dataclass
class Line:
    number: int
    markdown: str  # the block's own text, without its marker

    @cached_property
    def text(self) -> str:
        return plain(self.markdown)


@dataclass
class ListItem(Line):
    nested: list[Line] = field(default_factory=list)


@dataclass
class Section:
    heading: Line | None
    level: int
    # Paragraphs and lists in order; a list is a list of items.
    blocks: list[Line | list[ListItem]] = field(default_factory=list)


def sections(body: str) -> list[Section]:
    """The body cut at every heading; the first section (heading ``None``) is the introduction."""
    result = [Section(None, 1)]
    previous_was_item = False
    for number, line in enumerate(body.split("\n")):
        current = result[-1]
        if match := HEADING.match(line):
            result.append(Section(Line(number, match[2]), len(match[1])))
            previous_was_item = False
        elif match := ITEM.match(line):
            if match[1]:  # indented: part of the item above
                items = current.blocks[-1] if current.blocks and isinstance(current.blocks[-1], list) else None
                if items:
                    items[-1].nested.append(Line(number, match[2]))
                    continue
            if not previous_was_item:
                current.blocks.append([])
            current.blocks[-1].append(ListItem(number, match[2]))  # type: ignore[union-attr]
            previous_was_item = True
        elif line.strip() and line.strip() != "---":
            current.blocks.append(Line(number, line))
            previous_was_item = False
        elif line.strip():
            previous_was_item = False
    return result


# --- judging sections and lists -------------------------------------------------------

NOT_ADVICE = re.compile(
    r"\b(why|benefits?|advantages?|importance|important|reasons?|outcomes?|rewards?|payoffs?|"
    r"mistakes?|pitfalls?|warnings?|dangers?|risks?|red flags|what to avoid|conclusions?|summary|"
    r"introduction|overview|recap|takeaways?|final thoughts|wrapping up|further reading|references)\b",
    re.I,
)
OUTCOME_WORDS = re.compile(
    r"\b(benefits?|advantages?|reasons?|outcomes?|results?|rewards?|payoffs?|why|avoid|mistakes?|"
    r"pitfalls?|warning|dangers?|red flags|don'?t|never)\b",
    re.I,
)
ADVICE_WORDS = re.compile(
    r"\b(techniques?|strateg(?:y|ies)|practices?|habits?|steps?|tips?|ways?|ideas?|actions?|approach(?:es)?|"
    r"methods?|tactics?|guidelines?|recommendations?|suggestions?|how to|things (?:to|you can) do|consider)\b",
    re.I,
)
STEP_PREFIX = re.compile(r"^(?:step|tip|technique|strategy|rule|habit)\s*\d+\s*[:.\-\u2013\u2014]\s*", re.I)
SUMMARY_OPENING = re.compile(
    r"^(in summary|in conclusion|to summari[sz]e|to sum up|in short|overall|ultimately)\b", re.I
)


def is_action_heading(text: str) -> Literal["imperative", "gerund", ""]:
    """ "imperative" for "Define Your Goals" or "Step 2: Look for Mentors", "gerund" for
    "Attending Events"; "" for "Best Practices for X", which names a kind of advice
    rather than giving one, and for anything else."""
    words = words_of(STEP_PREFIX.sub("", text))
    start = action_start(words)
    if start is None or ADVICE_WORDS.search(" ".join(words[:3])):
        return ""
    return "imperative" if is_base_verb(words[start]) else "gerund"


def excluded(heading: Line | None) -> bool:
    """Sections about why, benefits, warnings, and introductions and conclusions."""
    if heading is None or not NOT_ADVICE.search(heading.text):
        return False
    # "Avoid Burning Bridges" is still advice; "Recognizing the Importance of ..." is not.
    return is_action_heading(heading.text) != "imperative"


def presents_techniques(heading: Line | None, lead_in: str, items: list[ListItem]) -> bool:
    """Whether a list is advice to act on, judged as a reader would: by the sentence that
    introduces it, then its heading, then the whole introducing paragraph, then its items."""
    last_sentence = sentences(lead_in)[-1] if lead_in else ""
    for context in (last_sentence, heading.text if heading else "", lead_in):
        if OUTCOME_WORDS.search(context):
            return False
        if ADVICE_WORDS.search(context):
            return True
    actions = sum(1 for item in items if action_start(words_of(label_and_text(item.markdown)[0])) == 0)
    return actions * 2 > len(items)


# --- labels -------------------------------------------------------------------------

BOLD_LEAD_IN = re.compile(r"^\*\*(?P<label>.+?)\*\*\s*(?P<rest>.*)$")
CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|\s[-\u2013\u2014]\s|\.\s)\s*")
SUBORDINATE = re.compile(r"\s(?:when|whenever|if|so that|because|while|such as|especially|rather than)\s", re.I)
PURPOSE = re.compile(r"\s(?:in order )?to\s+([A-Za-z]+)")
PREPOSITIONS = frozenset(
    [
        "from",
        "through",
        "with",
        "by",
        "on",
        "at",
        "in",
        "into",
        "for",
        "within",
        "via",
        "about",
        "after",
        "before",
        "during",
        "across",
    ]
)
SHORT_LABEL = 6


def label_and_text(markdown: str) -> tuple[str, str]:
    """An item's label and the rest of its text, as plain text.

    The label is the bold lead-in (``**Label:** text``, ``**Label.** text``,
    ``**Label** - text``) when there is one, else the leading clause.
    """
    if match := BOLD_LEAD_IN.match(markdown):
        label = plain(match["label"]).rstrip(":.").strip()
        rest = re.sub(r"^[:.\-\u2013\u2014]\s*", "", plain(match["rest"]))
        if label:
            return label, rest
    return leading_clause(plain(markdown))


def leading_clause(text: str) -> tuple[str, str]:
    """Split plain text into its leading clause and the rest, at the first of: a comma or
    other clause break, a subordinate clause ("when needed"), a purpose ("to meet ..."),
    or, for long text, a preposition after the third word."""
    cuts = [match.start() for match in CLAUSE_BREAK.finditer(text)]
    cuts += [match.start() for match in SUBORDINATE.finditer(text)]
    cuts += [match.start() for match in PURPOSE.finditer(text) if is_base_verb(match[1])]
    words = text.split(" ")
    if len(words) > SHORT_LABEL:
        position = 0
        for index, word in enumerate(words):
            if index >= 3 and word.lower() in PREPOSITIONS:
                cuts.append(position - 1)
                break
            position += len(word) + 1
    cuts = [cut for cut in cuts if len(text[:cut].split()) >= 2]
    if not cuts:
        return capitalise(text.rstrip(".")), ""
    cut = min(cuts)
    label = text[:cut].strip()
    rest = text[cut:].strip().lstrip(",;:-\u2013\u2014").strip()
    return capitalise(label), rest


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- prose enumerations --------------------------------------------------------------

# Words after which an enumeration of actions starts within a clause.
LEAD_WORDS = frozenset(
    [
        "means",
        "mean",
        "meaning",
        "involves",
        "involve",
        "involving",
        "include",
        "includes",
        "including",
        "requires",
        "require",
        "like",
        "by",
        "through",
    ]
)
OUTCOME_MODALS = frozenset(["can", "could", "will", "would", "may", "might"])
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
        may_start = not any(word.lower() in OUTCOME_MODALS for word in words)
    if len(run) >= 3:
        yield from run


def is_action_phrase(part: str) -> bool:
    words = words_of(part)
    return bool(words) and part.startswith(words[0]) and action_start(words[:4]) is not None


def lead_in_action(words: list[str]) -> int | None:
    """Where an action starts after lead-in words ("means", "involves", "including", a
    colon) in ``words``, or ``None``."""
    for index, word in enumerate(words[:-1]):
        is_lead_in = word.lower().strip(":") in LEAD_WORDS or word.endswith(":")
        if is_lead_in and is_action_phrase(" ".join(words[index + 1 :])):
            return index + 1
    return None


# --- extraction ------------------------------------------------------------------------


def extract(body: str) -> list[Technique]:
    """Every technique in a normal-form chapter body, in reading order, with anchors unique
    within the chapter and derived from the label alone (so unrelated edits keep them)."""
    found: list[tuple[str, str, Kind, int, str]] = []
    skip_below: int | None = None
    for section in sections(body):
        if skip_below is not None and section.level > skip_below:
            continue
        skip_below = None
        if excluded(section.heading):
            skip_below = section.level
            continue
        found.extend(techniques_of(section))
    return with_anchors(found)


def techniques_of(section: Section) -> list[tuple[str, str, Kind, int, str]]:
    result: list[tuple[str, str, Kind, int, str]] = []
    lead_in = ""
    for block in section.blocks:
        if isinstance(block, list):
            if presents_techniques(section.heading, lead_in, block):
                for item in block:
                    label, text = label_and_text(item.markdown)
                    extra = " ".join(line.text for line in item.nested)
                    result.append((label, f"{text} {extra}".strip(), "item", item.number, ""))
            lead_in = ""
        else:
            lead_in = block.text
    if result or section.heading is None:
        return result
    paragraphs = [block for block in section.blocks if isinstance(block, Line)]
    heading = section.heading
    as_technique = [
        (STEP_PREFIX.sub("", heading.text), paragraphs[0].text if paragraphs else "", "heading", heading.number, "")
    ]
    if is_action_heading(heading.text) == "imperative":
        return as_technique
    for paragraph in paragraphs:
        if SUMMARY_OPENING.match(paragraph.text):
            continue
        for sentence in sentences(paragraph.text):
            for phrase in enumerations(sentence):
                label, text = leading_clause(phrase)
                result.append((label, text, "prose", paragraph.number, phrase))
    # A gerund heading ("Attending Events") usually names a topic; it stands for a
    # technique only when its section states none.
    has_list = any(isinstance(block, list) for block in section.blocks)
    return result or (as_technique if is_action_heading(heading.text) and not has_list else [])


def with_anchors(found: list[tuple[str, str, Kind, int, str]]) -> list[Technique]:
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
