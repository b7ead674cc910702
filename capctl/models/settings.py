"""The chapter's settings file, ``capctl.yaml``: districts, languages, thresholds, chapters."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints, field_validator, model_validator

from capctl.models.records import Language, Model, Text
from capctl.vocab import ReportLanguage

# --- capctl.yaml ----------------------------------------------------------


class District(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")] = Field(description="Short id, e.g. `sd1`.")
    name: Text = Field(description='Its name, e.g. "Supervisorial District 1".')
    areas: list[str] = Field(default_factory=list, description="Cities and neighborhoods in it, for people.")


class Threshold(Model):
    warn: int = Field(gt=0, description="Days without contact before a relationship is going cold.")
    max: int = Field(gt=0, description="Days without contact before it is cold.")

    @model_validator(mode="after")
    def _ordered(self) -> Threshold:
        if self.max < self.warn:
            raise ValueError("max must be at least warn")
        return self


class PartnerThresholds(Model):
    prospect: Threshold | None = Field(default=None, description="For prospects; absent means never cold.")
    invited: Threshold | None = Field(default=None, description="For invited partners.")
    core: Threshold | None = Field(default=None, description="For core partners.")
    former: Threshold | None = Field(default=None, description="For former partners.")


class Thresholds(Model):
    partners: PartnerThresholds = Field(default_factory=PartnerThresholds, description="Per partner status.")
    officials: Threshold | None = Field(default=None, description="For officials.")
    people: Threshold | None = Field(default=None, description="For people.")


class Settings(Model):
    """``capctl.yaml``: the chapter's settings."""

    chapter: Text = Field(description="The chapter's name.")
    region: str | None = Field(default=None, description="The area it covers.")
    districts: list[District] = Field(default_factory=list, description="Districts activity is counted by.")
    languages: list[Language] = Field(default_factory=list, description="Languages the chapter works in.")
    language: ReportLanguage = Field(
        default=ReportLanguage.en,
        description="The language `capctl report` is written in unless `--lang` says otherwise: en or es.",
    )
    thresholds: Thresholds = Field(default_factory=Thresholds, description="When relationships go cold.")
    chapters: list[str] = Field(
        default_factory=list,
        description="Statewide: the chapters' data folders (relative to this file) that `capctl report` rolls up.",
    )

    @field_validator("language", mode="before")
    @classmethod
    def _one_language(cls, value: Any) -> Any:
        if isinstance(value, list):
            known = ", ".join(lang.value for lang in ReportLanguage)
            raise ValueError(
                f"the report's language is one of {known}; the languages the chapter works in go under languages:"
            )
        return value

    def district_ids(self) -> list[str]:
        return [d.id for d in self.districts]
