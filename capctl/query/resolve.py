"""Finding records by what people type: an id, a name or an alias, in any case and accents."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from capctl.models.records import Record
from capctl.problems import CapctlError, Problem
from capctl.store.dataset import DataSet
from capctl.text import fold
from capctl.vocab import RecordKind


@dataclass(frozen=True)
class Match:
    record: Record
    how: str  # "id", "name", "alias", "words", "partial" or "close"
    score: float


def find(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None) -> list[Match]:
    """Records that ``text`` may mean, best first: an exact id or name wins outright, then names
    holding every word typed (``ana cruz`` for ``Ana Lucía Cruz``), then names containing the text."""
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
        return _prefer_named(_unique(exact))
    typed = set(words(text))
    if typed:
        by_words = [Match(r, "words", 0.95) for r in candidates if any(typed <= set(words(n)) for n in r.names())]
        if by_words:
            return _prefer_named(_unique(by_words))
    partial = [
        Match(r, "partial", 0.9) for r in candidates if any(key in fold(name) for name in r.names()) or key in r.id
    ]
    if partial:
        return _prefer_named(_unique(partial))
    close = []
    for record in candidates:
        score = max(difflib.SequenceMatcher(None, key, fold(n)).ratio() for n in [record.id, *record.names()])
        if score >= 0.75:
            close.append(Match(record, "close", score))
    return sorted(_unique(close), key=lambda m: -m.score)


def _prefer_named(matches: list[Match]) -> list[Match]:
    """People, partners and officials over engagements that merely mention them in a title:
    ``castellano`` means Supervisor Castellano, not every meeting with her."""
    named = [m for m in matches if m.record.collection is not RecordKind.engagements]
    return named or matches


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
        unreadable = _unreadable(data, text, kinds)
        if unreadable is not None:
            where = unreadable.path if unreadable.line is None else f"{unreadable.path}:{unreadable.line}"
            raise CapctlError(f"{what}: {text!r} could not be read ({where}: {unreadable.message}); fix it first", 1)
        suggestions = _closest(data, text, kinds)
        hint = f"; closest: {suggestions}" if suggestions else ""
        raise CapctlError(f"{what}: no {noun} matches {text!r}{hint}")
    listed = ", ".join(f"{m.record.id} ({m.record.label})" for m in matches[:6])
    if len(matches) == 1:
        raise CapctlError(f"{what}: no {noun} matches {text!r}; did you mean {listed}?")
    several = f"{noun} records" if kinds else "records"
    raise CapctlError(f"{what}: {text!r} matches several {several}: {listed}; give an id")


def _unreadable(data: DataSet, text: str, kinds: list[RecordKind] | None) -> Problem | None:
    """The first error of a record file named ``text`` that could not be loaded."""
    if text in data.records:
        return None
    folders = {k.value for k in kinds} if kinds is not None else {k.value for k in RecordKind}
    for problem in data.problems:
        path = PurePath(problem.path)
        # The kind's folder holds the file (engagements: a year deeper); folders above the data folder don't count.
        kind_folder = (
            path.parent.parent.name if path.parent.parent.name == RecordKind.engagements.value else path.parent.name
        )
        if problem.is_error and path.stem == text and kind_folder in folders:
            return problem
    return None


def _closest(data: DataSet, text: str, kinds: list[RecordKind] | None) -> str:
    pool: dict[str, str] = {}
    for record in data.records.values():
        if kinds is None or record.collection in kinds:
            for name in [record.id, *record.names()]:
                pool.setdefault(fold(name), record.id)
    found = difflib.get_close_matches(fold(text), list(pool), n=3, cutoff=0.5)
    return ", ".join(dict.fromkeys(pool[f] for f in found))


# --- names as people write them on sign-in sheets and at prompts ------------

FUZZY_CUTOFF = 0.8
"""How alike a name must be to an existing one to be proposed as the same record."""


def words(text: str) -> list[str]:
    """The folded words of a name, punctuation dropped: ``Martínez, María`` → ``martinez maria``."""
    return re.findall(r"\w+", fold(text))


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1, ignoring case, accents, punctuation and word order."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    in_order = difflib.SequenceMatcher(None, " ".join(wa), " ".join(wb)).ratio()
    sorted_ = difflib.SequenceMatcher(None, " ".join(sorted(wa)), " ".join(sorted(wb))).ratio()
    return max(in_order, sorted_)


def fuzzy(
    data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None, cutoff: float = FUZZY_CUTOFF
) -> list[Match]:
    """Records whose name or alias is like ``text``, best first, each with its score (see :class:`NameIndex`)."""
    return NameIndex(data, kinds).fuzzy(text, cutoff)


class NameIndex:
    """The names of the records of some kinds, folded once, for matching many names (a sign-in sheet)."""

    def __init__(self, data: DataSet, kinds: Iterable[RecordKind] | None = None) -> None:
        wanted = set(kinds) if kinds is not None else set(RecordKind)
        self.data = data
        self.kinds = wanted
        self.by_name: dict[str, list[Match]] = {}
        self.names: list[tuple[Record, str, str, frozenset[str]]] = []
        for record in data.records.values():
            if record.collection not in wanted:
                continue
            for i, name in enumerate(record.names()):
                self.by_name.setdefault(fold(name), []).append(Match(record, "name" if i == 0 else "alias", 1.0))
                name_words = words(name)
                self.names.append((record, " ".join(name_words), " ".join(sorted(name_words)), frozenset(name_words)))

    def exact(self, text: str) -> list[Match]:
        """The record whose id is ``text``, else those with ``text`` as name or alias (case and accents ignored)."""
        record = self.data.records.get(text)
        if record is not None and record.collection in self.kinds:
            return [Match(record, "id", 1.0)]
        return _unique(self.by_name.get(fold(text), []))

    def fuzzy(self, text: str, cutoff: float = FUZZY_CUTOFF) -> list[Match]:
        """Records whose name or alias is like ``text``, best first, each with its score.

        A name is like ``text`` when :func:`similarity` reaches ``cutoff``, or when
        it holds every word of ``text`` (``Maria`` for ``María Martínez``: scored
        ``cutoff``).
        """
        typed = words(text)
        if not typed:
            return []
        typed_set = set(typed)
        # SequenceMatcher caches what it learns of its second sequence: the typed name stays there.
        in_order, by_word = difflib.SequenceMatcher(None), difflib.SequenceMatcher(None)
        in_order.set_seq2(" ".join(typed))
        by_word.set_seq2(" ".join(sorted(typed)))
        best: dict[str, tuple[Record, float]] = {}
        for record, joined, sorted_joined, name_words in self.names:
            score = cutoff if typed_set <= name_words else 0.0
            for matcher, other in ((in_order, joined), (by_word, sorted_joined)):
                matcher.set_seq1(other)
                floor = max(score, cutoff)
                if matcher.real_quick_ratio() >= floor and matcher.quick_ratio() >= floor:
                    score = max(score, matcher.ratio())
            if score >= cutoff and score > best.get(record.id, (record, 0.0))[1]:
                best[record.id] = (record, score)
        matches = [Match(record, "close", round(score, 2)) for record, score in best.values()]
        return sorted(matches, key=lambda m: (-m.score, m.record.id))


def describe(record: Record) -> str:
    """``hilda-ramos (Hilda Ramos, official)``: a record as a list of choices shows it."""
    return f"{record.id} ({record.label}, {record.collection.singular})"


def names_and_ids(data: DataSet, kinds: Iterable[RecordKind] | None = None) -> list[str]:
    """Every id, name and alias of the records of ``kinds``: what a prompt completes."""
    wanted = set(kinds) if kinds is not None else set(RecordKind)
    found: dict[str, None] = {}
    for record in sorted(data.records.values(), key=lambda r: r.id):
        if record.collection in wanted:
            found.update(dict.fromkeys([*record.names(), record.id]))
    return list(found)


def complete(options: list[str], typed: str) -> list[str]:
    """The options that start with what was typed (case and accents ignored), then those holding it."""
    key = fold(typed)
    starts = [o for o in options if fold(o).startswith(key)]
    inside = [o for o in options if key and key in fold(o) and o not in starts]
    return starts + inside


def closest(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None) -> str:
    """Ids of up to three records whose id or name is closest to ``text``, as a list in a sentence."""
    return _closest(data, text, list(kinds) if kinds is not None else None)
