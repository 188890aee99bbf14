"""YAML read and written by libyaml where PyYAML has it (its wheels do): many times faster
than the pure-Python parser and emitter on the lock file and on every page's front matter,
with the same results."""

from __future__ import annotations

import re
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


# A string PyYAML reads back as the same string when written as it is in block context:
# words of letters, digits and ``,.'()/&+#-`` (a "#" never opening a word), one space apart,
# starting with a letter; YAML 1.1's booleans and null are quoted.
_PLAIN = re.compile(r"[^\W\d_][\w,.'()/&+#-]*(?: [\w,.'()/&+-][\w,.'()/&+#-]*)*")
_NOT_STRINGS = frozenset({"yes", "no", "true", "false", "on", "off", "null", "y", "n"})
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_ESCAPES = {"\0": "0", "\t": "t", "\n": "n", "\r": "r", '"': '"', "\\": "\\", "\x85": "N", "\u2028": "L", "\u2029": "P"}


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``: plain where that is
    safe, else double-quoted with escapes. For files with a fixed shape written often (the
    lock file), where PyYAML's representer costs more than the rest of a warm pass."""
    if _PLAIN.fullmatch(text) and text.lower() not in _NOT_STRINGS:
        return text
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _ESCAPES:
        return "\\" + _ESCAPES[character]
    return f"\\x{ord(character):02x}" if ord(character) < 0x100 else f"\\u{ord(character):04x}"
