# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import DoneOn, EngagementArg
from capctl.problems import CapctlError
from capctl.vocab import RecordKind

app = typer.Typer(help="Close the follow-ups promised at engagements.", no_args_is_help=True, rich_markup_mode=None)


@app.command("done")
def done(
    ctx: typer.Context,
    engagement: EngagementArg,
    number: Annotated[
        int | None, typer.Argument(metavar="N", min=1, help="Which follow-up, from 1 (default: the only open one).")
    ] = None,
    date: DoneOn = None,
) -> None:
    """Mark a follow-up of an engagement done: adds its done date, and changes only that line.

    Without N, the engagement's only open follow-up; when several are open they
    are listed to choose from in a terminal, otherwise it is an error that lists
    them.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date, today
    from capctl.edit.update import follow_up_done, open_follow_ups
    from capctl.models.records import Engagement

    data = ctx.obj.load()
    found = ask.ref(data, engagement, [RecordKind.engagements], "ENGAGEMENT")
    assert isinstance(found, Engagement)
    still_open = open_follow_ups(found)
    if number is None and len(still_open) > 1 and ask.interactive():
        for i in still_open:
            typer.echo(f"  {i}. {found.follow_ups[i - 1].task}", err=True)
        answer = ask.text(f"Which one? ({', '.join(map(str, still_open))})", required=True)
        if not answer.isdigit():
            raise CapctlError(f"{answer!r} is not a follow-up number")
        number = int(answer)
    day = parse_date(date, "--date") if date else today()
    result = follow_up_done(data, found, number, day)
    ask.changed(data.display(result.path), result.summary, result.changed, f"{found.title}: {result.summary}")
