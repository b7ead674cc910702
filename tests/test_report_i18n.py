"""The report in Spanish: `report --lang es`, `language:` in capctl.yaml, the message catalogs, dates,
the metrics' translations in metrics.yaml and the warning where one is missing."""

from __future__ import annotations

import gettext
import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from conftest import snapshot

import capctl.report.i18n as i18n
from capctl.report import build, html, jsonform, markdown, text
from capctl.report.i18n import LOCALE_DIR, VOCABULARY, Translator, translator
from capctl.vocab import EngagementKind, MetricGroup, MetricStatus, PartnerStatus, ReportLanguage, Topic

EXPECTED = Path(__file__).parent / "expected"
REPORT = Path(i18n.__file__).parent
KEYWORDS = {**DEFAULT_KEYWORDS, "Nn_": (1, 2)}  # as `make messages` extracts them
FORMATS = ["text", "markdown", "json", "html"]
METRICS = [
    "one-on-ones",
    "officials-at-hearing",
    "core-partners-in-actions",
    "testimonies",
    "core-partners-sustained",
    "new-partners-invited",
    "county-priorities",
    "multilingual-resources",
    "budget-trainings",
    "organizing-trainings",
    "chapter-meetings",
]


def _ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


# --- the catalogs -----------------------------------------------------------------


def test_the_catalogs_hold_every_message_of_the_code() -> None:
    """A message added to capctl/report/ without `make messages` fails here."""
    in_code = {m[2] if isinstance(m[2], str) else m[2][0] for m in extract_from_dir(str(REPORT), keywords=KEYWORDS)}
    assert in_code == _ids(LOCALE_DIR / "capctl.pot"), "run `make messages`"
    for language in ReportLanguage:
        if language is not ReportLanguage.en:
            assert _ids(LOCALE_DIR / language / "LC_MESSAGES" / "capctl.po") == in_code, "run `make messages`"


@pytest.mark.parametrize("language", [lang for lang in ReportLanguage if lang is not ReportLanguage.en])
def test_every_message_has_a_translation_with_the_same_placeholders(language: ReportLanguage) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "capctl.po").open("rb") as handle:
        catalog = read_po(handle)
    assert not catalog.fuzzy
    untranslated, fuzzy, wrong = [], [], []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if not all(strings) or len(strings) != (1 if isinstance(message.id, str) else catalog.num_plurals):
            untranslated.append(ids[0])
        if message.fuzzy:
            fuzzy.append(ids[0])
        wanted = set(re.findall(r"\{(\w+)\}", ids[-1]))
        if any(set(re.findall(r"\{(\w+)\}", s)) != wanted for s in strings if s):
            wrong.append(ids[0])
    assert untranslated == [] and fuzzy == [] and wrong == []


def test_the_compiled_catalog_is_the_translations_as_they_are() -> None:
    """The .mo the report reads is compiled from the .po in git (`make messages` compiles it)."""
    for language in ReportLanguage:
        if language is ReportLanguage.en:
            continue
        folder = LOCALE_DIR / language / "LC_MESSAGES"
        with (folder / "capctl.po").open("rb") as handle:
            compiled = io.BytesIO()
            write_mo(compiled, read_po(handle))
        assert (folder / "capctl.mo").read_bytes() == compiled.getvalue(), "run `make messages`"


def test_every_vocabulary_word_a_report_prints_is_in_the_catalogs() -> None:
    printed = {
        *(e.value for e in EngagementKind),
        *(t.value for t in Topic),
        *(s.value for s in PartnerStatus),
        *(g.value for g in MetricGroup),
        *(s.value for s in MetricStatus),
        *("partner", "official", "going cold", "cold"),
        *("in person", "through staff", "in person and through staff"),
    }
    assert printed <= set(VOCABULARY)


class _Missed(gettext.NullTranslations):
    """Records every message a catalog has no translation for."""

    def __init__(self) -> None:
        super().__init__()
        self.missed: list[str] = []

    def gettext(self, message: str) -> str:
        self.missed.append(message)
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.missed.append(singular)
        return singular if n == 1 else plural


