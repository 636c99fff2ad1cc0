"""From the paths a user gives to the files srclint reads.

Directories are walked without following symlinks (so loops cannot trap the walk), hidden
folders and `.gitignore`d files are skipped (gitignore semantics via pathspec), `exclude`
patterns always apply, and only known extensions are taken from directories; a file named
explicitly is linted whatever its extension. FIFOs, sockets and devices are never opened.

pathspec is imported only when there is a pattern to match (an `exclude` setting or a
`.gitignore` found), and a walk with no patterns works on path strings rather than Path objects:
a warm run over cached files spends a good part of its time here. A run that replays the output
of an earlier one (srclint.replay) calls `find_files`, which makes neither a `SourceFile` nor,
unless there is a problem to report, a `FileError`: it imports no dataclass, nor pathlib unless
there is a pattern (the paths are the strings pathlib made of them before: `srclint.pathstr`).
"""

from __future__ import annotations

import os
import stat
from operator import attrgetter
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path

from . import pathstr

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path
    from typing import Any
    import pathspec

    from .config import Settings
    from .models import FileError
    from .sources import SourceFile

__all__ = ["SourceFile", "discover", "display_path", "exclusion", "find_files"]

_ALWAYS_SKIP = {".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".srclint_cache", ".tox"}


def __getattr__(name: str) -> Any:
    """`SourceFile` (srclint.sources) is imported on first use, with the dataclasses."""
    if name != "SourceFile":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from .sources import SourceFile

    globals()[name] = SourceFile
    return SourceFile


def _error(path: str, message: str, kind: str) -> FileError:
    from .models import FileError

    return FileError(path, message, kind=kind)


def display_path(path: Path, cwd: Path) -> str:
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return path.as_posix()


def _displayer(cwd: str) -> Callable[[str], str]:
    """`display_path` for a path held as a string. With POSIX separators that is plain string
    arithmetic (the same lexical test `relative_to` makes), run once per file found."""
    if os.sep != "/" or os.altsep:
        from pathlib import Path

        return lambda s: display_path(Path(s), Path(cwd))
    prefix = str(cwd).rstrip("/") + "/"
    n = len(prefix)
    return lambda s: s[n:] if s.startswith(prefix) else s


def exclusion(settings: Settings, cwd: str | os.PathLike[str] | None = None) -> Callable[[Path], bool] | None:
    """A test of whether an absolute path falls under the `exclude` setting (matched relative
    to the configuration root, else to `cwd`, else by name); None when nothing is excluded."""
    if not settings.exclude:
        return None
    from pathlib import Path

    cwd = Path(cwd or Path.cwd()).resolve()
    root = Path(settings.root).resolve() if settings.root else cwd
    exclude = _spec(settings.exclude)

    def match_exclude(p: Path) -> bool:
        for base in (root, cwd):
            try:
                rel = p.relative_to(base).as_posix()
            except ValueError:
                continue
            return exclude.match_file(rel)
        return exclude.match_file(p.name)

    return match_exclude


def discover(paths: list[str], settings: Settings, cwd: Path | None = None) -> tuple[list[SourceFile], list[FileError]]:
    from .sources import SourceFile

    found, errors = find_files(paths, settings, cwd)
    return [SourceFile(display, path) for display, path in found], errors


def find_files(
    paths: list[str], settings: Settings, cwd: str | os.PathLike[str] | None = None
) -> tuple[list[tuple[str, str]], list[FileError]]:
    """What `discover` finds, each file as a (display, path) pair. The paths are worked out as
    strings (`srclint.pathstr`: each the `str` of the Path it was once made as), and pathlib is
    imported only for patterns (`exclude`, a .gitignore) and problems."""
    here = pathstr.resolved(os.getcwd() if cwd is None else os.fspath(cwd))  # (cwd or Path.cwd()).resolve()
    files: dict[str, str] = {}  # display path -> the path opened (the first one found)
    errors: list[FileError] = []
    exts = {e.lower() for e in settings.extensions}
    display = _displayer(here)
    excluded = exclusion(settings, here)

    def add(path: str) -> None:
        files.setdefault(display(path), path)

    for given in paths:
        absolute = pathstr.joined(here, os.fspath(given))  # cwd / Path(given); an absolute one replaces cwd
        try:
            st = os.stat(absolute)
        except OSError as exc:
            errors.append(_error(given, f"cannot read: {exc.strerror or exc}", kind="io"))
            continue
        if stat.S_ISDIR(st.st_mode):
            if excluded is None or not excluded(_path(absolute)):
                _walk(absolute, exts, excluded, settings.respect_gitignore, add, errors, display)
        elif stat.S_ISREG(st.st_mode):
            if excluded is None or not excluded(_path(absolute)):
                add(absolute)
        else:
            error = display_path(_path(absolute), _path(here))
            errors.append(_error(error, "not a regular file (FIFO, socket or device); skipped", kind="skipped"))
    # SourceFiles sort by (display, path), and display paths are unique here: sorting the display
    # paths gives the same order without a dataclass comparison per pair.
    return [(shown, files[shown]) for shown in sorted(files)], errors


def _path(path: str) -> Path:
    from pathlib import Path

    return Path(path)


def _walk(
    top: str,
    exts: set[str],
    excluded: Callable[[Path], bool] | None,
    respect_gitignore: bool,
    add: Callable[[str], None],
    errors: list[FileError],
    display: Callable[[str], str],
) -> None:
    ignores: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    if respect_gitignore:
        ignores = _parent_gitignores(top)

    def onerror(exc: OSError) -> None:
        where = str(exc.filename) if exc.filename else top
        errors.append(_error(display(where), f"cannot read directory: {exc.strerror or exc}", kind="io"))

    # os.walk's order and rules (top down, names sorted, links to folders listed but not entered,
    # a folder that cannot be listed reported and skipped), written over os.scandir so that the
    # entries' types, which the listing already gives on most file systems, cost no stat call.
    stack = [top]
    while stack:
        dirpath = stack.pop()
        try:
            with os.scandir(dirpath) as listing:
                entries = list(listing)
        except OSError as exc:
            onerror(exc)
            continue
        folders: list[os.DirEntry[str]] = []
        others: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (folders if is_dir else others).append(entry)
        if respect_gitignore and any(e.name == ".gitignore" for e in others):
            spec = _read_gitignore(os.path.join(dirpath, ".gitignore"))
            if spec is not None:
                ignores.append((_path(dirpath), spec))
        # Without patterns nothing is ignored, and no Path is made for each name.
        ignored = _ignorer(_path(dirpath), ignores, excluded) if ignores or excluded is not None else None
        folders = sorted(
            (e for e in folders if not e.name.startswith(".") and e.name not in _ALWAYS_SKIP and not (ignored is not None and ignored(e.name, True))),
            key=_name,
        )
        for entry in sorted(others, key=_name):
            name = entry.name
            if _extension(name).lower() not in exts or (ignored is not None and ignored(name, False)):
                continue
            p = entry.path
            try:
                link = entry.is_symlink()
                regular = link or entry.is_file(follow_symlinks=False)
            except OSError as exc:
                errors.append(_error(display(p), f"cannot read: {exc.strerror or exc}", kind="io"))
                continue
            if link:
                try:
                    regular = stat.S_ISREG(os.stat(p).st_mode)
                except OSError:
                    errors.append(_error(display(p), "broken or looping symlink; skipped", kind="skipped"))
                    continue
            if not regular:
                errors.append(_error(display(p), "not a regular file; skipped", kind="skipped"))
                continue
            add(p)
        for entry in reversed(folders):
            try:
                if entry.is_symlink():
                    continue
            except OSError:
                pass
            stack.append(entry.path)


_name = attrgetter("name")  # the sort key of directory entries


def _extension(name: str) -> str:
    """`os.path.splitext(name)[1]` of a file name (no separator in it), without its two calls:
    from the last dot, unless only dots come before it (".md" and "..md" have none)."""
    dot = name.rfind(".")
    if dot <= 0 or (name[0] == "." and not name[:dot].strip(".")):
        return ""
    return name[dot:]


def _ignorer(
    here: Path, ignores: list[tuple[Path, pathspec.GitIgnoreSpec]], excluded: Callable[[Path], bool] | None
) -> Callable[[str, bool], bool]:
    """Whether a name in the folder `here` is ignored: by a .gitignore of this folder or one above
    it (matched relative to that file's folder; folders with a trailing slash), or by `exclude`."""
    active = [(base, spec) for base, spec in ignores if here == base or base in here.parents]

    def ignored(name: str, is_dir: bool) -> bool:
        p = here / name
        for base, spec in active:
            rel = p.relative_to(base).as_posix() + ("/" if is_dir else "")
            if spec.match_file(rel):
                return True
        return excluded is not None and excluded(p)

    return ignored


def _spec(lines: list[str]) -> pathspec.GitIgnoreSpec:
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _parent_gitignores(top: str) -> list[tuple[Path, pathspec.GitIgnoreSpec]]:
    """.gitignore files above the walked folder, up to the repository root."""
    found: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    for parent in pathstr.parents(top):
        gi = pathstr.joined(parent, ".gitignore")
        if pathstr.is_file(gi) and (spec := _read_gitignore(gi)) is not None:
            found.append((_path(parent), spec))
        if pathstr.exists(pathstr.joined(parent, ".git")):
            break
    return found[::-1]


def _read_gitignore(path: str | Path) -> pathspec.GitIgnoreSpec | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:  # Path.read_text
            return _spec(fh.read().splitlines())
    except OSError:
        return None
