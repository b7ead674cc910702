import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from capctl.query.listing import columns
from capctl.vocab import RecordKind

RULE = "─"


def ids_of(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in json.loads(result.stdout)]


def test_list_partners_as_a_table_with_status_and_last_contact(chapter: Path, run) -> None:
    result = run("--data", chapter, "list", "partners")
    assert result.exit_code == 0
    assert result.stdout == (
        "id                  name                         status     districts   languages   last contact\n"
        + RULE * 104
        + "\n"
        "east-la-tenants     East LA Tenants Union        core       sd1         en, es      2017-04-20 (71 days)\n"
        "koreatown-workers   Koreatown Workers Alliance   core       sd2         ko, en      2017-04-20 (71 days)\n"
        "valley-food-bank    Valley Food Bank             prospect                           never\n"
    )
    assert result.stderr == "3 partners\n"


def test_a_staffers_call_shows_as_their_official_through_staff(chapter: Path, run) -> None:
    result = run("--data", chapter, "list", "meetings", "--official", "Hilda Ramos")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[2].split()[:3] == ["2017-03-02", "call", "Call"]
    assert "Hilda Ramos (through" in lines[2]
    assert result.stderr == "2 engagements\n"


@pytest.mark.parametrize("width", [60, 80, 120])
def test_tables_fit_the_terminal_width(chapter: Path, run, monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    for kind in ("partners", "officials", "people", "meetings", "testimonies", "priorities", "resources"):
        result = run("--data", chapter, "list", kind)
        assert result.exit_code == 0
        assert max(len(line) for line in result.stdout.splitlines()) <= width, kind


def test_meetings_is_another_name_for_engagements(chapter: Path, run) -> None:
    assert run("--data", chapter, "list", "meetings").stdout == run("--data", chapter, "list", "engagements").stdout


def test_engagements_come_newest_first_by_default(chapter: Path, run) -> None:
    assert ids_of(run("--data", chapter, "list", "engagements", "--format", "json")) == [
        "2017-04-20-chapter-meeting",
        "2017-03-20-budget-training-el-monte",
        "2017-03-02-call-jon-lee",
        "2017-02-14-visit-hilda-ramos",
    ]


@pytest.mark.parametrize("kind", list(RecordKind))
def test_json_carries_every_field_in_the_documented_order(chapter: Path, run, kind: RecordKind) -> None:
    rows = json.loads(run("--data", chapter, "list", kind.value, "--format", "json").stdout)
    assert rows
    for row in rows:
        assert list(row) == columns(kind)


def test_json_of_a_person_holds_their_fields_and_last_contact(chapter: Path, run) -> None:
    result = run("--data", chapter, "list", "people", "--format", "json")
    maria = next(r for r in json.loads(result.stdout) if r["id"] == "maria-martinez")
    assert maria == {
        "id": "maria-martinez",
        "name": "María Martínez",
        "aliases": [],
        "affiliation": "east-la-tenants",
        "works_for": None,
        "title": "Lead organizer",
        "languages": ["es", "en"],
        "email": "maria@example.org",
        "phone": "213-555-0142",
        "address": None,
        "consent": None,
        "tags": [],
        "notes": None,
        "last_contact": "2017-02-14",
    }


@pytest.mark.parametrize("kind", list(RecordKind))
def test_csv_parses_back_to_the_json_rows(chapter: Path, run, kind: RecordKind) -> None:
    as_json = json.loads(run("--data", chapter, "list", kind.value, "--format", "json").stdout)
    result = run("--data", chapter, "list", kind.value, "--format", "csv")
    assert result.exit_code == 0
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == columns(kind)
    parsed = list(reader)
    assert len(parsed) == len(as_json)
    for csv_row, json_row in zip(parsed, as_json, strict=True):
        for name, value in json_row.items():
            cell = csv_row[name]
            if value == []:
                assert cell == ""  # an empty list is an empty cell, as nothing is
            elif isinstance(value, list | dict):
                assert json.loads(cell) == value  # lists and mappings are JSON text in one cell
            elif value is None:
                assert cell == ""
            else:
                assert cell == str(value)


def test_csv_keeps_a_list_of_languages_in_one_cell(chapter: Path, run) -> None:
    result = run("--data", chapter, "list", "partners", "--format", "csv")
    assert result.stdout.splitlines()[1] == (
        'east-la-tenants,East LA Tenants Union,"[""ELATU""]",'
        '"[{""status"":""prospect"",""date"":""2016-09-01"",""note"":null},'
        '{""status"":""core"",""date"":""2016-11-15"",""note"":null}]",'
        '"[""sd1""]","[""en"",""es""]","[""maria-martinez""]",,"[""housing""]",,core,2017-04-20'
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["engagements", "--since", "2017-03-02"], ["2017-04-20-chapter-meeting", "2017-03-20-budget-training-el-monte",
                                                   "2017-03-02-call-jon-lee"]),
        (["engagements", "--until", "2017-03-02"], ["2017-03-02-call-jon-lee", "2017-02-14-visit-hilda-ramos"]),
        (["engagements", "--since", "2017-03-01", "--until", "2017-03-31"],
         ["2017-03-20-budget-training-el-monte", "2017-03-02-call-jon-lee"]),
        (["priorities", "--since", "2017-02-01"], []),
        (["resources", "--until", "2017-03-01"], ["budget-101-deck"]),
        (["testimonies", "--since", "2017-05-01"], ["maria-on-the-collective"]),
        (["engagements", "--kind", "one-on-one"], ["2017-02-14-visit-hilda-ramos"]),
        (["resources", "--kind", "presentation"], ["budget-101-deck"]),
        (["resources", "--kind", "video"], []),
        (["engagements", "--topic", "budget"], ["2017-03-20-budget-training-el-monte"]),
        (["partners", "--status", "core"], ["east-la-tenants", "koreatown-workers"]),
        (["partners", "--status", "prospect"], ["valley-food-bank"]),
        (["priorities", "--status", "active"], ["general-relief"]),
        (["engagements", "--partner", "koreatown-workers"], ["2017-04-20-chapter-meeting"]),
        (["people", "--partner", "ELATU"], ["maria-martinez"]),
        (["testimonies", "--partner", "east-la-tenants"], ["maria-on-the-collective"]),
        (["priorities", "--partner", "east-la-tenants"], ["general-relief"]),
        (["engagements", "--official", "hilda-ramos"], ["2017-03-02-call-jon-lee", "2017-02-14-visit-hilda-ramos"]),
        (["engagements", "--official", "paul-kim"], []),
        (["people", "--official", "hilda-ramos"], ["jon-lee"]),
        (["priorities", "--official", "hilda-ramos"], ["general-relief"]),
        (["engagements", "--person", "maria martinez"], ["2017-02-14-visit-hilda-ramos"]),
        (["partners", "--person", "maria-martinez"], ["east-la-tenants"]),
        (["testimonies", "--person", "maria-martinez"], ["maria-on-the-collective"]),
        (["engagements", "--district", "sd1"], ["2017-03-20-budget-training-el-monte", "2017-02-14-visit-hilda-ramos"]),
        (["partners", "--district", "sd2"], ["koreatown-workers"]),
        (["officials", "--district", "AD-53"], ["paul-kim"]),
        (["partners", "--tag", "housing"], ["east-la-tenants"]),
        (["engagements", "--tag", "poverty-hearing"], []),
        (["partners", "--language", "ko"], ["koreatown-workers"]),
        (["people", "--language", "es"], ["maria-martinez"]),
        (["engagements", "--language", "es"], ["2017-03-20-budget-training-el-monte"]),
        (["testimonies", "--language", "es"], ["maria-on-the-collective"]),
        (["resources", "--language", "es"], ["budget-101-deck"]),
        (["engagements", "--district", "sd1", "--topic", "budget"], ["2017-03-20-budget-training-el-monte"]),
    ],
)  # fmt: skip
def test_each_filter_keeps_only_the_records_that_pass(chapter: Path, run, args: list[str], expected: list[str]) -> None:
    assert ids_of(run("--data", chapter, "list", *args, "--format", "json")) == expected


