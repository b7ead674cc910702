"""The data folder: load every record with the problems found, write and edit records.

Loading never raises for bad data: it returns a :class:`DataSet` whose
``problems`` list says what is wrong, file and line. Writing never replaces an
existing file, and every write is atomic (a temporary file, then a link or a
rename in the same folder).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from capctl import yamlio
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
        return sorted((r for r in self.records.values() if isinstance(r, model)), key=lambda r: r.id)

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


def record_files(root: Path) -> Iterator[tuple[RecordKind | None, Path]]:
    """Every file under the record folders, with the kind its folder names (None: not a kind)."""
    kinds = {k.value: k for k in RecordKind}
    for entry in sorted(root.iterdir()):
        if entry.name.startswith(".") or entry.name in (ATTACHMENTS_FOLDER, SCHEMAS_FOLDER):
            continue
        if entry.is_dir():
            kind = kinds.get(entry.name)
            for path in sorted(entry.rglob("*")):
                if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts):
                    yield kind, path


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


def load(root: Path | str, progress: Callable[[int, int], None] | None = None) -> DataSet:
    """Load a data folder: every record that is valid, and every problem found.

    ``progress`` is told (files read, files in all) after each record file.
    """
    from capctl.rules import check_cross_records, check_record

    root = Path(root)
    data = DataSet(root=root)
    data.settings = _load_settings(data, root / SETTINGS_FILE, Settings)
    data.metrics = _load_settings(data, root / METRICS_FILE, MetricsFile)
    files = list(record_files(root))
    for done, (kind, path) in enumerate(files, 1):
        if progress is not None:
            progress(done, len(files))
        record = _load_record_file(data, kind, path)
        if record is None:
            continue
        if record.id in data.records:
            first = data.display(data.paths[record.id])
            data.problems.append(
                Problem(data.display(path), None, Severity.error, f"duplicate id {record.id!r}: also {first}")
            )
            continue
        data.records[record.id] = record
        data.paths[record.id] = path
        data.problems.extend(check_record(data, record))
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
    value = yamlio.load_safe(text)
    if value is None:
        raise yamlio.YamlSyntaxError("empty file: a record needs at least its required fields", None)
    if not isinstance(value, dict):
        found = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
        raise yamlio.YamlSyntaxError(f"a record must be a mapping of fields, found {found}", 1)
    return value


def _read_mapping(data: DataSet, path: Path) -> tuple[str, dict[str, Any]] | None:
    try:
        text = read_text(path)
        if text.startswith("\ufeff"):
            _problem(
                data, path, 1, "file starts with a byte-order mark; save it as UTF-8 without BOM", Severity.warning
            )
        return text, parse_mapping(text)
    except yamlio.YamlSyntaxError as exc:
        _problem(data, path, exc.line, exc.message)
    except OSError as exc:
        _problem(data, path, None, f"cannot read: {exc.strerror}")
    return None


M = TypeVar("M", bound=BaseModel)


def _load_settings(data: DataSet, path: Path, model: type[M]) -> M | None:
    if not path.exists():
        if model is Settings:
            _problem(data, path, None, "missing: every data folder has a capctl.yaml (see `capctl init`)")
        return None
    read = _read_mapping(data, path)
    if read is None:
        return None
    text, mapping = read
    try:
        return model.model_validate(mapping)
    except ValidationError as exc:
        _report_validation(data, path, text, exc)
        return None


def _report_validation(data: DataSet, path: Path, text: str, exc: ValidationError, skip_id: bool = False) -> None:
    for loc, message in describe_validation_error(exc):
        if skip_id and loc[:1] == ("id",):
            continue
        _problem(data, path, yamlio.line_of(text, loc), message)


def _load_record_file(data: DataSet, kind: RecordKind | None, path: Path) -> Record | None:
    relative = path.relative_to(data.root)
    if kind is None:
        if path.suffix in (SUFFIX, ".yml"):
            _problem(data, path, None, f"unknown kind {relative.parts[0]!r}: records go in {_kinds_sentence()}")
        return None
    if path.suffix != SUFFIX:
        severity = Severity.error if path.suffix == ".yml" else Severity.warning
        _problem(data, path, None, f"not read: record files end in {SUFFIX}", severity)
        return None
    expected_depth = 3 if kind is RecordKind.engagements else 2
    if len(relative.parts) != expected_depth:
        where = f"{kind.value}/<year>/" if kind is RecordKind.engagements else f"{kind.value}/"
        _problem(data, path, None, f"wrong folder: {kind.value} files go directly in {where}")
        return None
    record_id = path.stem
    read = _read_mapping(data, path)
    if read is None:
        return None
    text, mapping = read
    if "id" in mapping:
        _problem(data, path, yamlio.line_of(text, ["id"]), "id: remove this key; a record's id is its file name")
        return None
    id_ok = is_valid_id(record_id)
    if not id_ok:
        _problem(
            data,
            path,
            None,
            f"file name {record_id!r} is not a valid id: use lowercase letters, digits and hyphens "
            f"(at most {ID_MAX_LENGTH}, not starting with a hyphen)",
        )
    model = MODELS[kind]
    try:
        record = model.model_validate({**mapping, "id": record_id if id_ok else "invalid-id"})
    except ValidationError as exc:
        _report_validation(data, path, text, exc, skip_id=True)
        return None
    return record if id_ok else None


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
