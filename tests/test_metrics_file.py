"""metrics.yaml: the shipped file, its documentation, and the errors `capctl check` gives for it."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from capctl.models.metrics import Counting, Metric, MetricsFile, Period, Target, Transition, Where
from capctl.store import load as store_load
from capctl.store.chapter import template

REPO = Path(__file__).parent.parent
GRANT_METRICS = [
    "one-on-ones",
    "officials-at-hearing",
    "core-partners-in-actions",
    "testimonies",
    "core-partners-sustained",
    "new-partners-invited",
    "county-priorities",
    "multilingual-resources",
    "budget-trainings",
    "organizing-trainings",
    "chapter-meetings",
]


def test_the_shipped_file_expresses_every_grant_metric_over_2017(tmp_path: Path) -> None:
    (tmp_path / "capctl.yaml").write_text("chapter: New\n")
    (tmp_path / "metrics.yaml").write_text(template("metrics.yaml"))
    data = store_load.load(tmp_path)
    assert data.problems == []
    assert data.metrics is not None
    assert [m.id for m in data.metrics.metrics] == GRANT_METRICS
    assert (str(data.metrics.period.start), str(data.metrics.period.end)) == ("2017-01-01", "2017-12-31")
    # The test chapters use the shipped file, so the known answers are the shipped metrics' answers.
    assert (REPO / "tests/fixtures/grant/metrics.yaml").read_text() == template("metrics.yaml")


@pytest.mark.parametrize("model", [MetricsFile, Period, Metric, Target, Counting, Where, Transition])
def test_docs_describe_every_key_of_metrics_yaml(model: type[BaseModel]) -> None:
    docs = (REPO / "docs" / "metrics.md").read_text(encoding="utf-8")
    keys = [field.alias or name for name, field in model.model_fields.items()]
    assert [key for key in keys if f"`{key}`" not in docs] == []


def test_docs_read_out_every_shipped_metric() -> None:
    docs = (REPO / "docs" / "metrics.md").read_text(encoding="utf-8")
    section = docs.split("## How each shipped metric reads")[1].split("\n## ")[0]
    assert re.findall(r"^\| `([a-z-]+)` \|", section, re.MULTILINE) == GRANT_METRICS


def check_with(chapter: Path, run, old: str, new: str) -> list[str]:
    path = chapter / "metrics.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    result = run("--data", chapter, "check")
    assert result.exit_code == 1
    return result.stdout.splitlines()


def test_an_unknown_filter_is_named_with_its_line(chapter: Path, run) -> None:
    assert check_with(chapter, run, "        with_officials: true\n", "        with_official: true\n") == [
        f"{chapter}/metrics.yaml:19: error: metrics.0.count.where.with_official: unknown filter 'with_official': "
        "filters are kind, topic, tags, with_officials, partner_status, status, became, min_languages, "
        "strategy_with_partner"
    ]


def test_a_filter_that_does_not_apply_to_what_is_counted_is_an_error(chapter: Path, run) -> None:
    assert check_with(
        chapter, run, "        min_languages: 2\n", "        min_languages: 2\n        kind: [training]\n"
    ) == [
        f"{chapter}/metrics.yaml:107: error: metrics.7.count.where.kind: does not apply when counting resources "
        "(filters here: min_languages, tags, topic)"
    ]


def test_a_detail_that_does_not_apply_is_an_error(chapter: Path, run) -> None:
    assert check_with(chapter, run, "    show: [now-core]\n", "    show: [districts]\n") == [
        f"{chapter}/metrics.yaml:83: error: metrics.5.show.0: districts applies when counting engagements, not partners"
    ]


def test_previous_period_needs_the_period_window(chapter: Path, run) -> None:
    old = "    show: [languages]\n"
    assert check_with(chapter, run, old, "    show: [languages, previous-period]\n") == [
        f"{chapter}/metrics.yaml:108: error: metrics.7.show.1: previous-period needs window: period"
    ]


def test_two_metrics_with_one_id_are_an_error(chapter: Path, run) -> None:
    assert check_with(chapter, run, "  - id: chapter-meetings\n", "  - id: budget-trainings\n") == [
        f"{chapter}/metrics.yaml:134: error: metrics.10.id: duplicate metric id 'budget-trainings' (also metrics.8)"
    ]


def test_a_transition_must_change_the_status(chapter: Path, run) -> None:
    assert check_with(chapter, run, "          - from: prospect\n", "          - from: core\n") == [
        f"{chapter}/metrics.yaml:81: error: metrics.5.count.where.became.1: from and to are the same status: "
        "that is not a change"
    ]


def test_officials_are_counted_through_engagements(chapter: Path, run) -> None:
    lines = check_with(chapter, run, "      records: officials\n      via: engagements\n", "      records: officials\n")
    assert lines == [
        f"{chapter}/metrics.yaml:29: error: metrics.1.count.records: officials are counted through engagements: "
        "add via: engagements"
    ]


@pytest.mark.subprocess
def test_the_command_line_starts_without_the_report_or_its_libraries() -> None:
    code = (
        "import sys, capctl.cli; "
        "print(sorted(m for m in ('capctl.report', 'capctl.report.metrics', 'rich', 'pydantic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "[]\n"
