# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from capctl.cli.options import ApplyWithoutAsking, EngagementArg, Format, MatchesFormat
from capctl.vocab import RecordKind

if TYPE_CHECKING:
    from capctl.importers.attendance import Plan, Proposal
    from capctl.store.dataset import DataSet

app = typer.Typer(help="Import sign-in sheets into engagements.", no_args_is_help=True, rich_markup_mode=None)


@app.command("import")
def import_(
    ctx: typer.Context,
    engagement: EngagementArg,
    sheet: Annotated[Path, typer.Argument(metavar="FILE.csv", help="The sign-in sheet, exported as CSV.")],
    create: Annotated[bool, typer.Option("--create", help="Add people matching no one as new records.")] = False,
    yes: ApplyWithoutAsking = False,
    output: MatchesFormat = Format.table,
) -> None:
    """Add the people on a sign-in sheet to an engagement, with their organizations and the headcount.

    The sheet may be UTF-8 (with or without BOM) or Windows-1252, separated by
    commas or semicolons, with a header row naming columns such as name (or
    first and last name), organization, email, phone and language, in any order.

    Each row is matched to a person or an official: by email, id, name or
    alias, else only when the given name and the family name both agree
    (accents, case, hyphens, order and left-out middle names do not matter).
    Its organization names a partner only by whole words, a known alias or an
    acronym; otherwise it stays text. A row that is not sure (several people,
    a nickname, an initial, a misspelling, one word only) is decided row by row
    in a terminal: accept, choose another, create or skip; it is never applied
    otherwise. Rows that add no one are listed with why. The matches are
    applied after confirmation (the default is No while a row is not sure), or
    with --yes; without a terminal and without --yes nothing is written. New
    people are added as records only with --create (or when chosen). The
    headcount becomes the number of different names on the sheet, unless it is
    already higher.
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
    if ask.interactive() and proposal_plan.uncertain:
        typer.echo(f"{len(proposal_plan.uncertain)} of {len(read.rows)} rows are not sure; decide each:", err=True)
        for proposal in proposal_plan.uncertain:
            choices[proposal.row.line] = _decide(data, proposal)
        proposal_plan = attendance.plan(data, found, read, create, choices)
    _print(state, data, proposal_plan, output)
    for proposal, why in proposal_plan.skipped():
        typer.echo(f"skipped: line {proposal.row.line} {proposal.row.name!r}: {why}", err=True)
    if not proposal_plan.changes_anything:
        typer.echo(f"no change: {data.display(data.path_of(found.id))} already has what this sheet can add", err=True)
        return
    if not yes:
        if not ask.interactive():
            typer.echo("nothing was written: run again with --yes to apply these matches", err=True)
            return
        left = [p for p in proposal_plan.proposals if p.uncertain or p.match == "skipped"]
        if not ask.confirm("Apply these matches?", default=not left):
            typer.echo("nothing was written", err=True)
            return
    result = attendance.apply(data, proposal_plan)
    for path in result.created:
        typer.echo(f"wrote {data.display(path)}")
    shown = data.display(result.engagement_path)
    typer.echo(f"changed {shown}: {_summary(proposal_plan)}")
    files = " ".join(shlex.quote(f) for f in [shown, *(data.display(p) for p in result.created)])
    typer.echo(f"commit it: git add {files} && git commit -m 'Attendance of {found.id}'", err=True)


def _decide(data: DataSet, proposal: Proposal) -> str | None:
    """The organizer's decision for a row that is not sure: a candidate, another name, a new person or skip."""
    from capctl.cli import ask
    from capctl.importers.attendance import CREATE
    from capctl.query.resolve import describe

    row = proposal.row
    where = f" ({row.organization})" if row.organization else ""
    typer.echo(f"  line {row.line} {row.name!r}{where}: {proposal.describe()}", err=True)
    for i, candidate in enumerate(proposal.candidates, 1):
        typer.echo(f"    {i}. {describe(data.records[candidate])}", err=True)
    count = len(proposal.candidates)
    numbers = "" if not count else "1 accept, " if count == 1 else f"1-{count} accept, "
    while True:
        answer = ask.text(f"  {numbers}o another name, c create a new person, s skip", "s").lower()
        if answer.isdigit() and 1 <= int(answer) <= len(proposal.candidates):
            return proposal.candidates[int(answer) - 1]
        if answer in {"s", "skip"}:
            return None
        if answer in {"c", "create"}:
            return CREATE
        if answer in {"o", "other"}:
            record = ask.one_ref(data, "    who is it? (blank to go back)", [RecordKind.people, RecordKind.officials])
            if record is not None:
                return record.id
            continue
        typer.echo(f"  answer {numbers}o, c or s", err=True)


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
    def counted(ids: list[str], one: str, many: str) -> str:
        return f"+{len(ids)} {one if len(ids) == 1 else many} ({', '.join(ids)})"

    parts = []
    if plan.add_people:
        parts.append(counted(plan.add_people, "person", "people"))
    if plan.add_officials:
        parts.append(counted(plan.add_officials, "official", "officials"))
    if plan.add_partners:
        parts.append(counted(plan.add_partners, "partner", "partners"))
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

        columns = ["line", "name", "organization", "match", "why", "person", "candidates", "partner"]
        rows_out = (
            [csv_cell(v) for v in (p.row.line, p.row.name, p.row.organization, p.match, p.why,
             p.person, " ".join(p.candidates), p.partner)]
            for p in plan.proposals
        )  # fmt: skip
        typer.echo(csv_text(columns, rows_out), nl=False)
        return
    from rich.table import Table

    from capctl.report.rows import Breakable

    table = Table(title=f"Sign-in sheet for {plan.engagement.id}", title_justify="left")
    for column in ("line", "name", "organization", "match", "person", "partner"):
        table.add_column(column, justify="right" if column == "line" else "left")
    for p in plan.proposals:
        partner = p.partner or ("(text, not linked)" if p.partner_match == "text" else "")
        cells = [str(p.row.line), p.row.name, p.row.organization or "", p.describe(), p.person or "", partner]
        table.add_row(*(Breakable(c) for c in cells))
    state.out().print(table)  # type: ignore[attr-defined]
