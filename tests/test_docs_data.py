"""docs/data.md documents every field of every model, in the section of that model."""

import re

import pytest
from pydantic import BaseModel

from capctl import models as m
from tests.conftest import REPO

DOC = (REPO / "docs" / "data.md").read_text(encoding="utf-8")

# Each model and the text that introduces its table in the doc.
SECTIONS: list[tuple[type[BaseModel], str]] = [
    (m.Partner, "## Partners"),
    (m.StatusChange, "Each entry of `status_history`"),
    (m.Official, "## Officials"),
    (m.OfficeContact, "Each entry of `offices`"),
    (m.ImportedFields, "`imported` (written by"),
    (m.Person, "## People"),
    (m.Engagement, "## Engagements"),
    (m.FollowUp, "Each entry of `follow_ups`"),
    (m.Testimony, "## Testimonies"),
    (m.Consent, "`consent`:"),
    (m.Priority, "## Priorities"),
    (m.Strategy, "Each entry of `strategies`"),
    (m.Position, "Each entry of `positions`"),
    (m.Resource, "## Resources"),
    (m.Settings, "## Chapter settings"),
    (m.District, "Each entry of `districts`"),
    (m.Thresholds, "`thresholds` (days"),
    (m.PartnerThresholds, "`thresholds.partners`"),
    (m.Threshold, "Each threshold:"),
]


def _first_table_after(heading: str) -> list[str]:
    start = DOC.index(heading)
    rows = []
    for line in DOC[start:].splitlines()[1:]:
        if line.startswith("|"):
            rows.append(line)
        elif rows:
            break
    return rows


@pytest.mark.parametrize(("model", "heading"), SECTIONS, ids=[model.__name__ for model, _ in SECTIONS])
def test_every_field_is_documented_in_its_section(model: type[BaseModel], heading: str) -> None:
    documented = [re.match(r"\| `([^`]+)`", row).group(1) for row in _first_table_after(heading)[2:]]  # type: ignore[union-attr]
    fields = [f.alias or name for name, f in model.model_fields.items() if name != "id"]
    assert documented == fields


@pytest.mark.parametrize(("model", "heading"), SECTIONS, ids=[model.__name__ for model, _ in SECTIONS])
def test_personal_fields_are_said_to_be_personal(model: type[BaseModel], heading: str) -> None:
    for name in m.personal_fields(model):
        row = next(r for r in _first_table_after(heading) if r.startswith(f"| `{name}`"))
        assert "**Personal" in row


def test_every_nested_model_has_a_section() -> None:
    nested = {
        model
        for model in vars(m).values()
        if isinstance(model, type) and issubclass(model, m.Model) and model not in (m.Model, m.Record)
    }
    metrics_models = {m.MetricsFile, m.Metric, m.Counting, m.Where, m.Target, m.Transition, m.Period}
    assert nested - metrics_models == {model for model, _ in SECTIONS}
