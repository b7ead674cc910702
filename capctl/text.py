"""Folding names for matching, and turning names into ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_NON_ID = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: ``Martínez`` and ``martinez`` fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def slugify(text: str, max_length: int = 60) -> str:
    """An id-shaped slug of ``text``; empty when nothing Latin is left."""
    slug = _NON_ID.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug.strip("-")


def make_id(name: str, prefix: str) -> str:
    """An id derived from a name; a stable fallback for names with no Latin letters."""
    slug = slugify(name)
    latin = sum(ch.isascii() and ch.isalnum() for ch in name)
    if slug and latin * 2 >= sum(ch.isalnum() for ch in name):
        return slug
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return f"{prefix}-{slug}-{digest}" if slug else f"{prefix}-{digest}"
