"""The loaded data set: records by id, their paths, the problems found, and typed views of one kind."""

from __future__ import annotations

import datetime as dt
import gc
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, ValuesView
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from capctl.models.metrics import MetricsFile
from capctl.models.records import Record
from capctl.models.settings import Settings
from capctl.problems import Problem
from capctl.store.files import display_path, read_text
from capctl.vocab import RecordKind
from capctl.yaml import roundtrip, safe

R = TypeVar("R", bound=Record)
_BY_ID = operator.attrgetter("id")


class Facts(NamedTuple):
    """What the index keeps of a record besides the record itself, for the commands that choose records
    before reading them: ``capctl.references.facts_of`` computes them."""

    latest: str | None
    """Its latest ``date`` or ``identified`` (ISO): the rules on today's date, the report's periods."""
    refs: tuple[str, ...]
    """The ids it refers to, each once: for an engagement, its partners, officials, people and priorities
    (not its follow-ups' owners); a person's partner or official, a partner's contacts..."""
    open_until: str | None
    """An engagement with follow-ups: the day its last one was done (ISO), or ``"~"`` (after every date)
    while one is open; a follow-up is open on a day before it. None without follow-ups."""
    attachment: str | None
    """The file under the data folder a testimony links to, which must exist."""
    sort: str | None
    """An engagement's kind (``chapter-meeting``...): the report and show choose by it."""


class Block:
    """The records of one folder as the load cache holds them, one line of JSON each, decoded (validated by
    their model) only when a command reads them.

    ``sources[i]`` is the file of line ``i`` under the data folder; ``reread(source)`` parses that file
    again, for a line that no longer decodes: a damaged cache never stands in for the file."""

    __slots__ = ("lines", "model", "reread", "sources")

    def __init__(
        self, model: type[Record], lines: list[bytes], sources: list[str], reread: Callable[[str], Record]
    ) -> None:
        self.model = model
        self.lines = lines
        self.sources = sources
        self.reread = reread

    def decode(self, line: int, record_id: str) -> Record:
        try:
            record = self.model.model_validate_json(self.lines[line])
        except ValueError:  # pydantic's ValidationError is one
            return self.reread(self.sources[line])
        return record if record.id == record_id else self.reread(self.sources[line])


Lazy = tuple[Block, int]
"""A record not decoded yet: its block and its line there."""


def latest_date(record: Record) -> str | None:
    """The latest of a record's ``date`` and ``identified``, in ISO form (what the cache keeps of it)."""
    fields = vars(record)  # not getattr: a missing attribute costs a pydantic exception
    found = [value.isoformat() for name in ("date", "identified") if isinstance(value := fields.get(name), dt.date)]
    return max(found) if found else None


