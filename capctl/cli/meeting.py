# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from capctl.cli.options import (
    CalendarSince,
    CalendarUntil,
    FollowUpOwner,
    FollowUpsDue,
    ImportedKind,
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
    ShowFormat,
    ShowFormatOption,
    WriteWithoutAsking,
)
from capctl.problems import CapctlError
from capctl.vocab import EngagementKind, RecordKind

if TYPE_CHECKING:
    from capctl.cli import State
    from capctl.edit.meeting import FollowUpInput, MeetingInput
    from capctl.importers.calendar import CalendarPlan
    from capctl.store.dataset import DataSet

app = typer.Typer(
    help="Log a meeting, call, training, hearing or any other engagement.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

WHO = (RecordKind.officials, RecordKind.people, RecordKind.partners)
NAMED_KINDS = (*WHO, RecordKind.priorities)
"""What an engagement refers to (and ``meeting add``'s flags name): the records it reads with flags."""


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

    who = [*(official or []), *(person or []), *(partner or [])]
    prompting = ask.interactive() and not title and not who
    # With flags it reads names only: the records it may name, not the engagements (their ids: enough to
    # find a free one). At a terminal the prompts may show anything: every record.
    data = ctx.obj.load(kinds=None if prompting else NAMED_KINDS)

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


CALENDAR_DAYS = 30
"""Without --since, the events of this many days up to --until are imported."""


@app.command("import")
def import_(
    ctx: typer.Context,
    calendar: Annotated[
        Path, typer.Argument(metavar="FILE.ics", help="A calendar exported from Google Calendar, Outlook or another.")
    ],
    since: CalendarSince = None,
    until: CalendarUntil = None,
    kind: ImportedKind = None,
    yes: WriteWithoutAsking = False,
    fmt: ShowFormatOption = ShowFormat.table,
) -> None:
    """Log the meetings of a calendar: each event from --since to --until becomes an engagement.

    Export the calendar as .ics (Google Calendar: Settings, Import & export;
    Outlook: File, Save Calendar). Repeating events give one engagement a day
    they fall on; cancelled events and days are left out. Each event's title,
    date and location make the engagement; its organizer and invitees (not
    those who declined, nor rooms) are matched to people and officials by
    email, else by name as `capctl attendance import` matches a sign-in sheet,
    and the partners of the people matched take part too.

    The drafts and the names matched to no one are shown first; in a terminal
    it asks which to write (all, none, or their numbers), and a name matching
    several records is chosen from a list. Without a terminal it writes only
    with --yes. Each engagement keeps its event's UID (calendar_uid): an event
    already imported is left out, so importing the same file again writes
    nothing. To have an unmatched name on the engagements, answer none, add
    the person (capctl person add), and import again.
    """
    import datetime as dt

    from capctl.cli import ask
    from capctl.cli.output import progress_bar
    from capctl.dates import parse_date, today
    from capctl.importers import calendar as calendar_import
    from capctl.importers.ics import read_calendar

    state = ctx.obj
    data = state.load()
    last = parse_date(until, "--until") if until else today()
    first = parse_date(since, "--since") if since else last - dt.timedelta(days=CALENDAR_DAYS)
    if first > last:
        raise CapctlError(f"--since {first} is after --until {last}: no day to import")
    with progress_bar(state, f"reading {calendar}"):
        read = read_calendar(calendar)
        found = calendar_import.plan(data, read, first, last, kind)
    if ask.interactive() and found.ambiguous:
        choices: dict[str, str | None] = {}
        for label, candidates in found.ambiguous.items():
            chosen = ask.pick([data.records[i] for i in candidates], label)
            choices[label] = chosen.id if chosen else None
        found = calendar_import.plan(data, read, first, last, kind, choices)
    _print_plan(state, data, found, fmt)
    if not found.drafts:
        return
    numbers = None
    if not yes:
        if not ask.interactive():
            typer.echo(
                f"nothing was written: run again with --yes to write {_engagements(len(found.drafts))}", err=True
            )
            return
        numbers = _choose(len(found.drafts))
        if not numbers:
            typer.echo("nothing was written", err=True)
            return
    shown = [data.display(path) for path in calendar_import.apply(data, found, numbers)]
    for path in shown:
        typer.echo(f"wrote {path}")
    files = " ".join(shlex.quote(p) for p in shown)
    message = shlex.quote(f"Meetings from {calendar.name}")
    typer.echo(f"commit them: git add {files} && git commit -m {message}", err=True)


def _engagements(n: int) -> str:
    return f"{n} engagement{'s' * (n != 1)}"


def _print_plan(state: State, data: DataSet, plan: CalendarPlan, fmt: ShowFormat) -> None:
    """The drafts (a table, or JSON), then on stderr what the file held, what is left out and who is unmatched."""
    from capctl.cli.output import print_json, print_table
    from capctl.importers.calendar import plan_table

    read = plan.calendar
    typer.echo(
        f"{read.path}: {read.producer}, {read.events} event{'s' * (read.events != 1)}; "
        f"from {plan.since} to {plan.until}: {plan.count('new')} new, "
        f"{plan.count('imported')} already imported, {plan.count('cancelled')} cancelled",
        err=True,
    )
    if fmt is ShowFormat.json:
        print_json(
            {
                "file": str(read.path),
                "since": plan.since.isoformat(),
                "until": plan.until.isoformat(),
                "events": [e.as_dict(data) for e in plan.events],
                "unmatched": list(plan.unmatched),
            }
        )
    elif plan.events:
        print_table(state, plan_table(data, plan))
    for event in plan.drafts:
        for warning in event.draft.warnings if event.draft is not None else []:
            typer.echo(f"warning: {event.event.date} {event.event.summary}: {warning}", err=True)
    for label, matches in plan.unmatched.items():
        dates = list(dict.fromkeys(str(e.event.date) for e in plan.drafts for m in e.matches if m in matches))
        days = ", ".join(dates[:3]) + (f" and {len(dates) - 3} more days" if len(dates) > 3 else "")
        why = "several match: " + ", ".join(matches[0].proposal.candidates) if matches[0].proposal.candidates else ""
        typer.echo(f"not matched: {label} ({days}){f'; {why}' if why else ''}", err=True)
    if plan.unmatched:
        typer.echo(
            "to have them on the engagements: write none, add them (capctl person add), then import again", err=True
        )
    if not plan.drafts:
        typer.echo("nothing to write: no new event on those days", err=True)


def _choose(count: int) -> list[int]:
    """The numbers of the drafts to write, asked until the answer reads: all, none, or numbers and ranges."""
    from capctl.cli import ask

    while True:
        answer = ask.text(f"Write which of the {_engagements(count)}? all, none, or numbers such as 1 3-4", "all")
        words = answer.replace(",", " ").lower().split()
        if words == ["all"]:
            return list(range(1, count + 1))
        if words in (["none"], ["0"]):
            return []
        chosen: list[int] = []
        for word in words:
            low, _, high = word.partition("-")
            if not (low.isdigit() and (high or low).isdigit()) or not 1 <= int(low) <= int(high or low) <= count:
                chosen = []
                break
            chosen += range(int(low), int(high or low) + 1)
        if chosen:
            return sorted(set(chosen))
        typer.echo(f"  answer all, none, or numbers from 1 to {count}", err=True)
