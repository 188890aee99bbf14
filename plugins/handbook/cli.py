"""The ``handbook`` command: work on chapters without building the site."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import build, catalogue, chapters, check, dedup, files, pipeline, report, scaffold
from .errors import HandbookError
from .model import Chapter


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="handbook", description="Work on the Networking Handbook's chapters.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    importer = commands.add_parser(
        "import",
        help="normalise raw chapter texts into the chapters folder",
        description="Normalise raw chapter texts and write each as DIR/NN-slug.md, numbered after the "
        "chapters already there. Nothing is written if any file has a problem.",
    )
    importer.add_argument("files", nargs="+", type=Path, metavar="FILE", help="raw chapter texts")
    importer.add_argument("--chapters", type=Path, default=Path("chapters"), metavar="DIR", help="default: ./chapters")
    importer.add_argument("--title", help="the chapter's title, instead of the one in (or inferred from) the text")
    importer.set_defaults(run=run_import)

    lister = commands.add_parser(
        "techniques",
        help="list the techniques of the chapters, grouped into index entries",
        description="Extract and deduplicate the techniques of the chapters without building the site.",
    )
    lister.add_argument(
        "chapter",
        nargs="?",
        type=Path,
        metavar="CHAPTER_FILE",
        help="show only what is taken from this chapter file, line by line",
    )
    lister.add_argument("--chapters", type=Path, default=Path("chapters"), metavar="DIR", help="default: ./chapters")
    add_editorial(lister)
    lister.add_argument(
        "--json", type=Path, metavar="FILE", help="write techniques.json here ('-' for standard output)"
    )
    lister.add_argument("--explain", action="store_true", help="show why each entry's occurrences were merged")
    lister.add_argument(
        "--diff",
        metavar="BASE_REF",
        help="report the techniques added since git BASE_REF: new, or merging into an entry",
    )
    lister.set_defaults(run=run_techniques)

    reviewer = commands.add_parser(
        "review",
        help="a Markdown report, for a pull request, of what the changes since git BASE_REF do to the index",
        description="Compare the chapters with git BASE_REF: techniques added (new, or joining an entry), near "
        "misses with a ready editorial.yml rule, entry ids that disappear (readers' ticks under them would be "
        "dropped) and the problems of the changed files. Prints Markdown.",
    )
    reviewer.add_argument("base_ref", metavar="BASE_REF", help="the branch or commit to compare with, e.g. origin/main")
    reviewer.add_argument("--chapters", type=Path, default=Path("chapters"), metavar="DIR", help="default: ./chapters")
    add_editorial(reviewer)
    reviewer.set_defaults(run=run_review)

    checker = commands.add_parser(
        "check",
        help="find problems in chapters, one 'path:line: problem (how to fix)' line each",
        description="Validate chapters; exit 1 if any has a problem.",
    )
    checker.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="chapter files or folders (default: ./chapters)"
    )
    checker.add_argument("--fix", action="store_true", help="first rewrite chapters that are not in normal form")
    checker.add_argument(
        "--techniques", action="store_true", help="also list the techniques taken from each chapter checked"
    )
    checker.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="'github' prints GitHub Actions annotations (::error file=PATH,line=N::message)",
    )
    add_editorial(checker)
    checker.set_defaults(run=run_check)

    starter = commands.add_parser(
        "new",
        help="start the next chapter from the template",
        description="Write the next numbered chapter in the chapters folder from templates/new-chapter.md.",
    )
    starter.add_argument("title", metavar="TITLE")
    starter.add_argument("--chapters", type=Path, default=Path("chapters"), metavar="DIR", help="default: ./chapters")
    starter.add_argument(
        "--templates", type=Path, default=Path("templates"), metavar="DIR", help="default: ./templates"
    )
    starter.set_defaults(run=run_new)

    builder = commands.add_parser(
        "build",
        help="build the site with MkDocs, ProperDocs or Zensical",
        description="Build the site with the engine named; the same pages, checklists, index and "
        "techniques.json whichever it is.",
    )
    builder.add_argument("--engine", choices=build.ENGINES, default="mkdocs", help="default: mkdocs")
    builder.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="FILE")
    builder.add_argument("-d", "--site-dir", type=Path, metavar="DIR", help="default: site_dir of mkdocs.yml")
    builder.add_argument("--strict", action="store_true", help="fail on any problem, as mkdocs build --strict does")
    builder.set_defaults(run=run_build)
    return parser


def add_editorial(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--editorial",
        type=Path,
        default=Path("editorial.yml"),
        metavar="FILE",
        help="default: ./editorial.yml, if present",
    )


def run_import(arguments: argparse.Namespace) -> int:
    files.cleanup_stale(arguments.chapters)  # finish or undo an import that was killed
    plans, warnings = chapters.plan_import(arguments.files, arguments.chapters, arguments.title)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    changed = [plan for plan in plans if not same_text(plan.target, plan.text)]
    files.write_all({plan.target: plan.text for plan in changed})
    for plan in plans:
        verb = "wrote" if plan in changed else "unchanged"
        print(f"{verb} {plan.target} ({plan.title})")
    return 0


def run_techniques(arguments: argparse.Namespace) -> int:
    if arguments.diff:
        for line in report.diff(arguments.diff, arguments.chapters, arguments.editorial):
            print(line)
        return 0
    if arguments.chapter is not None:
        handbook = pipeline.load(arguments.chapter.parent, arguments.editorial)
        chapter = handbook.by_path.get(arguments.chapter)
        if chapter is None:
            raise HandbookError(
                "is not a chapter of its folder", path=arguments.chapter, fix="name a chapters/NN-slug.md file"
            )
        for line in technique_lines(chapter):
            print(line)
        return 0
    index = pipeline.load(arguments.chapters, arguments.editorial)
    problems = index.problems
    if pipeline.record_ids(index):
        print(f"recorded the entry ids in {index.lock_file}: commit it with your change", file=sys.stderr)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    if arguments.json is not None:
        text = catalogue.to_json(index)
        if str(arguments.json) == "-":
            sys.stdout.write(text)
            return 1 if problems else 0
        files.write_all({arguments.json: text})
    else:
        for entry in index.entries:
            places = ", ".join(occurrence.place for occurrence in entry.occurrences)
            print(f"{entry.id}: {entry.title} [{places}]")
        if arguments.explain:
            for line in dedup.explain(dedup.Index(index.entries, index.near_misses)):
                print(line)
    occurrences = sum(len(entry.occurrences) for entry in index.entries)
    print(f"{occurrences} techniques in {len(index.chapters)} chapters, {len(index.entries)} distinct", file=sys.stderr)
    return 1 if problems else 0


def run_review(arguments: argparse.Namespace) -> int:
    sys.stdout.write(report.review(arguments.base_ref, arguments.chapters, arguments.editorial))
    return 0


def run_check(arguments: argparse.Namespace) -> int:
    paths = arguments.paths or [Path("chapters")]
    if arguments.fix:
        for folder in {path if path.is_dir() else path.parent for path in paths}:
            files.cleanup_stale(folder)
        for path in check.fix(paths, arguments.editorial):
            print(f"fixed {path}")
    problems = check.check(paths, arguments.editorial)
    for problem in problems:
        print(github_annotation(problem) if arguments.format == "github" else problem)
    if arguments.techniques:
        for chapter in check.chapters_of(paths, arguments.editorial):
            for line in technique_lines(chapter):
                print(line)
    return 1 if problems else 0


def technique_lines(chapter: Chapter) -> list[str]:
    """What extraction takes from a chapter: one line per technique, where it stands."""
    return [
        f"{chapter.path}:{technique.line}: {technique.label}" + (f" \u2014 {technique.text}" if technique.text else "")
        for technique in chapter.techniques
    ] or [f"{chapter.path}: no technique"]


def github_annotation(problem: HandbookError) -> str:
    """``problem`` as a GitHub Actions workflow command, shown on the file's line."""
    where = ""
    if problem.path is not None:
        where = f" file={escape_property(problem.path)}" + (f",line={problem.line}" if problem.line else "")
    message = problem.problem + (f" ({problem.fix})" if problem.fix else "")
    return f"::error{where}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def run_new(arguments: argparse.Namespace) -> int:
    planned = scaffold.new_chapter(arguments.title, arguments.chapters, arguments.templates)
    files.write_all({planned.target: planned.text})
    print(f"wrote {planned.target} ({planned.title}): preview it with 'mkdocs serve'")
    return 0


def run_build(arguments: argparse.Namespace) -> int:
    return build.build(arguments.engine, arguments.config_file, arguments.site_dir, strict=arguments.strict)


def same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        with pipeline.collector_paused():  # a command runs once: its objects live until it ends
            return int(arguments.run(arguments))
    except HandbookError as error:
        print(f"handbook: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The ``handbook`` command: ``main``, then an exit that leaves the lexicon's tables (a
    few hundred thousand objects) to the system instead of freeing them one by one, which
    takes a fifth of a second; mypy's command ends the same way. Everything written is
    flushed and closed by then. The collector stays off to the end: switched back on after
    ``main``, it would first scan every object the command built (a tenth of a second)."""
    gc.disable()
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
