"""Loading a data folder: every record that is valid and every problem found (docs/architecture.md, the load pipeline).

Loading never raises for bad data: problems are values, each with its file and line.
"""

from __future__ import annotations

import contextlib
import gc
import os
import time
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import cast

from capctl.models.metrics import MetricsFile
from capctl.models.records import Record
from capctl.models.settings import Settings
from capctl.problems import CapctlError, Problem, in_file_order
from capctl.references import facts_of, reference_problem
from capctl.rules import (
    LOAD_RULES,
    check_cross_records,
    check_records,
    far_future_limit,
    metrics_translations,
)
from capctl.store import incremental
from capctl.store.cache import load_record_files
from capctl.store.dataset import DataSet, Facts, RecordMap
from capctl.store.files import (
    METRICS_FILE,
    SETTINGS_FILE,
    SUFFIX,
    RecordFile,
    record_entries,
    record_names,
)
from capctl.store.files import record_id as id_of_file
from capctl.store.read import FileResult, PartialReference, load_settings
from capctl.store.shard import Shard
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


def require_settings(data: DataSet) -> Settings:
    """The data folder's settings; :class:`CapctlError` (exit 1) listing what is wrong with ``capctl.yaml``
    when it could not be read. Every command that counts districts, languages or thresholds runs on them:
    defaults in their place would give wrong answers (no district refused, nobody going cold)."""
    if data.settings is not None:
        return data.settings
    shown = data.display(data.root / SETTINGS_FILE)
    problems = [p for p in data.problems if p.path == shown and p.is_error]
    listed = "\n".join(map(str, problems)) or f"{shown}: error: cannot be read"
    raise CapctlError(f"nothing done until capctl.yaml is fixed:\n{listed}", 1)


# --- loading --------------------------------------------------------------


def load(
    root: Path | str,
    cache: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
    kinds: Collection[RecordKind] | None = None,
) -> DataSet:
    """Load a data folder: every record that is valid, and every problem found.

    Each record file's own part of the work (read, parse, validate) comes from the
    load cache when the file has not changed (see :mod:`capctl.store.cache`), with what the
    rules on its record alone find (``capctl.rules.FILE_RULES``); ``cache`` False, or
    ``CAPCTL_NO_CACHE=1`` when it is None, reads every file. The rules that look at a
    record with the others, at today's date or at other files run on every load.
    ``progress`` is told (files read, files in all) as the record files are read.

    ``kinds``: only the records of these kinds are read (from the cache as usual), with their files'
    problems and the record rules' findings; the other records are known by id only
    (``DataSet.elsewhere``, from their file names) and no cross-record rule runs. For a command that
    adds a record and reads only names (``meeting add`` with flags): at 13,370 files, 10,000 of them
    engagements, it builds 3,400 records instead of all (bench/RESULTS.md). It never reports the
    other files' problems: ``check`` and the reports load every kind.
    """
    with _bulk_allocation():
        return _load(Path(root), cache, progress, None if kinds is None else frozenset(kinds))


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


def _load(
    root: Path, cache: bool | None, progress: Callable[[int, int], None] | None, kinds: frozenset[RecordKind] | None
) -> DataSet:

    data = DataSet(root=root)
    data.settings = load_settings(data, root / SETTINGS_FILE, Settings)
    data.metrics = load_settings(data, root / METRICS_FILE, MetricsFile)
    if cache is None:
        cache = os.environ.get("CAPCTL_NO_CACHE", "") in ("", "0")
    started = time.time_ns()
    entries = record_entries(root, kinds)
    if kinds is not None:
        data.elsewhere = record_names(root, [kind for kind in RecordKind if kind not in kinds])
    loaded = load_record_files(root, entries, use_cache=cache, progress=progress, every_folder=kinds is None)
    stamps: dict[str, str] = {}
    """What each loaded record is, for the cross-record rules kept from the last load (with the cache)."""
    partial: list[tuple[str, list[PartialReference]]] = []
    records = data.records
    assert isinstance(records, RecordMap)
    keep_stamps = cache and kinds is None
    index = 0
    while index < len(entries):
        whole = loaded.whole.get(index)
        if whole is not None and _take_whole(data, records, entries[index : index + len(whole.paths)], whole):
            if keep_stamps:
                stamps.update(incremental.stamps_of(whole, started))
            index += len(whole.paths)
            continue
        result = loaded.results[index] if whole is None else whole.result(0)
        assert result is not None  # every entry outside a folder taken whole has its result
        _take(data, records, entries[index], result, stamps if keep_stamps else None, started, partial)
        if whole is not None:  # a folder not taken whole after all (an id taken elsewhere): file by file
            for offset in range(1, len(whole.paths)):
                entry = entries[index + offset]
                _take(data, records, entry, whole.result(offset), stamps if keep_stamps else None, started, partial)
            index += len(whole.paths)
            continue
        index += 1
    data.problems.extend(check_records(data, _due_load_rules(records), LOAD_RULES))
    if kinds is None:  # in a load of some kinds the other records are not here: references would look missing
        data.problems.extend(_across_records(data, stamps, partial, cache))
    data.problems.extend(metrics_translations(data))
    data.problems.sort(key=in_file_order)
    return data


