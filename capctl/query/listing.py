"""``capctl list``: filters, sort and limit, and the stable row form of a record that JSON, CSV and the export share.

Rows: ``id``, then the fields of the kind's model in their order (as in the files), then a few
computed columns (``status`` and ``last_contact`` for partners; ``last_contact`` for officials and
people). In JSON a row keeps lists and mappings as they are; in CSV a list or a mapping is one cell
of compact JSON text (``["en","es"]``), an empty value or list an empty cell, and text that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return)
starts with an apostrophe.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from capctl.models.records import FILE_KEYS, Engagement, Partner, Person, Priority, Record, Testimony
from capctl.problems import CapctlError
from capctl.query import activity, index
from capctl.query.resolve import resolve
from capctl.store.dataset import DataSet
from capctl.text import fold, spreadsheet_safe
from capctl.vocab import EngagementKind, PartnerStatus, PriorityStatus, RecordKind, ResourceKind, Topic, choices, loose

# --- kinds ----------------------------------------------------------------


KIND_NAMES: dict[str, RecordKind] = {
    **{k.value: k for k in RecordKind},
    **{k.singular: k for k in RecordKind},
    "meetings": RecordKind.engagements,
    "meeting": RecordKind.engagements,
}
"""What ``capctl list KIND`` accepts: each kind's folder name, its singular, and ``meetings``."""


def parse_kind(text: str) -> RecordKind:
    kind = KIND_NAMES.get(text.strip().lower())
    if kind is None:
        raise CapctlError(f"KIND: {text!r} is not a kind of record: use {choices(RecordKind)} (or meetings)")
    return kind


# --- rows -----------------------------------------------------------------

COMPUTED: dict[RecordKind, list[str]] = {
    RecordKind.partners: ["status", "last_contact"],
    RecordKind.officials: ["last_contact"],
    RecordKind.people: ["last_contact"],
}
"""Columns computed from the data (as of today), after the fields."""


def columns(kind: RecordKind) -> list[str]:
    """A kind's columns in JSON and CSV, in their documented, stable order."""
    return ["id", *FILE_KEYS[kind], *COMPUTED.get(kind, [])]


@dataclass
class Context:
    """What computed columns need, worked out once for many rows."""

    data: DataSet
    as_of: dt.date
    _index: activity.EngagementIndex | None = None

    def engagements_of(self, record_id: str) -> Sequence[Engagement]:
        """Engagements involving a record by the as-of date, newest first."""
        if self._index is None:
            self._index = activity.engagements_by_record(self.data, self.as_of)
        return self._index.get(record_id, [])

    def last_contact(self, record_id: str) -> dt.date | None:
        seen = self.engagements_of(record_id)
        return seen[0].date if seen else None


def row(record: Record, context: Context, drop: Iterable[str] = ()) -> dict[str, Any]:
    """A record as a JSON-ready mapping, keys in :func:`columns` order; ``drop`` leaves fields out."""
    dumped = record.model_dump(mode="json", by_alias=True)
    values = {name: dumped.get(name) for name in columns(record.collection)}
    if isinstance(record, Partner):
        values["status"] = record.status_on(context.as_of)
    if "last_contact" in values:
        last = context.last_contact(record.id)
        values["last_contact"] = None if last is None else last.isoformat()
    for name in drop:
        values.pop(name, None)
    return values


def csv_cell(value: Any) -> str:
    """One CSV cell: text as is (but never as a formula a spreadsheet would run: see
    :func:`capctl.text.spreadsheet_safe`), lists and mappings as compact JSON, nothing and empty
    lists as an empty cell."""
    if value is None or value == []:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return str(value)


# --- list -----------------------------------------------------------------


@dataclass
class ListOptions:
    """The filters of ``capctl list``, as typed; every one given must hold."""

    since: dt.date | None = None
    until: dt.date | None = None
    kind: str | None = None
    topic: str | None = None
    status: str | None = None
    partner: str | None = None
    official: str | None = None
    person: str | None = None
    district: str | None = None
    tag: str | None = None
    language: str | None = None
    sort: str | None = None
    limit: int | None = None


