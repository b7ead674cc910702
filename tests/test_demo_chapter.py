"""The demo chapter in data/: its own source, valid and canonical, and as rich as issue #2 promises.

data/ is edited like any chapter's data (by capctl or by hand); `capctl check` and
`capctl fmt --check` guard it here, and `capctl --data data schema` in
tests/test_schemas.py. The demo is frozen at 2017-09-30, the as-of date of
`make report`; the counts below are what the grant report should show on that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from typer.testing import Result

from capctl.models import records
from capctl.models.records import Engagement, Official, Partner, Person, Priority, Resource
from capctl.store.chapter import template
from capctl.store.dataset import DataSet
from capctl.store.load import load
from capctl.vocab import PartnerStatus
from tests.conftest import REPO

DATA = REPO / "data"
AS_OF = dt.date(2017, 9, 30)
PERIOD = (dt.date(2017, 1, 1), dt.date(2017, 12, 31))
PREVIOUS_PERIOD = (dt.date(2016, 1, 1), dt.date(2016, 12, 31))


@pytest.fixture(scope="module")
def demo() -> DataSet:
    return load(DATA)


# --- valid and canonical ----------------------------------------------------------------


def test_check_finds_no_error_and_no_warning_in_the_demo(run: Callable[..., Result]) -> None:
    result = run("--data", DATA, "check")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "251 records checked: 0 errors, 0 warnings\n"


def test_fmt_check_finds_the_demo_canonical(run: Callable[..., Result]) -> None:
    result = run("--data", DATA, "fmt", "--check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_demo_files_are_canonical_with_a_schema_comment_first(demo: DataSet) -> None:
    for record_id, path in demo.paths.items():
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), record_id
    assert (DATA / "capctl.yaml").read_text(encoding="utf-8") == template("capctl.yaml")
    assert (DATA / "metrics.yaml").read_text(encoding="utf-8") == template("metrics.yaml")


# --- what the demo holds --------------------------------------------------------------


def test_demo_holds_the_partners_the_issue_promises(demo: DataSet) -> None:
    partners = demo.typed(Partner)
    statuses = sorted(p.status.value for p in partners)
    assert statuses.count("core") == 15
    assert statuses.count("prospect") + statuses.count("invited") == 8
    assert statuses.count("former") == 2
    # One partner left the coalition after having been core, in 2017.
    left = [p.id for p in partners if p.status is PartnerStatus.former and p.status_on(dt.date(2017, 1, 1)) == "core"]
    assert left == ["whittier-immigrant-rights-coalition"]
    core_since_2016 = [p for p in partners if p.status_on(dt.date(2016, 12, 31)) == "core"]
    assert len(core_since_2016) == 13
    assert {d for p in partners for d in p.districts} == {"sd1", "sd2", "sd3", "sd4", "sd5"}


def test_demo_holds_five_supervisors_with_staff_and_a_dozen_state_and_city_officials(demo: DataSet) -> None:
    officials = demo.typed(Official)
    supervisors = [o for o in officials if o.office == "LA County Board of Supervisors"]
    assert sorted((o.level.value, o.district) for o in supervisors) == [("county", str(n)) for n in range(1, 6)]
    staff: dict[str, list[str]] = {}
    for person in demo.typed(Person):
        if person.works_for:
            staff.setdefault(person.works_for, []).append(person.title or "")
    assert all(1 <= len(staff.get(o.id, [])) <= 2 for o in supervisors)
    assert {"Budget Deputy", "Chief of Staff", "Health Deputy"} <= {t for o in supervisors for t in staff[o.id]}
    others = [o for o in officials if o not in supervisors]
    assert len(others) == 13
    assert {o.level.value for o in others} == {"state", "city"}
    assert {o.office for o in others} == {
        "California State Assembly",
        "California State Senate",
        "Los Angeles City Council",
        "Mayor of Los Angeles",
        "Mayor of Long Beach",
    }
    assert sum(1 for o in others if o.id in staff) == 6


def test_demo_holds_about_150_engagements_with_twelve_monthly_chapter_meetings(demo: DataSet) -> None:
    engagements = demo.typed(Engagement)
    assert len(engagements) == 152
    assert min(e.date for e in engagements) >= dt.date(2016, 9, 1)
    assert max(e.date for e in engagements) <= AS_OF
    meetings = sorted(e.date.strftime("%Y-%m") for e in engagements if e.kind == "chapter-meeting")
    assert meetings == ["2016-10", "2016-11", "2016-12", *(f"2017-{m:02d}" for m in range(1, 10))]
    kinds = {e.kind.value for e in engagements}
    assert kinds == {
        "one-on-one",
        "call",
        "chapter-meeting",
        "training",
        "hearing",
        "lobby-day",
        "action",
        "forum",
        "other",
    }
    assert all(e.location and e.headcount and e.languages for e in engagements if e.kind in GROUP_KINDS)


GROUP_KINDS = {"chapter-meeting", "training", "hearing", "lobby-day", "action", "forum"}


def test_the_poverty_hearing_brings_nine_offices_and_eleven_core_partners(demo: DataSet) -> None:
    hearings = [e for e in demo.typed(Engagement) if e.kind == "hearing"]
    [poverty] = [e for e in hearings if "poverty-hearing" in e.tags]
    assert poverty.date == dt.date(2017, 5, 18)
    through_staff = {staffer(demo, p) for p in poverty.people} - {None}
    assert len(set(poverty.officials) | through_staff) == 9
    assert len(set(poverty.officials) & through_staff) == 1
    assert len(through_staff - set(poverty.officials)) == 3
    core = [p for p in poverty.partners if partner(demo, p).status_on(poverty.date) == "core"]
    assert len(core) == 11
    assert len([e for e in hearings if "poverty-hearing" not in e.tags]) == 3


def test_follow_ups_are_mostly_done_with_six_open_owned_by_organizers_and_one_member(demo: DataSet) -> None:
    follow_ups = [(e, f) for e in demo.typed(Engagement) for f in e.follow_ups]
    open_ones = [(e, f) for e, f in follow_ups if f.done is None]
    assert len(follow_ups) - len(open_ones) >= 3 * len(open_ones)
    assert len(open_ones) == 6
    overdue = sorted(f.due for _, f in open_ones if f.due is not None and f.due < AS_OF)
    assert overdue == [dt.date(2017, 7, 31), dt.date(2017, 9, 8), dt.date(2017, 9, 22)]
    owners = {f.owner for _, f in follow_ups}
    assert all(isinstance(demo.get(o or ""), Person) for o in owners)
    # One member who did not agree to be named owns a follow-up: the public report describes her.
    members = [p for o in owners if isinstance(p := demo.get(o or ""), Person) and p.affiliation is not None]
    assert [(p.id, p.named_in_public) for p in members] == [("keisha-robinson", False)]
    assert all(f.due is None or f.due >= e.date for e, f in follow_ups)
    assert all(f.done is None or e.date <= f.done <= AS_OF for e, f in follow_ups)


def test_only_two_core_partners_three_and_two_officials_are_going_cold(demo: DataSet) -> None:
    # Thresholds from capctl.yaml: core partners 45 days, officials 60, people 90 (warn).
    last = last_contacts(demo)
    partners = {p.id: days_since(last, p.id) for p in demo.typed(Partner) if p.status_on(AS_OF) != "former"}
    limits = {"core": 45, "invited": 30, "prospect": 60}
    cold_partners = sorted(p for p, days in partners.items() if days > limits[partner(demo, p).status_on(AS_OF) or ""])
    assert cold_partners == [
        "antelope-valley-family-resource-center",
        "compton-youth-organizing-collective",
        "westside-homeless-advocates-network",
    ]
    assert all(partners[p] > 90 for p in cold_partners)
    cold_officials = {o.id: days_since(last, o.id) for o in demo.typed(Official) if days_since(last, o.id) > 60}
    assert cold_officials == {"kevin-nakamura": 200, "robert-ishikawa": 102}
    cold_people = sorted(p.id for p in demo.typed(Person) if days_since(last, p.id) > 90)
    assert cold_people == ["eleanor-fitzgerald", "jamal-carter", "linda-morales", "tiffany-alvarez"]


def test_grant_metrics_as_of_september_30(demo: DataSet) -> None:
    engagements = [e for e in demo.typed(Engagement) if e.date <= AS_OF]
    in_period = [e for e in engagements if in_(e.date, PERIOD)]

    def with_officials(e: Engagement) -> bool:
        return bool(e.officials) or any(staffer(demo, p) for p in e.people)

    one_on_ones = [e for e in in_period if e.kind == "one-on-one" and with_officials(e)]
    previous = [e for e in engagements if in_(e.date, PREVIOUS_PERIOD) and e.kind == "one-on-one" and with_officials(e)]
    hearing = [e for e in in_period if e.kind == "hearing" and "poverty-hearing" in e.tags]
    at_hearing = {o for e in hearing for o in [*e.officials, *(staffer(demo, p) for p in e.people)] if o}
    in_actions = {
        p
        for e in in_period
        if e.kind in ("hearing", "lobby-day", "action")
        for p in e.partners
        if partner(demo, p).status_on(e.date) == "core"
    }
    recent = {p for e in engagements if 0 <= (AS_OF - e.date).days < 90 for p in e.partners}
    sustained = {p.id for p in demo.typed(Partner) if p.status_on(AS_OF) == "core" and p.id in recent}
    invited = [p for p in demo.typed(Partner) if became_invited(p)]
    priorities = [p for p in demo.typed(Priority) if p.identified <= AS_OF and any(s.partners for s in p.strategies)]
    resources = [r for r in demo.typed(Resource) if (r.date or AS_OF) <= AS_OF and len(r.languages) >= 2]
    budget = [e for e in in_period if e.kind == "training" and e.topic == "budget"]
    organizing = [e for e in in_period if e.kind == "training" and e.topic == "organizing"]

    assert (len(one_on_ones), len(previous)) == (22, 6)
    assert len(at_hearing) == 9
    assert len(in_actions) == 11
    assert len([t for t in demo.typed(records.Testimony) if in_(t.date, PERIOD)]) == 2
    assert len(sustained) == 12
    assert len(invited) == 4
    assert len([p for p in invited if p.status is PartnerStatus.core]) == 2
    assert len(priorities) == 3
    assert len(resources) == 6
    assert {lang for r in resources for lang in r.languages} == {"en", "es", "zh", "ko", "tl", "hy"}
    assert len(budget) == 4
    assert sorted({e.district for e in budget if e.district}) == ["sd1", "sd2", "sd4", "sd5"]
    assert len(organizing) == 2
    assert len([e for e in in_period if e.kind == "chapter-meeting"]) == 9


def test_each_priority_has_positions_of_supervisors_and_state_officials(demo: DataSet) -> None:
    for priority in demo.typed(Priority):
        levels = {official(demo, p.official).level.value for p in priority.positions}
        assert "county" in levels, priority.id
        assert levels & {"state", "city"}, priority.id


def test_testimonies_cover_every_consent_in_spanish_and_english(demo: DataSet) -> None:
    testimonies = demo.typed(records.Testimony)
    assert sorted(t.consent.scope.value for t in testimonies if t.consent) == ["internal", "none", "public"]
    assert sorted(t.language for t in testimonies) == ["en", "es", "es"]
    assert [t.date.year for t in sorted(testimonies, key=lambda t: t.date)] == [2016, 2017, 2017]
    [kept_apart] = [t for t in testimonies if t.file]
    assert kept_apart.file and kept_apart.consent and kept_apart.consent.scope == "none"
    assert (DATA / kept_apart.file).read_text(encoding="utf-8").startswith("Recibo 221 dólares")


# --- names and personal data ------------------------------------------------------------


def test_names_include_accents_and_non_latin_scripts(demo: DataSet) -> None:
    names = [n for r in demo.records.values() if not isinstance(r, Engagement) for n in r.names()]
    assert any(ch in "áéíóúñÁÉÍÓÚÑ" for n in names for ch in n)
    scripts = {"hangul": "[\uac00-\ud7af]", "han": "[\u4e00-\u9fff]", "armenian": "[\u0530-\u058f]"}
    for script, pattern in scripts.items():
        assert any(re.search(pattern, n) for n in names), script
    assert any(re.search(scripts["hangul"], p.name) for p in demo.typed(Person))
    assert "한인노동상담소" in partner(demo, "koreatown-labor-counseling-center").aliases


def test_people_carry_only_reserved_emails_and_fictional_phone_numbers(demo: DataSet) -> None:
    people = demo.typed(Person)
    assert sum(1 for p in people if p.email) >= 35
    assert sum(1 for p in people if p.address) >= 3
    for person in people:
        assert person.email is None or re.fullmatch(r"[a-z.]+@example\.(org|com)", person.email), person.id
        assert person.phone is None or re.fullmatch(r"\d{3}-555-01\d\d", person.phone), person.id
    phones = [p.phone for p in people if p.phone]
    assert len(phones) == len(set(phones))
    for o in demo.typed(Official):
        assert o.email is None or o.email.endswith("@example.net"), o.id
        assert all(re.fullmatch(r"\d{3}-555-01\d\d", c.phone or "") for c in o.offices), o.id


def test_no_email_or_phone_number_hides_in_free_text(demo: DataSet) -> None:
    pattern = re.compile(r"@|\d{3}-\d{4}")
    for record in demo.records.values():
        texts = [getattr(record, "notes", None), *(f.task for f in getattr(record, "follow_ups", []))]
        assert not any(t and pattern.search(t) for t in texts), record.id


# --- helpers ----------------------------------------------------------------------------


def in_(day: dt.date, period: tuple[dt.date, dt.date]) -> bool:
    return period[0] <= day <= period[1]


def partner(data: DataSet, record_id: str) -> Partner:
    record = data.get(record_id)
    assert isinstance(record, Partner)
    return record


def official(data: DataSet, record_id: str) -> Official:
    record = data.get(record_id)
    assert isinstance(record, Official)
    return record


def staffer(data: DataSet, person_id: str) -> str | None:
    """The official a person works for, if they are staff."""
    record = data.get(person_id)
    return record.works_for if isinstance(record, Person) else None


def became_invited(p: Partner) -> bool:
    """A status change in the period to invited, or straight from prospect to core."""
    history = p.status_history
    return any(
        in_(change.date, PERIOD)
        and (change.status == "invited" or (change.status == "core" and i > 0 and history[i - 1].status == "prospect"))
        for i, change in enumerate(history)
    )


def last_contacts(data: DataSet) -> dict[str, dt.date]:
    """The latest engagement of every partner, official (a staffer's counts for them) and person."""
    last: dict[str, dt.date] = {}
    for e in data.typed(Engagement):
        if e.date > AS_OF:
            continue
        ids: set[str] = {*e.partners, *e.officials, *e.people}
        ids |= {o for o in (staffer(data, p) for p in e.people) if o}
        for record_id in ids:
            last[record_id] = max(last.get(record_id, e.date), e.date)
    return last


def days_since(last: dict[str, dt.date], record_id: str) -> int:
    return (AS_OF - last[record_id]).days if record_id in last else 10**6
