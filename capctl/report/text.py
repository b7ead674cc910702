"""The grant report on a terminal: Rich tables printed to the console it is given.

Imported only when ``capctl report`` runs (Rich is imported inside the functions).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from capctl.report.describe import describe
from capctl.report.parts import DUE_SOON_DAYS
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


class Rows:
    """A table of plain text cells (a title, headers, rows), printed as Rich would print it with
    ``box=None, pad_edge=False``, but without Rich's layout where it is not needed.

    Rich measures, pads and crops every cell of a table as a renderable of its own: 1,300 rows
    took about 0.4 s. When every row fits the console's width on one line and no cell holds
    anything Rich would read as markup or emoji or a control character, the lines are
    the columns padded to their widest cell and joined by two spaces, which is what Rich prints;
    otherwise (a narrow terminal that needs wrapping, a ``[`` that is markup) Rich lays it out.
    """

    def __init__(self, title: str, *columns: str, right: int = 0) -> None:
        self.title = title
        self.columns = columns
        self.right = right
        """Columns from this index on are right-justified (0: none)."""
        self.rows: list[tuple[str, ...]] = []

    def add_row(self, *cells: str) -> None:
        self.rows.append(cells)

    def print(self, console: Console) -> None:
        lines = self._plain(console)
        if lines is None:
            console.print(self._rich())
            return
        from rich.text import Text

        text = Text()
        text.append(self.title, style="bold")
        text.append("\n")
        for i, cell in enumerate(lines[0]):  # Rich styles each header cell and each space around it apart
            if i:
                text.append(" ", style="table.header")
                text.append(" ", style="table.header")
            text.append(cell, style="table.header")
        text.append("".join("\n" + "  ".join(line) for line in lines[1:]))
        console.print(text, soft_wrap=True)

    def _plain(self, console: Console) -> list[list[str]] | None:
        """The table's lines as padded cells (headers first), or None where Rich must lay it out."""
        from rich.cells import cell_len

        rows = [self.columns, *self.rows]
        if not (self.rows and _literal(console, self.title, *self.columns)):
            return None
        widths = [0] * len(self.columns)
        for row in rows:
            for i, cell in enumerate(row):
                if (_SPECIAL.search(cell) and not _literal(console, cell)) or cell != cell.strip():
                    return None
                widths[i] = max(widths[i], cell_len(cell))
        width = console.width
        if sum(widths) + 2 * (len(widths) - 1) > width or cell_len(self.title) > width:
            return None
        right = self.right or len(widths)
        lines = []
        for row in rows:
            cells = [
                " " * (widths[i] - cell_len(cell)) + cell if i >= right else cell + " " * (widths[i] - cell_len(cell))
                for i, cell in enumerate(row)
            ]
            lines.append(cells)
        return lines

    def _rich(self) -> Any:
        from rich.table import Table

        table = Table(title=self.title, title_justify="left", title_style="bold", box=None, pad_edge=False)
        for i, column in enumerate(self.columns):
            table.add_column(column, overflow="fold", justify="right" if self.right and i >= self.right else "left")
        for row in self.rows:
            table.add_row(*(Breakable(cell) for cell in row))  # wrapped at spaces and hyphens, never inside an id
        return table


_SPECIAL = re.compile(r"[\x00-\x1f\x7f-\x9f\[:]")
"""What Rich may read as markup (``[``), an emoji code (``:``) or a control character in a cell."""


def _literal(console: Console, *texts: str) -> bool:
    """Whether Rich prints these texts as they are (no markup, emoji code or control character)."""
    for text in texts:
        if _SPECIAL.search(text) is None:
            continue
        if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text):
            return False
        rendered = console.render_str(text, highlight=False)  # as Rich reads a table's cells and title
        if rendered.plain != text or rendered.spans:
            return False
    return True


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
