"""The figures of the charts as a compact table of values by month (the Markdown report; the HTML
report beside its charts): each metric as of every month's end and the as-of date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from capctl.models.metrics import Period
from capctl.report.charts import ONE_DAY, Series, district_total
from capctl.report.i18n import ENGLISH, Translator
from capctl.report.metrics import Result
from capctl.report.period import elapsed
from capctl.report.words import percent, target_text


def table_days(series: Series, period: Period, as_of: dt.date) -> list[dt.date]:
    """Every month's end within the period up to the as-of date, and the as-of date."""
    return [p.day for p in series.points if p.day >= period.start and (p.day == as_of or (p.day + ONE_DAY).day == 1)]


def heading(day: dt.date, years: int, tr: Translator = ENGLISH) -> str:
    """``Mar`` for the end of March (``Mar 2018`` when the table spans several years), ``Jun 15`` for
    an as-of date within a month (in Spanish ``mar``, ``jun 15``)."""
    words = tr.month_abbr(day.month)
    if (day + ONE_DAY).day != 1:
        words += f" {day.day}"
    return words + (f" {day.year}" if years > 1 else "")


def monthly_table(
    lines: Sequence[Result], series: Sequence[Series], period: Period, as_of: dt.date, tr: Translator = ENGLISH
) -> tuple[list[str], list[list[str]]]:
    """The columns and rows of the values by month: the share of the period elapsed (the even pace
    of a metric is its minimum times that share), then each metric's value, and below a metric that
    shows districts, how many its trainings covered."""
    if not series:
        return [], []
    when = table_days(series[0], period, as_of)
    years = len({day.year for day in when})
    _ = tr.gettext
    columns = [_("Metric"), _("Target"), *(heading(day, years, tr) for day in when)]
    rows = [[_("Period elapsed"), "", *(percent(elapsed(period, day), tr) for day in when)]]
    for result, line in zip(lines, series, strict=True):
        value = [str(line.at(day).value) for day in when]
        rows.append([result.metric.label, target_text(result.target, tr), *value])
        if result.districts is not None:
            covered = [str(len(line.at(day).districts or ())) for day in when]
            rows.append([_("↳ districts covered"), _("of {total}").format(total=district_total(result)), *covered])
    return columns, rows


def explained(as_of: dt.date, tr: Translator = ENGLISH) -> str:
    """The sentence under the table: what each value is and where its records are."""
    return tr.gettext(
        "Each value is the metric as of the month's last day (the last column: as of {day}); "
        "`capctl report --as-of DATE --explain METRIC` lists the records behind it. "
        "The even pace of a metric is its minimum times the period elapsed."
    ).format(day=tr.date(as_of))
