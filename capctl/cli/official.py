from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.ask import AllowDuplicate, DryRun, IdOption
from capctl.problems import CapctlError
from capctl.vocab import Level

app = typer.Typer(help="Add elected officials.", no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The official's name.")],
    office: Annotated[
        str | None, typer.Option(metavar="TEXT", help='The body, e.g. "LA County Board of Supervisors". Required.')
    ] = None,
    level: Annotated[Level, typer.Option(help="county, city, state or federal.")] = Level.county,
    district: Annotated[str | None, typer.Option(metavar="D", help='The district they represent, e.g. "1".')] = None,
    record_id: IdOption = None,
    allow_duplicate: AllowDuplicate = False,
    dry_run: DryRun = False,
) -> None:
    """Add an elected official: written to officials/<id>.yaml.

    --office is asked for in a terminal, required otherwise. The id is derived
    from the name unless --id is given; an official whose name another already
    has is refused (asked in a terminal) unless --allow-duplicate.
    """
    from capctl.capture import new_official
    from capctl.cli import ask

    data = ask.load(ctx.obj)
    if not office:
        if not ask.interactive():
            raise CapctlError('--office is required: the body or office, e.g. "LA County Board of Supervisors"')
        office = ask.text("Office (the body, e.g. LA County Board of Supervisors)", required=True)
    draft = new_official(data, name, office=office, level=level, district=district, record_id=record_id)
    ask.duplicates(draft, allow_duplicate)
    ask.finish(data, draft, dry_run=dry_run)
