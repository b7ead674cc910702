"""Rules beyond the models' types: small plain functions, each in a list.

``RECORD_RULES`` look at one record at a time; ``CROSS_RULES`` at how records
refer to each other. Each yields ``(record id, location in its file, severity,
message)``; the line is looked up only for the problems found.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from capctl.dates import today
from capctl.models.records import Engagement, Official, Partner, Person, Priority, Record, Resource, Testimony
from capctl.privacy import (
    no_private_names_in_public_texts,
    private_names,
    private_names_in,
    public_testimony_speaker_agreed,
    speaker_not_named,
)
from capctl.problems import Problem
from capctl.store.dataset import line_in
from capctl.text import fold, looks_like_formula
from capctl.vocab import EngagementKind, RecordKind, Severity

if TYPE_CHECKING:
    from capctl.store.dataset import DataSet

Loc = list[str | int]
Finding = tuple[str, Loc, Severity, str]
RecordRule = Callable[["DataSet", Record], Iterable[Finding]]
CrossRule = Callable[["DataSet"], Iterable[Finding]]

FAR_FUTURE_DAYS = 366
ERR, WARN = Severity.error, Severity.warning


# --- one record at a time -------------------------------------------------


def status_history_in_order(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Partner):
        for i in range(1, len(record.status_history)):
            if record.status_history[i].date < record.status_history[i - 1].date:
                yield (
                    record.id,
                    ["status_history", i, "date"],
                    ERR,
                    ("status_history: out of date order; list status changes oldest first"),
                )


def engagement_file_matches_date(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Engagement):
        path = data.paths.get(record.id)
        expected = record.date.isoformat()
        if not record.id.startswith(expected):
            yield (
                record.id,
                ["date"],
                ERR,
                f"date {expected} differs from the file name: name it {expected}-<slug>.yaml",
            )
        elif path is not None and path.parent.name != f"{record.date.year:04d}":
            yield (
                record.id,
                ["date"],
                ERR,
                f"wrong folder: an engagement of {record.date.year} goes in engagements/{record.date.year}/",
            )


def follow_ups_after_meeting(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Engagement):
        for i, follow_up in enumerate(record.follow_ups):
            if follow_up.due is not None and follow_up.due < record.date:
                yield (
                    record.id,
                    ["follow_ups", i, "due"],
                    ERR,
                    (f"follow_ups.{i}.due: {follow_up.due} is before the engagement ({record.date})"),
                )
            if follow_up.done is not None and follow_up.done < record.date:
                yield (
                    record.id,
                    ["follow_ups", i, "done"],
                    ERR,
                    (f"follow_ups.{i}.done: {follow_up.done} is before the engagement ({record.date})"),
                )


def training_has_district(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Engagement) and record.kind is EngagementKind.training and not record.district:
        yield (
            record.id,
            ["kind"],
            WARN,
            "a training with no district: it counts toward no district covered in the report; "
            "add district: (an id from capctl.yaml)",
        )


def term_in_order(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Official) and record.term_start and record.term_end and record.term_end < record.term_start:
        yield record.id, ["term_end"], ERR, "term_end: before term_start"


def no_far_future_dates(data: DataSet, record: Record) -> Iterator[Finding]:
    limit = today() + dt.timedelta(days=FAR_FUTURE_DAYS)
    fields = vars(record)  # not getattr: a missing attribute costs a pydantic exception
    for field in ("date", "identified"):
        value = fields.get(field)
        if isinstance(value, dt.date) and value > limit:
            yield record.id, [field], WARN, f"{field}: {value} is more than a year from today; a typo?"


def testimony_has_consent(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Testimony) and record.consent is None:
        yield (
            record.id,
            ["person"],
            WARN,
            ("no consent recorded: add consent (public, internal or none); it is kept out of anything published"),
        )


def testimony_file_exists(data: DataSet, record: Record) -> Iterator[Finding]:
    link = record.file if isinstance(record, Testimony) else None
    if link is not None:
        root = data.root.resolve()
        target = (root / link).resolve()
        if not target.is_relative_to(root):
            yield record.id, ["file"], ERR, f"file: {link!r} is outside the data folder"
        elif not target.is_file():
            yield record.id, ["file"], ERR, f"file: {link!r} does not exist under the data folder"


_PHONE = re.compile(r"(?<![\w.-])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""Starts only where a word starts: a long run of letters is scanned once, not once per letter."""
_PHONE_END = re.compile(r"\d{3}[ .-]\d{4}")


