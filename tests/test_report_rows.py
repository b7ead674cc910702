"""The report's long tables (follow-ups, partners not contacted, activity, evidence) are laid out without
Rich's table machinery, on one line or wrapped: the characters printed must be Rich's, at every width, with
and without colour, on a console that soft-wraps (the terminal) or not (report --output, where the title
stays on one line: Rich would wrap a title longer than its table), and Rich still lays out what holds
markup or a header that would wrap."""

import io
import random

import pytest
from rich.console import Console
from rich.table import Table
from rich.text import Text

from capctl.report.rows import Breakable, Rows

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


def printed(rows: Rows, width: int, colour: bool, fast: bool, soft_wrap: bool = True) -> str:
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor" if colour else None,
        force_terminal=colour,
        highlight=False,
        soft_wrap=soft_wrap,
    )
    if fast:
        rows.print(console)
    else:
        if not soft_wrap:
            console.print(Text(rows.title, style="bold"), soft_wrap=True)
        console.print(rich_table(rows, title=soft_wrap))
    return console.file.getvalue()  # type: ignore[attr-defined]


def rich_table(rows: Rows, title: bool) -> Table:
    """Rich's Table for the rows; with its title on a console that soft-wraps (elsewhere the title is
    printed apart, on one line)."""
    table = Table(
        box=None, pad_edge=False, title_justify="left", title_style="bold", title=rows.title if title else None
    )
    for i, column in enumerate(rows.columns):
        table.add_column(column, overflow="fold", justify="right" if rows.right and i >= rows.right else "left")
    for row in rows.rows:
        table.add_row(*(Breakable(cell) for cell in row))
    return table


def table(cells: list[tuple[str, ...]], right: int = 0) -> Rows:
    rows = Rows("Follow-ups overdue (4)", "Due", "Task", "Owner", "From", right=right)
    for row in cells:
        rows.add_row(*row)
    return rows


@pytest.mark.parametrize("width", [20, 40, 60, 80, 100, 120, 200])
@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("right", [0, 2])
@pytest.mark.parametrize("soft_wrap", [True, False])
def test_rows_print_what_rich_prints(width: int, colour: bool, right: int, soft_wrap: bool) -> None:
    rows = table(CELLS, right)
    if width >= 40:  # narrower, a header would wrap: Rich lays that out
        assert rows._layout(Console(width=width, soft_wrap=soft_wrap)) is not None
    fast = printed(rows, width, colour, True, soft_wrap)
    assert fast == printed(rows, width, colour, False, soft_wrap)


@pytest.mark.parametrize("row", TRICKY, ids=[r[3].strip() for r in TRICKY])
def test_markup_emoji_spaces_and_control_characters_are_left_to_rich(row: tuple[str, ...]) -> None:
    rows = table([*CELLS, row])
    assert rows._layout(Console(width=200)) is None
    assert printed(rows, 200, False, fast=True) == printed(rows, 200, False, fast=False)


def test_a_long_table_that_fits_is_laid_out_without_rich() -> None:
    rows = table([(f"2017-07-{i % 28 + 1:02d}", f"Task {i}", "Ana Cruz", f"Visit {i}") for i in range(1300)])
    lines = rows._layout(Console(width=100))
    assert lines is not None and len(lines) == 1301
    assert "  ".join(lines[1]) == "2017-07-01  Task 0     Ana Cruz  Visit 0   "
    assert printed(rows, 100, False, fast=True) == printed(rows, 100, False, fast=False)
    assert printed(rows, 100, True, fast=True) == printed(rows, 100, True, fast=False)


