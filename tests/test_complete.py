from pathlib import Path

import typer
import typer.main

from capctl.cli import app
from capctl.cli.complete import complete_ref
from capctl.vocab import RecordKind


def _context(data: Path) -> typer.Context:
    command = typer.main.get_command(app)
    context = typer.Context(command, info_name="capctl")
    context.params = {"data": [data]}
    return context


def test_completion_offers_ids_of_the_wanted_kinds_only(chapter: Path) -> None:
    complete = complete_ref(RecordKind.officials, RecordKind.people)
    assert complete(_context(chapter), "") == ["ana-cruz", "hilda-ramos", "jon-lee", "maria-martinez", "paul-kim"]


def test_completion_matches_inside_ids_and_folds_accents(chapter: Path) -> None:
    complete = complete_ref(RecordKind.people)
    assert complete(_context(chapter), "Martí") == ["maria-martinez"]
    assert complete(_context(chapter), "lee") == ["jon-lee"]


def test_completion_of_engagements_reads_year_folders(chapter: Path) -> None:
    complete = complete_ref(RecordKind.engagements)
    assert complete(_context(chapter), "2017-03") == ["2017-03-02-call-jon-lee", "2017-03-20-budget-training-el-monte"]


def test_completion_without_a_data_folder_completes_nothing(tmp_path: Path) -> None:
    assert complete_ref(RecordKind.people)(_context(tmp_path / "missing"), "a") == []
