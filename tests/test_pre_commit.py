"""The hooks in .pre-commit-hooks.yaml work from a chapter's data repository.

The fast test runs each hook's entry as pre-commit would (same files, same
arguments); the slow one runs pre-commit itself (`pre-commit try-repo`), which
installs capctl in its own environment with pip.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, GIT_IDENTITY, REPO, git

clientlib = pytest.importorskip("pre_commit.clientlib", reason="pre-commit is a dev dependency")

MANIFEST = REPO / ".pre-commit-hooks.yaml"


@pytest.fixture
def data_repo(tmp_path: Path) -> Path:
    """A chapter's data repository: a git repository with the small fixture chapter as data/ and a README."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "chapter-data"
    repo.mkdir()
    git(repo, "init", "-q")
    shutil.copytree(FIXTURES / "chapter", repo / "data")
    (repo / "README.md").write_text("Our chapter's records.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Our records")
    return repo


def hooks() -> dict[str, dict[str, object]]:
    return {hook["id"]: hook for hook in clientlib.load_manifest(str(MANIFEST))}


def run_hook(repo: Path, hook_id: str) -> subprocess.CompletedProcess[str]:
    """Run a hook's entry in ``repo`` on the files pre-commit would pass it with --all-files."""
    hook = hooks()[hook_id]
    files = [
        name
        for name in git(repo, "ls-files").splitlines()
        if re.search(str(hook["files"]), name) and not re.search(str(hook["exclude"]), name)
    ]
    entry = shlex.split(str(hook["entry"]))
    # The hook's environment has capctl on its PATH; here it is this interpreter's.
    command = [str(Path(sys.executable).parent / entry[0]), *entry[1:], *map(str, hook["args"])]  # type: ignore[call-overload]
    if hook["pass_filenames"]:
        command += files
    env = {key: value for key, value in os.environ.items() if key != "CAPCTL_DATA"}
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, check=False)


def test_the_manifest_is_valid_for_pre_commit_and_offers_both_hooks() -> None:
    found = hooks()
    assert sorted(found) == ["capctl-check", "capctl-fmt"]
    assert found["capctl-check"]["entry"] == "capctl check"
    assert found["capctl-check"]["pass_filenames"] is False
    assert found["capctl-fmt"]["entry"] == "capctl fmt"
    assert all(hook["language"] == "python" for hook in found.values())


@pytest.mark.subprocess
def test_capctl_check_hook_passes_a_clean_chapter_and_fails_a_broken_record(data_repo: Path) -> None:
    passed = run_hook(data_repo, "capctl-check")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    (data_repo / "data" / "people" / "ana-cruz.yaml").write_text("name: Ana Cruz\nnickname: Ana\n", encoding="utf-8")
    git(data_repo, "add", "-A")
    failed = run_hook(data_repo, "capctl-check")
    assert failed.returncode == 1
    assert "data/people/ana-cruz.yaml:2: error: nickname: unknown field" in failed.stdout.splitlines()


@pytest.mark.subprocess
def test_capctl_fmt_hook_rewrites_the_data_files_then_passes(data_repo: Path) -> None:
    (data_repo / "data" / "files").mkdir()
    (data_repo / "data" / "files" / "agenda.yaml").write_text("not: a record\n", encoding="utf-8")
    git(data_repo, "add", "-A")
    first = run_hook(data_repo, "capctl-fmt")
    assert first.returncode == 0, first.stderr
    assert first.stderr.splitlines()[-1] == "17 files reformatted, 0 already canonical"
    assert "data/files/agenda.yaml" not in first.stderr
    # pre-commit fails a commit whose files a hook changed; the second run finds nothing to change.
    assert "data/capctl.yaml" in git(data_repo, "diff", "--name-only").splitlines()
    second = run_hook(data_repo, "capctl-fmt")
    assert (second.returncode, second.stdout, second.stderr) == (0, "", "")


@pytest.mark.slow
@pytest.mark.subprocess
def test_pre_commit_try_repo_runs_both_hooks(data_repo: Path, tmp_path: Path) -> None:
    env = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("CAPCTL_DATA", None)

    def try_repo(hook_id: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook_id, "--all-files"]
        return subprocess.run(command, cwd=data_repo, env=env, capture_output=True, text=True, timeout=600, check=False)

    check = try_repo("capctl-check")
    if check.returncode != 0 and "An unexpected error has occurred" in check.stdout + check.stderr:
        # Installing the hook's environment needs PyPI; without it the hooks are still tested above.
        pytest.skip(f"pre-commit could not install the hook's environment: {check.stdout[-300:]}")
    assert check.returncode == 0, check.stdout
    assert re.search(r"^capctl check\.+Passed$", check.stdout, re.MULTILINE)

    fmt = try_repo("capctl-fmt")
    assert fmt.returncode == 1
    assert re.search(r"^capctl fmt\.+Failed$", fmt.stdout, re.MULTILINE)
    assert "files were modified by this hook" in fmt.stdout
    again = try_repo("capctl-fmt")
    assert again.returncode == 0, again.stdout
    assert re.search(r"^capctl fmt\.+Passed$", again.stdout, re.MULTILINE)
