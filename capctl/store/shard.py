"""One folder's shard of the load cache: what each of its files gave, and the index commands read.

A shard is three parts, one line each but the last:

1. a header (JSON, read by Pydantic): the format, what the cache was written for, the folder, how many
   record lines follow;
2. the folder's files as columns (JSON, read by the standard library and checked column by column in C
   loops): their paths under the data folder, stat keys, the line of each one's record, the record's facts
   (:class:`~capctl.store.dataset.Facts`), and the problems, findings and partial references of the few
   files that have some;
3. one line of JSON per record, kept as bytes and validated by its model only when a command reads it
   (:class:`~capctl.store.dataset.Block`).

Columns rather than a row per file: a folder of 10,000 files unchanged since the last load is taken whole
(:meth:`capctl.store.dataset.RecordMap.put_block`) without a Python object made for each file. Measured in
bench/RESULTS.md.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from capctl.models.records import MODELS, Record
from capctl.problems import CapctlError
from capctl.references import facts_of
from capctl.store.dataset import Block, Facts
from capctl.store.read import FileProblem, FileResult, PartialReference, load_record_file
from capctl.vocab import RecordKind

FORMAT = 3
StatKey = tuple[int, int, int, int]
"""(size, mtime_ns, ctime_ns, inode): a file is unchanged while these are."""
FACTS = ("latest", "refs", "open_until", "attachment", "sort")
"""The columns of the facts, in :class:`Facts` order (``refs`` joined by spaces: ids hold none)."""
SPARSE = ("problems", "findings", "references")
"""The columns kept only for the files that have some, by the file's position as a string."""

_PROBLEMS: TypeAdapter[list[FileProblem]] = TypeAdapter(list[FileProblem])
_REFERENCES: TypeAdapter[list[PartialReference]] = TypeAdapter(list[PartialReference])
_KINDS = {kind.value: kind for kind in RecordKind}
_TEXT = {str, type(None)}


class Header(BaseModel):
    format: Literal[3]
    key: str
    folder: str
    records: int
    """How many record lines follow the columns: fewer means the file was cut short."""


@dataclass(slots=True)
class Shard:
    """A shard as read, checked: its files' columns, and its records' block."""

    paths: list[str]
    keys: list[StatKey]
    lines: list[int]
    """Each file's record's line in the block; -1 for a file without a record."""
    facts: list[Facts | None]
    problems: dict[int, list[FileProblem]]
    findings: dict[int, list[FileProblem]]
    references: dict[int, list[PartialReference]]
    kind: RecordKind | None
    block: Block | None

    @property
    def every_file_a_record(self) -> bool:
        return -1 not in self.lines

    def result(self, i: int) -> FileResult:
        """What file ``i`` gave, as if it had been read again."""
        result = FileResult(None, self.problems.get(i, []), findings=self.findings.get(i, []))
        result.references = self.references.get(i, [])
        line = self.lines[i]
        if line >= 0 and self.block is not None:
            result.lazy = (self.block, line)
            result.facts = self.facts[i]
        return result


def read(where: Path, key: str, folder: str, root: Path) -> Shard | None:
    """The shard of ``folder``; None if missing, damaged, or written for something else."""
    try:
        content = where.read_bytes()
    except OSError:
        return None
    return parse(content, key, folder, root)