def test_no_message_of_any_spanish_report_goes_untranslated(grant: Path, run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every format, every --explain, public and not: a message the Spanish catalog lacks (one built at run
    time, or missed by extraction) would print in English; it fails here."""
    spanish = translator("es")
    missed = _Missed()
    catalog = gettext.GNUTranslations()
    catalog.__dict__.update(spanish.catalog.__dict__)
    catalog._fallback = None
    catalog.add_fallback(missed)
    recording = Translator(ReportLanguage.es, catalog)

    def fake(language: str | None = None) -> Translator:
        return recording if language == "es" else spanish

    for module in (build, text, markdown, html, jsonform):
        monkeypatch.setattr(module, "translator", fake)
    (grant / "engagements" / "2017-06-29-broken.yaml").write_text("title: [", encoding="utf-8")  # the error line
    for public in ([], ["--public"]):
        for fmt in FORMATS:
            for explain in [[], *(["--explain", m] for m in METRICS)]:
                result = run("--data", grant, "report", "--lang", "es", "--format", fmt, *public, *explain)
                assert result.exit_code == 1, result.stderr
    assert run("--data", grant, "report", "--lang", "es", "--as-of", "2018-02-01").exit_code == 1  # clamped
    assert sorted(set(missed.missed)) == []


# --- the report in Spanish --------------------------------------------------------


def test_the_markdown_report_in_spanish(grant: Path, run) -> None:
    result = run("--data", grant, "report", "--format", "markdown", "--lang", "es")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout == (EXPECTED / "grant-2017-06-30.es.md").read_text(encoding="utf-8")


def test_spanish_dates_are_written_as_babel_writes_them(grant: Path, run) -> None:
    text = run("--data", grant, "report", "--lang", "es").stdout
    assert text.startswith("Test Chapter: informe de la subvención al 30 de junio de 2017\n")
    assert "Período del 1 de enero de 2017 al 31 de diciembre de 2017, 50 % transcurrido" in text
    assert "15 mar 2017 (107 días de retraso)" in text  # in a table: day, month, year
    assert "2017-06-30" not in text.split("\n", 3)[3].replace("2017-06-30-", "")  # no ISO date but in an id


def test_language_in_capctl_yaml_is_the_default_and_lang_overrides_it(grant: Path, run) -> None:
    settings = grant / "capctl.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "language: es\n", encoding="utf-8")
    assert run("--data", grant, "check").exit_code == 0
    spanish = run("--data", grant, "report", "--format", "markdown")
    assert spanish.stdout == (EXPECTED / "grant-2017-06-30.es.md").read_text(encoding="utf-8")
    english = run("--data", grant, "report", "--format", "markdown", "--lang", "en")
    assert english.stdout == (EXPECTED / "grant-2017-06-30.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_english_report_is_unchanged_by_lang_en(grant: Path, run, fmt: str) -> None:
    assert run("--data", grant, "report", "--format", fmt, "--lang", "en").stdout == (
        run("--data", grant, "report", "--format", fmt).stdout
    )


def test_the_html_report_says_its_language(grant: Path, run) -> None:
    page = run("--data", grant, "report", "--format", "html", "--lang", "es").stdout
    assert '<html lang="es">' in page
    assert "<h2>Los registros detrás de cada número</h2>" in page
    assert "Informe de la subvención al <strong>30 de junio de 2017</strong>" in page
    assert '<html lang="en">' in run("--data", grant, "report", "--format", "html").stdout


def test_the_charts_and_the_words_from_main_are_in_spanish(grant: Path, run) -> None:
    """The charts over time (titles, legends, captions, descriptions, months), the plurals of the report's
    words and the language names read in Spanish; the English report keeps its words."""
    page = run("--data", grant, "report", "--format", "html", "--lang", "es").stdout
    assert "<h2>Relaciones a lo largo del tiempo</h2>" in page
    assert "<summary>Valores por mes</summary>" in page
    assert (
        '<title id="chart-one-on-ones-title">Reuniones individuales con electos y su personal: '
        "semana a semana del 1 ene 2017 al 30 jun 2017</title>"
    ) in page
    assert (
        "2 al 30 jun 2017, meta al menos 12 para el 31 dic 2017: atrasada (6 esperadas a esta fecha). "
        "Al final de cada mes: ene 0, feb 1, mar 1, abr 2, may 2, jun 2.</desc>"
    ) in page
    for words in (
        "ritmo constante",
        "fecha del informe",
        "al 30 jun 2017",
        "los 3 distritos",
        ">mar<",
        ">español (es)<",
    ):
        assert words in page, words
    assert (
        '<span class="small">2 al 30 jun 2017 · meta al menos 12 · atrasada (6 esperadas a esta fecha)</span>' in page
    )
    text = run("--data", grant, "report", "--lang", "es").stdout
    assert "idiomas: inglés (en), español (es), coreano (ko), tagalo (tl), chino (zh)" in text
    english = run("--data", grant, "report", "--format", "html").stdout
    assert "<h2>Relationships over time</h2>" in english and ">even pace<" in english and ">Mar<" in english
    assert ">Spanish (es)<" in english


def test_json_keeps_its_shape_and_words_its_human_strings(grant: Path, run) -> None:
    english = json.loads(run("--data", grant, "report", "--format", "json").stdout)
    spanish = json.loads(run("--data", grant, "report", "--format", "json", "--lang", "es").stdout)
    assert spanish.keys() == english.keys()
    assert [m["status"] for m in spanish["metrics"]] == [m["status"] for m in english["metrics"]]  # values, not words
    assert spanish["as_of"] == "2017-06-30"
    why = {e["id"]: e["why"] for e in spanish["details"][1]["evidence"]}
    assert (
        why["hilda-ramos"]
        == "en persona y a través de su personal en LA Poverty Hearing (2017-05-18-la-poverty-hearing)"
    )
    explained = json.loads(
        run("--data", grant, "report", "-f", "json", "--lang", "es", "--explain", "testimonies").stdout
    )
    assert explained["counts"].startswith("testimonios con fecha del 1 ene 2017 al 30 jun 2017")


# --- metrics.yaml in several languages -----------------------------------------------

HEARING_ES = """\
    translations:
      es:
        label: Funcionarios electos en la Audiencia sobre la Pobreza de LA
        grant: Entre 8 y 12 funcionarios electos y su personal asisten a la Audiencia sobre la Pobreza de LA en 2017.
"""


def _untranslate_the_hearing(grant: Path) -> None:
    """The fixture's metrics.yaml (the shipped one) translates every metric: take one translation out."""
    path = grant / "metrics.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(HEARING_ES) == 1
    path.write_text(text.replace(HEARING_ES, ""), encoding="utf-8")


def test_each_metric_shows_its_title_in_the_language_of_the_report(grant: Path, run) -> None:
    spanish = run("--data", grant, "report", "--format", "markdown", "--lang", "es").stdout
    assert "| Funcionarios electos en la Audiencia sobre la Pobreza de LA | 3 | de 8 a 12 |" in spanish
    explained = run("--data", grant, "report", "--lang", "es", "--explain", "one-on-ones").stdout
    assert "Subvención: Múltiples reuniones individuales y más comunicación entre los electos" in explained
    english = run("--data", grant, "report", "--format", "markdown").stdout
    assert "| Elected officials at the LA Poverty Hearing | 3 | 8 to 12 |" in english


def test_a_metric_without_a_translation_shows_its_title_as_written(grant: Path, run) -> None:
    _untranslate_the_hearing(grant)
    spanish = run("--data", grant, "report", "--format", "markdown", "--lang", "es").stdout
    assert "| Elected officials at the LA Poverty Hearing | 3 | de 8 a 12 |" in spanish
    assert "| Reuniones individuales con electos y su personal | 2 | al menos 12 |" in spanish


def test_check_warns_where_a_metric_lacks_a_translation_the_others_have(grant: Path, run) -> None:
    _untranslate_the_hearing(grant)
    result = run("--data", grant, "check")
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if "metrics.yaml" in line]
    assert lines == [
        f"{grant}/metrics.yaml:29: warning: metrics.1: 'officials-at-hearing' has no translations: es: "
        "(label and grant): the report in es shows them as written here"
    ]
    assert result.stderr.endswith("0 errors, 3 warnings\n")  # and the fixture's two


