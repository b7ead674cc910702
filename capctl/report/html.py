"""The grant report as one self-contained HTML file: inline CSS and SVG, no script, no
external address, laid out to print on paper."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from html import escape

from capctl import __version__
from capctl.report.counters import Evidence
from capctl.report.describe import describe
from capctl.report.i18n import ENGLISH, Translator, translator
from capctl.report.metrics import Result
from capctl.report.parts import DUE_SOON_DAYS, Chapter, Meeting, Report, Since
from capctl.report.svg import CHART_CSS, over_time_section
from capctl.report.words import (
    activity_text,
    cold_text,
    due_text,
    last_contact_text,
    missing_text,
    notes,
    percent,
    progress,
    report_line,
    status_text,
    target_text,
)
from capctl.vocab import MetricGroup, MetricStatus

COLORS = {MetricStatus.met: "#2e7d32", MetricStatus.on_track: "#b26a00", MetricStatus.behind: "#c62828"}
TOPIC_COLORS = ["#1565c0", "#6a1b9a", "#00838f", "#ef6c00", "#558b2f", "#ad1457", "#5d4037"]

CSS = """
:root { --ink: #1b1b1b; --muted: #5f6368; --rule: #d0d4d9; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       max-width: 62rem; margin: 2rem auto; padding: 0 1rem;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; border-bottom: 2px solid var(--ink); padding-bottom: .15rem; margin: 1.8rem 0 .6rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p { margin: .3rem 0; }
.meta, .notes, .why, .small { color: var(--muted); font-size: .85rem; }
.warning { color: #c62828; font-weight: 600; }
code { font-size: .8rem; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .45rem; border-bottom: 1px solid var(--rule); }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.status { font-weight: 700; }
.notes { margin: .15rem 0 0; padding-left: 1rem; }
svg { display: block; }
.bar { white-space: nowrap; }
.bar svg { display: inline-block; vertical-align: middle; margin-right: .35rem; }
section { break-inside: avoid-page; }
tr { break-inside: avoid; }
footer { margin-top: 2rem; border-top: 1px solid var(--rule); padding-top: .4rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  .appendix { break-before: page; }
}
"""


def e(value: object) -> str:
    return escape(str(value))


def progress_svg(result: Result, width: int = 140, height: int = 12, tr: Translator = ENGLISH) -> str:
    """A bar filled to the share of the minimum reached; a tick where the pace says it should be today."""
    share, label = progress(result, tr)
    fill = COLORS[result.status]
    parts = [
        f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{e(label)}">',
        f'<rect width="{width}" height="{height}" rx="2" fill="#e8eaed"/>',
        f'<rect width="{float(share * width):.1f}" height="{height}" rx="2" fill="{fill}"/>',
    ]
    if result.expected is not None and result.target.min and result.status is not MetricStatus.met:
        x = float(min(Fraction(1), result.expected / result.target.min) * width)
        parts.append(f'<rect x="{max(0.0, x - 1):.1f}" width="2" height="{height}" fill="#1b1b1b"/>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart(rows: Sequence[tuple[str, list[int]]], series: Sequence[str], width: int = 520) -> str:
    """Horizontal stacked bars, one row each, with a legend when there are several series."""
    label_w, row_h, gap = 170, 16, 6
    top = 22 if len(series) > 1 else 0
    biggest = max([sum(values) for _, values in rows] + [1])
    scale = (width - label_w - 40) / biggest
    height = top + len(rows) * (row_h + gap)
    out = [f'<svg width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">']
    if len(series) > 1:
        x = 0.0
        for i, name in enumerate(series):
            color = TOPIC_COLORS[i % len(TOPIC_COLORS)]
            out.append(f'<rect x="{x}" y="4" width="10" height="10" fill="{color}"/>')
            out.append(f'<text x="{x + 14}" y="13" font-size="11">{e(name)}</text>')
            x += 24 + 7 * len(name)
    for r, (label, values) in enumerate(rows):
        y = top + r * (row_h + gap)
        out.append(f'<text x="0" y="{y + 12}" font-size="11">{e(label[:28])}</text>')
        x = float(label_w)
        for i, value in enumerate(values):
            if value:
                w = value * scale
                color = TOPIC_COLORS[i % len(TOPIC_COLORS)]
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h}" fill="{color}"/>')
                x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + 12}" font-size="11">{sum(values)}</text>')
    out.append("</svg>")
    return "".join(out)


def table(columns: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table of cells already escaped (or markup)."""
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{e(c)}</th>" for i, c in enumerate(columns))
    body = "".join(
        "<tr>" + "".join(f"<td{' class=num' if i in numeric else ''}>{v}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def header(report: Report) -> str:
    tr = translator(report.language)
    _, d = tr.gettext, tr.long_date
    clamped = _(" (asked {day}: the period ended)").format(day=d(report.asked)) if report.asked != report.as_of else ""
    as_of = e(_("Grant report as of {day}")).format(day=f"<strong>{e(d(report.as_of))}</strong>")
    period = _("Grant period {start} to {end}, {percent} elapsed").format(
        start=d(report.period.start), end=d(report.period.end), percent=percent(report.share, tr)
    )
    parts = [
        f"<header><h1>{e(report.title)}</h1>",
        f"<p>{as_of}{e(clamped)}. {e(period)}."
        + (e(_(" Public edition: no personal data.")) if report.public else "")
        + "</p>",
        f'<p class="meta">metrics.yaml sha256 <code>{report.metrics_sha256}</code></p>',
    ]
    for chapter in report.chapters:
        if chapter.errors:
            said = tr.ngettext(
                "{folder} has {n} error: records with errors are left out ({check} lists them).",
                "{folder} has {n} errors: records with errors are left out ({check} lists them).",
                chapter.errors,
            )
            warning = e(said).format(folder=e(chapter.folder), n=chapter.errors, check="<code>capctl check</code>")
            parts.append(f'<p class="warning">{warning}</p>')
    parts.append("</header>")
    return "".join(parts)


def page(report: Report, title: str, body: str) -> str:
    tr = translator(report.language)
    footer = tr.gettext("capctl {version} · as of {day} · metrics.yaml sha256 {sha256}").format(
        version=__version__, day=tr.date(report.as_of), sha256=report.metrics_sha256
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{report.language.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}{CHART_CSS}</style>\n</head>\n<body>\n"
        f"{header(report)}\n{body}\n"
        f'<footer class="small">{e(footer)}</footer>\n</body>\n</html>\n'
    )


def metrics_section(report: Report) -> str:
    tr = translator(report.language)
    _ = tr.gettext
    out = []
    for group in MetricGroup:
        results = [r for r in report.lines if r.metric.group is group]
        if not results:
            continue
        columns = [_("Metric"), *(c.folder for c in report.chapters if report.rollup)]
        columns += [_("Total") if report.rollup else _("Value"), _("Target"), _("Progress"), _("Status")]
        rows = []
        for r in results:
            items = "".join(f"<li>{e(n)}</li>" for n in notes(r, tr))
            label = f"{e(r.metric.label)}" + (f'<ul class="notes">{items}</ul>' if items else "")
            per_chapter = [str(c.result(r.metric.id).value) for c in report.chapters] if report.rollup else []
            _share, bar_label = progress(r, tr)
            status = f'<span class="status" style="color:{COLORS[r.status]}">{e(status_text(r, tr))}</span>'
            bar = f'<span class="bar">{progress_svg(r, tr=tr)}{e(bar_label)}</span>'
            rows.append([label, *per_chapter, str(r.value), e(target_text(r.target, tr)), bar, status])
        numeric = list(range(1, len(report.chapters) + 2)) if report.rollup else [1]
        heading = e(tr.word(group.value).capitalize())
        out.append(f"<section><h2>{heading}</h2>{table(columns, rows, numeric)}</section>")
    return "\n".join(out)


def meeting_section(chapter: Chapter, report: Report) -> str:
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    m = chapter.meeting
    title = _("For the chapter meeting: {chapter}") if report.rollup else _("For the chapter meeting")
    out = [f"<h2>{e(title.format(chapter=chapter.name))}</h2>"]
    soon = report.as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for title, items in (
        (_("Follow-ups overdue"), m.overdue),
        (_("Follow-ups due by {day}").format(day=d(soon)), m.due_soon),
    ):
        out.append(f"<h3>{e(title)} ({len(items)})</h3>")
        if items:
            rows = [
                [
                    e(due_text(f, tr)),
                    e(f.task),
                    e(f.owner or "-"),
                    e(f"{d(f.date)} {f.title} (#{f.number})"),
                ]
                for f in items
            ]
            out.append(table([_("Due"), _("Task"), _("Owner"), _("From")], rows))
    cold = _("Core partners and officials not contacted in time ({n})").format(n=len(m.not_contacted))
    out.append(f"<h3>{e(cold)}</h3>")
    if m.not_contacted:
        rows = [
            [
                e(c.name),
                e(tr.word(c.kind)),
                e(last_contact_text(c, tr)),
                "-" if c.days_since is None else str(c.days_since),
                e(cold_text(c, tr)),
            ]
            for c in m.not_contacted
        ]
        columns = [_("Name"), _("Kind"), _("Last contact"), _("Days"), _("State")]
        out.append(table(columns, rows, numeric=[3]))
    out += _activity(m.since, tr)
    out += _reach(m, report, tr)
    return "<section>" + "\n".join(out) + "</section>"


def _activity(since: Since, tr: Translator) -> list[str]:
    _, d = tr.gettext, tr.date
    where = (
        _("since the last chapter meeting on {day}").format(day=d(since.date))
        if since.date
        else _("since the period began")
    )
    activity = _("Activity {where} ({n})").format(where=where, n=len(since.engagements))
    out = [f"<h3>{e(activity)}</h3>"]
    if since.engagements:
        out.append("<p>" + e(activity_text(since, tr)) + ".</p>")
        rows = [[e(d(a.date)), e(tr.word(a.kind)), e(a.title)] for a in since.engagements]
        out.append(table([_("Date"), _("Kind"), _("Title")], rows))
    return out


def _reach(m: Meeting, report: Report, tr: Translator) -> list[str]:
    """Trainings by district and resources by language: a chart and its table each."""
    _, d = tr.gettext, tr.date
    topics = [tr.word(t) for t in m.topics]
    span = _("Trainings by district ({start} to {end})").format(start=d(report.period.start), end=d(report.as_of))
    out = [f"<h3>{e(span)}</h3>"]
    out.append(bar_chart([(t.name, [t.by_topic[k] for k in m.topics]) for t in m.trainings], topics))
    rows = [
        [
            e(t.name),
            *(str(t.by_topic[k]) for k in m.topics),
            str(t.total),
            f'<span class="small">{e(" ".join(t.records) or "-")}</span>',
        ]
        for t in m.trainings
    ]
    columns = [_("District"), *topics, _("Total"), _("Trainings")]
    out.append(table(columns, rows, numeric=range(1, len(m.topics) + 2)))
    resources = _("Resources by language (up to {day})").format(day=d(report.as_of))
    out.append(f"<h3>{e(resources)}</h3>")
    labels = [(tr.language_label(row.language), [len(row.records)]) for row in m.languages]
    out.append(bar_chart(labels, [_("resources")]))
    rows = [
        [
            e(tr.language_label(row.language)),
            str(len(row.records)),
            f'<span class="small">{e(" ".join(row.records) or "-")}</span>',
        ]
        for row in m.languages
    ]
    out.append(table([_("Language"), _("Resources"), _("Records")], rows, numeric=[1]))
    return out


def evidence_table(items: list[Evidence], tr: Translator = ENGLISH) -> str:
    _ = tr.gettext
    rows = [
        [f"<code>{e(i.id)}</code>", e(tr.date(i.date)), e(i.title), f'<span class="why">{e(i.why)}</span>']
        for i in items
    ]
    return table([_("Id"), _("Date"), _("Title"), _("Why")], rows)


def explain_section(report: Report, line: Result) -> str:
    tr = translator(report.language)
    _ = tr.gettext
    value = e(_("Value {value}, target {target}: ")).format(
        value=f"<strong>{line.value}</strong>", target=e(target_text(line.target, tr))
    )
    grant = _("Grant: {grant}").format(grant=line.metric.grant)
    counts = _("Counts {what}.").format(what=describe(line.metric.count, line.window, tr))
    out = [
        f'<section id="{e(line.metric.id)}"><h3>{e(line.metric.label)} <code>{e(line.metric.id)}</code></h3>',
        f"<p>{e(grant)}</p>",
        f'<p class="small">{e(counts)}</p>',
        f'<p class="bar">{progress_svg(line, tr=tr)}{value}'
        f'<span class="status" style="color:{COLORS[line.status]}">{e(status_text(line, tr))}</span></p>',
    ]
    if report.rollup:
        by = ", ".join(f"{c.folder} {r.value}" for c, r in report.per_chapter(line.metric.id))
        by_chapter = _("By chapter: {values}").format(values=by)
        out.append(f"<p>{e(by_chapter)}</p>")
    out += [f'<p class="small">{e(n)}</p>' for n in notes(line, tr)]
    none = _("No records counted yet.")
    out.append(evidence_table(line.evidence, tr) if line.evidence else f"<p>{e(none)}</p>")
    missing = missing_text(line, report.period, tr)
    if missing:
        label = _("Missing:")
        out.append(f"<p><strong>{e(label)}</strong> {e(missing)}.</p>")
        if line.not_counted:
            counted = _("Not counted yet ({n}):").format(n=len(line.not_counted))
            out.append(f"<p>{e(counted)}</p>{evidence_table(line.not_counted, tr)}")
    out.append("</section>")
    return "\n".join(out)


def render_html(report: Report, explain: str | None = None) -> str:
    """The whole report (with every metric's records in an appendix), or one metric's explanation."""
    tr = translator(report.language)
    if explain is not None:
        line = report_line(report, explain)
        return page(report, f"{report.title}: {line.metric.label}", explain_section(report, line))
    body = [metrics_section(report)]
    body += [over_time_section(report)] if report.series else []
    body += [meeting_section(chapter, report) for chapter in report.chapters]
    appendix = "\n".join(explain_section(report, line) for line in report.lines)
    behind = tr.gettext("Records behind each number")
    body.append(f'<div class="appendix"><h2>{e(behind)}</h2>\n{appendix}</div>')
    title = tr.gettext("{title}: grant report as of {day}").format(title=report.title, day=tr.long_date(report.as_of))
    return page(report, title, "\n".join(body))
