"""Importing officials from Open States person files (github.com/openstates/people).

Reading is pure: :func:`read_folder` parses every person file under a folder with
the safe loader, :func:`plan` maps each person's current role to the fields of an
:class:`~capctl.models.Official` and decides, against the loaded data, what to
create, update, leave alone or skip. :func:`apply` then writes the plan through the
store: new files atomically and exclusively, updates as round-trip edits that touch
only the lines of the fields that change.

Hand edits win. Each imported official keeps ``imported:``, the values the last
import wrote for the fields it manages; a field whose value in the file differs
from that snapshot was edited by hand, and is kept and reported as a conflict
unless the organizer asks to overwrite it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from capctl import changes, store, yamlio
from capctl.models import ImportedFields, Official
from capctl.problems import CapctlError, Problem
from capctl.store import DataSet
from capctl.text import fold, make_id, slugify
from capctl.vocab import Level, RecordKind, Severity

MANAGED = tuple(ImportedFields.model_fields)
"""The fields an import writes and keeps in ``imported:``; every other field is the organizer's."""

SUFFIXES = (".yml", ".yaml")
PERSON_PREFIX = "ocd-person/"
JURISDICTIONS_FILE = "municipalities.yml"
"""Open States' list of city jurisdictions (``name`` and ``id``), used for a mayor's city name."""

STATE_NAMES = {"ca": "California"}

STATE_OFFICES: dict[str, tuple[str, str | None]] = {
    "lower": ("State Assembly", "AD"),
    "upper": ("State Senate", "SD"),
}
"""Legislative chambers: the body's name after the state's, and the district prefix (``AD-53``)."""

Progress = Callable[[int, int], None]
"""Told (files read, files in all) as the files are read."""


# --- reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    type: str
    jurisdiction: str
    district: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class Person:
    """One Open States person file, read and checked for the fields the import uses."""

    path: Path
    openstates_id: str
    name: str
    roles: list[Role]
    party: str | None
    email: str | None
    other_names: list[str]
    offices: list[dict[str, str]]
    links: list[str]


