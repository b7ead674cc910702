"""Sign-in sheets matched to people and partners, and applied to an engagement.

A row is applied only when its person is sure: the same email, id, name or alias, or a name whose given
and family names both agree (:mod:`capctl.query.names`). A row that matches several records, only through a
nickname, an initial or a spelling, or that gives one word, is applied only as the organizer decided; an
organization names a partner only by whole words. Applying the same sheet twice changes nothing.
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
from capctl.query.names import PartnerIndex, PeopleIndex, one_word, tokens
from capctl.store.dataset import DataSet, with_records
from capctl.store.files import record_path
from capctl.vocab import RecordKind

# --- matching --------------------------------------------------------------

CREATE = "+create"
"""A choice for a row: add the name as a new person (the organizer decided, with or without --create)."""

UNCERTAIN = ("likely", "ambiguous", "one word")
"""Matches a person decides: never applied unless chosen."""


@dataclass
class Proposal:
    """What one row of the sheet is taken to be."""

    row: SheetRow
    match: str
    """``exact`` (email, id, name or alias), ``name`` (given and family name agree), ``likely`` (a nickname,
    an initial or a spelling), ``ambiguous`` (several people), ``one word`` (a given name alone), ``new``,
    ``duplicate``, ``chosen``, ``create`` or ``skipped`` (the organizer's decisions)."""
    person: str | None = None
    """The person or official (id) the row is, or the new person's id."""
    why: str | None = None
    candidates: list[str] = field(default_factory=list)
    partner: str | None = None
    partner_match: str | None = None
    """How the organization matched: ``name``, ``alias`` or ``words`` (whole words), ``affiliation`` (the
    person's), or ``text`` (kept as written, not linked)."""
    duplicate_of: int | None = None

    @property
    def uncertain(self) -> bool:
        return self.match in UNCERTAIN

    @property
    def applied(self) -> bool:
        return self.person is not None and self.match in ("exact", "name", "chosen", "new", "create")

    def describe(self) -> str:
        if self.match in ("name", "likely") and self.why:
            return f"{self.match}: {self.why}"
        if self.match in ("ambiguous", "one word"):
            return f"{self.match}: {', '.join(self.candidates)}" if self.candidates else self.match
        if self.match == "duplicate":
            return f"duplicate of line {self.duplicate_of}"
        if self.match == "new" and self.person is not None:
            return "new: create"
        return self.match

    def as_dict(self) -> dict[str, object]:
        return {
            "line": self.row.line,
            "name": self.row.name,
            "organization": self.row.organization,
            "match": self.match,
            "why": self.why,
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
    data: DataSet, row: SheetRow, index: PeopleIndex | None = None, emails: dict[str, list[str]] | None = None
) -> Proposal:
    """Who a row is: by email, id, name or alias; else a person whose given and family names both
    agree (see :mod:`capctl.query.names`); anything less sure is left for the organizer. ``emails``:
    :func:`email_index`, made once for a whole sheet."""
    index = index or PeopleIndex(data)
    if row.email:
        by_email = (emails if emails is not None else email_index(data)).get(row.email.casefold(), [])
        if len(by_email) == 1:
            return Proposal(row, "exact", by_email[0], "email")
    exact = index.exact(row.name)
    if len(exact) == 1:
        return Proposal(row, "exact", exact[0].id)
    if exact:
        return Proposal(row, "ambiguous", candidates=[r.id for r in exact])
    like = index.like(row.name)
    sure = [c for c in like if c.match.sure]
    if len(sure) == 1:
        return Proposal(row, "name", sure[0].record.id, sure[0].match.why)
    if sure:
        return Proposal(row, "ambiguous", candidates=[c.record.id for c in sure])
    if like:
        whys = ", ".join(dict.fromkeys(c.match.why for c in like))
        return Proposal(row, "likely", why=whys, candidates=[c.record.id for c in like])
    if one_word(row.name):
        return Proposal(row, "one word", candidates=[r.id for r in index.given_only(row.name)])
    return Proposal(row, "new")


def match_partner(data: DataSet, organization: str, index: PartnerIndex | None = None) -> tuple[str | None, str]:
    """The partner an organization cell names, and how (see :class:`PartnerIndex`); ``text`` when none."""
    return (index or PartnerIndex(data)).find(organization)


@dataclass
class Plan:
    """What importing a sheet would change."""

    engagement: Engagement
    sheet: Sheet
    proposals: list[Proposal]
    new_people: list[Draft]
    add_people: list[str]
    add_officials: list[str]
    add_partners: list[str]
    headcount: int | None
    """The new headcount, or None when it stays."""

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new_people or self.add_people or self.add_officials or self.add_partners or self.headcount is not None
        )

    @property
    def uncertain(self) -> list[Proposal]:
        """Rows left for the organizer to decide."""
        return [p for p in self.proposals if p.uncertain]

    def skipped(self) -> list[tuple[Proposal, str]]:
        """Rows that add no one, and why."""
        found = []
        for p in self.proposals:
            if p.applied:
                continue
            if p.match == "duplicate":
                why = f"the same person as line {p.duplicate_of}"
            elif p.match == "skipped":
                why = "skipped when asked"
            elif p.match == "new":
                why = "no one of that name; --create adds them as a new person"
            elif p.match == "one word":
                why = "only one name given; a given and a family name are needed" + _maybe(p)
            elif p.match == "ambiguous":
                why = f"several people match ({', '.join(p.candidates)}); choose one in a terminal"
            else:
                why = f"not sure ({p.why}{_maybe(p)}); decide in a terminal, or write the id in the name column"
            found.append((p, why))
        return found


