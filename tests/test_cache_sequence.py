"""A chapter changed step by step the way organizers and git change it, loaded after each step: the load
from the cache (warm, and after the change: incremental) gives exactly the records, paths and problems of
reading every file again (cold), and `capctl check` prints the same with and without the cache."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from test_cache import cache_files, cold, loaded, parsed  # noqa: F401  (parsed: a fixture)

from capctl.store import cache, incremental, load

Step = Callable[[Path, pytest.MonkeyPatch], None]


@pytest.fixture(autouse=True)
def _files_are_never_too_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every file here was written a moment ago: without this, none would be cached and every load would be cold.
    monkeypatch.setattr(cache, "RACY_NS", -(10**18))


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit_a_name(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "partners" / "valley-food-bank.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: ", "name: Renamed ", 1), encoding="utf-8")


def give_two_partners_one_name(root: Path, _mp: pytest.MonkeyPatch) -> None:
    name = next(
        line
        for line in (root / "partners" / "east-la-tenants.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("name:")
    )
    path = root / "partners" / "koreatown-workers.yaml"
    path.write_text(name + "\n" + path.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")


def add_an_engagement_with_a_missing_reference(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _write(
        root / "engagements" / "2017" / "2017-05-01-call-nobody.yaml",
        "date: 2017-05-01\nkind: call\ntitle: Call with nobody\npeople:\n  - nobody-here\n",
    )


def name_a_private_person_in_a_title(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "engagements" / "2017" / "2017-03-02-call-jon-lee.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: Call with Jon Lee", "title: Call with Ana Cruz"))


def let_the_person_be_named(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _write(
        root / "people" / "ana-cruz.yaml", "name: Ana Cruz\ntitle: Chapter organizer\nconsent:\n  public_name: true\n"
    )


def add_an_engagement_in_the_wrong_year(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _write(
        root / "engagements" / "2016" / "2017-05-02-call-jon-lee.yaml",
        "date: 2017-05-02\nkind: call\ntitle: Second call\npeople:\n  - jon-lee\n",
    )


def add_the_missing_person(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _write(root / "people" / "nobody-here.yaml", "name: Nobody Here\n")


def name_a_person_as_a_partner_and_an_unknown_district(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "engagements" / "2017" / "2017-03-02-call-jon-lee.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "partners:\n  - nobody-here\ndistrict: sd9\n", encoding="utf-8")


def mend_the_engagement(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "engagements" / "2017" / "2017-03-02-call-jon-lee.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("district: sd9\n", "district: sd1\n"), encoding="utf-8")


def add_a_district(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "capctl.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("languages:", "  - id: sd9\n    name: District 9\nlanguages:", 1), encoding="utf-8")


def duplicate_an_id(root: Path, _mp: pytest.MonkeyPatch) -> None:
    source = root / "engagements" / "2017" / "2017-03-02-call-jon-lee.yaml"
    shutil.copy(source, root / "engagements" / "2016" / source.name)


def delete_an_official_others_refer_to(root: Path, _mp: pytest.MonkeyPatch) -> None:
    (root / "officials" / "hilda-ramos.yaml").unlink()


def rename_a_person(root: Path, _mp: pytest.MonkeyPatch) -> None:
    (root / "people" / "jon-lee.yaml").rename(root / "people" / "jonathan-lee.yaml")


def break_a_file(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "people" / "ana-cruz.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "title: [unclosed\n", encoding="utf-8")


def give_a_bad_value(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "people" / "ana-cruz.yaml"
    path.write_text("name: Ana Cruz\ntitle: Chapter organizer\nlanguages: 7\n", encoding="utf-8")


def mend_the_files(root: Path, _mp: pytest.MonkeyPatch) -> None:
    _write(root / "people" / "ana-cruz.yaml", "name: Ana Cruz\ntitle: Chapter organizer\n")
    (root / "people" / "jonathan-lee.yaml").rename(root / "people" / "jon-lee.yaml")
    shutil.rmtree(root / "engagements" / "2016")


def put_the_official_back_with_the_same_size_and_times(root: Path, _mp: pytest.MonkeyPatch) -> None:
    path = root / "officials" / "paul-kim.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    changed = text.replace("a", "e", 1) if "a" in text else text
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def another_version_of_capctl(_root: Path, mp: pytest.MonkeyPatch) -> None:
    mp.setattr(cache, "__version__", "99.0.0")


def damage_the_index(root: Path, _mp: pytest.MonkeyPatch) -> None:
    for where in cache_files(root):
        text = where.read_text(encoding="utf-8")
        where.write_text(text[: len(text) // 2], encoding="utf-8")


def damage_the_cross_record_state(root: Path, _mp: pytest.MonkeyPatch) -> None:
    where = cache.cache_dir(root)
    assert where is not None
    state = where / incremental.STATE_FILE
    state.write_text(state.read_text(encoding="utf-8")[:-40], encoding="utf-8")


def plant_a_foreign_index(root: Path, _mp: pytest.MonkeyPatch) -> None:
    for where in cache_files(root):
        where.write_text('{"format":3,"key":"someone else","folder":"x"}\n{}', encoding="utf-8")


STEPS: list[Step] = [
    edit_a_name,
    give_two_partners_one_name,
    add_an_engagement_with_a_missing_reference,
    add_the_missing_person,
    name_a_person_as_a_partner_and_an_unknown_district,
    mend_the_engagement,
    add_a_district,
    name_a_private_person_in_a_title,
    let_the_person_be_named,
    add_an_engagement_in_the_wrong_year,
    duplicate_an_id,
    delete_an_official_others_refer_to,
    rename_a_person,
    break_a_file,
    give_a_bad_value,
    mend_the_files,
    put_the_official_back_with_the_same_size_and_times,
    another_version_of_capctl,
    damage_the_index,
    damage_the_cross_record_state,
    plant_a_foreign_index,
]


def test_warm_incremental_and_cold_loads_agree_after_every_step(
    chapter: Path,
    run,
    parsed: list[str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert loaded(load.load(chapter)) == cold(chapter)
    seen_problems = set()
    reread: dict[str, list[str]] = {}
    every_rule: list[str] = []  # the steps after which the cross-record rules ran over every record
    real = incremental._every_rule
    recording = [False]  # only the incremental load of each step counts, not the checks that compare it

    def ran_every_rule(data: object) -> None:
        if recording[0] and step.__name__ not in every_rule:
            every_rule.append(step.__name__)

    monkeypatch.setattr(incremental, "_every_rule", lambda data: ran_every_rule(data) or real(data))
    # With a record that has errors the cross-record rules run in full, outside the kept state (#12's collapse).
    full = load.check_cross_records
    monkeypatch.setattr(load, "check_cross_records", lambda data: ran_every_rule(data) or full(data))
    for step in STEPS:
        step(chapter, monkeypatch)
        parsed.clear()
        recording[0] = True
        incremental_load = loaded(load.load(chapter))
        recording[0] = False
        reparsed = list(parsed)
        assert incremental_load == cold(chapter), step.__name__
        assert loaded(load.load(chapter)) == incremental_load, step.__name__  # warm: from the cache just written
        with_cache, without = run("--data", chapter, "check"), run("--no-cache", "--data", chapter, "check")
        assert (with_cache.exit_code, with_cache.stdout, with_cache.stderr) == (
            without.exit_code,
            without.stdout,
            without.stderr,
        ), step.__name__
        seen_problems.update(incremental_load["problems"])
        reread[step.__name__] = reparsed
    # The loads were incremental: only what a step changed was parsed again, save where the index was lost.
    assert reread["edit_a_name"] == ["partners/valley-food-bank.yaml"]
    assert reread["rename_a_person"] == ["people/jonathan-lee.yaml"]
    assert reread["delete_an_official_others_refer_to"] == []
    assert reread["put_the_official_back_with_the_same_size_and_times"] == ["officials/paul-kim.yaml"]
    assert len(reread["damage_the_index"]) == len(reread["another_version_of_capctl"]) == 16  # every file
    # The cross-record rules ran over every record only where a record went (a deletion, a rename, a file
    # made invalid), the settings changed or the cache was lost; edits and additions re-checked what they touch.
    assert every_rule == [
        "add_a_district",
        "delete_an_official_others_refer_to",
        "rename_a_person",
        "break_a_file",  # from here to mend_the_files a record has errors: its references are gathered in full
        "give_a_bad_value",
        "mend_the_files",
        "put_the_official_back_with_the_same_size_and_times",  # "name:" becomes "neme:": a record with errors again
        "another_version_of_capctl",
        "damage_the_index",
        "damage_the_cross_record_state",
        "plant_a_foreign_index",
    ]
    # The steps did make problems of each sort: a missing reference, a duplicate id, a broken file, a bad value.
    text = "\n".join(sorted(seen_problems))
    for expected in (
        "nobody-here",
        "is a person, not a partner",
        "'sd9' is not in capctl.yaml",
        "duplicate id",
        "wrong folder",
        "languages",
        "hilda-ramos",
        "jon-lee",
        "title: names Ana Cruz, who has not agreed to be named",
    ):
        assert expected in text, expected
