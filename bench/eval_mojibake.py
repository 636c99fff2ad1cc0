"""Evaluate srclint's ENC rules on outside data (ftfy's test cases, BLNS, Kuhn's UTF-8 stress test).

Every string goes through the whole engine (``Linter.lint_text`` with only the ENC rules selected) and
its repair through the fix path (``srclint.fix.apply_fixes``), exactly as ``srclint --fix`` would apply it;
ftfy's own detection (``is_bad``) and repair run on the same cases in the same run for comparison.

The data is read in place from ../shared/eval/mojibake (never copied into the repo).

Expected repair for an ftfy case: ``fixed-encoding`` when present (the encoding-only repair), otherwise
``fixed``. The README says ``fixed`` is ftfy's full default fix, which also straightens quotes; we
checked that every case without ``fixed-encoding`` has no curly quote in ``original`` that ``fixed``
straightens: curly quotes in those originals are mojibake bytes such as "×“" (the script re-checks
this by comparing with ftfy's encoding-only repair and prints the count of violations), so ``fixed`` is the encoding repair there.
Cases whose expected text equals the original are "leave alone" cases even outside negative.json
(e.g. synthetic "AHÅ™, the new sofa"): they count towards the negative figures, not recall.
ftfy marks a lost byte with U+FFFD; where srclint restores a real letter instead (Slovenčina for
Sloven�ina) the case is reported as "exact modulo lossy placeholder", not as exact.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import ftfy
from ftfy.badness import is_bad

import srclint
from srclint.engine import Linter
from srclint.fix import applicable, apply_fixes
from srclint.models import Finding
from srclint.select import Selection
from srclint.text.mojibake import FIX_CONFIG

LINTER = Linter(settings=srclint.Settings(), selection=Selection(select=("ENC",)))


def scan(text: str) -> tuple[Finding, ...]:
    """The ENC findings for one string, through the engine."""
    return LINTER.lint_text(text).findings


def apply_suggestions(text: str, findings: tuple[Finding, ...], safe_only: bool = False) -> str:
    return apply_fixes(text, applicable(findings, unsafe=not safe_only))[0]

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "mojibake"
POSITIVE_SETS = ("in-the-wild.json", "synthetic.json", "language-names.json")


def expected_of(case: dict[str, str]) -> str:
    return case.get("fixed-encoding", case["fixed"])


def placeholder_match(got: str, want: str) -> bool:
    """Equal except that U+FFFD in ``want`` may be any single character in ``got``."""
    return len(got) == len(want) and all(g == w or w == "\ufffd" for g, w in zip(got, want))


def pct(n: int, d: int) -> str:
    return f"{n}/{d} = {100.0 * n / d:.1f}%" if d else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss")
    args = ap.parse_args()
    d: Path = args.eval_dir
    if not (d / "ftfy-cases.jsonl").exists():
        print(f"evaluation data not found in {d.resolve()}; nothing to evaluate (this is not an error)")
        return 0
    cases = [json.loads(line) for line in (d / "ftfy-cases.jsonl").read_text("utf-8").split("\n") if line.strip()]

    # Would taking "fixed" drop a real curly quote? Only if the quote survives the encoding-only repair.
    quote_violations = sum(
        1 for c in cases if "fixed-encoding" not in c and c["source_file"] in POSITIVE_SETS
        and any(q in ftfy.fix_text(c["original"], FIX_CONFIG._replace(explain=False)) and q not in c["fixed"]
                for q in "‘’“”"))
    print(f"ftfy-cases.jsonl: {len(cases)} cases; expected = fixed-encoding if present else fixed "
          f"(positive cases where 'fixed' straightened a real curly quote: {quote_violations}; in "
          "known-failures.json 'fixed' does straighten \\x93..\\x94, so that group's 'differs' count "
          "includes one case where our encoding-only repair is right)")

    print("\n== Positive cases (must be detected and repaired) ==")
    header = f"{'set':22} {'n':>3}  {'srclint recall':>16} {'exact':>16} {'exact~FFFD':>16} {'safe-only':>16}" \
             f"   {'ftfy is_bad':>16} {'ftfy repair':>16}"
    print(header)
    totals: Counter[str] = Counter()
    misses: list[str] = []
    identity_cases: list[dict[str, str]] = []
    for name in POSITIVE_SETS:
        rows = [c for c in cases if c["source_file"] == name and expected_of(c) != c["original"]]
        identity_cases += [c for c in cases if c["source_file"] == name and expected_of(c) == c["original"]]
        t: Counter[str] = Counter()
        for c in rows:
            orig, want = c["original"], expected_of(c)
            issues = scan(orig)
            got = apply_suggestions(orig, issues)
            t["n"] += 1
            t["det"] += bool(issues)
            t["exact"] += got == want
            t["approx"] += got == want or placeholder_match(got, want)
            t["safe"] += apply_suggestions(orig, issues, safe_only=True) == want
            t["ftfy_det"] += is_bad(orig)
            t["ftfy_fix"] += ftfy.fix_text(orig, FIX_CONFIG._replace(explain=False, fix_c1_controls=True)) == want
            if got != want:
                misses.append(f"  [{name}] {orig!r}\n     want {want!r}\n     got  {got!r}")
        totals.update(t)
        print(f"{name:22} {t['n']:>3}  {pct(t['det'], t['n']):>16} {pct(t['exact'], t['n']):>16} "
              f"{pct(t['approx'], t['n']):>16} {pct(t['safe'], t['n']):>16}   "
              f"{pct(t['ftfy_det'], t['n']):>16} {pct(t['ftfy_fix'], t['n']):>16}")
    t = totals
    print(f"{'all positive':22} {t['n']:>3}  {pct(t['det'], t['n']):>16} {pct(t['exact'], t['n']):>16} "
          f"{pct(t['approx'], t['n']):>16} {pct(t['safe'], t['n']):>16}   "
          f"{pct(t['ftfy_det'], t['n']):>16} {pct(t['ftfy_fix'], t['n']):>16}")
    print("  (ftfy repair = ftfy.fix_text with the same encoding-only config, C1 fixing on)")

    print("\n== Leave-alone cases ==")
    groups = {
        "negative.json": [c for c in cases if c["source_file"] == "negative.json"],
        "identity (pos. files)": identity_cases,
        "known-failures.json": [c for c in cases if c["source_file"] == "known-failures.json"],
    }
    for name, rows in groups.items():
        n_find = n_cases = wrong = ftfy_flags = 0
        cats: Counter[str] = Counter()
        for c in rows:
            issues = scan(c["original"])
            n_find += len(issues)
            n_cases += bool(issues)
            ftfy_flags += is_bad(c["original"])
            cats.update(i.code for i in issues)
            if issues and apply_suggestions(c["original"], issues) != expected_of(c):
                wrong += 1
                misses.append(f"  [{name}] {c['original']!r}: " + "; ".join(
                    f"{i.code} {i.match!r}->{i.fix.replacement if i.fix else None!r}" for i in issues))
        print(f"{name:22} {len(rows):>3} cases: {n_find} findings in {n_cases} cases {dict(cats)}; "
              f"cases whose repaired text differs from the expected text (false alarms or wrong repairs): "
              f"{wrong}; ftfy is_bad: {ftfy_flags}")

    print("  (a finding whose repair gives the case's expected text is damage the case itself repairs, e.g. the\n"
          "   C1 control '\\x85' -> '…' in negative.json; the third figure counts false alarms and wrong repairs)")

    blns_path = d / "blns-blns.json"
    if blns_path.exists():
        blns = json.loads(blns_path.read_text("utf-8"))
        cats = Counter()
        flagged = []
        for s in blns:
            issues = scan(s)
            cats.update(i.code for i in issues)
            if issues:
                flagged.append(s)
        print(f"\n== BLNS == {len(blns)} strings: {sum(cats.values())} findings in {len(flagged)} strings "
              f"{dict(cats)}; ftfy is_bad on {sum(is_bad(s) for s in blns)} strings")
        for s in flagged:
            print(f"  flagged: {ascii(s)[:90]}")

    for fname in ("UTF-8-test.txt", "UTF-8-test.lossy-fffd-copy.txt"):
        p = d / fname
        if not p.exists():
            continue
        data = p.read_bytes()
        text = data.decode("utf-8", "surrogateescape")
        report = LINTER.lint_paths([str(p)])  # the file itself, through the reader
        issues = report.findings
        cats = Counter(i.code for i in issues)
        n_bad = sum(1 for ch in text if 0xDC80 <= ord(ch) <= 0xDCFF)
        n_fffd = text.count("\ufffd")
        print(f"\n== {fname} == {len(data)} bytes, linted without crash: {len(issues)} findings {dict(cats)}"
              f"; errors: {len(report.errors)}")
        print(f"  invalid bytes in file: {n_bad}; ENC007 runs reported: {cats['ENC007']}; "
              f"invalid bytes covered: {sum(i.end - i.start for i in issues if i.code == 'ENC007')}")
        if n_fffd:
            print(f"  U+FFFD in file: {n_fffd}; covered by findings: "
                  f"{sum(i.match.count(chr(0xFFFD)) for i in issues)}")

    if args.verbose and misses:
        print("\n== Misses ==")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
