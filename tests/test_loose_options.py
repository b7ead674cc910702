"""Kinds, topics, statuses and stances on the command line are matched as loosely as names (#12):
case, spaces for hyphens, a unique beginning; anything else is a usage error listing the values."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result


def test_meeting_add_takes_a_kind_and_topic_as_people_type_them(chapter: Path, run: Callable[..., Result]) -> None:
    result = run(
        "--data", chapter, "meeting", "add", "--kind", "One on one", "--topic", "Language Access",
        "--person", "ana cruz", "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "kind: one-on-one\ntopic: language-access\n" in result.stdout


def test_partner_status_and_position_stance_take_capitals(chapter: Path, run: Callable[..., Result]) -> None:
    result = run("--data", chapter, "partner", "status", "east-la-tenants", "Former", "--date", "2017-06-30")
    assert result.exit_code == 0, result.stderr
    assert "status: former\n    date: 2017-06-30\n" in (chapter / "partners" / "east-la-tenants.yaml").read_text()
    added = run("--data", chapter, "partner", "add", "Harbor Youth", "--status", "Core", "--dry-run")
    assert "  - status: core\n" in added.stdout
    stance = run(
        "--data", chapter, "position", "set", "general-relief", "hilda ramos", "Support", "--date", "2017-06-30"
    )
    assert stance.exit_code == 0, stance.stderr
    resource = run("--data", chapter, "resource", "add", "GR flyer", "--kind", "Fact", "--language", "en", "--dry-run")
    assert "kind: factsheet\n" in resource.stdout


def test_list_filters_match_loosely_too(chapter: Path, run: Callable[..., Result]) -> None:
    result = run("--data", chapter, "list", "engagements", "--kind", "one on one", "--format", "json")
    assert [row["id"] for row in json.loads(result.stdout)] == ["2017-02-14-visit-hilda-ramos"]
    result = run("--data", chapter, "list", "partners", "--status", "Core", "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_an_unknown_or_ambiguous_value_is_a_usage_error_listing_them(chapter: Path, run: Callable[..., Result]) -> None:
    result = run("--data", chapter, "meeting", "add", "--kind", "meeting", "--person", "ana cruz")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "error: --kind: 'meeting' is not one of 'one-on-one', 'call', 'chapter-meeting', 'training', 'hearing', "
        "'lobby-day', 'action', 'forum', 'other' (see `capctl meeting add --help`)\n"
    )
    # "o" begins both one-on-one and other: not a unique beginning
    result = run("--data", chapter, "partner", "status", "east-la-tenants", "p", "--date", "2017-06-30")
    assert result.exit_code == 0  # prospect is the only status beginning with p
    result = run("--data", chapter, "meeting", "add", "--kind", "o", "--person", "ana cruz")
    assert result.exit_code == 2
