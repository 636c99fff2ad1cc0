"""A progress bar on standard error for long runs: files done, total, rate.

Hand-written (about forty lines) rather than a dependency: srclint needs one line redrawn with
`\\r`, drawn only when the stream is a terminal and throttled, and nothing else a progress
library brings. Silent when the stream is not a TTY (CI logs, pipes, pre-commit's captured
output) and when TERM is "dumb".
"""

from __future__ import annotations

import os
import time
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path
if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["ProgressBar", "progress_for"]


class ProgressBar:
    """Call it as progress(done, total) (the engine's Progress callback); close() erases it."""

    def __init__(self, stream: TextIO, *, width: int = 24, interval: float = 0.1, clock=time.monotonic) -> None:  # type: ignore[no-untyped-def]
        self.stream = stream
        self.width = width
        self.interval = interval
        self.clock = clock
        self.started = clock()
        self.last_draw = float("-inf")
        self.drawn = 0

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if done < total and now - self.last_draw < self.interval:
            return
        self.last_draw = now
        self.draw(done, total, now)

    def draw(self, done: int, total: int, now: float) -> None:
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        elapsed = max(now - self.started, 1e-9)
        bar = "#" * filled + "-" * (self.width - filled)
        line = f"[{bar}] {done}/{total} files  {done / elapsed:.1f} files/s"
        self.stream.write("\r" + line.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(line)

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * self.drawn + "\r")
            self.stream.flush()
            self.drawn = 0


def progress_for(stream: TextIO, enabled: bool = True) -> ProgressBar | None:
    """A bar when `stream` is an interactive terminal and progress is wanted, else None."""
    if not enabled or os.environ.get("TERM") == "dumb":
        return None
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return None
    return ProgressBar(stream) if interactive else None
