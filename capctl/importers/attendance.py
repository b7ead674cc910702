"""Sign-in sheets: read as organizers have them, matched to people and partners, applied to an engagement.

A sheet is a CSV exported from Excel or Google Sheets: UTF-8 with or without a
byte-order mark (UTF-16 too), else Windows-1252; commas, semicolons or tabs; a
header row naming columns such as name, organization, email, phone and language
in any order, case and language; blank rows, duplicate rows and extra columns.

:func:`read_sheet` reads it, :func:`plan` proposes a match for each row (exact,
fuzzy with its score, new, ambiguous, or a duplicate of an earlier row) and what
the engagement would gain, and :func:`apply` writes it. A row that matches
several records is never applied unless the organizer chose one. Applying the
same sheet twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from capctl.edit import patch
from capctl.edit.new import Draft, free_id, new_person, write
from capctl.edit.update import apply as apply_change
from capctl.importers.sheets import Sheet, SheetRow, language_codes
from capctl.models.records import Engagement, Person, Record
from capctl.query.resolve import NameIndex
from capctl.store.dataset import DataSet
from capctl.store.files import record_path
from capctl.text import fold
from capctl.vocab import RecordKind

# --- matching --------------------------------------------------------------

AMBIGUITY_MARGIN = 0.1
"""Fuzzy candidates this close to the best one make a row ambiguous."""


@dataclass
class Proposal:
    """What one row of the sheet is taken to be."""

    row: SheetRow
    match: str
    """``exact``, ``fuzzy``, ``new``, ``ambiguous`` or ``duplicate``."""
    person: str | None = None
    score: float | None = None
    candidates: list[str] = field(default_factory=list)
    partner: str | None = None
    partner_match: str | None = None
    """How the organization matched: ``exact``, ``fuzzy``, ``affiliation`` (the person's), or ``unknown``."""
    duplicate_of: int | None = None
    chosen: bool = False
    """The organizer chose the person among several."""

    @property
    def applied(self) -> bool:
        return self.match in ("exact", "fuzzy") or (self.match == "new" and self.person is not None)

    def describe(self) -> str:
        if self.match == "fuzzy":
            return f"fuzzy {self.score:.2f}"
        if self.match == "ambiguous":
            return f"ambiguous: {', '.join(self.candidates)}"
        if self.match == "duplicate":
            return f"duplicate of line {self.duplicate_of}"
        if self.match == "new" and self.person is not None:
            return "new: create"
        return "chosen" if self.chosen else self.match

    def as_dict(self) -> dict[str, object]:
        return {
            "line": self.row.line,
            "name": self.row.name,
            "organization": self.row.organization,
            "match": self.match,
            "score": self.score,
            "person": self.person,
            "candidates": self.candidates,
            "partner": self.partner,
            "partner_match": self.partner_match,
            "applied": self.applied,
        }


def email_index(data: DataSet) -> dict[str, list[str]]:
    """The ids of the people with each email address (case ignored)."""
    found: dict[str, list[str]] = {}
    for person in data.typed(Person):
        if person.email:
            found.setdefault(person.email.casefold(), []).append(person.id)
    return found


def match_person(
    data: DataSet, row: SheetRow, index: NameIndex | None = None, emails: dict[str, list[str]] | None = None
) -> Proposal:
    """Who a row is: by email, else by id, name or alias, else by a close name."""
    index = index or NameIndex(data, [RecordKind.people])
    if row.email:
        by_email = (emails if emails is not None else email_index(data)).get(row.email.casefold(), [])
        if len(by_email) == 1:
            return Proposal(row, "exact", by_email[0], 1.0)
    exact = index.exact(row.name)
    if len(exact) == 1:
        return Proposal(row, "exact", exact[0].record.id, 1.0)
    if exact:
        return Proposal(row, "ambiguous", candidates=[m.record.id for m in exact])
    close = index.fuzzy(row.name)
    if not close:
        return Proposal(row, "new")
    near = [m for m in close if close[0].score - m.score < AMBIGUITY_MARGIN]
    if len(near) > 1:
        return Proposal(row, "ambiguous", candidates=[m.record.id for m in near])
    return Proposal(row, "fuzzy", close[0].record.id, close[0].score)


def match_partner(data: DataSet, organization: str, index: NameIndex | None = None) -> tuple[str | None, str]:
    """The partner an organization cell names, and how: ``exact``, ``fuzzy`` or ``unknown``."""
    index = index or NameIndex(data, [RecordKind.partners])
    exact = index.exact(organization)
    if len(exact) == 1:
        return exact[0].record.id, "exact"
    close = index.fuzzy(organization, cutoff=0.85)
    if len(close) == 1 or (close and close[0].score - close[1].score >= AMBIGUITY_MARGIN):
        return close[0].record.id, "fuzzy"
    return None, "unknown"


@dataclass
class Plan:
    """What importing a sheet would change."""

    engagement: Engagement
    sheet: Sheet
    proposals: list[Proposal]
    new_people: list[Draft]
    add_people: list[str]
    add_partners: list[str]
    headcount: int | None
    """The new headcount, or None when it stays."""

    @property
    def changes_anything(self) -> bool:
        return bool(self.new_people or self.add_people or self.add_partners or self.headcount is not None)

    @property
    def not_applied(self) -> list[Proposal]:
        return [p for p in self.proposals if p.match == "ambiguous"]


def plan(
    data: DataSet,
    engagement: Engagement,
    sheet: Sheet,
    create: bool = False,
    choices: dict[int, str | None] | None = None,
    tick: Callable[[], None] | None = None,
) -> Plan:
    """Match every row and work out what the engagement gains.

    ``choices`` maps a line of the sheet to the person the organizer chose for
    an ambiguous row (None: none of them). With ``create``, people matching no
    one become new records.
    """
    choices = choices or {}
    people, partners = NameIndex(data, [RecordKind.people]), NameIndex(data, [RecordKind.partners])
    emails = email_index(data)
    proposals: list[Proposal] = []
    first_line: dict[str, int] = {}
    for row in sheet.rows:
        proposal = _propose(data, row, people, partners, choices, emails)
        key = proposal.person or f"name:{' '.join(sorted(fold(row.name).split()))}"
        if key in first_line:
            proposal = Proposal(row, "duplicate", proposal.person, duplicate_of=first_line[key])
        else:
            first_line[key] = row.line
        proposals.append(proposal)
        if tick is not None:
            tick()
    new_people = _new_people(data, proposals) if create else []
    applied = [p for p in proposals if p.applied]
    people_ids = [p.person for p in applied if p.person is not None]
    partner_ids = [p.partner for p in proposals if p.partner is not None and p.match != "ambiguous"]
    attendees = len([p for p in proposals if p.match != "duplicate"])
    headcount = attendees if attendees > (engagement.headcount or 0) else None
    return Plan(
        engagement=engagement,
        sheet=sheet,
        proposals=proposals,
        new_people=new_people,
        add_people=[i for i in dict.fromkeys(people_ids) if i not in set(engagement.people)],
        add_partners=[i for i in dict.fromkeys(partner_ids) if i not in set(engagement.partners)],
        headcount=headcount,
    )


def _propose(
    data: DataSet,
    row: SheetRow,
    people: NameIndex,
    partners: NameIndex,
    choices: dict[int, str | None],
    emails: dict[str, list[str]],
) -> Proposal:
    """One row's match, with the organizer's choice for an ambiguous row and the partner it names."""
    proposal = match_person(data, row, people, emails)
    if proposal.match == "ambiguous" and row.line in choices:
        chosen = choices[row.line]
        if chosen is not None and chosen in proposal.candidates:
            proposal = Proposal(row, "exact", chosen, None, chosen=True)
    if row.organization:
        proposal.partner, proposal.partner_match = match_partner(data, row.organization, partners)
    if proposal.partner is None and proposal.person is not None:
        person = data.records.get(proposal.person)
        if isinstance(person, Person) and person.affiliation:
            proposal.partner, proposal.partner_match = person.affiliation, "affiliation"
    return proposal


def _new_people(data: DataSet, proposals: list[Proposal]) -> list[Draft]:
    """New people for the rows that match no one, each id free among the others made here.

    Each is checked against the data as loaded, not against it and every person made before it:
    that grew with the sheet, and 100,000 new names took minutes. Rows with the same name are
    duplicates already (:func:`plan`); different names with the same id get ``-2``, ``-3``...
    """
    new_people: list[Draft] = []
    claimed: set[str] = set()
    for proposal in proposals:
        if proposal.match != "new":
            continue
        row = proposal.row
        draft = new_person(
            data,
            row.name,
            affiliation=proposal.partner,
            languages=language_codes(row.language),
            email=row.email,
            phone=row.phone,
        )
        if draft.record.id in claimed:
            record_id = free_id(data, RecordKind.people, draft.record.id, claimed=claimed)
            record = draft.record.model_copy(update={"id": record_id})
            draft = replace(draft, record=record, path=record_path(data.root, RecordKind.people, record_id))
        claimed.add(draft.record.id)
        proposal.person = draft.record.id
        new_people.append(draft)
    return new_people


@dataclass
class Applied:
    engagement_path: Path
    created: list[Path]
    engagement: Record


def apply(data: DataSet, plan: Plan) -> Applied:
    """Write the new people, then add people, partners and the headcount to the engagement.

    The engagement's edit is checked before anything is written; it changes only
    the lines of those fields.
    """
    kind = RecordKind.engagements
    edits = [
        patch.add_refs(kind, "partners", plan.add_partners),
        patch.add_refs(kind, "people", plan.add_people),
    ]
    if plan.headcount is not None:
        edits.append(patch.set_value(kind, "headcount", plan.headcount))
    created = [write(data, draft)[0] for draft in plan.new_people]
    if created:
        data = replace(
            data,
            records={**data.records, **{d.record.id: d.record for d in plan.new_people}},
            paths={**data.paths, **{d.record.id: p for d, p in zip(plan.new_people, created, strict=True)}},
        )
    record = apply_change(data, plan.engagement, patch.combine(*edits))
    return Applied(data.path_of(plan.engagement.id), created, record)
