"""The report's long tables (follow-ups, partners not contacted, activity, evidence) are laid out without
Rich's table machinery where they fit: the characters printed must be Rich's, at every width, with and
without colour, and Rich still lays out what needs wrapping or holds markup."""

import io

import pytest
from rich.console import Console

from capctl.report.text import Rows

CELLS = [
    ("2017-03-15 (107 days late)", "Invite her to the Poverty Hearing", "Ana Cruz", "2017-02-14 Visit (#2)"),
    ("2017-07-05", "Llamar a Peña Núñez sobre la audiencia", "-", "2017-06-22 June chapter meeting (#1)"),
    ("2017-07-06", "王小明に電話する", "李", "2017-06-23 Call: the budget"),
    ("2017-07-07", "", "Jon Lee", "2017-06-24 x"),
]
TRICKY = [
    ("2017-07-08", "Bring [bold]flyers[/bold]", "Jon", "markup"),
    ("2017-07-09", "Say :smile: to them", "Jon", "emoji code"),
    ("2017-07-10", " leading space", "Jon", "trailing space "),
    ("2017-07-11", "a\ttab", "Jon", "control"),
]


def printed(rows: Rows, width: int, colour: bool, fast: bool) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        highlight=False,
        soft_wrap=True,
    )
    if fast:
        rows.print(console)
    else:
        console.print(rows._rich())
    return console.file.getvalue()  # type: ignore[attr-defined]


def table(cells: list[tuple[str, ...]], right: int = 0) -> Rows:
    rows = Rows("Follow-ups overdue (4)", "Due", "Task", "Owner", "From", right=right)
    for row in cells:
        rows.add_row(*row)
    return rows


@pytest.mark.parametrize("width", [20, 60, 100, 120, 200])
@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("right", [0, 2])
def test_rows_print_what_rich_prints(width: int, colour: bool, right: int) -> None:
    rows = table(CELLS, right)
    assert printed(rows, width, colour, fast=True) == printed(rows, width, colour, fast=False)


@pytest.mark.parametrize("row", TRICKY, ids=[r[3].strip() for r in TRICKY])
def test_markup_emoji_spaces_and_control_characters_are_left_to_rich(row: tuple[str, ...]) -> None:
    rows = table([*CELLS, row])
    assert rows._plain(Console(width=200)) is None
    assert printed(rows, 200, False, fast=True) == printed(rows, 200, False, fast=False)


def test_a_long_table_that_fits_is_laid_out_without_rich() -> None:
    rows = table([(f"2017-07-{i % 28 + 1:02d}", f"Task {i}", "Ana Cruz", f"Visit {i}") for i in range(1300)])
    lines = rows._plain(Console(width=100))
    assert lines is not None and len(lines) == 1301
    assert "  ".join(lines[1]) == "2017-07-01  Task 0     Ana Cruz  Visit 0   "
    assert printed(rows, 100, False, fast=True) == printed(rows, 100, False, fast=False)
    assert printed(rows, 100, True, fast=True) == printed(rows, 100, True, fast=False)


def test_a_table_too_wide_for_the_terminal_is_wrapped_by_rich() -> None:
    rows = table(CELLS)
    assert rows._plain(Console(width=60)) is None
    assert rows._plain(Console(width=120)) is not None
