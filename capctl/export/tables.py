"""The tables of an export: one per kind of record plus link tables, with foreign keys so joins work in
Datasette, DuckDB or a spreadsheet. ``public`` leaves out every personal field, and people who may not be
named (:mod:`capctl.export.public`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from capctl import __version__
from capctl.export.public import Publisher
from capctl.models.records import MODELS, Engagement, Official, Partner, Priority, Record, Testimony, personal_fields
from capctl.query.listing import Context, columns, row
from capctl.store.dataset import DataSet
from capctl.vocab import RecordKind

EXPORT_VERSION = 1
"""Bumped when a table or column changes meaning; SQLite carries it as ``PRAGMA user_version``."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str = "TEXT"
    references: str | None = None  # a table whose ``id`` this column holds


@dataclass
class ExportTable:
    name: str
    columns: list[Column]
    primary_key: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    composite_keys: list[tuple[list[str], str, list[str]]] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


LINKED: dict[RecordKind, set[str]] = {
    RecordKind.partners: {"status_history", "contacts"},
    RecordKind.officials: {"offices"},
    RecordKind.engagements: {"partners", "officials", "people", "priorities", "follow_ups"},
    RecordKind.priorities: {"strategies", "positions"},
    RecordKind.testimonies: {"consent"},
}
"""Fields of each kind that go to link tables rather than a column."""

REFERENCES: dict[str, str] = {
    "affiliation": "partners",
    "works_for": "officials",
    "person": "people",
    "partner": "partners",
}
"""Columns of record tables that hold another record's id."""

_CONSENT_COLUMNS: dict[RecordKind, dict[str, str]] = {
    RecordKind.testimonies: {"consent_scope": "scope", "consent_date": "date", "consent_note": "note"},
    RecordKind.people: {"consent_public_name": "public_name", "consent_since": "since", "consent_note": "note"},
}
"""The columns a record's ``consent`` mapping goes to, and its key for each."""

INTEGERS = {"headcount", "number", "strategy_number", "people"}

ORDER = [
    RecordKind.partners,
    RecordKind.officials,
    RecordKind.people,
    RecordKind.priorities,
    RecordKind.resources,
    RecordKind.engagements,
    RecordKind.testimonies,
]
"""Tables that others point to come first."""


def hidden_fields(record: Record) -> set[str]:
    """The fields of a record that a public export leaves out."""
    hidden = personal_fields(type(record))
    if isinstance(record, Testimony):
        if record.public:
            hidden -= {"text", "file", "title"}  # the person agreed to publish it
        else:
            hidden.add("person")  # people are published, but not who said what without consent
    return hidden


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def build_tables(data: DataSet, as_of: dt.date, public: bool, publisher: Publisher | None = None) -> list[ExportTable]:
    """Every table of the export, parents before the tables that point to them (``publisher``: the public
    export's, when the caller has one already)."""
    context = Context(data, as_of)
    publisher = (publisher or Publisher(data)) if public else None
    out: list[ExportTable] = [_meta(data, as_of, public), _districts(data)]
    links: list[ExportTable] = []
    for kind in ORDER:
        out.append(_records_table(data, kind, context, publisher))
    links.append(_link(data, "partner_statuses", Partner, "partner_id", _statuses))
    links.append(_link(data, "partner_contacts", Partner, "partner_id", _contacts))
    links.append(_link(data, "official_offices", Official, "official_id", _offices))
    links.append(_link(data, "strategies", Priority, "priority_id", _strategies))
    links.append(_strategy_partners(data))
    links.append(_link(data, "positions", Priority, "priority_id", _positions))
    for name, ref in (
        ("partners", "partner"),
        ("officials", "official"),
        ("people", "person"),
        ("priorities", "priority"),
    ):
        links.append(_engagement_link(data, name, ref))
    links.append(_withheld_people(data, publisher))
    links.append(_link(data, "follow_ups", Engagement, "engagement_id", _follow_ups))
    if publisher is not None:
        for table in links:
            _publish_links(table, publisher)
    return out + links


