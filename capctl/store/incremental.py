"""The cross-record rules kept up to date from one load to the next, where the load cache is used.

What ``rules.CROSS_RULES`` found is kept beside the load cache (``cross-records.state``) with what
each record was when they ran: its kind and its file's size, times and inode. The next load runs again
only what a change can break:

* nothing changed: nothing runs, the findings kept are the findings;
* records edited or added (no record gone, none of another kind): the references and districts of
  those records, and of the records that had findings (an added record may be what they missed), are
  checked again; the likely duplicates again, in full, when a record that has a name changed; the
  privacy rules on those records' speakers and public texts, or in full when a person changed;
* a record gone or of another kind (a deletion, a rename, a file made invalid), other settings, another
  capctl or another data folder: every rule runs, as without the cache.

The state is JSON read with the standard library and checked as it is read: anything else than what
this module writes (damage, another version) means every rule runs. Files changed in the last
``cache.RACY_NS`` are never taken as unchanged. tests/test_cache_sequence.py compares the problems
with a load that reads every file, after edits, additions, deletions and renames.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from capctl.findings import Finding
from capctl.models.records import Engagement, Resource
from capctl.privacy import (
    no_private_names_in_public_texts,
    private_names,
    private_names_in,
    public_testimony_speaker_agreed,
    speaker_not_named,
)
from capctl.problems import Problem
from capctl.references import districts_known, references_and_districts_of, references_exist
from capctl.rules import CROSS_RULES, LinedFinding, as_problems, check_with_rules, likely_duplicates, with_lines
from capctl.store import cache
from capctl.store.dataset import DataSet
from capctl.store.files import record_id as id_of_file
from capctl.store.shard import Shard
from capctl.vocab import Severity

STATE_FILE = "cross-records.state"
FORMAT = 2
RACY = " racy"
"""How the stamp of a record whose file changed too recently to be known unchanged ends: such a record is
always checked again."""

_SEVERITIES = {severity.value: severity for severity in Severity}
KEPT_RULES = (
    references_exist,
    districts_known,
    likely_duplicates,
    public_testimony_speaker_agreed,
    no_private_names_in_public_texts,
)
"""The cross-record rules whose findings are kept and brought up to date; every other rule of
``CROSS_RULES`` runs in full on every load."""
Tagged = tuple[str, LinedFinding]
"""A finding and the rule it comes from: ``"r"`` (references and districts), ``"d"`` (likely duplicates) or
``"p"`` (a public testimony or text naming someone who has not agreed to be named)."""
_TAGS = ("r", "d", "p")
PEOPLE = "people"
"""The stamp's kind of a person: a change to one may change what every public text may name."""


def stamp(kind: str, stat: os.stat_result | None, started_ns: int) -> str:
    """What a record is, as far as the cross rules know: its kind and its file's size, times and inode."""
    if stat is None:
        return kind + RACY
    return _stamped(kind, cache.stat_key(stat), started_ns - cache.RACY_NS)


def _stamped(kind: str, key: tuple[int, int, int, int], racy_from: int) -> str:
    size, mtime, ctime, inode = key
    return kind + RACY if max(mtime, ctime) >= racy_from else f"{kind} {size} {mtime} {ctime} {inode}"


def stamps_of(whole: Shard, started_ns: int) -> Iterator[tuple[str, str]]:
    """:func:`stamp` of each record of a folder taken whole from its shard, by id."""
    kind = whole.kind.value if whole.kind is not None else ""
    racy_from = started_ns - cache.RACY_NS
    for relative, key in zip(whole.paths, whole.keys, strict=True):
        yield id_of_file(relative), _stamped(kind, key, racy_from)


def cross_problems(data: DataSet, stamps: dict[str, str]) -> tuple[list[Problem], bool]:
    """The problems ``rules.CROSS_RULES`` find in ``data``, from the findings of the last load where
    they still hold; ``stamps`` says what each loaded record is (:func:`stamp`). Also whether every
    rule ran (False: the findings were brought up to date)."""
    where = cache.cache_dir(data.root)
    key = _key(data)
    state = _read(where / STATE_FILE, key) if where is not None else None
    found = _update(data, stamps, state) if state is not None else None
    full = found is None
    if found is None:
        found = _every_rule(data)
    useful = not all(value.endswith(RACY) for value in stamps.values())  # else every record is checked again
    if where is not None and useful and (state is None or found is not state[1] or stamps != state[0]):
        _write(where / STATE_FILE, key, stamps, found)
    others = [rule for rule in CROSS_RULES if rule not in KEPT_RULES]
    return as_problems(data, (finding for _tag, finding in found)) + check_with_rules(data, others), full


