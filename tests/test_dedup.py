"""Deduplication: the seed gold's pairwise figures, the rewordings the index must merge and
the neighbours it must not, editorial rules, and determinism."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from gold import GOLD, seed_chapters
from handbook import catalogue, dedup, editorial
from handbook.dedup import Occurrence, Rules

ROOT = Path(__file__).parent.parent


def seed_occurrences() -> tuple[list[Occurrence], dict[str, str]]:
    """Every extracted seed technique, and the gold cluster of those the gold annotates."""
    occurrences: list[Occurrence] = []
    clusters: dict[str, str] = {}
    for number, chapter in enumerate(seed_chapters()):
        matched = {technique: key for key, technique in chapter.matched().items()}
        for index, technique in enumerate(chapter.techniques):
            occurrence = Occurrence(f"chapter-{number}", technique.anchor, technique.label, technique.text)
            occurrences.append(occurrence)
            if index in matched:
                clusters[occurrence.place] = chapter.entry["techniques"][matched[index]]["cluster"]
    return occurrences, clusters


def pairwise_scores(rules: Rules) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of annotated techniques; `related` pairs of
    clusters are not scored (either answer is right)."""
    occurrences, clusters = seed_occurrences()
    entry_of = {o.place: entry.id for entry in dedup.group(occurrences, rules) for o in entry.occurrences}
    related = {frozenset(pair) for pair in GOLD["related"]}
    true_positive = false_positive = false_negative = 0
    for first, second in itertools.combinations(sorted(clusters), 2):
        gold_first, gold_second = clusters[first], clusters[second]
        if gold_first != gold_second and frozenset((gold_first, gold_second)) in related:
            continue
        same_gold, same_found = gold_first == gold_second, entry_of[first] == entry_of[second]
        true_positive += same_gold and same_found
        false_positive += same_found and not same_gold
        false_negative += same_gold and not same_found
    precision = true_positive / (true_positive + false_positive)
    recall = true_positive / (true_positive + false_negative)
    return precision, recall, 2 * precision * recall / (precision + recall)


def test_automatic_dedup_meets_the_gold_figures_without_the_editorial_file() -> None:
    precision, recall, f1 = pairwise_scores(Rules())
    print(f"dedup without editorial file: precision {precision:.3f}, recall {recall:.3f}, F1 {f1:.3f}")
    assert precision >= 0.90
    assert recall >= 0.90
    assert f1 >= 0.90


def seed_places(label_a: str, label_b: str) -> list[str]:
    occurrences, _ = seed_occurrences()
    return [next(o.place for o in occurrences if o.label == label) for label in (label_a, label_b)]


def test_the_committed_editorial_file_only_improves_the_figures() -> None:
    # The committed file names the real chapter slugs; rename them to this test's.
    slugs = {
        read.chapter.slug: f"chapter-{number}"
        for number, read in enumerate(catalogue.load(ROOT / "chapters")[0].chapters)
    }
    rules, problems = editorial.load(ROOT / "editorial.yml")
    assert problems == []

    def rename(places: frozenset[str]) -> frozenset[str]:
        return frozenset(f"{slugs[chapter]}#{anchor}" for chapter, anchor in (p.split("#") for p in places))

    renamed = Rules(tuple(map(rename, rules.merge)), tuple(map(rename, rules.separate)), rules.titles)
    without, with_file = pairwise_scores(Rules()), pairwise_scores(renamed)
    print(f"dedup with editorial file: precision {with_file[0]:.3f}, recall {with_file[1]:.3f}, F1 {with_file[2]:.3f}")
    assert with_file[2] >= without[2]
    assert with_file[1] == 1.0


def group_labels(*labels_and_texts: tuple[str, str]) -> list[list[str]]:
    occurrences = [
        Occurrence(f"chapter-{n}", f"t-{n}", label, text) for n, (label, text) in enumerate(labels_and_texts)
    ]
    return [[o.label for o in entry.occurrences] for entry in dedup.group(occurrences)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Join professional organizations", "Join professional associations"),
        ("Use social media", "Utilize social media"),
        ("Stay in touch", "Maintain regular communication"),
        ("Seek out mentorship", "Identify potential mentors"),
        ("Attend industry events", "Go to the conferences and meetups of your field"),
        ("Attending industry events and conferences", "Attend industry events"),
        ("Keep in touch with former colleagues", "Staying in touch with colleagues"),
    ],
)
def test_rewordings_merge(first: str, second: str) -> None:
    assert group_labels((first, ""), (second, "")) == [[first, second]]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Seek out mentorship", "Offer mentoring or support"),
        ("Follow up", "Volunteer"),
        ("Ask for feedback", "Give feedback"),
        ("Attend industry events", "Host industry events"),
        ("Join professional organizations", "Participate in online forums"),
    ],
)
def test_neighbours_and_opposites_stay_apart(first: str, second: str) -> None:
    assert group_labels((first, ""), (second, "")) == [[first], [second]]


