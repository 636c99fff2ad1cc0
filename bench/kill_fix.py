"""Kill test for `srclint --fix`: kill the process at random moments, then check every file.

    python bench/kill_fix.py                    # 40 kills on a 600-file corpus
    python bench/kill_fix.py --kills 200 --files 1000 --jobs 2

Builds a corpus outside the repo from the benchmark prose (or generated text when that is
absent), plants fixable damage in every file (mojibake, invisible characters, entity residue),
computes each file's fully fixed bytes with one uninterrupted run, then repeatedly restores the
damaged copy, starts `srclint --fix --unsafe-fixes`, SIGKILLs it after a random delay and checks
that every file is byte-identical to either its original or its fully fixed version. It also
runs two fixers on the same tree at once. Prints kills, files checked and files damaged.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DAMAGE = ["CafÃ© owners", "Maduroâ€™s plane", "Cara\u200bcas", "the mayor&amp;#8217;s office", "air\u00adport"]


def build_corpus(target: Path, n_files: int, seed: int) -> None:
    rng = random.Random(seed)
    texts: list[str] = []
    archive = SHARED / "bench" / "corpus-1k.tar.gz"
    if archive.is_file():
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if member.isfile() and len(texts) < n_files:
                    fh = tar.extractfile(member)
                    if fh is not None:
                        texts.append(fh.read().decode("utf-8", "replace"))
    while len(texts) < n_files:
        texts.append(" ".join(rng.choice(["The", "plane", "landed", "in", "Caracas", "on", "Sunday."]) for _ in range(400)))
    target.mkdir(parents=True)
    for i, text in enumerate(texts[:n_files]):
        words = text.split(" ")
        for _ in range(5):
            words.insert(rng.randrange(len(words) + 1), rng.choice(DAMAGE))
        (target / f"story-{i:05}.txt").write_text(" ".join(words), encoding="utf-8")


def fix_cmd(folder: Path, jobs: int) -> list[str]:
    return [sys.executable, "-m", "srclint", "--no-config", "-q", "--fix", "--unsafe-fixes", "-j", str(jobs), "--format", "concise", str(folder)]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def check(folder: Path, original: dict[str, bytes], fixed: dict[str, bytes]) -> tuple[int, list[str], list[str]]:
    """(files checked, articles that are neither old nor new, leftover temporary files)."""
    now = snapshot(folder)
    damaged = [name for name in original if now.get(name) not in (original[name], fixed[name])]
    leftovers = [name for name in now if name not in original]
    return len(original), damaged, leftovers


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--kills", type=int, default=40)
    p.add_argument("--files", type=int, default=600)
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--scratch", default="/tmp/srclint-kill")
    p.add_argument("--seed", type=int, default=7)
    args = p.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    scratch = Path(args.scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    pristine = scratch / "pristine"
    build_corpus(pristine, args.files, args.seed)
    original = snapshot(pristine)

    full = scratch / "full"
    shutil.copytree(pristine, full)
    start = time.monotonic()
    subprocess.run(fix_cmd(full, args.jobs), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    full_time = time.monotonic() - start
    fixed = snapshot(full)
    changed = sum(1 for k in original if original[k] != fixed[k])
    again = subprocess.run(fix_cmd(full, args.jobs), env=env, capture_output=True, text=True)
    idempotent = snapshot(full) == fixed
    print(f"corpus: {len(original)} files, {changed} changed by a full --fix run ({full_time:.1f}s); second run changes nothing: {idempotent}")
    if again.returncode not in (0, 1):
        print(again.stderr[-500:])

    rng = random.Random(args.seed)
    work = scratch / "work"
    kills = checked = damaged_total = leftover_total = 0
    damaged_names: list[str] = []
    for _ in range(args.kills):
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(pristine, work)
        proc = subprocess.Popen(fix_cmd(work, args.jobs), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.0, full_time * 1.1))
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait()
        n, damaged, leftovers = check(work, original, fixed)
        checked += n
        damaged_total += len(damaged)
        leftover_total += len(leftovers)
        damaged_names.extend(damaged[:3])

    # Two fixers on the same tree at once.
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(pristine, work)
    a = subprocess.Popen(fix_cmd(work, args.jobs), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    b = subprocess.Popen(fix_cmd(work, args.jobs), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    a.wait()
    b.wait()
    _, concurrent_damage, _ = check(work, original, fixed)
    subprocess.run(fix_cmd(work, args.jobs), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    converged = snapshot(work) == fixed

    print(f"kills: {kills} (of {args.kills} runs), files checked: {checked:,}, files damaged: {damaged_total}")
    print(f"temporary files left by a kill (removed by the next --fix of that file once a minute old): {leftover_total}")
    for name in damaged_names[:10]:
        print(f"  damaged: {name}")
    print(f"two concurrent fixers: {len(concurrent_damage)} files damaged; a later run reaches the fixed state: {converged}")
    sys.exit(1 if damaged_total or concurrent_damage or not idempotent else 0)


if __name__ == "__main__":
    main()
