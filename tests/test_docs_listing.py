import datetime as dt
import re
from pathlib import Path

from capctl.export.tables import build_tables
from capctl.query.listing import columns
from capctl.store import load as store_load
from capctl.vocab import RecordKind

DOC = Path(__file__).parent.parent / "docs" / "listing.md"


def table_after(heading: str) -> dict[str, list[str]]:
    """The first Markdown table after ``heading``: first cell -> the names listed in the second."""
    text = DOC.read_text(encoding="utf-8")
    rows: dict[str, list[str]] = {}
    for line in text[text.index(heading) :].splitlines()[1:]:
        if rows and not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("| `"):
            cleaned = re.sub(r"\(.*?\)|→ \w+", "", cells[1])
            rows[cells[0].strip("`")] = [name.strip() for name in cleaned.split(",")]
    return rows


def test_the_documented_list_columns_are_the_columns_printed() -> None:
    assert table_after("### Columns of") == {kind.value: columns(kind) for kind in RecordKind}


def test_the_documented_export_tables_are_the_tables_written(chapter: Path) -> None:
    tables = build_tables(store_load.load(chapter), dt.date(2017, 6, 30), public=False)
    assert table_after("| table | columns | keys |") == {t.name: t.names for t in tables}
