"""The grant report on a terminal: Rich tables printed to the console it is given.

Imported only when ``capctl report`` runs (Rich is imported inside the functions).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from capctl.report.describe import describe
from capctl.report.parts import DUE_SOON_DAYS
from capctl.report.rows import Rows
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

if TYPE_CHECKING:
    from rich.console import Console

    from capctl.report.counters import Evidence
    from capctl.report.parts import Chapter, Meeting, Report

BAR_WIDTH = 10
STYLES = {MetricStatus.met: "green", MetricStatus.on_track: "yellow", MetricStatus.behind: "red"}


def bar(share: Fraction, width: int = BAR_WIDTH) -> str:
    filled = int(share * width)
    return "█" * filled + "░" * (width - filled)


def header(report: Report, console: Console) -> None:

    console.print(f"{report.title}: grant report as of {report.as_of}", style="bold")
    clamped = f" (asked {report.asked}: the period ended)" if report.asked != report.as_of else ""
    console.print(
        f"Period {report.period.start} to {report.period.end}, {percent(report.share)} elapsed{clamped}"
        + (" · public: no personal data" if report.public else "")
    )
    console.print(f"metrics.yaml sha256 {report.metrics_sha256}", style="dim")
    for chapter in report.chapters:
        if chapter.errors:
            console.print(
                f"{chapter.root} has {chapter.errors} error{'s' * (chapter.errors != 1)}: records with errors are "
                "left out (`capctl check` lists them)",
                style="bold red",
            )


def print_report(report: Report, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    header(report, console)
    for group in MetricGroup:
        lines = [r for r in report.lines if r.metric.group is group]
        if not lines:
            continue
        console.print()
        table = Table(
            title=group.value.capitalize(), title_justify="left", title_style="bold", box=None, pad_edge=False
        )
        table.add_column("Metric", overflow="fold")
        if report.rollup:
            for chapter in report.chapters:
                table.add_column(chapter.folder, justify="right")
        table.add_column("Total" if report.rollup else "Value", justify="right")
        table.add_column("Target")
        table.add_column("Progress", no_wrap=True)
        table.add_column("Status")
        for line in lines:
            share, label = progress(line)
            per_chapter = [str(r.value) for _, r in report.per_chapter(line.metric.id)] if report.rollup else []
            table.add_row(
                line.metric.label,
                *per_chapter,
                str(line.value),
                target_text(line.target),
                f"{bar(share)} {label}",
                Text(status_text(line), style=STYLES[line.status]),
            )
        console.print(table)
        for line in lines:
            for note in notes(line):
                console.print(f"  {line.metric.label} — {note}", style="dim")
    for chapter in report.chapters:
        print_meeting(chapter, report, console)


def print_meeting(chapter: Chapter, report: Report, console: Console) -> None:
    meeting: Meeting = chapter.meeting
    console.print()
    console.rule(f"For the chapter meeting{f': {chapter.name}' if report.rollup else ''}", align="left")
    _print_follow_ups(meeting, report, console)
    console.print()
    _print_not_contacted(meeting, console)
    console.print()
    _print_since(meeting, console)
    console.print()
    table = Rows(
        f"Trainings by district ({report.period.start} to {report.as_of})",
        "District",
        *meeting.topics,
        "Total",
        right=1,
    )
    for row in meeting.trainings:
        table.add_row(row.name, *(str(row.by_topic[t]) for t in meeting.topics), str(row.total))
    table.print(console)
    console.print()
    table = Rows(f"Resources by language (up to {report.as_of})", "Language", "Resources", right=1)
    for lang in meeting.languages:
        table.add_row(language_label(lang.language), str(len(lang.records)))
    table.print(console)


def _print_follow_ups(meeting: Meeting, report: Report, console: Console) -> None:
    groups = (("Follow-ups overdue", meeting.overdue), (f"Follow-ups due by {_soon(report)}", meeting.due_soon))
    for title, items in groups:
        console.print()
        if not items:
            console.print(f"{title}: none", style="bold")
            continue
        table = Rows(f"{title} ({len(items)})", "Due", "Task", "Owner", "From")
        for f in items:
            table.add_row(due_text(f), f.task, f.owner or "-", f"{f.date} {f.title} (#{f.number})")
        table.print(console)


def _print_not_contacted(meeting: Meeting, console: Console) -> None:
    if not meeting.not_contacted:
        console.print("Core partners and officials not contacted in time: none", style="bold")
        return
    table = Rows(
        f"Core partners and officials not contacted in time ({len(meeting.not_contacted)})",
        "Name",
        "Kind",
        "Last contact",
        "Days",
        "State",
    )
    for c in meeting.not_contacted:
        days = "-" if c.days_since is None else str(c.days_since)
        table.add_row(c.name, c.kind, last_contact_text(c), days, cold_text(c))
    table.print(console)


def _print_since(meeting: Meeting, console: Console) -> None:
    since = meeting.since
    where = (
        f"since the last chapter meeting on {since.date}"
        if since.date
        else "since the period began (no chapter meeting yet)"
    )
    if not since.engagements:
        console.print(f"Activity {where}: none", style="bold")
        return
    kinds = activity_text(since)
    table = Rows(f"Activity {where}: {kinds}", "Date", "Kind", "Title")
    for a in since.engagements:
        table.add_row(str(a.date), a.kind, a.title)
    table.print(console)


def _soon(report: Report) -> str:
    import datetime as dt

    return str(report.as_of + dt.timedelta(days=DUE_SOON_DAYS))


def print_explain(report: Report, metric_id: str, console: Console) -> None:
    from rich.text import Text

    line = report_line(report, metric_id)
    header(report, console)
    console.print()
    console.print(f"{line.metric.id}: {line.metric.label}", style="bold")
    console.print(f"Grant: {line.metric.grant}")
    console.print(f"Counts: {describe(line.metric.count, line.window)}")
    status = Text(status_text(line), style=STYLES[line.status])
    console.print(Text.assemble(f"Value {line.value}, target {target_text(line.target)}: ", status))
    if report.rollup:
        console.print(
            "By chapter: " + ", ".join(f"{c.folder} {r.value}" for c, r in report.per_chapter(line.metric.id))
        )
    for note in notes(line):
        console.print(note)
    console.print()
    _evidence(f"Records counted ({len(line.evidence)})", line.evidence, console)
    missing = missing_text(line, report.period)
    if missing:
        console.print()
        console.print(f"Missing: {missing}.", style="bold")
        if line.not_counted:
            console.print()
            _evidence(f"Not counted yet ({len(line.not_counted)})", line.not_counted, console)


def _evidence(title: str, items: list[Evidence], console: Console) -> None:
    if not items:
        console.print(f"{title}: none", style="bold")
        return
    table = Rows(title, "Id", "Date", "Title", "Why")
    for item in items:
        table.add_row(item.id, str(item.date or "-"), item.title, item.why)
    table.print(console)
