"""Where records live: the data folder's files and folders, ids and the paths they give, reading a file's text."""

from __future__ import annotations

import datetime as dt
import operator
import os
import stat
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from capctl.models.records import ID_MAX_LENGTH, ID_PATTERN
from capctl.problems import CapctlError
from capctl.vocab import RecordKind
from capctl.yaml import fast as fastyaml
from capctl.yaml import safe

SETTINGS_FILE = "capctl.yaml"
METRICS_FILE = "metrics.yaml"
SUFFIX = ".yaml"
RECORD_SUFFIXES = (SUFFIX, ".yml")
MAX_FILE_BYTES = 1_000_000
"""Records are small; a larger file is refused before it is parsed."""
ATTACHMENTS_FOLDER = "files"
"""Testimony and resource files live here; capctl does not read them as records."""
SCHEMAS_FOLDER = "schemas"
"""JSON Schemas for editors (written by `capctl init` and `capctl schema`); not records either."""

_ID_RE = __import__("re").compile(ID_PATTERN)


def is_valid_id(value: str) -> bool:
    return bool(_ID_RE.match(value)) and len(value) <= ID_MAX_LENGTH


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
    """Every file under the record folders, with the kind its folder names (None: not a kind); not the
    folders and broken links :func:`record_entries` lists for check."""
    for found in record_entries(root):
        if found.stat is not None and stat.S_ISREG(found.stat.st_mode):
            yield found.kind, found.path


def record_entries(root: Path, kinds: Collection[RecordKind] | None = None) -> list[RecordFile]:
    """Every file under the record folders, in path order, and the folders and broken symbolic links
    named like record files (``people/ghost.yaml``); hidden files and folders, and the attachments
    folder, are left out.

    One ``scandir`` per folder and one ``stat`` per file: at 60,000 files this is a
    good part of what a cached load costs. ``kinds``: only the folders of these kinds are listed (a load
    of some kinds knows the others by name only: :func:`record_names`).
    """
    by_name = {k.value: k for k in RecordKind}
    found: list[RecordFile] = []
    for entry in sorted(os.scandir(root), key=_NAME):
        if entry.name.startswith(".") or entry.name in (ATTACHMENTS_FOLDER, SCHEMAS_FOLDER) or not _is_folder(entry):
            continue
        kind = by_name.get(entry.name)
        if kinds is None or kind in kinds:
            _walk(found, kind, root / entry.name, entry.path, entry.name + "/")
    return found


def record_id(relative: str) -> str:
    """The id of a record file (its path under the data folder, with ``/``): its name without ``.yaml``."""
    return relative[relative.rfind("/") + 1 : -len(SUFFIX)]


def record_names(root: Path, kinds: Collection[RecordKind]) -> dict[str, tuple[RecordKind, str]]:
    """The ids of the record files of these kinds, with their kind and their path under the data folder
    (the first in path order where two folders have one): names only, nothing stat-ed or read."""
    found: dict[str, tuple[RecordKind, str]] = {}
    for kind in sorted(kinds, key=lambda k: k.value):
        named: list[str] = []
        _names(named, root / kind.value, kind.value + "/")
        for relative in named:  # listed in no order: where two files share a name, the first in path order
            named_id = record_id(relative)
            seen = found.get(named_id)
            if seen is None or (seen[0] is kind and relative.split("/") < seen[1].split("/")):
                found[named_id] = (kind, relative)
    return found


def _names(found: list[str], where: Path, prefix: str) -> None:
    try:
        with os.scandir(where) as entries:
            listed = list(entries)
    except OSError:
        return
    for entry in listed:
        name = entry.name
        if name.startswith("."):
            continue
        if name.endswith(SUFFIX):
            found.append(prefix + name)
        try:
            is_folder = entry.is_dir(follow_symlinks=False)
        except OSError:
            continue
        if is_folder:
            _names(found, where / name, prefix + name + "/")


def _is_special(entry: os.DirEntry[str]) -> bool:
    """A pipe, a socket or a device: never read (a pipe would wait forever)."""
    try:
        return not stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return False


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that loops (capctl.yaml, metrics.yaml): check reports it as that file
        return False


def _child(folder: Path, name: str) -> Path:
    """``folder / name`` for a plain file name; Python 3.11 and 3.12 have a shortcut that skips parsing
    the name again (a third of the cost of listing 60,000 files)."""
    shortcut = getattr(folder, "_make_child_relpath", None)
    return shortcut(name) if shortcut is not None else folder / name  # type: ignore[no-any-return]


_NAME = operator.attrgetter("name")


def _walk(found: list[RecordFile], kind: RecordKind | None, folder: Path, where: str, prefix: str) -> None:
    """The files under one folder, in path order (each folder's names sorted, its files listed where
    its name falls), appended to ``found``; ``prefix`` is the folder under the data folder, with ``/``."""
    # As Path.rglob: symbolic links to folders are not followed below the kind's folder, links to files are.
    try:
        with os.scandir(where) as entries:
            listed = sorted(entries, key=_NAME)
    except OSError:  # unreadable, or gone since it was listed
        return
    for entry in listed:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            if entry.is_file(follow_symlinks=False):  # the usual: a plain file, known without a system call
                is_folder = is_link = False
                is_file = True
            else:
                is_folder = entry.is_dir(follow_symlinks=False)
                is_link = entry.is_symlink()
                try:
                    is_file = not is_folder and entry.is_file()
                except OSError:  # as Path.is_file: a link that loops or cannot be followed is not a file
                    is_file = False
        except OSError:
            continue
        # A folder, a link that leads nowhere or a pipe named like a record is listed too: check says what it is.
        if is_file or (name.endswith(RECORD_SUFFIXES) and (is_folder or is_link or _is_special(entry))):
            try:
                stat: os.stat_result | None = entry.stat()
            except OSError:
                stat = None
            found.append(RecordFile(kind, _child(folder, name), prefix + name, stat))
        if is_folder:
            _walk(found, kind, _child(folder, name), entry.path, prefix + name + "/")


def read_text(path: Path) -> str:
    """A record file's text, or :class:`~capctl.yaml.safe.YamlSyntaxError` saying why it cannot be one."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):  # a folder: read_bytes says so
        raise safe.YamlSyntaxError("not a regular file (a pipe, a socket or a device): records are files", None)
    size = info.st_size
    if size > MAX_FILE_BYTES:
        raise safe.YamlSyntaxError(f"file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})", None)
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise safe.YamlSyntaxError("binary file: records are YAML text", None)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise safe.YamlSyntaxError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8", line
        ) from None
    return text


def parse_mapping(text: str, what: str = "a record") -> dict[str, Any]:
    """The top-level mapping of a record's text (``what``: the file, in the messages)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    value = fastyaml.load(text)
    if value is fastyaml.FALLBACK:
        value = safe.load_safe(text)
    if value is None:
        raise safe.YamlSyntaxError(f"empty file: {what} needs at least its required fields", None)
    if not isinstance(value, dict):
        found = "a list" if isinstance(value, list) else f"a single value ({type(value).__name__})"
        raise safe.YamlSyntaxError(f"{what} must be a mapping of fields, found {found}", 1)
    return value


def kinds_sentence() -> str:
    return ", ".join(f"{k.value}/" for k in RecordKind)
