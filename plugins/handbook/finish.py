"""What a site needs after the engine rendered it, whatever the engine.

The contributed regions of a page (between the markers ``site`` put around a chapter's or
the home page's text) are sanitised; a chapter's techniques are anchored in its region,
with their "also in" notes, and the checklist banner goes before it. The same function
serves the MkDocs plugin (on a page's content) and ``handbook build`` (on a built file).
Then the pages made from data go into their shells (``put_generated``), after the engine
has finished, for MkDocs as for Zensical.
"""

from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import anchoring, catalogue, pages, safety, sanitise, site
from .errors import HandbookError
from .pipeline import Handbook
from .render import Renderer

ARTICLE_END = "</article>"


@dataclass
class Finishing:
    """What the finishing step adds to a built site, made from the pass while the engine
    may still be rendering: each chapter's banner and "also in" notes, the generated
    pages, and ``techniques.json``."""

    handbook: Handbook
    marks: dict[Path, tuple[str, dict[str, str]]]  # chapter file -> its banner, its notes by anchor
    generated: list[site.Generated]
    techniques_json: str


def prepare(handbook: Handbook, renderer: Renderer, marker: str) -> Finishing:
    """Everything the finishing step adds, for the shells of ``marker`` (``Tree.marker``)."""
    marks = {}
    for chapter in handbook.chapters:
        page_url = catalogue.chapter_url(chapter.slug)
        kinds = {technique.anchor: technique.kind for technique in chapter.techniques}
        notes = {
            anchor: renderer.also_in(places, block=kinds[anchor] == "heading")
            for anchor, places in pages.also_in(chapter, handbook, page_url).items()
        }
        link = pages.relative_url(catalogue.checklist_url(chapter.slug), page_url)
        banner = renderer.chapter_banner(len(chapter.techniques), link) if chapter.techniques else ""
        marks[chapter.path] = (banner, notes)
    return Finishing(handbook, marks, site.generated(handbook, renderer, marker), catalogue.to_json(handbook))


def regions(html: str, nonce: str) -> list[tuple[int, int]]:
    """Where the contributed regions of ``html`` are, markers included. A region whose end
    marker the contributed HTML swallowed runs to the end of the article (or the text)."""
    found = []
    position = 0
    opening, closing = site.begin(nonce), site.end(nonce)
    while (start := html.find(opening, position)) >= 0:
        stop = html.find(closing, start)
        if stop < 0:
            article_end = html.find(ARTICLE_END, start)
            stop = article_end if article_end >= 0 else len(html)
        else:
            stop += len(closing)
        found.append((start, stop))
        position = stop
    return found


def page(html: str, page: site.Page, finishing: Finishing) -> tuple[str, list[str]]:
    """``html`` (a whole page or its content) with its contributed regions made safe and,
    on a chapter page, its techniques anchored with their notes and the checklist banner
    before them; and the anchors placed."""
    spans = regions(html, page.nonce) if page.nonce else []
    if not spans:
        return html, []
    chapter = finishing.handbook.by_path.get(page.source) if page.source and page.kind == "chapter" else None
    pieces: list[str] = []
    placed: list[str] = []
    position = 0
    for start, stop in spans:
        clean = sanitise.clean(html[start:stop])
        if chapter is not None:
            banner, notes = finishing.marks[chapter.path]
            clean, anchors = anchoring.mark(clean, chapter.techniques, notes)
            clean = banner + clean
            placed += anchors
        pieces += [html[position:start], clean]
        position = stop
    pieces.append(html[position:])
    return "".join(pieces), placed


