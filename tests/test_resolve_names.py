"""Names on the command line are matched as safely as on sign-in sheets (#12): a person or an official only when
given and family name both agree, a partner only by its whole name or an alias; an unknown name is told with the
closest names."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import REPO


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    monkeypatch.setenv("CAPCTL_TODAY", "2017-09-30")
    return target


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--official", "castellano"], "--official: no official matches 'castellano'; did you mean Joan Castellano "
                                       "(joan-castellano)?"),
        (["--official", "Hilda Ramos"], "--official: no official matches 'Hilda Ramos'; did you mean Elena Robles "
                                        "(elena-robles)?"),
        (["--person", "cruz"], "--person: no person matches 'cruz'; did you mean Ana Lucía Cruz (ana-lucia-cruz), "
                               "Maricel Dela Cruz (maricel-dela-cruz)?"),
        (["--person", "Bob Whitaker"], "--person: no person matches 'Bob Whitaker'; did you mean James Whitaker "
                                       "(james-whitaker)?"),
        (["--partner", "County"], "--partner: no partner matches 'County'; did you mean County Social Workers Local "
                                  "3118 (county-social-workers-local-3118)?"),
    ],
)  # fmt: skip
def test_a_family_name_or_one_word_alone_is_refused_with_the_closest_names(
    demo: Path, run: Callable[..., Result], args: list[str], message: str
) -> None:
    result = run("--data", demo, "list", "engagements", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"error: {message}\n")


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (["--official", "joan castellano"], "2017-09-13-one-on-one-with-supervisor-castellano"),
        (["--official", "Castellano, Joan"], "2017-09-13-one-on-one-with-supervisor-castellano"),
        (["--person", "ana cruz"], "2017-09-21-chapter-meeting-september-2017"),
        (["--person", "Ana Lucia Cruz"], "2017-09-21-chapter-meeting-september-2017"),
        (["--partner", "Unión de Inquilinos de Boyle Heights"], "2017-09-21-chapter-meeting-september-2017"),
        (["--partner", "union-de-inquilinos-de-boyle-heights"], "2017-09-21-chapter-meeting-september-2017"),
    ],
)
def test_a_whole_name_in_any_order_case_or_accents_is_found(
    demo: Path, run: Callable[..., Result], args: list[str], first: str
) -> None:
    import json

    result = run("--data", demo, "list", "engagements", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == first


def test_show_castellano_offers_the_official_and_never_takes_a_meeting_instead(
    demo: Path, run: Callable[..., Result]
) -> None:
    result = run("--data", demo, "show", "castellano")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: REF: no record matches 'castellano'; did you mean Joan Castellano (joan-castellano), "
    )
