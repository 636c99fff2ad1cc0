"""User regular expressions: compiled once with the `regex` module, always run with a timeout.

A pattern that takes too long on a document raises RuleRuntimeError naming the rule, so a
catastrophic expression in a pack costs at most its time budget, never a hung CI job.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from .errors import RuleRuntimeError

__all__ = ["MATCH_TIMEOUT", "CompiledPattern", "compile_pattern"]

MATCH_TIMEOUT = 1.0  # seconds per pattern per document


class CompiledPattern:
    __slots__ = ("source", "_re")

    def __init__(self, source: str, ignore_case: bool) -> None:
        self.source = source
        flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
        self._re = regex.compile(source, flags)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, *, code: str = "", path: str = ""
    ) -> Iterator[regex.Match[str]]:
        try:
            yield from self._re.finditer(text, pos, len(text) if endpos is None else endpos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise RuleRuntimeError(
                path, code, f"pattern {self.source!r} ran longer than {MATCH_TIMEOUT:g}s and was stopped", timeout=True
            ) from None

    def match_at(self, text: str, pos: int, *, code: str = "", path: str = "") -> regex.Match[str] | None:
        try:
            return self._re.match(text, pos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise RuleRuntimeError(path, code, f"pattern {self.source!r} timed out", timeout=True) from None

    def search(self, text: str, pos: int, endpos: int, *, code: str = "", path: str = "") -> regex.Match[str] | None:
        try:
            return self._re.search(text, pos, endpos, timeout=MATCH_TIMEOUT)
        except TimeoutError:
            raise RuleRuntimeError(path, code, f"pattern {self.source!r} timed out", timeout=True) from None


def compile_pattern(source: str, ignore_case: bool = True) -> CompiledPattern:
    """Compile or raise ValueError with the regex module's explanation."""
    try:
        return CompiledPattern(source, ignore_case)
    except regex.error as exc:
        raise ValueError(f"invalid regular expression {source!r}: {exc}") from None
