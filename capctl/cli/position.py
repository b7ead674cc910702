# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import LearnedOn, OfficialArg, PriorityArg, StanceArg
from capctl.vocab import RecordKind

app = typer.Typer(help="Record officials' stances on priorities.", no_args_is_help=True, rich_markup_mode=None)


@app.command("set")
def set_(
    ctx: typer.Context,
    priority: PriorityArg,
    official: OfficialArg,
    stance: StanceArg,
    date: LearnedOn = None,
    source: Annotated[
        str | None, typer.Option(metavar="TEXT", help="How we know: a meeting, a vote, a statement.")
    ] = None,
) -> None:
    """Record an official's stance on a priority: a new entry in its positions, so the history stays.

    Only those lines of the priority's file change; comments stay.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date, today
    from capctl.edit.update import official_position
    from capctl.models.records import Official, Priority

    data = ctx.obj.load()
    found_priority = ask.ref(data, priority, [RecordKind.priorities], "PRIORITY")
    found_official = ask.ref(data, official, [RecordKind.officials], "OFFICIAL")
    assert isinstance(found_priority, Priority) and isinstance(found_official, Official)
    day = parse_date(date, "--date") if date else today()
    result = official_position(data, found_priority, found_official, stance, day, source)
    ask.changed(data.display(result.path), result.summary, result.changed, result.summary)