def _maybe(p: Proposal) -> str:
    return f"; maybe {', '.join(p.candidates)}" if p.candidates and p.match != "ambiguous" else ""


def plan(
    data: DataSet,
    engagement: Engagement,
    sheet: Sheet,
    create: bool = False,
    choices: dict[int, str | None] | None = None,
    tick: Callable[[], None] | None = None,
) -> Plan:
    """Match every row and work out what the engagement gains.

    ``choices`` maps a line of the sheet to the organizer's decision for it: the id
    of a person or official, :data:`CREATE` (a new person) or None (skip it). With
    ``create``, rows matching no one become new people.
    """
    choices = choices or {}
    people, partners = PeopleIndex(data), PartnerIndex(data)
    emails = email_index(data)
    proposals: list[Proposal] = []
    first_line: dict[str, int] = {}
    for row in sheet.rows:
        proposal = _propose(data, row, people, partners, choices, emails)
        key = proposal.person or f"name:{' '.join(sorted(tokens(row.name)))}"
        if key in first_line and proposal.match != "skipped":
            proposal = replace(proposal, match="duplicate", duplicate_of=first_line[key], why=None)
        else:
            first_line.setdefault(key, row.line)
        proposals.append(proposal)
        if tick is not None:
            tick()
    new_people = _new_people(data, proposals, create)
    applied = [p.person for p in proposals if p.applied and p.person is not None]
    officials = [i for i in applied if i in data.records and data.records[i].collection is RecordKind.officials]
    attendees = len([p for p in proposals if p.match != "duplicate"])
    headcount = attendees if attendees > (engagement.headcount or 0) else None
    partner_ids = [p.partner for p in proposals if p.partner is not None and (p.applied or p.match == "new")]
    return Plan(
        engagement=engagement,
        sheet=sheet,
        proposals=proposals,
        new_people=new_people,
        add_people=[i for i in dict.fromkeys(applied) if i not in officials and i not in engagement.people],
        add_officials=[i for i in dict.fromkeys(officials) if i not in engagement.officials],
        add_partners=[i for i in dict.fromkeys(partner_ids) if i not in engagement.partners],
        headcount=headcount,
    )


def _propose(
    data: DataSet,
    row: SheetRow,
    people: PeopleIndex,
    partners: PartnerIndex,
    choices: dict[int, str | None],
    emails: dict[str, list[str]],
) -> Proposal:
    """One row's match, with the organizer's decision for it and the partner it names."""
    proposal = match_person(data, row, people, emails)
    if row.line in choices:
        chosen = choices[row.line]
        if chosen is None:
            proposal = Proposal(row, "skipped", candidates=proposal.candidates)
        elif chosen == CREATE:
            proposal = Proposal(row, "create")
        elif chosen in data.records:
            proposal = Proposal(row, "chosen", chosen)
    if row.organization:
        proposal.partner, proposal.partner_match = partners.find(row.organization)
    if proposal.partner is None and proposal.person is not None:
        person = data.records.get(proposal.person)
        if isinstance(person, Person) and person.affiliation:
            proposal.partner, proposal.partner_match = person.affiliation, "affiliation"
    return proposal


def _new_people(data: DataSet, proposals: list[Proposal], create: bool) -> list[Draft]:
    """New people for the rows that match no one (with ``create``) or that the organizer chose to add.

    Each is checked against the data as loaded, not against it and every person made before it:
    that grew with the sheet, and 100,000 new names took minutes. Rows with the same name are
    duplicates already (:func:`plan`); different names with the same id get ``-2``, ``-3``...
    """
    new_people: list[Draft] = []
    claimed: set[str] = set()
    for proposal in proposals:
        if not (proposal.match == "create" or (create and proposal.match == "new")):
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
        patch.add_refs(kind, "officials", plan.add_officials),
        patch.add_refs(kind, "people", plan.add_people),
    ]
    if plan.headcount is not None:
        edits.append(patch.set_value(kind, "headcount", plan.headcount))
    created = [write(data, draft)[0] for draft in plan.new_people]
    if created:
        data = replace(
            data,
            records=with_records(data.records, *(d.record for d in plan.new_people)),
            paths={**data.paths, **{d.record.id: p for d, p in zip(plan.new_people, created, strict=True)}},
        )
    record = apply_change(data, plan.engagement, patch.combine(*edits))
    return Applied(data.path_of(plan.engagement.id), created, record)
