# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from capctl.cli.options import (
    FollowUpOwner,
    FollowUpsDue,
    MeetingDate,
    MeetingDistrict,
    MeetingDryRun,
    MeetingKind,
    MeetingLanguages,
    MeetingTags,
    MeetingTitle,
    MeetingTopic,
    OfficialsThere,
    PartnersThere,
    PeopleThere,
    PrioritiesDiscussed,
    WriteWithoutAsking,
)
from capctl.problems import CapctlError
from capctl.vocab import EngagementKind, RecordKind

if TYPE_CHECKING:
    from capctl.edit.meeting import FollowUpInput, MeetingInput
    from capctl.store.dataset import DataSet

app = typer.Typer(
    help="Log a meeting, call, training, hearing or any other engagement.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

WHO = (RecordKind.officials, RecordKind.people, RecordKind.partners)


@app.command("add")
def add(
    ctx: typer.Context,
    date: MeetingDate = None,
    kind: MeetingKind = None,
    topic: MeetingTopic = None,
    title: MeetingTitle = None,
    official: OfficialsThere = None,
    person: PeopleThere = None,
    partner: PartnersThere = None,
    priority: PrioritiesDiscussed = None,
    tag: MeetingTags = None,
    location: Annotated[str | None, typer.Option(metavar="TEXT", help="Where it took place.")] = None,
    district: MeetingDistrict = None,
    language: MeetingLanguages = None,
    headcount: Annotated[int | None, typer.Option(min=0, metavar="N", help="How many attended in all.")] = None,
    notes: Annotated[str | None, typer.Option(metavar="TEXT", help="What happened.")] = None,
    follow_up: Annotated[
        list[str] | None, typer.Option(metavar="TEXT", help="A follow-up: TASK, or TASK | OWNER | DUE.")
    ] = None,
    owner: FollowUpOwner = None,
    due: FollowUpsDue = None,
    yes: WriteWithoutAsking = False,
    dry_run: MeetingDryRun = False,
) -> None:
    """Log an engagement: written to engagements/<yyyy>/<date>-<slug>.yaml.

    In a terminal without a --title or anyone met, it asks for each value
    (date, kind, then for a training its topic, district, headcount and
    languages, for a hearing its tags, who was there, title, notes, priorities,
    follow-ups), checking each answer as it is given; then it shows the record,
    and any field can be changed before it is written. A name matching no one
    may be added as a new person on the spot; Ctrl-C writes nothing. Otherwise every value comes from the
    options; an unknown or ambiguous name, or a missing title and nobody met, is
    an error (exit 2) and nothing is written.

    DATE is YYYY-MM-DD, M/D/YYYY (US: 3/5/2017 is March 5), today, yesterday,
    last tuesday or next friday (--date defaults to today). REF is
    an id, a name or an alias, case and accents ignored.

    Follow-ups: each --follow-up is a task. --owner and --due give every task
    its owner and due date; a task written as "TASK | OWNER | DUE" has its own
    (either may be left empty: "Call back | | 2017-07-15").

    The title is the slug of the file name; a second record with the same name
    that day gets -2, never overwriting. Prints "wrote <path>".
    """
    from capctl.cli import ask
    from capctl.dates import parse_date, today

    data = ctx.obj.load()
    who = [*(official or []), *(person or []), *(partner or [])]
    prompting = ask.interactive() and not title and not who

    from capctl.edit.meeting import MeetingInput, new_engagement

    meeting = MeetingInput(
        date=parse_date(date, "--date") if date else today(),
        kind=kind or EngagementKind.one_on_one,
        title=title,
        topic=topic,
        officials=ask.refs(data, official or [], [RecordKind.officials], "--official"),
        people=ask.refs(data, person or [], [RecordKind.people], "--person"),
        partners=ask.refs(data, partner or [], [RecordKind.partners], "--partner"),
        priorities=ask.refs(data, priority or [], [RecordKind.priorities], "--priority"),
        tags=tag or [],
        location=location,
        district=district,
        languages=language or [],
        headcount=headcount,
        notes=notes,
        follow_ups=_follow_ups(data, follow_up or [], owner, due),
    )
    if prompting:
        options = {
            "date": date, "kind": kind, "topic": topic, "district": district, "headcount": headcount,
            "languages": language, "tags": tag, "notes": notes, "priorities": priority, "follow-ups": follow_up,
        }  # fmt: skip
        _capture(data, meeting, {name for name, value in options.items() if value is not None})
        return
    draft = new_engagement(data, meeting)
    ask.finish(data, draft, dry_run=dry_run, review=ask.interactive() and not yes)


def _capture(data: DataSet, meeting: MeetingInput, given: set[str]) -> None:
    """Ask at a terminal, show the record, let any field change, then write it with any new people."""
    from capctl.cli import capture
    from capctl.edit.new import write

    try:
        captured = capture.prompt(data, meeting, given)
        draft = capture.review(captured)
    except KeyboardInterrupt:
        typer.echo("\ninterrupted: nothing was written (the meeting and any person added on the way)", err=True)
        raise typer.Exit(130) from None
    import shlex

    used = {*captured.meeting.people, *(f.owner for f in captured.meeting.follow_ups)}
    shown = [captured.data.display(write(captured.data, p)[0]) for p in captured.new_people if p.record.id in used]
    for warning in draft.warnings:
        typer.echo(f"warning: {warning}", err=True)
    path, record = write(captured.data, draft)
    for written in shown:
        typer.echo(f"wrote {written}")
    files = " ".join(shlex.quote(f) for f in [captured.data.display(path), *shown])
    typer.echo(f"wrote {captured.data.display(path)}")
    typer.echo(f"commit it: git add {files} && git commit -m {shlex.quote(f'Log {record.label}')}", err=True)


def _follow_ups(data: DataSet, tasks: list[str], owner: str | None, due: str | None) -> list[FollowUpInput]:
    """``--follow-up`` values, each ``TASK`` or ``TASK | OWNER | DUE``, with --owner and --due for the rest."""
    from capctl.cli import ask
    from capctl.dates import parse_date
    from capctl.edit.meeting import FollowUpInput

    found: list[FollowUpInput] = []
    for text in tasks:
        parts = [part.strip() for part in text.split("|")]
        if len(parts) > 3 or not parts[0]:
            raise CapctlError(f"--follow-up {text!r}: write TASK, or TASK | OWNER | DUE")
        parts += [""] * (3 - len(parts))
        who = parts[1] or owner
        when = parts[2] or due
        found.append(
            FollowUpInput(
                task=parts[0],
                owner=ask.ref(data, who, [RecordKind.people], "--owner").id if who else None,
                due=parse_date(when, "--due") if when else None,
            )
        )
    return found
