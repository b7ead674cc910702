"""A metric's counting rule in words, for the report and ``--explain``."""

from __future__ import annotations

from capctl.models.metrics import Counting, Where
from capctl.report.period import Window


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def with_article(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


def describe_engagements(where: Where) -> str:
    """The engagements the filters of ``where`` match, in words: ``hearing tagged poverty-hearing``."""
    words = _or([k.value for k in where.kind]) if where.kind else "engagement"
    if where.topic:
        words += " on " + _or([t.value for t in where.topic])
    if where.tags:
        words += " tagged " + " and ".join(where.tags)
    if where.with_officials:
        words += " with an official or an official's staffer"
    return words


def describe(counting: Counting, span: Window) -> str:
    """What a metric counts, in words, from its definition in metrics.yaml."""
    where = counting.where
    dated = f"dated {span}"
    if counting.records == "engagements":
        text = f"engagements: {describe_engagements(where)}, {dated}"
    elif counting.records == "officials":
        at = with_article(describe_engagements(where))
        text = f"distinct officials present in person or through staff at {at}, {dated}"
    elif counting.records == "partners":
        clauses = []
        if counting.via:
            then = f" while {_or([s.value for s in where.partner_status])}" if where.partner_status else ""
            clauses.append(f"that took part{then} in {with_article(describe_engagements(where))} {dated}")
        if where.status:
            clauses.append(f"that are {_or([s.value for s in where.status])} on the as-of date")
        if where.became:
            changes = [
                f"went from {t.from_.value} to {t.to.value}" if t.from_ else f"became {t.to.value}"
                for t in where.became
            ]
            clauses.append(f"that {_or(changes)} {span}")
        text = " ".join(["distinct partners", " and ".join(clauses)]).strip()
    elif counting.records == "priorities":
        text = f"priorities identified {span}"
        if where.strategy_with_partner:
            text += " with at least one strategy with at least one partner"
    elif counting.records == "resources":
        text = f"resources {dated}"
        if where.min_languages:
            text += f" in at least {where.min_languages} language{'s' * (where.min_languages != 1)}"
        if where.topic:
            text += " on " + _or([t.value for t in where.topic])
    else:
        text = f"{counting.records} {dated}"
    if where.tags and counting.records not in ("engagements", "officials") and not counting.via:
        text += " tagged " + " and ".join(where.tags)
    return text