def parse(content: bytes, key: str, folder: str, root: Path) -> Shard | None:
    """A shard's content, checked; None where it is damaged or written for something else."""
    try:
        head, columns, rest = content.split(b"\n", 2)
        header = Header.model_validate_json(head)
        if header.key != key or header.folder != folder:
            return None
        body = json.loads(columns)
        lines = rest.split(b"\n")
        if len(lines) != header.records + 1 or lines[-1] != b"":
            return None  # cut short: each record line ends with a newline
        del lines[-1]
        return _columns(body, lines, root)
    except (ValidationError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _columns(body: Any, record_lines: list[bytes], root: Path) -> Shard | None:
    """The columns checked, or None (or an exception) where they are not what :func:`write` writes. A stat
    key that is not one simply never matches a file's: the file is read again."""
    paths, keys, lines = body["paths"], body["keys"], body["lines"]
    count = len(paths)
    columns = [body[name] for name in FACTS]
    if any(type(column) is not list or len(column) != count for column in [paths, keys, lines, *columns]):
        return None
    if not set(map(type, paths)) <= {str} or not set(map(type, lines)) <= {int}:
        return None
    if any(not set(map(type, column)) <= _TEXT for column in columns):
        return None
    placed = sorted(line for line in lines if line >= 0)
    if placed != list(range(len(record_lines))):
        return None  # each record line is one file's, and every one is
    kind = None if body["kind"] is None else _KINDS[body["kind"]]
    facts = [
        None if line < 0 else Facts(latest, tuple(refs.split()) if refs else (), until, attachment, sort)
        for line, latest, refs, until, attachment, sort in zip(lines, *columns, strict=True)
    ]
    block = None
    if kind is not None:
        sources = [""] * len(record_lines)
        for path, line in zip(paths, lines, strict=True):
            if line >= 0:
                sources[line] = path
        block = Block(MODELS[kind], record_lines, sources, functools.partial(_reread, root, kind))
    elif placed:
        return None
    return Shard(
        paths=paths,
        keys=list(map(tuple, keys)),
        lines=lines,
        facts=facts,
        problems=_sparse(body["problems"], _PROBLEMS, count),
        findings=_sparse(body["findings"], _PROBLEMS, count),
        references=_sparse(body["references"], _REFERENCES, count),
        kind=kind,
        block=block,
    )


def _sparse(column: Any, adapter: TypeAdapter[Any], count: int) -> dict[int, Any]:
    if type(column) is not dict:
        raise ValueError("not a sparse column")
    found = {int(position): adapter.validate_python(value) for position, value in column.items()}
    if any(not 0 <= position < count for position in found):
        raise ValueError("not a file's position")
    return found


def _reread(root: Path, kind: RecordKind, relative: str) -> Record:
    """A cached record that does not decode, from its file (unchanged since the load: its stat key matched)."""
    path = root.joinpath(*relative.split("/"))
    result = load_record_file(root, kind, path)
    if result.record is None:
        raise CapctlError(f"{path}: changed while capctl was reading it; run the command again", 1)
    return result.record


def parsed_in_worker(files: list[tuple[RecordKind | None, Path, str]], root: Path) -> bytes:
    """In a worker process: these files (of one kind) read, as a shard's content to send back (the records
    stay lines of JSON until a command reads them). A key of -1 says a result may not be cached."""
    results = [load_record_file(root, kind, path) for kind, path, _relative in files]
    keys = [(0 if result.cacheable else -1, 0, 0, 0) for result in results]
    return write("", "", [(f[2], key, r) for f, key, r in zip(files, keys, results, strict=True)])


def results_from_worker(content: bytes, root: Path) -> list[FileResult]:
    """What :func:`parsed_in_worker` sent, as results."""
    found = parse(content, "", "", root)
    if found is None:
        raise ValueError("a worker's results did not read back")  # a bug, never the data: say so
    results = [found.result(i) for i in range(len(found.paths))]
    for result, key in zip(results, found.keys, strict=True):
        result.cacheable = key[0] >= 0
    return results


def write(key: str, folder: str, keep: list[tuple[str, StatKey, FileResult]]) -> bytes:
    """The shard of ``folder`` holding these files' results."""
    body: dict[str, Any] = {"kind": None, "paths": [], "keys": [], "lines": []}
    body.update({name: [] for name in FACTS})
    body.update({name: {} for name in SPARSE})
    lines: list[bytes] = []
    for position, (path, stat, result) in enumerate(keep):
        body["paths"].append(path)
        body["keys"].append(list(stat))
        raw, facts, kind = _record(result)
        if raw is None or facts is None:
            body["lines"].append(-1)
            facts = Facts(None, (), None, None, None)
        else:
            body["kind"] = kind
            body["lines"].append(len(lines))
            lines.append(raw)
        body["latest"].append(facts.latest)
        body["refs"].append(" ".join(facts.refs) or None)
        body["open_until"].append(facts.open_until)
        body["attachment"].append(facts.attachment)
        body["sort"].append(facts.sort)
        if result.problems:
            body["problems"][str(position)] = [[line, sev.value, message] for line, sev, message in result.problems]
        if result.findings:
            body["findings"][str(position)] = [[line, sev.value, message] for line, sev, message in result.findings]
        if result.references:
            body["references"][str(position)] = [[line, f, ref, k.value] for line, f, ref, k in result.references]
    header = Header(format=FORMAT, key=key, folder=folder, records=len(lines)).model_dump_json().encode()
    columns = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return b"".join([header, b"\n", columns, b"\n", *(line + b"\n" for line in lines)])


def _record(result: FileResult) -> tuple[bytes | None, Facts | None, str | None]:
    """A file's record as a line of the block, its facts and its kind (Nones: the file has no record)."""
    if result.lazy is not None:  # still as read from the cache: its line is kept without decoding it
        block, line = result.lazy
        return block.lines[line], result.facts, block.model.collection.value
    if result.record is not None:
        record = result.record
        raw = record.model_dump_json(exclude_unset=True, by_alias=True).encode()
        return raw, facts_of(record), record.collection.value
    return None, None, None
