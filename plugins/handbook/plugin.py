"""The MkDocs plugin: hooks only; the work is done by modules that do not import MkDocs."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import chapters
from .config import HandbookConfig
from .errors import HandbookError
from .render import Renderer

log = get_plugin_logger(__name__)

HOME_MARKER = "<!-- handbook:chapters -->"


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.docs_dir = Path(config.docs_dir)
        self.renderer = Renderer(Path(config.config_file_path).parent / self.config.templates)
        self.chapters: list[chapters.Chapter] = []
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.chapters = []
        for path in chapters.chapter_paths(self.docs_dir):
            try:
                self.chapters.append(chapters.load_chapter(path))
            except HandbookError as error:
                log.warning(str(error))
        if self.config.drop_number_from_urls:
            for chapter in self.chapters:
                file = files.get_file_from_path(chapter.path.name)
                if file is not None:
                    file.dest_uri = posixpath.join(chapter.slug, "index.html") if file.use_directory_urls else f"{chapter.slug}.html"
                    file.url = f"{chapter.slug}/" if file.use_directory_urls else f"{chapter.slug}.html"
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if HOME_MARKER not in html:
            return html
        entries = [
            {"title": chapter.title, "description": chapter.description, "url": page_link(page, files, chapter)}
            for chapter in self.chapters
        ]
        return html.replace(HOME_MARKER, self.renderer.chapter_list(entries))


def page_link(page: Page, files: Files, chapter: chapters.Chapter) -> str:
    """The link from ``page`` to ``chapter``'s page, relative as MkDocs writes links."""
    file = files.get_file_from_path(chapter.path.name)
    return file.url_relative_to(page.file) if file is not None else "#"
