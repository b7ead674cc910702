"""Issue 16, "nothing lost, nothing wrong": what the bad-input corpus cannot hold (it asserts refusals):
file modes, CSV for spreadsheets, warnings, a concurrent edit, ids made from a sign-in sheet, release basics.
The date, disk and settings refusals are cases in tests/bad/."""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
import stat
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from capctl import __version__
from capctl.edit.update import partner_status
from capctl.models.records import Partner
from capctl.store import load as store_load
from capctl.vocab import PartnerStatus
from tests.conftest import REPO

FORMULA = '=HYPERLINK("http://x","click")'


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# --- files others can read (finding 5) --------------------------------------


def test_every_file_capctl_writes_gets_the_mode_of_a_normal_write(tmp_path: Path, run, umask_022: None) -> None:
    folder = tmp_path / "chapter"
    assert run("init", folder).exit_code == 0
    written = [p for p in folder.rglob("*") if p.is_file() and p.name != ".gitkeep"]
    assert len(written) > 2 and {p.name: mode(p) for p in written} == {p.name: 0o644 for p in written}

    assert run("--data", folder, "person", "add", "Ana Cruz").exit_code == 0
    assert mode(folder / "people" / "ana-cruz.yaml") == 0o644
    assert run("--data", folder, "report", "--format", "markdown", "--output", tmp_path / "report.md").exit_code == 0
    assert mode(tmp_path / "report.md") == 0o644


def test_the_mode_follows_the_umask(chapter: Path, run) -> None:
    old = os.umask(0o027)
    try:
        assert run("--data", chapter, "person", "add", "Kevin Lu").exit_code == 0
    finally:
        os.umask(old)
    assert mode(chapter / "people" / "kevin-lu.yaml") == 0o640


def test_an_edit_and_fmt_keep_the_files_mode(chapter: Path, run, umask_022: None) -> None:
    partner = chapter / "partners" / "east-la-tenants.yaml"
    partner.chmod(0o664)
    assert run("--data", chapter, "partner", "status", "east-la-tenants", "former").exit_code == 0
    assert mode(partner) == 0o664

    person = chapter / "people" / "jon-lee.yaml"
    person.write_text("title: Budget deputy\nname: Jon Lee\nworks_for: hilda-ramos\n", encoding="utf-8")
    person.chmod(0o644)
    assert run("--data", chapter, "fmt", person).exit_code == 0
    assert person.read_text(encoding="utf-8").startswith("# yaml-language-server")
    assert mode(person) == 0o644


# --- CSV that spreadsheets read right (finding 6) ----------------------------


