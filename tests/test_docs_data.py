"""docs/data.md documents every field of every model, in the section of that model."""

import re

import pytest
from pydantic import BaseModel

from capctl.models import metrics, records, settings
from tests.conftest import REPO

DOC = (REPO / "docs" / "data.md").read_text(encoding="utf-8")

# Each model and the text that introduces its table in the doc.
SECTIONS: list[tuple[type[BaseModel], str]] = [
    (records.Partner, "## Partners"),
    (records.StatusChange, "Each entry of `status_history`"),
    (records.Official, "## Officials"),
    (records.OfficeContact, "Each entry of `offices`"),
    (records.ImportedFields, "`imported` (written by"),
    (records.Person, "## People"),
    (records.NameConsent, "`consent` of a person"),
    (records.Engagement, "## Engagements"),
    (records.FollowUp, "Each entry of `follow_ups`"),
    (records.Testimony, "## Testimonies"),
    (records.Consent, "`consent`:"),
    (records.Priority, "## Priorities"),
    (records.Strategy, "Each entry of `strategies`"),
    (records.Position, "Each entry of `positions`"),
    (records.Resource, "## Resources"),
    (settings.Settings, "## Chapter settings"),
    (settings.District, "Each entry of `districts`"),
    (settings.Thresholds, "`thresholds` (days"),
    (settings.PartnerThresholds, "`thresholds.partners`"),
    (settings.Threshold, "Each threshold:"),
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
    for name in records.personal_fields(model):
        row = next(r for r in _first_table_after(heading) if r.startswith(f"| `{name}`"))
        assert "**Personal" in row


def test_every_nested_model_has_a_section() -> None:
    nested = {
        model
        for module in (records, settings, metrics)
        for model in vars(module).values()
        if isinstance(model, type) and issubclass(model, records.Model) and model not in (records.Model, records.Record)
    }
    metrics_models = {
        metrics.MetricsFile,
        metrics.Metric,
        metrics.MetricText,
        metrics.Counting,
        metrics.Where,
        metrics.Target,
        metrics.Transition,
        metrics.Period,
    }
    assert nested - metrics_models == {model for model, _ in SECTIONS}
