"""`SourceFile`: a file a run reads, as srclint.discover finds it (and exports it)."""

from __future__ import annotations

from .records import record

__all__ = ["SourceFile"]


@record(frozen=True, slots=True, order=True)
class SourceFile:
    """A file to check: the path shown in reports and the path opened."""
    display: str  # the path shown in reports (relative to the working directory where possible)
    path: str  # the path opened

    def __init__(self, display: str, path: str) -> None:
        object.__setattr__(self, "display", display)
        object.__setattr__(self, "path", path)
