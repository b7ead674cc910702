"""The ``capctl`` command: one Typer app per noun, thin commands over the library.

Modules here import only Typer at the top; each command imports what it needs
when it runs, so ``capctl --help`` does not load the models.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError, UsageError  # Typer vendors Click; its parser raises these
from typer.core import TyperGroup

from capctl import __version__
from capctl.problems import CapctlError

if TYPE_CHECKING:
    from collections.abc import Collection

    from rich.console import Console

    from capctl.store.dataset import DataSet
    from capctl.vocab import RecordKind


@dataclass
class State:
    """What every command gets through ``ctx.obj``: the data folders and the consoles.

    Tests pass their own ``State(console=...)`` to capture output.
    """

    data_dirs: list[Path] = field(default_factory=list)
    no_color: bool = False
    no_cache: bool = False
    console: Console | None = None
    err_console: Console | None = None

    def out(self) -> Console:
        if self.console is None:
            from rich.console import Console

            self.console = Console(no_color=self.no_color or None, highlight=False, soft_wrap=True)
        return self.console

    def err(self) -> Console:
        if self.err_console is None:
            from rich.console import Console

            self.err_console = Console(stderr=True, no_color=self.no_color or None, highlight=False, soft_wrap=True)
        return self.err_console

    def data_dir(self) -> Path:
        """The one data folder this command works on."""
        from capctl.store.discover import find_data

        if len(self.data_dirs) > 1:
            raise CapctlError("this command works on one data folder: give --data once")
        return find_data(self.data_dirs[0] if self.data_dirs else None)

    def load(self, settings: bool = True, kinds: Collection[RecordKind] | None = None) -> DataSet:
        """The data folder (``kinds``: only those records, see :func:`capctl.store.load.load`), with a
        progress bar on a terminal's stderr when reading it is slow; refused while its capctl.yaml cannot
        be read, unless ``settings`` is False (check reports it)."""
        from capctl.store.load import load, require_settings

        folder = self.data_dir()
        # Asked of sys.stderr unless a console was injected: loading Rich only to learn that costs start-up time.
        terminal = self.err_console.is_terminal if self.err_console is not None else sys.stderr.isatty()
        if not terminal:
            data = load(folder, cache=self.cache(), kinds=kinds)
        else:
            from capctl.cli.output import slow_progress

            with slow_progress(self, "reading records") as advance:
                data = load(folder, cache=self.cache(), progress=advance, kinds=kinds)
        if settings:
            require_settings(data)
        return data

    def cache(self) -> bool | None:
        """False with --no-cache; None leaves it to CAPCTL_NO_CACHE (see :func:`capctl.store.load.load`)."""
        return False if self.no_cache else None


class CapctlGroup(TyperGroup):
    """Turns a :class:`CapctlError` or a usage error from any command into one line on stderr
    and its exit code, so that every command fails the same way."""

    def make_context(self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any) -> Any:
        # The root's own options are parsed here, before invoke() runs.
        try:
            return super().make_context(info_name, args, parent, **extra)
        except UsageError as exc:
            _usage_error(exc)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CapctlError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except UsageError as exc:
            _usage_error(exc)


# An option with a short form is named twice: "Invalid value for '--format' / '-f': ...".
_INVALID_VALUE = re.compile(r"^Invalid value for '([^']+)'(?: / '[^']+')*: (?:Value error, )?(.*)$", re.DOTALL)


def _usage_error(exc: UsageError) -> NoReturn:
    """Click's usage errors in capctl's form: ``error: --format: 'xml' is not one of ...``."""
    if isinstance(exc, NoArgsIsHelpError):
        raise exc  # `capctl meeting` alone shows the help, as Click does
    message = " ".join(exc.format_message().split()).rstrip(".")
    invalid = _INVALID_VALUE.match(message)
    if invalid:
        message = f"{invalid.group(1)}: {invalid.group(2)}"
    message = message.replace("Input should be greater than or equal to", "must be at least").replace(
        "Input should be a valid integer, unable to parse string as an integer", "must be a whole number"
    )
    message = re.sub(r" \(Possible options: (.*)\)$", r"; did you mean \1?", message).replace(". Did you", "; did you")
    if message[:2].istitle():  # "No such option" reads as the rest of capctl's sentences: lowercase
        message = message[0].lower() + message[1:]
    command = exc.ctx.command_path if exc.ctx is not None else "capctl"
    typer.echo(f"error: {message} (see `{command} --help`)", err=True)
    raise typer.Exit(2) from None


app = typer.Typer(
    name="capctl",
    cls=CapctlGroup,
    help="Track a coalition's relationships, events and grant metrics in a folder of YAML files.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"capctl {__version__}")
        raise typer.Exit()


@app.callback()
def callback(
    ctx: typer.Context,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            "-d",
            metavar="DIR",
            help="The data folder (default: $CAPCTL_DATA, else the nearest data/ holding a capctl.yaml).",
            show_default=False,
        ),
    ] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="No colors (NO_COLOR=1 does the same).")] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read every file, without the load cache (CAPCTL_NO_CACHE=1 does the same).",
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Track a coalition's relationships, events and grant metrics in a folder of YAML files.

    Environment: CAPCTL_DATA (the data folder), CAPCTL_TODAY=YYYY-MM-DD (today's date, for reproducible runs),
    NO_COLOR (no colors), CAPCTL_NO_CACHE=1 (no load cache).
    """
    state = ctx.obj if isinstance(ctx.obj, State) else State()
    state.data_dirs = list(data or state.data_dirs)
    state.no_color = state.no_color or no_color
    state.no_cache = state.no_cache or no_cache
    ctx.obj = state


def _register() -> None:
    from capctl.cli import (
        attendance,
        check,
        fmt,
        followup,
        init,
        meeting,
        official,
        partner,
        person,
        position,
        priority,
        report,
        resource,
        schema,
        testimony,
    )

    app.command("check")(check.check)
    app.command("fmt")(fmt.fmt)
    app.command("init")(init.init)
    app.command("report")(report.report)
    app.command("schema")(schema.schema)
    app.add_typer(meeting.app, name="meeting")
    app.add_typer(attendance.app, name="attendance")
    app.add_typer(partner.app, name="partner")
    app.add_typer(official.app, name="official")
    app.add_typer(person.app, name="person")
    app.add_typer(testimony.app, name="testimony")
    app.add_typer(priority.app, name="priority")
    app.add_typer(position.app, name="position")
    app.add_typer(resource.app, name="resource")
    app.add_typer(followup.app, name="followup")

    # `list` is in listing.py: a submodule named list would shadow the builtin in this package.
    from capctl.cli import export, followups, listing, search, show, stale

    app.command("list")(listing.list_)
    app.command("show")(show.show)
    app.command("search")(search.search)
    app.command("followups")(followups.followups)
    app.command("stale")(stale.stale)
    app.command("export")(export.export)


_register()


def main() -> None:
    app()
