"""On-disk caches in `settings.cache_dir` (default `.srclint_cache/`), one SQLite file each:

- `results.sqlite3`: everything pass 1 learned from a file (findings, claims, suppressions), so a
  second run over an unchanged file skips decoding, parsing and every rule;
- `claims.sqlite3`: the claims of configured corpus files that were not named on the command line
  (a pre-commit run names one changed file but compares it with the whole corpus);
- `run.sqlite3`: what is kept per configuration rather than per file: the facts about the rules
  the filters need (so a run over unchanged files loads no pack), and the last corpus pass with a
  digest of the claims it compared (replayed while no file's claims change);
- `report.json`: the last run's whole Report, under a key of everything it depends on including
  every file's metadata, given back to a run over the same, unchanged files (`Linter._replay_key`).
  A plain file rather than a SQLite row: such a run then never imports or opens SQLite. A line
  after the Report holds what a run over the same files with a few of them changed needs to
  start from it (`Linter._spliced`).
- `output.txt`: what the command line printed for that Report (one output format), under the
  same key, so that a replayed run prints it again without rebuilding and formatting the Report;
  for the formats made of a block per file, with where each block starts and what each file
  counts in the summary line, so that a run after an edit splices it (`srclint.reporters.blocks`).

Key: (path, content hash of the file's bytes, context digest: the rules as configured plus the
code that ran them). Beside the entries, a `stats` table remembers each file's content hash with
its size, modification and change times and inode, so a warm run hashes only files whose
metadata moved, as git's index does. A hash is trusted only when the file had been left alone
for `RACY_NS` before it was hashed: a write in the same clock tick as an earlier one could
otherwise keep the times unchanged (git's "racy clean" problem). Values are JSON
(srclint.serialize), never pickle: a cache file must not be able to run code. The caches are optimisations only: a corrupt, locked or unwritable cache is
ignored (a corrupt one recreated), never an error; old entries for a path are replaced.
"""

from __future__ import annotations

import os
import sys
import time
TYPE_CHECKING = False  # typing itself is not imported: this module is on the replay path

from .pathstr import exists, is_file, joined, normal

if TYPE_CHECKING:
    import sqlite3
    from pathlib import Path
    from typing import Any

__all__ = ["ClaimCache", "OutputFile", "ReportFile", "ResultCache", "RunCache", "SqliteCache", "clear", "hex32", "ints"]

CACHE_FILES = ("claims.sqlite3", "results.sqlite3", "run.sqlite3", "report.json", "output.txt")
RACY_NS = 2_000_000_000  # two seconds: coarser than the timestamps of every common file system
_CHUNK = 500  # paths per query when preloading (SQLite allows 999 parameters in older builds)


def _signature(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}:{st.st_dev}"


def settled_signature(st: os.stat_result) -> str | None:
    """The signature under which the hash of bytes read after `st` was taken may be remembered
    (asked after reading them); None when the file changed too recently for its times to tell a
    later write apart."""
    if max(st.st_mtime_ns, st.st_ctime_ns) >= time.time_ns() - RACY_NS:
        return None
    return _signature(st)


def hex32(values: list[int]) -> str | list[int]:
    """Numbers as the hex of their little-endian 32-bit values, for an entry kept in JSON (which
    writes and reads tens of thousands of numbers one by one far slower than `array` converts
    them); the list itself when one does not fit (negative or too large), or on a platform
    without 32-bit array items."""
    from array import array

    if array("I").itemsize != 4:
        return values
    try:
        packed = array("I", values)
    except (OverflowError, TypeError):
        return values
    if sys.byteorder != "little":
        packed.byteswap()
    return packed.tobytes().hex()


def ints(value: Any) -> Any:
    """The inverse of `hex32` (anything but a string is given back as it is). Raises ValueError
    on a string that is not whole 32-bit values in hex (a damaged entry)."""
    from array import array

    if type(value) is not str:
        return value
    if array("I").itemsize != 4:
        raise ValueError("packed numbers this platform cannot read")
    values = array("I", bytes.fromhex(value))  # ValueError: not whole 4-byte values
    if sys.byteorder != "little":
        values.byteswap()
    return values.tolist()


