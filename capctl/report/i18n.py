"""The report's words in the reader's language: gettext message catalogs and dates as Babel writes them.

Every fixed word a report prints goes through a :class:`Translator`: ``tr.gettext("Target")``,
``tr.ngettext("{n} day late", "{n} days late", n).format(n=n)``, ``tr.word(status)`` for the
vocabulary (:data:`VOCABULARY`) and ``tr.date(day)`` for a date. The catalogs are
``capctl/report/locale/<lang>/LC_MESSAGES/capctl.po`` (the translations, kept in git) and the
``capctl.mo`` Babel compiles from each; ``capctl.pot`` is what Babel extracts from this folder's
code (CONTRIBUTING.md: how to add a message). English is the code's own words: no catalog, and
dates as ISO ``2017-09-30``, so the English report is what it was before there were translations.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import gettext
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from babel.dates import format_date, get_month_names

from capctl.problems import CapctlError
from capctl.text import language_label
from capctl.vocab import ReportLanguage

DOMAIN = "capctl"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = ReportLanguage.en


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs (Babel extracts it) where it is translated later, by ``tr.word``."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with its plural for the catalogs (Babel extracts it, ``-k Nn_:1,2``), for ``tr.ngettext``."""
    return singular, plural


VOCABULARY = (
    # statuses and groups of metrics
    N_("met"),
    N_("on-track"),
    N_("behind"),
    N_("relationships"),
    N_("coalition"),
    N_("capacity"),
    # engagement kinds
    N_("one-on-one"),
    N_("call"),
    N_("chapter-meeting"),
    N_("training"),
    N_("hearing"),
    N_("lobby-day"),
    N_("action"),
    N_("forum"),
    N_("other"),
    # topics
    N_("budget"),
    N_("organizing"),
    N_("policy"),
    N_("media"),
    N_("leadership"),
    N_("language-access"),
    # partner statuses
    N_("prospect"),
    N_("invited"),
    N_("core"),
    N_("former"),
    # what is going cold
    N_("partner"),
    N_("official"),
    N_("going cold"),
    N_("cold"),
    # how an official was at an engagement
    N_("in person"),
    N_("through staff"),
    N_("in person and through staff"),
)
"""The values of capctl's vocabulary a report prints as words; a test checks that every value it may print is here."""


@dataclass(frozen=True)
class Translator:
    """The words and dates of one language."""

    language: ReportLanguage
    catalog: gettext.NullTranslations

    def gettext(self, message: str) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.catalog.ngettext(singular, plural, n)

    def word(self, value: str) -> str:
        """A vocabulary value (a status, a kind, a topic) as a reader of this language reads it."""
        return self.catalog.gettext(value)

    def date(self, day: dt.date | None) -> str:
        """A date in a table or a sentence: ``2017-09-30`` in English, ``30 sept 2017`` in Spanish."""
        if day is None:
            return "-"
        if self.language is DEFAULT:
            return str(day)
        return format_date(day, "medium", locale=self.language.value)

    def long_date(self, day: dt.date) -> str:
        """A date in a heading: ``2017-09-30`` in English, ``30 de septiembre de 2017`` in Spanish."""
        if self.language is DEFAULT:
            return str(day)
        return format_date(day, "long", locale=self.language.value)

    def month_abbr(self, month: int) -> str:
        """A month's short name: ``Mar`` in English, ``mar`` in Spanish (Babel's abbreviated, standalone)."""
        if self.language is DEFAULT:
            return calendar.month_abbr[month]
        return str(get_month_names("abbreviated", "stand-alone", locale=self.language.value)[month])

    def language_label(self, code: str) -> str:
        """A language's name beside its code: ``Spanish (es)`` in English, ``español (es)`` in Spanish."""
        return language_label(code, self.language.value)

    def percent(self, share: Fraction) -> str:
        """``75%`` (English) or ``75 %`` (Spanish, as Babel writes a percentage there)."""
        return self.gettext("{percent}%").format(percent=round(share * 100))


@functools.cache
def translator(language: str | None = None) -> Translator:
    """The translator of ``language`` (default English); a usage error for a language with no catalog."""
    try:
        chosen = ReportLanguage(language or DEFAULT)
    except ValueError:
        known = ", ".join(lang.value for lang in ReportLanguage)
        raise CapctlError(f"--lang: {language!r} is not a language the report is written in ({known})") from None
    if chosen is DEFAULT:
        return Translator(chosen, gettext.NullTranslations())
    with (LOCALE_DIR / chosen.value / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return Translator(chosen, gettext.GNUTranslations(handle))


ENGLISH = translator()
