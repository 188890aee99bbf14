"""YAML front matter: split it from a chapter's body, and write it back in one stable form.

Front matter is untrusted, so YAML is read with limits: no anchors or aliases (a few
hundred bytes of nested aliases expand to gigabytes), only the standard tags of plain
values, lists and mappings, a size limit and a nesting limit. Each is checked on the
parser's event stream, in time linear in the front matter's size, before anything is built.
"""

from __future__ import annotations

from typing import Any

import yaml

from . import yamlio
from .errors import HandbookError

FENCE = "---"
CLOSERS = ("---", "...")
MAX_CHARACTERS = 64 * 1024  # a chapter's front matter is a few lines
MAX_DEPTH = 16  # lists and mappings inside each other
YAML_TAG = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "seq", "map"))


def split(text: str) -> tuple[dict[str, Any], str, int]:
    """Return ``(meta, body, body_line)``: the front matter, the text after it, and the
    1-based line of the source on which the body starts.

    Text that does not open with a ``---`` line has no front matter. A block that opens
    but never closes, is not valid YAML or is not a mapping is an error, never silently
    treated as body text (that is how a chapter would lose its title).
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return {}, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in CLOSERS:
            break
    else:
        raise HandbookError(
            "front matter opened with '---' is never closed",
            line=1,
            fix="end the front matter with a line holding only '---'",
        )
    source = "\n".join(lines[1:index])
    if len(source) > MAX_CHARACTERS:
        raise HandbookError(
            f"front matter is longer than {MAX_CHARACTERS // 1024} KB",
            line=2,
            fix="keep only 'title: ...' and 'description: ...' in it",
        )
    try:
        check_limits(source)
        meta = yaml.load(source, Loader=yamlio.SAFE_LOADER) if source.strip() else {}
    except RecursionError:
        raise HandbookError("front matter is nested too deeply", line=2, fix="write it as 'key: value' lines") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(error, "problem", None) or "invalid YAML"
        raise HandbookError(
            f"front matter is not valid YAML: {reason}",
            line=line,
            fix="write it as 'key: value' lines; quote values that contain ':' or '#'",
        ) from None
    if not isinstance(meta, dict):
        raise HandbookError(
            "front matter must be a set of 'key: value' lines",
            line=2,
            fix="write it as 'title: ...' and 'description: ...' lines",
        )
    return meta, "\n".join(lines[index + 1 :]), index + 2


def check_limits(source: str) -> None:
    """Refuse anchors, aliases, tags other than the standard ones and deep nesting, reading
    the parser's events only (nothing is built, so nothing can expand)."""
    depth = 0
    for event in yaml.parse(source, Loader=yamlio.SAFE_LOADER):
        line = event.start_mark.line + 2 if event.start_mark else 2  # the front matter starts on line 2
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise HandbookError(
                "front matter uses a YAML anchor or alias ('&name' or '*name')",
                line=line,
                fix="write the value out in full; quote values that start with '&' or '*'",
            )
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in SAFE_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            raise HandbookError(
                f"front matter uses the YAML tag {tag.replace(YAML_TAG, '!!')!r}",
                line=line,
                fix="remove the tag; quote values that start with '!'",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise HandbookError(
                    "front matter is nested too deeply", line=line, fix="write it as 'key: value' lines"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def dump(meta: dict[str, Any]) -> str:
    """The front matter block for ``meta``, keys in the order given, ending in a newline."""
    body = yamlio.dump(meta, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)
    return f"{FENCE}\n{body}{FENCE}\n"
