"""Tables of plain text cells on a terminal: ``Breakable`` cells (wrapped at spaces, ids whole) and
``Rows``, a table drawn as Rich would draw it with ``box=None, pad_edge=False`` but without Rich's
layout where it is not needed (Rich measures, pads and crops every cell as a renderable of its own:
1,300 rows took about 0.4 s on one line each, 0.45 s wrapped at 100 columns).

Rich is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


class Breakable:
    """A table cell that wraps at spaces, and inside a word only after a hyphen when the word cannot have a
    line of its own: an id moves whole onto the next line (``(east-la-tenants)``), or, in a column too narrow
    for it, breaks as ``2017-09-22-after-the-`` / ``board-action``, never inside a word."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text = text
        self.style = style

    @staticmethod
    def _pieces(word: str) -> list[str]:
        return _PIECE.findall(word)

    def measure(self) -> tuple[int, int]:
        """The widest piece that cannot be broken and the longest line, in cells."""
        from rich.cells import cell_len

        pieces = [p for word in self.text.split() for p in self._pieces(word)]
        widest = max((cell_len(p) for p in pieces), default=0)
        longest = max((cell_len(line) for line in self.text.split("\n")), default=0)
        return widest, longest

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.measure import Measurement

        widest, longest = self.measure()
        return Measurement(min(widest, options.max_width), min(longest, options.max_width))

    def lines(self, width: int) -> list[str]:
        from rich.cells import cell_len

        out: list[str] = []
        for paragraph in self.text.split("\n"):
            line = ""
            for word in paragraph.split(" "):
                joined = f"{line} {word}" if line else word
                if cell_len(joined) <= width:
                    line = joined
                    continue
                if line:
                    out.append(line)
                line = ""
                if cell_len(word) <= width:
                    line = word
                    continue
                for piece in self._pieces(word):
                    if line and cell_len(line + piece) > width:
                        out.append(line)
                        line = ""
                    line += piece
            out.append(line)
        return out

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.text import Text

        text = Text("\n".join(self.lines(max(1, options.max_width))), style=self.style, overflow="fold")
        yield from text.__rich_console__(console, options)


_PIECE = re.compile(r"[^-]*-+|[^-]+")


