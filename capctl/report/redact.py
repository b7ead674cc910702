"""``--public`` redaction: people are named only with their consent; the others are described, not named."""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from capctl.models.records import Official, Partner, Person, Testimony
from capctl.report.counters import Evidence
from capctl.report.i18n import ENGLISH, N_, Translator
from capctl.report.parts import Chapter
from capctl.store.dataset import DataSet
from capctl.text import fold, slugify

# --- who may be named ---------------------------------------------------------------

WITHHELD = "withheld"
"""What stands for a withheld name in an id (ids stay in English: they are ids)."""
COMMUNITY_MEMBER = N_("a community member")


def unnamed(data: DataSet, person: Person, tr: Translator = ENGLISH) -> str:
    """How public output speaks of a person who may not be named: ``a member of <partner>``,
    ``a staffer of <official>`` or ``a community member``."""
    partner = data.records.get(person.affiliation or "")
    if isinstance(partner, Partner):
        return tr.gettext("a member of {partner}").format(partner=partner.name)
    official = data.records.get(person.works_for or "")
    if isinstance(official, Official):
        return tr.gettext("a staffer of {official}").format(official=official.name)
    return tr.gettext(COMMUNITY_MEMBER)


def public_label(data: DataSet, person: Person, tr: Translator = ENGLISH) -> str:
    """The person's name when they may be named in public output, else how it speaks of them."""
    return person.label if person.named_in_public else unnamed(data, person, tr)


# --- published reports ------------------------------------------------------------


class Redactor:
    """Leaves personal data out of published output.

    Output never carries a person's email, phone, address or a testimony's text without public
    consent as a field. Here follow, wherever a title, a note or an id repeats them: the names (and
    aliases) of people who may not be named (each replaced by how public output speaks of them, ids
    by ``withheld``), every person's email, phone and address, and the ids and titles of testimonies
    without public consent.
    """

    def __init__(self, datasets: Sequence[DataSet], tr: Translator = ENGLISH) -> None:
        self._tr = tr
        said: dict[str, set[str]] = {}
        ids: set[str] = set()
        for data in datasets:
            for person in data.typed(Person):
                if not person.named_in_public:
                    ids.add(person.id)  # an id written by hand may differ from the name's slug
                    for name in person.names():
                        said.setdefault(name, set()).add(unnamed(data, person, tr))
        # A name one private person shares with another person is withheld, whoever is meant.
        anyone = tr.gettext(COMMUNITY_MEMBER)
        replacement = {name: next(iter(ways)) if len(ways) == 1 else anyone for name, ways in said.items()}
        # One pass each, longest first, so that "María Martínez" goes before an alias "María".
        ordered = sorted((n for n in replacement if len(fold(n)) >= 2), key=len, reverse=True)
        slugs = {slugify(name) for name in ordered if len(slugify(name)) >= 3} | {i for i in ids if len(i) >= 3}
        self._names = _Matcher([(name, _units(name, name_units(name))) for name in ordered])
        self._said = [replacement[name] for name in ordered]
        self._slugs = _Slugs(slugs)
        people = [person for data in datasets for person in data.typed(Person)]
        self._emails = {p.email.strip().casefold() for p in people if p.email and "@" in p.email}
        self._phones = {_digits(p.phone) for p in people if p.phone and len(_digits(p.phone)) >= 7}
        addresses = sorted({p.address.strip() for p in people if p.address and len(p.address.strip()) >= 4}, key=len)
        self._addresses = _Matcher([(a, _units(a, name_units(a))) for a in reversed(addresses)])
        self._done: dict[str, str] = {}
        self._withheld = tr.gettext("(withheld)")

    def text(self, value: str) -> str:
        done = self._done.get(value)
        if done is None:
            done = self._slugs.sub(WITHHELD, self._names.sub(self._said, value))
            done = self._addresses.sub(self._withheld, self._contacts(done))
            self._done[value] = done
        return done

    def _contacts(self, text: str) -> str:
        """``text`` without the emails and phone numbers (with any separators) of people."""
        if "@" in text and self._emails:
            text = _EMAIL.sub(lambda m: self._withheld if m.group().casefold() in self._emails else m.group(), text)
        if self._phones and _PHONE_START.search(text):
            text = _PHONE.sub(lambda m: self._withheld if _known(m.group(), self._phones) else m.group(), text)
        return text

    def slug(self, value: str) -> str:
        """An id with the names of people who may not be named withheld."""
        return self._slugs.sub(WITHHELD, value)

    def chapter(self, chapter: Chapter, data: DataSet) -> Chapter:
        private = [t for t in data.typed(Testimony) if not t.public]
        private.sort(key=lambda t: (t.date, t.id))
        hidden = {t.id: f"testimony-{WITHHELD}-{i}" for i, t in enumerate(private, 1)}

        def testimony(item: Evidence) -> Evidence:
            if item.id in hidden:
                title = self._tr.gettext("(title withheld: no public consent)")
                return dataclasses.replace(item, id=hidden[item.id], title=title)
            # A testimony is often named after its speaker: even a first name alone goes.
            record = data.records.get(item.id)
            person = data.records.get(record.person) if isinstance(record, Testimony) else None
            if isinstance(person, Person) and person.named_in_public:
                return item
            item = dataclasses.replace(item, id=self.text(item.id), title=self.text(item.title))
            words = {w for name in (person.names() if person else []) for w in slugify(name).split("-") if len(w) >= 3}
            for word in sorted(words, key=len, reverse=True):
                pattern = re.compile(rf"(?<![^\W_]){''.join(name_units(word))}(?![^\W_])", re.IGNORECASE)
                item = dataclasses.replace(
                    item, id=pattern.sub(WITHHELD, item.id), title=pattern.sub(WITHHELD, item.title)
                )
            return item

        results = [
            dataclasses.replace(r, evidence=[testimony(e) for e in r.evidence])
            if r.metric.count.records == "testimonies"
            else r
            for r in chapter.results
        ]
        scrubbed: Chapter = self._scrub(dataclasses.replace(chapter, results=results))
        return scrubbed

    def _scrub(self, value: Any) -> Any:
        if type(value) is str:  # not the enums, which are str too
            return self.text(value)
        if isinstance(value, list):
            return [self._scrub(v) for v in value]
        if isinstance(value, dict):
            return {self._scrub(k): self._scrub(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self._scrub(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in ("metric", "target", "window", "root", "metrics_sha256")
            }
            return dataclasses.replace(value, **changes)
        return value


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w])\+?(?:\d[\s().-]{0,3}){6,14}\d(?!\d)")
_PHONE_START = re.compile(r"\d\D{0,3}\d\D{0,3}\d")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _known(found: str, phones: set[str]) -> bool:
    """Whether a run of digits and separators holds one of ``phones`` (with or without a leading 1)."""
    digits = _digits(found)
    for start in range(len(digits)):
        for end in range(start + 7, len(digits) + 1):
            part = digits[start:end]
            if part in phones or f"1{part}" in phones or (part.startswith("1") and part[1:] in phones):
                return True
    return False


