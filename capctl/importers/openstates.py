"""Planning an Open States import: each person's current role mapped to an official's fields, and what to
create, update, leave or skip. Hand edits win (docs/architecture.md, importers).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from capctl.edit.new import build, free_id
from capctl.importers.openstates_files import Person, Role, current_role, last_role
from capctl.models.records import ImportedFields, Official
from capctl.problems import CapctlError
from capctl.store import files as store_files
from capctl.store.dataset import DataSet, with_records
from capctl.text import fold, make_id, slugify
from capctl.vocab import Level, RecordKind

MANAGED = tuple(ImportedFields.model_fields)
"""The fields an import writes and keeps in ``imported:``; every other field is the organizer's."""

STATE_NAMES = {"ca": "California"}

STATE_OFFICES: dict[str, tuple[str, str | None]] = {
    "lower": ("State Assembly", "AD"),
    "upper": ("State Senate", "SD"),
}
"""Legislative chambers: the body's name after the state's, and the district prefix (``AD-53``)."""


def _divisions(jurisdiction: str) -> list[tuple[str, str]]:
    """``ocd-jurisdiction/country:us/state:ca/place:los_angeles/government`` → ``[(country, us), (state, ca), ...]``."""
    parts = jurisdiction.removeprefix("ocd-jurisdiction/").split("/")
    return [tuple(p.split(":", 1)) for p in parts if ":" in p]  # type: ignore[misc]


def office_of(role: Role, cities: dict[str, str]) -> tuple[str, Level, str | None]:
    """The body or office, the level and the district of a role, as capctl writes them."""
    divisions = dict(_divisions(role.jurisdiction))
    state = divisions.get("state", "")
    state_name = STATE_NAMES.get(state, state.upper())
    place = divisions.get("place")
    if role.type in STATE_OFFICES:
        body, prefix = STATE_OFFICES[role.type]
        district = f"{prefix}-{role.district}" if role.district and prefix else role.district
        return f"{state_name} {body}".strip(), Level.state, district
    title = role.type.replace("_", " ").replace("lt ", "lieutenant ")
    title = " ".join(w if w in ("of", "and") else w.capitalize() for w in title.split())
    if place is not None:
        city = cities.get(role.jurisdiction) or " ".join(w.capitalize() for w in place.split("_"))
        return f"{title} of {city}", Level.city, role.district
    if "county" in divisions:
        county = " ".join(w.capitalize() for w in divisions["county"].split("_"))
        return f"{title}, {county} County", Level.county, role.district
    if state:
        return f"{title} of {state_name}", Level.state, role.district
    return title, Level.federal, role.district


def fields_of(person: Person, role: Role, cities: dict[str, str]) -> dict[str, Any]:
    """The managed fields of the official for this person and role, as plain values (absent: None)."""
    office, level, district = office_of(role, cities)
    name_key = fold(person.name)
    aliases = list(dict.fromkeys(n for n in person.other_names if fold(n) != name_key))
    return {
        "name": person.name,
        "aliases": aliases or None,
        "office": office,
        "level": level.value,
        "district": district,
        "party": person.party,
        "term_start": role.start,
        "term_end": role.end,
        "email": person.email,
        "offices": person.offices or None,
        "links": person.links or None,
    }


def matches(role: Role, jurisdictions: Sequence[str], districts: Sequence[str], cities: dict[str, str]) -> bool:
    """Whether a role is in one of the jurisdictions and districts asked for (any, when none asked)."""
    if jurisdictions:
        # Only the jurisdiction's own division: state:ca is the state government, not every city in it.
        divisions = _divisions(role.jurisdiction)[-1:]
        names = {role.jurisdiction, *(f"{k}:{v}" for k, v in divisions), *(v for _, v in divisions)}
        keys = {slugify(n.replace("_", " ")) for n in names} | {slugify(cities.get(role.jurisdiction, ""))}
        if not any(j in names or slugify(j.replace("_", " ")) in keys for j in jurisdictions):
            return False
    if districts:
        _, _, shown = office_of(role, cities)
        ours = {fold(d) for d in (role.district, shown) if d}
        if not any(fold(d) in ours for d in districts):
            return False
    return True


# --- the plan ----------------------------------------------------------------------------


@dataclass
class Conflict:
    """A field the organizer changed by hand that the import would change too."""

    field: str
    yours: Any
    theirs: Any
    overwritten: bool


@dataclass
class Outcome:
    """What the import does with one person."""

    action: str  # created, updated, unchanged or skipped
    openstates_id: str
    name: str
    source: Path
    record_id: str | None = None
    fields: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    reason: str | None = None
    record: Official | None = None
    """The official as it will be written (created and updated)."""
    values: dict[str, Any] = field(default_factory=dict)
    """Updated: the fields to set in the file (None removes one)."""
    linked: bool = False
    """Updated: an official entered by hand, now linked to its Open States id."""


@dataclass
class Plan:
    outcomes: list[Outcome]
    filtered_out: int = 0
    """People whose role is outside the jurisdictions and districts asked for."""

    def of(self, action: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == action]


