# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import json
from typing import Annotated

import typer

from capctl.problems import CapctlError, in_file_order


def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"problems": [...]} instead of lines.')] = False,
    changed: Annotated[
        bool,
        typer.Option(
            "--changed",
            help="Only the files changed since --base (committed or not) and the records they refer to or that "
            "refer to them: what a pull request touches.",
        ),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REF",
            help="With --changed: the git revision to compare with (default origin/main, else main).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every record and report every problem at once, as path:line: severity: message.

    With --changed, the whole folder is still read (rules across records need it) but only the problems of the
    changed files and of the records tied to them are reported; a change to capctl.yaml or metrics.yaml
    concerns every file. Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors,
    2 for a usage error (not in a git repository, an unknown --base).
    """
    if base is not None and not changed:
        raise CapctlError("--base goes with --changed")
    from capctl.store.load import leftover_temporaries

    state = ctx.obj
    summary = ""
    if changed:
        from capctl import gitrepo
        from capctl.review import problems_in, scope

        folder = state.data_dir()
        repo = gitrepo.repo_of(folder)
        ref = gitrepo.base_of(repo, base)
        found = gitrepo.changes(repo, folder, ref)
        data = state.load(settings=False)
        within = scope(data, found)
        problems = problems_in(data, within)
        if within.everything:
            summary = f"capctl.yaml or metrics.yaml changed since {ref}, so every file was checked: "
        elif within.changed == 0:
            summary = f"no file of {folder} changed since {ref}: "
        else:
            summary = (
                f"{within.changed} changed file{'s' * (within.changed != 1)} since {ref} and {within.related} "
                f"related file{'s' * (within.related != 1)} checked: "
            )
    else:
        data = state.load(settings=False)
        problems = data.problems
        summary = f"{len(data.records)} records checked: "
    # A write cut short leaves its temporary file whichever records a change touches.
    problems = sorted([*problems, *leftover_temporaries(data)], key=in_file_order)
    errors = sum(1 for p in problems if p.is_error)
    if as_json:
        typer.echo(json.dumps({"problems": [p.as_dict() for p in problems]}, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
        warnings = len(problems) - errors
        typer.echo(f"{summary}{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", err=True)
    raise typer.Exit(1 if errors else 0)
