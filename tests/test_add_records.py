"""Adding partners, officials, people, testimonies, priorities and resources: exact files, no duplicates."""

from pathlib import Path

import pytest

from tests.conftest import snapshot


def schema(kind: str) -> str:
    return f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"


def test_partner_add_writes_a_prospect_since_today(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "partner", "add", "Pacoima Beautiful",
        "--district", "sd3", "--language", "es", "--language", "en", "--tag", "environment",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = chapter / "partners/pacoima-beautiful.yaml"
    assert result.stdout == f"wrote {path}\n"
    assert result.stderr == f"commit it: git add {path} && git commit -m 'Add partner Pacoima Beautiful'\n"
    assert path.read_text() == schema("partner") + (
        "name: Pacoima Beautiful\n"
        "status_history:\n  - status: prospect\n    date: 2017-06-30\n"
        "districts:\n  - sd3\nlanguages:\n  - es\n  - en\ntags:\n  - environment\n"
    )


def test_partner_add_with_status_since_and_id(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "partner", "add", "Inquilinos Unidos", "--id", "iu", "--status", "invited",
        "--since", "2017-05-02",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "partners/iu.yaml").read_text() == schema("partner") + (
        "name: Inquilinos Unidos\nstatus_history:\n  - status: invited\n    date: 2017-05-02\n"
    )


def test_a_name_already_taken_after_folding_is_refused_without_a_terminal(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "person", "add", "MARIA MARTINEZ")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: a person named 'MARIA MARTINEZ' already exists: maria-martinez (María Martínez, person); "
        "use it, or pass --allow-duplicate to add another with the same name\n"
    )
    assert snapshot(chapter) == before


def test_a_second_person_with_the_same_name_gets_the_next_free_id_when_allowed(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "person", "add", "Ana Cruz", "--allow-duplicate", "--partner", "Koreatown Workers Alliance"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {chapter / 'people/ana-cruz-2.yaml'}\n"
    assert (chapter / "people/ana-cruz-2.yaml").read_text() == schema("person") + (
        "name: Ana Cruz\naffiliation: koreatown-workers\n"
    )
    check = run("--data", chapter, "check")
    assert check.exit_code == 0
    assert "warning: likely duplicate of 'ana-cruz'" in check.stdout


def test_the_duplicate_question_at_a_terminal(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    before = snapshot(chapter)
    declined = run("--data", chapter, "partner", "add", "elatu", input="\n")
    assert declined.exit_code == 0
    assert declined.stderr == (
        "east-la-tenants (East LA Tenants Union, partner) has the same name; add another partner anyway? [y/N]: "
        "nothing was written\n"
    )
    assert snapshot(chapter) == before
    accepted = run("--data", chapter, "partner", "add", "elatu", input="y\n")
    assert accepted.stdout == f"wrote {chapter / 'partners/elatu.yaml'}\n"


def test_person_add_with_partner_staff_role_languages_and_personal_fields(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "person", "add", "Rosa Díaz", "--partner", "valley food bank", "--title", "Volunteer",
        "--language", "es", "--email", "rosa@example.org", "--phone", "818-555-0100",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "people/rosa-diaz.yaml").read_text() == schema("person") + (
        "name: Rosa Díaz\naffiliation: valley-food-bank\ntitle: Volunteer\nlanguages:\n  - es\n"
        "email: rosa@example.org\nphone: 818-555-0100\n"
    )
    staff = run("--data", chapter, "person", "add", "Sam Lo", "--works-for", "Assemblymember Kim")
    assert (chapter / "people/sam-lo.yaml").read_text() == schema("person") + "name: Sam Lo\nworks_for: paul-kim\n"
    assert staff.exit_code == 0


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("김민준", "gim-min-jun"),
        ("王小明", "wang-xiao-ming"),
        ("Արամ Սարգսյան", "aram-sargsyan"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Мария Иванова", "mariya-ivanova"),
        ("Søren O'Brien", "soren-o-brien"),
    ],
)
def test_ids_of_names_in_other_scripts_are_transliterated(chapter: Path, run, name: str, file: str) -> None:
    result = run("--data", chapter, "person", "add", name)
    assert result.exit_code == 0, result.stderr
    assert (chapter / f"people/{file}.yaml").read_text() == schema("person") + f"name: {name}\n"


def test_official_add_needs_an_office_without_a_terminal(chapter: Path, run) -> None:
    before = snapshot(chapter)
    missing = run("--data", chapter, "official", "add", "Sheila Kuehl")
    assert (missing.exit_code, missing.stderr) == (
        2,
        'error: --office is required: the body or office, e.g. "LA County Board of Supervisors"\n',
    )
    assert snapshot(chapter) == before
    result = run(
        "--data", chapter, "official", "add", "Sheila Kuehl", "--office", "LA County Board of Supervisors",
        "--district", "3",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "officials/sheila-kuehl.yaml").read_text() == schema("official") + (
        "name: Sheila Kuehl\noffice: LA County Board of Supervisors\nlevel: county\ndistrict: '3'\n"
    )


def test_official_add_asks_for_the_office_at_a_terminal(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    result = run("--data", chapter, "official", "add", "Mark Ridley-Thomas", "--level", "county", input="\nBoard\n")
    assert result.exit_code == 0, result.stderr
    assert (chapter / "officials/mark-ridley-thomas.yaml").read_text() == schema("official") + (
        "name: Mark Ridley-Thomas\noffice: Board\nlevel: county\n"
    )


def test_testimony_add_defaults_to_the_persons_partner_and_language(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "testimony", "add", "--person", "maria martinez", "--consent", "public",
        "--text", "Juntas somos más fuertes.",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "testimonies/maria-martinez-2017-06-30.yaml").read_text() == schema("testimony") + (
        "person: maria-martinez\npartner: east-la-tenants\ndate: 2017-06-30\nlanguage: es\n"
        "consent:\n  scope: public\n  date: 2017-06-30\ntext: Juntas somos más fuertes.\n"
    )
    # Her testimony may be published; she has not agreed to be named, so it goes out without her name.
    check = run("--data", chapter, "check")
    assert check.stderr == "16 records checked: 0 errors, 1 warning\n"
    assert check.stdout == (
        f"{chapter}/testimonies/maria-martinez-2017-06-30.yaml:7: warning: consent: public, but María Martínez has "
        "not agreed to be named: it is published without their name (if they agreed: capctl person consent "
        "maria-martinez --public-name yes)\n"
    )


def test_testimony_from_a_file_in_the_data_folder(chapter: Path, run) -> None:
    (chapter / "files").mkdir()
    (chapter / "files/jon.txt").write_text("We were heard.\n")
    result = run(
        "--data", chapter, "testimony", "add", "--person", "jon-lee", "--file", "files/jon.txt",
        "--title", "Jon on being heard", "--consent", "internal",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "testimonies/jon-on-being-heard.yaml").read_text() == schema("testimony") + (
        "person: jon-lee\ndate: 2017-06-30\nlanguage: en\ntitle: Jon on being heard\n"
        "consent:\n  scope: internal\n  date: 2017-06-30\nfile: files/jon.txt\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "error: --person is required: who gave the testimony\n"),
        (["--person", "jon lee"], "error: give the testimony with --text or --file\n"),
        (["--person", "jon lee", "--text", "x", "--file", "y"], "error: --file: 'y' does not exist\n"),
        (["--person", "jon lee", "--file", "/etc/hostname"], None),
    ],
)
def test_testimony_without_a_person_or_text_writes_nothing(
    chapter: Path, run, args: list[str], message: str | None
) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "testimony", "add", *args)
    assert result.exit_code == 2
    if message is None:
        assert result.stderr.startswith("error: --file: '/etc/hostname' is outside the data folder")
    else:
        assert result.stderr == message
    assert snapshot(chapter) == before


