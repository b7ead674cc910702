"""Nothing leaked: public outputs of the demo data hold no personal value, and check warns where one hides.

The personal values are found through the models' marks (``personal_fields``), so
a field marked personal later is scanned without changing this test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from capctl.models.records import MODELS, Person, Testimony, personal_fields
from capctl.store import dataset, load
from tests.conftest import REPO, snapshot

DEMO = REPO / "data"
DEMO_DATE = "2017-09-30"


def personal_values(data: dataset.DataSet) -> set[str]:
    """Every line of every personal field; a testimony given with public consent is published on purpose."""
    values: set[str] = set()
    for record in data.records.values():
        for name in personal_fields(MODELS[record.collection]):
            value = getattr(record, name)
            if isinstance(record, Testimony) and record.public:
                continue
            if isinstance(value, str):
                values |= {line.strip() for line in value.splitlines() if len(line.strip()) >= 4}
    return values


def published(folder: Path) -> str:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return "\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in files)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(DEMO, copy)
    return copy


@pytest.fixture(scope="module")
def demo_outputs(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``report --public`` in every format and ``export --public`` in every format, in one folder."""
    from typer.testing import CliRunner

    from capctl.cli import app

    out = tmp_path_factory.mktemp("published")
    runs = [
        *(
            ["report", "--public", "--as-of", DEMO_DATE, "--format", f, "--output", out / f"report.{f}"]
            for f in ("text", "markdown", "json", "html")
        ),
        *(["export", "--public", "--format", f, "--output", out / f"export-{f}"] for f in ("csv", "json", "sqlite")),
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAPCTL_TODAY", DEMO_DATE)
        patch.setenv("NO_COLOR", "1")
        for args in runs:
            result = CliRunner().invoke(app, ["--data", str(demo), *map(str, args)], catch_exceptions=False)
            assert result.exit_code == 0, result.stderr
    return out


def test_the_demo_has_personal_values_to_leak(demo: Path) -> None:
    secrets = personal_values(load.load(demo))
    assert any("@" in s for s in secrets) and any(any(c.isdigit() for c in s) for s in secrets)
    assert len(secrets) >= 20


def test_public_reports_and_exports_of_the_demo_hold_no_personal_value(demo: Path, demo_outputs: Path) -> None:
    text = published(demo_outputs)
    assert len(list(demo_outputs.iterdir())) == 7
    leaked = sorted(s for s in personal_values(load.load(demo)) if s in text)
    assert leaked == []


def test_public_reports_of_the_demo_name_only_people_who_may_be_named(demo: Path, demo_outputs: Path) -> None:
    reports = "\n".join(p.read_text(encoding="utf-8") for p in sorted(demo_outputs.glob("report.*")))
    data = load.load(demo)
    private = {name for person in data.typed(Person) if not person.named_in_public for name in person.names()}
    assert len(private) > 20
    assert [name for name in sorted(private) if name in reports] == []
    assert data.settings is not None and data.settings.chapter in reports  # the scan reads real text
    # Consenting chapter staff own follow-ups; a member who did not agree is described.
    assert "Ana Lucía Cruz" in reports and "Grace Villanueva" in reports
    assert "a member of Inglewood Parents for Healthy Schools" in reports and "Keisha Robinson" not in reports


def test_public_outputs_of_the_demo_are_not_empty(demo_outputs: Path) -> None:
    # Without this, a scan of blank files would pass.
    for output in demo_outputs.iterdir():
        files = [p for p in output.rglob("*") if p.is_file()] if output.is_dir() else [output]
        assert sum(p.stat().st_size for p in files) > 1000, output


def test_check_warns_about_phones_and_emails_in_free_text(chapter: Path, run) -> None:
    (chapter / "people" / "lupe-ortiz.yaml").write_text(
        "name: Lupe Ortiz\nnotes: Call her at (323) 555-0142 after 6pm\n", encoding="utf-8"
    )
    (chapter / "engagements" / "2017" / "2017-05-02-harbor-forum.yaml").write_text(
        "date: 2017-05-02\nkind: forum\ntitle: Harbor forum\n"
        "notes: |\n  Budget is $1,200,000 for 2017-2018; call 213-555-0100 ext. 4.\n"
        "follow_ups:\n  - task: Email lupe.ortiz+forum@example.org the flyer\n",
        encoding="utf-8",
    )
    before = snapshot(chapter)
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{chapter}/engagements/2017/2017-05-02-harbor-forum.yaml:4: warning: notes: looks like it holds "
        "a phone number; free text is published with --public, so keep it in a person's phone field\n"
        f"{chapter}/engagements/2017/2017-05-02-harbor-forum.yaml:7: warning: follow_ups.0.task: looks like it "
        "holds an email address; free text is published with --public, so keep it in a person's email field\n"
        f"{chapter}/engagements/2017/2017-05-02-harbor-forum.yaml:7: warning: follow_ups.0.task: names Lupe Ortiz, "
        "who has not agreed to be named: public output says a community member instead (if they agreed: "
        "capctl person consent lupe-ortiz --public-name yes)\n"
        f"{chapter}/people/lupe-ortiz.yaml:2: warning: notes: looks like it holds a phone number; free text is "
        "published with --public, so keep it in a person's phone field\n"
    )
    assert snapshot(chapter) == before


