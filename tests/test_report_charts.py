"""Charts over time (issue #15): a burn-up per metric and the training districts over time in the HTML
report, the same figures as values by month in the Markdown report; every point is the report as of
its day, and a public chart names no one."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from capctl.models.records import Official, Partner, Person
from capctl.report import svg
from capctl.report.build import build
from capctl.report.metrics import evaluate
from capctl.store.load import load
from tests.conftest import FIXTURES, REPO

DEMO_DATE = "2017-09-30"
START = dt.date(2017, 1, 1)
DAYS = 365  # the grant period of the fixtures and the demo: 2017


class Charts(HTMLParser):
    """Each ``<svg class="chart">``: its attributes, its elements' attributes in order, its texts,
    its title and desc; and every id in the page."""

    def __init__(self) -> None:
        super().__init__()
        self.charts: list[dict[str, object]] = []
        self.ids: list[str] = []
        self._open: dict[str, object] | None = None
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if tag == "svg" and found.get("class") == "chart":
            self._open = {"attrs": found, "elements": [], "texts": [], "title": "", "desc": ""}
            self.charts.append(self._open)
        elif self._open is not None:
            self._open["elements"].append((tag, found))  # type: ignore[attr-defined]
            self._in = tag

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self._open = None
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._open is None or self._in is None:
            return
        if self._in == "text":
            self._open["texts"].append(data)  # type: ignore[attr-defined]
        elif self._in in ("title", "desc"):
            self._open[self._in] = data


def charts_of(page: str) -> Charts:
    parser = Charts()
    parser.feed(page)
    return parser


def by_id(parser: Charts) -> dict[str, dict[str, object]]:
    return {str(chart["attrs"]["aria-labelledby"]).split()[0].removesuffix("-title"): chart for chart in parser.charts}  # type: ignore[index]


def elements(chart: dict[str, object], tag: str) -> list[dict[str, str]]:
    return [attrs for name, attrs in chart["elements"] if name == tag]  # type: ignore[attr-defined]


# --- the Markdown table: each value is the report as of that day ---------------------------


def over_time_table(markdown: str) -> tuple[list[str], list[list[str]]]:
    section = markdown.split("## Over time\n", 1)[1].split("\n## ", 1)[0]
    rows = [[c.strip() for c in line.strip("|").split(" | ")] for line in section.splitlines() if line.startswith("| ")]
    return rows[0], rows[1:]


def test_the_markdown_values_by_month_are_the_report_as_of_each_months_end(grant: Path, run) -> None:
    result = run("--data", grant, "report", "--format", "markdown")
    assert result.exit_code == 0
    columns, rows = over_time_table(result.stdout)
    assert columns == ["Metric", "Target", "Jan", "Feb", "Mar", "Apr", "May", "Jun"]
    assert rows[0] == ["Period elapsed", "", "8%", "16%", "25%", "33%", "41%", "50%"]
    ends = ["2017-01-31", "2017-02-28", "2017-03-31", "2017-04-30", "2017-05-31", "2017-06-30"]
    expected: list[list[str]] = [[] for _ in rows[1:]]
    for day in ends:
        document = json.loads(run("--data", grant, "report", "--as-of", day, "--format", "json").stdout)
        i = 0
        for metric in document["metrics"]:
            expected[i].append(str(metric["value"]))
            i += 1
            if metric["id"] in ("budget-trainings", "organizing-trainings"):
                explained = run(
                    "--data", grant, "report", "--as-of", day, "--explain", metric["id"], "--format", "json"
                )
                expected[i].append(str(len(json.loads(explained.stdout)["details"]["districts"])))
                i += 1
    assert [row[2:] for row in rows[1:]] == expected
    assert [row[:2] for row in rows[1:4]] == [
        ["One-on-one meetings with electeds and staff", "at least 12"],
        ["Elected officials at the LA Poverty Hearing", "8 to 12"],
        ["Core partners at the hearing, lobby days and actions", "at least 10"],
    ]
    assert [row[:2] for row in rows if row[0].startswith("↳")] == [["↳ districts covered", "of 3"]] * 2
    assert expected[1] == ["0", "0", "0", "0", "3", "3"]  # the hearing in May brought three officials


def test_an_as_of_date_within_a_month_is_the_last_column(grant: Path, run) -> None:
    result = run("--data", grant, "report", "--format", "markdown", "--as-of", "2017-03-15")
    columns, rows = over_time_table(result.stdout)
    assert columns[2:] == ["Jan", "Feb", "Mar 15"]
    assert rows[0][2:] == ["8%", "16%", "20%"]
    assert "(the last column: as of 2017-03-15)" in result.stdout


def test_a_roll_up_charts_the_sum_of_its_chapters(tmp_path: Path, run) -> None:
    la, sf = tmp_path / "la", tmp_path / "sf"
    shutil.copytree(FIXTURES / "grant", la)
    shutil.copytree(FIXTURES / "chapter", sf)
    tables = [
        over_time_table(run("--data", *folder, "report", "--format", "markdown").stdout) for folder in ([la], [sf])
    ]
    both = over_time_table(run("--data", la, "--data", sf, "report", "--format", "markdown").stdout)
    assert both[0] == tables[0][0]
    for i, row in enumerate(both[1][1:], 1):
        assert row[2:] == [str(int(a) + int(b)) for a, b in zip(tables[0][1][i][2:], tables[1][1][i][2:], strict=True)]
    assert both[1][10][:2] == ["↳ districts covered", "of 6"]  # three districts in each chapter
    page = run("--data", la, "--data", sf, "report", "--format", "html").stdout
    assert len(charts_of(page).charts) == 13


def test_nothing_is_charted_before_the_period_begins(grant: Path, run) -> None:
    markdown = run("--data", grant, "report", "--format", "markdown", "--as-of", "2016-12-15").stdout
    page = run("--data", grant, "report", "--format", "html", "--as-of", "2016-12-15").stdout
    assert "## Over time" not in markdown and "over time" not in page
    assert charts_of(page).charts == []


# --- the HTML charts ------------------------------------------------------------------------


def test_the_html_report_draws_a_burn_up_per_metric_and_the_districts_of_trainings(grant: Path, run) -> None:
    result = run("--data", grant, "report", "--format", "html")
    assert result.exit_code == 0
    parser = charts_of(result.stdout)
    assert list(by_id(parser)) == [
        "chart-one-on-ones",
        "chart-officials-at-hearing",
        "chart-core-partners-in-actions",
        "chart-testimonies",
        "chart-core-partners-sustained",
        "chart-new-partners-invited",
        "chart-county-priorities",
        "chart-multilingual-resources",
        "chart-budget-trainings",
        "chart-budget-trainings-districts",
        "chart-organizing-trainings",
        "chart-organizing-trainings-districts",
        "chart-chapter-meetings",
    ]
    assert len(parser.ids) == len(set(parser.ids))  # ids (the hatch patterns' among them) never clash
    for chart in parser.charts:
        attrs = chart["attrs"]
        assert attrs["role"] == "img"  # type: ignore[index]
        assert all(i in parser.ids for i in attrs["aria-labelledby"].split())  # type: ignore[index]
        assert chart["title"] and chart["desc"]
    for section in ("Relationships over time", "Coalition over time", "Capacity over time"):
        assert f"<h2>{section}</h2>" in result.stdout
    assert "section.over-time { break-before: page;" in result.stdout  # one section a printed page
    explain = run("--data", grant, "report", "--format", "html", "--explain", "one-on-ones").stdout
    assert charts_of(explain).charts == []


def frame_point(x: str, y: str, top: int) -> tuple[dt.date, float]:
    """A point of a chart back to the day and value it stands for."""
    day = START + dt.timedelta(days=round((float(x) - svg.LEFT) / (svg.WIDTH - svg.LEFT - svg.RIGHT) * DAYS) - 1)
    return day, (svg.BOTTOM - float(y)) / (svg.BOTTOM - svg.TOP) * top


def top_of(chart: dict[str, object]) -> int:
    """The value at the top of the plot: the highest gridline's label."""
    return max(int(t) for t in chart["texts"] if t.isdigit())  # type: ignore[attr-defined]