def plan(
    data: DataSet,
    people: Iterable[Person],
    day: dt.date,
    *,
    cities: dict[str, str] | None = None,
    jurisdictions: Sequence[str] = (),
    districts: Sequence[str] = (),
    include_retired: bool = False,
    overwrite: Iterable[str] = (),
) -> Plan:
    """What importing ``people`` into ``data`` does, official by official; nothing is written.

    ``overwrite`` names managed fields (or ``all``) whose hand edits the import may replace.
    """
    cities = cities or {}
    replace_fields = set(MANAGED) if "all" in overwrite else set(overwrite)
    unknown = replace_fields - set(MANAGED)
    if unknown:
        raise CapctlError(
            f"--overwrite: {', '.join(sorted(unknown))} is not a field the import manages "
            f"(it manages {', '.join(MANAGED)}, or all)"
        )
    _refuse_unreadable_officials(data)
    by_openstates = {o.openstates_id: o for o in data.typed(Official) if o.openstates_id}
    working = replace(data, records=with_records(data.records), paths=dict(data.paths), problems=[])
    result = Plan([])
    for person in sorted(people, key=lambda p: (fold(p.name), p.openstates_id)):
        role = current_role(person, day)
        reason = None
        if role is None:
            role = last_role(person)
            if role is None:
                reason = "no roles"
            elif not include_retired:
                when = f"ended {role.end}" if role.end and role.end < day else f"begins {role.start}"
                reason = f"no current role (last {when})"
        if role is not None and not matches(role, jurisdictions, districts, cities):
            result.filtered_out += 1
            continue
        if reason is not None or role is None:
            result.outcomes.append(Outcome("skipped", person.openstates_id, person.name, person.path, reason=reason))
            continue
        wanted = fields_of(person, role, cities)
        existing = by_openstates.get(person.openstates_id) or _same_official(working, person, wanted)
        if existing is None:
            result.outcomes.append(_create(working, person, wanted))
        else:
            outcome = _update(working, existing, person, wanted, replace_fields)
            if outcome.record is not None:
                working.records[existing.id] = outcome.record  # linked now: no other person takes it
            result.outcomes.append(outcome)
    return result


def _refuse_unreadable_officials(data: DataSet) -> None:
    """An official whose file could not be loaded may be one Open States knows: importing now would
    create them a second time."""
    folder = PurePath(data.display(data.root / RecordKind.officials.value))
    broken = sorted(
        {p.path for p in data.errors if PurePath(p.path).parent == folder and PurePath(p.path).stem not in data.records}
    )
    if broken:
        raise CapctlError(
            f"{', '.join(broken)} could not be read, so the import cannot tell whom "
            f"{'they hold' if len(broken) > 1 else 'it holds'}: fix {'them' if len(broken) > 1 else 'it'} "
            "first (capctl check lists the problems); nothing was written",
            exit_code=1,
        )


def _same_official(data: DataSet, person: Person, wanted: dict[str, Any]) -> Official | None:
    """An official entered by hand for this person: the only one not yet imported with the same name
    (or alias) at the same level."""
    key = fold(person.name)
    found = [
        o
        for o in data.typed(Official)
        if o.openstates_id is None and o.level.value == wanted["level"] and any(fold(n) == key for n in o.names())
    ]
    return found[0] if len(found) == 1 else None


def _snapshot(values: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


def _create(data: DataSet, person: Person, wanted: dict[str, Any]) -> Outcome:

    record_id = free_id(data, RecordKind.officials, make_id(person.name, "official"))
    values = _snapshot(wanted)
    record = build(Official, {"id": record_id, **values, "openstates_id": person.openstates_id, "imported": values})
    assert isinstance(record, Official)
    claim(data, record)
    return Outcome(
        "created",
        person.openstates_id,
        person.name,
        person.path,
        record_id=record_id,
        fields=list(values),
        record=record,
    )


def claim(data: DataSet, record: Official) -> None:
    """Count a planned official in as if written, so that later people get other ids."""
    data.records[record.id] = record
    data.paths[record.id] = store_files.record_path(data.root, RecordKind.officials, record.id)


def _norm(value: Any) -> Any:
    """A value as compared: enums as text, dates as ISO text, models as mappings, empty as None."""
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items() if v is not None and v != []} or None
    if isinstance(value, list):
        return [_norm(v) for v in value] or None
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "value", value)


def _update(
    data: DataSet, official: Official, person: Person, wanted: dict[str, Any], replace_fields: set[str]
) -> Outcome:
    last = _norm(official.imported) or {}
    values: dict[str, Any] = {}
    conflicts = []
    for name in MANAGED:
        yours, theirs = _norm(getattr(official, name)), _norm(wanted[name])
        if yours == theirs:
            continue
        # Entered by hand before any import, or changed since the last one: the organizer's value.
        # A value deleted since the last import counts as an edit too: the import must not put it back.
        edited = yours != last.get(name) if official.imported is not None else yours is not None
        if edited and theirs is None:
            continue  # Open States knows nothing here that the organizer's value could be replaced with
        if edited:
            conflicts.append(Conflict(name, yours, theirs, overwritten=name in replace_fields))
            if name not in replace_fields:
                continue
        values[name] = wanted[name]
    if official.openstates_id != person.openstates_id:
        values["openstates_id"] = person.openstates_id
    snapshot = _snapshot(wanted)
    if last != _norm(snapshot):
        values["imported"] = snapshot
    outcome = Outcome(
        "updated" if values else "unchanged",
        person.openstates_id,
        person.name,
        person.path,
        record_id=official.id,
        fields=[k for k in values if k not in ("imported", "openstates_id")],
        conflicts=conflicts,
        values=values,
        linked=official.openstates_id != person.openstates_id,
    )
    if values:
        current = official.model_dump(exclude_none=True)
        merged = {**current, **{k: v for k, v in values.items() if v is not None}}
        for k, v in values.items():
            if v is None:
                merged.pop(k, None)
        record = build(Official, merged)
        assert isinstance(record, Official)
        outcome.record = record
    return outcome
