"""What a rule finds: ``(record id, location in its file, severity, message)``; the line is looked up only
for the problems found. Shared by ``capctl.rules``, ``capctl.references`` and ``capctl.privacy``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from capctl.models.records import Record
from capctl.vocab import Severity

if TYPE_CHECKING:
    from capctl.store.dataset import DataSet

Loc = list[str | int]
Finding = tuple[str, Loc, Severity, str]
RecordRule = Callable[["DataSet", Record], Iterable[Finding]]
CrossRule = Callable[["DataSet"], Iterable[Finding]]
ERR, WARN = Severity.error, Severity.warning