def test_check_warns_where_the_chapters_language_has_no_translation(grant: Path, run) -> None:
    path = grant / "metrics.yaml"
    path.write_text(re.sub(r"    translations:\n      es:\n(        .*\n){2}", "", path.read_text(encoding="utf-8")))
    assert run("--data", grant, "check").stdout.count("has no translations: es:") == 0  # nobody asks for es
    settings = grant / "capctl.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "language: es\n", encoding="utf-8")
    assert run("--data", grant, "check").stdout.count("has no translations: es:") == 11


def test_a_complete_translation_warns_nothing(run) -> None:
    result = run("--data", Path(__file__).parent.parent / "data", "check")
    assert result.exit_code == 0 and result.stdout == ""


def test_an_unknown_language_writes_nothing(grant: Path, run, tmp_path: Path) -> None:
    before = snapshot(grant)
    result = run("--data", grant, "report", "--lang", "fr", "--output", tmp_path / "out.md")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--lang" in result.stderr and "'fr'" in result.stderr
    assert not (tmp_path / "out.md").exists() and snapshot(grant) == before


def test_the_library_refuses_an_unknown_language() -> None:
    from capctl.problems import CapctlError

    with pytest.raises(CapctlError, match=r"--lang: 'fr' is not a language the report is written in \(en, es\)"):
        translator("fr")


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["REPORT_LANG=es"], {}, " --lang es"),
        (["LANG=es"], {}, " --lang es"),
        ([], {"LANG": "es_MX.UTF-8"}, ""),  # the shell's locale is not the report's language
        ([], {}, ""),
    ],
)
def test_make_report_takes_the_language_from_its_command_line(args: list[str], env: dict[str, str], lang: str) -> None:
    import os
    import subprocess

    from conftest import REPO

    # Under `make test` the outer make's level and flags are inherited: a nested make would then name its folder.
    outer = ("LANG", "REPORT_LANG", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    environment = {k: v for k, v in os.environ.items() if k not in outer}
    shown = subprocess.run(
        ["make", "--no-print-directory", "-n", "-o", ".venv/.installed-stamp", "report", *args],
        cwd=REPO,
        env={**environment, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert shown == f".venv/bin/capctl --data data report --as-of 2017-09-30{lang}\n"
