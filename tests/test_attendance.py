"""`capctl attendance import`: sign-in sheets as organizers have them."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, snapshot

ENGAGEMENT = "engagements/2017/2017-06-24-budget-101-in-pacoima.yaml"

MESSY_ROWS = [
    "Nombre;Organización;E-mail;Teléfono;Idioma;Talla de camiseta",
    "María Martínez;East LA Tenants Union;maria@example.org;213-555-0142;Español;M",
    "Jonn Lee;;;;English;L",
    ";;;;;",
    "Ana Cruz;;;;;S",
    "Rosa Díaz;Valley Food Bank;rosa@example.org;818-555-0100;Spanish;M",
    "MARÍA MARTÍNEZ;ELATU;;;;M",
    "Min-jun Kim;Koreatown Workers Alliance;;;Korean;",
    "Luis Pérez;Pacoima Beautiful;;;;XL",
    ";Valley Food Bank;;;;M",
]


@pytest.fixture
def training(chapter: Path, run) -> Path:
    """A training without attendance yet, and a second Ana Cruz so that "Ana Cruz" is ambiguous."""
    assert (
        run("--data", chapter, "person", "add", "Ana Cruz", "--id", "ana-cruz-ktown", "--allow-duplicate").exit_code
        == 0
    )
    added = run(
        "--data", chapter, "meeting", "add", "--date", "2017-06-24", "--kind", "training", "--topic", "budget",
        "--title", "Budget 101 in Pacoima", "--partner", "elatu",
    )  # fmt: skip
    assert added.exit_code == 0
    return chapter


@pytest.fixture
def messy_sheet(tmp_path: Path) -> Path:
    """Excel's export as some organizers send it: a BOM, then Windows-1252 accents, semicolons, CRLF."""
    path = tmp_path / "sign-in.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(MESSY_ROWS).encode("cp1252") + b"\r\n")
    return path


TABLE = """\
Sign-in sheet for 2017-06-24-budget-101-in-pacoima
┏━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━┓
┃ line ┃ name           ┃ organization               ┃ match                     ┃ person         ┃ partner            ┃
┡━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━┩
│    2 │ María Martínez │ East LA Tenants Union      │ exact                     │ maria-martinez │ east-la-tenants    │
│    3 │ Jonn Lee       │                            │ likely: spelling          │                │                    │
│    5 │ Ana Cruz       │                            │ ambiguous: ana-cruz,      │                │                    │
│      │                │                            │ ana-cruz-ktown            │                │                    │
│    6 │ Rosa Díaz      │ Valley Food Bank           │ {rosa:<25} │ {rosa_id:<14} │ valley-food-bank   │
│    7 │ MARÍA MARTÍNEZ │ ELATU                      │ duplicate of line 2       │ maria-martinez │ east-la-tenants    │
│    8 │ Min-jun Kim    │ Koreatown Workers Alliance │ {kim:<25} │ {kim_id:<14} │ koreatown-workers  │
│    9 │ Luis Pérez     │ Pacoima Beautiful          │ {luis:<25} │ {luis_id:<14} │ (text, not linked) │
└──────┴────────────────┴────────────────────────────┴───────────────────────────┴────────────────┴────────────────────┘
"""

SKIPPED_UNSURE = (
    "skipped: line 3 'Jonn Lee': not sure (spelling; maybe jon-lee); decide in a terminal, or write the id in the "
    "name column\n"
    "skipped: line 5 'Ana Cruz': several people match (ana-cruz, ana-cruz-ktown); choose one in a terminal\n"
)
SKIPPED_NEW = (
    "skipped: line 6 'Rosa Díaz': no one of that name; --create adds them as a new person\n"
    "skipped: line 7 'MARÍA MARTÍNEZ': the same person as line 2\n"
    "skipped: line 8 'Min-jun Kim': no one of that name; --create adds them as a new person\n"
    "skipped: line 9 'Luis Pérez': no one of that name; --create adds them as a new person\n"
)


def table(match: str, created: bool) -> str:
    ids = {"rosa_id": "rosa-diaz", "kim_id": "min-jun-kim", "luis_id": "luis-perez"}
    return TABLE.format(rosa=match, kim=match, luis=match, **(ids if created else dict.fromkeys(ids, "")))


