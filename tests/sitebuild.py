"""Build the real handbook site once per test session, and serve it over HTTP.

The test modules load this file as a pytest plugin (``pytest_plugins = ["sitebuild"]``), so
its fixtures are registered once for the whole session: the site is built once, however
many modules use it.

``built_site``  the site built with ``mkdocs build --strict`` from a copy of the project.
``site_server`` the base URL (ending in ``/``) of a local HTTP server serving that site.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
# What a build reads: everything else (plugins/) comes from the installed package.
SOURCES = ("mkdocs.yml", "editorial.yml", "techniques.lock.yml", "chapters", "templates", "overrides")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


@dataclass
class BuiltSite:
    project: Path  # the copy of the project the site was built from
    site: Path  # the built site
    output: str = field(repr=False)  # everything the build printed, stdout and stderr
    site_url: str  # site_url from mkdocs.yml
    _techniques: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def base_path(self) -> str:
        """The path the site is deployed under (``/handbook/``): root-relative links start with it."""
        path = urlsplit(self.site_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def techniques(self) -> dict[str, Any]:
        if self._techniques is None:
            self._techniques = json.loads((self.site / "techniques.json").read_text(encoding="utf-8"))
        return self._techniques

    def page_file(self, url: str) -> Path:
        """The file served for the site-relative ``url`` (directory URLs serve their index.html)."""
        path = unquote(url.partition("#")[0].partition("?")[0])
        target = self.site / path
        if path == "" or path.endswith("/") or target.is_dir():
            target = target / "index.html"
        return target

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))

    def site_relative(self, file: Path) -> str:
        """The URL of a built HTML file, relative to the site root (``checklists/x/``)."""
        relative = file.relative_to(self.site).as_posix()
        if relative == "index.html":
            return ""
        if relative.endswith("/index.html"):
            return relative[: -len("index.html")]
        return relative

    def occurrences(self, chapter: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(technique, occurrence) pairs of ``chapter``, in techniques.json order."""
        return [
            (technique, occurrence)
            for technique in self.techniques["techniques"]
            for occurrence in technique["occurrences"]
            if occurrence["chapter"] == chapter
        ]


