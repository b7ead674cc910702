"""Time the pull-request and import commands on the demo chapter and the real Open States data.

    .venv/bin/python bench/review.py [--runs 3]

Copies data/ into a temporary git repository (committed on main, a branch with one changed
engagement), then runs each command as CI or an organizer would (a new process each time)
and prints the median wall time. The import runs over ../shared/openstates-ca when present.
Nothing here is a test: speed is measured, not asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "openstates-ca"
CAPCTL = [sys.executable, "-m", "capctl"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True)


def timed(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([*CAPCTL, *args], cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    env = {**os.environ, "NO_COLOR": "1", "CAPCTL_TODAY": "2026-08-05", "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory(prefix="capctl-bench-") as temporary:
        repo = Path(temporary) / "repo"
        shutil.copytree(ROOT / "data", repo / "data")
        git(repo, "init", "--quiet", "--initial-branch=main")
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "add", "-A")
        git(repo, "-c", "user.name=bench", "-c", "user.email=bench@example.org", "commit", "--quiet", "-m", "demo")
        git(repo, "checkout", "--quiet", "-b", "change")
        changed = sorted((repo / "data" / "engagements").rglob("*.yaml"))[0]
        changed.write_text(changed.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
        files = sum(1 for _ in (repo / "data").rglob("*.yaml"))
        print(f"demo chapter: {files} YAML files; median of {runs} runs, a new process each")
        commands = {
            "check": ["--data", "data", "check"],
            "check --changed": ["--data", "data", "check", "--changed"],
            "report --compare main": ["--data", "data", "report", "--compare", "main", "--as-of", "2017-09-30"],
        }
        if SHARED.is_dir():
            commands["official import --dry-run (216 files)"] = [
                "--data", "data", "official", "import", "--openstates", str(SHARED), "--dry-run",
            ]  # fmt: skip
        for name, args in commands.items():
            times = [timed(args, repo, env) for _ in range(runs)]
            print(f"{name:45} {statistics.median(times):6.2f} s")
        if SHARED.is_dir():
            args = ["--data", "data", "official", "import", "--openstates", str(SHARED)]
            print(f"{'official import, first (writes 160 files)':45} {timed(args, repo, env):6.2f} s")
            print(f"{'official import, second (no change)':45} {timed(args, repo, env):6.2f} s")


if __name__ == "__main__":
    main()
