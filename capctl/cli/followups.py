# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import Format, FormatOption, OwnerFilter
from capctl.vocab import RecordKind


def followups(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only those past their due date.")] = False,
    owner: OwnerFilter = None,
    due_within: Annotated[
        int | None,
        typer.Option(metavar="DAYS", min=0, help="Only those due within DAYS days from today (overdue ones included)."),
    ] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Open follow-ups, most overdue first, with their engagement, owner, due date and days overdue.

    Mark one done with `capctl followup done ENGAGEMENT N`.
    """
    from capctl.cli.output import load, print_csv, print_json, print_table
    from capctl.dates import today
    from capctl.query import activity, attention
    from capctl.query.resolve import resolve

    state = ctx.obj
    data = load(state)
    owner_id = None if owner is None else resolve(data, owner, [RecordKind.people], "--owner").id
    found = activity.open_follow_ups(data, today(), owner=owner_id, overdue_only=overdue, due_within=due_within)
    rows = [attention.follow_up_row(data, f) for f in found]
    if fmt is Format.json:
        print_json(rows)
    elif fmt is Format.csv:
        print_csv(attention.FOLLOW_UP_COLUMNS, rows)
    elif found:
        print_table(state, attention.follow_up_table(data, found))
        state.err().print(
            f"{len(found)} open follow-up{'s' * (len(found) != 1)}; mark one done: capctl followup done ENGAGEMENT N"
        )
    else:
        state.err().print("no open follow-ups")
