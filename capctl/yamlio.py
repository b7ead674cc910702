"""Reading and writing YAML: fast and safe for queries, careful for edits.

* Queries read with ruamel's safe loader on the C parser (``ruamel.yaml.clib``):
  no object is ever constructed from a tag.
* Only the one file being edited goes through the round-trip parser, and the edit
  is merged back into the original text so that every other line survives byte
  for byte, whatever its formatting (:func:`edit_text`).
* Every file capctl writes has one canonical form (:func:`dump`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
import re
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

CANONICAL_WIDTH = 4096
"""Long lines are never folded: a folded line changes whole paragraphs in a diff."""


class YamlSyntaxError(Exception):
    """A file is not valid YAML; ``line`` is 1-based when known."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _safe_yaml() -> YAML:
    return YAML(typ="safe", pure=False)


def uses_c_parser() -> bool:
    """True when the safe loader runs on libyaml's C parser."""
    try:
        from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - depends on the installation
        return False
    return CParser is not None and _safe_yaml().Parser is CParser


MAX_DEPTH = 100
"""Records nest four levels at most; libyaml's composer recurses and crashes the process
(a segmentation fault, not an exception) on tens of thousands of levels."""
MAX_ALIAS_VALUES = 10_000
"""How many values aliases may repeat in all: enough for any record, far too few for a
"billion laughs" file whose few lines expand to a billion values."""


def check_limits(text: str) -> None:
    """Refuse, before parsing it, text nested too deeply or whose aliases expand too far.

    Both are rare in a real record, so a cheap bound on the text decides whether
    the (slower) walk over the parser's events is needed at all.
    """
    aliases = "&" in text and "*" in text
    if not aliases and _depth_bound(text) <= MAX_DEPTH:
        return
    _check_events(text)


def _depth_bound(text: str) -> int:
    """An upper bound of the nesting depth: flow brackets, plus block levels, which need
    more indentation or a ``-`` or ``?`` on the line to nest."""
    flow = text.count("[") + text.count("{")
    block = 0
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if stripped:
            indent = len(line) - len(stripped)
            block = max(block, 2 * (indent + 1) + stripped.count("-") + stripped.count("?"))
    return flow + block + 1


def _check_events(text: str) -> None:
    from ruamel.yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        CollectionStartEvent,
        NodeEvent,
    )

    sizes: dict[str, int] = {}  # anchor -> how many values its node holds
    stack: list[tuple[str | None, int]] = []  # open collections: (anchor, values so far)
    repeated = 0
    try:
        for event in _safe_yaml().parse(text):
            if isinstance(event, CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise YamlSyntaxError(
                        f"nested more than {MAX_DEPTH} levels deep; records are a few levels at most",
                        event.start_mark.line + 1,
                    )
                stack.append((event.anchor, 1))
                continue
            if isinstance(event, CollectionEndEvent):
                anchor, size = stack.pop()
            elif isinstance(event, AliasEvent):
                if any(open_anchor == event.anchor for open_anchor, _ in stack):
                    raise YamlSyntaxError(
                        f"alias *{event.anchor} is inside its own anchor: a value cannot contain itself",
                        event.start_mark.line + 1,
                    )
                anchor, size = None, sizes.get(event.anchor or "", 1)
                repeated += size
                if repeated > MAX_ALIAS_VALUES:
                    raise YamlSyntaxError(
                        f"aliases repeat more than {MAX_ALIAS_VALUES:,} values (an alias bomb?); "
                        "write the values out instead",
                        event.start_mark.line + 1,
                    )
            elif isinstance(event, NodeEvent):
                anchor, size = event.anchor, 1
            else:
                continue
            if anchor:
                sizes[anchor] = size
            if stack:
                stack[-1] = (stack[-1][0], stack[-1][1] + size)
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(_describe(exc, text), _line(exc, text)) from None
    except YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None


_reusable: list[YAML] = []
"""One safe loader, reused: building one costs about a sixth of parsing a small record."""


def load_safe(text: str) -> Any:
    """Parse one YAML document into plain Python values; never constructs objects from tags."""
    check_limits(text)
    # A loader that failed half-way may keep state from that document: it is dropped, never reused.
    yaml = _reusable.pop() if _reusable else _safe_yaml()
    try:
        value = yaml.load(text)
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(_describe(exc, text), _line(exc, text)) from None
    except YAMLError as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # The constructor raises these, without a position, for values such as 2017-02-30.
        line, token = _impossible_date(text)
        if token:
            raise YamlSyntaxError(f"impossible date {token}", line) from None
        raise YamlSyntaxError(f"invalid value: {exc}", None) from None
    _reusable.append(yaml)
    return value


_DATE_TOKEN = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w:.])")


