"""The data folder: load every record with the problems found, write and edit records.

Loading never raises for bad data: it returns a :class:`DataSet` whose
``problems`` list says what is wrong, file and line. Writing never replaces an
existing file, and every write is atomic (a temporary file, then a link or a
rename in the same folder).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import operator
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel, ValidationError

from capctl import fastyaml, yamlio
from capctl.messages import describe_validation_error
from capctl.models import ID_MAX_LENGTH, ID_PATTERN, MODELS, MetricsFile, Record, Settings
from capctl.problems import CapctlError, Problem
from capctl.vocab import RecordKind, Severity

SETTINGS_FILE = "capctl.yaml"
METRICS_FILE = "metrics.yaml"
SUFFIX = ".yaml"
MAX_FILE_BYTES = 1_000_000
"""Records are small; a larger file is refused before it is parsed."""
ATTACHMENTS_FOLDER = "files"
"""Testimony and resource files live here; capctl does not read them as records."""
SCHEMAS_FOLDER = "schemas"
"""JSON Schemas for editors (written by `capctl init` and `capctl schema`); not records either."""

_ID_RE = __import__("re").compile(ID_PATTERN)

R = TypeVar("R", bound=Record)
_BY_ID = operator.attrgetter("id")


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value)) and len(value) <= ID_MAX_LENGTH


@dataclass
class DataSet:
    """Every record of one data folder, and the problems found loading it."""

    root: Path
    settings: Settings | None = None
    metrics: MetricsFile | None = None
    records: dict[str, Record] = field(default_factory=dict)
    paths: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of(self, kind: RecordKind) -> list[Record]:
        return [r for r in self.records.values() if r.collection is kind]

    def typed(self, model: type[R]) -> list[R]:
        """Every record of one model, in id order."""
        found = [r for r in self.records.values() if isinstance(r, model)]
        found.sort(key=_BY_ID)  # the report asks a dozen times for 50,000 engagements
        return found

    def get(self, record_id: str) -> Record | None:
        return self.records.get(record_id)

    def path_of(self, record_id: str) -> Path:
        return self.paths[record_id]

    def display(self, path: Path) -> str:
        """A path as the user would type it: the data folder as given, then the file."""
        return display_path(self.root, path)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def display_path(root: Path, path: Path) -> str:
    try:
        return str(root / path.relative_to(root))
    except ValueError:
        return str(path)


# --- where records live ---------------------------------------------------


def record_path(root: Path, kind: RecordKind, record_id: str, day: dt.date | None = None) -> Path:
    """Where a record with this id lives. The id is checked first, so no id can leave ``root``."""
    if not is_valid_id(record_id):
        raise CapctlError(
            f"{record_id!r} is not a valid id: use lowercase letters, digits and hyphens, "
            f"at most {ID_MAX_LENGTH} characters, not starting with a hyphen"
        )
    if kind is RecordKind.engagements:
        if day is None:
            raise ValueError("an engagement's path needs its date")
        return root / kind.value / f"{day.year:04d}" / f"{record_id}{SUFFIX}"
    return root / kind.value / f"{record_id}{SUFFIX}"


class RecordFile(NamedTuple):
    """A file under a record folder: the kind its folder names (None: not a kind), its path,
    that path under the data folder with ``/``, and its ``stat`` (None if it could not be read)."""

    kind: RecordKind | None
    path: Path
    relative: str
    stat: os.stat_result | None


def record_files(root: Path) -> Iterator[tuple[RecordKind | None, Path]]:
    """Every file under the record folders, with the kind its folder names (None: not a kind)."""
    for found in record_entries(root):
        yield found.kind, found.path


def record_entries(root: Path) -> list[RecordFile]:
    """Every file under the record folders, in path order; hidden files and folders, and the
    attachments folder, are left out.

    One ``scandir`` per folder and one ``stat`` per file: at 60,000 files this is a
    good part of what a cached load costs.
    """
    kinds = {k.value: k for k in RecordKind}
    found: list[RecordFile] = []
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name in (ATTACHMENTS_FOLDER, SCHEMAS_FOLDER) or not entry.is_dir():
            continue
        kind = kinds.get(entry.name)
        folders: dict[tuple[str, ...], Path] = {}
        for parts, file_entry in sorted(_walk(entry.path, (entry.name,)), key=lambda item: item[0]):
            try:
                stat: os.stat_result | None = file_entry.stat()
            except OSError:
                stat = None
            folder = folders.get(parts[:-1])
            if folder is None:
                folder = folders[parts[:-1]] = root.joinpath(*parts[:-1])
            found.append(RecordFile(kind, _child(folder, parts[-1]), "/".join(parts), stat))
    return found


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name; Python 3.11 and 3.12 have a shortcut that skips parsing
    the name again (a third of the cost of listing 60,000 files)."""
    shortcut = getattr(folder, "_make_child_relpath", None)
    return shortcut(name) if shortcut is not None else folder / name  # type: ignore[no-any-return]


