from pathlib import Path

import pytest
from typer.testing import CliRunner

from capctl.cli import app


def complete(chapter: Path, words: str) -> list[str]:
    line = f"capctl --data {chapter} {words}"
    env = {
        "_CAPCTL_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="capctl")
    return result.stdout.split()


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("show hil", ["hilda-ramos"]),
        ("show 2017-03", ["2017-03-02-call-jon-lee", "2017-03-20-budget-training-el-monte"]),
        ("list meetings --partner ko", ["koreatown-workers"]),
        ("list meetings --official ", ["hilda-ramos", "paul-kim"]),
        ("list meetings --person mar", ["maria-martinez"]),
        ("followups --owner ", ["ana-cruz", "jon-lee", "maria-martinez"]),
        ("list me", ["meetings"]),
    ],
)
def test_every_ref_completes_record_ids_of_its_kind(chapter: Path, words: str, expected: list[str]) -> None:
    assert complete(chapter, words) == expected
