"""Writing: new records (atomic, never over another file) and round-trip edits of one record (validated first)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from capctl.messages import describe_validation_error
from capctl.models.records import ID_MAX_LENGTH, MODELS, Record
from capctl.problems import CapctlError
from capctl.store.files import SCHEMAS_FOLDER, parse_mapping, read_text, record_path
from capctl.vocab import RecordKind
from capctl.yaml import canonical, roundtrip, safe
from capctl.yaml import roundtrip as yaml_roundtrip

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
    return canonical.dump(record_data(record), header=[schema_comment(record.collection)])


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
    sees either no file or the whole file. The file gets the mode a new file gets
    (0666 less the umask); when the disk refuses (read-only, full, no permission),
    :class:`CapctlError` says so and nothing is left behind.
    """
    with refused_write(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = _write_temp(path, text, new_file_mode())
        try:
            os.link(tmp, path)
        finally:
            os.unlink(tmp)
        fsync_dir(path.parent)


def replace_atomic(path: Path, text: str) -> None:
    """Atomically replace ``path``'s content with ``text``, keeping the file's mode (a new file's if none)."""
    with refused_write(path):
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            mode = new_file_mode()
        tmp = _write_temp(path, text, mode)
        try:
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        fsync_dir(path.parent)


@contextlib.contextmanager
def refused_write(path: Path) -> Iterator[None]:
    """An error from the file system while writing ``path`` as one clear sentence (exit 1), not a traceback;
    FileExistsError (the name is taken) goes through, for the caller to choose another."""
    try:
        yield
    except FileExistsError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CapctlError(f"cannot write {path}: {reason}; nothing was written", 1) from None


def umask() -> int:
    """The process's umask (os.umask can only be read by setting it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file: 0666 less the umask."""
    return 0o666 & ~umask()


def _write_temp(path: Path, text: str, mode: int) -> str:
    # mkstemp creates the file 0600 whatever the umask: it gets its mode before it is renamed into place.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.chmod(tmp, mode)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def fsync_dir(folder: Path) -> None:
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
    except safe.YamlSyntaxError as exc:
        raise CapctlError(f"{path}: cannot edit: {exc.message}", 1) from None
    try:
        new_text = roundtrip.edit_text(original, change)
    except safe.YamlSyntaxError as exc:
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
    except safe.YamlSyntaxError as exc:
        raise CapctlError(f"{shown_path}:{exc.line or 1}: error: {exc.message}; nothing was written", 1) from None
    except ValidationError as exc:
        loc, message = describe_validation_error(exc, MODELS[kind])[0]
        line = yaml_roundtrip.line_of(text, loc) or 1
        raise CapctlError(f"{shown_path}:{line}: error: {message}; nothing was written", 1) from None