def _impossible_date(text: str) -> tuple[int | None, str | None]:
    for number, line in enumerate(text.splitlines(), 1):
        for match in _DATE_TOKEN.finditer(line):
            try:
                dt.date(*(int(part) for part in match.groups()))
            except ValueError:
                return number, match.group(0)
    return None, None


def _line(exc: MarkedYAMLError, text: str = "") -> int | None:
    """The line to show: where the problem is, or where the unclosed construct began
    when the parser only noticed at the end of the file; never past the last line."""
    problem, context = exc.problem_mark, exc.context_mark
    last = max(len(text.rstrip().splitlines()), 1)
    if problem is None:
        return None if context is None else min(int(context.line) + 1, last)
    if problem.line >= last and context is not None:
        return min(int(context.line) + 1, last)
    return min(int(problem.line) + 1, last)


def _describe(exc: MarkedYAMLError, text: str) -> str:
    from ruamel.yaml.constructor import DuplicateKeyError

    if isinstance(exc, DuplicateKeyError):
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "?"
        return f"duplicate key {key!r}"
    problem = (exc.problem or "").strip()
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'").replace("tag:yaml.org,2002:", "!!")
        return f"tags are not allowed: {tag}"
    line = _line(exc, text)
    lines = text.splitlines()
    if line is not None and 0 < line <= len(lines) and "\t" in lines[line - 1]:
        return "tab character: indent with spaces, not tabs"
    at = lines[exc.problem_mark.line] if exc.problem_mark is not None and exc.problem_mark.line < len(lines) else ""
    if "undefined alias" in problem and exc.problem_mark is not None:
        name = re.match(r"\*[\w-]*", at[exc.problem_mark.column :])
        return f"alias {name.group(0) if name else ''} has no anchor (&name) before it"
    if "mapping values are not allowed" in problem and len(re.findall(r":(?:\s|$)", at)) > 1:
        return "YAML syntax: a second ': ' on the line; put text containing ': ' in quotes"
    if "another document" in problem:
        return "a second document (after ---): a record file holds one record"
    context = (exc.context or "").strip()
    message = problem or context or type(exc).__name__
    if context and problem and context not in problem:
        last = max(len(text.rstrip().splitlines()), 1)
        started = min(exc.context_mark.line + 1, last) if exc.context_mark is not None else None
        message = f"{problem} ({context} started on line {started})" if started else f"{problem} ({context})"
    return f"YAML syntax: {message}"


def load_roundtrip(text: str) -> Any:
    """Parse with comments and positions kept, for one file being edited."""
    check_limits(text)
    yaml = _roundtrip_yaml()
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(_describe(exc, text), _line(exc, text)) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None


def _roundtrip_yaml(mapping: int = 2, sequence: int = 4, offset: int = 2) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    yaml.width = CANONICAL_WIDTH
    yaml.preserve_quotes = True
    return yaml


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at ``loc`` (keys and indexes); the nearest parent's line if absent."""
    try:
        node = load_roundtrip(text)
    except YamlSyntaxError:
        return None
    best: int | None = 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            best = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            best = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            if isinstance(node, CommentedMap | CommentedSeq) and node.lc.line is not None and best is None:
                best = node.lc.line + 1
            break
    return best


def to_plain(value: Any) -> Any:
    """Model data as YAML wants it: enums as text, multi-line text as literal blocks,
    and empty values left out."""
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items() if v is not None and v != [] and v != {}}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str) and "\n" in value and value.strip("\n"):
        return LiteralScalarString(value.rstrip("\n") + "\n")
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def dump(data: dict[str, Any], header: Iterable[str] = ()) -> str:
    """The canonical YAML text of one record (or settings file)."""
    stream = io.StringIO()
    for line in header:
        stream.write(f"# {line}\n" if line else "#\n")
    yaml = _roundtrip_yaml()
    # The same value twice (a testimony's date and its consent's) is written twice, never as &anchor/*alias.
    yaml.representer.ignore_aliases = lambda _data: True
    yaml.dump(to_plain(data), stream)
    return stream.getvalue()


def dump_node(node: Any, indent: tuple[int, int, int] = (2, 4, 2)) -> str:
    stream = io.StringIO()
    _roundtrip_yaml(*indent).dump(node, stream)
    return stream.getvalue()


