"""The grant report: every metric of ``metrics.yaml`` as of a date, what a chapter meeting
needs below them, one chapter or several rolled up, internal or ``public``.

:func:`build` returns a :class:`Report`; :func:`to_json` turns it into the
documented JSON shape (docs/metrics.md) and :func:`build_json` does both for one
data folder. The renderers (Markdown, HTML, the terminal) only format a Report.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from capctl.activity import EngagementIndex, engagements_by_record, going_cold, open_follow_ups
from capctl.metrics import Evidence, Previous, Result, Window, clamp, describe, elapsed, evaluate, judge, paced
from capctl.models import Engagement, MetricsFile, Official, Partner, Period, Person, Resource, Target, Testimony
from capctl.problems import CapctlError
from capctl.store import METRICS_FILE, DataSet, R
from capctl.text import fold, slugify
from capctl.vocab import EngagementKind, MetricStatus, PartnerStatus, RecordKind, Topic

DUE_SOON_DAYS = 14
"""Follow-ups due within this many days are listed beside the overdue ones."""


# --- what a chapter meeting needs -------------------------------------------


@dataclass(frozen=True)
class FollowUpItem:
    engagement: str
    date: dt.date
    title: str
    number: int  # as `capctl followup done ENGAGEMENT N` takes it
    task: str
    owner: str | None  # the owner's name; None when unassigned or in a public report
    due: dt.date | None
    days_overdue: int | None  # negative while not yet due


@dataclass(frozen=True)
class ColdItem:
    id: str
    kind: str  # partner or official
    name: str
    last: str | None  # the last engagement's id
    last_date: dt.date | None
    days_since: int | None  # None: never contacted
    state: str  # going cold or cold
    warn: int
    max: int


@dataclass(frozen=True)
class ActivityItem:
    id: str
    date: dt.date
    kind: str
    title: str


@dataclass(frozen=True)
class Since:
    """Activity since the last chapter meeting (since the period began when there was none)."""

    meeting: str | None
    date: dt.date | None
    engagements: list[ActivityItem]

    @property
    def by_kind(self) -> dict[str, int]:
        counts = Counter(item.kind for item in self.engagements)
        return {kind.value: counts[kind.value] for kind in EngagementKind if counts[kind.value]}


@dataclass(frozen=True)
class DistrictRow:
    id: str | None  # None: trainings without a district
    name: str
    by_topic: dict[str, int]
    records: list[str]

    @property
    def total(self) -> int:
        return len(self.records)


@dataclass(frozen=True)
class LanguageRow:
    language: str
    records: list[str]


@dataclass(frozen=True)
class Meeting:
    overdue: list[FollowUpItem]
    due_soon: list[FollowUpItem]
    not_contacted: list[ColdItem]
    since: Since
    topics: list[str]  # the topic columns of ``trainings``
    trainings: list[DistrictRow]
    languages: list[LanguageRow]


# --- the report -------------------------------------------------------------


@dataclass(frozen=True)
class Chapter:
    """One data folder's part of a report."""

    folder: str  # qualifies its record ids in a roll-up: ``<folder>:<id>``
    root: Path
    name: str
    metrics_sha256: str
    errors: int
    warnings: int
    results: list[Result]
    meeting: Meeting

    def result(self, metric_id: str) -> Result:
        return next(r for r in self.results if r.metric.id == metric_id)


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    asked: dt.date  # the as-of date asked for, before it was clamped to the period
    period: Period
    share: Fraction  # of the period elapsed on the as-of date
    metrics_sha256: str
    public: bool
    lines: list[Result]  # one per metric, in metrics.yaml's order; summed across chapters in a roll-up
    chapters: list[Chapter] = field(default_factory=list)

    @property
    def rollup(self) -> bool:
        return len(self.chapters) > 1

    @property
    def title(self) -> str:
        return " + ".join(c.name for c in self.chapters)

    def line(self, metric_id: str) -> Result | None:
        return next((r for r in self.lines if r.metric.id == metric_id), None)

    def per_chapter(self, metric_id: str) -> list[tuple[Chapter, Result]]:
        return [(c, c.result(metric_id)) for c in self.chapters]