def _key(data: DataSet) -> str:
    settings = data.settings.model_dump_json() if data.settings is not None else "none"
    return f"{cache.cache_key(data.root)} settings {settings}"


def _every_rule(data: DataSet) -> list[Tagged]:
    found: list[Tagged] = [("r", f) for f in with_lines(data, references_and_districts_of(data, data.records.values()))]
    found += [("d", f) for f in with_lines(data, likely_duplicates(data))]
    found += [("p", f) for f in with_lines(data, _privacy(data))]
    return found


def _privacy(data: DataSet) -> Iterator[Finding]:
    yield from public_testimony_speaker_agreed(data)
    yield from no_private_names_in_public_texts(data)


def _privacy_of(data: DataSet, changed: list[str]) -> Iterator[Finding]:
    """What the privacy rules find in these records alone: their speakers, their public texts (no person
    among them: a person changed means the names to look for changed, and every text is read again)."""
    names = private_names(data)
    for record_id in changed:
        record = data.records.get(record_id)
        if record is not None:
            yield from speaker_not_named(data, record)
            if names:
                yield from private_names_in(record, names)


def _update(data: DataSet, stamps: dict[str, str], state: tuple[dict[str, str], list[Tagged]]) -> list[Tagged] | None:
    """The findings brought up to date, or None where every rule must run."""
    before, found = state
    if before == stamps:
        return found
    if not before.keys() <= stamps.keys():
        return None  # a record is gone: what referred to it is not known here
    changed = [i for i, now in stamps.items() if now.endswith(RACY) or before.get(i) != now]
    if any(i in before and before[i].split(" ", 1)[0] != stamps[i].split(" ", 1)[0] for i in changed):
        return None  # an id of another kind now: references to it may have broken
    again = {*changed, *(f[0] for tag, f in found if tag == "r")}
    records = [data.records[i] for i in again if i in data.records]
    kept: list[Tagged] = [(tag, f) for tag, f in found if tag == "r" and f[0] not in again]
    kept += [("r", f) for f in with_lines(data, references_and_districts_of(data, records))]
    if any(not isinstance(data.records[i], Engagement | Resource) for i in changed):
        kept += [("d", f) for f in with_lines(data, likely_duplicates(data))]  # a name changed or came
    else:
        kept += [(tag, f) for tag, f in found if tag == "d"]
    if any(stamps[i].split(" ", 1)[0] == PEOPLE for i in changed):
        kept += [("p", f) for f in with_lines(data, _privacy(data))]  # who may be named changed
    else:
        again_p = set(changed)
        kept += [(tag, f) for tag, f in found if tag == "p" and f[0] not in again_p]
        kept += [("p", f) for f in with_lines(data, _privacy_of(data, changed))]
    return kept


# --- the state file ------------------------------------------------------------


def _read(where: Path, key: str) -> tuple[dict[str, str], list[Tagged]] | None:
    """The stamps and findings kept, or None if missing, damaged or written for something else."""
    try:
        with where.open("rb") as handle:
            state = json.loads(handle.read())
        if type(state) is not dict or state.get("format") != FORMAT or state.get("key") != key:
            return None
        stamps = state["records"]
        if type(stamps) is not dict or any(type(value) is not str for value in stamps.values()):
            return None
        return stamps, [_finding(row) for row in state["findings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _finding(row: Any) -> Tagged:
    tag, record_id, line, severity, message = row
    if tag not in _TAGS or type(record_id) is not str or type(message) is not str:
        raise ValueError("not a finding")
    if not (line is None or type(line) is int):
        raise ValueError("not a line")
    return tag, (record_id, line, _SEVERITIES[severity], message)


def _write(where: Path, key: str, stamps: dict[str, str], found: list[Tagged]) -> None:
    """Write the state atomically; where it cannot be written, the next load runs every rule."""
    rows = [[tag, record_id, line, severity.value, message] for tag, (record_id, line, severity, message) in found]
    text = json.dumps({"format": FORMAT, "key": key, "records": stamps, "findings": rows}, ensure_ascii=False)
    try:
        cache.replace_file(where, text.encode("utf-8"))
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(where)  # a state that could not be brought up to date must not be read again
