#!/usr/bin/env python3
"""Lighthouse scores of the built handbook: home, a chapter, checklists and the technique index.

    python scripts/lighthouse.py [--site DIR] [--preset mobile|desktop|both] [--page KIND]...
                                 [--runs N] [--desktop-runs N] [--no-gzip] [--reports DIR]

Builds the site with ``mkdocs build --strict`` (or takes an already built one with --site),
serves it on 127.0.0.1 on a free port, and runs the Lighthouse installed by ``npm ci``
(node_modules; nothing is downloaded at run time) in Debian's headless Chromium
(CHROME_PATH, /usr/bin/chromium unless set) on each page, with Lighthouse's mobile preset
(its default) and its desktop preset. Prints the four category scores per page and preset
as a Markdown table (and, on stderr as it goes, the audits that cost points), and exits 1
if a score is under its goal: accessibility 1.00, best practices and SEO 0.95,
performance 0.90.

The mobile preset simulates a slow phone: four times slower CPU, so the time Material's
script blocks the page varies from run to run with the machine's load. Each page is
therefore measured three times on it (--runs) and the run with the median performance
score is reported; the other categories do not vary. About six minutes in all.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
GOALS = {"performance": 0.90, "accessibility": 1.00, "best-practices": 0.95, "seo": 0.95}
TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}
HEADINGS = {"performance": "perf", "accessibility": "a11y", "best-practices": "best pr.", "seo": "SEO"}


def site_url() -> str:
    """site_url from mkdocs.yml (read without YAML: this script needs no package from PyPI)."""
    match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else ""


def mkdocs() -> list[str]:
    """The project's MkDocs: the virtual environment's, else the one on PATH."""
    for candidate in (ROOT / ".venv" / "bin" / "mkdocs", shutil.which("mkdocs")):
        if candidate and Path(candidate).is_file():
            return [str(candidate)]
    return [sys.executable, "-m", "mkdocs"]


def build(destination: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [*mkdocs(), "build", "--strict", "--quiet", "--site-dir", str(destination)]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
    return destination


def serve(site: Path, deployed_url: str, *, compress: bool = True) -> tuple[ThreadingHTTPServer, str]:
    """Serve ``site`` at the root of 127.0.0.1 on a free port.

    Text files are sent gzip-compressed when the browser accepts it, as GitHub Pages and
    other static hosts send them (Python's own server sends everything uncompressed, which
    no production host does and which Lighthouse's simulated mobile network penalises).
    As in the browser tests (and like ``mkdocs serve``), sitemap.xml is served with the
    deployed base URL replaced by the local one, since Material's instant navigation only
    takes over links that the sitemap lists."""
    local: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.partition("?")[0].endswith("/"):
                path = path / "index.html"
            if not path.is_file() or path.suffix not in TEXT_TYPES:
                super().do_GET()
                return
            body = path.read_bytes()
            if path == site / "sitemap.xml" and deployed_url.startswith(("http://", "https://")):
                body = body.replace(deployed_url.encode(), local[0].encode())
            self.send_response(200)
            self.send_header("Content-Type", TEXT_TYPES[path.suffix])
            if compress and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    server.daemon_threads = True
    local.append(f"http://127.0.0.1:{server.server_address[1]}/")
    threading.Thread(target=server.serve_forever, name="handbook-site", daemon=True).start()
    return server, local[0]


# The pages measured, one of each kind: (what, its site-relative URL from techniques.json).
PAGE_KINDS = (
    ("home", lambda data: ""),
    ("chapter", lambda data: data["chapters"][0]["url"]),
    ("chapter checklist", lambda data: data["chapters"][0]["checklist_url"]),
    ("handbook checklist", lambda data: data["checklist_url"]),
    ("technique index", lambda data: data["index_url"]),
)


def pages(site: Path, only: list[str] | None) -> list[tuple[str, str]]:
    data = json.loads((site / "techniques.json").read_text(encoding="utf-8"))
    return [(what, url(data)) for what, url in PAGE_KINDS if not only or what in only]


def lighthouse(url: str, preset: str, output: Path) -> dict[str, Any]:
    command = [
        "npx",
        "--no",  # the local install only: never download
        "--",
        "lighthouse",
        url,
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)
    if result.returncode != 0 or not output.is_file():
        sys.exit(f"lighthouse failed on {url} ({preset}), exit {result.returncode}:\n{result.stderr[-3000:]}")
    return json.loads(output.read_text(encoding="utf-8"))


def chromium_version(chrome: str) -> str:
    result = subprocess.run([chrome, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or chrome


def lost_points(report: dict[str, Any], category: str) -> list[str]:
    """The audits of ``category`` that did not pass, as 'id (score): title'."""
    lost = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            lost.append(f"{audit['id']} ({audit['score']:.2f}): {audit['title']}")
    return lost


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one now)")
    parser.add_argument("--preset", choices=("mobile", "desktop", "both"), default="both")
    parser.add_argument(
        "--page", action="append", choices=[what for what, _ in PAGE_KINDS], help="only this page (repeatable)"
    )
    parser.add_argument("--no-gzip", action="store_true", help="serve the site uncompressed")
    parser.add_argument("--reports", type=Path, help="keep each page's JSON report in this folder")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per page with the mobile preset; the median one is reported (3)"
    )
    parser.add_argument("--desktop-runs", type=int, default=1, help="runs per page with the desktop preset (1)")
    args = parser.parse_args(argv)

    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run npm ci")
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not Path(chrome).is_file():
        sys.exit(f"no Chromium at {chrome}: install it (apt-get install chromium) or set CHROME_PATH")

    with tempfile.TemporaryDirectory(prefix="handbook-lighthouse-") as temp:
        work = Path(temp)
        site = args.site.resolve() if args.site else build(work / "site")
        server, base = serve(site, site_url(), compress=not args.no_gzip)
        presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
        rows: list[tuple[str, str, dict[str, float]]] = []
        failures: list[str] = []
        try:
            for what, url in pages(site, args.page):
                for preset in presets:
                    folder = args.reports or work
                    folder.mkdir(parents=True, exist_ok=True)
                    name = what.replace(" ", "-")
                    count = max(1, args.runs if preset == "mobile" else args.desktop_runs)
                    reports = [
                        lighthouse(base + url, preset, folder / f"{name}-{preset}-{run}.json") for run in range(count)
                    ]
                    # The run with the median performance score (the other categories do not vary).
                    reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0.0)
                    report = reports[len(reports) // 2]
                    scores = {c: report["categories"][c]["score"] or 0.0 for c in CATEGORIES}
                    rows.append((what, preset, scores))
                    print(f"  {what} ({preset}): " + "  ".join(f"{HEADINGS[c]} {scores[c]:.2f}" for c in CATEGORIES),
                          file=sys.stderr, flush=True)  # fmt: skip
                    for category in CATEGORIES:
                        if scores[category] < GOALS[category]:
                            failures.append(
                                f"{what} ({preset}) {category} {scores[category]:.2f} < {GOALS[category]:.2f}"
                            )
                        for line in lost_points(report, category):
                            print(f"      {category}: {line}", file=sys.stderr)
        finally:
            server.shutdown()
            server.server_close()

    version = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))["version"]
    runs = {"mobile": max(1, args.runs), "desktop": max(1, args.desktop_runs)}
    served = "uncompressed" if args.no_gzip else "gzip-compressed"
    counts = [f"{p}: " + ("1 run" if runs[p] == 1 else f"median of {runs[p]} runs") for p in presets]
    print(f"\nLighthouse {version}, {chromium_version(chrome)}; site served {served}; " + ", ".join(counts) + "\n")
    print("| page | preset | " + " | ".join(HEADINGS[c] for c in CATEGORIES) + " |")
    print("| --- | --- | " + " | ".join("---:" for _ in CATEGORIES) + " |")
    for what, preset, scores in rows:
        print(f"| {what} | {preset} | " + " | ".join(f"{scores[c]:.2f}" for c in CATEGORIES) + " |")
    print("| goal | | " + " | ".join(f"≥ {GOALS[c]:.2f}" if GOALS[c] < 1 else "1.00" for c in CATEGORIES) + " |")
    if failures:
        print("\nUnder the goals:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
