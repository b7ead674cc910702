"""The bad-input corpus: every case in tests/bad/ is refused with its exact message, and nothing changes.

Each case is a folder: the files it adds (``data/...`` on top of a copy of the
fixture chapter, or inputs for a command) and ``case.yaml``, which gives the
command line (and ``env``, variables to set), the exit status and the exact stdout and stderr. Huge or binary
inputs, links and empty folders are generated (``generate:``) instead of being kept in git; ``disk:``
(``read-only`` or ``full``) makes the file system refuse the store's writes.
"""

from __future__ import annotations

import errno
import hashlib
import os
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import FIXTURES

BAD = Path(__file__).parent / "bad"
CASES = sorted(path.parent for path in BAD.glob("*/case.yaml"))
BIG_FILE_BYTES = 50 * 1024 * 1024


def _big_file(work: Path) -> None:
    """A 50 MB partner file of valid-looking YAML: refused from its size alone, before it is read."""
    path = work / "data" / "partners" / "huge.yaml"
    line = b"  - just one more line of notes that goes on and on\n"
    with path.open("wb") as handle:
        handle.write(b"name: Huge\nstatus_history:\n  - status: prospect\n    date: 2017-01-10\nnotes:\n")
        handle.write(line * (BIG_FILE_BYTES // len(line) + 1))


def _binary(work: Path) -> None:
    """A PDF's first bytes and some noise, saved as a record."""
    noise = random.Random(7).randbytes(4096)
    (work / "data" / "resources" / "scan.yaml").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + noise + b"\x00\x00")


def _deep_nesting(work: Path) -> None:
    depth = 50_000
    (work / "data" / "people" / "deep.yaml").write_text(
        "name: Deep\nnotes: " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )


def _dangling_link(work: Path) -> None:
    (work / "data" / "people" / "gone.yaml").symlink_to("nobody.yaml")


def _looping_link(work: Path) -> None:
    (work / "data" / "people" / "loop.yaml").symlink_to("loop.yaml")


def _folder_named_like_a_record(work: Path) -> None:
    (work / "data" / "people" / "ghost.yaml").mkdir()  # git keeps no empty folder


def _pipe(work: Path) -> None:
    os.mkfifo(work / "data" / "people" / "pipe.yaml")  # reading it would wait forever


def _no_metrics(work: Path) -> None:
    (work / "data" / "metrics.yaml").unlink()


def _metrics_looping_link(work: Path) -> None:
    (work / "data" / "metrics.yaml").unlink()
    (work / "data" / "metrics.yaml").symlink_to("metrics.yaml")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "big-file": _big_file,
    "binary": _binary,
    "deep-nesting": _deep_nesting,
    "dangling-link": _dangling_link,
    "looping-link": _looping_link,
    "folder-named-like-a-record": _folder_named_like_a_record,
    "no-metrics": _no_metrics,
    "pipe": _pipe,
    "metrics-looping-link": _metrics_looping_link,
}


def _refuse_writes(monkeypatch: pytest.MonkeyPatch, disk: str) -> None:
    """The disk says no where the store writes a file (``disk:`` in case.yaml), as a read-only mount
    (EROFS when the temporary file is created) or a full disk (ENOSPC when it is flushed to the disk)
    would; a bind mount cannot do it here, since tests may run as root."""
    if disk == "read-only":

        def mkstemp(*args: Any, dir: str | Path | None = None, prefix: str = "", suffix: str = "") -> tuple[int, str]:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.path.join(str(dir), f"{prefix}XXXX{suffix}"))

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    elif disk == "full":

        def fsync(fd: int) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", fsync)
    else:
        raise ValueError(f"disk: {disk!r}")


def read_case(case: Path) -> dict[str, Any]:
    spec: dict[str, Any] = YAML(typ="safe", pure=True).load((case / "case.yaml").read_text(encoding="utf-8"))
    return spec


def prepare(case: Path, work: Path) -> dict[str, Any]:
    """Lay out a case in ``work``: the base chapter, the case's files over it, generated files."""
    spec = read_case(case)
    base = spec.get("base", "chapter")
    if base != "none":
        shutil.copytree(FIXTURES / base, work / "data")
    shutil.copytree(case, work, dirs_exist_ok=True, ignore=shutil.ignore_patterns("case.yaml"))
    if "generate" in spec:
        GENERATORS[spec["generate"]](work)
    return spec


def digests(folder: Path) -> dict[str, str]:
    """Every file and folder under ``folder``, files with a hash of their bytes."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames:
            found[os.path.relpath(os.path.join(dirpath, name), folder)] = "folder"
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                found[os.path.relpath(path, folder)] = "link to " + os.readlink(path)
                continue
            if not os.path.isfile(path):
                found[os.path.relpath(path, folder)] = "not a regular file"
                continue
            with open(path, "rb") as handle:
                found[os.path.relpath(path, folder)] = hashlib.file_digest(handle, "sha256").hexdigest()
    return found


def test_the_corpus_covers_at_least_sixty_cases() -> None:
    assert len(CASES) >= 60


def case_param(case: Path) -> Any:
    """A case for parametrize, marked ``subprocess`` when its command asks git (--changed, --compare)."""
    asks_git = bool({"--changed", "--compare"} & set(read_case(case)["args"]))
    return pytest.param(case, id=case.name, marks=[pytest.mark.subprocess] if asks_git else [])


@pytest.mark.parametrize("case", [case_param(case) for case in CASES])
def test_bad_input_is_refused_with_its_exact_message_and_nothing_changes(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    spec = prepare(case, work)
    monkeypatch.chdir(work)
    for name, value in spec.get("env", {}).items():
        monkeypatch.setenv(name, value)
    before = digests(work)
    if "disk" in spec:
        _refuse_writes(monkeypatch, spec["disk"])

    result = run(*spec["args"])

    assert spec["exit"] in (1, 2)
    assert (result.exit_code, result.stdout, result.stderr) == (spec["exit"], spec["stdout"], spec["stderr"])
    assert "Traceback" not in result.stdout + result.stderr
    assert digests(work) == before


def test_every_command_has_a_case() -> None:
    from tests.test_exit_codes import COMMANDS

    covered = set()
    for case in CASES:
        words = [arg for arg in read_case(case)["args"] if not arg.startswith("-")]
        covered |= {command for command in COMMANDS if " ".join(words).startswith(f"data {command}")}
        covered |= {command for command in COMMANDS if words[:1] == [command]}
    assert sorted(set(COMMANDS) - covered) == []


DATA_CASES = [case for case in CASES if read_case(case)["args"][-1:] == ["check"]]
READERS = [
    ["report", "--format", "json"],
    ["list", "engagements", "--format", "json"],
    ["search", "harbor"],
    ["followups"],
    ["stale"],
    ["export", "--format", "json", "--output", "../export.json"],
]


@pytest.mark.parametrize("case", DATA_CASES, ids=[case.name for case in DATA_CASES])
def test_every_reading_command_survives_the_bad_data(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:
    """What check refuses, the other commands skip or refuse too: never a traceback, never a write."""
    work = tmp_path / "work"
    work.mkdir()
    prepare(case, work)
    monkeypatch.chdir(work)
    before = digests(work)
    for args in READERS:
        result = run("--data", "data", *args)
        assert result.exit_code in (0, 1, 2), (args, result.stderr)
        assert "Traceback" not in result.stdout + result.stderr
        assert digests(work) == before