def load_and_build(
    folders: Sequence[Path], as_of: dt.date | None = None, public: bool = False, cache: bool | None = None
) -> Report:
    """Load each data folder and build their report (rolled up when there are several);
    ``cache`` as in :func:`capctl.store.load`."""
    from capctl.store import load

    resolved = [folder.resolve() for folder in folders]
    for i, folder in enumerate(resolved):
        if folder in resolved[:i]:
            raise CapctlError(f"--data: '{folders[i]}' is given twice")
    return build([load(folder, cache) for folder in folders], as_of, public)


def build(datasets: Sequence[DataSet], as_of: dt.date | None = None, public: bool = False) -> Report:
    """The report of one chapter, or several rolled up, as of ``as_of`` (default: today).

    The as-of date is clamped to the end of the grant period. Several chapters
    must agree on the period and the metric ids (a usage error otherwise).
    """
    from capctl.dates import today

    if not datasets:
        raise ValueError("build needs at least one data folder")
    metrics_files = [_metrics_of(data) for data in datasets]
    _agree(datasets)
    period = metrics_files[0].period
    asked = as_of or today()
    day = clamp(period, asked)
    share = elapsed(period, day)
    redact = _Redactor(datasets) if public else None
    folders = _folder_names([data.root for data in datasets])
    chapters = []
    for folder, data in zip(folders, datasets, strict=True):
        chapter = _chapter(folder, data, period, day, public)
        chapters.append(redact.chapter(chapter, data) if redact else chapter)
    if len(chapters) == 1:
        lines, digest = chapters[0].results, chapters[0].metrics_sha256
    else:
        lines = [_combine(chapters, m.id, share) for m in metrics_files[0].metrics]
        digest = hashlib.sha256("\n".join(c.metrics_sha256 for c in chapters).encode()).hexdigest()
    return Report(day, asked, period, share, digest, public, lines, chapters)


def build_json(data: DataSet, as_of: dt.date | None = None) -> dict[str, Any]:
    """The JSON report of one data folder (the shape documented in docs/metrics.md)."""
    return to_json(build([data], as_of))


def _metrics_of(data: DataSet) -> MetricsFile:
    shown = data.display(data.root / METRICS_FILE)
    if data.metrics is not None:
        return data.metrics
    problems = [p for p in data.problems if p.path == shown and p.is_error]
    if not problems:
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


class _Listed(DataSet):
    """A data set as a report reads it: nothing changes it meanwhile, so each kind's records are
    listed and sorted once, not once for every metric and section (a dozen times 50,000 engagements)."""

    def __init__(self, data: DataSet) -> None:
        super().__init__(**{f.name: getattr(data, f.name) for f in dataclasses.fields(data)})
        self._typed: dict[type[Any], list[Any]] = {}

    def typed(self, model: type[R]) -> list[R]:
        listed = self._typed.get(model)
        if listed is None:
            listed = self._typed[model] = super().typed(model)
        return list(listed)  # a copy: a caller may sort or change its list


def _chapter(folder: str, data: DataSet, period: Period, as_of: dt.date, public: bool) -> Chapter:
    data = _Listed(data)
    assert data.metrics is not None
    index = engagements_by_record(data)  # once for every metric and the meeting's sections, whatever their date
    results = [evaluate(data, metric, period, as_of, index=index) for metric in data.metrics.metrics]
    errors = len(data.errors)
    return Chapter(
        folder=folder,
        root=data.root,
        name=data.settings.chapter if data.settings else data.root.resolve().name,
        metrics_sha256=metrics_sha256(data),
        errors=errors,
        warnings=len(data.problems) - errors,
        results=results,
        meeting=meeting(data, period, as_of, public, index),
    )


# --- the meeting sections -----------------------------------------------------


