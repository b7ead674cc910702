"""The HTML report's charts over time, drawn as inline SVG: for each metric a burn-up (its value
week by week, the target band, the even-pace line, the as-of day), and for a metric that shows
districts, the districts its trainings covered over time.

Readable without colour (the value a solid line with a dot, the pace dashed, the target hatched, the
as-of day dotted), with a ``<title>`` and a ``<desc>`` giving the figures in words for screen
readers, and numbers only: no record is named, so a ``--public`` chart is the internal one.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from capctl.models.metrics import Period
from capctl.report.charts import Point, Series, district_total, pace
from capctl.report.i18n import Translator, translator
from capctl.report.metrics import Result
from capctl.report.months import heading, monthly_table, table_days
from capctl.report.parts import Report
from capctl.report.words import status_text, target_text
from capctl.vocab import MetricGroup, MetricStatus

WIDTH, HEIGHT = 400, 250
LEFT, RIGHT, TOP, BOTTOM = 34, 16, 26, 206  # the plot area: x from LEFT to WIDTH - RIGHT, y from TOP to BOTTOM
INK, MUTED, RULE = "#1b1b1b", "#5f6368", "#d0d4d9"
LINE = {MetricStatus.met: "#1b5e20", MetricStatus.on_track: "#7a4a00", MetricStatus.behind: "#8e1b1b"}
BAND, HATCH = "#e6efe7", "#6f9c78"

CHART_CSS = """
.over-time .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(24rem, 1fr)); gap: .4rem 1.2rem; }
figure.chart { margin: .4rem 0; break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; max-width: 34rem; }
figure.chart figcaption { font-size: .85rem; }
figure.chart figcaption .small { display: block; }
@media print {
  section.over-time { break-before: page; break-inside: auto; }
  .over-time .charts { grid-template-columns: 1fr 1fr; gap: 0 .8rem; }
  figure.chart { margin: 0 0 .2rem; }
  figure.chart figcaption { font-size: 8pt; }
  .over-time details { display: none; }
}
"""


def e(value: object) -> str:
    return escape(str(value))


@dataclass(frozen=True)
class Frame:
    """Where days and values go in a chart."""

    period: Period
    top: int  # the value at the top of the plot

    @property
    def days(self) -> int:
        return (self.period.end - self.period.start).days + 1

    def x(self, day: dt.date) -> float:
        """The end of ``day``: the day before the period at the left edge, its last day at the right."""
        share = ((day - self.period.start).days + 1) / self.days
        return LEFT + share * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        return BOTTOM - value / self.top * (BOTTOM - TOP)


def nice_top(highest: int) -> tuple[int, int]:
    """The value at the top of the plot and the step between its gridlines: room above ``highest``,
    at most six steps of 1, 2 or 5 times a power of ten."""
    step = 1
    while math.ceil((highest + 1) / step) > 6:
        step = next(s * 10**k for k in range(8) for s in (1, 2, 5) if s * 10**k > step)
    return step * math.ceil((highest + 1) / step), step


def axes(frame: Frame, step: int, tr: Translator) -> list[str]:
    """Gridlines with their values, and the months along the bottom."""
    out = []
    for value in range(0, frame.top + 1, step):
        y = frame.y(value)
        color = INK if value == 0 else RULE
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{color}"/>')
        out.append(f'<text x="{LEFT - 5}" y="{y + 3.5:.1f}" text-anchor="end">{value}</text>')
    starts = _month_starts(frame.period)
    every = max(1, math.ceil(len(starts) / 12))
    years = len({day.year for day in starts})
    for i, start in enumerate(starts):
        x = frame.x(start - dt.timedelta(days=1))
        out.append(f'<line x1="{x:.1f}" y1="{BOTTOM}" x2="{x:.1f}" y2="{BOTTOM + 4}" stroke="{INK}"/>')
        if i % every == 0:
            label = tr.month_abbr(start.month)
            if years > 1 and (i == 0 or start.month == 1):
                label += f" {start.year}"
            end = starts[i + 1] if i + 1 < len(starts) else frame.period.end + dt.timedelta(days=1)
            middle = (x + frame.x(end - dt.timedelta(days=1))) / 2
            out.append(f'<text x="{middle:.1f}" y="{BOTTOM + 14}" text-anchor="middle">{e(label)}</text>')
    return out


def _month_starts(period: Period) -> list[dt.date]:
    found, day = [], period.start
    while day <= period.end:
        found.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return found


def legend(items: Sequence[tuple[str, str]]) -> list[str]:
    """A row of (swatch, words) along the bottom; a swatch is SVG drawn in a 16 by 10 box."""
    out, x = [], float(LEFT)
    for swatch, words in items:
        out.append(f'<g transform="translate({x:.1f},{HEIGHT - 18})">{swatch}</g>')
        out.append(f'<text x="{x + 20:.1f}" y="{HEIGHT - 9}">{e(words)}</text>')
        x += 30 + 5.6 * len(words)
    return out


def band(frame: Frame, low: int | None, high: int | None, pattern: str) -> list[str]:
    """The target: hatched between its minimum and maximum (up to the top for a minimum alone, from
    zero for a maximum alone), its bounds dashed."""
    if low is None and high is None:
        return []
    y_low, y_high = frame.y(low or 0), frame.y(high if high is not None else frame.top)
    out = [
        f'<rect x="{LEFT}" y="{y_high:.1f}" width="{WIDTH - LEFT - RIGHT}" height="{y_low - y_high:.1f}" '
        f'fill="url(#{pattern})"/>'
    ]
    for bound in (low, high):
        if bound:
            y = frame.y(bound)
            out.append(
                f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{HATCH}" '
                'stroke-width="1.2" stroke-dasharray="8 3"/>'
            )
    return out


def hatch(pattern: str) -> str:
    return (
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{BAND}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{HATCH}" stroke-width="1.4"/></pattern></defs>'
    )


def value_line(frame: Frame, points: Sequence[Point], values: Sequence[int], color: str) -> list[str]:
    """The value as a solid line, a dot and its number on the last point."""
    coords = " ".join(f"{frame.x(p.day):.1f},{frame.y(v):.1f}" for p, v in zip(points, values, strict=True))
    x, y = frame.x(points[-1].day), frame.y(values[-1])
    anchor, dx = ("end", -6) if x > WIDTH - RIGHT - 24 else ("start", 6)
    return [
        f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2.5" stroke-linejoin="round"/>',
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{color}" stroke="#fff" stroke-width="1"/>',
        f'<text x="{x + dx:.1f}" y="{y - 6:.1f}" text-anchor="{anchor}" font-weight="700">{values[-1]}</text>',
    ]


def as_of_mark(frame: Frame, day: dt.date, tr: Translator) -> list[str]:
    x = frame.x(day)
    words = tr.gettext("as of {day}").format(day=tr.date(day))
    anchor, dx = ("end", -3) if x > (LEFT + WIDTH) / 2 else ("start", 3)
    return [
        f'<line x1="{x:.1f}" y1="{TOP - 4}" x2="{x:.1f}" y2="{BOTTOM}" stroke="{INK}" stroke-dasharray="2 3"/>',
        f'<text x="{x + dx:.1f}" y="{TOP - 8}" text-anchor="{anchor}">{e(words)}</text>',
    ]


SOLID = f'<line x1="0" y1="5" x2="16" y2="5" stroke="{INK}" stroke-width="2.5"/>'
DASHED = f'<line x1="0" y1="5" x2="16" y2="5" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="4 2"/>'
DOTTED = f'<line x1="8" y1="0" x2="8" y2="10" stroke="{INK}" stroke-dasharray="2 2"/>'


def svg(chart_id: str, title: str, desc: str, body: list[str]) -> str:
    return "".join(
        [
            f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="10" '
            f'font-family="system-ui, sans-serif" fill="{INK}">',
            f'<title id="{chart_id}-title">{e(title)}</title><desc id="{chart_id}-desc">{e(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def burn_up(result: Result, series: Series, report: Report) -> str:
    """One metric's burn-up chart."""
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    period, points = report.period, series.points
    target = result.target
    top, step = nice_top(max([target.min or 0, target.max or 0, *(p.value for p in points)]))
    frame = Frame(period, top)
    chart_id = f"chart-{result.metric.id}"
    body = [hatch(f"{chart_id}-target"), *band(frame, target.min, target.max, f"{chart_id}-target")]
    body += axes(frame, step, tr)
    items = [(SOLID, _("value"))]
    if pace(result, period, period.end) is not None and target.min is not None:
        x0, x1 = frame.x(period.start - dt.timedelta(days=1)), frame.x(period.end)
        body.append(
            f'<line x1="{x0:.1f}" y1="{frame.y(0):.1f}" x2="{x1:.1f}" y2="{frame.y(target.min):.1f}" '
            f'stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="6 4"/>'
        )
        items.append((DASHED, _("even pace")))
    if target.min is not None or target.max is not None:
        items.append(
            (
                f'<rect width="16" height="10" fill="url(#{chart_id}-target)"/>',
                _("target {target}").format(target=target_text(target, tr)),
            )
        )
    items.append((DOTTED, _("as of")))
    body += as_of_mark(frame, report.as_of, tr)
    body += value_line(frame, points, [p.value for p in points], LINE[result.status])
    body += legend(items)
    title = _("{metric}: week by week from {start} to {end}").format(
        metric=result.metric.label, start=d(period.start), end=d(report.as_of)
    )
    return svg(chart_id, title, describe_burn_up(result, series, report), body)


