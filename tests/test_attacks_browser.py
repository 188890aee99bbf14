"""The worst hostile chapters, built into a site (not strict: a draft with warnings still
builds) and loaded in Chromium: no dialog opens, no page navigates away, no request leaves
the site's own host."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

pytest.register_assert_rewrite("sitebuild", "browsing")  # before the imports below, which pytest_plugins reuses

from sitebuild import copy_project  # noqa: E402
from test_attacks import CODE_SPANS, HOSTILE_BODY, INJECTING_TITLE, chapter  # noqa: E402
from test_contributing import HOSTILE  # noqa: E402

pytest_plugins = ["sitebuild", "browsing"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    """The site of a project with the hostile chapters, served on 127.0.0.1; its pages."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    chapters = project / "chapters"
    (chapters / "06-safety.md").write_text(HOSTILE, encoding="utf-8")
    (chapters / "07-trouble.md").write_text(chapter("Trouble", HOSTILE_BODY), encoding="utf-8")
    (chapters / "08-writing.md").write_text(chapter("Writing About Markup", CODE_SPANS), encoding="utf-8")
    (chapters / "09-titles.md").write_text(
        chapter(INJECTING_TITLE, description='\'"><script>alert("description")</script>\''), encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml")],
        cwd=project,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("index.html"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    finally:
        server.shutdown()
        server.server_close()


def test_no_hostile_page_opens_a_dialog_navigates_away_or_calls_another_host(
    chromium: Any, hostile_site: tuple[str, list[str]]
) -> None:
    base, pages = hostile_site
    assert any(page.startswith("trouble/") for page in pages) and any(page.startswith("safety/") for page in pages)
    context = chromium.new_context()
    offsite: list[str] = []
    dialogs: list[str] = []

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(base) or request_route.request.url.startswith("data:"):
            request_route.continue_()
        else:
            offsite.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for path in pages:
        url = base + path.removesuffix("index.html")
        page.goto(url, wait_until="load")
        page.wait_for_timeout(150)  # a meta refresh of 0 s, or a script, would have acted by now
        assert page.url.split("#")[0] == url, f"{path} navigated to {page.url}"
        for element in page.locator("[onclick], [onerror], [onmouseover], iframe, object, embed").all():
            pytest.fail(f"{path}: live {element.evaluate('e => e.outerHTML')[:120]}")
    context.close()
    assert dialogs == [], dialogs
    assert offsite == [], offsite
