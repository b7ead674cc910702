"""Whether a name as someone wrote it is a person's name: given and family name must both agree.

Typed names are compared word by word after folding (case, accents, hyphens
and apostrophes): ``maria elena martinez``, ``Martínez, María``, ``M. E. Martinez``.
A name is the same person's only when its given name and its family name both
agree with the record's name or one of its aliases; middle names may be left
out or given as initials. A family name alone, or a given name alone, never
matches. How sure a match is:

- ``sure``: the given name, the family name and every middle name given agree;
- ``likely``: they agree only through a nickname (``Bob`` for ``Robert``), an
  initial for the given name (``R. Ishikawa``) or one letter's difference in a
  name of four letters or more (``Jonn Lee``), or a middle name used as the given
  name (``Elena Martínez`` for ``María Elena Martínez``): a person decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from capctl.models.records import Partner, Record
from capctl.store.dataset import DataSet
from capctl.text import fold
from capctl.vocab import RecordKind

NICKNAMES: list[set[str]] = [
    {"robert", "rob", "bob", "bobby", "robbie"},
    {"william", "will", "bill", "billy", "liam"},
    {"james", "jim", "jimmy", "jamie"},
    {"john", "johnny", "jack"},
    {"jonathan", "jon", "jonny"},
    {"michael", "mike", "mikey"},
    {"david", "dave", "davey"},
    {"daniel", "dan", "danny"},
    {"joseph", "joe", "joey"},
    {"richard", "rick", "rich", "dick"},
    {"thomas", "tom", "tommy"},
    {"anthony", "tony"},
    {"gregory", "greg"},
    {"samuel", "sam", "sammy"},
    {"andrew", "andy", "drew"},
    {"christopher", "chris"},
    {"christine", "chris", "christy"},
    {"katherine", "catherine", "kathy", "cathy", "kate", "katie"},
    {"elizabeth", "liz", "beth", "betty", "lisa"},
    {"patricia", "pat", "patty", "trish"},
    {"rebecca", "becky", "becca"},
    {"jessica", "jess", "jessie"},
    {"jennifer", "jen", "jenny"},
    {"margaret", "maggie", "meg", "peggy"},
    {"terrence", "terry"},
    {"tiffany", "tiff"},
    {"gabriela", "gabby", "gaby"},
    {"eleanor", "ellie", "nora"},
    {"kevin", "kev"},
    {"francisco", "paco", "pancho", "frank"},
    {"jose", "pepe"},
    {"guadalupe", "lupe"},
    {"jesus", "chuy"},
    {"ignacio", "nacho"},
    {"alejandro", "alex"},
    {"roberto", "beto"},
    {"rosario", "charo", "chayo"},
    {"maria", "mari"},
    {"monica", "moni"},
]
"""Given names that are the same name, as volunteers write them on sheets (folded)."""

_NICK: dict[str, set[str]] = {}
for _group in NICKNAMES:
    for _name in _group:
        _NICK.setdefault(_name, set()).update(_group)


def words(text: str) -> list[str]:
    """The folded words of a name, punctuation dropped: ``Martínez, María`` → ``martinez maria``."""
    return re.findall(r"\w+", fold(text))


def tokens(name: str) -> list[str]:
    """The folded words of a name, hyphens and apostrophes joined: ``Min-jun O'Neil`` → ``minjun oneil``."""
    joined = re.sub(r"(?<=\w)['’-](?=\w)", "", fold(name))
    return re.findall(r"\w+", joined)


