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
that label and text together always hold what the chapter says. The layout: ``wording``
makes text plain and cuts it into sentences and labels; ``advice`` reads one sentence (does
it instruct, where does its action start, what is its label); this module walks a chapter's
sections, lists, items and prose and says, from where a statement sits, which to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from . import wording
from .advice import (
    ADVICE_MODALS,
    GERUND_HELPS,
    LEADING_WORDS,
    NOT_ADVICE,
    PARTICLES,
    POSSIBILITY,
    SUBORDINATORS,
    YOU_MODALS,
    Found,
    advice_start,
    enumerations,
    gerund_subject,
    imperative_at,
    label_of_action,
    only_verb,
    sentence_techniques,
)
from .language import action_start, is_adverb, is_base_verb, is_gerund, slugify, verb_lemma, words_of
from .markdown import Block, Document
from .model import Technique
from .wording import (
    BOLD_LEAD_IN,
    QUOTES,
    bold_label,
    capitalise,
    clean,
    closed_class,
    first_sentence,
    inline_plain,
    is_label,
    is_question,
    label_and_text,
    last_sentence,
    leading_clause,
    mask_parentheses,
    split_sentences,
)

__all__ = ["Technique", "clear_caches", "extract", "label_and_text"]

# What a heading, a list's lead-in or a paragraph's opening says about the advice under it.
CLOSING = re.compile(
    r"\b(conclusions?|summary|wrapping up|wrap-up|final thoughts|recap|closing thoughts|in closing)\b", re.I
)
ADVICE_WORDS = re.compile(
    r"\b(techniques?|strateg(?:y|ies)|practices?|habits?|steps?|tips?|ways?|ideas? for|actions?|approach(?:es)?|"
    r"methods?|tactics?|guidelines?|recommendations?|suggestions?|how to|things (?:to|you can) do|consider|"
    r"make sure|be sure|ensure|highlights)\b",
    re.I,
)
# A lead-in that says what something does for someone: its list holds outcomes.
OUTCOME_LEAD = re.compile(
    r"\b(?:enables?|allows?|lets|achieves?|provides?|offers?|gives?|brings?)\b|^(?:by|through|in doing so)\b", re.I
)
# A lead-in whose modal leaves its verb to the items ("To get help, you should:").
ELLIPTIC_ADVICE = re.compile(r"\b(?:should|must|ought to|needs? to|have to)\s*:$", re.I)
EXAMPLE_LABEL = re.compile(r"^(?:types?|kinds?|examples?|ideas?|sorts?) of\b", re.I)
NUMBER = (
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
)
STEP_PREFIX = re.compile(rf"^(?:step|tip|technique|strategy|rule|habit)\s*{NUMBER}\s*[:.\-\u2013\u2014]\s*", re.I)
SUMMARY_OPENING = re.compile(
    r"^(in summary|in conclusion|to summari[sz]e|to sum up|in short|overall|ultimately)\b", re.I
)
CALLOUT = re.compile(r"^\*\*(?:tip|note|hint|important|advice|recommendation)s?:?\*\*", re.I)


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
    chapter = sections(document)
    introduction = next(
        (
            block
            for section in chapter
            if section.heading is None
            for block in section.blocks
            if block.kind == "paragraph"
        ),
        None,
    )
    for section in chapter:
        found.extend(techniques_of(section, introduction))
    return with_anchors(found)


KINDS_OF_ADVICE = re.compile(
    r"\b(techniques?|strateg(?:y|ies)|practices?|habits?|steps?|tips?|ways?|ideas?|approach(?:es)?|methods?|"
    r"tactics?|guidelines?|recommendations?|suggestions?|how to)\b",
    re.I,
)


INTRODUCTION = re.compile(r"^(?:overview|introduction)$", re.I)  # the heading of an introduction
# Headings that name a part of a lesson, however they are phrased ("Check for understanding").
SECTION_NAMES = re.compile(
    r"\b(understanding|further reading|resources|references|prerequisites?|objectives?|materials|projected time|"
    r"motivation|overview|introduction|conclusions?|summary)\b",
    re.I,
)


def heading_action(text: str) -> str | None:
    """The action a heading states ("Step 2: Look for mentors", "Don't take it personally"),
    or ``None`` for a topic ("Networking with intent", "Best practices for X", "Check for
    understanding"). A numbered step is an action, so its verb may also be a noun ("Step
    four: Reward contributions")."""
    cleaned = clean(text)
    text = STEP_PREFIX.sub("", cleaned).rstrip(":")
    words = words_of(text)
    # "Tips for networking", "Best practices" name advice; "Establish guidelines" gives it.
    names_advice = KINDS_OF_ADVICE.search(" ".join(words[:3])) is not None and not only_verb(words[0])
    if not words or is_question(text) or names_advice or SECTION_NAMES.search(text):
        return None
    position = imperative_at(words, strict=text == cleaned.rstrip(":"))
    return text[text.index(words[position]) :] if position is not None else None


