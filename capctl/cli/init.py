# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def init(
    folder: Annotated[Path, typer.Argument(help="The new data folder, e.g. data.")],
) -> None:
    """Create a chapter's data folder: capctl.yaml, metrics.yaml with the grant's metrics, empty collections,
    and schemas/ for editors (see `capctl schema`).

    Refuses a folder that already holds records.
    """
    from capctl.store.chapter import init_folder

    created = init_folder(folder)
    for path in created:
        typer.echo(f"created {path}")
    typer.echo(
        f"next: edit {folder / 'capctl.yaml'} (chapter name, districts, languages), then `capctl --data {folder} check`"
    )
