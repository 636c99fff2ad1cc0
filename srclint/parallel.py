"""Pass 1 in a process pool.

Workers are forked where the platform allows it, so they inherit the already compiled rule set
instead of loading and compiling packs again; each worker reads and checks whole files and sends
back only the picklable DocResult. Results are yielded in input order, so a run with many jobs
produces the same report as a run with one.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .discover import SourceFile
    from .engine import DocResult, Linter
    from .models import FileError

__all__ = ["check_files"]

_LINTER: Linter | None = None


def _init(linter: Linter) -> None:
    global _LINTER
    _LINTER = linter


def _work(source: SourceFile) -> tuple[DocResult | None, list[FileError], dict[str, float]]:
    assert _LINTER is not None
    if _LINTER.timings is not None:
        _LINTER.timings.clear()
    result, errors = _LINTER._check_final(source)
    return result, errors, dict(_LINTER.timings or {})


def check_files(linter: Linter, files: list[SourceFile], jobs: int) -> Iterator[tuple[DocResult | None, list[FileError], dict[str, float]]]:
    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    chunk = max(1, min(16, len(files) // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init, initargs=(linter,)) as pool:
        yield from pool.map(_work, files, chunksize=chunk)
