"""`capctl init` and how capctl finds the data folder."""

from pathlib import Path

import pytest

from capctl.problems import CapctlError
from capctl.store.chapter import template
from capctl.store.discover import find_data
from tests.conftest import REPO, snapshot


def test_init_creates_settings_metrics_and_empty_collections_that_check_clean(tmp_path: Path, run) -> None:
    folder = tmp_path / "west-la"
    result = run("init", folder)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:3] == [
        f"created {folder}/capctl.yaml",
        f"created {folder}/metrics.yaml",
        f"created {folder}/partners",
    ]
    assert (folder / "metrics.yaml").read_text(encoding="utf-8") == template("metrics.yaml")
    assert sorted(p.name for p in folder.iterdir() if p.is_dir()) == [
        "engagements",
        "officials",
        "partners",
        "people",
        "priorities",
        "resources",
        "schemas",
        "testimonies",
    ]
    assert result.stdout.splitlines()[-2] == f"created {folder}/schemas"
    checked = run("--data", folder, "check")
    assert checked.exit_code == 0
    assert checked.stderr == "0 records checked: 0 errors, 0 warnings\n"


def test_init_refuses_a_folder_that_already_holds_records(chapter: Path, run) -> None:
    before = snapshot(chapter)
    result = run("init", chapter)
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: '{chapter}' already holds capctl data (capctl.yaml, metrics.yaml, partners, officials, people, engagements, testimonies, priorities, resources); nothing was changed\n"
    )
    assert snapshot(chapter) == before


def test_init_accepts_an_existing_empty_folder(tmp_path: Path, run) -> None:
    (tmp_path / "empty").mkdir()
    assert run("init", tmp_path / "empty").exit_code == 0


def test_the_shipped_metrics_file_is_the_template() -> None:
    assert (REPO / "data" / "metrics.yaml").read_text(encoding="utf-8") == template("metrics.yaml")


def test_data_option_wins_over_the_environment(chapter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_DATA", str(tmp_path / "elsewhere"))
    assert find_data(chapter) == chapter


def test_environment_names_the_folder_when_no_option(chapter: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_DATA", str(chapter))
    assert find_data(None) == chapter


def test_the_nearest_data_folder_is_found_from_a_subfolder(chapter: Path, tmp_path: Path) -> None:
    deep = tmp_path / "notes" / "2017"
    deep.mkdir(parents=True)
    assert find_data(None, cwd=deep) == Path("../../data")


def test_inside_the_data_folder_itself_it_is_found(chapter: Path) -> None:
    assert find_data(None, cwd=chapter / "engagements" / "2017") == Path("../..")


def test_without_any_data_folder_the_error_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CapctlError) as caught:
        find_data(None, cwd=tmp_path)
    assert caught.value.message.startswith("no data folder found: pass --data DIR, set CAPCTL_DATA")


def test_a_bad_data_folder_from_the_environment_names_the_variable(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPCTL_DATA", str(tmp_path / "gone"))
    result = run("check")
    assert result.exit_code == 2
    assert result.stderr == f"error: CAPCTL_DATA: data folder '{tmp_path / 'gone'}' does not exist\n"


def test_a_bad_today_override_is_a_usage_error(chapter: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPCTL_TODAY", "30/06/2017")
    result = run("--data", chapter, "check")
    assert result.exit_code == 2
    assert result.stderr == "error: CAPCTL_TODAY='30/06/2017' is not a date: use YYYY-MM-DD\n"


@pytest.mark.subprocess
def test_python_dash_m_runs_the_same_command(chapter: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "capctl", "--data", str(chapter), "check"],
        capture_output=True,
        text=True,
        env={"CAPCTL_TODAY": "2017-06-30", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")
    assert done.stderr == "15 records checked: 0 errors, 0 warnings\n"


def test_version_is_printed_without_loading_data(run) -> None:
    from capctl import __version__

    result = run("--version")
    assert (result.exit_code, result.stdout) == (0, f"capctl {__version__}\n")
