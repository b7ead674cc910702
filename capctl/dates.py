"""Today's date (overridable for reproducible runs), dates as people type them, and the years capctl works in."""

from __future__ import annotations

import datetime as dt
import os
import re

from capctl.problems import CapctlError

TODAY_ENV = "CAPCTL_TODAY"

EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2200, 12, 31)
"""The calendar capctl works in. Every date it reads (typed, in ``CAPCTL_TODAY`` or in a file) is within
it, so that no arithmetic on dates (a year back, a year ahead, the previous grant period) leaves the years
Python's dates can hold."""

RANGE_WORDS = f"between {EARLIEST.year} and {LATEST.year}"


def in_range(day: dt.date) -> bool:
    return EARLIEST <= day <= LATEST


def check_range(day: dt.date) -> dt.date:
    """``day`` if it is in capctl's calendar; ValueError otherwise (the models' validator)."""
    if not in_range(day):
        raise ValueError(f"{day.isoformat()} is not {RANGE_WORDS}")
    return day


def today() -> dt.date:
    """Today, or ``CAPCTL_TODAY`` when set, so that runs can be reproduced."""
    value = os.environ.get(TODAY_ENV)
    if not value:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CapctlError(f"{TODAY_ENV}={value!r} is not a date: use YYYY-MM-DD") from None
    if not in_range(day):
        raise CapctlError(f"{TODAY_ENV}={value!r} is not {RANGE_WORDS}")
    return day


WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
DATE_FORMS = "YYYY-MM-DD, M/D/YYYY, today, yesterday, last tuesday or next friday"
"""What :func:`parse_date` takes, as an error message lists it."""


def parse_date(text: str, what: str = "date") -> dt.date:
    """A date as people type it: ``2017-09-05`` or ``2017-9-5``, the US ``3/5/2017`` (March 5), ``today``,
    ``yesterday``, ``tomorrow``, ``3 days ago``, a weekday (the last one, today included), ``last tuesday``
    (before today) or ``next friday`` (after today)."""
    found = _date(" ".join(text.strip().lower().split()))
    if found is None:
        raise CapctlError(f"{what}: {text!r} is not a date: use {DATE_FORMS}")
    if not in_range(found):
        if re.fullmatch(r"[\d/ -]+", text.strip()):
            raise CapctlError(f"{what}: {text!r} is not {RANGE_WORDS}")
        edge = f"before {EARLIEST.isoformat()}" if found < EARLIEST else f"after {LATEST.isoformat()}"
        raise CapctlError(f"{what}: {text!r} is {edge}: use a date {RANGE_WORDS}")
    return found


def _date(word: str) -> dt.date | None:
    relative = {"today": 0, "yesterday": -1, "tomorrow": 1}
    if word in relative:
        return today() + dt.timedelta(days=relative[word])
    if m := re.fullmatch(r"(\d{1,3}) days? ago", word):
        return today() - dt.timedelta(days=int(m.group(1)))
    if m := re.fullmatch(r"(?:(last|next|this) )?([a-z]+)", word):
        day = _weekday(m.group(2))
        if day is None:
            return None
        ahead = (day - today().weekday()) % 7
        if m.group(1) == "next":
            return today() + dt.timedelta(days=ahead or 7)
        behind = (today().weekday() - day) % 7
        return today() - dt.timedelta(days=behind or 7 if m.group(1) == "last" else behind)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", word) or re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", word)
    if m is None:
        return None
    parts = [int(g) for g in m.groups()]
    year, month, day_ = parts if len(m.group(1)) == 4 else (parts[2], parts[0], parts[1])
    try:
        return dt.date(year, month, day_)
    except ValueError:
        return None


def _weekday(word: str) -> int | None:
    """Monday is 0; ``tue``, ``tues`` and ``tuesday`` all name Tuesday."""
    found = [i for i, name in enumerate(WEEKDAYS) if len(word) >= 3 and name.startswith(word)]
    return found[0] if len(found) == 1 else None


def shown(day: dt.date) -> str:
    """``Sun 2017-03-05``: a date as it is echoed back before use."""
    return f"{WEEKDAYS[day.weekday()][:3].capitalize()} {day.isoformat()}"