def _walk(folder: str, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], os.DirEntry[str]]]:
    # As Path.rglob: symbolic links to folders are not followed below the kind's folder, links to files are.
    try:
        with os.scandir(folder) as entries:
            listed = list(entries)
    except OSError:  # unreadable, or gone since it was listed
        return
    for entry in listed:
        if entry.name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
            # As Path.is_file: a link that loops or cannot be followed is not a file.
            is_file = not is_folder and entry.is_file()
        except OSError:
            continue
        if is_folder:
            yield from _walk(entry.path, (*parts, entry.name))
        elif is_file:
            yield (*parts, entry.name), entry


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
    load cache when the file has not changed (see :mod:`capctl.cache`), with what the
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
    from capctl.cache import load_record_files
    from capctl.rules import LOAD_RULES, check_cross_records, check_records

    data = DataSet(root=root)
    data.settings = _load_settings(data, root / SETTINGS_FILE, Settings)
    data.metrics = _load_settings(data, root / METRICS_FILE, MetricsFile)
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
    data.problems.sort(key=lambda p: (p.path, p.line or 0, p.message))
    return data


def _problem(data: DataSet, path: Path, line: int | None, message: str, severity: Severity = Severity.error) -> None:
    data.problems.append(Problem(data.display(path), line, severity, message))


def read_text(path: Path) -> str:
    """A record file's text, or :class:`yamlio.YamlSyntaxError` saying why it cannot be one."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise yamlio.YamlSyntaxError(f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})", None)
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise yamlio.YamlSyntaxError("binary file: records are YAML text", None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise yamlio.YamlSyntaxError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line
        ) from None
    return text


def parse_mapping(text: str) -> dict[str, Any]:
    """The top-level mapping of a record's text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    value = fastyaml.load(text)
    if value is fastyaml.FALLBACK:
        value = yamlio.load_safe(text)
    if value is None:
        raise yamlio.YamlSyntaxError("empty file: a record needs at least its required fields", None)
    if not isinstance(value, dict):
        found = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
        raise yamlio.YamlSyntaxError(f"a record must be a mapping of fields, found {found}", 1)
    return value


FileProblem = tuple[int | None, Severity, str]
"""A problem of one file: (line, severity, message); the file is known from where it is kept."""


@dataclass(slots=True)
class FileResult:
    """What one record file gives on its own: its record (None when it has errors) and its problems.

    It depends only on the file's bytes and its place under the data folder, which is
    what makes it safe to cache; ``cacheable`` is False when the file could not be
    read at all (permissions, I/O), since that says nothing about its content.
    """

    record: Record | None
    problems: list[FileProblem] = field(default_factory=list)
    cacheable: bool = True
    findings: list[FileProblem] = field(default_factory=list)
    """What :data:`capctl.rules.FILE_RULES` find in its record: problems of the data set only
    when the record is loaded (not when its id is taken by another file)."""


def _read_mapping(result: FileResult, path: Path) -> tuple[str, dict[str, Any]] | None:
    try:
        text = read_text(path)
        if text.startswith("\ufeff"):
            result.problems.append(
                (1, Severity.warning, "file starts with a byte-order mark; save it as UTF-8 without BOM")
            )
        return text, parse_mapping(text)
    except yamlio.YamlSyntaxError as exc:
        result.problems.append((exc.line, Severity.error, exc.message))
    except OSError as exc:
        result.problems.append((None, Severity.error, f"cannot read: {exc.strerror}"))
        result.cacheable = False
    return None


M = TypeVar("M", bound=BaseModel)