class BadFile(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def person_files(folder: Path) -> list[Path]:
    """Every person file under ``folder``, searched recursively (Open States keeps one a person)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in SUFFIXES and p.is_file() and p.name != JURISDICTIONS_FILE and not p.name.startswith(".")
    )


def read_folder(folder: Path, progress: Progress | None = None) -> tuple[list[Person], list[Problem]]:
    """Every person under ``folder``, and a problem for each file that is not a readable person."""
    if not folder.is_dir():
        raise CapctlError(f"--openstates: '{folder}' is not a folder")
    files = person_files(folder)
    people: list[Person] = []
    problems: list[Problem] = []
    for done, path in enumerate(files, 1):
        try:
            people.append(read_person(path))
        except BadFile as exc:
            problems.append(Problem(str(path), exc.line, Severity.error, exc.message))
        if progress is not None:
            progress(done, len(files))
    seen: dict[str, Path] = {}
    for person in people:
        if person.openstates_id in seen:
            problems.append(
                Problem(
                    str(person.path),
                    None,
                    Severity.error,
                    f"{person.openstates_id} is also in {seen[person.openstates_id]}",
                )
            )
        seen.setdefault(person.openstates_id, person.path)
    return people, problems


def read_person(path: Path) -> Person:
    """One person file, parsed with the safe loader; :class:`BadFile` says what is wrong."""
    try:
        text = store.read_text(path)
        mapping = store.parse_mapping(text)
    except yamlio.YamlSyntaxError as exc:
        raise BadFile(exc.message, exc.line) from None
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror}") from None

    def line(*loc: str | int) -> int | None:
        return yamlio.line_of(text, list(loc))

    openstates_id = mapping.get("id")
    if not isinstance(openstates_id, str) or not openstates_id.startswith(PERSON_PREFIX):
        raise BadFile(f"id: an Open States person id starts with {PERSON_PREFIX}", line("id") or 1)
    name = mapping.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadFile("name: every person has a name", line("name") or 1)
    roles = []
    for i, role in enumerate(_list(mapping, "roles", line)):
        if not isinstance(role, dict) or not isinstance(role.get("type"), str):
            raise BadFile("roles: each role is a mapping with a type", line("roles", i))
        dates = []
        for key, first in (("start_date", True), ("end_date", False)):
            try:
                dates.append(partial_date(role.get(key), first=first))
            except BadFile as exc:
                # The line is looked up only now: finding it parses the file again, with positions.
                raise BadFile(exc.message, line("roles", i, key)) from None
        roles.append(
            Role(
                type=role["type"],
                jurisdiction=str(role.get("jurisdiction") or ""),
                district=None if role.get("district") in (None, "") else str(role["district"]),
                start=dates[0],
                end=dates[1],
            )
        )
    parties = [p for p in _list(mapping, "party", line) if isinstance(p, dict) and p.get("name")]
    current_party = [p for p in parties if not p.get("end_date")] or parties
    offices = []
    for office in _list(mapping, "offices", line):
        if not isinstance(office, dict):
            continue
        entry = {"classification": str(office.get("classification") or "office")}
        for theirs, ours in (("address", "address"), ("voice", "phone"), ("fax", "fax")):
            if office.get(theirs):
                entry[ours] = " ".join(str(office[theirs]).split())
        offices.append(entry)
    email = mapping.get("email")
    return Person(
        path=path,
        openstates_id=openstates_id,
        name=" ".join(name.split()),
        roles=roles,
        party=str(current_party[-1]["name"]) if current_party else None,
        email=str(email) if email else None,
        other_names=[
            " ".join(str(o["name"]).split())
            for o in _list(mapping, "other_names", line)
            if isinstance(o, dict) and o.get("name")
        ],
        offices=offices,
        links=[str(u["url"]) for u in _list(mapping, "links", line) if isinstance(u, dict) and u.get("url")],
    )


def _list(mapping: dict[str, Any], key: str, line: Callable[..., int | None]) -> list[Any]:
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadFile(f"{key}: expected a list", line(key))
    return value


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def partial_date(value: Any, first: bool) -> dt.date | None:
    """An Open States date: full (``2019-05-03``), or partial (``2019``, ``2019-05``), quoted or not.

    A partial date stands for its first day when it starts something (``first``)
    and its last day when it ends something, so that a role ending "2019" is current
    through December.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _PARTIAL.match(str(value).strip())
    if match is None:
        raise BadFile(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return dt.date(year, 1, 1) if first else dt.date(year, 12, 31)
        if day is None:
            m = int(month)
            return dt.date(year, m, 1) if first else dt.date(year, m, calendar.monthrange(year, m)[1])
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise BadFile(f"impossible date {value}") from None


def jurisdiction_names(folder: Path) -> dict[str, str]:
    """City names by jurisdiction id, from every ``municipalities.yml`` under ``folder``."""
    names: dict[str, str] = {}
    for path in sorted(folder.rglob(JURISDICTIONS_FILE)):
        try:
            entries = yamlio.load_safe(store.read_text(path))
        except (OSError, yamlio.YamlSyntaxError):
            continue
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("name"), str):
                names[entry["id"]] = entry["name"]
    return names


# --- mapping a person to an official ---------------------------------------------------


def current_role(person: Person, day: dt.date) -> Role | None:
    """The role the person holds on ``day`` (the latest begun when several); None when none."""
    current = [r for r in person.roles if (r.start is None or r.start <= day) and (r.end is None or r.end >= day)]
    return max(current, key=lambda r: r.start or dt.date.min) if current else None


def last_role(person: Person) -> Role | None:
    """The role that ended last (for people without a current role)."""
    return max(person.roles, key=lambda r: (r.end or dt.date.max, r.start or dt.date.min), default=None)


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
    working = replace(data, records=dict(data.records), paths=dict(data.paths), problems=[])
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
    from capctl.capture import build, free_id

    record_id = free_id(data, RecordKind.officials, make_id(person.name, "official"))
    values = _snapshot(wanted)
    record = build(Official, {"id": record_id, **values, "openstates_id": person.openstates_id, "imported": values})
    assert isinstance(record, Official)
    _claim(data, record)
    return Outcome(
        "created",
        person.openstates_id,
        person.name,
        person.path,
        record_id=record_id,
        fields=list(values),
        record=record,
    )


def _claim(data: DataSet, record: Official) -> None:
    """Count a planned official in as if written, so that later people get other ids."""
    data.records[record.id] = record
    data.paths[record.id] = store.record_path(data.root, RecordKind.officials, record.id)


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
        from capctl.capture import build

        current = official.model_dump(exclude_none=True)
        merged = {**current, **{k: v for k, v in values.items() if v is not None}}
        for k, v in values.items():
            if v is None:
                merged.pop(k, None)
        record = build(Official, merged)
        assert isinstance(record, Official)
        outcome.record = record
    return outcome


# --- writing ----------------------------------------------------------------------------


def apply(data: DataSet, the_plan: Plan) -> None:
    """Write a plan: new officials as new files, updates as edits of only the fields that change.

    Every official is first checked as ``capctl check`` will see it: if one would add an error, nothing
    is written. Each update is checked again against its file as it is when written.
    """
    from capctl.capture import Draft, check_new, write
    from capctl.updates import apply as edit

    planned = [o for o in the_plan.outcomes if o.record is not None]
    trial = replace(data, records=dict(data.records), paths=dict(data.paths), problems=[])
    for outcome in planned:
        assert outcome.record is not None
        _claim(trial, outcome.record)
    refused = []
    for outcome in planned:
        assert outcome.record is not None
        path = trial.paths[outcome.record.id]
        before = data.records.get(outcome.record.id)
        known = check_new(data, before, path, warnings=False)[0] if before is not None else []
        errors = check_new(trial, outcome.record, path, warnings=False)[0]
        refused += [f"{data.display(path)}: {e}" for e in errors if e not in known]
    if refused:
        raise CapctlError("the import would add errors; nothing was written: " + "; ".join(refused), 1)
    for outcome in the_plan.outcomes:
        if outcome.record is None:
            continue
        if outcome.action == "created":
            path = store.record_path(data.root, RecordKind.officials, outcome.record.id)
            write(data, Draft(outcome.record, path))
        elif outcome.action == "updated":
            official = data.records[outcome.record_id or ""]
            edit(data, official, _set_fields(outcome.values))


def _set_fields(values: dict[str, Any]) -> changes.Change:
    """Set (or, for None, remove) fields of an official's file, each new key in its canonical place."""
    from ruamel.yaml.comments import CommentedMap

    def change(tree: CommentedMap) -> None:
        for key, value in values.items():
            if value is None:
                tree.pop(key, None)
            else:
                changes.set_value(RecordKind.officials, key, _roundtrip(value))(tree)

    return change


def _roundtrip(value: Any) -> Any:
    """Plain values as ruamel nodes in block style, the way capctl writes files."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((k, _roundtrip(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_roundtrip(v) for v in value)
    if isinstance(value, dt.date):
        # A date object used twice (a field and its snapshot) would be written as an &anchor and *alias.
        return dt.date(value.year, value.month, value.day)
    return value


# --- saying what it did --------------------------------------------------------------


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values())
    return "nothing" if value is None else str(value)


def what(outcome: Outcome) -> str:
    """One line on what happened to one person: the fields set, the hand edits kept, or why skipped."""
    if outcome.action == "skipped":
        return outcome.reason or ""
    parts = []
    if outcome.action == "created" and outcome.record is not None:
        parts.append(" ".join(filter(None, [outcome.record.office, outcome.record.district])))
    elif outcome.fields:
        parts.append("set " + ", ".join(outcome.fields))
    if outcome.linked:
        parts.append("linked to its Open States id")
    for c in outcome.conflicts:
        if c.overwritten:
            parts.append(f"replaced your {c.field} ({_shown(c.yours)}) with {_shown(c.theirs)}")
        else:
            parts.append(f"kept your {c.field} ({_shown(c.yours)}; Open States: {_shown(c.theirs)})")
    if not parts and outcome.action == "updated":
        parts.append("recorded what Open States says now")
    return "; ".join(parts)


def summary(the_plan: Plan, dry_run: bool) -> str:
    counts = {a: len(the_plan.of(a)) for a in ("created", "updated", "unchanged", "skipped")}
    verb = "would be " if dry_run else ""
    text = ", ".join(f"{n} {verb if a != 'unchanged' else ''}{a}" for a, n in counts.items())
    if the_plan.filtered_out:
        text += f"; {the_plan.filtered_out} outside --jurisdiction/--district"
    retired = sum(1 for o in the_plan.of("skipped") if (o.reason or "").startswith("no current role"))
    if retired:
        text += f"; --include-retired imports the {retired} without a current role"
    kept = sum(1 for o in the_plan.outcomes for c in o.conflicts if not c.overwritten)
    if kept:
        text += f"; {kept} hand edit{'s' * (kept != 1)} kept (--overwrite FIELD replaces them)"
    return ("dry run, nothing written: " if dry_run else "") + text


def to_json(the_plan: Plan, data: DataSet, dry_run: bool) -> dict[str, Any]:
    """The outcome for scripts: created, updated (fields set, hand edits kept), unchanged and skipped."""

    def base(o: Outcome) -> dict[str, Any]:
        return {"id": o.record_id, "name": o.name, "openstates_id": o.openstates_id}

    def path(o: Outcome) -> str:
        return data.display(store.record_path(data.root, RecordKind.officials, o.record_id or ""))

    return {
        "dry_run": dry_run,
        "created": [{**base(o), "path": path(o)} for o in the_plan.of("created")],
        "updated": [
            {
                **base(o),
                "path": path(o),
                "fields": o.fields,
                "conflicts": [
                    {"field": c.field, "yours": c.yours, "theirs": c.theirs, "overwritten": c.overwritten}
                    for c in o.conflicts
                ],
            }
            for o in the_plan.of("updated")
        ],
        "unchanged": [
            {
                **base(o),
                "conflicts": [{"field": c.field, "yours": c.yours, "theirs": c.theirs} for c in o.conflicts],
            }
            for o in the_plan.of("unchanged")
        ],
        "skipped": [
            {"name": o.name, "openstates_id": o.openstates_id, "file": str(o.source), "reason": o.reason}
            for o in the_plan.of("skipped")
        ],
        "outside_filters": the_plan.filtered_out,
    }
