"""Pass 1 in several processes.

Where the platform can fork, `jobs - 1` worker processes are forked and the parent process checks
files too: every process takes the next run of files from one shared counter, so the processes
finish together whatever the files cost. Workers inherit the already compiled rule set instead of
loading and compiling packs again, and send back only the picklable DocResults; the parent's own
results are never pickled, and it reads the workers' results between its own runs of files, on
the CPU time it would otherwise spend waiting. Results are yielded in input order, so a run with
many jobs produces the same report as a run with one.

The forking, the counter and the pipes are a few system calls (os.fork, an anonymous shared
mapping, os.pipe) rather than multiprocessing, whose import alone costs a run about as much as
checking a dozen files; modules needed only when something goes wrong are imported then. Without fork (Windows) a process pool does the work, the parent only
collecting.
"""

from __future__ import annotations

import mmap
import os
import pickle
import select
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .discover import SourceFile
    from .engine import DocResult, Linter
    from .models import FileError

__all__ = ["check_files"]

Outcome = tuple["DocResult | None", "list[FileError]", "dict[str, float]"]

MAX_RUN = 16  # files per claim at most: small enough that the processes finish close together
_HEADER = 8  # bytes of the length that comes before each pickled message


def check_files(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[Outcome]:
    if hasattr(os, "fork"):
        yield from _shared(linter, files, jobs)
    else:
        yield from _pooled(linter, files, jobs)


# -- forked workers and the parent, one shared counter ----------------------------------------


class Counter:
    """The index of the next file to check, shared by a process and the children it forks after
    making this: eight bytes of an anonymous shared mapping, and a pipe that holds one byte while
    nobody is claiming (a process takes the byte to claim and puts it back after)."""

    PATIENCE = 10.0  # seconds: a claim takes microseconds, so longer means its holder died claiming

    def __init__(self) -> None:
        self._value = mmap.mmap(-1, 8)  # MAP_SHARED: forked children see the same bytes
        self._lock, self._unlock = os.pipe()
        os.set_blocking(self._lock, False)
        os.write(self._unlock, b"\0")

    def claim(self, total: int, jobs: int) -> tuple[int, int]:
        """The next run of files, [start, stop): a share of what is left that shrinks as the run
        nears its end (guided scheduling), so the last runs are single files and no process waits
        long for another's last run. Empty when every file is taken."""
        while True:
            try:
                os.read(self._lock, 1)
                break
            except BlockingIOError:  # another process is claiming
                if not _poll([self._lock]).poll(self.PATIENCE * 1000):
                    raise _broken("a worker process ended while taking files") from None
        try:
            start = int.from_bytes(self._value[:8], "little")
            stop = min(total, start + max(1, min(MAX_RUN, (total - start) // (jobs * 4))))
            self._value[:8] = stop.to_bytes(8, "little")
        finally:
            os.write(self._unlock, b"\0")
        return start, stop

    def close(self) -> None:
        os.close(self._lock)
        os.close(self._unlock)
        self._value.close()


def _poll(fds: list[int]) -> select.poll:
    """A poll object for these file descriptors' input and ends (poll, not select: no limit on
    the descriptors' numbers)."""
    poll = select.poll()
    for fd in fds:
        poll.register(fd, select.POLLIN)
    return poll


def _broken(message: str) -> Exception:
    from concurrent.futures.process import BrokenProcessPool

    return BrokenProcessPool(message)  # what a process pool raises


def _send(fd: int, message: tuple[int, Any]) -> None:
    try:
        data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - what cannot travel is reported instead
        data = pickle.dumps((-1, RuntimeError(f"a worker process could not send its results: {exc!r}")), pickle.HIGHEST_PROTOCOL)
    view = memoryview(len(data).to_bytes(_HEADER, "little") + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> tuple[int, Any] | None:
    """The next message from a worker's pipe; None at its end (the worker has exited)."""
    header = _read(fd, _HEADER)
    if header is None:
        return None
    data = _read(fd, int.from_bytes(header, "little"))
    if data is None:
        return None
    message: tuple[int, Any] = pickle.loads(data)
    return message


def _read(fd: int, n: int) -> bytes | None:
    parts = []
    while n:
        part = os.read(fd, min(n, 1 << 20))
        if not part:
            return None
        parts.append(part)
        n -= len(part)
    return b"".join(parts)


def _work(linter: Linter, files: list[SourceFile], jobs: int, counter: Counter, out: int, where: tuple[str, str]) -> None:
    """A worker's loop: claim a run, check it, send the results with the run's first index."""
    timings = linter.timings
    try:
        while True:
            start, stop = counter.claim(len(files), jobs)
            if start >= stop:
                return
            results: list[Outcome] = []
            for source in files[start:stop]:
                if timings is not None:
                    timings.clear()
                result, errors = linter._check_final(source, where)
                results.append((result, errors, dict(timings or {})))
            _send(out, (start, results))
    except BaseException as exc:  # noqa: BLE001 - passed on for the parent to raise
        import traceback

        exc.add_note(f"raised in a worker process:\n{traceback.format_exc()}")  # its traceback stays here
        _send(out, (-1, exc))


def _fork(linter: Linter, files: list[SourceFile], jobs: int, counter: Counter, where: tuple[str, str], keep: list[int]) -> tuple[int, int]:
    """A worker process, and the end of its pipe the parent reads."""
    read_end, write_end = os.pipe()
    try:  # a bigger pipe (Linux), so a worker seldom waits for the parent, busy checking files, to read
        import fcntl

        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 1 << 20)
    except (ImportError, AttributeError, OSError):
        pass
    pid = os.fork()
    if pid == 0:  # the worker: never returns, so nothing of the parent's run goes on here
        code = 1
        try:
            os.close(read_end)
            for fd in keep:  # other workers' pipes
                os.close(fd)
            _work(linter, files, jobs, counter, write_end, where)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _shared(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[Outcome]:
    total = len(files)
    where = linter._here()
    counter = Counter()
    pids: list[int] = []
    pipes: list[int] = []  # the workers' pipes not yet at their end
    done: dict[int, list[Outcome]] = {}  # runs checked and not yet yielded, by their first index
    received = 0  # files checked, here or in a worker, whose results are in `done` or were yielded
    next_out = 0  # the first file not yet yielded
    try:
        for _ in range(jobs - 1):
            pid, pipe = _fork(linter, files, jobs, counter, where, pipes)
            pids.append(pid)
            pipes.append(pipe)
        poll = _poll(pipes)
        while received < total:
            start, stop = counter.claim(total, jobs)
            if start < stop:
                done[start] = [(*linter._check_final(source, where), {}) for source in files[start:stop]]
                received += stop - start
            elif not pipes:
                raise _broken("a worker process ended before its files were checked")
            # What the workers sent meanwhile, read while they keep working; once every file is
            # claimed, wait for it.
            ready = poll.poll(0 if start < stop else None) if pipes else ()
            for pipe, _ in ready:
                message = _receive(pipe)
                if message is None:  # the worker has exited
                    poll.unregister(pipe)
                    os.close(pipe)
                    pipes.remove(pipe)
                    continue
                first, results = message
                if first < 0:
                    raise results
                done[first] = results
                received += len(results)
            while next_out in done:
                out = done.pop(next_out)
                next_out += len(out)
                yield from out
    finally:
        for pid in pids:
            if received < total:  # stopped early: the workers' results are not wanted
                import signal

                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
            os.waitpid(pid, 0)
        for pipe in pipes:
            os.close(pipe)
        counter.close()


# -- a process pool (no fork: the parent only collects) --------------------------------------

_LINTER: Linter | None = None


def _init(linter: Linter) -> None:
    global _LINTER
    _LINTER = linter


def _pooled_work(source: SourceFile) -> Outcome:
    assert _LINTER is not None
    if _LINTER.timings is not None:
        _LINTER.timings.clear()
    result, errors = _LINTER._check_final(source)
    return result, errors, dict(_LINTER.timings or {})


def _pooled(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[Outcome]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(16, len(files) // (jobs * 8) or 1))
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(linter,)) as pool:
        yield from pool.map(_pooled_work, files, chunksize=chunk)
