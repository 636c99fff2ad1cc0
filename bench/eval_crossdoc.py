"""False-positive stress test for the cross-document rules on ECB+ (topics 1-35).

Each ECB+ topic mixes documents about two *different* real events of the same type (subtopic
"ecb" and "ecbplus": two earthquakes, two arrests ...). Every topic's documents are linted
together with the CON rules (dates CON001, counts CON002, names CON003); a conflict between
documents of different subtopics is a false report by construction (target 0), counted per rule.
Conflicts within a subtopic are listed for hand-checking.

The data stays outside the repository: `../shared/eval/crossdoc/` next to the project, or
`--eval-dir`. Run:  PYTHONPATH=. python bench/eval_crossdoc.py [--sample 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srclint.engine import Linter, check_document  # noqa: E402
from srclint.formats import from_text  # noqa: E402
from srclint.packs import load_rules  # noqa: E402
from srclint.text.dates import find_dates  # noqa: E402

FILE = "crossdoc/ecbplus-topics-1-35.jsonl"
_DETOK = [(" , ", ", "), (" . ", ". "), (" .\n", ".\n"), (" 's", "'s"), ("`` ", '"'), (" ''", '"'), (" ;", ";"),
          (" :", ":"), ("( ", "("), (" )", ")"), (" - ", "-"), (" n't", "n't")]


def prepare(text: str) -> str:
    """Undo the corpus's tokenisation ("May 03 , 2013", "Iran 's"), keep its one-sentence-per-line
    layout as paragraphs, and, as a newsroom's CMS would,
    put the publication date (a full date alone on one of the first lines, when there is one) in
    front matter, so relative dates resolve. Without this most documents have no date at all."""
    for a, b in _DETOK:
        text = text.replace(a, b)
    if text.endswith(" ."):
        text = text[:-2] + "."
    head = ""
    for line in text.splitlines()[:4]:
        found = find_dates(line.strip())
        if len(line) < 40 and found and found[0].year_explicit and found[0].value and found[0].value.granularity == "day":
            head = f"---\ndate: {found[0].value.start.isoformat()}\n---\n"
            break
    return head + text.replace("\n", "\n\n") + "\n"  # one sentence (headline, date line) per line


def default_eval_dir() -> Path:
    return Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--eval-dir", type=Path, default=default_eval_dir())
    p.add_argument("--sample", type=int, default=10, help="how many reported conflicts to print")
    p.add_argument("--raw", action="store_true", help="lint the tokenised text as stored (no date, no detokenising)")
    args = p.parse_args(argv)
    path = args.eval_dir / FILE
    if not path.is_file():
        print(f"eval data not found at {path}; nothing to measure (pass --eval-dir)")
        return 0
    topics: dict[str, dict[str, str]] = defaultdict(dict)
    sub: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            name = f"t{row['topic']}/{row['subtopic']}/{row['doc']}"
            topics[row["topic"]][name] = row["text"] if args.raw else prepare(row["text"])
            sub[name] = row["subtopic"]
    rules = load_rules()
    linter = Linter(rules.only([r.code for r in rules.corpus_rules if r.kind == "consistency"]))
    t0 = time.perf_counter()
    findings = []
    for topic in sorted(topics, key=int):
        docs = [from_text(t, n, None if args.raw else "markdown") for n, t in sorted(topics[topic].items())]
        findings.extend(linter.lint_documents(docs).findings)
    elapsed = time.perf_counter() - t0
    claims: dict[str, int] = defaultdict(int)
    for texts in topics.values():
        for name, text in texts.items():
            doc = from_text(text, name, None if args.raw else "markdown")
            for code, found in check_document(doc, linter.rules).claims.items():
                claims[code] += len(found)
    pairs = {(f.path, f.start, r.path, r.start, f.code): f for f in findings for r in f.related}
    cross = [k for k in pairs if sub[k[0]] != sub[k[2]]]
    within = [k for k in pairs if sub[k[0]] == sub[k[2]]]
    n_docs = sum(len(t) for t in topics.values())
    dated = sum(t.startswith("---") for texts in topics.values() for t in texts.values())
    print(f"ECB+ topics 1-35: {len(topics)} topics, {n_docs} documents ({dated} with a publication date), {elapsed:.1f} s")
    print("claims collected: " + ", ".join(f"{code} {n}" for code, n in sorted(claims.items())))
    print(f"findings: {len(findings)} ({sum(f.severity.name == 'WARNING' for f in findings)} warnings, "
          f"{sum(f.severity.name == 'INFO' for f in findings)} info)")
    print(f"conflicting claim pairs (directed): {len(pairs)}")
    print(f"  between different sub-events (false by construction, target 0): {len(cross)}")
    print(f"  within one sub-event (hand-check): {len(within)}")
    for code in sorted({r.code for r in linter.rules.corpus_rules}):
        n_cross = sum(k[4] == code for k in cross)
        n_within = sum(k[4] == code for k in within)
        print(f"  {code}: {claims.get(code, 0)} claims, {n_cross} pairs between different sub-events, {n_within} within one")
    for f in sorted(findings, key=lambda f: (f.path, f.start))[: args.sample]:
        print(f"- {f.path}:{f.line}:{f.column} {f.code} [{f.severity}] {f.message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
