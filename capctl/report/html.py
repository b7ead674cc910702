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
from capctl.report.metrics import Result
from capctl.report.parts import DUE_SOON_DAYS, Chapter, Report
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
from capctl.text import language_label
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


def progress_svg(result: Result, width: int = 140, height: int = 12) -> str:
    """A bar filled to the share of the minimum reached; a tick where the pace says it should be today."""
    share, label = progress(result)
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
    clamped = f" (asked {report.asked}: the period ended)" if report.asked != report.as_of else ""
    parts = [
        f"<header><h1>{e(report.title)}</h1>",
        f"<p>Grant report as of <strong>{report.as_of}</strong>{e(clamped)}. "
        f"Grant period {report.period.start} to {report.period.end}, {percent(report.share)} elapsed."
        + (" Public edition: no personal data." if report.public else "")
        + "</p>",
        f'<p class="meta">metrics.yaml sha256 <code>{report.metrics_sha256}</code></p>',
    ]
    for chapter in report.chapters:
        if chapter.errors:
            parts.append(
                f'<p class="warning">{e(chapter.folder)} has {chapter.errors} error{"s" * (chapter.errors != 1)}: '
                "records with errors are left out (<code>capctl check</code> lists them).</p>"
            )
    parts.append("</header>")
    return "".join(parts)


def page(report: Report, title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>{CSS}{CHART_CSS}</style>\n</head>\n<body>\n"
        f"{header(report)}\n{body}\n"
        f'<footer class="small">capctl {e(__version__)} · as of {report.as_of} · '
        f"metrics.yaml sha256 {report.metrics_sha256}</footer>\n</body>\n</html>\n"
    )


def metrics_section(report: Report) -> str:
    out = []
    for group in MetricGroup:
        results = [r for r in report.lines if r.metric.group is group]
        if not results:
            continue
        columns = ["Metric", *(c.folder for c in report.chapters if report.rollup)]
        columns += ["Total" if report.rollup else "Value", "Target", "Progress", "Status"]
        rows = []
        for r in results:
            items = "".join(f"<li>{e(n)}</li>" for n in notes(r))
            label = f"{e(r.metric.label)}" + (f'<ul class="notes">{items}</ul>' if items else "")
            per_chapter = [str(c.result(r.metric.id).value) for c in report.chapters] if report.rollup else []
            _, bar_label = progress(r)
            status = f'<span class="status" style="color:{COLORS[r.status]}">{e(status_text(r))}</span>'
            bar = f'<span class="bar">{progress_svg(r)}{e(bar_label)}</span>'
            rows.append([label, *per_chapter, str(r.value), e(target_text(r.target)), bar, status])
        numeric = list(range(1, len(report.chapters) + 2)) if report.rollup else [1]
        out.append(f"<section><h2>{e(group.value.capitalize())}</h2>{table(columns, rows, numeric)}</section>")
    return "\n".join(out)


