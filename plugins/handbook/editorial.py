"""The editorial file: an editor's corrections to the automatic technique index.

    merge:        # these occurrences are one technique
      - [chapter-slug#t-anchor, other-chapter-slug#t-anchor]
    separate:     # these occurrences are never in one entry
      - [chapter-slug#t-anchor, other-chapter-slug#t-anchor]
    titles:       # the title an entry shows, by entry id
      attend-industry-events-and-conferences: Attend industry events
    drop:         # what extraction took that is not a technique
      - chapter-slug#t-anchor
    add:          # a technique extraction missed, by the chapter's own words
      - {chapter: chapter-slug, label: Send a thank-you note, quote: send a short note the same day}

Occurrences are named as in ``techniques.json`` URLs: the chapter slug, ``#`` and the
technique's anchor. Every problem is reported as ``path:line: problem (how to fix)``:
a pair both merged and kept apart (the rules involved are dropped), a title set twice for
one entry, a key given twice, a file that is a folder or cannot be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from .errors import HandbookError
from .model import Addition, Rules

PLACE = re.compile(r"^[a-z0-9][a-z0-9-]*#t-[a-z0-9-]+$")
KEYS = ("merge", "separate", "titles", "drop", "add")
ADD_KEYS = ("chapter", "label", "quote")
Report = Callable[[yaml.Node | int | None, str, str], None]  # node or line, problem, how to fix


def load(path: Path, known_places: set[str] | None = None) -> tuple[Rules, list[HandbookError]]:
    """The rules in ``path`` (none if it does not exist) and every problem found in it.

    Rules with problems are left out, the rest still apply. ``known_places`` are the
    occurrences the chapters have; a rule naming another is a problem (a chapter or a
    technique was renamed under it).
    """
    if not path.exists() and not path.is_symlink():
        return Rules(), []
    if path.is_dir():
        return Rules(), [HandbookError("is a folder, not a file", path=path, fix="make editorial.yml a YAML file")]
    problems: list[HandbookError] = []

    def problem(node: yaml.Node | int | None, message: str, fix: str) -> None:
        line = node if isinstance(node, int) else node.start_mark.line + 1 if node is not None else 1
        problems.append(HandbookError(message, path=path, line=line, fix=fix))

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return Rules(), [HandbookError("is not UTF-8 text", path=path, fix="save it as UTF-8")]
    except OSError as error:
        return Rules(), [HandbookError(f"cannot be read: {error.strerror}", path=path, fix="check that it is a file")]
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return Rules(), [HandbookError(f"not valid YAML: {getattr(error, 'problem', error)}", path=path, line=line)]
    if root is None:
        return Rules(), []
    if not isinstance(root, yaml.MappingNode):
        problem(root, "the file must be a mapping", "start lines with 'merge:', 'separate:' or 'titles:'")
        return Rules(), problems

    groups: dict[str, list[tuple[frozenset[str], int]]] = {"merge": [], "separate": []}
    titles: dict[str, tuple[str, int]] = {}
    drop: set[str] = set()
    additions: list[Addition] = []
    seen_keys: dict[str, int] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if key in seen_keys:
            problem(key_node, f"{key!r} is given twice (first on line {seen_keys[key]})", "join the two into one list")
            continue
        seen_keys[key] = key_node.start_mark.line + 1
        if key not in KEYS:
            problem(key_node, f"unknown key {key!r}", f"use one of: {', '.join(KEYS)}")
        elif key == "titles":
            titles.update(read_titles(value_node, problem))
        elif key == "drop":
            drop.update(read_drops(value_node, known_places, problem))
        elif key == "add":
            additions.extend(read_additions(value_node, problem))
        else:
            groups[key].extend(read_groups(key, value_node, known_places, problem))
    merge, separate = contradictions(groups["merge"], groups["separate"], problem)
    return (
        Rules(
            merge=merge,
            separate=separate,
            titles={entry_id: title for entry_id, (title, _) in titles.items()},
            title_lines={entry_id: line for entry_id, (_, line) in titles.items()},
            drop=frozenset(drop),
            add=tuple(additions),
        ),
        problems,
    )


def unknown_titles(path: Path, rules: Rules, entry_ids: set[str]) -> list[HandbookError]:
    """Titles set for entries the index does not have (an id changed under them)."""
    return [
        HandbookError(
            f"titles: there is no index entry {entry_id!r}",
            path=path,
            line=rules.title_lines.get(entry_id),
            fix="run 'handbook techniques' to list the entry ids",
        )
        for entry_id in sorted(set(rules.titles) - entry_ids)
    ]


def contradictions(
    merge: list[tuple[frozenset[str], int]], separate: list[tuple[frozenset[str], int]], problem: Report
) -> tuple[tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """The merge and separate rules less those that contradict each other: a ``separate``
    rule naming two occurrences that ``merge`` rules put together (directly or through a
    chain of merges). Each contradiction is a problem on the ``separate`` rule's line."""
    parent: dict[str, str] = {}

    def root(place: str) -> str:
        while parent.get(place, place) != place:
            place = parent[place]
        return place

    for places, _ in merge:
        first, *others = sorted(places)
        parent.setdefault(first, first)
        for other in others:
            parent.setdefault(other, other)
            a, b = sorted((root(first), root(other)))
            if a != b:
                parent[b] = a
    lines_of: dict[str, list[int]] = {}
    for places, line in merge:
        lines_of.setdefault(root(next(iter(places))), []).append(line)
    dropped_merges: set[str] = set()
    kept_separate = []
    for places, line in separate:
        components = [root(place) for place in places if place in parent]
        clash = sorted({component for component in components if components.count(component) > 1})
        if clash:
            lines = sorted(n for component in clash for n in lines_of[component])
            where = f"line {lines[0]}" if len(lines) == 1 else "lines " + ", ".join(map(str, lines))
            problem(
                line, f"these occurrences are both merged ({where}) and kept apart here", "keep one of the two rules"
            )
            dropped_merges.update(clash)
        else:
            kept_separate.append(places)
    kept_merge = [places for places, _ in merge if root(next(iter(places))) not in dropped_merges]
    return tuple(kept_merge), tuple(kept_separate)


