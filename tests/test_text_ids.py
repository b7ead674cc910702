"""Ids derived from names in any script."""

import pytest

from capctl.text import make_id


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("María Martínez", "maria-martinez"),
        ("김민준", "gim-min-jun"),
        ("王小明", "wang-xiao-ming"),
        ("さくら", "sakura"),
        ("Արամ Սարգսյան", "aram-sargsyan"),
        ("Мария Иванова", "mariya-ivanova"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Straße", "strasse"),
    ],
)
def test_names_are_folded_or_transliterated(name: str, expected: str) -> None:
    assert make_id(name, "person") == expected


def test_a_name_of_symbols_only_gets_a_stable_fallback() -> None:
    assert make_id("???", "person") == "person-2d86c2a6"
    assert make_id("???", "person") == make_id("???", "person")
