"""A fourth generated handbook with known answers, by a third author apart from the index.

Written (by a third helper of the December 2026 session, from GUIDELINES.md, the real chapters
and the issue's description only) to be measured blind: the index scored P 0.516 R 0.266 on it
at 1,000 chapters before any rule was changed, the most honest figure of how it meets a
generator it was not built for. Two general defects it showed were then mended ("each" after a
preposition read as a time, "even when ..." read as an object). What follows is its author's.

Design decisions
- Two families.  (1) "verb object [context]": 26 work verbs x 20 noun modifiers x 15 object
  heads, truth "verb|modifier head" (e.g. "back up|alumni list"); about 7,000 possible truths
  (prune/deduplicate/sort only on list-like heads, draft only on documents).  Verbs are clearly
  different actions (no audit/review or sort/reorganize pairs an editor might merge); heads are
  different artifacts (no list/roster/directory near-synonyms).  (2) 28 well-known relationship
  techniques with 3-4 hand-written rewordings each that a careful editor would tick together
  (GUIDELINES.md: same action on the same object).  Some pairs differ only in action on purpose
  (ask for / give feedback, seek / offer mentoring, make / request an introduction).
- Rewording: each verb has 1-4 honest synonym patterns ("update X" / "refresh X" / "bring X up
  to date"), never shared between verbs; the object varies in determiner (the, your, a/an, each,
  every, all your, none), number, and order ("the list of contacts" = "contact list").
- Forms: imperative, gerund label ("Backing up the donor budget"), imperative wrappers ("Make a
  habit to", "Don't forget to", "You should", "It helps to" ...), gerund wrappers ("Consider",
  "Get into the habit of", "Make a point of").  Negatives ("Don't monopolize ...") stay bare.
- Context (when / how often / with whom / where; a milder career pool for well-known ones) never
  changes identity: 0-2 phrases, the first sometimes moved in front ("Every Friday, ..."); gerund
  labels take trailing context only; "where" only with verbs where a place makes sense.  A short
  reason tail ("so nothing slips ...") is sometimes added: text, not another technique.
- Long tail: Zipf-like weights on verbs, modifiers, heads (their product) and well-known ones;
  ~20% of items are well-known.  Each chapter has a focus modifier (35% of its verb-object items),
  so chapters hold near-duplicates sharing modifier or verb that must stay apart.
- Chapter: front matter (title, description), an intro paragraph, 2-4 "##" topic sections, each
  one sentence plus a "-" list of exactly the items; no instruction outside the lists.
  Everything is driven by random.Random(seed), so output is deterministic for a seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    text: str  # the technique as the chapter states it (one list item's text)
    truth: str  # its true identity, e.g. "audit|contact log"


VERBS = {  # key -> imperative patterns ({o} = object phrase), in popularity order
    "update": ["update {o}", "refresh {o}", "bring {o} up to date", "keep {o} up to date"],
    "audit": ["audit {o}", "run an audit of {o}", "do a quick audit of {o}"],
    "share": ["share {o}", "circulate {o}", "pass {o} around"],
    "prune": ["prune {o}", "weed stale entries out of {o}", "clear outdated entries from {o}"],
    "back up": ["back up {o}", "make a backup of {o}", "keep a backup copy of {o}"],
    "archive": ["archive {o}", "file {o} away"],
    "draft": ["draft {o}", "write a first draft of {o}", "put together a draft of {o}"],
    "summarize": ["summarize {o}", "sum up {o}", "write a short summary of {o}"],
    "tag": ["tag {o}", "add tags to {o}"],
    "proofread": ["proofread {o}", "check {o} for typos"],
    "deduplicate": ["deduplicate {o}", "dedupe {o}", "remove duplicate entries from {o}"],
    "present": ["present {o}", "walk people through {o}"],
    "skim": ["skim {o}", "skim through {o}", "give {o} a quick skim"],
    "approve": ["approve {o}", "sign off on {o}"],
    "print": ["print {o}", "print out {o}", "print a copy of {o}"],
    "sort": ["sort {o}", "put {o} in order"],
    "annotate": ["annotate {o}", "mark up {o}"],
    "standardize": ["standardize {o}", "standardize the format of {o}"],
    "simplify": ["simplify {o}", "make {o} simpler"],
    "pin": ["pin {o}"],
    "bookmark": ["bookmark {o}", "save a bookmark to {o}"],
    "export": ["export {o}"],
    "rename": ["rename {o}", "give {o} a clearer name"],
    "translate": ["translate {o}"],
    "encrypt": ["encrypt {o}"],
    "digitize": ["digitize {o}", "scan {o} into digital form"],
}
HEADS = [
    "list",
    "log",
    "calendar",
    "newsletter",
    "agenda",
    "notes",
    "checklist",
    "template",
    "handbook",
    "survey",
    "budget",
    "slide deck",
    "FAQ",
    "welcome packet",
    "roadmap",
]  # popularity order
OF_OK, LISTY = {"list", "log", "calendar"}, {"list", "log", "calendar", "checklist", "notes", "FAQ"}
NEEDS = {"prune": LISTY, "deduplicate": LISTY, "sort": LISTY, "draft": set(HEADS) - OF_OK}
WHERE_OK = {"share", "archive", "back up", "pin", "bookmark", "present", "update"}
MODS = [
    ("contact", "contacts"),
    ("client", "clients"),
    ("event", "events"),
    ("mentor", "mentors"),
    ("meeting", "meetings"),
    ("volunteer", "volunteers"),
    ("alumni", "alumni"),
    ("project", "projects"),
    ("partner", "partners"),
    ("speaker", "speakers"),
    ("outreach", None),
    ("vendor", "vendors"),
    ("onboarding", None),
    ("referral", "referrals"),
    ("sponsor", "sponsors"),
    ("donor", "donors"),
    ("intern", "interns"),
    ("stakeholder", "stakeholders"),
    ("recruiting", None),
    ("board", None),
]
WHEN = [
    "before a review",
    "before each performance review",
    "after every event",
    "at the end of each month",
    "ahead of your next one-on-one",
    "once a project wraps up",
    "before a big conference",
    "when you start a new role",
    "right after a meeting",
    "at the start of each quarter",
]
OFTEN = [
    "every Friday",
    "once a month",
    "twice a year",
    "every quarter",
    "on a regular schedule",
    "every few weeks",
    "weekly",
]
WHOM = [
    "together with a teammate",
    "alongside your mentor",
    "with help from a colleague",
    "together with your manager",
    "as a team",
]
WHERE = ["in the shared drive", "on the team wiki", "in your team channel", "in a shared folder"]
SOCIAL = [
    "whenever you can",
    "throughout the year",
    "early in your career",
    "even when you're busy",
    "at every stage of your career",
    "in your first months on a new team",
]
TAILS = [" so nothing slips through the cracks", " so the whole team benefits", "; it saves time later"]
SOFT_TAILS = [" so people remember you", "; it builds trust", " - it goes a long way"]

WELL = [  # (truth, rewordings); a leading "don't"/"never" marks a negative technique
    (
        "listen|actively",
        [
            "listen actively",
            "practice active listening",
            "be an active listener",
            "listen attentively to what people say",
        ],
    ),
    (
        "follow up|new contacts",
        ["follow up with new contacts", "follow up after meeting someone", "send a follow-up message to new contacts"],
    ),
    (
        "send|thank-you note",
        [
            "send a thank-you note",
            "write a short thank-you note",
            "drop people a quick thank-you note",
            "send handwritten thank-you notes",
        ],
    ),
    (
        "stay|in touch",
        [
            "stay in touch",
            "keep in touch with your contacts",
            "maintain regular contact with your network",
            "keep the lines of communication open",
        ],
    ),
    (
        "attend|industry events",
        [
            "attend industry events",
            "go to conferences and meetups",
            "show up at industry gatherings",
            "make time for industry conferences",
        ],
    ),
    (
        "express|gratitude",
        [
            "express gratitude",
            "show appreciation to people who help you",
            "thank people for their help",
            "say thank you often",
        ],
    ),
    (
        "make|introductions",
        [
            "introduce people who should know each other",
            "offer warm introductions",
            "make introductions between your contacts",
            "connect people in your network with one another",
        ],
    ),
    (
        "request|introduction",
        ["ask for an introduction", "request a warm introduction", "ask a mutual contact to introduce you"],
    ),
    (
        "ask for|feedback",
        ["ask for feedback", "request feedback", "solicit feedback from peers", "invite honest feedback"],
    ),
    ("give|feedback", ["give constructive feedback", "provide feedback", "offer honest feedback"]),
    ("seek|mentor", ["find a mentor", "seek out a mentor", "look for a mentor"]),
    ("offer|mentoring", ["offer to mentor someone", "mentor junior colleagues", "become a mentor to someone newer"]),
    ("offer|help", ["offer help before you ask for any", "offer your assistance", "look for ways to help others"]),
    (
        "prepare|elevator pitch",
        [
            "prepare an elevator pitch",
            "craft a 30-second pitch about yourself",
            "put together a short elevator pitch",
            "have your elevator pitch ready",
        ],
    ),
    (
        "update|linkedin profile",
        ["update your LinkedIn profile", "keep your LinkedIn profile up to date", "refresh your LinkedIn profile"],
    ),
    (
        "remember|names",
        ["remember people's names", "make an effort to remember names", "learn names and remember them"],
    ),
    (
        "celebrate|others' successes",
        [
            "celebrate others' successes",
            "congratulate contacts on their wins",
            "celebrate colleagues' milestones",
            "cheer on other people's achievements",
        ],
    ),
    ("be|authentic", ["be authentic", "be yourself", "stay genuine", "be genuine in conversations"]),
    (
        "ask|open-ended questions",
        [
            "ask open-ended questions",
            "use open questions to keep conversations going",
            "ask questions that invite more than a yes or no",
        ],
    ),
    (
        "respond|promptly",
        ["respond to messages promptly", "reply to emails quickly", "answer messages in a timely way"],
    ),
    (
        "schedule|coffee chats",
        [
            "schedule coffee chats",
            "set up informal coffee meetings",
            "invite a colleague out for coffee",
            "book regular coffee chats",
        ],
    ),
    (
        "share|useful resources",
        [
            "share useful articles with your contacts",
            "pass along relevant resources",
            "send contacts articles they'd find useful",
        ],
    ),
    (
        "give|credit",
        [
            "give credit where it's due",
            "credit others for their contributions",
            "acknowledge others' contributions publicly",
        ],
    ),
    ("keep|commitments", ["follow through on your commitments", "keep your promises", "do what you said you would do"]),
    (
        "volunteer|at events",
        ["volunteer at community events", "offer to volunteer at industry events", "help out as an event volunteer"],
    ),
    (
        "join|professional association",
        [
            "join a professional association",
            "become a member of an industry group",
            "sign up for a professional organization",
        ],
    ),
    (
        "avoid|hard sell",
        [
            "don't go for the hard sell",
            "avoid hard-selling yourself",
            "skip the sales pitch when you first meet someone",
        ],
    ),
    (
        "avoid|monopolizing conversations",
        ["don't monopolize the conversation", "avoid dominating conversations", "never hog the conversation"],
    ),
]
WRAP = ["{v}"] * 6 + [
    "make a habit to {v}",
    "make it a habit to {v}",
    "try to {v}",
    "remember to {v}",
    "be sure to {v}",
    "don't forget to {v}",
    "you should {v}",
    "it helps to {v}",
    "take a few minutes to {v}",
    "make sure you {v}",
]
GWRAP = ["{g}"] * 3 + ["consider {g}", "get into the habit of {g}", "make a point of {g}"]
DOUBLE = {"run", "tag", "pin", "skim", "scan", "sum", "put", "get", "set", "drop", "plan", "hog"}

TITLES = [
    "Small Habits, Strong Relationships",
    "The Quiet Maintenance of a Network",
    "Running a Tidy Relationship Practice",
    "Habits That Keep Contacts Warm",
    "What Good Connectors Do Differently",
    "Records, Rituals and Reaching Out",
    "Keeping the Paperwork of a Network Honest",
    "The Unglamorous Side of Networking",
]
INTROS = [
    "Relationships at work rarely fail all at once; they fade when small routines slip.",
    "Most of the value in a network comes from care that nobody sees.",
    "We asked people who run communities, teams and programs what they do week to week.",
    "Good intentions are common; routines that survive a busy quarter are rare.",
]
SECTIONS = [
    "Routine upkeep",
    "Around events",
    "People habits",
    "Working with others",
    "The long game",
    "Small wins",
    "Records that help",
    "Everyday courtesy",
]
LEADS = [
    "These came up again and again in our interviews:",
    "Here is what seasoned connectors told us:",
    "A few habits worth copying:",
    "Several readers shared these:",
    "The list below is short on purpose:",
]


def _zipf(n: int, a: float, k: float = 1.0) -> list[float]:
    return [1.0 / (i + k) ** a for i in range(n)]


def _gerund(phrase: str) -> str:
    w, _, rest = phrase.partition(" ")
    stem = w + w[-1] if w in DOUBLE else w[:-1] if w.endswith("e") and w not in ("be", "see") else w
    return stem + "ing" + (" " + rest if rest else "")


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def _object(rng: random.Random, mod: tuple, h: str) -> str:
    (m, mpl), hpl = mod, (h if h == "notes" else h + "s")
    if h in OF_OK and mpl and rng.random() < 0.2:
        return f"{rng.choice(['the', 'your', 'the'])} {h} of {mpl}"
    if hpl == h or rng.random() < 0.25:
        det = rng.choice(["", "your", "the", "all your", "all the"])
        return f"{det} {m} {hpl}".strip()
    det = rng.choice(["the", "the", "your", "a", "each", "every"])
    return f"{_article(m) if det == 'a' else det} {m} {h}"


def _dress(rng: random.Random, core: str, contexts: list[str], tails: list[str], neg: bool) -> str:
    front = ""
    if neg or rng.random() < 0.65:
        body = rng.choice(WRAP).format(v=core) if not neg else core
        if contexts and rng.random() < 0.3:
            front = contexts.pop(0) + ", "
    else:
        body = rng.choice(GWRAP).format(g=_gerund(core))
    text = front + " ".join([body] + contexts)
    if rng.random() < 0.1:
        text += rng.choice(tails)
    text = text[0].upper() + text[1:]
    return text + ("." if rng.random() < 0.5 else "")


def _contexts(rng: random.Random, verb: str | None) -> list[str]:
    n = rng.choices([0, 1, 2], [35, 50, 15])[0]
    if verb is None:
        return rng.sample(SOCIAL, min(n, 1))
    pools = [rng.choice([WHEN, OFTEN]), WHOM] + ([WHERE] if verb in WHERE_OK else [])
    return [rng.choice(p) for p in rng.sample(pools, n)]


_VW, _MW, _HW, _WW = _zipf(len(VERBS), 0.7), _zipf(len(MODS), 0.5), _zipf(len(HEADS), 0.5), _zipf(len(WELL), 0.8)


def _technique(rng: random.Random, focus: int) -> Item:
    if rng.random() < 0.2:
        truth, words = rng.choices(WELL, _WW)[0]
        core = rng.choice(words)
        neg = core.startswith(("don't", "never"))
        return Item(_dress(rng, core, _contexts(rng, None), SOFT_TAILS, neg), truth)
    verb = rng.choices(list(VERBS), _VW)[0]
    mi = focus if rng.random() < 0.35 else rng.choices(range(len(MODS)), _MW)[0]
    head = rng.choices(HEADS, _HW)[0]
    while head not in NEEDS.get(verb, {head}):
        head = rng.choices(HEADS, _HW)[0]
    obj = _object(rng, MODS[mi], head)
    core = rng.choice(VERBS[verb]).format(o=obj)
    text = _dress(rng, core, _contexts(rng, verb), TAILS, False)
    return Item(text, f"{verb}|{MODS[mi][0]} {head}")


def generate(count: int, seed: int = 11, per_chapter: int = 12) -> list[tuple[str, list[Item]]]:
    """count chapters: (Markdown text, its techniques in the order they appear)."""
    rng = random.Random(seed)
    out = []
    for c in range(count):
        focus = rng.choices(range(len(MODS)), _MW)[0]
        items, seen = [], set()
        while len(items) < per_chapter:
            it = _technique(rng, focus)
            if it.truth not in seen:
                seen.add(it.truth)
                items.append(it)
        title = f"{rng.choice(TITLES)}: {MODS[focus][0].title()} Edition ({c + 1})"
        lines = [
            "---",
            f'title: "{title}"',
            f'description: "Notes from practitioners on {MODS[focus][0]} work and the people around it."',
            "---",
            "",
            " ".join(rng.sample(INTROS, 2)),
            "",
        ]
        nsec = min(per_chapter, rng.randint(2, 4)) if per_chapter else 0
        cuts = sorted(rng.sample(range(1, per_chapter), nsec - 1)) if nsec > 1 else []
        bounds = [0] + cuts + [per_chapter]
        for name, a, b in zip(rng.sample(SECTIONS, nsec), bounds, bounds[1:], strict=False):
            lines += [f"## {name}", "", rng.choice(LEADS), ""]
            lines += [f"- {it.text}" for it in items[a:b]] + [""]
        out.append(("\n".join(lines), items))
    return out
