"""The engine's shortcuts give what the straightforward computations they replace give."""

from __future__ import annotations

import posixpath
from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.engine import _SORT_KEY, _in_order, _joined, _with_occurrences
from srclint.formats import from_text
from srclint.kinds.base import Scope
from srclint.models import Finding, Severity

_PATH_PARTS = st.lists(st.sampled_from(["a", "b", "/", ".", "..", "//", ".x", "x.", " "]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(_PATH_PARTS, _PATH_PARTS)
def test_joining_a_shown_path_is_normpath_of_join(cwd: str, shown: str) -> None:
    assert _joined(cwd, shown) == posixpath.normpath(posixpath.join(cwd, shown))


def _reference_occurrences(findings: list[Finding]) -> list[Finding]:
    from srclint.engine import _digest

    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in findings:
        n = seen.get((f.path, f.fingerprint), 0)
        seen[(f.path, f.fingerprint)] = n + 1
        out.append(f if n == 0 else f.with_(fingerprint=_digest(f.fingerprint, str(n))))
    return out


@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt"]), st.sampled_from(["f1", "f2", "f3", "f4", "f5"])), max_size=12))
def test_numbering_repeated_fingerprints_is_the_plain_loop(rows: list[tuple[str, str]]) -> None:
    findings = [Finding("ABC001", "n", Severity.INFO, "m", path, i, i, "", fingerprint=fp) for i, (path, fp) in enumerate(rows)]
    assert _with_occurrences(list(findings)) == _reference_occurrences(findings)


_PIECES = ["word ", "Officials said. ", '"quoted" ', "“curly” ", "\n", "\n\n", "# Heading\n", "`code` ", "```\nblock\n```\n",
           "http://x.org/a ", "<!-- c -->", "> quote line\n", "---\na: 1\n---\n"]


_BLOCK_ROWS = st.lists(
    st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt"]), st.integers(0, 3), st.sampled_from(["X1", "X2"]), st.sampled_from(["m", "n"])),
    min_size=1, max_size=5,
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.txt", "b.txt", "c.txt"]), _BLOCK_ROWS), max_size=5))
def test_blocks_in_path_order_are_the_sorted_findings(raw: list[tuple[str, list[tuple[str, int, str, str]]]]) -> None:
    """Whatever the blocks (repeated paths, findings at another path than their block's), the
    result is the stable sort of every finding, the same objects in the same order."""
    blocks = []
    for path, rows in raw:
        block = [Finding(code, "n", Severity.INFO, msg, p, start, start, "") for p, start, code, msg in rows]
        blocks.append((path, sorted(block, key=_SORT_KEY)))
    everything = [f for _, block in blocks for f in block]
    got = _in_order(blocks)
    want = sorted(everything, key=_SORT_KEY)
    assert got == want and all(a is b for a, b in zip(got, want))


@given(
    st.lists(st.sampled_from(_PIECES), max_size=10).map("".join),
    st.sampled_from(["a.md", "a.txt"]),
    st.sampled_from([["text"], ["body"], ["body", "!quote"], ["quote"], ["raw"], ["raw", "!code"], ["text", "!heading", "!quote"], ["lead"]]),
)
def test_scope_contains_is_membership_in_its_spans(text: str, path: str, names: list[str]) -> None:
    doc = from_text(text, path)
    scope = Scope(names)
    spans = scope.spans(doc)
    for offset in range(len(text) + 2):
        i = bisect_right(spans, (offset, 1 << 62)) - 1
        assert scope.contains(doc, offset) == (i >= 0 and spans[i][0] <= offset < spans[i][1])


def test_the_working_directory_and_root_follow_changes(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    from srclint.config import Settings
    from srclint.engine import Linter
    from srclint.packs import RuleSet

    (tmp_path / "a").mkdir()
    linter = Linter(RuleSet(()), Settings().merged(root="sub"))
    for where in (tmp_path, tmp_path / "a", tmp_path):
        monkeypatch.chdir(where)
        assert linter._here() == (os.getcwd(), os.path.abspath("sub"))
    linter.settings = Settings().merged(root=".")
    assert linter._here() == (os.getcwd(), os.path.abspath("."))
