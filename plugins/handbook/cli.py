"""The ``handbook`` command: work on chapters without building the site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import chapters
from .errors import HandbookError


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
    return parser


def run_import(arguments: argparse.Namespace) -> int:
    plans, warnings = chapters.plan_import(arguments.files, arguments.chapters, arguments.title)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    changed = [plan for plan in plans if not same_text(plan.target, plan.text)]
    chapters.write_all(changed)
    for plan in plans:
        verb = "wrote" if plan in changed else "unchanged"
        print(f"{verb} {plan.target} ({plan.title})")
    return 0


def same_text(path: Path, text: str) -> bool:
    try:
        return path.read_text(encoding="utf-8") == text
    except (OSError, UnicodeDecodeError):
        return False


def main(argv: Sequence[str] | None = None) -> int:
    arguments = build_parser().parse_args(argv)
    try:
        return int(arguments.run(arguments))
    except HandbookError as error:
        print(f"handbook: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
