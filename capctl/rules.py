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
from capctl.store.files import METRICS_FILE, read_text
from capctl.text import fold
from capctl.vocab import RecordKind, ReportLanguage, Severity
from capctl.yaml.roundtrip import line_of

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


RECORD_RULES: list[RecordRule] = [
    status_history_in_order,
    engagement_file_matches_date,
    follow_ups_after_meeting,
    term_in_order,
    no_far_future_dates,
    testimony_has_consent,
    testimony_file_exists,
    no_personal_data_in_free_text,
]

FILE_RULES: list[RecordRule] = [
    status_history_in_order,
    engagement_file_matches_date,
    follow_ups_after_meeting,
    term_in_order,
    testimony_has_consent,
    no_personal_data_in_free_text,
]
"""The record rules that look at nothing but the record and where its file is (not at today's date,
other files or other records): what they find is part of the file's own result, kept in the load
cache with it (capctl.cache) while the file and this module are unchanged."""

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
    get = data.records.get  # hundreds of thousands of references in a statewide chapter
    for record in data.records.values():
        yield from _missing_references(get, record)


def _missing_references(get: Callable[[str], Record | None], record: Record) -> Iterator[Finding]:
    for loc, ref, kind in references(record):
        target = get(ref)
        if target is None:
            yield record.id, loc, ERR, f"{_field(loc)}: no {kind.singular} {ref!r}"
        elif target.collection is not kind:
            yield (
                record.id,
                loc,
                ERR,
                f"{_field(loc)}: {ref!r} is {target.collection.a}, not {kind.a}",
            )


def _field(loc: Loc) -> str:
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
    yield from _missing_references(data.records.get, record)
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
    return _to_problems(data, (f for rule in CROSS_RULES for f in rule(data)))


def _to_problems(data: DataSet, findings: Iterable[Finding]) -> list[Problem]:

    problems = []
    lines: dict[tuple[str, tuple[str | int, ...]], int | None] = defaultdict(lambda: None)
    for record_id, loc, severity, message in findings:
        key = (record_id, tuple(loc))
        if key not in lines:
            lines[key] = line_in(data, record_id, loc) if loc else 1
        path = data.paths.get(record_id)
        shown = data.display(path) if path else record_id
        problems.append(Problem(shown, lines[key], severity, message))
    return problems


# --- metrics.yaml ---------------------------------------------------------------


def metrics_translations(data: DataSet) -> list[Problem]:
    """Warnings where a metric lacks a translation the others have, or that capctl.yaml's ``language:``
    asks for: the report in that language shows its label and grant as written (the default)."""
    metrics = data.metrics
    if metrics is None:
        return []
    wanted = {language for metric in metrics.metrics for language in metric.translations}
    if data.settings is not None and data.settings.language is not ReportLanguage.en:
        wanted.add(data.settings.language)
    missing = [
        (i, lang) for lang in sorted(wanted) for i, m in enumerate(metrics.metrics) if lang not in m.translations
    ]
    if not missing:
        return []
    path = data.root / METRICS_FILE
    text = read_text(path)
    problems = []
    for i, language in missing:
        metric = metrics.metrics[i]
        loc = ("metrics", i, "translations") if metric.translations else ("metrics", i, "label")
        message = (
            f"metrics.{i}: {metric.id!r} has no translations: {language}: (label and grant): "
            f"the report in {language} shows them as written here"
        )
        problems.append(Problem(data.display(path), line_of(text, loc), WARN, message))
    return problems
