"""Pydantic models of every record kind, of ``capctl.yaml`` and of ``metrics.yaml``.

A record's id is its file name and is not written in the file; the store adds it
when loading. Fields that hold personal data carry ``personal`` in their JSON
schema extra so that anything published can leave them out (see
:func:`personal_fields`).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from capctl.vocab import (
    ConsentScope,
    EngagementKind,
    Level,
    MetricGroup,
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
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


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
    date: dt.date = Field(description="When the status began.")
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
    term_start: dt.date | None = Field(default=None, description="The term start imported.")
    term_end: dt.date | None = Field(default=None, description="The term end imported.")
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
    term_start: dt.date | None = Field(default=None, description="When the current term began.")
    term_end: dt.date | None = Field(default=None, description="When the current term ends.")
    email: str | None = Field(default=None, description="The office's public email address.")
    offices: list[OfficeContact] = Field(default_factory=list, description="Capitol and district offices.")
    links: list[str] = Field(default_factory=list, description="Official web pages.")
    openstates_id: str | None = Field(default=None, description="The Open States person id, for imports.")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    notes: str | None = Field(default=None, description="Free notes.")
    imported: ImportedFields | None = Field(
        default=None, description="What the last Open States import wrote: hand edits are told apart from it."
    )


class Person(Record):
    """A staffer of an official, a partner's contact or a community member."""

    collection: ClassVar[RecordKind] = RecordKind.people
    name: Text = Field(description="The person's name.")
    aliases: list[Text] = Field(default_factory=list, description="Other names they go by.")
    affiliation: Ref | None = Field(default=None, description="The partner (id) they belong to.")
    works_for: Ref | None = Field(default=None, description="The official (id) they work for, for staff.")
    title: str | None = Field(default=None, description='Their role, e.g. "Chief of Staff".')
    languages: list[Language] = Field(default_factory=list, description="Languages they speak.")
    email: str | None = personal("Their email address (personal).")
    phone: str | None = personal("Their phone number (personal).")
    address: str | None = personal("Their home or mailing address (personal).")
    tags: list[Tag] = Field(default_factory=list, description="Free labels.")
    notes: str | None = Field(default=None, description="Free notes.")


# --- engagements ----------------------------------------------------------


class FollowUp(Model):
    task: Text = Field(description="What was promised.")
    owner: Ref | None = Field(default=None, description="Who does it (a person id).")
    due: dt.date | None = Field(default=None, description="When it is due.")
    done: dt.date | None = Field(default=None, description="When it was done; absent while open.")


class Engagement(Record):
    """A meeting, call, training, hearing, lobby day, action or forum."""

    collection: ClassVar[RecordKind] = RecordKind.engagements
    date: dt.date = Field(description="The day it took place; the file name starts with it.")
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


# --- testimonies, priorities, resources -----------------------------------


class Consent(Model):
    scope: ConsentScope = Field(description="public, internal or none.")
    date: dt.date | None = Field(default=None, description="When consent was given or refused.")
    note: str | None = Field(default=None, description="How it was recorded.")


class Testimony(Record):
    """A personal testimony of a partner's member."""

    collection: ClassVar[RecordKind] = RecordKind.testimonies
    __test__: ClassVar[bool] = False  # pytest: not a test class despite its name
    person: Ref = Field(description="Who gave it (a person id).")
    partner: Ref | None = Field(default=None, description="The partner (id) they speak with.")
    date: dt.date = Field(description="When it was given.")
    language: Language = Field(description="The language it was given in.")
    title: str | None = personal("A short title (personal unless consent is public: it often names the speaker).")
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
    date: dt.date | None = Field(default=None, description="When the stance was learned.")
    source: str | None = Field(default=None, description="How we know: a meeting, a vote, a statement.")


class Priority(Record):
    """A county priority with its strategies and officials' positions."""

    collection: ClassVar[RecordKind] = RecordKind.priorities
    title: Text = Field(description="The priority.")
    identified: dt.date = Field(description="When the chapter identified it.")
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
    date: dt.date | None = Field(default=None, description="When it was made available.")
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


# --- capctl.yaml ----------------------------------------------------------


