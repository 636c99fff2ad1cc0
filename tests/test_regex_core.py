"""`srclint.patterns.regex_core`: the `regex` extension loaded without its package runs patterns
rebuilt from their compiled code as the package's own would, and the package, imported after it,
shares it."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import regex

_CHILD = r"""
import pickle, sys
from srclint.patterns import regex_core
from srclint.pack_format import RegexOnLoad

patterns = [RegexOnLoad(data) for data in pickle.load(open(sys.argv[1], "rb"))]
text = "Officials said on Monday that analysts may possibly have seen 40 of them."
spans = [[m.span() for m in p.finditer(text, timeout=1.0)] for p in patterns[:-1]]
try:
    patterns[-1].match("a" * 40 + "!", timeout=0.05)
    stopped = False
except TimeoutError:
    stopped = True
loaded = sorted(name for name in sys.modules if name.startswith("regex"))
import regex

from regex import _regex
print(repr((spans, stopped, loaded, _regex is regex_core(), type(patterns[0]._rx) is regex.Pattern,
            [m.span() for m in regex.compile(r"\bma\w+").finditer(text)])))
"""


def test_patterns_run_by_the_extension_alone(tmp_path: Path) -> None:
    sources = [r"\b(?:may|might)\s+\w+", r"(?i)officials?\s+said", r"\d+", "(a|aa)+$"]
    compiled = [regex.compile(s, regex.V0) for s in sources]
    data = tmp_path / "patterns.pickle"
    data.write_bytes(pickle.dumps([p._pickled_data for p in compiled]))
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, "-c", _CHILD, str(data)], capture_output=True, text=True, check=False, cwd=root)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    spans, stopped, loaded, shared, same_type, compiled_later = eval(out)  # our own repr
    text = "Officials said on Monday that analysts may possibly have seen 40 of them."
    assert spans == [[m.span() for m in p.finditer(text)] for p in compiled[:-1]]
    assert stopped  # the time limit holds without the package
    assert loaded == ["regex._regex"]  # not the package's parser and compiler
    assert shared and same_type  # the package, imported later, runs on the same extension
    assert compiled_later == [m.span() for m in regex.compile(r"\bma\w+").finditer(text)]
