# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import Annotated

import typer

from capctl.cli.options import (
    AllowDuplicate,
    DryRun,
    IdOption,
    MadeAvailable,
    ResourceKindOption,
    ResourceLanguages,
    ResourceTopic,
)
from capctl.problems import CapctlError
from capctl.vocab import ResourceKind, choices

app = typer.Typer(help="Add presentations and materials.", no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(metavar="TITLE", help="Its title.")],
    kind: ResourceKindOption = None,
    topic: ResourceTopic = None,
    language: ResourceLanguages = None,
    date: MadeAvailable = None,
    link: Annotated[
        str | None, typer.Option(metavar="PATH_OR_URL", help="A file under the data folder or a URL.")
    ] = None,
    record_id: IdOption = None,
    allow_duplicate: AllowDuplicate = False,
    dry_run: DryRun = False,
) -> None:
    """Add a resource: written to resources/<id>.yaml.

    --kind and at least one --language are asked for in a terminal, required
    otherwise.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date
    from capctl.edit.new import new_resource

    data = ctx.obj.load()
    if kind is None:
        if not ask.interactive():
            raise CapctlError(f"--kind is required: {choices(ResourceKind)}")
        kind = ask.choice("Kind", ResourceKind)
    if not language:
        if not ask.interactive():
            raise CapctlError("--language is required: the languages it exists in (repeat it for each)")
        language = ask.text("Languages, separated by spaces (en es...)", required=True).replace(",", " ").split()
    assert kind is not None
    draft = new_resource(
        data,
        title,
        kind=kind,
        topic=topic,
        languages=language,
        day=parse_date(date, "--date") if date else None,
        link=link,
        record_id=record_id,
    )
    ask.duplicates(draft, allow_duplicate)
    ask.finish(data, draft, dry_run=dry_run)