def built_site(site_dir: Path, tree: site.Tree, finishing: Finishing) -> None:
    """Finish a site an engine built from ``tree``: every page's contributed regions, the
    Content-Security-Policy of every HTML file, the generated pages in their shells, and
    the search index's texts."""
    by_url = {page.url: page for page in tree.pages}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        url = relative[: -len("index.html")] if relative.endswith("index.html") else relative
        text = path.read_text(encoding="utf-8")
        tree_page = by_url.get(url)
        if tree_page is not None:
            text, _ = page(text, tree_page, finishing)
        # Contributed regions are sanitised by now: every inline script left is the theme's.
        path.write_text(safety.with_content_security_policy(text, ""), encoding="utf-8")
    put_generated(site_dir, tree, finishing)
    for index in [site_dir / "search.json", site_dir / "search" / "search_index.json"]:
        if index.is_file():
            index.write_text(clean_search_index(index.read_text(encoding="utf-8")), encoding="utf-8")


def put_generated(site_dir: Path, tree: site.Tree, finishing: Finishing) -> None:
    """Put every generated page into its shell, which the engine built (with its policy):
    one file per page; the sitemap lists them where their shell stood, the shells that
    stand for a kind of page are removed, and ``techniques.json`` is written."""
    generated = finishing.generated
    shells = {page.url: read_shell(site_dir, page.url, tree.marker) for page in tree.pages if page.kind == "shell"}
    for each in generated:
        write(site_dir / each.url / "index.html", filled(shells[each.shell], each, tree.marker))
    made_from: dict[str, list[str]] = {url: [] for url in shells}
    for each in generated:
        made_from[each.shell].append(each.url)
    standing = {url: urls for url, urls in made_from.items() if tree.marker in url}
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        text = listed(sitemap.read_text(encoding="utf-8"), tree.marker, standing)
        write(sitemap, text)
        if (site_dir / "sitemap.xml.gz").is_file():
            (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    for url in standing:
        shutil.rmtree(site_dir / url)
    write(site_dir / "techniques.json", finishing.techniques_json)


def read_shell(site_dir: Path, url: str, marker: str) -> str:
    path = site_dir / url / "index.html"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if site.content_marker(marker) not in text:
        raise HandbookError(
            "the engine did not build the page the generated pages are put in, or dropped its marker",
            path=path,
            fix="build with an engine the handbook supports (mkdocs, properdocs, zensical)",
        )
    return text


def filled(shell: str, generated: site.Generated, marker: str) -> str:
    """``shell`` with the generated page's content, title, description and URL; the shell's
    marker is a digest of every chapter, so no text of the page can contain it."""
    text = shell.replace(site.content_marker(marker), generated.html, 1)
    text = text.replace(site.title_token(marker), safety.template_text(generated.title))
    text = text.replace(site.description_token(marker), safety.template_text(generated.description))
    return text.replace(marker, last_segment(generated.url))


def last_segment(url: str) -> str:
    return url.rstrip("/").rpartition("/")[2]


def listed(sitemap: str, marker: str, pages_of: dict[str, list[str]]) -> str:
    """The sitemap with the entry of each shell that stands for a kind of page replaced by
    one entry per page made from it."""
    pieces: list[str] = []
    position = 0
    while (at := sitemap.find(marker, position)) != -1:
        start, end = sitemap.rfind("<url>", position, at), sitemap.find("</url>", at)
        entry = sitemap[start : end + len("</url>")] if start != -1 and end != -1 else ""
        urls = next((urls for shell, urls in pages_of.items() if shell in entry), None)
        if urls is None:
            raise HandbookError(
                "the engine's sitemap names the shell of the generated pages where an entry was expected",
                path="sitemap.xml",
                fix="build with an engine the handbook supports (mkdocs, properdocs, zensical)",
            )
        end += len("</url>")
        line_start = max(sitemap.rfind("\n", position, start), position)
        separator = sitemap[line_start:start] or "\n"
        entries = separator.join(entry.replace(marker, last_segment(url)) for url in urls)
        pieces += [sitemap[position:start] if urls else sitemap[position:line_start], entries]
        position = end
    pieces.append(sitemap[position:])
    return "".join(pieces)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def clean_search_index(text: str) -> str:
    """The search index with every text sanitised: search results show it as HTML."""
    data = json.loads(text)
    for item in data.get("items", data.get("docs", [])):
        for key in ("text", "title"):
            if isinstance(item.get(key), str):
                item[key] = sanitise.clean(item[key])
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
