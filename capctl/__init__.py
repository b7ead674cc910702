"""capctl: a coalition tracker on flat files.

Use it as a library::

    import capctl
    data = capctl.load("data")
    for problem in data.problems:
        print(problem)

Names are imported lazily so that ``import capctl`` (and ``capctl --help``)
stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.2.0"

_LAZY = {
    "load": "capctl.store.load",
    "DataSet": "capctl.store.dataset",
    "write_new": "capctl.store.write",
    "edit": "capctl.store.write",
    "Problem": "capctl.problems",
    "CapctlError": "capctl.problems",
    "find_data": "capctl.store.discover",
    "init_folder": "capctl.store.chapter",
    "resolve": "capctl.query.resolve",
    "Partner": "capctl.models.records",
    "Official": "capctl.models.records",
    "Person": "capctl.models.records",
    "Engagement": "capctl.models.records",
    "Testimony": "capctl.models.records",
    "Priority": "capctl.models.records",
    "Resource": "capctl.models.records",
    "Settings": "capctl.models.settings",
    "MetricsFile": "capctl.models.metrics",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'capctl' has no attribute {name!r}")
