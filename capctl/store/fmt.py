"""The one canonical form of every file capctl reads, and rewriting files into it with their comments.

Canonical means what :func:`capctl.yaml.canonical.dump` writes for the values the file
holds: keys in the models' order, two-space indentation with list dashes
indented under their key, quotes only where YAML needs them, block lists, no
blank lines, long lines never folded, the schema comment first (so editors
validate the file), and empty values left out.

Comments are kept. Each belongs to a key or a list item: a comment on its own
line belongs to the entry that follows it, a comment at the end of a line to
the entry on that line, and comments above the first entry to the file. When
keys move, their comments move with them.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from capctl.messages import describe_validation_error
from capctl.models.metrics import MetricsFile
from capctl.models.records import MODELS
from capctl.models.settings import Settings
from capctl.problems import CapctlError, Problem
from capctl.store import files as store_files
from capctl.store import write as store_write
from capctl.vocab import RecordKind, Severity
from capctl.yaml import canonical as yaml_canonical
from capctl.yaml import roundtrip, safe

Loc = tuple[str | int, ...]
SCHEMA_COMMENT = re.compile(r"^#\s*yaml-language-server:\s*\$schema=")


@dataclass(frozen=True)
class Target:
    """One file to format: where it is, what it holds and how to show its path."""

    path: Path
    shown: str
    model: type[BaseModel]
    header: str
    record_id: str | None = None


@dataclass
class Formatted:
    """A file's text as it is and in canonical form."""

    target: Target
    original: str
    canonical: str

    @property
    def changed(self) -> bool:
        return self.original != self.canonical

    def diff(self) -> str:
        shown = self.target.shown
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.canonical.splitlines(keepends=True),
                fromfile=shown,
                tofile=f"{shown} (canonical)",
            )
        )


@dataclass
class Outcome:
    """Every file looked at, and the problems of those that could not be formatted (left untouched)."""

    files: list[Formatted] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def changed(self) -> list[Formatted]:
        return [f for f in self.files if f.changed]


class FormatError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# --- which files ------------------------------------------------------------