def describe_burn_up(result: Result, series: Series, report: Report) -> str:
    """The chart in words: where the metric stands, its target and pace, and its value at each month's end."""
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    words = _("{value} as of {day}, target {target} by {end}: ").format(
        value=result.value, day=d(report.as_of), target=target_text(result.target, tr), end=d(report.period.end)
    )
    words += status_text(result, tr) + ". "
    return words + _("At each month's end: {values}.").format(values=_monthly(series, report, lambda p: p.value))


def districts_chart(result: Result, series: Series, report: Report) -> str:
    """How many districts a metric's trainings covered over time, each district named where it came in."""
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    period, points = report.period, series.points
    total = district_total(result)
    covered = [len(p.districts or ()) for p in points]
    top, step = nice_top(max([total, *covered]))
    frame = Frame(period, top)
    chart_id = f"chart-{result.metric.id}-districts"
    body = axes(frame, step, tr)
    y = frame.y(total)
    body.append(
        f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="{HATCH}" '
        'stroke-width="1.2" stroke-dasharray="8 3"/>'
    )
    body += as_of_mark(frame, report.as_of, tr)
    body += value_line(frame, points, covered, INK)
    for district, day in _arrivals(series):
        x, y = frame.x(day), frame.y(len(series.at(day).districts or ()))
        anchor = "end" if x > WIDTH - RIGHT - 60 else "start"
        body.append(
            f'<text x="{x + (-4 if anchor == "end" else 4):.1f}" y="{y + 12:.1f}" '
            f'text-anchor="{anchor}" fill="{MUTED}">{e(district)}</text>'
        )
    every = tr.ngettext("all {n} district", "all {n} districts", total).format(n=total)
    body += legend([(SOLID, _("districts covered")), (DASHED.replace(MUTED, HATCH), every)])
    title = _("{metric}: districts covered week by week from {start} to {end}").format(
        metric=result.metric.label, start=d(period.start), end=d(report.as_of)
    )
    return svg(chart_id, title, describe_districts(result, series, report), body)


