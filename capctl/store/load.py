"""Loading a data folder: every record that is valid and every problem found (docs/architecture.md, the load pipeline).

Loading never raises for bad data: problems are values, each with its file and line.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from capctl.models.metrics import MetricsFile
from capctl.models.settings import Settings
from capctl.problems import Problem
from capctl.rules import LOAD_RULES, check_cross_records, check_records, metrics_translations
from capctl.store.cache import load_record_files
from capctl.store.dataset import DataSet
from capctl.store.files import METRICS_FILE, SETTINGS_FILE, SUFFIX, record_entries
from capctl.store.read import load_settings
from capctl.vocab import RecordKind, Severity


def leftover_temporaries(data: DataSet) -> list[Problem]:
    """Temporary files a killed or crashed write left behind: never read as records, but clutter
    for git; a warning each, to delete them."""
    found = []
    for kind in RecordKind:
        folder = data.root / kind.value
        if folder.is_dir():
            for path in sorted(folder.rglob(f".*{SUFFIX}.*.tmp")):
                found.append(
                    Problem(
                        data.display(path),
                        None,
                        Severity.warning,
                        "a temporary file left by an interrupted write; delete it (the record it was for is "
                        "either whole under its own name or was never written)",
                    )
                )
    return found


# --- loading --------------------------------------------------------------


def load(root: Path | str, cache: bool | None = None, progress: Callable[[int, int], None] | None = None) -> DataSet:
    """Load a data folder: every record that is valid, and every problem found.

    Each record file's own part of the work (read, parse, validate) comes from the
    load cache when the file has not changed (see :mod:`capctl.store.cache`), with what the
    rules on its record alone find (``capctl.rules.FILE_RULES``); ``cache`` False, or
    ``CAPCTL_NO_CACHE=1`` when it is None, reads every file. The rules that look at a
    record with the others, at today's date or at other files run on every load.
    ``progress`` is told (files read, files in all) as the record files are read.
    """
    with _bulk_allocation():
        return _load(Path(root), cache, progress)


@contextlib.contextmanager
def _bulk_allocation() -> Iterator[None]:
    """No cyclic garbage collection while a load creates its hundreds of thousands of objects.

    Each collection walks every live object, and one runs every few hundred
    allocations: loading 60,000 records took four times as long with it. The
    records live as long as the data set, so they are then moved out of the
    collector's sight (``gc.freeze``) to spare the commands that follow the same cost
    (building the report at 60,000 records: 1.2 s instead of 1.7 s). The few reference
    cycles a load leaves behind (46 objects there) are frozen with them: a full
    collection to free them would cost 0.3 s.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.freeze()


def _load(root: Path, cache: bool | None, progress: Callable[[int, int], None] | None) -> DataSet:

    data = DataSet(root=root)
    data.settings = load_settings(data, root / SETTINGS_FILE, Settings)
    data.metrics = load_settings(data, root / METRICS_FILE, MetricsFile)
    if cache is None:
        cache = os.environ.get("CAPCTL_NO_CACHE", "") in ("", "0")
    entries = record_entries(root)
    results = load_record_files(root, entries, use_cache=cache, progress=progress)
    for (_kind, path, _relative, _stat), result in zip(entries, results, strict=True):
        shown = str(path)  # what data.display(path) gives, without its cost at 60,000 files
        if result.problems:
            data.problems.extend(Problem(shown, line, severity, message) for line, severity, message in result.problems)
        record = result.record
        if record is None:
            continue
        if record.id in data.records:
            first = data.display(data.paths[record.id])
            data.problems.append(Problem(shown, None, Severity.error, f"duplicate id {record.id!r}: also {first}"))
            continue
        data.records[record.id] = record
        data.paths[record.id] = path
        if result.findings:
            data.problems.extend(Problem(shown, line, severity, message) for line, severity, message in result.findings)
    data.problems.extend(check_records(data, data.records.values(), LOAD_RULES))
    data.problems.extend(check_cross_records(data))
    data.problems.extend(metrics_translations(data))
    data.problems.sort(key=lambda p: (p.path, p.line or 0, p.message))
    return data