def test_messy_sheet_is_proposed_then_written_only_with_yes(training: Path, run, messy_sheet: Path) -> None:
    before = snapshot(training)
    proposed = run("--data", training, "attendance", "import", "pacoima", messy_sheet)
    assert proposed.exit_code == 0, proposed.stderr
    assert proposed.stdout == table("new", created=False)
    assert proposed.stderr == (
        f"{messy_sheet}: Windows-1252 after a BOM, semicolons, 7 rows; columns name ('Nombre'), organization "
        "('Organización'), email ('E-mail'), phone ('Teléfono'), language ('Idioma'); ignored 'Talla de camiseta'; "
        "1 row(s) without a name skipped\n"
        + SKIPPED_UNSURE
        + SKIPPED_NEW
        + "nothing was written: run again with --yes to apply these matches\n"
    )
    assert snapshot(training) == before


def test_messy_sheet_applied_with_create_then_imported_again_changes_nothing(
    training: Path, run, messy_sheet: Path
) -> None:
    result = run("--data", training, "attendance", "import", "pacoima", messy_sheet, "--create", "--yes")
    assert result.exit_code == 0, result.stderr
    people = training / "people"
    assert result.stdout == table("new: create", created=True) + (
        f"wrote {people / 'rosa-diaz.yaml'}\nwrote {people / 'min-jun-kim.yaml'}\nwrote {people / 'luis-perez.yaml'}\n"
        f"changed {training / ENGAGEMENT}: +4 people (maria-martinez, rosa-diaz, min-jun-kim, luis-perez); "
        "+2 partners (valley-food-bank, koreatown-workers); headcount - → 6\n"
    )
    assert SKIPPED_UNSURE + "skipped: line 7 'MARÍA MARTÍNEZ': the same person as line 2\n" in result.stderr
    assert (training / ENGAGEMENT).read_text() == (
        "# yaml-language-server: $schema=../../schemas/engagement.schema.json\n"
        "date: 2017-06-24\nkind: training\ntopic: budget\ntitle: Budget 101 in Pacoima\n"
        "partners:\n  - east-la-tenants\n  - valley-food-bank\n  - koreatown-workers\n"
        "people:\n  - maria-martinez\n  - rosa-diaz\n  - min-jun-kim\n  - luis-perez\n"
        "headcount: 6\n"
    )
    assert (people / "rosa-diaz.yaml").read_text() == (
        "# yaml-language-server: $schema=../schemas/person.schema.json\n"
        "name: Rosa Díaz\naffiliation: valley-food-bank\nlanguages:\n  - es\n"
        "email: rosa@example.org\nphone: 818-555-0100\n"
    )
    assert (people / "luis-perez.yaml").read_text() == (
        "# yaml-language-server: $schema=../schemas/person.schema.json\nname: Luis Pérez\n"
    )
    after_first = snapshot(training)
    again = run("--data", training, "attendance", "import", "pacoima", messy_sheet, "--create", "--yes")
    assert again.exit_code == 0
    assert "no change:" in again.stderr
    assert snapshot(training) == after_first
    check = run("--data", training, "check")
    assert check.exit_code == 0


