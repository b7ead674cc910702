"""A data set as a report reads it: nothing changes it meanwhile, so what every metric, point and
section asks of it again is worked out once."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from capctl.store.dataset import DataSet, R

T = TypeVar("T")


class Listed(DataSet):
    """Each kind's records listed and sorted once, not once for every metric and section (a dozen
    times 50,000 engagements); and what :meth:`remember` is given to keep (the engagements a metric's
    filters pass and why, worked out once for the report's metrics and the points of their charts)."""

    def __init__(self, data: DataSet) -> None:
        super().__init__(**{f.name: getattr(data, f.name) for f in dataclasses.fields(data)})
        self._typed: dict[type[Any], list[Any]] = {}
        self._kept: dict[Hashable, Any] = {}

    def typed(self, model: type[R]) -> list[R]:
        listed = self._typed.get(model)
        if listed is None:
            listed = self._typed[model] = super().typed(model)
        return list(listed)  # a copy: a caller may sort or change its list

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """What ``make`` returns, made the first time ``key`` is asked for (the caller keys it on all
        it depends on, beside this data set)."""
        if key not in self._kept:
            self._kept[key] = make()
        kept: T = self._kept[key]
        return kept
