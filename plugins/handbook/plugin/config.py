"""Options of the ``handbook`` MkDocs plugin (``plugins: - handbook: ...`` in mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config import config_options as options
from mkdocs.config.base import Config


class HandbookConfig(Config):
    # Jinja2 templates for the pages the plugin generates, relative to mkdocs.yml.
    templates = options.Type(str, default="templates")
    # The editor's corrections to the technique index (see the README), relative to mkdocs.yml.
    editorial = options.Type(str, default="editorial.yml")