DATE_FIELD = {
    RecordKind.engagements: "date",
    RecordKind.testimonies: "date",
    RecordKind.resources: "date",
    RecordKind.priorities: "identified",
}
"""The date ``--since`` and ``--until`` look at, per kind."""

APPLIES: dict[str, set[RecordKind]] = {
    "since": set(DATE_FIELD),
    "until": set(DATE_FIELD),
    "kind": {RecordKind.engagements, RecordKind.resources},
    "topic": {RecordKind.engagements, RecordKind.resources},
    "status": {RecordKind.partners, RecordKind.priorities},
    "partner": {RecordKind.engagements, RecordKind.people, RecordKind.testimonies, RecordKind.priorities},
    "official": {RecordKind.engagements, RecordKind.people, RecordKind.priorities},
    "person": {RecordKind.engagements, RecordKind.partners, RecordKind.testimonies},
    "district": {RecordKind.engagements, RecordKind.partners, RecordKind.officials},
    "tag": set(RecordKind),
    "language": {
        RecordKind.partners,
        RecordKind.people,
        RecordKind.engagements,
        RecordKind.resources,
        RecordKind.testimonies,
    },
}
"""Which kinds each filter works on."""

Predicate = Callable[[Record], bool]


@dataclass
class Listing:
    kind: RecordKind
    records: list[Record]
    context: Context
    total: int  # how many matched before --limit

    def rows(self) -> list[dict[str, Any]]:
        return [row(r, self.context) for r in self.records]


def list_records(data: DataSet, kind: RecordKind, options: ListOptions, as_of: dt.date) -> Listing:
    """The records of one kind that pass every filter given, sorted, at most ``limit`` of them."""
    context = Context(data, as_of)
    tests = list(_predicates(data, kind, options, context))
    narrowed = _narrowed(data, kind, options)
    found = [r for r in narrowed if all(test(r) for test in tests)]
    found = sort_records(found, kind, options.sort, context)
    total = len(found)
    if options.limit is not None:
        if options.limit < 1:
            raise CapctlError("--limit: must be at least 1")
        found = found[: options.limit]
    return Listing(kind, found, context, total)


def _narrowed(data: DataSet, kind: RecordKind, options: ListOptions) -> list[Record]:
    """The records of ``kind`` that can pass the filters on who took part, chosen by the index (for
    engagements: the partner, person or official, or one of its staffers, among those it refers to)."""
    if kind is not RecordKind.engagements:
        return data.of(kind)
    wanted: list[set[str]] = []
    if options.partner is not None:
        wanted.append({resolve(data, options.partner, [RecordKind.partners], "--partner").id})
    if options.person is not None:
        wanted.append({resolve(data, options.person, [RecordKind.people], "--person").id})
    if options.official is not None:
        official = resolve(data, options.official, [RecordKind.officials], "--official").id
        staff = {p.id for p in data.typed(Person) if p.works_for == official}
        wanted.append({official, *staff})
    if not wanted:
        return data.of(kind)
    tests = [index.refers_to_any(ids) for ids in wanted]
    return index.select(data, kind, lambda facts: all(test(facts) for test in tests))


def _predicates(data: DataSet, kind: RecordKind, options: ListOptions, context: Context) -> Iterator[Predicate]:
    for name, kinds in APPLIES.items():
        value = getattr(options, name)
        if value is None:
            continue
        if kind not in kinds:
            works = ", ".join(k.value for k in RecordKind if k in kinds)
            raise CapctlError(f"--{name}: does not apply to {kind.value}; it works with {works}")
        yield _FILTERS[name](data, kind, value, context)


def _since(data: DataSet, kind: RecordKind, value: dt.date, context: Context) -> Predicate:
    name = DATE_FIELD[kind]
    return lambda r: (day := getattr(r, name)) is not None and day >= value


def _until(data: DataSet, kind: RecordKind, value: dt.date, context: Context) -> Predicate:
    name = DATE_FIELD[kind]
    return lambda r: (day := getattr(r, name)) is not None and day <= value


def _choice(value: str, enum: type[StrEnum], option: str) -> StrEnum:
    """The value ``--kind``, ``--topic`` or ``--status`` names, matched as loosely as names (``one on one``)."""
    found = loose(enum, value)
    if found is None:
        raise CapctlError(f"--{option}: {value!r} must be one of {choices(enum)}")
    return found