def data_root_of(path: Path) -> Path | None:
    """The data folder holding ``path``: the nearest folder at or above it with a capctl.yaml."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents, *start.resolve().parents):
        if (folder / store_files.SETTINGS_FILE).is_file():
            return folder
    return None


def classify(root: Path, path: Path) -> Target | str:
    """What ``path`` holds in the data folder ``root``, or why it is not a file capctl formats."""
    shown = str(path)
    if path.is_symlink():
        # Rewriting would replace the link with a file and leave the file it points to as it was.
        return "a symbolic link: format the file it points to"
    try:
        relative = (path.parent.resolve() / path.name).relative_to(root.resolve())
    except ValueError:
        return "not inside the data folder"
    parts = relative.parts
    if parts in ((store_files.SETTINGS_FILE,), (store_files.METRICS_FILE,)):
        model: type[BaseModel] = Settings if parts[0] == store_files.SETTINGS_FILE else MetricsFile
        name = "capctl" if model is Settings else "metrics"
        return Target(path, shown, model, store_write.schema_comment(name))
    kinds = {kind.value: kind for kind in RecordKind}
    kind = kinds.get(parts[0]) if len(parts) > 1 else None
    if kind is None:
        return "not a capctl record: records go in " + ", ".join(f"{k.value}/" for k in RecordKind)
    if path.suffix != store_files.SUFFIX:
        return f"not a record: record files end in {store_files.SUFFIX}"
    expected_depth = 3 if kind is RecordKind.engagements else 2
    if len(parts) != expected_depth:
        where = f"{kind.value}/<year>/" if kind is RecordKind.engagements else f"{kind.value}/"
        return f"wrong folder: {kind.value} files go directly in {where}"
    return Target(path, shown, MODELS[kind], store_write.schema_comment(kind), path.stem)


def data_folder_targets(root: Path) -> list[Target]:
    """Every record of a data folder, with capctl.yaml and metrics.yaml."""
    targets: list[Target] = []
    for name in (store_files.SETTINGS_FILE, store_files.METRICS_FILE):
        if (root / name).is_file():
            found = classify(root, root / name)
            if isinstance(found, Target):
                targets.append(found)
    for kind, path in store_files.record_files(root):
        if kind is not None:
            inside = classify(root, path)
            if isinstance(inside, Target):
                targets.append(inside)
    return targets


def targets_of(paths: Iterable[Path]) -> tuple[list[Target], list[Problem]]:
    """The files named by ``paths`` (files or folders); a folder gives every record file under it."""
    targets: list[Target] = []
    problems: list[Problem] = []
    for given in paths:
        if not given.exists():
            raise CapctlError(f"'{given}' does not exist")
        root = data_root_of(given)
        if given.is_dir():
            if root is None:
                # A folder above data folders (a repository's root): every data folder under it.
                roots = sorted({p.parent for p in given.rglob(store_files.SETTINGS_FILE) if not _hidden(p, given)})
                if not roots:
                    raise CapctlError(f"'{given}' holds no capctl data folder (no capctl.yaml in or under it)")
                for each in roots:
                    targets.extend(data_folder_targets(each))
            elif root.resolve() == given.resolve():
                targets.extend(data_folder_targets(given))
            else:
                for path in sorted(given.rglob(f"*{store_files.SUFFIX}")):
                    if not _hidden(path, given):
                        inside = classify(root, path)
                        if isinstance(inside, Target):
                            targets.append(inside)
            continue
        if root is None:
            problems.append(
                Problem(str(given), None, Severity.error, "not in a capctl data folder (no capctl.yaml above it)")
            )
            continue
        found = classify(root, given)
        if isinstance(found, str):
            problems.append(Problem(str(given), None, Severity.error, found))
        else:
            targets.append(found)
    unique = list({t.path.resolve(): t for t in targets}.values())
    return unique, problems


def _hidden(path: Path, under: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(under).parts)


# --- the canonical text -----------------------------------------------------


def canonical_text(text: str, target: Target) -> str:
    """The canonical form of a file's text; FormatError (with its line) if it does not parse or validate."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        mapping = store_files.parse_mapping(text)
    except safe.YamlSyntaxError as exc:
        raise FormatError(exc.message, exc.line) from None
    if target.record_id is not None:
        if "id" in mapping:
            raise FormatError("id: remove this key; a record's id is its file name", roundtrip.line_of(text, ["id"]))
        if not store_files.is_valid_id(target.record_id):
            raise FormatError(
                f"file name {target.record_id!r} is not a valid id: use lowercase letters, digits and hyphens"
            )
        mapping = {**mapping, "id": target.record_id}
    try:
        value = target.model.model_validate(mapping)
    except ValidationError as exc:
        loc, message = next(
            (loc, message)
            for loc, message in describe_validation_error(exc, target.model)
            if target.record_id is None or loc[:1] != ("id",)
        )
        raise FormatError(message, roundtrip.line_of(text, loc)) from None
    data = value.model_dump(mode="python", by_alias=True, exclude_unset=True, exclude={"id"})
    bare = yaml_canonical.dump(data)
    return _with_comments(text, bare, target.header)


@dataclass
class _Layout:
    """Where each entry of a YAML text starts, and its comments."""

    starts: dict[Loc, int] = field(default_factory=dict)
    """Each key's or list item's path and the (0-based) line it starts on, in document order."""
    first_line: int | None = None
    comments: list[tuple[int, int, str]] = field(default_factory=list)
    """(line, column, text) of every comment."""


def _layout(text: str) -> _Layout:
    layout = _Layout()
    spans: list[tuple[int, int, int, int]] = []
    stack: list[list[Any]] = []  # [path, is_mapping, expecting_key, key or next index]
    try:
        events = list(_parser().parse(text))
    except YAMLError as exc:  # pragma: no cover - the text was parsed before
        raise FormatError(f"YAML syntax: {exc}") from None
    for event in events:
        name = type(event).__name__
        if name in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop()
            continue
        if name not in ("ScalarEvent", "MappingStartEvent", "SequenceStartEvent", "AliasEvent"):
            continue
        start, end = event.start_mark, event.end_mark
        if layout.first_line is None:
            layout.first_line = start.line
        if name == "ScalarEvent":
            if event.style in ("|", ">"):
                # The indicator line's rest (a comment may follow `|`) is not the scalar's text.
                spans.append((start.line + 1, 0, end.line, end.column))
            else:
                spans.append((start.line, start.column, end.line, end.column))
        path: Loc = ()
        if stack:
            frame = stack[-1]
            if frame[1] and frame[2]:
                key = event.value if name == "ScalarEvent" else "?"
                frame[3], frame[2] = key, False
                layout.starts.setdefault((*frame[0], key), start.line)
                if name in ("MappingStartEvent", "SequenceStartEvent"):  # a key that is itself a collection
                    stack.append([(*frame[0], key, "?"), name == "MappingStartEvent", True, 0])
                continue
            if frame[1]:
                path, frame[2] = (*frame[0], frame[3]), True
            else:
                path, frame[3] = (*frame[0], frame[3]), frame[3] + 1
                layout.starts.setdefault(path, start.line)
        if name in ("MappingStartEvent", "SequenceStartEvent"):
            stack.append([path, name == "MappingStartEvent", True, 0])
    layout.comments = list(_comments(text, spans))
    return layout


