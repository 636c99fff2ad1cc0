"""`Severity`, apart from the other value types of srclint.models (which re-exports it): the
settings and a replayed run (srclint.replay) need it, and neither needs the dataclasses."""

from __future__ import annotations

import enum

__all__ = ["Severity"]


class Severity(enum.IntEnum):
    """How sure a rule is that the text is at fault; ordered so comparisons mean something."""

    __module__ = "srclint.models"  # where srclint has always exported it (cache files name it so)

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, value: str | Severity) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls[value.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {value!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return _SEVERITY_NAMES[self]


_SEVERITY_NAMES = {s: s.name.lower() for s in Severity}  # str() of a severity, without the enum machinery
