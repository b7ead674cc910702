"""People are private unless they agreed to be named (#14): `person consent`, and every public output of a
generated chapter scanned for the names, ids and contacts of the people who did not agree."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from capctl.models.records import Person
from capctl.store import load
from capctl.text import fold, slugify
from tests.conftest import snapshot

AS_OF = "2017-06-30"

# (id, file) of the people added to the fixture chapter; consent and role vary.
PEOPLE = {
    "guadalupe-benitez": (
        "name: Guadalupe Xochitl Benítez\naliases:\n  - Lupita Benítez\naffiliation: eastside-food-justice\n"
        "email: lupita.b@example.net\nphone: 323-555-0161\naddress: 4410 Calle Ejemplo, East Los Angeles\n"
    ),
    "dmitri-okonkwo-salas": (
        "name: Dmitri Okonkwo-Salas\nphone: (626) 555-0188\nemail: dmitri.os@example.com\n"
        "address: 77 Sycamore Court, El Monte\n"
    ),
    "thanh-huong-vo": "name: Thanh Huong Vo\naffiliation: eastside-food-justice\ntitle: Member\n",
    "priya-ramaswamy-holt": (
        "name: Priya Ramaswamy-Holt\nworks_for: hilda-ramos\ntitle: Health deputy\nemail: priya.rh@example.gov\n"
        "phone: 213-555-0107\nconsent:\n  public_name: false\n  since: 2017-05-01\n"
    ),
    "celestine-marlowe": (
        "name: Celestine Marlowe\naffiliation: eastside-food-justice\ntitle: Board chair\n"
        "email: celestine@example.org\nphone: 323-555-0150\naddress: 9 Orchard Row, Boyle Heights\n"
        "consent:\n  public_name: true\n  since: 2017-04-02\n  note: Signed the media release.\n"
    ),
}
PRIVATE = ["guadalupe-benitez", "dmitri-okonkwo-salas", "thanh-huong-vo", "priya-ramaswamy-holt"]

FILES = {
    "partners/eastside-food-justice.yaml": (
        "name: Eastside Food Justice Network\nstatus_history:\n  - status: core\n    date: 2016-10-01\n"
        "districts:\n  - sd1\ncontacts:\n  - guadalupe-benitez\n  - celestine-marlowe\n"
    ),
    "engagements/2017/2017-06-10-house-meeting-with-guadalupe-benitez.yaml": (
        "date: 2017-06-10\nkind: training\ntopic: organizing\ndistrict: sd1\n"
        "title: House meeting with Guadalupe Xochitl Benítez, Dmitri Okonkwo-Salas and Celestine Marlowe\n"
        "partners:\n  - eastside-food-justice\npeople:\n  - guadalupe-benitez\n  - dmitri-okonkwo-salas\n"
        "  - thanh-huong-vo\n  - celestine-marlowe\nheadcount: 9\n"
        "notes: Lupita Benítez hosted at 4410 Calle Ejemplo, East Los Angeles; call her at 323 555 0161 or\n"
        "  LUPITA.B@example.net. Thanh Huong Vo translated.\n"
        "follow_ups:\n  - task: Send Thanh Huong Vo and Dmitri Okonkwo-Salas the flyer\n"
        "    owner: dmitri-okonkwo-salas\n    due: 2017-07-05\n"
        "  - task: Ask Celestine Marlowe to speak at the hearing\n    owner: celestine-marlowe\n    due: 2017-07-07\n"
    ),
    "engagements/2017/2017-06-12-one-on-one-with-priya-ramaswamy-holt.yaml": (
        "date: 2017-06-12\nkind: one-on-one\ntitle: One-on-one with Priya Ramaswamy-Holt (Supervisor Ramos)\n"
        "people:\n  - priya-ramaswamy-holt\n"
        "follow_ups:\n  - task: Send the caseload numbers to Priya Ramaswamy-Holt\n    owner: priya-ramaswamy-holt\n"
        "    due: 2017-07-03\n"
    ),
    "testimonies/guadalupe-benitez-on-rent.yaml": (
        "person: guadalupe-benitez\npartner: eastside-food-justice\ndate: 2017-06-10\nlanguage: en\n"
        "title: Guadalupe Xochitl Benítez on the collective\nconsent:\n  scope: public\n  date: 2017-06-10\n"
        "text: I am Guadalupe Xochitl Benítez; together we were heard. Write to lupita.b@example.net.\n"
    ),
}


@pytest.fixture
def generated(chapter: Path) -> Path:
    """The fixture chapter with named people who did not agree to be named, one who did, and a staffer who
    said no, named in titles, notes, tasks, ids and a public testimony, with their contacts in free text."""
    for person_id, text in PEOPLE.items():
        (chapter / "people" / f"{person_id}.yaml").write_text(text, encoding="utf-8")
    for path, text in FILES.items():
        (chapter / path).write_text(text, encoding="utf-8")
    return chapter


def public_outputs(run, folder: Path, out: Path) -> dict[str, str]:
    """Every public output: the report in every format (and every metric's --explain), the export in every
    format; SQLite as its SQL dump."""
    metrics = [m["id"] for m in json.loads(run("--data", folder, "report", "--format", "json").stdout)["metrics"]]
    outputs: dict[str, str] = {}
    for fmt in ("text", "markdown", "json", "html"):
        for explain in [None, *metrics]:
            args = [
                "report",
                "--public",
                "--as-of",
                AS_OF,
                "--format",
                fmt,
                *(["--explain", explain] if explain else []),
            ]
            result = run("--data", folder, *args)
            assert result.exit_code == 0, result.stderr
            outputs[" ".join(args)] = result.stdout
    for fmt in ("csv", "json", "sqlite"):
        target = out / f"export-{fmt}"
        result = run("--data", folder, "export", "--public", "--format", fmt, "--output", target)
        assert result.exit_code == 0, result.stderr
        if fmt == "csv":
            for table in sorted(target.iterdir()):
                outputs[f"export csv {table.name}"] = table.read_text(encoding="utf-8")
        elif fmt == "json":
            outputs["export json"] = target.read_text(encoding="utf-8")
        else:
            db = sqlite3.connect(target)
            outputs["export sqlite"] = "\n".join(db.iterdump())
            db.close()
    return outputs


def secrets_of(person: Person) -> list[tuple[str, re.Pattern[str]]]:
    """What must not be published of a person: names, aliases and their id forms unless they agreed to be named;
    their email, phone (digits with any separators) and address whatever they agreed."""
    found = []
    if not person.named_in_public:
        for name in person.names():
            found.append((name, re.compile(re.escape(fold(name)).replace(r"\ ", r"\s+"))))
            found.append((slugify(name), re.compile(re.escape(slugify(name)))))
        found.append((person.id, re.compile(re.escape(person.id))))
    if person.phone:
        digits = re.sub(r"\D", "", person.phone)
        found.append((person.phone, re.compile(r"\D*".join(digits))))
    for value in (person.email, person.address):
        if value:
            found.append((value, re.compile(re.escape(fold(value)).replace(r"\ ", r"\s+"))))
    return found


def test_no_public_output_names_or_reaches_a_person_who_did_not_agree(
    generated: Path, run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # text tables unwrapped: a name is never cut across lines
    data = load.load(generated)
    people = data.typed(Person)
    assert sorted(p.id for p in people if not p.named_in_public) == sorted([*PRIVATE, "ana-cruz", "maria-martinez"])
    outputs = public_outputs(run, generated, tmp_path)
    assert len(outputs) == 4 * 12 + len(list((tmp_path / "export-csv").iterdir())) + 2
    leaks = [
        (where, shown)
        for where, text in outputs.items()
        for person in people
        for shown, pattern in secrets_of(person)
        if pattern.search(fold(text))
    ]
    assert leaks == []
    everything = "\n".join(outputs.values())
    # The scan reads real text: the person who agreed is named, the others are described and counted.
    assert "Celestine Marlowe" in everything and "celestine-marlowe" in everything
    assert "House meeting with a member of Eastside Food Justice Network, a community member and Celestine Marlowe" in (
        everything
    )
    assert "One-on-one with a staffer of Hilda Ramos (Supervisor Ramos)" in everything
    assert "Jon Lee" in everything  # an official's staffer who said nothing: named in that role
    assert "together we were heard" in everything  # the testimony given with public consent, without her name


def test_no_public_report_in_spanish_names_or_reaches_a_person_who_did_not_agree(
    generated: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same scan over the report in Spanish (#15): how it speaks of people is worded in Spanish."""
    monkeypatch.setenv("COLUMNS", "1000")
    people = load.load(generated).typed(Person)
    metrics = [m["id"] for m in json.loads(run("--data", generated, "report", "--format", "json").stdout)["metrics"]]
    outputs = {}
    for fmt in ("text", "markdown", "json", "html"):
        for explain in [[], *(["--explain", m] for m in metrics)]:
            args = ["report", "--public", "--lang", "es", "--as-of", AS_OF, "--format", fmt, *explain]
            result = run("--data", generated, *args)
            assert result.exit_code == 0, result.stderr
            outputs[" ".join(args)] = result.stdout
    leaks = [
        (where, shown)
        for where, text in outputs.items()
        for person in people
        for shown, pattern in secrets_of(person)
        if pattern.search(fold(text))
    ]
    assert leaks == []
    everything = "\n".join(outputs.values())
    assert "Celestine Marlowe" in everything
    assert (
        "una persona miembro de Eastside Food Justice Network, una persona de la comunidad and Celestine Marlowe"
        in (everything)
    )
    assert "One-on-one with una persona del equipo de Hilda Ramos (Supervisor Ramos)" in everything


def test_the_same_outputs_without_public_do_hold_them(generated: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    # Without this, the scan above could pass on outputs that never held the names.
    monkeypatch.setenv("COLUMNS", "1000")
    report = run("--data", generated, "report", "--as-of", AS_OF, "--explain", "organizing-trainings").stdout
    assert "Guadalupe Xochitl Benítez" in report and "Dmitri Okonkwo-Salas" in report


def test_the_public_report_describes_owners_and_the_export_counts_people(generated: Path, run, tmp_path: Path) -> None:
    report = run("--data", generated, "report", "--public", "--as-of", AS_OF, "--format", "json").stdout
    owners = [f["owner"] for f in json.loads(report)["chapters"][0]["meeting"]["follow_ups"]["due_soon"]]
    assert owners == ["a staffer of Hilda Ramos", "a community member", "Celestine Marlowe"]
    target = tmp_path / "public.json"
    assert run("--data", generated, "export", "--public", "--format", "json", "--output", target).exit_code == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    meeting = next(e for e in document["engagements"] if e["date"] == "2017-06-10")
    assert meeting["id"] == "2017-06-10-house-meeting-with-withheld"
    assert meeting["people"] == ["celestine-marlowe"]
    assert meeting["people_withheld"] == [
        {"partner": "eastside-food-justice", "people": 2},
        {"partner": None, "people": 1},
    ]
    assert [f["owner"] for f in meeting["follow_ups"]] == [None, "celestine-marlowe"]
    assert [p["id"] for p in document["people"]] == ["celestine-marlowe", "jon-lee"]
    partner = next(p for p in document["partners"] if p["id"] == "eastside-food-justice")
    assert partner["contacts"] == ["celestine-marlowe"]
    testimony = next(t for t in document["testimonies"] if t["consent"]["scope"] == "public")
    assert (testimony["id"], testimony["person"]) == ("withheld-on-rent", None)
    assert testimony["title"] == "a member of Eastside Food Justice Network on the collective"
    db_path = tmp_path / "public.db"
    assert run("--data", generated, "export", "--public", "--format", "sqlite", "--output", db_path).exit_code == 0
    db = sqlite3.connect(db_path)
    rows = db.execute("SELECT * FROM engagement_people_withheld WHERE engagement_id LIKE '2017-06-1%'").fetchall()
    assert rows == [
        ("2017-06-10-house-meeting-with-withheld", 1, "eastside-food-justice", 2),
        ("2017-06-10-house-meeting-with-withheld", 2, None, 1),
        ("2017-06-12-one-on-one-with-withheld", 1, None, 1),  # the staffer who said no
    ]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


# --- capctl person consent ------------------------------------------------------------


def test_consent_is_a_round_trip_edit_that_keeps_every_other_line(chapter: Path, run) -> None:
    path = chapter / "people" / "maria-martinez.yaml"
    original = path.read_text(encoding="utf-8")
    path.write_text(
        "# Met at the first training.\n" + original.replace("title:", "title:  # as she says it\n  "), "utf-8"
    )
    path.write_text(path.read_text(encoding="utf-8").replace("title:  # as she says it\n  ", "title:"), "utf-8")
    before = path.read_text(encoding="utf-8")
    result = run(
        "--data", chapter, "person", "consent", "María Martínez", "--public-name", "yes", "--date", "2017-06-01",
        "--note", "Signed the media release",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (f"changed {path}: María Martínez may be named in public output from 2017-06-01 on\n")
    assert path.read_text(encoding="utf-8") == before + (
        "consent:\n  public_name: true\n  since: 2017-06-01\n  note: Signed the media release\n"
    )
    again = run("--data", chapter, "person", "consent", "maria-martinez", "--public-name", "yes")
    assert (again.exit_code, again.stdout) == (0, "")
    assert again.stderr == "María Martínez may be named in public output already (since 2017-06-01); no change\n"
    withdrawn = run("--data", chapter, "person", "consent", "maria-martinez", "--public-name", "no")
    assert withdrawn.exit_code == 0
    assert withdrawn.stdout == f"changed {path}: María Martínez is not named in public output from 2017-06-30 on\n"
    # The old note and date went with the old answer.
    assert path.read_text(encoding="utf-8") == before + "consent:\n  public_name: false\n  since: 2017-06-30\n"
    assert run("--data", chapter, "check").stdout == ""


def test_consent_names_the_person_in_public_output_and_withdrawing_it_does_not(chapter: Path, run) -> None:
    def public_report() -> str:
        return run("--data", chapter, "report", "--public", "--as-of", AS_OF, "--format", "markdown").stdout

    (chapter / "engagements" / "2017" / "2017-06-20-visit-with-ana-cruz.yaml").write_text(
        "date: 2017-06-20\nkind: call\ntitle: Call with Ana Cruz\npeople:\n  - ana-cruz\n", encoding="utf-8"
    )
    assert "Call with a community member" in public_report() and "Ana Cruz" not in public_report()
    assert run("--data", chapter, "person", "consent", "ana-cruz", "--public-name", "yes").exit_code == 0
    assert "Call with Ana Cruz" in public_report()
    assert run("--data", chapter, "person", "consent", "ana-cruz", "--public-name", "no").exit_code == 0
    assert "Ana Cruz" not in public_report()


def test_a_staffer_who_says_no_is_not_named(chapter: Path, run) -> None:
    (chapter / "engagements" / "2017" / "2017-06-01-one-on-one-with-jon-lee.yaml").write_text(
        "date: 2017-06-01\nkind: one-on-one\ntitle: One-on-one with Jon Lee\npeople:\n  - jon-lee\n", encoding="utf-8"
    )
    args = ["report", "--public", "--as-of", AS_OF, "--format", "markdown", "--explain", "one-on-ones"]
    report = run("--data", chapter, *args).stdout
    assert "One-on-one with Jon Lee" in report
    assert run("--data", chapter, "person", "consent", "jon-lee", "--public-name", "no").exit_code == 0
    report = run("--data", chapter, *args).stdout
    assert "Jon Lee" not in report and "a staffer of Hilda Ramos" in report


def test_meeting_add_and_attendance_import_never_grant_consent(chapter: Path, run, tmp_path: Path) -> None:
    added = run(
        "--data", chapter, "meeting", "add", "--date", "2017-06-24", "--kind", "training", "--topic", "budget",
        "--title", "Budget 101 in Pacoima", "--partner", "elatu", "--person", "ana-cruz",
    )  # fmt: skip
    assert added.exit_code == 0, added.stderr
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Name,Organization\nRosa Díaz,Valley Food Bank\nLuis Pérez,\n", encoding="utf-8")
    imported = run("--data", chapter, "attendance", "import", "pacoima", sheet, "--create", "--yes")
    assert imported.exit_code == 0, imported.stderr
    data = load.load(chapter)
    created = [data.records["rosa-diaz"], data.records["luis-perez"], data.records["ana-cruz"]]
    assert [(p.consent, p.named_in_public) for p in created if isinstance(p, Person)] == [(None, False)] * 3
    target = tmp_path / "public.json"
    assert run("--data", chapter, "export", "--public", "--format", "json", "--output", target).exit_code == 0
    published = target.read_text(encoding="utf-8")
    assert "Rosa Díaz" not in published and "Luis Pérez" not in published and "rosa-diaz" not in published


# --- check --------------------------------------------------------------------------


def test_check_warns_where_public_text_names_a_person_who_did_not_agree(generated: Path, run) -> None:
    before = snapshot(generated)
    result = run("--data", generated, "check")
    lines = [line for line in result.stdout.splitlines() if "has not agreed to be named" in line]
    house = f"{generated}/engagements/2017/2017-06-10-house-meeting-with-guadalupe-benitez.yaml"
    visit = f"{generated}/engagements/2017/2017-06-12-one-on-one-with-priya-ramaswamy-holt.yaml"
    testimony = f"{generated}/testimonies/guadalupe-benitez-on-rent.yaml"
    agree = "who has not agreed to be named: public output says"
    assert lines == [
        f"{house}:5: warning: title: names Dmitri Okonkwo-Salas, {agree} a community member instead "
        "(if they agreed: capctl person consent dmitri-okonkwo-salas --public-name yes)",
        f"{house}:5: warning: title: names Guadalupe Xochitl Benítez, {agree} a member of their partner instead "
        "(if they agreed: capctl person consent guadalupe-benitez --public-name yes)",
        f"{house}:17: warning: follow_ups.0.task: names Dmitri Okonkwo-Salas, {agree} a community member instead "
        "(if they agreed: capctl person consent dmitri-okonkwo-salas --public-name yes)",
        f"{house}:17: warning: follow_ups.0.task: names Thanh Huong Vo, {agree} a member of their partner instead "
        "(if they agreed: capctl person consent thanh-huong-vo --public-name yes)",
        f"{visit}:3: warning: title: names Priya Ramaswamy-Holt, {agree} a staffer of their official instead "
        "(if they agreed: capctl person consent priya-ramaswamy-holt --public-name yes)",
        f"{visit}:7: warning: follow_ups.0.task: names Priya Ramaswamy-Holt, {agree} a staffer of their official "
        "instead (if they agreed: capctl person consent priya-ramaswamy-holt --public-name yes)",
        f"{testimony}:5: warning: title: names Guadalupe Xochitl Benítez, {agree} a member of their partner "
        "instead (if they agreed: capctl person consent guadalupe-benitez --public-name yes)",
        f"{testimony}:7: warning: consent: public, but Guadalupe Xochitl Benítez has not agreed to be named: it is "
        "published without their name (if they agreed: capctl person consent guadalupe-benitez --public-name yes)",
    ]
    assert snapshot(generated) == before
