"""Time in a metric: the grant period, windows, pacing and the previous period."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from fractions import Fraction

from capctl.models.metrics import Counting, Period

_LAST_DAYS = re.compile(r"^last-(\d+)-days$")


@dataclass(frozen=True)
class Window:
    """The days a metric counts: ``start`` (None: no lower bound) to ``end``, both included."""

    start: dt.date | None
    end: dt.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and day <= self.end and (self.start is None or day >= self.start)

    def __str__(self) -> str:
        return f"up to {self.end}" if self.start is None else f"from {self.start} to {self.end}"


# --- dates ------------------------------------------------------------------


def clamp(period: Period, day: dt.date) -> dt.date:
    """The as-of date for a report: a date after the period means its last day."""
    return min(day, period.end)


def elapsed(period: Period, as_of: dt.date) -> Fraction:
    """The share of the period elapsed on ``as_of`` (its day included), 0 before it starts."""
    if as_of < period.start:
        return Fraction(0)
    day = min(as_of, period.end)
    return Fraction((day - period.start).days + 1, (period.end - period.start).days + 1)


def window(counting: Counting, period: Period, as_of: dt.date) -> Window:
    if counting.window == "period":
        return Window(period.start, min(period.end, as_of))
    if counting.window == "to-date":
        return Window(None, as_of)
    match = _LAST_DAYS.match(counting.window)
    assert match is not None  # the model's pattern allows nothing else
    return Window(as_of - dt.timedelta(days=int(match.group(1))), as_of)


def paced(counting: Counting) -> bool:
    """A count that builds up over the period is paced; a rolling ``last-N-days`` snapshot is not."""
    return not counting.window.startswith("last-")


def _calendar(period: Period) -> int | None:
    """Whole months a period spans (1st of a month to a month's last day), else None."""
    after = period.end + dt.timedelta(days=1)
    if period.start.day != 1 or after.day != 1:
        return None
    return (after.year - period.start.year) * 12 + after.month - period.start.month


def _add_months(day: dt.date, months: int) -> dt.date:
    years, month = divmod(day.month - 1 + months, 12)
    year = day.year + years
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def previous_period(period: Period) -> Period:
    """The period of the same length just before: 2016 for 2017, same number of months for whole months."""
    months = _calendar(period)
    if months is not None:
        start = _add_months(period.start, -months)
    else:
        start = period.start - dt.timedelta(days=(period.end - period.start).days + 1)
    # Worked out, not read: it may start before 1900 (the calendar files are held to), and every period
    # within it is at most 301 years long, so this never leaves the years a date can hold.
    return Period.model_construct(start=start, end=period.start - dt.timedelta(days=1))


def same_point(period: Period, previous: Period, as_of: dt.date) -> dt.date:
    if as_of >= period.end:
        return previous.end
    months = _calendar(period)
    if months is not None:
        day = _add_months(as_of, -months)
    else:
        day = as_of - dt.timedelta(days=(period.end - period.start).days + 1)
    return max(previous.start - dt.timedelta(days=1), min(day, previous.end))
