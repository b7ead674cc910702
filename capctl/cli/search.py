# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import Format, FormatOption


def search(
    ctx: typer.Context,
    text: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="What to look for; several words are one phrase.")
    ],
    fmt: FormatOption = Format.table,
) -> None:
    """Find TEXT in names, aliases, titles, notes, descriptions, strategies and follow-ups, ignoring case and
    accents ("martinez" finds "Martínez"). Each hit shows its record and the line that matches.
    """
    from capctl.cli.output import load, print_csv, print_json, print_table
    from capctl.query import search, summary

    state = ctx.obj
    phrase = " ".join(text)
    data = load(state)
    hits = search.search(data, phrase)
    rows = [hit.as_row() for hit in hits]
    if fmt is Format.json:
        print_json(rows)
    elif fmt is Format.csv:
        print_csv(search.SEARCH_COLUMNS, rows)
    elif rows:
        print_table(state, summary.Table(search.SEARCH_COLUMNS, [list(r.values()) for r in rows]))
        state.err().print(f"{len(rows)} matching line{'s' * (len(rows) != 1)}")
    else:
        state.err().print(f"nothing matches {phrase!r}")
