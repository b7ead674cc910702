"""The models hold the vocabulary: valid records load, invalid ones say what is wrong and where."""

import datetime as dt
from typing import Any

import pytest
from pydantic import ValidationError

from capctl.messages import describe_validation_error
from capctl.models.metrics import MetricsFile
from capctl.models.records import FILE_KEYS, MODELS, Engagement, Partner, Person, Priority, Testimony, personal_fields
from capctl.models.settings import Settings
from capctl.vocab import PartnerStatus, RecordKind

VALID: list[tuple[RecordKind, dict[str, Any]]] = [
    (
        RecordKind.partners,
        {"name": "Inner City Struggle", "status_history": [{"status": "core", "date": "2017-01-01"}]},
    ),
    (RecordKind.officials, {"name": "Hilda Ramos", "office": "LA County Board of Supervisors", "level": "county"}),
    (RecordKind.people, {"name": "Jon Lee", "works_for": "hilda-ramos", "phone": "213-555-0199"}),
    (RecordKind.engagements, {"date": dt.date(2017, 2, 1), "kind": "lobby-day", "title": "Sacramento"}),
    (
        RecordKind.testimonies,
        {"person": "jon-lee", "date": "2017-05-01", "language": "es", "text": "...", "consent": {"scope": "public"}},
    ),
    (RecordKind.priorities, {"title": "General Relief", "identified": "2017-01-20"}),
    (RecordKind.resources, {"title": "Budget 101", "kind": "presentation", "languages": ["en", "hy"]}),
]


@pytest.mark.parametrize(("kind", "fields"), VALID, ids=[k.value for k, _ in VALID])
def test_a_minimal_record_of_every_kind_is_valid(kind: RecordKind, fields: dict[str, Any]) -> None:
    record = MODELS[kind].model_validate({**fields, "id": "some-id"})
    assert record.collection is kind


INVALID: list[tuple[RecordKind, dict[str, Any], str]] = [
    (RecordKind.partners, {"name": "X", "status_history": []}, "status_history: needs at least 1 item(s)"),
    (
        RecordKind.partners,
        {"name": "X", "status_history": [{"status": "ally", "date": "2017-01-01"}]},
        "status_history.0.status: must be one of prospect, invited, core, former",
    ),
    (
        RecordKind.partners,
        {"name": "X", "status_history": [{"status": "core", "date": "soon"}]},
        "status_history.0.date: must be a date (YYYY-MM-DD)",
    ),
    (
        RecordKind.officials,
        {"name": "X", "office": "Y", "level": "regional"},
        "level: must be one of county, city, state, federal",
    ),
    (RecordKind.people, {"name": "X", "works_for": "Hilda Ramos"}, "works_for: 'Hilda Ramos' is not an id"),
    (RecordKind.people, {"name": "X", "languages": ["Spanish"]}, "languages.0: 'Spanish' is not a language code"),
    (RecordKind.people, {"name": "", "email": "x@example.org"}, "name: must not be empty"),
    (
        RecordKind.engagements,
        {"date": "2017-02-01", "kind": "meeting", "title": "T"},
        "kind: must be one of one-on-one",
    ),
    (
        RecordKind.engagements,
        {"date": "2017-02-01", "kind": "call", "title": "T", "headcount": -3},
        "headcount: must be at least 0",
    ),
    (
        RecordKind.engagements,
        {"date": "2017-02-01", "kind": "call", "title": "T", "attendees": 3},
        "attendees: unknown field",
    ),
    (
        RecordKind.engagements,
        {"date": "2017-02-01", "kind": "call", "title": "T", "follow_ups": [{"due": "2017-03-01"}]},
        "follow_ups.0.task: required field is missing",
    ),
    (
        RecordKind.testimonies,
        {"person": "p", "date": "2017-05-01", "language": "en"},
        "give either text or file, not both and not neither",
    ),
    (
        RecordKind.priorities,
        {"title": "T", "identified": "2017-01-01", "positions": [{"official": "o", "stance": "maybe"}]},
        "positions.0.stance: must be one of support, oppose, undecided, unknown",
    ),
    (
        RecordKind.resources,
        {"title": "T", "kind": "poster", "languages": ["en"]},
        "kind: must be one of presentation, factsheet",
    ),
    (RecordKind.resources, {"title": "T", "kind": "video", "languages": []}, "languages: needs at least 1 item(s)"),
]


@pytest.mark.parametrize(("kind", "fields", "message"), INVALID, ids=[m for _, _, m in INVALID])
def test_an_invalid_record_says_which_field_and_why(kind: RecordKind, fields: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        MODELS[kind].model_validate({**fields, "id": "some-id"})
    messages = [m for _, m in describe_validation_error(caught.value)]
    assert any(m.startswith(message) for m in messages), messages


def test_a_partners_status_is_the_last_of_its_history_and_known_on_any_date() -> None:
    partner = Partner.model_validate(
        {
            "id": "p",
            "name": "P",
            "status_history": [
                {"status": "invited", "date": "2017-02-01"},
                {"status": "core", "date": "2017-04-10"},
                {"status": "former", "date": "2017-09-01"},
            ],
        }
    )
    assert partner.status is PartnerStatus.former
    assert partner.status_on(dt.date(2017, 1, 31)) is None
    assert partner.status_on(dt.date(2017, 4, 10)) is PartnerStatus.core
    assert partner.status_on(dt.date(2017, 8, 31)) is PartnerStatus.core


def test_personal_fields_are_marked() -> None:
    assert personal_fields(Person) == {"email", "phone", "address"}
    assert personal_fields(Testimony) == {"title", "text", "file"}
    assert personal_fields(Engagement) == set()


def test_an_officials_latest_position_as_of_a_date() -> None:
    priority = Priority.model_validate(
        {
            "id": "gr",
            "title": "GR",
            "identified": "2017-01-01",
            "positions": [
                {"official": "o", "stance": "undecided", "date": "2017-02-01"},
                {"official": "o", "stance": "support", "date": "2017-05-01"},
            ],
        }
    )
    assert priority.position_of("o").stance == "support"  # type: ignore[union-attr]
    assert priority.position_of("o", dt.date(2017, 3, 1)).stance == "undecided"  # type: ignore[union-attr]
    assert priority.position_of("someone-else") is None


def test_the_id_is_never_a_key_of_the_file() -> None:
    assert all("id" not in keys for keys in FILE_KEYS.values())


def test_settings_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValidationError, match="max must be at least warn"):
        Settings.model_validate({"chapter": "C", "thresholds": {"officials": {"warn": 90, "max": 30}}})


def test_a_metric_window_must_be_one_of_the_documented_forms() -> None:
    metric = {
        "id": "m",
        "group": "coalition",
        "label": "M",
        "grant": "G",
        "target": {"min": 1},
        "count": {"records": "partners", "window": "last-quarter"},
    }
    with pytest.raises(ValidationError) as caught:
        MetricsFile.model_validate({"period": {"start": "2017-01-01", "end": "2017-12-31"}, "metrics": [metric]})
    assert describe_validation_error(caught.value) == [
        (
            ("metrics", 0, "count", "window"),
            "metrics.0.count.window: 'last-quarter' is not a window: use period, to-date or last-N-days",
        )
    ]
