# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import (
    AllowDuplicate,
    ChangedOn,
    DryRun,
    IdOption,
    Languages,
    NewStatusArg,
    PartnerArg,
    PartnerDistricts,
    PartnerStatusOption,
    StatusSince,
    Tags,
)
from capctl.vocab import PartnerStatus, RecordKind

app = typer.Typer(
    help="Add partner organizations and change their status.", no_args_is_help=True, rich_markup_mode=None
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The organization's name.")],
    record_id: IdOption = None,
    status: PartnerStatusOption = PartnerStatus.prospect,
    since: StatusSince = None,
    district: PartnerDistricts = None,
    language: Languages = None,
    tag: Tags = None,
    allow_duplicate: AllowDuplicate = False,
    dry_run: DryRun = False,
) -> None:
    """Add a partner organization: written to partners/<id>.yaml.

    The id is derived from the name (accents folded, other scripts transliterated)
    unless --id is given. A partner whose name another already has is refused
    (asked in a terminal) unless --allow-duplicate. DATE is YYYY-MM-DD, today or
    yesterday.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date
    from capctl.edit.new import new_partner

    data = ctx.obj.load()
    draft = new_partner(
        data,
        name,
        record_id=record_id,
        status=status,
        since=parse_date(since, "--since") if since else None,
        districts=district or [],
        languages=language or [],
        tags=tag or [],
    )
    ask.duplicates(draft, allow_duplicate)
    ask.finish(data, draft, dry_run=dry_run)


@app.command("status")
def status(
    ctx: typer.Context,
    ref: PartnerArg,
    new_status: NewStatusArg,
    date: ChangedOn = None,
    note: Annotated[str | None, typer.Option(metavar="TEXT", help="Why it changed.")] = None,
) -> None:
    """Change a partner's status: a new entry at the end of its status_history.

    Only those lines of the file change; comments stay. Nothing changes when the
    partner already has that status. A date before its last change is an error.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date, today
    from capctl.edit.update import partner_status
    from capctl.models.records import Partner

    data = ctx.obj.load()
    partner = ask.ref(data, ref, [RecordKind.partners], "REF")
    assert isinstance(partner, Partner)
    day = parse_date(date, "--date") if date else today()
    result = partner_status(data, partner, new_status, day, note)
    ask.changed(data.display(result.path), result.summary, result.changed, result.summary)
