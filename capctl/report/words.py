"""The words and figures every format of the report shares (targets, statuses, progress, notes)."""

from __future__ import annotations

import math
from fractions import Fraction

from capctl.models.metrics import Period, Target
from capctl.problems import CapctlError
from capctl.report.metrics import Result
from capctl.report.parts import ColdItem, FollowUpItem, Report, Since
from capctl.report.period import paced
from capctl.text import language_label
from capctl.vocab import EngagementKind, MetricStatus, RecordKind

# --- words every format shares ---------------------------------------------------


def report_line(report: Report, metric_id: str) -> Result:
    """The metric ``--explain`` asks for; a usage error naming the metrics when unknown."""
    line = report.line(metric_id)
    if line is None:
        known = ", ".join(r.metric.id for r in report.lines)
        raise CapctlError(f"--explain: no metric {metric_id!r}; the metrics are {known}")
    return line


_PLURALS = {"person": "people", "strategy": "strategies", "priority": "priorities", "testimony": "testimonies"}

_KIND_WORDS = {
    EngagementKind.chapter_meeting.value: ("chapter meeting", "chapter meetings"),
    EngagementKind.lobby_day.value: ("lobby day", "lobby days"),
    EngagementKind.other.value: ("other engagement", "other engagements"),
}


def plural(word: str) -> str:
    """The plural of one of the report's nouns: ``call`` → ``calls``, ``strategy`` → ``strategies``."""
    return _PLURALS.get(word, word + "s")


def counted(n: int, singular: str, many: str | None = None) -> str:
    """``1 call``, ``4 calls``: a number with its noun in the right number."""
    return f"{n} {singular if n == 1 else (many or plural(singular))}"


def activity_text(since: Since) -> str:
    """``4 calls, 1 forum``: the engagements since the last chapter meeting by kind, in words."""
    parts = []
    for kind, n in since.by_kind.items():
        one, many = _KIND_WORDS.get(kind, (kind, plural(kind)))
        parts.append(counted(n, one, many))
    return ", ".join(parts)


def due_text(item: FollowUpItem) -> str:
    """``2017-07-31 (61 days late)``, ``2017-09-29 (1 day late)`` or the due date alone."""
    late = item.days_overdue
    return f"{item.due} ({counted(late, 'day')} late)" if late and late > 0 else f"{item.due}"


def last_contact_text(item: ColdItem) -> str:
    """The last engagement as people know it: its date and title (``-`` when never contacted)."""
    if item.last is None:
        return "-"
    return f"{item.last_date} {item.last_title}" if item.last_title else item.last


def languages_text(codes: list[str]) -> str:
    """``English (en), Spanish (es)``: language names beside their codes."""
    return ", ".join(language_label(code) for code in codes)


def percent(share: Fraction) -> str:
    return f"{round(share * 100)}%"


def cold_text(item: ColdItem) -> str:
    """``going cold: over 45 days``, ``cold: over 90 days`` or ``cold: never contacted``."""
    if item.days_since is None:
        return f"{item.state}: never contacted"
    return f"{item.state}: over {counted(item.max if item.state == 'cold' else item.warn, 'day')}"


def target_text(target: Target) -> str:
    if target.min is not None and target.max is not None:
        return f"{target.min} to {target.max}"
    if target.min is not None:
        return f"at least {target.min}"
    return f"at most {target.max}" if target.max is not None else "none"


def expected_now(result: Result) -> int | None:
    """The minimum times the elapsed share, rounded up: the least that is on track today."""
    return None if result.expected is None else math.ceil(result.expected)


def status_text(result: Result) -> str:
    """``met``, ``on-track`` or ``behind``, with the pace it is judged by and a passed maximum."""
    words = result.status.value
    expected = expected_now(result)
    if result.status is not MetricStatus.met and expected is not None:
        words += f" ({expected} expected by now)"
    if result.above_max:
        words += ", above the grant's range"
    return words


def progress(result: Result) -> tuple[Fraction, str]:
    """How full the bar is (0 to 1) and its label: the share of the minimum reached."""
    target = result.target
    if target.min:
        return min(Fraction(1), Fraction(result.value, target.min)), percent(Fraction(result.value, target.min))
    if target.max:
        label = f"{result.value} of at most {target.max}"
        return min(Fraction(1), Fraction(result.value, target.max)), label
    return Fraction(1), "-"


def notes(result: Result) -> list[str]:
    """The details a metric shows beside its number, in words."""
    found = []
    if result.above_max and result.target.max is not None:
        found.append(f"above the grant's range: {result.value} where it expects at most {result.target.max}")
    if result.previous is not None:
        p = result.previous
        change = f"{result.change:+d}" if result.change is not None else ""
        if p.same_point >= p.end:
            found.append(f"previous period {p.start} to {p.end}: {p.value} ({change})")
        else:
            found.append(
                f"previous period {p.start} to {p.end}: {p.value_by_same_point} by {p.same_point}, "
                f"{p.value} in all ({change} on the same point)"
            )
    if result.districts is not None:
        covered = ", ".join(result.districts) or "none yet"
        gap = f"; not yet: {', '.join(result.districts_missing)}" if result.districts_missing else ""
        found.append(f"districts covered: {covered}{gap}")
    if result.languages is not None:
        found.append(f"languages: {languages_text(result.languages) or 'none yet'}")
    if result.now_core is not None:
        found.append(f"now core: {len(result.now_core)} of {result.value}")
    return found


def missing_text(result: Result, period: Period) -> str | None:
    """What the minimum still asks for, or None when it is met."""
    if result.short <= 0:
        return None
    by = f"by {period.end}" if paced(result.metric.count) else "now"
    kind = RecordKind(result.metric.count.records)
    thing = kind.singular if result.short == 1 else kind.value
    return f"{result.short} more {thing} {by} to reach the minimum of {result.target.min}"
