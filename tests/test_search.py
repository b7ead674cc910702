import csv
import io
import json
from pathlib import Path

import pytest

RULE = "─"


def hits(run, chapter: Path, *text: str) -> list[tuple[str, str, str]]:
    result = run("--data", chapter, "search", *text, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(h["id"], h["field"], h["line"]) for h in json.loads(result.stdout)]


def test_martinez_finds_martinez_with_accents_as_a_table(chapter: Path, run) -> None:
    result = run("--data", chapter, "search", "martinez")
    assert result.exit_code == 0
    assert result.stdout == (
        "kind     id               name             field   line\n"
        + RULE * 65
        + "\nperson   maria-martinez   María Martínez   name    María Martínez\n"
    )
    assert result.stderr == "1 matching line\n"


@pytest.mark.parametrize("text", [["MARTÍNEZ"], ["maría", "martínez"], ["Maria Martinez"], ["ía mar"]])
def test_search_ignores_case_and_accents_and_takes_several_words_as_one_phrase(
    chapter: Path, run, text: list[str]
) -> None:
    assert hits(run, chapter, *text) == [("maria-martinez", "name", "María Martínez")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("elatu", [("east-la-tenants", "aliases.0", "ELATU")]),
        ("assemblymember", [("paul-kim", "aliases.0", "Assemblymember Kim")]),
        ("budget deputy", [("jon-lee", "title", "Budget deputy")]),
        ("caseloads", [("2017-02-14-visit-hilda-ramos", "notes",
                        "She asked for numbers on General Relief caseloads.")]),
        ("poverty hearing", [("2017-02-14-visit-hilda-ramos", "follow_ups.1.task",
                              "Invite her to the Poverty Hearing")]),
        ("board of supervisors", [("general-relief", "strategies.0.summary",
                                   "Testimony at Board of Supervisors budget hearings")]),
        ("101", [("2017-03-20-budget-training-el-monte", "title", "County budget 101 in El Monte"),
                 ("budget-101-deck", "title", "County budget 101")]),
    ],
)  # fmt: skip
def test_search_looks_in_names_aliases_titles_notes_strategies_and_follow_ups(
    chapter: Path, run, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert hits(run, chapter, text) == expected


def test_only_the_matching_line_of_long_notes_is_shown(chapter: Path, run) -> None:
    path = chapter / "partners" / "valley-food-bank.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "notes: |\n  Met at the food fair.\n  Their director, Sofía Peña, wants a training.\n",
        encoding="utf-8",
    )
    assert hits(run, chapter, "pena") == [
        ("valley-food-bank", "notes", "Their director, Sofía Peña, wants a training.")
    ]


def test_personal_fields_are_never_searched(chapter: Path, run) -> None:
    for text in ("example.org", "213-555", "juntamos"):
        result = run("--data", chapter, "search", text)
        assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"nothing matches {text!r}\n")


def test_search_as_csv_parses_back(chapter: Path, run) -> None:
    result = run("--data", chapter, "search", "ramos", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["id"], r["name"], r["field"], r["line"]) for r in rows] == [
        ("official", "hilda-ramos", "Hilda Ramos", "name", "Hilda Ramos"),
        ("engagement", "2017-02-14-visit-hilda-ramos", "Visit with Supervisor Ramos", "title",
         "Visit with Supervisor Ramos"),
    ]  # fmt: skip


def test_search_without_text_is_a_usage_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "search", "  ")
    assert (result.exit_code, result.stderr) == (2, "error: TEXT: give some text to look for\n")
