"""`capctl official import --openstates`: creates, updates, keeps hand edits, skips, and imports twice
without change, over hand-written Open States files and (when present) the real California data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, snapshot

OPENSTATES = FIXTURES / "openstates"
SHARED = Path(__file__).parents[1].parent / "shared" / "openstates-ca"

NUNEZ = """\
# yaml-language-server: $schema=../schemas/official.schema.json
name: Ana Lucía Núñez
aliases:
  - Ana Nunez
  - Núñez, A.
office: California State Senate
level: state
district: SD-24
party: Democratic
term_start: 2016-12-01
email: senator.nunez@senate.ca.gov
offices:
  - classification: capitol
    address: 1021 O Street, Suite 7240; Sacramento, CA 95814
    phone: 916-651-4024
  - classification: district
    address: 1910 Sunset Blvd. Suite 810, Los Angeles, CA 90026
    phone: 213-483-9300
    fax: 213-483-9305
links:
  - https://sd24.senate.ca.gov/
openstates_id: ocd-person/0b1c2d3e-0000-4000-8000-000000000001
imported:
  name: Ana Lucía Núñez
  aliases:
    - Ana Nunez
    - Núñez, A.
  office: California State Senate
  level: state
  district: SD-24
  party: Democratic
  term_start: 2016-12-01
  email: senator.nunez@senate.ca.gov
  offices:
    - classification: capitol
      address: 1021 O Street, Suite 7240; Sacramento, CA 95814
      phone: 916-651-4024
    - classification: district
      address: 1910 Sunset Blvd. Suite 810, Los Angeles, CA 90026
      phone: 213-483-9300
      fax: 213-483-9305
  links:
    - https://sd24.senate.ca.gov/
"""

PAUL_KIM_ADDED = """\
party: Democratic
term_start: 2014-01-01
term_end: 2018-12-31
email: assemblymember.kim@assembly.ca.gov
offices:
  - classification: capitol
    address: P.O. Box 942849, Sacramento, CA 94249-0053
    phone: 916-319-2053
links:
  - https://a53.asmdc.org/
