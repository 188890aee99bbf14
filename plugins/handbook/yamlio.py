"""YAML read and written by libyaml where PyYAML has it (its wheels do): many times faster
than the pure-Python parser and emitter on the lock file and on every page's front matter,
with the same results."""

from __future__ import annotations

from typing import Any

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def load(text: str) -> Any:
    return yaml.load(text, Loader=SAFE_LOADER)


def dump(data: Any, **options: Any) -> str:
    """``data`` as PyYAML's pure-Python ``safe_dump`` writes it, byte for byte. libyaml
    escapes some characters the pure emitter writes as they are (emoji, U+0085), so the
    same bytes on every machine: its text unless it holds a backslash, then the pure one's."""
    text: str = yaml.dump(data, Dumper=_FAST_DUMPER, **options)
    if "\\" in text:
        text = yaml.dump(data, Dumper=yaml.SafeDumper, **options)
    return text
