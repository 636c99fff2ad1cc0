"""Watch mode (`srclint --watch`): lint, then lint again each time a file of the run changes.

One process stays up, so the rule machinery is imported and the packs loaded once; a run after an
edit costs the edited files' checks plus reading the other files' results from the cache.

Changes are found by polling file metadata rather than by operating-system events: that needs no
extra dependency, works the same on every platform and on network drives, and a poll of a
1,000-file tree takes a few milliseconds. The pause between polls grows with the cost of a poll,
so a very large tree is not walked continuously. A change is acted on once the tree has stopped
changing for a moment, so an editor's save in several writes gives one run, not several.

This module finds changes; the command line (`cli.py`) runs the lints and prints.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping

__all__ = ["Stamp", "Watcher", "changed_paths", "stamps"]

# A file's size, modification time, status-change time and inode: a save that keeps the size
# still moves the times, and an editor that writes a new file and renames it changes the inode.
# None: the path is gone or unreadable.
Stamp = tuple[int, int, int, int] | None

POLL_INTERVAL = 0.2  # seconds between polls at least
POLL_SHARE = 0.05  # at most this share of wall time spent polling: pause >= 20 x poll time
MAX_INTERVAL = 5.0
SETTLE = 0.05  # the tree must be unchanged this long before a run starts


def stamps(paths: Iterable[str]) -> dict[str, Stamp]:
    """The stamp of each path (None for one that cannot be stat'ed)."""
    out: dict[str, Stamp] = {}
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            out[path] = None
            continue
        out[path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return out


def changed_paths(before: Mapping[str, Stamp], after: Mapping[str, Stamp]) -> list[str]:
    """Paths added, removed or changed between two scans, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p, ...) != after.get(p, ...))


class Watcher:
    """Polls `scan` (a mapping of path to stamp, e.g. the files a run would read plus its
    configuration) until it differs from the last scan and then holds still for `settle`
    seconds. `sleep` and `clock` are parameters so tests can drive it without waiting."""

    def __init__(
        self,
        scan: Callable[[], dict[str, Stamp]],
        *,
        interval: float = POLL_INTERVAL,
        settle: float = SETTLE,
        sleep: Callable[[float], None] | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.scan = scan
        self.interval = interval
        self.settle = settle
        self.sleep = sleep or time.sleep  # looked up now, not when this module was imported
        self.clock = clock or time.monotonic
        self.pause = interval

    def _timed_scan(self) -> dict[str, Stamp]:
        t0 = self.clock()
        state = self.scan()
        self.pause = min(MAX_INTERVAL, max(self.interval, (self.clock() - t0) / POLL_SHARE))
        return state

    def wait(self, before: dict[str, Stamp]) -> tuple[dict[str, Stamp], list[str]]:
        """Block until the scan changes and settles; return the settled scan and what changed
        since `before`. A change that is undone before it settles (a file saved twice, back to
        what it was) is not reported."""
        while True:
            self.sleep(self.pause)
            state = self._timed_scan()
            if state == before:
                continue
            while True:  # wait for the writes to stop
                self.sleep(self.settle)
                again = self._timed_scan()
                if again == state:
                    break
                state = again
            changed = changed_paths(before, state)
            if changed:
                return state, changed