def meeting_section(chapter: Chapter, report: Report) -> str:
    m = chapter.meeting
    out = [f"<h2>For the chapter meeting{e(f': {chapter.name}') if report.rollup else ''}</h2>"]
    soon = report.as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for title, items in (("Follow-ups overdue", m.overdue), (f"Follow-ups due by {soon}", m.due_soon)):
        out.append(f"<h3>{e(title)} ({len(items)})</h3>")
        if items:
            rows = [
                [
                    e(due_text(f)),
                    e(f.task),
                    e(f.owner or "-"),
                    e(f"{f.date} {f.title} (#{f.number})"),
                ]
                for f in items
            ]
            out.append(table(["Due", "Task", "Owner", "From"], rows))
    out.append(f"<h3>Core partners and officials not contacted in time ({len(m.not_contacted)})</h3>")
    if m.not_contacted:
        rows = [
            [
                e(c.name),
                e(c.kind),
                e(last_contact_text(c)),
                "-" if c.days_since is None else str(c.days_since),
                e(cold_text(c)),
            ]
            for c in m.not_contacted
        ]
        out.append(table(["Name", "Kind", "Last contact", "Days", "State"], rows, numeric=[3]))
    since = m.since
    where = f"since the last chapter meeting on {since.date}" if since.date else "since the period began"
    out.append(f"<h3>Activity {e(where)} ({len(since.engagements)})</h3>")
    if since.engagements:
        out.append("<p>" + e(activity_text(since)) + ".</p>")
        out.append(table(["Date", "Kind", "Title"], [[e(a.date), e(a.kind), e(a.title)] for a in since.engagements]))
    out.append(f"<h3>Trainings by district ({report.period.start} to {report.as_of})</h3>")
    out.append(bar_chart([(d.name, [d.by_topic[t] for t in m.topics]) for d in m.trainings], m.topics))
    rows = [
        [
            e(d.name),
            *(str(d.by_topic[t]) for t in m.topics),
            str(d.total),
            f'<span class="small">{e(" ".join(d.records) or "-")}</span>',
        ]
        for d in m.trainings
    ]
    out.append(table(["District", *m.topics, "Total", "Trainings"], rows, numeric=range(1, len(m.topics) + 2)))
    out.append(f"<h3>Resources by language (up to {report.as_of})</h3>")
    out.append(bar_chart([(language_label(row.language), [len(row.records)]) for row in m.languages], ["resources"]))
    rows = [
        [
            e(language_label(row.language)),
            str(len(row.records)),
            f'<span class="small">{e(" ".join(row.records) or "-")}</span>',
        ]
        for row in m.languages
    ]
    out.append(table(["Language", "Resources", "Records"], rows, numeric=[1]))
    return "<section>" + "\n".join(out) + "</section>"


def evidence_table(items: list[Evidence]) -> str:
    rows = [
        [f"<code>{e(i.id)}</code>", e(i.date or "-"), e(i.title), f'<span class="why">{e(i.why)}</span>'] for i in items
    ]
    return table(["Id", "Date", "Title", "Why"], rows)


def explain_section(report: Report, line: Result) -> str:
    out = [
        f'<section id="{e(line.metric.id)}"><h3>{e(line.metric.label)} <code>{e(line.metric.id)}</code></h3>',
        f"<p>Grant: {e(line.metric.grant)}</p>",
        f'<p class="small">Counts {e(describe(line.metric.count, line.window))}.</p>',
        f'<p class="bar">{progress_svg(line)}Value <strong>{line.value}</strong>, target '
        f"{e(target_text(line.target))}: "
        f'<span class="status" style="color:{COLORS[line.status]}">{e(status_text(line))}</span></p>',
    ]
    if report.rollup:
        by = ", ".join(f"{c.folder} {r.value}" for c, r in report.per_chapter(line.metric.id))
        out.append(f"<p>By chapter: {e(by)}</p>")
    out += [f'<p class="small">{e(n)}</p>' for n in notes(line)]
    out.append(evidence_table(line.evidence) if line.evidence else "<p>No records counted yet.</p>")
    missing = missing_text(line, report.period)
    if missing:
        out.append(f"<p><strong>Missing:</strong> {e(missing)}.</p>")
        if line.not_counted:
            out.append(f"<p>Not counted yet ({len(line.not_counted)}):</p>{evidence_table(line.not_counted)}")
    out.append("</section>")
    return "\n".join(out)


def render_html(report: Report, explain: str | None = None) -> str:
    """The whole report (with every metric's records in an appendix), or one metric's explanation."""
    if explain is not None:
        line = report_line(report, explain)
        return page(report, f"{report.title}: {line.metric.label}", explain_section(report, line))
    body = [metrics_section(report)]
    body += [over_time_section(report)] if report.series else []
    body += [meeting_section(chapter, report) for chapter in report.chapters]
    appendix = "\n".join(explain_section(report, line) for line in report.lines)
    body.append(f'<div class="appendix"><h2>Records behind each number</h2>\n{appendix}</div>')
    return page(report, f"{report.title}: grant report as of {report.as_of}", "\n".join(body))
