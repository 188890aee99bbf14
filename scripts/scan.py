"""Robustness on real Markdown: import, import again, extract and index every file of folders.

Prints how many files were refused (with the reason, as ``handbook import`` gives it), how
many crashed (a traceback instead of a ``HandbookError``), how many are not a fixed point of
the normal form (a second import changes them), and the techniques and index entries found.

Run: python scripts/scan.py FOLDER [FOLDER ...]   (every *.md below them)
"""

from __future__ import annotations

import argparse
import time
import traceback
from pathlib import Path

from handbook import dedup, extract, frontmatter, markdown, normalise
from handbook.errors import HandbookError
from handbook.model import Occurrence


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    files = sorted(path for folder in parser.parse_args().folders for path in folder.rglob("*.md"))
    refused: list[str] = []
    crashed: list[str] = []
    unstable: list[str] = []
    occurrences: list[Occurrence] = []
    start = time.perf_counter()
    for path in files:
        raw = path.read_bytes().decode("utf-8", "replace")
        try:
            first = normalise.text(raw, lenient=True)
        except HandbookError as error:
            refused.append(f"{path}: {error}")
            continue
        except Exception:  # a crash is what this script counts
            crashed.append(f"{path}: {traceback.format_exc().splitlines()[-1]}")
            continue
        try:
            if normalise.text(first.text).text != first.text:
                unstable.append(str(path))
            _, body, line = frontmatter.split(first.text)
            for technique in extract.extract(markdown.parse(body, line).document):
                occurrences.append(Occurrence(str(path), technique.anchor, technique.label, technique.text))
        except Exception:  # a crash is what this script counts
            crashed.append(f"{path}: {traceback.format_exc().splitlines()[-1]}")
    entries = dedup.group(occurrences)
    print(
        f"{len(files)} files: {len(refused)} refused, {len(crashed)} crashed, {len(unstable)} not a fixed point; "
        f"{len(occurrences)} techniques in {len(entries)} index entries; {time.perf_counter() - start:.0f} s"
    )
    for line in refused + crashed + [f"{path}: not a fixed point" for path in unstable]:
        print("  " + line)


if __name__ == "__main__":
    main()
