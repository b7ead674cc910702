"""After any sequence of capture commands, `capctl check` passes: no command leaves a broken record."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES

NAMES = st.text(alphabet=st.sampled_from(list("aeénoñrsz AZ김민-'.")), min_size=1, max_size=10)
DATES = st.dates(min_value=__import__("datetime").date(2016, 6, 1), max_value=__import__("datetime").date(2017, 6, 30))
PEOPLE = st.sampled_from(["ana-cruz", "jon lee", "María", "nobody", "a"])
PARTNERS = st.sampled_from(["elatu", "koreatown-workers", "Valley Food Bank", "nowhere"])
OFFICIALS = st.sampled_from(["hilda-ramos", "Assemblymember Kim", "ramos", "nobody"])
LANGUAGES = st.sampled_from(["en", "es", "ko", "Spanish"])


def commands(tmp: Path) -> st.SearchStrategy[list[str]]:
    day = DATES.map(str)
    return st.one_of(
        st.builds(
            lambda d, k, o, p, f, due: [
                "meeting", "add", "--date", d, "--kind", k, "--official", o, "--person", p,
                "--follow-up", f, "--due", due,
            ],
            day, st.sampled_from(["one-on-one", "call", "training"]), OFFICIALS, PEOPLE, NAMES, day,
        ),
        st.builds(
            lambda n, s, d, lang: ["partner", "add", n, "--status", s, "--since", d, "--language", lang],
            NAMES, st.sampled_from(["prospect", "invited", "core"]), day, LANGUAGES,
        ),
        st.builds(lambda p, s, d: ["partner", "status", p, s, "--date", d],
                  PARTNERS, st.sampled_from(["prospect", "invited", "core", "former"]), day),
        st.builds(lambda n: ["official", "add", n, "--office", "Board"], NAMES),
        st.builds(lambda n, p: ["person", "add", n, "--partner", p], NAMES, PARTNERS),
        st.builds(lambda p, d, t: ["testimony", "add", "--person", p, "--date", d, "--text", t], PEOPLE, day, NAMES),
        st.builds(lambda t, p: ["priority", "add", t, "--strategy", "Organize", "--partner", p], NAMES, PARTNERS),
        st.builds(lambda o, s, d: ["position", "set", "general-relief", o, s, "--date", d],
                  OFFICIALS, st.sampled_from(["support", "oppose"]), day),
        st.builds(lambda t, lang: ["resource", "add", t, "--kind", "factsheet", "--language", lang], NAMES, LANGUAGES),
        st.builds(lambda n, d: ["followup", "done", "2017-02-14-visit-hilda-ramos", str(n), "--date", d],
                  st.integers(1, 3), day),
        st.builds(
            lambda rows: _sheet(tmp, rows),
            st.lists(st.tuples(st.one_of(NAMES, PEOPLE), st.one_of(st.just(""), PARTNERS)), max_size=6),
        ),
    )  # fmt: skip


def _sheet(tmp: Path, rows: list[tuple[str, str]]) -> list[str]:
    sheet = tmp / "sheet.csv"
    sheet.write_text(
        "name;organization\n" + "".join(f"{n};{o}\n" for n, o in rows), encoding="cp1252", errors="replace"
    )
    return ["attendance", "import", "2017-04-20-chapter-meeting", str(sheet), "--create", "--yes"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_check_passes_after_any_sequence_of_commands(run, data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        chapter = tmp / "data"
        shutil.copytree(FIXTURES / "chapter", chapter)
        for _ in range(data.draw(st.integers(1, 8), label="steps")):
            args = data.draw(commands(tmp), label="command")
            result = run("--data", chapter, *args)
            event(f"{args[0]} {args[1]}: exit {result.exit_code}")
            # Bad input is a usage error (2), ours ("error: ...") or the parser's ("Usage: ..."); never a traceback.
            assert result.exit_code in (0, 2), (args, result.stderr)
            if result.exit_code == 2:
                assert result.stderr.startswith(("error: ", "Usage: ")), result.stderr
            check = run("--data", chapter, "check")
            assert check.exit_code == 0, (args, check.stdout)
