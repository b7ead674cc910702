"""Check's rules on consent: where a testimony given with public consent comes from a person who has not
agreed to be named, and where a title or task that a public report prints names such a person.

Cross-record rules (they need the people), kept apart from ``capctl.rules``, which lists them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from capctl.models.records import Engagement, Person, Priority, Record, Resource, Testimony
from capctl.text import fold
from capctl.vocab import Severity

if TYPE_CHECKING:
    from capctl.store.dataset import DataSet

Loc = list[str | int]
Finding = tuple[str, Loc, Severity, str]
WARN = Severity.warning


def public_testimony_speaker_agreed(data: DataSet) -> Iterator[Finding]:
    """A testimony given with public consent whose speaker has not agreed to be named."""
    for record in data.records.values():
        yield from speaker_not_named(data, record)


def speaker_not_named(data: DataSet, record: Record) -> Iterator[Finding]:
    if isinstance(record, Testimony) and record.public:
        person = data.records.get(record.person)
        if isinstance(person, Person) and not person.named_in_public:
            yield (
                record.id,
                ["consent", "scope"],
                WARN,
                f"consent: public, but {person.label} has not agreed to be named: it is published without "
                f"their name (if they agreed: capctl person consent {person.id} --public-name yes)",
            )


def public_texts(record: Record) -> Iterator[tuple[Loc, str]]:
    """The titles and tasks a public report prints, with where they are."""
    if isinstance(record, Engagement):
        yield ["title"], record.title
        for i, follow_up in enumerate(record.follow_ups):
            yield ["follow_ups", i, "task"], follow_up.task
    else:
        title = _printed_title(record)
        if title is not None:
            yield ["title"], title


def _printed_title(record: Record) -> str | None:
    if isinstance(record, Priority | Resource):
        return record.title
    return record.title if isinstance(record, Testimony) and record.public else None


_WORD = re.compile(r"\w+")
PrivateNames = dict[str, list[tuple[list[str], "Person"]]]


def private_names(data: DataSet) -> PrivateNames:
    """The names and aliases of people who may not be named in public output, folded into words,
    by their first word."""
    found: PrivateNames = {}
    for person in data.records.values():
        if isinstance(person, Person) and not person.named_in_public:
            for name in person.names():
                words = _WORD.findall(fold(name))
                if words and len("".join(words)) >= 2:
                    found.setdefault(words[0], []).append((words, person))
    return found


def no_private_names_in_public_texts(data: DataSet) -> Iterator[Finding]:
    """A title or task that a public report prints naming a person who has not agreed to be named."""
    names = private_names(data)
    if names:
        for record in data.records.values():
            yield from private_names_in(record, names)


def private_names_in(record: Record, names: PrivateNames) -> Iterator[Finding]:
    for loc, text in public_texts(record):
        words = _WORD.findall(fold(text))
        named: dict[str, Person] = {}
        for i, word in enumerate(words):
            for name, person in names.get(word, ()):
                if words[i : i + len(name)] == name:
                    named.setdefault(person.id, person)
        field = ".".join(str(part) for part in loc)
        for person in named.values():
            yield (
                record.id,
                loc,
                WARN,
                f"{field}: names {person.label}, who has not agreed to be named: public output says "
                f"{_described(person)} instead (if they agreed: capctl person consent {person.id} --public-name yes)",
            )


def _described(person: Person) -> str:
    if person.affiliation:
        return "a member of their partner"
    if person.works_for:
        return "a staffer of their official"
    return "a community member"