def _arrivals(series: Series) -> list[tuple[str, dt.date]]:
    """The districts that came in at each point, joined: ``sd1, sd2`` on the day both did."""
    by_day: dict[dt.date, list[str]] = {}
    for district, day in series.first_covered().items():
        by_day.setdefault(day, []).append(district)
    return [(", ".join(names), day) for day, names in sorted(by_day.items())]


def describe_districts(result: Result, series: Series, report: Report) -> str:
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    covered, total = len(series.last.districts or ()), district_total(result)
    words = tr.ngettext(
        "{covered} of {n} district covered as of {day}", "{covered} of {n} districts covered as of {day}", total
    ).format(covered=covered, n=total, day=d(report.as_of))
    arrivals = [_("{districts} by {day}").format(districts=names, day=d(day)) for names, day in _arrivals(series)]
    words += f" ({'; '.join(arrivals)}). " if arrivals else ". "
    values = _monthly(series, report, lambda p: len(p.districts or ()))
    return words + _("At each month's end: {values}.").format(values=values)


def _monthly(series: Series, report: Report, value: Callable[[Point], int]) -> str:
    tr = translator(report.language)
    when = table_days(series, report.period, report.as_of)
    years = len({day.year for day in when})
    return ", ".join(f"{heading(day, years, tr)} {value(series.at(day))}" for day in when)


def figure(result: Result, series: Series, report: Report) -> str:
    """One metric's chart (and its districts' chart) with a caption."""
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    small = _("{value} as of {day} · target {target} · {status}").format(
        value=result.value, day=d(report.as_of), target=target_text(result.target, tr), status=status_text(result, tr)
    )
    label = e(result.metric.label)
    caption = f'<figcaption><strong>{label}</strong><span class="small">{e(small)}</span></figcaption>'
    chart = burn_up(result, series, report)
    out = [f'<figure class="chart" id="over-time-{e(result.metric.id)}">{caption}{chart}</figure>']
    if result.districts is not None:
        total = district_total(result)
        strong = _("{metric}: districts covered").format(metric=result.metric.label)
        small = tr.ngettext("{covered} of {n} district as of {day}", "{covered} of {n} districts as of {day}", total)
        small = small.format(covered=len(series.last.districts or ()), n=total, day=d(report.as_of))
        caption = f'<figcaption><strong>{e(strong)}</strong><span class="small">{e(small)}</span></figcaption>'
        out.append(f'<figure class="chart">{caption}{districts_chart(result, series, report)}</figure>')
    return "".join(out)


def over_time_section(report: Report) -> str:
    """One section (one printed page) per group of metrics: their charts, then the values by month."""
    tr = translator(report.language)
    drawn = report.over_time()
    out = []
    for group in MetricGroup:
        pairs = [(r, s) for r, s in drawn if r.metric.group is group]
        if not pairs:
            continue
        figures = "\n".join(figure(r, s, report) for r, s in pairs)
        columns, rows = monthly_table([r for r, _ in pairs], [s for _, s in pairs], report.period, report.as_of, tr)
        heading = tr.gettext("{group} over time").format(group=tr.word(group.value).capitalize())
        by_month = tr.gettext("Values by month")
        out.append(
            f'<section class="over-time"><h2>{e(heading)}</h2>'
            f'<div class="charts">\n{figures}\n</div>'
            f"<details><summary>{e(by_month)}</summary>{_table(columns, rows)}</details></section>"
        )
    return "\n".join(out)


def _table(columns: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th{' class=num' if i > 1 else ''}>{e(c)}</th>" for i, c in enumerate(columns))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if i > 1 else ''}>{e(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
