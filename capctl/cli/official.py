# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from capctl.cli.options import (
    AllowDuplicate,
    DryRun,
    IdOption,
    ImportDistricts,
    ImportDryRun,
    OfficialDistrict,
    ShowFormat,
    ShowFormatOption,
)
from capctl.problems import CapctlError
from capctl.vocab import Level

app = typer.Typer(
    help="Add elected officials, or import them from Open States.", no_args_is_help=True, rich_markup_mode=None
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The official's name.")],
    office: Annotated[
        str | None, typer.Option(metavar="TEXT", help='The body, e.g. "LA County Board of Supervisors". Required.')
    ] = None,
    level: Annotated[Level, typer.Option(help="county, city, state or federal.")] = Level.county,
    district: OfficialDistrict = None,
    record_id: IdOption = None,
    allow_duplicate: AllowDuplicate = False,
    dry_run: DryRun = False,
) -> None:
    """Add an elected official: written to officials/<id>.yaml.

    --office is asked for in a terminal, required otherwise. The id is derived
    from the name unless --id is given; an official whose name another already
    has is refused (asked in a terminal) unless --allow-duplicate.
    """
    from capctl.cli import ask
    from capctl.edit.new import new_official

    data = ctx.obj.load()
    if not office:
        if not ask.interactive():
            raise CapctlError('--office is required: the body or office, e.g. "LA County Board of Supervisors"')
        office = ask.text("Office (the body, e.g. LA County Board of Supervisors)", required=True)
    draft = new_official(data, name, office=office, level=level, district=district, record_id=record_id)
    ask.duplicates(draft, allow_duplicate)
    ask.finish(data, draft, dry_run=dry_run)


@app.command("import")
def import_(
    ctx: typer.Context,
    openstates: Annotated[
        Path,
        typer.Option(
            "--openstates",
            metavar="DIR",
            help="A folder of Open States person files (searched recursively), e.g. a checkout of "
            "openstates/people's data/ca.",
            show_default=False,
        ),
    ],
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option(
            metavar="J",
            help='Only roles in this jurisdiction: "Los Angeles", place:los_angeles, state:ca or a full '
            "ocd-jurisdiction id. Repeatable.",
            show_default=False,
        ),
    ] = None,
    district: ImportDistricts = None,
    include_retired: Annotated[
        bool, typer.Option("--include-retired", help="Also import people whose roles have all ended.")
    ] = False,
    overwrite: Annotated[
        list[str] | None,
        typer.Option(
            metavar="FIELD",
            help="Replace a field edited by hand with the imported value (a field name, or all). Repeatable.",
            show_default=False,
        ),
    ] = None,
    fmt: ShowFormatOption = ShowFormat.table,
    dry_run: ImportDryRun = False,
) -> None:
    """Create or update officials from Open States person files.

    Each person's current role gives office, level, district and term; their party, email, capitol and district
    offices, web pages and other names (as aliases) come along. The Open States id is kept, so a second import
    updates rather than duplicates. A field an organizer edited since the last import is kept and reported as a
    conflict (--overwrite FIELD replaces it). People without a current role are skipped unless
    --include-retired. Exit status: 0, or 1 when a file cannot be read (then nothing is written).
    """
    from capctl.cli.output import progress_bar
    from capctl.dates import today
    from capctl.importers import openstates as os_import
    from capctl.importers import openstates_files, openstates_write

    state = ctx.obj
    state.data_dir()  # a wrong --data is named before anything is read
    with progress_bar(state, "reading") as advance:
        people, problems = openstates_files.read_folder(
            openstates, lambda done, total: advance("Open States person files", done, total)
        )
    if problems:
        for problem in problems:
            typer.echo(str(problem), err=True)
        raise CapctlError(
            f"{len(problems)} Open States file{'s' * (len(problems) != 1)} cannot be read; nothing was written", 1
        )
    data = state.load()
    plan = os_import.plan(
        data,
        people,
        today(),
        cities=openstates_files.jurisdiction_names(openstates),
        jurisdictions=jurisdiction or [],
        districts=district or [],
        include_retired=include_retired,
        overwrite=overwrite or [],
    )
    if not dry_run:
        openstates_write.apply(data, plan)
    if fmt is ShowFormat.json:
        from capctl.cli.output import print_json

        print_json(openstates_write.to_json(plan, data, dry_run))
        return
    _print_import(state, plan, data, dry_run)


def _print_import(state: Any, plan: Any, data: Any, dry_run: bool) -> None:
    from capctl.cli.output import print_table
    from capctl.importers import openstates_write
    from capctl.query.summary import Table

    rows = [
        [o.action if not dry_run else f"would be {o.action}", o.record_id or "", o.name, openstates_write.what(o)]
        for o in plan.outcomes
        if o.action != "unchanged"
    ]
    if rows:
        table = Table(["outcome", "official", "name", "what"], rows, nowrap=frozenset({"outcome", "official"}))
        print_table(state, table)
    state.err().print(openstates_write.summary(plan, dry_run))
