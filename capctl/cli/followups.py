# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from capctl.cli.options import FollowUpsFormat, FollowUpsFormatOption, OwnerFilter
from capctl.vocab import RecordKind

if TYPE_CHECKING:
    from capctl.query.activity import OpenFollowUp
    from capctl.store.dataset import DataSet


def followups(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only those past their due date.")] = False,
    owner: OwnerFilter = None,
    due_within: Annotated[
        int | None,
        typer.Option(metavar="DAYS", min=0, help="Only those due within DAYS days from today (overdue ones included)."),
    ] = None,
    fmt: FollowUpsFormatOption = FollowUpsFormat.table,
) -> None:
    """Open follow-ups, most overdue first, with their engagement, owner, due date and days overdue.

    Mark one done with `capctl followup done ENGAGEMENT N`.

    --format ics writes an iCalendar file for Google Calendar, Outlook or any
    calendar: one all-day event per open follow-up on its due date, with the
    task, its owner and its engagement (those without a due date are left out).
    Each event keeps its UID from one run to the next, so importing a newer
    file updates the events rather than adding them twice. For example:
    capctl followups --owner ana-cruz --format ics > ana-followups.ics
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
    if fmt is FollowUpsFormat.ics:
        _print_calendar(data, found)
    elif fmt is FollowUpsFormat.json:
        print_json(rows)
    elif fmt is FollowUpsFormat.csv:
        print_csv(attention.FOLLOW_UP_COLUMNS, rows)
    elif found:
        print_table(state, attention.follow_up_table(data, found))
        state.err().print(
            f"{len(found)} open follow-up{'s' * (len(found) != 1)}; mark one done: capctl followup done ENGAGEMENT N"
        )
    else:
        state.err().print("no open follow-ups")


def _print_calendar(data: DataSet, found: list[OpenFollowUp]) -> None:
    """The calendar on standard output; how many events it holds, and what it leaves out, on stderr."""
    from capctl.dates import today
    from capctl.query import ics

    calendar = ics.follow_ups_calendar(data, found, today())
    typer.echo(calendar.text, nl=False)
    said = f"{calendar.events} open follow-up{'s' * (calendar.events != 1)} in the calendar"
    if calendar.undated:
        said += f"; {calendar.undated} without a due date left out"
    typer.echo(said, err=True)
