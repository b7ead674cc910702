"""The load cache's index: commands that need a few engagements choose them by the facts it keeps and
decode only those, with the same answers as reading every record."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from capctl.models.records import Engagement
from capctl.query import activity, index
from capctl.query.listing import ListOptions, list_records
from capctl.references import OPEN, facts_of
from capctl.store import cache, load
from capctl.store.dataset import DataSet, Facts, RecordMap
from capctl.vocab import RecordKind

VISIT = "2017-02-14-visit-hilda-ramos"


@pytest.fixture(autouse=True)
def _files_are_never_too_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))  # the files were all written a moment ago


def warm(chapter: Path) -> DataSet:
    load.load(chapter)  # writes the cache
    data = load.load(chapter)
    assert isinstance(data.records, RecordMap)
    assert not any(data.records.decoded(i) for i in data.records.ids_of(RecordKind.engagements))
    return data


def decoded_engagements(data: DataSet) -> list[str]:
    assert isinstance(data.records, RecordMap)
    return [i for i in data.records.ids_of(RecordKind.engagements) if data.records.decoded(i)]


def test_an_engagements_facts_say_who_took_part_and_until_when_a_follow_up_is_open(chapter: Path) -> None:
    data = warm(chapter)
    assert isinstance(data.records, RecordMap)
    assert data.records.facts(VISIT) == Facts(
        "2017-02-14", ("east-la-tenants", "hilda-ramos", "maria-martinez", "general-relief"), OPEN, None, "one-on-one"
    )
    visit = data.records[VISIT]
    assert isinstance(visit, Engagement)
    every_one_done = visit.model_copy(
        update={"follow_ups": [f.model_copy(update={"done": dt.date(2017, 3, 9)}) for f in visit.follow_ups]}
    )
    assert facts_of(every_one_done).open_until == "2017-03-09"
    assert facts_of(visit.model_copy(update={"follow_ups": []})).open_until is None


@pytest.mark.parametrize("day", ["2017-02-13", "2017-02-20", "2017-02-27", "2017-06-30"])
def test_open_follow_ups_read_only_the_engagements_with_one_open(chapter: Path, day: str) -> None:
    data = warm(chapter)
    as_of = dt.date.fromisoformat(day)
    found = [(f.engagement.id, f.number) for f in activity.open_follow_ups(data, as_of)]
    assert decoded_engagements(data) == ([] if day == "2017-02-13" else [VISIT])
    every = load.load(chapter, cache=False)  # no index: every record read
    assert found == [(f.engagement.id, f.number) for f in activity.open_follow_ups(every, as_of)]
    assert found == ([] if day == "2017-02-13" else [(VISIT, 1), (VISIT, 2)] if day == "2017-02-20" else [(VISIT, 2)])


@pytest.mark.parametrize(
    ("option", "value"),
    [("partner", "koreatown-workers"), ("person", "jon-lee"), ("official", "hilda-ramos")],
)
def test_listing_meetings_by_who_took_part_reads_only_theirs(chapter: Path, option: str, value: str) -> None:
    data = warm(chapter)
    as_of = dt.date(2017, 12, 31)
    listed = [r.id for r in list_records(data, RecordKind.engagements, ListOptions(**{option: value}), as_of).records]
    assert listed
    assert set(decoded_engagements(data)) == set(listed)  # the official's: in person or through staff
    every = load.load(chapter, cache=False)
    assert listed == [
        r.id for r in list_records(every, RecordKind.engagements, ListOptions(**{option: value}), as_of).records
    ]


def test_select_on_a_data_set_put_together_by_hand_reads_the_records(chapter: Path) -> None:
    data = load.load(chapter, cache=False)
    by_hand = DataSet(root=data.root, records=dict(data.records), paths=dict(data.paths))
    chosen = index.select(by_hand, RecordKind.engagements, index.refers_to_any({"jon-lee"}))
    assert [r.id for r in chosen] == [r.id for r in data.of(RecordKind.engagements) if "jon-lee" in facts_of(r).refs]
    assert chosen


def naive_index(data: DataSet, as_of: dt.date | None) -> dict[str, list[str]]:
    """engagements_by_record as it was before the index: every engagement read, by :func:`activity.involved`."""
    found: dict[str, list[str]] = {}
    engagements = [e for e in data.typed(Engagement) if as_of is None or e.date <= as_of]
    for engagement in sorted(engagements, key=lambda e: (e.date, e.id), reverse=True):
        for record_id in activity.involved(data, engagement):
            found.setdefault(record_id, []).append(engagement.id)
    return found


@pytest.mark.parametrize("as_of", [None, dt.date(2017, 3, 1), dt.date(2017, 12, 31)])
def test_the_engagements_of_each_record_come_from_the_index_as_from_the_records(
    chapter: Path, as_of: dt.date | None
) -> None:
    data = warm(chapter)
    built = activity.engagements_by_record(data, as_of)
    assert decoded_engagements(data) == []  # nothing read to build it
    assert {key: [e.id for e in built[key]] for key in built} == naive_index(load.load(chapter, cache=False), as_of)
    if as_of is not None:
        whole = activity.engagements_by_record(data)
        assert {k: [e.id for e in v] for k, v in whole.until(as_of).items()} == naive_index(data, as_of)


def test_the_last_contact_reads_one_engagement(chapter: Path) -> None:
    data = warm(chapter)
    built = activity.engagements_by_record(data)
    last = activity.latest(built["hilda-ramos"], dt.date(2017, 3, 1))
    assert last is not None and last.id == VISIT
    assert decoded_engagements(data) == [VISIT]


def test_chapter_meeting_attendance_reads_only_the_meetings(chapter: Path) -> None:
    data = warm(chapter)
    attendance = activity.chapter_meeting_attendance(data, "koreatown-workers", dt.date(2017, 12, 31))
    assert [e.id for e in attendance.meetings] == ["2017-04-20-chapter-meeting"]
    assert decoded_engagements(data) == ["2017-04-20-chapter-meeting"]