def meeting(
    data: DataSet, period: Period, as_of: dt.date, public: bool = False, index: EngagementIndex | None = None
) -> Meeting:
    """What a chapter meeting needs: follow-ups, who is going cold, recent activity, reach
    (``index`` as :func:`capctl.metrics.evaluate` takes it)."""
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
            owner=owner.label if owner is not None and not public else None,
            due=item.follow_up.due,
            days_overdue=item.days_overdue,
        )
        (overdue if (item.days_overdue or 0) > 0 else due_soon).append(entry)
    topics, trainings = _trainings(data, Window(period.start, as_of))
    return Meeting(
        overdue=overdue,
        due_soon=sorted(due_soon, key=lambda f: (f.due or as_of, f.engagement, f.number)),
        not_contacted=_not_contacted(data, as_of, index),
        since=_since(data, period, as_of),
        topics=topics,
        trainings=trainings,
        languages=_languages(data, as_of),
    )


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
                days_since=rel.days_since,
                state=rel.state,
                warn=rel.threshold.warn,
                max=rel.threshold.max,
            )
        )
    return found


def _since(data: DataSet, period: Period, as_of: dt.date) -> Since:
    engagements = [e for e in data.typed(Engagement) if e.date <= as_of]
    meetings = [e for e in engagements if e.kind is EngagementKind.chapter_meeting]
    last = max(meetings, key=lambda e: (e.date, e.id)) if meetings else None
    start = last.date + dt.timedelta(days=1) if last else period.start
    items = [
        ActivityItem(e.id, e.date, e.kind.value, e.title)
        for e in sorted(engagements, key=lambda e: (e.date, e.id))
        if e.date >= start
    ]
    return Since(last.id if last else None, last.date if last else None, items)


def _trainings(data: DataSet, span: Window) -> tuple[list[str], list[DistrictRow]]:
    trainings = [e for e in data.typed(Engagement) if e.kind is EngagementKind.training and e.date in span]
    used = {e.topic.value if e.topic else "other" for e in trainings} | {Topic.budget.value, Topic.organizing.value}
    topics = [str(t.value) for t in Topic if t.value in used]
    districts = [(d.id, d.name) for d in data.settings.districts] if data.settings else []
    known = {d for d, _ in districts}
    extra = sorted({e.district for e in trainings if e.district and e.district not in known})
    rows = []
    for district, name in [*districts, *((d, d) for d in extra), (None, "no district given")]:
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


# --- published reports ------------------------------------------------------------

WITHHELD = "withheld"


