"""The words and figures every format of the report shares (targets, statuses, progress, notes)."""

from __future__ import annotations

import math
from fractions import Fraction

from capctl.models.metrics import Period, Target
from capctl.problems import CapctlError
from capctl.report.i18n import ENGLISH, Nn_, Translator
from capctl.report.metrics import Result
from capctl.report.parts import ColdItem, FollowUpItem, Report, Since
from capctl.report.period import paced
from capctl.vocab import EngagementKind, MetricStatus

# --- words every format shares ---------------------------------------------------


def report_line(report: Report, metric_id: str) -> Result:
    """The metric ``--explain`` asks for; a usage error naming the metrics when unknown."""
    line = report.line(metric_id)
    if line is None:
        known = ", ".join(r.metric.id for r in report.lines)
        raise CapctlError(f"--explain: no metric {metric_id!r}; the metrics are {known}")
    return line


# One message for each kind of engagement, so that a language can make its words agree with the number.
_KIND_WORDS: dict[str, tuple[str, str]] = {
    EngagementKind.one_on_one.value: Nn_("{n} one-on-one", "{n} one-on-ones"),
    EngagementKind.call.value: Nn_("{n} call", "{n} calls"),
    EngagementKind.chapter_meeting.value: Nn_("{n} chapter meeting", "{n} chapter meetings"),
    EngagementKind.training.value: Nn_("{n} training", "{n} trainings"),
    EngagementKind.hearing.value: Nn_("{n} hearing", "{n} hearings"),
    EngagementKind.lobby_day.value: Nn_("{n} lobby day", "{n} lobby days"),
    EngagementKind.action.value: Nn_("{n} action", "{n} actions"),
    EngagementKind.forum.value: Nn_("{n} forum", "{n} forums"),
    EngagementKind.other.value: Nn_("{n} other engagement", "{n} other engagements"),
}


def activity_text(since: Since, tr: Translator = ENGLISH) -> str:
    """``4 calls, 1 forum``: the engagements since the last chapter meeting by kind, in words."""
    return ", ".join(tr.ngettext(*_KIND_WORDS[kind], n).format(n=n) for kind, n in since.by_kind.items())


def late_text(days_overdue: int | None, tr: Translator = ENGLISH) -> str:
    """`` (8 days late)`` after an overdue follow-up's due date; nothing for one not yet due."""
    if not days_overdue or days_overdue <= 0:
        return ""
    return tr.ngettext(" ({n} day late)", " ({n} days late)", days_overdue).format(n=days_overdue)


def due_text(item: FollowUpItem, tr: Translator = ENGLISH) -> str:
    """``2017-07-31 (61 days late)``, ``2017-09-29 (1 day late)`` or the due date alone."""
    return tr.date(item.due) + late_text(item.days_overdue, tr)


def last_contact_text(item: ColdItem, tr: Translator = ENGLISH) -> str:
    """The last engagement as people know it: its date and title (``-`` when never contacted)."""
    if item.last is None:
        return "-"
    return f"{tr.date(item.last_date)} {item.last_title}" if item.last_title else item.last


def languages_text(codes: list[str], tr: Translator = ENGLISH) -> str:
    """``English (en), Spanish (es)``: language names beside their codes (``inglés (en)`` in Spanish)."""
    return ", ".join(tr.language_label(code) for code in codes)


def percent(share: Fraction, tr: Translator = ENGLISH) -> str:
    return tr.percent(share)


def cold_text(item: ColdItem, tr: Translator = ENGLISH) -> str:
    """``going cold: over 45 days``, ``cold: over 90 days`` or ``cold: never contacted``."""
    if item.days_since is None:
        return tr.gettext("{state}: never contacted").format(state=tr.word(item.state))
    days = item.max if item.state == "cold" else item.warn
    return tr.ngettext("{state}: over {n} day", "{state}: over {n} days", days).format(
        state=tr.word(item.state), n=days
    )


def target_text(target: Target, tr: Translator = ENGLISH) -> str:
    if target.min is not None and target.max is not None:
        return tr.gettext("{min} to {max}").format(min=target.min, max=target.max)
    if target.min is not None:
        return tr.gettext("at least {min}").format(min=target.min)
    return tr.gettext("at most {max}").format(max=target.max) if target.max is not None else tr.gettext("none")


def expected_now(result: Result) -> int | None:
    """The minimum times the elapsed share, rounded up: the least that is on track today."""
    return None if result.expected is None else math.ceil(result.expected)


def status_text(result: Result, tr: Translator = ENGLISH) -> str:
    """``met``, ``on-track`` or ``behind``, with the pace it is judged by and a passed maximum."""
    words = tr.word(result.status.value)
    expected = expected_now(result)
    if result.status is not MetricStatus.met and expected is not None:
        words += tr.gettext(" ({expected} expected by now)").format(expected=expected)
    if result.above_max:
        words += tr.gettext(", above the grant's range")
    return words


