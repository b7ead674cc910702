"""Problems found in data: values, not exceptions (as in beancount's loader)."""

from __future__ import annotations

from dataclasses import dataclass

from capctl.vocab import Severity


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One problem in one file, with the line it is on when known."""

    path: str
    line: int | None
    severity: Severity
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error

    def as_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "severity": self.severity.value, "message": self.message}


def in_file_order(problem: Problem) -> tuple[str, bool, int, str]:
    """The order problems are listed in: by file, then by line, what concerns the whole file last."""
    return problem.path, problem.line is None, problem.line or 0, problem.message


class CapctlError(Exception):
    """A mistake in what was asked: reported in one sentence, never a traceback.

    ``exit_code`` is 2 for usage errors (the default) and 1 for problems found.
    """

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