def _publish_links(table: ExportTable, publisher: Publisher) -> None:
    """A link table as published: ids public, free text withheld where it names someone, and no row
    pointing to a person who may not be named (a follow-up keeps its row without its owner)."""
    rows = [{k: publisher.value(v) for k, v in row.items()} for row in table.rows]
    keys = [c for c in table.primary_key if c != "number"]
    table.rows = [
        row
        for row, old in zip(rows, table.rows, strict=True)
        if all(row[k] is not None or old[k] is None for k in keys)
    ]


def _withheld_people(data: DataSet, publisher: Publisher | None) -> ExportTable:
    """People at each engagement who may not be named, counted by partner (none in an export that is not public)."""
    table = ExportTable(
        "engagement_people_withheld", _SPECS["engagement_people_withheld"], _KEYS["engagement_people_withheld"]
    )
    if publisher is None:
        return table
    for engagement in data.typed(Engagement):
        for i, (partner, people) in enumerate(publisher.withheld(engagement), 1):
            table.rows.append({"engagement_id": engagement.id, "number": i, "partner_id": partner, "people": people})
    return table


def _meta(data: DataSet, as_of: dt.date, public: bool) -> ExportTable:
    table = ExportTable("meta", [Column("key"), Column("value")], ["key"])
    facts = {
        "chapter": data.settings.chapter if data.settings else "",
        "as_of": as_of.isoformat(),
        "public": "true" if public else "false",
        "export_version": str(EXPORT_VERSION),
        "capctl_version": __version__,
    }
    table.rows = [{"key": k, "value": v} for k, v in facts.items()]
    return table


def _districts(data: DataSet) -> ExportTable:
    table = ExportTable("districts", [Column("id"), Column("name"), Column("areas")], ["id"])
    for district in data.settings.districts if data.settings else []:
        table.rows.append({"id": district.id, "name": district.name, "areas": _cell(district.areas)})
    return table


def _record_columns(kind: RecordKind, public: bool) -> list[Column]:
    hidden = personal_fields(MODELS[kind]) if public and kind is not RecordKind.testimonies else set()
    names: list[str] = []
    for name in columns(kind):
        if name == "last_contact" or name in hidden:
            continue
        if name == "consent":
            names += list(_CONSENT_COLUMNS[kind])
        elif name not in LINKED.get(kind, set()):
            names.append(name)
    return [Column(n, "INTEGER" if n in INTEGERS else "TEXT", REFERENCES.get(n)) for n in names]


def _records_table(data: DataSet, kind: RecordKind, context: Context, publisher: Publisher | None) -> ExportTable:
    public = publisher is not None
    table = ExportTable(kind.value, _record_columns(kind, public), ["id"])
    withheld = publisher.testimonies if publisher is not None and kind is RecordKind.testimonies else {}
    for record in data.typed(MODELS[kind]):
        if publisher is not None and not publisher.shown(record.id):
            continue
        values = row(record, context)
        values["id"] = withheld.get(record.id, record.id)
        hidden = hidden_fields(record) if public else set()
        if kind in _CONSENT_COLUMNS:
            consent = values.pop("consent", None) or {}
            values.update({column: consent.get(key) for column, key in _CONSENT_COLUMNS[kind].items()})
        if publisher is not None:
            values = {k: v if k in hidden else publisher.value(v) for k, v in values.items()}
            values["id"] = withheld.get(record.id) or publisher.value(record.id)
        table.rows.append({c: None if c in hidden else _cell(values.get(c)) for c in table.names})
    return table


Rows = Callable[[Any], Iterator[dict[str, Any]]]


def _link(data: DataSet, name: str, model: type[Record], parent: str, rows: Rows) -> ExportTable:
    table = ExportTable(name, _SPECS[name], _KEYS[name])
    for record in data.typed(model):
        table.rows.extend({parent: record.id, **r} for r in rows(record))
    return table


def _statuses(partner: Partner) -> Iterator[dict[str, Any]]:
    for i, change in enumerate(partner.status_history, 1):
        yield {"number": i, "status": change.status.value, "date": change.date.isoformat(), "note": change.note}


def _contacts(partner: Partner) -> Iterator[dict[str, Any]]:
    for person in dict.fromkeys(partner.contacts):
        yield {"person_id": person}


def _offices(official: Official) -> Iterator[dict[str, Any]]:
    for i, office in enumerate(official.offices, 1):
        yield {"number": i, **office.model_dump(mode="json")}


