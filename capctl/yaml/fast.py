"""A fast reader for the plain YAML of record files, which hands anything else to ruamel.

Record files are block mappings of plain, quoted and literal scalars, lists and
nested mappings, as capctl writes them and as people edit them. Reading one of
60,000 such files with ruamel's safe loader costs about 250 µs, most of it in
Python-level resolution and construction; this reader takes a few tens.

It is exact or it declines: :func:`load` returns :data:`FALLBACK` for anything it
does not fully understand (anchors, aliases, tags, flow mappings, folded or
keep-chomped blocks, multi-line plain scalars, plain scalars that YAML would read
as something other than text unless they are a plain date or whole number,
duplicate keys, tabs, unusual characters, deep nesting...), and the caller then
parses the text with ruamel, which also reports every syntax error with its line.
What it does return is what ``capctl.yaml.safe.load_safe`` returns for the same text:
tests/test_fastyaml.py compares the two on every fixture and on generated
documents.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any, Final

FALLBACK: Final = object()
"""Returned when the text is not in the subset read here: parse it with ruamel."""

MAX_DEPTH = 8
"""Deeper nesting is left to ruamel (and to its limits)."""

# Line breaks other than \n (\r, \x85, \u2028, \u2029), tabs, control characters, the BOM and
# non-characters are all things YAML treats specially: such a text is left to ruamel.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT = re.compile(r"0|[1-9][0-9]*")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


@functools.cache
def _typed_patterns() -> dict[str, list[re.Pattern[str]]]:
    """ruamel's own YAML 1.2 rules for plain scalars that are not text (booleans, numbers, null,
    dates...), by first character, exactly as its resolver applies them."""
    from ruamel.yaml.resolver import implicit_resolvers

    patterns: dict[str, list[re.Pattern[str]]] = {}
    for versions, _tag, regexp, first in implicit_resolvers:
        if (1, 2) in versions:
            for character in first:
                # ruamel compiles lazily, behind a proxy: a plain compiled pattern is faster to call.
                patterns.setdefault(character, []).append(re.compile(regexp.pattern, regexp.flags))
    return patterns


class _Decline(Exception):
    """The text is outside the subset: ruamel reads it."""


def load(text: str) -> Any:
    """The value of a YAML document whose top level is a block mapping, or :data:`FALLBACK`."""
    if _UNUSUAL.search(text):
        return FALLBACK
    try:
        reader = _Reader(text)
        value = reader.mapping(0, 0)
        if reader.next_content() < len(reader.lines) or not value:
            return FALLBACK
        return value
    except _Decline:
        return FALLBACK


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        # Each line's text after its indentation, and the indentation's width, computed once.
        self.bodies = [line.lstrip(" ") for line in self.lines]
        self.columns = [len(line) - len(body) for line, body in zip(self.lines, self.bodies, strict=True)]
        self.i = 0

    def next_content(self) -> int:
        """The index of the next line that is neither blank nor a comment."""
        i, bodies = self.i, self.bodies
        end = len(bodies)
        while i < end:
            body = bodies[i]
            if body and body[0] != "#":
                break
            i += 1
        self.i = i
        return i

    def mapping(self, indent: int, depth: int) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            raise _Decline
        result: dict[str, Any] = {}
        end = len(self.lines)
        while self.next_content() < end:
            column = self.columns[self.i]
            if column < indent:
                break
            if column > indent:
                raise _Decline
            match = _KEY.match(self.bodies[self.i])
            if match is None:
                raise _Decline
            key, rest = match.group(1), match.group(2)
            if key in result or _is_typed(key):
                raise _Decline
            self.i += 1
            rest = (rest or "").strip(" ")
            if not rest:
                result[key] = self.block(indent, depth)
            elif rest in ("|", "|-"):
                result[key] = self.literal(indent, keep_last_break=rest == "|")
            else:
                result[key] = _scalar(rest)
        return result

    def block(self, indent: int, depth: int) -> Any:
        """The value of a key with nothing after its colon: a nested block, or null."""
        i = self.next_content()
        if i >= len(self.lines):
            return None
        body, column = self.bodies[i], self.columns[i]
        if column > indent:
            if body.startswith("- ") or body == "-":
                return self.sequence(column, depth + 1)
            return self.mapping(column, depth + 1)
        if column == indent and (body.startswith("- ") or body == "-"):
            return self.sequence(column, depth + 1)
        return None

    def sequence(self, indent: int, depth: int) -> list[Any]:
        if depth > MAX_DEPTH:
            raise _Decline
        items: list[Any] = []
        end = len(self.lines)
        while self.next_content() < end:
            i = self.i
            column, body = self.columns[i], self.bodies[i]
            if column < indent:
                break
            if column > indent:
                raise _Decline
            if not body.startswith("- "):
                break
            item = body[2:]
            if not item or item.startswith((" ", "- ", "|", ">")) or item == "-":
                raise _Decline
            if _KEY.match(item):
                # A mapping that starts on the dash's line: its keys line up after "- ".
                self.lines[i] = " " * (indent + 2) + item
                self.bodies[i], self.columns[i] = item, indent + 2
                items.append(self.mapping(indent + 2, depth + 1))
            else:
                items.append(_scalar(item.rstrip(" ")))
                self.i += 1
        return items

    def literal(self, indent: int, keep_last_break: bool) -> str:
        """A ``|`` or ``|-`` block: the lines indented under the key, indentation removed."""
        lines = self.lines
        start = end = self.i
        while end < len(lines):
            line = lines[end]
            if line.strip(" ") and len(line) - len(line.lstrip(" ")) <= indent:
                break
            end += 1
        block = lines[start:end]
        content = [line for line in block if line.strip(" ")]
        if not content or (end == len(lines) and not self.text.endswith("\n")):
            raise _Decline
        first = content[0]
        column = len(first) - len(first.lstrip(" "))
        out: list[str] = []
        for line in block:
            if not line.strip(" "):
                if len(line) > column or (not out and line):
                    raise _Decline  # blank lines holding spaces: YAML's rules here are subtle
                out.append("")
            elif len(line) - len(line.lstrip(" ")) < column:
                raise _Decline
            else:
                out.append(line[column:])
        while out and out[-1] == "":
            out.pop()
        self.i = end
        text = "\n".join(out)
        return text + "\n" if keep_last_break else text


def _scalar(text: str) -> Any:
    first = text[0]
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith("'") or "'" in inner.replace("''", ""):
            raise _Decline
        return inner.replace("''", "'")
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or not text.endswith('"') or '"' in inner or "\\" in inner:
            raise _Decline
        return inner
    if first == "[":
        if not text.endswith("]"):
            raise _Decline
        inner = text[1:-1].strip(" ")
        if not inner:
            return []
        items = []
        for part in inner.split(","):
            part = part.strip(" ")
            if not part or any(c in part for c in "[]{}:#'\""):
                raise _Decline
            items.append(_plain(part))
        return items
    if text == "{}":
        return {}
    return _plain(text)


_known: dict[str, Any] = {}
"""Plain scalars already read, with their values (ids, statuses and names repeat across files)."""


def _plain(text: str) -> Any:
    value = _known.get(text, _known)
    if value is _known:
        try:
            value = _read_plain(text)
        except _Decline:
            value = _Decline
        if len(_known) > 100_000:
            _known.clear()
        _known[text] = value
    if value is _Decline:
        raise _Decline
    return value


def _read_plain(text: str) -> Any:
    first = text[0]
    if first in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        raise _Decline
    if _is_typed(text):
        if _DATE.fullmatch(text):
            try:
                return dt.date(int(text[:4]), int(text[5:7]), int(text[8:]))
            except ValueError:
                raise _Decline from None
        if _INT.fullmatch(text):
            return int(text)
        raise _Decline
    return text


def _is_typed(text: str) -> bool:
    patterns = _typed_patterns().get(text[0])
    return patterns is not None and any(pattern.match(text) for pattern in patterns)
