"""The store: loading returns records and problems, writes are atomic and never overwrite,
edits keep every line they do not mean to change."""

import datetime as dt
import difflib
from pathlib import Path

import pytest

from capctl.edit import patch
from capctl.models.records import Engagement, Partner, StatusChange
from capctl.problems import CapctlError
from capctl.store import files, load, write
from capctl.vocab import PartnerStatus, RecordKind, Stance
from capctl.yaml.safe import uses_c_parser


def test_loading_the_fixture_chapter_gives_every_record_and_no_problem(chapter: Path) -> None:
    data = load.load(chapter)
    assert data.problems == []
    assert {k.value: len(data.of(k)) for k in RecordKind} == {
        "partners": 3,
        "officials": 2,
        "people": 3,
        "engagements": 4,
        "testimonies": 1,
        "priorities": 1,
        "resources": 1,
    }
    assert data.settings is not None and data.settings.district_ids() == ["sd1", "sd2", "sd3"]
    assert data.metrics is not None and len(data.metrics.metrics) == 11


def test_queries_read_with_the_c_backed_safe_loader() -> None:
    assert uses_c_parser()


def test_a_bad_file_is_a_problem_not_an_exception(chapter: Path) -> None:
    (chapter / "partners" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    data = load.load(chapter)
    assert [str(p) for p in data.problems] == [
        f"{chapter}/partners/broken.yaml:1: error: YAML syntax: did not find expected node content "
        "(while parsing a flow node started on line 1)"
    ]
    assert len(data.records) == 15


@pytest.mark.parametrize("cache", [False, True])
def test_a_link_that_loops_or_leads_nowhere_or_a_folder_named_like_a_record_is_an_error(
    chapter: Path, cache: bool
) -> None:
    (chapter / "partners" / "loop.yaml").symlink_to("loop.yaml")
    (chapter / "partners" / "gone.yaml").symlink_to("nowhere.yaml")
    (chapter / "people" / "ghost.yaml").mkdir()
    for _ in range(2):  # the second load would come from the cache
        data = load.load(chapter, cache=cache)
        assert "loop" not in data.records and "gone" not in data.records and "ghost" not in data.records
        assert [str(p) for p in data.problems] == [
            f"{chapter}/partners/gone.yaml: error: a symbolic link to nowhere (nowhere.yaml): not a record; "
            "remove it or restore its target",
            f"{chapter}/partners/loop.yaml: error: a symbolic link that loops back on itself: not a record; remove it",
            f"{chapter}/people/ghost.yaml: error: a folder named like a record file: a record is a file; "
            "rename or remove the folder",
        ]


def test_tags_never_construct_objects(chapter: Path) -> None:
    (chapter / "partners" / "evil.yaml").write_text("name: !!python/object/apply:os.system [echo hi]\n")
    data = load.load(chapter)
    assert [p.message for p in data.problems] == ["tags are not allowed: !!python/object/apply:os.system"]


def _partner(record_id: str) -> Partner:
    return Partner(
        id=record_id,
        name="Pacoima Beautiful",
        status_history=[StatusChange(status="prospect", date=dt.date(2017, 7, 1))],
    )


def test_a_new_record_is_written_in_canonical_form(chapter: Path) -> None:
    path, record = write.write_new(chapter, _partner("pacoima-beautiful"))
    assert path == chapter / "partners" / "pacoima-beautiful.yaml"
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schemas/partner.schema.json\n"
        "name: Pacoima Beautiful\n"
        "status_history:\n"
        "  - status: prospect\n"
        "    date: 2017-07-01\n"
    )
    assert load.load(chapter).records["pacoima-beautiful"] == record


def test_writing_never_replaces_an_existing_record(chapter: Path) -> None:
    existing = chapter / "partners" / "valley-food-bank.yaml"
    before = existing.read_bytes()
    with pytest.raises(FileExistsError):
        write.write_new(chapter, _partner("valley-food-bank"))
    assert existing.read_bytes() == before
    assert sorted(p.name for p in existing.parent.iterdir()) == [
        "east-la-tenants.yaml",
        "koreatown-workers.yaml",
        "valley-food-bank.yaml",
    ]