def test_rows_not_sure_are_decided_one_by_one_at_a_terminal(
    training: Path, run, messy_sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    result = run("--data", training, "attendance", "import", "pacoima", messy_sheet, input="1\n2\n\n")
    assert result.exit_code == 0, result.stderr
    assert (
        "2 of 7 rows are not sure; decide each:\n"
        "  line 3 'Jonn Lee': likely: spelling\n"
        "    1. jon-lee (Jon Lee, person)\n"
        "  1 accept, o another name, c create a new person, s skip [s]: "
        "  line 5 'Ana Cruz': ambiguous: ana-cruz, ana-cruz-ktown\n"
        "    1. ana-cruz (Ana Cruz, person)\n"
        "    2. ana-cruz-ktown (Ana Cruz, person)\n"
        "  1-2 accept, o another name, c create a new person, s skip [s]: "
    ) in result.stderr
    assert "Apply these matches? [Y/n]: " in result.stderr
    assert (
        "people:\n  - maria-martinez\n  - jon-lee\n  - ana-cruz-ktown\nheadcount: 6\n"
        in (training / ENGAGEMENT).read_text()
    )


def test_a_row_can_be_created_or_given_another_name_and_skipped_rows_make_no_the_default(
    training: Path, run, messy_sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    before = snapshot(training)
    # Jonn Lee: "o", then a name that matches no one, then Maria (a given name alone: confirmed, #12);
    # Ana Cruz: skipped; the final question: blank.
    result = run(
        "--data", training, "attendance", "import", "pacoima", messy_sheet, input="o\nnobody\nmaría\n\ns\n\n"
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "  no match for 'nobody'" in result.stderr
    assert "  + maria-martinez (María Martínez, person)\n" in result.stderr
    assert "skipped: line 5 'Ana Cruz': skipped when asked\n" in result.stderr
    assert result.stderr.endswith("Apply these matches? [y/N]: nothing was written\n")
    assert snapshot(training) == before
    created = run("--data", training, "attendance", "import", "pacoima", messy_sheet, input="c\ns\ny\n")
    assert created.exit_code == 0, created.stderr
    assert (training / "people" / "jonn-lee.yaml").read_text() == (
        "# yaml-language-server: $schema=../schemas/person.schema.json\nname: Jonn Lee\nlanguages:\n  - en\n"
    )


def test_declining_at_a_terminal_writes_nothing(
    training: Path, run, messy_sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    before = snapshot(training)
    result = run("--data", training, "attendance", "import", "pacoima", messy_sheet, input="1\n1\nn\n")
    assert result.exit_code == 0
    assert result.stderr.endswith("Apply these matches? [Y/n]: nothing was written\n")
    assert snapshot(training) == before


@pytest.mark.parametrize(
    ("encoding", "prefix", "described"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 with BOM"),
        ("cp1252", b"", "Windows-1252"),
        ("utf-16", b"", "UTF-16"),
    ],
)
def test_encodings_and_separators_are_recognized(
    training: Path, run, tmp_path: Path, encoding: str, prefix: bytes, described: str
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_bytes(prefix + "EMAIL,Full Name\nmaria@example.org,Whoever\n,María Martínez\n".encode(encoding))
    result = run("--data", training, "attendance", "import", "pacoima", sheet, "--format", "csv", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"{sheet}: {described}, commas, 2 rows;")
    assert result.stdout.splitlines()[:3] == [
        "line,name,organization,match,why,person,candidates,partner",
        "2,Whoever,,exact,email,maria-martinez,,east-la-tenants",
        "3,María Martínez,,duplicate,,maria-martinez,,east-la-tenants",
    ]


def test_first_and_last_name_columns_and_json_output(training: Path, run, tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Last Name;First Name;Group\nLee;Jon;\n")
    result = run("--data", training, "attendance", "import", "pacoima", sheet, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert '"person": "jon-lee"' in result.stdout
    assert '"match": "exact"' in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("email,phone\nx@y.org,1\n", "error: {sheet}:1: no name column in the header ('email', 'phone'); the first "
         "row must name the columns, e.g. name, organization, email\n"),
        ("", "error: {sheet}: the sheet is empty\n"),
    ],
)  # fmt: skip
def test_a_sheet_without_names_is_a_usage_error(
    training: Path, run, tmp_path: Path, content: str, message: str
) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text(content)
    before = snapshot(training)
    result = run("--data", training, "attendance", "import", "pacoima", sheet, "--yes")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message.format(sheet=sheet))
    assert snapshot(training) == before


def test_a_missing_sheet_is_a_usage_error(training: Path, run, tmp_path: Path) -> None:
    result = run("--data", training, "attendance", "import", "pacoima", tmp_path / "nope.csv")
    assert (result.exit_code, result.stderr) == (2, f"error: {tmp_path / 'nope.csv'}: no such file\n")


def test_the_glendale_sheet_from_issue_12_gives_no_wrong_match(tmp_path: Path, run) -> None:
    """Windows-1252 with semicolons: Armen Petrosyan is not Vahe, "County" is not a partner, a bare "Maria" is no
    one's duplicate, and Anahit Sargsyan is the official, not a new person."""
    data = tmp_path / "data"
    shutil.copytree(REPO / "data", data)
    sheet = Path(__file__).parent / "signin" / "glendale-windows-1252" / "sheet.csv"
    glendale = "2017-08-26-county-budget-101-in-glendale"
    result = run("--data", data, "attendance", "import", glendale, sheet, "--create", "--yes")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == (
        f"changed {data / 'engagements' / '2017' / glendale}.yaml: +5 people (armen-petrosyan, maria-elena-martinez, "
        "howard-kim, vahe-petrosyan, lilit-hakobyan); +1 official (anahit-sargsyan); +2 partners "
        "(union-de-inquilinos-de-boyle-heights, county-social-workers-local-3118)"
    )
    assert result.stderr.splitlines()[1:3] == [
        "skipped: line 4 'Maria': only one name given; a given and a family name are needed; "
        "maybe maria-elena-martinez",
        "skipped: line 10 'Nairi Hakobian': not sure (spelling; maybe nairi-hakobyan); decide in a terminal, or "
        "write the id in the name column",
    ]
    assert not (data / "people" / "anahit-sargsyan-2.yaml").exists()
    assert (data / "people" / "armen-petrosyan.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schemas/person.schema.json\nname: Armen Petrosyan\nlanguages:\n  - hy\n"
    )
