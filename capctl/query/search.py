"""``capctl search``: free text across every record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from capctl.models.records import Engagement, Partner, Priority, Record
from capctl.problems import CapctlError
from capctl.store.dataset import DataSet
from capctl.text import fold
from capctl.vocab import RecordKind

# --- kinds ----------------------------------------------------------------


# --- search ---------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    """A line of a record that holds the text looked for."""

    record: Record
    field: str  # where in the record: ``name``, ``aliases.0``, ``notes``, ``follow_ups.1.task``...
    line: str  # the matching line, as written

    def as_row(self) -> dict[str, str]:
        """The hit in :data:`SEARCH_COLUMNS` order."""
        record = self.record
        return {"kind": record.collection.singular, "id": record.id, "name": record.label, "field": self.field,
                "line": self.line}  # fmt: skip


SEARCH_COLUMNS = ["kind", "id", "name", "field", "line"]


def searched_text(record: Record) -> Iterator[tuple[str, str]]:
    """(field, text) of everything ``search`` looks in: names, aliases, titles, notes,
    descriptions, strategies, status notes and follow-ups. Personal fields are never searched."""
    for name in ("name", "title"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            yield name, value
    for i, alias in enumerate(getattr(record, "aliases", [])):
        yield f"aliases.{i}", alias
    for name in ("notes", "description"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            yield name, value
    if isinstance(record, Partner):
        for i, change in enumerate(record.status_history):
            if change.note:
                yield f"status_history.{i}.note", change.note
    if isinstance(record, Priority):
        for i, strategy in enumerate(record.strategies):
            yield f"strategies.{i}.summary", strategy.summary
    if isinstance(record, Engagement):
        for i, follow_up in enumerate(record.follow_ups):
            yield f"follow_ups.{i}.task", follow_up.task


def search(data: DataSet, text: str) -> list[Hit]:
    """Every line holding ``text``, case- and accent-insensitive; by kind, then id, then field."""
    key = fold(text)
    if not key:
        raise CapctlError("TEXT: give some text to look for")
    order = {kind: i for i, kind in enumerate(RecordKind)}
    hits = []
    for record in sorted(data.records.values(), key=lambda r: (order[r.collection], r.id)):
        for name, value in searched_text(record):
            for line in value.splitlines():
                if key in fold(line):
                    hits.append(Hit(record, name, line.strip()))
    return hits
