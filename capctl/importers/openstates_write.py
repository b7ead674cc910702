"""Applying an Open States import plan, and saying what it did (the table, the summary, the JSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from capctl.edit import patch
from capctl.edit.new import Draft, check_new, write
from capctl.edit.update import apply as edit
from capctl.importers.openstates import Outcome, Plan, claim
from capctl.problems import CapctlError
from capctl.store import files as store_files
from capctl.store.dataset import DataSet, with_records
from capctl.vocab import RecordKind

# --- writing ----------------------------------------------------------------------------


def apply(data: DataSet, the_plan: Plan) -> None:
    """Write a plan: new officials as new files, updates as edits of only the fields that change.

    Every official is first checked as ``capctl check`` will see it: if one would add an error, nothing
    is written. Each update is checked again against its file as it is when written.
    """

    planned = [o for o in the_plan.outcomes if o.record is not None]
    trial = replace(data, records=with_records(data.records), paths=dict(data.paths), problems=[])
    for outcome in planned:
        assert outcome.record is not None
        claim(trial, outcome.record)
    refused = []
    for outcome in planned:
        assert outcome.record is not None
        path = trial.paths[outcome.record.id]
        before = data.records.get(outcome.record.id)
        known = check_new(data, before, path, warnings=False)[0] if before is not None else []
        errors = check_new(trial, outcome.record, path, warnings=False)[0]
        refused += [f"{data.display(path)}: {e}" for e in errors if e not in known]
    if refused:
        raise CapctlError("the import would add errors; nothing was written: " + "; ".join(refused), 1)
    for outcome in the_plan.outcomes:
        if outcome.record is None:
            continue
        if outcome.action == "created":
            path = store_files.record_path(data.root, RecordKind.officials, outcome.record.id)
            write(data, Draft(outcome.record, path))
        elif outcome.action == "updated":
            official = data.records[outcome.record_id or ""]
            edit(data, official, _set_fields(outcome.values))


def _set_fields(values: dict[str, Any]) -> patch.Change:
    """Set (or, for None, remove) fields of an official's file, each new key in its canonical place."""
    from ruamel.yaml.comments import CommentedMap

    def change(tree: CommentedMap) -> None:
        for key, value in values.items():
            if value is None:
                tree.pop(key, None)
            else:
                patch.set_value(RecordKind.officials, key, _roundtrip(value))(tree)

    return change


def _roundtrip(value: Any) -> Any:
    """Plain values as ruamel nodes in block style, the way capctl writes files."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return CommentedMap((k, _roundtrip(v)) for k, v in value.items())
    if isinstance(value, list):
        return CommentedSeq(_roundtrip(v) for v in value)
    if isinstance(value, dt.date):
        # A date object used twice (a field and its snapshot) would be written as an &anchor and *alias.
        return dt.date(value.year, value.month, value.day)
    return value


# --- saying what it did --------------------------------------------------------------


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "; ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values())
    return "nothing" if value is None else str(value)


def what(outcome: Outcome) -> str:
    """One line on what happened to one person: the fields set, the hand edits kept, or why skipped."""
    if outcome.action == "skipped":
        return outcome.reason or ""
    parts = []
    if outcome.action == "created" and outcome.record is not None:
        parts.append(" ".join(filter(None, [outcome.record.office, outcome.record.district])))
    elif outcome.fields:
        parts.append("set " + ", ".join(outcome.fields))
    if outcome.linked:
        parts.append("linked to its Open States id")
    for c in outcome.conflicts:
        if c.overwritten:
            parts.append(f"replaced your {c.field} ({_shown(c.yours)}) with {_shown(c.theirs)}")
        else:
            parts.append(f"kept your {c.field} ({_shown(c.yours)}; Open States: {_shown(c.theirs)})")
    if not parts and outcome.action == "updated":
        parts.append("recorded what Open States says now")
    return "; ".join(parts)


def summary(the_plan: Plan, dry_run: bool) -> str:
    counts = {a: len(the_plan.of(a)) for a in ("created", "updated", "unchanged", "skipped")}
    verb = "would be " if dry_run else ""
    text = ", ".join(f"{n} {verb if a != 'unchanged' else ''}{a}" for a, n in counts.items())
    if the_plan.filtered_out:
        text += f"; {the_plan.filtered_out} outside --jurisdiction/--district"
    retired = sum(1 for o in the_plan.of("skipped") if (o.reason or "").startswith("no current role"))
    if retired:
        text += f"; --include-retired imports the {retired} without a current role"
    kept = sum(1 for o in the_plan.outcomes for c in o.conflicts if not c.overwritten)
    if kept:
        text += f"; {kept} hand edit{'s' * (kept != 1)} kept (--overwrite FIELD replaces them)"
    return ("dry run, nothing written: " if dry_run else "") + text


def to_json(the_plan: Plan, data: DataSet, dry_run: bool) -> dict[str, Any]:
    """The outcome for scripts: created, updated (fields set, hand edits kept), unchanged and skipped."""

    def base(o: Outcome) -> dict[str, Any]:
        return {"id": o.record_id, "name": o.name, "openstates_id": o.openstates_id}

    def path(o: Outcome) -> str:
        return data.display(store_files.record_path(data.root, RecordKind.officials, o.record_id or ""))

    return {
        "dry_run": dry_run,
        "created": [{**base(o), "path": path(o)} for o in the_plan.of("created")],
        "updated": [
            {
                **base(o),
                "path": path(o),
                "fields": o.fields,
                "conflicts": [
                    {"field": c.field, "yours": c.yours, "theirs": c.theirs, "overwritten": c.overwritten}
                    for c in o.conflicts
                ],
            }
            for o in the_plan.of("updated")
        ],
        "unchanged": [
            {
                **base(o),
                "conflicts": [{"field": c.field, "yours": c.yours, "theirs": c.theirs} for c in o.conflicts],
            }
            for o in the_plan.of("unchanged")
        ],
        "skipped": [
            {"name": o.name, "openstates_id": o.openstates_id, "file": str(o.source), "reason": o.reason}
            for o in the_plan.of("skipped")
        ],
        "outside_filters": the_plan.filtered_out,
    }
