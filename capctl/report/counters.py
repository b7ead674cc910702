"""What each counting rule counts, record by record, and why: the evidence behind a metric's value."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from capctl.models.metrics import Transition, Where
from capctl.models.records import Engagement, Official, Partner, Priority, Resource, Testimony
from capctl.query.activity import EngagementIndex, engagements_by_record, latest, officials_represented
from capctl.query.index import Timeline
from capctl.report.describe import describe_engagements, window_text, with_article
from capctl.report.i18n import ENGLISH, Translator
from capctl.report.listed import Listed
from capctl.report.period import Window
from capctl.store.dataset import DataSet
from capctl.vocab import PartnerStatus

_LIFECYCLE = [PartnerStatus.prospect, PartnerStatus.invited, PartnerStatus.core]


@dataclass(frozen=True)
class Evidence:
    """A record behind a number (or one that does not count yet), and why."""

    id: str
    date: dt.date | None
    title: str
    why: str


Counted = tuple[list[Evidence], list[Evidence]]
"""What a counter counts, and what does not count yet; a counter given ``uncounted`` False may leave
the second list empty (the points of a chart need only the value)."""


def status_on(data: DataSet, partner_id: str, day: dt.date) -> PartnerStatus | None:
    partner = data.records.get(partner_id)
    return partner.status_on(day) if isinstance(partner, Partner) else None


def _label(data: DataSet, record_id: str) -> str:
    record = data.records.get(record_id)
    return record.label if record is not None else record_id


def _titled(engagement: Engagement) -> str:
    """An engagement as ``--explain`` names it: its title, and its id to find its file."""
    return f"{engagement.title} ({engagement.id})"


def _district(data: DataSet, district: str) -> str:
    """A district's name beside its id (``Supervisorial District 1 (sd1)``), or the id alone when unknown."""
    names = {d.id: d.name for d in data.settings.districts} if data.settings else {}
    name = names.get(district)
    return f"{name} ({district})" if name and name != district else district


# engagements ------------------------------------------------------------------


def engagement_matches(data: DataSet, engagement: Engagement, where: Where, tr: Translator = ENGLISH) -> str | None:
    """Why an engagement passes the engagement filters of ``where`` (None: it does not)."""
    if where.kind and engagement.kind not in where.kind:
        return None
    if where.topic and engagement.topic not in where.topic:
        return None
    if where.tags and not set(where.tags) <= set(engagement.tags):
        return None
    _ = tr.gettext
    why = tr.word(engagement.kind.value)
    if engagement.topic is not None:
        why += _(" on {topics}").format(topics=tr.word(engagement.topic.value))
    if where.tags:
        why += _(" tagged {tags}").format(tags=", ".join(where.tags))
    if engagement.district:
        why += _(" in {district}").format(district=_district(data, engagement.district))
    if where.with_officials:
        present = officials_represented(data, engagement)
        if not present:
            return None
        officials = ", ".join(f"{_label(data, o)} ({tr.word(how)})" for o, how in present.items())
        why += _(" with {officials}").format(officials=officials)
    return why


def _matching_engagements(
    data: DataSet, where: Where, span: Window, tr: Translator = ENGLISH
) -> Iterator[tuple[Engagement, str]]:
    """The engagements in ``span`` that pass the filters of ``where``, in id order, with why."""
    start, end = span.start, span.end
    whys = _whys(data, where, tr)
    for engagement in _in_span(data, where, span):
        day = engagement.date  # `day in span`, without a call for each of 50,000 engagements a metric
        if day <= end and (start is None or day >= start):
            if engagement.id in whys:
                why = whys[engagement.id]
            else:
                why = whys[engagement.id] = engagement_matches(data, engagement, where, tr)
            if why is not None:
                yield engagement, why


def _in_span(data: DataSet, where: Where, span: Window) -> list[Engagement]:
    """The engagements of the kinds ``where`` asks for (every one when it names none) dated in ``span``, in id
    order: chosen by the load cache's index (:class:`~capctl.query.index.Timeline`, made once for the
    report's metrics and points by :class:`~capctl.report.listed.Listed`), and only they are read."""
    return timeline(data).read(span.start, span.end, [kind.value for kind in where.kind])


def timeline(data: DataSet) -> Timeline:
    """The engagements by date: made once for a report (:class:`~capctl.report.listed.Listed`)."""
    return data.remember(("timeline",), lambda: Timeline(data)) if isinstance(data, Listed) else Timeline(data)


def _whys(data: DataSet, where: Where, tr: Translator) -> dict[str, str | None]:
    """Engagement id -> why it passes the filters of ``where`` (None: it does not), as found so far:
    kept for the report's metrics and points (the reason does not depend on the day)."""
    if not isinstance(data, Listed):
        return {}
    key = ("whys", tuple(where.kind), tuple(where.topic), tuple(where.tags), where.with_officials, tr.language)
    return data.remember(key, dict)


