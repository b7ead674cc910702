"""Finding the data folder: ``--data``, else ``CAPCTL_DATA``, else the nearest ``data/`` upward."""

from __future__ import annotations

import os
from pathlib import Path

from capctl.problems import CapctlError
from capctl.store.files import SETTINGS_FILE, parse_mapping, read_text
from capctl.yaml import roundtrip, safe

DATA_ENV = "CAPCTL_DATA"


def find_data(given: Path | str | None = None, cwd: Path | None = None) -> Path:
    """The data folder to use, checked to exist and to hold a ``capctl.yaml``."""
    if given is not None and str(given) != "":
        return _checked(Path(given), "--data")
    env = os.environ.get(DATA_ENV)
    if env:
        return _checked(Path(env), DATA_ENV)
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / SETTINGS_FILE).is_file():
            return _relative(folder, start)
        if (folder / "data" / SETTINGS_FILE).is_file():
            return _relative(folder / "data", start)
    raise CapctlError(
        "no data folder found: pass --data DIR, set CAPCTL_DATA, or run inside a folder "
        "whose data/ holds a capctl.yaml (`capctl init DIR` creates one)"
    )


def _checked(path: Path, source: str) -> Path:
    if not path.exists():
        raise CapctlError(f"{source}: data folder '{path}' does not exist")
    if not path.is_dir():
        raise CapctlError(f"{source}: '{path}' is not a folder")
    if not (path / SETTINGS_FILE).is_file():
        raise CapctlError(
            f"{source}: '{path}' is not a capctl data folder (it has no {SETTINGS_FILE}); "
            f"`capctl init {path}` creates one"
        )
    return path


def _relative(folder: Path, start: Path) -> Path:
    """Show a found folder relative to where the user is, as they would type it."""
    try:
        return Path(os.path.relpath(folder, start))
    except ValueError:
        return folder


def expand_chapters(folders: list[Path]) -> list[Path]:
    """``folders``, with a statewide folder (whose ``capctl.yaml`` lists ``chapters:``) replaced by those
    chapters' folders, relative to that file."""

    expanded: list[Path] = []
    for folder in folders:
        settings = folder / SETTINGS_FILE
        try:
            text = read_text(settings)
            chapters = parse_mapping(text).get("chapters")
        except (OSError, safe.YamlSyntaxError):
            chapters = None  # loading the folder reports what is wrong with it
        if not chapters:
            expanded.append(folder)
            continue
        line = roundtrip.line_of(text, ["chapters"])
        if not isinstance(chapters, list) or not all(isinstance(c, str) and c for c in chapters):
            raise CapctlError(f"{settings}:{line}: chapters: a list of folders, relative to this file")
        for i, chapter in enumerate(chapters):
            expanded.append(_checked(folder / chapter, f"{settings}:{roundtrip.line_of(text, ['chapters', i])}"))
    return expanded
