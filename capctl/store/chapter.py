"""Creating a new chapter's data folder."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from capctl.problems import CapctlError
from capctl.store.files import METRICS_FILE, SCHEMAS_FOLDER, SETTINGS_FILE
from capctl.store.schema import write_schemas
from capctl.store.write import write_exclusive
from capctl.vocab import RecordKind


def template(name: str) -> str:
    """The text of a packaged template (``capctl.yaml`` or ``metrics.yaml``)."""
    return files("capctl").joinpath("templates").joinpath(name).read_text(encoding="utf-8")


def init_folder(folder: Path) -> list[Path]:
    """Create a chapter's folder with its settings, the grant's metrics, empty collections and
    the JSON Schemas that every file's first line points editors at.

    Refuses a folder that already holds records or settings; returns what was created.
    """
    if folder.exists() and not folder.is_dir():
        raise CapctlError(f"'{folder}' exists and is not a folder")
    if folder.exists():
        taken = [p.name for p in (folder / SETTINGS_FILE, folder / METRICS_FILE) if p.exists()]
        taken += [
            k.value for k in RecordKind if (folder / k.value).is_dir() and any((folder / k.value).rglob("*.y*ml"))
        ]
        if taken:
            raise CapctlError(f"'{folder}' already holds capctl data ({', '.join(taken)}); nothing was changed", 1)
    created: list[Path] = []
    for name in (SETTINGS_FILE, METRICS_FILE):
        path = folder / name
        write_exclusive(path, template(name))
        created.append(path)
    for kind in RecordKind:
        keep = folder / kind.value / ".gitkeep"
        keep.parent.mkdir(parents=True, exist_ok=True)
        if not keep.exists():
            keep.touch()
        created.append(keep.parent)

    write_schemas(folder / SCHEMAS_FOLDER)
    created.append(folder / SCHEMAS_FOLDER)
    return created