def copy_project(destination: Path) -> Path:
    """Copy what a site build reads into ``destination``, which it returns."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.exists():
            shutil.copy2(source, destination / name)
    return destination


def build_site(destination: Path) -> BuiltSite:
    """Copy the project's build inputs into ``destination`` and build there with --strict."""
    copy_project(destination)
    config = yaml.load((destination / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_PermissiveLoader)
    site = destination / config.get("site_dir", "site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(destination / "mkdocs.yml")],
        cwd=destination,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    output = ANSI.sub("", result.stdout)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {result.returncode}):\n{output}", pytrace=False)
    return BuiltSite(project=destination, site=site, output=output, site_url=config.get("site_url") or "/")


class _PermissiveLoader(yaml.SafeLoader):
    """mkdocs.yml may use MkDocs' own tags (!ENV, !relative): read them as plain values."""


_PermissiveLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return build_site(tmp_path_factory.mktemp("handbook-build"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """The base URL of ``site``, served at the root of 127.0.0.1 on a free port."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="handbook-site", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def site_server(built_site: BuiltSite) -> Iterator[str]:
    """The base URL of the built site, served at the root of 127.0.0.1 on a free port."""
    with serving(built_site.site) as url:
        yield url


# --- HTML helpers (standard library only) -------------------------------------------------


# <link rel> values that make the browser fetch the linked URL.
FETCHING_RELS = {
    "stylesheet", "icon", "shortcut", "apple-touch-icon", "mask-icon", "manifest",
    "preload", "modulepreload", "prefetch", "preconnect", "dns-prefetch",
}  # fmt: skip


@dataclass
class Link:
    href: str
    text: str
    in_content: bool  # inside the page's <article> (its content), not the theme's chrome


class ParsedPage(HTMLParser):
    """The parts of a page the tests look at: ids, links, fetched assets, checkboxes, labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: dict[str, tuple[str, set[str]]] = {}  # id -> (tag, classes)
        self.anchors: set[str] = set()  # every id, and every <a name>
        self.links: list[Link] = []  # <a href>
        self.link_hrefs: list[str] = []  # <link href>, whatever its rel
        self.assets: list[tuple[str, str]] = []  # (tag, URL) of what loading the page fetches
        self.checkboxes: list[dict[str, str]] = []  # in the page's content
        self.label_for: dict[str, str] = {}  # for= -> the label's text
        self._open: list[tuple[str, str | None, list[str]]] = []  # open <a>/<label>: tag, key, text
        self._article_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("id"):
            self.elements.setdefault(attributes["id"], (tag, set(attributes.get("class", "").split())))
            self.anchors.add(attributes["id"])
        if tag == "article":
            self._article_depth += 1
        if tag == "a" and attributes.get("name"):
            self.anchors.add(attributes["name"])
        if tag == "a" and "href" in attributes:
            self._open.append(("a", attributes["href"], []))
        if tag == "label":
            self._open.append(("label", attributes.get("for"), []))
        if tag == "link" and attributes.get("href"):
            self.link_hrefs.append(attributes["href"])
            if FETCHING_RELS & set(attributes.get("rel", "").lower().split()):
                self.assets.append((tag, attributes["href"]))
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and attributes.get("src"):
            self.assets.append((tag, attributes["src"]))
        if tag == "input" and attributes.get("type", "").lower() == "checkbox" and self._article_depth:
            self.checkboxes.append(attributes)  # the content's, not the theme's toggles

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("a", "label", "article"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._article_depth = max(0, self._article_depth - 1)
        if tag not in ("a", "label"):
            return
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                _, key, parts = self._open.pop(index)
                text = normalise("".join(parts))
                if tag == "a":
                    self.links.append(Link(key or "", text, self._article_depth > 0))
                elif key:
                    self.label_for[key] = text
                return

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)


def parse(file: Path) -> ParsedPage:
    parsed = ParsedPage()
    parsed.feed(file.read_text(encoding="utf-8"))
    parsed.close()
    return parsed


def normalise(text: str) -> str:
    return " ".join(text.split())


def resolve(href: str, page_url: str) -> str:
    """A relative ``href`` on the page at site-relative ``page_url``, as a site-relative URL
    (keeping any #fragment). Raises ValueError if it climbs above the site root."""
    path, sign, fragment = href.partition("#")
    path = path.partition("?")[0]
    if not path:
        return page_url + sign + fragment
    segments = page_url.split("/")[:-1]  # the page's directory
    parts = path.split("/")
    for part in parts:
        if part == "..":
            if not segments:
                raise ValueError(f"{href!r} on {page_url!r} climbs above the site root")
            segments.pop()
        elif part not in (".", ""):
            segments.append(part)
    if parts[-1] in ("", ".", ".."):  # a directory: keep the trailing slash
        segments.append("")
    return "/".join(segments) + sign + fragment


# What stands for the generated pages while an engine builds: their shells' marker, and the
# tokens of a shell's title and description (site.tree).
SHELL_MARKER = re.compile(r"handbook:generated|\bs[0-9a-f]{24}\b")


def sitemap_urls(site: Path) -> list[str]:
    return re.findall(r"<loc>([^<]*)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))


def shell_leftovers(site: Path) -> list[str]:
    """Files of a built site that still hold a shell's marker or token, or are shells."""
    return [
        path.relative_to(site).as_posix()
        for path in sorted(site.rglob("*"))
        if SHELL_MARKER.search(path.relative_to(site).as_posix())
        or (path.suffix in (".html", ".xml", ".json") and SHELL_MARKER.search(path.read_text(encoding="utf-8")))
    ]