def test_a_second_engagement_with_the_same_name_gets_a_new_one(chapter: Path) -> None:
    visit = Engagement(id="2017-06-01-visit", date=dt.date(2017, 6, 1), kind="one-on-one", title="Visit")
    names = [write.write_new(chapter, visit, unique=True)[0].name for _ in range(3)]
    assert names == ["2017-06-01-visit.yaml", "2017-06-01-visit-2.yaml", "2017-06-01-visit-3.yaml"]


@pytest.mark.parametrize("bad_id", ["../escape", "a/b", "Upper", "-leading", "with space", "x" * 81])
def test_no_id_can_make_a_path_outside_its_folder(chapter: Path, bad_id: str) -> None:
    with pytest.raises(CapctlError, match="is not a valid id"):
        files.record_path(chapter, RecordKind.partners, bad_id)


HAND_WRITTEN = """\
# Founding member of the chapter.
name: East LA Tenants Union   # as on their letterhead
aliases: [ELATU]
status_history:
- status: prospect
  date: 2016-09-01
- status: core    # voted in at the November meeting
  date: 2016-11-15
districts: [sd1]

# Contacts change often; check before a visit.
contacts:
- maria-martinez
tags: [housing]
"""


def test_an_edit_changes_only_its_lines_and_keeps_comments_and_key_order(chapter: Path) -> None:
    path = chapter / "partners" / "east-la-tenants.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    write.edit(path, patch.add_status(PartnerStatus.former, dt.date(2017, 6, 1)), RecordKind.partners)
    after = path.read_text(encoding="utf-8")
    diff = [
        line
        for line in difflib.unified_diff(HAND_WRITTEN.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert diff == ["+- status: former", "+  date: 2017-06-01"]
    assert after.splitlines()[:8] == HAND_WRITTEN.splitlines()[:8]
    assert after.splitlines()[10:] == HAND_WRITTEN.splitlines()[8:]


def test_marking_a_follow_up_done_adds_one_line(chapter: Path) -> None:
    path = chapter / "engagements" / "2017" / "2017-02-14-visit-hilda-ramos.yaml"
    before = path.read_text(encoding="utf-8")
    write.edit(path, patch.mark_follow_up_done(1, dt.date(2017, 3, 10)), RecordKind.engagements)
    after = path.read_text(encoding="utf-8").splitlines()
    assert after == [*before.splitlines(), "    done: 2017-03-10"]


def test_setting_a_position_appends_to_the_history(chapter: Path) -> None:
    path = chapter / "priorities" / "general-relief.yaml"
    before = path.read_text(encoding="utf-8")
    write.edit(path, patch.set_position("paul-kim", Stance.undecided, None, "budget hearing"), RecordKind.priorities)
    added = path.read_text(encoding="utf-8")[len(before) :]
    assert added == "  - official: paul-kim\n    stance: undecided\n    source: budget hearing\n"


def test_an_edit_that_would_make_the_record_invalid_writes_nothing(chapter: Path) -> None:
    path = chapter / "engagements" / "2017" / "2017-02-14-visit-hilda-ramos.yaml"
    before = path.read_bytes()
    with pytest.raises(CapctlError) as caught:
        write.edit(path, lambda tree: tree.__setitem__("kind", "party"), RecordKind.engagements)
    assert caught.value.message == (
        f"{path}:2: error: kind: must be one of one-on-one, call, chapter-meeting, training, hearing, "
        "lobby-day, action, forum, other; nothing was written"
    )
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


def test_an_edit_of_a_missing_follow_up_says_how_many_there_are(chapter: Path) -> None:
    path = chapter / "engagements" / "2017" / "2017-02-14-visit-hilda-ramos.yaml"
    with pytest.raises(CapctlError, match="there is no follow-up 5: this engagement has 2"):
        write.edit(path, patch.mark_follow_up_done(4, dt.date(2017, 3, 10)), RecordKind.engagements)
