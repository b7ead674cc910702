"""The pieces of a report: what :func:`capctl.report.build.build` returns and every format draws."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from capctl.models.metrics import Period
from capctl.report.charts import Series
from capctl.report.metrics import Result
from capctl.vocab import EngagementKind, ReportLanguage

DUE_SOON_DAYS = 14
"""Follow-ups due within this many days are listed beside the overdue ones."""


# --- what a chapter meeting needs -------------------------------------------


@dataclass(frozen=True)
class FollowUpItem:
    engagement: str
    date: dt.date
    title: str
    number: int  # as `capctl followup done ENGAGEMENT N` takes it
    task: str
    owner: str | None  # the owner's name (in a public report only with consent: else "a member of ...")
    due: dt.date | None
    days_overdue: int | None  # negative while not yet due


@dataclass(frozen=True)
class ColdItem:
    id: str
    kind: str  # partner or official
    name: str
    last: str | None  # the last engagement's id
    last_date: dt.date | None
    days_since: int | None  # None: never contacted
    state: str  # going cold or cold
    warn: int
    max: int
    last_title: str | None = None  # the last engagement's title, shown beside its date


@dataclass(frozen=True)
class ActivityItem:
    id: str
    date: dt.date
    kind: str
    title: str


@dataclass(frozen=True)
class Since:
    """Activity since the last chapter meeting (since the period began when there was none)."""

    meeting: str | None
    date: dt.date | None
    engagements: list[ActivityItem]

    @property
    def by_kind(self) -> dict[str, int]:
        counts = Counter(item.kind for item in self.engagements)
        return {kind.value: counts[kind.value] for kind in EngagementKind if counts[kind.value]}


@dataclass(frozen=True)
class DistrictRow:
    id: str | None  # None: trainings without a district
    name: str
    by_topic: dict[str, int]
    records: list[str]

    @property
    def total(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class LanguageRow:
    language: str
    records: list[str]


@dataclass(frozen=True)
class Meeting:
    overdue: list[FollowUpItem]
    due_soon: list[FollowUpItem]
    not_contacted: list[ColdItem]
    since: Since
    topics: list[str]  # the topic columns of ``trainings``
    trainings: list[DistrictRow]
    languages: list[LanguageRow]


# --- the report -------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One data folder's part of a report."""

    folder: str  # qualifies its record ids in a roll-up: ``<folder>:<id>``
    root: Path
    name: str
    metrics_sha256: str
    errors: int
    warnings: int
    results: list[Result]
    meeting: Meeting
    series: list[Series] = field(default_factory=list)  # each metric over time, when the report draws it

    def result(self, metric_id: str) -> Result:
        return next(r for r in self.results if r.metric.id == metric_id)


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    asked: dt.date  # the as-of date asked for, before it was clamped to the period
    period: Period
    share: Fraction  # of the period elapsed on the as-of date
    metrics_sha256: str
    public: bool
    lines: list[Result]  # one per metric, in metrics.yaml's order; summed across chapters in a roll-up
    chapters: list[Chapter] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)  # ``lines`` over time (summed in a roll-up), when drawn
    language: ReportLanguage = ReportLanguage.en  # the words, dates and metric labels the formats print

    @property
    def rollup(self) -> bool:
        return len(self.chapters) > 1

    @property
    def title(self) -> str:
        return " + ".join(c.name for c in self.chapters)

    def line(self, metric_id: str) -> Result | None:
        return next((r for r in self.lines if r.metric.id == metric_id), None)

    def per_chapter(self, metric_id: str) -> list[tuple[Chapter, Result]]:
        return [(c, c.result(metric_id)) for c in self.chapters]

    def over_time(self) -> list[tuple[Result, Series]]:
        """Each metric's line with its series, in metrics.yaml's order (none unless built with charts)."""
        by_id = {s.metric.id: s for s in self.series}
        return [(line, by_id[line.metric.id]) for line in self.lines if line.metric.id in by_id]
