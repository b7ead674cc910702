"""A metric's counting rule in words, for the report and ``--explain``."""

from __future__ import annotations

from capctl.models.metrics import Counting, Where
from capctl.report.i18n import ENGLISH, Translator
from capctl.report.period import Window


def _or(words: list[str], tr: Translator = ENGLISH) -> str:
    if len(words) == 1:
        return words[0]
    return tr.gettext("{items} or {last}").format(items=", ".join(words[:-1]), last=words[-1])


def _and(words: list[str], tr: Translator = ENGLISH) -> str:
    return tr.gettext(" and ").join(words)


def with_article(words: str, tr: Translator = ENGLISH) -> str:
    return (tr.gettext("an {thing}") if words[:1] in "aeiou" else tr.gettext("a {thing}")).format(thing=words)


def window_text(span: Window, tr: Translator = ENGLISH) -> str:
    """``from 2017-01-01 to 2017-09-30`` or ``up to 2017-09-30``."""
    if span.start is None:
        return tr.gettext("up to {end}").format(end=tr.date(span.end))
    return tr.gettext("from {start} to {end}").format(start=tr.date(span.start), end=tr.date(span.end))


def describe_engagements(where: Where, tr: Translator = ENGLISH) -> str:
    """The engagements the filters of ``where`` match, in words: ``hearing tagged poverty-hearing``."""
    _ = tr.gettext
    words = _or([tr.word(k.value) for k in where.kind], tr) if where.kind else _("engagement")
    if where.topic:
        words += _(" on {topics}").format(topics=_or([tr.word(t.value) for t in where.topic], tr))
    if where.tags:
        words += _(" tagged {tags}").format(tags=_and(where.tags, tr))
    if where.with_officials:
        words += _(" with an official or an official's staffer")
    return words


def describe(counting: Counting, span: Window, tr: Translator = ENGLISH) -> str:
    """What a metric counts, in words, from its definition in metrics.yaml."""
    _ = tr.gettext
    where = counting.where
    dated = _("dated {window}").format(window=window_text(span, tr))
    if counting.records == "engagements":
        text = _("engagements: {which}, {dated}").format(which=describe_engagements(where, tr), dated=dated)
    elif counting.records == "officials":
        at = with_article(describe_engagements(where, tr), tr)
        text = _("distinct officials present in person or through staff at {at}, {dated}").format(at=at, dated=dated)
    elif counting.records == "partners":
        text = _describe_partners(counting, span, tr)
    elif counting.records == "priorities":
        text = _("priorities identified {window}").format(window=window_text(span, tr))
        if where.strategy_with_partner:
            text += _(" with at least one strategy with at least one partner")
    elif counting.records == "resources":
        text = _("resources {dated}").format(dated=dated)
        if where.min_languages:
            n = where.min_languages
            text += tr.ngettext(" in at least {n} language", " in at least {n} languages", n).format(n=n)
        if where.topic:
            text += _(" on {topics}").format(topics=_or([tr.word(t.value) for t in where.topic], tr))
    else:
        text = _("testimonies {dated}").format(dated=dated)
    if where.tags and counting.records not in ("engagements", "officials") and not counting.via:
        text += _(" tagged {tags}").format(tags=_and(where.tags, tr))
    return text


def _describe_partners(counting: Counting, span: Window, tr: Translator) -> str:
    _ = tr.gettext
    where = counting.where
    clauses = []
    if counting.via:
        which = with_article(describe_engagements(where, tr), tr)
        dated = _("dated {window}").format(window=window_text(span, tr))
        if where.partner_status:
            statuses = _or([tr.word(s.value) for s in where.partner_status], tr)
            clauses.append(
                _("that took part while {statuses} in {which} {dated}").format(
                    statuses=statuses, which=which, dated=dated
                )
            )
        else:
            clauses.append(_("that took part in {which} {dated}").format(which=which, dated=dated))
    if where.status:
        statuses = _or([tr.word(s.value) for s in where.status], tr)
        clauses.append(_("that are {statuses} on the as-of date").format(statuses=statuses))
    if where.became:
        changes = [
            _("went from {before} to {after}").format(before=tr.word(t.from_.value), after=tr.word(t.to.value))
            if t.from_
            else _("became {after}").format(after=tr.word(t.to.value))
            for t in where.became
        ]
        clauses.append(_("that {changes} {window}").format(changes=_or(changes, tr), window=window_text(span, tr)))
    return " ".join([_("distinct partners"), _and(clauses, tr)]).strip()
