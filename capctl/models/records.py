"""Pydantic models of every record kind.

A record's id is its file name and is not written in the file. Personal fields carry ``personal``
in their JSON schema extra, so that anything published can leave them out (:func:`personal_fields`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictBool, StringConstraints, model_validator

from capctl.dates import check_range
from capctl.text import CONTROL
from capctl.vocab import (
    ConsentScope,
    EngagementKind,
    Level,
    PartnerStatus,
    PriorityStatus,
    RecordKind,
    ResourceKind,
    Stance,
    Topic,
)

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
ID_MAX_LENGTH = 80

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
"""A record id: lowercase letters, digits and hyphens, at most 80 characters."""

Ref = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=ID_MAX_LENGTH)]
"""A reference to another record, by its id."""

Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
"""A language code as in ISO 639 (``en``, ``es``, ``zh``, ``ko``, ``tl``, ``hy``)."""

Tag = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
Words = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
"""Text that is not empty and may span lines."""


def one_line(value: str) -> str:
    """A name, title or task is one line: a line break or another control character in it is refused."""
    found = CONTROL.search(value)
    if found:
        char = found.group()
        what = "a line break" if char in "\n\r\u2028\u2029" else "a tab" if char == "\t" else None
        what = what or f"a control character (U+{ord(char):04X})"
        raise ValueError(f"must be one line of text, without {what}")
    return value


Text = Annotated[Words, AfterValidator(one_line)]
"""A one-line value that is not empty: a name, a title, a task."""
OneLine = Annotated[str, AfterValidator(one_line)]

Day = Annotated[dt.date, AfterValidator(check_range)]
"""A date in the years capctl works in (``capctl.dates.EARLIEST`` to ``LATEST``)."""

CalendarUid = Annotated[str, StringConstraints(min_length=1, max_length=1000, pattern=r"^[^\r\n]+$")]
"""An iCalendar event's UID, one line (RFC 5545: unique for the event, whatever calendar holds it)."""


def personal(description: str, **kwargs: Any) -> Any:
    """A field that holds personal data: left out of everything published."""
    return Field(default=None, description=description, json_schema_extra={"personal": True}, **kwargs)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=True)


class Record(Model):
    """Fields shared by every record kind."""

    collection: ClassVar[RecordKind]
    id: Id = Field(description="The file name without `.yaml`; never written in the file.")

    def names(self) -> list[str]:
        """Every name the record answers to: its name or title, then aliases."""
        main = getattr(self, "name", None) or getattr(self, "title", None)
        return [n for n in [main, *getattr(self, "aliases", [])] if n]

    @property
    def label(self) -> str:
        names = self.names()
        return names[0] if names else self.id


# --- partners -------------------------------------------------------------


class StatusChange(Model):
    status: PartnerStatus = Field(description="The partner's status from this date on.")
    date: Day = Field(description="When the status began.")
    note: str | None = Field(default=None, description="Why the status changed.")


