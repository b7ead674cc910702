"""Changes to one record, applied to its round-trip tree so that only their lines change.

Each function here returns a ``change`` for :func:`capctl.store.write.edit`: it
mutates the ruamel tree of the file (a ``CommentedMap``) in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from capctl.models.records import FILE_KEYS
from capctl.problems import CapctlError
from capctl.vocab import PartnerStatus, RecordKind, Stance

Change = Callable[[Any], None]


def _list(tree: CommentedMap, key: str, after: tuple[str, ...] = ()) -> list[Any]:
    """The list under ``key``, created when absent right after the first key of ``after`` present
    (list them nearest first), else at the end."""
    if key in tree and tree[key] is None:
        tree[key] = CommentedSeq()
    elif key not in tree:
        position = len(tree)
        for name in after:
            if name in tree:
                position = list(tree).index(name) + 1
                break
        tree.insert(position, key, CommentedSeq())
    value = tree[key]
    if not isinstance(value, list):
        raise CapctlError(f"{key}: is not a list in the file; fix it by hand first", 1)
    return value


def add_status(status: PartnerStatus, day: dt.date, note: str | None = None) -> Change:
    """Append a status change to a partner's history."""

    def change(tree: CommentedMap) -> None:
        entry = CommentedMap(status=status.value, date=day)
        if note:
            entry["note"] = note
        _list(tree, "status_history", after=("aliases", "name")).append(entry)

    return change


def mark_follow_up_done(index: int, day: dt.date) -> Change:
    """Mark follow-up ``index`` (0-based) of an engagement done on ``day``."""

    def change(tree: CommentedMap) -> None:
        follow_ups = tree.get("follow_ups") or []
        if not 0 <= index < len(follow_ups):
            raise CapctlError(f"there is no follow-up {index + 1}: this engagement has {len(follow_ups)}")
        item = follow_ups[index]
        if not isinstance(item, dict):
            raise CapctlError(f"follow_ups.{index}: is not a mapping in the file; fix it by hand first", 1)
        item["done"] = day

    return change


def set_position(official: str, stance: Stance, day: dt.date | None, source: str | None) -> Change:
    """Record an official's stance on a priority: a new entry, so that the history stays."""

    def change(tree: CommentedMap) -> None:
        entry = CommentedMap(official=official, stance=stance.value)
        if day is not None:
            entry["date"] = day
        if source:
            entry["source"] = source
        _list(tree, "positions", after=("strategies", "description", "status", "identified", "title")).append(entry)

    return change


def set_consent(public_name: bool, day: dt.date | None, note: str | None) -> Change:
    """Record whether a person agreed to be named in public output: their ``consent`` mapping, made
    or updated in place (a note left from an earlier answer goes when the answer changes and no note is given)."""

    def change(tree: CommentedMap) -> None:
        consent = tree.get("consent")
        if consent is None:
            consent = CommentedMap()
            set_value(RecordKind.people, "consent", consent)(tree)
        elif not isinstance(consent, dict):
            raise CapctlError("consent: is not a mapping in the file; fix it by hand first", 1)
        changed = consent.get("public_name") is not public_name
        consent["public_name"] = public_name
        if day is not None:
            consent["since"] = day
        elif changed:
            consent.pop("since", None)
        if note:
            consent["note"] = note
        elif changed:
            consent.pop("note", None)

    return change


def _before(kind: RecordKind, key: str) -> tuple[str, ...]:
    """The keys that come before ``key`` in a file of ``kind``, nearest first: where to insert it."""
    keys = FILE_KEYS[kind]
    return tuple(reversed(keys[: keys.index(key)]))


def add_refs(kind: RecordKind, key: str, ids: Iterable[str]) -> Change:
    """Add ids to a list of references (an engagement's ``people``...), leaving out those already there."""
    wanted = list(dict.fromkeys(ids))

    def change(tree: CommentedMap) -> None:
        present = tree.get(key) or []
        new = [i for i in wanted if i not in present]
        if new:
            _list(tree, key, after=_before(kind, key)).extend(new)

    return change


def set_value(kind: RecordKind, key: str, value: Any) -> Change:
    """Set a single-valued field (an engagement's ``headcount``...), in its canonical place if new."""

    def change(tree: CommentedMap) -> None:
        if key in tree:
            tree[key] = value
            return
        position = len(tree)
        for name in _before(kind, key):
            if name in tree:
                position = list(tree).index(name) + 1
                break
        tree.insert(position, key, value)

    return change


def combine(*changes: Change) -> Change:
    """Several changes made as one edit."""

    def change(tree: CommentedMap) -> None:
        for one in changes:
            one(tree)

    return change
