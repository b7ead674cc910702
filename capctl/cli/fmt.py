# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Files or folders (default: every record, capctl.yaml and metrics.yaml of the data folder).",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing: print a diff of each file that is not canonical.")
    ] = False,
) -> None:
    """Rewrite files into the one canonical form capctl writes, keeping comments.

    Canonical: keys in the documented order, two-space indentation, quotes only where YAML needs them,
    lists one item a line, no blank lines, the schema comment first. A comment stays with the key or
    list item below it (or beside it). A file that does not parse or is not valid is reported and left alone.

    Exit status: 0 when every file is canonical (or was rewritten), 1 when --check finds a file to change
    or a file cannot be formatted, 2 for a usage error.
    """
    from capctl.store import fmt

    if paths:
        targets, problems = fmt.targets_of(paths)
    else:
        targets, problems = fmt.data_folder_targets(ctx.obj.data_dir()), []
    outcome = fmt.format_targets(targets)
    problems = sorted([*problems, *outcome.problems], key=lambda p: (p.path, p.line or 0, p.message))
    changed = outcome.changed
    for formatted in changed:
        if check:
            typer.echo(formatted.diff(), nl=False)
        else:
            fmt.write(formatted)
            typer.echo(f"reformatted {formatted.target.shown}", err=True)
    for problem in problems:
        typer.echo(str(problem), err=True)
    verb = "would be reformatted" if check else "reformatted"
    summary = [f"{len(changed)} file{'s' * (len(changed) != 1)} {verb}"]
    summary.append(f"{len(outcome.files) - len(changed)} already canonical")
    if problems:
        summary.append(f"{len(problems)} not formatted (error{'s' * (len(problems) != 1)} above)")
    if changed or problems:
        typer.echo(", ".join(summary), err=True)
    raise typer.Exit(1 if problems or (check and changed) else 0)
