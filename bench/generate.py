"""A synthetic chapter shaped like the real data, for benchmarks.

    .venv/bin/python bench/generate.py SIZE OUT_DIR [--seed N]

SIZE is S (1,000 engagements, 200 partners, 100 officials), M (10,000 / 1,000 / 300)
or L (50,000 / 3,000 / 1,000). Every kind of record is there with realistic field
sizes: people (partner contacts and officials' staff, with personal fields),
engagements over ten years with references, follow-ups and notes, partners with
status histories, testimonies with consent, priorities with strategies and
positions, resources in several languages; names are often not ASCII. The same
SIZE and seed always give the same files, byte for byte.

Files are written in capctl's canonical form (the schema comment, then block YAML,
two-space indents), by a small emitter here: ruamel's dumper would take minutes at L.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from capctl.store.chapter import template  # noqa: E402
from capctl.store.write import schema_comment  # noqa: E402
from capctl.vocab import RecordKind  # noqa: E402


@dataclass(frozen=True)
class Size:
    engagements: int
    partners: int
    officials: int

    @property
    def people(self) -> int:
        # one or two contacts per partner, one or two staffers per official, a few members
        return self.partners + self.officials + self.partners // 2

    @property
    def testimonies(self) -> int:
        return max(self.engagements // 50, 5)

    @property
    def priorities(self) -> int:
        return max(self.partners // 50, 6)

    @property
    def resources(self) -> int:
        return max(self.partners // 20, 8)


SIZES = {
    "S": Size(engagements=1_000, partners=200, officials=100),
    "M": Size(engagements=10_000, partners=1_000, officials=300),
    "L": Size(engagements=50_000, partners=3_000, officials=1_000),
}
FIRST_DAY = dt.date(2008, 1, 1)
LAST_DAY = dt.date(2017, 12, 31)
"""Ten years of activity, ending with the 2017 grant period of the shipped metrics.yaml."""

FIRST = [
    "María", "José", "Ana", "Luis", "Rosa", "Jon", "Min-jun", "Ji-woo", "Aram", "Anahit", "Mai", "Thảo",
    "Nguyễn", "Sofía", "Tomás", "Grace", "David", "Keisha", "Terrence", "Wei", "Xiu", "Raúl", "Inés", "Lorena",
]  # fmt: skip
LAST = [
    "Martínez", "Cruz", "Lee", "Kim", "Park", "Sargsyan", "Hovhannisyan", "Nguyễn", "Trần", "Pérez", "López",
    "Díaz", "Ramos", "Chen", "Wang", "Robinson", "Moore", "Ochoa", "Villaseñor", "Castellano", "Holloway",
]  # fmt: skip
ORG_WORDS = [
    "Tenants", "Workers", "Parents", "Food Bank", "Congregations", "Caregivers", "Promotoras", "Youth",
    "Health Center", "Legal Aid", "Mutual Aid", "Community Council", "Asociación", "Koreatown", "Barrio",
]  # fmt: skip
PLACES = [
    "East LA", "Boyle Heights", "El Monte", "Pomona", "Compton", "Inglewood", "Long Beach", "Pasadena",
    "Glendale", "Koreatown", "Chinatown", "Pacoima", "Lancaster", "Santa Clarita", "Whittier", "Carson",
]  # fmt: skip
OFFICES = [
    ("LA County Board of Supervisors", "county"),
    ("Los Angeles City Council", "city"),
    ("California State Assembly", "state"),
    ("California State Senate", "state"),
    ("US House of Representatives", "federal"),
]
TOPICS = ["budget", "organizing", "policy", "media", "leadership", "language-access", "other"]
KINDS = ["one-on-one", "call", "chapter-meeting", "training", "hearing", "lobby-day", "action", "forum", "other"]
KIND_WEIGHTS = [30, 25, 8, 10, 5, 3, 5, 5, 9]
LANGUAGES = ["en", "es", "zh", "ko", "tl", "hy", "vi"]
TAGS = ["housing", "food", "general-relief", "poverty-hearing", "calfresh", "measure-h", "youth", "caregivers"]
SENTENCES = [
    "Talked about General Relief caseloads and the county budget timeline.",
    "She asked for numbers on CalFresh enrollment in the district.",
    "Hablamos de la audiencia sobre la pobreza y de cómo llevar a más familias.",
    "The office wants stories from caregivers before the budget vote.",
    "We agreed to bring three members to the next hearing.",
    "예산 교육은 한국어로 진행되었습니다.",
    "Follow up with the deputy on language access at the county offices.",
    "Mga miyembro ay nagbahagi ng kanilang karanasan sa pabahay.",
    "Նրանք խոսեցին բնակարանային ծրագրերի մասին։",
    "Long discussion on the motion; the staffer will check with the supervisor.",
]

_PLAIN = re.compile(r"^[A-Za-z\u00c0-\uffff][^:#\n'\"{}\[\],&*!|>%@`]*$")
_LOOKS_TYPED = re.compile(r"^(\d[\d:.\-]*|true|false|yes|no|on|off|null|~)$", re.IGNORECASE)


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and not _LOOKS_TYPED.match(text) and text == text.strip() and ": " not in text:
        return text
    if "'" not in text and "\n" not in text:
        return f"'{text}'"
    return json.dumps(text, ensure_ascii=False)


def emit(value: dict[str, Any], indent: str = "") -> list[str]:
    """Block YAML as capctl's canonical form writes it: mappings by two, sequences at offset two."""
    lines: list[str] = []
    for key, item in value.items():
        if item is None or item == [] or item == {}:
            continue
        if isinstance(item, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(emit(item, indent + "  "))
        elif isinstance(item, list):
            lines.append(f"{indent}{key}:")
            for element in item:
                if isinstance(element, dict):
                    nested = emit(element, indent + "    ")
                    lines.append(f"{indent}  - {nested[0].lstrip()}")
                    lines.extend(nested[1:])
                else:
                    lines.append(f"{indent}  - {scalar(element)}")
        elif isinstance(item, str) and "\n" in item:
            lines.append(f"{indent}{key}: |")
            lines.extend(f"{indent}  {line}" if line else "" for line in item.rstrip("\n").split("\n"))
        else:
            lines.append(f"{indent}{key}: {scalar(item)}")
    return lines


class Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0

    def write(self, kind: RecordKind, record_id: str, fields: dict[str, Any], year: int | None = None) -> None:
        folder = self.root / kind.value / (f"{year:04d}" if year is not None else "")
        folder.mkdir(parents=True, exist_ok=True)
        text = "\n".join([f"# {schema_comment(kind)}", *emit(fields)]) + "\n"
        (folder / f"{record_id}.yaml").write_text(text, encoding="utf-8")
        self.count += 1


def slug(text: str) -> str:
    from capctl.text import slugify

    return slugify(text)


def generate(out: Path, size: Size, seed: int = 2017) -> int:
    """Write the chapter into ``out`` (which must not hold one yet); the number of record files."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    (out / "capctl.yaml").write_text(template("capctl.yaml"), encoding="utf-8")
    (out / "metrics.yaml").write_text(template("metrics.yaml"), encoding="utf-8")
    writer = Writer(out)
    span = (LAST_DAY - FIRST_DAY).days

    def day(after: dt.date = FIRST_DAY, within: int | None = None) -> dt.date:
        room = (LAST_DAY - after).days if within is None else min(within, (LAST_DAY - after).days)
        return after + dt.timedelta(days=rng.randint(0, max(room, 0)))

    names: set[str] = set()

    def person_name() -> str:
        # a few shared names would be realistic, but each is a warning in `capctl check`
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        while name in names:
            name = f"{rng.choice(FIRST)} {chr(rng.randint(65, 90))}. {rng.choice(LAST)}"
            if name in names:
                name = f"{name} {len(names)}"
        names.add(name)
        return name

    def sentences(low: int, high: int) -> str:
        return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(low, high)))

    partners = [f"partner-{i:05d}" for i in range(size.partners)]
    officials = [f"official-{i:04d}" for i in range(size.officials)]
    people = [f"person-{i:05d}" for i in range(size.people)]
    priorities = [f"priority-{i:03d}" for i in range(size.priorities)]
    contact_of = {partner: people[i] for i, partner in enumerate(partners)}
    staff_of = {official: people[size.partners + i] for i, official in enumerate(officials)}

    for i, pid in enumerate(partners):
        place, word = rng.choice(PLACES), rng.choice(ORG_WORDS)
        name = f"{place} {word} {i}"
        start = day(within=span - 400)
        history: list[dict[str, Any]] = [{"status": "prospect", "date": start}]
        for status in ("invited", "core", "former"):
            if rng.random() < (0.35 if status == "former" else 0.7):
                start = day(start + dt.timedelta(days=1), within=400)
                history.append({"status": status, "date": start, "note": sentences(0, 1) or None})
            else:
                break
        fields = {
            "name": name,
            "aliases": ["".join(w[0] for w in name.split() if w[0].isalpha()).upper()] if rng.random() < 0.3 else [],
            "status_history": history,
            "districts": sorted(rng.sample(["sd1", "sd2", "sd3", "sd4", "sd5"], rng.randint(1, 2))),
            "languages": sorted(rng.sample(LANGUAGES, rng.randint(1, 3))),
            "contacts": [contact_of[pid]],
            "website": f"https://{slug(name)}.example.org" if rng.random() < 0.5 else None,
            "tags": sorted(rng.sample(TAGS, rng.randint(0, 2))),
            "notes": sentences(0, 3) or None,
        }
        writer.write(RecordKind.partners, pid, fields)

    for i, oid in enumerate(officials):
        office, level = rng.choice(OFFICES)
        term_start = day(within=span - 800)
        fields = {
            "name": person_name(),
            "aliases": [f"Supervisor {rng.choice(LAST)}"] if level == "county" else [],
            "office": office,
            "level": level,
            "district": str(i % 80 + 1),
            "party": rng.choice(["Democratic", "Republican", "No party preference"]),
            "term_start": term_start,
            "term_end": term_start + dt.timedelta(days=4 * 365),
            "email": f"district{i}@example.net",
            "offices": [
                {
                    "classification": "capitol",
                    "address": f"{rng.randint(100, 999)} W. Temple St., Los Angeles, CA 90012, Room {i}",
                    "phone": f"213-555-{i % 10_000:04d}",
                }
            ],
            "links": [f"https://example.gov/officials/{oid}"],
            "openstates_id": f"ocd-person/{rng.getrandbits(128):032x}" if level == "state" else None,
        }
        writer.write(RecordKind.officials, oid, fields)

    for i, person in enumerate(people):
        fields = {
            "name": person_name(),
            "affiliation": partners[i] if i < size.partners else None,
            "works_for": officials[i - size.partners] if size.partners <= i < size.partners + size.officials else None,
            "title": rng.choice(["Chief of Staff", "Field Deputy", "Organizer", "Member", None]),
            "languages": sorted(rng.sample(LANGUAGES, rng.randint(1, 2))),
            "email": f"p{i}@example.org" if rng.random() < 0.7 else None,
            "phone": f"323-555-{i % 10_000:04d}" if rng.random() < 0.5 else None,
            "tags": sorted(rng.sample(TAGS, rng.randint(0, 1))),
        }
        writer.write(RecordKind.people, person, fields)

    for i, pid in enumerate(priorities):
        fields = {
            "title": f"{rng.choice(['Protect', 'Expand', 'Fund'])} {rng.choice(TAGS).replace('-', ' ')} ({i})",
            "identified": day(within=span - 200),
            "status": rng.choice(["proposed", "active", "active", "won", "dropped"]),
            "description": sentences(1, 4),
            "strategies": [
                {"summary": sentences(1, 1), "partners": sorted(rng.sample(partners, rng.randint(0, 3)))}
                for _ in range(rng.randint(1, 3))
            ],
            "positions": [
                {"official": official, "stance": rng.choice(["support", "oppose", "undecided"]), "date": day()}
                for official in sorted(rng.sample(officials, rng.randint(0, 5)))
            ],
            "tags": sorted(rng.sample(TAGS, rng.randint(0, 2))),
        }
        writer.write(RecordKind.priorities, pid, fields)

    for i in range(size.resources):
        title = f"{rng.choice(['County budget 101', 'Know your rights', 'CalFresh guide', 'Hearing toolkit'])} {i}"
        fields = {
            "title": title,
            "kind": rng.choice(["presentation", "factsheet", "toolkit", "video", "other"]),
            "topic": rng.choice(TOPICS),
            "languages": sorted(rng.sample(LANGUAGES, rng.randint(1, 4))),
            "date": day(),
            "link": f"https://example.org/resources/{slug(title)}",
        }
        writer.write(RecordKind.resources, f"resource-{i:04d}-{slug(title)}", fields)

    taken: set[str] = set()
    for i in range(size.engagements):
        when = day()
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        met = sorted(rng.sample(officials, 1)) if kind in ("one-on-one", "hearing", "lobby-day") else []
        title = f"{kind.replace('-', ' ').capitalize()} in {rng.choice(PLACES)} {i}"
        record_id = f"{when}-{slug(title)}"[:80].rstrip("-")
        while record_id in taken:
            record_id = f"{record_id[:76]}-{rng.randint(10, 99)}"
        taken.add(record_id)
        # Old promises get kept or closed; only the last months' are still open.
        age = (LAST_DAY - when).days
        still_open = 0.25 if age < 60 else 0.03 if age < 365 else 0.0
        follow_ups = [
            {
                "task": sentences(1, 1),
                "owner": rng.choice(people),
                "due": when + dt.timedelta(days=rng.randint(3, 30)),
                "done": None if rng.random() < still_open else when + dt.timedelta(days=rng.randint(1, 40)),
            }
            for _ in range(rng.choice([0, 0, 1, 1, 2, 3]))
        ]
        fields = {
            "date": when,
            "kind": kind,
            "topic": rng.choice(TOPICS) if kind in ("training", "forum", "hearing") else None,
            "title": title,
            "location": f"{rng.choice(PLACES)} Library" if rng.random() < 0.4 else None,
            "district": f"sd{rng.randint(1, 5)}",
            "partners": sorted(rng.sample(partners, rng.randint(0, 4))),
            "officials": met,
            "people": sorted({staff_of[o] for o in met} | set(rng.sample(people, rng.randint(0, 3)))),
            "headcount": rng.randint(5, 200) if kind in ("chapter-meeting", "training", "forum", "action") else None,
            "languages": sorted(rng.sample(LANGUAGES, rng.randint(0, 2))),
            "priorities": sorted(rng.sample(priorities, rng.randint(0, 2))),
            "tags": ["poverty-hearing"] if kind == "hearing" and rng.random() < 0.5 else [],
            "notes": sentences(1, 5) if rng.random() < 0.8 else None,
            "follow_ups": follow_ups,
        }
        writer.write(RecordKind.engagements, record_id, fields, year=when.year)

    for i in range(size.testimonies):
        when = day()
        scope = rng.choice(["public", "internal", "none"])
        fields = {
            "person": rng.choice(people[size.partners + size.officials :] or people),
            "partner": rng.choice(partners),
            "date": when,
            "language": rng.choice(LANGUAGES),
            "title": f"Testimony {i}: {rng.choice(TAGS).replace('-', ' ')}",
            "consent": {"scope": scope, "date": when},
            "text": "\n".join(sentences(2, 4) for _ in range(rng.randint(2, 5))) + "\n",
            "tags": sorted(rng.sample(TAGS, rng.randint(0, 2))),
        }
        writer.write(RecordKind.testimonies, f"testimony-{i:05d}", fields)
    return writer.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", choices=sorted(SIZES), metavar="SIZE", help="S, M or L")
    parser.add_argument("out", type=Path, metavar="OUT_DIR", help="a folder that does not exist yet")
    parser.add_argument("--seed", type=int, default=2017)
    options = parser.parse_args()
    if options.out.exists() and any(options.out.iterdir()):
        parser.error(f"{options.out} is not empty")
    count = generate(options.out, SIZES[options.size], options.seed)
    print(f"wrote {count:,} record files to {options.out}")


if __name__ == "__main__":
    main()