def _load_settings(data: DataSet, path: Path, model: type[M]) -> M | None:
    if not path.exists():
        if model is Settings:
            _problem(data, path, None, "missing: every data folder has a capctl.yaml (see `capctl init`)")
        return None
    result = FileResult(None)
    read = _read_mapping(result, path)
    shown = data.display(path)
    data.problems.extend(Problem(shown, line, severity, message) for line, severity, message in result.problems)
    if read is None:
        return None
    text, mapping = read
    try:
        return model.model_validate(mapping)
    except ValidationError as exc:
        problems = _validation_problems(text, exc)
        data.problems.extend(Problem(shown, line, Severity.error, message) for line, message in problems)
        return None


def _validation_problems(text: str, exc: ValidationError, skip_id: bool = False) -> list[tuple[int | None, str]]:
    return [
        (yamlio.line_of(text, loc), message)
        for loc, message in describe_validation_error(exc)
        if not (skip_id and loc[:1] == ("id",))
    ]


def _load_record_file(root: Path, kind: RecordKind | None, path: Path) -> FileResult:
    """Read, parse and validate one record file: all the work that depends on nothing but the file."""
    result = FileResult(None)
    parts = path.parts[len(root.parts) :]  # path.relative_to(root).parts, a tenth of the cost
    if kind is None:
        if path.suffix in (SUFFIX, ".yml"):
            result.problems.append(
                (None, Severity.error, f"unknown kind {parts[0]!r}: records go in {_kinds_sentence()}")
            )
        return result
    if path.suffix != SUFFIX:
        severity = Severity.error if path.suffix == ".yml" else Severity.warning
        result.problems.append((None, severity, f"not read: record files end in {SUFFIX}"))
        return result
    expected_depth = 3 if kind is RecordKind.engagements else 2
    if len(parts) != expected_depth:
        where = f"{kind.value}/<year>/" if kind is RecordKind.engagements else f"{kind.value}/"
        result.problems.append((None, Severity.error, f"wrong folder: {kind.value} files go directly in {where}"))
        return result
    record_id = path.stem
    read = _read_mapping(result, path)
    if read is None:
        return result
    text, mapping = read
    if "id" in mapping:
        result.problems.append(
            (yamlio.line_of(text, ["id"]), Severity.error, "id: remove this key; a record's id is its file name")
        )
        return result
    id_ok = is_valid_id(record_id)
    if not id_ok:
        result.problems.append(
            (
                None,
                Severity.error,
                f"file name {record_id!r} is not a valid id: use lowercase letters, digits and hyphens "
                f"(at most {ID_MAX_LENGTH}, not starting with a hyphen)",
            )
        )
    model = MODELS[kind]
    try:
        record = model.model_validate({**mapping, "id": record_id if id_ok else "invalid-id"})
    except ValidationError as exc:
        problems = _validation_problems(text, exc, skip_id=True)
        result.problems.extend((line, Severity.error, message) for line, message in problems)
        return result
    if id_ok:
        result.record = record
        result.findings = _file_findings(root, path, text, record)
    return result


def _file_findings(root: Path, path: Path, text: str, record: Record) -> list[FileProblem]:
    """What the rules on a record and its file alone find, with their lines as :func:`line_in` gives them."""
    from capctl.rules import FILE_RULES

    alone = DataSet(root=root, records={record.id: record}, paths={record.id: path})
    found = [finding for rule in FILE_RULES for finding in rule(alone, record)]
    if not found:
        return []
    body = text.lstrip("\ufeff")
    lines: dict[tuple[str | int, ...], int | None] = {}
    for _id, loc, _severity, _message in found:
        if tuple(loc) not in lines:
            lines[tuple(loc)] = yamlio.line_of(body, loc) if loc else 1
    return [(lines[tuple(loc)], severity, message) for _id, loc, severity, message in found]


def _kinds_sentence() -> str:
    return ", ".join(f"{k.value}/" for k in RecordKind)


def line_in(data: DataSet, record_id: str, loc: list[str | int]) -> int | None:
    """The line of a field of a loaded record, found only when a problem needs it."""
    path = data.paths.get(record_id)
    if path is None:
        return None
    try:
        return yamlio.line_of(read_text(path).lstrip("\ufeff"), loc)
    except (OSError, yamlio.YamlSyntaxError):
        return None


# --- writing --------------------------------------------------------------


