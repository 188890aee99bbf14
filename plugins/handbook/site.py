"""The handbook as a plain docs tree that any engine builds (MkDocs, ProperDocs, Zensical).

Everything the site shows is in the tree before the engine runs: chapter pages (the
contributed text between markers, for the finishing step to sanitise and anchor after
rendering), the checklists, the plan, the technique index and the home page's list as
HTML rendered from data by autoescaped templates, ``techniques.json``, the checklist
script and stylesheet, and the chapters' images. The MkDocs plugin hands this tree to
MkDocs; ``handbook build --engine zensical`` writes it to a folder.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import catalogue, frontmatter, pages, plan, safety
from .model import Chapter
from .pipeline import Handbook
from .render import Renderer

ASSETS = Path(__file__).parent / "assets"
STYLESHEET = "assets/handbook/handbook.css"
SCRIPT = "assets/handbook/checklist.js"
HOME_LIST = "<!-- handbook:chapters -->"
INDEX_PAGE = "technique-index.md"
PLAN_PAGE = "checklists/index.md"
NAV_SECTION = 50

PageKind = Literal["chapter", "home", "generated"]


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
    pages: list[Page]
    copies: dict[str, Path]  # tree path -> file to copy as it is (images, script, stylesheet)
    files: dict[str, str] = field(default_factory=dict)  # tree path -> text (techniques.json)
    nav: list[Any] = field(default_factory=list)  # the ``nav`` of mkdocs.yml


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


def page_text(meta: dict[str, Any], body: str) -> str:
    return frontmatter.dump(meta) + "\n" + body


def chapter_page(chapter: Chapter) -> Page:
    body = "\n".join(chapter.source.split("\n")[chapter.body_line - 1 :])
    nonce = nonce_of(chapter.source)
    meta = safety.chapter_meta({"title": chapter.title, "description": chapter.description})
    return Page(
        path=f"{chapter.slug}.md",
        url=catalogue.chapter_url(chapter.slug),
        text=page_text(meta, contributed(body, nonce)),
        kind="chapter",
        source=chapter.path,
        nonce=nonce,
    )


def home_page(handbook: Handbook, renderer: Renderer) -> Page:
    """The contributed home page, with the list of chapters where it asks for it."""
    meta, body = handbook.home_page
    nonce = nonce_of(body)
    chapter_list = renderer.chapter_list(pages.home_chapters(handbook, ""))
    parts = body.split(HOME_LIST) if HOME_LIST in body else [body, ""]
    text = ("\n" + chapter_list + "\n\n").join(contributed(part, nonce) for part in parts)
    return Page(
        "index.md",
        "",
        page_text(safety.chapter_meta({"title": "Home", **meta}), text),
        "home",
        source=handbook.home,
        nonce=nonce,
    )


def generated_page(path: str, url: str, meta: dict[str, str], html: str, *, in_nav: bool = True) -> Page:
    """A page made of HTML the templates rendered; generated pages stay out of the search
    index (they repeat chapter text)."""
    meta_data: dict[str, Any] = {**safety.chapter_meta(meta), "search": {"exclude": True}}
    return Page(path, url, page_text(meta_data, f"\n{html.strip()}\n"), "generated", in_nav=in_nav)


def chapter_nav(paths: list[str]) -> list[Any]:
    """The chapters in the navigation; a long list in sections of ``NAV_SECTION`` chapters,
    so that (with Material's ``navigation.prune``) a page carries one section, not all."""
    if len(paths) <= NAV_SECTION:
        return list(paths)
    return [
        {f"Chapters {start + 1}\u2013{min(start + NAV_SECTION, len(paths))}": paths[start : start + NAV_SECTION]}
        for start in range(0, len(paths), NAV_SECTION)
    ]


def index_pages(handbook: Handbook, renderer: Renderer) -> list[Page]:
    """The technique index: one page, or a front page and a page per letter when long."""
    meta = {
        "title": "Technique index",
        "description": "Every distinct technique of the Networking Handbook, A to Z, with the chapters that cover it.",
    }
    result = [
        generated_page(
            INDEX_PAGE,
            catalogue.INDEX_URL,
            meta,
            renderer.technique_index(pages.index_view(handbook, catalogue.INDEX_URL)),
        )
    ]
    if catalogue.index_is_split(len(handbook.entries)):
        for key in sorted({catalogue.index_letter(entry.title) for entry in handbook.entries}):
            url = catalogue.index_page_url(key)
            label = "#" if key == "other" else key.upper()
            result.append(
                generated_page(
                    f"{url}index.md",
                    url,
                    {"title": f"Technique index: {label}", "description": meta["description"]},
                    renderer.technique_index(pages.index_view(handbook, url, key)),
                    in_nav=False,
                )
            )
    return result


def tree(handbook: Handbook, renderer: Renderer) -> Tree:
    """The whole site as a docs tree: pages, files to copy, and the navigation."""
    result = Tree([home_page(handbook, renderer)], {})
    chapter_paths: list[str] = []
    for chapter in handbook.chapters:
        page = chapter_page(chapter)
        result.pages.append(page)
        chapter_paths.append(page.path)
        url = catalogue.checklist_url(chapter.slug)
        view = plan.chapter_checklist(chapter, handbook, url)
        result.pages.append(
            generated_page(
                f"checklists/{chapter.slug}.md",
                url,
                {
                    "title": f"Checklist: {chapter.title}",
                    "description": f"A printable checklist of the techniques in {chapter.title}.",
                },
                renderer.checklist(view, url),
                in_nav=False,  # reached from its chapter and the plan, not from every page's menu
            )
        )
    result.pages.append(
        generated_page(
            PLAN_PAGE,
            catalogue.CHECKLIST_URL,
            {
                "title": "My plan",
                "description": "Every distinct technique of the Networking Handbook once, with how each chapter "
                "words it: tick, filter, print.",
            },
            renderer.plan(plan.plan_view(handbook, catalogue.CHECKLIST_URL), catalogue.CHECKLIST_URL),
        )
    )
    result.pages += index_pages(handbook, renderer)
    for asset in handbook.assets:
        result.copies[asset.relative_to(handbook.docs_dir).as_posix()] = asset
    result.copies[STYLESHEET] = ASSETS / Path(STYLESHEET).name
    result.copies[SCRIPT] = ASSETS / Path(SCRIPT).name
    result.files["techniques.json"] = catalogue.to_json(handbook)
    result.nav = [
        {"Home": "index.md"},
        {"Chapters": chapter_nav(chapter_paths)},
        {"My plan": PLAN_PAGE},
        {"Technique index": INDEX_PAGE},
    ]
    return result
