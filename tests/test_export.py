import csv
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import snapshot

from capctl.models.records import MODELS, personal_fields
from capctl.store import load as store_load
from capctl.vocab import RecordKind

RECORD_TABLES = ["partners", "officials", "people", "priorities", "resources", "engagements", "testimonies"]
LINK_TABLES = [
    "partner_statuses",
    "partner_contacts",
    "official_offices",
    "strategies",
    "strategy_partners",
    "positions",
    "engagement_partners",
    "engagement_officials",
    "engagement_people",
    "engagement_priorities",
    "engagement_people_withheld",
    "follow_ups",
]
ALL_TABLES = ["meta", "districts", *RECORD_TABLES, *LINK_TABLES]

PUBLIC_TESTIMONY = """\
person: maria-martinez
partner: east-la-tenants
date: 2017-06-01
language: en
title: Why we march
consent:
  scope: public
  date: 2017-06-01
text: We march so the Board hears us.
"""


def export(run, chapter: Path, fmt: str, output: Path, *more: str):
    return run("--data", chapter, "export", "--format", fmt, "--output", output, *more)


def personal_values(chapter: Path) -> list[str]:
    """Every personal value in a data folder, found through the models' marks."""
    data = store_load.load(chapter)
    values = []
    for record in data.records.values():
        for name in personal_fields(MODELS[record.collection]):
            value = getattr(record, name)
            if isinstance(value, str):
                values += [line for line in value.splitlines() if line.strip()]
    return values


def test_sqlite_export_has_a_table_per_kind_and_link_tables_with_sound_foreign_keys(
    chapter: Path, run, tmp_path: Path
) -> None:
    result = export(run, chapter, "sqlite", tmp_path / "chapter.db")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"wrote {tmp_path / 'chapter.db'}: 15 records, sqlite\n"
    db = sqlite3.connect(tmp_path / "chapter.db")
    db.execute("PRAGMA foreign_keys = ON")
    tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    assert tables == ALL_TABLES
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA user_version").fetchone() == (1,)
    targets = {(table, row[2]) for table in LINK_TABLES for row in db.execute(f"PRAGMA foreign_key_list({table})")}
    assert ("engagement_partners", "partners") in targets
    assert ("engagement_partners", "engagements") in targets
    assert ("follow_ups", "people") in targets
    assert ("strategy_partners", "strategies") in targets
    # A link to a record that is not there is refused by the database itself.
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO engagement_partners VALUES ('2017-03-02-call-jon-lee', 'nobody')")


def test_sqlite_join_counts_partners_by_engagements_attended(chapter: Path, run, tmp_path: Path) -> None:
    export(run, chapter, "sqlite", tmp_path / "chapter.db")
    db = sqlite3.connect(tmp_path / "chapter.db")
    rows = db.execute(
        """
        SELECT p.name, p.status, count(ep.engagement_id) AS attended
        FROM partners p LEFT JOIN engagement_partners ep ON ep.partner_id = p.id
        GROUP BY p.id ORDER BY attended DESC, p.name
        """
    ).fetchall()
    assert rows == [
        ("East LA Tenants Union", "core", 3),
        ("Koreatown Workers Alliance", "core", 1),
        ("Valley Food Bank", "prospect", 0),
    ]
    # Officials reached through their staff: a join through people.works_for.
    through_staff = db.execute(
        """
        SELECT o.name, e.date, e.title FROM engagement_people x
        JOIN people s ON s.id = x.person_id JOIN officials o ON o.id = s.works_for
        JOIN engagements e ON e.id = x.engagement_id
        """
    ).fetchall()
    assert through_staff == [("Hilda Ramos", "2017-03-02", "Call with Jon Lee on the budget timeline")]
    assert db.execute("SELECT * FROM follow_ups ORDER BY number").fetchall() == [
        ("2017-02-14-visit-hilda-ramos", 1, "Send GR caseload numbers", "ana-cruz", "2017-02-28", "2017-02-27"),
        ("2017-02-14-visit-hilda-ramos", 2, "Invite her to the Poverty Hearing", "ana-cruz", "2017-03-15", None),
    ]
    assert db.execute("SELECT * FROM partner_statuses WHERE partner_id = 'koreatown-workers'").fetchall() == [
        ("koreatown-workers", 1, "invited", "2017-02-01", None),
        ("koreatown-workers", 2, "core", "2017-04-10", None),
    ]
    languages = db.execute(
        "SELECT p.id FROM partners p, json_each(p.languages) l WHERE l.value = 'ko'"
    ).fetchall()  # lists of plain values are JSON text
    assert languages == [("koreatown-workers",)]


