from pathlib import Path


def test_check_passes_on_fixture_chapter(chapter: Path, run) -> None:
    result = run("--data", chapter, "check")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "15 records checked: 0 errors, 0 warnings\n"
