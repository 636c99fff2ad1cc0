"""On-disk cache of compiled rule sets, so start-up skips YAML parsing and pydantic validation
(and importing pydantic at all: the rules unpickle as plain objects).

Entries live in $SRCLINT_CACHE_DIR or $XDG_CACHE_HOME/srclint or ~/.cache/srclint, named by a
hash of the pack files' bytes and srclint's version. The cache is an optimisation only: any
problem reading or writing it (missing, corrupt, read-only, another version) falls back to
loading the packs, and writes are atomic so a half-written entry is never read. What an entry
holds is `srclint.pack_format`'s (not imported by a run that only works out the keys).
"""

from __future__ import annotations

import os
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

from . import pathstr

try:  # what hashlib.blake2b is in CPython, without hashlib loading OpenSSL (a few ms of every run)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - another implementation
    from hashlib import blake2b

__all__ = ["blake2b", "builtin_pack_dir", "cache_dir", "code_digest", "load", "pack_files", "pack_key", "pack_paths", "store"]

# 2: rules are plain objects (srclint.kinds.schema); 3: patterns kept compiled; 4: their code as
# bytes, rules restored as stored with the fields a lint does not read pickled apart
_MAGIC = b"srclint-ruleset-4\n"
KEEP = 16  # entries kept; older ones (other pack versions, other srclint versions) are pruned


def cache_dir() -> Path:
    from pathlib import Path

    return Path(_cache_folder())


def _cache_folder() -> str:
    """`cache_dir` as a string: a run that loads its rules from the cache imports no pathlib."""
    explicit = os.environ.get("SRCLINT_CACHE_DIR")
    if explicit:
        return pathstr.joined(explicit, "packs")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathstr.joined(pathstr.joined(base, "srclint"), "packs")


def builtin_pack_dir() -> Path:
    """Packs shipped in the wheel (srclint/_rules), or the repo's rules/ in a source checkout."""
    from pathlib import Path

    return Path(_builtin_pack_folder())


def _builtin_pack_folder() -> str:
    """`builtin_pack_dir` as a string."""
    here = os.path.dirname(pathstr.resolved(__file__))  # Path(__file__).resolve().parent
    for candidate in (pathstr.joined(here, "_rules"), pathstr.joined(os.path.dirname(here), "rules")):
        if pathstr.is_dir(candidate):
            return candidate
    from .errors import RulePackError

    raise RulePackError("built-in rule packs not found; reinstall srclint", path=pathstr.joined(here, "_rules"))


def pack_paths(sources: tuple[str | Path, ...], builtin: bool) -> list[Path]:
    """The pack files a load reads, in load order: the built-in packs, then each source (a pack
    file, or a folder whose .yaml/.yml files are taken in name order)."""
    from pathlib import Path

    return [Path(path) for path in pack_files(sources, builtin)]


def pack_files(sources: tuple[str | os.PathLike[str], ...], builtin: bool) -> list[str]:
    """`pack_paths` as strings (each `str` of the Path it gives), without pathlib: a run that
    replays its output works out the packs' key from these."""
    paths: list[str] = []
    if builtin:
        paths.extend(sorted(_glob(_builtin_pack_folder(), ".yaml")))
    for src in sources:
        p = pathstr.normal(os.fspath(src))
        if pathstr.is_dir(p):
            paths.extend(sorted([*_glob(p, ".yaml"), *_glob(p, ".yml")]))
        else:
            paths.append(p)
    return paths  # in one folder, the strings sort as the Paths do: by the names after the folder's


def _glob(folder: str, suffix: str) -> list[str]:
    """`[str(p) for p in Path(folder).glob("*" + suffix)]` (names starting with a dot included,
    folders too; a folder that cannot be listed gives none), in no particular order."""
    if not pathstr.is_dir(folder):
        return []
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except PermissionError:
        return []
    return [pathstr.joined(folder, entry.name) for entry in entries if entry.name.endswith(suffix)]


def code_digest() -> bytes:
    """Identifies srclint's code (every module's size and modification time): compiled rules and
    cached results are only valid for the code that made them."""
    return _tree_digest(os.path.dirname(os.path.realpath(__file__)))