class District(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")] = Field(description="Short id, e.g. `sd1`.")
    name: Text = Field(description='Its name, e.g. "Supervisorial District 1".')
    areas: list[str] = Field(default_factory=list, description="Cities and neighborhoods in it, for people.")


class Threshold(Model):
    warn: int = Field(gt=0, description="Days without contact before a relationship is going cold.")
    max: int = Field(gt=0, description="Days without contact before it is cold.")

    @model_validator(mode="after")
    def _ordered(self) -> Threshold:
        if self.max < self.warn:
            raise ValueError("max must be at least warn")
        return self


class PartnerThresholds(Model):
    prospect: Threshold | None = Field(default=None, description="For prospects; absent means never cold.")
    invited: Threshold | None = Field(default=None, description="For invited partners.")
    core: Threshold | None = Field(default=None, description="For core partners.")
    former: Threshold | None = Field(default=None, description="For former partners.")


class Thresholds(Model):
    partners: PartnerThresholds = Field(default_factory=PartnerThresholds, description="Per partner status.")
    officials: Threshold | None = Field(default=None, description="For officials.")
    people: Threshold | None = Field(default=None, description="For people.")


class Settings(Model):
    """``capctl.yaml``: the chapter's settings."""

    chapter: Text = Field(description="The chapter's name.")
    region: str | None = Field(default=None, description="The area it covers.")
    districts: list[District] = Field(default_factory=list, description="Districts activity is counted by.")
    languages: list[Language] = Field(default_factory=list, description="Languages the chapter works in.")
    thresholds: Thresholds = Field(default_factory=Thresholds, description="When relationships go cold.")
    chapters: list[str] = Field(
        default_factory=list,
        description="Statewide: the chapters' data folders (relative to this file) that `capctl report` rolls up.",
    )

    def district_ids(self) -> list[str]:
        return [d.id for d in self.districts]


# --- metrics.yaml ---------------------------------------------------------


class Period(Model):
    start: dt.date = Field(description="First day of the grant period.")
    end: dt.date = Field(description="Last day of the grant period.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class Target(Model):
    min: int | None = Field(default=None, ge=0, description="The least the grant asks for.")
    max: int | None = Field(default=None, ge=0, description="The most the grant expects.")

    @model_validator(mode="after")
    def _some(self) -> Target:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError("max is below min")
        return self


def _invalid(title: str, problems: list[tuple[tuple[str | int, ...], str, Any]]) -> ValidationError:
    """A validation error located at each ``(loc, message, input)``, so that its line can be found."""
    return ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError("metrics_file", "{message}", {"message": message}), loc=loc, input=value
            )
            for loc, message, value in problems
        ],
    )


class Transition(Model):
    """A partner status change: to a status, optionally from a given one."""

    to: PartnerStatus = Field(description="The status it changed to.")
    from_: PartnerStatus | None = Field(
        default=None, alias="from", description="The status it changed from (the entry just before it)."
    )

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _a_change(self) -> Transition:
        if self.from_ is self.to:
            raise ValueError("from and to are the same status: that is not a change")
        return self


class Where(Model):
    """Filters on the records a metric counts; all given filters must hold."""

    kind: list[EngagementKind] = Field(default_factory=list, description="Engagement kinds (any of).")
    topic: list[Topic] = Field(default_factory=list, description="Topics (any of).")
    tags: list[Tag] = Field(default_factory=list, description="Tags the record must all carry.")
    with_officials: bool = Field(
        default=False, description="Engagements with at least one official or a staffer of one."
    )
    partner_status: list[PartnerStatus] = Field(
        default_factory=list, description="Partners counted through engagements: status on the engagement's date."
    )
    status: list[PartnerStatus] = Field(default_factory=list, description="Partners: status on the as-of date.")
    became: list[Transition] = Field(default_factory=list, description="Partners: a status change in the window.")
    min_languages: int | None = Field(default=None, ge=1, description="Resources: at least this many languages.")
    strategy_with_partner: bool = Field(
        default=False, description="Priorities: at least one strategy with at least one partner."
    )

    @model_validator(mode="before")
    @classmethod
    def _known_filters(cls, data: Any) -> Any:
        if isinstance(data, dict):
            known = ", ".join(cls.model_fields)
            unknown = [key for key in data if key not in cls.model_fields]
            if unknown:
                raise _invalid(
                    "Where", [((key,), f"unknown filter {key!r}: filters are {known}", data[key]) for key in unknown]
                )
        return data


Window = Annotated[str, StringConstraints(pattern=r"^(period|to-date|last-[1-9][0-9]*-days)$")]

