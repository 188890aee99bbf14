"""The editorial file: an editor's corrections to the automatic technique index.

    merge:        # these occurrences are one technique
      - [chapter-slug#t-anchor, other-chapter-slug#t-anchor]
    separate:     # these occurrences are never in one entry
      - [chapter-slug#t-anchor, other-chapter-slug#t-anchor]
    titles:       # the title an entry shows, by entry id
      attend-industry-events-and-conferences: Attend industry events

Occurrences are named as in ``techniques.json`` URLs: the chapter slug, ``#`` and the
technique's anchor. Every problem is reported as ``path:line: problem (how to fix)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from .dedup import Rules
from .errors import HandbookError

PLACE = re.compile(r"^[a-z0-9][a-z0-9-]*#t-[a-z0-9-]+$")
KEYS = ("merge", "separate", "titles")
Report = Callable[[yaml.Node | None, str, str], None]  # node, problem, how to fix


def load(path: Path, known_places: set[str] | None = None) -> tuple[Rules, list[HandbookError]]:
    """The rules in ``path`` (none if it does not exist) and every problem found in it.

    Rules with problems are left out, the rest still apply. ``known_places`` are the
    occurrences the chapters have; a rule naming another is a problem (a chapter or a
    technique was renamed under it).
    """
    if not path.exists():
        return Rules(), []
    problems: list[HandbookError] = []

    def problem(node: yaml.Node | None, message: str, fix: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        problems.append(HandbookError(message, path=path, line=line, fix=fix))

    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        return Rules(), [HandbookError(f"not valid YAML: {getattr(error, 'problem', error)}", path=path, line=line)]
    if root is None:
        return Rules(), []
    if not isinstance(root, yaml.MappingNode):
        problem(root, "the file must be a mapping", "start lines with 'merge:', 'separate:' or 'titles:'")
        return Rules(), problems

    groups: dict[str, list[frozenset[str]]] = {"merge": [], "separate": []}
    titles: dict[str, tuple[str, int]] = {}
    for key_node, value_node in root.value:
        key = key_node.value
        if key not in KEYS:
            problem(key_node, f"unknown key {key!r}", f"use one of: {', '.join(KEYS)}")
        elif key == "titles":
            titles.update(read_titles(value_node, problem))
        else:
            groups[key].extend(read_groups(key, value_node, known_places, problem))
    return (
        Rules(
            merge=tuple(groups["merge"]),
            separate=tuple(groups["separate"]),
            titles={entry_id: title for entry_id, (title, _) in titles.items()},
            title_lines={entry_id: line for entry_id, (_, line) in titles.items()},
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


def read_groups(key: str, node: yaml.Node, known_places: set[str] | None, problem: Report) -> list[frozenset[str]]:
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
            result.append(frozenset(places))
    return result


def read_titles(node: yaml.Node, problem: Report) -> dict[str, tuple[str, int]]:
    """Titles by entry id, each with the line that sets it."""
    if not isinstance(node, yaml.MappingNode):
        problem(node, "'titles' must map entry ids to titles", "write 'entry-id: Title' lines under 'titles:'")
        return {}
    titles = {}
    for id_node, title_node in node.value:
        title = title_node.value if isinstance(title_node, yaml.ScalarNode) else ""
        if not isinstance(title, str) or not title.strip():
            problem(
                title_node,
                f"the title of {id_node.value!r} is empty",
                "write a short instruction, e.g. 'Attend industry events'",
            )
        else:
            titles[str(id_node.value)] = (" ".join(title.split()), id_node.start_mark.line + 1)
    return titles
