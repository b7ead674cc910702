"""Talking with the organizer: prompts only when someone is at a terminal, and what commands print
after writing.

Prompts go to standard error, so that standard output keeps only what a script
reads (``wrote <path>``, a dry run's YAML). ``CAPCTL_INTERACTIVE=1`` makes a
command ask as in a terminal (tests feed the answers); ``CAPCTL_INTERACTIVE=0``
never asks.
"""

# The library is imported in the functions that use it: a command loads only what it needs.
from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal, TypeVar, overload

import typer

from capctl.problems import CapctlError
from capctl.vocab import RecordKind, loose

if TYPE_CHECKING:
    import datetime as dt
    from enum import StrEnum

    from capctl.edit.new import Draft
    from capctl.models.records import Record
    from capctl.store.dataset import DataSet

INTERACTIVE_ENV = "CAPCTL_INTERACTIVE"

E = TypeVar("E", bound="StrEnum")


def interactive() -> bool:
    """True when a person can answer: standard input is a terminal (or CAPCTL_INTERACTIVE says so)."""
    forced = os.environ.get(INTERACTIVE_ENV, "").strip().lower()
    if forced in {"1", "yes", "true"}:
        return True
    if forced in {"0", "no", "false"}:
        return False
    return sys.stdin.isatty()


# --- prompts ---------------------------------------------------------------


def read(prompt: str) -> str:
    """One line typed after ``prompt``.

    At a terminal, Python's ``input`` reads it (line editing, Tab completion);
    otherwise the prompt goes to standard error and the line is read from
    standard input, so that standard output keeps only results.
    """
    if sys.stdin.isatty() and sys.stdout.isatty():
        try:
            return input(prompt)
        except EOFError:
            raise CapctlError("no answer (end of input); nothing was written") from None
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stderr.write("\n")
        raise CapctlError("no answer (end of input); nothing was written")
    return line.rstrip("\r\n")


def text(question: str, default: str | None = None, required: bool = False) -> str:
    """One line of text; blank gives ``default`` (or ""; asked again when ``required``)."""
    while True:
        answer = read(f"{question} [{default}]: " if default else f"{question}: ").strip() or (default or "")
        if answer or not required:
            return answer
        typer.echo("  this one is needed", err=True)


@overload
def date(question: str, default: str = ..., optional: Literal[False] = ...) -> dt.date: ...
@overload
def date(question: str, default: str = ..., *, optional: bool) -> dt.date | None: ...
def date(question: str, default: str = "today", optional: bool = False) -> dt.date | None:
    """A date as people type it (see :func:`capctl.dates.parse_date`), echoed back as ``Sun 2017-03-05``,
    asked again until it is one; blank is None when ``optional``."""
    from capctl.dates import parse_date, shown

    while True:
        answer = text(question, default)
        if not answer and optional:
            return None
        try:
            day = parse_date(answer, question.strip())
        except CapctlError as exc:
            typer.echo(f"  {exc.message}", err=True)
            continue
        typer.echo(f"  → {shown(day)}", err=True)
        return day


def choice(question: str, enum: type[E], default: E | None = None, optional: bool = False) -> E | None:
    """One of an enum's values, matched loosely (``one on one``, ``Former``); blank gives ``default``
    (None when ``optional`` and no default)."""
    values = [m.value for m in enum]
    while True:
        answer = text(f"{question} ({', '.join(values)})", default.value if default else None)
        if not answer and (optional or default is not None):
            return default
        found = loose(enum, answer)
        if found is not None:
            return found
        typer.echo(f"  {answer!r} is not one of {', '.join(values)}", err=True)


def number(question: str) -> int | None:
    while True:
        answer = text(question)
        if not answer:
            return None
        if answer.isdigit():
            return int(answer)
        typer.echo("  give a whole number, or leave it blank", err=True)


def confirm(question: str, default: bool = True) -> bool:
    """Yes or no; blank gives ``default``."""
    while True:
        answer = read(f"{question} [{'Y/n' if default else 'y/N'}]: ").strip().lower()
        if not answer:
            return default
        if answer in {"y", "yes", "n", "no"}:
            return answer.startswith("y")
        typer.echo("  answer y or n", err=True)