def without_questions(paragraph: str) -> str:
    """A paragraph explaining a heading, without the questions it asks the reader."""
    return " ".join(sentence for sentence in split_sentences(paragraph) if not is_question(sentence))


def techniques_of(section: Section, introduction: Block | None = None) -> list[Found]:
    """The techniques of one section; ``introduction`` is the chapter's first paragraph
    before any heading."""
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
        text = without_questions(clean(paragraphs[0].text))
        return [(capitalise(action), text, "heading", heading.line, clean(heading.text))]
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
            if introduces_list and following is not None and names_its_list(block) and not lists_actions(following):
                introduces_list = False  # "Track these metrics:" over what to track: the lead-in is the action
            found = prose_techniques(block, introduces_list, enumerate_actions=not negative_heading)
            if negative_heading or block is introduction or INTRODUCTION.search(title):
                # In an introduction or among reasons, what an activity is worth ("Building a
                # network is essential", "Asking questions helps you learn") is motivation.
                found = [technique for technique in found if gerund_subject(f"{technique[0]} {technique[1]}") is None]
            result.extend(found)
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
        # The first paragraph that explains the heading, without the questions it asks the reader.
        explaining = (clean(block.text) for block in paragraphs if not only_questions(clean(block.text)))
        text = without_questions(next(explaining, ""))
    return [(capitalise(action), text, "heading", heading.line, clean(heading.text)), *result]


def only_questions(text: str) -> bool:
    return all(is_question(sentence) for sentence in split_sentences(text))


NOTE_LABEL = re.compile(r"^[A-Z][a-z]+:\s+")  # "Tip: ...", "Note: ..."
IMAGE_ONLY = re.compile(r"^\s*(?:!\[[^\]]*\]\([^)]*\)\s*)+$")  # an illustration: its alt text is no advice


def prose_techniques(block: Block, introduces_list: bool, enumerate_actions: bool = True) -> list[Found]:
    if IMAGE_ONLY.match(block.markdown):
        return []
    bold = BOLD_LEAD_IN.match(block.markdown)
    if not bold or not bold["rest"].strip() or not is_label(bold["label"], bold["rest"].strip()):
        return text_techniques(NOTE_LABEL.sub("", clean(block.text)), block.line, introduces_list, enumerate_actions)
    # "**Share contact details**: Swap ...": the label reads as a heading over its paragraph. An
    # action counts, with the sentence after it as its text (a second technique unless it
    # restates the label); so does each further instruction, as under a label over actions.
    label, rest = bold_label(bold)
    found = text_techniques(rest, block.line, introduces_list, enumerate_actions)
    action = heading_action(label)
    if action is None:
        return found
    verb = verb_lemma(words_of(action)[0])
    restates = bool(found) and verb is not None and verb_lemma(words_of(found[0][0])[0]) == verb
    text = first_sentence(rest)
    return [(capitalise(action), text, "prose", block.line, clean(block.text)), *found[restates:]]


def text_techniques(text: str, line: int, introduces_list: bool, enumerate_actions: bool) -> list[Found]:
    """The techniques in the sentences of a paragraph's plain text."""
    if SUMMARY_OPENING.match(text):
        return []
    result: list[Found] = []
    all_sentences = split_sentences(text)
    previous = ""
    for index, sentence in enumerate(all_sentences):
        lead_in = introduces_list and index == len(all_sentences) - 1
        if lead_in and (sentence.endswith(":") or not sentence.endswith((".", "!"))):
            continue  # the sentence that introduces a list
        for found in sentence_techniques(sentence, line, "prose"):
            label, rest, kind, _, phrase = found
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
                result.append((label, rest, "prose", line, sentence))
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
    if word == "them" and is_base_verb(following):
        return False  # people acted on, then an action of their own: "Help them feel welcome"
    if word == "so":
        return verb_lemma(words[0]) == "do"  # "Doing so helps"
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


# An item that is a name and an address: "GoBridge: https://github.com/gobridge", "<https://...>".
NAMED_ADDRESS = re.compile(r"(?:[^.!?\s][^.!?]{0,60}?\s+)?<?https?://\S+>?", re.I)


