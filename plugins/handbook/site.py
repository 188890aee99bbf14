"""The handbook as a plain docs tree that any engine builds (MkDocs, ProperDocs, Zensical),
and the pages made from its data, which the finishing step puts into the built site.

The engine renders what needs the theme around Markdown: the home page and the chapter
pages (the contributed text between markers, for the finishing step to sanitise and anchor
after rendering), and one *shell* per kind of generated page: the theme around a marker,
at the page's own URL (My plan, the technique index) or standing for every page of its
kind (``checklists/<marker>/``, ``technique-index/<marker>/``). The checklists, My plan and
the index pages are HTML rendered from data by autoescaped templates; the finishing step
puts each into its shell, so an engine renders a handful of generated pages, not one per
chapter. The engine's tree needs only the chapter files (``pipeline.Sources``), so an
engine can render it while the rest of the pass runs; the generated pages need the index.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from . import catalogue, frontmatter, pages, plan, safety
from .model import ChapterFile
from .pipeline import Handbook, Sources
from .render import Renderer

ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/handbook/handbook.css"
SCRIPT = "assets/handbook/checklist.js"
HOME_LIST = "<!-- handbook:chapters -->"
INDEX_PAGE = "technique-index.md"
PLAN_PAGE = "checklists/index.md"
NAV_SECTION = 50

PageKind = Literal["chapter", "home", "shell"]


@dataclass(frozen=True)
class Page:
    """One Markdown page of the tree.

    ``path`` is where it stands in the tree (its URL with directory URLs is ``url``);
    ``source`` is the contributed file it comes from, for "edit this page" links;
    ``nonce`` marks the contributed regions of its text (see ``begin``/``end``).
    """

    path: str
    url: str
    text: str
    kind: PageKind
    source: Path | None = None
    nonce: str = ""
    in_nav: bool = True


@dataclass
class Tree:
    """What the engine builds: its pages, the files it copies, its navigation, and the
    marker of the shells (a digest of every chapter, so no chapter can contain it)."""

    pages: list[Page]
    copies: dict[str, Path]  # tree path -> file to copy as it is (images, script, stylesheet)
    nav: list[Any]  # the ``nav`` of mkdocs.yml
    marker: str


@dataclass(frozen=True)
class Generated:
    """A page rendered from the handbook's data, put into ``shell`` (a URL of the tree's)
    after the engine has built it: its title and description (made safe), and its HTML."""

    url: str
    shell: str
    title: str
    description: str
    html: str


def nonce_of(text: str) -> str:
    """A marker no text can contain about itself: the digest of the text it marks."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def begin(nonce: str) -> str:
    return f"<!-- handbook:begin {nonce} -->"


def end(nonce: str) -> str:
    return f"<!-- handbook:end {nonce} -->"


def contributed(markdown: str, nonce: str) -> str:
    """``markdown`` between the markers of a contributed region, as blocks of their own."""
    return f"{begin(nonce)}\n\n{markdown.strip()}\n\n{end(nonce)}\n"


def content_marker(marker: str) -> str:
    """Where a shell's content goes: a comment every engine passes through."""
    return f"<!-- handbook:generated {marker} -->"


def title_token(marker: str) -> str:
    return f"{marker}-title"


def description_token(marker: str) -> str:
    return f"{marker}-description"


def page_text(meta: dict[str, Any], body: str) -> str:
    return frontmatter.dump(meta) + "\n" + body


def chapter_page(chapter: ChapterFile) -> Page:
    nonce = nonce_of(chapter.source)
    meta = safety.chapter_meta({"title": chapter.title, "description": chapter.description})
    return Page(
        path=f"{chapter.slug}.md",
        url=catalogue.chapter_url(chapter.slug),
        text=page_text(meta, contributed(chapter.body, nonce)),
        kind="chapter",
        source=chapter.path,
        nonce=nonce,
    )


def home_page(sources: Sources, renderer: Renderer) -> Page:
    """The contributed home page, with the list of chapters where it asks for it."""
    meta, body = sources.home_page
    nonce = nonce_of(body)
    chapter_list = renderer.chapter_list(pages.home_chapters(sources.chapters, ""))
    parts = body.split(HOME_LIST) if HOME_LIST in body else [body, ""]
    text = ("\n" + chapter_list + "\n\n").join(contributed(part, nonce) for part in parts)
    return Page(
        "index.md",
        "",
        page_text(safety.chapter_meta({"title": "Home", **meta}), text),
        "home",
        source=sources.home,
        nonce=nonce,
    )


