"""A load of some kinds only (``meeting add`` with flags reads officials, people, partners and priorities,
not the engagements): the same records, file problems and cache as a full load gives for those kinds, the
other records known by id, and no other kind's cache lost."""

import shutil
from pathlib import Path
from typing import Any

import pytest

from capctl.cli.meeting import NAMED_KINDS
from capctl.store import cache, load
from capctl.store.dataset import DataSet
from tests.conftest import FIXTURES


@pytest.fixture(autouse=True)
def _files_are_never_too_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))  # the files were all written a moment ago


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed (not taken from the cache)."""
    seen: list[str] = []
    real = cache.load_record_file

    def counting(root: Path, kind: Any, path: Path) -> Any:
        seen.append(path.relative_to(root).as_posix())
        return real(root, kind, path)

    monkeypatch.setattr(cache, "load_record_file", counting)
    return seen


def records(data: DataSet) -> dict[str, Any]:
    return {i: (type(r).__name__, r.model_dump(), str(data.paths[i])) for i, r in sorted(data.records.items())}


@pytest.mark.parametrize("fixture", ["chapter", "broken"])
def test_the_kinds_loaded_are_what_a_full_load_gives(tmp_path: Path, fixture: str) -> None:
    folder = tmp_path / fixture
    shutil.copytree(FIXTURES / fixture, folder)
    full = load.load(folder, cache=False)
    for use_cache in (False, True, True):  # cold, then writing the cache, then from it
        some = load.load(folder, cache=use_cache, kinds=NAMED_KINDS)
        assert records(some) == {i: r for i, r in records(full).items() if full.records[i].collection in NAMED_KINDS}
        others = {i for i, r in full.records.items() if r.collection not in NAMED_KINDS}
        assert others <= some.elsewhere.keys()
        assert all(kind not in NAMED_KINDS for kind, _path in some.elsewhere.values())
        assert {str(p) for p in some.problems} <= {str(p) for p in full.problems}  # never a problem of its own
        # What could not be read in those kinds' folders is reported, as a full load reports it.
        read_problems = {
            str(p)
            for p in full.problems
            if Path(p.path).relative_to(folder).parts[0] in {k.value for k in NAMED_KINDS}
            and Path(p.path).stem not in full.records
        }
        assert read_problems <= {str(p) for p in some.problems}
    if fixture == "broken":
        assert read_problems, "the broken chapter has unreadable files among those kinds"


def test_a_load_of_some_kinds_keeps_the_other_kinds_cache(chapter: Path, parsed: list[str]) -> None:
    first = records(load.load(chapter))
    shards = sorted(p.name for p in cache.cache_dir(chapter).glob("*.json"))  # type: ignore[union-attr]
    parsed.clear()
    load.load(chapter, kinds=NAMED_KINDS)
    assert parsed == []
    assert sorted(p.name for p in cache.cache_dir(chapter).glob("*.json")) == shards  # type: ignore[union-attr]
    assert records(load.load(chapter)) == first
    assert parsed == []


def test_meeting_add_with_flags_finds_an_id_held_by_an_engagement_filed_in_another_year(chapter: Path, run) -> None:
    # A misfiled engagement (check reports its date) still holds its id: the new one gets -2, as with every record read.
    (chapter / "engagements/2016").mkdir()
    shutil.copy(
        chapter / "engagements/2017/2017-03-02-call-jon-lee.yaml",
        chapter / "engagements/2016/2017-06-30-one-on-one-with-jon-lee.yaml",
    )
    result = run("--data", chapter, "meeting", "add", "--person", "jon-lee")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {chapter / 'engagements/2017/2017-06-30-one-on-one-with-jon-lee-2.yaml'}\n"
    assert run("--data", chapter, "check").stdout == run("--data", chapter, "--no-cache", "check").stdout