@pytest.mark.parametrize("metric_id", ["one-on-ones", "officials-at-hearing", "core-partners-sustained"])
def test_each_point_drawn_is_the_metric_as_of_its_day(grant: Path, run, metric_id: str) -> None:
    chart = by_id(charts_of(run("--data", grant, "report", "--format", "html").stdout))[f"chart-{metric_id}"]
    top = top_of(chart)
    (line,) = elements(chart, "polyline")
    points = [frame_point(*pair.split(","), top) for pair in line["points"].split()]
    week_ends = [START + dt.timedelta(days=6 + 7 * k) for k in range(26)]  # up to 2017-07-01
    month_ends = [dt.date(2017, m + 1, 1) - dt.timedelta(days=1) for m in range(1, 6)]
    days = sorted({START - dt.timedelta(days=1), *(d for d in week_ends if d < dt.date(2017, 6, 30)), *month_ends})
    assert [day for day, _ in points] == [*days, dt.date(2017, 6, 30)]
    data = load(grant)
    assert data.metrics is not None
    metric = data.metrics.metric(metric_id)
    assert metric is not None
    for day, value in points:
        assert value == pytest.approx(evaluate(data, metric, data.metrics.period, day).value, abs=0.01), day


def test_a_burn_up_has_its_target_band_its_pace_and_the_as_of_day(grant: Path, run) -> None:
    charts = by_id(charts_of(run("--data", grant, "report", "--format", "html").stdout))
    officials = charts["chart-officials-at-hearing"]
    top = top_of(officials)
    assert top == 15  # room above the maximum of 12, in steps of 5
    band = next(r for r in elements(officials, "rect") if r.get("fill") == "url(#chart-officials-at-hearing-target)")
    low, high = (
        frame_point("0", str(float(band["y"]) + float(band["height"])), top)[1],
        frame_point("0", band["y"], top)[1],
    )
    assert (round(low, 2), round(high, 2)) == (8, 12)
    pace = next(line for line in elements(officials, "line") if line.get("stroke-dasharray") == "6 4")
    assert frame_point(pace["x1"], pace["y1"], top) == (START - dt.timedelta(days=1), 0)
    assert frame_point(pace["x2"], pace["y2"], top) == (dt.date(2017, 12, 31), 8)
    assert "as of 2017-06-30" in officials["texts"]  # type: ignore[operator]
    as_of = next(line for line in elements(officials, "line") if line.get("stroke-dasharray") == "2 3")
    assert frame_point(as_of["x1"], "0", top)[0] == dt.date(2017, 6, 30)
    assert officials["texts"][-4:] == ["value", "even pace", "target 8 to 12", "as of"]  # type: ignore[index]
    # A rolling count (the last 90 days) has no pace to keep.
    rolling = charts["chart-core-partners-sustained"]
    assert not [line for line in elements(rolling, "line") if line.get("stroke-dasharray") == "6 4"]
    assert rolling["texts"][-3:] == ["value", "target 10 to 15", "as of"]  # type: ignore[index]


