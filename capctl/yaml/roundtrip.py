"""Round-trip YAML for the one file being edited: an edit keeps every other line, comment and key order."""

from __future__ import annotations

import difflib
import io
import re
from collections.abc import Callable, Sequence
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from capctl.yaml.canonical import roundtrip_yaml
from capctl.yaml.safe import YamlSyntaxError, check_limits, compose_safe, describe_error, error_line, load_safe


def load_roundtrip(text: str) -> Any:
    """Parse with comments and positions kept, for one file being edited."""
    check_limits(text)
    yaml = roundtrip_yaml()
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        raise YamlSyntaxError(describe_error(exc, text), error_line(exc, text)) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise YamlSyntaxError(str(exc).splitlines()[0], None) from None


def dump_node(node: Any, indent: tuple[int, int, int] = (2, 4, 2)) -> str:
    stream = io.StringIO()
    roundtrip_yaml(*indent).dump(node, stream)
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


def line_of(text: str, loc: Sequence[str | int]) -> int | None:
    """The 1-based line of the node at ``loc`` (keys and indexes); the nearest parent's line if absent.

    From the node tree libyaml's C parser composes (``compose_safe``), with each node's position: a fifth
    of the time of a round-trip load, which a check at 60,000 files pays for every warning it places."""
    try:
        node = compose_safe(text)
    except YamlSyntaxError:
        return None
    best: int | None = 1
    for part in loc:
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(
                (pair for pair in node.value if isinstance(pair[0], ScalarNode) and pair[0].value == part), None
            )
            if pair is None:
                break
            best = pair[0].start_mark.line + 1
            node = pair[1]
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            best = node.start_mark.line + 1
        else:
            break
    return best