def free_texts(record: Record) -> Iterator[tuple[Loc, str]]:
    """Every free-text value of a record (published as is with --public), with where it is."""
    fields = vars(record)  # not getattr: a missing attribute costs a pydantic exception
    for name in ("notes", "description"):
        value = fields.get(name)
        if isinstance(value, str):
            yield [name], value
    if isinstance(record, Partner):
        for i, change in enumerate(record.status_history):
            if change.note:
                yield ["status_history", i, "note"], change.note
    elif isinstance(record, Engagement):
        for i, follow_up in enumerate(record.follow_ups):
            yield ["follow_ups", i, "task"], follow_up.task
    elif isinstance(record, Priority):
        for i, strategy in enumerate(record.strategies):
            yield ["strategies", i, "summary"], strategy.summary


def no_personal_data_in_free_text(data: DataSet, record: Record) -> Iterator[Finding]:
    for loc, text in free_texts(record):
        # Every phone number ends in _PHONE_END and every email has an "@": 100,000 notes are
        # scanned for those first, a third of the cost of scanning them for the patterns whole.
        phone = _PHONE_END.search(text) is not None and _PHONE.search(text) is not None
        email = "@" in text and _EMAIL.search(text) is not None
        if not (phone or email):
            continue
        field = ".".join(str(part) for part in loc)
        for found, what, where in ((phone, "a phone number", "phone"), (email, "an email address", "email")):
            if found:
                yield (
                    record.id,
                    loc,
                    WARN,
                    f"{field}: looks like it holds {what}; free text is published with --public, "
                    f"so keep it in a person's {where} field",
                )


def no_formula_in_names(data: DataSet, record: Record) -> Iterator[Finding]:
    """A name or title a spreadsheet would run as a formula (``=HYPERLINK(...)``): CSV output defuses it,
    but it is most likely pasted by mistake, or on purpose by someone hostile."""
    fields = vars(record)
    for name in ("name", "title"):
        value = fields.get(name)
        if isinstance(value, str) and looks_like_formula(value):
            yield (
                record.id,
                [name],
                WARN,
                f"{name}: starts with {value[0]!r}, which a spreadsheet reads as a formula; "
                "CSV output shows it with a leading apostrophe",
            )


RECORD_RULES: list[RecordRule] = [
    status_history_in_order,
    engagement_file_matches_date,
    follow_ups_after_meeting,
    training_has_district,
    term_in_order,
    no_far_future_dates,
    testimony_has_consent,
    testimony_file_exists,
    no_personal_data_in_free_text,
    no_formula_in_names,
]

FILE_RULES: list[RecordRule] = [
    status_history_in_order,
    engagement_file_matches_date,
    follow_ups_after_meeting,
    training_has_district,
    term_in_order,
    testimony_has_consent,
    no_personal_data_in_free_text,
    no_formula_in_names,
]
"""The record rules that look at nothing but the record and where its file is (not at today's date,
other files or other records): what they find is part of the file's own result, kept in the load
cache with it (capctl.cache) while the file and this module are unchanged."""

PARTIAL_RULES: list[RecordRule] = [rule for rule in FILE_RULES if rule is not testimony_has_consent]
"""The file rules that find something only in values a record has, never in one it lacks: they run on the
valid fields of a record with errors (a consent with an error is not "no consent")."""

LOAD_RULES: list[RecordRule] = [rule for rule in RECORD_RULES if rule not in FILE_RULES]
"""The record rules a load runs on every record every time."""


# --- across records -------------------------------------------------------


def references(record: Record) -> Iterator[tuple[Loc, str, RecordKind]]:
    """Every reference a record makes: (location, target id, kind it must be)."""
    if isinstance(record, Partner):
        for i, ref in enumerate(record.contacts):
            yield ["contacts", i], ref, RecordKind.people
    elif isinstance(record, Person):
        if record.affiliation:
            yield ["affiliation"], record.affiliation, RecordKind.partners
        if record.works_for:
            yield ["works_for"], record.works_for, RecordKind.officials
    elif isinstance(record, Engagement):
        for name, kind in (
            ("partners", RecordKind.partners),
            ("officials", RecordKind.officials),
            ("people", RecordKind.people),
            ("priorities", RecordKind.priorities),
        ):
            for i, ref in enumerate(getattr(record, name)):
                yield [name, i], ref, kind
        for i, follow_up in enumerate(record.follow_ups):
            if follow_up.owner:
                yield ["follow_ups", i, "owner"], follow_up.owner, RecordKind.people
    elif isinstance(record, Testimony):
        yield ["person"], record.person, RecordKind.people
        if record.partner:
            yield ["partner"], record.partner, RecordKind.partners
    elif isinstance(record, Priority):
        for i, strategy in enumerate(record.strategies):
            for j, ref in enumerate(strategy.partners):
                yield ["strategies", i, "partners", j], ref, RecordKind.partners
        for i, position in enumerate(record.positions):
            yield ["positions", i, "official"], position.official, RecordKind.officials