class RecordMap(MutableMapping[str, Record]):
    """Records by id, in the order they were loaded; those from the load cache are decoded when first read,
    so that a command reading some kinds or some records pays only for those. Iterating over the values
    decodes every record."""

    __slots__ = ("_facts", "_items", "_kinds")

    def __init__(self, records: Mapping[str, Record] | Iterable[tuple[str, Record]] = ()) -> None:
        given = dict(records)
        self._kinds: dict[str, RecordKind] = {key: value.collection for key, value in given.items()}
        self._items: dict[str, Record | Lazy] = dict(given)
        self._facts: dict[str, Facts] = {}

    def put_lazy(self, record_id: str, kind: RecordKind, lazy: Lazy, facts: Facts) -> None:
        self._items[record_id] = lazy
        self._kinds[record_id] = kind
        self._facts[record_id] = facts

    def put_block(self, ids: list[str], kind: RecordKind, block: Block, lines: list[int], facts: list[Facts]) -> None:
        """A folder's records at once, none decoded (a few C loops for 10,000 records, not a Python one)."""
        self._items.update(zip(ids, zip(repeat(block), lines, strict=False), strict=True))
        self._kinds.update(dict.fromkeys(ids, kind))
        self._facts.update(zip(ids, facts, strict=True))

    def put(self, record_id: str, record: Record, facts: Facts) -> None:
        """A record as read from its file, with its facts."""
        self[record_id] = record
        self._facts[record_id] = facts

    def facts(self, record_id: str) -> Facts | None:
        """A loaded record's :class:`Facts`, without decoding it (None for one added since)."""
        return self._facts.get(record_id)

    def __getitem__(self, record_id: str) -> Record:
        value = self._items[record_id]
        if type(value) is tuple:
            block, line = value
            value = self._items[record_id] = block.decode(line, record_id)
        return value  # type: ignore[return-value]

    def get(self, record_id: str, default: Any = None) -> Any:
        return self[record_id] if record_id in self._items else default

    def __setitem__(self, record_id: str, record: Record) -> None:
        self._items[record_id] = record
        self._kinds[record_id] = record.collection
        self._facts.pop(record_id, None)

    def __delitem__(self, record_id: str) -> None:
        del self._items[record_id]
        del self._kinds[record_id]
        self._facts.pop(record_id, None)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def values(self) -> ValuesView[Record]:
        self.many(self._items)  # decoded at once, as :meth:`many` says; then the plain view
        return super().values()

    def __len__(self) -> int:
        return len(self._items)

    def isdisjoint(self, record_ids: Iterable[str]) -> bool:
        """Whether none of these ids is here."""
        return self._items.keys().isdisjoint(record_ids)

    def many(self, record_ids: Iterable[str]) -> list[Record]:
        """These records, decoding those not read yet, with the cyclic garbage collector paused: it would
        walk the young objects again and again while thousands of records are made (50,000 engagements at
        60,000 files: 1.8 s with it, 0.75 s without). Records hold no reference cycles."""
        enabled = gc.isenabled()
        gc.disable()
        try:
            return [self[record_id] for record_id in record_ids]
        finally:
            if enabled:
                gc.enable()

    def copy(self) -> RecordMap:
        """Another map of the same records, none decoded for it (what a trial of a new record starts from)."""
        other = RecordMap()
        other._items = dict(self._items)
        other._kinds = dict(self._kinds)
        other._facts = dict(self._facts)
        return other

    def decoded(self, record_id: str) -> bool:
        """Whether a record has been read into its model (for tests of what a command reads)."""
        return type(self._items[record_id]) is not tuple

    def kind_of(self, record_id: str) -> RecordKind:
        """A record's kind, without decoding it."""
        return self._kinds[record_id]

    def ids_of(self, kind: RecordKind) -> list[str]:
        """The ids of one kind's records, in load order, without decoding them."""
        return [record_id for record_id, of in self._kinds.items() if of is kind]

    def latest(self, record_id: str) -> str | None:
        """:func:`latest_date` of a record, without decoding one the cache holds."""
        facts = self._facts.get(record_id)
        return facts.latest if facts is not None else latest_date(self[record_id])


def with_records(records: MutableMapping[str, Record], *added: Record) -> MutableMapping[str, Record]:
    """A copy of ``records`` with these added (or put in place of those with their ids); the records a
    :class:`RecordMap` has not decoded stay so."""
    copy: MutableMapping[str, Record] = records.copy() if isinstance(records, RecordMap) else dict(records)
    for record in added:
        copy[record.id] = record
    return copy


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
    elsewhere: dict[str, tuple[RecordKind, str]] = field(default_factory=dict)
    """A load of some kinds only (``store.load.load(kinds=...)``): the ids of the records of the other
    kinds, from their file names, with their kind and file under the data folder; not read."""

    def of(self, kind: RecordKind) -> list[Record]:
        return self.of_kinds((kind,))

    def of_kinds(self, kinds: Iterable[RecordKind]) -> list[Record]:
        """The records of these kinds, in load order; with the load cache's index only they are decoded."""
        wanted = frozenset(kinds)
        records = self.records
        if isinstance(records, RecordMap):
            kind_of = records.kind_of
            return records.many([record_id for record_id in records if kind_of(record_id) in wanted])
        return [r for r in records.values() if r.collection in wanted]

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
