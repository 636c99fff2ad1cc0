"""Coverage-guided fuzzing of the document reader and the rule-pack loader (atheris).

    pip install atheris
    python bench/fuzz.py reader --runs 200000
    python bench/fuzz.py packs --runs 50000
    python bench/fuzz.py all --runs 100000        # both, one after the other

Not part of the test suite. A "crash" is any exception other than the ones srclint raises on
purpose (RulePackError for a bad pack; nothing at all for a document), any span outside the
text, or `text[start:end] != match`. The script prints the number of inputs tried and crashes
found; crashing inputs are written to --artifacts (default /tmp/srclint-fuzz).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED_PACK = (ROOT / "rules" / "speculation.yaml").read_bytes()


class Target:
    def __init__(self, name: str, artifacts: Path) -> None:
        self.name = name
        self.artifacts = artifacts
        self.tried = 0
        self.crashes = 0
        self.linter = None

    def record(self, data: bytes, exc: BaseException) -> None:
        self.crashes += 1
        self.artifacts.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha1(data).hexdigest()[:16]
        (self.artifacts / f"{self.name}-{digest}.bin").write_bytes(data)
        print(f"CRASH {self.name}: {type(exc).__name__}: {exc}", file=sys.stderr)

    def reader(self, data: bytes) -> None:
        from srclint.engine import Linter
        from srclint.formats import decode_bytes, from_text

        self.tried += 1
        if self.linter is None:
            self.linter = Linter()
        try:
            text, _ = decode_bytes(data)
            for fmt in ("markdown", "text"):
                doc = from_text(text, f"fuzz.{'md' if fmt == 'markdown' else 'txt'}", fmt)
                report = self.linter.lint_documents([doc])
                for f in report.findings:
                    if not (0 <= f.start <= f.end <= len(text)) or text[f.start : f.end] != f.match:
                        raise AssertionError(f"bad span {f.code} {f.start}:{f.end}")
        except Exception as exc:  # noqa: BLE001 - every exception is a finding of the fuzzer
            self.record(data, exc)

    def packs(self, data: bytes) -> None:
        from srclint.errors import RulePackError
        from srclint.packs import parse_pack

        self.tried += 1
        try:
            parse_pack(data.decode("utf-8", "replace"), "fuzz.yaml")
        except RulePackError:
            pass
        except Exception as exc:  # noqa: BLE001
            self.record(data, exc)


def run(target: Target, runs: int) -> None:
    import atheris

    fn = getattr(target, target.name)
    with atheris.instrument_imports():
        import srclint.engine  # noqa: F401
        import srclint.packs  # noqa: F401
    corpus = Path(f"/tmp/srclint-fuzz-corpus-{target.name}")
    corpus.mkdir(parents=True, exist_ok=True)
    seeds = [p.read_bytes() for p in sorted((ROOT / "seeds").iterdir())] if target.name == "reader" else [SEED_PACK]
    for i, seed in enumerate(seeds):
        (corpus / f"seed{i}").write_bytes(seed)
    atheris.Setup([sys.argv[0], f"-runs={runs}", "-max_len=8192", str(corpus)], fn)
    try:
        atheris.Fuzz()
    except SystemExit:
        pass


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("target", choices=["reader", "packs", "all"])
    p.add_argument("--runs", type=int, default=100_000)
    p.add_argument("--artifacts", default="/tmp/srclint-fuzz")
    args = p.parse_args()
    try:
        import atheris  # noqa: F401
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris")
    names = ["reader", "packs"] if args.target == "all" else [args.target]
    if os.environ.get("SRCLINT_FUZZ_CHILD"):
        run(Target(names[0], Path(args.artifacts)), args.runs)
        return
    # libFuzzer ends its process itself: run each target in a child and count from outside.
    import re
    import subprocess

    artifacts = Path(args.artifacts)
    for name in names:
        before = set(artifacts.glob(f"{name}-*.bin")) if artifacts.is_dir() else set()
        start = time.monotonic()
        proc = subprocess.run(
            [sys.executable, __file__, name, "--runs", str(args.runs), "--artifacts", args.artifacts],
            env={**os.environ, "SRCLINT_FUZZ_CHILD": "1"}, capture_output=True, text=True,
        )  # fmt: skip
        done = re.findall(r"Done (\d+) runs", proc.stderr)
        tried = int(done[-1]) if done else 0
        after = set(artifacts.glob(f"{name}-*.bin")) if artifacts.is_dir() else set()
        crashes = proc.stderr.count("CRASH ")
        print(f"{name}: {tried:,} inputs tried in {time.monotonic() - start:.0f}s; "
              f"{crashes} crashing inputs ({len(after - before)} distinct new artifacts in {artifacts})")  # fmt: skip
        if not done:
            print(proc.stderr[-2000:], file=sys.stderr)


if __name__ == "__main__":
    main()
