"""A fact-check pipeline step: lint a folder of articles one file at a time, keep the findings a
desk cares about, and pull out the dates and numbers each article states.

Run from the repository root:  python examples/pipeline.py [FOLDER]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import srclint


def main(folder: str = "seeds") -> int:
    problems = 0
    # Streaming: one Report per file, document rules only (cross-document rules need srclint.lint).
    for report in srclint.iter_lint([folder], select=["HDG"]):
        for finding in report.findings:
            problems += 1
            print(json.dumps({"path": finding.path, "line": finding.line, "code": finding.code, "match": finding.match}))
    for path in sorted(Path(folder).glob("*.txt")):
        claims = srclint.extract(path)
        dates = [d.value.iso() for d in claims.dates if d.value is not None]
        print(f"{path.name}: anchor {claims.anchor}, {len(dates)} dates, {len(claims.quantities)} quantities")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
