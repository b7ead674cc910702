"""Reading a sign-in sheet: encoding, delimiter, header columns and rows."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from capctl.problems import CapctlError
from capctl.text import fold

MAX_SHEET_BYTES = 5_000_000

COLUMNS: dict[str, set[str]] = {
    "name": {"name", "full name", "fullname", "names", "attendee", "participant", "your name", "nombre",
             "nombre completo", "nombre y apellido", "nom", "ireum"},
    "first": {"first name", "first", "given name", "firstname", "nombre de pila", "primer nombre"},
    "last": {"last name", "last", "surname", "family name", "lastname", "apellido", "apellidos"},
    "organization": {"organization", "organisation", "org", "organization name", "group", "affiliation",
                     "agency", "partner", "company", "organizacion", "organizacion o grupo", "grupo"},
    "email": {"email", "e-mail", "email address", "e-mail address", "mail", "correo", "correo electronico"},
    "phone": {"phone", "phone number", "telephone", "tel", "cell", "cell phone", "mobile", "telefono", "celular"},
    "language": {"language", "languages", "preferred language", "lang", "idioma", "idiomas"},
}  # fmt: skip
"""Header cells (folded, punctuation dropped) and the column each names."""

LANGUAGE_NAMES = {
    "english": "en", "ingles": "en", "spanish": "es", "espanol": "es", "korean": "ko", "coreano": "ko",
    "chinese": "zh", "mandarin": "zh", "cantonese": "yue", "tagalog": "tl", "filipino": "tl", "armenian": "hy",
    "vietnamese": "vi", "russian": "ru", "japanese": "ja", "arabic": "ar", "farsi": "fa", "persian": "fa",
    "khmer": "km", "thai": "th", "french": "fr", "portuguese": "pt", "hindi": "hi", "punjabi": "pa",
}  # fmt: skip
"""Language names people write on sheets, and their ISO 639 codes."""


@dataclass
class SheetRow:
    line: int
    name: str
    organization: str | None = None
    email: str | None = None
    phone: str | None = None
    language: str | None = None


@dataclass
class Sheet:
    path: Path
    encoding: str
    delimiter: str
    columns: dict[str, str]
    """Our column -> the header cell it was read from."""
    ignored: list[str]
    """Header cells of columns not read."""
    rows: list[SheetRow]
    blank: int
    """Rows without a name."""


def decode(raw: bytes) -> tuple[str, str]:
    """The text of a sheet's bytes and the encoding it was in (a byte-order mark followed by
    Windows-1252 text, as some editors save it, reads as Windows-1252)."""
    for utf16 in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if raw.startswith(utf16):
            return raw.decode("utf-16"), "UTF-16"
    bom = raw.startswith(codecs.BOM_UTF8)
    body = raw[len(codecs.BOM_UTF8) :] if bom else raw
    try:
        return body.decode("utf-8"), "UTF-8 with BOM" if bom else "UTF-8"
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace"), "Windows-1252 after a BOM" if bom else "Windows-1252"


def _header_key(cell: str) -> str:
    return " ".join(re.findall(r"[a-z0-9-]+", fold(cell)))


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def read_sheet(path: Path) -> Sheet:
    """Read a sign-in sheet; a usage error when it cannot be one (no file, no name column)."""
    raw = _read_bytes(path)
    text, encoding = decode(raw)
    if "\x00" in text:
        raise CapctlError(f"{path}: not a text file; export the sheet as CSV")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows: list[SheetRow] = []
    blank = 0
    index: dict[str, int] = {}
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = cells
                index = _header_index(cells, f"{path}:{reader.line_num}")
                continue
            row = _row(cells, index, reader.line_num)
            if row is None:
                blank += 1
            else:
                rows.append(row)
    except csv.Error as exc:
        raise CapctlError(f"{path}:{reader.line_num}: cannot read the sheet: {exc}") from None
    if header is None:
        raise CapctlError(f"{path}: the sheet is empty")
    if not rows:
        raise CapctlError(f"{path}: no one is on the sheet: it has its header row and no names under it")
    used = set(index.values())
    return Sheet(
        path=path,
        encoding=encoding,
        delimiter=delimiter,
        columns={column: header[i].strip() for column, i in index.items()},
        ignored=[c.strip() for i, c in enumerate(header) if i not in used and c.strip()],
        rows=rows,
        blank=blank,
    )


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_SHEET_BYTES:
            raise CapctlError(f"{path}: too large for a sign-in sheet ({size:,} bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise CapctlError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CapctlError(f"{path}: is a folder, not a sign-in sheet") from None


def _header_index(cells: list[str], where: str) -> dict[str, int]:
    """Which column holds what, from the header row; a usage error when no column names people."""
    index: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = _header_key(cell)
        for column, names in COLUMNS.items():
            if key in names and column not in index:
                index[column] = i
    if "name" not in index and not {"first", "last"} <= index.keys():
        found = ", ".join(repr(c.strip()) for c in cells if c.strip())
        raise CapctlError(
            f"{where}: no name column in the header ({found}); "
            "the first row must name the columns, e.g. name, organization, email"
        )
    return index


def _row(cells: list[str], index: dict[str, int], line: int) -> SheetRow | None:
    def cell(column: str) -> str | None:
        i = index.get(column)
        value = " ".join(cells[i].split()) if i is not None and i < len(cells) else ""
        return value or None

    name = cell("name")
    if name is None:
        name = " ".join(part for part in (cell("first"), cell("last")) if part) or None
    if name is None:
        return None
    return SheetRow(line, name, cell("organization"), cell("email"), cell("phone"), cell("language"))


def language_codes(text: str | None) -> list[str]:
    """``Spanish / English`` → ``[es, en]``: codes for the languages a sheet names (unknown ones left out)."""
    codes: list[str] = []
    for word in re.findall(r"[a-z-]+", fold(text or "")):
        code = LANGUAGE_NAMES.get(word) or (word if re.fullmatch(r"[a-z]{2,3}", word) else None)
        if code and code not in codes:
            codes.append(code)
    return codes
