"""How long `capctl fmt --check` and `capctl fmt` take on a chapter of realistic size.

    .venv/bin/python bench/fmt.py [COPIES]

Copies the demo chapter to a temporary folder with each engagement repeated
COPIES times (default 30: about 4,800 records), then times, in-process and
best of 3: `fmt --check` on the canonical files (what a pull-request check or a
hook run costs), and `fmt` rewriting every engagement after their schema
comment is removed (a first run on a hand-written chapter).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from capctl.cli import app

DEMO = Path(__file__).resolve().parents[1] / "data"


def build(root: Path, copies: int) -> int:
    shutil.copytree(DEMO, root)
    engagements = sorted((root / "engagements").rglob("*.yaml"))
    for path in engagements:
        text = path.read_text(encoding="utf-8")
        for i in range(2, copies + 1):
            path.with_name(f"{path.stem}-copy-{i}.yaml").write_text(text, encoding="utf-8")
    return sum(1 for _ in root.rglob("*.yaml"))


def best_of_3(action: Callable[[], object], prepare: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(3):
        prepare()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def strip_headers(root: Path) -> None:
    for path in (root / "engagements").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("\n", 1)[1], encoding="utf-8")


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "data"
        files = build(root, copies)

        def fmt(*args: str) -> None:
            result = runner.invoke(app, ["--data", str(root), "fmt", *args])
            assert result.exit_code == 0, result.stdout + result.stderr

        check = best_of_3(lambda: fmt("--check"))
        rewrite = best_of_3(lambda: fmt(), prepare=lambda: strip_headers(root))
    print(f"{files} files: fmt --check {check:.2f} s ({check / files * 1000:.2f} ms a file), "
          f"fmt rewriting the engagements {rewrite:.2f} s")  # fmt: skip


if __name__ == "__main__":
    main()
