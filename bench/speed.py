"""Speed benchmark: srclint against proselint and write-good on the same corpus, in the same run.

    python bench/speed.py                      # corpus-1k, default packs, one job, median of 3
    python bench/speed.py --jobs 1 2           # also compare worker counts
    python bench/speed.py --corpus full        # the 22 MB corpus
    python bench/speed.py --cache              # cold run, warm run, runs after editing one file
                                               # (one-shot at once and 2 s later, through
                                               # `srclint daemon`, inside `srclint --watch`)
    python bench/speed.py --profile            # top functions and time per rule / rule kind
    python bench/speed.py --startup            # one-article runs only (also printed by default)

The corpus is unpacked outside the repository (default /tmp/srclint-bench). Peers are used when
bench/install_peers.sh has installed them (default /tmp/srclint-peers); otherwise they are
skipped and said so. Every figure comes from this run on this machine: compare ratios, not
absolute times with other machines. Each command runs in a fresh process; CPU time and peak
memory come from that process's own rusage (os.wait4).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {"1k": "corpus-1k.tar.gz", "full": "corpus.tar.gz"}


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mib: float
    exit_code: int


# On Linux a process's peak memory (ru_maxrss) starts at its parent's resident size when it was
# forked, which for this script grows as it runs. So each command is started by a small launcher
# process that times it and reports its usage: the figures are the command's own, with the
# launcher's few MiB as the floor, and its start-up is not in the wall time.
_LAUNCH = """
import os, sys, time
null = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawnp(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, null, 1), (os.POSIX_SPAWN_DUP2, null, 2)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def measure(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    out = subprocess.run([sys.executable, "-I", "-c", _LAUNCH, *cmd], capture_output=True, text=True, env=env, cwd=cwd, check=True)
    wall, cpu, peak_kib, code = out.stdout.split()
    return Run(float(wall), float(cpu), int(peak_kib) / 1024, int(code))


def median_run(cmd: list[str], repeat: int, **kw) -> Run:  # type: ignore[no-untyped-def]
    return _median([measure(cmd, **kw) for _ in range(repeat)])


def interleaved(cmds: dict[str, tuple[list[str], int, dict[str, str] | None]]) -> dict[str, Run]:
    """`median_run` of each command (its arguments, runs and environment), the commands taking
    turns (A B C A B C ...; a command with fewer runs drops out of the later rounds) rather than
    one after the other: on a shared or thermally limited machine the speed drifts over a minute,
    and turns spread that drift over every command alike, so the ratios between them hold."""
    runs: dict[str, list[Run]] = {name: [] for name in cmds}
    for round_ in range(max(repeat for _, repeat, _ in cmds.values())):
        for name, (cmd, repeat, env) in cmds.items():
            if round_ < repeat:
                runs[name].append(measure(cmd, env=env))
    return {name: _median(rs) for name, rs in runs.items()}


def _median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.peak_mib for r in runs),
        runs[-1].exit_code,
    )


def unpack(name: str, scratch: Path) -> Path:
    archive = SHARED / "bench" / CORPORA[name]
    if not archive.is_file():
        sys.exit(f"benchmark corpus not found: {archive} (it lives in ../shared/bench beside the repo)")
    with tarfile.open(archive) as tar:
        top = tar.getmembers()[0].name.split("/")[0]
        target = scratch / top
        if not target.is_dir():
            tar.extractall(scratch, filter="data")
    return target


def corpus_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def srclint_cmd(folder: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "srclint", "--no-config", "-q", "--format", "concise", "-j", str(jobs), *extra, str(folder)]


_PYCACHE: Path | None = None