openstates_id: ocd-person/0b1c2d3e-0000-4000-8000-000000000002
imported:
  name: Paul Kim
  office: California State Assembly
  level: state
  district: AD-53
  party: Democratic
  term_start: 2014-01-01
  term_end: 2018-12-31
  email: assemblymember.kim@assembly.ca.gov
  offices:
    - classification: capitol
      address: P.O. Box 942849, Sacramento, CA 94249-0053
      phone: 916-319-2053
  links:
    - https://a53.asmdc.org/
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A copy of the hand-written Open States files, safe to change."""
    target = tmp_path / "openstates"
    shutil.copytree(OPENSTATES, target)
    return target


def test_import_creates_updates_and_skips(chapter: Path, source: Path, run) -> None:
    paul_kim_before = (chapter / "officials" / "paul-kim.yaml").read_text()
    result = run("--data", chapter, "official", "import", "--openstates", source)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "outcome   official          name              what",
        "─" * 120,
        "created   ana-lucia-nunez   Ana Lucía Núñez   California State Senate SD-24",
        "created   dolores-vega      Dolores Vega      Mayor of Los Angeles",
        "updated   paul-kim          Paul Kim          set party, term_start, term_end, email, offices, links; linked to its Open",
        "                                              States id",
        "skipped                     Robert Okafor     no current role (last ended 2012-11-30)",
    ]
    assert result.stderr == (
        "2 created, 1 updated, 0 unchanged, 1 skipped; --include-retired imports the 1 without a current role\n"
    )
    # Quoted and partial dates: '2016-12' starts on its first day; '2014' and 2018 span their years.
    assert (chapter / "officials" / "ana-lucia-nunez.yaml").read_text() == NUNEZ
    # An official entered by hand with the same name is linked, not duplicated; only lines are added.
    assert (chapter / "officials" / "paul-kim.yaml").read_text() == paul_kim_before + PAUL_KIM_ADDED
    mayor = (chapter / "officials" / "dolores-vega.yaml").read_text()
    assert "office: Mayor of Los Angeles\nlevel: city\n" in mayor
    assert "term_start: 2013-07-01\nterm_end: 2022-12-31\n" in mayor
    assert not (chapter / "officials" / "robert-okafor.yaml").exists()
    assert run("--data", chapter, "check").exit_code == 0


def test_a_second_import_changes_nothing(chapter: Path, source: Path, run) -> None:
    run("--data", chapter, "official", "import", "--openstates", source)
    before = snapshot(chapter)
    result = run("--data", chapter, "official", "import", "--openstates", source)
    assert result.exit_code == 0
    assert result.stderr.startswith("0 created, 0 updated, 3 unchanged, 1 skipped")
    assert snapshot(chapter) == before


def test_a_hand_edit_is_kept_and_reported_until_overwritten(chapter: Path, source: Path, run) -> None:
    run("--data", chapter, "official", "import", "--openstates", source)
    nunez = chapter / "officials" / "ana-lucia-nunez.yaml"
    nunez.write_text(nunez.read_text().replace("party: Democratic\n", "party: Democratic Party\n", 1))
    person = next(source.rglob("Ana-Lucia-Nunez-*.yml"))
    person.write_text(
        person.read_text()
        .replace("senator.nunez@senate.ca.gov", "nunez@sd24.senate.ca.gov")
        .replace("- name: Democratic", "- name: Independent")
    )
    result = run("--data", chapter, "official", "import", "--openstates", source)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2:3] == [
        "updated   ana-lucia-nunez   Ana Lucía Núñez   set email; kept your party (Democratic Party; Open States: "
        "Independent)"
    ]
    assert "1 hand edit kept (--overwrite FIELD replaces them)" in result.stderr
    text = nunez.read_text()
    assert "party: Democratic Party\n" in text
    assert "email: nunez@sd24.senate.ca.gov\n" in text
    assert "  party: Independent\n" in text  # the snapshot holds what Open States says

    again = run("--data", chapter, "official", "import", "--openstates", source, "--format", "json")
    document = json.loads(again.stdout)
    assert document["unchanged"][0] == {
        "id": "ana-lucia-nunez",
        "name": "Ana Lucía Núñez",
        "openstates_id": "ocd-person/0b1c2d3e-0000-4000-8000-000000000001",
        "conflicts": [{"field": "party", "yours": "Democratic Party", "theirs": "Independent"}],
    }

    result = run("--data", chapter, "official", "import", "--openstates", source, "--overwrite", "party")
    assert "replaced your party (Democratic Party) with Independent" in result.stdout.replace("\n", " ")
    assert "party: Independent\n" in nunez.read_text().split("imported:")[0]


def test_dry_run_writes_nothing_and_says_what_would_happen(chapter: Path, source: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "official", "import", "--openstates", source, "--dry-run", "--format", "json")
    assert result.exit_code == 0
    assert snapshot(chapter) == before
    document = json.loads(result.stdout)
    assert document["dry_run"] is True
    assert [c["id"] for c in document["created"]] == ["ana-lucia-nunez", "dolores-vega"]
    assert document["updated"][0]["id"] == "paul-kim"
    assert document["updated"][0]["fields"] == ["party", "term_start", "term_end", "email", "offices", "links"]
    assert document["skipped"] == [
        {
            "name": "Robert Okafor",
            "openstates_id": "ocd-person/0b1c2d3e-0000-4000-8000-000000000003",
            "file": str(next(source.rglob("Robert-Okafor-*.yml"))),
            "reason": "no current role (last ended 2012-11-30)",
        }
    ]


def test_include_retired_imports_people_whose_roles_ended(chapter: Path, source: Path, run) -> None:
    result = run("--data", chapter, "official", "import", "--openstates", source, "--include-retired")
    assert result.exit_code == 0
    text = (chapter / "officials" / "robert-okafor.yaml").read_text()
    assert "district: AD-38\nparty: Republican\nterm_start: 2008-12-01\nterm_end: 2012-11-30\n" in text


def test_jurisdiction_and_district_narrow_the_import(chapter: Path, source: Path, run) -> None:
    result = run(
        "--data", chapter, "official", "import", "--openstates", source, "--jurisdiction", "Los Angeles", "--dry-run"
    )
    assert result.stderr == (
        "dry run, nothing written: 1 would be created, 0 would be updated, 0 unchanged, 0 would be skipped; "
        "3 outside --jurisdiction/--district\n"
    )
    result = run("--data", chapter, "official", "import", "--openstates", source, "--district", "SD-24", "--dry-run")
    assert "ana-lucia-nunez" in result.stdout and "dolores-vega" not in result.stdout


def test_an_unreadable_person_file_writes_nothing(chapter: Path, source: Path, run) -> None:
    bad = source / "data" / "ca" / "legislature" / "Broken-0b1c2d3e.yml"
    bad.write_text("id: ocd-person/x\nname: Broken\nroles:\n- start_date: '2019-13'\n  type: lower\n")
    before = snapshot(chapter)
    result = run("--data", chapter, "official", "import", "--openstates", source)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{bad}:4: error: impossible date 2019-13\nerror: 1 Open States file cannot be read; nothing was written\n"
    )
    assert snapshot(chapter) == before


def test_a_missing_folder_is_a_usage_error(chapter: Path, tmp_path: Path, run) -> None:
    result = run("--data", chapter, "official", "import", "--openstates", tmp_path / "nowhere")
    assert (result.exit_code, result.stderr) == (2, f"error: --openstates: '{tmp_path / 'nowhere'}' is not a folder\n")


def test_an_unknown_overwrite_field_is_a_usage_error(chapter: Path, source: Path, run) -> None:
    result = run("--data", chapter, "official", "import", "--openstates", source, "--overwrite", "tags")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --overwrite: tags is not a field the import manages")


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/openstates-ca is not present")
def test_the_real_california_data_imports_twice_without_change(
    chapter: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_TODAY", "2026-08-05")  # the day the shared data was copied
    shared_before = snapshot(SHARED)
    first = run("--data", chapter, "official", "import", "--openstates", SHARED, "--format", "json")
    assert first.exit_code == 0, first.stderr
    document = json.loads(first.stdout)
    created = {c["id"] for c in document["created"]}
    assert len(created) == len(document["created"]) >= 150
    assert not document["updated"] and not document["unchanged"]
    assert all(s["reason"].startswith("no current role") for s in document["skipped"])
    mayor = (chapter / "officials" / "karen-bass.yaml").read_text()
    assert "office: Mayor of Los Angeles\nlevel: city\n" in mayor
    senators = [
        c for c in created if "office: California State Senate\n" in (chapter / "officials" / f"{c}.yaml").read_text()
    ]
    assert len(senators) == 40
    assert run("--data", chapter, "check").exit_code == 0

    before = snapshot(chapter)
    second = run("--data", chapter, "official", "import", "--openstates", SHARED, "--format", "json")
    again = json.loads(second.stdout)
    assert (again["created"], again["updated"]) == ([], [])
    assert {u["id"] for u in again["unchanged"]} == created
    assert snapshot(chapter) == before
    assert snapshot(SHARED) == shared_before


def test_show_leaves_the_import_snapshot_out_of_the_screen(chapter: Path, source: Path, run) -> None:
    run("--data", chapter, "official", "import", "--openstates", source)
    shown = run("--data", chapter, "show", "paul-kim").stdout
    assert "  openstates_id  ocd-person/0b1c2d3e-0000-4000-8000-000000000002\n" in shown
    assert "imported" not in shown


def test_two_people_of_the_same_name_link_one_official_and_create_another(chapter: Path, source: Path, run) -> None:
    paul = next(source.rglob("Paul-Kim-*.yml"))
    other = paul.with_name("Paul-Kim-0b1c2d3e-0000-4000-8000-000000000005.yml")
    other.write_text(
        paul.read_text()
        .replace("000000000002", "000000000005")
        .replace("district: '53'", "district: '54'")
        .replace("email: assemblymember.kim@", "email: other.kim@")
    )
    result = run("--data", chapter, "official", "import", "--openstates", source, "--format", "json")
    document = json.loads(result.stdout)
    assert [(u["id"], u["openstates_id"][-2:]) for u in document["updated"]] == [("paul-kim", "02")]
    assert ("paul-kim-2", "05") in [(c["id"], c["openstates_id"][-2:]) for c in document["created"]]
    assert "district: AD-54\n" in (chapter / "officials" / "paul-kim-2.yaml").read_text()


def test_a_state_jurisdiction_means_the_state_government_not_its_cities(chapter: Path, source: Path, run) -> None:
    result = run(
        "--data",
        chapter,
        "official",
        "import",
        "--openstates",
        source,
        "--jurisdiction",
        "state:ca",
        "--format",
        "json",
    )
    document = json.loads(result.stdout)
    assert [c["id"] for c in document["created"]] == ["ana-lucia-nunez"]
    assert document["outside_filters"] == 1  # the mayor of Los Angeles


def test_an_import_that_would_add_an_error_writes_nothing(chapter: Path, source: Path, run) -> None:
    okafor = next(source.rglob("Robert-Okafor-*.yml"))
    okafor.write_text(okafor.read_text().replace("end_date: 2012-11-30", "end_date: '2007'"))
    before = snapshot(chapter)
    result = run("--data", chapter, "official", "import", "--openstates", source, "--include-retired")
    assert result.exit_code == 1
    assert result.stderr == (
        "error: the import would add errors; nothing was written: "
        f"{chapter}/officials/robert-okafor.yaml: term_end: before term_start\n"
    )
    assert snapshot(chapter) == before


def test_a_value_deleted_by_hand_is_not_put_back(chapter: Path, source: Path, run) -> None:
    run("--data", chapter, "official", "import", "--openstates", source)
    nunez = chapter / "officials" / "ana-lucia-nunez.yaml"
    nunez.write_text(nunez.read_text().replace("email: senator.nunez@senate.ca.gov\n", "", 1))
    before = nunez.read_text()
    result = run("--data", chapter, "official", "import", "--openstates", source)
    assert result.exit_code == 0
    assert "1 hand edit kept (--overwrite FIELD replaces them)" in result.stderr
    assert nunez.read_text() == before


def test_an_official_file_that_cannot_be_read_stops_the_import(chapter: Path, source: Path, run) -> None:
    run("--data", chapter, "official", "import", "--openstates", source)
    nunez = chapter / "officials" / "ana-lucia-nunez.yaml"
    nunez.write_text(nunez.read_text().replace("level: state\n", "level: statewide\n", 1))
    before = snapshot(chapter)
    result = run("--data", chapter, "official", "import", "--openstates", source)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {nunez} could not be read, so the import cannot tell whom it holds: fix it first "
        "(capctl check lists the problems); nothing was written\n"
    )
    assert snapshot(chapter) == before
