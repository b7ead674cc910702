# The library is imported inside each command: `capctl --help` stays fast.
from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from capctl.cli.options import AsOf, ReportForce, ReportFormatOption, ReportOutput, ReportPublic
from capctl.problems import CapctlError
from capctl.vocab import ReportFormat, ReportLanguage

if TYPE_CHECKING:
    from rich.console import Console

    from capctl.report.parts import Report

TEXT_FILE_WIDTH = 100
"""Columns of a text report written to a file."""


def report(
    ctx: typer.Context,
    as_of: AsOf = None,
    fmt: ReportFormatOption = ReportFormat.text,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="METRIC",
            help="List the records behind one metric's number and, when short of target, what is missing.",
            show_default=False,
        ),
    ] = None,
    output: ReportOutput = None,
    force: ReportForce = False,
    public: ReportPublic = False,
    lang: Annotated[
        ReportLanguage | None,
        typer.Option(
            "--lang",
            help="The language the report is written in: its words, dates and the metrics' translations. "
            "Default: capctl.yaml's language:, else en.",
            show_default=False,
        ),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            metavar="REF",
            help="Instead of the report, each metric before (at git revision REF, e.g. origin/main) and after "
            "(the folder as it is): a Markdown table for a pull request's summary, or --format json.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Progress against the grant's metrics (metrics.yaml), then what the chapter meeting needs.

    Each metric shows its value, target, progress and status: met (at or above the minimum), on-track (at or
    above the minimum times the share of the period elapsed) or behind. Give --data several times to roll up
    several chapters, or a statewide folder whose capctl.yaml lists them under chapters:. --format html draws
    each metric week by week over the grant period (its target, the even pace, the as-of day) and --format
    markdown gives its values month by month. Exit status: 0, or 1 when the data has errors (those records are
    left out).
    """
    from capctl.dates import parse_date
    from capctl.report.build import load_and_build
    from capctl.store.discover import expand_chapters, find_data

    state = ctx.obj
    day = parse_date(as_of, "--as-of") if as_of is not None else None
    if output is not None and output.exists() and not force:
        raise CapctlError(f"--output: '{output}' already exists; nothing was written (add --force to replace it)")
    folders = expand_chapters([find_data(folder) for folder in state.data_dirs] or [find_data(None)])
    if compare is not None:
        _check_compare(folders, fmt, explain)
    with state.err().status("Building the report…"):
        charts = explain is None and compare is None and fmt in (ReportFormat.markdown, ReportFormat.html)
        built = load_and_build(folders, day, public, state.cache(), charts, lang)
    if compare is not None:
        from capctl.report import compare as report_compare

        with state.err().status(f"Building the report at {compare}…"):
            comparison = report_compare.with_base(folders[0], built, compare)
        summary = (
            json.dumps(report_compare.to_json(comparison), ensure_ascii=False, indent=2) + "\n"
            if fmt is ReportFormat.json
            else report_compare.to_markdown(comparison)
        )
        _deliver(state, summary, output, force)
        return
    if explain is not None:
        from capctl.report.words import report_line

        report_line(built, explain)  # an unknown metric is a usage error before anything is printed
    text = _render(built, fmt, explain, None if output is not None else state.out())
    _deliver(state, text, output, force)
    errors = sum(c.errors for c in built.chapters)
    if errors:
        state.err().print(
            f"warning: {errors} error{'s' * (errors != 1)} in the data: records with errors are left out of this "
            "report (`capctl check` lists them)"
        )
        raise typer.Exit(1)


def _check_compare(folders: list[Path], fmt: ReportFormat, explain: str | None) -> None:
    if len(folders) > 1:
        raise CapctlError("--compare works on one data folder: give --data once")
    if explain is not None:
        raise CapctlError("--compare and --explain do not go together")
    if fmt not in (ReportFormat.text, ReportFormat.markdown, ReportFormat.json):
        raise CapctlError("--compare prints Markdown (the default) or --format json")


def _deliver(state: Any, text: str | None, output: Path | None, force: bool) -> None:
    """Write ``text`` to ``output`` (never over a file unless ``force``), else to the screen."""
    if output is not None:
        from capctl.store.write import replace_atomic, write_exclusive

        (replace_atomic if force and output.exists() else write_exclusive)(output, text or "")
        state.err().print(f"wrote {output}")
    elif text is not None:
        typer.echo(text, nl=not text.endswith("\n"))


def _render(built: Report, fmt: ReportFormat, explain: str | None, screen: Console | None) -> str | None:
    """The report as text in ``fmt``; None when it went to the ``screen`` console already."""
    from capctl.report.jsonform import explain_json, to_json

    if fmt is ReportFormat.json:
        document = explain_json(built, explain) if explain else to_json(built)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if fmt is ReportFormat.markdown:
        from capctl.report.markdown import explain_markdown, render_markdown

        return explain_markdown(built, explain) if explain else render_markdown(built)
    if fmt is ReportFormat.html:
        from capctl.report.html import render_html

        return render_html(built, explain)
    import io

    from rich.console import Console

    from capctl.report.text import print_explain, print_report

    console = screen or Console(file=io.StringIO(), width=TEXT_FILE_WIDTH, color_system=None, highlight=False)
    if explain:
        print_explain(built, explain, console)
    else:
        print_report(built, console)
    return None if screen else console.file.getvalue()  # type: ignore[attr-defined]