def is_link_only(item: Block) -> bool:
    """An item that only points somewhere: a link, or a name and a bare address."""
    paragraph = first_paragraph(item)
    if paragraph is None:
        return False
    source = paragraph.markdown.strip()
    if NAMED_ADDRESS.fullmatch(source):
        return True
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
        advice = ADVICE_WORDS.search(lead_in) or ELLIPTIC_ADVICE.search(lead_in)
        if introduces and (advice or (advice_start(lead_in) is not None and not weak)):
            return "positive"
        if introduces and OUTCOME_LEAD.search(lead_in):
            return "negative"  # "Good channels enable members to:", "By asking, you do several things:"
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


DEICTIC_OBJECT = re.compile(r"^\W*\w+(?:\s+\w+)?\s+(?:these|the following)\s+\w+", re.I)


def names_its_list(paragraph: Block) -> bool:
    """Whether a paragraph ends in an imperative whose object is the list after it ("Track
    these metrics:", "Review the following items:")."""
    sentence = last_sentence(clean(paragraph.text))
    return imperative_at(words_of(sentence)) == 0 and DEICTIC_OBJECT.match(sentence) is not None


def lists_actions(block: Block) -> bool:
    """Whether most items of a list open with an action (an imperative or a gerund)."""
    items = [item_text(item) for item in block.children if item.kind == "item"]
    actions = sum(1 for text in items if starts_with_action(text) or action_start(words_of(text)[:3]) is not None)
    return actions * 2 >= len(items)


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
    # The item introduces its nested list, as a paragraph would: its last sentence ("It is
    # important to have:"), else its label ("Types of content" over examples); under what
    # not to do or believe, the nested items explain it.
    introduces = paragraph is not None and context not in ("negative", "warning")
    lead_in = last_sentence(clean(paragraph.text)) if paragraph is not None and introduces else ""
    for nested in nested_lists(item):
        result.extend(list_techniques(nested, "", lead_in, negative))
    return result


def addresses_reader(advice: str) -> bool:
    """Whether advice is an imperative or is said to "you", not a principle about others."""
    return imperative_at(words_of(advice)) == 0 or YOU_MODALS.search(advice) is not None


def label_action(label: str, sentence_like: bool) -> int | None:
    """Where the action starts in a bold label ("Use introductions to set the tone."); a short
    label without a full stop is read strictly, as it is usually a noun phrase ("Headline",
    "Version Control System (VCS)": an abbreviation in parentheses adds no word)."""
    words = words_of(label)
    strict = not sentence_like and len(words_of(mask_parentheses(label))) <= 3
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
    if not parts:
        return []
    if is_question(parts[0]):  # "Do people email late? Until you know, send in the morning."
        return [found for sentence in parts[1:] for found in sentence_techniques(sentence, line, "item")]
    bold = BOLD_LEAD_IN.match(markdown)
    if bold and is_label(bold["label"], bold["rest"].strip()):
        label, rest = bold_label(bold)
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
                    found.extend(label_explained([sentence], line, text))
            return found
        # A name over actions gives the actions ("Consistency: Post weekly. Set aside time."); over
        # attributes, or over a sentence that restates it ("Active listening: Practise active
        # listening by ..."), it is the technique and the rest its details, and so is a label
        # that is a sentence ("Documentation is crucial.": a principle).
        if not bold["label"].strip().endswith((".", "!")):
            actions = label_explained(split_sentences(rest), line, text)
            if len(actions) > 1 and not restated(label, first_sentence(rest)):
                return actions
        return [(label, rest, "item", line, text)]
    result: list[Found] = []
    first, later = parts[0], parts[1:]
    start = advice_start(first)
    if start == 0 and strict and imperative_at(words_of(first), strict=True) is None:
        start = None
    if context == "warning" and start is not None and not addresses_reader(first[start:]):
        start = None  # "Feedback has to be about mistakes" under misconceptions: what not to believe
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


def restated(label: str, sentence: str) -> bool:
    """Whether a sentence names what a label names: it holds every word of the label."""
    words = {word.lower() for word in words_of(sentence)}
    return all(word.lower() in words for word in words_of(label))


def label_explained(sentences: list[str], line: int, text: str) -> list[Found]:
    """The techniques in sentences after an item's label; their text keeps the label the
    advice explains ("Demo or review: Review ...")."""
    return [
        (t[0], text, t[2], t[3], t[4]) for sentence in sentences for t in sentence_techniques(sentence, line, "item")
    ]


def clear_caches() -> None:
    """Forget every sentence seen (the lexicon's answers stay): for benchmarks that must not
    profit from chapters that repeat each other."""
    advice_start.cache_clear()
    wording.clear_caches()


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
