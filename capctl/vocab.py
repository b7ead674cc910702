"""The words capctl uses: kinds of records and their statuses.

Kept free of heavy imports (no Pydantic, no Rich) so that the command line can
offer these choices without paying for the models at start-up.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class RecordKind(StrEnum):
    """A kind of record, named as its folder under ``data/``."""

    partners = "partners"
    officials = "officials"
    people = "people"
    engagements = "engagements"
    testimonies = "testimonies"
    priorities = "priorities"
    resources = "resources"

    @property
    def singular(self) -> str:
        return _SINGULAR[self]

    @property
    def a(self) -> str:
        """The singular with its article: ``an official``, ``a partner``."""
        word = _SINGULAR[self]
        return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


_SINGULAR = {
    RecordKind.partners: "partner",
    RecordKind.officials: "official",
    RecordKind.people: "person",
    RecordKind.engagements: "engagement",
    RecordKind.testimonies: "testimony",
    RecordKind.priorities: "priority",
    RecordKind.resources: "resource",
}


class PartnerStatus(StrEnum):
    prospect = "prospect"
    invited = "invited"
    core = "core"
    former = "former"


class Level(StrEnum):
    county = "county"
    city = "city"
    state = "state"
    federal = "federal"


class EngagementKind(StrEnum):
    one_on_one = "one-on-one"
    call = "call"
    chapter_meeting = "chapter-meeting"
    training = "training"
    hearing = "hearing"
    lobby_day = "lobby-day"
    action = "action"
    forum = "forum"
    other = "other"


class Topic(StrEnum):
    """What a training, engagement or resource is about."""

    budget = "budget"
    organizing = "organizing"
    policy = "policy"
    media = "media"
    leadership = "leadership"
    language_access = "language-access"
    other = "other"


class ConsentScope(StrEnum):
    public = "public"
    internal = "internal"
    none = "none"


class PriorityStatus(StrEnum):
    proposed = "proposed"
    active = "active"
    won = "won"
    dropped = "dropped"


class Stance(StrEnum):
    support = "support"
    oppose = "oppose"
    undecided = "undecided"
    unknown = "unknown"


class ResourceKind(StrEnum):
    presentation = "presentation"
    factsheet = "factsheet"
    toolkit = "toolkit"
    video = "video"
    other = "other"


class MetricGroup(StrEnum):
    relationships = "relationships"
    coalition = "coalition"
    capacity = "capacity"


class MetricStatus(StrEnum):
    """Where a metric stands against its target (see docs/metrics.md)."""

    met = "met"
    on_track = "on-track"
    behind = "behind"


class ExportFormat(StrEnum):
    """What ``capctl export`` writes: one SQLite database, a folder of CSV files, or one JSON file."""

    csv = "csv"
    json = "json"
    sqlite = "sqlite"


class ReportFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class ReportLanguage(StrEnum):
    """The languages the report is written in (its message catalogs are in capctl/report/locale/)."""

    en = "en"
    es = "es"


class Severity(StrEnum):
    error = "error"
    warning = "warning"


def loose(enum: type[E], text: str) -> E | None:
    """The member ``text`` means, matched as loosely as names: case, accents, spaces and underscores ignored,
    a unique beginning enough (``one on one``, ``Former``, ``chapter``); None when none or several."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    key = "-".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("_", " ").split())
    key = key.replace("-", "")
    members = list(enum)
    exact = [m for m in members if m.value.replace("-", "") == key]
    if exact:
        return exact[0]
    starts = [m for m in members if key and m.value.replace("-", "").startswith(key)]
    return starts[0] if len(starts) == 1 else None


def choices(enum: type[StrEnum]) -> str:
    """``a, b, c``: the values of an enum as a sentence would list them."""
    return ", ".join(member.value for member in enum)