class Rows:
    """A table of plain text cells (a title, headers, rows), printed as Rich prints a ``Table`` with
    ``box=None, pad_edge=False`` and ``Breakable`` cells (the title on a line of its own, as Rich prints a
    table's title on a console that soft-wraps, the terminal's), but laid out here: the columns' widths as
    Rich computes them (each column's narrowest and widest cell, then ``Table._collapse_widths`` when
    they do not fit), each cell wrapped by ``Breakable.lines``, padded and joined by two spaces.
    Cells Rich would read as markup, emoji or control characters, and headers that would wrap, are
    left to Rich. tests/test_report_rows.py compares the characters with Rich's.
    """

    def __init__(self, title: str, *columns: str, right: int = 0) -> None:
        self.title = title
        self.columns = columns
        self.right = right
        """Columns from this index on are right-justified (0: none)."""
        self.rows: list[tuple[str, ...]] = []

    def add_row(self, *cells: str) -> None:
        self.rows.append(cells)

    def print(self, console: Console) -> None:
        """The title on a line of its own (never wrapped, also in a file: ``report --output``), then the
        table as Rich draws it."""
        from rich.text import Text

        console.print(Text(self.title, style="bold"), soft_wrap=True)
        lines = self._layout(console)
        if lines is None:
            console.print(self._rich())
            return
        text = Text()
        for i, cell in enumerate(lines[0]):  # Rich styles each header cell and each space around it apart
            if i:
                text.append(" ", style="table.header")
                text.append(" ", style="table.header")
            text.append(cell, style="table.header")
        text.append("".join("\n" + "  ".join(line) for line in lines[1:]))
        console.print(text, soft_wrap=True)

    def _layout(self, console: Console) -> list[list[str]] | None:
        """The table's lines as padded cells (the headers' line first, then every line of every row),
        or None where Rich must lay it out."""
        if not (self.rows and _literal(console, *self.columns)):
            return None
        for row in self.rows:
            for cell in row:
                if (_SPECIAL.search(cell) and not _literal(console, cell)) or cell != cell.strip():
                    return None
        widths = self._widths(console)
        if widths is None:
            return None
        from rich.cells import cell_len

        if any(cell_len(h) > w for h, w in zip(self.columns, widths, strict=True)):
            return None  # Rich would wrap a header
        right = self.right or len(widths)
        justify = [i >= right for i in range(len(widths))]
        lines = [[_pad(h, w, r) for h, w, r in zip(self.columns, widths, justify, strict=True)]]
        for row in self.rows:
            cells = [_cell_lines(cell, w, r) for cell, w, r in zip(row, widths, justify, strict=True)]
            height = max(len(c) for c in cells)
            for n in range(height):
                lines.append([c[n] if n < len(c) else " " * w for c, w in zip(cells, widths, strict=True)])
        return lines

    def _widths(self, console: Console) -> list[int] | None:
        """Each column's width without its padding, as Rich's ``Table._calculate_column_widths`` gives it
        for this table on this console; None where a column would have no room."""
        from rich.cells import cell_len
        from rich.table import Table

        last = len(self.columns) - 1
        pads = [(i > 0) + (i < last) for i in range(len(self.columns))]
        longest = [cell_len(h) for h in self.columns]  # Rich keeps a column's widest measurement only
        for row in self.rows:
            for i, cell in enumerate(row):
                longest[i] = max(longest[i], cell_len(cell))
        full = console.width
        widths = [_measure_column(full, p, lo) or 1 for p, lo in zip(pads, longest, strict=True)]
        if sum(widths) > full:
            widths = Table._collapse_widths(widths, [True] * len(widths), full)
            if sum(widths) > full:
                return None  # Rich would then shrink every column evenly (not seen with every column wrapping)
            widths = [_measure_column(w, p, lo) for w, p, lo in zip(widths, pads, longest, strict=True)]
        inner = [w - p for w, p in zip(widths, pads, strict=True)]
        return inner if min(inner) >= 1 else None

    def _rich(self) -> Any:
        from rich.table import Table

        table = Table(box=None, pad_edge=False)  # the title is printed apart
        for i, column in enumerate(self.columns):
            table.add_column(column, overflow="fold", justify="right" if self.right and i >= self.right else "left")
        for row in self.rows:
            table.add_row(*(Breakable(cell) for cell in row))  # wrapped at spaces and hyphens, never inside an id
        return table


def _measure_column(width: int, pad: int, longest: int) -> int:
    """The widest a column may be, with its padding, as Rich measures it at ``width`` cells: each cell's
    ``Padding`` measures the cell in what the padding leaves, adds the padding back, and the column
    keeps the largest, within ``width``. (Rich's measurement only grows with a cell's longest line, so
    the column's longest line gives the column's.)"""
    if width < 1:
        return 0
    inner = width - pad
    if inner < 1:
        return width
    return min(min(longest, inner) + pad, width)


def _cell_lines(cell: str, width: int, right: bool) -> list[str]:
    """A cell's lines as Rich prints a ``Breakable`` in a column ``width`` cells wide: a piece wider than
    the column folded, each line padded to the width (right-justified lines lose their trailing spaces)."""
    from rich.cells import cell_len, chop_cells

    lines = [cell] if cell_len(cell) <= width else Breakable(cell).lines(width)
    out = []
    for line in lines:
        out.extend(chop_cells(line, width) if cell_len(line) > width else [line])
    return [_pad(line, width, right) for line in out]


def _pad(text: str, width: int, right: bool) -> str:
    from rich.cells import cell_len

    if right:
        text = text.rstrip()
        return " " * (width - cell_len(text)) + text
    return text + " " * (width - cell_len(text))


_SPECIAL = re.compile(r"[\x00-\x1f\x7f-\x9f\[:]")
"""What Rich may read as markup (``[``), an emoji code (``:``) or a control character in a cell."""


def _literal(console: Console, *texts: str) -> bool:
    """Whether Rich prints these texts as they are (no markup, emoji code or control character)."""
    for text in texts:
        if _SPECIAL.search(text) is None:
            continue
        if any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in text):
            return False
        rendered = console.render_str(text, highlight=False)  # as Rich reads a table's cells and title
        if rendered.plain != text or rendered.spans:
            return False
    return True
