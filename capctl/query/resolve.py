"""Finding records by what people type: an id, a name or an alias, in any case and accents."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from capctl.models.records import Record
from capctl.problems import CapctlError, Problem
from capctl.query.names import PartnerIndex, PeopleIndex, words
from capctl.store.dataset import DataSet
from capctl.text import fold
from capctl.vocab import RecordKind


@dataclass(frozen=True)
class Match:
    record: Record
    how: str  # "id", "name", "alias", "words", "partial" or "close"
    score: float


NAMED = frozenset({RecordKind.people, RecordKind.officials, RecordKind.partners})
"""Kinds matched by their names' rules (:mod:`capctl.query.names`): a person's or official's given and family
name must both agree, a partner's name or alias must be there in whole words; never a family name alone."""


def find(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None) -> list[Match]:
    """Records that ``text`` may mean, best first: an exact id, name or alias wins outright; then people and
    officials whose given and family names both agree with it (``ana cruz`` for ``Ana Lucía Cruz``, never
    ``castellano`` alone) and partners whose whole name or alias it holds; then engagements, priorities,
    resources and testimonies holding every word typed, or containing the text; at last names only close
    (``close``: never taken without asking)."""
    wanted = set(kinds) if kinds is not None else set(RecordKind)
    if text in data.records and data.records[text].collection in wanted:
        return [Match(data.records[text], "id", 1.0)]
    candidates = data.of_kinds(wanted)
    key = fold(text)
    exact = [
        Match(r, "name" if i == 0 else "alias", 1.0)
        for r in candidates
        for i, name in enumerate(r.names())
        if fold(name) == key
    ]
    if exact:
        return _prefer_named(_unique(exact))
    named = _named(data, text, wanted)
    if named:
        return named
    typed = set(words(text))
    # A family name alone (``ramos``), a given name alone, part of a name: never a match, and not a reason
    # to take the meetings named after them instead; offered to choose from, never taken without asking.
    loose = [
        Match(r, "close", 0.9 if any(typed <= set(words(n)) for n in r.names()) else 0.85)
        for r in candidates
        if r.collection in NAMED
        and any((typed and typed <= set(words(n))) or (key and key in fold(n)) for n in r.names())
    ]
    if loose:
        return _unique(loose)
    others = [r for r in candidates if r.collection not in NAMED]
    if typed:
        by_words = [Match(r, "words", 0.95) for r in others if any(typed <= set(words(n)) for n in r.names())]
        if by_words:
            return _unique(by_words)
    partial = [Match(r, "partial", 0.9) for r in others if any(key in fold(name) for name in r.names()) or key in r.id]
    if partial:
        return _unique(partial)
    close = []
    for record in candidates:
        score = max(difflib.SequenceMatcher(None, key, fold(n)).ratio() for n in [record.id, *record.names()])
        if score >= 0.75:
            close.append(Match(record, "close", score))
    return sorted(_unique(close), key=lambda m: -m.score)


def _named(data: DataSet, text: str, wanted: set[RecordKind]) -> list[Match]:
    """People and officials whose given and family names agree with ``text`` for sure; partners whose
    whole name or alias it holds."""
    found = []
    people = wanted & {RecordKind.people, RecordKind.officials}
    if people:
        found += [Match(c.record, "words", 0.95) for c in PeopleIndex(data, people).like(text) if c.match.sure]
    if RecordKind.partners in wanted:
        partner, _how = PartnerIndex(data).find(text)
        if partner is not None:
            found.append(Match(data.records[partner], "words", 0.95))
    return _unique(found)


def _prefer_named(matches: list[Match]) -> list[Match]:
    """People, partners and officials over engagements that merely mention them in a title:
    ``Joan Castellano`` means Supervisor Castellano, not every meeting with her."""
    named = [m for m in matches if m.record.collection is not RecordKind.engagements]
    return named or matches


def _unique(matches: list[Match]) -> list[Match]:
    seen: dict[str, Match] = {}
    for match in matches:
        seen.setdefault(match.record.id, match)
    return sorted(seen.values(), key=lambda m: (-m.score, m.record.id))