def test_csv_export_writes_one_file_per_table_with_the_same_columns(chapter: Path, run, tmp_path: Path) -> None:
    export(run, chapter, "sqlite", tmp_path / "chapter.db")
    result = export(run, chapter, "csv", tmp_path / "csv")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(f"{t}.csv" for t in ALL_TABLES)
    db = sqlite3.connect(tmp_path / "chapter.db")
    for table in ALL_TABLES:
        with open(tmp_path / "csv" / f"{table}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        columns = [c[1] for c in db.execute(f"PRAGMA table_info({table})")]
        assert rows[0] == columns, table
        in_db = [["" if v is None else str(v) for v in r] for r in db.execute(f"SELECT * FROM {table}")]
        assert rows[1:] == in_db, table
    with open(tmp_path / "csv" / "people.csv", encoding="utf-8", newline="") as handle:
        maria = next(r for r in csv.DictReader(handle) if r["id"] == "maria-martinez")
    assert (maria["name"], json.loads(maria["languages"]), maria["affiliation"]) == (
        "María Martínez",
        ["es", "en"],
        "east-la-tenants",
    )


def test_json_export_holds_every_record_whole_as_list_prints_it(chapter: Path, run, tmp_path: Path) -> None:
    assert export(run, chapter, "json", tmp_path / "chapter.json").exit_code == 0
    document = json.loads((tmp_path / "chapter.json").read_text(encoding="utf-8"))
    assert {k: document[k] for k in ("chapter", "as_of", "public", "export_version")} == {
        "chapter": "Test Chapter",
        "as_of": "2017-06-30",
        "public": False,
        "export_version": 1,
    }
    for kind in RecordKind:
        listed = json.loads(run("--data", chapter, "list", kind.value, "--format", "json").stdout)
        assert document[kind.value] == sorted(listed, key=lambda r: r["id"]), kind


@pytest.mark.parametrize("fmt", ["sqlite", "csv", "json"])
def test_public_export_holds_no_personal_value(chapter: Path, run, tmp_path: Path, fmt: str) -> None:
    (chapter / "testimonies" / "maria-why-we-march.yaml").write_text(PUBLIC_TESTIMONY, encoding="utf-8")
    secrets = personal_values(chapter)
    assert {"jlee@example.gov", "213-555-0199", "maria@example.org", "213-555-0142"} <= set(secrets)
    assert "Cuando nos juntamos, nos escuchan." in secrets
    output = tmp_path / f"public.{fmt}"
    result = export(run, chapter, fmt, output, "--public")
    assert result.exit_code == 0
    # Ana Cruz and María Martínez did not agree to be named: no row of their own.
    assert result.stderr == f"wrote {output}: 14 records, public {fmt}\n"
    files = sorted(output.iterdir()) if output.is_dir() else [output]
    everything = b"".join(path.read_bytes() for path in files)
    published = {"We march so the Board hears us.", "Why we march"}  # given with public consent
    found = [s for s in secrets if s.encode("utf-8") in everything and s not in published]
    assert found == []
    # The scan can find text: public records are there, and so is the testimony given with public consent,
    # without its speaker's name (her testimony's consent is not her consent to be named).
    assert b"Jon Lee" in everything  # an official's staffer, named in that role
    assert b"We march so the Board hears us." in everything
    assert "María Martínez".encode() not in everything and b"maria-martinez" not in everything
    # The same export without --public does hold them.
    private = tmp_path / f"private.{fmt}"
    export(run, chapter, fmt, private)
    files = sorted(private.iterdir()) if private.is_dir() else [private]
    assert b"jlee@example.gov" in b"".join(path.read_bytes() for path in files)


def test_public_sqlite_leaves_personal_columns_out(chapter: Path, run, tmp_path: Path) -> None:
    export(run, chapter, "sqlite", tmp_path / "public.db", "--public")
    db = sqlite3.connect(tmp_path / "public.db")
    assert [c[1] for c in db.execute("PRAGMA table_info(people)")] == [
        "id",
        "name",
        "aliases",
        "affiliation",
        "works_for",
        "title",
        "languages",
        "consent_public_name",
        "consent_since",
        "consent_note",
        "tags",
        "notes",
    ]
    # Given with internal consent only: who gave it, its title and its id (which names her) stay out.
    assert db.execute("SELECT id, person, title, consent_scope, text, file FROM testimonies").fetchall() == [
        ("testimony-withheld-1", None, None, "internal", None, None)
    ]
    assert db.execute("SELECT value FROM meta WHERE key = 'public'").fetchone() == ("true",)


def test_an_existing_output_is_kept_unless_force(chapter: Path, run, tmp_path: Path) -> None:
    output = tmp_path / "chapter.db"
    output.write_bytes(b"an older export")
    result = export(run, chapter, "sqlite", output)
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output: '{output}' already exists; give --force to replace it\n",
    )
    assert output.read_bytes() == b"an older export"
    assert export(run, chapter, "sqlite", output, "--force").exit_code == 0
    assert sqlite3.connect(output).execute("SELECT count(*) FROM partners").fetchone() == (3,)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chapter.db", "data"]  # no temporary file left


