"""Changes to existing records: a partner's status, an official's stance, a follow-up done, a person's consent.

Each goes through :func:`capctl.store.write.edit`, so only the lines it means to change
change and comments survive, and the edited record is checked as ``capctl check``
will see it before anything is written: a change that would add an error writes
nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from capctl.edit import patch
from capctl.edit.new import check_new
from capctl.edit.patch import Change
from capctl.models.records import Engagement, Official, Partner, Person, Priority, Record
from capctl.problems import CapctlError
from capctl.store import write as store_write
from capctl.store.dataset import DataSet
from capctl.vocab import PartnerStatus, Stance


@dataclass
class Updated:
    """What a change did: the record as written, and a sentence saying what changed (or why nothing did)."""

    path: Path
    record: Record
    changed: bool
    summary: str


def apply(data: DataSet, record: Record, change: Change) -> Record:
    """Edit ``record``'s file with ``change``; refused (nothing written) if it would add an error."""
    path = data.path_of(record.id)
    known, _ = check_new(data, record, path, warnings=False)

    def check(edited: Record) -> None:
        errors, _ = check_new(data, edited, path, warnings=False)
        new = [e for e in errors if e not in known]
        if new:
            raise CapctlError(f"{data.display(path)}: {'; '.join(new)}; nothing was written")

    return store_write.edit(path, change, record.collection, check)


def partner_status(
    data: DataSet, partner: Partner, status: PartnerStatus, day: dt.date, note: str | None = None
) -> Updated:
    """Add a status change to a partner's history (nothing when it already has that status)."""
    path = data.path_of(partner.id)
    if partner.status is status:
        since = partner.status_history[-1].date
        return Updated(path, partner, False, f"{partner.label} is already {status.value} (since {since}); no change")
    record = apply(data, partner, patch.add_status(status, day, note))
    assert isinstance(record, Partner)
    # The status before, as the file had it when it was edited: another edit may have changed it since it was loaded.
    before = record.status_history[-2].status
    return Updated(path, record, True, f"{record.label}: {before.value} → {status.value} on {day}")


def official_position(
    data: DataSet, priority: Priority, official: Official, stance: Stance, day: dt.date | None, source: str | None
) -> Updated:
    """Record an official's stance on a priority, keeping the history (nothing when it is unchanged)."""
    path = data.path_of(priority.id)
    current = priority.position_of(official.id)
    if current is not None and current.stance is stance and current.date == day and current.source == source:
        return Updated(path, priority, False, f"{official.label} is already recorded as {stance.value}; no change")
    record = apply(data, priority, patch.set_position(official.id, stance, day, source))
    return Updated(path, record, True, f"{priority.label}: {official.label} {stance.value}")


def open_follow_ups(engagement: Engagement) -> list[int]:
    """Numbers (from 1) of the follow-ups not done yet."""
    return [i for i, f in enumerate(engagement.follow_ups, 1) if f.done is None]


def follow_up_done(data: DataSet, engagement: Engagement, number: int | None, day: dt.date) -> Updated:
    """Mark follow-up ``number`` (from 1; the only open one when None) done on ``day``."""
    path = data.path_of(engagement.id)
    if not engagement.follow_ups:
        raise CapctlError(f"{engagement.id} has no follow-ups")
    if number is None:
        still_open = open_follow_ups(engagement)
        if len(still_open) != 1:
            listed = "; ".join(f"{i}. {engagement.follow_ups[i - 1].task}" for i in still_open)
            raise CapctlError(
                f"{engagement.id} has {len(still_open)} open follow-ups: {listed}; give the number"
                if still_open
                else f"every follow-up of {engagement.id} is done"
            )
        number = still_open[0]
    if not 1 <= number <= len(engagement.follow_ups):
        raise CapctlError(f"there is no follow-up {number}: {engagement.id} has {len(engagement.follow_ups)}")
    follow_up = engagement.follow_ups[number - 1]
    if follow_up.done is not None:
        return Updated(path, engagement, False, f"follow-up {number} ({follow_up.task}) was done on {follow_up.done}")
    record = apply(data, engagement, patch.mark_follow_up_done(number - 1, day))
    return Updated(path, record, True, f"follow-up {number} done: {follow_up.task}")


def person_consent(data: DataSet, person: Person, public_name: bool, day: dt.date, note: str | None = None) -> Updated:
    """Record whether ``person`` agreed to be named in public output (nothing when the record says so already)."""
    path = data.path_of(person.id)
    consent = person.consent
    answer = "may be named in public output" if public_name else "is not named in public output"
    if consent is not None and consent.public_name is public_name and (note is None or note == consent.note):
        since = f" (since {consent.since})" if consent.since else ""
        return Updated(path, person, False, f"{person.label} {answer} already{since}; no change")
    record = apply(data, person, patch.set_consent(public_name, day, note))
    return Updated(path, record, True, f"{person.label} {answer} from {day} on")
