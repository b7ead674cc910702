"""Rules beyond the models' types: small plain functions, each in a list.

``RECORD_RULES`` look at one record at a time; ``CROSS_RULES`` at how records
refer to each other. Each yields ``(record id, location in its file, severity,
message)``; the line is looked up only for the problems found.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from capctl.dates import today
from capctl.findings import ERR, WARN, CrossRule, Finding, RecordRule
from capctl.models.records import Engagement, Official, Partner, Record, Resource, Testimony
from capctl.privacy import (
    no_personal_data_in_free_text,
    no_private_names_in_public_texts,
    private_names,
    private_names_in,
    public_testimony_speaker_agreed,
    speaker_not_named,
)
from capctl.problems import Problem
from capctl.references import (
    districts_known,
    missing_references,
    references_exist,
    unknown_districts,
)
from capctl.store.dataset import line_in
from capctl.store.files import METRICS_FILE, read_text
from capctl.text import fold, looks_like_formula
from capctl.vocab import EngagementKind, RecordKind, ReportLanguage, Severity
from capctl.yaml.roundtrip import line_of

if TYPE_CHECKING:
    from capctl.store.dataset import DataSet

FAR_FUTURE_DAYS = 366


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


def far_future_limit() -> dt.date:
    return today() + dt.timedelta(days=FAR_FUTURE_DAYS)


def no_far_future_dates(data: DataSet, record: Record) -> Iterator[Finding]:
    limit = far_future_limit()
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
"""The record rules a load runs every time, on the records whose latest ``date`` or ``identified`` is past
:func:`far_future_limit` or that link an attachment (``Facts.latest``, ``Facts.attachment``: a load from
the cache knows them without decoding the records)."""


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
    yield from missing_references(data, record)
    if data.settings is not None and data.settings.districts:
        known = set(data.settings.district_ids())
        yield from unknown_districts(record, known, ", ".join(sorted(known)))
    if warnings and not isinstance(record, Engagement | Resource):
        name = fold(record.label)
        first = min(
            (other.id for other in data.of(record.collection) if other.id < record.id and fold(other.label) == name),
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
        problems.append(Problem(data.display(path), line_of(text, loc), Severity.warning, message))
    return problems
