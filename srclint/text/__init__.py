"""Text analysis shared by the rule kinds: dates, numbers, names, quotations, encoding damage."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from functools import cache
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module
if TYPE_CHECKING:
    from typing import Any

__all__ = ["LazyPattern", "adopt_compiled", "compiled_lazy_patterns", "compiled_on_demand"]


def compiled_on_demand(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A getter for a regular expression that only an uncommon path needs: it is compiled on the
    first call rather than when its module is imported, which every run that lints a file does."""
    return cache(lambda: re.compile(pattern, flags))


# Compiling the patterns kept for first use takes some 10 ms of a run that lints a few
# documents (some 40 patterns, the date patterns the longest). The pack cache keeps them
# compiled with the rule set (`compiled_lazy_patterns`, as the code `re` made of them, loaded
# in well under a millisecond) and hands them back (`adopt_compiled`): a LazyPattern then takes
# its compiled pattern from `_READY` when first used rather than compiling its source.
_MADE: list[LazyPattern] = []  # every LazyPattern made, in order (they are module constants: a fixed few)
_READY: dict[tuple[str, int], Any] = {}  # patterns from the cache (`srclint.pack_format.ReOnLoad`), by (source, flags)


class LazyPattern:
    """A regular expression compiled on first use instead of at import, used like the compiled
    pattern: for patterns a run may never need (a run answered from the cache reads no dates and
    looks for no directive), where `compiled_on_demand`'s getter call would be a call too many
    on a hot path. The first attribute asked for compiles the pattern and keeps its matching
    methods on the instance; and the module that made it gets the compiled pattern in its
    place (each of its globals bound to this LazyPattern is rebound), so that the module's
    functions call the pattern's methods as they would a pattern compiled at import (a method
    call on the LazyPattern goes through its instance dictionary and a bound method: about a
    third slower per call, which the hot patterns would pay millions of times a run)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        try:  # the name of the module that made it (its name, not its namespace: a LazyPattern still pickles)
            self._home: str | None = sys._getframe(1).f_globals.get("__name__")
        except (AttributeError, ValueError):  # pragma: no cover - no frames in this Python
            self._home = None
        _MADE.append(self)

    def __getattr__(self, name: str) -> Any:  # only called for attributes not set yet
        rx: Any = _READY.get((self.pattern, self.flags))
        if rx is None:
            rx = re.compile(self.pattern, self.flags)
        elif type(rx) is not re.Pattern:  # from the pack cache as its code (`srclint.pack_format.ReOnLoad`): made now,
            rx = rx._compiled()  # so that the module's globals are rebound to the pattern itself
        for method in ("search", "match", "fullmatch", "finditer", "findall", "sub", "split"):
            setattr(self, method, getattr(rx, method))
        home, self._home = self._home, None
        module = sys.modules.get(home) if home is not None else None
        if module is not None:
            names = vars(module)
            for key in [key for key, value in names.items() if value is self]:
                names[key] = rx
        return getattr(rx, name)


def compiled_lazy_patterns() -> list[tuple[str, int, re.Pattern[str]]]:
    """(source, flags, compiled pattern) of every LazyPattern made so far."""
    return [(p.pattern, p.flags, re.compile(p.pattern, p.flags)) for p in _MADE]


def adopt_compiled(patterns: list[tuple[str, int, re.Pattern[str]]]) -> None:
    """Let the LazyPatterns with these sources and flags take these compiled patterns when first
    used (those already compiled are left alone)."""
    for source, flags, rx in patterns:
        _READY[(source, flags)] = rx
