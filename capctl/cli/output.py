"""Printing what the query commands return: Rich tables for people, JSON and CSV for scripts.

Only the standard library and Typer at the top, as for every CLI module.
"""

# Rich and the library are imported in the functions that use them: a command loads only what it prints with.
from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from capctl.cli import State
    from capctl.query.summary import Table
    from capctl.store.dataset import DataSet


def load(state: State) -> DataSet:
    """Load the data folder (a progress bar on a terminal when slow); files with errors are left out,
    and stderr says so."""
    err = state.err()
    data = state.load()
    bad = sorted({p.path for p in data.errors})
    if bad:
        err.print(
            f"warning: {len(bad)} file{'s' * (len(bad) != 1)} with errors left out ({', '.join(bad[:3])}"
            f"{', …' if len(bad) > 3 else ''}); `capctl check` lists the problems"
        )
    return data


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return stream.getvalue()


def print_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    """Rows of JSON-ready values as CSV: lists and mappings as JSON text, nothing as an empty cell."""
    from capctl.query.listing import csv_cell

    typer.echo(csv_text(columns, ([csv_cell(r.get(c)) for c in columns] for r in rows)), nl=False)


MIN_WRAPPED_WIDTH = 14
"""A column that wraps keeps at least this many characters a line, when the terminal allows."""


def print_table(state: State, table: Table) -> None:
    """A table that fits the terminal's width: long cells wrap inside their column, and ids and dates
    stay on one line while there is room for that."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table as RichTable

    from capctl.report.rows import Breakable

    out = state.out()
    natural = [max([cell_len(h), *(cell_len(r[i]) for r in table.rows)]) for i, h in enumerate(table.headers)]
    keep = [h in table.nowrap for h in table.headers]

    def needed() -> int:
        return sum(w if k else min(w, MIN_WRAPPED_WIDTH) for w, k in zip(natural, keep, strict=True)) + 2 * (
            len(natural) - 1
        )

    while needed() > out.width and any(keep):
        widest = max((w, i) for i, (w, k) in enumerate(zip(natural, keep, strict=True)) if k)[1]
        keep[widest] = False
    # A wrapped column keeps a readable width, so Rich shrinks the columns that can spare it first;
    # on a narrow terminal the floors shrink too, or Rich would cut the table's last columns off.
    wrapped = keep.count(False)
    room = out.width - 2 * (len(natural) - 1) - sum(w for w, k in zip(natural, keep, strict=True) if k)
    floor_width = max(1, min(MIN_WRAPPED_WIDTH, room // wrapped)) if wrapped else MIN_WRAPPED_WIDTH
    shown = RichTable(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for header, one_line, width in zip(table.headers, keep, natural, strict=True):
        floor = None if one_line else min(width, floor_width)
        shown.add_column(header, overflow="fold", no_wrap=one_line, min_width=floor)
    for cells in table.rows:
        shown.add_row(*(Breakable(c) for c in cells))
    with out.capture() as captured:
        out.print(shown, soft_wrap=False)
    # Rich pads every line to the table's width; the padding at the end of a line is noise in a pipe.
    out.file.write("\n".join(line.rstrip(" ") for line in captured.get().split("\n")))


@contextlib.contextmanager
def progress_bar(state: State, what: str) -> Iterator[Any]:
    """A progress bar on stderr while something long runs (only when stderr is a terminal).

    Yields a callback ``(step, done, total)``.
    """
    err = state.err()
    if not err.is_terminal:
        yield lambda *_: None
        return
    from rich.progress import Progress

    with Progress(console=err, transient=True) as bar:
        task = bar.add_task(what, total=None)

        def advance(step: str, done: int, total: int) -> None:
            bar.update(task, description=f"{what}: {step}", completed=done, total=total)

        yield advance


SLOW_FILES = 2000
"""A folder with at least this many record files shows its progress from the start."""
SLOW_SECONDS = 1.0
"""A smaller folder shows it once reading has taken this long."""


@contextlib.contextmanager
def slow_progress(state: State, what: str) -> Iterator[Any]:
    """A transient progress bar on stderr, shown only when the work is slow: at least
    :data:`SLOW_FILES` steps, or still running after :data:`SLOW_SECONDS`.

    Yields a callback ``(done, total)``. Call it only when stderr is a terminal.
    """
    import time

    from rich.progress import Progress

    started = time.monotonic()
    bar = Progress(console=state.err(), transient=True)
    task: Any = None

    def advance(done: int, total: int) -> None:
        nonlocal task
        if task is None:
            if total < SLOW_FILES and time.monotonic() - started < SLOW_SECONDS:
                return
            bar.start()
            task = bar.add_task(what, total=total)
        bar.update(task, completed=done, total=total)

    try:
        yield advance
    finally:
        if task is not None:
            bar.stop()
