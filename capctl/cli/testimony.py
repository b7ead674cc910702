# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from capctl.cli.options import DryRun, GivenOn, TestimonyLanguage, TestimonyPartner, TestimonyPerson, TestimonyTitle
from capctl.problems import CapctlError
from capctl.vocab import ConsentScope, RecordKind

app = typer.Typer(help="Add personal testimonies of partners' members.", no_args_is_help=True, rich_markup_mode=None)


@app.command("add")
def add(
    ctx: typer.Context,
    person: TestimonyPerson = None,
    partner: TestimonyPartner = None,
    date: GivenOn = None,
    language: TestimonyLanguage = None,
    consent: Annotated[
        ConsentScope | None, typer.Option(help="What the person agreed to share: public, internal or none.")
    ] = None,
    title: TestimonyTitle = None,
    text: Annotated[str | None, typer.Option(metavar="TEXT", help="The testimony itself.")] = None,
    file: Annotated[
        Path | None, typer.Option(metavar="PATH", help="A file under the data folder holding it (e.g. files/...).")
    ] = None,
    dry_run: DryRun = False,
) -> None:
    """Add a testimony: written to testimonies/<person>-<date>.yaml (or <title>.yaml).

    Give it with --text or --file (a file inside the data folder). Its text is
    personal data: it stays out of anything published unless --consent public.
    Without --consent, `capctl check` warns until consent is recorded. In a
    terminal, a missing --person or text is asked for; otherwise it is an error.
    """
    from capctl.cli import ask
    from capctl.dates import parse_date, today
    from capctl.edit.new import new_testimony
    from capctl.models.records import Person

    data = ctx.obj.load()
    if person is None:
        if not ask.interactive():
            raise CapctlError("--person is required: who gave the testimony")
        found = None
        while found is None:
            found = ask.one_ref(data, "Who gave it? (a person)", [RecordKind.people])
    else:
        found = ask.ref(data, person, [RecordKind.people], "--person")
    assert isinstance(found, Person)
    if text is None and file is None:
        if not ask.interactive():
            raise CapctlError("give the testimony with --text or --file")
        text = ask.lines("Testimony")
    if consent is None and ask.interactive():
        consent = ask.choice("Consent", ConsentScope, optional=True)
    language = language or (found.languages[0] if found.languages else None) or _chapter_language(data)
    if not language:
        raise CapctlError("--language is required: the person has no languages and capctl.yaml lists none")
    draft = new_testimony(
        data,
        person=found.id,
        partner=ask.ref(data, partner, [RecordKind.partners], "--partner").id if partner else found.affiliation,
        day=parse_date(date, "--date") if date else today(),
        language=language,
        consent=consent,
        title=title,
        text=text,
        file=_inside(data.root, file) if file is not None else None,
    )
    ask.finish(data, draft, dry_run=dry_run)


def _chapter_language(data: object) -> str | None:
    settings = getattr(data, "settings", None)
    languages: list[str] = settings.languages if settings is not None else []
    return languages[0] if languages else None


def _inside(root: Path, file: Path) -> str:
    """``file`` (as typed, or relative to the data folder) as a path under the data folder."""
    target = file if file.exists() or file.is_absolute() else root / file
    if not target.is_file():
        raise CapctlError(f"--file: {str(file)!r} does not exist")
    try:
        return target.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise CapctlError(
            f"--file: {str(file)!r} is outside the data folder; move it to {root / 'files'} first"
        ) from None
