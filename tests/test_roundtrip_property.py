"""Round-trip fidelity, property-based: an edit changes only the lines it means to.

Hypothesis writes record files the way people do: comments everywhere, lists
indented or not, flow lists, quoted and unquoted Unicode text, literal blocks,
blank lines, a document start, literal and folded blocks, Windows line ends. Each edit the commands make (a follow-up done, a
headcount set, a status change, a position set, people added) must leave every line outside
the edited field byte for byte, keep every comment, and mean exactly the change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capctl.edit import patch
from capctl.models.records import MODELS, Position, Record, StatusChange
from capctl.store import files, write
from capctl.vocab import PartnerStatus, RecordKind, Stance
from capctl.yaml import safe

EXAMPLES = 100
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)

words = st.text(alphabet=st.characters(categories=["L", "M", "N", "P", "S", "Zs"]), min_size=1, max_size=24).filter(
    lambda t: t.strip() == t
)
dates = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2018, 12, 31))
ids = st.sampled_from(["ana-cruz", "jon-lee", "maria-martinez", "hilda-ramos", "east-la-tenants"])
_PLAIN = re.compile(r"^[^\W\d_][\w ,.'()-]*$")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n", "~"}


@dataclass
class Style:
    """How one person happens to write YAML."""

    offset: int  # spaces before "- " of a list under a key
    crlf: bool
    blank_lines: bool
    flow_lists: bool
    document_start: bool  # a "---" line first


styles = st.builds(
    Style,
    offset=st.sampled_from([0, 2, 4]),
    crlf=st.booleans(),
    blank_lines=st.booleans(),
    flow_lists=st.booleans(),
    document_start=st.booleans(),
)


@st.composite
def text_value(draw: st.DrawFn) -> str:
    """A Unicode string as YAML: plain when it safely can be, else single- or double-quoted."""
    value = draw(words)
    quoting = draw(st.sampled_from(["plain", "single", "double"]))
    if quoting == "plain" and _PLAIN.match(value) and value.lower() not in _RESERVED and value.rstrip() == value:
        return value
    if quoting == "single":
        return "'" + value.replace("'", "''") + "'"
    return json.dumps(value, ensure_ascii=False)


@st.composite
def comment(draw: st.DrawFn) -> str:
    return "# " + draw(words)


class Writer:
    """Builds a file line by line in one style, with comments sprinkled where hypothesis says."""

    def __init__(self, draw: st.DrawFn, style: Style) -> None:
        self.draw, self.style, self.lines = draw, style, list[str]()

    def maybe_comment(self, indent: int = 0) -> None:
        if self.draw(st.booleans()):
            self.lines.append(" " * indent + self.draw(comment()))

    def inline(self) -> str:
        return "  " + self.draw(comment()) if self.draw(st.integers(0, 3)) == 0 else ""

    def key(self, key: str, value: str) -> None:
        self.maybe_comment()
        self.lines.append(f"{key}: {value}{self.inline()}")
        if self.style.blank_lines and self.draw(st.booleans()):
            self.lines.append("")

    def scalar_list(self, key: str, values: list[str]) -> None:
        if self.style.flow_lists:
            self.key(key, "[" + ", ".join(values) + "]")
            return
        self.key(key, "")
        self.lines[-1] = self.lines[-1].replace(f"{key}: ", f"{key}:", 1)
        for value in values:
            self.lines.append(" " * self.style.offset + f"- {value}{self.inline()}")

    def mapping_list(self, key: str, items: list[list[tuple[str, str]]]) -> None:
        self.key(key, "")
        self.lines[-1] = self.lines[-1].replace(f"{key}: ", f"{key}:", 1)
        pad = " " * self.style.offset
        for item in items:
            self.maybe_comment(self.style.offset)
            for n, (field, value) in enumerate(item):
                lead = pad + ("- " if n == 0 else "  ")
                self.lines.append(f"{lead}{field}: {value}{self.inline()}")

    def notes(self, key: str) -> None:
        body = self.draw(st.lists(words, min_size=1, max_size=3))
        self.maybe_comment()
        self.lines.append(f"{key}: {self.draw(st.sampled_from(['|', '|-', '>', '>-']))}")
        self.lines.extend("  " + line for line in body)

    def text(self) -> str:
        end = "\r\n" if self.style.crlf else "\n"
        return end.join(["---"] * self.style.document_start + self.lines) + end


@dataclass
class Case:
    kind: RecordKind
    record_id: str
    text: str
    change: Callable[[Any], None]
    field: str  # the top-level key the edit changes
    expected: Callable[[Record], Record]  # the record as it must read after the edit


@st.composite
def follow_up_done(draw: st.DrawFn) -> Case:
    w = Writer(draw, draw(styles))
    day = draw(dates)
    w.lines.append(draw(comment()))
    w.key("date", day.isoformat())
    w.key("kind", draw(st.sampled_from(["one-on-one", "call", "forum"])))
    w.key("title", draw(text_value()))
    w.scalar_list("people", draw(st.lists(ids, min_size=1, max_size=3, unique=True)))
    if draw(st.booleans()):
        w.notes("notes")
    count = draw(st.integers(1, 4))
    items = []
    for _ in range(count):
        item = [("task", draw(text_value()))]
        if draw(st.booleans()):
            item.append(("owner", draw(ids)))
        if draw(st.booleans()):
            item.append(("due", (day + dt.timedelta(days=draw(st.integers(0, 60)))).isoformat()))
        items.append(item)
    w.mapping_list("follow_ups", items)
    index = draw(st.integers(0, count - 1))
    done = day + dt.timedelta(days=draw(st.integers(0, 90)))

    def expected(record: Record) -> Record:
        follow_ups = list(record.follow_ups)  # type: ignore[attr-defined]
        follow_ups[index] = follow_ups[index].model_copy(update={"done": done})
        return record.model_copy(update={"follow_ups": follow_ups})

    record_id = f"{day.isoformat()}-meeting"
    change = patch.mark_follow_up_done(index, done)
    return Case(RecordKind.engagements, record_id, w.text(), change, "follow_ups", expected)


@st.composite
def headcount_set(draw: st.DrawFn) -> Case:
    w = Writer(draw, draw(styles))
    day = draw(dates)
    w.key("date", day.isoformat())
    w.key("kind", "training")
    w.key("title", draw(text_value()))
    if draw(st.booleans()):
        w.key("location", draw(text_value()))
    had = draw(st.booleans())
    if had:
        w.key("headcount", str(draw(st.integers(0, 500))))
    w.scalar_list("languages", draw(st.lists(st.sampled_from(["en", "es", "ko", "zh"]), min_size=1, unique=True)))
    if draw(st.booleans()):
        w.notes("notes")
    count = draw(st.integers(0, 5000))

    def expected(record: Record) -> Record:
        return record.model_copy(update={"headcount": count})

    change = patch.set_value(RecordKind.engagements, "headcount", count)
    return Case(RecordKind.engagements, f"{day.isoformat()}-training", w.text(), change, "headcount", expected)


@st.composite
def status_change(draw: st.DrawFn) -> Case:
    w = Writer(draw, draw(styles))
    w.key("name", draw(text_value()))
    if draw(st.booleans()):
        w.scalar_list("aliases", [draw(text_value())])
    history = sorted(draw(st.lists(dates, min_size=1, max_size=4)))
    statuses = [draw(st.sampled_from(list(PartnerStatus))) for _ in history]
    w.mapping_list(
        "status_history",
        [[("status", s.value), ("date", d.isoformat())] for s, d in zip(statuses, history, strict=True)],
    )
    if draw(st.booleans()):
        w.scalar_list("languages", ["en", "es"])
    if draw(st.booleans()):
        w.notes("notes")
    status = draw(st.sampled_from(list(PartnerStatus)))
    day = history[-1] + dt.timedelta(days=draw(st.integers(0, 400)))

    def expected(record: Record) -> Record:
        history = [*record.status_history, StatusChange(status=status, date=day)]  # type: ignore[attr-defined]
        return record.model_copy(update={"status_history": history})

    change = patch.add_status(status, day)
    return Case(RecordKind.partners, "harbor-youth", w.text(), change, "status_history", expected)


@st.composite
def position_set(draw: st.DrawFn) -> Case:
    w = Writer(draw, draw(styles))
    identified = draw(dates)
    w.key("title", draw(text_value()))
    w.key("identified", identified.isoformat())
    if draw(st.booleans()):
        w.notes("description")
    positions = draw(st.lists(st.tuples(ids, st.sampled_from(list(Stance))), max_size=3))
    if positions:
        w.mapping_list("positions", [[("official", o), ("stance", s.value)] for o, s in positions])
    official, stance = draw(ids), draw(st.sampled_from(list(Stance)))
    day = draw(st.none() | dates)

    def expected(record: Record) -> Record:
        new = Position(official=official, stance=stance, date=day, source="a hearing")
        return record.model_copy(update={"positions": [*record.positions, new]})  # type: ignore[attr-defined]

    change = patch.set_position(official, stance, day, "a hearing")
    return Case(RecordKind.priorities, "rent-relief", w.text(), change, "positions", expected)


@st.composite
def people_added(draw: st.DrawFn) -> Case:
    """What `capctl attendance import` does: people added to an engagement's list."""
    w = Writer(draw, draw(styles))
    day = draw(dates)
    w.key("date", day.isoformat())
    w.key("kind", "chapter-meeting")
    w.key("title", draw(text_value()))
    present = draw(st.lists(ids, max_size=3, unique=True))
    if present:
        w.scalar_list("people", present)
    if draw(st.booleans()):
        w.key("headcount", str(draw(st.integers(0, 90))))
    if draw(st.booleans()):
        w.notes("notes")
    added = draw(st.lists(st.sampled_from(["lupe-ortiz", "min-jun-park", "ana-cruz", "jon-lee"]), min_size=1))

    def expected(record: Record) -> Record:
        return record.model_copy(update={"people": list(dict.fromkeys([*record.people, *added]))})  # type: ignore[attr-defined]

    change = patch.add_refs(RecordKind.engagements, "people", added)
    return Case(RecordKind.engagements, f"{day.isoformat()}-chapter-meeting", w.text(), change, "people", expected)