def _strategies(priority: Priority) -> Iterator[dict[str, Any]]:
    for i, strategy in enumerate(priority.strategies, 1):
        yield {"number": i, "summary": strategy.summary}


def _positions(priority: Priority) -> Iterator[dict[str, Any]]:
    for i, position in enumerate(priority.positions, 1):
        yield {
            "number": i,
            "official_id": position.official,
            "stance": position.stance.value,
            "date": None if position.date is None else position.date.isoformat(),
            "source": position.source,
        }


def _follow_ups(engagement: Engagement) -> Iterator[dict[str, Any]]:
    for i, follow_up in enumerate(engagement.follow_ups, 1):
        yield {
            "number": i,
            "task": follow_up.task,
            "owner_id": follow_up.owner,
            "due": None if follow_up.due is None else follow_up.due.isoformat(),
            "done": None if follow_up.done is None else follow_up.done.isoformat(),
        }


def _strategy_partners(data: DataSet) -> ExportTable:
    table = ExportTable(
        "strategy_partners",
        _SPECS["strategy_partners"],
        _KEYS["strategy_partners"],
        composite_keys=[(["priority_id", "strategy_number"], "strategies", ["priority_id", "number"])],
    )
    for priority in data.typed(Priority):
        for i, strategy in enumerate(priority.strategies, 1):
            for partner in dict.fromkeys(strategy.partners):
                table.rows.append({"priority_id": priority.id, "strategy_number": i, "partner_id": partner})
    return table


def _engagement_link(data: DataSet, name: str, ref: str) -> ExportTable:
    table_name = f"engagement_{name}"
    table = ExportTable(table_name, _SPECS[table_name], ["engagement_id", f"{ref}_id"])
    for engagement in data.typed(Engagement):
        for target in dict.fromkeys(getattr(engagement, name)):
            table.rows.append({"engagement_id": engagement.id, f"{ref}_id": target})
    return table


def _c(name: str, references: str | None = None) -> Column:
    return Column(name, "INTEGER" if name in INTEGERS else "TEXT", references)


_SPECS: dict[str, list[Column]] = {
    "partner_statuses": [_c("partner_id", "partners"), _c("number"), _c("status"), _c("date"), _c("note")],
    "partner_contacts": [_c("partner_id", "partners"), _c("person_id", "people")],
    "official_offices": [
        _c("official_id", "officials"), _c("number"), _c("classification"), _c("address"), _c("phone"), _c("fax"),
    ],
    "strategies": [_c("priority_id", "priorities"), _c("number"), _c("summary")],
    "strategy_partners": [_c("priority_id", "priorities"), _c("strategy_number"), _c("partner_id", "partners")],
    "positions": [
        _c("priority_id", "priorities"), _c("number"), _c("official_id", "officials"), _c("stance"), _c("date"),
        _c("source"),
    ],
    "engagement_partners": [_c("engagement_id", "engagements"), _c("partner_id", "partners")],
    "engagement_officials": [_c("engagement_id", "engagements"), _c("official_id", "officials")],
    "engagement_people": [_c("engagement_id", "engagements"), _c("person_id", "people")],
    "engagement_priorities": [_c("engagement_id", "engagements"), _c("priority_id", "priorities")],
    "engagement_people_withheld": [
        _c("engagement_id", "engagements"), _c("number"), _c("partner_id", "partners"), _c("people"),
    ],
    "follow_ups": [
        _c("engagement_id", "engagements"), _c("number"), _c("task"), _c("owner_id", "people"), _c("due"), _c("done"),
    ],
}  # fmt: skip
"""The link tables' columns, in their documented order."""

_KEYS: dict[str, list[str]] = {
    "partner_statuses": ["partner_id", "number"],
    "partner_contacts": ["partner_id", "person_id"],
    "official_offices": ["official_id", "number"],
    "strategies": ["priority_id", "number"],
    "strategy_partners": ["priority_id", "strategy_number", "partner_id"],
    "positions": ["priority_id", "number"],
    "follow_ups": ["engagement_id", "number"],
    "engagement_people_withheld": ["engagement_id", "number"],
}
