"""The grant report on a terminal: Rich tables printed to the console it is given.

Imported only when ``capctl report`` runs (Rich is imported inside the functions).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

from capctl.report.describe import describe
from capctl.report.parts import DUE_SOON_DAYS
from capctl.report.words import cold_text, missing_text, notes, percent, progress, report_line, status_text, target_text
from capctl.vocab import MetricGroup, MetricStatus

if TYPE_CHECKING:
    from rich.console import Console

    from capctl.report.counters import Evidence
    from capctl.report.parts import Chapter, Meeting, Report

BAR_WIDTH = 10
STYLES = {MetricStatus.met: "green", MetricStatus.on_track: "yellow", MetricStatus.behind: "red"}


class Breakable:
    """A table cell that wraps at spaces, and inside a word only after a hyphen when the word cannot have a
    line of its own: an id moves whole onto the next line (``(east-la-tenants)``), or, in a column too narrow
    for it, breaks as ``2017-09-22-after-the-`` / ``board-action``, never inside a word."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    @staticmethod
    def _pieces(word: str) -> list[str]:
        import re

        return re.findall(r"[^-]*-+|[^-]+", word)

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.measure import Measurement

        pieces = [p for word in self.text.split() for p in self._pieces(word)]
        widest = max((cell_len(p) for p in pieces), default=0)
        longest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return Measurement(min(widest, options.max_width), min(longest, options.max_width))

    def lines(self, width: int) -> list[str]:
        from rich.cells import cell_len

        out: list[str] = []
        for paragraph in self.text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                joined = f"{line} {word}" if line else word
                if cell_len(joined) <= width:
                    line = joined
                    continue
                if line:
                    out.append(line)
                line = ""
                if cell_len(word) <= width:
                    line = word
                    continue
                for piece in self._pieces(word):
                    if line and cell_len(line + piece) > width:
                        out.append(line)
                        line = ""
                    line += piece
            out.append(line)
        return out

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.text import Text

        text = Text("\n".join(self.lines(max(1, options.max_width))), style=self.style, overflow="fold")
        yield from text.__rich_console__(console, options)


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


def _table(title: str, *columns: str) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", title_style="bold", box=None, pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _add(table: Any, *cells: str) -> None:
    """A row whose cells wrap at spaces and hyphens, never inside an id (see :class:`Breakable`)."""
    table.add_row(*(Breakable(c) for c in cells))


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
    table = _table(
        f"Trainings by district ({report.period.start} to {report.as_of})", "District", *meeting.topics, "Total"
    )
    for row in meeting.trainings:
        _add(table, row.name, *(str(row.by_topic[t]) for t in meeting.topics), str(row.total))
    for column in table.columns[1:]:
        column.justify = "right"
    console.print(table)
    console.print()
    table = _table(f"Resources by language (up to {report.as_of})", "Language", "Resources")
    for lang in meeting.languages:
        _add(table, lang.language, str(len(lang.records)))
    table.columns[1].justify = "right"
    console.print(table)


def _print_follow_ups(meeting: Meeting, report: Report, console: Console) -> None:
    groups = (("Follow-ups overdue", meeting.overdue), (f"Follow-ups due by {_soon(report)}", meeting.due_soon))
    for title, items in groups:
        console.print()
        if not items:
            console.print(f"{title}: none", style="bold")
            continue
        table = _table(f"{title} ({len(items)})", "Due", "Task", "Owner", "From")
        for f in items:
            late = f" ({f.days_overdue} days late)" if f.days_overdue and f.days_overdue > 0 else ""
            _add(table, f"{f.due}{late}", f.task, f.owner or "-", f"{f.date} {f.title} (#{f.number})")
        console.print(table)


def _print_not_contacted(meeting: Meeting, console: Console) -> None:
    if not meeting.not_contacted:
        console.print("Core partners and officials not contacted in time: none", style="bold")
        return
    table = _table(
        f"Core partners and officials not contacted in time ({len(meeting.not_contacted)})",
        "Name",
        "Kind",
        "Last contact",
        "Days",
        "State",
    )
    for c in meeting.not_contacted:
        days = "-" if c.days_since is None else str(c.days_since)
        _add(table, c.name, c.kind, c.last or "-", days, cold_text(c))
    console.print(table)


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
    kinds = ", ".join(f"{n} {kind}" for kind, n in since.by_kind.items())
    table = _table(f"Activity {where}: {kinds}", "Date", "Kind", "Title")
    for a in since.engagements:
        _add(table, str(a.date), a.kind, a.title)
    console.print(table)


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
    table = _table(title, "Id", "Date", "Title", "Why")
    for item in items:
        _add(table, item.id, str(item.date or "-"), item.title, item.why)
    console.print(table)
