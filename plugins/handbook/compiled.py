"""Tables the pass derives from installed packages' data files (WordNet's database, the
lemma lexicon of lemminflect), parsed once per machine and kept in the user's cache folder.

Parsing those text files takes most of a second on every run, as long as grouping a
thousand chapters' techniques; reading the parsed tables back with ``marshal`` takes a
twentieth of that. An entry is named by the digest of all it is built from (the packages'
versions, Python's, and the code of the module that builds it), so an upgrade builds a new
one. One that cannot be read is built again, and one that cannot be written is only kept in
memory: a run never fails for its cache. Like the chapter cache, the folder is never
committed; it holds the user's own derived data, as trusted as the packages it comes from.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")


def folder() -> Path:
    """``$XDG_CACHE_HOME/handbook`` (``~/.cache/handbook`` by default)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handbook"


def table(name: str, packages: tuple[str, ...], build: Callable[[], T]) -> T:
    """The value ``build()`` returns, from the cache folder if an entry of the same inputs
    is there, else built and kept there. The value must be of types ``marshal`` writes
    (dicts, tuples, frozensets, strings, numbers)."""
    path = folder() / f"{name}-{digest(packages, build)}.marshal"
    try:
        return marshal.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    if write_atomically(path, marshal.dumps(cast(Any, value))):
        for stale in path.parent.glob(f"{name}-*.marshal"):  # built for packages or code no longer here
            if stale != path and stale.stem[len(name) + 1 :].isalnum():
                stale.unlink(missing_ok=True)
    return value


def digest(packages: tuple[str, ...], build: Callable[[], object]) -> str:
    inputs = hashlib.sha256(f"{marshal.version} {sys.version}".encode())
    for package in packages:
        try:
            inputs.update(f"{package} {metadata.version(package)}\0".encode())
        except metadata.PackageNotFoundError:
            inputs.update(f"{package} -\0".encode())
    module = sys.modules[build.__module__].__file__
    inputs.update(Path(module).read_bytes() if module else b"")
    return inputs.hexdigest()[:16]


def write_atomically(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` all or nothing (a temporary file renamed into place), so a
    reader at the same time sees the old file or the new one; whether it was written."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
    except OSError:
        return False
    return True
