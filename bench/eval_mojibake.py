"""Evaluate srclint.text.mojibake on outside data (ftfy's test cases, BLNS, Kuhn's UTF-8 stress test).

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

from srclint.text.mojibake import FIX_CONFIG, apply_suggestions, scan

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
            cats.update(i.category for i in issues)
            if issues and apply_suggestions(c["original"], issues) != expected_of(c):
                wrong += 1
                misses.append(f"  [{name}] {c['original']!r}: " + "; ".join(
                    f"{i.category} {c['original'][i.start:i.end]!r}->{i.suggestion!r}" for i in issues))
        print(f"{name:22} {len(rows):>3} cases: {n_find} findings in {n_cases} cases {dict(cats)}; "
              f"cases whose repaired text differs from the expected text: {wrong}; ftfy is_bad: {ftfy_flags}")

    blns_path = d / "blns-blns.json"
    if blns_path.exists():
        blns = json.loads(blns_path.read_text("utf-8"))
        cats = Counter()
        flagged = []
        for s in blns:
            issues = scan(s)
            cats.update(i.category for i in issues)
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
        issues = scan(text)
        cats = Counter(i.category for i in issues)
        n_bad = sum(1 for ch in text if 0xDC80 <= ord(ch) <= 0xDCFF)
        n_fffd = text.count("\ufffd")
        print(f"\n== {fname} == {len(data)} bytes, scanned without crash: {len(issues)} findings {dict(cats)}")
        print(f"  invalid bytes in file: {n_bad}; invalid-byte runs reported: {cats['invalid-byte']}; "
              f"invalid bytes covered: {sum(i.end - i.start for i in issues if i.category == 'invalid-byte')}")
        if n_fffd:
            print(f"  U+FFFD in file: {n_fffd}; covered by findings: "
                  f"{sum(text[i.start:i.end].count(chr(0xFFFD)) for i in issues)}")

    if args.verbose and misses:
        print("\n== Misses ==")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
