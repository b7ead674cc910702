"""New records from what an organizer gives: built, checked as ``check`` will see them, then written.

Everything here takes ids (the command line resolves names first). Invalid input raises
:class:`~capctl.problems.CapctlError` and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from capctl.dates import today
from capctl.messages import describe_validation_error
from capctl.models.records import (
    ID_MAX_LENGTH,
    Engagement,
    Official,
    Partner,
    Person,
    Priority,
    Record,
    Resource,
    Testimony,
)
from capctl.problems import CapctlError
from capctl.rules import RECORD_RULES, cross_findings_of
from capctl.store import files
from capctl.store import write as store_write
from capctl.store.dataset import DataSet, with_records
from capctl.store.read import load_record_file
from capctl.text import fold, make_id
from capctl.vocab import (
    ConsentScope,
    Level,
    PartnerStatus,
    RecordKind,
    ResourceKind,
    Severity,
    Topic,
)

FLAGS = {
    "id": "--id",
    "title": "--title",
    "kind": "--kind",
    "topic": "--topic",
    "location": "--location",
    "district": "--district",
    "districts": "--district",
    "languages": "--language",
    "language": "--language",
    "tags": "--tag",
    "headcount": "--headcount",
    "notes": "--notes",
    "follow_ups": "--follow-up",
    "office": "--office",
    "level": "--level",
    "email": "--email",
    "phone": "--phone",
    "text": "--text",
    "file": "--file",
    "link": "--link",
    "strategies": "--strategy",
    "status_history": "--status",
}
"""The option an organizer typed for each field, so that an error names what they can fix."""


@dataclass
class Draft:
    """A new record, checked and ready to be written."""

    record: Record
    path: Path
    warnings: list[str] = field(default_factory=list)
    same_name: list[Record] = field(default_factory=list)
    """Existing records of the same kind with the same name (case and accents ignored)."""

    @property
    def text(self) -> str:
        """The file as it will be written."""
        return store_write.render(self.record)


def build(model: type[Record], fields: dict[str, Any]) -> Record:
    """A record of ``model`` from ``fields`` (None and empty lists left out), or a usage error
    naming the option to fix."""
    values = {k: v for k, v in fields.items() if v is not None and v != [] and v != ()}
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        loc, message = describe_validation_error(exc)[0]
        flag = FLAGS.get(str(loc[0])) if loc else None
        if flag is not None:
            message = f"{flag}: {message.split(': ', 1)[1]}" if ": " in message else f"{flag}: {message}"
        raise CapctlError(f"{message}; nothing was written") from None


def draft(data: DataSet, record: Record, id_given: bool = False) -> Draft:
    """Check a new record against the data it joins: its id is free, the rules and its references hold.

    An id derived from a name that is already taken gets ``-2``, ``-3``...; an id
    the user gave (``id_given``) must be free.
    """
    day = record.date if isinstance(record, Engagement) else None
    if id_given:
        taken = _taken(data, record.collection, record.id, day)
        if taken:
            raise CapctlError(f"--id {record.id}: {taken} already has this id; choose another")
    else:
        record = record.model_copy(update={"id": free_id(data, record.collection, record.id, day)})
    path = files.record_path(data.root, record.collection, record.id, day)
    errors, warnings = check_new(data, record, path)
    if errors:
        # In the organizer's terms: follow-ups are numbered from 1, as `followup done ENGAGEMENT N` has them.
        told = [
            re.sub(r"^follow_ups\.(\d+)\.(\w+):", lambda m: f"follow-up {int(m[1]) + 1} {m[2]}:", e) for e in errors
        ]
        raise CapctlError(f"{'; '.join(told)}; nothing was written")
    return Draft(record, path, warnings, same_name(data, record))


def write(data: DataSet, draft: Draft) -> tuple[Path, Record]:
    """Write a checked draft. An engagement whose name was taken meanwhile gets the next free one;
    any other record refuses to replace a file."""
    unique = draft.record.collection is RecordKind.engagements
    try:
        return store_write.write_new(data.root, draft.record, unique=unique)
    except FileExistsError:
        raise CapctlError(
            f"{data.display(draft.path)} was created meanwhile by someone else; nothing was written, try again"
        ) from None


def free_id(
    data: DataSet, kind: RecordKind, base: str, day: dt.date | None = None, claimed: Container[str] = ()
) -> str:
    """``base``, or ``base-2``, ``base-3``... : the first id no record uses, no file holds and is not ``claimed``."""
    for n in range(1, 1000):
        suffix = "" if n == 1 else f"-{n}"
        candidate = base[: ID_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
        if candidate not in claimed and not _taken(data, kind, candidate, day):
            return candidate
    raise CapctlError(f"no free id for {base!r}: give one with --id")


def _taken(data: DataSet, kind: RecordKind, record_id: str, day: dt.date | None) -> str | None:
    existing = data.records.get(record_id)
    if existing is None and record_id in data.elsewhere:  # a kind this load did not read: read its file
        other_kind, relative = data.elsewhere[record_id]
        other_path = data.root.joinpath(*relative.split("/"))
        existing = load_record_file(data.root, other_kind, other_path).record  # None if invalid, as in a full load
    if existing is not None:
        return f"the {existing.collection.singular} {existing.label!r}"
    path = files.record_path(data.root, kind, record_id, day)
    return data.display(path) if path.exists() else None


def check_new(data: DataSet, record: Record, path: Path, warnings: bool = True) -> tuple[list[str], list[str]]:
    """Errors and warnings ``capctl check`` would report for this record once written at ``path``
    (``warnings`` False: errors only, without the scans that can only warn).

    Only what the record can bring: its own rules, and the cross-record rules' findings
    about it (its references, its districts, a record of its kind with its name), not
    those rules run over every record again.
    """
    trial = replace(
        data,
        records=with_records(data.records, record),
        paths={**data.paths, record.id: path},
        problems=[],
    )
    findings = [f for rule in RECORD_RULES for f in rule(trial, record)]
    findings += cross_findings_of(trial, record, warnings)
    errors = [message for _, _, severity, message in findings if severity is Severity.error]
    warned = [message for _, _, severity, message in findings if severity is Severity.warning]
    return errors, warned


def same_name(data: DataSet, record: Record) -> list[Record]:
    """Records of the same kind that answer to the new record's name."""
    if isinstance(record, Engagement | Resource | Testimony):
        return []  # titles repeat legitimately
    key = fold(record.label)
    return [r for r in data.typed(type(record)) if r.id != record.id and any(fold(name) == key for name in r.names())]


