"""The loaded data set: records by id, their paths, the problems found, and typed views of one kind."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from capctl.models.metrics import MetricsFile
from capctl.models.records import Record
from capctl.models.settings import Settings
from capctl.problems import Problem
from capctl.store.files import display_path, read_text
from capctl.vocab import RecordKind
from capctl.yaml import roundtrip, safe

R = TypeVar("R", bound=Record)
_BY_ID = operator.attrgetter("id")


@dataclass
class DataSet:
    """Every record of one data folder, and the problems found loading it."""

    root: Path
    settings: Settings | None = None
    metrics: MetricsFile | None = None
    records: dict[str, Record] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, tuple[RecordKind, Path]] = field(default_factory=dict)
    """Records whose file is there but has errors, by id: what refers to them is told once, at their file
    (``N references to people/ana-torres, which has errors``), not as a missing record in every file."""
    elsewhere: dict[str, tuple[RecordKind, Path]] = field(default_factory=dict)
    """A load of some kinds only (``store.load.load(kinds=...)``): the ids of the records of the other
    kinds, from their file names, with their kind and file; their records were not read."""

    def of(self, kind: RecordKind) -> list[Record]:
        return [r for r in self.records.values() if r.collection is kind]

    def typed(self, model: type[R]) -> list[R]:
        """Every record of one model, in id order."""
        found = [r for r in self.records.values() if isinstance(r, model)]
        found.sort(key=_BY_ID)  # the report asks a dozen times for 50,000 engagements
        return found

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def path_of(self, record_id: str) -> Path:
        return self.paths[record_id]

    def display(self, path: Path) -> str:
        """A path as the user would type it: the data folder as given, then the file."""
        return display_path(self.root, path)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def line_in(data: DataSet, record_id: str, loc: list[str | int]) -> int | None:
    """The line of a field of a loaded record, found only when a problem needs it."""
    path = data.paths.get(record_id)
    if path is None:
        return None
    try:
        return roundtrip.line_of(read_text(path).lstrip("\ufeff"), loc)
    except (OSError, safe.YamlSyntaxError):
        return None
