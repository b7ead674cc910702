# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import typer

from capctl.cli.options import AnyRefArg, ShowFormat, ShowFormatOption


def show(
    ctx: typer.Context,
    ref: AnyRefArg,
    fmt: ShowFormatOption = ShowFormat.table,
) -> None:
    """Everything about one record: its fields, last contact, the engagements involving it (newest first)
    and open follow-ups.

    An official also shows their staff and positions on priorities; a partner its status history, contacts
    and how many of the last 12 chapter meetings it came to; a person their affiliation.
    """
    from capctl.cli.output import load, print_json, print_table
    from capctl.dates import today
    from capctl.query.profile import profile
    from capctl.query.resolve import resolve

    state = ctx.obj
    data = load(state)
    found = profile(data, resolve(data, ref, None, "REF"), today())
    if fmt is ShowFormat.json:
        print_json(found.data)
        return
    out = state.out()
    out.print(found.title, style="bold")
    out.print(found.subtitle)
    width = max((len(name) for name, _ in found.fields), default=0)
    for name, text in found.fields:
        lines = text.splitlines() or [""]
        out.print(f"  {name:<{width}}  {lines[0]}")
        for line in lines[1:]:
            out.print(f"  {'':<{width}}  {line}")
    for section in found.sections:
        out.print()
        out.print(section.title, style="bold")
        if section.table is not None:
            print_table(state, section.table)
        for line in section.lines:
            out.print(f"  {line}")
