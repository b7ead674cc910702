"""Pydantic's validation errors in words an organizer reads: ``status: must be one of ...``."""

from __future__ import annotations

import difflib
import re
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

_PLAIN = {
    "missing": "required field is missing",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "date_type": "must be a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "must be a date without a time (YYYY-MM-DD)",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of fields",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_too_short": "must not be empty",
}


def describe_validation_error(
    exc: ValidationError, model: type[BaseModel] | None = None
) -> list[tuple[tuple[str | int, ...], str]]:
    """Each error as (location in the file, ``field.path: message``).

    With the ``model`` validated, an unknown field names the closest field known where it
    stands: ``emial: unknown field; did you mean email?``.
    """
    out: list[tuple[tuple[str | int, ...], str]] = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        field = ".".join(str(part) for part in loc)
        message = _message(error)
        if error["type"] == "extra_forbidden" and model is not None and loc and isinstance(loc[-1], str):
            closest = closest_field(model, loc)
            if closest is not None:
                message = f"{message}; did you mean {closest}?"
        out.append((loc, f"{field}: {message}" if field else message))
    return out


def closest_field(model: type[BaseModel], loc: tuple[str | int, ...]) -> str | None:
    """The known field most like the unknown one at ``loc`` (case aside), or None when none is close.

    ``id`` is never offered at the top: a record's id is its file name.
    """
    known = _fields_at(model, loc[:-1])
    if known is None:
        return None
    if len(loc) == 1:
        known = [name for name in known if name != "id"]
    by_fold = {name.casefold(): name for name in known}
    unknown = str(loc[-1]).casefold()
    found = difflib.get_close_matches(unknown, list(by_fold), n=1, cutoff=0.7)
    if found:
        return by_fold[found[0]]
    # ``phone_number``, ``due-date``: a known field is one of its words
    words = [name for name in by_fold if name in re.split(r"[_\-\s]+", unknown)]
    return by_fold[words[0]] if len(words) == 1 else None


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str] | None:
    """The field names (as written in files) of the mapping at ``path`` in ``model``; None when unsure."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue  # an item of a list: the list's annotation already names its items
        if get_origin(current) is dict:
            current = get_args(current)[-1]  # a key of a mapping: its values' type
            continue
        inner = _model_in(current)
        if inner is None:
            return None
        fields = {field.alias or name: field for name, field in inner.model_fields.items()}
        if part not in fields:
            return None
        current = fields[part].annotation
    inner = _model_in(current)
    return None if inner is None else [field.alias or name for name, field in inner.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The one model an annotation holds (``Model``, ``list[Model]``, ``Model | None``); None for none or several."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    found = {model for arg in get_args(annotation) if (model := _model_in(arg)) is not None}
    return found.pop() if len(found) == 1 else None


def _is_union_tag(part: str | int) -> bool:
    # Pydantic names the branch of a union it tried, e.g. ``date`` in ``field.date``.
    # Field names never contain brackets and are never these bare type names.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "float", "bool"})


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "enum":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "string_pattern_mismatch":
        return _pattern_message(str(ctx.get("pattern", "")), error.get("input"))
    if kind == "string_too_long":
        return f"too long (at most {ctx.get('max_length')} characters)"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt')}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in _PLAIN:
        return _PLAIN[kind]
    msg: str = error["msg"]
    return msg[:1].lower() + msg[1:]


def _pattern_message(pattern: str, value: object) -> str:
    if pattern.startswith("^[a-z0-9][a-z0-9-]*"):
        return f"{value!r} is not an id: lowercase letters, digits and hyphens, not starting with a hyphen"
    if pattern.startswith("^[a-z]{2,3}"):
        return f"{value!r} is not a language code: use ISO 639 codes such as en, es, zh, ko, tl, hy"
    if pattern.startswith("^(period"):
        return f"{value!r} is not a window: use period, to-date or last-N-days"
    return f"{value!r} does not have the expected form"
