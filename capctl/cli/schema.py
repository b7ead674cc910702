# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import typer

from capctl.cli.options import SchemaOutput
from capctl.problems import CapctlError


def schema(
    ctx: typer.Context,
    output: SchemaOutput = None,
) -> None:
    """Write the JSON Schemas of the YAML files (one per record kind, capctl.yaml and metrics.yaml).

    Editors such as VS Code with the YAML extension read them through each file's first line
    (# yaml-language-server: $schema=...) to check and complete fields as you type. Files already
    up to date are left alone.
    """
    from capctl.store.files import SCHEMAS_FOLDER
    from capctl.store.schema import write_schemas

    folder = output if output is not None else ctx.obj.data_dir() / SCHEMAS_FOLDER
    if folder.exists() and not folder.is_dir():
        raise CapctlError(f"'{folder}' exists and is not a folder")
    try:
        written = write_schemas(folder)
    except OSError as exc:
        raise CapctlError(f"cannot write to '{folder}': {exc.strerror}", 1) from None
    for path in written:
        typer.echo(f"wrote {path}")
    if not written:
        typer.echo(f"the schemas in {folder} are up to date", err=True)