def lines(question: str) -> str | None:
    """Several lines, ended by an empty one; ``!edit`` first opens $EDITOR instead."""
    typer.echo(f"{question} (an empty line ends; !edit opens $EDITOR):", err=True)
    typed: list[str] = []
    while True:
        line = read("> ")
        if not typed and line.strip() == "!edit":
            edited = editor()
            return edited.strip() or None
        if not line.strip():
            break
        typed.append(line.rstrip())
    return "\n".join(typed) or None


def editor() -> str:
    """Text written in $VISUAL or $EDITOR (vi when neither is set)."""
    import subprocess
    import tempfile
    from pathlib import Path

    command = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.md"
        path.write_text("", encoding="utf-8")
        try:
            subprocess.run([*command, str(path)], check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise CapctlError(f"the editor {' '.join(command)!r} did not work: {exc}") from None
        return path.read_text(encoding="utf-8")


def pick(records: list[Record], what: str, heading: str = "several match") -> Record | None:
    """Choose one of several records by number; 0 chooses none."""
    from capctl.query.resolve import describe

    typer.echo(f"  {what}: {heading}:", err=True)
    for i, record in enumerate(records, 1):
        typer.echo(f"    {i}. {describe(record)}", err=True)
    while True:
        answer = text(f"  which one? (1-{len(records)}, 0 for none)", "1")
        if answer.isdigit() and 0 <= int(answer) <= len(records):
            return records[int(answer) - 1] if int(answer) else None
        typer.echo(f"  give a number from 0 to {len(records)}", err=True)


def ref(data: DataSet, typed: str, kinds: Iterable[RecordKind], what: str) -> Record:
    """The record a REF means. Several matches: the organizer chooses at a terminal; without one,
    as for an unknown name, it is a usage error listing the closest."""
    from capctl.query.resolve import find, resolve

    kinds = list(kinds)
    if interactive():
        matches = find(data, typed, kinds)
        if len(matches) > 1:
            chosen = pick([m.record for m in matches], f"{what} {typed!r}")
            if chosen is not None:
                return chosen
            raise CapctlError(f"{what}: none chosen for {typed!r}; nothing was written")
    return resolve(data, typed, kinds, what)


def refs(data: DataSet, typed: Iterable[str], kinds: Iterable[RecordKind], what: str) -> list[str]:
    """The ids of several REFs (see :func:`ref`)."""
    kinds = list(kinds)
    return list(dict.fromkeys(ref(data, t, kinds, what).id for t in typed))


def ask_refs(data: DataSet, question: str, kinds: Iterable[RecordKind]) -> list[Record]:
    """Records named one a line until a blank line (see :func:`one_ref`)."""
    kinds = list(kinds)
    chosen: list[Record] = []
    while True:
        record = one_ref(data, f"{question} (blank when done)", kinds)
        if record is None:
            return chosen
        if record not in chosen:
            chosen.append(record)


def one_ref(
    data: DataSet, question: str, kinds: Iterable[RecordKind], create: Callable[[str], Record | None] | None = None
) -> Record | None:
    """A record named at a prompt, or None for a blank answer: matched by id, name or alias (case and
    accents ignored), completed with Tab, a short list to choose from when several match. A person's
    name agreeing only nearly (a nickname, an initial, a spelling) is asked about: "did you mean Hilda
    Ramos? [Y/n]"; with ``create``, a name matching no one may become a new person on the spot. Asked
    again otherwise."""
    from capctl.query.resolve import closest, describe

    kinds = list(kinds)
    with completing(_names(data, kinds)):
        while True:
            typed = text(question)
            if not typed:
                return None
            record = _one(data, typed, kinds)
            if record is None and create is not None and confirm(f"  no one named {typed!r}; add a new person?", False):
                record = create(typed)
            if record is None:
                close = closest(data, typed, kinds)
                typer.echo(f"  no match for {typed!r}" + (f"; closest: {close}" if close else ""), err=True)
                continue
            typer.echo(f"  + {describe(record)}", err=True)
            return record


def _names(data: DataSet, kinds: list[RecordKind]) -> list[str]:
    from capctl.query.resolve import names_and_ids

    return names_and_ids(data, kinds)


def _one(data: DataSet, typed: str, kinds: list[RecordKind]) -> Record | None:
    """What ``typed`` names: one sure match, one chosen among several, or a near one confirmed (a person
    named only nearly, a given or family name alone, a name spelled close: officials and people alike)."""
    from capctl.query.names import PeopleIndex
    from capctl.query.resolve import find, suggestions

    found = find(data, typed, kinds)
    matches = [m.record for m in found if m.how != "close"]
    if not matches:
        near = {m.record.id: m.record for m in found}
        people = [k for k in kinds if k in (RecordKind.people, RecordKind.officials)]
        if people:
            near.update((c.record.id, c.record) for c in PeopleIndex(data, people).like(typed))
        if not near:
            near.update((r.id, r) for r in suggestions(data, typed, kinds))
        offered = sorted(near.values(), key=_officials_first)
        if len(offered) > 3:
            return pick(offered[:9], repr(typed), "no one by that whole name; did you mean one of these")
        for record in offered:
            if confirm(f"  did you mean {record.label} ({record.collection.singular} {record.id})?"):
                return record
        return None
    if len(matches) == 1:
        return matches[0]
    return pick(matches[:9], repr(typed))


def _officials_first(record: Record) -> int:
    """Officials, then people, partners and the rest (a stable sort keeps each group as found)."""
    return {RecordKind.officials: 0, RecordKind.people: 1, RecordKind.partners: 2}.get(record.collection, 3)


@contextmanager
def completing(options: list[str]) -> Iterator[None]:
    """Tab completes ``options`` (ids, names, aliases) at prompts, on a real terminal with readline."""
    if not sys.stdin.isatty():
        yield
        return
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        yield
        return
    from capctl.query.resolve import complete

    found: list[str] = []

    def completer(_text: str, state: int) -> str | None:
        if state == 0:
            found[:] = complete(options, readline.get_line_buffer())
        return found[state] if state < len(found) else None

    old_completer, old_delims = readline.get_completer(), readline.get_completer_delims()
    readline.set_completer(completer)
    readline.set_completer_delims("")
    readline.parse_and_bind("bind ^I rl_complete" if "libedit" in (readline.__doc__ or "") else "tab: complete")
    try:
        yield
    finally:
        readline.set_completer(old_completer)
        readline.set_completer_delims(old_delims)


# --- after asking ----------------------------------------------------------


def duplicates(draft: Draft, allow: bool) -> None:
    """Stop before adding a record whose name another of its kind already has, unless allowed:
    the organizer is asked at a terminal; otherwise it is a usage error."""
    from capctl.query.resolve import describe

    if not draft.same_name or allow:
        return
    listed = ", ".join(describe(r) for r in draft.same_name)
    kind = draft.record.collection.singular
    if interactive():
        if confirm(f"{listed} has the same name; add another {kind} anyway?", default=False):
            return
        raise typer.Exit(_nothing_written())
    raise CapctlError(
        f"a {kind} named {draft.record.label!r} already exists: {listed}; use it, "
        "or pass --allow-duplicate to add another with the same name"
    )


def _nothing_written() -> int:
    typer.echo("nothing was written", err=True)
    return 0


def finish(data: DataSet, draft: Draft, *, dry_run: bool = False, review: bool = False) -> None:
    """Write a checked draft and say where, with a hint for committing it; or, for a dry run,
    print the file it would write. ``review`` shows the record and asks first."""
    from capctl.edit.new import write

    for warning in draft.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if dry_run:
        typer.echo(draft.text, nl=False)
        typer.echo(f"dry run: would write {data.display(draft.path)}; nothing was written", err=True)
        return
    if review:
        typer.echo(f"\n{data.display(draft.path)}:\n{draft.text}", err=True)
        if not confirm("Write this record?"):
            raise typer.Exit(_nothing_written())
    path, record = write(data, draft)
    verb = "Log" if record.collection is RecordKind.engagements else f"Add {record.collection.singular}"
    wrote(data.display(path), f"{verb} {record.label}")


def wrote(shown: str, message: str) -> None:
    """``wrote <path>`` on standard output; how to commit it on standard error."""
    typer.echo(f"wrote {shown}")
    typer.echo(f"commit it: git add {shlex.quote(shown)} && git commit -m {shlex.quote(message)}", err=True)


def changed(shown: str, summary: str, did: bool, message: str) -> None:
    """What an edit did: ``changed <path>`` and the commit hint, or why nothing changed."""
    if did:
        typer.echo(f"changed {shown}: {summary}")
        typer.echo(f"commit it: git add {shlex.quote(shown)} && git commit -m {shlex.quote(message)}", err=True)
    else:
        typer.echo(f"{summary}", err=True)
