"""The run replay, without the engine: a run over exactly the files of an earlier run, each with
the same metadata, under the same configuration, code and working directory, gives the same
Report, and so prints the same output. With the cache on, the Report and the output are kept
(`cache.ReportFile`, `cache.OutputFile`) under a key of everything they depend on
(`replay_key`), and given back whole.

`srclint.engine.Linter` builds its replay on these functions. The command line first asks
`replayed_output`, which works out the same answer as the Linter would from the settings alone:
a replayed run then imports neither the engine nor srclint's value types (dataclasses, json),
nearly half of such a run's time otherwise.
"""

from __future__ import annotations

import os
import sys
from time import time_ns
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path

from . import cache as cache_module
from .cache import OutputFile, ReportFile
from .pack_cache import blake2b, pack_files, pack_key
from .pathstr import joined
from .severity import Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path
    from typing import Any
    from .config import Settings
    from .models import FileError

__all__ = [
    "RECORD_FORMAT", "REPORT_FORMAT", "Planned", "held_output", "pack_context", "replay_key", "replayed_output", "selection_fields",
]  # fmt: skip

RECORD_FORMAT = "r4"  # layout of cached results; part of every cache context, so old layouts miss
REPORT_FORMAT = "p5"  # layout of a replayed run's Report (see `replay_key`)
WORST: dict[str, Severity | None] = {"": None, **{s.name: s for s in Severity}}  # a stored output's first line


