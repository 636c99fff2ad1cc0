"""Outputs made of a block of lines per file, in path order, then the file errors and (in the
human formats without --quiet) the summary line: `concise`, `text`/`full` and `github`.

Kept with a run's Report, such an output need not be made again in full when a few files
change: it is kept with where each file's block starts (`BlockOutput.parts`), and a run after
an edit (`srclint.engine.Linter._spliced_output`) replaces the changed files' blocks (`block`),
makes the summary line anew from the new totals (`summary`) and copies the rest. Each part is
what the whole output holds at its place: the parts joined are `render(report)` with the
--quiet filter applied (`srclint.reporters.text.quiet_text`), as the command line prints it.
"""

from __future__ import annotations

from itertools import groupby, pairwise
from operator import attrgetter
from typing import TYPE_CHECKING

from . import BLOCK_FORMATS, github
from .text import Totals, concise_lines, error_lines, full_lines, quiet_part, summary_line, summary_of

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..models import Finding, Report

__all__ = ["BLOCK_FORMATS", "QUIET_FORMATS", "BlockOutput"]

QUIET_FORMATS = frozenset({"concise", "text", "full"})  # the formats --quiet filters
_PATH = attrgetter("path")


class BlockOutput:
    """One of `BLOCK_FORMATS`, with or without --quiet, in parts."""

    def __init__(self, format: str, quiet: bool) -> None:
        if format not in BLOCK_FORMATS:
            raise ValueError(f"not a format of blocks: {format!r}")
        self.format = format
        self.quiet = quiet and format in QUIET_FORMATS
        self._sources: dict[str, list[str] | None] = {}  # the full format's source lines, by path

    def _lines(self, findings: Sequence[Finding]) -> list[str]:
        if self.format == "concise":
            return concise_lines(findings)
        if self.format == "github":
            return github.finding_lines(findings)
        return full_lines(findings, self._sources)

    def _part(self, lines: list[str]) -> str:
        text = "".join([line + "\n" for line in lines])
        return quiet_part(text) if self.quiet else text

    def block(self, findings: Sequence[Finding]) -> str:
        """The block of one file's findings (all of one path, in report order)."""
        return self._part(self._lines(findings))

    def errors(self, report: Report) -> str:
        """The lines of the file errors, after the blocks."""
        return self._part(github.error_lines(report) if self.format == "github" else error_lines(report))

    def summary(self, totals: Totals) -> str:
        """The summary line of a Report with these totals, the output's last ("" when it has none)."""
        return "" if self.quiet or self.format == "github" else summary_of(totals) + "\n"

    def parts(self, report: Report) -> tuple[list[str], list[str], str, str] | None:
        """The output of the Report in parts: the paths that have findings, in order, the block
        of each, the errors and the summary line. Joined, they are the output (`render` with
        the --quiet filter applied, as the command line prints it). None when the findings are
        not grouped by path in path order (as no Report of a run is)."""
        paths: list[str] = []
        texts: list[str] = []
        for path, group in groupby(report.findings, key=_PATH):
            paths.append(path)
            texts.append(self.block(list(group)))
        if any(a >= b for a, b in pairwise(paths)):
            return None
        summary = "" if self.quiet or self.format == "github" else summary_line(report) + "\n"
        return paths, texts, self.errors(report), summary
