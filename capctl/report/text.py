"""The grant report on a terminal: Rich tables printed to the console it is given.

Imported only when ``capctl report`` runs (Rich is imported inside the functions).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from capctl.report.describe import describe
from capctl.report.i18n import Translator, translator
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
    tr = translator(report.language)
    _, d = tr.gettext, tr.long_date
    console.print(_("{title}: grant report as of {day}").format(title=report.title, day=d(report.as_of)), style="bold")
    clamped = _(" (asked {day}: the period ended)").format(day=d(report.asked)) if report.asked != report.as_of else ""
    console.print(
        _("Period {start} to {end}, {percent} elapsed").format(
            start=d(report.period.start), end=d(report.period.end), percent=percent(report.share, tr)
        )
        + clamped
        + (_(" · public: no personal data") if report.public else "")
    )
    console.print(f"metrics.yaml sha256 {report.metrics_sha256}", style="dim")
    for chapter in report.chapters:
        if chapter.errors:
            console.print(
                tr.ngettext(
                    "{folder} has {n} error: records with errors are left out (`capctl check` lists them)",
                    "{folder} has {n} errors: records with errors are left out (`capctl check` lists them)",
                    chapter.errors,
                ).format(folder=chapter.root, n=chapter.errors),
                style="bold red",
            )


def print_report(report: Report, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    tr = translator(report.language)
    _ = tr.gettext
    header(report, console)
    for group in MetricGroup:
        lines = [r for r in report.lines if r.metric.group is group]
        if not lines:
            continue
        console.print()
        table = Table(
            title=tr.word(group.value).capitalize(), title_justify="left", title_style="bold", box=None, pad_edge=False
        )
        table.add_column(_("Metric"), overflow="fold")
        if report.rollup:
            for chapter in report.chapters:
                table.add_column(chapter.folder, justify="right")
        table.add_column(_("Total") if report.rollup else _("Value"), justify="right")
        table.add_column(_("Target"))
        table.add_column(_("Progress"), no_wrap=True)
        table.add_column(_("Status"))
        for line in lines:
            share, label = progress(line, tr)
            per_chapter = [str(r.value) for _c, r in report.per_chapter(line.metric.id)] if report.rollup else []
            table.add_row(
                line.metric.label,
                *per_chapter,
                str(line.value),
                target_text(line.target, tr),
                f"{bar(share)} {label}",
                Text(status_text(line, tr), style=STYLES[line.status]),
            )
        console.print(table)
        for line in lines:
            for note in notes(line, tr):
                console.print(f"  {line.metric.label} — {note}", style="dim")
    for chapter in report.chapters:
        print_meeting(chapter, report, console)


def print_meeting(chapter: Chapter, report: Report, console: Console) -> None:
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    meeting: Meeting = chapter.meeting
    console.print()
    title = _("For the chapter meeting: {chapter}") if report.rollup else _("For the chapter meeting")
    console.rule(title.format(chapter=chapter.name), align="left")
    _print_follow_ups(meeting, report, console, tr)
    console.print()
    _print_not_contacted(meeting, console, tr)
    console.print()
    _print_since(meeting, console, tr)
    console.print()
    table = Rows(
        _("Trainings by district ({start} to {end})").format(start=d(report.period.start), end=d(report.as_of)),
        _("District"),
        *(tr.word(t) for t in meeting.topics),
        _("Total"),
        right=1,
    )
    for row in meeting.trainings:
        table.add_row(row.name, *(str(row.by_topic[t]) for t in meeting.topics), str(row.total))
    table.print(console)
    console.print()
    table = Rows(
        _("Resources by language (up to {day})").format(day=d(report.as_of)), _("Language"), _("Resources"), right=1
    )
    for lang in meeting.languages:
        table.add_row(tr.language_label(lang.language), str(len(lang.records)))
    table.print(console)


def _print_follow_ups(meeting: Meeting, report: Report, console: Console, tr: Translator) -> None:
    _, d = tr.gettext, tr.date
    groups = (
        (_("Follow-ups overdue"), meeting.overdue),
        (_("Follow-ups due by {day}").format(day=d(_soon(report))), meeting.due_soon),
    )
    for title, items in groups:
        console.print()
        if not items:
            console.print(_("{title}: none").format(title=title), style="bold")
            continue
        table = Rows(f"{title} ({len(items)})", _("Due"), _("Task"), _("Owner"), _("From"))
        for f in items:
            table.add_row(due_text(f, tr), f.task, f.owner or "-", f"{d(f.date)} {f.title} (#{f.number})")
        table.print(console)


def _print_not_contacted(meeting: Meeting, console: Console, tr: Translator) -> None:
    _ = tr.gettext
    if not meeting.not_contacted:
        console.print(_("Core partners and officials not contacted in time: none"), style="bold")
        return
    table = Rows(
        _("Core partners and officials not contacted in time ({n})").format(n=len(meeting.not_contacted)),
        _("Name"),
        _("Kind"),
        _("Last contact"),
        _("Days"),
        _("State"),
    )
    for c in meeting.not_contacted:
        days = "-" if c.days_since is None else str(c.days_since)
        table.add_row(c.name, tr.word(c.kind), last_contact_text(c, tr), days, cold_text(c, tr))
    table.print(console)


def _print_since(meeting: Meeting, console: Console, tr: Translator) -> None:
    _ = tr.gettext
    since = meeting.since
    where = (
        _("since the last chapter meeting on {day}").format(day=tr.date(since.date))
        if since.date
        else _("since the period began (no chapter meeting yet)")
    )
    if not since.engagements:
        console.print(_("Activity {where}: none").format(where=where), style="bold")
        return
    table = Rows(
        _("Activity {where}: {kinds}").format(where=where, kinds=activity_text(since, tr)),
        _("Date"),
        _("Kind"),
        _("Title"),
    )
    for a in since.engagements:
        table.add_row(tr.date(a.date), tr.word(a.kind), a.title)
    table.print(console)


def _soon(report: Report) -> dt.date:
    return report.as_of + dt.timedelta(days=DUE_SOON_DAYS)


def print_explain(report: Report, metric_id: str, console: Console) -> None:
    from rich.text import Text

    tr = translator(report.language)
    _ = tr.gettext
    line = report_line(report, metric_id)
    header(report, console)
    console.print()
    console.print(f"{line.metric.id}: {line.metric.label}", style="bold")
    console.print(_("Grant: {grant}").format(grant=line.metric.grant))
    console.print(_("Counts: {what}").format(what=describe(line.metric.count, line.window, tr)))
    status = Text(status_text(line, tr), style=STYLES[line.status])
    value = _("Value {value}, target {target}: ").format(value=line.value, target=target_text(line.target, tr))
    console.print(Text.assemble(value, status))
    if report.rollup:
        by = ", ".join(f"{c.folder} {r.value}" for c, r in report.per_chapter(line.metric.id))
        console.print(_("By chapter: {values}").format(values=by))
    for note in notes(line, tr):
        console.print(note)
    console.print()
    _evidence(_("Records counted ({n})").format(n=len(line.evidence)), line.evidence, console, tr)
    missing = missing_text(line, report.period, tr)
    if missing:
        console.print()
        console.print(_("Missing: {what}.").format(what=missing), style="bold")
        if line.not_counted:
            console.print()
            _evidence(_("Not counted yet ({n})").format(n=len(line.not_counted)), line.not_counted, console, tr)


def _evidence(title: str, items: list[Evidence], console: Console, tr: Translator) -> None:
    _ = tr.gettext
    if not items:
        console.print(_("{title}: none").format(title=title), style="bold")
        return
    table = Rows(title, _("Id"), _("Date"), _("Title"), _("Why"))
    for item in items:
        table.add_row(item.id, tr.date(item.date), item.title, item.why)
    table.print(console)
