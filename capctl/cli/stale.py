# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import typer

from capctl.cli.options import Format, FormatOption, StaleKinds


def stale(
    ctx: typer.Context,
    kinds: StaleKinds = None,
    fmt: FormatOption = Format.table,
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
