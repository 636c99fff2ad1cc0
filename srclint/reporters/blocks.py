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

from bisect import bisect_left
from collections import Counter
from itertools import accumulate, chain, compress, groupby, pairwise, repeat
from operator import attrgetter, is_not, lt
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..cache import OutputFile, hex32, ints
from ..models import Applicability, Severity
from . import BLOCK_FORMATS, github
from .text import Totals, concise_lines, error_lines, full_lines, quiet_text, summary_line, summary_of

if TYPE_CHECKING:
    from typing import Any
    from collections.abc import Mapping, Sequence

    from ..models import Finding, Report

__all__ = [
    "BLOCK_FORMATS", "QUIET_FORMATS", "BlockOutput", "encoded", "indexed", "make_index", "path_counts", "read_index",
    "spliced_bytes", "totals_of",
]  # fmt: skip

QUIET_FORMATS = frozenset({"concise", "text", "full"})  # the formats --quiet filters
_PATH, _SEVERITY, _FIX = map(attrgetter, ("path", "severity", "fix"))


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
        return quiet_text(text) if self.quiet else text

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


# -- an output of blocks kept with its index, and spliced after an edit --


def encoded(text: str) -> bytes:
    """Output text in the bytes it is kept in (`OutputFile`)."""
    return text.encode(OutputFile.encoding, OutputFile.errors)


def indexed(report: Report, paths: list[str], blocks: list[str], errors: str, summary: str) -> tuple[bytes, list[Any]]:
    """An output of blocks (`BlockOutput.parts` of the Report) in the bytes it is kept in, and its
    index (`make_index`)."""
    data = list(map(encoded, [*blocks, errors, summary]))
    offsets = list(accumulate(map(len, data), initial=0))
    return b"".join(data), make_index(paths, offsets[: len(paths)], offsets[-3], offsets[-2], path_counts(report))


def make_index(paths: list[str], starts: list[int], errors: int, summary: int, counts: Mapping[str, Sequence[int]]) -> list[Any]:
    """The index kept with an output of blocks: the paths that have findings, in order, with where
    each one's block starts, where the errors and the summary line start (offsets into the
    output's bytes), the other paths with suppressed findings, and what the summary line counts
    of each of those paths in turn (`path_counts`). Numbers packed as in a stored Report
    (`hex32`): a run after an edit reads them all."""
    others = sorted(set(counts).difference(paths))
    flat = list(chain.from_iterable(map(counts.__getitem__, [*paths, *others])))
    return [paths, hex32(starts), errors, summary, others, hex32(flat)]


def read_index(index: Any, length: int) -> tuple[list[str], list[int], int, int, dict[str, Sequence[int]]] | None:
    """The paths, block starts, errors and summary offsets, and counts per path of a kept index
    (`make_index`) of an output `length` bytes long; None when it is not one."""
    if not (type(index) is list and len(index) == 6):
        return None
    paths, packed_starts, errors, summary, others, packed_counts = index
    try:
        starts, flat = ints(packed_starts), ints(packed_counts)
    except ValueError:
        return None
    if not (type(paths) is list and type(others) is list and type(starts) is list and type(flat) is list):
        return None
    names = [*paths, *others]
    if len(starts) != len(paths) or len(flat) != 7 * len(names) or not set(map(type, names)) <= {str}:
        return None
    if (type(packed_starts) is not str or type(packed_counts) is not str) and not (
        set(map(type, starts)) | set(map(type, flat)) <= {int} and min(flat, default=0) >= 0
    ):  # fmt: skip
        return None  # numbers kept as a list (one did not fit): not necessarily numbers
    if not (all(map(lt, paths, paths[1:])) and all(map(lt, others, others[1:])) and set(others).isdisjoint(paths)):
        return None
    if type(errors) is not int or type(summary) is not int or not (0 <= errors <= summary <= length):
        return None
    if starts and (starts[0] != 0 or starts != sorted(starts) or starts[-1] > errors):
        return None
    return paths, starts, errors, summary, dict(zip(names, zip(*[iter(flat)] * 7)))


def spliced_bytes(
    data: bytes, index: Sequence[Any], made: Mapping[str, str | None], summary: str
) -> tuple[bytes, tuple[list[str], list[int], int, int]]:  # fmt: skip
    """An output of blocks (`indexed`), given with its paths, block starts, and errors and summary
    offsets (`read_index`), with the block of each path in `made` replaced by the one given
    (added where it belongs when the path had none; None: the path has no findings now, so no
    block), and the summary line by `summary`. Gives the new output and its paths, block
    starts, and errors and summary offsets."""
    paths, starts, errors, end = index
    ends = [*starts[1:], errors]
    data = memoryview(data)  # type: ignore[assignment]  # the kept parts are joined from views: copied once
    pieces: list[bytes] = []
    new_paths: list[str] = []
    new_starts: list[int] = []
    copied = 0  # where the old output is copied up to
    shift = 0  # how much further on the rest of the old output is in the new one
    i = 0  # the first block not yet dealt with
    for path in sorted(made):
        k = bisect_left(paths, path, i)
        new_paths += paths[i:k]  # blocks kept, moved by what was replaced before them
        new_starts += [start + shift for start in starts[i:k]]
        there = k < len(paths) and paths[k] == path
        lo = starts[k] if k < len(paths) else errors
        hi = ends[k] if there else lo
        pieces.append(data[copied:lo])
        block = made[path]
        if block is not None:
            new_paths.append(path)
            new_starts.append(lo + shift)
            pieces.append(encoded(block))
            shift += len(pieces[-1])
        shift -= hi - lo
        copied = hi
        i = k + 1 if there else k
    new_paths += paths[i:]
    new_starts += [start + shift for start in starts[i:]]
    pieces += [data[copied:end], encoded(summary)]
    return b"".join(pieces), (new_paths, new_starts, errors + shift, end + shift)


_LEVEL_SLOT = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}


def path_counts(report: Report) -> dict[str, list[int]]:
    """What the summary line counts (`srclint.reporters.text.summary_line`), per path with findings
    or suppressed findings: [findings, errors, warnings, infos, suppressed, with a safe fix, with
    an unsafe fix]. Kept with an output of blocks, so that a run after an edit counts the new
    totals from the old ones without the stored Report (`totals_of`)."""
    counts: dict[str, list[int]] = {}
    fs = report.findings
    for (path, level), n in Counter(zip(map(_PATH, fs), map(_SEVERITY, fs))).items():
        c = counts.get(path) or counts.setdefault(path, [0] * 7)
        c[0] += n
        if (slot := _LEVEL_SLOT.get(level)) is not None:
            c[slot] += n
    for f in compress(fs, map(is_not, map(_FIX, fs), repeat(None))):
        applicability = f.fix.applicability  # type: ignore[union-attr]
        if applicability == Applicability.SAFE:
            counts[f.path][5] += 1
        elif applicability == Applicability.UNSAFE:
            counts[f.path][6] += 1
    for path, n in Counter(map(_PATH, report.suppressed)).items():
        (counts.get(path) or counts.setdefault(path, [0] * 7))[4] += n
    return counts


def totals_of(counts: Mapping[str, Sequence[int]], files: int) -> Totals:
    """The summary line's totals of a Report over this many files, from its counts per path."""
    n, errors, warnings, infos, suppressed, safe, unsafe = [sum(column) for column in zip(*counts.values())] or [0] * 7
    return Totals(n, errors, warnings, infos, files, suppressed, safe, unsafe)
