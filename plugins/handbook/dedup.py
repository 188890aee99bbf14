"""Group occurrences of the same technique across chapters into index entries."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Occurrence:
    """A technique where one chapter states it."""

    chapter: str  # the chapter's slug
    anchor: str
    label: str
    text: str


@dataclass
class Entry:
    """One distinct technique of the handbook, and every place it appears."""

    id: str
    title: str
    occurrences: list[Occurrence]
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Rules:
    """An editor's decisions (see the README): merges to force or forbid, and titles."""


def group(occurrences: list[Occurrence], rules: Rules | None = None) -> list[Entry]:
    return [Entry(f"{o.chapter}--{o.anchor[2:]}", o.label, [o]) for o in occurrences]
