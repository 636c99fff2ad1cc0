"""Watch mode: change detection, and `srclint --watch` linting again after edits.

The command-line tests replace the watcher's sleep with a script of edits, so they run without
waiting and end by the Ctrl-C the script sends."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from srclint import watch
from srclint.cli import main
from srclint.watch import Watcher, changed_paths, stamps


def test_changed_paths_sees_additions_removals_and_edits() -> None:
    before = {"a": (1, 1, 1, 1), "b": (2, 2, 2, 2), "c": None}
    after = {"a": (1, 1, 1, 1), "b": (2, 3, 3, 2), "d": (4, 4, 4, 4), "c": None}
    assert changed_paths(before, after) == ["b", "d"]
    assert changed_paths(after, before) == ["b", "d"]
    assert changed_paths(before, {"a": (1, 1, 1, 1), "b": (2, 2, 2, 2)}) == ["c"]  # gone from the scan
    assert changed_paths(before, dict(before)) == []


def test_stamps_follow_size_time_and_absence(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("one", encoding="utf-8")
    first = stamps([str(f), str(tmp_path / "missing.txt")])
    assert first[str(tmp_path / "missing.txt")] is None
    f.write_text("one two", encoding="utf-8")
    assert stamps([str(f)])[str(f)] != first[str(f)]


def _scripted(states: list[dict[str, watch.Stamp]]) -> tuple[Callable[[], dict[str, watch.Stamp]], list[float]]:
    """A scan that returns `states` in turn (the last one for ever) and a sleep that records."""
    it: Iterator[dict[str, watch.Stamp]] = iter(states)
    last: list[dict[str, watch.Stamp]] = []

    def scan() -> dict[str, watch.Stamp]:
        try:
            last[:] = [next(it)]
        except StopIteration:
            pass
        return dict(last[0])

    return scan, []


def test_wait_returns_once_writes_settle() -> None:
    a, b, c = {"f": (1, 1, 1, 1)}, {"f": (2, 2, 2, 1)}, {"f": (3, 3, 3, 1)}
    scan, slept = _scripted([a, a, b, c, c])  # unchanged twice, then two writes, then still
    w = Watcher(scan, interval=0.3, settle=0.1, sleep=slept.append, clock=lambda: 0.0)
    state, changed = w.wait(a)
    assert state == c and changed == ["f"]
    assert slept == [0.3, 0.3, 0.3, 0.1, 0.1]  # three polls, then settle until two scans agree


def test_a_change_undone_before_it_settles_is_not_reported() -> None:
    a, b, c = {"f": (1, 1, 1, 1)}, {"f": (2, 2, 2, 1)}, {"g": (5, 5, 5, 5), "f": (1, 1, 1, 1)}
    scan, slept = _scripted([b, a, a, c, c])
    w = Watcher(scan, interval=0.3, settle=0.1, sleep=slept.append, clock=lambda: 0.0)
    state, changed = w.wait(a)
    assert changed == ["g"] and state == c


def test_pause_grows_with_the_cost_of_a_poll() -> None:
    ticks = iter(x / 10 for x in range(0, 1000, 2))  # each scan takes 0.2 s
    scan, slept = _scripted([{"f": None}, {"f": (1, 1, 1, 1)}])
    w = Watcher(scan, interval=0.3, settle=0.1, sleep=slept.append, clock=lambda: next(ticks))
    w.wait({"f": None})
    grown = min(watch.MAX_INTERVAL, 0.2 / watch.POLL_SHARE)
    assert grown > 0.3 and slept[0] == 0.3 and slept[1] == pytest.approx(grown) and w.pause == pytest.approx(grown)


# -- the command line ------------------------------------------------------------------------


def _watch(monkeypatch: pytest.MonkeyPatch, argv: list[str], edits: dict[int, Callable[[], None]]) -> tuple[int, str, str]:
    """Run `srclint --watch ARGV`; on the n-th sleep run edits[n]; Ctrl-C after the last one."""
    calls = [0]
    stop_at = max(edits) + 4

    def sleep(_: float) -> None:
        calls[0] += 1
        if calls[0] in edits:
            edits[calls[0]]()
        if calls[0] >= stop_at:
            raise KeyboardInterrupt

    monkeypatch.setattr(watch.time, "sleep", sleep)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--watch", "--format", "concise", "--no-progress", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def _reports(out: str) -> list[list[str]]:
    """The lines of each run's report (concise format: each ends with its 'Found' line)."""
    reports: list[list[str]] = [[]]
    for line in out.splitlines():
        reports[-1].append(line)
        if line.startswith("Found "):
            reports.append([])
    return [r for r in reports if r]


def test_watch_lints_again_after_an_edit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "story.txt"
    doc.write_text("The council met on Monday.\n", encoding="utf-8")

    def edit() -> None:
        with doc.open("a", encoding="utf-8") as fh:
            fh.write("The mayor reportedly plans to resign.\n")

    code, out, err = _watch(monkeypatch, ["--no-config", "story.txt"], {1: edit})
    assert code == 0
    first, second = _reports(out)
    assert not any("HDG001" in line for line in first)
    assert any("HDG001" in line and "reportedly" in line for line in second)
    status = [line for line in err.splitlines() if line.startswith("[")]
    assert len(status) == 2 and "1 file changed" in status[1] and "checked 1 file" in status[1]
    assert err.rstrip().endswith("stopped watching")


def test_watch_sees_a_new_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Quiet text.\n", encoding="utf-8")

    def add() -> None:
        (tmp_path / "b.txt").write_text("Analysts say the deal could collapse.\n", encoding="utf-8")

    code, out, err = _watch(monkeypatch, ["--no-config", "."], {1: add})
    assert code == 0 and "b.txt:1:" in out
    assert "checked 2 files" in err.splitlines()[-2]


def test_watch_reloads_the_configuration_and_survives_a_broken_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text("The mayor reportedly plans to resign.\n", encoding="utf-8")
    config = tmp_path / ".srclint.yaml"
    config.write_text("select: [HDG]\n", encoding="utf-8")
    steps = {
        1: lambda: config.write_text("select: [HDG\n", encoding="utf-8"),  # broken YAML
        5: lambda: config.write_text("select: [ATT]\n", encoding="utf-8"),
    }
    code, out, err = _watch(monkeypatch, ["story.txt"], steps)
    assert code == 0
    assert "srclint: error:" in err and ".srclint.yaml" in err  # reported, and the watch went on
    reports = _reports(out)
    assert len(reports) == 2 and "HDG001" in reports[0][0]
    assert reports[1] == ["Found 0 problems in 1 file."]  # the second run used the repaired configuration
    assert sum(line.startswith("[") for line in err.splitlines()) == 2


@pytest.mark.parametrize("flag", ["--fix", "--diff", "--timing", "--write-baseline=b.json"])
def test_watch_refuses_one_shot_options(flag: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--watch", flag, "."], out, err) == 2
    assert "--watch cannot be combined with" in err.getvalue()


def test_watch_refuses_standard_input() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["--watch", "-"], out, err) == 2 and "standard input" in err.getvalue()
