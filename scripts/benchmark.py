"""Benchmark: the handbook at scale, on generated chapters with known answers.

Chapters come from tests/generator.py (twelve techniques each, thousands of distinct
techniques sharing verbs, objects and context words, each reworded several ways, with the
true identity of every occurrence). One run prints, each with its goal:

- the index (``--index``): pairwise precision, recall and F1, time and peak memory at N
  and 4N chapters, and any entry holding techniques that differ in action or object;
- ``handbook techniques`` (``--techniques``): time at N and 4N chapters, peak memory;
- the site (``--builds``): MkDocs with the handbook against the same chapters with the
  plugin removed, at N/4 and N chapters (time ratio, growth, peak memory, site and search
  index size), the same with Zensical at N chapters, and extraction's share of the plain
  build.

Run: python scripts/benchmark.py [--chapters 1000] [--index | --techniques | --builds]
[--generator FILE], where FILE has the same ``generate(count)`` as tests/generator.py:
tests/generator_independent.py (written apart from the index), or the issue's own.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# Run a command and report its wall time, its peak memory (the largest of its processes)
# and its exit status: run in a child of its own, so the peaks of earlier runs do not count.
MEASURE = (
    "import resource, subprocess, sys, time; start = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True); "
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024, "
    "done.returncode); print(done.stderr[-3000:], file=sys.stderr)"
)


def measure(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time in seconds and peak resident memory in bytes of ``command``."""
    output = subprocess.run([sys.executable, "-c", MEASURE, *command], cwd=cwd, capture_output=True, text=True)
    seconds, peak, status = output.stdout.split()
    if status != "0":
        raise SystemExit(f"{' '.join(command)} failed in {cwd} (exit {status}):\n{output.stderr}")
    return float(seconds), int(peak)


# The generator of the chapters: tests/generator.py unless --generator names another file
# with the same ``generate(count)`` (Markdown texts and items with ``text`` and ``truth``).
GENERATOR = REPO / "tests" / "generator.py"


def generate(generator: Path, count: int) -> list[tuple[str, list[Any]]]:
    spec = importlib.util.spec_from_file_location("chapter_generator", generator)
    assert spec is not None and spec.loader is not None, f"cannot load {generator}"
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return list(module.generate(count))


