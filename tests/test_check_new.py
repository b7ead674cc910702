"""A new record is checked by what it can bring (its rules, its references, its name), not by every
rule over every record again: the same problems as ``capctl check`` finds in its file once written."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from capctl.edit import new as edit_new
from capctl.models.records import Engagement, FollowUp, Official, Partner, Person, Record, StatusChange
from capctl.problems import CapctlError
from capctl.rules import CROSS_RULES, RECORD_RULES
from capctl.store import dataset, files, load
from capctl.vocab import EngagementKind, Level, PartnerStatus, RecordKind, Severity


def full_check(data: dataset.DataSet, record: Record, path: Path) -> tuple[list[str], list[str]]:
    """Every rule over the whole data set with the record in it, kept to what is about the record."""
    trial = replace(data, records={**data.records, record.id: record}, paths={**data.paths, record.id: path})
    findings = [f for rule in RECORD_RULES for f in rule(trial, record)]
    findings += [f for rule in CROSS_RULES for f in rule(trial) if f[0] == record.id]
    return (
        [m for _, _, severity, m in findings if severity is Severity.error],
        [m for _, _, severity, m in findings if severity is Severity.warning],
    )


def path_of(data: dataset.DataSet, record: Record) -> Path:
    day = record.date if isinstance(record, Engagement) else None
    return files.record_path(data.root, record.collection, record.id, day)


DAY = dt.date(2017, 6, 30)

RECORDS: list[Record] = [
    Engagement(
        id="2017-06-30-broken",
        date=DAY,
        kind=EngagementKind.one_on_one,
        title="Broken",
        district="sd9",
        partners=["no-such-partner", "hilda-ramos"],
        people=["jon-lee", "nobody"],
        officials=["ana-cruz"],
        priorities=["general-relief", "no-priority"],
        follow_ups=[FollowUp(task="Call back", owner="ghost", due=dt.date(2017, 6, 1))],
    ),
    Engagement(id="2017-06-30-fine", date=DAY, kind=EngagementKind.one_on_one, title="Fine", people=["jon-lee"]),
    Person(id="aaa-maria", name="MARÍA martinez", affiliation="no-partner", works_for="east-la-tenants"),
    Person(id="zzz-maria", name="Maria Martinez"),
    Person(id="jon-lee-2", name="Jon Lee", works_for="hilda-ramos"),
    Partner(
        id="new-partner",
        name="Valley Food Bank",
        districts=["sd1", "sd7"],
        contacts=["ana-cruz", "paul-kim"],
        status_history=[StatusChange(status=PartnerStatus.core, date=DAY)],
    ),
    Official(id="a-paul-kim", name="Paul Kim", office="Supervisor", level=Level.county, district="sd2"),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.id)
def test_a_new_record_is_checked_as_every_rule_over_the_whole_set_would(chapter: Path, record: Record) -> None:
    data = load.load(chapter)
    path = path_of(data, record)
    assert edit_new.check_new(data, record, path) == full_check(data, record, path)


def test_a_new_meetings_problems_are_still_caught(chapter: Path) -> None:
    data = load.load(chapter)
    record = RECORDS[0]
    errors, warnings = edit_new.check_new(data, record, path_of(data, record))
    assert errors == [
        "follow_ups.0.due: 2017-06-01 is before the engagement (2017-06-30)",
        "partners.0: no partner 'no-such-partner'",
        "partners.1: 'hilda-ramos' is an official, not a partner",
        "officials.0: 'ana-cruz' is a person, not an official",
        "people.1: no person 'nobody'",
        "priorities.1: no priority 'no-priority'",
        "follow_ups.0.owner: no person 'ghost'",
        "district: 'sd9' is not in capctl.yaml (sd1, sd2, sd3)",
    ]
    assert warnings == []
    with pytest.raises(CapctlError, match=r"no partner 'no-such-partner'.*nothing was written"):
        edit_new.draft(data, record)
    assert edit_new.check_new(data, RECORDS[1], path_of(data, RECORDS[1])) == ([], [])


def test_a_new_record_with_a_taken_name_is_a_likely_duplicate_only_after_the_first(chapter: Path) -> None:
    data = load.load(chapter)
    later, earlier = RECORDS[3], RECORDS[2]
    assert edit_new.check_new(data, later, path_of(data, later))[1] == [
        "likely duplicate of 'maria-martinez' (same name 'Maria Martinez')"
    ]
    # A smaller id comes first: the file already there would be the duplicate, not the new one.
    assert edit_new.check_new(data, earlier, path_of(data, earlier))[1] == []
    assert data.records["maria-martinez"].collection is RecordKind.people
