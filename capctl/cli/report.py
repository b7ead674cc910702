from __future__ import annotations

import typer


def report(ctx: typer.Context) -> None:
    """Summarize the data folder: records by kind, partners by status, engagements by kind."""
    from capctl.summary import summarize

    summary = summarize(ctx.obj.load())
    out = ctx.obj.out()
    out.print(f"{summary.chapter}", style="bold")
    out.print(f"engagements {summary.first_engagement or '-'} to {summary.last_engagement or '-'}")
    for title, counts in (
        ("records", summary.records),
        ("partners by status", summary.partners_by_status),
        ("engagements by kind", summary.engagements_by_kind),
    ):
        out.print(f"\n{title}:")
        for name, count in counts.items():
            out.print(f"  {name:<20} {count:>5}")
    out.print(f"\n{summary.errors} errors, {summary.warnings} warnings (`capctl check` lists them)")
    raise typer.Exit(1 if summary.errors else 0)