@functools.cache
def _parser() -> YAML:
    return YAML(typ="safe", pure=False)


def _comments(text: str, spans: list[tuple[int, int, int, int]]) -> Iterator[tuple[int, int, str]]:
    covered: dict[int, list[tuple[int, float]]] = {}
    for first, start, last, end in spans:
        if first == last:
            covered.setdefault(first, []).append((start, end))
            continue
        covered.setdefault(first, []).append((start, float("inf")))
        for inside in range(first + 1, last):
            covered.setdefault(inside, []).append((0, float("inf")))
        covered.setdefault(last, []).append((0, end))
    for number, line in enumerate(text.splitlines()):
        for match in re.finditer("#", line):
            col = match.start()
            if col > 0 and line[col - 1] not in " \t":
                continue
            if any(a <= col < b for a, b in covered.get(number, ())):
                continue
            yield number, col, line[col:].rstrip()
            break


def _with_comments(original: str, bare: str, header: str) -> str:
    if original == f"# {header}\n{bare}":
        return original  # canonical with no other comment: the common case, and the fastest
    source = _layout(original)
    out_layout = _layout(bare)
    out_lines = bare.splitlines()
    order = list(source.starts)
    found = set(out_layout.starts)
    lines = original.splitlines()

    top: list[str] = []
    before: dict[int, list[str]] = {}
    after: dict[int, list[str]] = {}
    trailing: list[str] = []

    def attach_before(loc: Loc | None, comment: str) -> None:
        # An entry capctl leaves out (an empty value) hands its comments to the next entry kept.
        index = order.index(loc) if loc is not None else len(order)
        for candidate in order[index:]:
            if candidate in found:
                before.setdefault(out_layout.starts[candidate], []).append(comment)
                return
        trailing.append(comment)

    for line, col, comment in source.comments:
        if source.first_line is None or line < source.first_line:
            if not SCHEMA_COMMENT.match(comment):
                top.append(comment)
            continue
        if lines[line][:col].strip():
            on_line = [loc for loc in order if source.starts[loc] <= line]
            loc = on_line[-1] if on_line else None
            if loc in found:
                after.setdefault(out_layout.starts[loc], []).append(comment)
            else:
                attach_before(loc, comment)
        else:
            following = next((loc for loc in order if source.starts[loc] > line), None)
            if following is None:
                trailing.append(comment)
            else:
                attach_before(following, comment)

    result = [f"# {header}", *top]
    for number, text in enumerate(out_lines):
        indent = " " * (len(text) - len(text.lstrip(" ")))
        result.extend(indent + comment for comment in before.get(number, []))
        result.append("  ".join([text, *after.get(number, [])]))
    result.extend(trailing)
    formatted = "\n".join(result) + "\n"
    if formatted != original and safe.load_safe(formatted) != safe.load_safe(bare):
        raise FormatError("cannot keep the comments in place; format this file by hand")
    return formatted


# --- formatting files ---------------------------------------------------------


def format_targets(targets: Iterable[Target]) -> Outcome:
    """Each file's canonical text; a file that does not parse or validate is a problem instead."""
    outcome = Outcome()
    for target in targets:
        try:
            original = store_files.read_text(target.path)
            outcome.files.append(Formatted(target, original, canonical_text(original, target)))
        except safe.YamlSyntaxError as exc:
            outcome.problems.append(Problem(target.shown, exc.line, Severity.error, exc.message))
        except FormatError as exc:
            outcome.problems.append(Problem(target.shown, exc.line, Severity.error, exc.message))
        except OSError as exc:
            outcome.problems.append(Problem(target.shown, None, Severity.error, f"cannot read: {exc.strerror}"))
    return outcome


def write(formatted: Formatted) -> None:
    """Replace a file with its canonical text, unless it changed since it was read."""
    path = formatted.target.path
    if store_files.read_text(path) != formatted.original:
        raise CapctlError(f"{formatted.target.shown} changed while it was being formatted; nothing was written", 1)
    store_write.replace_atomic(path, formatted.canonical)