_TRAILING_COMMENT = re.compile(r"\s+#.*$|\s+$")


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) indentation as ruamel wants it, guessed from a file."""
    mapping: int | None = None
    offset: int | None = None
    previous_indent = 0
    previous_key = False
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if previous_key and stripped.startswith("- ") and indent >= previous_indent and offset is None:
            offset = indent - previous_indent
        elif previous_key and indent > previous_indent and mapping is None:
            mapping = indent - previous_indent
        previous_indent = indent
        # A key opening a block ends in ":", perhaps followed by a comment ("people:  # who came").
        previous_key = _TRAILING_COMMENT.sub("", stripped).endswith(":") and not stripped.startswith("- ")
    mapping = mapping or 2
    offset = 2 if offset is None else offset
    return mapping, max(mapping, offset + 2), offset


def edit_text(original: str, change: Callable[[Any], None]) -> str:
    """Apply ``change`` to the round-trip tree of ``original`` and return the new text.

    ruamel normalises indentation and spacing when it dumps a whole document, so
    its output is only used to learn *which* lines the change adds, removes or
    replaces; those hunks are then merged into the original text (a three-way
    merge with ruamel's rendering of the unchanged document as the base). Lines
    the change does not touch come back byte for byte.
    """
    if "\r\n" in original and original.count("\r\n") == original.count("\n"):
        # Windows line ends: merged as plain lines (ruamel writes "\n"), then given back.
        return edit_text(original.replace("\r\n", "\n"), change).replace("\n", "\r\n")
    indent = guess_indent(original)
    tree = load_roundtrip(original)
    base = dump_node(tree, indent)
    change(tree)
    edited = dump_node(tree, indent)
    merged = merge3(base=base, ours=original, theirs=edited)
    # The merge is only a way to keep untouched lines: if it does not mean exactly
    # what ruamel's own rendering means, that rendering is written instead.
    try:
        if load_safe(merged) == load_safe(edited):
            return merged
    except YamlSyntaxError:
        pass
    return edited


def merge3(base: str, ours: str, theirs: str) -> str:
    """Merge the changes base→theirs into ours, keeping ours wherever theirs did not change.

    Where a change of theirs overlaps lines that ours formats differently from
    base, theirs wins for those lines only.
    """
    if base == theirs:
        return ours
    if base == ours:
        return theirs
    base_lines = base.splitlines(keepends=True)
    our_lines = ours.splitlines(keepends=True)
    their_lines = theirs.splitlines(keepends=True)

    # base line index -> our line index, for lines the two share unchanged (but for the
    # spacing ruamel normalises: before a comment, at the end of the line)
    to_ours: dict[int, int] = {}
    same_base, same_ours = [_spacing_free(line) for line in base_lines], [_spacing_free(line) for line in our_lines]
    for block in difflib.SequenceMatcher(None, same_base, same_ours, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            to_ours[block.a + k] = block.b + k

    result: list[str] = []
    cursor = 0  # next line of ours not yet copied
    opcodes = difflib.SequenceMatcher(None, base_lines, their_lines, autojunk=False).get_opcodes()
    for tag, b1, b2, t1, t2 in opcodes:
        if tag == "equal":
            continue
        # Where does base[b1:b2] sit in ours? Anchor on the nearest shared lines around it.
        start = _anchor_after(to_ours, b1 - 1, cursor)
        end = _anchor_before(to_ours, b2, len(our_lines))
        if start > end:
            end = start
        result.extend(our_lines[cursor:start])
        result.extend(_keep_line_endings(their_lines[t1:t2], our_lines))
        cursor = end
    result.extend(our_lines[cursor:])
    return "".join(result)


def _spacing_free(line: str) -> str:
    return _COMMENT_SPACING.sub(" #", line.rstrip())


_COMMENT_SPACING = re.compile(r"\s+#")


def _anchor_after(to_ours: dict[int, int], base_index: int, floor: int) -> int:
    """The line of ours just after the shared line at or before ``base_index``."""
    while base_index >= 0:
        if base_index in to_ours:
            return max(to_ours[base_index] + 1, floor)
        base_index -= 1
    return floor


def _anchor_before(to_ours: dict[int, int], base_index: int, ceiling: int) -> int:
    """The line of ours of the shared line at or after ``base_index``."""
    limit = max(to_ours, default=-1)
    while base_index <= limit:
        if base_index in to_ours:
            return min(to_ours[base_index], ceiling)
        base_index += 1
    return ceiling


def _keep_line_endings(lines: list[str], like: list[str]) -> list[str]:
    if like and like[0].endswith("\r\n"):
        return [line[:-1] + "\r\n" if line.endswith("\n") and not line.endswith("\r\n") else line for line in lines]
    return lines