def shell(path: str, url: str, marker: str, meta: dict[str, str] | None = None) -> Page:
    """The theme around a marker: one generated page at ``url`` with its own ``meta``, or,
    without, a page standing for every page of its kind (title and description tokens).
    Generated pages stay out of the search index (they repeat chapter text)."""
    in_nav = meta is not None
    meta = meta or {"title": title_token(marker), "description": description_token(marker)}
    meta_data: dict[str, Any] = {**safety.chapter_meta(meta), "search": {"exclude": True}}
    return Page(path, url, page_text(meta_data, f"\n{content_marker(marker)}\n"), "shell", in_nav=in_nav)


PLAN_META = {
    "title": "My plan",
    "description": "Every distinct technique of the Networking Handbook once, with how each chapter words it: "
    "tick, filter, print.",
}
INDEX_META = {
    "title": "Technique index",
    "description": "Every distinct technique of the Networking Handbook, A to Z, with the chapters that cover it.",
}


def chapter_nav(paths: list[str]) -> list[Any]:
    """The chapters in the navigation; a long list in sections of ``NAV_SECTION`` chapters,
    so that (with Material's ``navigation.prune``) a page carries one section, not all."""
    if len(paths) <= NAV_SECTION:
        return list(paths)
    return [
        {f"Chapters {start + 1}\u2013{min(start + NAV_SECTION, len(paths))}": paths[start : start + NAV_SECTION]}
        for start in range(0, len(paths), NAV_SECTION)
    ]


def tree(sources: Sources, renderer: Renderer) -> Tree:
    """What the engine builds: the home page, the chapter pages, the shells, the files to
    copy, and the navigation. Needs the chapter files only, not the pass."""
    marker = "s" + nonce_of("\n".join(chapter.source for chapter in sources.chapters) + sources.home_page[1])
    chapter_pages = [chapter_page(chapter) for chapter in sources.chapters]
    shells = [
        shell(PLAN_PAGE, catalogue.CHECKLIST_URL, marker, PLAN_META),
        shell(INDEX_PAGE, catalogue.INDEX_URL, marker, INDEX_META),
        shell(f"checklists/{marker}.md", catalogue.checklist_url(marker), marker),
        shell(f"{catalogue.index_page_url(marker)}index.md", catalogue.index_page_url(marker), marker),
    ]
    copies = {asset.relative_to(sources.docs_dir).as_posix(): asset for asset in sources.assets}
    copies[STYLESHEET] = ASSETS / Path(STYLESHEET).name
    copies[SCRIPT] = ASSETS / Path(SCRIPT).name
    nav = [
        {"Home": "index.md"},
        {"Chapters": chapter_nav([page.path for page in chapter_pages])},
        {"My plan": PLAN_PAGE},
        {"Technique index": INDEX_PAGE},
    ]
    return Tree([home_page(sources, renderer), *chapter_pages, *shells], copies, nav, marker)


def generated(handbook: Handbook, renderer: Renderer, marker: str) -> list[Generated]:
    """The pages made from the handbook's data, each with the URL of its shell: a checklist
    per chapter, My plan, and the technique index (one page, or a front page and a page per
    letter when long)."""
    checklist_shell = catalogue.checklist_url(marker)
    result = []
    for chapter in handbook.chapters:
        url = catalogue.checklist_url(chapter.slug)
        view = plan.chapter_checklist(chapter, handbook, url)
        result.append(
            Generated(
                url,
                checklist_shell,
                f"Checklist: {chapter.title}",
                f"A printable checklist of the techniques in {chapter.title}.",
                renderer.checklist(view, url),
            )
        )
    plan_html = renderer.plan(plan.plan_view(handbook, catalogue.CHECKLIST_URL), catalogue.CHECKLIST_URL)
    result.append(Generated(catalogue.CHECKLIST_URL, catalogue.CHECKLIST_URL, **PLAN_META, html=plan_html))
    index_html = renderer.technique_index(pages.index_view(handbook, catalogue.INDEX_URL))
    result.append(Generated(catalogue.INDEX_URL, catalogue.INDEX_URL, **INDEX_META, html=index_html))
    if catalogue.index_is_split(len(handbook.entries)):
        for key in sorted({catalogue.index_letter(entry.title) for entry in handbook.entries}):
            url = catalogue.index_page_url(key)
            label = "#" if key == "other" else key.upper()
            result.append(
                Generated(
                    url,
                    catalogue.index_page_url(marker),
                    f"Technique index: {label}",
                    INDEX_META["description"],
                    renderer.technique_index(pages.index_view(handbook, url, key)),
                )
            )
    return result