def _engagements(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    return [Evidence(e.id, e.date, e.title, why) for e, why in _matching_engagements(data, where, span, tr)], []


# testimonies, priorities, resources -----------------------------------------


def _testimonies(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    found = []
    for testimony in data.typed(Testimony):
        if testimony.date in span and set(where.tags) <= set(testimony.tags):
            why = tr.gettext("given {day} in {language}").format(
                day=tr.date(testimony.date), language=tr.language_label(testimony.language)
            )
            found.append(Evidence(testimony.id, testimony.date, testimony.title or tr.gettext("(untitled)"), why))
    return found, []


def _priorities(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    _ = tr.gettext
    found, missing = [], []
    for priority in data.typed(Priority):
        if priority.identified not in span or not set(where.tags) <= set(priority.tags):
            continue
        partners = sorted({p for s in priority.strategies for p in s.partners})
        why = _("identified {day}").format(day=tr.date(priority.identified))
        if where.strategy_with_partner:
            if not partners:
                missing.append(
                    Evidence(priority.id, priority.identified, priority.title, _("no strategy with a partner"))
                )
                continue
            carried = sum(1 for s in priority.strategies if s.partners)
            why += tr.ngettext("; {n} strategy with {partners}", "; {n} strategies with {partners}", carried).format(
                n=carried, partners=", ".join(_label(data, p) for p in partners)
            )
        found.append(Evidence(priority.id, priority.identified, priority.title, why))
    return found, missing


def _resources(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    _ = tr.gettext
    found, missing = [], []
    for resource in data.typed(Resource):
        dated = resource.date in span if resource.date is not None else span.start is None
        if not dated or not set(where.tags) <= set(resource.tags):
            continue
        if where.topic and resource.topic not in where.topic:
            continue
        languages = ", ".join(tr.language_label(code) for code in resource.languages)
        why = _("in {languages}").format(languages=languages)
        if resource.date is None:
            why += _(" (undated: counted as available)")
        if where.min_languages is not None and len(set(resource.languages)) < where.min_languages:
            only = _("only in {languages}").format(languages=languages)
            missing.append(Evidence(resource.id, resource.date, resource.title, only))
            continue
        found.append(Evidence(resource.id, resource.date, resource.title, why))
    return found, missing


# partners ----------------------------------------------------------------------


def became(
    partner: Partner, transitions: list[Transition], span: Window, tr: Translator = ENGLISH
) -> tuple[dt.date, str] | None:
    """The first status change of ``partner`` in ``span`` matching one of ``transitions``."""
    history = partner.status_history
    for i, change in enumerate(history):
        before = history[i - 1].status if i else None
        if change.date not in span or before is change.status:
            continue
        for transition in transitions:
            if change.status is transition.to and (transition.from_ is None or transition.from_ is before):
                now = tr.word(change.status.value)
                how = (
                    f"{tr.word(before.value)} → {now}"
                    if before
                    else tr.gettext("{status} (first status)").format(status=now)
                )
                return change.date, tr.gettext("{how} on {day}").format(how=how, day=tr.date(change.date))
    return None


def _partner_filters(
    partner: Partner, where: Where, span: Window, as_of: dt.date, tr: Translator = ENGLISH
) -> tuple[dt.date | None, str] | None:
    """The partner-level filters (status on the as-of date, a status change): when and why it passes."""
    now = partner.status_on(as_of)
    if now is None:
        return None
    if where.status and now not in where.status:
        return None
    if where.became:
        change = became(partner, where.became, span, tr)
        return None if change is None else change
    return None, tr.gettext("{how} on {day}").format(how=tr.word(now.value), day=tr.date(as_of))


def _partners(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    found, missing = [], []
    sought = [*where.status, *(t.to for t in where.became)]
    below = _below(sought)
    for partner in data.typed(Partner):
        if not set(where.tags) <= set(partner.tags):
            continue
        passed = _partner_filters(partner, where, span, as_of, tr)
        if passed is not None:
            found.append(Evidence(partner.id, passed[0], partner.name, passed[1]))
            continue
        now = partner.status_on(as_of)
        if uncounted and now in below:
            since = max(c.date for c in partner.status_history if c.date <= as_of)
            why = tr.gettext("{status} since {day}").format(status=tr.word(now), day=tr.date(since))
            missing.append(Evidence(partner.id, since, partner.name, why))
    return found, missing


def _below(sought: list[PartnerStatus]) -> set[PartnerStatus]:
    """Statuses earlier in a partner's life than every status sought: who could still get there."""
    ranks = [_LIFECYCLE.index(s) for s in sought if s in _LIFECYCLE]
    return set(_LIFECYCLE[: min(ranks)]) if ranks else set()


def _partners_via(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    seen, while_not = _took_part(data, where, span)
    found, missing = [], []
    wanted = set(where.partner_status or where.status)
    for partner in data.typed(Partner) if uncounted else [p for p in data.typed(Partner) if p.id in seen]:
        passed = _partner_filters(partner, where, span, as_of, tr) if partner.id in seen else None
        if passed is not None:
            at = ", ".join(_titled(e) for e in seen[partner.id])
            if where.partner_status:
                statuses = "/".join(tr.word(s.value) for s in where.partner_status)
                why = tr.gettext("{statuses} at {engagements}").format(statuses=statuses, engagements=at)
            else:
                why = tr.gettext("at {engagements}").format(engagements=at)
            if where.status or where.became:
                why += f"; {passed[1]}"
            found.append(Evidence(partner.id, seen[partner.id][0].date, partner.name, why))
            continue
        now = partner.status_on(as_of) if uncounted else None
        if now is None or (wanted and now not in wanted) or (not wanted and now is PartnerStatus.former):
            continue
        missing.append(
            Evidence(
                partner.id, None, partner.name, _not_yet(data, partner, where, span, as_of, index, tr, seen, while_not)
            )
        )
    return found, missing


def _took_part(
    data: DataSet, where: Where, span: Window
) -> tuple[dict[str, list[Engagement]], dict[str, list[tuple[Engagement, PartnerStatus | None]]]]:
    """The partners at the engagements ``where`` passes in ``span``: with a status it asks for (or any),
    and at one while of another status."""
    seen: dict[str, list[Engagement]] = defaultdict(list)
    while_not: dict[str, list[tuple[Engagement, PartnerStatus | None]]] = defaultdict(list)
    for engagement, _why in _matching_engagements(data, where, span):
        for partner_id in dict.fromkeys(engagement.partners):
            then = status_on(data, partner_id, engagement.date)
            if where.partner_status and then not in where.partner_status:
                while_not[partner_id].append((engagement, then))
            else:
                seen[partner_id].append(engagement)
    return seen, while_not


def _not_yet(
    data: DataSet,
    partner: Partner,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None,
    tr: Translator,
    seen: dict[str, list[Engagement]],
    while_not: dict[str, list[tuple[Engagement, PartnerStatus | None]]],
) -> str:
    """Why a partner is not counted yet through engagements."""
    _ = tr.gettext
    if partner.id in while_not:
        return "; ".join(
            _("at {engagement} while {status}").format(
                engagement=_titled(e), status=tr.word(s.value) if s else _("not yet a partner")
            )
            for e, s in while_not[partner.id]
        )
    if partner.id in seen:
        return _("no matching status change {window}").format(window=window_text(span, tr))
    index = index if index is not None else engagements_by_record(data, as_of)
    last = latest(index.get(partner.id, []), as_of)
    why = _("no {which} {window}").format(which=describe_engagements(where, tr), window=window_text(span, tr))
    if last is None:
        return why + _(" (no engagement yet)")
    days = (as_of - last.date).days
    return why + tr.ngettext(
        " (last: {engagement}, {n} day before {day})", " (last: {engagement}, {n} days before {day})", days
    ).format(engagement=_titled(last), n=days, day=tr.date(as_of))


# officials ---------------------------------------------------------------------


def _officials_via(
    data: DataSet,
    where: Where,
    span: Window,
    as_of: dt.date,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
    uncounted: bool = True,
) -> Counted:
    seen: dict[str, list[tuple[Engagement, str]]] = defaultdict(list)
    for engagement, _why in _matching_engagements(data, where, span):
        for official_id, how in officials_represented(data, engagement).items():
            seen[official_id].append((engagement, how))
    found, missing = [], []
    for official in data.typed(Official):
        if official.id in seen:
            at = seen[official.id]
            why = "; ".join(
                tr.gettext("{how} at {engagement}").format(how=tr.word(how), engagement=_titled(e)) for e, how in at
            )
            found.append(Evidence(official.id, at[0][0].date, official.name, why))
        elif uncounted and _in_office(official, as_of):
            which = with_article(describe_engagements(where, tr), tr)
            why = tr.gettext("not at {which} {window}").format(which=which, window=window_text(span, tr))
            missing.append(Evidence(official.id, None, official.name, why))
    return found, missing


def _in_office(official: Official, day: dt.date) -> bool:
    started = official.term_start is None or official.term_start <= day
    return started and (official.term_end is None or official.term_end >= day)


COUNTERS = {
    "engagements": _engagements,
    "testimonies": _testimonies,
    "priorities": _priorities,
    "resources": _resources,
    "partners": _partners,
    "partners via engagements": _partners_via,
    "officials via engagements": _officials_via,
}