def progress(result: Result, tr: Translator = ENGLISH) -> tuple[Fraction, str]:
    """How full the bar is (0 to 1) and its label: the share of the minimum reached."""
    target = result.target
    if target.min:
        return min(Fraction(1), Fraction(result.value, target.min)), tr.percent(Fraction(result.value, target.min))
    if target.max:
        label = tr.gettext("{value} of at most {max}").format(value=result.value, max=target.max)
        return min(Fraction(1), Fraction(result.value, target.max)), label
    return Fraction(1), "-"


def notes(result: Result, tr: Translator = ENGLISH) -> list[str]:
    """The details a metric shows beside its number, in words."""
    _, d = tr.gettext, tr.date
    found = []
    if result.above_max and result.target.max is not None:
        found.append(
            _("above the grant's range: {value} where it expects at most {max}").format(
                value=result.value, max=result.target.max
            )
        )
    if result.previous is not None:
        p = result.previous
        change = f"{result.change:+d}" if result.change is not None else ""
        if p.same_point >= p.end:
            found.append(
                _("previous period {start} to {end}: {value} ({change})").format(
                    start=d(p.start), end=d(p.end), value=p.value, change=change
                )
            )
        else:
            found.append(
                _(
                    "previous period {start} to {end}: {by_point} by {point}, "
                    "{value} in all ({change} on the same point)"
                ).format(
                    start=d(p.start),
                    end=d(p.end),
                    by_point=p.value_by_same_point,
                    point=d(p.same_point),
                    value=p.value,
                    change=change,
                )
            )
    if result.districts is not None:
        covered = ", ".join(result.districts) or _("none yet")
        gap = _("; not yet: {districts}").format(districts=", ".join(result.districts_missing or []))
        found.append(
            _("districts covered: {covered}").format(covered=covered) + (gap if result.districts_missing else "")
        )
    if result.languages is not None:
        languages = languages_text(result.languages, tr) or _("none yet")
        found.append(_("languages: {languages}").format(languages=languages))
    if result.now_core is not None:
        found.append(_("now core: {core} of {value}").format(core=len(result.now_core), value=result.value))
    return found


def missing_text(result: Result, period: Period, tr: Translator = ENGLISH) -> str | None:
    """What the minimum still asks for, or None when it is met."""
    if result.short <= 0:
        return None
    n, least = result.short, result.target.min
    records = result.metric.count.records
    if paced(result.metric.count):
        end = tr.date(period.end)
        return tr.ngettext(*_MISSING_BY[records], n).format(n=n, end=end, min=least)
    return tr.ngettext(*_MISSING_NOW[records], n).format(n=n, min=least)


# One message for each kind of record, so that a language can make its words agree with the number.
_MISSING_BY: dict[str, tuple[str, str]] = {
    "engagements": Nn_(
        "{n} more engagement by {end} to reach the minimum of {min}",
        "{n} more engagements by {end} to reach the minimum of {min}",
    ),
    "testimonies": Nn_(
        "{n} more testimony by {end} to reach the minimum of {min}",
        "{n} more testimonies by {end} to reach the minimum of {min}",
    ),
    "priorities": Nn_(
        "{n} more priority by {end} to reach the minimum of {min}",
        "{n} more priorities by {end} to reach the minimum of {min}",
    ),
    "resources": Nn_(
        "{n} more resource by {end} to reach the minimum of {min}",
        "{n} more resources by {end} to reach the minimum of {min}",
    ),
    "partners": Nn_(
        "{n} more partner by {end} to reach the minimum of {min}",
        "{n} more partners by {end} to reach the minimum of {min}",
    ),
    "officials": Nn_(
        "{n} more official by {end} to reach the minimum of {min}",
        "{n} more officials by {end} to reach the minimum of {min}",
    ),
}
_MISSING_NOW: dict[str, tuple[str, str]] = {
    "engagements": Nn_(
        "{n} more engagement now to reach the minimum of {min}",
        "{n} more engagements now to reach the minimum of {min}",
    ),
    "testimonies": Nn_(
        "{n} more testimony now to reach the minimum of {min}",
        "{n} more testimonies now to reach the minimum of {min}",
    ),
    "priorities": Nn_(
        "{n} more priority now to reach the minimum of {min}",
        "{n} more priorities now to reach the minimum of {min}",
    ),
    "resources": Nn_(
        "{n} more resource now to reach the minimum of {min}",
        "{n} more resources now to reach the minimum of {min}",
    ),
    "partners": Nn_(
        "{n} more partner now to reach the minimum of {min}",
        "{n} more partners now to reach the minimum of {min}",
    ),
    "officials": Nn_(
        "{n} more official now to reach the minimum of {min}",
        "{n} more officials now to reach the minimum of {min}",
    ),
}
