"""A third generated handbook with known answers, also written apart from the index.

Its author, a second helper of the December 2026 session, read only GUIDELINES.md and the
real chapters, not the index, tests/generator.py or tests/generator_independent.py: the
issue's description ("Audit a contact log before a review") in their own words.
``python scripts/benchmark.py --index --generator tests/generator_independent_2.py`` prints
the index's figures on it; test_dedup holds them. What follows is its author's design.

Design decisions
----------------
* Identity.  A technique is ACTION + OBJECT.  truth = "verb|modifier head", e.g. "audit|contact log".
  Manner techniques have truth "verb|manner", e.g. "listen|actively", "give feedback|constructively".
* Objects are always modifier + head ("contact log", "release checklist"); a different head OR a
  different modifier is a different object, so "audit|contact log", "audit|change log" and
  "audit|contact directory" are three techniques.  Heads are either prose Documents (D) or Records (R);
  each verb only takes the classes it makes sense on (nobody proofreads a spreadsheet).
* Context (when / where / with whom / how often / for whom) never changes identity: it is added,
  dropped, or moved in front with a comma ("Each month, try to audit your contact log").
* Rewordings that keep identity: determiner and number (a / the / your / our / bare plural / all your),
  verb synonyms (below), wrappers (below), gerund label ("Auditing the contact log"), optional final
  period, context placement.
* Verb synonym sets (only where a careful editor would tick one and consider the other done, on
  these objects): audit = do an audit of = run an audit of;  review = look over = do a review of;
  draft = prepare a draft of = write a first draft of;  share = circulate = pass around;
  archive = file away;  summarize = sum up = write a summary of;  update = bring X up to date;
  proofread = check X for typos;  fact-check = verify the facts in;  organize = put X in order;
  back up = make a backup of;  print = print out;  discuss = talk through = talk over;
  shorten = trim = cut down;  simplify = make X simpler;  annotate = mark up;  tag = label;
  approve = sign off on;  digitize = make a digital copy of;  pilot = run a pilot of;
  retire = phase out;  personalize = tailor;  request feedback on = ask for / get feedback on.
  Deliberately NOT merged and kept apart as distinct verbs: audit vs review, proofread vs
  fact-check, summarize vs shorten vs simplify, back up vs export vs archive.  Verbs too close to
  another (revise/update, read/review, publish/share, clean up/organize, copy/back up) are left out.
* Wrappers (identity-neutral): Make a habit to / Make it a habit to / Try to / Remember to /
  Be sure to / Don't forget to / You should / It helps to / Make sure you + base;  It's worth /
  Get in the habit of / Consider / Make a point of + gerund.
* Manner techniques: adverb imperative ("Listen actively"), paraphrase ("Be an active listener"),
  adjective + gerund label ("Active listening"), wrapped nouns ("Practice active listening",
  "Commit to punctuality"; a non-gerund noun never stands bare, it would read as a topic).
* Popularity: weight 0.3/(rank+2) + 0.01/(1+rank/800)^1.5 over a shuffled universe of 7,000
  verb-object techniques (a steep head plus a long flat tail); manner techniques sit near the
  head.  No truth appears twice in one chapter.  Only random.Random(seed) is used.
* answers.json keys are "chapter-NNNN.md#K" with K the 1-based position of the list item.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    text: str
    truth: str


VERBS = [  # (truth verb, object classes, surface templates; {o} = object noun phrase)
    ("audit", "DR", ["audit {o}", "do an audit of {o}", "run an audit of {o}"]),
    ("review", "DR", ["review {o}", "look over {o}", "do a review of {o}"]),
    ("draft", "D", ["draft {o}", "prepare a draft of {o}", "write a first draft of {o}"]),
    ("share", "DR", ["share {o}", "circulate {o}", "pass around {o}"]),
    ("archive", "DR", ["archive {o}", "file away {o}"]),
    ("summarize", "D", ["summarize {o}", "sum up {o}", "write a summary of {o}"]),
    ("translate", "D", ["translate {o}"]),
    ("update", "DR", ["update {o}", "bring {o} up to date"]),
    ("proofread", "D", ["proofread {o}", "check {o} for typos"]),
    ("fact-check", "D", ["fact-check {o}", "verify the facts in {o}"]),
    ("organize", "R", ["organize {o}", "put {o} in order"]),
    ("back up", "R", ["back up {o}", "make a backup of {o}"]),
    ("print", "D", ["print {o}", "print out {o}"]),
    ("discuss", "D", ["discuss {o}", "talk through {o}", "talk over {o}"]),
    ("shorten", "D", ["shorten {o}", "trim {o}", "cut down {o}"]),
    ("simplify", "D", ["simplify {o}", "make {o} simpler"]),
    ("annotate", "D", ["annotate {o}", "mark up {o}"]),
    ("tag", "R", ["tag {o}", "label {o}"]),
    ("bookmark", "DR", ["bookmark {o}"]),
    ("export", "R", ["export {o}"]),
    ("present", "D", ["present {o}"]),
    ("rename", "DR", ["rename {o}"]),
    ("encrypt", "R", ["encrypt {o}"]),
    ("approve", "D", ["approve {o}", "sign off on {o}"]),
    ("color-code", "R", ["color-code {o}"]),
    ("digitize", "DR", ["digitize {o}", "make a digital copy of {o}"]),
    ("pilot", "D", ["pilot {o}", "run a pilot of {o}"]),
    ("retire", "DR", ["retire {o}", "phase out {o}"]),
    ("personalize", "D", ["personalize {o}", "tailor {o}"]),
    ("standardize", "DR", ["standardize {o}"]),
    ("request feedback on", "D", ["ask for feedback on {o}", "request feedback on {o}", "get feedback on {o}"]),
]
HEADS = [  # (singular, plural or None for plural-only, class)
    ("log", "logs", "R"),
    ("checklist", "checklists", "D"),
    ("newsletter", "newsletters", "D"),
    ("agenda", "agendas", "D"),
    ("calendar", "calendars", "R"),
    ("report", "reports", "D"),
    ("tracker", "trackers", "R"),
    ("template", "templates", "D"),
    ("roadmap", "roadmaps", "D"),
    ("directory", "directories", "R"),
    ("handbook", "handbooks", "D"),
    ("plan", "plans", "D"),
    ("spreadsheet", "spreadsheets", "R"),
    ("FAQ", "FAQs", "D"),
    ("playbook", "playbooks", "D"),
    ("database", "databases", "R"),
    ("notes", None, "D"),
    ("slide deck", "slide decks", "D"),
    ("wiki page", "wiki pages", "D"),
    ("mailing list", "mailing lists", "R"),
    ("survey", "surveys", "D"),
]
MODIFIERS = [
    "contact",
    "change",
    "onboarding",
    "meeting",
    "team",
    "event",
    "project",
    "mentoring",
    "outreach",
    "follow-up",
    "referral",
    "volunteer",
    "alumni",
    "client",
    "speaker",
    "release",
    "training",
    "budget",
    "partner",
    "hiring",
]
CONTEXTS = [
    "before a review",
    "with a mentor",
    "each month",
    "online",
    "for new hires",
    "after every event",
    "at the start of each quarter",
    "with your team",
    "once a week",
    "before a one-on-one",
    "every Friday afternoon",
    "when you join a new team",
    "during onboarding",
    "with a trusted colleague",
    "after a conference",
    "in a shared folder",
    "ahead of a big launch",
    "at the end of the year",
    "when things get busy",
    "for remote colleagues",
    "in person",
    "before you go on leave",
    "twice a year",
    "with a peer from another team",
    "after each sprint",
    "on your phone",
]
MANNER = [  # (truth, imperative forms, noun-phrase forms)
    ("listen|actively", ["listen actively", "be an active listener"], ["active listening"]),
    ("speak|clearly", ["speak clearly", "speak with clarity"], ["clear speaking"]),
    ("respond|promptly", ["respond promptly", "reply promptly", "respond without delay"], ["prompt responses"]),
    ("communicate|openly", ["communicate openly"], ["open communication"]),
    (
        "give feedback|constructively",
        ["give feedback constructively", "give constructive feedback"],
        ["constructive feedback"],
    ),
    ("follow up|consistently", ["follow up consistently"], ["consistent follow-up"]),
    ("dress|professionally", ["dress professionally", "wear professional attire"], ["professional dress"]),
    ("write|concisely", ["write concisely", "keep your writing concise"], ["concise writing"]),
    ("disagree|respectfully", ["disagree respectfully", "disagree with respect"], ["respectful disagreement"]),
    ("delegate|effectively", ["delegate effectively"], ["effective delegation"]),
    ("network|authentically", ["network authentically", "be authentic when you network"], ["authentic networking"]),
    ("arrive|on time", ["arrive on time", "be punctual", "show up on time"], ["punctuality"]),
    (
        "introduce yourself|confidently",
        ["introduce yourself confidently", "introduce yourself with confidence"],
        ["confident introductions"],
    ),
    (
        "ask questions|thoughtfully",
        ["ask questions thoughtfully", "ask thoughtful questions"],
        ["thoughtful questioning"],
    ),
]
MANNER_CONTEXTS = [
    "in meetings",
    "with colleagues",
    "on calls",
    "at networking events",
    "in one-on-ones",
    "with new contacts",
    "with a mentor",
    "online",
]
BASE_WRAP = [
    "{}",
    "{}",
    "{}",
    "{}",
    "Make a habit to {}",
    "Make it a habit to {}",
    "Try to {}",
    "Remember to {}",
    "Be sure to {}",
    "Don't forget to {}",
    "You should {}",
    "It helps to {}",
    "Make sure you {}",
]
GER_WRAP = ["{}", "{}", "It's worth {}", "Get in the habit of {}", "Consider {}", "Make a point of {}"]
NOUN_WRAP = ["{}", "{}", "Practice {}", "Make {} a habit", "Commit to {}", "Prioritize {}"]
DOUBLE = {"tag", "run", "put", "cut", "get", "trim", "set", "plan", "sum"}

TITLES = [
    "Keeping Your Working Relationships Healthy",
    "Small Habits of Well-Connected Teams",
    "Paperwork That Builds Trust",
    "The Quiet Side of Networking",
    "Working Well With Others",
    "Routines for Reliable Colleagues",
    "Staying Organized Across Teams",
    "Notes From the Field",
    "Running a Tidy Team",
    "Professional Habits That Compound",
    "Partnering With Confidence",
    "Everyday Collaboration",
]
DESCS = [
    "Practical routines drawn from teams that work well together.",
    "A short collection of habits that keep professional relationships in good shape.",
    "What experienced colleagues actually do, week after week.",
    "Advice gathered from mentors, managers and peers.",
]
INTROS = [
    "Good working relationships are rarely built in one grand gesture. They grow out of small, "
    "repeated routines that make you dependable to the people around you.",
    "This chapter gathers habits we have seen in teams that trust each other. None of them is "
    "difficult on its own; the value comes from doing them steadily.",
    "Colleagues remember who kept things running. The practices below come from people who "
    "have spent years coordinating with partners, mentors and new hires.",
    "Most friction between teams starts with missing information. The following routines are "
    "the ones our contributors mention most often.",
]
SECTIONS = [
    "A Few Routines",
    "Worth Doing Regularly",
    "Quick Wins",
    "Habits Worth Keeping",
    "Small Things That Add Up",
    "The Basics",
    "Going Further",
    "Everyday Upkeep",
    "From Our Contributors",
    "Often Overlooked",
    "Good Practice",
]
SECTION_LINES = [
    "These come up again and again in well-run teams.",
    "Contributors to this handbook mentioned the following most often.",
    "Each of these takes only a few minutes.",
    "Teams that keep up with these report fewer surprises.",
    "The list is not exhaustive, but it is a solid start.",
]


def gerund(phrase: str) -> str:
    first, sp, rest = phrase.partition(" ")
    pre, dash, w = first.rpartition("-")  # "fact-check" -> "fact-checking"
    if w in DOUBLE:
        w += w[-1]
    elif w.endswith("e") and not w.endswith("ee") and w != "be":
        w = w[:-1]
    return pre + dash + w + "ing" + sp + rest


def noun_phrase(rng: random.Random, mod: str, head: tuple) -> str:
    sing, plur, _ = head
    if plur is None or rng.random() < 0.3:
        det = rng.choice(["the", "your", "our", "", "all your"])
        noun = plur or sing
    else:
        art = "an" if mod[0] in "aeiou" else "a"
        det = rng.choice(["the", "your", "our", "the", art])
        noun = sing
    return " ".join(x for x in (det, mod, noun) if x)


def universe(rng: random.Random) -> list:
    techs = [
        ("vo", vi, mod, hi)
        for vi, verb in enumerate(VERBS)
        for mod in MODIFIERS
        for hi, head in enumerate(HEADS)
        if head[2] in verb[1]
    ]
    rng.shuffle(techs)
    techs = techs[:7000]
    for mi in range(len(MANNER)):  # manner techniques sit near the head of the popularity curve
        techs.insert(rng.randint(0, 40), ("manner", mi))
    return techs


def render(rng: random.Random, tech: tuple) -> Item:
    if tech[0] == "manner":
        truth, imps, nouns = MANNER[tech[1]]
        ctx = rng.choice(MANNER_CONTEXTS) if rng.random() < 0.35 else ""
        style = rng.random()
        if style < 0.3:
            body = rng.choice(nouns)  # only -ing nouns ("Active listening") may stand as a bare label
            wrap, is_imp = rng.choice(NOUN_WRAP if body.endswith("ing") else NOUN_WRAP[2:]), False
        elif style < 0.45:
            body, wrap, is_imp = gerund(rng.choice(imps)), rng.choice(GER_WRAP), False
        else:
            body, wrap, is_imp = rng.choice(imps), rng.choice(BASE_WRAP), True
    else:
        _, vi, mod, hi = tech
        verb, _, templates = VERBS[vi]
        truth = f"{verb}|{mod} {HEADS[hi][0]}"
        phrase = rng.choice(templates).format(o=noun_phrase(rng, mod, HEADS[hi]))
        ctx = rng.choice(CONTEXTS) if rng.random() < 0.5 else ""
        if rng.random() < 0.3:
            body, wrap, is_imp = gerund(phrase), rng.choice(GER_WRAP), False
        else:
            body, wrap, is_imp = phrase, rng.choice(BASE_WRAP), True
    label = wrap == "{}" and not is_imp  # a bare gerund/noun label cannot follow a fronted context
    if ctx and not label and rng.random() < 0.35:  # context moved in front
        inner = wrap.format(body)
        text = ctx[0].upper() + ctx[1:] + ", " + inner[0].lower() + inner[1:]
    else:
        text = wrap.format(body) + (" " + ctx if ctx else "")
        text = text[0].upper() + text[1:]
    if rng.random() < 0.3:
        text += "."
    return Item(text, truth)


def generate(count: int, seed: int = 11, per_chapter: int = 12) -> list[tuple[str, list[Item]]]:
    rng = random.Random(seed)
    techs = universe(rng)
    weights = [0.3 / (r + 2) + 0.01 / (1 + r / 800) ** 1.5 for r in range(len(techs))]
    chapters = []
    for _ in range(count):
        chosen: list = []
        truths: set = set()
        while len(chosen) < per_chapter:
            tech = rng.choices(techs, weights)[0]
            item = render(rng, tech)
            if item.truth not in truths:
                truths.add(item.truth)
                chosen.append(item)
        sizes, left = [], per_chapter
        while left:
            n = min(left, rng.randint(3, 5))
            sizes.append(n)
            left -= n
        lines = [
            "---",
            f"title: {rng.choice(TITLES)}",
            f"description: {rng.choice(DESCS)}",
            "---",
            "",
            rng.choice(INTROS),
            "",
        ]
        pos = 0
        for heading, n in zip(rng.sample(SECTIONS, len(sizes)), sizes, strict=True):
            lines += [f"## {heading}", "", rng.choice(SECTION_LINES), ""]
            lines += [f"- {it.text}" for it in chosen[pos : pos + n]] + [""]
            pos += n
        chapters.append(("\n".join(lines), chosen))
    return chapters


def main(argv: list[str]) -> None:
    n, outdir = int(argv[1]), argv[2]
    os.makedirs(outdir, exist_ok=True)
    answers = {}
    for i, (md, items) in enumerate(generate(n), 1):
        name = f"chapter-{i:04d}.md"
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(md)
        for k, it in enumerate(items, 1):
            answers[f"{name}#{k}"] = it.truth
    with open(os.path.join(outdir, "answers.json"), "w", encoding="utf-8") as f:
        json.dump(answers, f, indent=1)


if __name__ == "__main__":
    main(sys.argv)
