"""Shell completion of record references: ids (from file names, no parsing), matched as typed;
and of the kinds `capctl list` takes.

Completion runs before the app callback, so the data folder comes from the parsed
root parameters (``--data``) or the usual discovery, and any failure completes
nothing rather than printing an error into the user's shell.
"""

# The library is imported inside `complete`: `capctl --help` loads this module and stays fast.
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import typer

from capctl.vocab import RecordKind


def record_ids(root: Path, kinds: Iterable[RecordKind]) -> list[str]:
    """Ids of the records of ``kinds`` in a data folder, from file names alone."""
    ids: list[str] = []
    for kind in kinds:
        pattern = "*/*.yaml" if kind is RecordKind.engagements else "*.yaml"
        ids.extend(path.stem for path in (root / kind.value).glob(pattern))
    return sorted(ids)


def complete_ref(*kinds: RecordKind) -> Callable[[typer.Context, str], list[str]]:
    """A Typer ``autocompletion`` for an option or argument that takes a REF of ``kinds``."""
    wanted = kinds or tuple(RecordKind)

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        from capctl.store.discover import find_data
        from capctl.text import fold

        try:
            given = ctx.find_root().params.get("data") or []
            root = find_data(given[0] if given else None)
        except Exception:  # completion must never break the shell
            return []
        key = fold(incomplete)
        return [i for i in record_ids(root, wanted) if i.startswith(key) or (key and key in i)]

    return complete


def complete_list_kind(incomplete: str) -> list[str]:
    """A Typer ``autocompletion`` for the KIND of ``capctl list``: the record kinds, and meetings."""
    names = [k.value for k in RecordKind] + ["meetings"]
    return [n for n in names if n.startswith(incomplete.lower())]