def project(folder: Path, generator: Path, count: int, *, plugin: bool) -> Path:
    """A copy of the handbook (seed chapters kept) with ``count`` generated chapters after
    them; without the handbook plugin in mkdocs.yml when ``plugin`` is false."""
    sys.path.insert(0, str(REPO / "tests"))
    from sitebuild import copy_project

    copy_project(folder)
    for number, (text, _) in enumerate(generate(generator, count), start=1):
        (folder / "chapters" / f"{1000 + number:05d}-generated-chapter-{number}.md").write_text(text, encoding="utf-8")
    if not plugin:
        config = folder / "mkdocs.yml"
        config.write_text(re.sub(r"(?m)^  - handbook\b.*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def size_of(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def search_index(site: Path) -> int:
    for name in ("search/search_index.json", "search.json"):
        if (site / name).is_file():
            return (site / name).stat().st_size
    return 0


def build(folder: Path, engine: str, *, handbook: bool) -> dict[str, float]:
    """Build ``folder``'s site with ``engine``: with the handbook (``handbook build``) or plain."""
    site = folder / "site"
    if engine == "zensical":
        command = [sys.executable, "-m", "handbook.cli", "build", "--engine", "zensical", "-d", str(site)]
        if not handbook:
            command = [str(Path(sys.executable).parent / "zensical"), "build"]
    else:
        command = [sys.executable, "-m", engine, "build", "--quiet", "-d", str(site)]
    seconds, peak = measure(command, folder)
    return {"seconds": seconds, "peak": peak, "size": size_of(site), "search": search_index(site)}


def builds_benchmark(generator: Path, count: int) -> float:
    """The site built with the handbook and plain, at count / 4 and count chapters, and with
    Zensical at count chapters; all in one run, on the same chapters. Returns the plain
    MkDocs build's time at ``count`` chapters."""
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        results: dict[tuple[str, int, bool], dict[str, float]] = {}
        for size in (count // 4, count):
            for plugin in (True, False):
                folder = project(work / f"mkdocs-{size}-{plugin}", generator, size, plugin=plugin)
                results[("mkdocs", size, plugin)] = build(folder, "mkdocs", handbook=plugin)
        folder = project(work / "zensical-handbook", generator, count, plugin=True)
        results[("zensical", count, True)] = build(folder, "zensical", handbook=True)
        folder = project(work / "zensical-plain", generator, count, plugin=False)
        (folder / "docs").symlink_to(folder / "chapters")
        config = folder / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8").replace("docs_dir: chapters", "docs_dir: docs"))
        results[("zensical", count, False)] = build(folder, "zensical", handbook=False)
        extraction = extraction_seconds(work / f"mkdocs-{count}-True" / "chapters")
    mib = 2**20
    for size in (count // 4, count):
        ours, plain = results[("mkdocs", size, True)], results[("mkdocs", size, False)]
        print(
            f"MkDocs, {size} chapters: {ours['seconds']:.1f} s with the handbook, {plain['seconds']:.1f} s plain "
            f"(ratio {ours['seconds'] / plain['seconds']:.2f}, goal <= 1.5 at {count}); peak memory "
            f"{ours['peak'] / mib:.0f} MiB (plain {plain['peak'] / mib:.0f}, goal <= 512); site "
            f"{ours['size'] / mib:.0f} MiB (plain {plain['size'] / mib:.0f}, "
            f"ratio {ours['size'] / plain['size']:.2f}); "
            f"search index {ours['search'] / mib:.1f} MiB (plain {plain['search'] / mib:.1f}, ratio "
            f"{ours['search'] / plain['search']:.2f}; goal <= 1.5)"
        )
    small, large = results[("mkdocs", count // 4, True)], results[("mkdocs", count, True)]
    print(
        f"MkDocs with the handbook, {count // 4} -> {count} chapters: "
        f"{large['seconds'] / small['seconds']:.2f}x time (goal <= 4.5)"
    )
    ours, plain = results[("zensical", count, True)], results[("zensical", count, False)]
    print(
        f"Zensical, {count} chapters: {ours['seconds']:.1f} s with the handbook, {plain['seconds']:.1f} s plain "
        f"(ratio {ours['seconds'] / plain['seconds']:.2f}, goal <= 1.3)"
    )
    plain_mkdocs = results[("mkdocs", count, False)]["seconds"]
    print(
        f"extraction, {count} chapters: {extraction:.2f} s, {100 * extraction / plain_mkdocs:.1f}% of the plain MkDocs "
        "build (goal < 5%)"
    )
    return plain_mkdocs


def extraction_seconds(chapters: Path) -> float:
    """The time extraction takes over every chapter, once they are parsed."""
    from handbook import extract, frontmatter, markdown

    documents = []
    for path in sorted(chapters.glob("[0-9]*.md")):
        _, body, line = frontmatter.split(path.read_text(encoding="utf-8"))
        documents.append(markdown.parse(body, line).document)
    extract.clear_caches()
    start = time.perf_counter()
    for document in documents:
        extract.extract(document)
    return time.perf_counter() - start


def techniques_benchmark(generator: Path, count: int) -> tuple[float, float]:
    """``handbook techniques`` (the whole pass without a site) on count and 4 x count
    chapters: from a clean clone (no chapter cache; the machine's lexicon tables, built by
    the first run on a machine, are there), then again after one chapter changed. Returns
    both times at ``count`` chapters."""
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        runs = []
        command = [sys.executable, "-m", "handbook.cli", "techniques", "--json", "t.json"]
        for size in (count, 4 * count):
            folder = project(work / str(size), generator, size, plugin=True)
            cold = measure(command, folder)
            edited = next((folder / "chapters").glob("01001-*.md"))
            text = edited.read_text(encoding="utf-8") + "\nSend a short thank-you note the same day.\n"
            edited.write_text(text, encoding="utf-8")
            runs.append((cold, measure(command, folder)))
    ((small, _), (small_warm, _)), ((large, peak), (large_warm, warm_peak)) = runs
    print(
        f"handbook techniques, {count} chapters: {small:.1f} s from a clean clone, {small_warm:.1f} s after one "
        f"chapter changed; {4 * count} chapters: {large:.1f} s, {large_warm:.1f} s ({large / small:.2f}x and "
        f"{large_warm / small_warm:.2f}x, goal <= 4.5); peak memory {max(peak, warm_peak) / 2**20:.0f} MiB "
        "(goal <= 1024)"
    )
    return small, small_warm


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


def index_step(generator: Path, count: int, via_extract: bool) -> dict[str, object]:
    """Generate ``count`` chapters with known answers, index them, and measure (run in a
    child process, so its peak memory is its own). Occurrences are the items as written,
    or, with ``via_extract``, what extraction finds in each generated chapter."""
    from handbook import dedup, frontmatter, markdown
    from handbook.extract import extract
    from handbook.model import Occurrence

    occurrences, truth = [], {}
    for number, (text, items) in enumerate(generate(generator, count), start=1):
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


def index_benchmark(generator: Path, count: int, via_extract: bool) -> None:
    results = []
    for size in (count, 4 * count):
        command = [sys.executable, __file__, "--index-step", str(size), "--generator", str(generator)]
        command += ["--via-extract"] if via_extract else []
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
    parser.add_argument("--index", action="store_true", help="only the index step, with known answers")
    parser.add_argument("--via-extract", action="store_true", help="with --index: extract the generated chapters")
    parser.add_argument("--techniques", action="store_true", help="only handbook techniques at N and 4N chapters")
    parser.add_argument("--builds", action="store_true", help="only the site builds")
    parser.add_argument("--generator", type=Path, default=GENERATOR, help="a generator file like tests/generator.py")
    parser.add_argument("--index-step", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    generator = arguments.generator.resolve()
    if arguments.index_step:
        print(json.dumps(index_step(generator, arguments.index_step, arguments.via_extract)))
        return
    everything = not (arguments.index or arguments.techniques or arguments.builds)
    if arguments.index or everything:
        index_benchmark(generator, arguments.chapters, arguments.via_extract)
    techniques = techniques_benchmark(generator, arguments.chapters) if arguments.techniques or everything else None
    plain = builds_benchmark(generator, arguments.chapters) if arguments.builds or everything else None
    if techniques is not None and plain is not None:
        (cold, warm), chapters = techniques, arguments.chapters
        print(
            f"handbook techniques / plain MkDocs build, {chapters} chapters: after one chapter changed "
            f"{warm:.1f} s / {plain:.1f} s = {warm / plain:.3f}; from a clean clone {cold:.1f} s / {plain:.1f} s "
            f"= {cold / plain:.3f} (goal <= 0.05)"
        )


if __name__ == "__main__":
    main()
