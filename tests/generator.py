"""Generated handbooks with known answers, for scale tests of the technique index.

``generate(count, seed)`` makes ``count`` chapters in the normal form (front matter with a
title and a description, ``##`` sections, ``-`` lists of techniques) and, beside each
technique, its true identity. Techniques are an action on an object ("Audit a contact log"),
thousands of distinct ones sharing verbs, object heads, modifiers and context words ("before
a review", "with a mentor"), each stated in several wordings: a synonym verb ("Inspect"),
a gerund ("Auditing the contact log"), a wrapper ("Make a habit to audit ..."), and for the
manner techniques ("Listen actively") an adjective form ("Active listening").

The synonyms are everyday English pairs, chosen as a writer would use them, not from the
index's lexicon. Run ``python tests/generator.py 20 out/`` to see chapters and answers.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

# verb -> its rewordings (the first is the base form; the others mean the same)
VERBS: dict[str, tuple[str, ...]] = {
    "audit": ("audit",),
    "use": ("use", "utilize"),
    "attend": ("attend", "go to"),
    "start": ("start", "begin"),
    "build": ("build", "construct"),
    "write": ("write", "compose"),
    "create": ("create", "make"),
    "help": ("help", "assist"),
    "plan": ("plan",),
    "review": ("review",),
    "update": ("update",),
    "share": ("share",),
    "schedule": ("schedule",),
    "prepare": ("prepare",),
    "track": ("track",),
    "organize": ("organize",),
    "sketch": ("sketch",),
    "host": ("host",),
    "publish": ("publish",),
    "record": ("record",),
    "summarize": ("summarize",),
    "request": ("request",),
    "offer": ("offer",),
    "send": ("send",),
    "archive": ("archive",),
    "draft": ("draft",),
    "test": ("test",),
    "translate": ("translate",),
    "simplify": ("simplify",),
    "measure": ("measure",),
}
HEADS = (
    "log", "newsletter", "plan", "portfolio piece", "report", "checklist", "calendar", "profile",
    "budget", "agenda", "survey", "summary", "guide", "list", "template", "proposal", "timeline",
    "presentation", "workshop", "handbook", "dashboard", "directory", "playbook", "roadmap",
)  # fmt: skip
MODIFIERS = (
    "contact", "change", "team", "project", "weekly", "client", "onboarding", "mentoring",
    "meeting", "reading", "training", "event", "feedback", "career", "skills", "outreach",
)  # fmt: skip
CONTEXTS = (
    "before a review", "with a mentor", "each month", "across departments", "online", "after each meeting",
    "for new colleagues", "at the start of the year", "with your team", "every quarter", "during onboarding",
    "when priorities change", "in a shared folder", "before a conference",
)  # fmt: skip
# Manner techniques: verb, adverb, adjective ("Listen actively" / "Active listening").
MANNER = (
    ("listen", "actively", "active"), ("speak", "clearly", "clear"), ("respond", "promptly", "prompt"),
    ("network", "strategically", "strategic"), ("read", "critically", "critical"),
    ("learn", "continuously", "continuous"),
    ("negotiate", "fairly", "fair"), ("communicate", "openly", "open"), ("collaborate", "remotely", "remote"),
    ("volunteer", "regularly", "regular"), ("delegate", "effectively", "effective"), ("plan", "carefully", "careful"),
)  # fmt: skip
WRAPPERS = ("Make a habit to", "Try to", "Remember to", "Be sure to")
DETERMINERS = ("a", "the", "your")


@dataclass(frozen=True)
class Item:
    """A technique as a chapter states it, and the technique it is."""

    text: str
    truth: str  # the technique's identity, e.g. "audit|contact log"


def gerund(verb: str) -> str:
    first, _, rest = verb.partition(" ")
    if first.endswith("e") and not first.endswith(("ee", "ye")):
        first = first[:-1]
    elif first in {"plan", "begin"}:
        first += first[-1]
    return first + "ing" + (f" {rest}" if rest else "")


def techniques(rng: random.Random) -> list[tuple[str, str, str]]:
    """Every (verb, modifier or "", head) technique of the generated handbook."""
    found = [(verb, modifier, head) for verb in VERBS for head in HEADS for modifier in ("", *MODIFIERS)]
    rng.shuffle(found)
    return found


def wording(rng: random.Random, verb: str, modifier: str, head: str) -> str:
    verbs = VERBS[verb]
    chosen = rng.choice(verbs)
    obj = " ".join(part for part in (rng.choice(DETERMINERS), modifier, head) if part)
    context = f" {rng.choice(CONTEXTS)}" if rng.random() < 0.6 else ""
    form = rng.random()
    if form < 0.45:
        text = f"{chosen} {obj}{context}"
    elif form < 0.8:
        text = f"{gerund(chosen)} {obj}{context}"
    else:
        text = f"{rng.choice(WRAPPERS)} {chosen} {obj}{context}"
    return text[:1].upper() + text[1:]


def manner_wording(rng: random.Random, verb: str, adverb: str, adjective: str) -> str:
    form = rng.random()
    if form < 0.35:
        return f"{verb.capitalize()} {adverb}"
    if form < 0.7:
        return f"{adjective.capitalize()} {gerund(verb)}"
    return f"{rng.choice(WRAPPERS)} {verb} {adverb}"


def generate(count: int, seed: int = 11, per_chapter: int = 12) -> list[tuple[str, list[Item]]]:
    """``count`` chapters: (Markdown text, its techniques in order with their identities).

    Techniques are drawn with a long tail: a few appear in many chapters, most in a few."""
    rng = random.Random(seed)
    pool = techniques(rng)
    chapters = []
    for number in range(1, count + 1):
        items: list[Item] = []
        seen: set[str] = set()
        while len(items) < per_chapter:
            if rng.random() < 0.08:
                verb, adverb, adjective = rng.choice(MANNER)
                truth, text = f"{verb}|{adverb}", manner_wording(rng, verb, adverb, adjective)
            else:
                popular = rng.random() < 0.4  # a long tail: some in many chapters, most in a few
                rank = int(3 * rng.paretovariate(1.0)) - 3 if popular else rng.randrange(len(pool))
                verb, modifier, head = pool[min(rank, len(pool) - 1)]
                truth, text = f"{verb}|{modifier} {head}".replace("| ", "|"), wording(rng, verb, modifier, head)
            if truth not in seen:
                seen.add(truth)
                items.append(Item(text, truth))
        chapters.append((markdown(number, items), items))
    return chapters


def markdown(number: int, items: list[Item]) -> str:
    lines = [
        "---",
        f"title: Generated chapter {number}",
        f"description: A generated chapter, number {number}, with known techniques.",
        "---",
        "",
        f"This generated chapter, number {number}, gathers techniques for working with people.",
    ]
    for section in range(3):
        lines += ["", f"## Techniques for part {section + 1}", "", "Here are some techniques to try:", ""]
        lines += [f"- {item.text}" for item in items[section * 4 : section * 4 + 4]]
    lines += [f"- {item.text}" for item in items[12:]]
    return "\n".join(lines) + "\n"


def write(folder: Path, count: int, seed: int = 11) -> dict[str, str]:
    """Write the chapters as ``NNNN-generated-chapter-N.md`` and ``answers.json`` (item text
    by chapter file -> identity); return the answers by ``file#position``."""
    folder.mkdir(parents=True, exist_ok=True)
    answers: dict[str, str] = {}
    for number, (text, items) in enumerate(generate(count, seed), start=1):
        name = f"{number:04d}-generated-chapter-{number}.md"
        (folder / name).write_text(text, encoding="utf-8")
        for position, item in enumerate(items):
            answers[f"{name}#{position}"] = item.truth
    (folder / "answers.json").write_text(json.dumps(answers, indent=1) + "\n", encoding="utf-8")
    return answers


if __name__ == "__main__":
    write(Path(sys.argv[2]), int(sys.argv[1]))
