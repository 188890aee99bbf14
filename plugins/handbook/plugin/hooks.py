"""MkDocs hooks: hand MkDocs the core's docs tree instead of the docs folder, and finish
each rendered page with the core's functions. No logic of the handbook lives here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .. import files, finish, pipeline, safety, site
from ..errors import HandbookError
from ..render import Renderer
from .config import HandbookConfig

log = get_plugin_logger(__name__)


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("the handbook plugin needs 'use_directory_urls: true' in mkdocs.yml")
        # MkDocs follows symbolic links while it lists the docs folder (a loop, or a link out
        # of the repository): refuse them before it does.
        links = files.symlinks(Path(config.docs_dir))
        if links:
            raise PluginError("\n".join(str(problem) for problem in links))
        try:
            self.renderer = Renderer(Path(config.config_file_path).parent / self.config.templates)
        except HandbookError as error:
            raise PluginError(str(error)) from None
        config.extra_css.append(site.STYLESHEET)
        config.extra_javascript.append(site.SCRIPT)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir)
        base = Path(config.config_file_path).parent
        self.handbook = pipeline.load(docs, base / self.config.editorial, templates=base / self.config.templates)
        for problem in self.handbook.problems:
            log.warning(str(problem))
        self.tree = site.tree(self.handbook.sources, self.renderer)
        self.finishing = finish.prepare(self.handbook, self.renderer, self.tree.marker)
        # The site is the tree: nothing of the docs folder reaches MkDocs unchecked (MkDocs
        # would copy a stray file, or read a chapter a second time).
        for file in [file for file in files if file.generated_by is None and is_in(file.abs_src_path, docs)]:
            files.remove(file)
        self.pages: dict[str, site.Page] = {}
        self.pages_by_path = {page.path: page for page in self.tree.pages}
        for tree_page in self.tree.pages:
            # A chapter keeps its file name, so MkDocs resolves links between chapter files.
            uri = tree_page.source.name if tree_page.kind == "chapter" and tree_page.source else tree_page.path
            file = File.generated(config, uri, content=tree_page.text)
            file.dest_uri, file.url = f"{tree_page.url}index.html", tree_page.url
            if tree_page.source is not None:
                file.edit_uri = tree_page.source.name
            if not tree_page.in_nav:
                file.inclusion = InclusionLevel.NOT_IN_NAV
            files.append(file)
            self.pages[uri] = tree_page
        for path, source in self.tree.copies.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        config.nav = self.mkdocs_nav(self.tree.nav)
        return files

    def mkdocs_nav(self, nav: Any) -> Any:
        """The tree's navigation with the file names MkDocs knows the pages by."""
        if isinstance(nav, list):
            return [self.mkdocs_nav(item) for item in nav]
        if isinstance(nav, dict):
            return {title: self.mkdocs_nav(item) for title, item in nav.items()}
        page = self.pages_by_path[nav]
        return page.source.name if page.kind == "chapter" and page.source else page.path

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The theme prints some front matter unescaped: only the tree's own keys are kept.
        meta = dict(page.meta)
        page.meta = {**safety.chapter_meta(meta), **({"search": meta["search"]} if "search" in meta else {})}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        tree_page = self.pages.get(page.file.src_uri)
        if tree_page is None:
            return html
        html, placed = finish.page(html, tree_page, self.finishing)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= set(placed)
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return safety.with_content_security_policy(output, page.content or "")

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Static pages such as 404.html get the same policy."""
        if template_name.endswith(".html"):
            return safety.with_content_security_policy(output_content, "")
        return output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            finish.put_generated(Path(config.site_dir), self.tree, self.finishing)
        except HandbookError as error:
            raise PluginError(str(error)) from None
        pipeline.record_ids(self.handbook)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> None:
        """`mkdocs serve` rebuilds when the editorial file or a template changes, too."""
        base = Path(config.config_file_path).parent
        for path in (base / self.config.editorial, base / self.config.templates):
            if path.exists():
                server.watch(str(path))


def is_in(path: str | None, folder: Path) -> bool:
    return path is not None and Path(path).is_relative_to(folder)
