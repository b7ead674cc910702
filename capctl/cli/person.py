# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import (
    Affiliation,
    AllowDuplicate,
    ChangedOn,
    DryRun,
    IdOption,
    Languages,
    PersonArg,
    Role,
    WorksFor,
    YesNo,
)
from capctl.vocab import RecordKind

app = typer.Typer(
    help="Add people (staff of officials, partners' contacts and members) and record their consent.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.command("add")
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The person's name.")],
    record_id: IdOption = None,
    partner: Affiliation = None,
    works_for: WorksFor = None,
    title: Role = None,
    language: Languages = None,
    email: Annotated[str | None, typer.Option(metavar="E", help="Their email (personal: never published).")] = None,
    phone: Annotated[str | None, typer.Option(metavar="P", help="Their phone (personal: never published).")] = None,
    allow_duplicate: AllowDuplicate = False,
    dry_run: DryRun = False,
) -> None:
    """Add a person: written to people/<id>.yaml.

    The id is derived from the name (accents folded, other scripts transliterated)
    unless --id is given. A person whose name another already has is refused
    (asked in a terminal) unless --allow-duplicate. REF and OFFICIAL are an id,
    a name or an alias.
    """
    from capctl.cli import ask
    from capctl.edit.new import new_person

    data = ctx.obj.load()
    draft = new_person(
        data,
        name,
        record_id=record_id,
        affiliation=ask.ref(data, partner, [RecordKind.partners], "--partner").id if partner else None,
        works_for=ask.ref(data, works_for, [RecordKind.officials], "--works-for").id if works_for else None,
        title=title,
        languages=language or [],
        email=email,
        phone=phone,
    )
    ask.duplicates(draft, allow_duplicate)
    ask.finish(data, draft, dry_run=dry_run)


@app.command("consent")
def consent(
    ctx: typer.Context,
    ref: PersonArg,
    public_name: Annotated[
        YesNo,
        typer.Option(
            "--public-name", help="yes: they agreed to be named in public output; no: they did not (or withdrew)."
        ),
    ],
    date: ChangedOn = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="How it was recorded, e.g. a signed release.")
    ] = None,
) -> None:
    """Record whether a person agreed to be named in public output (report --public, export --public).

    People are private unless they said yes: the others are counted, not named ("a member of <partner>").
    A staffer of an official is named in their official role unless they said no. Only the consent lines
    of the file change; comments stay. Nothing changes when the record already says so.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date, today
    from capctl.edit.update import person_consent
    from capctl.models.records import Person

    data = ctx.obj.load()
    person = ask.ref(data, ref, [RecordKind.people], "REF")
    assert isinstance(person, Person)
    day = parse_date(date, "--date") if date else today()
    result = person_consent(data, person, public_name is YesNo.yes, day, note)
    ask.changed(data.display(result.path), result.summary, result.changed, result.summary)