FILTERS: dict[str, frozenset[str]] = {
    "engagements": frozenset({"kind", "topic", "tags", "with_officials"}),
    "testimonies": frozenset({"tags"}),
    "priorities": frozenset({"tags", "strategy_with_partner"}),
    "resources": frozenset({"topic", "tags", "min_languages"}),
    "partners": frozenset({"tags", "status", "became"}),
    "partners via engagements": frozenset(
        {"kind", "topic", "tags", "with_officials", "partner_status", "status", "became"}
    ),
    "officials via engagements": frozenset({"kind", "topic", "tags", "with_officials"}),
}
"""The filters each kind of count takes (see docs/metrics.md); any other is an error with its line."""


class Counting(Model):
    """What a metric counts."""

    records: Literal["engagements", "testimonies", "priorities", "resources", "partners", "officials"] = Field(
        description="The records counted; partners and officials are counted once each."
    )
    via: Literal["engagements"] | None = Field(
        default=None, description="Count partners or officials through the engagements that match `where`."
    )
    where: Where = Field(default_factory=Where, description="Filters.")
    window: Window = Field(
        default="period",
        description="`period` (the grant period), `to-date` (everything by the as-of date) or `last-N-days`.",
    )

    @property
    def counts(self) -> str:
        """The kind of count, as :data:`FILTERS` names it: ``partners via engagements``."""
        return f"{self.records} via {self.via}" if self.via else self.records

    @model_validator(mode="after")
    def _filters_apply(self) -> Counting:
        if self.via is not None and self.records not in ("partners", "officials"):
            raise _invalid(
                "Counting",
                [(("via",), f"only partners and officials are counted via engagements, not {self.records}", self.via)],
            )
        if self.records == "officials" and self.via is None:
            raise _invalid(
                "Counting",
                [(("records",), "officials are counted through engagements: add via: engagements", self.records)],
            )
        allowed = FILTERS[self.counts]
        wrong = [name for name in self.where.model_fields_set if name not in allowed]
        if wrong:
            takes = ", ".join(sorted(allowed))
            raise _invalid(
                "Counting",
                [
                    (
                        ("where", name),
                        f"does not apply when counting {self.counts} (filters here: {takes})",
                        getattr(self.where, name),
                    )
                    for name in sorted(wrong)
                ],
            )
        return self


Detail = Literal["previous-period", "districts", "languages", "now-core"]

SHOW_FOR: dict[str, frozenset[str]] = {
    "districts": frozenset({"engagements"}),
    "languages": frozenset({"engagements", "resources"}),
    "now-core": frozenset({"partners", "partners via engagements"}),
}
"""The kinds of count each detail applies to; ``previous-period`` needs ``window: period``."""


class Metric(Model):
    id: Id = Field(description="A stable id, e.g. `one-on-ones`.")
    group: MetricGroup = Field(description="relationships, coalition or capacity.")
    label: Text = Field(description="A short label for reports.")
    grant: Text = Field(description="The grant's own wording.")
    target: Target = Field(description="The target range.")
    count: Counting = Field(description="What is counted.")
    show: list[Detail] = Field(default_factory=list, description="Details shown beside the number.")

    @model_validator(mode="after")
    def _details_apply(self) -> Metric:
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        for i, detail in enumerate(self.show):
            if detail == "previous-period" and self.count.window != "period":
                problems.append(((("show", i)), "previous-period needs window: period", detail))
            elif detail in SHOW_FOR and self.count.counts not in SHOW_FOR[detail]:
                kinds = " or ".join(sorted(SHOW_FOR[detail]))
                problems.append(
                    ((("show", i)), f"{detail} applies when counting {kinds}, not {self.count.counts}", detail)
                )
        if problems:
            raise _invalid("Metric", problems)
        return self


class MetricsFile(Model):
    """``metrics.yaml``: the grant period and its metrics."""

    period: Period = Field(description="The grant period.")
    metrics: list[Metric] = Field(description="The metrics, in report order.")

    @model_validator(mode="after")
    def _unique_ids(self) -> MetricsFile:
        first: dict[str, int] = {}
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        for i, metric in enumerate(self.metrics):
            if metric.id in first:
                problems.append(
                    (
                        ("metrics", i, "id"),
                        f"duplicate metric id {metric.id!r} (also metrics.{first[metric.id]})",
                        metric.id,
                    )
                )
            first.setdefault(metric.id, i)
        if problems:
            raise _invalid("MetricsFile", problems)
        return self

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)


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