def name_units(name: str) -> list[str]:
    """A name in any case, with or without its accents: one expression a character."""
    parts = []
    for ch in name:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch.isalpha():
            parts.append("[" + re.escape("".join(sorted(_ALIKE.get(fold(ch), set()) | {ch}))) + "]")
        else:
            parts.append(re.escape(ch))
    return parts


_WORD = re.compile(r"[^\W_]+")


class _Slugs:
    """What one regular expression of slugs (``maria-martinez``, ``person-00042``), longest first, each whole
    (neither letter nor digit on either side) in any case, would replace: the slugs are looked up by the
    words of the text, so that thousands of them cost a lookup a word.

    A slug is kept as the tuple of its words. Where two slugs match at the same word, the longer one
    spans more words (one is the other's first words), so the longest match there is the one with the
    most words: a few set lookups at each word, however many slugs share its first word (at 3,000 private
    people, ``person-…`` had thousands)."""

    def __init__(self, slugs: Iterable[str]) -> None:
        self._slugs: set[tuple[str, ...]] = set()
        self._most: dict[str, int] = {}  # the most words of a slug starting with a word
        for slug in set(slugs):
            words = tuple(slug.split("-"))
            if all(words):
                self._slugs.add(words)
                self._most[words[0]] = max(self._most.get(words[0], 0), len(words))

    def sub(self, replacement: str, text: str) -> str:
        if not self._slugs:
            return text
        words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
        out, pos, i = [], 0, 0
        while i < len(words):
            n = self._match(text, words, i)
            if n:
                out += [text[pos : words[i][0]], replacement]
                pos = words[i + n - 1][1]
                i += n
            else:
                i += 1
        return "".join(out) + text[pos:] if out else text

    def _match(self, text: str, words: list[tuple[int, int, str]], i: int) -> int:
        """How many words from ``i`` on the longest slug starting there spans (0: none)."""
        most = self._most.get(words[i][2], 0)
        if not most:
            return 0
        span = 1  # the words from i on joined by single hyphens, as many as a slug may have
        while span < most and i + span < len(words) and text[words[i + span - 1][1] : words[i + span][0]] == "-":
            span += 1
        for n in range(span, 0, -1):
            if tuple(w for _, _, w in words[i : i + n]) in self._slugs:
                return n
        return 0


_TOKEN = re.compile(r"[^\W\d_]+")
"""Runs of letters: a name's runs of letters match runs of the text whole (its ends are no letter or digit)."""

