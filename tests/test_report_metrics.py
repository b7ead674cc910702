"""Every metric of the shipped metrics.yaml on a folder with known answers (tests/fixtures/grant).

The grant fixture is the chapter fixture plus records chosen for the hard cases. As of
2017-06-30 (181 of 365 days, so on-track means at least min x 181/365):

| metric                   | value | what it shows                                                                    |
|--------------------------|-------|----------------------------------------------------------------------------------|
| one-on-ones              | 2     | a staffer alone counts; partners alone do not; 2017-07-10 is after the as-of date |
| officials-at-hearing     | 3     | Ramos came in person and through staff (once); Alvarado through staff only;     |
|                          |       | Nguyen was at a hearing not tagged poverty-hearing                               |
| core-partners-in-actions | 3     | Pico Union Youth became core after its action; Harbor Families went former after |
| testimonies              | 2     | the 2016 one is outside the period                                               |
| core-partners-sustained  | 2     | Harbor Families is former now; Pico Union Youth was last seen 97 days ago        |
| new-partners-invited     | 4     | Westside Seniors was invited, then went former; Boyle Heights went prospect→core |
| county-priorities        | 2     | Measure H's strategy has no partner; CalFresh is identified after the as-of date |
| multilingual-resources   | 3     | an undated resource counts; one dated after the as-of date does not              |
| budget-trainings         | 2     | the 2016 one is outside the period                                               |
| organizing-trainings     | 1     |                                                                                  |
| chapter-meetings         | 6     | the 2016 one is outside the period                                               |
"""

import datetime as dt
import json
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from capctl.models.metrics import Period, Target
from capctl.report.jsonform import build_json
from capctl.report.metrics import judge
from capctl.report.period import Window, elapsed, previous_period
from capctl.store import load as store_load
from capctl.vocab import MetricStatus


