"""Reading Open States person files (their YAML format) into plain values."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capctl.problems import CapctlError, Problem
from capctl.store import files as store_files
from capctl.vocab import Severity
from capctl.yaml import roundtrip, safe

SUFFIXES = (".yml", ".yaml")
PERSON_PREFIX = "ocd-person/"
JURISDICTIONS_FILE = "municipalities.yml"
"""Open States' list of city jurisdictions (``name`` and ``id``), used for a mayor's city name."""

Progress = Callable[[int, int], None]
"""Told (files read, files in all) as the files are read."""


# --- reading -------------------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    type: str
    jurisdiction: str
    district: str | None
    start: dt.date | None
    end: dt.date | None


@dataclass
class Person:
    """One Open States person file, read and checked for the fields the import uses."""

    path: Path
    openstates_id: str
    name: str
    roles: list[Role]
    party: str | None
    email: str | None
    other_names: list[str]
    offices: list[dict[str, str]]
    links: list[str]


class BadFile(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def person_files(folder: Path) -> list[Path]:
    """Every person file under ``folder``, searched recursively (Open States keeps one a person)."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.suffix in SUFFIXES and p.is_file() and p.name != JURISDICTIONS_FILE and not p.name.startswith(".")
    )


def read_folder(folder: Path, progress: Progress | None = None) -> tuple[list[Person], list[Problem]]:
    """Every person under ``folder``, and a problem for each file that is not a readable person."""
    if not folder.is_dir():
        raise CapctlError(f"--openstates: '{folder}' is not a folder")
    files = person_files(folder)
    people: list[Person] = []
    problems: list[Problem] = []
    for done, path in enumerate(files, 1):
        try:
            people.append(read_person(path))
        except BadFile as exc:
            problems.append(Problem(str(path), exc.line, Severity.error, exc.message))
        if progress is not None:
            progress(done, len(files))
    seen: dict[str, Path] = {}
    for person in people:
        if person.openstates_id in seen:
            problems.append(
                Problem(
                    str(person.path),
                    None,
                    Severity.error,
                    f"{person.openstates_id} is also in {seen[person.openstates_id]}",
                )
            )
        seen.setdefault(person.openstates_id, person.path)
    return people, problems


def read_person(path: Path) -> Person:
    """One person file, parsed with the safe loader; :class:`BadFile` says what is wrong."""
    try:
        text = store_files.read_text(path)
        mapping = store_files.parse_mapping(text)
    except safe.YamlSyntaxError as exc:
        raise BadFile(exc.message, exc.line) from None
    except OSError as exc:
        raise BadFile(f"cannot read: {exc.strerror}") from None

    def line(*loc: str | int) -> int | None:
        return roundtrip.line_of(text, list(loc))

    openstates_id = mapping.get("id")
    if not isinstance(openstates_id, str) or not openstates_id.startswith(PERSON_PREFIX):
        raise BadFile(f"id: an Open States person id starts with {PERSON_PREFIX}", line("id") or 1)
    name = mapping.get("name")
    if not isinstance(name, str) or not name.strip():
        raise BadFile("name: every person has a name", line("name") or 1)
    parties = [p for p in _list(mapping, "party", line) if isinstance(p, dict) and p.get("name")]
    current_party = [p for p in parties if not p.get("end_date")] or parties
    email = mapping.get("email")
    return Person(
        path=path,
        openstates_id=openstates_id,
        name=" ".join(name.split()),
        roles=[_role(role, i, line) for i, role in enumerate(_list(mapping, "roles", line))],
        party=str(current_party[-1]["name"]) if current_party else None,
        email=str(email) if email else None,
        other_names=[
            " ".join(str(o["name"]).split())
            for o in _list(mapping, "other_names", line)
            if isinstance(o, dict) and o.get("name")
        ],
        offices=[_office(office) for office in _list(mapping, "offices", line) if isinstance(office, dict)],
        links=[str(u["url"]) for u in _list(mapping, "links", line) if isinstance(u, dict) and u.get("url")],
    )


def _role(role: Any, i: int, line: Callable[..., int | None]) -> Role:
    if not isinstance(role, dict) or not isinstance(role.get("type"), str):
        raise BadFile("roles: each role is a mapping with a type", line("roles", i))
    dates = []
    for key, first in (("start_date", True), ("end_date", False)):
        try:
            dates.append(partial_date(role.get(key), first=first))
        except BadFile as exc:
            # The line is looked up only now: finding it parses the file again, with positions.
            raise BadFile(exc.message, line("roles", i, key)) from None
    return Role(
        type=role["type"],
        jurisdiction=str(role.get("jurisdiction") or ""),
        district=None if role.get("district") in (None, "") else str(role["district"]),
        start=dates[0],
        end=dates[1],
    )


def _office(office: dict[str, Any]) -> dict[str, str]:
    entry = {"classification": str(office.get("classification") or "office")}
    for theirs, ours in (("address", "address"), ("voice", "phone"), ("fax", "fax")):
        if office.get(theirs):
            entry[ours] = " ".join(str(office[theirs]).split())
    return entry


def _list(mapping: dict[str, Any], key: str, line: Callable[..., int | None]) -> list[Any]:
    value = mapping.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadFile(f"{key}: expected a list", line(key))
    return value


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def partial_date(value: Any, first: bool) -> dt.date | None:
    """An Open States date: full (``2019-05-03``), or partial (``2019``, ``2019-05``), quoted or not.

    A partial date stands for its first day when it starts something (``first``)
    and its last day when it ends something, so that a role ending "2019" is current
    through December.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _PARTIAL.match(str(value).strip())
    if match is None:
        raise BadFile(f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if month is None:
            return dt.date(year, 1, 1) if first else dt.date(year, 12, 31)
        if day is None:
            m = int(month)
            return dt.date(year, m, 1) if first else dt.date(year, m, calendar.monthrange(year, m)[1])
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise BadFile(f"impossible date {value}") from None


def jurisdiction_names(folder: Path) -> dict[str, str]:
    """City names by jurisdiction id, from every ``municipalities.yml`` under ``folder``."""
    names: dict[str, str] = {}
    for path in sorted(folder.rglob(JURISDICTIONS_FILE)):
        try:
            entries = safe.load_safe(store_files.read_text(path))
        except (OSError, safe.YamlSyntaxError):
            continue
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str) and isinstance(entry.get("name"), str):
                names[entry["id"]] = entry["name"]
    return names


# --- mapping a person to an official ---------------------------------------------------


def current_role(person: Person, day: dt.date) -> Role | None:
    """The role the person holds on ``day`` (the latest begun when several); None when none."""
    current = [r for r in person.roles if (r.start is None or r.start <= day) and (r.end is None or r.end >= day)]
    return max(current, key=lambda r: r.start or dt.date.min) if current else None


def last_role(person: Person) -> Role | None:
    """The role that ended last (for people without a current role)."""
    return max(person.roles, key=lambda r: (r.end or dt.date.max, r.start or dt.date.min), default=None)