class Partner(Record):
    """An organization in or around the coalition."""

    collection: ClassVar[RecordKind] = RecordKind.partners
    name: Text = Field(description="The organization's name.")
    aliases: list[Text] = Field(default_factory=list, description="Other names and acronyms.")
    status_history: list[StatusChange] = Field(
        min_length=1, description="Status changes, oldest first; the last is the current status."
    )
    districts: list[str] = Field(default_factory=list, description="District ids from `capctl.yaml` it works in.")
    languages: list[Language] = Field(default_factory=list, description="Languages its members speak.")
    contacts: list[Ref] = Field(default_factory=list, description="People (ids) who are its contacts.")
    website: str | None = Field(default=None, description="Its public web site.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    notes: str | None = Field(default=None, description="Free notes.")

    @property
    def status(self) -> PartnerStatus:
        return self.status_history[-1].status

    def status_on(self, day: dt.date) -> PartnerStatus | None:
        """The status as it stood on ``day``; None before the first entry."""
        current = None
        for change in self.status_history:
            if change.date <= day:
                current = change.status
        return current


# --- officials and people -------------------------------------------------


class OfficeContact(Model):
    """A public office of an official (not personal data)."""

    classification: str = Field(description="`capitol`, `district` or another office name.")
    address: str | None = Field(default=None, description="The office's street address.")
    phone: str | None = Field(default=None, description="The office's public phone number.")
    fax: str | None = Field(default=None, description="The office's fax number.")


class ImportedFields(Model):
    """What the last Open States import wrote for the fields it manages (see docs/review.md).

    A field of the official whose value differs from its value here was edited by
    hand: the next import keeps it and says so.
    """

    name: str | None = Field(default=None, description="The name imported.")
    aliases: list[str] = Field(default_factory=list, description="The other names imported.")
    office: str | None = Field(default=None, description="The office imported.")
    level: Level | None = Field(default=None, description="The level imported.")
    district: str | None = Field(default=None, description="The district imported.")
    party: str | None = Field(default=None, description="The party imported.")
    term_start: Day | None = Field(default=None, description="The term start imported.")
    term_end: Day | None = Field(default=None, description="The term end imported.")
    email: str | None = Field(default=None, description="The email address imported.")
    offices: list[OfficeContact] = Field(default_factory=list, description="The offices imported.")
    links: list[str] = Field(default_factory=list, description="The web pages imported.")


class Official(Record):
    """An elected official."""

    collection: ClassVar[RecordKind] = RecordKind.officials
    name: Text = Field(description="The official's name.")
    aliases: list[Text] = Field(default_factory=list, description="Other names they go by.")
    office: Text = Field(description='The body or office, e.g. "LA County Board of Supervisors".')
    level: Level = Field(description="county, city, state or federal.")
    district: str | None = Field(default=None, description='The district they represent, e.g. "1" or "AD-53".')
    party: str | None = Field(default=None, description="Their party.")
    term_start: Day | None = Field(default=None, description="When the current term began.")
    term_end: Day | None = Field(default=None, description="When the current term ends.")
    email: str | None = Field(default=None, description="The office's public email address.")
    offices: list[OfficeContact] = Field(default_factory=list, description="Capitol and district offices.")
    links: list[str] = Field(default_factory=list, description="Official web pages.")
    openstates_id: str | None = Field(default=None, description="The Open States person id, for imports.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    notes: str | None = Field(default=None, description="Free notes.")
    imported: ImportedFields | None = Field(
        default=None, description="What the last Open States import wrote: hand edits are told apart from it."
    )


class NameConsent(Model):
    """Whether a person agreed to be named in what the chapter publishes."""

    public_name: StrictBool = Field(description="true: they agreed to be named in public output; false: they did not.")
    since: dt.date | None = Field(default=None, description="When they said so.")
    note: str | None = Field(default=None, description="How it was recorded, e.g. a signed media release.")


class Person(Record):
    """A staffer of an official, a partner's contact or a community member.

    Private unless they agreed to be named (``consent.public_name``); a staffer of an official is named in
    their official role unless they said no. Their contacts are never published.
    """

    collection: ClassVar[RecordKind] = RecordKind.people
    name: Text = Field(description="The person's name.")
    aliases: list[Text] = Field(default_factory=list, description="Other names they go by.")
    affiliation: Ref | None = Field(default=None, description="The partner (id) they belong to.")
    works_for: Ref | None = Field(default=None, description="The official (id) they work for, for staff.")
    title: OneLine | None = Field(default=None, description='Their role, e.g. "Chief of Staff".')
    languages: list[Language] = Field(default_factory=list, description="Languages they speak.")
    email: str | None = personal("Their email address (personal).")
    phone: str | None = personal("Their phone number (personal).")
    address: str | None = personal("Their home or mailing address (personal).")
    consent: NameConsent | None = Field(
        default=None, description="Whether they agreed to be named in public output; absent: they did not."
    )
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    notes: str | None = Field(default=None, description="Free notes.")

    @property
    def named_in_public(self) -> bool:
        """Whether public output may name them: they agreed, or they are an official's staffer acting
        in that role and did not refuse."""
        if self.consent is not None:
            return self.consent.public_name
        return self.works_for is not None


# --- engagements ----------------------------------------------------------


class FollowUp(Model):
    task: Text = Field(description="What was promised.")
    owner: Ref | None = Field(default=None, description="Who does it (a person id).")
    due: Day | None = Field(default=None, description="When it is due.")
    done: Day | None = Field(default=None, description="When it was done; absent while open.")


class Engagement(Record):
    """A meeting, call, training, hearing, lobby day, action or forum."""

    collection: ClassVar[RecordKind] = RecordKind.engagements
    date: Day = Field(description="The day it took place; the file name starts with it.")
    kind: EngagementKind = Field(
        description="one-on-one, call, chapter-meeting, training, hearing, lobby-day, action, forum or other."
    )
    topic: Topic | None = Field(default=None, description="What it was about (for trainings: budget, organizing...).")
    title: Text = Field(description="A short title.")
    location: str | None = Field(default=None, description="Where it took place.")
    district: str | None = Field(default=None, description="The district id (from `capctl.yaml`) it took place in.")
    partners: list[Ref] = Field(default_factory=list, description="Partner organizations (ids) that took part.")
    officials: list[Ref] = Field(default_factory=list, description="Officials (ids) present in person.")
    people: list[Ref] = Field(default_factory=list, description="People (ids) present: staff, contacts, members.")
    headcount: int | None = Field(default=None, ge=0, description="How many people attended in all.")
    languages: list[Language] = Field(default_factory=list, description="Languages it was held or interpreted in.")
    priorities: list[Ref] = Field(default_factory=list, description="Priorities (ids) discussed.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels, e.g. `poverty-hearing`.")
    notes: str | None = Field(default=None, description="What happened.")
    follow_ups: list[FollowUp] = Field(default_factory=list, description="What was promised, by whom, by when.")
    calendar_uid: CalendarUid | None = Field(
        default=None,
        description="The UID of the calendar event it was imported from (`capctl meeting import`); "
        "importing the event again writes nothing.",
    )


# --- testimonies, priorities, resources -----------------------------------


class Consent(Model):
    scope: ConsentScope = Field(description="public, internal or none.")
    date: Day | None = Field(default=None, description="When consent was given or refused.")
    note: str | None = Field(default=None, description="How it was recorded.")


class Testimony(Record):
    """A personal testimony of a partner's member."""

    collection: ClassVar[RecordKind] = RecordKind.testimonies
    __test__: ClassVar[bool] = False  # pytest: not a test class despite its name
    person: Ref = Field(description="Who gave it (a person id).")
    partner: Ref | None = Field(default=None, description="The partner (id) they speak with.")
    date: Day = Field(description="When it was given.")
    language: Language = Field(description="The language it was given in.")
    title: OneLine | None = personal("A short title (personal unless consent is public: it often names the speaker).")
    consent: Consent | None = Field(default=None, description="What the person agreed to share.")
    text: str | None = personal("The testimony itself (personal unless consent is public).")
    file: str | None = personal("A file under the data folder holding it (personal unless consent is public).")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")

    @model_validator(mode="after")
    def _text_or_file(self) -> Testimony:
        if (self.text is None) == (self.file is None):
            raise ValueError("give either text or file, not both and not neither")
        return self

    @property
    def public(self) -> bool:
        return self.consent is not None and self.consent.scope is ConsentScope.public


class Strategy(Model):
    summary: Text = Field(description="The community strategy.")
    partners: list[Ref] = Field(default_factory=list, description="Partners (ids) carrying it.")


class Position(Model):
    official: Ref = Field(description="The official (id).")
    stance: Stance = Field(description="support, oppose, undecided or unknown.")
    date: Day | None = Field(default=None, description="When the stance was learned.")
    source: str | None = Field(default=None, description="How we know: a meeting, a vote, a statement.")


class Priority(Record):
    """A county priority with its strategies and officials' positions."""

    collection: ClassVar[RecordKind] = RecordKind.priorities
    title: Text = Field(description="The priority.")
    identified: Day = Field(description="When the chapter identified it.")
    status: PriorityStatus = Field(default=PriorityStatus.active, description="proposed, active, won or dropped.")
    description: str | None = Field(default=None, description="What it is and why it matters.")
    strategies: list[Strategy] = Field(default_factory=list, description="Community strategies and their partners.")
    positions: list[Position] = Field(default_factory=list, description="Officials' stances, oldest first.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")

    def position_of(self, official: str, day: dt.date | None = None) -> Position | None:
        """The official's latest stance, as it stood on ``day`` if given."""
        latest = None
        for position in self.positions:
            if position.official == official and (day is None or position.date is None or position.date <= day):
                latest = position
        return latest


class Resource(Record):
    """A presentation or material, with its languages."""

    collection: ClassVar[RecordKind] = RecordKind.resources
    title: Text = Field(description="Its title.")
    kind: ResourceKind = Field(description="presentation, factsheet, toolkit, video or other.")
    topic: Topic | None = Field(default=None, description="What it is about.")
    languages: list[Language] = Field(min_length=1, description="Languages it exists in.")
    date: Day | None = Field(default=None, description="When it was made available.")
    link: str | None = Field(default=None, description="A file under the data folder or a URL.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    notes: str | None = Field(default=None, description="Free notes.")


MODELS: dict[RecordKind, type[Record]] = {
    RecordKind.partners: Partner,
    RecordKind.officials: Official,
    RecordKind.people: Person,
    RecordKind.engagements: Engagement,
    RecordKind.testimonies: Testimony,
    RecordKind.priorities: Priority,
    RecordKind.resources: Resource,
}


def personal_fields(model: type[BaseModel]) -> set[str]:
    """Names of the fields of ``model`` marked as personal data."""
    return {
        name
        for name, field in model.model_fields.items()
        if isinstance(field.json_schema_extra, dict) and field.json_schema_extra.get("personal")
    }


FILE_KEYS: dict[RecordKind, list[str]] = {
    kind: [field.alias or name for name, field in model.model_fields.items() if name != "id"]
    for kind, model in MODELS.items()
}
"""The keys of each kind's files, in canonical order."""
