"""The load cache gives exactly what reading every file gives, whatever happened to the files or the cache."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from capctl.store import cache, files, load, read, shard
from capctl.store.dataset import DataSet
from tests.conftest import FIXTURES


@pytest.fixture(autouse=True)
def _files_are_never_too_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    # The files of a test were all written a moment ago: without this, none would be cached.
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The files parsed (not taken from the cache) since the test began, by path under the data folder."""
    seen: list[str] = []
    real = cache.load_record_file

    def counting(root: Path, kind: Any, path: Path) -> read.FileResult:
        if not _reading_everything:
            seen.append(path.relative_to(root).as_posix())
        return real(root, kind, path)

    monkeypatch.setattr(cache, "load_record_file", counting)
    monkeypatch.setattr(shard, "load_record_file", counting)  # a cached record that does not decode
    yield seen


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """A copy of the chapter with every kind of problem, safe to change."""
    target = tmp_path / "broken"
    shutil.copytree(FIXTURES / "broken", target)
    return target


def loaded(data: DataSet) -> dict[str, Any]:
    """Everything a load gives, in a form two loads can be compared by."""
    return {
        "records": {
            record_id: (type(record).__name__, record.model_dump(), sorted(record.model_fields_set))
            for record_id, record in sorted(data.records.items())
        },
        "paths": {record_id: str(path) for record_id, path in sorted(data.paths.items())},
        # The index's facts, which commands choose records by: from the cache as computed from the record.
        "facts": {record_id: data.records.facts(record_id) for record_id in sorted(data.records)},
        "problems": [str(problem) for problem in data.problems],
    }


_reading_everything = False
"""True while :func:`cold` loads: the files it parses are not counted by ``parsed``."""


def cold(folder: Path) -> dict[str, Any]:
    global _reading_everything
    _reading_everything = True
    try:
        return loaded(load.load(folder, cache=False))
    finally:
        _reading_everything = False


def warm(folder: Path) -> dict[str, Any]:
    return loaded(load.load(folder))


def cache_files(folder: Path) -> list[Path]:
    """The cache's files for a data folder: one per folder of records."""
    where = cache.cache_dir(folder)
    assert where is not None
    return sorted(where.glob("*.json"))


def cached_text(folder: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in cache_files(folder))


def test_a_second_load_parses_nothing_and_gives_what_reading_every_file_gives(chapter: Path, parsed: list[str]) -> None:
    first = warm(chapter)
    assert len(parsed) == 15
    assert cache.cache_dir(chapter) == chapter.parent / ".capctl-cache" / "data"
    folders = ["engagements/2017", "officials", "partners", "people", "priorities", "resources", "testimonies"]
    assert [p.name for p in cache_files(chapter)] == sorted(cache.shard_file(f) for f in folders)
    parsed.clear()
    assert warm(chapter) == first == cold(chapter)
    assert parsed == []


def test_check_reports_the_same_problems_and_lines_from_the_cache(broken: Path, run, parsed: list[str]) -> None:
    first = run("--data", broken, "check")
    parsed.clear()
    again = run("--data", broken, "check")
    assert parsed == []
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert first.exit_code == 1
    assert f"{broken}/partners/syntax-error.yaml:5: error: YAML syntax:" in again.stdout
    assert f"{broken}/partners/duplicate-key.yaml:2: error: duplicate key 'name'" in again.stdout
    assert f"{broken}/partners/Upper-Case.yaml: error: file name 'Upper-Case' is not a valid id" in again.stdout
    assert f"{broken}/meetings/2017-01-01-misfiled.yaml: error: unknown kind 'meetings'" in again.stdout
    assert f"{broken}/people/jon-lee.yaml: error: duplicate id 'jon-lee'" in again.stdout
    assert warm(broken) == cold(broken)


def test_rules_on_todays_date_run_on_every_load(broken: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    far = "2019-06-01 is more than a year from today; a typo?"
    assert far in run("--data", broken, "check").stdout
    monkeypatch.setenv("CAPCTL_TODAY", "2019-01-01")
    assert far not in run("--data", broken, "check").stdout
    assert warm(broken) == cold(broken)


def test_an_edited_file_is_parsed_again(chapter: Path, parsed: list[str]) -> None:
    warm(chapter)
    parsed.clear()
    path = chapter / "people" / "jon-lee.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Jon Lee", "Jon Leé"), encoding="utf-8")
    after = warm(chapter)
    assert parsed == ["people/jon-lee.yaml"]
    assert after == cold(chapter)
    assert after["records"]["jon-lee"][1]["name"] == "Jon Leé"