def read_groups(
    key: str, node: yaml.Node, known_places: set[str] | None, problem: Report
) -> list[tuple[frozenset[str], int]]:
    if not isinstance(node, yaml.SequenceNode):
        problem(
            node,
            f"'{key}' must be a list of lists",
            f"write '- [chapter#t-anchor, other-chapter#t-anchor]' under '{key}:'",
        )
        return []
    result = []
    for group_node in node.value:
        if not isinstance(group_node, yaml.SequenceNode) or len(group_node.value) < 2:
            problem(
                group_node,
                f"each '{key}' entry must list two or more occurrences",
                "write [chapter#t-anchor, other-chapter#t-anchor]",
            )
            continue
        places = []
        for place_node in group_node.value:
            place = place_node.value if isinstance(place_node, yaml.ScalarNode) else None
            if not isinstance(place, str) or not PLACE.match(place):
                problem(
                    place_node,
                    f"{place!r} does not name an occurrence",
                    "write chapter-slug#t-anchor, as in techniques.json",
                )
            elif known_places is not None and place not in known_places:
                problem(
                    place_node,
                    f"no technique {place!r} in the chapters",
                    "run 'handbook techniques' to list the current anchors",
                )
            else:
                places.append(place)
        if len(places) == len(group_node.value):
            result.append((frozenset(places), group_node.start_mark.line + 1))
    return result


def read_titles(node: yaml.Node, problem: Report) -> dict[str, tuple[str, int]]:
    """Titles by entry id, each with the line that sets it."""
    if not isinstance(node, yaml.MappingNode):
        problem(node, "'titles' must map entry ids to titles", "write 'entry-id: Title' lines under 'titles:'")
        return {}
    titles: dict[str, tuple[str, int]] = {}
    for id_node, title_node in node.value:
        title = title_node.value if isinstance(title_node, yaml.ScalarNode) else ""
        entry_id = str(id_node.value)
        if entry_id in titles:
            problem(
                id_node,
                f"the title of {entry_id!r} is set twice (first on line {titles[entry_id][1]})",
                "keep one title per entry",
            )
        elif not isinstance(title, str) or not title.strip():
            problem(
                title_node,
                f"the title of {id_node.value!r} is empty",
                "write a short instruction, e.g. 'Attend industry events'",
            )
        else:
            titles[entry_id] = (" ".join(title.split()), id_node.start_mark.line + 1)
    return titles


def read_drops(node: yaml.Node, known_places: set[str] | None, problem: Report) -> list[str]:
    """Occurrences to drop: each must name a technique the chapters have."""
    if not isinstance(node, yaml.SequenceNode):
        problem(node, "'drop' must be a list", "write '- chapter-slug#t-anchor' lines under 'drop:'")
        return []
    places = []
    for place_node in node.value:
        place = place_node.value if isinstance(place_node, yaml.ScalarNode) else None
        if not isinstance(place, str) or not PLACE.match(place):
            problem(place_node, f"{place!r} does not name an occurrence", "write chapter-slug#t-anchor")
        elif known_places is not None and place not in known_places:
            problem(place_node, f"no technique {place!r} in the chapters", "run 'handbook techniques CHAPTER_FILE'")
        else:
            places.append(place)
    return places


def read_additions(node: yaml.Node, problem: Report) -> list[Addition]:
    """Techniques to add; whether each chapter and quote exist is checked against the
    chapters (``pipeline``), which this file does not read."""
    if not isinstance(node, yaml.SequenceNode):
        problem(node, "'add' must be a list", "write '- {chapter: slug, label: ..., quote: ...}' under 'add:'")
        return []
    additions = []
    for item in node.value:
        fields = {}
        if isinstance(item, yaml.MappingNode):
            fields = {
                key.value: value.value
                for key, value in item.value
                if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
            }
        missing = [key for key in ADD_KEYS if not str(fields.get(key, "")).strip()]
        if missing or set(fields) - set(ADD_KEYS):
            problem(
                item,
                "each 'add' entry needs exactly: chapter, label, quote",
                "write {chapter: chapter-slug, label: Send a thank-you note, quote: words of the chapter}",
            )
            continue
        additions.append(
            Addition(
                chapter=str(fields["chapter"]).strip(),
                label=" ".join(str(fields["label"]).split()),
                quote=" ".join(str(fields["quote"]).split()),
                line=item.start_mark.line + 1,
            )
        )
    return additions
