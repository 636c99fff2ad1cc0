"""Pass 1 in several processes.

Where the platform can fork, `jobs - 1` worker processes are forked and the parent process checks
files too: every process takes the next run of files from one shared counter, so the processes
finish together whatever the files cost. Workers inherit the already compiled rule set instead of
loading and compiling packs again, and send back only the picklable DocResults; the parent's own
results are never pickled, and it reads the workers' results between its own runs of files, on
the CPU time it would otherwise spend waiting. Results are yielded in input order, so a run with
many jobs produces the same report as a run with one.

Elsewhere (spawn only) a process pool does the same work with the parent only collecting.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
import queue
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from .discover import SourceFile
    from .engine import DocResult, Linter
    from .models import FileError

__all__ = ["check_files"]

Outcome = tuple["DocResult | None", "list[FileError]", "dict[str, float]"]

MAX_RUN = 16  # files per claim at most: small enough that the processes finish close together


def check_files(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[Outcome]:
    if "fork" in mp.get_all_start_methods():
        yield from _shared(linter, files, jobs)
    else:
        yield from _pooled(linter, files, jobs)


# -- forked workers and the parent, one shared counter ----------------------------------------


def _claim(counter: Synchronized[int], total: int, jobs: int) -> tuple[int, int]:
    """The next run of files, [start, stop): a share of what is left that shrinks as the run
    nears its end (guided scheduling), so the last runs are single files and no process waits
    long for another's last run. Empty when every file is taken."""
    with counter.get_lock():
        start = counter.value
        size = max(1, min(MAX_RUN, (total - start) // (jobs * 4)))
        stop = min(total, start + size)
        counter.value = stop
    return start, stop


def _worker(linter: Linter, files: list[SourceFile], jobs: int, counter: Synchronized[int], results: Any, where: tuple[str, str]) -> None:
    timings = linter.timings
    try:
        while True:
            start, stop = _claim(counter, len(files), jobs)
            if start >= stop:
                return
            out: list[Outcome] = []
            for source in files[start:stop]:
                if timings is not None:
                    timings.clear()
                result, errors = linter._check_final(source, where)
                out.append((result, errors, dict(timings or {})))
            results.put((start, out))
    except BaseException as exc:  # noqa: BLE001 - passed on for the parent to raise
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - it cannot travel: its text does
            exc = RuntimeError(repr(exc))
        results.put((-1, exc))


def _shared(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[Outcome]:
    ctx = mp.get_context("fork")
    counter = ctx.Value("q", 0)
    results = ctx.Queue()
    where = linter._here()
    total = len(files)
    workers = [
        ctx.Process(target=_worker, args=(linter, files, jobs, counter, results, where), daemon=True)
        for _ in range(jobs - 1)
    ]  # fmt: skip
    for w in workers:
        w.start()
    done: dict[int, list[Outcome]] = {}  # runs checked and not yet yielded, by their first index
    received = 0  # files checked, here or in a worker, whose results are in `done` or were yielded
    next_out = 0  # the first file not yet yielded

    def take(wait: bool) -> bool:
        """One worker's run into `done`; False when none came (at once, or within half a second)."""
        nonlocal received
        try:
            start, out = results.get(True, 0.5) if wait else results.get_nowait()
        except queue.Empty:
            return False
        if start < 0:
            raise out
        done[start] = out
        received += len(out)
        return True

    try:
        while received < total:
            start, stop = _claim(counter, total, jobs)
            if start < stop:
                done[start] = [(*linter._check_final(source, where), {}) for source in files[start:stop]]
                received += stop - start
                while take(False):  # what the workers sent meanwhile, read while they keep working
                    pass
            elif not take(True) and not any(w.is_alive() for w in workers) and not take(False):
                raise BrokenProcessPool("a worker process ended before its files were checked")
            while next_out in done:
                out = done.pop(next_out)
                next_out += len(out)
                yield from out
    finally:
        for w in workers:
            if received < total:
                w.terminate()
            w.join()
        results.close()


# -- a process pool (no fork: the parent only collects) --------------------------------------

_LINTER: Linter | None = None


def _init(linter: Linter) -> None:
    global _LINTER
    _LINTER = linter


def _work(source: SourceFile) -> Outcome:
    assert _LINTER is not None
    if _LINTER.timings is not None:
        _LINTER.timings.clear()
    result, errors = _LINTER._check_final(source)
    return result, errors, dict(_LINTER.timings or {})


def _pooled(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[Outcome]:
    ctx = mp.get_context("spawn")
    chunk = max(1, min(16, len(files) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(linter,)) as pool:
        yield from pool.map(_work, files, chunksize=chunk)
