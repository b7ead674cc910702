from __future__ import annotations

import json
from typing import Annotated

import typer


def check(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help='Print {"problems": [...]} instead of lines.')] = False,
) -> None:
    """Check every record and report every problem at once, as path:line: severity: message.

    Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors, 2 for a usage error.
    """
    from capctl.store import leftover_temporaries

    state = ctx.obj
    data = state.load()
    problems = sorted([*data.problems, *leftover_temporaries(data)], key=lambda p: (p.path, p.line or 0, p.message))
    if as_json:
        typer.echo(json.dumps({"problems": [p.as_dict() for p in problems]}, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            typer.echo(str(problem))
        errors = len(data.errors)
        warnings = len(problems) - errors
        typer.echo(
            f"{len(data.records)} records checked: {errors} error{'s' * (errors != 1)}, "
            f"{warnings} warning{'s' * (warnings != 1)}",
            err=True,
        )
    raise typer.Exit(1 if data.errors else 0)
