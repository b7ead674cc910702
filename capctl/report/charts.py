"""Metrics over time: every metric evaluated as of the end of each week of the grant period (and of
each month, and the as-of date), for the burn-up charts of the HTML report and the table of values by
month of the Markdown report.

Each point is :func:`capctl.report.metrics.evaluate` as of its day, the evaluation the report itself
makes: ``capctl report --as-of DAY --explain METRIC`` lists the records behind any point.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from capctl.models.metrics import Counting, Metric, Period
from capctl.models.records import Engagement, Official, Partner
from capctl.query.activity import EngagementIndex, officials_represented
from capctl.report.counters import engagement_matches, timeline
from capctl.report.listed import Listed
from capctl.report.metrics import Result, evaluate
from capctl.report.period import elapsed, paced, window
from capctl.store.dataset import DataSet, R

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Point:
    """A metric as of the end of ``day``."""

    day: dt.date
    value: int
    districts: tuple[str, ...] | None = None  # covered by then, when the metric shows districts


@dataclass(frozen=True)
class Series:
    """One metric's points, oldest first: the day before the period began, then the end of every week
    and every month up to the as-of date, and the as-of date."""

    metric: Metric
    points: list[Point]

    @property
    def last(self) -> Point:
        return self.points[-1]

    def at(self, day: dt.date) -> Point:
        return next(p for p in self.points if p.day == day)

    def first_covered(self) -> dict[str, dt.date]:
        """Each district covered, with the first point it is covered by."""
        found: dict[str, dt.date] = {}
        for point in self.points:
            for district in point.districts or ():
                found.setdefault(district, point.day)
        return found


def days(period: Period, as_of: dt.date) -> list[dt.date]:
    """The days a series has points on; none before the period begins."""
    if as_of < period.start:
        return []
    found = {period.start - ONE_DAY, as_of}
    week_end = period.start + dt.timedelta(days=6)
    while week_end < as_of:
        found.add(week_end)
        week_end += dt.timedelta(days=7)
    found.update(day for day in month_ends(period) if day < as_of)
    return sorted(found)


def month_ends(period: Period) -> list[dt.date]:
    """The last day of every month that ends within the period (its own last day included)."""
    found = []
    year, month = period.start.year, period.start.month
    while True:
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        if end > period.end:
            break
        found.append(end)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if not found or found[-1] != period.end:
        found.append(period.end)
    return found


class _Reach(Listed):
    """A data set as one metric's points read it: only the records that may count for it on some day
    up to the last point. The engagements that pass its filters, dated within reach of its windows;
    counting partners, those whose status history may pass its filters by then (and, via engagements,
    who took part in one of those); counting officials via engagements, those the engagements involve.
    What the metric counts is what it counts on the whole data set (tests compare every point); only
    what it does not count yet is not looked for. At size M (10,000 engagements over ten years, 1,000
    partners) this takes the points of a year from about 2 s to a fraction of a second."""

    def __init__(self, data: DataSet, metric: Metric, period: Period, first: dt.date, last: dt.date) -> None:
        super().__init__(data)  # what its points ask again is worked out once (Listed.remember)
        self._data = data
        counting, where = metric.count, metric.count.where
        start = window(counting, period, first).start  # a window's start never moves back as its day moves on
        self._only: dict[type[Any], list[Any]] = {}
        engagements: list[Engagement] = []
        if counting.records == "engagements" or counting.via is not None:
            engagements = self._only[Engagement] = [
                e
                for e in timeline(data).read(start, last, [kind.value for kind in where.kind])
                if engagement_matches(data, e, where) is not None
            ]
        if counting.counts in ("partners", "partners via engagements"):
            took_part = {p for e in engagements for p in e.partners} if counting.via else None
            self._only[Partner] = [
                p
                for p in data.typed(Partner)
                if (took_part is None or p.id in took_part) and _may_pass(p, counting, start, last)
            ]
        elif counting.counts == "officials via engagements":
            officials = {o for e in engagements for o in officials_represented(data, e)}
            self._only[Official] = [o for o in data.typed(Official) if o.id in officials]

    def typed(self, model: type[R]) -> list[R]:
        only = self._only.get(model)
        return list(only) if only is not None else self._data.typed(model)


def _may_pass(partner: Partner, counting: Counting, start: dt.date | None, last: dt.date) -> bool:
    """Whether a partner's status may pass a metric's partner filters on a day up to ``last``: a status
    sought is in its history by then, a status change sought falls within reach (``start`` to ``last``)."""
    where = counting.where
    history = [change for change in partner.status_history if change.date <= last]
    if where.status and not any(change.status in where.status for change in history):
        return False
    if where.became and not any(start is None or change.date >= start for change in history):
        return False
    return counting.via is not None or set(where.tags) <= set(partner.tags)


def over_time(
    data: DataSet, metrics: Sequence[Metric], period: Period, as_of: dt.date, index: EngagementIndex | None = None
) -> list[Series]:
    """Every metric as of each of :func:`days` (none before the period begins)."""
    when = days(period, as_of)
    if not when:
        return []
    found = []
    for metric in metrics:
        reach = _Reach(data, metric, period, when[0], when[-1])
        points = []
        for day in when:
            result = evaluate(reach, metric, period, day, with_previous=False, index=index, uncounted=False)
            districts = tuple(result.districts) if result.districts is not None else None
            points.append(Point(day, result.value, districts))
        found.append(Series(metric, points))
    return found


def combine(parts: Sequence[tuple[str, list[Series]]]) -> list[Series]:
    """Chapters' series summed point by point (the chapters agree on the period and the metric ids);
    districts qualified as ``<folder>:<id>``."""
    if not parts:
        return []
    by_id = [(folder, {s.metric.id: s for s in series}) for folder, series in parts]
    combined = []
    for first in parts[0][1]:
        points = []
        for j, point in enumerate(first.points):
            here = [(folder, series[first.metric.id].points[j]) for folder, series in by_id]
            districts = None
            if point.districts is not None:
                districts = tuple(f"{folder}:{d}" for folder, p in here for d in p.districts or ())
            points.append(Point(point.day, sum(p.value for _, p in here), districts))
        combined.append(Series(first.metric, points))
    return combined


# --- what the charts and the table show ----------------------------------------------


def pace(result: Result, period: Period, day: dt.date) -> int | None:
    """The even pace on ``day``: the minimum times the share of the period elapsed, rounded up as the
    status is judged (None when the metric has no minimum or is a rolling count)."""
    if result.target.min is None or not paced(result.metric.count):
        return None
    return math.ceil(result.target.min * elapsed(period, day))


def district_total(result: Result) -> int:
    """The districts a metric's trainings may cover: the chapter's districts and any other found."""
    return len(result.districts or []) + len(result.districts_missing or [])
