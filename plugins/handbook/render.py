"""The Jinja2 environment that renders everything the plugin generates from ``templates/``.

Chapter text is untrusted, so the environment autoescapes every value: a title such as
``<script>`` reaches the page as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from .errors import HandbookError


class Renderer:
    def __init__(self, templates: Path) -> None:
        if not templates.is_dir():
            raise HandbookError("the templates folder is missing", path=templates, fix="set 'templates' in mkdocs.yml")
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, template: str, **context: Any) -> str:
        return self.environment.get_template(template).render(**context)

    def chapter_list(self, chapters: list[dict[str, str]]) -> str:
        """The home page's list of chapters: ``title``, ``description`` and ``url`` each."""
        return self.render("home-chapters.html", chapters=chapters)

    def chapter_banner(self, count: int, checklist_url: str) -> str:
        return self.render("chapter-banner.html", count=count, checklist_url=checklist_url)

    def checklist(self, chapter: dict[str, Any], page_url: str) -> str:
        return self.render("checklist.html", chapter=chapter, page_url=page_url)

    def plan(self, plan: dict[str, Any], page_url: str) -> str:
        """ "My plan": ``plan.plan_view``'s items, one checkbox per index entry."""
        return self.render("plan.html", plan=plan, page_url=page_url)

    def also_in(self, places: list[dict[str, Any]], *, block: bool) -> str:
        """ "Also in: <chapter title>, <chapter title>" after a technique; a paragraph under a heading."""
        return self.render("also-in.html", places=places, block=block)

    def technique_index(self, view: dict[str, Any]) -> str:
        return self.render("technique-index.html", **view)