def test_testimony_without_consent_is_written_with_the_checks_warning(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "testimony", "add", "--person", "jon lee", "--text", "Short.", "--date", "2017-06-01"
    )
    assert result.exit_code == 0
    assert result.stderr.startswith(
        "warning: no consent recorded: add consent (public, internal or none); it is kept out of anything published\n"
    )


def test_priority_add_with_a_strategy_and_its_partners(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "priority", "add", "Language access at DPSS", "--identified", "2017-06-01",
        "--strategy", "Interpreters at every office", "--partner", "Koreatown Workers Alliance", "--partner", "ELATU",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "priorities/language-access-at-dpss.yaml").read_text() == schema("priority") + (
        "title: Language access at DPSS\nidentified: 2017-06-01\nstatus: active\n"
        "strategies:\n  - summary: Interpreters at every office\n    partners:\n"
        "      - koreatown-workers\n      - east-la-tenants\n"
    )


def test_priority_partner_without_a_strategy_is_a_usage_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "priority", "add", "Housing", "--partner", "elatu")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --partner goes with a --strategy: the partners carrying it\n",
    )


def test_resource_add(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "resource", "add", "GR fact sheet", "--kind", "factsheet", "--topic", "policy",
        "--language", "en", "--language", "es", "--date", "2017-06-15", "--link", "files/gr.pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "resources/gr-fact-sheet.yaml").read_text() == schema("resource") + (
        "title: GR fact sheet\nkind: factsheet\ntopic: policy\nlanguages:\n  - en\n  - es\n"
        "date: 2017-06-15\nlink: files/gr.pdf\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--language", "en"], "error: --kind is required: presentation, factsheet, toolkit, video, other\n"),
        (["--kind", "video"], "error: --language is required: the languages it exists in (repeat it for each)\n"),
        (
            ["--kind", "video", "--language", "en", "--id", "Bad Id"],
            "error: --id: 'Bad Id' is not an id: lowercase letters, digits and hyphens, not starting with a hyphen; "
            "nothing was written\n",
        ),
        (
            ["--kind", "video", "--language", "en", "--id", "ana-cruz"],
            "error: --id ana-cruz: the person 'Ana Cruz' already has this id; choose another\n",
        ),
    ],
)
def test_resource_add_bad_input(chapter: Path, run, args: list[str], message: str) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "resource", "add", "Video", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert snapshot(chapter) == before


def test_an_id_cannot_escape_the_data_folder(chapter: Path, run) -> None:
    before = snapshot(chapter.parent)
    result = run("--data", chapter, "partner", "add", "Evil", "--id", "../../etc/evil")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --id: '../../etc/evil' is not an id")
    assert snapshot(chapter.parent) == before
