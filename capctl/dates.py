"""Today's date (overridable for reproducible runs) and dates as people type them."""

from __future__ import annotations

import datetime as dt
import os

from capctl.problems import CapctlError

TODAY_ENV = "CAPCTL_TODAY"


def today() -> dt.date:
    """Today, or ``CAPCTL_TODAY`` when set, so that runs can be reproduced."""
    value = os.environ.get(TODAY_ENV)
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CapctlError(f"{TODAY_ENV}={value!r} is not a date: use YYYY-MM-DD") from None


def parse_date(text: str, what: str = "date") -> dt.date:
    """``YYYY-MM-DD``, ``today`` or ``yesterday``."""
    word = text.strip().lower()
    if word == "today":
        return today()
    if word == "yesterday":
        return today() - dt.timedelta(days=1)
    try:
        if len(word) != 10:
            raise ValueError
        return dt.date.fromisoformat(word)
    except ValueError:
        raise CapctlError(f"{what}: {text!r} is not a date: use YYYY-MM-DD, today or yesterday") from None
