"""Check's rules on personal data in what is published: free text that looks like a phone number or an
email address (a file rule); a testimony given with public consent whose speaker has not agreed to be
named, and a title or task that a public report prints naming such a person (cross-record rules: they
need the people). ``capctl.rules`` lists them with the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from capctl.findings import WARN, Finding, Loc
from capctl.models.records import Engagement, Partner, Person, Priority, Record, Resource, Testimony
from capctl.text import fold
from capctl.vocab import RecordKind

if TYPE_CHECKING:
    from capctl.store.dataset import DataSet


def public_testimony_speaker_agreed(data: DataSet) -> Iterator[Finding]:
    """A testimony given with public consent whose speaker has not agreed to be named."""
    for record in data.of(RecordKind.testimonies):
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
    for person in data.of(RecordKind.people):
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


_PHONE = re.compile(r"(?<![\w.-])(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])")


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""Starts only where a word starts: a long run of letters is scanned once, not once per letter."""


_PHONE_END = re.compile(r"\d{3}[ .-]\d{4}")


def free_texts(record: Record) -> Iterator[tuple[Loc, str]]:
    """Every free-text value of a record (published as is with --public), with where it is."""
    fields = vars(record)  # not getattr: a missing attribute costs a pydantic exception
    for name in ("notes", "description"):
        value = fields.get(name)
        if isinstance(value, str):
            yield [name], value
    if isinstance(record, Partner):
        for i, change in enumerate(record.status_history):
            if change.note:
                yield ["status_history", i, "note"], change.note
    elif isinstance(record, Engagement):
        for i, follow_up in enumerate(record.follow_ups):
            yield ["follow_ups", i, "task"], follow_up.task
    elif isinstance(record, Priority):
        for i, strategy in enumerate(record.strategies):
            yield ["strategies", i, "summary"], strategy.summary


def no_personal_data_in_free_text(data: DataSet, record: Record) -> Iterator[Finding]:
    for loc, text in free_texts(record):
        # Every phone number ends in _PHONE_END and every email has an "@": 100,000 notes are
        # scanned for those first, a third of the cost of scanning them for the patterns whole.
        phone = _PHONE_END.search(text) is not None and _PHONE.search(text) is not None
        email = "@" in text and _EMAIL.search(text) is not None
        if not (phone or email):
            continue
        field = ".".join(str(part) for part in loc)
        for found, what, where in ((phone, "a phone number", "phone"), (email, "an email address", "email")):
            if found:
                yield (
                    record.id,
                    loc,
                    WARN,
                    f"{field}: looks like it holds {what}; free text is published with --public, "
                    f"so keep it in a person's {where} field",
                )
