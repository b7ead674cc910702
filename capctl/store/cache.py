"""The load cache: each record file's record and problems, kept while the file is unchanged.

Where it lives, when an entry is used, why JSON and not pickle, and what is never cached:
docs/architecture.md (the load pipeline). Measured costs: bench/RESULTS.md.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import NamedTuple, cast

from capctl import __version__
from capctl.store import shard
from capctl.store.files import RecordFile
from capctl.store.read import FileResult, load_record_file
from capctl.store.shard import StatKey
from capctl.vocab import RecordKind

CACHE_FOLDER = ".capctl-cache"
SUFFIX = ".json"
RACY_NS = 2_000_000_000
"""Files changed this recently (nanoseconds) are parsed but not cached."""
PARALLEL_MIN_FILES = 5_000
"""Fewer files than this are parsed in this process. Measured on 2 cores shared with other work,
loading without the cache, in one process and with workers: 1,700 files 0.13 s and 0.18 s; 4,100 files
0.3 to 0.47 s and 0.43 s; 13,000 files 0.86 s and 0.80 s; 60,000 files 4.2 s and 4.0 s. The gain is
small because reading is now cheap next to sending the records back; on idle cores it is larger."""
CHUNK_FILES = 500


def cache_dir(root: Path) -> Path | None:
    """Where the cache of the data folder ``root`` is kept (None for a filesystem root)."""
    resolved = root.resolve()
    if resolved.parent == resolved:
        return None
    return resolved.parent / CACHE_FOLDER / resolved.name


def shard_file(folder: str) -> str:
    """The cache file of one folder of records (``engagements/2017``, ``partners``): one file per
    folder, so that a change rewrites a few megabytes, not the whole cache."""
    return hashlib.sha256(folder.encode()).hexdigest()[:24] + SUFFIX


def cache_key(root: Path) -> str:
    """What a cache must have been written for: this capctl, these models and parsing rules, this folder."""
    digest = hashlib.sha256()
    # Everything a cached entry depends on: how a file is read, parsed and validated, and the file rules.
    package = Path(__file__).resolve().parent.parent
    sources = [
        *sorted((package / "models").glob("*.py")),
        *sorted((package / "store").glob("*.py")),
        *sorted((package / "yaml").glob("*.py")),
        *(
            package / name
            for name in (
                "vocab.py",
                "messages.py",
                "rules.py",
                "privacy.py",
                "references.py",
                "findings.py",
                "text.py",
                "dates.py",
            )
        ),
    ]
    for source in sources:
        digest.update(source.read_bytes())
    from importlib.metadata import version

    for dependency in ("pydantic", "pydantic-core", "ruamel.yaml"):
        digest.update(f"{dependency} {version(dependency)}".encode())
    return f"capctl {__version__} python {sys.version_info[:2]} code {digest.hexdigest()[:24]} root {root.resolve()}"


def stat_key(stat: os.stat_result) -> StatKey:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


class Loaded(NamedTuple):
    """What :func:`load_record_files` gives: each file's result, but for the folders taken whole."""

    results: list[FileResult | None]
    """Each entry's result; None for the entries of a folder in ``whole``."""
    whole: dict[int, shard.Shard]
    """Folders unchanged since their shard was written, whose files are consecutive entries and all have a
    record: by their first entry, the shard to take them from (``RecordMap.put_block``)."""