def references_exist(data: DataSet) -> Iterator[Finding]:
    """Every reference to a record that is not there or not of its kind; the references to a record
    whose file has errors are told once, at that file (the cause), not in every file that refers to it."""
    get = data.records.get  # hundreds of thousands of references in a statewide chapter
    broken = data.broken
    to_broken: dict[str, list[str]] = defaultdict(list)
    for record in data.records.values():
        for loc, ref, kind in references(record):
            target = get(ref)
            if target is not None and target.collection is kind:
                continue
            if target is None and ref in broken and broken[ref][0] is kind:
                to_broken[ref].append(record.id)
            else:
                yield _wrong_reference(record, loc, ref, kind, target)
    for ref, referrers in to_broken.items():
        yield _knock_on(data, ref, referrers)


def _missing_references(data: DataSet, record: Record) -> Iterator[Finding]:
    """``references_exist`` on one record: a reference to a record with errors named as such."""
    for loc, ref, kind in references(record):
        target = data.records.get(ref)
        if target is not None and target.collection is kind:
            continue
        if target is None and ref in data.broken and data.broken[ref][0] is kind:
            where = data.display(data.broken[ref][1])
            yield (
                record.id,
                loc,
                ERR,
                f"{field_name(loc)}: {kind.singular} {ref!r} has errors in {where}; fix them first",
            )
        else:
            yield _wrong_reference(record, loc, ref, kind, target)


def _wrong_reference(record: Record, loc: Loc, ref: str, kind: RecordKind, target: Record | None) -> Finding:
    if target is None:
        return record.id, loc, ERR, f"{field_name(loc)}: no {kind.singular} {ref!r}"
    return record.id, loc, ERR, f"{field_name(loc)}: {ref!r} is {target.collection.a}, not {kind.a}"


KNOCK_ON_FILES_SHOWN = 3


def _knock_on(data: DataSet, ref: str, referrers: list[str]) -> Finding:
    """One finding at a broken record's file for every reference to it (its problems' line: the file)."""
    kind, _path = data.broken[ref]
    count = len(referrers)
    files = sorted({data.paths[i].relative_to(data.root).as_posix() for i in referrers})
    shown = ", ".join(files[:KNOCK_ON_FILES_SHOWN])
    more = len(files) - KNOCK_ON_FILES_SHOWN
    if more > 0:
        shown += f" and {more} more file{'s' * (more != 1)}"
    return ref, [], ERR, f"{count} reference{'s' * (count != 1)} to {kind.value}/{ref}, which has errors: in {shown}"


def reference_problem(get: Callable[[str], Record | None], field: str, ref: str, kind: RecordKind) -> str | None:
    """What is wrong with a reference to ``ref`` (a ``kind``) in ``field``; None when it is right."""
    target = get(ref)
    if target is None:
        return f"{field}: no {kind.singular} {ref!r}"
    if target.collection is not kind:
        return f"{field}: {ref!r} is {target.collection.a}, not {kind.a}"
    return None


