"""The options and arguments of the commands that more than one command takes, each defined once.

Each is a ``typing.Annotated`` alias that a command uses as a parameter's type, its default after ``=``::

    def followups(ctx: typer.Context, owner: OwnerFilter = None, fmt: FormatOption = Format.table) -> None: ...

Here live every option whose flag several commands take (one alias per help text: where commands
describe the same flag differently, their aliases sit side by side), every date option, every
``--format``, and every REF option or argument (they complete record ids in the shell). An option
only one command takes stays with its command.

Only the standard library, Typer, the vocabulary and the completions are imported here:
every command module imports this one, so ``capctl --help`` loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from capctl.cli.complete import complete_list_kind, complete_ref
from capctl.vocab import (
    EngagementKind,
    ExportFormat,
    PartnerStatus,
    RecordKind,
    ReportFormat,
    ResourceKind,
    Stance,
    Topic,
    loose,
)

E = TypeVar("E", bound=StrEnum)


def _ref(*param_decls: str, kind: RecordKind, help: str, metavar: str = "REF") -> Any:
    """An option naming a record of ``kind`` (id, name or alias), whose ids the shell completes."""
    return typer.Option(*param_decls, metavar=metavar, help=help, autocompletion=complete_ref(kind))


def _ref_argument(*kinds: RecordKind, metavar: str, help: str) -> Any:
    """An argument naming a record of ``kinds`` (any kind when none), whose ids the shell completes."""
    return typer.Argument(metavar=metavar, help=help, autocompletion=complete_ref(*kinds))


def _date(*param_decls: str, help: str, **extra: Any) -> Any:
    """An option taking a date: YYYY-MM-DD, today or yesterday."""
    return typer.Option(*param_decls, metavar="DATE", help=help, **extra)


# --- --format ----------------------------------------------------------------


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class FollowUpsFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    ics = "ics"


class ShowFormat(StrEnum):
    table = "table"
    json = "json"


class YesNo(StrEnum):
    yes = "yes"
    no = "no"


FORMAT_HELP = "table for people; json or csv (every field, stable columns) for scripts."

FormatOption = Annotated[Format, typer.Option("--format", help=FORMAT_HELP)]
FollowUpsFormatOption = Annotated[
    FollowUpsFormat,
    typer.Option(
        "--format",
        help="table for people; json or csv (every field, stable columns) for scripts; "
        "ics for calendars: one all-day event per follow-up on its due date.",
    ),
]
MatchesFormat = Annotated[Format, typer.Option("--format", help="How to print the proposed matches.")]
ShowFormatOption = Annotated[ShowFormat, typer.Option("--format", help="table for people, json for scripts.")]
ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option("--format", "-f", help="text for the terminal, markdown for an agenda, json, html for print."),
]
ExportFormatOption = Annotated[
    ExportFormat,
    typer.Option("--format", help="sqlite: one database; csv: a folder with one file per table; json: one file."),
]

# --- REF arguments -------------------------------------------------------------

AnyRefArg = Annotated[str, _ref_argument(metavar="REF", help="An id, a name or an alias, of any kind.")]
PartnerArg = Annotated[str, _ref_argument(RecordKind.partners, metavar="REF", help="The partner: id, name or alias.")]
PersonArg = Annotated[str, _ref_argument(RecordKind.people, metavar="REF", help="The person: id, name or alias.")]
OfficialArg = Annotated[
    str, _ref_argument(RecordKind.officials, metavar="OFFICIAL", help="The official: id, name or alias.")
]
PriorityArg = Annotated[
    str, _ref_argument(RecordKind.priorities, metavar="PRIORITY", help="The priority: id or title.")
]
EngagementArg = Annotated[
    str, _ref_argument(RecordKind.engagements, metavar="ENGAGEMENT", help="The engagement: id or title.")
]

KINDS_HELP = "partners, officials, people, engagements (or meetings), testimonies, priorities or resources."
ListKindArg = Annotated[str, typer.Argument(metavar="KIND", help=KINDS_HELP, autocompletion=complete_list_kind)]

# --- --partner, --official, --person, --priority, --owner, --works-for ----------

PartnerFilter = Annotated[
    str | None,
    _ref(
        "--partner",
        kind=RecordKind.partners,
        help="Engagements it took part in, its people, testimonies, priorities it carries a strategy of.",
    ),
]
PartnersThere = Annotated[
    list[str] | None, _ref("--partner", kind=RecordKind.partners, help="A partner organization there.")
]
StrategyPartners = Annotated[
    list[str] | None, _ref("--partner", kind=RecordKind.partners, help="A partner carrying the strategy.")
]
Affiliation = Annotated[str | None, _ref("--partner", kind=RecordKind.partners, help="The partner they belong to.")]
TestimonyPartner = Annotated[
    str | None,
    _ref("--partner", kind=RecordKind.partners, help="The partner they speak with (default: the person's)."),
]

OfficialFilter = Annotated[
    str | None,
    _ref(
        "--official",
        kind=RecordKind.officials,
        help="Engagements with them in person or through staff, their staff, priorities they took a stance on.",
    ),
]
OfficialsThere = Annotated[
    list[str] | None, _ref("--official", kind=RecordKind.officials, help="An official there in person.")
]

PersonFilter = Annotated[
    str | None,
    _ref(
        "--person",
        kind=RecordKind.people,
        help="Engagements they attended, partners they are a contact of, their testimonies.",
    ),
]
PeopleThere = Annotated[
    list[str] | None, _ref("--person", kind=RecordKind.people, help="A person there: staff, contact, member.")
]
TestimonyPerson = Annotated[str | None, _ref("--person", kind=RecordKind.people, help="Who gave it. Required.")]

PrioritiesDiscussed = Annotated[
    list[str] | None, _ref("--priority", kind=RecordKind.priorities, help="A priority discussed.")
]

OwnerFilter = Annotated[str | None, _ref("--owner", kind=RecordKind.people, help="Only this person's.")]
FollowUpOwner = Annotated[
    str | None, _ref("--owner", kind=RecordKind.people, help="Who does the follow-ups (a person).")
]

WorksFor = Annotated[
    str | None,
    _ref("--works-for", kind=RecordKind.officials, metavar="OFFICIAL", help="The official they work for (staff)."),
]

# --- dates ---------------------------------------------------------------------

AsOf = Annotated[
    str | None,
    _date(
        "--as-of",
        help="Report as of this date (YYYY-MM-DD, today, yesterday); default today, "
        "clamped to the end of the grant period.",
        show_default=False,
    ),
]
SinceFilter = Annotated[
    str | None,
    _date("--since", help="On or after this date (engagements, testimonies, resources; priorities: identified)."),
]
UntilFilter = Annotated[str | None, _date("--until", help="On or before this date.")]
StatusSince = Annotated[str | None, _date("--since", help="Since when (default: today).")]
MeetingDate = Annotated[str | None, _date("--date", help="YYYY-MM-DD, today or yesterday.")]
FollowUpsDue = Annotated[str | None, _date("--due", help="When the follow-ups are due.")]
ChangedOn = Annotated[str | None, _date("--date", help="When it changed (default: today).")]
GivenOn = Annotated[str | None, _date("--date", help="When it was given (default: today).")]
LearnedOn = Annotated[str | None, _date("--date", help="When it was learned (default: today).")]
MadeAvailable = Annotated[str | None, _date("--date", help="When it was made available.")]
DoneOn = Annotated[str | None, _date("--date", help="When it was done (default: today).")]
CalendarSince = Annotated[
    str | None, _date("--since", help="Events from this day on (default: 30 days before --until).")
]
CalendarUntil = Annotated[str | None, _date("--until", help="Events up to this day (default: today).")]
Identified = Annotated[str | None, _date("--identified", help="When the chapter identified it (default: today).")]

# --- --language, --tag, --district ---------------------------------------------

Languages = Annotated[list[str] | None, typer.Option("--language", metavar="CODE", help="A language (en, es, ko...).")]
MeetingLanguages = Annotated[
    list[str] | None, typer.Option("--language", metavar="CODE", help="A language it was held in (en, es, ko...).")
]
ResourceLanguages = Annotated[
    list[str] | None,
    typer.Option("--language", metavar="CODE", help="A language it exists in (en, es...). At least one."),
]
TestimonyLanguage = Annotated[
    str | None, typer.Option("--language", metavar="CODE", help="Its language (default: the person's first).")
]
LanguageFilter = Annotated[
    str | None, typer.Option("--language", metavar="CODE", help="Records in this language (es, ko...).")
]

Tags = Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="A label.")]
MeetingTags = Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="A label, e.g. poverty-hearing.")]
TagFilter = Annotated[str | None, typer.Option("--tag", metavar="T", help="Records carrying this tag.")]

DistrictFilter = Annotated[
    str | None,
    typer.Option("--district", metavar="D", help="District id (engagements, partners) or an official's district."),
]
MeetingDistrict = Annotated[
    str | None, typer.Option("--district", metavar="D", help="The district id from capctl.yaml.")
]
PartnerDistricts = Annotated[
    list[str] | None, typer.Option("--district", metavar="D", help="A district id from capctl.yaml it works in.")
]
OfficialDistrict = Annotated[
    str | None, typer.Option("--district", metavar="D", help='The district they represent, e.g. "1".')
]
ImportDistricts = Annotated[
    list[str] | None,
    typer.Option(
        "--district", metavar="D", help='Only this district: "53" or "AD-53". Repeatable.', show_default=False
    ),
]

# --- --kind, --topic, --status, --title ------------------------------------------


def loose_parser(enum: type[E]) -> Callable[[Any], E]:
    """A parser of ``enum`` values matched as loosely as names (``one on one``, ``Former``, ``chapter``: see
    :func:`capctl.vocab.loose`); anything else is a usage error listing the values."""

    def parse(value: Any) -> E:
        if isinstance(value, enum):
            return value
        found = loose(enum, str(value))
        if found is None:
            listed = ", ".join(repr(member.value) for member in enum)
            raise typer.BadParameter(f"{value!r} is not one of {listed}")
        return found

    return parse


def _values(enum: type[StrEnum]) -> Callable[[str], list[str]]:
    def complete(incomplete: str) -> list[str]:
        return [m.value for m in enum if m.value.startswith(incomplete.lower())]

    return complete


def _loose(*param_decls: str, enum: type[StrEnum], help: str, **extra: Any) -> Any:
    """An option of ``enum`` values matched loosely (:func:`loose_parser`), its values in the help and completed."""
    metavar = "<" + "|".join(m.value for m in enum) + ">"
    return typer.Option(
        *param_decls, parser=loose_parser(enum), metavar=metavar, help=help, autocompletion=_values(enum), **extra
    )


def _loose_argument(enum: type[StrEnum], metavar: str, help: str) -> Any:
    return typer.Argument(parser=loose_parser(enum), metavar=metavar, help=help, autocompletion=_values(enum))


class StaleKind(StrEnum):
    partners = "partners"
    officials = "officials"
    people = "people"


KindFilter = Annotated[
    str | None,
    typer.Option("--kind", metavar="KIND", help="Engagement kind (one-on-one, training...) or resource kind."),
]
StaleKinds = Annotated[
    list[StaleKind] | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="partners, officials or people; repeat for several (default: partners and officials).",
    ),
]
MeetingKind = Annotated[
    EngagementKind | None, _loose("--kind", enum=EngagementKind, help="What it was (default: one-on-one).")
]
ImportedKind = Annotated[
    EngagementKind | None,
    _loose(
        "--kind",
        enum=EngagementKind,
        help="The kind of every engagement (default: from words of each title, else one-on-one).",
    ),
]
ResourceKindOption = Annotated[ResourceKind | None, _loose("--kind", enum=ResourceKind, help="What it is. Required.")]

TopicFilter = Annotated[
    str | None,
    typer.Option("--topic", metavar="TOPIC", help="Topic of engagements or resources (budget, organizing...)."),
]
MeetingTopic = Annotated[
    Topic | None, _loose("--topic", enum=Topic, help="What it was about; trainings: budget, organizing...")
]
ResourceTopic = Annotated[Topic | None, _loose("--topic", enum=Topic, help="What it is about.")]

StatusFilter = Annotated[
    str | None,
    typer.Option(
        "--status", metavar="STATUS", help="Partner status today (prospect, invited, core, former) or priority status."
    ),
]
PartnerStatusOption = Annotated[PartnerStatus, _loose("--status", enum=PartnerStatus, help="Its status.")]
NewStatusArg = Annotated[
    PartnerStatus, _loose_argument(PartnerStatus, metavar="STATUS", help="prospect, invited, core or former.")
]
StanceArg = Annotated[Stance, _loose_argument(Stance, metavar="STANCE", help="support, oppose, undecided or unknown.")]

MeetingTitle = Annotated[
    str | None, typer.Option("--title", metavar="TEXT", help="A short title (default: the kind and who).")
]
TestimonyTitle = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="A short title; names the file.")]
Role = Annotated[str | None, typer.Option("--title", metavar="TEXT", help='Their role, e.g. "Chief of Staff".')]

# --- --output, --force, --public -------------------------------------------------

ReportOutput = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of the screen.", show_default=False),
]
SchemaOutput = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="DIR",
        help="Where to write them (default: the data folder's schemas/, which the files' first line points at).",
        show_default=False,
    ),
]
ExportOutput = Annotated[
    Path, typer.Option("--output", "-o", metavar="PATH", help="Where to write (never inside data/).")
]

ReportForce = Annotated[bool, typer.Option("--force", help="With --output, replace FILE if it exists.")]
ExportForce = Annotated[bool, typer.Option("--force", help="Replace PATH if it holds an earlier export.")]

ReportPublic = Annotated[
    bool,
    typer.Option(
        "--public",
        help="For publishing: no names, emails, phones or addresses of people, "
        "no testimony title without public consent.",
    ),
]
ExportPublic = Annotated[
    bool, typer.Option("--public", help="Leave out personal fields and testimonies without public consent.")
]

# --- --id, --allow-duplicate, --yes, --dry-run -------------------------------------

IdOption = Annotated[
    str | None, typer.Option("--id", metavar="ID", help="The record's id (default: derived from the name).")
]
AllowDuplicate = Annotated[
    bool,
    typer.Option("--allow-duplicate", help="Add it even if a record of its kind already has this name."),
]

WriteWithoutAsking = Annotated[bool, typer.Option("--yes", "-y", help="Write without asking for confirmation.")]
ApplyWithoutAsking = Annotated[bool, typer.Option("--yes", "-y", help="Apply without asking.")]

DryRun = Annotated[bool, typer.Option("--dry-run", help="Print the YAML it would write; write nothing.")]
MeetingDryRun = Annotated[bool, typer.Option("--dry-run", help="Print the YAML; write nothing.")]
ImportDryRun = Annotated[bool, typer.Option("--dry-run", help="Say what would change; write nothing.")]