def digest(*parts: str) -> str:
    """Digest of the parts, each followed by a NUL byte (hashed in one piece: the same bytes)."""
    return blake2b(("\0".join(parts) + "\0").encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def selection_fields(settings: Settings) -> dict[str, Any]:
    """The fields of the `Selection` a Linter makes from the settings (`srclint.select`)."""
    return {
        "select": tuple(settings.select) if settings.select is not None else None,
        "extend_select": tuple(settings.extend_select),
        "ignore": tuple(settings.ignore),
        "per_file_ignores": {k: tuple(v) for k, v in settings.per_file_ignores.items()},
        "severity": {k: Severity.parse(v) for k, v in settings.severity.items()},
    }


def pack_context(
    settings: Settings, select: tuple[str, ...] | None, extend_select: tuple[str, ...], ignore: tuple[str, ...],
    per_file_ignores: dict[str, tuple[str, ...]], severity: dict[str, Severity], keys: list[str] | None = None,
) -> str | None:  # fmt: skip
    """A digest of the pack files (places and bytes), srclint's version and code, and every
    selection setting: computed without parsing a pack. None when a pack cannot be read. With
    `keys`, the packs' key (`pack_key`, under which their compiled rules are cached) is appended
    to it: loading the rules then need not work it out again."""
    try:
        key = pack_key(pack_files(tuple(settings.rules), settings.builtin_rules))
    except Exception:  # the built-in packs missing: loading the rules reports it
        return None
    if key is None:
        return None
    if keys is not None:
        keys.append(key)
    chosen = (
        select,
        extend_select,
        ignore,
        sorted(per_file_ignores.items()),
        sorted((code, int(sev)) for code, sev in severity.items()),
    )
    return digest(RECORD_FORMAT, key, repr(chosen))


def replay_key(
    context: str, settings: Settings, paths: list[str], groups: Iterable[Iterable[tuple[str, str]]],
    errors: list[FileError], cwd: Path | None, stats: list[os.stat_result] | None = None, parts: list[Any] | None = None,
) -> tuple[str, bool] | None:  # fmt: skip
    """The key of a run's Report in the run cache, and whether it may be stored: not when any
    file changed within `RACY_NS` of the moment its metadata was taken (a later write in the same
    clock tick could keep every time as it is; the rule the stat cache follows). None when a file
    is gone. `groups` are the files reported, then the other files read (the corpus), each file
    a (display, path) pair.

    The key holds everything the Report depends on besides the files' bytes: the context
    (srclint's code, the packs, the selection, severities and per-file ignores), every
    setting (corpus, root, extensions, limits), the working directory (display paths and
    fingerprints follow it), the paths asked for and the problems met finding files, the
    Python version, and each file read (reported or corpus-only) with its size, times,
    inode and device. Fixes and baselines are applied to the Report afterwards.

    With `stats`, each file's metadata is appended to it, in order: a run that does not
    replay asks the results cache about the files by the same metadata, without a second
    stat per file."""
    h = blake2b(digest_size=20)
    head = (REPORT_FORMAT, sys.version, context, repr(settings), os.getcwd(), str(cwd), paths, repr(errors))
    h.update(repr(head).encode("utf-8", "surrogatepass"))
    if parts is not None:
        parts.append(h.copy().hexdigest())
    horizon = time_ns() - cache_module.RACY_NS  # read at run time (tests narrow it)
    latest = 0
    lines = []
    stat_of = os.stat
    for group in groups:  # a warm run's loop, once per file: kept to the bare steps
        lines.append("\1")
        for display, path in group:
            try:
                st = stat_of(path)
            except OSError:
                return None
            mtime, ctime = st.st_mtime_ns, st.st_ctime_ns
            if mtime > latest:  # noqa: PLR1730 - no call per file
                latest = mtime
            if ctime > latest:  # noqa: PLR1730
                latest = ctime
            lines.append(f"{display}\0{path}\0{st.st_size}:{mtime}:{ctime}:{st.st_ino}:{st.st_dev}\n")
            if stats is not None:
                stats.append(st)
    h.update("".join(lines).encode("utf-8", "surrogatepass"))
    if parts is not None:
        parts.append(lines)
    return h.hexdigest(), latest < horizon


def held_output(cache_dir: str | os.PathLike[str], context: str, key: str, variant: str, raw: bool) -> tuple[str | bytes, Severity | None] | None:
    """The output kept for the Report under `key` in one variant, and the highest severity of
    its findings; None when none is kept (or a damaged one). With raw=True the text comes back
    as the bytes it is kept in (see `OutputFile.get_entry`)."""
    held = OutputFile(cache_dir).get_entry(context, f"{key}:{variant}")
    if held is None:
        return None
    worst, _, data = held
    severity = worst.decode("latin-1")
    if severity not in WORST:
        return None
    if raw and data.isascii():  # ASCII is valid UTF-8: nothing to decode to know the entry is sound
        return data, WORST[severity]
    kept = OutputFile.text_of(data)  # None when the bytes do not decode: a damaged entry
    if kept is None:
        return None
    return (data if raw else kept), WORST[severity]


class Planned:
    """What `replayed_output` worked out before it found no kept output: the files and problems
    found, the run's key (None when a file is gone) and each file's metadata. A Linter made for
    the same settings and paths takes them over (`Linter.lint_paths_rendered`), so a run that
    does not replay finds and stats its files once, not twice."""

    __slots__ = ("context", "errors", "files", "key", "pack_key", "parts", "paths", "settings", "stats")

    def __init__(
        self, context: str, settings: Settings, paths: list[str], files: list[tuple[str, str]], errors: list[FileError],
        key: tuple[str, bool] | None, stats: list[os.stat_result], parts: list[Any] | None = None, pack_key: str | None = None,
    ) -> None:  # fmt: skip
        self.context, self.settings, self.paths, self.files = context, settings, paths, files
        self.errors, self.key, self.stats, self.parts, self.pack_key = errors, key, stats, parts, pack_key


def replayed_output(
    settings: Settings, paths: list[str], variant: str, *, progress: Callable[[int, int], None] | None = None, raw: bool = False,
    plan: list[Planned] | None = None,
) -> tuple[str | bytes, Severity | None] | None:  # fmt: skip
    """What `Linter(settings=settings, cache=True).lint_paths_rendered(paths, render, variant)`
    gives when it replays a kept output (progress reported the same way), else None: then that
    call does the run. Worked out as the Linter does, without making one: with the rules' facts
    left for later (the kept Report was made under this very configuration, so it passed
    validation then), and the files planned without a corpus (a configured corpus needs the
    facts, so such runs are left to the Linter). When it gives None having found the files,
    and `plan` is a list, what it found is appended to it (`Planned`)."""
    if settings.corpus:
        return None
    keys: list[str] = []
    context = pack_context(settings, **selection_fields(settings), keys=keys)
    cache_dir = joined(settings.root or ".", settings.cache_dir)  # the Linter's `_cache_dir()`
    if context is None or ReportFile(cache_dir).context() != context:
        return None
    from .discover import find_files

    paths = list(paths)
    files, errors = find_files(paths, settings)
    stats: list[os.stat_result] = []
    parts: list[Any] = []
    key = replay_key(context, settings, paths, (files, ()), errors, None, stats, parts)
    held = None if key is None else held_output(cache_dir, context, key[0], variant, raw)
    if held is None:
        if plan is not None:
            found = (stats, parts) if key is not None else ([], None)
            plan.append(Planned(context, settings, paths, files, errors, key, *found, pack_key=keys[0]))
        return None
    if progress is not None and files:
        progress(len(files), len(files))
    return held
