"""`capctl check --changed`: a pull request judged on what it touches, in a temporary git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import chapter_repository, git

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A chapter's repository: the fixture chapter committed on main, and a branch `change` checked out."""
    return chapter_repository(tmp_path / "repo", "chapter", "change")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)


def test_nothing_changed_means_nothing_to_report(repo: Path, run) -> None:
    result = run("--data", repo / "data", "check", "--changed")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr == f"no file of {repo / 'data'} changed since main: 0 errors, 0 warnings\n"


def test_only_the_changed_files_problems_are_reported(repo: Path, run) -> None:
    data = repo / "data"
    # An error already on main, in a file the change does not touch, is not the change's to fix.
    (data / "resources" / "budget-101-deck.yaml").write_text("title: Budget 101\nkind: deck\nlanguages: [en]\n")
    git(repo, "checkout", "--quiet", "main")
    commit(repo, "A mistake on main")
    git(repo, "checkout", "--quiet", "change")
    git(repo, "merge", "--quiet", "main")
    jon = data / "people" / "jon-lee.yaml"
    jon.write_text(jon.read_text().replace("title: Budget deputy", "title: Budget deputy\naffiliation: nobody"))
    commit(repo, "Jon's affiliation")

    result = run("--data", data, "check", "--changed")
    assert result.exit_code == 1
    assert result.stdout == f"{data}/people/jon-lee.yaml:4: error: affiliation: no partner 'nobody'\n"
    assert result.stderr == "1 changed file since main and 2 related files checked: 1 error, 0 warnings\n"
    everything = run("--data", data, "check")
    assert "resources/budget-101-deck.yaml" in everything.stdout


def test_a_deleted_record_has_its_referrers_checked(repo: Path, run) -> None:
    data = repo / "data"
    git(repo, "rm", "--quiet", "data/officials/hilda-ramos.yaml")
    commit(repo, "Hilda Ramos left office")
    result = run("--data", data, "check", "--changed")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{data}/engagements/2017/2017-02-14-visit-hilda-ramos.yaml:9: error: officials.0: no official 'hilda-ramos'",
        f"{data}/people/jon-lee.yaml:2: error: works_for: no official 'hilda-ramos'",
        f"{data}/priorities/general-relief.yaml:9: error: positions.0.official: no official 'hilda-ramos'",
    ]


def test_a_changed_file_with_errors_is_told_with_what_refers_to_it(repo: Path, run) -> None:
    """A record broken by the change: its error, then one line for the three files that refer to it (#12)."""
    data = repo / "data"
    maria = data / "people" / "maria-martinez.yaml"
    maria.write_text(maria.read_text().replace("  - es\n", "  - Spanish\n"))
    commit(repo, "Maria's languages")
    result = run("--data", data, "check", "--changed")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{data}/people/maria-martinez.yaml:5: error: languages.0: 'Spanish' is not a language code: "
        "use ISO 639 codes such as en, es, zh, ko, tl, hy",
        f"{data}/people/maria-martinez.yaml: error: 3 references to people/maria-martinez, which has errors: "
        "in engagements/2017/2017-02-14-visit-hilda-ramos.yaml, partners/east-la-tenants.yaml, "
        "testimonies/maria-on-the-collective.yaml",
    ]
    assert result.stderr == "1 changed file since main and 3 related files checked: 2 errors, 0 warnings\n"


def test_a_renamed_record_counts_as_deleted_under_its_old_id(repo: Path, run) -> None:
    data = repo / "data"
    git(repo, "mv", "data/officials/hilda-ramos.yaml", "data/officials/hilda-ramos-2.yaml")
    commit(repo, "Renamed")
    result = run("--data", data, "check", "--changed")
    assert result.exit_code == 1
    assert f"{data}/people/jon-lee.yaml:2: error: works_for: no official 'hilda-ramos'" in result.stdout.splitlines()


def test_uncommitted_and_untracked_files_count_as_changed(repo: Path, run) -> None:
    data = repo / "data"
    (data / "partners" / "new-partner.yaml").write_text("name: New Partner\nstatus_history: []\n")
    result = run("--data", data, "check", "--changed", "--json")
    assert result.exit_code == 1
    assert [p["path"] for p in __import__("json").loads(result.stdout)["problems"]] == [
        f"{data}/partners/new-partner.yaml"
    ]


def test_a_change_to_the_settings_checks_every_file(repo: Path, run) -> None:
    data = repo / "data"
    settings = data / "capctl.yaml"
    settings.write_text(settings.read_text() + "# reviewed\n")
    result = run("--data", data, "check", "--changed", "--base", "main")
    assert result.exit_code == 0
    assert result.stderr == (
        "capctl.yaml or metrics.yaml changed since main, so every file was checked: 0 errors, 0 warnings\n"
    )


def test_origin_main_is_the_default_base_when_it_exists(repo: Path, run) -> None:
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    result = run("--data", repo / "data", "check", "--changed")
    assert result.stderr.startswith(f"no file of {repo / 'data'} changed since origin/main")


def test_an_unknown_base_is_a_usage_error(repo: Path, run) -> None:
    result = run("--data", repo / "data", "check", "--changed", "--base", "no-such-branch")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --base: git knows no revision 'no-such-branch' (fetch it first, or name a branch or commit)\n"
    )


def test_outside_a_git_repository_is_a_usage_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "check", "--changed")
    assert result.exit_code == 2
    assert result.stderr == f"error: '{chapter}' is not in a git repository: --changed and --compare need one\n"


def test_base_without_changed_is_a_usage_error(chapter: Path, run) -> None:
    result = run("--data", chapter, "check", "--base", "main")
    assert (result.exit_code, result.stderr) == (2, "error: --base goes with --changed\n")


def test_a_base_with_no_common_history_is_a_usage_error(repo: Path, run) -> None:
    git(repo, "checkout", "--quiet", "--orphan", "elsewhere")
    git(repo, "commit", "--quiet", "-m", "Unrelated history")
    git(repo, "checkout", "--quiet", "change")
    result = run("--data", repo / "data", "check", "--changed", "--base", "elsewhere")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --base: elsewhere and the current branch have no commit in common\n",
    )
