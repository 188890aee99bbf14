"""Chapters are untrusted: what keeps anything a chapter says from running as script.

The normal form already writes ``<``, ``>`` and ``&`` as entities, so a chapter's body
cannot hold HTML. What is left, and handled here: front matter that the theme prints
unescaped, Markdown links to ``javascript:`` URLs, a Content-Security-Policy that allows
the theme's own scripts only, and finding script-capable HTML for ``handbook check``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from typing import Any

# Front matter keys a chapter may set; others (template, hide, icon, ...) steer the theme.
CHAPTER_META_KEYS = ("title", "description")

LINK_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
DANGEROUS_SCHEME = re.compile(r"^(?:javascript|vbscript|data):", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)

SCRIPT_CAPABLE = (
    (
        re.compile(r"<\s*(script|iframe|object|embed|style|link|meta|base|form|svg|math)\b", re.I),
        "an HTML <{0}> element",
    ),
    (re.compile(r"<[^>]*\s(on[a-z]+)\s*=", re.I), "an event-handler attribute ({0}=)"),
    (re.compile(r"(javascript|vbscript)\s*:", re.I), "a {0}: URL"),
    (re.compile(r"\]\(\s*(data):", re.I), "a {0}: URL"),
)


def template_text(value: Any) -> str:
    """``value`` as text the theme can print without escaping it: entities for ``&`` and
    quotes, and no angle brackets at all (Jinja's ``striptags`` would turn entities for
    them back into tags)."""
    text = " ".join(str(value).split())
    return html.escape(text.replace("<", "\u2039").replace(">", "\u203a"), quote=True)


def chapter_meta(meta: dict[str, Any]) -> dict[str, str]:
    """The front matter a page may show: title and description only, made safe."""
    return {key: template_text(meta[key]) for key in CHAPTER_META_KEYS if meta.get(key) is not None}


def neutralise_links(content: str) -> str:
    """Rendered chapter HTML with links and images to script URLs pointed at nothing."""

    def replace(match: re.Match[str]) -> str:
        url = re.sub(r"[\x00-\x20]", "", html.unescape(match.group(2)))
        return f'{match.group(1)}="#"' if DANGEROUS_SCHEME.match(url) else match.group(0)

    return LINK_ATTRIBUTE.sub(replace, content)


def with_content_security_policy(page: str, content: str) -> str:
    """``page`` with a Content-Security-Policy that lets only the site's own script files and
    the theme's inline scripts run. Inline scripts are allowed by hash, and only those
    outside ``content`` (the chapter's rendered text), so a chapter can never add one."""
    theme_part = page.replace(content, "") if content else page
    hashes = sorted(
        {
            "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
            for attributes, body in INLINE_SCRIPT.findall(theme_part)
            if "application/json" not in attributes
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
    return HEAD.sub(lambda match: match.group(0) + meta, page, count=1)


def script_capable_html(text: str) -> list[tuple[int, str]]:
    """``(line, what)`` for every piece of ``text`` that could run script as HTML."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for pattern, description in SCRIPT_CAPABLE:
            # Unescaped too: "&#106;avascript:" in a link is still javascript: to a browser.
            matches = {m.group(1).lower() for text in (line, html.unescape(line)) for m in pattern.finditer(text)}
            found.extend((number, description.format(what)) for what in sorted(matches))
    return found
