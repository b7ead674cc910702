"""``metrics.yaml``: the grant period, and each metric's counting rule and target."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from capctl.models.records import Day, Id, Model, Tag, Text, Words
from capctl.vocab import (
    EngagementKind,
    MetricGroup,
    PartnerStatus,
    ReportLanguage,
    Topic,
)

# --- metrics.yaml ---------------------------------------------------------


class Period(Model):
    start: Day = Field(description="First day of the grant period.")
    end: Day = Field(description="Last day of the grant period.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class Target(Model):
    min: int | None = Field(default=None, ge=0, description="The least the grant asks for.")
    max: int | None = Field(default=None, ge=0, description="The most the grant expects.")

    @model_validator(mode="after")
    def _some(self) -> Target:
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError("max is below min")
        return self


def _invalid(title: str, problems: list[tuple[tuple[str | int, ...], str, Any]]) -> ValidationError:
    """A validation error located at each ``(loc, message, input)``, so that its line can be found."""
    return ValidationError.from_exception_data(
        title,
        [
            InitErrorDetails(
                type=PydanticCustomError("metrics_file", "{message}", {"message": message}), loc=loc, input=value
            )
            for loc, message, value in problems
        ],
    )


class Transition(Model):
    """A partner status change: to a status, optionally from a given one."""

    to: PartnerStatus = Field(description="The status it changed to.")
    from_: PartnerStatus | None = Field(
        default=None, alias="from", description="The status it changed from (the entry just before it)."
    )

    model_config = ConfigDict(populate_by_name=True)

    @model_validator(mode="after")
    def _a_change(self) -> Transition:
        if self.from_ is self.to:
            raise ValueError("from and to are the same status: that is not a change")
        return self


class Where(Model):
    """Filters on the records a metric counts; all given filters must hold."""

    kind: list[EngagementKind] = Field(default_factory=list, description="Engagement kinds (any of).")
    topic: list[Topic] = Field(default_factory=list, description="Topics (any of).")
    tags: list[Tag] = Field(default_factory=list, description="Tags the record must all carry.")
    with_officials: bool = Field(
        default=False, description="Engagements with at least one official or a staffer of one."
    )
    partner_status: list[PartnerStatus] = Field(
        default_factory=list, description="Partners counted through engagements: status on the engagement's date."
    )
    status: list[PartnerStatus] = Field(default_factory=list, description="Partners: status on the as-of date.")
    became: list[Transition] = Field(default_factory=list, description="Partners: a status change in the window.")
    min_languages: int | None = Field(default=None, ge=1, description="Resources: at least this many languages.")
    strategy_with_partner: bool = Field(
        default=False, description="Priorities: at least one strategy with at least one partner."
    )

    @model_validator(mode="before")
    @classmethod
    def _known_filters(cls, data: Any) -> Any:
        if isinstance(data, dict):
            known = ", ".join(cls.model_fields)
            unknown = [key for key in data if key not in cls.model_fields]
            if unknown:
                raise _invalid(
                    "Where", [((key,), f"unknown filter {key!r}: filters are {known}", data[key]) for key in unknown]
                )
        return data


Window = Annotated[str, StringConstraints(pattern=r"^(period|to-date|last-[1-9][0-9]*-days)$")]

FILTERS: dict[str, frozenset[str]] = {
    "engagements": frozenset({"kind", "topic", "tags", "with_officials"}),
    "testimonies": frozenset({"tags"}),
    "priorities": frozenset({"tags", "strategy_with_partner"}),
    "resources": frozenset({"topic", "tags", "min_languages"}),
    "partners": frozenset({"tags", "status", "became"}),
    "partners via engagements": frozenset(
        {"kind", "topic", "tags", "with_officials", "partner_status", "status", "became"}
    ),
    "officials via engagements": frozenset({"kind", "topic", "tags", "with_officials"}),
}
"""The filters each kind of count takes (see docs/metrics.md); any other is an error with its line."""


class Counting(Model):
    """What a metric counts."""

    records: Literal["engagements", "testimonies", "priorities", "resources", "partners", "officials"] = Field(
        description="The records counted; partners and officials are counted once each."
    )
    via: Literal["engagements"] | None = Field(
        default=None, description="Count partners or officials through the engagements that match `where`."
    )
    where: Where = Field(default_factory=Where, description="Filters.")
    window: Window = Field(
        default="period",
        description="`period` (the grant period), `to-date` (everything by the as-of date) or `last-N-days`.",
    )

    @property
    def counts(self) -> str:
        """The kind of count, as :data:`FILTERS` names it: ``partners via engagements``."""
        return f"{self.records} via {self.via}" if self.via else self.records

    @model_validator(mode="after")
    def _filters_apply(self) -> Counting:
        if self.via is not None and self.records not in ("partners", "officials"):
            raise _invalid(
                "Counting",
                [(("via",), f"only partners and officials are counted via engagements, not {self.records}", self.via)],
            )
        if self.records == "officials" and self.via is None:
            raise _invalid(
                "Counting",
                [(("records",), "officials are counted through engagements: add via: engagements", self.records)],
            )
        allowed = FILTERS[self.counts]
        wrong = [name for name in self.where.model_fields_set if name not in allowed]
        if wrong:
            takes = ", ".join(sorted(allowed))
            raise _invalid(
                "Counting",
                [
                    (
                        ("where", name),
                        f"does not apply when counting {self.counts} (filters here: {takes})",
                        getattr(self.where, name),
                    )
                    for name in sorted(wrong)
                ],
            )
        return self


Detail = Literal["previous-period", "districts", "languages", "now-core"]

SHOW_FOR: dict[str, frozenset[str]] = {
    "districts": frozenset({"engagements"}),
    "languages": frozenset({"engagements", "resources"}),
    "now-core": frozenset({"partners", "partners via engagements"}),
}
"""The kinds of count each detail applies to; ``previous-period`` needs ``window: period``."""


class MetricText(Model):
    """A metric's label and the grant's wording in another language."""

    label: Text = Field(description="The short label, in this language.")
    grant: Text = Field(description="The grant's wording, in this language.")


class Metric(Model):
    id: Id = Field(description="A stable id, e.g. `one-on-ones`.")
    group: MetricGroup = Field(description="relationships, coalition or capacity.")
    label: Text = Field(description="A short label for reports.")
    grant: Words = Field(description="The grant's own wording.")
    target: Target = Field(description="The target range.")
    count: Counting = Field(description="What is counted.")
    show: list[Detail] = Field(default_factory=list, description="Details shown beside the number.")
    translations: dict[ReportLanguage, MetricText] = Field(
        default_factory=dict,
        description="The label and the grant's wording by language (`es:`), for `report --lang`; "
        "a report in a language not given here shows `label` and `grant` as they are.",
    )

    def in_language(self, language: str) -> Metric:
        """This metric with its label and grant wording in ``language``, when given (else as it is)."""
        text = self.translations.get(ReportLanguage(language))
        return self if text is None else self.model_copy(update={"label": text.label, "grant": text.grant})

    @model_validator(mode="after")
    def _details_apply(self) -> Metric:
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        for i, detail in enumerate(self.show):
            if detail == "previous-period" and self.count.window != "period":
                problems.append(((("show", i)), "previous-period needs window: period", detail))
            elif detail in SHOW_FOR and self.count.counts not in SHOW_FOR[detail]:
                kinds = " or ".join(sorted(SHOW_FOR[detail]))
                problems.append(
                    ((("show", i)), f"{detail} applies when counting {kinds}, not {self.count.counts}", detail)
                )
        if problems:
            raise _invalid("Metric", problems)
        return self


class MetricsFile(Model):
    """``metrics.yaml``: the grant period and its metrics."""

    period: Period = Field(description="The grant period.")
    metrics: list[Metric] = Field(description="The metrics, in report order.")

    @model_validator(mode="after")
    def _unique_ids(self) -> MetricsFile:
        first: dict[str, int] = {}
        problems: list[tuple[tuple[str | int, ...], str, Any]] = []
        for i, metric in enumerate(self.metrics):
            if metric.id in first:
                problems.append(
                    (
                        ("metrics", i, "id"),
                        f"duplicate metric id {metric.id!r} (also metrics.{first[metric.id]})",
                        metric.id,
                    )
                )
            first.setdefault(metric.id, i)
        if problems:
            raise _invalid("MetricsFile", problems)
        return self

    def metric(self, metric_id: str) -> Metric | None:
        return next((m for m in self.metrics if m.id == metric_id), None)
