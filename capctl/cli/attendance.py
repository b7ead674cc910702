from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from capctl.cli.complete import complete_ref
from capctl.cli.output import Format
from capctl.vocab import RecordKind

if TYPE_CHECKING:
    from capctl.importers.attendance import Plan
    from capctl.store.dataset import DataSet

app = typer.Typer(help="Import sign-in sheets into engagements.", no_args_is_help=True, rich_markup_mode=None)


@app.command("import")
def import_(
    ctx: typer.Context,
    engagement: Annotated[
        str,
        typer.Argument(
            metavar="ENGAGEMENT",
            help="The engagement: id or title.",
            autocompletion=complete_ref(RecordKind.engagements),
        ),
    ],
    sheet: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The sign-in sheet, exported as CSV.")],
    create: Annotated[bool, typer.Option("--create", help="Add people matching no one as new records.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking.")] = False,
    output: Annotated[Format, typer.Option("--format", help="How to print the proposed matches.")] = Format.table,
) -> None:
    """Add the people on a sign-in sheet to an engagement, with their organizations and the headcount.

    The sheet may be UTF-8 (with or without BOM) or Windows-1252, separated by
    commas or semicolons, with a header row naming columns such as name (or
    first and last name), organization, email, phone and language, in any order.

    Each row is matched to a person (by email, id, name or alias, else by a
    close name) and its organization to a partner. The proposed matches are
    printed: exact, fuzzy with a score, new, ambiguous (several people match) or
    a duplicate of an earlier row. They are applied after confirmation, or with
    --yes; without a terminal and without --yes nothing is written. An ambiguous
    row is never applied unless chosen in a terminal (or the sheet gives an id).
    New people are added as records only with --create. The headcount becomes the
    number of different names on the sheet, unless it is already higher.
    Importing the same sheet again changes nothing.
    """
    from capctl.cli import ask
    from capctl.importers import attendance, sheets
    from capctl.models.records import Engagement

    state = ctx.obj
    data = state.load()
    found = ask.ref(data, engagement, [RecordKind.engagements], "ENGAGEMENT")
    assert isinstance(found, Engagement)
    read = sheets.read_sheet(sheet)
    typer.echo(_describe_sheet(read), err=True)
    choices: dict[int, str | None] = {}
    proposal_plan = _plan(state, data, found, read, create, choices)
    if ask.interactive() and proposal_plan.not_applied:
        for proposal in proposal_plan.not_applied:
            records = [data.records[i] for i in proposal.candidates]
            chosen = ask.pick(records, f"line {proposal.row.line} {proposal.row.name!r}")
            choices[proposal.row.line] = chosen.id if chosen else None
        proposal_plan = attendance.plan(data, found, read, create, choices)
    _print(state, data, proposal_plan, output)
    if proposal_plan.not_applied:
        lines = ", ".join(str(p.row.line) for p in proposal_plan.not_applied)
        typer.echo(
            f"not applied: line {lines} matches several people; import again in a terminal to choose, "
            "or write the person's id in the name column",
            err=True,
        )
    if not proposal_plan.changes_anything:
        typer.echo(f"no change: {data.display(data.path_of(found.id))} already has what this sheet can add", err=True)
        return
    if not yes:
        if not ask.interactive():
            typer.echo("nothing was written: run again with --yes to apply these matches", err=True)
            return
        if not ask.confirm("Apply these matches?"):
            typer.echo("nothing was written", err=True)
            return
    result = attendance.apply(data, proposal_plan)
    for path in result.created:
        typer.echo(f"wrote {data.display(path)}")
    shown = data.display(result.engagement_path)
    typer.echo(f"changed {shown}: {_summary(proposal_plan)}")
    files = " ".join(shlex.quote(f) for f in [shown, *(data.display(p) for p in result.created)])
    typer.echo(f"commit it: git add {files} && git commit -m 'Attendance of {found.id}'", err=True)


def _plan(
    state: object, data: DataSet, found: object, read: object, create: bool, choices: dict[int, str | None]
) -> Plan:
    """Match the rows, with a progress bar on standard error for long sheets at a terminal."""
    from capctl.importers import attendance, sheets
    from capctl.models.records import Engagement

    assert isinstance(found, Engagement) and isinstance(read, sheets.Sheet)
    console = state.err()  # type: ignore[attr-defined]
    if not console.is_terminal or len(read.rows) < 50:
        return attendance.plan(data, found, read, create, choices)
    from rich.progress import Progress

    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("matching names", total=len(read.rows))
        return attendance.plan(data, found, read, create, choices, tick=lambda: progress.advance(task))


def _describe_sheet(sheet: object) -> str:
    from capctl.importers.sheets import Sheet

    assert isinstance(sheet, Sheet)
    separator = {",": "commas", ";": "semicolons", "\t": "tabs"}[sheet.delimiter]
    columns = ", ".join(f"{k} ({v!r})" for k, v in sheet.columns.items())
    text = f"{sheet.path}: {sheet.encoding}, {separator}, {len(sheet.rows)} rows; columns {columns}"
    if sheet.ignored:
        text += f"; ignored {', '.join(repr(c) for c in sheet.ignored)}"
    if sheet.blank:
        text += f"; {sheet.blank} row(s) without a name skipped"
    return text


def _summary(plan: Plan) -> str:
    parts = []
    if plan.add_people:
        parts.append(f"+{len(plan.add_people)} people ({', '.join(plan.add_people)})")
    if plan.add_partners:
        parts.append(f"+{len(plan.add_partners)} partners ({', '.join(plan.add_partners)})")
    if plan.headcount is not None:
        before = plan.engagement.headcount
        parts.append(f"headcount {'-' if before is None else before} → {plan.headcount}")
    return "; ".join(parts)


def _print(state: object, data: DataSet, plan: Plan, output: Format) -> None:
    rows = [p.as_dict() for p in plan.proposals]
    if output is Format.json:
        typer.echo(json.dumps({"engagement": plan.engagement.id, "rows": rows}, ensure_ascii=False, indent=2))
        return
    if output is Format.csv:
        from capctl.cli.output import csv_text
        from capctl.query.listing import csv_cell

        columns = ["line", "name", "organization", "match", "score", "person", "candidates", "partner"]
        cells = (
            [csv_cell(v) for v in (p.row.line, p.row.name, p.row.organization, p.match,
             None if p.score is None else f"{p.score:.2f}", p.person, " ".join(p.candidates), p.partner)]
            for p in plan.proposals
        )  # fmt: skip
        typer.echo(csv_text(columns, cells), nl=False)
        return
    from rich.table import Table

    table = Table(title=f"Sign-in sheet for {plan.engagement.id}", title_justify="left")
    for column in ("line", "name", "organization", "match", "person", "partner"):
        table.add_column(column, justify="right" if column == "line" else "left")
    for p in plan.proposals:
        partner = p.partner or ("?" if p.partner_match == "unknown" else "")
        if p.partner and p.partner_match == "fuzzy":
            partner += " (fuzzy)"
        table.add_row(str(p.row.line), p.row.name, p.row.organization or "", p.describe(), p.person or "", partner)
    state.out().print(table)  # type: ignore[attr-defined]
