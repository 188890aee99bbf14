"""Benchmark: how `handbook techniques` scales, against a plain MkDocs + Material build.

Generates chapters in the normal form (about twelve techniques each, worded in the
several ways real chapters word them), then prints:

- the time of `handbook techniques` on N chapters and of a plain MkDocs + Material build
  of the same chapters (no handbook plugin), and their ratio (goal: under 0.1);
- the time of `handbook techniques` on 4N chapters and its ratio to N (goal: at most 5);
- the peak memory of `handbook techniques` on 4N chapters (goal: under 1 GiB).

Run: python scripts/benchmark.py [--chapters 1000] [--skip-mkdocs]

The index step alone, on chapters with known answers (tests/generator.py): pairwise
precision, recall and F1 of the index, its time and peak memory at N and 4N chapters,
and any entry holding techniques that differ in action or object:

    python scripts/benchmark.py --index [--chapters 1000] [--via-extract]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VERBS = {
    "attend": ("Attend", "Attending", "Go to"),
    "join": ("Join", "Joining", "Become a member of"),
    "use": ("Use", "Using", "Utilize", "Leverage"),
    "seek": ("Seek out", "Seeking out", "Look for", "Identify"),
    "offer": ("Offer", "Offering", "Provide", "Share"),
    "keep": (
        "Stay in touch with",
        "Staying in touch with",
        "Keep in touch with",
        "Maintain regular communication with",
    ),
    "host": ("Host", "Hosting", "Organize"),
    "follow": ("Follow up with", "Following up with"),
    "ask": ("Ask for", "Asking for", "Request"),
    "celebrate": ("Celebrate", "Celebrating", "Congratulate people on"),
    "write": ("Write", "Writing", "Publish"),
    "learn": ("Learn", "Learning", "Study"),
}
OBJECTS = {
    "attend": ("industry events", "conferences", "meetups", "trade shows", "workshops", "seminars", "alumni events"),
    "join": ("professional organizations", "associations", "online forums", "local clubs", "mastermind groups"),
    "use": ("social media", "LinkedIn", "a contact manager", "your calendar", "video calls", "email newsletters"),
    "seek": ("mentorship", "mentors", "a sponsor", "coaching", "career advice", "peer reviewers"),
    "offer": ("help and support", "assistance", "mentoring", "introductions", "your expertise", "feedback"),
    "keep": ("former colleagues", "your network", "old classmates", "clients", "your mentor"),
    "host": ("a meetup", "lunch-and-learns", "a podcast", "a study group", "a dinner"),
    "follow": ("new contacts", "interviewers", "speakers", "people you met"),
    "ask": ("referrals", "introductions", "feedback", "informational interviews", "recommendations"),
    "celebrate": ("successes", "milestones", "promotions", "team wins"),
    "write": ("blog posts", "thank-you notes", "case studies", "articles"),
    "learn": ("new skills", "industry trends", "public speaking", "negotiation"),
}
PURPOSES = (
    "to meet new people",
    "to keep your network warm",
    "so that people remember you",
    "to learn what others are working on",
    "when you have a spare hour",
)


def technique(rng: random.Random, verb: str, obj: str) -> tuple[str, str]:
    """A label and a text for one technique, worded one of several ways."""
    label = f"{rng.choice(VERBS[verb])} {obj}"
    text = f"{VERBS[verb][0]} {obj} {rng.choice(PURPOSES)}. Do it {rng.choice(('weekly', 'monthly', 'often'))}."
    if rng.random() < 0.3:
        label = " ".join(word if word.isupper() else word[:1].upper() + word[1:] for word in label.split())
    return label, text


def chapter(rng: random.Random, number: int) -> str:
    """One chapter: an introduction and three sections of four techniques."""
    lines = [
        "---",
        f"title: Generated Chapter {number}",
        f"description: A generated chapter, number {number}, for the benchmark.",
        "---",
        "",
        f"This generated chapter, number {number}, gathers techniques for building a network.",
    ]
    pairs = rng.sample([(verb, obj) for verb in OBJECTS for obj in OBJECTS[verb]], 12)
    for section in range(3):
        lines += ["", f"## Techniques for Part {section + 1}", "", "Here are some techniques to try:", ""]
        for verb, obj in pairs[section * 4 : section * 4 + 4]:
            label, text = technique(rng, verb, obj)
            lines.append(f"- **{label}:** {text}")
    return "\n".join(lines) + "\n"


def generate(directory: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        (directory / f"{number:04d}-generated-chapter-{number}.md").write_text(chapter(rng, number), encoding="utf-8")


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in bytes of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) * 1024


def techniques_run(chapters: Path, work: Path) -> tuple[float, int]:
    command = [
        sys.executable,
        "-m",
        "handbook.cli",
        "techniques",
        "--chapters",
        str(chapters),
        "--json",
        str(work / "t.json"),
    ]
    return run(command, work)


def pairwise(found: dict[str, str], truth: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``found`` (place -> entry) against ``truth``
    (place -> technique), counted per cell so it stays linear."""

    def pairs(counts: dict[object, int]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    cells: dict[object, int] = {}
    entries: dict[object, int] = {}
    techniques: dict[object, int] = {}
    for place, entry in found.items():
        cells[(entry, truth[place])] = cells.get((entry, truth[place]), 0) + 1
        entries[entry] = entries.get(entry, 0) + 1
        techniques[truth[place]] = techniques.get(truth[place], 0) + 1
    true_positive, predicted, actual = pairs(cells), pairs(entries), pairs(techniques)
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / actual if actual else 1.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def index_step(count: int, via_extract: bool) -> dict[str, object]:
    """Generate ``count`` chapters with known answers, index them, and measure (run in a
    child process, so its peak memory is its own). Occurrences are the items as written,
    or, with ``via_extract``, what extraction finds in each generated chapter."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    from generator import generate
    from handbook import dedup, frontmatter, markdown
    from handbook.extract import extract
    from handbook.model import Occurrence

    occurrences, truth = [], {}
    for number, (text, items) in enumerate(generate(count), start=1):
        if via_extract:
            _, body, line = frontmatter.split(text)
            stated = [(t.anchor, t.label, t.text) for t in extract(markdown.parse(body, line).document)]
            assert len(stated) == len(items), f"extraction found {len(stated)} of {len(items)} in chapter {number}"
        else:
            stated = [(f"t-{position}", item.text, "") for position, item in enumerate(items)]
        for (anchor, label, body_text), item in zip(stated, items, strict=True):
            occurrence = Occurrence(f"generated-chapter-{number}", anchor, label, body_text)
            occurrences.append(occurrence)
            truth[occurrence.place] = item.truth
    start, cpu_start = time.perf_counter(), time.process_time()
    index = dedup.build_index(occurrences)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    found = {o.place: entry.id for entry in index.entries for o in entry.occurrences}
    precision, recall, f1 = pairwise(found, truth)
    mixed = [
        sorted({truth[o.place] for o in entry.occurrences})
        for entry in index.entries
        if len({truth[o.place] for o in entry.occurrences}) > 1
    ]
    return {
        "chapters": count,
        "occurrences": len(occurrences),
        "techniques": len(set(truth.values())),
        "entries": len(index.entries),
        "near_misses": len(index.near_misses),
        "seconds": elapsed,
        "cpu_seconds": cpu,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "mixed_entries": len(mixed),
        "mixed_examples": mixed[:3],
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def index_benchmark(count: int, via_extract: bool) -> None:
    results = []
    for size in (count, 4 * count):
        command = [sys.executable, __file__, "--index-step", str(size)] + (["--via-extract"] if via_extract else [])
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output))
    for result in results:
        print(
            f"index, {result['chapters']} chapters ({result['occurrences']} occurrences of {result['techniques']} "
            f"techniques): {result['entries']} entries, {result['near_misses']} near misses; "
            f"P {result['precision']:.3f} R {result['recall']:.3f} F1 {result['f1']:.3f} (goal >= 0.95); "
            f"{result['seconds']:.2f} s ({result['cpu_seconds']:.2f} s CPU); peak {result['peak_mib']:.0f} MiB; "
            f"entries mixing techniques: {result['mixed_entries']} {result['mixed_examples']}"
        )
    small, large = results
    growth = float(large["seconds"]) / float(small["seconds"])
    cpu_growth = float(large["cpu_seconds"]) / float(small["cpu_seconds"])
    print(
        f"index time, 4x chapters: {growth:.2f}x wall, {cpu_growth:.2f}x CPU (goal <= 4.5); "
        f"peak memory at {large['chapters']}: {large['peak_mib']:.0f} MiB (goal <= 1024)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chapters", type=int, default=1000)
    parser.add_argument("--skip-mkdocs", action="store_true", help="do not time the plain MkDocs build")
    parser.add_argument("--index", action="store_true", help="only the index step, with known answers")
    parser.add_argument("--via-extract", action="store_true", help="with --index: extract the generated chapters")
    parser.add_argument("--index-step", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.index_step:
        print(json.dumps(index_step(arguments.index_step, arguments.via_extract)))
        return
    if arguments.index:
        index_benchmark(arguments.chapters, arguments.via_extract)
        return
    count = arguments.chapters
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        generate(work / "small" / "docs", count)
        generate(work / "large" / "docs", 4 * count)
        small, _ = techniques_run(work / "small" / "docs", work / "small")
        techniques = sum(
            len(entry["occurrences"])
            for entry in __import__("json").loads((work / "small" / "t.json").read_text())["techniques"]
        )
        print(f"handbook techniques, {count} chapters ({techniques} techniques): {small:.2f} s")
        large, peak = techniques_run(work / "large" / "docs", work / "large")
        growth = large / small
        print(f"handbook techniques, {4 * count} chapters: {large:.2f} s ({growth:.2f}x for 4x chapters; goal <= 5)")
        print(f"peak memory, {4 * count} chapters: {peak / 2**20:.0f} MiB (goal < 1024 MiB)")
        if not arguments.skip_mkdocs:
            (work / "small" / "mkdocs.yml").write_text(
                "site_name: Benchmark\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n",
                encoding="utf-8",
            )
            build, _ = run([sys.executable, "-m", "mkdocs", "build", "--quiet"], work / "small")
            print(f"plain MkDocs + Material build, {count} chapters: {build:.2f} s")
            print(f"handbook techniques / MkDocs build: {small / build:.3f} (goal < 0.1)")


if __name__ == "__main__":
    main()