def test_force_replaces_an_earlier_csv_export_but_not_any_folder(chapter: Path, run, tmp_path: Path) -> None:
    output = tmp_path / "csv"
    export(run, chapter, "csv", output)
    (output / "partners.csv").write_text("stale\n", encoding="utf-8")
    assert export(run, chapter, "csv", output, "--force").exit_code == 0
    assert (output / "partners.csv").read_text(encoding="utf-8").startswith("id,name,")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "letter.txt").write_text("keep me", encoding="utf-8")
    result = export(run, chapter, "csv", documents, "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output: '{documents}' is not a folder of CSV files from an export; "
        "not replacing it, even with --force\n",
    )
    assert (documents / "letter.txt").read_text(encoding="utf-8") == "keep me"
    result = export(run, chapter, "sqlite", documents, "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output: '{documents}' is not a file; not replacing it, even with --force\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csv", "data", "documents"]


@pytest.mark.parametrize("where", ["inside", "itself", "around"])
def test_export_never_writes_into_the_data_folder(chapter: Path, run, tmp_path: Path, where: str) -> None:
    before = snapshot(chapter)
    output = {"inside": chapter / "export.db", "itself": chapter, "around": tmp_path}[where]
    result = export(run, chapter, "csv", output, "--force")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output: '{output}' is inside or around the data folder; write the export elsewhere\n",
    )
    assert snapshot(chapter) == before


def test_data_with_errors_is_not_exported(chapter: Path, run, tmp_path: Path) -> None:
    (chapter / "people" / "jon-lee.yaml").write_text("name: Jon Lee\nworks_for: nobody\n", encoding="utf-8")
    result = export(run, chapter, "sqlite", tmp_path / "chapter.db")
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "error: the data has 1 error: fix them first (`capctl check` lists them); nothing was written\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_a_missing_output_folder_is_a_usage_error(chapter: Path, run, tmp_path: Path) -> None:
    result = export(run, chapter, "json", tmp_path / "nowhere" / "chapter.json")
    assert (result.exit_code, result.stderr) == (
        2,
        f"error: --output: the folder '{tmp_path / 'nowhere'}' does not exist\n",
    )
