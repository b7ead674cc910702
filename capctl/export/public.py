"""What a public export publishes of people: only those who may be named (see ``Person.named_in_public``).

The others are left out of the people table and of every reference to them, and counted instead
(``engagement_people_withheld``: how many members of each partner, or community members, were there);
their names, and every person's email, phone and address, are withheld wherever free text or an id
repeats them (:class:`capctl.report.redact.Redactor`).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from capctl.models.records import Engagement, Person, Testimony
from capctl.report.redact import Redactor
from capctl.store.dataset import DataSet


def withheld_ids(data: DataSet) -> dict[str, str]:
    """Public ids for testimonies without public consent, numbered as the public report numbers
    them: their own ids often name the speaker."""
    private = sorted((t for t in data.typed(Testimony) if not t.public), key=lambda t: (t.date, t.id))
    return {t.id: f"testimony-withheld-{i}" for i, t in enumerate(private, 1)}


class Publisher:
    """Turns the values of one data set into what a public export may carry."""

    def __init__(self, data: DataSet) -> None:
        self.data = data
        self.redactor = Redactor([data])
        self.hidden = {p.id for p in data.typed(Person) if not p.named_in_public}
        self.testimonies = withheld_ids(data)
        self.ids: dict[str, str] = {}
        taken: set[str] = set()
        for record_id in sorted(data.records):
            if record_id in self.hidden:
                continue
            public = self.redactor.slug(record_id)
            n = 1
            while public in taken:  # two ids differing only in a withheld name stay two ids
                n += 1
                public = f"{self.redactor.slug(record_id)}-{n}"
            taken.add(public)
            if public != record_id:
                self.ids[record_id] = public

    def shown(self, record_id: str) -> bool:
        """Whether the record has a row of its own: not a person who may not be named."""
        return record_id not in self.hidden

    def value(self, value: Any) -> Any:
        """``value`` as published: a reference to a person who may not be named is None (left out of a
        list), another id its public id, free text with names and contacts withheld."""
        if isinstance(value, str):
            if value in self.hidden:
                return None
            return self.ids.get(value) or self.redactor.text(value)
        if isinstance(value, list):
            return [v for v in (self.value(item) for item in value) if v is not None]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return value

    def withheld(self, engagement: Engagement) -> list[tuple[str | None, int]]:
        """The people of ``engagement`` who may not be named: how many of each partner (None: of none)."""
        counts: Counter[str | None] = Counter()
        for person_id in dict.fromkeys(engagement.people):
            person = self.data.records.get(person_id)
            if isinstance(person, Person) and person.id in self.hidden:
                partner = person.affiliation if person.affiliation in self.data.records else None
                counts[partner] += 1
        return sorted(counts.items(), key=lambda item: (item[0] is None, item[0] or ""))
