"""Safe YAML reading: ruamel's safe loader on the C parser (no object is ever built from a tag), with limits
on size, nesting and aliases, and syntax errors worded for organizers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError


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


def compose_safe(text: str) -> Any:
    """The node tree of a document, with each node's position, composed by the safe loader's parser (C
    where libyaml is there); nothing is constructed. Within the same limits as :func:`load_safe`."""
    check_limits(text)
    try:
        return _safe_yaml().compose(text)
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(describe_error(exc, text), error_line(exc, text)) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None


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
        raise YamlSyntaxError(describe_error(exc, text), error_line(exc, text)) from None
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
        raise YamlSyntaxError(describe_error(exc, text), error_line(exc, text)) from None
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


def error_line(exc: MarkedYAMLError, text: str = "") -> int | None:
    """The line to show: where the problem is, or where the unclosed construct began
    when the parser only noticed at the end of the file; never past the last line."""
    problem, context = exc.problem_mark, exc.context_mark
    last = max(len(text.rstrip().splitlines()), 1)
    if problem is None:
        return None if context is None else min(int(context.line) + 1, last)
    if problem.line >= last and context is not None:
        return min(int(context.line) + 1, last)
    return min(int(problem.line) + 1, last)


def describe_error(exc: MarkedYAMLError, text: str) -> str:
    from ruamel.yaml.constructor import DuplicateKeyError

    if isinstance(exc, DuplicateKeyError):
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "?"
        return f"duplicate key {key!r}"
    problem = (exc.problem or "").strip()
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'").replace("tag:yaml.org,2002:", "!!")
        return f"tags are not allowed: {tag}"
    line = error_line(exc, text)
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
