from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.complete import complete_ref
from capctl.cli.output import FORMAT_HELP, Format
from capctl.vocab import RecordKind

KINDS_HELP = "partners, officials, people, engagements (or meetings), testimonies, priorities or resources."


def _complete_kind(incomplete: str) -> list[str]:
    names = [k.value for k in RecordKind] + ["meetings"]
    return [n for n in names if n.startswith(incomplete.lower())]


def list_(
    ctx: typer.Context,
    what: Annotated[str, typer.Argument(metavar="KIND", help=KINDS_HELP, autocompletion=_complete_kind)],
    since: Annotated[
        str | None,
        typer.Option(
            metavar="DATE", help="On or after this date (engagements, testimonies, resources; priorities: identified)."
        ),
    ] = None,
    until: Annotated[str | None, typer.Option(metavar="DATE", help="On or before this date.")] = None,
    kind: Annotated[
        str | None,
        typer.Option("--kind", metavar="KIND", help="Engagement kind (one-on-one, training...) or resource kind."),
    ] = None,
    topic: Annotated[
        str | None, typer.Option(metavar="TOPIC", help="Topic of engagements or resources (budget, organizing...).")
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            metavar="STATUS", help="Partner status today (prospect, invited, core, former) or priority status."
        ),
    ] = None,
    partner: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Engagements it took part in, its people, testimonies, priorities it carries a strategy of.",
            autocompletion=complete_ref(RecordKind.partners),
        ),
    ] = None,
    official: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Engagements with them in person or through staff, their staff, priorities they took a stance on.",
            autocompletion=complete_ref(RecordKind.officials),
        ),
    ] = None,
    person: Annotated[
        str | None,
        typer.Option(
            metavar="REF",
            help="Engagements they attended, partners they are a contact of, their testimonies.",
            autocompletion=complete_ref(RecordKind.people),
        ),
    ] = None,
    district: Annotated[
        str | None, typer.Option(metavar="D", help="District id (engagements, partners) or an official's district.")
    ] = None,
    tag: Annotated[str | None, typer.Option(metavar="T", help="Records carrying this tag.")] = None,
    language: Annotated[str | None, typer.Option(metavar="CODE", help="Records in this language (es, ko...).")] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            metavar="FIELD", help="Sort by a column of the JSON output; -FIELD for descending (--sort=-date)."
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", min=1, help="At most N records.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.table,
) -> None:
    """List the records of one KIND that pass every filter given.

    Engagements and testimonies come newest first, everything else by name. JSON and CSV carry every field
    (docs/listing.md gives the columns); the table shows the ones to scan.
    """
    from capctl.cli.output import load, print_csv, print_json, print_table
    from capctl.dates import parse_date, today
    from capctl.query import listing as query_listing
    from capctl.query import summary

    state = ctx.obj
    record_kind = query_listing.parse_kind(what)
    options = query_listing.ListOptions(
        since=None if since is None else parse_date(since, "--since"),
        until=None if until is None else parse_date(until, "--until"),
        kind=kind,
        topic=topic,
        status=status,
        partner=partner,
        official=official,
        person=person,
        district=district,
        tag=tag,
        language=language,
        sort=sort,
        limit=limit,
    )
    data = load(state)
    listing = query_listing.list_records(data, record_kind, options, today())
    if fmt is Format.json:
        print_json(listing.rows())
    elif fmt is Format.csv:
        print_csv(query_listing.columns(record_kind), listing.rows())
    elif listing.records:
        print_table(state, summary.summary_table(listing))
        shown = len(listing.records)
        more = f" of {listing.total}" if shown < listing.total else ""
        state.err().print(f"{shown}{more} {record_kind.value if shown != 1 else record_kind.singular}")
    else:
        state.err().print(f"no {record_kind.value} match")
