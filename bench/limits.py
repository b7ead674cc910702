"""What the input limits cost and how fast hostile files are refused.

    .venv/bin/python bench/limits.py

Times, best of 5, in-process:
* loading the demo chapter (data/) as it is, and with the nesting and alias
  checks of ``capctl.yaml.safe.check_limits`` switched off, to show their cost on real records;
* refusing a 50 MB file, a list nested 50,000 levels deep and a "billion laughs"
  alias bomb, each dropped into a copy of the demo.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from capctl.store import files, load
from capctl.yaml import safe

DEMO = Path(__file__).resolve().parents[1] / "data"
BOMB = "name: Bomb\nstatus_history:\n  - status: prospect\n    date: 2017-01-10\n" + "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ["lol"] * 9) + "]\n" for i in range(9)
)


def best(action: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(DEMO, root)
        with_checks = best(lambda: load.load(root))
        original = safe.check_limits
        safe.check_limits = lambda text: None  # type: ignore[assignment]
        try:
            without = best(lambda: load.load(root))
        finally:
            safe.check_limits = original
        records = len(load.load(root).records)
        print(
            f"load {records} demo records: {with_checks * 1000:.1f} ms with the limits, {without * 1000:.1f} ms without"
        )

        hostile: dict[str, Callable[[Path], None]] = {
            "huge.yaml": lambda p: p.write_bytes(b"name: Huge\nnotes: |\n" + b"  more notes\n" * 4_100_000),
            "deep.yaml": lambda p: p.write_text("name: Deep\nnotes: " + "[" * 50_000 + "]" * 50_000 + "\n"),
            "bomb.yaml": lambda p: p.write_text(BOMB),
        }
        for name, write in hostile.items():
            path = root / "partners" / name
            write(path)
            size = path.stat().st_size
            seconds = best(lambda path=path: _refuse(path))  # type: ignore[misc]
            print(f"refuse {name} ({size:,} bytes): {seconds * 1000:.2f} ms: {_refuse(path)}")
            path.unlink()


def _refuse(path: Path) -> str:
    try:
        safe.load_safe(files.read_text(path))
    except safe.YamlSyntaxError as exc:
        return exc.message
    return "NOT REFUSED"


if __name__ == "__main__":
    sys.exit(main())