def _tree_digest(package: str) -> bytes:
    """The digest of every .py file under `package` (as `Path(package).rglob("*.py")` finds
    them: folder links not entered, unreadable folders skipped), written over os.scandir: every
    run computes it, and rglob costs a Path object and a pattern match per name."""
    h = blake2b(digest_size=16)
    found: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[str, ...]] = [()]
    while stack:
        parts = stack.pop()
        try:
            with os.scandir(os.path.join(package, *parts)) as listing:
                entries = list(listing)
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir() and not entry.is_symlink():
                    stack.append((*parts, entry.name))
            except OSError:
                pass
            if os.path.normcase(entry.name).endswith(".py"):
                found.append(((*parts, entry.name), entry.path))
    for parts, path in sorted(found):  # Path order: by the parts, not by the joined string
        try:
            st = os.stat(path)
        except OSError:
            continue
        h.update(f"{os.path.join(*parts)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.digest()


def pack_key(paths: list[str] | list[Path]) -> str | None:
    """A digest of srclint's version and code and of every pack file's place and bytes; None when
    a pack cannot be read (loading it reports the problem). The paths as `pack_paths` or
    `pack_files` give them."""
    from . import __version__

    h = blake2b(digest_size=20)
    h.update(__version__.encode())
    h.update(code_digest())
    for path in paths:
        name = os.fspath(path)
        try:
            with open(name, "rb") as fh:
                data = fh.read()
        except OSError:
            return None
        h.update(pathstr.resolved(name).encode() + b"\0" + data + b"\0")
    return h.hexdigest()


# The rule set loaded last, kept for the life of the process in a cycle (the list holds itself):
# freeing its tens of thousands of objects and its automata when the process ends takes about a
# millisecond, spent only to give back memory the process is about to give back. A command-line
# run freezes the collector before it exits (`srclint.cli.entry`), so the cycle is never
# collected; elsewhere it is collected at exit like any other. Only the last is kept: a process
# that loads rule sets again (a server, a watch) holds one more than it uses.
_KEPT: list[Any] = []
_KEPT.append(_KEPT)
# The key of the kept rule set, when this process reuses it for a load under the same key instead
# of reading the file again (see `keep_in_memory`).
_REUSED_KEY: list[str] = []


def keep_in_memory() -> None:
    """From now on, a load under the key of the rule set kept from the last load returns that rule
    set. For a resident process (`srclint daemon`) whose forked runs each load the same packs:
    the key is a digest of the packs' bytes and srclint's code, so the rule set is the one the
    file holds, and runs only memoise inside it."""
    _REUSED_KEY[:] = [""]


def load(key: str) -> Any | None:
    if os.environ.get("SRCLINT_NO_PACK_CACHE"):
        return None
    if _REUSED_KEY and _REUSED_KEY[0] == key and len(_KEPT) > 1:
        return _KEPT[1]
    # Here, not at the top: a run over cached files never loads a rule set. The C unpickler is
    # what pickle.load is; the pickle module around it takes about 1 ms more to import.
    try:
        from _pickle import load as unpickle
    except ImportError:  # pragma: no cover - another implementation
        from pickle import load as unpickle

    path = pathstr.joined(_cache_folder(), f"{key}.pickle")
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC:
                return None
            loaded = unpickle(fh)
    except Exception:  # missing, truncated, unpicklable after an upgrade: rebuild
        return None
    _KEPT[1:] = [loaded]
    if _REUSED_KEY:
        _REUSED_KEY[0] = key
    return loaded


def store(key: str, value: Any) -> None:
    if os.environ.get("SRCLINT_NO_PACK_CACHE"):
        return
    import tempfile

    from .pack_format import dumps

    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC)
                fh.write(dumps(value))
            os.replace(tmp, directory / f"{key}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(directory)
    except Exception:
        return


def _prune(directory: Path) -> None:
    entries = []
    for path in directory.glob("*.pickle"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:
            continue
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        try:
            path.unlink()
        except OSError:
            pass
