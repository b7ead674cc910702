"""Finding records by what people type: an id, a name or an alias, in any case and accents."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from capctl.models import Record
from capctl.problems import CapctlError
from capctl.store import DataSet
from capctl.text import fold
from capctl.vocab import RecordKind


@dataclass(frozen=True)
class Match:
    record: Record
    how: str  # "id", "name", "alias", "partial" or "close"
    score: float


def find(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None) -> list[Match]:
    """Records that ``text`` may mean, best first: an exact id or name wins outright."""
    wanted = set(kinds) if kinds is not None else set(RecordKind)
    candidates = [r for r in data.records.values() if r.collection in wanted]
    if text in data.records and data.records[text].collection in wanted:
        return [Match(data.records[text], "id", 1.0)]
    key = fold(text)
    exact = [
        Match(r, "name" if i == 0 else "alias", 1.0)
        for r in candidates
        for i, name in enumerate(r.names())
        if fold(name) == key
    ]
    if exact:
        return _unique(exact)
    partial = [
        Match(r, "partial", 0.9) for r in candidates if any(key in fold(name) for name in r.names()) or key in r.id
    ]
    if partial:
        return _unique(partial)
    close = []
    for record in candidates:
        score = max(difflib.SequenceMatcher(None, key, fold(n)).ratio() for n in [record.id, *record.names()])
        if score >= 0.75:
            close.append(Match(record, "close", score))
    return sorted(_unique(close), key=lambda m: -m.score)


def _unique(matches: list[Match]) -> list[Match]:
    seen: dict[str, Match] = {}
    for match in matches:
        seen.setdefault(match.record.id, match)
    return sorted(seen.values(), key=lambda m: (-m.score, m.record.id))


def resolve(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None, what: str = "reference") -> Record:
    """The one record ``text`` means; a usage error listing candidates when unknown or ambiguous."""
    kinds = list(kinds) if kinds is not None else None
    matches = find(data, text, kinds)
    if len(matches) == 1 and matches[0].how != "close":
        return matches[0].record
    noun = " or ".join(k.singular for k in kinds) if kinds else "record"
    if not matches:
        suggestions = _closest(data, text, kinds)
        hint = f"; closest: {suggestions}" if suggestions else ""
        raise CapctlError(f"{what}: no {noun} matches {text!r}{hint}")
    listed = ", ".join(f"{m.record.id} ({m.record.label})" for m in matches[:6])
    if len(matches) == 1:
        raise CapctlError(f"{what}: no {noun} matches {text!r}; did you mean {listed}?")
    several = f"{noun} records" if kinds else "records"
    raise CapctlError(f"{what}: {text!r} matches several {several}: {listed}; give an id")


def _closest(data: DataSet, text: str, kinds: list[RecordKind] | None) -> str:
    pool: dict[str, str] = {}
    for record in data.records.values():
        if kinds is None or record.collection in kinds:
            for name in [record.id, *record.names()]:
                pool.setdefault(fold(name), record.id)
    found = difflib.get_close_matches(fold(text), list(pool), n=3, cutoff=0.5)
    return ", ".join(dict.fromkeys(pool[f] for f in found))
