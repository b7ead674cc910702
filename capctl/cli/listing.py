# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import (
    DistrictFilter,
    Format,
    FormatOption,
    KindFilter,
    LanguageFilter,
    ListKindArg,
    OfficialFilter,
    PartnerFilter,
    PersonFilter,
    SinceFilter,
    StatusFilter,
    TagFilter,
    TopicFilter,
    UntilFilter,
)


def list_(
    ctx: typer.Context,
    what: ListKindArg,
    since: SinceFilter = None,
    until: UntilFilter = None,
    kind: KindFilter = None,
    topic: TopicFilter = None,
    status: StatusFilter = None,
    partner: PartnerFilter = None,
    official: OfficialFilter = None,
    person: PersonFilter = None,
    district: DistrictFilter = None,
    tag: TagFilter = None,
    language: LanguageFilter = None,
    sort: Annotated[
        str | None,
        typer.Option(
            metavar="FIELD", help="Sort by a column of the JSON output; -FIELD for descending (--sort=-date)."
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(metavar="N", min=1, help="At most N records.")] = None,
    fmt: FormatOption = Format.table,
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
