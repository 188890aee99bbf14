"""Chapters are untrusted: the walls around what the sanitiser does not see.

A chapter's rendered body is cleaned by ``sanitise``. What is left, and handled here:
front matter that the theme prints unescaped in its templates (titles and descriptions,
made plain text), and a Content-Security-Policy that allows the theme's own scripts only,
a second wall should anything slip past the sanitiser.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import Any

from .sanitise import find_name

# Front matter keys a chapter may set; others (template, hide, icon, ...) steer the theme.
CHAPTER_META_KEYS = ("title", "description")

SRC_ATTRIBUTE = re.compile(r"\bsrc\s*=", re.I)


def template_text(value: Any) -> str:
    """``value`` as text the theme can print without escaping it: entities for ``&`` and
    quotes, and no angle brackets at all (Jinja's ``striptags`` would turn entities for
    them back into tags)."""
    text = " ".join(str(value).split())
    return html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=True)


def chapter_meta(meta: dict[str, Any]) -> dict[str, str]:
    """The front matter a page may show: title and description only, made safe."""
    return {key: template_text(meta[key]) for key in CHAPTER_META_KEYS if meta.get(key) is not None}


def with_content_security_policy(page: str, content: str) -> str:
    """``page`` with a Content-Security-Policy that lets only the site's own script files and
    the theme's inline scripts run. Inline scripts are allowed by hash, and only those
    outside ``content`` (the chapter's rendered text), so a chapter can never add one."""
    theme_part = page.replace(content, "") if content else page
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for attributes, body in inline_scripts(theme_part)
            if "application/json" not in attributes and not SRC_ATTRIBUTE.search(attributes)
        }
    )
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(hashes),
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    start = find_name(page, "<head")
    end = page.find(">", start) if start != -1 else -1
    return page[: end + 1] + meta + page[end + 1 :] if end != -1 else page


def inline_scripts(page: str) -> list[tuple[str, str]]:
    """``(attributes, body)`` of each ``<script>`` element of ``page``, found in one pass
    (literal searches from a position that only moves forward: linear, unlike a pattern
    that spans the element)."""
    found = []
    position = 0
    while (start := find_name(page, "<script", position)) != -1:
        close = page.find(">", start)
        end = find_name(page, "</script>", close) if close != -1 else -1
        if end == -1:
            break
        found.append((page[start + len("<script") : close], page[close + 1 : end]))
        position = end + len("</script>")
    return found
