"""Cross-record rules on references: every id a record names must be a record of its kind, and every district
one of the chapter's. A record whose file has errors gathers the references to it, told once at its file."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from capctl.findings import ERR, Finding, Loc
from capctl.models.records import Engagement, Partner, Person, Priority, Record, Testimony
from capctl.store.dataset import Facts, latest_date
from capctl.vocab import RecordKind

if TYPE_CHECKING:
    from capctl.store.dataset import DataSet


# --- across records -------------------------------------------------------


def references(record: Record) -> Iterator[tuple[Loc, str, RecordKind]]:
    """Every reference a record makes: (location, target id, kind it must be)."""
    if isinstance(record, Partner):
        for i, ref in enumerate(record.contacts):
            yield ["contacts", i], ref, RecordKind.people
    elif isinstance(record, Person):
        if record.affiliation:
            yield ["affiliation"], record.affiliation, RecordKind.partners
        if record.works_for:
            yield ["works_for"], record.works_for, RecordKind.officials
    elif isinstance(record, Engagement):
        for name, kind in (
            ("partners", RecordKind.partners),
            ("officials", RecordKind.officials),
            ("people", RecordKind.people),
            ("priorities", RecordKind.priorities),
        ):
            for i, ref in enumerate(getattr(record, name)):
                yield [name, i], ref, kind
        for i, follow_up in enumerate(record.follow_ups):
            if follow_up.owner:
                yield ["follow_ups", i, "owner"], follow_up.owner, RecordKind.people
    elif isinstance(record, Testimony):
        yield ["person"], record.person, RecordKind.people
        if record.partner:
            yield ["partner"], record.partner, RecordKind.partners
    elif isinstance(record, Priority):
        for i, strategy in enumerate(record.strategies):
            for j, ref in enumerate(strategy.partners):
                yield ["strategies", i, "partners", j], ref, RecordKind.partners
        for i, position in enumerate(record.positions):
            yield ["positions", i, "official"], position.official, RecordKind.officials


def references_exist(data: DataSet) -> Iterator[Finding]:
    """Every reference to a record that is not there or not of its kind; the references to a record
    whose file has errors are told once, at that file (the cause), not in every file that refers to it."""
    get = data.records.get  # hundreds of thousands of references in a statewide chapter
    broken = data.broken
    to_broken: dict[str, list[str]] = defaultdict(list)
    for record in data.records.values():
        for loc, ref, kind in references(record):
            target = get(ref)
            if target is not None and target.collection is kind:
                continue
            if target is None and ref in broken and broken[ref][0] is kind:
                to_broken[ref].append(record.id)
            else:
                yield _wrong_reference(record, loc, ref, kind, target)
    for ref, referrers in to_broken.items():
        yield _knock_on(data, ref, referrers)


def missing_references(data: DataSet, record: Record) -> Iterator[Finding]:
    """``references_exist`` on one record: a reference to a record with errors named as such."""
    for loc, ref, kind in references(record):
        target = data.records.get(ref)
        if target is not None and target.collection is kind:
            continue
        if target is None and ref in data.broken and data.broken[ref][0] is kind:
            where = data.display(data.broken[ref][1])
            yield (
                record.id,
                loc,
                ERR,
                f"{field_name(loc)}: {kind.singular} {ref!r} has errors in {where}; fix them first",
            )
        else:
            yield _wrong_reference(record, loc, ref, kind, target)


def _wrong_reference(record: Record, loc: Loc, ref: str, kind: RecordKind, target: Record | None) -> Finding:
    if target is None:
        return record.id, loc, ERR, f"{field_name(loc)}: no {kind.singular} {ref!r}"
    return record.id, loc, ERR, f"{field_name(loc)}: {ref!r} is {target.collection.a}, not {kind.a}"


KNOCK_ON_FILES_SHOWN = 3


def _knock_on(data: DataSet, ref: str, referrers: list[str]) -> Finding:
    """One finding at a broken record's file for every reference to it (its problems' line: the file)."""
    kind, _path = data.broken[ref]
    count = len(referrers)
    files = sorted({data.paths[i].relative_to(data.root).as_posix() for i in referrers})
    shown = ", ".join(files[:KNOCK_ON_FILES_SHOWN])
    more = len(files) - KNOCK_ON_FILES_SHOWN
    if more > 0:
        shown += f" and {more} more file{'s' * (more != 1)}"
    return ref, [], ERR, f"{count} reference{'s' * (count != 1)} to {kind.value}/{ref}, which has errors: in {shown}"


def reference_problem(get: Callable[[str], Record | None], field: str, ref: str, kind: RecordKind) -> str | None:
    """What is wrong with a reference to ``ref`` (a ``kind``) in ``field``; None when it is right."""
    target = get(ref)
    if target is None:
        return f"{field}: no {kind.singular} {ref!r}"
    if target.collection is not kind:
        return f"{field}: {ref!r} is {target.collection.a}, not {kind.a}"
    return None


def field_name(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def districts_known(data: DataSet) -> Iterator[Finding]:
    if data.settings is None or not data.settings.districts:
        return
    known = set(data.settings.district_ids())
    listed = ", ".join(sorted(known))
    for record in data.records.values():
        yield from unknown_districts(record, known, listed)


def unknown_districts(record: Record, known: set[str], listed: str) -> Iterator[Finding]:
    if isinstance(record, Engagement) and record.district and record.district not in known:
        yield record.id, ["district"], ERR, f"district: {record.district!r} is not in capctl.yaml ({listed})"
    if isinstance(record, Partner):
        for i, district in enumerate(record.districts):
            if district not in known:
                yield (
                    record.id,
                    ["districts", i],
                    ERR,
                    f"districts.{i}: {district!r} is not in capctl.yaml ({listed})",
                )


def references_and_districts_of(data: DataSet, records: Iterable[Record]) -> Iterator[Finding]:
    """What ``references_exist`` and ``districts_known`` find about these records only (the cross rules
    that look at one record against the ids of all: a record no change touched keeps what they found)."""
    known: set[str] = set()
    listed = ""
    if data.settings is not None and data.settings.districts:
        known = set(data.settings.district_ids())
        listed = ", ".join(sorted(known))
    for record in records:
        yield from missing_references(data, record)
        if listed:
            yield from unknown_districts(record, known, listed)


def facts_of(record: Record) -> Facts:
    """What the load cache's index keeps of a record (:class:`~capctl.store.dataset.Facts`)."""
    if isinstance(record, Engagement):  # who took part and what it was about, not who owns a follow-up
        refs = tuple(dict.fromkeys([*record.partners, *record.officials, *record.people, *record.priorities]))
    else:
        refs = tuple(dict.fromkeys(ref for _loc, ref, _kind in references(record)))
    open_until = None
    if isinstance(record, Engagement) and record.follow_ups:
        done = [f.done for f in record.follow_ups]
        open_until = OPEN if None in done else max(d.isoformat() for d in done if d is not None)
    attachment = record.file if isinstance(record, Testimony) else None
    sort = record.kind.value if isinstance(record, Engagement) else None
    return Facts(latest_date(record), refs, open_until, attachment, sort)


OPEN = "~"
"""``Facts.open_until`` of an engagement with a follow-up not done: after every ISO date."""
