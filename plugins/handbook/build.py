"""``handbook build``: the site built by the engine named, the same site whichever it is.

MkDocs and ProperDocs run the handbook plugin, which hands them the core's docs tree.
Zensical ignores MkDocs plugins, so for it the tree is written to a folder with a
configuration naming it, Zensical builds that, and the engine-independent finishing step
runs over the built site. Engines run as programs: this module imports none of them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from . import finish, pipeline, site
from .errors import HandbookError
from .render import Renderer

ENGINES = ("mkdocs", "properdocs", "zensical")


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may use MkDocs' own tags (``!ENV``, ``!relative``): kept as plain values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node) or None)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as error:
        raise HandbookError(f"cannot be read as YAML: {error}", path=config_file) from None
    if not isinstance(config, dict):
        raise HandbookError("is not a mapping", path=config_file, fix="see mkdocs.yml in the repository")
    return config


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The options of the ``handbook`` plugin in mkdocs.yml (``{}`` if it has none)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "handbook" in plugin:
            return dict(plugin["handbook"] or {})
    return {}


def build(engine: str, config_file: Path, site_dir: Path | None, *, strict: bool) -> int:
    """Build the site; the exit status of the build (non-zero on problems when strict)."""
    if engine in ("mkdocs", "properdocs"):
        command = [sys.executable, "-m", engine, "build", "-f", str(config_file)]
        command += ["--strict"] if strict else []
        command += ["-d", str(site_dir)] if site_dir is not None else []
        return subprocess.run(command, check=False).returncode
    return build_with_zensical(config_file, site_dir, strict=strict)


def build_with_zensical(config_file: Path, site_dir: Path | None, *, strict: bool) -> int:
    project = config_file.parent.resolve()
    config = read_config(config_file)
    options = plugin_options(config)
    docs_dir = project / str(config.get("docs_dir", "docs"))
    templates = project / str(options.get("templates", "templates"))
    editorial_file = project / str(options.get("editorial", "editorial.yml"))
    zensical = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if zensical is None:
        raise HandbookError("Zensical is not installed", fix="pip install zensical")
    renderer = Renderer(templates)
    sources = pipeline.read(docs_dir)
    tree = site.tree(sources, renderer)
    target = (site_dir or project / str(config.get("site_dir", "site"))).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    # Beside the target, so the built site is moved into place, not copied.
    with tempfile.TemporaryDirectory(prefix=".handbook-build-", dir=target.parent) as temporary:
        root = Path(temporary)
        write_tree(tree, root / "docs")
        # Zensical writes only inside its project folder: build there, then move the site.
        engine_config = zensical_config(config, tree, project)
        (root / "mkdocs.yml").write_text(yaml.safe_dump(engine_config, sort_keys=False), encoding="utf-8")
        # The engine renders the tree while the rest of the pass, and what the finishing
        # step adds, are made on the other cores.
        engine = subprocess.Popen([zensical, "build", "-f", str(root / "mkdocs.yml")], cwd=root)
        try:
            handbook = pipeline.complete(sources, editorial_file, templates=templates, busy_cores=1)
            for problem in handbook.problems:
                print(f"WARNING -  handbook: {problem}", file=sys.stderr)
            if strict and handbook.problems:
                print(f"Aborted with {len(handbook.problems)} warnings in strict mode!", file=sys.stderr)
                return 1
            finishing = finish.prepare(handbook, renderer, tree.marker)
            pipeline.record_ids(handbook)
            if (status := engine.wait()) != 0:
                return status
        finally:
            if engine.poll() is None:  # given up on: refused, or an error on the way
                engine.kill()
                engine.wait()
        finish.built_site(root / "site", tree, finishing)
        if target.exists():
            shutil.rmtree(target)
        os.replace(root / "site", target)
    return 0


def write_tree(tree: site.Tree, docs: Path) -> None:
    for page in tree.pages:
        finish.write(docs / page.path, page.text)
    for path, source in tree.copies.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / path)


def zensical_config(config: dict[str, Any], tree: site.Tree, project: Path) -> dict[str, Any]:
    """mkdocs.yml as Zensical needs it for the tree (written to ``docs/`` beside it): its
    navigation, the handbook's script and stylesheet, the theme's overrides where the
    project keeps them, no plugins."""
    result = dict(config)
    result.update(
        docs_dir="docs",
        site_dir="site",
        nav=tree.nav,
        plugins=[plugin for plugin in config.get("plugins") or [] if plugin == "search"],
        extra_css=[*config.get("extra_css", []), site.STYLESHEET],
        extra_javascript=[*config.get("extra_javascript", []), site.SCRIPT],
        not_in_nav="/checklists/*.md\n/technique-index/*/index.md",
    )
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(project / str(theme["custom_dir"]))
    result["theme"] = theme
    result.pop("validation", None)
    return result
