import csv
import io
import json
from pathlib import Path

from capctl.query.attention import STALE_COLUMNS

RULE = "─"


def cold(run, chapter: Path, *args: str) -> list[tuple[str, int | None, str]]:
    result = run("--data", chapter, "stale", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(r["id"], r["days_since"], r["state"]) for r in json.loads(result.stdout)]


def set_thresholds(chapter: Path, old: str, new: str) -> None:
    settings = chapter / "capctl.yaml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new), encoding="utf-8")


def test_stale_lists_partners_and_officials_coldest_first_with_the_last_engagement(chapter: Path, run) -> None:
    result = run("--data", chapter, "stale")
    assert result.exit_code == 0
    assert result.stdout == (
        "days    state        who                                kind             last engagement                     "
        "thresholds\n"
        f"{RULE * 120}\n"
        "never   cold         Paul Kim (paul-kim)                official         never                               "
        "60/120 days\n"
        "120     going cold   Hilda Ramos (hilda-ramos)          official         2017-03-02 Call with Jon Lee on     "
        "60/120 days\n"
        "                                                                         the budget timeline\n"
        "71      going cold   East LA Tenants Union              partner (core)   2017-04-20 April chapter meeting    "
        "45/90 days\n"
        "                     (east-la-tenants)\n"
        "71      going cold   Koreatown Workers Alliance         partner (core)   2017-04-20 April chapter meeting    "
        "45/90 days\n"
        "                     (koreatown-workers)\n"
    )
    assert result.stderr == "4 going cold or cold, as of 2017-06-30\n"


def test_a_staffers_meeting_resets_their_officials_clock(chapter: Path, run) -> None:
    (chapter / "engagements" / "2017" / "2017-06-15-call-jon-lee.yaml").write_text(
        "date: 2017-06-15\nkind: call\ntitle: Budget follow-up call\npeople: [jon-lee]\n", encoding="utf-8"
    )
    assert cold(run, chapter, "--kind", "officials") == [("paul-kim", None, "cold")]


def test_any_engagement_involving_a_partner_resets_its_clock(chapter: Path, run) -> None:
    (chapter / "engagements" / "2017" / "2017-06-01-koreatown-training.yaml").write_text(
        "date: 2017-06-01\nkind: training\ntopic: organizing\ntitle: Organizing 101\npartners: [koreatown-workers]\n",
        encoding="utf-8",
    )
    assert cold(run, chapter, "--kind", "partners") == [("east-la-tenants", 71, "going cold")]


def test_thresholds_come_from_capctl_yaml_per_kind(chapter: Path, run) -> None:
    set_thresholds(chapter, "officials:\n    warn: 60\n    max: 120", "officials:\n    warn: 100\n    max: 119")
    assert cold(run, chapter, "--kind", "officials") == [("paul-kim", None, "cold"), ("hilda-ramos", 120, "cold")]
    set_thresholds(chapter, "warn: 100\n    max: 119", "warn: 120\n    max: 150")
    # 120 days is not past a 120-day warning.
    assert cold(run, chapter, "--kind", "officials") == [("paul-kim", None, "cold")]


def test_thresholds_depend_on_the_partners_status(chapter: Path, run) -> None:
    # Valley Food Bank is a prospect, and the fixture sets no threshold for prospects: never cold.
    assert "valley-food-bank" not in [i for i, _, _ in cold(run, chapter)]
    set_thresholds(chapter, "  partners:\n", "  partners:\n    prospect:\n      warn: 200\n      max: 400\n")
    assert ("valley-food-bank", None, "cold") in cold(run, chapter, "--kind", "partners")
    set_thresholds(chapter, "    core:\n      warn: 45\n      max: 90", "    core:\n      warn: 80\n      max: 90")
    assert cold(run, chapter, "--kind", "partners") == [("valley-food-bank", None, "cold")]


def test_people_are_listed_when_asked_for(chapter: Path, run) -> None:
    assert cold(run, chapter, "--kind", "people") == [
        ("ana-cruz", None, "cold"),
        ("maria-martinez", 136, "going cold"),
        ("jon-lee", 120, "going cold"),
    ]
    assert [i for i, _, _ in cold(run, chapter, "--kind", "people", "--kind", "partners")] == [
        "ana-cruz",
        "maria-martinez",
        "jon-lee",
        "east-la-tenants",
        "koreatown-workers",
    ]


def test_an_official_out_of_office_is_not_going_cold(chapter: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("CAPCTL_TODAY", "2019-01-01")  # Hilda Ramos's term ended on 2018-12-03
    assert [i for i, _, _ in cold(run, chapter, "--kind", "officials")] == ["paul-kim"]


def test_stale_as_json_and_csv_parse_back_alike(chapter: Path, run) -> None:
    as_json = json.loads(run("--data", chapter, "stale", "--format", "json").stdout)
    assert as_json[2] == {
        "kind": "partner",
        "id": "east-la-tenants",
        "name": "East LA Tenants Union",
        "status": "core",
        "state": "going cold",
        "days_since": 71,
        "last_date": "2017-04-20",
        "last_engagement": "2017-04-20-chapter-meeting",
        "last_title": "April chapter meeting",
        "warn": 45,
        "max": 90,
    }
    reader = csv.DictReader(io.StringIO(run("--data", chapter, "stale", "--format", "csv").stdout))
    assert reader.fieldnames == STALE_COLUMNS
    assert list(reader) == [{k: ("" if v is None else str(v)) for k, v in r.items()} for r in as_json]


def test_nothing_going_cold_is_said_on_stderr(chapter: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("CAPCTL_TODAY", "2017-04-21")
    result = run("--data", chapter, "stale", "--kind", "partners")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no partners going cold, as of 2017-04-21\n")
