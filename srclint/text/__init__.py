"""Text analysis shared by the rule kinds: dates, numbers, names, quotations, encoding damage."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

__all__ = ["LazyPattern", "compiled_on_demand"]


def compiled_on_demand(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter for a regular expression that only an uncommon path needs: it is compiled on the
    first call rather than when its module is imported, which every run that lints a file does."""
    return cache(lambda: re.compile(pattern, flags))


class LazyPattern:
    """A regular expression compiled on first use instead of at import, used like the compiled
    pattern: for patterns a run may never need (a run answered from the cache reads no dates and
    looks for no directive), where `compiled_on_demand`'s getter call would be a call too many
    on a hot path. The first attribute asked for compiles the pattern and keeps its matching
    methods on the instance, so later calls cost what calls on the compiled pattern cost."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:  # only called for attributes not set yet
        rx = re.compile(self.pattern, self.flags)
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split"):
            setattr(self, method, getattr(rx, method))
        return getattr(rx, name)
