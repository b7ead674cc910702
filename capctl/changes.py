"""Changes to one record, applied to its round-trip tree so that only their lines change.

Each function here returns a ``change`` for :func:`capctl.store.edit`: it
mutates the ruamel tree of the file (a ``CommentedMap``) in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from capctl.problems import CapctlError
from capctl.vocab import PartnerStatus, Stance

Change = Callable[[Any], None]


def _list(tree: CommentedMap, key: str, after: tuple[str, ...] = ()) -> list[Any]:
    """The list under ``key``, created (after the last of ``after`` present) when absent."""
    if key not in tree or tree[key] is None:
        position = len(tree)
        for name in after:
            if name in tree:
                position = list(tree).index(name) + 1
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