def test_an_edit_of_the_same_size_with_the_modification_time_put_back_is_seen(chapter: Path, parsed: list[str]) -> None:
    path = chapter / "partners" / "east-la-tenants.yaml"
    before = path.stat()
    warm(chapter)
    parsed.clear()
    # In place, same length, same mtime: only the change time (which no one can set) tells.
    with path.open("r+b") as handle:
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace(b"status: core", b"status: lost"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    after = warm(chapter)
    assert parsed == ["partners/east-la-tenants.yaml"]
    assert after == cold(chapter)
    assert any("status_history.1.status: must be one of" in p for p in after["problems"])


def test_an_edit_through_the_store_is_seen(chapter: Path, run, parsed: list[str]) -> None:
    warm(chapter)
    result = run("--data", chapter, "partner", "status", "valley-food-bank", "former", "--note", "Moved away")
    assert result.exit_code == 0, result.stderr
    parsed.clear()
    after = warm(chapter)
    assert parsed == ["partners/valley-food-bank.yaml"]
    assert after == cold(chapter)
    assert after["records"]["valley-food-bank"][1]["status_history"][-1]["note"] == "Moved away"


def test_an_added_file_is_read(chapter: Path, parsed: list[str]) -> None:
    warm(chapter)
    parsed.clear()
    (chapter / "people" / "rosa-diaz.yaml").write_text("name: Rosa Díaz\naffiliation: nobody\n", encoding="utf-8")
    after = warm(chapter)
    assert parsed == ["people/rosa-diaz.yaml"]
    assert after == cold(chapter)
    assert f"{chapter}/people/rosa-diaz.yaml:2: error: affiliation: no partner 'nobody'" in after["problems"]


def test_a_deleted_file_is_gone_and_references_to_it_are_problems(chapter: Path, parsed: list[str]) -> None:
    warm(chapter)
    parsed.clear()
    (chapter / "people" / "ana-cruz.yaml").unlink()
    after = warm(chapter)
    assert parsed == []
    assert after == cold(chapter)
    assert "ana-cruz" not in after["records"]
    assert any("follow_ups.0.owner: no person 'ana-cruz'" in p for p in after["problems"])
    assert '"people/ana-cruz.yaml"' not in cached_text(chapter)
    assert '"people/jon-lee.yaml"' in cached_text(chapter)


def test_a_renamed_file_is_the_record_of_its_new_name(chapter: Path, parsed: list[str]) -> None:
    warm(chapter)
    parsed.clear()
    (chapter / "officials" / "paul-kim.yaml").rename(chapter / "officials" / "paul-kim-2.yaml")
    after = warm(chapter)
    assert parsed == ["officials/paul-kim-2.yaml"]
    assert after == cold(chapter)
    assert "paul-kim" not in after["records"]
    assert after["records"]["paul-kim-2"][1]["id"] == "paul-kim-2"


def test_another_version_of_capctl_reads_every_file_again(
    chapter: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warm(chapter)
    parsed.clear()
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    assert warm(chapter) == cold(chapter)
    assert len(parsed) == 15
    assert all(
        p.read_text(encoding="utf-8").startswith('{"format":3,"key":"capctl 99.0.0 ') for p in cache_files(chapter)
    )


def test_changed_models_read_every_file_again(
    chapter: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    warm(chapter)
    parsed.clear()
    real = cache.cache_key
    monkeypatch.setattr(cache, "cache_key", lambda root: real(root).replace(" code ", " code changed"))
    assert warm(chapter) == cold(chapter)
    assert len(parsed) == 15


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda text: text[: len(text) // 2], id="truncated"),
        pytest.param(lambda text: "", id="empty"),
        pytest.param(lambda text: text.split("\n", 1)[0] + "\n[1, 2, 3]", id="not a cache body"),
        pytest.param(lambda text: text.replace('"lines":[0', '"lines":[999'), id="bad index"),
        pytest.param(lambda text: text.rsplit("\n", 2)[0] + "\n", id="a record line lost"),
        pytest.param(lambda text: "\x00\xff garbage", id="garbage"),
    ],
)
def test_a_damaged_cache_is_rebuilt_never_trusted(chapter: Path, parsed: list[str], damage: Any) -> None:
    first = warm(chapter)
    for where in cache_files(chapter):
        where.write_text(damage(where.read_text(encoding="utf-8")), encoding="utf-8")
    parsed.clear()
    assert warm(chapter) == first == cold(chapter)
    assert len(parsed) == 15
    parsed.clear()
    assert warm(chapter) == first
    assert parsed == []


def test_a_cached_record_that_no_longer_decodes_is_read_from_its_file(chapter: Path, parsed: list[str]) -> None:
    first = warm(chapter)
    where = cache.cache_dir(chapter)
    assert where is not None
    shard = where / cache.shard_file("people")
    header, entries, *records = shard.read_text(encoding="utf-8").split("\n")
    assert len(records) == 4 and records[-1] == ""  # three people, each on a line of their own
    records[0] = '{"name": 7}'
    shard.write_text("\n".join([header, entries, *records]), encoding="utf-8")
    parsed.clear()
    assert warm(chapter) == first
    assert parsed == ["people/ana-cruz.yaml"]


def test_a_record_line_given_for_another_record_is_read_from_the_files(chapter: Path, parsed: list[str]) -> None:
    first = warm(chapter)
    where = cache.cache_dir(chapter)
    assert where is not None
    people = where / cache.shard_file("people")
    text = people.read_text(encoding="utf-8")
    assert '"lines":[0,1,2]' in text
    people.write_text(text.replace('"lines":[0,1,2]', '"lines":[1,0,2]'), encoding="utf-8")
    parsed.clear()
    assert warm(chapter) == first
    assert sorted(parsed) == ["people/ana-cruz.yaml", "people/jon-lee.yaml"]


def test_a_cache_from_another_data_folder_is_not_used(tmp_path: Path, parsed: list[str]) -> None:
    ours = tmp_path / "ours" / "data"
    theirs = tmp_path / "theirs" / "data"
    shutil.copytree(FIXTURES / "chapter", ours)
    shutil.copytree(FIXTURES / "chapter", theirs)
    (theirs / "people" / "jon-lee.yaml").write_text("name: Someone Else\n", encoding="utf-8")
    warm(theirs)
    shutil.copytree(tmp_path / "theirs" / ".capctl-cache", tmp_path / "ours" / ".capctl-cache")
    parsed.clear()
    assert warm(ours) == cold(ours)
    assert len(parsed) == 15
    assert warm(ours)["records"]["jon-lee"][1]["name"] == "Jon Lee"


def test_a_cache_copied_with_its_folder_is_not_used(tmp_path: Path, chapter: Path, parsed: list[str]) -> None:
    warm(chapter)
    moved = tmp_path / "elsewhere" / "data"
    shutil.copytree(chapter, moved)
    shutil.copytree(tmp_path / ".capctl-cache", moved.parent / ".capctl-cache")
    parsed.clear()
    assert warm(moved) == cold(moved)
    assert len(parsed) == 15


def test_a_file_changed_in_the_last_seconds_is_not_cached(
    chapter: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Within the same tick of the file system's clock it could change again without its key changing.
    monkeypatch.setattr(cache, "RACY_NS", 2_000_000_000)
    warm(chapter)
    parsed.clear()
    assert warm(chapter) == cold(chapter)
    assert len(parsed) == 15
    assert cache_files(chapter) == []


def test_without_the_cache_nothing_is_written_beside_the_data(
    chapter: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--data", chapter, "--no-cache", "check").exit_code == 0
    assert run("--data", chapter, "--no-cache", "report", "--format", "json").exit_code == 0
    monkeypatch.setenv("CAPCTL_NO_CACHE", "1")
    assert run("--data", chapter, "list", "partners").exit_code == 0
    assert not (chapter.parent / ".capctl-cache").exists()
    monkeypatch.setenv("CAPCTL_NO_CACHE", "0")
    assert run("--data", chapter, "list", "partners").exit_code == 0
    assert len(cache_files(chapter)) == 7


def test_a_folder_where_no_cache_can_be_written_works_without_one(chapter: Path, run) -> None:
    (chapter.parent / ".capctl-cache").write_text("not a folder", encoding="utf-8")
    first = run("--data", chapter, "check")
    again = run("--data", chapter, "check")
    assert (first.exit_code, first.stdout, first.stderr) == (again.exit_code, again.stdout, again.stderr)
    assert first.stderr == "15 records checked: 0 errors, 0 warnings\n"


@pytest.mark.subprocess
def test_parsing_in_several_processes_gives_the_same_records_and_problems(
    broken: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_this_process = cold(broken)
    parsed.clear()
    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(cache, "CHUNK_FILES", 4)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})
    assert warm(broken) == in_this_process
    assert parsed == []  # the workers parsed every file, not this process
    bodies = [json.loads(p.read_text(encoding="utf-8").split("\n", 2)[1]) for p in cache_files(broken)]
    assert sum(len(columns["paths"]) for columns in bodies) == len(list(files.record_files(broken)))


def test_an_edit_rewrites_only_its_folders_cache_and_a_folder_gone_loses_its_own(chapter: Path) -> None:
    warm(chapter)
    before = {p.name: p.stat().st_mtime_ns for p in cache_files(chapter)}
    path = chapter / "people" / "jon-lee.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "tags: [budget]\n", encoding="utf-8")
    warm(chapter)
    after = {p.name: p.stat().st_mtime_ns for p in cache_files(chapter)}
    assert [name for name in after if after[name] != before[name]] == [cache.shard_file("people")]
    shutil.rmtree(chapter / "resources")
    assert warm(chapter) == cold(chapter)
    assert cache.shard_file("resources") not in [p.name for p in cache_files(chapter)]
    assert len(cache_files(chapter)) == 6


def test_what_the_rules_on_one_record_find_comes_from_the_cache_as_from_its_file(
    chapter: Path, run, parsed: list[str]
) -> None:
    (chapter / "engagements" / "2017" / "2017-05-02-harbor-forum.yaml").write_text(
        "date: 2017-05-02\nkind: forum\ntitle: Harbor forum\nnotes: call 213-555-0100\n"
        "follow_ups:\n  - task: Write to ana@example.org\n    due: 2017-05-01\n",
        encoding="utf-8",
    )
    # Its id is taken by people/ana-cruz.yaml: its own findings (no consent) are not the data set's.
    (chapter / "testimonies" / "ana-cruz.yaml").write_text(
        "person: ana-cruz\ndate: 2017-05-01\nlanguage: en\ntext: Rent doubled.\n", encoding="utf-8"
    )
    first = run("--data", chapter, "check")
    parsed.clear()
    again = run("--data", chapter, "check")
    assert parsed == []
    assert (again.exit_code, again.stdout, again.stderr) == (first.exit_code, first.stdout, first.stderr)
    forum = f"{chapter}/engagements/2017/2017-05-02-harbor-forum.yaml"
    assert first.stdout == (
        f"{forum}:4: warning: notes: looks like it holds a phone number; free text is published with --public, "
        "so keep it in a person's phone field\n"
        f"{forum}:6: warning: follow_ups.0.task: looks like it holds an email address; free text is published "
        "with --public, so keep it in a person's email field\n"
        f"{forum}:7: error: follow_ups.0.due: 2017-05-01 is before the engagement (2017-05-02)\n"
        f"{chapter}/testimonies/ana-cruz.yaml: error: duplicate id 'ana-cruz': also {chapter}/people/ana-cruz.yaml\n"
    )
    assert warm(chapter) == cold(chapter)
    assert "follow_ups.0.due: 2017-05-01 is before the engagement" in cached_text(chapter)  # kept as found


def test_where_no_worker_process_can_start_this_process_parses_every_file(
    broken: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    in_this_process = cold(broken)
    parsed.clear()
    monkeypatch.setattr(cache, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1})

    def no_processes(*args: Any, **kwargs: Any) -> None:
        raise PermissionError("no semaphores in this sandbox")

    monkeypatch.setattr(cache, "ProcessPoolExecutor", no_processes)
    assert warm(broken) == in_this_process
    assert len(parsed) == len(list(files.record_files(broken)))


def test_the_cache_keeps_itself_out_of_git(chapter: Path) -> None:
    warm(chapter)
    where = cache.cache_dir(chapter)
    assert where is not None and cache_files(chapter)
    assert (where.parent / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