def _top_level_span(text: str, key: str) -> tuple[int, int] | None:
    """The 0-based lines [start, end) from ``key`` to the next top-level key (comments included)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith(f"{key}:")), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[a-z_]+:", lines[i])), len(lines))
    return start, end


def assert_only_the_field_changed(case: Case) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{case.record_id}.yaml"
        path.write_bytes(case.text.encode("utf-8"))
        before = MODELS[case.kind].model_validate({**files.parse_mapping(case.text), "id": case.record_id})
        write.edit(path, case.change, case.kind)
        after_text = path.read_bytes().decode("utf-8")

    after = MODELS[case.kind].model_validate({**safe.load_safe(after_text), "id": case.record_id})
    assert after == case.expected(before)

    old, new = case.text.splitlines(keepends=True), after_text.splitlines(keepends=True)
    span = _top_level_span(case.text, case.field)
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if span is None:
            assert tag == "insert", (tag, old[i1:i2])  # a new key: lines are added, none changed
        else:
            assert span[0] <= i1 and i2 <= span[1] and (i1 < span[1] or tag == "insert"), (case.field, old[i1:i2])
        assert not any(line.lstrip().startswith("#") for line in old[i1:i2]), old[i1:i2]
    if case.text.endswith("\r\n"):
        assert all(line.endswith("\r\n") for line in new)


@SETTINGS
@given(follow_up_done())
def test_marking_a_follow_up_done_changes_only_that_follow_up(case: Case) -> None:
    assert_only_the_field_changed(case)


@SETTINGS
@given(headcount_set())
def test_setting_a_headcount_changes_only_its_line(case: Case) -> None:
    assert_only_the_field_changed(case)


@SETTINGS
@given(status_change())
def test_a_status_change_only_adds_to_the_history(case: Case) -> None:
    assert_only_the_field_changed(case)


@SETTINGS
@given(position_set())
def test_a_position_set_only_adds_to_the_positions(case: Case) -> None:
    assert_only_the_field_changed(case)


@SETTINGS
@given(people_added())
def test_adding_people_changes_only_the_people_list(case: Case) -> None:
    assert_only_the_field_changed(case)