class _Redactor:
    """Leaves personal data out of a published report.

    The report never carries emails, phones, addresses or testimony text. Here
    follow: the names (and aliases) of people, wherever a title or an id repeats
    them, and the ids and titles of testimonies without public consent.
    """

    def __init__(self, datasets: Sequence[DataSet]) -> None:
        names = {name for data in datasets for person in data.typed(Person) for name in person.names()}
        # One pass each, longest first, so that "María Martínez" goes before an alias "María".
        ordered = sorted((n for n in names if len(fold(n)) >= 2), key=len, reverse=True)
        slugs = sorted({slugify(name) for name in ordered if len(slugify(name)) >= 3}, key=len, reverse=True)
        self._names = _Matcher([(name, _units(name, _name_units(name))) for name in ordered])
        self._slugs = _Matcher([(slug, _units(slug, [re.escape(ch) for ch in slug])) for slug in slugs])
        self._done: dict[str, str] = {}

    def text(self, value: str) -> str:
        done = self._done.get(value)
        if done is None:
            done = self._slugs.sub(WITHHELD, self._names.sub(f"({WITHHELD})", value))
            self._done[value] = done
        return done

    def chapter(self, chapter: Chapter, data: DataSet) -> Chapter:
        private = [t for t in data.typed(Testimony) if not t.public]
        private.sort(key=lambda t: (t.date, t.id))
        hidden = {t.id: f"testimony-{WITHHELD}-{i}" for i, t in enumerate(private, 1)}

        def testimony(item: Evidence) -> Evidence:
            if item.id in hidden:
                return dataclasses.replace(item, id=hidden[item.id], title="(title withheld: no public consent)")
            # A testimony is often named after its speaker: even a first name alone goes.
            record = data.records.get(item.id)
            person = data.records.get(record.person) if isinstance(record, Testimony) else None
            words = {w for name in (person.names() if person else []) for w in slugify(name).split("-") if len(w) >= 3}
            for word in sorted(words, key=len, reverse=True):
                pattern = re.compile(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", re.IGNORECASE)
                item = dataclasses.replace(
                    item, id=pattern.sub(WITHHELD, item.id), title=pattern.sub(WITHHELD, item.title)
                )
            return item

        results = [
            dataclasses.replace(r, evidence=[testimony(e) for e in r.evidence])
            if r.metric.count.records == "testimonies"
            else r
            for r in chapter.results
        ]
        scrubbed: Chapter = self._scrub(dataclasses.replace(chapter, results=results))
        return scrubbed

    def _scrub(self, value: Any) -> Any:
        if type(value) is str:  # not the enums, which are str too
            return self.text(value)
        if isinstance(value, list):
            return [self._scrub(v) for v in value]
        if isinstance(value, dict):
            return {self._scrub(k): self._scrub(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {
                f.name: self._scrub(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in ("metric", "target", "window", "root", "metrics_sha256")
            }
            return dataclasses.replace(value, **changes)
        return value


def _name_units(name: str) -> list[str]:
    """A name in any case, with or without its accents: one expression a character."""
    parts = []
    for ch in name:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch.isalpha():
            parts.append("[" + re.escape("".join(sorted(_ALIKE.get(fold(ch), set()) | {ch}))) + "]")
        else:
            parts.append(re.escape(ch))
    return parts


_TOKEN = re.compile(r"[^\W\d_]+")
"""Runs of letters: a name's runs of letters match runs of the text whole (its ends are no letter or digit)."""

Unit = str | int
"""One character of a pattern (a regular expression matching one character), or a number of spaces."""


class _Matcher:
    """What one regular expression of alternatives would replace, the alternatives whole words
    (neither letter nor digit on either side) in any case, with each alternative made of
    ``units``: a character's expression, or ``n`` for ``\\s+`` n times.

    A big coalition has thousands of names; one alternation of them all took 26 seconds
    over a report. Here each alternative is looked up by the runs of letters it holds
    (folded): a text lacking one of them cannot match it. The few that may are tried
    where their first run starts, one character at a time, each character asked of the
    regular expression engine once. At the same place the first alternative wins, as
    in the alternation, and the leftmost match goes first.
    """

    def __init__(self, alternatives: list[tuple[str, list[Unit]]]) -> None:
        self._units = [units for _, units in alternatives]
        self._needs: list[frozenset[str]] = []
        self._first: list[str | None] = []  # the first run's key when it starts the alternative
        self._by_key: dict[str, list[int]] = {}
        self._always: list[int] = []  # no run of letters to look them up by
        for i, (source, _) in enumerate(alternatives):
            runs = [_loose(run) for run in _TOKEN.findall(source)]
            self._needs.append(frozenset(runs))
            self._first.append(runs[0] if runs and _TOKEN.match(source) else None)
            if runs:
                self._by_key.setdefault(max(runs, key=len), []).append(i)
            else:
                self._always.append(i)
        self._keys: dict[str, str] = {}
        self._member: dict[tuple[str, str], bool] = {}

    def sub(self, replacement: str, text: str) -> str:
        runs = []
        for found in _TOKEN.finditer(text):
            run = found.group()
            key = self._keys.get(run)
            if key is None:
                key = self._keys[run] = _loose(run)
            runs.append((found.start(), key))
        present = {key for _, key in runs}
        candidates = [*self._always]
        for key in present:
            candidates.extend(i for i in self._by_key.get(key, ()) if self._needs[i] <= present)
        if not candidates:
            return text
        matches = []
        for i in candidates:
            first = self._first[i]
            # An alternative that starts with a letter starts where its first run does.
            starts = [start for start, key in runs if key == first] if first is not None else range(len(text))
            for start in starts:
                end = self._match(self._units[i], text, start)
                if end is not None:
                    matches.append((start, i, end))
        if not matches:
            return text
        matches.sort()
        out = []
        pos = 0
        for start, _, end in matches:
            if start >= pos:
                out.append(text[pos:start])
                out.append(replacement)
                pos = end
        out.append(text[pos:])
        return "".join(out)

    def _match(self, units: list[Unit], text: str, start: int) -> int | None:
        """Where ``units`` matching at ``start`` as a whole word end, or None."""
        if start > 0 and text[start - 1].isalnum():
            return None
        pos, size = start, len(text)
        for unit in units:
            if isinstance(unit, int):
                spaces = pos
                while pos < size and text[pos].isspace():
                    pos += 1
                if pos - spaces < unit:
                    return None
            elif pos < size and self._matches(unit, text[pos]):
                pos += 1
            else:
                return None
        if pos < size and text[pos].isalnum():
            return None
        return pos

    def _matches(self, unit: str, ch: str) -> bool:
        known = self._member.get((unit, ch))
        if known is None:
            known = self._member[unit, ch] = _unit_pattern(unit).fullmatch(ch) is not None
        return known


@functools.lru_cache(maxsize=4096)
def _unit_pattern(unit: str) -> re.Pattern[str]:
    return re.compile(unit, re.IGNORECASE)


def _units(name: str, units: list[str]) -> list[Unit]:
    """``units`` (one a character of ``name``) with each run of spaces as its length."""
    found: list[Unit] = []
    for ch, unit in zip(name, units, strict=True):
        if ch.isspace():
            if found and isinstance(found[-1], int):
                found[-1] += 1
            else:
                found.append(1)
        else:
            found.append(unit)
    return found


def _loose(run: str) -> str:
    """A run of letters folded so that whatever a name's letter matches (any case, any accent,
    the letters ``re.IGNORECASE`` takes for one another) folds alike."""
    decomposed = unicodedata.normalize("NFKD", run)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().translate(_SAME)


_SAME = str.maketrans({"ı": "i"})
"""Letters ``re.IGNORECASE`` takes for one another that folding keeps apart (it joins ``ſ`` and ``s``...)."""


_ALIKE: dict[str, set[str]] = {}
for _code in [*range(ord("A"), ord("Z") + 1), *range(ord("a"), ord("z") + 1), *range(0xC0, 0x250)]:
    _ALIKE.setdefault(fold(chr(_code)), set()).add(chr(_code))


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
        "counts": describe(line.metric.count, line.window),
        "details": _by_id(full["details"], line.metric.id),
        "chapters": [{"folder": c["folder"], **_by_id(c["metrics"], line.metric.id)} for c in full["chapters"]],
    }


# --- words every format shares ---------------------------------------------------


def report_line(report: Report, metric_id: str) -> Result:
    """The metric ``--explain`` asks for; a usage error naming the metrics when unknown."""
    line = report.line(metric_id)
    if line is None:
        known = ", ".join(r.metric.id for r in report.lines)
        raise CapctlError(f"--explain: no metric {metric_id!r}; the metrics are {known}")
    return line


def percent(share: Fraction) -> str:
    return f"{round(share * 100)}%"


def cold_text(item: ColdItem) -> str:
    """``going cold: over 45 days``, ``cold: over 90 days`` or ``cold: never contacted``."""
    if item.days_since is None:
        return f"{item.state}: never contacted"
    return f"{item.state}: over {item.max if item.state == 'cold' else item.warn} days"


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
        found.append(f"languages: {', '.join(result.languages) or 'none yet'}")
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
