"""Technique extraction, measured against the hand annotation of the seeds and proven on
chapter shapes the seeds do not have."""

from __future__ import annotations

from pathlib import Path

import pytest
from gold import key_matches, seed_chapters
from handbook import frontmatter, normalise
from handbook.extract import extract, label_and_text


def test_seed_extraction_meets_the_gold_figures() -> None:
    found = expected = correct = 0
    for chapter in seed_chapters():
        matched = chapter.matched()
        scored = len(chapter.techniques) - len(chapter.optional_indices(matched))
        found += scored
        expected += len(chapter.entry["techniques"])
        correct += len(matched)
    recall, precision = correct / expected, correct / found
    print(f"extraction: recall {recall:.3f}, precision {precision:.3f} ({correct} of {expected}, {found} found)")
    assert recall >= 0.98
    assert precision >= 0.95


def test_no_benefit_or_summary_is_extracted() -> None:
    for chapter in seed_chapters():
        for phrase in chapter.entry.get("not_techniques", []):
            pairs = zip(chapter.techniques, chapter.texts, strict=True)
            hits = [technique.label for technique, text in pairs if key_matches(phrase, text)]
            assert not hits, f"{chapter.source}: {phrase!r} extracted as {hits}"


def labels(body: str) -> list[str]:
    return [technique.label for technique in extract(body)]


def test_numbered_steps_and_bold_lead_in_styles() -> None:
    body = """Intro text that lists attending events, joining clubs, and reading books.

## Steps to a warmer network

1. **Map your contacts.** List the people you already know.
2. **Pick three to call** - Choose the ones you have not spoken to for a year.
3. **Book the calls**: Put them in your calendar.
"""
    assert labels(body) == ["Map your contacts", "Pick three to call", "Book the calls"]
    assert [t.text for t in extract(body)][1] == "Choose the ones you have not spoken to for a year."


def test_step_headings_are_techniques_when_a_section_has_no_list() -> None:
    body = """## Step 1: Look for Mentors in Your Company

Ask your manager who has done your job before.

## Step 2: Prepare Questions

Write down what you want to learn.
"""
    found = extract(body)
    assert [t.label for t in found] == ["Look for Mentors in Your Company", "Prepare Questions"]
    assert found[0].text == "Ask your manager who has done your job before."
    assert found[0].kind == "heading"


def test_warnings_benefits_and_conclusions_are_not_techniques() -> None:
    body = """## Networking at Conferences

Conferences bring many benefits:

- Exposure to new ideas
- A larger network

## What to Avoid

- Handing out business cards without talking
- Talking only about yourself

## Working the Room

- Arrive early
- Stand near the coffee

## Conclusion

- Start today
"""
    assert labels(body) == ["Arrive early", "Stand near the coffee"]


def test_imperative_prose_enumeration_is_found_and_outcomes_are_not() -> None:
    body = """## Meeting a Mentor

Before the meeting, prepare an agenda, act on the advice you receive, and report back.
Doing so, you can enhance your reputation, increase your influence, grow your circle, and access new roles.

In summary, start early, listen well, and follow up.
"""
    assert labels(body) == ["Prepare an agenda", "Act on the advice you receive", "Report back"]


def test_gerund_prose_enumeration_after_lead_in_words() -> None:
    body = """## Staying Visible

Staying visible involves actively sharing your work, commenting on colleagues' posts, and hosting small meetups.
"""
    assert labels(body) == ["Actively sharing your work", "Commenting on colleagues' posts", "Hosting small meetups"]


def test_nested_items_belong_to_their_parent() -> None:
    body = """## Tips for events

- **Prepare:** Before you go:
    - read the attendee list
    - write three questions
- **Follow up** - Send a note within two days.
"""
    found = extract(body)
    assert [t.label for t in found] == ["Prepare", "Follow up"]
    assert found[0].text == "Before you go: read the attendee list write three questions"


@pytest.mark.parametrize(
    ("item", "label", "text"),
    [
        ("**Attend industry events:** Go to conferences.", "Attend industry events", "Go to conferences."),
        ("**Attend industry events.** Go to conferences.", "Attend industry events", "Go to conferences."),
        ("**Attend industry events** - Go to conferences.", "Attend industry events", "Go to conferences."),
        ("Attending conferences to meet new people", "Attending conferences", "to meet new people"),
        ("Offering assistance or support when needed", "Offering assistance or support", "when needed"),
        (
            "Participating in online communities, such as groups",
            "Participating in online communities",
            "such as groups",
        ),
        ("Celebrating successes and milestones together", "Celebrating successes and milestones together", ""),
    ],
)
def test_label_is_the_bold_lead_in_else_the_leading_clause(item: str, label: str, text: str) -> None:
    assert label_and_text(item) == (label, text)


def test_anchors_are_stable_and_unique() -> None:
    body = """## Tips

- **Follow up:** Send a note.
- **Follow up:** Call them a week later.
"""
    before = [t.anchor for t in extract(body)]
    edited = "A new introduction paragraph.\n\n" + body.replace("Send a note.", "Send a short note.")
    assert before == ["t-follow-up", "t-follow-up-2"]
    assert [t.anchor for t in extract(edited)] == before


def test_a_raw_chapter_in_shapes_the_seeds_do_not_have() -> None:
    """Numbered '1)' steps, a '+' list of reasons, imperative prose with a clause inside an
    action, a 'Step 3:' heading, a 'What to avoid' list and a closing summary."""
    raw = (Path(__file__).parent / "fixtures" / "shapes" / "introverts.txt").read_text(encoding="utf-8")
    _, body, _ = frontmatter.split(normalise.text(raw))
    assert [(t.kind, t.label) for t in extract(body)] == [
        ("item", "Research the attendee list and pick three people"),
        ("item", "Prepare two or three open questions"),
        ("item", "Set a time limit so you know"),
        ("prose", "Arrive early"),
        ("prose", "Find the coffee line"),
        ("prose", "Start with one person"),
        ("heading", "Follow Up the Next Day"),
    ]