def _take_whole(data: DataSet, records: RecordMap, entries: list[RecordFile], whole: Shard) -> bool:
    """A folder's records at once from its shard, unless one's id is already taken (then False: each file is
    taken on its own, to say which is the duplicate)."""
    ids = [id_of_file(relative) for relative in whole.paths]
    kind = whole.kind
    if kind is None or whole.block is None or not records.isdisjoint(ids):
        return False
    records.put_block(ids, kind, whole.block, whole.lines, cast("list[Facts]", whole.facts))
    data.paths.update(zip(ids, (entry.path for entry in entries), strict=True))
    for column in (whole.problems, whole.findings):
        for position, found in column.items():
            shown = str(entries[position].path)
            data.problems.extend(Problem(shown, line, severity, message) for line, severity, message in found)
    return True


def _take(
    data: DataSet,
    records: RecordMap,
    entry: RecordFile,
    result: FileResult,
    stamps: dict[str, str] | None,
    started: int,
    partial: list[tuple[str, list[PartialReference]]],
) -> None:
    """One file's result: its record, its problems, what its record's rules found."""
    kind, path, relative, stat = entry
    record, lazy = result.record, result.lazy
    if record is None and lazy is None:
        shown = str(path)  # what data.display(path) gives, without its cost at 60,000 files
        data.problems.extend(Problem(shown, line, severity, message) for line, severity, message in result.problems)
        if kind is not None and path.suffix == SUFFIX and any(p[1] is Severity.error for p in result.problems):
            data.broken.setdefault(path.stem, (kind, path))
        if result.references:
            partial.append((shown, result.references))
        return
    the_id = id_of_file(relative)
    if result.problems:
        data.problems.extend(Problem(str(path), line, sev, message) for line, sev, message in result.problems)
    if the_id in records:
        first = data.display(data.paths[the_id])
        data.problems.append(Problem(str(path), None, Severity.error, f"duplicate id {the_id!r}: also {first}"))
        return
    assert kind is not None  # a file outside a kind's folder has no record
    if lazy is not None and result.facts is not None:
        records.put_lazy(the_id, kind, lazy, result.facts)
    elif record is not None:
        records.put(the_id, record, facts_of(record))
    data.paths[the_id] = path
    if stamps is not None:
        stamps[the_id] = incremental.stamp(kind.value, stat, started)
    if result.findings:
        data.problems.extend(Problem(str(path), line, sev, message) for line, sev, message in result.findings)


def _due_load_rules(records: RecordMap) -> list[Record]:
    """The records :data:`~capctl.rules.LOAD_RULES` may find something in, decoded; the others are not."""
    limit = far_future_limit().isoformat()
    due = []
    for record_id in records:
        facts = records.facts(record_id)
        if facts is None or (facts.latest is not None and facts.latest > limit) or facts.attachment is not None:
            due.append(records[record_id])
    return due


def _across_records(
    data: DataSet, stamps: dict[str, str], partial: list[tuple[str, list[PartialReference]]], cache: bool
) -> list[Problem]:
    """What the cross-record rules find: brought up to date from the last load with the cache, in full while a
    record has errors (it gathers the references to it, a rule over the whole set); and the references of
    the records with errors, from their fields that are valid."""
    found = incremental.cross_problems(data, stamps)[0] if cache and not data.broken else check_cross_records(data)
    get = data.records.get
    for shown, made in partial:
        for line, field, ref, ref_kind in made:
            if ref in data.broken and data.broken[ref][0] is ref_kind:
                continue  # told at that record's file, with every reference to it
            message = reference_problem(get, field, ref, ref_kind)
            if message is not None:
                found.append(Problem(shown, line, Severity.error, message))
    return found
