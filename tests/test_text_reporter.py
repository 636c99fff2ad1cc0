"""The text reporter's excerpt: the quick path for printable lines must print exactly what the
general one (every piece through `safe`) prints, and source lines must be split as documents
number them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.documents import split_lines
from srclint.models import Finding, Severity
from srclint.reporters import text as text_reporter


def _general(src: str, f: Finding) -> list[str]:
    """The excerpt with every slice passed through `safe` (what the reporter did for every line)."""
    safe = text_reporter.safe
    src = src.replace("\t", "    ")
    start = f.column - 1
    stop = f.end_column - 1 if f.end_line == f.line else len(src)
    stop = max(stop, start + 1)
    left, right = 0, len(src)
    if len(src) > 100:
        margin = max(10, (100 - (stop - start)) // 2)
        left = max(0, start - margin)
        right = min(len(src), max(stop + margin, left + 100))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(src) else ""
    gutter = f"{f.line:>5} | "
    pad = len(prefix) + len(safe(src[left:start]))
    width = max(1, len(safe(src[start:min(stop, right)])))
    return [gutter + prefix + safe(src[left:right]) + suffix, " " * (len(gutter) - 2) + "| " + " " * pad + "^" * width]


LINE = st.text(alphabet=st.sampled_from(["a", " ", "\t", "é", "\x07", "\u200b", "\udcff", "字", "x"]), max_size=260)


@settings(max_examples=300, deadline=None)
@given(LINE, st.integers(0, 280), st.integers(0, 40), st.booleans())
def test_excerpt_matches_the_general_path(src: str, column: int, span: int, same_line: bool) -> None:
    f = Finding("X", "x", Severity.WARNING, "m", "p", 0, 1, "x", line=3, column=column,
                end_line=3 if same_line else 4, end_column=column + span)  # fmt: skip
    assert text_reporter._excerpt(src, f) == _general(src, f)


@given(st.text(alphabet=st.sampled_from(["a", "\n", "\r", " ", "\t"]), max_size=60))
def test_source_lines_are_numbered_like_documents(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("src") / "a.txt"
    path.write_bytes(text.encode())
    assert text_reporter._read_lines(str(path)) == split_lines(text)
