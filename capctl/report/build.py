"""Building the grant report: every metric as of a date and what a chapter meeting needs, for one
chapter or several rolled up, internal or public. The renderers only draw the :class:`Report` it returns.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path

from capctl.dates import today
from capctl.models.metrics import MetricsFile, Period, Target
from capctl.models.records import Engagement, Official, Partner, Person, Resource
from capctl.problems import CapctlError
from capctl.query.activity import EngagementIndex, engagements_by_record, going_cold, open_follow_ups
from capctl.report.charts import combine as combine_series
from capctl.report.charts import over_time
from capctl.report.counters import Evidence, timeline
from capctl.report.i18n import ENGLISH, Translator, translator
from capctl.report.listed import Listed
from capctl.report.metrics import Previous, Result, evaluate, judge
from capctl.report.parts import (
    DUE_SOON_DAYS,
    ActivityItem,
    Chapter,
    ColdItem,
    DistrictRow,
    FollowUpItem,
    LanguageRow,
    Meeting,
    Report,
    Since,
)
from capctl.report.period import Window, clamp, elapsed, paced
from capctl.report.redact import Redactor, public_label
from capctl.store.dataset import DataSet
from capctl.store.files import METRICS_FILE
from capctl.store.load import load, require_settings
from capctl.vocab import EngagementKind, PartnerStatus, Topic


def load_and_build(
    folders: Sequence[Path],
    as_of: dt.date | None = None,
    public: bool = False,
    cache: bool | None = None,
    charts: bool = False,
    language: str | None = None,
) -> Report:
    """Load each data folder and build their report (rolled up when there are several);
    ``cache`` as in :func:`capctl.store.load.load`, ``charts`` and ``language`` as in :func:`build`."""

    resolved = [folder.resolve() for folder in folders]
    for i, folder in enumerate(resolved):
        if folder in resolved[:i]:
            raise CapctlError(f"--data: '{folders[i]}' is given twice")
    if language is not None:
        translator(language)  # an unknown language is a usage error before anything is loaded
    return build([load(folder, cache) for folder in folders], as_of, public, charts, language)


def build(
    datasets: Sequence[DataSet],
    as_of: dt.date | None = None,
    public: bool = False,
    charts: bool = False,
    language: str | None = None,
) -> Report:
    """The report of one chapter, or several rolled up, as of ``as_of`` (default: today).

    The as-of date is clamped to the end of the grant period. Several chapters
    must agree on the period and the metric ids (a usage error otherwise). With ``charts``, every
    metric is also evaluated week by week over the period (:mod:`capctl.report.charts`). ``language``
    (default: the first folder's ``language:`` in capctl.yaml, else English) chooses the
    metrics' labels (their ``translations:``) and the words of the records' reasons.
    """

    if not datasets:
        raise ValueError("build needs at least one data folder")
    for data in datasets:
        require_settings(data)
    metrics_files = [_metrics_of(data) for data in datasets]
    _agree(datasets)
    period = metrics_files[0].period
    asked = as_of or today()
    day = clamp(period, asked)
    share = elapsed(period, day)
    settings = datasets[0].settings
    tr = translator(language or (settings.language if settings else None))
    redact = Redactor(datasets, tr) if public else None
    folders = _folder_names([data.root for data in datasets])
    chapters = []
    for folder, data in zip(folders, datasets, strict=True):
        chapter = _chapter(folder, data, period, day, public, charts, tr)
        chapters.append(redact.chapter(chapter, data) if redact else chapter)
    if len(chapters) == 1:
        lines, digest, series = chapters[0].results, chapters[0].metrics_sha256, chapters[0].series
    else:
        lines = [_combine(chapters, m.id, share) for m in metrics_files[0].metrics]
        digest = hashlib.sha256("\n".join(c.metrics_sha256 for c in chapters).encode()).hexdigest()
        series = combine_series([(c.folder, c.series) for c in chapters])
    return Report(day, asked, period, share, digest, public, lines, chapters, series, tr.language)


def _metrics_of(data: DataSet) -> MetricsFile:
    shown = data.display(data.root / METRICS_FILE)
    if data.metrics is not None:
        return data.metrics
    problems = [p for p in data.problems if p.path == shown and p.is_error]
    if not ((data.root / METRICS_FILE).exists() or (data.root / METRICS_FILE).is_symlink()):
        raise CapctlError(
            f"{shown} is missing: the report needs the grant's metrics "
            "(`capctl init` writes them; the vocabulary is in docs/metrics.md)",
            1,
        )
    raise CapctlError("no report until metrics.yaml is fixed:\n" + "\n".join(map(str, problems)), 1)


def _agree(datasets: Sequence[DataSet]) -> None:
    first = datasets[0]
    assert first.metrics is not None
    ids = [m.id for m in first.metrics.metrics]
    for other in datasets[1:]:
        assert other.metrics is not None
        here, there = first.display(first.root / METRICS_FILE), other.display(other.root / METRICS_FILE)
        if other.metrics.period != first.metrics.period:
            p, q = first.metrics.period, other.metrics.period
            raise CapctlError(
                f"the chapters disagree on the grant period: {here} has {p.start} to {p.end}, "
                f"{there} has {q.start} to {q.end}; a roll-up needs the same period and metric ids"
            )
        theirs = [m.id for m in other.metrics.metrics]
        if sorted(theirs) != sorted(ids):
            lacking = ", ".join(i for i in ids if i not in theirs) or "nothing"
            extra = ", ".join(i for i in theirs if i not in ids) or "nothing"
            raise CapctlError(
                f"the chapters disagree on the metrics: {there} lacks {lacking} and adds {extra} "
                f"compared with {here}; a roll-up needs the same period and metric ids"
            )


def _folder_names(roots: list[Path]) -> list[str]:
    """Each folder's name, with as many parent folders as it takes to tell them apart."""
    parts = [root.resolve().parts for root in roots]
    depth = 1
    while True:
        names = ["/".join(p[-depth:]) for p in parts]
        if len(set(names)) == len(names) or depth >= max(len(p) for p in parts):
            return names
        depth += 1


def metrics_sha256(data: DataSet) -> str:
    return hashlib.sha256((data.root / METRICS_FILE).read_bytes()).hexdigest()


def _chapter(
    folder: str, data: DataSet, period: Period, as_of: dt.date, public: bool, charts: bool, tr: Translator
) -> Chapter:
    data = Listed(data)
    assert data.metrics is not None
    index = engagements_by_record(data)  # once for every metric and the meeting's sections, whatever their date
    results = [
        evaluate(data, metric.in_language(tr.language), period, as_of, index=index, tr=tr)
        for metric in data.metrics.metrics
    ]
    errors = len(data.errors)
    return Chapter(
        folder=folder,
        root=data.root,
        name=data.settings.chapter if data.settings else data.root.resolve().name,
        metrics_sha256=metrics_sha256(data),
        errors=errors,
        warnings=len(data.problems) - errors,
        results=results,
        meeting=meeting(data, period, as_of, public, index, tr),
        series=over_time(data, data.metrics.metrics, period, as_of, index) if charts else [],
    )


# --- the meeting sections -----------------------------------------------------


def meeting(
    data: DataSet,
    period: Period,
    as_of: dt.date,
    public: bool = False,
    index: EngagementIndex | None = None,
    tr: Translator = ENGLISH,
) -> Meeting:
    """What a chapter meeting needs: follow-ups, who is going cold, recent activity, reach
    (``index`` as :func:`capctl.report.metrics.evaluate` takes it; ``tr``: the words it writes)."""
    overdue: list[FollowUpItem] = []
    due_soon: list[FollowUpItem] = []
    for item in open_follow_ups(data, as_of, due_within=DUE_SOON_DAYS):
        owner = data.records.get(item.follow_up.owner or "")
        entry = FollowUpItem(
            engagement=item.engagement.id,
            date=item.engagement.date,
            title=item.engagement.title,
            number=item.number,
            task=item.follow_up.task,
            owner=_owner(data, owner, public, tr),
            due=item.follow_up.due,
            days_overdue=item.days_overdue,
        )
        (overdue if (item.days_overdue or 0) > 0 else due_soon).append(entry)
    topics, trainings = _trainings(data, Window(period.start, as_of), tr)
    return Meeting(
        overdue=overdue,
        due_soon=sorted(due_soon, key=lambda f: (f.due or as_of, f.engagement, f.number)),
        not_contacted=_not_contacted(data, as_of, index),
        since=_since(data, period, as_of),
        topics=topics,
        trainings=trainings,
        languages=_languages(data, as_of),
    )


def _owner(data: DataSet, owner: object, public: bool, tr: Translator) -> str | None:
    """A follow-up owner's name; in a public report only with their consent (else "a member of ...")."""
    if not isinstance(owner, Person):
        return None
    return public_label(data, owner, tr) if public else owner.label


def _not_contacted(data: DataSet, as_of: dt.date, index: EngagementIndex | None) -> list[ColdItem]:
    found = []
    for rel in going_cold(data, as_of, index=index):
        record = rel.record
        if isinstance(record, Partner) and record.status_on(as_of) is not PartnerStatus.core:
            continue
        found.append(
            ColdItem(
                id=record.id,
                kind="official" if isinstance(record, Official) else "partner",
                name=record.label,
                last=rel.last.id if rel.last else None,
                last_date=rel.last.date if rel.last else None,
                last_title=rel.last.title if rel.last else None,
                days_since=rel.days_since,
                state=rel.state,
                warn=rel.threshold.warn,
                max=rel.threshold.max,
            )
        )
    return found


def _since(data: DataSet, period: Period, as_of: dt.date) -> Since:
    days = timeline(data)
    meetings = days.between(None, as_of, [EngagementKind.chapter_meeting.value])  # by date, then id
    last = data.records[meetings[-1]] if meetings else None
    assert last is None or isinstance(last, Engagement)
    start = last.date + dt.timedelta(days=1) if last else period.start
    since = sorted(days.read(start, as_of), key=lambda e: (e.date, e.id))
    items = [ActivityItem(e.id, e.date, e.kind.value, e.title) for e in since]
    return Since(last.id if last else None, last.date if last else None, items)


def _trainings(data: DataSet, span: Window, tr: Translator) -> tuple[list[str], list[DistrictRow]]:
    trainings = timeline(data).read(span.start, span.end, [EngagementKind.training.value])
    used = {e.topic.value if e.topic else "other" for e in trainings} | {Topic.budget.value, Topic.organizing.value}
    topics = [str(t.value) for t in Topic if t.value in used]
    districts = [(d.id, d.name) for d in data.settings.districts] if data.settings else []
    known = {d for d, _ in districts}
    extra = sorted({e.district for e in trainings if e.district and e.district not in known})
    rows = []
    for district, name in [*districts, *((d, d) for d in extra), (None, tr.gettext("no district given"))]:
        here = sorted((e for e in trainings if e.district == district), key=lambda e: (e.date, e.id))
        if district is None and not here:
            continue
        counts = Counter(e.topic.value if e.topic else "other" for e in here)
        rows.append(DistrictRow(district, name, {t: counts[t] for t in topics}, [e.id for e in here]))
    return topics, rows


def _languages(data: DataSet, as_of: dt.date) -> list[LanguageRow]:
    resources = [r for r in data.typed(Resource) if r.date is None or r.date <= as_of]
    preferred = data.settings.languages if data.settings else []
    found = {lang for r in resources for lang in r.languages}
    return [
        LanguageRow(lang, [r.id for r in resources if lang in r.languages])
        for lang in [*preferred, *sorted(found - set(preferred))]
    ]


# --- roll-ups -----------------------------------------------------------------


def _combine(chapters: list[Chapter], metric_id: str, share: Fraction) -> Result:
    """One metric summed across chapters; record ids qualified as ``<folder>:<id>``."""
    parts = [(c.folder, c.result(metric_id)) for c in chapters]
    first = parts[0][1]
    value = sum(r.value for _, r in parts)
    target = Target(min=_sum_bound([r.target.min for _, r in parts]), max=_sum_bound([r.target.max for _, r in parts]))
    status, expected = judge(value, target, share, paced(first.metric.count))

    def qualified(folder: str, items: list[Evidence]) -> list[Evidence]:
        return [dataclasses.replace(e, id=f"{folder}:{e.id}") for e in items]

    def joined(pick: Callable[[Result], list[str] | None]) -> list[str] | None:
        if pick(first) is None:
            return None
        return [f"{folder}:{item}" for folder, r in parts for item in pick(r) or []]

    previous = None
    if first.previous is not None:
        previous = Previous(
            start=first.previous.start,
            end=first.previous.end,
            value=sum(r.previous.value for _, r in parts if r.previous),
            same_point=first.previous.same_point,
            value_by_same_point=sum(r.previous.value_by_same_point for _, r in parts if r.previous),
            records=[f"{folder}:{i}" for folder, r in parts if r.previous for i in r.previous.records],
        )
    languages = None
    if first.languages is not None:
        languages = sorted({lang for _, r in parts for lang in r.languages or []})
    return Result(
        metric=first.metric,
        target=target,
        window=first.window,
        value=value,
        status=status,
        expected=expected,
        above_max=target.max is not None and value > target.max,
        evidence=sorted(
            (e for folder, r in parts for e in qualified(folder, r.evidence)),
            key=lambda e: (e.date or dt.date.min, e.id),
        ),
        not_counted=[e for folder, r in parts for e in qualified(folder, r.not_counted)],
        districts=joined(lambda r: r.districts),
        districts_missing=joined(lambda r: r.districts_missing),
        languages=languages,
        now_core=joined(lambda r: r.now_core),
        previous=previous,
    )


def _sum_bound(bounds: list[int | None]) -> int | None:
    """A roll-up's bound: the sum of the chapters' bounds, when every chapter gives one."""
    return None if any(b is None for b in bounds) else sum(b for b in bounds if b is not None)
