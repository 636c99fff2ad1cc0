"""On-disk cache of compiled rule sets, so start-up skips YAML parsing and pydantic validation.

Entries live in $SRCLINT_CACHE_DIR or $XDG_CACHE_HOME/srclint or ~/.cache/srclint, named by a
hash of the pack files' bytes and srclint's version. The cache is an optimisation only: any
problem reading or writing it (missing, corrupt, read-only, another version) falls back to
loading the packs, and writes are atomic so a half-written entry is never read.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["cache_dir", "load", "store"]

_MAGIC = b"srclint-ruleset-1\n"
KEEP = 16  # entries kept; older ones (other pack versions, other srclint versions) are pruned


def cache_dir() -> Path:
    explicit = os.environ.get("SRCLINT_CACHE_DIR")
    if explicit:
        return Path(explicit) / "packs"
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "srclint" / "packs"


def load(key: str) -> Any | None:
    if os.environ.get("SRCLINT_NO_PACK_CACHE"):
        return None
    path = cache_dir() / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            if fh.read(len(_MAGIC)) != _MAGIC:
                return None
            return pickle.load(fh)
    except Exception:  # missing, truncated, unpicklable after an upgrade: rebuild
        return None


def store(key: str, value: Any) -> None:
    if os.environ.get("SRCLINT_NO_PACK_CACHE"):
        return
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(_MAGIC)
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
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
