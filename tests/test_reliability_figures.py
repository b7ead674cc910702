"""The README's Reliability section states what the tests establish: its figures are the tests' own."""

from __future__ import annotations

from tests import test_bad_corpus, test_crash_and_concurrency, test_roundtrip_property
from tests.conftest import REPO


def test_the_readme_states_the_figures_the_tests_establish() -> None:
    readme = REPO.joinpath("README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    crash = test_crash_and_concurrency
    properties = [name for name in dir(test_roundtrip_property) if name.startswith("test_")]
    edits = len(properties) * test_roundtrip_property.EXAMPLES
    assert f"`tests/bad/`, {len(test_bad_corpus.CASES)} cases" in section
    assert f"killed (`SIGKILL`) {crash.KILLS} times" in section
    assert f"{crash.WRITERS} processes each add {crash.RECORDS_PER_WRITER} meetings" in section
    assert f"all {crash.WRITERS * crash.RECORDS_PER_WRITER} land in" in section
    assert f"{crash.WRITERS} processes each making {crash.EDITS_PER_WRITER} edits" in section
    assert f"{edits} generated edits" in section
