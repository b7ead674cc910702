"""What git knows about a data folder: the files a change touches, and the folder as it was at a revision.

Only ``git`` itself is run (as a subprocess, never through a shell); a folder
outside a repository or a revision git does not know is a usage error.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from dataclasses import dataclass, field
from pathlib import Path

from capctl.problems import CapctlError

DEFAULT_BASES = ("origin/main", "main")
"""The base a change is compared with when none is given: the first that exists."""


@dataclass(frozen=True)
class Repo:
    top: Path
    """The repository's top-level folder (absolute)."""

    def git(self, *args: str) -> bytes:
        return _git(self.top, *args)


def _git(cwd: Path, *args: str) -> bytes:
    if shutil.which("git") is None:
        raise CapctlError("git is not installed: --changed and --compare need it")
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(message[-1] if message else f"git {args[0]} failed")
    return done.stdout


class _GitFailed(Exception):
    pass


def repo_of(folder: Path) -> Repo:
    """The git repository holding ``folder``; a usage error when there is none."""
    try:
        top = _git(folder, "rev-parse", "--show-toplevel").decode().strip()
    except _GitFailed:
        raise CapctlError(f"'{folder}' is not in a git repository: --changed and --compare need one") from None
    return Repo(Path(top))


def exists(repo: Repo, ref: str) -> bool:
    try:
        repo.git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except _GitFailed:
        return False
    return True


def base_of(repo: Repo, given: str | None, option: str = "--base") -> str:
    """The revision to compare with: ``given``, else ``origin/main``, else ``main``."""
    if given is not None:
        if given.startswith("-") or not exists(repo, given):
            raise CapctlError(f"{option}: git knows no revision {given!r} (fetch it first, or name a branch or commit)")
        return given
    for candidate in DEFAULT_BASES:
        if exists(repo, candidate):
            return candidate
    raise CapctlError(f"no origin/main or main to compare with: give {option} REF")


@dataclass
class Changes:
    """Files of a data folder that differ from a base revision (absolute paths)."""

    base: str
    changed: set[Path] = field(default_factory=set)
    """Added, modified or renamed-to files, committed or not, and untracked files."""
    deleted: set[Path] = field(default_factory=set)
    """Files that are gone, renamed-from paths included."""


def changes(repo: Repo, folder: Path, base: str) -> Changes:
    """What differs in ``folder`` between ``base`` and the working tree: the branch's commits since it left
    ``base`` (``base...HEAD``), uncommitted changes and untracked files."""
    scope = str(folder.resolve().relative_to(repo.top))
    found = Changes(base)
    try:
        merge_base = repo.git("merge-base", base, "HEAD").decode().strip()
    except _GitFailed:
        raise CapctlError(f"--base: {base} and the current branch have no commit in common") from None
    try:
        # Against the merge base, the working tree holds both the branch's commits and what is not committed.
        _name_status(repo, found, "diff", "--name-status", "-z", "--find-renames", merge_base, "--", scope)
        untracked = repo.git("ls-files", "--others", "--exclude-standard", "-z", "--", scope)
    except _GitFailed as exc:
        raise CapctlError(f"git cannot list the changes: {exc}") from None
    found.changed |= {repo.top / name for name in untracked.decode("utf-8", "surrogateescape").split("\0") if name}
    found.deleted -= found.changed
    return found


def _name_status(repo: Repo, found: Changes, *args: str) -> None:
    fields = repo.git(*args).decode("utf-8", "surrogateescape").split("\0")
    i = 0
    while i < len(fields) - 1:
        status = fields[i]
        if status[:1] in ("R", "C"):
            old, new = fields[i + 1], fields[i + 2]
            if status[0] == "R":
                found.deleted.add(repo.top / old)
            found.changed.add(repo.top / new)
            i += 3
            continue
        path = repo.top / fields[i + 1]
        (found.deleted if status == "D" else found.changed).add(path)
        i += 2


def checkout(repo: Repo, folder: Path, ref: str, target: Path) -> Path:
    """Write ``folder`` as it was at ``ref`` under ``target``; returns where the folder is in there.

    Read with ``git archive`` and unpacked with tarfile's ``data`` filter, so no entry can land outside
    ``target``. A folder that did not exist at ``ref`` is a usage error.
    """
    scope = folder.resolve().relative_to(repo.top)
    try:
        archive = repo.git("archive", "--format=tar", ref, "--", str(scope))
    except _GitFailed:
        raise CapctlError(f"--compare: '{folder}' did not exist at {ref}") from None
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / scope