def report_json(run: Callable[..., Result], folder: Path, *args: str) -> dict[str, Any]:
    result = run("--data", folder, "report", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def metrics(document: dict[str, Any]) -> dict[str, tuple[int, str, list[str]]]:
    return {m["id"]: (m["value"], m["status"], m["records"]) for m in document["metrics"]}


def test_every_metric_has_its_known_answer(grant: Path, run) -> None:
    assert metrics(report_json(run, grant)) == {
        "one-on-ones": (2, "behind", ["2017-02-14-visit-hilda-ramos", "2017-04-03-one-on-one-jon-lee"]),
        "officials-at-hearing": (3, "behind", ["hilda-ramos", "paul-kim", "rosa-alvarado"]),
        "core-partners-in-actions": (3, "behind", ["east-la-tenants", "harbor-families", "koreatown-workers"]),
        "testimonies": (2, "met", ["maria-on-the-collective", "ana-on-the-hearing"]),
        "core-partners-sustained": (2, "behind", ["koreatown-workers", "east-la-tenants"]),
        "new-partners-invited": (
            4,
            "on-track",
            ["koreatown-workers", "pico-union-youth", "westside-seniors", "boyle-heights-clinic"],
        ),
        "county-priorities": (2, "met", ["medi-cal", "general-relief"]),
        "multilingual-resources": (3, "met", ["calfresh-flyer", "budget-101-deck", "gr-factsheet"]),
        "budget-trainings": (
            2,
            "behind",
            ["2017-03-20-budget-training-el-monte", "2017-05-02-budget-training-compton"],
        ),
        "organizing-trainings": (1, "behind", ["2017-06-10-organizing-training-valley"]),
        "chapter-meetings": (
            6,
            "on-track",
            [
                "2017-01-19-chapter-meeting",
                "2017-02-16-chapter-meeting",
                "2017-03-16-chapter-meeting",
                "2017-04-20-chapter-meeting",
                "2017-05-25-chapter-meeting",
                "2017-06-22-chapter-meeting",
            ],
        ),
    }


def details(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {d["id"]: d for d in document["details"]}


def why(document: dict[str, Any], metric: str, record: str, key: str = "evidence") -> str:
    found = [e["why"] for e in details(document)[metric][key] if e["id"] == record]
    assert len(found) == 1, f"{record} is not once in {metric}'s {key}"
    return str(found[0])


def test_an_official_present_in_person_and_through_staff_counts_once(grant: Path, run) -> None:
    document = report_json(run, grant)
    assert why(document, "officials-at-hearing", "hilda-ramos") == (
        "in person and through staff at LA Poverty Hearing (2017-05-18-la-poverty-hearing)"
    )
    assert (
        why(document, "officials-at-hearing", "rosa-alvarado")
        == "through staff at LA Poverty Hearing (2017-05-18-la-poverty-hearing)"
    )


def test_officials_at_a_hearing_not_tagged_poverty_hearing_do_not_count(grant: Path, run) -> None:
    document = report_json(run, grant)
    assert why(document, "officials-at-hearing", "tom-nguyen", "not_counted") == (
        "not at a hearing tagged poverty-hearing from 2017-01-01 to 2017-06-30"
    )
    # The untagged hearing still counts for the partners who took part in it.
    assert why(document, "core-partners-in-actions", "east-la-tenants") == (
        "core at LA Poverty Hearing (2017-05-18-la-poverty-hearing), City budget hearing (2017-06-05-budget-hearing)"
    )


def test_a_partner_that_became_core_after_the_action_it_attended_does_not_count(grant: Path, run) -> None:
    document = report_json(run, grant)
    assert "pico-union-youth" not in metrics(document)["core-partners-in-actions"][2]
    assert why(document, "core-partners-in-actions", "pico-union-youth", "not_counted") == (
        "at Rally for General Relief (2017-03-25-rally-for-general-relief) while invited"
    )


def test_an_engagement_after_the_as_of_date_counts_only_once_that_date_is_reached(grant: Path, run) -> None:
    assert metrics(report_json(run, grant))["one-on-ones"][0] == 2
    later = metrics(report_json(run, grant, "--as-of", "2017-07-31"))
    assert later["one-on-ones"][2][-1] == "2017-07-10-one-on-one-paul-kim"
    assert later["one-on-ones"][0] == 3


def test_a_partner_gone_back_to_former_still_counts_where_it_was_core_but_is_not_sustained(grant: Path, run) -> None:
    document = report_json(run, grant)
    assert (
        why(document, "core-partners-in-actions", "harbor-families")
        == "core at LA Poverty Hearing (2017-05-18-la-poverty-hearing)"
    )
    assert "harbor-families" not in metrics(document)["core-partners-sustained"][2]
    # Invited in the period, then former: it was invited all the same, but is not core now.
    assert why(document, "new-partners-invited", "westside-seniors") == "prospect → invited on 2017-03-01"
    assert details(document)["new-partners-invited"]["now_core"] == [
        "koreatown-workers",
        "pico-union-youth",
        "boyle-heights-clinic",
    ]


def test_a_testimony_outside_the_period_does_not_count(grant: Path, run) -> None:
    assert "maria-at-the-2016-forum" not in metrics(report_json(run, grant))["testimonies"][2]


def test_last_90_days_includes_the_90th_day_before_the_as_of_date(grant: Path, run) -> None:
    # Pico Union Youth's last engagement is on 2017-03-25.
    assert "pico-union-youth" in metrics(report_json(run, grant, "--as-of", "2017-06-23"))["core-partners-sustained"][2]
    assert (
        "pico-union-youth"
        not in metrics(report_json(run, grant, "--as-of", "2017-06-24"))["core-partners-sustained"][2]
    )


def test_the_previous_period_is_compared_at_the_same_point(grant: Path, run) -> None:
    previous = details(report_json(run, grant))["one-on-ones"]["previous_period"]
    assert previous == {
        "start": "2016-01-01",
        "end": "2016-12-31",
        "value": 1,
        "same_point": "2016-06-30",
        "value_by_same_point": 0,
        "change": 2,
        "records": ["2016-10-12-visit-hilda-ramos"],
    }


def test_the_details_each_metric_shows(grant: Path, run) -> None:
    document = report_json(run, grant)
    shown = details(document)
    assert shown["budget-trainings"]["districts"] == ["sd1", "sd2"]
    assert shown["budget-trainings"]["districts_missing"] == ["sd3"]
    assert shown["multilingual-resources"]["languages"] == ["en", "es", "ko", "tl", "zh"]
    assert why(document, "multilingual-resources", "calfresh-flyer") == (
        "in Tagalog (tl), English (en) (undated: counted as available)"
    )


def test_what_is_missing_is_listed_only_while_the_minimum_is_not_met(grant: Path, run) -> None:
    assert details(report_json(run, grant))["county-priorities"]["not_counted"] == []
    metrics_file = grant / "metrics.yaml"
    text = metrics_file.read_text()
    metrics_file.write_text(text.replace("    target:\n      min: 2\n      max: 3\n", "    target:\n      min: 3\n", 2))
    document = report_json(run, grant)
    assert details(document)["county-priorities"]["short"] == 1
    assert why(document, "county-priorities", "measure-h", "not_counted") == "no strategy with a partner"


def test_the_as_of_date_defaults_to_today_and_stops_at_the_end_of_the_period(
    grant: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert report_json(run, grant)["as_of"] == "2017-06-30"
    monkeypatch.setenv("CAPCTL_TODAY", "2018-03-01")
    document = report_json(run, grant)
    assert document["as_of"] == "2017-12-31"
    assert document["elapsed"] == 1.0
    text = run("--data", grant, "report").stdout
    assert "Period 2017-01-01 to 2017-12-31, 100% elapsed (asked 2018-03-01: the period ended)" in text


def test_build_json_is_the_library_entry_point(grant: Path) -> None:
    document = build_json(store_load.load(grant), dt.date(2017, 6, 30))
    assert [m["id"] for m in document["metrics"]][:2] == ["one-on-ones", "officials-at-hearing"]
    assert set(document["metrics"][0]) == {"id", "label", "group", "value", "target", "status", "records"}


# --- status ------------------------------------------------------------------------


def test_status_is_met_at_the_minimum_on_track_at_its_elapsed_share_and_behind_below() -> None:
    half = Fraction(1, 2)
    target = Target(min=10, max=12)
    assert judge(10, target, half, True) == (MetricStatus.met, Fraction(5))
    assert judge(5, target, half, True) == (MetricStatus.on_track, Fraction(5))
    assert judge(4, target, half, True) == (MetricStatus.behind, Fraction(5))
    # A rolling window is a snapshot: it is met or behind, never on its way.
    assert judge(5, target, half, False) == (MetricStatus.behind, None)
    # With only a maximum there is nothing to fall short of.
    assert judge(9, Target(max=3), half, True) == (MetricStatus.met, None)


def test_elapsed_share_counts_the_as_of_day_and_stays_within_the_period() -> None:
    period = Period(start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31))
    assert elapsed(period, dt.date(2017, 9, 30)) == Fraction(273, 365)
    assert elapsed(period, dt.date(2016, 12, 1)) == 0
    assert elapsed(period, dt.date(2018, 5, 1)) == 1


def test_previous_period_of_whole_months_is_the_same_months_before() -> None:
    assert previous_period(Period(start=dt.date(2017, 1, 1), end=dt.date(2017, 12, 31))) == Period(
        start=dt.date(2016, 1, 1), end=dt.date(2016, 12, 31)
    )
    assert previous_period(Period(start=dt.date(2017, 3, 1), end=dt.date(2017, 3, 10))) == Period(
        start=dt.date(2017, 2, 19), end=dt.date(2017, 2, 28)
    )
    assert str(Window(None, dt.date(2017, 6, 30))) == "up to 2017-06-30"


def test_a_value_above_the_maximum_says_so_without_failing(grant: Path, run) -> None:
    metrics_file = grant / "metrics.yaml"
    metrics_file.write_text(metrics_file.read_text().replace("      min: 2\n      max: 3\n", "      max: 1\n", 1))
    document = report_json(run, grant)
    testimonies = next(m for m in document["metrics"] if m["id"] == "testimonies")
    assert (testimonies["target"], testimonies["status"]) == ({"min": None, "max": 1}, "met")
    assert details(document)["testimonies"]["above_max"] is True
    text = run("--data", grant, "report").stdout
    assert "2 of at most 1" in text
    assert "met, above the grant's range" in text
