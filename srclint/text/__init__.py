"""Text analysis shared by the rule kinds: dates, numbers, names, quotations, encoding damage."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

__all__ = ["compiled_on_demand"]


def compiled_on_demand(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter for a regular expression that only an uncommon path needs: it is compiled on the
    first call rather than when its module is imported, which every run that lints a file does."""
    return cache(lambda: re.compile(pattern, flags))