def test_a_table_too_wide_for_the_terminal_is_wrapped_at_spaces_and_after_hyphens() -> None:
    rows = table(
        [CELLS[0], CELLS[2], ("2017-07-12", "Ask about board-action-2017-09-22", "Ana", "(east-la-tenants) visit")]
    )
    assert rows._layout(Console(width=60)) is not None
    assert printed(rows, 60, False, fast=True) == (
        "Follow-ups overdue (4)\n"
        "Due               Task             Owner     From           \n"
        "2017-03-15 (107   Invite her to    Ana Cruz  2017-02-14     \n"
        "days late)        the Poverty                Visit (#2)     \n"
        "                  Hearing                                   \n"
        "2017-07-06        王小明に電話す   李        2017-06-23     \n"
        "                  る                         Call: the      \n"
        "                                             budget         \n"
        "2017-07-12        Ask about        Ana       (east-la-      \n"
        "                  board-action-              tenants) visit \n"
        "                  2017-09-22                                \n"
    )
    assert printed(rows, 60, False, fast=True) == printed(rows, 60, False, fast=False)


WORDS = [
    *("a", "x", "the", "budget", "hearing,", "#12", "2017-03-15", "(107", "days", "late)", "Peña", "Núñez", "李"),
    *("east-la-tenants", "(east-la-tenants)", "2017-09-22-after-the-board-action", "---", "call-", "-back", ""),
    *("王小明に電話する", "averyveryverylongwordwithoutanyhyphenatall"),
]


@pytest.mark.parametrize("seed", range(30))
def test_random_tables_print_what_rich_prints_at_every_width(seed: int) -> None:
    """Cells of ids, hyphens, wide characters, empty cells and double spaces, in 1 to 6 columns."""
    rng = random.Random(seed)
    count = rng.randint(1, 6)
    headers = [rng.choice(["Due", "Task", "Owner", "Last contact", "Id", "Why", "Name"]) for _ in range(count)]
    rows = Rows("T " * rng.randint(1, 8), *headers, right=rng.choice([0, *range(1, count)]))
    for _ in range(rng.randint(1, 6)):
        rows.add_row(*(" ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 8))).strip() for _ in range(count)))
    laid_out = 0
    for width in (10, 20, 33, 40, 60, 80, 100, 120):
        for soft_wrap in (True, False):
            colour = rng.random() < 0.3
            expected = printed(rows, width, colour, False, soft_wrap)
            assert printed(rows, width, colour, True, soft_wrap) == expected, (width, soft_wrap, colour)
            laid_out += rows._layout(Console(width=width, soft_wrap=soft_wrap)) is not None
    assert laid_out >= 4  # the comparison is of this module's layout, not of Rich with itself


def test_a_long_wrapped_table_is_laid_out_without_rich() -> None:
    rows = Rows(
        "Core partners and officials not contacted in time (1300)", "Name", "Kind", "Last contact", "Days", "State"
    )
    for i in range(1300):
        name = f"Assemblymember Maria Elena Durazo-Martinez of the {i}th district office (official-{i:04d})"
        rows.add_row(name, "official", "2017-03-15", str(290 - i % 7), "cold: no contact for over 90 days")
    lines = rows._layout(Console(width=100))
    assert lines is not None and len(lines) > 1301  # wrapped
    assert printed(rows, 100, False, fast=True) == printed(rows, 100, False, fast=False)
    assert printed(rows, 100, True, fast=True, soft_wrap=False) == printed(rows, 100, True, fast=False, soft_wrap=False)


def test_a_header_that_would_wrap_is_left_to_rich() -> None:
    rows = table(CELLS)
    assert rows._layout(Console(width=12)) is None  # "Owner" would wrap
    assert printed(rows, 12, False, True) == printed(rows, 12, False, False)


def test_a_title_longer_than_its_table_stays_on_one_line_in_a_file() -> None:
    short = Rows("Resources by language (up to 2017-12-31)", "Language", "Resources", right=1)
    short.add_row("en", "3")
    expected = "Resources by language (up to 2017-12-31)\nLanguage  Resources\nen                3\n"
    assert printed(short, 100, False, True, soft_wrap=False) == expected
    assert printed(short, 100, False, True, soft_wrap=True) == expected
    assert printed(short, 100, False, False, soft_wrap=True) == expected
