"""A change's effect on the grant metrics: each metric before (at a base revision) and after.

Used by a pull request's job summary: :func:`compare` pairs two reports metric by
metric, :func:`to_markdown` and :func:`to_json` format the pairs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from capctl import gitrepo
from capctl.problems import CapctlError
from capctl.report.build import build
from capctl.report.metrics import Result
from capctl.report.parts import Report
from capctl.report.words import target_text
from capctl.store.load import load


@dataclass
class Delta:
    """One metric before and after a change (None: the metric is not in that side's metrics.yaml)."""

    metric_id: str
    label: str
    before: Result | None
    after: Result | None

    @property
    def change(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after.value - self.before.value


@dataclass
class Comparison:
    base: str
    as_of: dt.date
    deltas: list[Delta]
    base_note: str | None = None
    """Why there is no "before" (the folder or its metrics.yaml did not exist or was invalid at the base)."""
    errors_before: int = 0
    errors_after: int = 0


def compare(before: Report | None, after: Report, base: str) -> Comparison:
    """Pair the metrics of ``before`` and ``after`` by id, in the after side's order, then the dropped ones."""
    earlier = {r.metric.id: r for r in before.lines} if before else {}
    deltas = [Delta(r.metric.id, r.metric.label, earlier.pop(r.metric.id, None), r) for r in after.lines]
    deltas += [Delta(r.metric.id, r.metric.label, r, None) for r in earlier.values()]
    return Comparison(
        base=base,
        as_of=after.as_of,
        deltas=deltas,
        errors_before=sum(c.errors for c in before.chapters) if before else 0,
        errors_after=sum(c.errors for c in after.chapters),
    )


def _cell(result: Result | None) -> str:
    return "—" if result is None else f"{result.value} ({result.status.value})"


def _change(delta: Delta) -> str:
    if delta.before is None:
        return "new metric"
    if delta.after is None:
        return "metric removed"
    change = delta.change or 0
    text = f"{change:+d}" if change else "0"
    if delta.before.status is not delta.after.status:
        text += f", {delta.before.status.value} → {delta.after.status.value}"
    return text


def to_markdown(comparison: Comparison) -> str:
    """The job summary: a table metric / target / before / after / change."""
    lines = [
        f"## Effect on the grant metrics (as of {comparison.as_of}, compared with {comparison.base})",
        "",
    ]
    if comparison.base_note:
        lines += [f"_{comparison.base_note}_", ""]
    lines += ["| Metric | Target | Before | After | Change |", "|---|---|---:|---:|---|"]
    for delta in comparison.deltas:
        shown = delta.after or delta.before
        target = target_text(shown.target) if shown else ""
        label = delta.label.replace("|", "\\|")
        lines.append(f"| {label} | {target} | {_cell(delta.before)} | {_cell(delta.after)} | {_change(delta)} |")
    changed = sum(1 for d in comparison.deltas if d.change != 0)
    total = len(comparison.deltas)
    lines += ["", f"{changed} of {total} {'metric changes' if total == 1 else 'metrics change'}."]
    if comparison.errors_after:
        lines.append(
            f"{comparison.errors_after} error{'s' * (comparison.errors_after != 1)} in the data after the change "
            "(records with errors are left out; `capctl check` lists them)."
        )
    return "\n".join(lines) + "\n"


def to_json(comparison: Comparison) -> dict[str, Any]:
    def side(result: Result | None) -> dict[str, Any] | None:
        return None if result is None else {"value": result.value, "status": result.status.value}

    return {
        "base": comparison.base,
        "as_of": comparison.as_of.isoformat(),
        "base_note": comparison.base_note,
        "metrics": [
            {
                "id": d.metric_id,
                "label": d.label,
                "before": side(d.before),
                "after": side(d.after),
                "change": d.change,
            }
            for d in comparison.deltas
        ],
        "errors": {"before": comparison.errors_before, "after": comparison.errors_after},
    }


def with_base(folder: Path, after: Report, ref: str | None) -> Comparison:
    """``after`` (the report of ``folder`` as it is) compared with the same folder at git revision ``ref``
    (default origin/main, else main), evaluated as of the same date."""
    import tempfile

    repo = gitrepo.repo_of(folder)
    base = gitrepo.base_of(repo, ref, option="--compare")
    with tempfile.TemporaryDirectory(prefix="capctl-compare-") as temporary:
        try:
            earlier = gitrepo.checkout(repo, folder, base, Path(temporary))
        except CapctlError:
            comparison = compare(None, after, base)
            comparison.base_note = f"{folder} did not exist at {base}: every metric is new."
            return comparison
        try:
            before = build([load(earlier)], after.as_of)
        except CapctlError as exc:
            comparison = compare(None, after, base)
            # The whole message, joined on one line, naming the folder as the reader knows it, not the copy.
            reason = " ".join(exc.message.split("\n")).replace(str(earlier), str(folder))
            comparison.base_note = f"no metrics at {base}: {reason}"
            return comparison
    return compare(before, after, base)