Unit = str | int
"""One character of a pattern (a regular expression matching one character), or a number of spaces."""


class _Matcher:
    """What one regular expression of alternatives would replace, the alternatives whole words
    (neither letter nor digit on either side) in any case, with each alternative made of
    ``units``: a character's expression, or ``n`` for ``\\s+`` n times.

    A big coalition has thousands of names; one alternation of them all took 26 seconds
    over a report. Here each alternative is looked up by the runs of letters it holds
    (folded): a text lacking one of them cannot match it. The few that may are tried
    where their first run starts, one character at a time, each character asked of the
    regular expression engine once. At the same place the first alternative wins, as
    in the alternation, and the leftmost match goes first.
    """

    def __init__(self, alternatives: list[tuple[str, list[Unit]]]) -> None:
        self._units = [units for _, units in alternatives]
        self._needs: list[frozenset[str]] = []
        self._first: list[str | None] = []  # the first run's key when it starts the alternative
        self._by_key: dict[str, list[int]] = {}
        self._always: list[int] = []  # no run of letters to look them up by
        for i, (source, _) in enumerate(alternatives):
            runs = [_loose(run) for run in _TOKEN.findall(source)]
            self._needs.append(frozenset(runs))
            self._first.append(runs[0] if runs and _TOKEN.match(source) else None)
            if runs:
                self._by_key.setdefault(max(runs, key=len), []).append(i)
            else:
                self._always.append(i)
        self._keys: dict[str, str] = {}
        self._member: dict[tuple[str, str], bool] = {}

    def sub(self, replacement: str | Sequence[str], text: str) -> str:
        """``text`` with each match replaced by ``replacement``, or by its alternative's entry in it."""
        runs = []
        for found in _TOKEN.finditer(text):
            run = found.group()
            key = self._keys.get(run)
            if key is None:
                key = self._keys[run] = _loose(run)
            runs.append((found.start(), key))
        present = {key for _, key in runs}
        candidates = [*self._always]
        for key in present:
            candidates.extend(i for i in self._by_key.get(key, ()) if self._needs[i] <= present)
        if not candidates:
            return text
        matches = []
        for i in candidates:
            first = self._first[i]
            # An alternative that starts with a letter starts where its first run does.
            starts = [start for start, key in runs if key == first] if first is not None else range(len(text))
            for start in starts:
                end = self._match(self._units[i], text, start)
                if end is not None:
                    matches.append((start, i, end))
        if not matches:
            return text
        matches.sort()
        out = []
        pos = 0
        for start, i, end in matches:
            if start >= pos:
                out.append(text[pos:start])
                out.append(replacement if isinstance(replacement, str) else replacement[i])
                pos = end
        out.append(text[pos:])
        return "".join(out)

    def _match(self, units: list[Unit], text: str, start: int) -> int | None:
        """Where ``units`` matching at ``start`` as a whole word end, or None."""
        if start > 0 and text[start - 1].isalnum():
            return None
        pos, size = start, len(text)
        for unit in units:
            if isinstance(unit, int):
                spaces = pos
                while pos < size and text[pos].isspace():
                    pos += 1
                if pos - spaces < unit:
                    return None
            elif pos < size and self._matches(unit, text[pos]):
                pos += 1
            else:
                return None
        if pos < size and text[pos].isalnum():
            return None
        return pos

    def _matches(self, unit: str, ch: str) -> bool:
        known = self._member.get((unit, ch))
        if known is None:
            known = self._member[unit, ch] = _unit_pattern(unit).fullmatch(ch) is not None
        return known


@functools.lru_cache(maxsize=4096)
def _unit_pattern(unit: str) -> re.Pattern[str]:
    return re.compile(unit, re.IGNORECASE)


def _units(name: str, units: list[str]) -> list[Unit]:
    """``units`` (one a character of ``name``) with each run of spaces as its length."""
    found: list[Unit] = []
    for ch, unit in zip(name, units, strict=True):
        if ch.isspace():
            if found and isinstance(found[-1], int):
                found[-1] += 1
            else:
                found.append(1)
        else:
            found.append(unit)
    return found


def _loose(run: str) -> str:
    """A run of letters folded so that whatever a name's letter matches (any case, any accent,
    the letters ``re.IGNORECASE`` takes for one another) folds alike."""
    decomposed = unicodedata.normalize("NFKD", run)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_SAME)


_SAME = str.maketrans({"ı": "i"})
"""Letters ``re.IGNORECASE`` takes for one another that folding keeps apart (it joins ``ſ`` and ``s``...)."""


_ALIKE: dict[str, set[str]] = {}
for _code in [*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1), *range(0xC0, 0x250)]:
    _ALIKE.setdefault(fold(chr(_code)), set()).add(chr(_code))