def test_the_charts_in_words(grant: Path, run) -> None:
    charts = by_id(charts_of(run("--data", grant, "report", "--format", "html").stdout))
    officials = charts["chart-officials-at-hearing"]
    assert (
        officials["title"] == "Elected officials at the LA Poverty Hearing: week by week from 2017-01-01 to 2017-06-30"
    )
    assert officials["desc"] == (
        "3 as of 2017-06-30, target 8 to 12 by 2017-12-31: behind (4 expected by now). "
        "At each month's end: Jan 0, Feb 0, Mar 0, Apr 0, May 3, Jun 3."
    )
    districts = charts["chart-budget-trainings-districts"]
    assert districts["desc"] == (
        "2 of 3 districts covered as of 2017-06-30 (sd1 by 2017-03-25; sd2 by 2017-05-06). "
        "At each month's end: Jan 0, Feb 0, Mar 1, Apr 1, May 2, Jun 2."
    )
    assert districts["texts"][-4:] == ["sd1", "sd2", "districts covered", "all 3 districts"]  # type: ignore[index]


@pytest.mark.parametrize("fixture", ["grant", "chapter", "demo", "bench-S"])
def test_every_point_is_the_reports_evaluation_as_of_its_day(fixture: str, tmp_path: Path) -> None:
    """The points are evaluated on only the records that may count for each metric (fast at size M):
    every point of every metric is what the report says as of that day on the whole data set."""
    if fixture == "bench-S":  # 1,000 engagements over ten years, 200 partners changing status
        from bench.generate import SIZES, generate

        generate(tmp_path / "data", SIZES["S"])
        folder = tmp_path / "data"
    else:
        folder = REPO / "data" if fixture == "demo" else FIXTURES / fixture
    data = load(folder, cache=False)
    assert data.metrics is not None
    as_of = dt.date(2017, 6, 30) if fixture in ("grant", "chapter") else dt.date(2017, 9, 30)
    report = build([data], as_of, charts=True)
    assert [s.metric.id for s in report.series] == [m.id for m in data.metrics.metrics]
    for series in report.series:
        for point in series.points:
            whole = evaluate(data, series.metric, data.metrics.period, point.day)
            assert (point.value, point.districts) == (
                whole.value,
                None if whole.districts is None else tuple(whole.districts),
            ), (series.metric.id, point.day)
    assert build([data], as_of).series == []  # the text and JSON reports do not pay for the charts


# --- --public: numbers only ---------------------------------------------------------------


def test_public_charts_of_the_demo_show_numbers_only(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = tmp_path / "data"
    shutil.copytree(REPO / "data", demo)
    monkeypatch.setenv("CAPCTL_TODAY", DEMO_DATE)
    internal = run("--data", demo, "report", "--format", "html").stdout
    public = run("--data", demo, "report", "--format", "html", "--public").stdout
    sections = [re.findall(r'<section class="over-time">.*?</section>', page, re.DOTALL) for page in (internal, public)]
    assert len(sections[1]) == 3 and sections[0] == sections[1]  # the same charts: no name to withhold
    charts = charts_of(public).charts
    assert len(charts) == 13
    data = load(demo)
    names = {name for person in data.typed(Person) for name in person.names()}
    names |= {record.name for kind in (Partner, Official) for record in data.typed(kind)}
    names |= set(data.records)
    shown = "\n".join(sections[1])
    assert not sorted(n for n in names if len(n) >= 4 and n in shown)
    months = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
    allowed = re.compile(
        rf"\d+|{months}|as of( \d{{4}}-\d\d-\d\d)?|value|even pace|target .*|districts covered|all \d+ districts"
        r"|sd\d(, sd\d)*"
    )
    texts = {t for chart in charts for t in chart["texts"]}  # type: ignore[attr-defined]
    assert [t for t in sorted(texts) if not allowed.fullmatch(t)] == []
