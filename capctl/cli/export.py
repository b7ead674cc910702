# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import typer

from capctl.cli.options import ExportForce, ExportFormatOption, ExportOutput, ExportPublic
from capctl.vocab import RecordKind


def export(
    ctx: typer.Context,
    fmt: ExportFormatOption,
    output: ExportOutput,
    public: ExportPublic = False,
    force: ExportForce = False,
) -> None:
    """Export the whole data set for analysis: SQLite (tables with foreign keys, for Datasette, DuckDB or a
    spreadsheet), a folder of CSV files with the same tables, or JSON with the records whole.

    Refuses data with errors (`capctl check`) and an existing PATH unless --force. docs/listing.md describes
    the tables.
    """
    from capctl.cli.output import load, progress_bar
    from capctl.dates import today
    from capctl.export.tables import ExportFormat
    from capctl.export.write import export as write_export

    state = ctx.obj
    data = load(state)
    with progress_bar(state, "exporting") as advance:
        tables = write_export(data, ExportFormat(fmt.value), output, today(), public, force, advance)
    records = sum(len(t.rows) for t in tables if t.name in set(RecordKind))
    what = "public " if public else ""
    state.err().print(f"wrote {output}: {records} records, {what}{fmt.value}")