def load_record_files(
    root: Path,
    entries: Sequence[RecordFile],
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
    every_folder: bool = True,
) -> Loaded:
    """Each record file's :class:`FileResult`, in the order given: from the cache when the
    file is unchanged, parsed otherwise; the cache is brought up to date afterwards (the shards
    of folders not among ``entries`` are removed, unless ``every_folder`` is False: the entries
    are the files of some folders only).

    ``progress`` is told (files done, files in all): once for the files found in the
    cache, then as the others are parsed."""
    started = time.time_ns()
    where = cache_dir(root) if use_cache else None
    key = cache_key(root) if where is not None else ""
    shards: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        shards.setdefault(entry.relative.rpartition("/")[0], []).append(index)
    results: list[FileResult | None] = [None] * len(entries)
    keys: list[StatKey | None] = [None if (st := entry.stat) is None else stat_key(st) for entry in entries]
    whole: dict[int, shard.Shard] = {}
    unchanged: set[str] = set()
    """The folders whose shard holds every one of their files as it is: it is not written again."""
    without: set[str] = set()
    """The folders with no shard to read: one is written only if a file can be kept."""
    todo: list[int] = []
    for folder, indexes in shards.items():
        found = shard.read(where / shard_file(folder), key, folder, root) if where is not None else None
        if found is None:
            without.add(folder)
            todo.extend(indexes)
            continue
        first, last = indexes[0], indexes[-1]
        if found.keys == [keys[i] for i in indexes] and found.paths == [entries[i].relative for i in indexes]:
            unchanged.add(folder)
            if last - first + 1 == len(indexes) and found.every_file_a_record:
                whole[first] = found
                continue
        position = dict(zip(found.paths, range(len(found.paths)), strict=True))
        for index in indexes:
            at = position.get(entries[index].relative)
            if at is not None and found.keys[at] == keys[index]:
                results[index] = found.result(at)
            else:
                todo.append(index)
    total = len(entries)
    hits = total - len(todo)

    def tick(parsed: int) -> None:
        if progress is not None:
            progress(hits + parsed, total)

    tick(0)
    parsed = _parse(root, [(entries[i].kind, entries[i].path, entries[i].relative) for i in todo], tick)
    for index, parsed_result in zip(todo, parsed, strict=True):
        results[index] = parsed_result
    if where is not None:
        for folder, indexes in shards.items():
            if folder in unchanged:
                continue
            keep = [
                (entries[i].relative, file_key, kept)
                for i in indexes
                if (file_key := keys[i]) is not None
                and (kept := results[i]) is not None
                and kept.cacheable
                and max(file_key[1], file_key[2]) < started - RACY_NS
            ]
            if keep or folder not in without:
                _write(where / shard_file(folder), key, folder, keep)
        if every_folder:
            _forget_others(where, {shard_file(folder) for folder in shards})
    return Loaded(results, whole)


# --- writing the cache files -----------------------------------------------


def _write(where: Path, key: str, folder: str, keep: list[tuple[str, StatKey, FileResult]]) -> None:
    """Write one shard atomically; a folder that cannot be written simply goes without a cache."""
    content = shard.write(key, folder, keep)
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        # The cache sits in the chapter's repository, beside data/: keep it out of `git add .`.
        ignore = where.parent.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# capctl's load cache: safe to delete, never to commit\n*\n", encoding="utf-8")
        replace_file(where, content)
    except OSError:
        pass


def replace_file(where: Path, content: bytes) -> None:
    """Put a file of the cache in place atomically (a temporary file beside it, then a rename), creating
    its folder; nothing is left behind when that fails, and the OSError says why."""
    where.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{where.stem}.", suffix=".tmp", dir=where.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, where)
    except BaseException:
        os.unlink(tmp)
        raise


def _forget_others(where: Path, wanted: set[str]) -> None:
    """Remove the shards of folders that are gone."""
    try:
        names = os.listdir(where)
    except OSError:
        return
    for name in names:
        if name.endswith(SUFFIX) and name not in wanted:
            with contextlib.suppress(OSError):
                os.unlink(where / name)


# --- parsing what the cache does not hold -----------------------------------


def _parse(
    root: Path, files: list[tuple[RecordKind | None, Path, str]], tick: Callable[[int], None]
) -> list[FileResult]:
    """Each file's result; ``tick`` is told how many are parsed so far."""
    # The cores this process may use (a container or `taskset` may allow fewer than the machine has).
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    workers = min(cores, 8)
    if len(files) >= PARALLEL_MIN_FILES and workers >= 2:
        try:
            return _parse_in_workers(root, files, workers, tick)
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had here (a sandbox, memory): the same work in this process
    results: list[FileResult] = []
    for kind, path, _relative in files:
        results.append(load_record_file(root, kind, path))
        tick(len(results))
    return results


def _parse_in_workers(
    root: Path, files: list[tuple[RecordKind | None, Path, str]], workers: int, tick: Callable[[int], None]
) -> list[FileResult]:
    """The files read in worker processes, in chunks of one kind each (a chunk comes back as a shard's
    content, its records still lines of JSON: nothing is validated twice)."""
    by_kind: dict[RecordKind | None, list[int]] = {}
    for i, (kind, _path, _relative) in enumerate(files):
        by_kind.setdefault(kind, []).append(i)
    chunks = [group[j : j + CHUNK_FILES] for group in by_kind.values() for j in range(0, len(group), CHUNK_FILES)]
    results: list[FileResult | None] = [None] * len(files)
    done = 0
    with ProcessPoolExecutor(max_workers=workers) as pool:
        sent = pool.map(shard.parsed_in_worker, [[files[i] for i in chunk] for chunk in chunks], [root] * len(chunks))
        for chunk, content in zip(chunks, sent, strict=True):
            for i, result in zip(chunk, shard.results_from_worker(content, root), strict=True):
                results[i] = result
            done += len(chunk)
            tick(done)
    assert all(result is not None for result in results)  # every chunk came back whole
    return cast("list[FileResult]", results)