def test_csv_cells_that_would_run_as_a_formula_start_with_an_apostrophe(chapter: Path, run, tmp_path: Path) -> None:
    text = (chapter / "partners" / "valley-food-bank.yaml").read_text(encoding="utf-8")
    (chapter / "partners" / "valley-food-bank.yaml").write_text(
        re.sub(r"(?m)^name: .*$", f"name: '{FORMULA}'", text), encoding="utf-8"
    )
    assert run("--data", chapter, "export", "--format", "csv", "--output", tmp_path / "csv").exit_code == 0
    with open(tmp_path / "csv" / "partners.csv", encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert "'" + FORMULA in names and FORMULA not in names

    listed = run("--data", chapter, "list", "partners", "--format", "csv").stdout
    cells = [row["name"] for row in csv.DictReader(listed.splitlines())]
    assert "'" + FORMULA in cells and FORMULA not in cells


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_check_warns_about_a_name_a_spreadsheet_would_run(chapter: Path, run, start: str) -> None:
    (chapter / "people" / "kevin-lu.yaml").write_text(f"name: '{start}1+2 Kevin'\n", encoding="utf-8")
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert (
        f"{chapter}/people/kevin-lu.yaml:1: warning: name: starts with {start!r}, which a spreadsheet reads as a "
        "formula; CSV output shows it with a leading apostrophe\n"
    ) in result.stdout


def test_excel_csv_has_a_byte_order_mark_and_crlf(chapter: Path, run, tmp_path: Path) -> None:
    result = run("--data", chapter, "export", "--format", "csv", "--excel", "--output", tmp_path / "csv")
    assert result.exit_code == 0
    raw = (tmp_path / "csv" / "people.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,name,")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 4  # the header and three people
    assert "María Martínez".encode() in raw


def test_excel_goes_with_csv_only(chapter: Path, run, tmp_path: Path) -> None:
    result = run("--data", chapter, "export", "--format", "json", "--excel", "--output", tmp_path / "x.json")
    assert (result.exit_code, result.stderr) == (2, "error: --excel goes with --format csv\n")


def test_an_empty_list_is_an_empty_cell(chapter: Path, run) -> None:
    rows = list(csv.DictReader(run("--data", chapter, "list", "people", "--format", "csv").stdout.splitlines()))
    jon = next(row for row in rows if row["id"] == "jon-lee")
    assert (jon["aliases"], jon["languages"], jon["tags"]) == ("", "", "")
    assert "[]" not in run("--data", chapter, "list", "people", "--format", "csv").stdout


def test_a_sign_in_sheet_with_a_formula_is_shown_defused(chapter: Path, run, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("name,organization\n\"=cmd|' /C calc'!A0\",@SUM(1+1)\n", encoding="utf-8")
    result = run("--data", chapter, "attendance", "import", "2017-03-02-call-jon-lee", sheet, "--format", "csv")
    row = list(csv.reader(result.stdout.splitlines()))[1]
    assert row[1:3] == ["'=cmd|' /C calc'!A0", "'@SUM(1+1)"]


# --- dates (finding 1): what the calendar allows works ------------------------


def test_a_grant_period_to_the_last_year_allowed_has_a_report(chapter: Path, run) -> None:
    """Its previous period starts before 1900: worked out, not read, so it is not refused."""
    metrics = chapter / "metrics.yaml"
    metrics.write_text(metrics.read_text(encoding="utf-8").replace("end: 2017-12-31", "end: 2200-12-31"))
    for as_of in ("2200-12-31", "1900-01-01"):
        result = run("--data", chapter, "report", "--as-of", as_of, "--format", "json")
        assert (result.exit_code, result.stderr) == (0, "")


# --- smaller (finding 7) -----------------------------------------------------


def test_the_old_status_printed_is_the_one_in_the_file_when_it_was_edited(chapter: Path, run) -> None:
    data = store_load.load(chapter)
    partner = data.records["valley-food-bank"]
    assert isinstance(partner, Partner) and partner.status is PartnerStatus.prospect
    # Another organizer changes the status after this command loaded the data.
    assert run("--data", chapter, "partner", "status", "valley-food-bank", "invited").exit_code == 0

    updated = partner_status(data, partner, PartnerStatus.core, dt.date(2017, 6, 30))
    assert updated.summary == "Valley Food Bank: invited → core on 2017-06-30"


def test_new_people_from_a_sheet_whose_names_give_one_id_get_distinct_ids(chapter: Path, run, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "name\nKevin Lu\nКевин Лу\nKevin Lü\n", encoding="utf-8"
    )  # the Cyrillic spelling is another name with the same id
    result = run(
        "--data", chapter, "attendance", "import", "2017-03-02-call-jon-lee", sheet, "--create", "--yes",
        "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (chapter / "people").iterdir() if p.name.startswith("kevin")) == [
        "kevin-lu-2.yaml",
        "kevin-lu.yaml",
    ]  # "Kevin Lü" folds to "Kevin Lu": a duplicate row, not a third person
    assert run("--data", chapter, "check").exit_code == 0


# --- release basics ------------------------------------------------------------


def test_release_basics_a_licence_typed_package_and_a_version_with_its_changelog() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "Apache-2.0"
    licence = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert licence.lstrip().startswith("Apache License") and "Version 2.0, January 2004" in licence
    assert "END OF TERMS AND CONDITIONS" in licence
    assert (REPO / "capctl" / "py.typed").is_file()
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"(?m)^## (\d+\.\d+\.\d+)", changelog)
    assert sections[0] == __version__ and "0.1.0" in sections
    assert f"rev: v{__version__}" in (REPO / "docs" / "review.md").read_text(encoding="utf-8")


def test_the_workflow_has_one_placeholder_named_at_its_top() -> None:
    workflow = (REPO / ".github" / "workflows" / "data.yml").read_text(encoding="utf-8")
    header = workflow.split("\nname:", 1)[0]
    assert "OWNER" in header and "placeholder" in header
    body = workflow.split("\nname:", 1)[1]
    assert re.findall(r"[A-Z]{4,}(?=[/.])", body) == ["OWNER"]
    assert f"@v{__version__}" in workflow
