"""The grant report as Markdown, ready to paste into an agenda or a pull request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction

from capctl.report.counters import Evidence
from capctl.report.describe import describe
from capctl.report.months import explained, monthly_table
from capctl.report.parts import DUE_SOON_DAYS, Chapter, Report
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
from capctl.vocab import MetricGroup

BAR_WIDTH = 10


def cell(value: object) -> str:
    """A table cell: pipes escaped, on one line."""
    return " ".join(str(value).split()).replace("|", "\\|") or " "


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], right: Sequence[int] = ()) -> list[str]:
    align = ["--:" if i in right else "---" for i in range(len(columns))]
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return lines


def bar(share: Fraction) -> str:
    filled = int(share * BAR_WIDTH)
    return "`" + "█" * filled + "░" * (BAR_WIDTH - filled) + "`"


def header(report: Report) -> list[str]:
    clamped = f" (asked {report.asked}: the period ended)" if report.asked != report.as_of else ""
    lines = [
        f"# {report.title}: grant report as of {report.as_of}",
        "",
        f"Grant period {report.period.start} to {report.period.end}, {percent(report.share)} elapsed{clamped}."
        + (" Public edition: no personal data." if report.public else ""),
        f"`metrics.yaml` sha256 `{report.metrics_sha256}`.",
    ]
    for chapter in report.chapters:
        if chapter.errors:
            lines.append(
                f"**{chapter.folder} has {chapter.errors} error{'s' * (chapter.errors != 1)}: records with errors "
                "are left out (`capctl check` lists them).**"
            )
    return lines


def render_markdown(report: Report) -> str:
    lines = header(report)
    for group in MetricGroup:
        results = [r for r in report.lines if r.metric.group is group]
        if not results:
            continue
        columns = ["Metric", *(c.folder for c in report.chapters if report.rollup)]
        columns += ["Total" if report.rollup else "Value", "Target", "Progress", "Status"]
        rows: list[list[object]] = []
        for r in results:
            share, label = progress(r)
            per_chapter = [c.result(r.metric.id).value for c in report.chapters] if report.rollup else []
            rows.append(
                [r.metric.label, *per_chapter, r.value, target_text(r.target), f"{bar(share)} {label}", status_text(r)]
            )
        right = list(range(1, len(report.chapters) + 2)) if report.rollup else [1]
        lines += ["", f"## {group.value.capitalize()}", "", *table(columns, rows, right)]
        details = [(r.metric.label, note) for r in results for note in notes(r)]
        if details:
            lines.append("")
            lines += [f"- {label} — {note}" for label, note in details]
    lines += over_time(report)
    for chapter in report.chapters:
        lines += meeting(chapter, report)
    return "\n".join(lines) + "\n"


def over_time(report: Report) -> list[str]:
    """The charts of the HTML report as a table of values by month (nothing when not built with charts)."""
    drawn = report.over_time()
    columns, rows = monthly_table([r for r, _ in drawn], [s for _, s in drawn], report.period, report.as_of)
    if not columns:
        return []
    return ["", "## Over time", "", explained(report.as_of), "", *table(columns, rows, range(2, len(columns)))]


def meeting(chapter: Chapter, report: Report) -> list[str]:
    m = chapter.meeting
    rows: list[list[object]]
    lines = ["", f"## For the chapter meeting{f': {chapter.name}' if report.rollup else ''}"]
    soon = report.as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for title, items in (("Follow-ups overdue", m.overdue), (f"Follow-ups due by {soon}", m.due_soon)):
        lines += ["", f"### {title} ({len(items)})"]
        if items:
            rows = [
                [
                    due_text(f),
                    f.task,
                    f.owner or "-",
                    f"{f.date} {f.title} (#{f.number})",
                ]
                for f in items
            ]
            lines += ["", *table(["Due", "Task", "Owner", "From"], rows)]
    lines += ["", f"### Core partners and officials not contacted in time ({len(m.not_contacted)})"]
    if m.not_contacted:
        rows = [
            [
                c.name,
                c.kind,
                last_contact_text(c),
                "-" if c.days_since is None else c.days_since,
                cold_text(c),
            ]
            for c in m.not_contacted
        ]
        lines += ["", *table(["Name", "Kind", "Last contact", "Days", "State"], rows, right=[3])]
    since = m.since
    where = f"since the last chapter meeting on {since.date}" if since.date else "since the period began"
    lines += ["", f"### Activity {where} ({len(since.engagements)})"]
    if since.engagements:
        lines += ["", activity_text(since) + ".", ""]
        lines += table(["Date", "Kind", "Title"], [[a.date, a.kind, a.title] for a in since.engagements])
    lines += ["", f"### Trainings by district ({report.period.start} to {report.as_of})", ""]
    rows = [[d.name, *(d.by_topic[t] for t in m.topics), d.total, " ".join(d.records) or "-"] for d in m.trainings]
    lines += table(["District", *m.topics, "Total", "Trainings"], rows, right=range(1, len(m.topics) + 2))
    lines += ["", f"### Resources by language (up to {report.as_of})", ""]
    lines += table(
        ["Language", "Resources", "Records"],
        [[language_label(row.language), len(row.records), " ".join(row.records) or "-"] for row in m.languages],
        right=[1],
    )
    return lines


def evidence(items: list[Evidence]) -> list[str]:
    return table(["Id", "Date", "Title", "Why"], [[e.id, e.date or "-", e.title, e.why] for e in items])


def explain_markdown(report: Report, metric_id: str) -> str:
    line = report_line(report, metric_id)
    lines = header(report)
    lines += [
        "",
        f"## {line.metric.id}: {line.metric.label}",
        "",
        f"- Grant: {line.metric.grant}",
        f"- Counts: {describe(line.metric.count, line.window)}",
        f"- Value {line.value}, target {target_text(line.target)}: {status_text(line)}",
    ]
    if report.rollup:
        lines.append("- By chapter: " + ", ".join(f"{c.folder} {r.value}" for c, r in report.per_chapter(metric_id)))
    lines += [f"- {note}" for note in notes(line)]
    lines += ["", f"### Records counted ({len(line.evidence)})"]
    if line.evidence:
        lines += ["", *evidence(line.evidence)]
    missing = missing_text(line, report.period)
    if missing:
        lines += ["", f"### Missing: {missing}"]
        if line.not_counted:
            lines += ["", f"Not counted yet ({len(line.not_counted)}):", "", *evidence(line.not_counted)]
    return "\n".join(lines) + "\n"