def test_two_techniques_of_one_chapter_are_never_merged() -> None:
    occurrences = [Occurrence("same", "t-a", "Follow up", ""), Occurrence("same", "t-b", "Follow up quickly", "")]
    assert len(dedup.group(occurrences)) == 2


def test_editorial_rules_pin_forbid_and_title() -> None:
    occurrences = [
        Occurrence("one", "t-follow-up", "Follow up", ""),
        Occurrence("two", "t-volunteer", "Volunteer", ""),
        Occurrence("three", "t-follow-up", "Follow up", ""),
    ]
    rules = Rules(
        merge=(frozenset({"one#t-follow-up", "two#t-volunteer"}),),
        separate=(frozenset({"one#t-follow-up", "three#t-follow-up"}),),
        titles={"follow-up": "Follow up and volunteer"},
    )
    entries = dedup.group(occurrences, rules)
    assert [[o.place for o in e.occurrences] for e in entries] == [
        ["one#t-follow-up", "two#t-volunteer"],
        ["three#t-follow-up"],
    ]
    assert entries[0].title == "Follow up and volunteer"
    assert entries[0].reasons == ["pinned together by the editorial file"]


def test_ids_do_not_change_when_a_new_chapter_adds_an_occurrence() -> None:
    base = [Occurrence("one", "t-a", "Attending industry events", ""), Occurrence("two", "t-b", "Attend events", "")]
    before = {e.id: [o.place for o in e.occurrences] for e in dedup.group(base)}
    after = dedup.group(base + [Occurrence("three", "t-c", "Go to conferences", "")])
    assert list(before) == ["attend-industry-events"]
    assert [e.id for e in after] == ["attend-industry-events"]
    assert len(after[0].occurrences) == 3


def test_canonical_titles_are_short_instructions_in_sentence_case() -> None:
    entries = dedup.group(
        [
            Occurrence("one", "t-a", "Attending industry events and conferences", ""),
            Occurrence("two", "t-b", "Attend Industry Events", ""),
            Occurrence("three", "t-c", "Attend industry events", ""),
            Occurrence("four", "t-d", "Utilize LinkedIn Groups", "Join groups on platforms like LinkedIn."),
        ]
    )
    assert [e.title for e in entries] == ["Attend industry events", "Utilize LinkedIn groups"]


def test_editorial_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.write_text(
        "merge:\n  - [a#t-x]\n  - [a#t-x, not a place]\nseperate: []\ntitles:\n  some-id: ''\n", encoding="utf-8"
    )
    _, problems = editorial.load(path, known_places={"a#t-x"})
    assert [str(p).split(": ")[0] for p in problems] == [f"{path}:2", f"{path}:3", f"{path}:4", f"{path}:6"]
    assert "unknown key 'seperate'" in str(problems[2])


def test_editorial_file_names_unknown_places_and_titles(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.write_text("separate:\n  - [a#t-x, b#t-gone]\ntitles:\n  no-such-entry: Title\n", encoding="utf-8")
    rules, problems = editorial.load(path, known_places={"a#t-x"})
    assert len(problems) == 1 and str(problems[0]).startswith(f"{path}:2: no technique 'b#t-gone'")
    unknown = editorial.unknown_titles(path, rules, {"some-entry"})
    assert str(unknown[0]).startswith(f"{path}:4: titles: there is no index entry 'no-such-entry'")


def test_broken_editorial_yaml_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yml"
    path.write_text("merge: [\n", encoding="utf-8")
    rules, problems = editorial.load(path)
    assert rules == Rules() and len(problems) == 1 and str(problems[0]).startswith(str(path))


def test_techniques_json_is_identical_across_runs() -> None:
    first = catalogue.to_json(catalogue.load(ROOT / "chapters", ROOT / "editorial.yml")[0])
    second = catalogue.to_json(catalogue.load(ROOT / "chapters", ROOT / "editorial.yml")[0])
    assert first == second


def test_techniques_json_is_identical_whatever_the_hash_seed(tmp_path: Path) -> None:
    """Sets iterate in another order under another PYTHONHASHSEED: the output must not."""
    outputs = []
    for seed in ("1", "2"):
        target = tmp_path / f"techniques-{seed}.json"
        subprocess.run(
            [sys.executable, "-m", "handbook.cli", "techniques", "--chapters", "chapters", "--json", str(target)],
            cwd=ROOT,
            env=dict(os.environ, PYTHONHASHSEED=seed),
            check=True,
            capture_output=True,
        )
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
