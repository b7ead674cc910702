"""The report as JSON (``report --format json``; its shape is documented in docs/metrics.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from capctl.models.metrics import Target
from capctl.report.build import build
from capctl.report.counters import Evidence
from capctl.report.describe import describe
from capctl.report.i18n import translator
from capctl.report.metrics import Result
from capctl.report.parts import FollowUpItem, Meeting, Report
from capctl.report.words import report_line
from capctl.store.dataset import DataSet


def build_json(data: DataSet, as_of: dt.date | None = None) -> dict[str, Any]:
    """The JSON report of one data folder (the shape documented in docs/metrics.md)."""
    return to_json(build([data], as_of))


# --- JSON -----------------------------------------------------------------------------


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _evidence(items: list[Evidence]) -> list[dict[str, Any]]:
    return [{"id": e.id, "date": _day(e.date), "title": e.title, "why": e.why} for e in items]


def _target(target: Target) -> dict[str, int | None]:
    return {"min": target.min, "max": target.max}


def _details(r: Result) -> dict[str, Any]:
    previous = None
    if r.previous is not None:
        previous = {
            "start": _day(r.previous.start),
            "end": _day(r.previous.end),
            "value": r.previous.value,
            "same_point": _day(r.previous.same_point),
            "value_by_same_point": r.previous.value_by_same_point,
            "change": r.change,
            "records": r.previous.records,
        }
    return {
        "id": r.metric.id,
        "grant": r.metric.grant,
        "window": {"start": _day(r.window.start), "end": _day(r.window.end)},
        "expected": None if r.expected is None else round(float(r.expected), 2),
        "above_max": r.above_max,
        "short": r.short,
        "evidence": _evidence(r.evidence),
        "not_counted": _evidence(r.not_counted),
        "districts": r.districts,
        "districts_missing": r.districts_missing,
        "languages": r.languages,
        "now_core": r.now_core,
        "previous_period": previous,
    }


def _follow_up(item: FollowUpItem) -> dict[str, Any]:
    return {
        "engagement": item.engagement,
        "date": _day(item.date),
        "title": item.title,
        "number": item.number,
        "task": item.task,
        "owner": item.owner,
        "due": _day(item.due),
        "days_overdue": item.days_overdue,
    }


def _meeting(m: Meeting) -> dict[str, Any]:
    return {
        "follow_ups": {"overdue": [_follow_up(f) for f in m.overdue], "due_soon": [_follow_up(f) for f in m.due_soon]},
        "not_contacted": [
            {
                "id": c.id,
                "kind": c.kind,
                "name": c.name,
                "last": c.last,
                "last_date": _day(c.last_date),
                "days_since": c.days_since,
                "state": c.state,
                "warn": c.warn,
                "max": c.max,
            }
            for c in m.not_contacted
        ],
        "since_last_meeting": {
            "meeting": m.since.meeting,
            "date": _day(m.since.date),
            "by_kind": m.since.by_kind,
            "engagements": [
                {"id": a.id, "date": _day(a.date), "kind": a.kind, "title": a.title} for a in m.since.engagements
            ],
        },
        "trainings_by_district": {
            "topics": m.topics,
            "districts": [
                {"id": d.id, "name": d.name, "by_topic": d.by_topic, "total": d.total, "records": d.records}
                for d in m.trainings
            ],
        },
        "resources_by_language": [
            {"language": row.language, "count": len(row.records), "records": row.records} for row in m.languages
        ],
    }


def to_json(report: Report) -> dict[str, Any]:
    """The report as the stable JSON documented in docs/metrics.md."""
    return {
        "as_of": _day(report.as_of),
        "period": {"start": _day(report.period.start), "end": _day(report.period.end)},
        "metrics_sha256": report.metrics_sha256,
        "metrics": [
            {
                "id": r.metric.id,
                "label": r.metric.label,
                "group": r.metric.group.value,
                "value": r.value,
                "target": _target(r.target),
                "status": r.status.value,
                "records": r.records,
            }
            for r in report.lines
        ],
        "elapsed": round(float(report.share), 4),
        "public": report.public,
        "details": [_details(r) for r in report.lines],
        "chapters": [
            {
                "folder": c.folder,
                "chapter": c.name,
                "metrics_sha256": c.metrics_sha256,
                "errors": c.errors,
                "warnings": c.warnings,
                "metrics": [
                    {
                        "id": r.metric.id,
                        "value": r.value,
                        "target": _target(r.target),
                        "status": r.status.value,
                        "records": r.records,
                    }
                    for r in c.results
                ],
                "meeting": _meeting(c.meeting),
            }
            for c in report.chapters
        ],
    }


def _by_id(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(item for item in items if item["id"] == item_id)
    return found


def explain_json(report: Report, metric_id: str) -> dict[str, Any]:
    """One metric's records and what is missing (``--explain METRIC --format json``)."""
    full = to_json(report)
    line = report_line(report, metric_id)
    return {
        "as_of": full["as_of"],
        "period": full["period"],
        "metrics_sha256": full["metrics_sha256"],
        "metric": _by_id(full["metrics"], line.metric.id),
        "counts": describe(line.metric.count, line.window, translator(report.language)),
        "details": _by_id(full["details"], line.metric.id),
        "chapters": [{"folder": c["folder"], **_by_id(c["metrics"], line.metric.id)} for c in full["chapters"]],
    }