def field_name(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def districts_known(data: DataSet) -> Iterator[Finding]:
    if data.settings is None or not data.settings.districts:
        return
    known = set(data.settings.district_ids())
    listed = ", ".join(sorted(known))
    for record in data.records.values():
        yield from _unknown_districts(record, known, listed)


def _unknown_districts(record: Record, known: set[str], listed: str) -> Iterator[Finding]:
    if isinstance(record, Engagement) and record.district and record.district not in known:
        yield record.id, ["district"], ERR, f"district: {record.district!r} is not in capctl.yaml ({listed})"
    if isinstance(record, Partner):
        for i, district in enumerate(record.districts):
            if district not in known:
                yield (
                    record.id,
                    ["districts", i],
                    ERR,
                    f"districts.{i}: {district!r} is not in capctl.yaml ({listed})",
                )


def likely_duplicates(data: DataSet) -> Iterator[Finding]:
    seen: dict[tuple[RecordKind, str], str] = {}
    for record in sorted(data.records.values(), key=lambda r: r.id):
        if isinstance(record, Engagement | Resource):
            continue  # titles repeat legitimately: monthly meetings, translations
        key = (record.collection, fold(record.label))
        if key in seen:
            yield _duplicate(record, seen[key])
        else:
            seen[key] = record.id


def _duplicate(record: Record, first: str) -> Finding:
    return record.id, [], WARN, f"likely duplicate of {first!r} (same name {record.label!r})"


CROSS_RULES: list[CrossRule] = [
    references_exist,
    districts_known,
    likely_duplicates,
    public_testimony_speaker_agreed,
    no_private_names_in_public_texts,
]


def cross_findings_of(data: DataSet, record: Record, warnings: bool = True) -> Iterator[Finding]:
    """What ``CROSS_RULES`` find about ``record`` (one of ``data``'s records), in their order,
    without running them over every record: its references, its districts, and whether a
    record of its kind with a smaller id has its name (a warning only: ``warnings`` False skips that scan
    of every record)."""
    yield from _missing_references(data, record)
    if data.settings is not None and data.settings.districts:
        known = set(data.settings.district_ids())
        yield from _unknown_districts(record, known, ", ".join(sorted(known)))
    if warnings and not isinstance(record, Engagement | Resource):
        name = fold(record.label)
        first = min(
            (
                other.id
                for other in data.records.values()
                if other.collection is record.collection and other.id < record.id and fold(other.label) == name
            ),
            default=None,
        )
        if first is not None:
            yield _duplicate(record, first)
    if warnings:
        yield from speaker_not_named(data, record)
        yield from private_names_in(record, private_names(data))


# --- running them ---------------------------------------------------------


def check_records(data: DataSet, records: Iterable[Record], rules: Iterable[RecordRule]) -> list[Problem]:
    """The per-record rules ``rules`` on many records at once (one pass,
    one line lookup per location)."""
    chosen = list(rules)
    return _to_problems(data, (f for record in records for rule in chosen for f in rule(data, record)))


def check_cross_records(data: DataSet) -> list[Problem]:
    return check_with_rules(data, CROSS_RULES)


def check_with_rules(data: DataSet, rules: Iterable[CrossRule]) -> list[Problem]:
    """What these cross-record rules find, as problems."""
    return _to_problems(data, (f for rule in rules for f in rule(data)))


def references_and_districts_of(data: DataSet, records: Iterable[Record]) -> Iterator[Finding]:
    """What ``references_exist`` and ``districts_known`` find about these records only (the cross rules
    that look at one record against the ids of all: a record no change touched keeps what they found)."""
    known: set[str] = set()
    listed = ""
    if data.settings is not None and data.settings.districts:
        known = set(data.settings.district_ids())
        listed = ", ".join(sorted(known))
    for record in records:
        yield from _missing_references(data, record)
        if listed:
            yield from _unknown_districts(record, known, listed)


LinedFinding = tuple[str, int | None, Severity, str]
"""A finding with its line looked up: (record id, line, severity, message)."""


def with_lines(data: DataSet, findings: Iterable[Finding]) -> list[LinedFinding]:
    """Each finding's line in its record's file (looked up once per location)."""
    found: list[LinedFinding] = []
    lines: dict[tuple[str, tuple[str | int, ...]], int | None] = defaultdict(lambda: None)
    for record_id, loc, severity, message in findings:
        if record_id in data.broken and record_id not in data.paths:
            found.append((record_id, None, severity, message))  # told at the broken file as a whole
            continue
        key = (record_id, tuple(loc))
        if key not in lines:
            lines[key] = line_in(data, record_id, loc) if loc else 1
        found.append((record_id, lines[key], severity, message))
    return found


def as_problems(data: DataSet, findings: Iterable[LinedFinding]) -> list[Problem]:
    """Findings as problems of their records' files."""
    problems = []
    for record_id, line, severity, message in findings:
        path = data.paths.get(record_id)
        if path is None and record_id in data.broken:
            path = data.broken[record_id][1]  # what refers to a record with errors
        shown = data.display(path) if path else record_id
        problems.append(Problem(shown, line, severity, message))
    return problems


def _to_problems(data: DataSet, findings: Iterable[Finding]) -> list[Problem]:
    return as_problems(data, with_lines(data, findings))
