"""The grant report on a terminal: Rich tables printed to the console it is given.

Imported only when ``capctl report`` runs (Rich is imported inside the functions).
"""

from __future__ import annotations

import datetime as dt
import re
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from capctl.report.describe import describe
from capctl.report.i18n import Translator, translator
from capctl.report.parts import DUE_SOON_DAYS
from capctl.report.words import (
    by_kind_text,
    cold_text,
    late_text,
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
        table.add_row(lang.language, str(len(lang.records)))
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
            table.add_row(
                f"{d(f.due)}{late_text(f.days_overdue, tr)}",
                f.task,
                f.owner or "-",
                f"{d(f.date)} {f.title} (#{f.number})",
            )
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
        table.add_row(c.name, tr.word(c.kind), c.last or "-", days, cold_text(c, tr))
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
        _("Activity {where}: {kinds}").format(where=where, kinds=by_kind_text(since.by_kind, tr)),
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
