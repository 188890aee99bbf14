"""The one error type the handbook reports to people."""

from __future__ import annotations

from pathlib import Path


class HandbookError(Exception):
    """A problem with someone's input, shown as one line: ``path:line: problem (how to fix)``.

    Every module raises this for bad input instead of letting a traceback reach the user;
    the command line prints ``str(error)`` and the MkDocs plugin logs it as a warning.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        super().__init__(problem)
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.line = line
        self.fix = fix

    def located(self, path: str | Path, line_offset: int = 0) -> HandbookError:
        """The same problem, placed in ``path`` and shifted by ``line_offset`` lines."""
        line = self.line + line_offset if self.line is not None else None
        return HandbookError(self.problem, path=path, line=line, fix=self.fix)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        fix = f" ({self.fix})" if self.fix else ""
        return f"{where}{self.problem}{fix}"
