"""The finding type shared by the text-hygiene scanners (mojibake, invisible characters, entities)."""

from __future__ import annotations

from collections.abc import Callable

from ..records import record

#: ``vocabulary(word)`` -> how often ``word`` (case-insensitive) is seen correctly spelled elsewhere.
Vocabulary = Callable[[str], int]

CATEGORIES: tuple[str, ...] = (
    "mojibake",
    "lossy-mojibake",
    "replacement-char",
    "c1-control",
    "html-entity",
    "invisible-char",
    "invalid-byte",
)


@record(frozen=True, slots=True)
class EncodingIssue:
    """One encoding problem at code-point offsets ``[start, end)`` of the scanned text."""

    start: int
    end: int
    category: str
    explanation: str
    suggestion: str | None
    safe: bool
    evidence: str | None = None
    #: For lossy mojibake: every re-insertion of a lost byte that decodes (the caller may re-rank them).
    candidates: tuple[str, ...] = ()

    def __init__(
        self, start: int, end: int, category: str, explanation: str, suggestion: str | None, safe: bool,
        evidence: str | None = None, candidates: tuple[str, ...] = (),
    ) -> None:  # fmt: skip
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "start", start)
        store(self, "end", end)
        store(self, "category", category)
        store(self, "explanation", explanation)
        store(self, "suggestion", suggestion)
        store(self, "safe", safe)
        store(self, "evidence", evidence)
        store(self, "candidates", candidates)


def apply_suggestions(text: str, issues: list[EncodingIssue], safe_only: bool = False) -> str:
    """Return ``text`` with the suggestions of non-overlapping ``issues`` applied."""
    out: list[str] = []
    pos = 0
    for issue in sorted(issues, key=lambda i: (i.start, i.end)):
        if issue.suggestion is None or issue.start < pos or (safe_only and not issue.safe):
            continue
        out.append(text[pos:issue.start])
        out.append(issue.suggestion)
        pos = issue.end
    out.append(text[pos:])
    return "".join(out)
