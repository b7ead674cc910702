"""`meeting add` at a terminal: questions that follow the kind, each answer checked when it is given,
the record shown before it is written with any field open to change, and Ctrl-C saying what was not written.

Only the standard library and Typer at the top, as for every CLI module; the library inside the functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import typer

from capctl.problems import CapctlError
from capctl.vocab import EngagementKind, RecordKind, Topic

if TYPE_CHECKING:
    from capctl.edit.meeting import FollowUpInput, MeetingInput
    from capctl.edit.new import Draft
    from capctl.models.records import Record
    from capctl.store.dataset import DataSet

WHO = (RecordKind.officials, RecordKind.people, RecordKind.partners)


@dataclass
class Capture:
    """A meeting being asked about, and the people added on the way (written with it, not before)."""

    data: DataSet
    meeting: MeetingInput
    new_people: list[Draft] = field(default_factory=list)
    derived_title: str | None = None
    """The title as derived from the kind and who was there, when the organizer took it as offered:
    derived again when they change either at the review."""

    def create_person(self, name: str) -> Record | None:
        from dataclasses import replace

        from capctl.edit.new import new_person
        from capctl.store.dataset import with_records

        try:
            draft = new_person(self.data, name)
        except CapctlError as exc:
            typer.echo(f"  {exc.message}", err=True)
            return None
        self.data = replace(
            self.data,
            records=with_records(self.data.records, draft.record),
            paths={**self.data.paths, draft.record.id: draft.path},
        )
        self.new_people.append(draft)
        typer.echo(f"  (a new person, {draft.record.id}, written with the meeting)", err=True)
        return draft.record


def ask_date(c: Capture) -> None:
    from capctl.cli import ask
    from capctl.dates import today

    c.meeting.date = ask.date("Date", "today" if c.meeting.date == today() else c.meeting.date.isoformat())


def ask_kind(c: Capture) -> None:
    from capctl.cli import ask

    c.meeting.kind = ask.choice("Kind", EngagementKind, c.meeting.kind) or c.meeting.kind


def ask_topic(c: Capture) -> None:
    from capctl.cli import ask

    c.meeting.topic = ask.choice("Topic", Topic, c.meeting.topic, optional=True)


def ask_district(c: Capture) -> None:
    from capctl.cli import ask
    from capctl.text import fold

    districts = c.data.settings.districts if c.data.settings is not None else []
    listed = ", ".join(f"{d.id} {d.name}" for d in districts)
    while True:
        answer = ask.text(f"District ({listed}; blank for none)", c.meeting.district)
        if not answer:
            c.meeting.district = None
            return
        found = [d.id for d in districts if fold(answer) in (d.id, fold(d.name), *map(fold, d.areas))]
        if len(found) == 1:
            c.meeting.district = found[0]
            return
        ids = ", ".join(d.id for d in districts)
        typer.echo(f"  {answer!r} is not a district of capctl.yaml: give one of {ids}", err=True)


def ask_headcount(c: Capture) -> None:
    from capctl.cli import ask

    c.meeting.headcount = ask.number("How many attended in all (blank if unknown)")


def ask_languages(c: Capture) -> None:
    from capctl.cli import ask
    from capctl.importers.sheets import LANGUAGE_NAMES, language_codes

    while True:
        answer = ask.text(
            "Languages it was held in (en, es, Spanish...; blank for none)", " ".join(c.meeting.languages)
        )
        codes = language_codes(answer)
        unknown = [w for w in answer.replace(",", " ").split() if w.casefold() not in LANGUAGE_NAMES and len(w) > 3]
        if not unknown:
            c.meeting.languages = codes
            return
        typer.echo(f"  not a language capctl knows: {', '.join(unknown)}; give a code such as es or ko", err=True)


def ask_tags(c: Capture) -> None:
    import re

    from capctl.cli import ask

    while True:
        answer = ask.text("Tags (e.g. poverty-hearing; blank for none)", " ".join(c.meeting.tags))
        tags = answer.replace(",", " ").lower().split()
        bad = [t for t in tags if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", t)]
        if not bad:
            c.meeting.tags = tags
            return
        typer.echo(f"  a tag is lowercase letters, digits and hyphens: {', '.join(bad)}", err=True)


def ask_who(c: Capture) -> None:
    from capctl.cli import ask

    lists: dict[RecordKind, list[str]] = {RecordKind.officials: [], RecordKind.people: [], RecordKind.partners: []}
    while True:
        record = ask.one_ref(
            c.data, "Who was there? official, staff, person or partner (blank when done)", WHO, c.create_person
        )
        if record is None:
            break
        if record.id not in lists[record.collection]:
            lists[record.collection].append(record.id)
    c.meeting.officials, c.meeting.people, c.meeting.partners = (
        lists[RecordKind.officials],
        lists[RecordKind.people],
        lists[RecordKind.partners],
    )


def ask_title(c: Capture) -> None:
    from capctl.cli import ask
    from capctl.edit.meeting import meeting_title

    derived = meeting_title(c.data, c.meeting)
    c.meeting.title = ask.text("Title", c.meeting.title or derived, required=True)
    c.derived_title = c.meeting.title if c.meeting.title == derived else None


def derive_title_again(c: Capture) -> None:
    """A title taken as offered follows a change of who was there or of the kind; one typed stays."""
    from capctl.edit.meeting import meeting_title

    if c.derived_title is None or c.meeting.title != c.derived_title:
        return
    fresh = meeting_title(c.data, c.meeting)
    if fresh is not None and fresh != c.meeting.title:
        c.meeting.title = c.derived_title = fresh
        typer.echo(f"  title: {fresh}", err=True)


def ask_notes(c: Capture) -> None:
    from capctl.cli import ask

    c.meeting.notes = ask.lines("Notes")


def ask_priorities(c: Capture) -> None:
    from capctl.cli import ask

    c.meeting.priorities = [r.id for r in ask.ask_refs(c.data, "Priority discussed", [RecordKind.priorities])]


def ask_follow_ups(c: Capture) -> None:
    """Follow-ups one by one: the task, who does it, when it is due (not before the meeting)."""
    from capctl.cli import ask
    from capctl.dates import shown
    from capctl.edit.meeting import FollowUpInput

    found: list[FollowUpInput] = []
    while True:
        task = ask.text(f"Follow-up {len(found) + 1}: task (blank when done)")
        if not task:
            c.meeting.follow_ups = found
            return
        owner = ask.one_ref(c.data, "  Owner, a person (blank for none)", [RecordKind.people], c.create_person)
        while True:
            due = ask.date("  Due date (blank for none)", default="", optional=True)
            if due is None or due >= c.meeting.date:
                break
            typer.echo(f"  the follow-up cannot be due before the meeting ({shown(c.meeting.date)})", err=True)
        found.append(FollowUpInput(task=task, owner=owner.id if owner else None, due=due))


QUESTIONS: dict[str, Callable[[Capture], None]] = {
    "date": ask_date,
    "kind": ask_kind,
    "topic": ask_topic,
    "district": ask_district,
    "headcount": ask_headcount,
    "languages": ask_languages,
    "tags": ask_tags,
    "who": ask_who,
    "title": ask_title,
    "notes": ask_notes,
    "priorities": ask_priorities,
    "follow-ups": ask_follow_ups,
}
"""Every question, by the field it fills: any of them can be asked again before the record is written."""

BY_KIND: dict[EngagementKind, list[str]] = {
    EngagementKind.training: ["topic", "district", "headcount", "languages"],
    EngagementKind.hearing: ["tags"],
}
"""The questions a kind adds after the kind."""


def questions(kind: EngagementKind, given: set[str]) -> list[str]:
    """The questions for a meeting of ``kind``, in order, leaving out what the options gave."""
    order = ["date", "kind", *BY_KIND.get(kind, []), "who", "title", "notes", "priorities", "follow-ups"]
    return [q for q in order if q not in given]


def prompt(data: DataSet, meeting: MeetingInput, given: set[str]) -> Capture:
    """Ask every question not answered by an option, then let the organizer review and change any field."""
    capture = Capture(data, meeting)
    asked: list[str] = []
    while True:
        pending = [q for q in questions(capture.meeting.kind, given) if q not in asked]
        if not pending:
            return capture
        QUESTIONS[pending[0]](capture)
        asked.append(pending[0])


def review(capture: Capture) -> Draft:
    """The record as it will be written; any field can be changed until the organizer says y (or n)."""
    from capctl.cli import ask
    from capctl.edit.meeting import new_engagement

    while True:
        draft: Draft | None = None
        try:
            draft = new_engagement(capture.data, capture.meeting)
        except CapctlError as exc:
            typer.echo(f"  {exc.message.removesuffix('; nothing was written')}; change a field", err=True)
        else:
            typer.echo(f"\n{capture.data.display(draft.path)}:\n{draft.text}", err=True)
            for person in capture.new_people:
                typer.echo(f"and a new person, {capture.data.display(person.path)}:\n{person.text}", err=True)
        fields = ", ".join(QUESTIONS)
        answer = ask.text(f"Write this record? y writes it, n drops it, or change a field ({fields})", "y")
        key = answer.strip().lower()
        if key in {"y", "yes"} and draft is not None:
            return draft
        if key in {"n", "no"}:
            typer.echo("nothing was written", err=True)
            raise typer.Exit(0)
        matches = [q for q in QUESTIONS if q.startswith(key.replace(" ", "-"))] if key else []
        if len(matches) == 1:
            QUESTIONS[matches[0]](capture)
            if matches[0] == "kind":
                for extra in BY_KIND.get(capture.meeting.kind, []):
                    QUESTIONS[extra](capture)
            derive_title_again(capture)
            continue
        typer.echo(f"  answer y, n or one of {fields}", err=True)
