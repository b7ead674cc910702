"""`capctl meeting add`: flags for scripts, prompts for people at a terminal, nothing written on bad input."""

from pathlib import Path

import pytest

from tests.conftest import snapshot

HEADER = "# yaml-language-server: $schema=../../schemas/engagement.schema.json\n"


def test_meeting_from_flags_writes_the_exact_file_and_says_where(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "meeting", "add",
        "--official", "hilda ramos",
        "--person", "Jon Lee",
        "--partner", "ELATU",
        "--priority", "general relief",
        "--tag", "gr",
        "--district", "sd1",
        "--location", "Hall of Administration",
        "--notes", "She will ask her budget deputy.\nWants numbers by district.",
        "--follow-up", "Send caseload numbers | ana cruz | 2017-07-15",
        "--follow-up", "Invite her to the hearing",
        "--owner", "María Martínez",
        "--due", "2017-07-31",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = "engagements/2017/2017-06-30-one-on-one-with-hilda-ramos-jon-lee-and-east-la-tenants.yaml"
    assert result.stdout == f"wrote {chapter / path}\n"
    assert result.stderr == (
        f"commit it: git add {chapter / path} && git commit -m "
        "'Log One-on-one with Hilda Ramos, Jon Lee and East LA Tenants Union'\n"
    )
    assert (chapter / path).read_text() == HEADER + (
        "date: 2017-06-30\n"
        "kind: one-on-one\n"
        "title: One-on-one with Hilda Ramos, Jon Lee and East LA Tenants Union\n"
        "location: Hall of Administration\n"
        "district: sd1\n"
        "partners:\n  - east-la-tenants\n"
        "officials:\n  - hilda-ramos\n"
        "people:\n  - jon-lee\n"
        "priorities:\n  - general-relief\n"
        "tags:\n  - gr\n"
        "notes: |\n  She will ask her budget deputy.\n  Wants numbers by district.\n"
        "follow_ups:\n"
        "  - task: Send caseload numbers\n    owner: ana-cruz\n    due: 2017-07-15\n"
        "  - task: Invite her to the hearing\n    owner: maria-martinez\n    due: 2017-07-31\n"
    )
    assert run("--data", chapter, "check").exit_code == 0


def test_training_takes_a_topic_and_a_title_names_the_file(chapter: Path, run) -> None:
    result = run(
        "--data", chapter, "meeting", "add", "--date", "yesterday", "--kind", "training", "--topic", "organizing",
        "--title", "Organizing 101 in Pacoima", "--headcount", "31", "--language", "es", "--language", "en",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (chapter / "engagements/2017/2017-06-29-organizing-101-in-pacoima.yaml").read_text() == HEADER + (
        "date: 2017-06-29\nkind: training\ntopic: organizing\ntitle: Organizing 101 in Pacoima\n"
        "headcount: 31\nlanguages:\n  - es\n  - en\n"
    )


def test_a_second_meeting_with_the_same_name_that_day_gets_a_new_file(chapter: Path, run) -> None:
    first = run("--data", chapter, "meeting", "add", "--kind", "call", "--person", "jon-lee")
    second = run("--data", chapter, "meeting", "add", "--kind", "call", "--person", "jon-lee")
    folder = chapter / "engagements/2017"
    assert first.stdout == f"wrote {folder / '2017-06-30-call-with-jon-lee.yaml'}\n"
    assert second.stdout == f"wrote {folder / '2017-06-30-call-with-jon-lee-2.yaml'}\n"
    assert (folder / "2017-06-30-call-with-jon-lee.yaml").read_text() == (
        folder / "2017-06-30-call-with-jon-lee-2.yaml"
    ).read_text()
    assert run("--data", chapter, "check").exit_code == 0


def test_dry_run_prints_the_yaml_and_writes_nothing(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "add", "--official", "Assemblymember Kim", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == HEADER + "date: 2017-06-30\nkind: one-on-one\ntitle: One-on-one with Paul Kim\n" + (
        "officials:\n  - paul-kim\n"
    )
    assert result.stderr == (
        f"dry run: would write {chapter}/engagements/2017/2017-06-30-one-on-one-with-paul-kim.yaml; "
        "nothing was written\n"
    )
    assert snapshot(chapter) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--official", "Nobody Known"], "error: --official: no official matches 'Nobody Known'\n"),
        (
            ["--official", "Hilda Rams"],
            "error: --official: no official matches 'Hilda Rams'; did you mean Hilda Ramos (hilda-ramos)?\n",
        ),
        (
            ["--person", "a"],
            "error: --person: no person matches 'a'; did you mean Ana Cruz (ana-cruz), María Martínez (maria-martinez)?\n",
        ),
        (
            ["--kind", "call"],
            "error: give a --title, or who was there (--official, --person, --partner) to name it after\n",
        ),
        (
            ["--person", "jon lee", "--date", "2017-13-01"],
            "error: --date: '2017-13-01' is not a date: use YYYY-MM-DD, M/D/YYYY, today, yesterday, last tuesday or next friday\n",
        ),
        (
            ["--person", "jon lee", "--follow-up", "Call | nobody-here"],
            "error: --owner: no person matches 'nobody-here'\n",
        ),
        (
            ["--person", "jon lee", "--follow-up", "a | b | c | d"],
            "error: --follow-up 'a | b | c | d': write TASK, or TASK | OWNER | DUE\n",
        ),
        (
            ["--person", "jon lee", "--language", "Spanish"],
            "error: --language: 'Spanish' is not a language code: use ISO 639 codes such as en, es, zh, ko, tl, hy; "
            "nothing was written\n",
        ),
        (
            ["--person", "jon lee", "--district", "sd9"],
            "error: district: 'sd9' is not in capctl.yaml (sd1, sd2, sd3); nothing was written\n",
        ),
        (
            ["--person", "jon lee", "--follow-up", "Call back", "--due", "2017-06-01"],
            "error: follow-up 1 due: 2017-06-01 is before the engagement (2017-06-30); nothing was written\n",
        ),
    ],
)
def test_bad_input_is_a_usage_error_and_writes_nothing(chapter: Path, run, args: list[str], message: str) -> None:
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "add", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    assert snapshot(chapter) == before


WRITE_IT = (
    "Write this record? y writes it, n drops it, or change a field (date, kind, topic, district, headcount, "
    "languages, tags, who, title, notes, priorities, follow-ups) [y]: "
)


def test_prompts_ask_for_everything_then_show_the_record_and_confirm(
    chapter: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    answers = [
        "",  # date: today
        "",  # kind: one-on-one
        "hilda",  # a given name alone: asked about (#12)
        "",  # did you mean Hilda Ramos? yes
        "an",  # part of four names: Ana Cruz and three partners, to choose from
        "1",
        "Jonn Lee",  # a typo, close enough to one person
        "",  # did you mean Jon Lee? yes
        "",  # nobody else
        "",  # title: the default
        "Asked for GR numbers.",
        "She will bring her deputy.",
        "",  # end of notes
        "relief",
        "",
        "Send numbers",
        "ana",
        "",  # did you mean Ana Cruz? yes
        "2017-07-10",
        "",  # no more follow-ups
        "y",
    ]
    result = run("--data", chapter, "meeting", "add", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    name = "2017-06-30-one-on-one-with-hilda-ramos-ana-cruz-and-jon-lee.yaml"
    path = chapter / "engagements/2017" / name
    assert result.stdout == f"wrote {path}\n"
    text = HEADER + (
        "date: 2017-06-30\nkind: one-on-one\ntitle: One-on-one with Hilda Ramos, Ana Cruz and Jon Lee\n"
        "officials:\n  - hilda-ramos\npeople:\n  - ana-cruz\n  - jon-lee\n"
        "priorities:\n  - general-relief\n"
        "notes: |\n  Asked for GR numbers.\n  She will bring her deputy.\n"
        "follow_ups:\n  - task: Send numbers\n    owner: ana-cruz\n    due: 2017-07-10\n"
    )
    assert path.read_text() == text
    # The record is shown before the question, as it will be written.
    assert f"{path}:\n{text}\n{WRITE_IT}" in result.stderr
    assert (
        "  'an': no one by that whole name; did you mean one of these:\n"
        "    1. ana-cruz (Ana Cruz, person)\n"
        "    2. east-la-tenants (East LA Tenants Union, partner)\n"
        "    3. koreatown-workers (Koreatown Workers Alliance, partner)\n"
        "    4. valley-food-bank (Valley Food Bank, partner)\n"
    ) in result.stderr
    assert "+ jon-lee (Jon Lee, person)\n" in result.stderr
    assert run("--data", chapter, "check").exit_code == 0


def test_declining_at_the_prompt_writes_nothing(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    before = snapshot(chapter)
    result = run("--data", chapter, "meeting", "add", "--official", "hilda-ramos", input="n\n")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr.endswith("Write this record? [Y/n]: nothing was written\n")
    assert snapshot(chapter) == before


def test_an_ambiguous_name_is_chosen_from_a_short_list_at_a_terminal(
    chapter: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_INTERACTIVE", "1")
    result = run("--data", chapter, "meeting", "add", "--person", "a", "--yes", "--dry-run", input="1\n")
    assert result.exit_code == 0, result.stderr
    assert "people:\n  - ana-cruz\n" in result.stdout
    assert "  --person 'a': several match:\n    1. ana-cruz (Ana Cruz, person)\n" in result.stderr


def test_a_name_typed_without_its_middle_name_finds_the_person(chapter: Path, run) -> None:
    (chapter / "people" / "ana-cruz.yaml").write_text(
        "name: Ana Lucía Cruz\ntitle: Chapter organizer\n", encoding="utf-8"
    )
    result = run(
        "--data",
        chapter,
        "meeting",
        "add",
        "--official",
        "hilda ramos",
        "--person",
        "ana cruz",
        "--title",
        "Visit",
        "--yes",
    )
    assert result.exit_code == 0, result.stderr
    written = (chapter / "engagements" / "2017" / "2017-06-30-visit.yaml").read_text(encoding="utf-8")
    assert "officials:\n  - hilda-ramos\npeople:\n  - ana-cruz\n" in written