def _prepare(folder: str) -> None:
    """Create the cache folder, with a .gitignore that keeps it out of version control. (With
    strings, as `srclint.pathstr` does: a run that stores its report imports no pathlib.)"""
    os.makedirs(folder, exist_ok=True)  # Path.mkdir(parents=True, exist_ok=True)
    gitignore = joined(folder, ".gitignore")
    if not exists(gitignore):
        with open(gitignore, "w", encoding="utf-8") as fh:
            fh.write("*\n")


def _sqlite3() -> Any:
    """The sqlite3 module's C module, which is what it exports (`connect`, the errors): the
    sqlite3 package also imports datetime, the pure Python module of which runs before it takes
    the C one's classes (some 2 ms), only to register adapters for dates, which these caches never
    store (their values are text)."""
    try:
        import _sqlite3 as sqlite3
    except ImportError:  # pragma: no cover - another implementation
        import sqlite3
    return sqlite3


def _key(path: str) -> str:
    """Paths with undecodable bytes (lone surrogates) cannot be stored as SQLite text: escape them."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return "\0" + path.encode("utf-8", "surrogateescape").hex()


class SqliteCache:
    """get/put text values; every failure degrades to a cache miss. One connection per process.
    sqlite3 is imported by the methods that use it, not with this module (see `ReportFile`)."""

    table = "entries"
    filename = "cache.sqlite3"

    def __init__(self, directory: str | os.PathLike[str], *, create: bool = True) -> None:
        """With create=False a missing cache file stays missing (every get is a miss)."""
        # The folder and the file's name as strings (`path` is the Path): see `ReportFile`.
        self.folder = normal(os.fspath(directory))
        self.file = joined(self.folder, self.filename)
        self._db: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._pending = 0
        # What `preload` read: the paths it asked about (their keys), their stat rows, and their
        # entries under one ruleset digest. For those paths a missing row means a miss.
        self._preloaded: set[str] = set()
        self._stats: dict[str, tuple[str, str]] = {}
        self._entries: dict[str, tuple[str, str]] = {}
        self._preloaded_ruleset: str | None = None
        if not create and not is_file(self.file):
            return
        sqlite3 = _sqlite3()

        try:
            self._db = self._open()
        except (sqlite3.Error, OSError):
            self._reset()

    @property
    def path(self) -> Path:
        from pathlib import Path

        return Path(self.file)

    def _open(self) -> sqlite3.Connection:
        sqlite3 = _sqlite3()

        _prepare(self.folder)
        db = sqlite3.connect(self.file, timeout=0.5)
        # No fsync: a cache need not survive a power cut (the rollback journal still protects it
        # from a process that dies mid-write, and a file left damaged is recreated), while each
        # fsync costs a run ten milliseconds or more on a disk: a cold run makes several (each
        # table created, each commit).
        db.execute("PRAGMA synchronous = OFF")
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (path TEXT PRIMARY KEY, content TEXT, ruleset TEXT, data TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS stats (path TEXT PRIMARY KEY, sig TEXT, hash TEXT)")
        db.execute(f"SELECT count(*) FROM {self.table} LIMIT 1").fetchone()
        return db

    def _reset(self) -> None:
        """Recreate a corrupt cache file; give up quietly when that fails too (read-only tree)."""
        sqlite3 = _sqlite3()

        self._db = None
        self._preloaded.clear()
        try:
            try:
                os.unlink(self.file)  # Path.unlink(missing_ok=True)
            except FileNotFoundError:
                pass
            self._db = self._open()
        except (sqlite3.Error, OSError):
            self._db = None

    def _connection(self) -> sqlite3.Connection | None:
        sqlite3 = _sqlite3()

        if self._db is not None and os.getpid() != self._pid:  # a forked worker: never share a connection
            self._db = None
            self._pid = os.getpid()
            try:
                self._db = self._open()
            except (sqlite3.Error, OSError):
                self._db = None
        return self._db

    def preload(self, paths: list[str], ruleset_digest: str) -> None:
        """Read the stat rows of these paths and their entries under `ruleset_digest` in a few
        queries (`_CHUNK` paths at a time), so that `known_hash` and `get` answer for them from
        memory instead of with one query per call. Nothing is preloaded when a query fails: the
        calls then ask the database one by one, as without this."""
        sqlite3 = _sqlite3()

        db = self._connection()
        if db is None:
            return
        keys = [_key(p) for p in paths]
        stats: dict[str, tuple[str, str]] = {}
        entries: dict[str, tuple[str, str]] = {}
        try:
            for i in range(0, len(keys), _CHUNK):
                chunk = keys[i : i + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for key, sig, known in db.execute(f"SELECT path, sig, hash FROM stats WHERE path IN ({marks})", chunk):
                    stats[key] = (sig, known)
                query = f"SELECT path, content, data FROM {self.table} WHERE ruleset = ? AND path IN ({marks})"
                for key, content, data in db.execute(query, [ruleset_digest, *chunk]):
                    entries[key] = (content, data)
        except sqlite3.DatabaseError:
            return
        self._preloaded, self._stats, self._entries, self._preloaded_ruleset = set(keys), stats, entries, ruleset_digest

    def get(self, path: str, content_hash: str, ruleset_digest: str) -> str | None:
        sqlite3 = _sqlite3()

        key = _key(path)
        if key in self._preloaded and ruleset_digest == self._preloaded_ruleset:
            entry = self._entries.get(key)
            return str(entry[1]) if entry is not None and entry[0] == content_hash else None
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute(
                f"SELECT data FROM {self.table} WHERE path = ? AND content = ? AND ruleset = ?",
                (_key(path), content_hash, ruleset_digest),
            ).fetchone()
        except sqlite3.DatabaseError:
            self._reset()
            return None
        return None if row is None else str(row[0])

    def put(self, path: str, content_hash: str, ruleset_digest: str, data: str) -> None:
        sqlite3 = _sqlite3()

        db = self._connection()
        if db is None:
            return
        try:
            db.execute(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?, ?, ?)", (_key(path), content_hash, ruleset_digest, data))
            self._pending += 1
            if _key(path) in self._preloaded:  # keep the preloaded view what the database now holds
                if ruleset_digest == self._preloaded_ruleset:
                    self._entries[_key(path)] = (content_hash, data)
                else:
                    self._entries.pop(_key(path), None)
            if self._pending >= 500:
                self.flush()
        except sqlite3.DatabaseError:
            self._db = None  # locked or broken: run on without the cache

    def known_hash(self, path: str, st: os.stat_result) -> str | None:
        """The content hash recorded for `path` when its metadata is still `st`, else None."""
        sqlite3 = _sqlite3()

        if _key(path) in self._preloaded:
            row = self._stats.get(_key(path))
            return str(row[1]) if row is not None and row[0] == _signature(st) else None
        db = self._connection()
        if db is None:
            return None
        try:
            row = db.execute("SELECT sig, hash FROM stats WHERE path = ?", (_key(path),)).fetchone()
        except sqlite3.DatabaseError:
            self._reset()
            return None
        return str(row[1]) if row is not None and row[0] == _signature(st) else None

    def remember_hash(self, path: str, st: os.stat_result, content_hash: str) -> None:
        """Record the hash of the bytes read after `st` was taken, unless the file changed too
        recently for its times to tell a later write apart."""
        signature = settled_signature(st)
        if signature is not None:
            self.remember_signed(path, signature, content_hash)

    def lacks(self, path: str, ruleset_digest: str) -> bool:
        """Whether `get(path, ..., ruleset_digest)` is known to miss whatever the content hash:
        `preload` found no entry for the path. (False when it cannot tell.)"""
        key = _key(path)
        return key in self._preloaded and ruleset_digest == self._preloaded_ruleset and key not in self._entries

    def remember_signed(self, path: str, signature: str, content_hash: str) -> None:
        """`remember_hash` with the signature `settled_signature` gave when the file was read
        (in pass 1, possibly in another process); nothing is written when the stats already say so."""
        sqlite3 = _sqlite3()

        key = _key(path)
        if key in self._preloaded and self._stats.get(key) == (signature, content_hash):
            return
        db = self._connection()
        if db is None:
            return
        try:
            db.execute("INSERT OR REPLACE INTO stats VALUES (?, ?, ?)", (key, signature, content_hash))
            self._pending += 1
            if key in self._preloaded:
                self._stats[key] = (signature, content_hash)
        except sqlite3.DatabaseError:
            self._db = None

    def flush(self) -> None:
        sqlite3 = _sqlite3()

        if self._db is None:
            return
        try:
            self._db.commit()
            self._pending = 0
        except sqlite3.DatabaseError:
            self._db = None

    def close(self) -> None:
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None


class ClaimCache(SqliteCache):
    table = "claims"
    filename = "claims.sqlite3"


class ResultCache(SqliteCache):
    table = "results"
    filename = "results.sqlite3"


class RunCache(SqliteCache):
    """Rows named "<rules>" and "<corpus>" rather than by a file (see the module docstring)."""

    table = "run"
    filename = "run.sqlite3"


class ReportFile:
    """The run replay's one entry, in a file of its own: a line with the context (the rules,
    code and selection it was made under), a line with its key, then the entry. Replaced whole
    (written beside it, then renamed to its name: `_replace`), so a reader sees the old entry, none
    or the new one, never half of one; any failure to read or write is a miss, as with the SQLite
    caches."""

    filename = "report.json"
    encoding: str = "ascii"
    errors: str = "strict"
    newline: str | None = None

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        # The folder and the file's name as strings: a run that replays its output reads it
        # without pathlib, and one that stores it writes it without.
        self.folder = normal(os.fspath(directory))
        self.file = joined(self.folder, self.filename)

    @property
    def path(self) -> Path:
        from pathlib import Path

        return Path(self.file)

    def context(self) -> str | None:
        """The context of the entry held, without reading the entry."""
        try:
            with open(self.file, encoding=self.encoding, errors=self.errors, newline=self.newline) as fh:
                return fh.readline(200).rstrip("\n")
        except (OSError, ValueError):
            return None

    def get(self, context: str, key: str) -> str | None:
        entry = self.entry(context)
        return entry[1] if entry is not None and entry[0] == key else None

    def entry(self, context: str) -> tuple[str, str] | None:
        """The key and the entry held under `context`, whatever the key (None when none is)."""
        try:
            with open(self.file, "rb") as fh:  # bytes, decoded at once: no newline translation to scan for
                text = fh.read().decode(self.encoding, self.errors)
        except (OSError, ValueError):
            return None
        first = text.find("\n")  # the two head lines found, the entry is copied out once
        second = text.find("\n", first + 1)
        if first < 0 or second < 0 or text[:first] != context:
            return None
        data = text[second + 1 :]
        return (text[first + 1 : second], data) if data else None

    def lines(self, context: str) -> tuple[str, str, str, memoryview | None] | None:
        """`entry`, its entry split at its first line break: the key, the entry's first line and
        the rest after that line break (empty when it has none), and the first line's bytes as
        read (None unless the file's encoding writes a character as one byte), for a writer of
        a new entry to copy the parts of it kept (see `put`). Each part is decoded from the bytes
        read, not from a decoded copy of the whole file: for a report of some hundred kilobytes,
        each copy is some hundred page faults of a short run."""
        try:
            with open(self.file, "rb") as fh:
                raw = fh.read()
            first = raw.find(b"\n")
            second = raw.find(b"\n", first + 1)
            if first < 0 or second < 0 or second + 1 == len(raw):
                return None
            cut = raw.find(b"\n", second + 1)
            cut = len(raw) if cut < 0 else cut
            view = memoryview(raw)
            decode = self.encoding, self.errors
            if str(view[:first], *decode) != context:
                return None
            key, line, rest = str(view[first + 1 : second], *decode), str(view[second + 1 : cut], *decode), str(view[cut + 1 :], *decode)
        except (OSError, ValueError):
            return None
        return key, line, rest, view[second + 1 : cut] if self.encoding == "ascii" else None

    def put(self, context: str, key: str, *data: str | bytes | memoryview) -> None:
        """Store an entry (ASCII text: JSON written with ensure_ascii), given in pieces (written
        one after the other, each encoded on its own: the entry is never copied whole). A piece
        given as bytes (or a view of them) is written as it is: bytes read from such an entry
        (`lines`)."""
        try:
            entry = [
                f"{context}\n{key}\n".encode(self.encoding, self.errors),
                *[d.encode(self.encoding, self.errors) if type(d) is str else d for d in data],
            ]  # fmt: skip
        except ValueError:  # not ASCII (a report) or not encodable
            return
        self._replace(*entry)

    def _replace(self, *parts: bytes | memoryview) -> None:
        """Write the file anew from these bytes, beside it, then rename it to its name.

        The old file is removed first: renamed over an existing file, a file's data is written
        out at once on ext4 (its auto_da_alloc guard against losing it in a power cut), a
        millisecond or more a run would wait for. Readers meanwhile see the old entry, none (a
        miss) or the new one, never part of one; after a power cut the new file may be empty or
        cut short, which reads as a miss too (an output's entry says how long it is)."""
        path = self.file
        tmp = joined(self.folder, f".{self.filename}.{os.getpid()}.{time.time_ns()}.tmp")
        try:
            _prepare(self.folder)
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for the SQLite files
            try:
                with os.fdopen(fd, "wb") as fh:
                    for part in parts:
                        fh.write(part)
                try:
                    os.unlink(path)
                except FileNotFoundError:
                    pass
                os.replace(tmp, path)
            except BaseException:
                try:
                    os.unlink(tmp)
                except FileNotFoundError:
                    pass
                raise
        except (OSError, ValueError):
            return


class OutputFile(ReportFile):
    """The replayed run's output (`Linter.lint_paths_rendered`): as `ReportFile`, its key being
    the Report's key and the output's variant (format and options). Any text: written as UTF-8,
    lone surrogates included."""

    filename = "output.txt"
    encoding, errors, newline = "utf-8", "surrogatepass", ""  # "\r" kept as it is

    def get_entry(self, context: str, key: str) -> tuple[bytes, bytes, bytes] | None:
        """The entry held under `key`: the line naming the highest severity of the findings, the
        line of where the output's blocks start (`srclint.reporters.blocks`; empty when it has
        none), each without its line break, and the output, left in the bytes it is stored as
        (UTF-8, lone surrogates as "surrogatepass" writes them): a caller copying it to a byte
        stream need not decode it. The file is written without newline translation, so its bytes
        are the text's. (After the head, a line says how many bytes follow it: an entry cut
        short is a miss.)"""
        try:
            want = f"{context}\n{key}\n".encode(self.encoding, self.errors)
            with open(self.file, "rb") as fh:
                # The two head lines first: a run that does not replay (another key) reads no
                # more, and one that does reads the entry without copying it out of the file's text.
                if fh.readline() + fh.readline() != want:
                    return None
                size, worst, where = fh.readline(), fh.readline(), fh.readline()
                data = fh.read()
        except (OSError, ValueError):
            return None
        if not (worst.endswith(b"\n") and where.endswith(b"\n") and size[:-1].isdigit() and size.endswith(b"\n")):
            return None  # cut short
        if int(size) != len(worst) + len(where) + len(data):
            return None
        return worst[:-1], where[:-1], data

    def get(self, context: str, key: str) -> str | None:
        """The output held under `key`, as text."""
        entry = self.get_entry(context, key)
        return None if entry is None else self.text_of(entry[2])

    def put_bytes(self, context: str, key: str, *data: bytes) -> None:
        """Store an entry in the bytes it is kept in (`get_entry`: the two lines, then the
        output), in pieces."""
        try:
            head = f"{context}\n{key}\n{sum(map(len, data))}\n".encode(self.encoding, self.errors)
        except ValueError:
            return
        self._replace(head, *data)

    @classmethod
    def text_of(cls, data: bytes) -> str | None:
        """The text of an entry's bytes; None when they do not decode (a damaged file: a miss)."""
        try:
            return data.decode(cls.encoding, cls.errors)
        except ValueError:
            return None


def clear(directory: str | Path) -> list[Path]:
    """Remove srclint's cache files from a cache folder; returns what was removed."""
    from pathlib import Path

    removed = []
    folder = Path(directory)
    for name in CACHE_FILES:
        for path in (folder / name, folder / f"{name}-wal", folder / f"{name}-shm", folder / f"{name}-journal"):
            if path.exists():
                path.unlink()
                removed.append(path)
    return removed
