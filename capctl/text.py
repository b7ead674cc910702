"""Folding names for matching, and turning names into ids."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_NON_ID = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Martínez`` and ``martinez`` fold alike."""
    if text.isascii():  # nothing to decompose: most titles and tasks, and 5x faster
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def slugify(text: str, max_length: int = 60) -> str:
    """An id-shaped slug of ``text``; empty when nothing Latin is left."""
    slug = _NON_ID.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def transliterate(text: str) -> str:
    """Latin letters for any script (``김민준`` → ``Gim Min Jun``, ``Արամ`` → ``Aram``), by anyascii.

    A syllable of an uncased script (Hangul, Han) becomes a word of its own, so
    that ids read ``gim-min-jun`` rather than ``gimminjun``.
    """
    from anyascii import anyascii

    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        latin = anyascii(ch)
        if len(latin) > 1 and latin[0].isupper() and latin.isalpha() and ch.lower() == ch.upper():
            latin = f" {latin} "
        out.append(latin)
    return "".join(out)


def make_id(name: str, prefix: str) -> str:
    """An id derived from a name: accents folded, other scripts transliterated
    (:func:`transliterate`); ``<prefix>-<hash>`` when nothing is left (a name of symbols only)."""
    slug = slugify(transliterate(name))
    if slug:
        return slug
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{digest}"


@functools.cache
def language_name(code: str, locale: str = "en") -> str | None:
    """The name of a language code in ``locale``'s language (``es`` → ``Spanish``, ``zh-Hant`` →
    ``Traditional Chinese``; in ``es``: ``español``), from the Unicode CLDR by Babel; None for a code
    it does not know."""
    from babel import Locale, UnknownLocaleError

    reader = Locale(locale)
    key = code.replace("-", "_")
    name = reader.languages.get(key) or reader.languages.get(key.lower())
    if name is None and "_" in key:
        try:
            name = Locale.parse(key).get_display_name(reader)
        except (ValueError, UnknownLocaleError):
            name = None
    return str(name) if name else None


def language_label(code: str, locale: str = "en") -> str:
    """``Spanish (es)``: a language's name beside its code (in ``locale``'s language), or the code alone
    when it has no known name."""
    name = language_name(code, locale)
    return f"{name} ({code})" if name else code


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula in a cell (OWASP, "CSV injection")."""


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def spreadsheet_safe(text: str) -> str:
    """``text`` as a CSV cell a spreadsheet shows instead of running: a cell that would start a
    formula gets a leading apostrophe (``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""Control characters (line breaks, tabs, escapes) and the marks that reorder how text is shown
(bidirectional overrides): not part of a one-line value such as a name."""
