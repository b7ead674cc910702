"""The ledger equivalent of a generated chapter, for timing capctl against plain-text accounting tools.

    .venv/bin/python bench/ledger.py CHAPTER_DATA OUT_DIR

People who keep records in plain text under git often use beancount or hledger; the
bench times ``bean-check`` and ``hledger balance`` on a ledger as large as the chapter:
one transaction per engagement (its date, kind, title, district, location and notes),
the same count, and about the same bytes as the whole data folder (each transaction's
note is filled out to the chapter's bytes per engagement). The same ledger is written
twice: ``chapter.beancount`` (beancount 3) and ``chapter.journal`` (hledger).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_FIELD = re.compile(r"^(date|kind|title|district|location|notes): (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Ledger:
    beancount: Path
    journal: Path
    transactions: int
    beancount_bytes: int
    journal_bytes: int
    chapter_bytes: int


def _account(text: str) -> str:
    """A word usable in both tools' account names: letters and digits, capitalised."""
    word = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "None"
    return "".join(part.capitalize() for part in word.split("-"))


def _quoted(text: str) -> str:
    return text.replace("\\", "").replace('"', "'").strip("'")


def write_ledger(data: Path, out: Path) -> Ledger:
    """Write the ledger of the chapter in ``data`` into ``out``."""
    files = sorted((data / "engagements").rglob("*.yaml"))
    chapter_bytes = sum(p.stat().st_size for p in data.rglob("*") if p.is_file())
    per_transaction = chapter_bytes // max(len(files), 1)
    out.mkdir(parents=True, exist_ok=True)
    kinds: set[str] = set()
    districts: set[str] = set()
    entries: list[tuple[str, str, str, str, str, str]] = []
    for path in files:
        fields = dict(_FIELD.findall(path.read_text(encoding="utf-8")))
        kind, district = _account(fields.get("kind", "other")), _account(fields.get("district", "none"))
        kinds.add(kind)
        districts.add(district)
        entries.append(
            (
                fields.get("date", path.stem[:10]).strip("'\""),
                kind,
                district,
                _quoted(fields.get("title", path.stem)),
                _quoted(fields.get("location", "")),
                _quoted(fields.get("notes", "")),
            )
        )
    bean, journal = [], []
    for kind in sorted(kinds):
        bean.append(f"2000-01-01 open Expenses:Engagements:{kind} USD\n")
    for district in sorted(districts):
        bean.append(f"2000-01-01 open Assets:Grant:{district} USD\n")
    for i, (date, kind, district, title, location, notes) in enumerate(entries):
        amount = f"{(i % 900) + 100}.{i % 100:02d}"
        head = (
            f'{date} * "{location}" "{title}"\n'
            f'  engagement: "{files[i].stem}"\n'
            f"  Expenses:Engagements:{kind}  {amount} USD\n"
            f"  Assets:Grant:{district}\n"
        )
        fill = _fill(notes, per_transaction - len(head.encode()) - 12)
        bean.append(f'{head[: head.index(chr(10)) + 1]}  note: "{fill}"\n{head[head.index(chr(10)) + 1 :]}\n')
        journal.append(
            f"{date} * {location} | {title}\n"
            f"    ; engagement: {files[i].stem}, note: {fill}\n"
            f"    expenses:engagements:{kind.lower()}  {amount} USD\n"
            f"    assets:grant:{district.lower()}\n\n"
        )
    bean_path, journal_path = out / "chapter.beancount", out / "chapter.journal"
    bean_path.write_text('option "operating_currency" "USD"\n\n' + "".join(bean), encoding="utf-8")
    journal_path.write_text("".join(journal), encoding="utf-8")
    return Ledger(
        bean_path,
        journal_path,
        len(entries),
        bean_path.stat().st_size,
        journal_path.stat().st_size,
        chapter_bytes,
    )


def _fill(notes: str, size: int) -> str:
    """The notes, repeated or cut to about ``size`` bytes (at least the notes' first words)."""
    notes = notes or "Notes of the visit."
    text = notes
    while len(text.encode()) < size:
        text += " " + notes
    while len(text.encode()) > max(size, 20):
        text = text[: max(len(text) - max((len(text.encode()) - size) // 3, 1), 20)]
        if len(text) <= 20:
            break
    return text.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("out", type=Path)
    options = parser.parse_args()
    ledger = write_ledger(options.data, options.out)
    print(
        f"{ledger.transactions:,} transactions: {ledger.beancount} {ledger.beancount_bytes:,} bytes, "
        f"{ledger.journal} {ledger.journal_bytes:,} bytes (the chapter: {ledger.chapter_bytes:,} bytes)",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
