# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import ExportForce, ExportFormatOption, ExportOutput, ExportPublic
from capctl.problems import CapctlError
from capctl.vocab import ExportFormat, RecordKind


def export(
    ctx: typer.Context,
    fmt: ExportFormatOption,
    output: ExportOutput,
    public: ExportPublic = False,
    force: ExportForce = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for Excel: a byte-order mark (accents read right) and CRLF line ends."),
    ] = False,
) -> None:
    """Export the whole data set for analysis: SQLite (tables with foreign keys, for Datasette, DuckDB or a
    spreadsheet), a folder of CSV files with the same tables, or JSON with the records whole.

    Refuses data with errors (`capctl check`) and an existing PATH unless --force. docs/listing.md describes
    the tables.
    """
    from capctl.cli.output import load, progress_bar
    from capctl.dates import today
    from capctl.export.write import export as write_export

    if excel and fmt is not ExportFormat.csv:
        raise CapctlError("--excel goes with --format csv")
    state = ctx.obj
    data = load(state)
    with progress_bar(state, "exporting") as advance:
        tables = write_export(data, fmt, output, today(), public, force, advance, excel)
    records = sum(len(t.rows) for t in tables if t.name in set(RecordKind))
    what = "public " if public else ""
    state.err().print(f"wrote {output}: {records} records, {what}{fmt.value}")
