"""The demo's HTML report in headless Chromium: its charts render, each at its size (issue #15).

No script goes into the page: a copy of the report gets one more CSS rule drawing a magenta outline
around every chart, Chromium takes a screenshot, and each outline found in the picture is a chart as
the browser laid it out. Inside each outline the chart's own ink must be there (its value line, the
hatched target, the dark axes), so an empty or broken SVG fails too.

Chromium comes from Debian (``apt-get install chromium``); where it is missing the test is skipped,
except in CI (``CI=true``), where .ci/run installs it and its absence is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from capctl.report import svg
from tests.conftest import REPO

pytestmark = pytest.mark.subprocess

DEMO_DATE = "2017-09-30"
WIDTH, HEIGHT = 1280, 9000
MAGENTA = (255, 0, 255)
OUTLINE = "svg.chart { outline: 3px solid #ff00ff; outline-offset: 3px; }"
CHARTS = 13  # a burn-up for each of the demo's 11 metrics, and districts over time for its 2 kinds of training


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the screenshot test: .ci/run installs Debian's chromium when CI=true")
        pytest.skip("headless Chromium is not installed (apt-get install chromium); CI installs it")
    return found


def screenshot(page: Path, out: Path, profile: Path) -> Image.Image:
    command = [
        chromium(),
        *("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"),
        *("--disable-background-networking", "--disable-component-update", "--disable-sync"),
        *("--hide-scrollbars", "--force-device-scale-factor=1", f"--window-size={WIDTH},{HEIGHT}"),
        f"--user-data-dir={profile}",
        f"--screenshot={out}",
        page.as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0 and out.exists(), done.stderr
    return Image.open(out).convert("RGB")


def outlines(picture: Image.Image) -> list[tuple[int, int, int, int]]:
    """The magenta rectangles of a picture (left, top, right, bottom), top to bottom and left to right:
    their top and bottom edges are rows of magenta at least 100 pixels long."""
    width, height = picture.size
    split = zip(picture.split(), MAGENTA, strict=True)
    channels = [c.point(lambda v, want=want: 255 if v == want else 0) for c, want in split]
    mask = ImageChops.multiply(ImageChops.multiply(channels[0], channels[1]), channels[2]).tobytes()
    edges: dict[tuple[int, int], list[int]] = {}
    for y in range(height):
        row = mask[y * width : (y + 1) * width]
        for run in re.finditer(rb"\xff{100,}", row):
            edges.setdefault((run.start(), run.end()), []).append(y)
    found = []
    for (left, right), rows in edges.items():
        groups: list[list[int]] = []  # an edge is a few rows in a row (the outline's thickness)
        for y in rows:
            if groups and y == groups[-1][-1] + 1:
                groups[-1].append(y)
            else:
                groups.append([y])
        found += [(left, top[0], right, bottom[-1] + 1) for top, bottom in zip(groups[::2], groups[1::2], strict=True)]
    return sorted(found, key=lambda box: (box[1], box[0]))


def colors(picture: Image.Image, box: tuple[int, int, int, int]) -> set[tuple[int, int, int]]:
    inner = picture.crop((box[0] + 6, box[1] + 6, box[2] - 6, box[3] - 6))
    return {color for _, color in inner.getcolors(maxcolors=1 << 20) or []}


def rgb(color: str) -> tuple[int, int, int]:
    return (int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16))


def test_the_demo_reports_charts_render_in_headless_chromium(tmp_path: Path, run, monkeypatch) -> None:
    chromium()
    demo = tmp_path / "data"
    shutil.copytree(REPO / "data", demo)
    monkeypatch.setenv("CAPCTL_TODAY", DEMO_DATE)
    result = run("--data", demo, "report", "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = tmp_path / "report.html"
    page.write_text(result.stdout.replace("</style>", OUTLINE + "</style>", 1), encoding="utf-8")
    picture = screenshot(page, tmp_path / "report.png", tmp_path / "profile")

    boxes = outlines(picture)
    assert len(boxes) == CHARTS == result.stdout.count('<svg class="chart"')
    assert boxes[-1][3] < HEIGHT - 100  # the whole of the last chart is in the picture
    ratio = svg.HEIGHT / svg.WIDTH
    for left, top, right, bottom in boxes:
        width, height = right - left - 12, bottom - top - 12  # the outline: 3 pixels wide, 3 pixels off
        assert 360 <= width <= 560, (left, top, right, bottom)  # two charts side by side in a 62rem page
        assert height == pytest.approx(width * ratio, abs=3)  # drawn whole, not clipped or squashed
    assert len({box[0] for box in boxes}) == 2  # two columns
    for box in boxes:
        seen = colors(picture, box)
        assert rgb(svg.INK) in seen  # the axes
        assert seen & {rgb(c) for c in svg.LINE.values()} or rgb(svg.INK) in seen  # the value line
        assert len(seen) > 20  # lines, hatching and text, antialiased: a drawing, not a blank box
    burn_ups = [box for box in boxes if rgb(svg.BAND) in colors(picture, box)]
    assert len(burn_ups) == 11  # the hatched target band of every metric (not of the districts)
