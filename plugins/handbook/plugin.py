"""The MkDocs plugin: hooks only; the work is done by modules that do not import MkDocs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import catalogue, check, frontmatter, pages, safety
from .config import HandbookConfig
from .errors import HandbookError
from .render import Renderer

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
ASSET_URIS = {"stylesheet": "assets/handbook/handbook.css", "script": "assets/handbook/checklist.js"}
MARKER = "<!-- handbook:content -->"
HOME_MARKER = "<!-- handbook:chapters -->"


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
        editorial_file = Path(config.config_file_path).parent / self.config.editorial
        self.catalogue, problems = catalogue.load(Path(config.docs_dir), editorial_file)
        reported = set()
        for problem in check.check([Path(config.docs_dir)]) + problems:
            if str(problem) not in reported:
                reported.add(str(problem))
                log.warning(str(problem))
        self.chapter_by_uri = {read.chapter.path.name: read for read in self.catalogue.chapters}
        # Generated pages, by source URI: what replaces MARKER in each.
        self.generated: dict[str, Callable[[Page], str]] = {}
        for read in self.catalogue.chapters:
            chapter = read.chapter
            file = files.get_file_from_path(chapter.path.name)
            if file is not None:
                serve_at(file, catalogue.chapter_url(chapter.slug))
            self.add_page(
                files,
                config,
                f"checklists/{chapter.path.name}",  # numbered, so the navigation keeps chapter order
                catalogue.checklist_url(chapter.slug),
                {
                    "title": f"Checklist: {chapter.title}",
                    "description": f"A printable checklist of the techniques in {chapter.title}.",
                },
                self.chapter_checklist(read),
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
            lambda page: self.renderer.technique_index(pages.index_view(self.catalogue, page.url)),
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
        read = self.chapter_of(page)
        if read is not None or page.file.src_uri in self.generated:
            page.meta = safety.chapter_meta(page.meta)
        if read is None:
            return markdown
        kinds = {technique.anchor: technique.kind for technique in read.techniques}
        notes = {
            anchor: self.renderer.also_in(places, block=kinds[anchor] == "heading")
            for anchor, places in pages.also_in(read, self.catalogue, page.url).items()
        }
        return pages.mark_techniques(read.chapter.body, read.techniques, notes)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            return html.replace(MARKER, self.generated[page.file.src_uri](page))
        if HOME_MARKER in html:
            return html.replace(HOME_MARKER, self.home_list(page))
        read = self.chapter_of(page)
        if read is None:
            return html
        html = safety.neutralise_links(html)
        if read.techniques:
            link = pages.relative_url(catalogue.checklist_url(read.chapter.slug), page.url)
            html = self.renderer.chapter_banner(len(read.techniques), link) + html
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
        target.write_text(catalogue.to_json(self.catalogue), encoding="utf-8")

    # --- what the hooks render ---------------------------------------------------------

    def chapter_of(self, page: Page) -> catalogue.ChapterTechniques | None:
        return self.chapter_by_uri.get(page.file.src_uri)

    def chapter_checklist(self, read: catalogue.ChapterTechniques) -> Callable[[Page], str]:
        def render(page: Page) -> str:
            chapter = pages.checklist_chapter(read, self.catalogue, page.url)
            return self.renderer.checklist(chapter, page.canonical_url or page.url)

        return render

    def handbook_checklist(self, page: Page) -> str:
        chapters = [pages.checklist_chapter(read, self.catalogue, page.url) for read in self.catalogue.chapters]
        return self.renderer.handbook_checklist(chapters, page.canonical_url or page.url)

    def home_list(self, page: Page) -> str:
        return self.renderer.chapter_list(pages.home_chapters(self.catalogue, page.url))


def serve_at(file: File, url: str) -> None:
    """Serve ``file`` at the site-relative directory ``url`` instead of its path's URL."""
    file.dest_uri = f"{url}index.html"
    file.url = url
