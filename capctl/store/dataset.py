"""The loaded data set: records by id, their paths, the problems found, and typed views of one kind."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from capctl.models.metrics import MetricsFile
from capctl.models.records import Record
from capctl.models.settings import Settings
from capctl.problems import Problem
from capctl.store.files import display_path, read_text
from capctl.vocab import RecordKind
from capctl.yaml import roundtrip, safe

R = TypeVar("R", bound=Record)
_BY_ID = operator.attrgetter("id")


class LazyRecord:
    """A record the load cache holds, decoded (validated by its model) only when a command reads it.

    ``raw`` is the record's JSON as the cache wrote it; ``latest`` its latest ``date`` or ``identified``
    (ISO), which the rules on today's date read without decoding it; ``reread`` parses its file again,
    for a cached record that no longer decodes (a damaged cache never stands in for the file)."""

    __slots__ = ("latest", "model", "raw", "reread")

    def __init__(self, model: type[Record], raw: bytes, latest: str | None, reread: Callable[[], Record]) -> None:
        self.model = model
        self.raw = raw
        self.latest = latest
        self.reread = reread

    def decode(self) -> Record:
        try:
            return self.model.model_validate_json(self.raw)
        except ValueError:  # pydantic's ValidationError is one
            return self.reread()


def latest_date(record: Record) -> str | None:
    """The latest of a record's ``date`` and ``identified``, in ISO form (what the cache keeps of it)."""
    fields = vars(record)  # not getattr: a missing attribute costs a pydantic exception
    found = [value.isoformat() for name in ("date", "identified") if isinstance(value := fields.get(name), dt.date)]
    return max(found) if found else None


class RecordMap(MutableMapping[str, Record]):
    """Records by id, in the order they were loaded; those from the load cache are decoded when first read,
    so that a command reading some kinds or some records pays only for those. Iterating over the values
    decodes every record."""

    __slots__ = ("_items", "_kinds")

    def __init__(self, records: Mapping[str, Record] | Iterable[tuple[str, Record]] = ()) -> None:
        given = dict(records)
        self._kinds: dict[str, RecordKind] = {key: value.collection for key, value in given.items()}
        self._items: dict[str, Record | LazyRecord] = dict(given)

    def put_lazy(self, record_id: str, kind: RecordKind, lazy: LazyRecord) -> None:
        self._items[record_id] = lazy
        self._kinds[record_id] = kind

    def __getitem__(self, record_id: str) -> Record:
        value = self._items[record_id]
        if type(value) is LazyRecord:
            value = self._items[record_id] = value.decode()
        return value  # type: ignore[return-value]

    def get(self, record_id: str, default: Any = None) -> Any:
        return self[record_id] if record_id in self._items else default

    def __setitem__(self, record_id: str, record: Record) -> None:
        self._items[record_id] = record
        self._kinds[record_id] = record.collection

    def __delitem__(self, record_id: str) -> None:
        del self._items[record_id]
        del self._kinds[record_id]

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def kind_of(self, record_id: str) -> RecordKind:
        """A record's kind, without decoding it."""
        return self._kinds[record_id]

    def ids_of(self, kind: RecordKind) -> list[str]:
        """The ids of one kind's records, in load order, without decoding them."""
        return [record_id for record_id, of in self._kinds.items() if of is kind]

    def latest(self, record_id: str) -> str | None:
        """:func:`latest_date` of a record, without decoding one the cache holds."""
        value = self._items[record_id]
        return value.latest if type(value) is LazyRecord else latest_date(value)  # type: ignore[union-attr,arg-type]


@dataclass
class DataSet:
    """Every record of one data folder, and the problems found loading it."""

    root: Path
    settings: Settings | None = None
    metrics: MetricsFile | None = None
    records: MutableMapping[str, Record] = field(default_factory=RecordMap)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, tuple[RecordKind, Path]] = field(default_factory=dict)
    """Records whose file is there but has errors, by id: what refers to them is told once, at their file
    (``N references to people/ana-torres, which has errors``), not as a missing record in every file."""
    elsewhere: dict[str, tuple[RecordKind, Path]] = field(default_factory=dict)
    """A load of some kinds only (``store.load.load(kinds=...)``): the ids of the records of the other
    kinds, from their file names, with their kind and file; their records were not read."""

    def of(self, kind: RecordKind) -> list[Record]:
        records = self.records
        if isinstance(records, RecordMap):  # only that kind's records are decoded
            return [records[record_id] for record_id in records.ids_of(kind)]
        return [r for r in records.values() if r.collection is kind]

    def typed(self, model: type[R]) -> list[R]:
        """Every record of one model, in id order."""
        kind = getattr(model, "collection", None)
        records = self.of(kind) if isinstance(kind, RecordKind) else self.records.values()
        found = [r for r in records if isinstance(r, model)]
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
