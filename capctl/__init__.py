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
    "load": "capctl.store",
    "DataSet": "capctl.store",
    "write_new": "capctl.store",
    "edit": "capctl.store",
    "Problem": "capctl.problems",
    "CapctlError": "capctl.problems",
    "find_data": "capctl.discover",
    "init_folder": "capctl.chapter",
    "resolve": "capctl.resolve",
    "Partner": "capctl.models",
    "Official": "capctl.models",
    "Person": "capctl.models",
    "Engagement": "capctl.models",
    "Testimony": "capctl.models",
    "Priority": "capctl.models",
    "Resource": "capctl.models",
    "Settings": "capctl.models",
    "MetricsFile": "capctl.models",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'capctl' has no attribute {name!r}")
