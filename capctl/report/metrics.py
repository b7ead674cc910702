"""Evaluating one grant metric of ``metrics.yaml``: its value, its status, the records
counted (each with the reason it counts) and what is missing.

Only records dated on or before the as-of date count; partner statuses are
taken as they stood on the relevant date. The vocabulary is described in
docs/metrics.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction

from capctl.models.metrics import Metric, Period, Target
from capctl.models.records import Engagement, Resource
from capctl.query.activity import EngagementIndex
from capctl.report.counters import COUNTERS, Evidence, status_on
from capctl.report.i18n import ENGLISH, Translator
from capctl.report.period import Window, elapsed, paced, previous_period, same_point, window
from capctl.store.dataset import DataSet
from capctl.vocab import MetricStatus, PartnerStatus


@dataclass(frozen=True)
class Previous:
    """The same metric over the previous period of the same length."""

    start: dt.date
    end: dt.date
    value: int  # over the whole previous period
    same_point: dt.date  # the day of the previous period matching the as-of date
    value_by_same_point: int
    records: list[str]


@dataclass(frozen=True)
class Result:
    """One metric evaluated as of a date."""

    metric: Metric
    target: Target
    window: Window
    value: int
    status: MetricStatus
    expected: Fraction | None  # the minimum times the elapsed share, when the metric is paced
    above_max: bool
    evidence: list[Evidence]
    not_counted: list[Evidence] = field(default_factory=list)
    districts: list[str] | None = None  # shown with `districts`: the districts covered
    districts_missing: list[str] | None = None
    languages: list[str] | None = None  # shown with `languages`
    now_core: list[str] | None = None  # shown with `now-core`: counted partners core on the as-of date
    previous: Previous | None = None  # shown with `previous-period`

    @property
    def records(self) -> list[str]:
        return [e.id for e in self.evidence]

    @property
    def short(self) -> int:
        """How many more records the minimum asks for."""
        return max(0, (self.target.min or 0) - self.value)

    @property
    def change(self) -> int | None:
        """The change against the same point of the previous period."""
        return None if self.previous is None else self.value - self.previous.value_by_same_point


# --- status -----------------------------------------------------------------


def judge(value: int, target: Target, share: Fraction, is_paced: bool) -> tuple[MetricStatus, Fraction | None]:
    """``met`` at or above the minimum (or with no minimum), ``on-track`` at or above the minimum
    times the elapsed share (paced metrics only), else ``behind``; and that expected value."""
    if target.min is None:
        return MetricStatus.met, None
    expected = target.min * share if is_paced else None
    if value >= target.min:
        return MetricStatus.met, expected
    if expected is not None and value >= expected:
        return MetricStatus.on_track, expected
    return MetricStatus.behind, expected


# --- evaluating -------------------------------------------------------------


def evaluate(
    data: DataSet,
    metric: Metric,
    period: Period,
    as_of: dt.date,
    with_previous: bool = True,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Result:
    """The metric's value as of ``as_of``, with every record counted and why.

    ``index`` is :func:`~capctl.query.activity.engagements_by_record` (up to ``as_of``, a later date
    or none) when already at hand: the report builds it once for every metric. ``tr`` words the
    reasons each record counts (or does not yet); with ``uncounted`` False, what does not count yet is
    not looked for (``not_counted`` is empty: a chart's points need only the value).
    """
    counting = metric.count
    span = window(counting, period, as_of)
    counter = COUNTERS[counting.counts]
    evidence, not_counted = counter(data, counting.where, span, as_of, index, tr, uncounted)
    evidence.sort(key=lambda e: (e.date or dt.date.min, e.id))
    value = len(evidence)
    status, expected = judge(value, metric.target, elapsed(period, as_of), paced(counting))
    show = metric.show
    districts = _districts(data, evidence) if "districts" in show else None
    return Result(
        metric=metric,
        target=metric.target,
        window=span,
        value=value,
        status=status,
        expected=expected,
        above_max=metric.target.max is not None and value > metric.target.max,
        evidence=evidence,
        not_counted=not_counted if status is not MetricStatus.met and uncounted else [],
        districts=districts[0] if districts else None,
        districts_missing=districts[1] if districts else None,
        languages=_languages(data, evidence) if "languages" in metric.show else None,
        now_core=(
            [e.id for e in evidence if status_on(data, e.id, as_of) is PartnerStatus.core]
            if "now-core" in metric.show
            else None
        ),
        previous=_previous(data, metric, period, as_of, index) if with_previous and "previous-period" in show else None,
    )


def _previous(data: DataSet, metric: Metric, period: Period, as_of: dt.date, index: EngagementIndex | None) -> Previous:
    before = previous_period(period)
    whole = evaluate(data, metric, before, before.end, with_previous=False, index=index)
    point = same_point(period, before, as_of)
    by_point = evaluate(data, metric, before, point, with_previous=False, index=index)
    return Previous(before.start, before.end, whole.value, point, by_point.value, whole.records)


# details shown beside the number ----------------------------------------------


def _districts(data: DataSet, evidence: list[Evidence]) -> tuple[list[str], list[str]]:
    known = data.settings.district_ids() if data.settings else []
    covered = set()
    for item in evidence:
        engagement = data.records.get(item.id)
        if isinstance(engagement, Engagement) and engagement.district:
            covered.add(engagement.district)
    ordered = [d for d in known if d in covered] + sorted(covered - set(known))
    return ordered, [d for d in known if d not in covered]


def _languages(data: DataSet, evidence: list[Evidence]) -> list[str]:
    found: set[str] = set()
    for item in evidence:
        record = data.records.get(item.id)
        if isinstance(record, Resource | Engagement):
            found.update(record.languages)
    preferred = data.settings.languages if data.settings else []
    return [lang for lang in preferred if lang in found] + sorted(found - set(preferred))
