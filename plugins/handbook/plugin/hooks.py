"""MkDocs hooks: hand MkDocs the one pass's chapters and generated pages, finish each
rendered page with the core's functions. No logic of the handbook lives here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .. import catalogue, finish, frontmatter, pages, pipeline, safety
from ..errors import HandbookError
from ..model import Chapter
from ..render import Renderer
from .config import HandbookConfig

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent.parent / "assets"
ASSET_URIS = {"stylesheet": "assets/handbook/handbook.css", "script": "assets/handbook/checklist.js"}
MARKER = "<!-- handbook:content -->"


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("the handbook plugin needs 'use_directory_urls: true' in mkdocs.yml")
        try:
            self.renderer = Renderer(Path(config.config_file_path).parent / self.config.templates)
        except HandbookError as error:
            raise PluginError(str(error)) from None
        config.extra_css.append(ASSET_URIS["stylesheet"])
        config.extra_javascript.append(ASSET_URIS["script"])
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        docs = Path(config.docs_dir)
        self.handbook = pipeline.load(docs, Path(config.config_file_path).parent / self.config.editorial)
        for problem in self.handbook.problems:
            log.warning(str(problem))
        self.chapter_by_uri = {chapter.path.name: chapter for chapter in self.handbook.chapters}
        published = {uri for uri in self.chapter_by_uri} | {
            path.relative_to(docs).as_posix() for path in self.handbook.assets
        }
        if self.handbook.home is not None:
            published.add(self.handbook.home.name)
        # Only what the one pass read and accepted is published: a refused or unreadable
        # file never reaches MkDocs, which would read or copy it unchecked.
        for file in list(files):
            if file.generated_by is None and is_in(file.abs_src_path, docs) and file.src_uri not in published:
                files.remove(file)
        self.generated: dict[str, Callable[[Page], str]] = {}
        for chapter in self.handbook.chapters:
            chapter_file = files.get_file_from_path(chapter.path.name)
            if chapter_file is not None:
                # MkDocs takes the text from here instead of reading the file again.
                meta = frontmatter.dump(safety.chapter_meta(chapter_meta(chapter)))
                chapter_file.content_string = meta + chapter_body(chapter)
                serve_at(chapter_file, catalogue.chapter_url(chapter.slug))
            self.add_page(
                files,
                config,
                f"checklists/{chapter.path.name}",  # numbered, so the navigation keeps chapter order
                catalogue.checklist_url(chapter.slug),
                {
                    "title": f"Checklist: {chapter.title}",
                    "description": f"A printable checklist of the techniques in {chapter.title}.",
                },
                self.chapter_checklist(chapter),
            )
        self.add_page(
            files,
            config,
            "technique-index.md",
            catalogue.INDEX_URL,
            {
                "title": "Technique index",
                "description": "Every distinct technique of the Networking Handbook, A to Z, "
                "with the chapters that cover it.",
            },
            lambda page: self.renderer.technique_index(pages.index_view(self.handbook, page.url)),
        )
        self.add_page(
            files,
            config,
            "checklists/index.md",
            catalogue.CHECKLIST_URL,
            {
                "title": "Checklist of the whole handbook",
                "description": "Every technique of the Networking Handbook in one printable checklist.",
            },
            self.handbook_checklist,
        )
        for uri in ASSET_URIS.values():
            files.append(File.generated(config, uri, abs_src_path=str(ASSETS / Path(uri).name)))
        return files

    def add_page(
        self,
        files: Files,
        config: MkDocsConfig,
        uri: str,
        url: str,
        meta: dict[str, str],
        content: Callable[[Page], str],
    ) -> None:
        """Add a generated page at ``url``; ``content`` renders what replaces its MARKER."""
        file = File.generated(config, uri, content=frontmatter.dump(meta) + f"\n{MARKER}\n")
        serve_at(file, url)
        files.append(file)
        self.generated[uri] = content

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        page.meta = safety.chapter_meta(dict(page.meta))
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            return html.replace(MARKER, self.generated[page.file.src_uri](page))
        chapter = self.chapter_by_uri.get(page.file.src_uri)
        if chapter is None:  # the home page: contributed too, so sanitised too
            return finish.home(html, self.renderer.chapter_list(pages.home_chapters(self.handbook, page.url)))
        html, placed = finish.chapter(html, chapter, self.handbook, page.url, self.renderer)
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

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> None:
        """`mkdocs serve` rebuilds when the editorial file or a template changes, too."""
        base = Path(config.config_file_path).parent
        for path in (base / self.config.editorial, base / self.config.templates):
            if path.exists():
                server.watch(str(path))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        target = Path(config.site_dir) / "techniques.json"
        target.write_text(catalogue.to_json(self.handbook), encoding="utf-8")

    # --- what the hooks render ---------------------------------------------------------

    def chapter_checklist(self, chapter: Chapter) -> Callable[[Page], str]:
        def render(page: Page) -> str:
            view = pages.checklist_chapter(chapter, self.handbook, page.url)
            return self.renderer.checklist(view, page.canonical_url or page.url)

        return render

    def handbook_checklist(self, page: Page) -> str:
        views = [pages.checklist_chapter(chapter, self.handbook, page.url) for chapter in self.handbook.chapters]
        return self.renderer.handbook_checklist(views, page.canonical_url or page.url)


def chapter_meta(chapter: Chapter) -> dict[str, str]:
    return {"title": chapter.title, "description": chapter.description}


def chapter_body(chapter: Chapter) -> str:
    """The chapter's Markdown below its front matter, as the file has it."""
    return "\n" + "\n".join(chapter.source.split("\n")[chapter.body_line - 1 :])


def is_in(path: str | None, folder: Path) -> bool:
    return path is not None and Path(path).is_relative_to(folder)


def serve_at(file: File, url: str) -> None:
    """Serve ``file`` at the site-relative directory ``url`` instead of its path's URL."""
    file.dest_uri = f"{url}index.html"
    file.url = url
