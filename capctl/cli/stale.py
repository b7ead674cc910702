from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from capctl.cli.output import FORMAT_HELP, Format


class StaleKind(StrEnum):
    partners = "partners"
    officials = "officials"
    people = "people"


def stale(
    ctx: typer.Context,
    kinds: Annotated[
        list[StaleKind] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="partners, officials or people; repeat for several (default: partners and officials).",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help=FORMAT_HELP)] = Format.table,
) -> None:
    """Relationships going cold: no engagement for longer than the warning threshold in capctl.yaml
    (per kind, and per status for partners). Coldest first, with the last engagement named.

    Any engagement involving a record resets its clock; a staffer's meeting counts for their official.
    """
    from capctl.cli.output import load, print_csv, print_json, print_table
    from capctl.dates import today
    from capctl.query import activity, attention
    from capctl.vocab import RecordKind

    state = ctx.obj
    data = load(state)
    as_of = today()
    wanted = [RecordKind(k.value) for k in kinds] if kinds else [RecordKind.partners, RecordKind.officials]
    found = activity.going_cold(data, as_of, wanted)
    if fmt is Format.json:
        print_json([attention.stale_row(r, as_of) for r in found])
    elif fmt is Format.csv:
        print_csv(attention.STALE_COLUMNS, [attention.stale_row(r, as_of) for r in found])
    elif found:
        print_table(state, attention.stale_table(found, as_of))
        state.err().print(f"{len(found)} going cold or cold, as of {as_of}")
    else:
        state.err().print(f"no {' or '.join(k.value for k in wanted)} going cold, as of {as_of}")