def _derived(given: str | None, name: str, prefix: str) -> tuple[str, bool]:
    return (given, True) if given else (make_id(name, prefix), False)


# --- one builder a kind ----------------------------------------------------


def new_partner(
    data: DataSet,
    name: str,
    *,
    record_id: str | None = None,
    status: PartnerStatus = PartnerStatus.prospect,
    since: dt.date | None = None,
    districts: Sequence[str] = (),
    languages: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> Draft:
    """A partner organization, with its status since ``since`` (today by default)."""
    rid, given = _derived(record_id, name, "partner")
    record = build(
        Partner,
        {
            "id": rid,
            "name": name,
            "status_history": [{"status": status, "date": since or today()}],
            "districts": list(districts),
            "languages": list(languages),
            "tags": list(tags),
        },
    )
    return draft(data, record, given)


def new_official(
    data: DataSet,
    name: str,
    *,
    office: str,
    level: Level = Level.county,
    district: str | None = None,
    record_id: str | None = None,
) -> Draft:
    """An elected official."""
    rid, given = _derived(record_id, name, "official")
    record = build(Official, {"id": rid, "name": name, "office": office, "level": level, "district": district})
    return draft(data, record, given)


def new_person(
    data: DataSet,
    name: str,
    *,
    record_id: str | None = None,
    affiliation: str | None = None,
    works_for: str | None = None,
    title: str | None = None,
    languages: Sequence[str] = (),
    email: str | None = None,
    phone: str | None = None,
) -> Draft:
    """A person: a partner's contact or member (``affiliation``), or an official's staffer (``works_for``)."""
    rid, given = _derived(record_id, name, "person")
    record = build(
        Person,
        {
            "id": rid,
            "name": name,
            "affiliation": affiliation,
            "works_for": works_for,
            "title": title,
            "languages": list(languages),
            "email": email,
            "phone": phone,
        },
    )
    return draft(data, record, given)


def new_testimony(
    data: DataSet,
    *,
    person: str,
    day: dt.date,
    language: str,
    partner: str | None = None,
    consent: ConsentScope | None = None,
    text: str | None = None,
    file: str | None = None,
    title: str | None = None,
) -> Draft:
    """A testimony, named after the person and the day (or its title). ``file`` is relative to the data folder."""
    if (text is None) == (file is None):
        raise CapctlError("give the testimony with --text or --file (one of them)")
    base = make_id(title, "testimony") if title else f"{person}-{day.isoformat()}"
    record = build(
        Testimony,
        {
            "id": base,
            "person": person,
            "partner": partner,
            "date": day,
            "language": language,
            "title": title,
            "consent": {"scope": consent, "date": day} if consent is not None else None,
            "text": text,
            "file": file,
        },
    )
    return draft(data, record)


def new_priority(
    data: DataSet,
    title: str,
    *,
    identified: dt.date | None = None,
    strategy: str | None = None,
    partners: Sequence[str] = (),
    record_id: str | None = None,
) -> Draft:
    """A county priority, with one community strategy and the partners carrying it."""
    if partners and not strategy:
        raise CapctlError("--partner goes with a --strategy: the partners carrying it")
    rid, given = _derived(record_id, title, "priority")
    strategies = [{"summary": strategy, "partners": list(partners)}] if strategy is not None else []
    record = build(Priority, {"id": rid, "title": title, "identified": identified or today(), "strategies": strategies})
    return draft(data, record, given)


def new_resource(
    data: DataSet,
    title: str,
    *,
    kind: ResourceKind,
    languages: Sequence[str],
    topic: Topic | None = None,
    day: dt.date | None = None,
    link: str | None = None,
    record_id: str | None = None,
) -> Draft:
    """A presentation or material, in the languages it exists in."""
    rid, given = _derived(record_id, title, "resource")
    record = build(
        Resource,
        {
            "id": rid,
            "title": title,
            "kind": kind,
            "topic": topic,
            "languages": list(languages),
            "date": day,
            "link": link,
        },
    )
    return draft(data, record, given)
