"""Reading one file: parse and validate a record file or a settings file, with every problem found as a value."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from capctl.messages import describe_validation_error
from capctl.models.records import ID_MAX_LENGTH, MODELS, Record
from capctl.models.settings import Settings
from capctl.problems import Problem
from capctl.references import field_name, references
from capctl.rules import FILE_RULES, PARTIAL_RULES
from capctl.store.dataset import DataSet, Facts, Lazy
from capctl.store.files import SUFFIX, is_valid_id, kinds_sentence, parse_mapping, read_text
from capctl.vocab import RecordKind, Severity
from capctl.yaml import roundtrip, safe


def _problem(data: DataSet, path: Path, line: int | None, message: str, severity: Severity = Severity.error) -> None:
    data.problems.append(Problem(data.display(path), line, severity, message))


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
    lazy: Lazy | None = None
    """Its record as the load cache holds it, not decoded yet (``record`` is then None)."""
    facts: Facts | None = None
    """With ``lazy``: what the load cache's index keeps of the record."""
    references: list[PartialReference] = field(default_factory=list)
    """For a record with errors, the references its valid fields make: the load checks that they
    exist, so that one error does not hide another (``kind: meeting`` and an unknown person)."""


PartialReference = tuple[int | None, str, str, RecordKind]
"""A reference of a record that has errors: (line, field, target id, the kind it must be)."""


def _read_mapping(result: FileResult, path: Path, what: str = "a record") -> tuple[str, dict[str, Any]] | None:
    try:
        text = read_text(path)
        if text.startswith("\ufeff"):
            result.problems.append(
                (1, Severity.warning, "file starts with a byte-order mark; save it as UTF-8 without BOM")
            )
        return text, parse_mapping(text, what)
    except safe.YamlSyntaxError as exc:
        result.problems.append((exc.line, Severity.error, exc.message))
    except OSError as exc:
        result.problems.append((None, Severity.error, _unreadable(path, exc)))
        result.cacheable = False
    return None


def _unreadable(path: Path, exc: OSError) -> str:
    """Why a file named like a record could not be read, in words."""
    if exc.errno == errno.EISDIR:
        return "a folder named like a record file: a record is a file; rename or remove the folder"
    if exc.errno == errno.ELOOP:
        return "a symbolic link that loops back on itself: not a record; remove it"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"a symbolic link to nowhere ({os.readlink(path)}): not a record; remove it or restore its target"
    return f"cannot read: {exc.strerror}"


M = TypeVar("M", bound=BaseModel)


def load_settings(data: DataSet, path: Path, model: type[M]) -> M | None:
    if not path.exists():
        if path.is_symlink():
            try:
                path.stat()
            except OSError as exc:
                _problem(data, path, None, _unreadable(path, exc))
        elif model is Settings:
            _problem(data, path, None, "missing: every data folder has a capctl.yaml (see `capctl init`)")
        else:
            _problem(data, path, None, "missing: the report needs the grant's metrics (`capctl init` writes them)")
        return None
    result = FileResult(None)
    read = _read_mapping(result, path, path.name)
    shown = data.display(path)
    # A settings file's problem always has a line (the first when it is the whole file's): path:line for editors.
    data.problems.extend(Problem(shown, line or 1, severity, message) for line, severity, message in result.problems)
    if read is None:
        return None
    text, mapping = read
    try:
        return model.model_validate(mapping)
    except ValidationError as exc:
        problems = _validation_problems(text, exc, model)
        data.problems.extend(Problem(shown, line, Severity.error, message) for line, message in problems)
        return None


def _validation_problems(
    text: str, exc: ValidationError, model: type[BaseModel], skip_id: bool = False
) -> list[tuple[int | None, str]]:
    return [
        (roundtrip.line_of(text, loc), message)
        for loc, message in describe_validation_error(exc, model)
        if not (skip_id and loc[:1] == ("id",))
    ]


def load_record_file(root: Path, kind: RecordKind | None, path: Path) -> FileResult:
    """Read, parse and validate one record file: all the work that depends on nothing but the file."""
    result = FileResult(None)
    parts = path.parts[len(root.parts) :]  # path.relative_to(root).parts, a tenth of the cost
    if kind is None:
        if path.suffix in (SUFFIX, ".yml"):
            result.problems.append(
                (None, Severity.error, f"unknown kind {parts[0]!r}: records go in {kinds_sentence()}")
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
            (roundtrip.line_of(text, ["id"]), Severity.error, "id: remove this key; a record's id is its file name")
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
        problems = _validation_problems(text, exc, model, skip_id=True)
        result.problems.extend((line, Severity.error, message) for line, message in problems)
        _check_the_rest(result, root, path, text, partial_record(model, mapping, exc, record_id))
        return result
    if id_ok:
        result.record = record
        result.findings = _file_findings(root, path, text, record)
    return result


def _file_findings(root: Path, path: Path, text: str, record: Record) -> list[FileProblem]:
    """What the rules on a record and its file alone find, with their lines as :func:`line_in` gives them."""

    alone = DataSet(root=root, records={record.id: record}, paths={record.id: path})
    found = [finding for rule in FILE_RULES for finding in rule(alone, record)]
    if not found:
        return []
    body = text.lstrip("\ufeff")
    lines: dict[tuple[str | int, ...], int | None] = {}
    for _id, loc, _severity, _message in found:
        if tuple(loc) not in lines:
            lines[tuple(loc)] = roundtrip.line_of(body, loc) if loc else 1
    return [(lines[tuple(loc)], severity, message) for _id, loc, severity, message in found]


# --- what a record with errors still says ----------------------------------

_FIELD_ADAPTERS: dict[tuple[type[Record], str], TypeAdapter[Any]] = {}


def partial_record(model: type[Record], mapping: dict[str, Any], exc: ValidationError, record_id: str) -> Record:
    """A record of ``model`` holding only the fields of ``mapping`` that are valid on their own (each
    validated by its field's type): the rules and references of the rest of a record with errors. Not
    a valid record (required fields may be missing); never loaded as one."""
    wrong = {error["loc"][0] for error in exc.errors() if error["loc"]}
    names = {info.alias or name: name for name, info in model.model_fields.items()}
    values: dict[str, Any] = {}
    for key, value in mapping.items():
        name = names.get(key)
        if name is None or key in wrong or name == "id":
            continue
        try:
            values[name] = _adapter(model, name).validate_python(value)
        except ValidationError:
            continue
    return model.model_construct(id=record_id if is_valid_id(record_id) else "invalid-id", **values)


def _adapter(model: type[Record], name: str) -> TypeAdapter[Any]:
    key = (model, name)
    if key not in _FIELD_ADAPTERS:
        info = model.model_fields[name]
        kind: Any = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation  # type: ignore[valid-type]
        _FIELD_ADAPTERS[key] = TypeAdapter(kind)
    return _FIELD_ADAPTERS[key]


def _check_the_rest(result: FileResult, root: Path, path: Path, text: str, partial: Record) -> None:
    """What the file rules find in the valid fields of a record with errors, and the references they make."""
    body = text.lstrip("\ufeff")
    for rule in PARTIAL_RULES:
        try:
            found = list(rule(DataSet(root=root, records={partial.id: partial}, paths={partial.id: path}), partial))
        except AttributeError:  # the rule needs a field that has an error: that error is reported already
            continue
        result.problems.extend(
            (roundtrip.line_of(body, loc) if loc else 1, severity, message) for _id, loc, severity, message in found
        )
    try:
        made = list(references(partial))
    except AttributeError:
        return
    result.references = [(roundtrip.line_of(body, loc), field_name(loc), ref, kind) for loc, ref, kind in made]
