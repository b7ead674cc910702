"""Writers killed mid-write leave every file absent or whole; writers racing for one name all win a file.

The writers are forked processes calling the library functions the commands use
(``store.write_new`` through ``capture.write``, ``store.edit``), so a kill lands
anywhere: while the temporary file is written, between fsync and link, during the
rename of an edit.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import random
import re
import signal
import time
from collections.abc import Callable
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

import pytest

from capctl.edit import meeting as edit_meeting
from capctl.edit import new, patch
from capctl.edit.meeting import MeetingInput
from capctl.models.records import Engagement
from capctl.problems import CapctlError
from capctl.store import dataset, load, write
from capctl.vocab import EngagementKind, RecordKind

KILLS = 300
WRITERS = 4
RECORDS_PER_WRITER = 100
DAY = dt.date(2017, 6, 1)
EDITED = Path("engagements/2017/2017-04-20-chapter-meeting.yaml")

fork = multiprocessing.get_context("fork")


def _write_and_edit_forever(data: dataset.DataSet, seed: int, done: Synchronized[int]) -> None:
    """Alternate new records and edits of one file until killed, counting what is done."""
    root = data.root
    rng = random.Random(seed)
    n = 0
    while True:
        meeting = MeetingInput(date=DAY, kind=EngagementKind.call, title="Crash test", people=["ana-cruz"])
        length = rng.randrange(0, 20_000)
        meeting.notes = f"writer {seed} record {n} holds {length} x: " + "x" * length
        new.write(data, edit_meeting.new_engagement(data, meeting))
        write.edit(root / EDITED, patch.set_value(RecordKind.engagements, "headcount", n), RecordKind.engagements)
        n += 1
        done.value = n


@pytest.mark.subprocess
def test_a_writer_killed_at_any_moment_leaves_every_file_absent_or_whole(chapter: Path) -> None:
    rng = random.Random(2017)
    data = load.load(chapter)  # loaded once: the forked writers start writing at once
    for kill in range(KILLS):
        done = fork.Value("i", 0)
        writer = fork.Process(target=_write_and_edit_forever, args=(data, kill, done))
        writer.start()
        # Killed once it has written and edited at least once, at a random moment of what follows,
        # however slow the machine is.
        while done.value == 0 and writer.is_alive():  # a writer that fails fails the test below
            time.sleep(0.001)
        time.sleep(rng.uniform(0.0, 0.015))
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        # The edited file is replaced on every edit: it must be whole after every single kill.
        edited_text = (chapter / EDITED).read_text(encoding="utf-8")
        write.validate_text(edited_text, RecordKind.engagements, EDITED.stem, str(EDITED))

    data = load.load(chapter)
    assert data.problems == []
    written = [r for r in data.typed(Engagement) if r.title == "Crash test"]
    assert len(written) >= KILLS
    # Whole, not just valid: a file cut short in its notes would still parse.
    notes = [re.fullmatch(r"writer (\d+) record \d+ holds (\d+) x: (x*)", r.notes or "") for r in written]
    assert all(match and len(match.group(3)) == int(match.group(2)) for match in notes)
    assert {int(match.group(1)) for match in notes if match} == set(range(KILLS))
    # A kill can leave a temporary file behind: hidden, and never read as a record.
    leftovers = [p for p in chapter.rglob(".*") if p.is_file()]
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in leftovers)
    assert [p.path for p in load.leftover_temporaries(data)] == sorted(str(p) for p in leftovers)
    assert len(data.records) == 15 + len(written)


def run_together(target: Callable[[Path, int, multiprocessing.synchronize.Event], None], where: Path) -> None:
    """WRITERS processes running ``target`` on ``where``, released at the same moment; each must end cleanly."""
    start = fork.Event()
    writers = [fork.Process(target=target, args=(where, w, start)) for w in range(WRITERS)]
    for writer in writers:
        writer.start()
    start.set()
    for writer in writers:
        writer.join()
    assert [w.exitcode for w in writers] == [0] * WRITERS


def _add_meetings(root: Path, writer: int, start: multiprocessing.synchronize.Event) -> None:
    """What `capctl meeting add` does, RECORDS_PER_WRITER times, all for the same day and title."""
    data = load.load(root)
    start.wait()
    for n in range(RECORDS_PER_WRITER):
        meeting = MeetingInput(
            date=DAY, kind=EngagementKind.call, title="Race", people=["ana-cruz"], notes=f"writer {writer} record {n}"
        )
        new.write(data, edit_meeting.new_engagement(data, meeting))


@pytest.mark.subprocess
def test_four_writers_adding_the_same_meeting_at_once_keep_every_record(chapter: Path) -> None:
    run_together(_add_meetings, chapter)

    data = load.load(chapter)
    assert data.problems == []
    races = [r for r in data.typed(Engagement) if r.title == "Race"]
    assert len(races) == WRITERS * RECORDS_PER_WRITER
    assert {r.notes for r in races} == {
        f"writer {w} record {n}" for w in range(WRITERS) for n in range(RECORDS_PER_WRITER)
    }
    assert len(list((chapter / "engagements" / "2017").glob("2017-06-01-*.yaml"))) == WRITERS * RECORDS_PER_WRITER


EDITS_PER_WRITER = 25


def _tag_meeting(path: Path, writer: int, start: multiprocessing.synchronize.Event) -> None:
    """Edits of one file by several organizers at once: each adds its tags, trying again when refused."""
    start.wait()
    for n in range(EDITS_PER_WRITER):
        while True:
            try:
                tag = patch.add_refs(RecordKind.engagements, "tags", [f"w{writer}-n{n}"])
                write.edit(path, tag, RecordKind.engagements)
                break
            except CapctlError as exc:
                assert "changed while it was being edited" in exc.message


@pytest.mark.subprocess
def test_four_writers_editing_one_file_at_once_lose_no_edit(chapter: Path) -> None:
    path = chapter / EDITED
    run_together(_tag_meeting, path)

    record = load.load(chapter).records[EDITED.stem]
    assert sorted(record.tags) == sorted(f"w{w}-n{n}" for w in range(WRITERS) for n in range(EDITS_PER_WRITER))


def test_check_warns_about_a_temporary_file_a_kill_left_behind(chapter: Path, run) -> None:
    leftover = chapter / "partners" / ".harbor-youth.yaml.k2x9_q.tmp"
    leftover.write_text("name: Harbor Youth Coun", encoding="utf-8")
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert result.stdout == (
        f"{leftover}: warning: a temporary file left by an interrupted write; delete it (the record it was for "
        "is either whole under its own name or was never written)\n"
    )
    assert result.stderr == "15 records checked: 0 errors, 1 warning\n"
    assert load.load(chapter).problems == []
