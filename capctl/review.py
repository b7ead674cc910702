"""Judging a pull request on what it touches: the files it changes and the records tied to them.

The whole folder is always loaded, since a rule across records needs all of them;
:func:`scope` then says which files a change concerns, and :func:`problems_in`
keeps only their problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from capctl.gitrepo import Changes
from capctl.problems import Problem
from capctl.references import references
from capctl.store.dataset import DataSet
from capctl.store.files import METRICS_FILE, SETTINGS_FILE, SUFFIX


@dataclass
class Scope:
    """The files a change concerns (as the data set displays paths), or every file."""

    files: set[str] = field(default_factory=set)
    everything: bool = False
    changed: int = 0
    """How many files of the data folder the change itself touches (deleted ones included)."""
    related: int = 0
    """How many more files are checked because they refer to the changed ones or are referred to."""


def scope(data: DataSet, found: Changes) -> Scope:
    """The changed files, the files of records they refer to, and of records that refer to them.

    A deleted record's id counts as changed, so that what pointed at it is checked; a change
    to ``capctl.yaml`` or ``metrics.yaml`` concerns every file.
    """
    root = data.root.resolve()
    inside = {p for p in found.changed | found.deleted if p.is_relative_to(root)}
    result = Scope(files={data.display(data.root / p.relative_to(root)) for p in inside}, changed=len(inside))
    if any(p.relative_to(root).as_posix() in (SETTINGS_FILE, METRICS_FILE) for p in inside):
        result.everything = True
        return result
    # A record's id is its file's name: no need to resolve every record's path to find the changed ones.
    changed_ids = {p.stem for p in inside if _path_of(data, p.stem) == data.root / p.relative_to(root)}
    changed_ids |= {p.stem for p in found.deleted if p.is_relative_to(root) and p.suffix == SUFFIX}
    related: set[str] = set()
    for record in data.records.values():
        targets = {ref for _, ref, _ in references(record)}
        if record.id in changed_ids:
            related |= targets
        elif targets & changed_ids:
            related.add(record.id)
    extra = {data.display(path) for i in related if (path := _path_of(data, i)) is not None} - result.files
    result.files |= extra
    result.related = len(extra)
    return result


def _path_of(data: DataSet, record_id: str) -> Path | None:
    """The file of a record, loaded or with errors (what refers to it is told at its file)."""
    path = data.paths.get(record_id)
    if path is None and record_id in data.broken:
        path = data.broken[record_id][1]
    return path


def problems_in(data: DataSet, within: Scope) -> list[Problem]:
    """The problems of the files in scope."""
    if within.everything:
        return list(data.problems)
    return [p for p in data.problems if p.path in within.files]
