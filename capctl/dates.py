"""Today's date (overridable for reproducible runs), dates as people type them, and the years capctl works in."""

from __future__ import annotations

import datetime as dt
import os

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


def parse_date(text: str, what: str = "date") -> dt.date:
    """``YYYY-MM-DD``, ``today`` or ``yesterday``, in capctl's calendar."""
    word = text.strip().lower()
    if word == "today":
        return today()
    if word == "yesterday":
        day = today()
        if day == EARLIEST:
            raise CapctlError(f"{what}: {text!r} is before {EARLIEST.isoformat()}: use a date {RANGE_WORDS}")
        return day - dt.timedelta(days=1)
    try:
        if len(word) != 10:
            raise ValueError
        day = dt.date.fromisoformat(word)
    except ValueError:
        raise CapctlError(f"{what}: {text!r} is not a date: use YYYY-MM-DD, today or yesterday") from None
    if not in_range(day):
        raise CapctlError(f"{what}: {text!r} is not {RANGE_WORDS}")
    return day
