# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import AllowDuplicate, DryRun, Identified, IdOption, StrategyPartners
from capctl.vocab import RecordKind

app = typer.Typer(
    help="Add county priorities and their community strategies.", no_args_is_help=True, rich_markup_mode=None
)


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="The priority.")],
    identified: Identified = None,
    strategy: Annotated[str | None, typer.Option(metavar="TEXT", help="A community strategy for it.")] = None,
    partner: StrategyPartners = None,
    record_id: IdOption = None,
    allow_duplicate: AllowDuplicate = False,
    dry_run: DryRun = False,
) -> None:
    """Add a priority: written to priorities/<id>.yaml, status active.

    --partner (repeatable) names the partners carrying the --strategy.
    Officials' stances are added with `capctl position set`.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date
    from capctl.edit.new import new_priority

    data = ctx.obj.load()
    draft = new_priority(
        data,
        title,
        identified=parse_date(identified, "--identified") if identified else None,
        strategy=strategy,
        partners=ask.refs(data, partner or [], [RecordKind.partners], "--partner"),
        record_id=record_id,
    )
    ask.duplicates(draft, allow_duplicate)
    ask.finish(data, draft, dry_run=dry_run)