def srclint_env() -> dict[str, str]:
    """srclint from this checkout, with its bytecode compiled once into a scratch folder, as an
    installed package has it (pip compiles on install). Without that, a shell that sets
    PYTHONDONTWRITEBYTECODE would make every run compile srclint's sources again."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT)
    env["SRCLINT_NO_DAEMON"] = "1"  # not a daemon the user may have running (`bench_cache` starts its own)
    if _PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    return env


def compile_srclint(scratch: Path) -> None:
    global _PYCACHE
    _PYCACHE = scratch / "pycache"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "srclint")], env=srclint_env(), check=True)


def peer_commands(folder: Path, peers: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    proselint = peers / "venv" / "bin" / "proselint"
    if proselint.exists():
        out["proselint"] = [str(proselint), "check", str(folder)]
    write_good = peers / "node" / "node_modules" / ".bin" / "write-good"
    if write_good.exists() and shutil.which("node"):
        out["write-good"] = [str(write_good), *sorted(str(p) for p in folder.rglob("*.txt"))]
    return out


def table(rows: list[list[object]], headers: list[str], *, numbers: bool = True, decimals: int | tuple[int, ...] = 2) -> str:
    """A GitHub-style table; numbers with two decimals, or `decimals` (one count per column)
    (numbers=False: cells printed as given)."""
    from tabulate import tabulate

    floatfmt = f".{decimals}f" if isinstance(decimals, int) else tuple(f".{d}f" for d in decimals)
    return tabulate(rows, headers=headers, tablefmt="github", floatfmt=floatfmt, disable_numparse=not numbers)


def bench_tools(folder: Path, args: argparse.Namespace) -> None:
    n_files, n_bytes = corpus_size(folder)
    mb = n_bytes / 1e6
    print(f"corpus: {folder} ({n_files:,} files, {mb:.1f} MB); median of {args.repeat} runs\n")
    extra = ["--no-cache"] if _has_flag("--no-cache") else []
    results: dict[str, Run] = {}
    # One run first, not counted: after a change to srclint or its packs it compiles the packs into
    # the pack cache (importing pydantic, reading YAML), which every later run reuses; the figures
    # are of those later runs (the maximum peak memory would otherwise be that first run's).
    measure(srclint_cmd(folder, args.jobs[0], *extra), env=srclint_env())
    peers = {} if args.no_peers else peer_commands(folder, Path(args.peers))
    if not peers and not args.no_peers:
        print(f"(no peers found in {args.peers}: run bench/install_peers.sh to compare)\n")
    # srclint and the peers take turns, so that a ratio is of runs made in the same minutes.
    cmds = {f"srclint -j{jobs}": (srclint_cmd(folder, jobs, *extra), args.repeat, srclint_env()) for jobs in args.jobs}
    cmds.update((name, (cmd, args.peer_repeat, None)) for name, cmd in peers.items())
    results.update(interleaved(cmds))
    base = results[f"srclint -j{args.jobs[0]}"]
    rows = []
    for name, r in results.items():
        ratio = "" if name.startswith("srclint") else f"{r.wall / base.wall:.1f}x"
        rows.append([name, r.wall, r.cpu, r.peak_mib, mb / r.wall, n_files / r.wall, ratio])
    print(table(rows, ["tool", "wall s", "cpu s", "peak MiB", "MB/s", "files/s", f"srclint -j{args.jobs[0]} faster by"]))
    if len(args.jobs) > 1:
        one = results[f"srclint -j{args.jobs[0]}"]
        for jobs in args.jobs[1:]:
            r = results[f"srclint -j{jobs}"]
            print(f"\n-j{jobs} throughput vs -j{args.jobs[0]}: {one.wall / r.wall:.2f}x")


def bench_startup(args: argparse.Namespace, scratch: Path) -> None:
    """One-article runs of each seed, each a new process: checked with nothing of it kept (the
    results cache off, the rule packs compiled already, no word-frequency answers kept: see
    `srclint.text.lossy.KeptFrequencies`), checked again with those answers kept, and replayed
    (the same file, unchanged since the previous run). Wall times are medians, peak memory the
    maximum, over the runs of each row alone."""
    env = {**srclint_env(), "SRCLINT_CACHE_DIR": str(scratch / "startup-cache")}
    kept = scratch / "startup-cache"
    repeat = max(3, args.repeat)
    rows = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        one = scratch / f"single-{seed.stem}.txt"
        if not one.is_file() or one.read_bytes() != seed.read_bytes():
            one.write_bytes(seed.read_bytes())
            time.sleep(2.1)  # a file younger than two seconds is never replayed (see bench_cache)
        fresh_cmd = srclint_cmd(one, 1, "--no-cache")
        measure(fresh_cmd, env=env)  # the packs compiled into the pack cache
        first = []
        for _ in range(repeat):
            for path in kept.glob("wordfreq-*.json"):
                path.unlink()
            first.append(measure(fresh_cmd, env=env))
        again = median_run(fresh_cmd, repeat, env=env)
        measure(srclint_cmd(one, 1), env=env)  # fills the results cache for the replayed row
        replayed = median_run(srclint_cmd(one, 1), repeat, env=env)
        label = f"{seed.name} ({one.stat().st_size / 1024:.1f} KB)"
        runs = [
            ("checked, nothing kept", statistics.median(r.wall for r in first), max(r.peak_mib for r in first)),
            ("checked, word answers kept", again.wall, again.peak_mib),
            ("replayed", replayed.wall, replayed.peak_mib),
        ]
        rows += [[label, name, f"{wall:.3f}", f"{peak:.0f}"] for name, wall, peak in runs]
    print("\none article, one process per run:")
    print(table(rows, ["article", "run", "wall s", "peak MiB"], numbers=False))


def bench_cache(folder: Path, args: argparse.Namespace, scratch: Path) -> None:
    if not _has_flag("--no-cache"):
        print("this srclint has no cache yet; nothing to measure")
        return
    work = scratch / "cache-run"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(folder, work / "corpus")
    # srclint trusts a file's remembered hash (and keeps a whole run's report) only for files left
    # alone for two seconds, so that a second write within one timestamp tick is never missed. A
    # corpus copied a moment ago is younger than that; an archive or a checkout normally is not.
    time.sleep(2.1)
    cmd = [sys.executable, "-m", "srclint", "-q", "--format", "concise", "-j", str(args.jobs[0]), "corpus"]
    env = srclint_env()
    colds = []
    for _ in range(3):  # each cold run starts from an empty cache; the median of three
        shutil.rmtree(work / ".srclint_cache", ignore_errors=True)
        colds.append(measure(cmd, env=env, cwd=work))
    cold = sorted(colds, key=lambda r: r.wall)[1]
    victim = min((work / "corpus").rglob("*.txt"))
    original = victim.read_text(encoding="utf-8")
    # The same runs through `srclint daemon` (one of this checkout's, on a socket of its own), the
    # one-shot and daemon runs taking turns.
    modes: dict[str, dict[str, str]] = {"": env}
    daemon_env = None
    if _has_flag("daemon", sub=True):
        sockets = scratch / "daemon"
        shutil.rmtree(sockets, ignore_errors=True)
        sockets.mkdir(mode=0o700)
        daemon_env = {k: v for k, v in env.items() if k != "SRCLINT_NO_DAEMON"}
        daemon_env["SRCLINT_DAEMON_SOCKET"] = str(sockets / "d.sock")
        subprocess.run([*cmd[:3], "daemon", "start"], env=daemon_env, cwd=work, check=True, stdout=subprocess.DEVNULL)
        modes[", through srclint daemon"] = daemon_env
    try:
        warms: dict[str, list[Run]] = {mode: [] for mode in modes}
        for _ in range(args.repeat):
            for mode, mode_env in modes.items():
                warms[mode].append(measure(cmd, env=mode_env, cwd=work))
        # A run after an edit, two ways: at once (the edited file is younger than two seconds, so
        # the run checks it but does not store its report), and two seconds later (the run also
        # stores the spliced report and output for the next run, as one made a while after saving
        # does). Each a median over several edits, the ways taking turns; each edit is one
        # sentence added to the file as it was.
        at_once: dict[str, list[Run]] = {mode: [] for mode in modes}
        later: dict[str, list[Run]] = {mode: [] for mode in modes}
        for i in range(max(3, args.repeat)):
            for mode, mode_env in modes.items():
                for runs, wait in ((at_once, 0.0), (later, 2.1)):
                    victim.write_text(f"{original}\nOfficials said edit {i} was reportedly late.\n", encoding="utf-8")
                    time.sleep(wait)
                    runs[mode].append(measure(cmd, env=mode_env, cwd=work))
    finally:
        if daemon_env is not None:
            subprocess.run([*cmd[:3], "daemon", "stop"], env=daemon_env, check=False, stdout=subprocess.DEVNULL)
    warm = _median(warms[""])
    rows = [["cold", cold.wall, 1.0, ""]]
    for mode in modes:
        edited, stored, warm_here = _median(at_once[mode]), _median(later[mode]), _median(warms[mode])
        rows += [
            [f"warm{mode}", warm_here.wall, cold.wall / warm_here.wall, warm_here.wall / warm.wall],
            [f"one file edited, run at once{mode}", edited.wall, cold.wall / edited.wall, edited.wall / warm.wall],
            [f"one file edited, run 2 s later (report stored){mode}", stored.wall, cold.wall / stored.wall, stored.wall / warm.wall],
        ]
    if _has_flag("--watch"):
        lint, latency = bench_watch(cmd, work, victim, args.repeat)
        rows.append(["one file edited, --watch (re-lint)", lint, cold.wall / lint, lint / warm.wall])
        rows.append(["  same, edit saved to report printed", latency, cold.wall / latency, latency / warm.wall])
    print(table(rows, ["run", "wall s", "faster than cold", "time / warm"], decimals=(0, 3, 1, 2)))


_STATUS = re.compile(r"^\[[0-9:]+\] .*in ([0-9.]+) s\. Watching")


def bench_watch(cmd: list[str], work: Path, victim: Path, repeat: int) -> tuple[float, float]:
    """Median re-lint time `srclint --watch` reports after each edit of one file, and the median
    time from the edit to that report (which adds the poll interval and settling pause)."""
    import selectors

    proc = subprocess.Popen([*cmd[:3], "--watch", *cmd[3:]], cwd=work, env=srclint_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stderr is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)

    def next_status(limit: float = 60.0) -> float:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if sel.select(timeout=1.0):
                line = proc.stderr.readline()  # type: ignore[union-attr]
                if not line:
                    break
                if m := _STATUS.match(line):
                    return float(m.group(1))
        proc.kill()
        sys.exit("srclint --watch printed no status line")

    lints, latencies = [], []
    try:
        next_status()  # the first run
        time.sleep(1.0)
        for i in range(max(3, repeat)):
            start = time.perf_counter()
            with victim.open("a", encoding="utf-8") as fh:
                fh.write(f"\nAnalysts said edit {i} could matter.\n")
            lints.append(next_status())
            latencies.append(time.perf_counter() - start)
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    return statistics.median(lints), statistics.median(latencies)


def bench_profile(folder: Path, args: argparse.Namespace) -> None:
    import cProfile
    import io
    import pstats

    sys.path.insert(0, str(ROOT))
    from srclint.cli import timing_table
    from srclint.config import Settings
    from srclint.engine import Linter

    linter = Linter(settings=Settings(), jobs=1, timing=True)
    prof = cProfile.Profile()
    prof.enable()
    report = linter.lint_paths([str(folder)])
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(25)
    print("\n".join(buf.getvalue().splitlines()[:45]))
    print(timing_table(report, linter))


def _has_flag(flag: str, sub: bool = False) -> bool:
    """Whether this srclint has the option `flag` (or, with sub=True, the subcommand `flag`)."""
    args = [flag, "--help"] if sub else ["--help"]
    out = subprocess.run([sys.executable, "-m", "srclint", *args], capture_output=True, text=True, env=srclint_env(), check=False)
    return out.returncode == 0 if sub else flag in out.stdout


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--corpus", choices=sorted(CORPORA), default="1k")
    p.add_argument("--scratch", default="/tmp/srclint-bench", help="where the corpus is unpacked (outside the repo)")
    p.add_argument("--peers", default=os.environ.get("SRCLINT_PEERS", "/tmp/srclint-peers"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--peer-repeat", type=int, default=1, help="runs per peer (they are slow)")
    p.add_argument("--jobs", type=int, nargs="+", default=[1])
    p.add_argument("--no-peers", action="store_true", help="measure srclint only")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--profile", action="store_true")
    mode.add_argument("--cache", action="store_true")
    mode.add_argument("--startup", action="store_true", help="only the one-article runs")
    args = p.parse_args()
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    folder = unpack(args.corpus, scratch)
    compile_srclint(scratch)
    if args.profile:
        bench_profile(folder, args)
    elif args.cache:
        bench_cache(folder, args, scratch)
    elif args.startup:
        bench_startup(args, scratch)
    else:
        bench_tools(folder, args)
        bench_startup(args, scratch)


if __name__ == "__main__":
    main()
