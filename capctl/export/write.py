"""Writing an export (CSV folder, JSON or SQLite) in place atomically."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from capctl.export.public import Publisher
from capctl.export.tables import EXPORT_VERSION, ExportTable, build_tables, hidden_fields
from capctl.models.records import MODELS, Engagement, Record
from capctl.problems import CapctlError
from capctl.query.listing import Context, csv_cell, row
from capctl.store.dataset import DataSet
from capctl.store.write import fsync_dir, new_file_mode, refused_write, umask
from capctl.vocab import ExportFormat, RecordKind

# --- writing ----------------------------------------------------------------

Progress = Callable[[str, int, int], None]
"""Told (what, done, total) as the export goes, for a progress display."""
Writer = Callable[[Path, list[ExportTable], DataSet, dt.date, bool, Progress], None]


def export(
    data: DataSet,
    fmt: ExportFormat,
    output: Path,
    as_of: dt.date,
    public: bool = False,
    force: bool = False,
    progress: Progress | None = None,
    excel: bool = False,
) -> list[ExportTable]:
    """Write the data set to ``output``; returns the tables written (for JSON: what they count).

    ``excel`` (CSV only): each file starts with a byte-order mark and ends its lines with CRLF, so that
    Excel reads accents as they are.
    """
    if data.errors:
        count = len(data.errors)
        raise CapctlError(
            f"the data has {count} error{'s' * (count != 1)}: fix them first (`capctl check` lists them); "
            "nothing was written",
            1,
        )
    _check_output(data.root, output, fmt, force)
    publisher = Publisher(data) if public else None
    tables = build_tables(data, as_of, public, publisher)
    writers: dict[ExportFormat, Writer] = {
        ExportFormat.sqlite: _write_sqlite,
        ExportFormat.csv: functools.partial(_write_csv, excel=excel),
        ExportFormat.json: functools.partial(_write_json, publisher=publisher),
    }
    writer = writers[fmt]
    with refused_write(output):
        temporary = _temporary(output, folder=fmt is ExportFormat.csv)
        try:
            writer(temporary, tables, data, as_of, public, progress or (lambda *_: None))
            _put_in_place(temporary, output, force)
        except sqlite3.Error as exc:  # "database or disk is full": SQLite's own words for an OSError
            _remove(temporary)
            raise OSError(0, str(exc)) from None
        except BaseException:
            _remove(temporary)
            raise
    return tables


def _check_output(root: Path, output: Path, fmt: ExportFormat, force: bool) -> None:
    target = output.resolve()
    data = root.resolve()
    if target == data or target.is_relative_to(data) or data.is_relative_to(target):
        raise CapctlError(f"--output: '{output}' is inside or around the data folder; write the export elsewhere")
    if not target.parent.is_dir():
        raise CapctlError(f"--output: the folder '{output.parent}' does not exist")
    if not (output.exists() or output.is_symlink()):
        return
    if not force:
        raise CapctlError(f"--output: '{output}' already exists; give --force to replace it")
    if fmt is ExportFormat.csv:
        if not output.is_dir() or any(p.suffix != ".csv" or not p.is_file() for p in output.iterdir()):
            raise CapctlError(
                f"--output: '{output}' is not a folder of CSV files from an export; not replacing it, even with --force"
            )
    elif not output.is_file() or output.is_symlink():
        raise CapctlError(f"--output: '{output}' is not a file; not replacing it, even with --force")


def _temporary(output: Path, folder: bool) -> Path:
    """An empty file or folder beside ``output``, with the permissions a new file would get."""
    if folder:
        path = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent))
        path.chmod(0o777 & ~umask())
        return path
    fd, name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    os.close(fd)
    Path(name).chmod(new_file_mode())
    return Path(name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _put_in_place(temporary: Path, output: Path, force: bool) -> None:
    """Rename the finished export to its name: it appears whole, and replaces only with ``force``."""
    if temporary.is_file():
        if force:
            os.replace(temporary, output)
        else:
            try:
                os.link(temporary, output)  # fails if the name was taken meanwhile
            except FileExistsError:
                raise CapctlError(f"--output: '{output}' already exists; give --force to replace it") from None
            temporary.unlink()
    else:
        old = None
        if force and output.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{output.name}.", suffix=".old", dir=output.parent))
            os.rename(output, old / output.name)
        try:
            os.rename(temporary, output)  # fails if a non-empty folder took the name meanwhile
        except OSError:
            if old is not None:
                os.rename(old / output.name, output)
                old.rmdir()
            raise CapctlError(f"--output: '{output}' already exists; give --force to replace it") from None
        if old is not None:
            shutil.rmtree(old)
    fsync_dir(output.parent)


def _write_sqlite(
    path: Path, tables: list[ExportTable], data: DataSet, as_of: dt.date, public: bool, progress: Progress
) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(f"PRAGMA user_version = {EXPORT_VERSION}")
        for done, table in enumerate(tables):
            progress(table.name, done, len(tables))
            connection.execute(create_statement(table))
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(
                f'INSERT INTO "{table.name}" VALUES ({marks})', ([r.get(c) for c in table.names] for r in table.rows)
            )
        connection.commit()
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:  # cannot happen for data that passes `capctl check`
            raise CapctlError(f"the export has broken references ({broken[:3]}); nothing was written", 1)
    finally:
        connection.close()
    progress("done", len(tables), len(tables))
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def create_statement(table: ExportTable) -> str:
    """The ``CREATE TABLE`` of one export table, with its keys."""
    parts = [f'"{c.name}" {c.type}' + (" NOT NULL" if c.name in table.primary_key else "") for c in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    for column in table.columns:
        if column.references:
            parts.append(f'FOREIGN KEY ("{column.name}") REFERENCES "{column.references}" (id)')
    for own, target, theirs in table.composite_keys:
        parts.append(f'FOREIGN KEY ({", ".join(own)}) REFERENCES "{target}" ({", ".join(theirs)})')
    return f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(parts) + "\n)"


def _write_csv(
    folder: Path,
    tables: list[ExportTable],
    data: DataSet,
    as_of: dt.date,
    public: bool,
    progress: Progress,
    excel: bool = False,
) -> None:
    import csv

    encoding, line_end = ("utf-8-sig", "\r\n") if excel else ("utf-8", "\n")
    for done, table in enumerate(tables):
        progress(table.name, done, len(tables))
        with open(folder / f"{table.name}.csv", "w", encoding=encoding, newline="") as handle:
            writer = csv.writer(handle, lineterminator=line_end)
            writer.writerow(table.names)
            writer.writerows([csv_cell(r.get(c)) for c in table.names] for r in table.rows)
            handle.flush()
            os.fsync(handle.fileno())
    progress("done", len(tables), len(tables))


def _published(record: Record, context: Context, publisher: Publisher) -> dict[str, Any]:
    """A record whole as a public export carries it; an engagement counts the people it may not name."""
    values: dict[str, Any] = publisher.value(row(record, context, drop=hidden_fields(record)))
    values["id"] = publisher.testimonies.get(record.id) or publisher.value(record.id)
    if isinstance(record, Engagement):
        values["people_withheld"] = [
            {"partner": publisher.value(partner) if partner else None, "people": n}
            for partner, n in publisher.withheld(record)
        ]
    return values


def _write_json(
    path: Path,
    tables: list[ExportTable],
    data: DataSet,
    as_of: dt.date,
    public: bool,
    progress: Progress,
    publisher: Publisher | None = None,
) -> None:
    context = Context(data, as_of)
    document: dict[str, Any] = {
        "chapter": data.settings.chapter if data.settings else None,
        "as_of": as_of.isoformat(),
        "public": public,
        "export_version": EXPORT_VERSION,
    }
    publisher = (publisher or Publisher(data)) if public else None
    for done, kind in enumerate(RecordKind):
        progress(kind.value, done, len(RecordKind))
        records = data.typed(MODELS[kind])
        if publisher is None:
            document[kind.value] = [row(r, context) for r in records]
        else:
            document[kind.value] = [_published(r, context, publisher) for r in records if publisher.shown(r.id)]
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=2)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    progress("done", len(RecordKind), len(RecordKind))