def _typo(a: str, b: str) -> bool:
    """One letter added, dropped or changed, the longer word having four letters or more (``jonn``, ``jon``)."""
    if a == b or abs(len(a) - len(b)) > 1 or max(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass(frozen=True)
class NameMatch:
    sure: bool
    why: str
    """``same name``, ``middle name left out``, ``nickname``, ``initial``, ``spelling``, ``goes by a middle name``."""


def _given(typed: str, known: str, typo: bool) -> str | None:
    """How a typed given name agrees with a known one: ``same``, ``nickname``, ``initial``, ``spelling``."""
    if typed == known:
        return "same"
    if known in _NICK.get(typed, ()):
        return "nickname"
    if len(typed) == 1 and known.startswith(typed):
        return "initial"
    if typo and _typo(typed, known):
        return "spelling"
    return None


def _middles_agree(typed: list[str], known: list[str]) -> bool:
    """Each middle word typed is one of the known middle words, or its initial, in order."""
    rest = list(known)
    for word in typed:
        while rest and not (rest[0] == word or (len(word) == 1 and rest[0].startswith(word))):
            rest.pop(0)
        if not rest:
            return False
        rest.pop(0)
    return True


def _compare(typed: list[str], known: list[str]) -> NameMatch | None:
    """Typed words (given name first) against a known name's words: the best agreement, or None."""
    best: NameMatch | None = None
    for f in range(1, len(known)):  # the known family name: known[f:], joined
        family = "".join(known[f:])
        for tf in range(1, len(typed)):
            typed_family = "".join(typed[tf:])
            one_word = tf == len(typed) - 1 and f == len(known) - 1
            family_how = "same" if typed_family == family else None
            if family_how is None and one_word and _typo(typed_family, family):
                family_how = "spelling"
            if family_how is None:
                continue
            for g in range(1, f + 1):  # the known given name: known[:g], joined (``Min-jun`` typed ``Min Jun``)
                for tg in range(1, tf + 1):
                    how = _given("".join(typed[:tg]), "".join(known[:g]), typo=tg == 1 and g == 1)
                    if how is None and tg == 1 and g == 1 and typed[0] in known[1:f]:
                        how = "goes by a middle name"
                    if how is None or not _middles_agree(typed[tg:tf], known[g:f]):
                        continue
                    if family_how == "spelling" and how != "same":
                        continue
                    if family_how == "spelling":
                        how = "spelling"
                    sure = how == "same"
                    left_out = len(typed[tg:tf]) < len(known[g:f])
                    why = {"same": "middle name left out" if left_out else "same name"}.get(how, how)
                    found = NameMatch(sure, why)
                    if best is None or (found.sure and not best.sure):
                        best = found
    return best


def orders(words: list[str], comma: bool) -> Iterable[list[str]]:
    """The typed words given name first: as typed, and family name first (``Kim Min-jun``, ``Martinez, Maria``)."""
    if comma:
        yield [*words[1:], words[0]]
        return
    yield words
    if len(words) >= 2:
        yield [*words[1:], words[0]]
        yield [words[-1], *words[:-1]]


def compare(typed: str, known: str) -> NameMatch | None:
    """Whether ``typed`` names the person called ``known``, and how sure; None when it does not."""
    words, known_words = tokens(typed), tokens(known)
    if len(words) < 2 or len(known_words) < 2:
        return NameMatch(True, "same name") if words and words == known_words else None
    comma = "," in typed and typed.index(",") < len(typed) - 1 and len(fold(typed).split(",")[0].split()) == 1
    best: NameMatch | None = None
    for order in orders(words, comma):
        found = _compare(order, known_words)
        if found is not None and (best is None or (found.sure and not best.sure)):
            best = found
    return best


def given_only(typed: str, known: str) -> bool:
    """Only one word that is not an initial, and it is the known name's given name (``Maria``, ``Greg H.``):
    never a match, only a hint."""
    words, known_words = tokens(typed), tokens(known)
    whole = [w for w in words if len(w) > 1]
    return len(whole) == 1 and words[0] == whole[0] and len(known_words) >= 2 and whole[0] == known_words[0]


def one_word(typed: str) -> bool:
    """A name with one word besides initials: not enough to tell anyone apart."""
    return len([w for w in tokens(typed) if len(w) > 1]) <= 1


# --- many names at once: a sign-in sheet, a prompt -------------------------


@dataclass(frozen=True)
class Candidate:
    record: Record
    match: NameMatch


class PeopleIndex:
    """The names and aliases of people and officials (staff are people), for matching many typed names."""

    def __init__(self, data: DataSet, kinds: Iterable[RecordKind] = (RecordKind.people, RecordKind.officials)) -> None:
        self.data = data
        self.kinds = set(kinds)
        self.by_name: dict[str, list[Record]] = {}
        self.by_word: dict[str, list[tuple[Record, str]]] = {}
        for record in sorted(data.of_kinds(self.kinds), key=lambda r: r.id):
            for name in record.names():
                self.by_name.setdefault(" ".join(tokens(name)), []).append(record)
                for word in set(tokens(name)):
                    self.by_word.setdefault(word, []).append((record, name))

    def exact(self, text: str) -> list[Record]:
        """The record whose id is ``text``, else those named ``text`` (or with it as alias), folded."""
        record = self.data.records.get(text.strip())
        if record is not None and record.collection in self.kinds:
            return [record]
        return list({r.id: r for r in self.by_name.get(" ".join(tokens(text)), [])}.values())

    def like(self, text: str) -> list[Candidate]:
        """Records whose name agrees with ``text`` (see :func:`compare`), sure ones first, then by id."""
        seen: dict[str, Candidate] = {}
        for record, name in self._sharing(text):
            found = compare(text, name)
            if found is None:
                continue
            before = seen.get(record.id)
            if before is None or (found.sure and not before.match.sure):
                seen[record.id] = Candidate(record, found)
        return sorted(seen.values(), key=lambda c: (not c.match.sure, c.record.id))

    def given_only(self, text: str) -> list[Record]:
        """Records whose given name is the one word typed (``Maria``): hints, never matches."""
        found = {r.id: r for r, name in self._sharing(text) if given_only(text, name)}
        return list(found.values())

    def _sharing(self, text: str) -> list[tuple[Record, str]]:
        """Names sharing a word (or a nickname of one) with ``text``: the only ones that can agree with it."""
        words = set(tokens(text))
        for word in list(words):
            words |= _NICK.get(word, set())
        pairs: dict[tuple[str, str], tuple[Record, str]] = {}
        for word in sorted(words):
            for record, name in self.by_word.get(word, []):
                pairs.setdefault((record.id, name), (record, name))
        return list(pairs.values())


class PartnerIndex:
    """Partners' names and aliases as words: a cell names a partner only when it holds all the words of
    its name or of an alias (an acronym is an alias), whole and in order. ``County`` names no one."""

    def __init__(self, data: DataSet) -> None:
        self.names: list[tuple[tuple[str, ...], str, str]] = []
        for partner in data.typed(Partner):
            for i, name in enumerate(partner.names()):
                found = tuple(words(name))
                if found:
                    self.names.append((found, partner.id, "name" if i == 0 else "alias"))

    def find(self, organization: str) -> tuple[str | None, str]:
        cell = tuple(words(organization))
        best: dict[str, tuple[int, str]] = {}
        for name, partner, how in self.names:
            n = len(name)
            if any(cell[i : i + n] == name for i in range(len(cell) - n + 1)):
                how = how if n == len(cell) else "words"
                if n > best.get(partner, (0, ""))[0]:
                    best[partner] = (n, how)
        if not best:
            return None, "text"
        longest = max(n for n, _ in best.values())
        top = [(p, how) for p, (n, how) in best.items() if n == longest]
        return top[0] if len(top) == 1 else (None, "text")