def test_status_filter_uses_the_status_as_of_today(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    # Koreatown Workers became core on 2017-04-10: before that it was invited.
    monkeypatch.setenv("CAPCTL_TODAY", "2017-03-01")
    assert ids_of(run("--data", chapter, "list", "partners", "--status", "invited", "--format", "json")) == [
        "koreatown-workers"
    ]


def test_sort_by_a_column_with_empty_values_last_and_limit(chapter: Path, run) -> None:
    result = run("--data", chapter, "list", "engagements", "--sort=-headcount", "--format", "json")
    assert [(r["id"], r["headcount"]) for r in json.loads(result.stdout)] == [
        ("2017-03-20-budget-training-el-monte", 24),
        ("2017-04-20-chapter-meeting", 18),
        ("2017-02-14-visit-hilda-ramos", None),
        ("2017-03-02-call-jon-lee", None),
    ]
    assert ids_of(run("--data", chapter, "list", "people", "--sort", "last_contact", "--format", "json")) == [
        "maria-martinez",
        "jon-lee",
        "ana-cruz",
    ]
    limited = run("--data", chapter, "list", "engagements", "--sort", "date", "--limit", "2")
    assert [line.split()[0] for line in limited.stdout.splitlines()[2:] if line[:1].isdigit()] == [
        "2017-02-14",
        "2017-03-02",
    ]
    assert limited.stderr == "2 of 4 engagements\n"


def test_nothing_found_is_said_on_stderr_and_is_not_an_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "list", "engagements", "--tag", "nope")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no engagements match\n")
    assert run("--data", chapter, "list", "engagements", "--tag", "nope", "--format", "json").stdout == "[]\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["things"], "error: KIND: 'things' is not a kind of record: use partners, officials, people, engagements, "
                     "testimonies, priorities, resources (or meetings)\n"),
        (["partners", "--topic", "budget"], "error: --topic: does not apply to partners; it works with engagements, "
                                            "resources\n"),
        (["engagements", "--kind", "party"], "error: --kind: 'party' must be one of one-on-one, call, chapter-meeting, "
                                             "training, hearing, lobby-day, action, forum, other\n"),
        (["partners", "--status", "active"], "error: --status: 'active' must be one of prospect, invited, core, "
                                             "former\n"),
        (["engagements", "--since", "March"], "error: --since: 'March' is not a date: use YYYY-MM-DD, M/D/YYYY, "
                                              "today, yesterday, last tuesday or next friday\n"),
        (["engagements", "--partner", "nobody at all"], "error: --partner: no partner matches 'nobody at all'\n"),
        (["engagements", "--district", "sd9"], "error: --district: 'sd9' is not in capctl.yaml (sd1, sd2, sd3)\n"),
        (["partners", "--sort", "size"], "error: --sort: partners have no column 'size'; use one of id, name, "
                                         "aliases, status_history, districts, languages, contacts, website, tags, "
                                         "notes, status, last_contact\n"),
    ],
)  # fmt: skip
def test_bad_options_are_usage_errors_in_one_line(chapter: Path, run, args: list[str], message: str) -> None:
    result = run("--data", chapter, "list", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_files_with_errors_are_left_out_with_a_warning(chapter: Path, run) -> None:
    (chapter / "partners" / "broken.yaml").write_text("name: Broken\nstatus_history: []\n", encoding="utf-8")
    result = run("--data", chapter, "list", "partners", "--format", "json")
    assert result.exit_code == 0
    assert [r["id"] for r in json.loads(result.stdout)] == ["east-la-tenants", "koreatown-workers", "valley-food-bank"]
    assert result.stderr == (
        f"warning: 1 file with errors left out ({chapter}/partners/broken.yaml); `capctl check` lists the problems\n"
    )


# At 80 columns and up; below that Rich's folding of very narrow columns can drop characters.
@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("command", [["stale"], ["followups"], ["list", "partners"], ["list", "meetings"]])
def test_a_narrow_terminal_wraps_cells_and_cuts_nothing_off(
    chapter: Path, run, monkeypatch: pytest.MonkeyPatch, width: int, command: list[str]
) -> None:
    def characters(columns: int) -> Counter[str]:
        monkeypatch.setenv("COLUMNS", str(columns))
        text = run("--data", chapter, *command).stdout
        # Wrapping moves characters between lines; only a cut loses some. The rule under the headers is as wide as the terminal.
        return Counter(c for c in text if not c.isspace() and c != "─")

    assert characters(width) == characters(400)