def _kind(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    wanted = _choice(value, EngagementKind if kind is RecordKind.engagements else ResourceKind, "kind")
    return lambda r: getattr(r, "kind", None) == wanted


def _topic(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    wanted = _choice(value, Topic, "topic")
    return lambda r: getattr(r, "topic", None) == wanted


def _status(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    if kind is RecordKind.partners:
        status = _choice(value, PartnerStatus, "status")
        return lambda r: isinstance(r, Partner) and r.status_on(context.as_of) == status
    wanted = _choice(value, PriorityStatus, "status")
    return lambda r: getattr(r, "status", None) == wanted


def _partner(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    ref = resolve(data, value, [RecordKind.partners], "--partner").id

    def test(r: Record) -> bool:
        if isinstance(r, Engagement):
            return ref in r.partners
        if isinstance(r, Person):
            return r.affiliation == ref
        if isinstance(r, Testimony):
            return r.partner == ref
        return isinstance(r, Priority) and any(ref in s.partners for s in r.strategies)

    return test


def _official(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    ref = resolve(data, value, [RecordKind.officials], "--official").id

    def test(r: Record) -> bool:
        if isinstance(r, Engagement):  # a staffer's meeting counts for their official
            return ref in activity.officials_represented(data, r)
        if isinstance(r, Person):
            return r.works_for == ref
        return isinstance(r, Priority) and any(p.official == ref for p in r.positions)

    return test


def _person(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    ref = resolve(data, value, [RecordKind.people], "--person").id

    def test(r: Record) -> bool:
        if isinstance(r, Engagement):
            return ref in r.people
        if isinstance(r, Partner):
            return ref in r.contacts
        return isinstance(r, Testimony) and r.person == ref

    return test


def _district(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    known = data.settings.district_ids() if data.settings else []
    if kind is not RecordKind.officials and known and value not in known:
        raise CapctlError(f"--district: {value!r} is not in capctl.yaml ({', '.join(known)})")

    def test(r: Record) -> bool:
        if isinstance(r, Partner):
            return value in r.districts
        return getattr(r, "district", None) == value

    return test


def _tag(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    return lambda r: value in getattr(r, "tags", [])


def _language(data: DataSet, kind: RecordKind, value: str, context: Context) -> Predicate:
    def test(r: Record) -> bool:
        if isinstance(r, Testimony):
            return r.language == value
        return value in getattr(r, "languages", [])

    return test


_FILTERS: dict[str, Callable[[DataSet, RecordKind, Any, Context], Predicate]] = {
    "since": _since,
    "until": _until,
    "kind": _kind,
    "topic": _topic,
    "status": _status,
    "partner": _partner,
    "official": _official,
    "person": _person,
    "district": _district,
    "tag": _tag,
    "language": _language,
}


DEFAULT_SORT = {RecordKind.engagements: "-date", RecordKind.testimonies: "-date"}
"""Engagements and testimonies list newest first; everything else by name (or title)."""


def sort_records(records: list[Record], kind: RecordKind, sort: str | None, context: Context) -> list[Record]:
    """Sorted by a column (``-column``: descending); empty values last either way; ties by id."""
    records = sorted(records, key=lambda r: r.id)
    spec = sort or DEFAULT_SORT.get(kind)
    if spec is None:
        return sorted(records, key=lambda r: fold(r.label))
    descending = spec.startswith("-")
    name = spec.lstrip("-").strip().replace("-", "_")
    if name not in columns(kind):
        raise CapctlError(f"--sort: {kind.value} have no column {name!r}; use one of {', '.join(columns(kind))}")
    keyed = [(row(r, context)[name], r) for r in records]
    present = [(v, r) for v, r in keyed if v not in (None, [], {})]
    empty = [r for v, r in keyed if v in (None, [], {})]
    present.sort(key=lambda pair: _sort_key(pair[0]), reverse=descending)
    return [r for _, r in present] + empty


def _sort_key(value: Any) -> tuple[int, Any]:
    if isinstance(value, bool | int | float):
        return (0, value)
    if isinstance(value, str):
        return (1, fold(value))
    return (1, fold(csv_cell(value)))