def record_data(record: Record) -> dict[str, Any]:
    """A record's fields as they are written to its file (no id, empty values left out)."""
    data: dict[str, Any] = record.model_dump(mode="python", by_alias=True, exclude={"id"}, exclude_none=True)
    return data


def schema_comment(kind: RecordKind | str) -> str:
    """The first line of every file capctl writes: editors validate and complete fields from it."""
    if isinstance(kind, RecordKind):
        depth = "../../" if kind is RecordKind.engagements else "../"
        name = kind.singular
    else:
        depth, name = "", kind
    return f"yaml-language-server: $schema={depth}{SCHEMAS_FOLDER}/{name}.schema.json"


def render(record: Record) -> str:
    """A record's canonical file text."""
    return yamlio.dump(record_data(record), header=[schema_comment(record.collection)])


def write_new(root: Path, record: Record, unique: bool = False) -> tuple[Path, Record]:
    """Write a new record's file; never replaces an existing file.

    With ``unique``, a taken name gets ``-2``, ``-3``... (race-free: the name is
    claimed by an atomic link), and the record returned carries the id used;
    without it, a taken name raises FileExistsError.
    """
    day = getattr(record, "date", None) if record.collection is RecordKind.engagements else None
    base_id = record.id
    for attempt in range(1, 1000):
        if attempt > 1:
            suffix = f"-{attempt}"
            record = record.model_copy(update={"id": base_id[: ID_MAX_LENGTH - len(suffix)] + suffix})
        path = record_path(root, record.collection, record.id, day)
        try:
            write_exclusive(path, render(record))
            return path, record
        except FileExistsError:
            if not unique:
                raise
    raise FileExistsError(f"no free name for {base_id!r} in {path.parent}")


def write_exclusive(path: Path, text: str) -> None:
    """Atomically create ``path`` with ``text``; FileExistsError if it already exists.

    The text is written and flushed to a temporary file in the same folder, then
    hard-linked to its name: the link fails if the name is taken, and a reader
    sees either no file or the whole file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _write_temp(path, text)
    try:
        os.link(tmp, path)
    finally:
        os.unlink(tmp)
    _fsync_dir(path.parent)


def replace_atomic(path: Path, text: str) -> None:
    """Atomically replace ``path``'s content with ``text``."""
    tmp = _write_temp(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _write_temp(path: Path, text: str) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def edit(
    path: Path, change: Callable[[Any], None], kind: RecordKind, check: Callable[[Record], None] | None = None
) -> Record:
    """Change one record file in place, keeping every line the change does not touch.

    ``change`` receives the round-trip tree (a ruamel ``CommentedMap``) and
    mutates it. The result is validated as a record (and by ``check``, which
    raises to refuse it) before anything is written; if it is invalid, or the
    file changed meanwhile, nothing is written.
    """
    try:
        original = read_text(path)
    except yamlio.YamlSyntaxError as exc:
        raise CapctlError(f"{path}: cannot edit: {exc.message}", 1) from None
    try:
        new_text = yamlio.edit_text(original, change)
    except yamlio.YamlSyntaxError as exc:
        raise CapctlError(f"{path}:{exc.line or 1}: cannot edit: {exc.message}", 1) from None
    record = validate_text(new_text, kind, path.stem, str(path))
    if check is not None:
        check(record)
    with _locked(path):
        if read_text(path) != original:
            raise CapctlError(f"{path} changed while it was being edited; nothing was written, try again", 1)
        replace_atomic(path, new_text)
    return record


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the file as it is now, so that comparing it with what was read
    and replacing it is one step for every other editor: two edits of one file never lose one."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: the comparison alone narrows the window
        yield
        return
    with path.open("rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


def validate_text(text: str, kind: RecordKind, record_id: str, shown_path: str) -> Record:
    """Validate a record's would-be text; CapctlError naming the first problem if invalid."""
    try:
        mapping = parse_mapping(text)
        return MODELS[kind].model_validate({**mapping, "id": record_id})
    except yamlio.YamlSyntaxError as exc:
        raise CapctlError(f"{shown_path}:{exc.line or 1}: error: {exc.message}; nothing was written", 1) from None
    except ValidationError as exc:
        loc, message = describe_validation_error(exc)[0]
        line = yamlio.line_of(text, loc) or 1
        raise CapctlError(f"{shown_path}:{line}: error: {message}; nothing was written", 1) from None
