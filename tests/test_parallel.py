"""Pass 1 in several processes: the parent checks files too, the results come back in file order,
and a failing or vanished worker ends the run instead of hanging it."""

from __future__ import annotations

import os
import signal
from concurrent.futures.process import BrokenProcessPool
from itertools import pairwise
from pathlib import Path

import pytest

from srclint import parallel
from srclint.config import Settings
from srclint.engine import Linter

from .conftest import SEEDS

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    texts = [p.read_text(encoding="utf-8", errors="surrogateescape") for p in sorted(SEEDS.iterdir())]
    for i in range(70):
        body = texts[i % 2] + f"\nStory {i} was reportedly filed.\n"
        suffix = ".txt"
        if i % 7 == 0:  # a Markdown file with a suppression comment
            body, suffix = body + "\nOfficials said it was reportedly late. <!-- srclint: ignore ATT -->\n", ".md"
        (tmp_path / f"doc{i:02}{suffix}").write_text(body, encoding="utf-8", errors="surrogateescape")
    return tmp_path


def test_the_claims_cover_every_file_once() -> None:
    for total, jobs in [(1, 2), (31, 2), (700, 2), (3838, 3)]:
        counter = parallel.Counter()
        runs = []
        while (run := counter.claim(total, jobs))[0] < run[1]:
            runs.append(run)
        counter.close()
        assert runs[0][0] == 0 and runs[-1][1] == total
        assert all(a[1] == b[0] for a, b in pairwise(runs))
        assert max(b - a for a, b in runs) <= parallel.MAX_RUN and runs[-1][1] - runs[-1][0] == 1


def test_a_claim_gives_up_when_the_counter_is_never_released(monkeypatch: pytest.MonkeyPatch) -> None:
    counter = parallel.Counter()
    os.read(counter._lock, 1)  # as a process that died while claiming would leave it
    monkeypatch.setattr(parallel.Counter, "PATIENCE", 0.05)
    with pytest.raises(BrokenProcessPool):
        counter.claim(10, 2)
    counter.close()


@pytest.mark.parametrize("jobs", [2, 3])
def test_results_and_progress_come_in_file_order(corpus: Path, jobs: int) -> None:
    linter = Linter(settings=Settings(), jobs=1, cache=False)
    files, _, _ = linter.plan([str(corpus)])
    seen: list[tuple[int, int]] = []
    one = linter._run_pass1(files, [], lambda done, total: seen.append((done, total)))
    assert seen == [(i, len(files)) for i in range(1, len(files) + 1)]
    seen.clear()
    many = Linter(settings=Settings(), jobs=jobs, cache=False)._run_pass1(files, [], lambda done, total: seen.append((done, total)))
    assert seen == [(i, len(files)) for i in range(1, len(files) + 1)]
    assert [r.path for r in many] == [f.display for f in files]
    for a, b in zip(one, many):
        assert (a.findings, a.claims, a.errors, a.directives, a.line_starts, a.final_for) == (
            b.findings, b.claims, b.errors, b.directives, b.line_starts, b.final_for
        )  # fmt: skip


@pytest.mark.parametrize("cache", [False, True])
def test_reports_are_the_same_with_one_two_and_three_jobs(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache: bool) -> None:
    reports = []
    for jobs in (1, 2, 3):
        work = tmp_path / f"run{jobs}"
        work.mkdir()
        monkeypatch.chdir(work)  # a cache folder per run: each one checks every file
        reports.append(Linter(settings=Settings(), jobs=jobs, cache=cache).lint_paths([str(corpus)]))
    assert reports[0].findings and reports[0].suppressed
    assert reports[0] == reports[1] == reports[2]


def test_a_workers_exception_is_raised_in_the_parent(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    check = Linter._check_final

    def failing(self: Linter, source, where=None):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise ValueError(f"cannot check {source.display}")
        return check(self, source, where)

    monkeypatch.setattr(Linter, "_check_final", failing)
    with pytest.raises(ValueError, match="cannot check"):
        Linter(settings=Settings(), jobs=2, cache=False).lint_paths([str(corpus)])


def test_a_vanished_worker_ends_the_run(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    check = Linter._check_final

    def dying(self: Linter, source, where=None):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return check(self, source, where)

    monkeypatch.setattr(Linter, "_check_final", dying)
    with pytest.raises(BrokenProcessPool):
        Linter(settings=Settings(), jobs=2, cache=False).lint_paths([str(corpus)])


def test_a_worker_exception_keeps_its_traceback_as_a_note(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    check = Linter._check_final

    def failing(self: Linter, source, where=None):  # type: ignore[no-untyped-def]
        if os.getpid() != parent:
            raise KeyError("deep inside")
        return check(self, source, where)

    monkeypatch.setattr(Linter, "_check_final", failing)
    with pytest.raises(KeyError) as info:
        Linter(settings=Settings(), jobs=2, cache=False).lint_paths([str(corpus)])
    assert any("raised in a worker process" in note and "failing" in note for note in info.value.__notes__)


def test_results_that_cannot_be_pickled_end_the_run_with_an_error(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    check = Linter._check_final

    def unpicklable(self: Linter, source, where=None):  # type: ignore[no-untyped-def]
        result, errors = check(self, source, where)
        if os.getpid() != parent and result is not None:
            result.claims = {"X": [lambda: None]}
        return result, errors

    monkeypatch.setattr(Linter, "_check_final", unpicklable)
    with pytest.raises(RuntimeError, match="could not send its results"):
        Linter(settings=Settings(), jobs=2, cache=False).lint_paths([str(corpus)])