def resolve(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None, what: str = "reference") -> Record:
    """The one record ``text`` means; a usage error naming the closest records when unknown, or the
    candidates when several match."""
    kinds = list(kinds) if kinds is not None else None
    matches = find(data, text, kinds)
    if len(matches) == 1 and matches[0].how != "close":
        return matches[0].record
    noun = " or ".join(k.singular for k in kinds) if kinds else "record"
    if not matches or all(m.how == "close" for m in matches):
        unreadable = _unreadable(data, text, kinds)
        if unreadable is not None:
            where = unreadable.path if unreadable.line is None else f"{unreadable.path}:{unreadable.line}"
            raise CapctlError(f"{what}: {text!r} could not be read ({where}: {unreadable.message}); fix it first", 1)
        near = {m.record.id: m.record for m in matches}
        near.update((r.id, r) for r in suggestions(data, text, kinds))
        hint = _listed(list(near.values())[:3])
        raise CapctlError(f"{what}: no {noun} matches {text!r}" + (f"; did you mean {hint}?" if hint else ""))
    listed = ", ".join(f"{m.record.id} ({m.record.label})" for m in matches[:6])
    several = f"{noun} records" if kinds else "records"
    raise CapctlError(f"{what}: {text!r} matches several {several}: {listed}; give an id")


def suggestions(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None, n: int = 3) -> list[Record]:
    """Up to ``n`` records ``text`` may have meant but does not name for sure, nearest first: people and
    officials it names only nearly (a nickname, an initial, a spelling), then records whose name holds
    every word typed (``castellano``: Joan Castellano), then the closest ids and names by spelling."""
    wanted = list(kinds) if kinds is not None else list(RecordKind)
    found: dict[str, Record] = {}
    people = [k for k in wanted if k in (RecordKind.people, RecordKind.officials)]
    if people:
        found.update((c.record.id, c.record) for c in PeopleIndex(data, people).like(text))
    typed = set(words(text))
    if typed:
        for record in sorted(data.of_kinds(wanted), key=lambda r: (r.collection not in NAMED, r.id)):
            if any(typed <= set(words(name)) for name in record.names()):
                found.setdefault(record.id, record)
    for record_id in _closest(data, text, wanted):
        found.setdefault(record_id, data.records[record_id])
    return list(found.values())[:n]


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


def _closest(data: DataSet, text: str, kinds: list[RecordKind] | None) -> list[str]:
    pool: dict[str, str] = {}
    for record in data.of_kinds(RecordKind if kinds is None else kinds):
        for name in [record.id, *record.names()]:
            pool.setdefault(fold(name), record.id)
    found = difflib.get_close_matches(fold(text), list(pool), n=3, cutoff=0.5)
    return list(dict.fromkeys(pool[f] for f in found))


# --- names as people write them on sign-in sheets and at prompts ------------

FUZZY_CUTOFF = 0.8
"""How alike a name must be to an existing one to be proposed as the same record."""


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
        for record in data.of_kinds(wanted):
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
    for record in sorted(data.of_kinds(wanted), key=lambda r: r.id):
        found.update(dict.fromkeys([*record.names(), record.id]))
    return list(found)


def complete(options: list[str], typed: str) -> list[str]:
    """The options that start with what was typed (case and accents ignored), then those holding it."""
    key = fold(typed)
    starts = [o for o in options if fold(o).startswith(key)]
    inside = [o for o in options if key and key in fold(o) and o not in starts]
    return starts + inside


def closest(data: DataSet, text: str, kinds: Iterable[RecordKind] | None = None) -> str:
    """Up to three records ``text`` may have meant (:func:`suggestions`), as a sentence lists them:
    ``Joan Castellano (joan-castellano), Hilda Ramos (hilda-ramos)``."""
    return _listed(suggestions(data, text, kinds))


def _listed(records: list[Record]) -> str:
    return ", ".join(f"{r.label} ({r.id})" if r.label != r.id else r.id for r in records)
