import datetime as dt
from pathlib import Path

from capctl.models.records import Engagement
from capctl.query import activity
from capctl.store import load as store_load
from capctl.vocab import RecordKind

AS_OF = dt.date(2017, 6, 30)


def test_a_staffers_call_counts_as_contact_with_their_official(chapter: Path) -> None:
    data = store_load.load(chapter)
    index = activity.engagements_by_record(data, AS_OF)
    assert [e.id for e in index["hilda-ramos"]] == ["2017-03-02-call-jon-lee", "2017-02-14-visit-hilda-ramos"]


def test_official_present_in_person_and_through_staff_is_said_once(chapter: Path) -> None:
    data = store_load.load(chapter)
    visit = data.records["2017-02-14-visit-hilda-ramos"]
    assert isinstance(visit, Engagement)
    joint = visit.model_copy(update={"people": ["jon-lee"]})
    assert activity.officials_represented(data, joint) == {"hilda-ramos": "in person and through staff"}


def test_engagements_after_the_as_of_date_do_not_count(chapter: Path) -> None:
    data = store_load.load(chapter)
    index = activity.engagements_by_record(data, dt.date(2017, 3, 1))
    assert [e.id for e in index["hilda-ramos"]] == ["2017-02-14-visit-hilda-ramos"]


def test_open_follow_ups_leave_out_done_ones_and_say_how_overdue(chapter: Path) -> None:
    data = store_load.load(chapter)
    found = activity.open_follow_ups(data, AS_OF)
    assert [(f.engagement.id, f.number, f.days_overdue) for f in found] == [("2017-02-14-visit-hilda-ramos", 2, 107)]
    assert activity.open_follow_ups(data, dt.date(2017, 3, 10), due_within=4) == []
    assert len(activity.open_follow_ups(data, dt.date(2017, 3, 10), due_within=5)) == 1


def test_going_cold_uses_thresholds_per_partner_status(chapter: Path) -> None:
    data = store_load.load(chapter)
    cold = activity.going_cold(data, AS_OF, [RecordKind.partners, RecordKind.officials])
    # Valley Food Bank is a prospect: capctl.yaml sets no prospect threshold.
    assert [(r.record.id, r.days_since, r.state) for r in cold] == [
        ("paul-kim", None, "cold"),
        ("hilda-ramos", 120, "going cold"),
        ("east-la-tenants", 71, "going cold"),
        ("koreatown-workers", 71, "going cold"),
    ]


def _naive_index(data, as_of):  # type: ignore[no-untyped-def]
    """Every record's engagements, newest first, one :func:`activity.involved` per engagement and record."""
    engagements = sorted(
        (e for e in data.typed(Engagement) if as_of is None or e.date <= as_of), key=lambda e: (e.date, e.id)
    )
    ids = {i for e in engagements for i in activity.involved(data, e)}
    return {i: [e for e in reversed(engagements) if i in activity.involved(data, e)] for i in ids}


def test_the_engagement_index_is_what_each_records_engagements_are(chapter: Path) -> None:
    """The index, built from what the load cache keeps of each engagement: the same lists, in the same order,
    as asking :func:`activity.involved` of every engagement (the demo chapter and the fixture chapter)."""
    from tests.conftest import REPO

    for root in (chapter, REPO / "data"):
        data = store_load.load(root)
        for as_of in (None, dt.date(2017, 6, 30)):
            built = activity.engagements_by_record(data, as_of)
            assert {record_id: list(found) for record_id, found in built.items()} == _naive_index(data, as_of)
        everything = activity.engagements_by_record(data)
        assert any(len(v) > 1 for v in everything.values())
        staffed = [
            e
            for e in data.typed(Engagement)
            if "through staff" in " ".join(activity.officials_represented(data, e).values())
        ]
        assert staffed, "the chapter has a staffer's engagement, which counts for their official"


def test_going_cold_lists_only_the_kinds_asked_for_coldest_first(chapter: Path) -> None:
    data = store_load.load(chapter)
    day = dt.date(2017, 12, 31)
    every = activity.going_cold(data, day, list(RecordKind))
    for kinds in ([RecordKind.partners], [RecordKind.officials, RecordKind.people], list(RecordKind)):
        found = activity.going_cold(data, day, kinds)
        assert found == [r for r in every if r.record.collection in kinds]
        keys = [(-(r.days_since if r.days_since is not None else 10**6), r.record.id) for r in found]
        assert keys == sorted(keys)
    assert {r.record.collection for r in every} >= {RecordKind.partners, RecordKind.officials}
