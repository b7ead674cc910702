"""The fast reader gives exactly what ruamel's safe loader gives, or declines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from capctl.yaml import canonical, safe
from capctl.yaml import fast as fastyaml
from capctl.yaml.safe import YamlSyntaxError

REPO = Path(__file__).parent.parent
OPENSTATES = REPO.parent / "shared" / "openstates-ca"


def ruamel(text: str) -> Any:
    try:
        return safe.load_safe(text)
    except YamlSyntaxError as exc:
        return exc


def assert_same_or_declined(text: str) -> bool:
    """True when the fast reader read the text (and agreed with ruamel), False when it declined."""
    fast = fastyaml.load(text)
    if fast is fastyaml.FALLBACK:
        return False
    expected = ruamel(text)
    assert not isinstance(expected, YamlSyntaxError), f"read what ruamel rejects ({expected.message}):\n{text}"
    assert fast == expected, text
    assert _types(fast) == _types(expected), text
    return True


def _types(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _types(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_types(v) for v in value]
    return type(value).__name__


def yaml_files() -> list[Path]:
    roots = [REPO / "tests" / "fixtures", REPO / "data", OPENSTATES / "data"]
    return sorted(p for root in roots if root.is_dir() for p in root.rglob("*.y*ml"))


def test_every_yaml_file_of_the_project_and_open_states_reads_the_same() -> None:
    read = 0
    for path in yaml_files():
        read += assert_same_or_declined(path.read_text(encoding="utf-8", errors="replace").lstrip("\ufeff"))
    assert read >= 200


def test_the_files_capctl_writes_and_people_edit_are_read_without_ruamel() -> None:
    text = (
        "# yaml-language-server: $schema=../schemas/partner.schema.json\n"
        "name: Asociación de Vecinos — East LA\n"
        "aliases: [AVELA, Vecinos]\n"
        "title: 'Vecinos: East LA'\n"
        "status_history:\n"
        "  - status: prospect\n"
        "    date: 2016-09-01\n"
        "  # voted in at the November meeting\n"
        "  - status: core\n"
        "    date: 2016-11-15\n"
        "    note: It's official\n"
        "districts:\n"
        "- sd1\n"
        "- sd2\n"
        "website: https://example.org/a#b\n"
        "phone: 213-555-0199\n"
        "headcount: 24\n"
        "notes: |\n"
        "  Line one.\n"
        "\n"
        "    indented # not a comment\n"
        "tags: []\n"
    )
    assert fastyaml.load(text) == {
        "name": "Asociación de Vecinos — East LA",
        "aliases": ["AVELA", "Vecinos"],
        "title": "Vecinos: East LA",
        "status_history": [
            {"status": "prospect", "date": dt.date(2016, 9, 1)},
            {"status": "core", "date": dt.date(2016, 11, 15), "note": "It's official"},
        ],
        "districts": ["sd1", "sd2"],
        "website": "https://example.org/a#b",
        "phone": "213-555-0199",
        "headcount": 24,
        "notes": "Line one.\n\n  indented # not a comment\n",
        "tags": [],
    }
    assert assert_same_or_declined(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!python/object:os.system x\n",
        "a: true\n",
        "a: False\n",
        "a: 1.5\n",
        "a: 0x1f\n",
        "a: ~\n",
        "a: null\n",
        "a: 2017-02-30\n",
        "a: 1\na: 2\n",
        "a: one\n  two\n",
        "a:\n\tb: 1\n",
        "a: >\n  folded\n",
        "a: |+\n  kept\n\n",
        "a: {b: 1}\n",
        "a: 'unclosed\n",
        'a: "escaped \\n"\n',
        "- a\n- b\n",
        "just text\n",
        "",
        "%YAML 1.1\n---\na: yes\n",
        "a: b # comment\n",
        "a:\n  b: 1\n c: 2\n",
        "true: 1\n",
        "a: x\r\nb: y\r\n",
        "a: |\n  no final line break",
    ],
)
def test_what_it_does_not_fully_understand_is_left_to_ruamel(text: str) -> None:
    assert fastyaml.load(text) is fastyaml.FALLBACK


SCALARS = st.lists(
    st.sampled_from([*"aZé 0129-:.#'\"[]{},|>&*!%@`~+=_/\\?\tü한", "yes", "true", "null", "2017-01-01", "0x"]),
    max_size=8,
).map("".join)
KEYS = st.sampled_from(["a", "b", "name", "date", "true", "null", "x_1", "Yes"])


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 4, 6]))
        shape = draw(st.sampled_from(["key", "key-value", "item", "item-key", "comment", "blank", "literal"]))
        key, value = draw(KEYS), draw(SCALARS)
        lines.append(
            {
                "key": f"{indent}{key}:",
                "key-value": f"{indent}{key}: {value}",
                "item": f"{indent}- {value}",
                "item-key": f"{indent}- {key}: {value}",
                "comment": f"{indent}# {value}",
                "blank": indent,
                "literal": f"{indent}{key}: |" + draw(st.sampled_from(["", "-"])),
            }[shape]
        )
    return "\n".join(lines) + draw(st.sampled_from(["\n", ""]))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_read_the_same_or_are_declined(text: str) -> None:
    assert_same_or_declined(text)


PLAIN_VALUES = st.recursive(
    st.one_of(
        st.text(max_size=20),
        st.integers(0, 10**6),
        st.dates(),
        st.sampled_from(["yes", "no", "on", "1.5", "2017-01-01", "0755", "-1", "~", "null", "a: b", "#x", "x #y"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), children, max_size=3),
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), PLAIN_VALUES, min_size=1, max_size=5))
def test_what_capctl_writes_reads_the_same(value: dict[str, Any]) -> None:
    assert_same_or_declined(canonical.dump(value, header=["a comment"]))
