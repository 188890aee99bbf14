"""The MkDocs plugin: a thin adapter over the core. The only code that imports MkDocs."""

from .hooks import HandbookPlugin

__all__ = ["HandbookPlugin"]