@pytest.mark.parametrize(
    "notes",
    [
        "Budget grew from 1,200,000 to 1,350,000.",
        "Met 2017-05-02 and again 2017-06-13.",
        "AB 1234 and SB 555 passed; District 3 has 120,000 residents.",
        "Hearing at 10:30 in room 381B.",
    ],
)
def test_numbers_that_are_not_phones_raise_no_warning(chapter: Path, run, notes: str) -> None:
    (chapter / "people" / "lupe-ortiz.yaml").write_text(f"name: Lupe Ortiz\nnotes: {notes}\n", encoding="utf-8")
    result = run("--data", chapter, "check")
    assert (result.exit_code, result.stdout) == (0, "")


def test_check_warns_about_a_testimony_without_consent(chapter: Path, run) -> None:
    (chapter / "testimonies" / "ana-on-rent.yaml").write_text(
        "person: ana-cruz\ndate: 2017-05-01\nlanguage: en\ntext: Rent doubled.\n", encoding="utf-8"
    )
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{chapter}/testimonies/ana-on-rent.yaml:1: warning: no consent recorded: add consent (public, internal "
        "or none); it is kept out of anything published\n"
    )


def test_the_demo_checks_clean(demo: Path, run) -> None:
    result = run("--data", demo, "check")
    assert (result.exit_code, result.stdout) == (0, "")


def test_a_public_export_does_not_say_who_gave_a_testimony_without_public_consent(
    demo: Path, demo_outputs: Path
) -> None:
    import json

    data = load.load(demo)
    private = {t.id for t in data.typed(Testimony) if not t.public}
    exported = json.loads((demo_outputs / "export-json").read_text(encoding="utf-8"))["testimonies"]
    withheld = [t for t in exported if t["id"].startswith("testimony-withheld-")]
    assert len(withheld) == len(private) > 0
    assert all("person" not in t and "title" not in t and "text" not in t for t in withheld)
    assert not private & {t["id"] for t in exported}
    given_publicly = [t for t in exported if not t["id"].startswith("testimony-withheld-")]
    assert given_publicly and all(t["person"] and t["consent"]["scope"] == "public" for t in given_publicly)


def _one_alternation(redactor_names: list[str], text: str, said: str = "a community member") -> str:
    """What ``--public`` did before names were looked up: one regular expression of every name,
    longest first, each a whole word in any case and with or without accents; then the ids."""
    import re

    from capctl.report.redact import name_units
    from capctl.text import fold, slugify

    ordered = sorted((n for n in redactor_names if len(fold(n)) >= 2), key=len, reverse=True)
    slugs = sorted({slugify(n) for n in ordered if len(slugify(n)) >= 3}, key=len, reverse=True)
    for alternatives, replacement in (
        (["".join(name_units(n)) for n in ordered], said),
        ([re.escape(s) for s in slugs], "withheld"),
    ):
        pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)
        text = pattern.sub(replacement, text)
    return text


NAMES = ["María Martínez", "María", "Ana Cruz", "Cruz Lopez", "Jon Lee", "Lee", "O'Neil", "Zoë Ng", "Ng", "Bo", "42"]
TEXTS = [
    "One-on-one with MARIA MARTINEZ and jon  lee",
    "Ana Cruz Lopez spoke; then Cruz Lopez and ana cruz",
    "maria-martinez-2017 and 2017-05-02-one-on-one-with-jon-lee-and-ng",
    "Marías, Mariana, xMaría, María_Martínez, María\tMartínez, María\n Martínez",
    "Zoe NG, zoë ng, o'neil, O'NEILL, Leeds, Lee2, _Lee_, Bo-42, 42nd, (42)",
    "Kelvin: \u212aelvin; long s: ſ; dotless ı; nothing here at all",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_public_names_are_withheld_as_one_alternation_of_every_name_would(text: str) -> None:
    from capctl.report.redact import Redactor
    from capctl.store.dataset import DataSet

    data = DataSet(root=Path("."))
    for i, name in enumerate(NAMES):
        data.records[f"p{i}"] = Person(id=f"p{i}", name=name)
    redactor = Redactor([data])
    assert redactor.text(text) == _one_alternation(NAMES, text)
    if text.startswith("One-on-one"):
        assert redactor.text(text) == "One-on-one with a community member and a community member"


SLUGS = [
    *(f"person-{i:05d}" for i in range(300)),
    "person-00042-jr",
    "person",
    "ana-cruz",
    "ana-cruz-lopez",
    "cruz",
    "lee-2",
    "a--b",
]
SLUG_TEXTS = [
    "2017-05-02-one-on-one-with-person-00042-and-person-00042-jr-and-person-00420",
    "Person-00007 met ANA-CRUZ-LOPEZ, ana-cruz lopez, ana_cruz, ana--cruz, cruz-ana, person--00001",
    "lee-2, lee-22, xperson-00001, person-000010, person-00299-, -person-00300, a--b, a-b",
    "",
]


@pytest.mark.parametrize("text", SLUG_TEXTS)
def test_slugs_are_withheld_as_one_alternation_of_every_slug_would(text: str) -> None:
    """Many slugs sharing a first word (``person-…``) are looked up, not tried one by one: the same result."""
    import re

    from capctl.report.redact import _Slugs

    alternatives = [re.escape(s) for s in sorted(SLUGS, key=len, reverse=True) if all(s.split("-"))]
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE)
    expected = pattern.sub("withheld", text)
    assert _Slugs(SLUGS).sub("withheld", text) == expected
    if text.startswith("2017"):
        assert expected == "2017-05-02-one-on-one-with-withheld-and-withheld-and-withheld-00420"
