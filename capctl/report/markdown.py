"""The grant report as Markdown, ready to paste into an agenda or a pull request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction

from capctl.report.counters import Evidence
from capctl.report.describe import describe
from capctl.report.i18n import ENGLISH, Translator, translator
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
    tr = translator(report.language)
    _, d = tr.gettext, tr.long_date
    clamped = _(" (asked {day}: the period ended)").format(day=d(report.asked)) if report.asked != report.as_of else ""
    period = _("Grant period {start} to {end}, {percent} elapsed").format(
        start=d(report.period.start), end=d(report.period.end), percent=percent(report.share, tr)
    )
    lines = [
        "# " + _("{title}: grant report as of {day}").format(title=report.title, day=d(report.as_of)),
        "",
        f"{period}{clamped}." + (_(" Public edition: no personal data.") if report.public else ""),
        f"`metrics.yaml` sha256 `{report.metrics_sha256}`.",
    ]
    for chapter in report.chapters:
        if chapter.errors:
            said = tr.ngettext(
                "{folder} has {n} error: records with errors are left out (`capctl check` lists them).",
                "{folder} has {n} errors: records with errors are left out (`capctl check` lists them).",
                chapter.errors,
            )
            lines.append(f"**{said.format(folder=chapter.folder, n=chapter.errors)}**")
    return lines


def render_markdown(report: Report) -> str:
    tr = translator(report.language)
    _ = tr.gettext
    lines = header(report)
    for group in MetricGroup:
        results = [r for r in report.lines if r.metric.group is group]
        if not results:
            continue
        columns = [_("Metric"), *(c.folder for c in report.chapters if report.rollup)]
        columns += [_("Total") if report.rollup else _("Value"), _("Target"), _("Progress"), _("Status")]
        rows: list[list[object]] = []
        for r in results:
            share, label = progress(r, tr)
            per_chapter = [c.result(r.metric.id).value for c in report.chapters] if report.rollup else []
            rows.append(
                [
                    r.metric.label,
                    *per_chapter,
                    r.value,
                    target_text(r.target, tr),
                    f"{bar(share)} {label}",
                    status_text(r, tr),
                ]
            )
        right = list(range(1, len(report.chapters) + 2)) if report.rollup else [1]
        lines += ["", f"## {tr.word(group.value).capitalize()}", "", *table(columns, rows, right)]
        details = [(r.metric.label, note) for r in results for note in notes(r, tr)]
        if details:
            lines.append("")
            lines += [f"- {label} — {note}" for label, note in details]
    lines += over_time(report)
    for chapter in report.chapters:
        lines += meeting(chapter, report)
    return "\n".join(lines) + "\n"


def over_time(report: Report) -> list[str]:
    """The charts of the HTML report as a table of values by month (nothing when not built with charts)."""
    tr = translator(report.language)
    drawn = report.over_time()
    columns, rows = monthly_table([r for r, _ in drawn], [s for _, s in drawn], report.period, report.as_of, tr)
    if not columns:
        return []
    heading = "## " + tr.gettext("Over time")
    return ["", heading, "", explained(report.as_of, tr), "", *table(columns, rows, range(2, len(columns)))]


def meeting(chapter: Chapter, report: Report) -> list[str]:
    tr = translator(report.language)
    _, d = tr.gettext, tr.date
    m = chapter.meeting
    rows: list[list[object]]
    title = _("For the chapter meeting: {chapter}") if report.rollup else _("For the chapter meeting")
    lines = ["", f"## {title.format(chapter=chapter.name)}"]
    soon = report.as_of + dt.timedelta(days=DUE_SOON_DAYS)
    for title, items in (
        (_("Follow-ups overdue"), m.overdue),
        (_("Follow-ups due by {day}").format(day=d(soon)), m.due_soon),
    ):
        lines += ["", f"### {title} ({len(items)})"]
        if items:
            rows = [
                [
                    due_text(f, tr),
                    f.task,
                    f.owner or "-",
                    f"{d(f.date)} {f.title} (#{f.number})",
                ]
                for f in items
            ]
            lines += ["", *table([_("Due"), _("Task"), _("Owner"), _("From")], rows)]
    lines += ["", "### " + _("Core partners and officials not contacted in time ({n})").format(n=len(m.not_contacted))]
    if m.not_contacted:
        rows = [
            [
                c.name,
                tr.word(c.kind),
                last_contact_text(c, tr),
                "-" if c.days_since is None else c.days_since,
                cold_text(c, tr),
            ]
            for c in m.not_contacted
        ]
        columns = [_("Name"), _("Kind"), _("Last contact"), _("Days"), _("State")]
        lines += ["", *table(columns, rows, right=[3])]
    since = m.since
    where = (
        _("since the last chapter meeting on {day}").format(day=d(since.date))
        if since.date
        else _("since the period began")
    )
    lines += ["", "### " + _("Activity {where} ({n})").format(where=where, n=len(since.engagements))]
    if since.engagements:
        lines += ["", activity_text(since, tr) + ".", ""]
        lines += table(
            [_("Date"), _("Kind"), _("Title")], [[d(a.date), tr.word(a.kind), a.title] for a in since.engagements]
        )
    span = _("Trainings by district ({start} to {end})").format(start=d(report.period.start), end=d(report.as_of))
    lines += ["", f"### {span}", ""]
    rows = [[t.name, *(t.by_topic[k] for k in m.topics), t.total, " ".join(t.records) or "-"] for t in m.trainings]
    columns = [_("District"), *(tr.word(k) for k in m.topics), _("Total"), _("Trainings")]
    lines += table(columns, rows, right=range(1, len(m.topics) + 2))
    lines += ["", "### " + _("Resources by language (up to {day})").format(day=d(report.as_of)), ""]
    lines += table(
        [_("Language"), _("Resources"), _("Records")],
        [[tr.language_label(row.language), len(row.records), " ".join(row.records) or "-"] for row in m.languages],
        right=[1],
    )
    return lines


def evidence(items: list[Evidence], tr: Translator = ENGLISH) -> list[str]:
    _ = tr.gettext
    return table([_("Id"), _("Date"), _("Title"), _("Why")], [[e.id, tr.date(e.date), e.title, e.why] for e in items])


def explain_markdown(report: Report, metric_id: str) -> str:
    tr = translator(report.language)
    _ = tr.gettext
    line = report_line(report, metric_id)
    lines = header(report)
    lines += [
        "",
        f"## {line.metric.id}: {line.metric.label}",
        "",
        "- " + _("Grant: {grant}").format(grant=line.metric.grant),
        "- " + _("Counts: {what}").format(what=describe(line.metric.count, line.window, tr)),
        "- "
        + _("Value {value}, target {target}: ").format(value=line.value, target=target_text(line.target, tr))
        + status_text(line, tr),
    ]
    if report.rollup:
        by = ", ".join(f"{c.folder} {r.value}" for c, r in report.per_chapter(metric_id))
        lines.append("- " + _("By chapter: {values}").format(values=by))
    lines += [f"- {note}" for note in notes(line, tr)]
    lines += ["", "### " + _("Records counted ({n})").format(n=len(line.evidence))]
    if line.evidence:
        lines += ["", *evidence(line.evidence, tr)]
    missing = missing_text(line, report.period, tr)
    if missing:
        lines += ["", "### " + _("Missing: {what}").format(what=missing)]
        if line.not_counted:
            lines += [
                "",
                _("Not counted yet ({n}):").format(n=len(line.not_counted)),
                "",
                *evidence(line.not_counted, tr),
            ]
    return "\n".join(lines) + "\n"
