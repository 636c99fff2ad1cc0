"""`srclint daemon`: one resident process that runs the command line's check runs.

A one-shot run after an edit spends most of its time importing the rule machinery and loading the
rule set, to lint one file. `srclint daemon start` keeps a process with both done. While it runs,
`srclint [check] ...` (this module's `delegate`, called first thing by `srclint.cli.entry`) sends
its arguments, working directory, environment and umask to the daemon over a Unix socket, and
with them its standard input, output and error: the descriptors themselves (SCM_RIGHTS), not
copies of the data. A child of the daemon, forked before the request came (a spare, see
`serve`), takes the run: it makes those descriptors its own 0, 1 and 2, moves to the caller's
directory and environment, and runs the very `srclint.cli` code a one-shot process runs,
writing straight to the caller's terminal, pipe or file. It then sends back the exit code and
ends. So a run through the daemon prints what a one-shot run prints, byte for byte, and exits
with the same code; only the start-up is gone. Each run has a process of its own: nothing one
run does (to the environment, the folder, the rules' memos) reaches the next.

Safety:
- The socket lives in a folder only this user may enter (created 0700, checked before use), and
  the daemon also checks that each caller runs as its own user (SO_PEERCRED where the system has
  it).
- Each srclint install (interpreter plus package folder) has its own socket, named by a digest
  of both. A caller also sends a digest of the package's source files (names, sizes, modification
  times). If that differs from the daemon's, srclint was changed under it: the daemon declines
  and exits, and the caller runs on its own.
- Anything unexpected before the run starts (no daemon, a stale socket, a refused request) makes
  the caller run by itself, as if there were no daemon. `SRCLINT_NO_DAEMON=1` skips the daemon.
- Ctrl-C in the caller is passed on to the run, which stops as a one-shot run would (exit 130).

The daemon exits after `--idle-timeout` seconds without a request (default an hour), on
`srclint daemon stop`, or on SIGTERM. Unix only (fork and descriptor passing).

The caller's side, `delegate`, runs on every command line, so it imports only what the replay
path already has loaded (`_socket` aside), and does nothing but look for the socket when no
daemon runs. The daemon's side imports what it needs in its functions.
"""

from __future__ import annotations

import marshal
import os
import sys

TYPE_CHECKING = False  # typing is not imported: delegate runs before every command line
if TYPE_CHECKING:
    import socket as socket_module
    from collections.abc import Sequence
    from typing import Any, BinaryIO

__all__ = ["delegate", "serve", "socket_path", "start", "status", "stop"]

PROTOCOL = 1
IDLE_TIMEOUT = 3600.0
START_TIMEOUT = 300.0
HANDOVER_TIMEOUT = 5.0  # the caller's wait for a daemon to take its run
REQUEST_TIMEOUT = 2.0  # the daemon's wait for a connection's request (made before connecting)
# One request: its length (4 bytes), then a marshalled dict. Replies to a run are a tag byte and
# a 4-byte signed integer: A (taken: the caller then sends F with its three standard streams), P
# (the run's process id), to which the caller says G (go on) before the run begins, then X (its
# exit code); or S ("declined: run it yourself"). Status and stop get a length and a marshalled
# dict.
_INT = 4


def _int(data: bytes) -> int:
    return int.from_bytes(data, "big", signed=True)


def _bytes(n: int) -> bytes:
    return n.to_bytes(_INT, "big", signed=True)


# -- where the socket is -----------------------------------------------------------------------


def socket_folder() -> str:
    """The user's folder for daemon sockets: $XDG_RUNTIME_DIR/srclint if that is set (a per-user
    folder the system cleans), else srclint-<uid> in $TMPDIR or /tmp."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime:
        return os.path.join(runtime, "srclint")
    return os.path.join(os.environ.get("TMPDIR") or "/tmp", f"srclint-{os.getuid()}")


def install_id() -> str:
    """A digest of this interpreter and this srclint package's folder: one daemon per install."""
    from _blake2 import blake2b

    package = os.path.dirname(os.path.abspath(__file__))
    return blake2b(f"{sys.executable}\0{package}\0{sys.version}".encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()


def socket_path() -> str:
    """Where this install's daemon listens: $SRCLINT_DAEMON_SOCKET, else a socket named by
    `install_id` in `socket_folder`."""
    return os.path.abspath(os.environ.get("SRCLINT_DAEMON_SOCKET") or os.path.join(socket_folder(), f"{install_id()}.sock"))


def _private_folder(folder: str) -> bool:
    """Whether `folder` is this user's and closed to everyone else (so a socket in it is one this
    user made)."""
    try:
        st = os.stat(folder)
    except OSError:
        return False
    return st.st_uid == os.getuid() and not st.st_mode & 0o077


def code_state() -> str:
    """A digest of srclint's source files (the one the caches are keyed by): it changes when
    srclint is upgraded or edited, which a resident process would not see."""
    from .pack_cache import code_digest

    return code_digest().hex()


# -- the caller's side -------------------------------------------------------------------------


def wanted(argv: Sequence[str]) -> bool:
    """Whether this command line goes to a daemon when one runs: check runs only (not `rules`,
    `server`, `daemon`, ...), and not `--watch`, which stays up by itself."""
    if os.name != "posix" or os.environ.get("SRCLINT_NO_DAEMON"):
        return False
    from .cli import SUBCOMMANDS  # (loaded already: the command line calls `delegate`)

    if argv and argv[0] != "check" and argv[0] in SUBCOMMANDS:
        return False
    return not any(a in ("-w", "--watch") or (a[:1] == "-" and a[1:2] != "-" and "w" in a) for a in argv)


def delegate(argv: Sequence[str]) -> int | None:
    """Run this check command line in the daemon, if one runs for this install: the exit code.
    None when it did not run there (no daemon, or it declined): then nothing was printed, and the
    caller runs it itself."""
    if not wanted(argv):
        return None
    if sys.stdin is None or sys.stdout is None or sys.stderr is None:
        # A standard descriptor was closed when Python started: the socket would take its number
        # and be passed as that stream (a run reading it would wait on its own connection).
        return None
    path = socket_path()
    try:
        if not _private_folder(os.path.dirname(path) or "."):
            return None
        import _socket
    except (OSError, ImportError):
        return None
    if not os.path.exists(path):
        return None
    try:
        # Made before connecting: the daemon gives a connection little time to say what it wants.
        request = {
            "protocol": PROTOCOL,
            "kind": "run",
            "state": code_state(),
            "argv": list(argv),
            "cwd": os.getcwdb(),
            "env": dict(os.environb),
            "umask": _umask(),
            "streams": [_stream_info(s) for s in (sys.stdin, sys.stdout, sys.stderr)],
        }
    except OSError:  # the working folder is gone: the caller's own run reports it
        return None
    conn = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        try:
            # A daemon that does not take the run within HANDOVER_TIMEOUT (stopped, hung, swamped)
            # is given up on; a run it hands over later finds the caller gone and ends unbegun.
            conn.settimeout(HANDOVER_TIMEOUT)
            conn.connect(path)
            _send(conn, request)
            # The streams go only once the daemon has said it takes the run (A): descriptors sent
            # to a daemon that never reads them would stay open in its socket's queue, and a
            # pipeline reading this command's output would wait for its end until that daemon died.
            if _recv_exact(conn, 1 + _INT)[:1] != b"A":
                return None  # declined
            conn.sendmsg([b"F"], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, _fd_bytes((0, 1, 2)))])
        except OSError:
            return None
        except KeyboardInterrupt:  # before anything ran
            sys.stderr.write("srclint: interrupted\n")
            return 130
        return _await_exit(conn)
    finally:
        conn.close()


def _await_exit(conn: Any) -> int | None:
    """The run's exit code, once the daemon has taken the run (None if it declined). Ctrl-C
    here is passed on to the run, once its process is known (it stops as a one-shot run does);
    a second one ends it. SIGTERM and SIGHUP (a `timeout`, an editor dropping a stale run, a
    closed terminal) end the run too, then this process by the same signal, as they would end a
    one-shot run: the run is not left writing its report or fixes after its caller has gone."""
    import _signal  # type: ignore[import-not-found]  # (signal itself imports enum: some milliseconds)

    pid = None
    pressed = sent = 0  # Ctrl-C: times pressed, times passed on
    run: list[int] = []  # the run's pid, for the handler
    ended: list[int] = []  # SIGTERM or SIGHUP received

    def end(signum: int, frame: Any) -> None:
        ended.append(signum)
        if run:
            os.kill(run[0], signum)
        else:  # no run yet (or a daemon that does not answer): end now; a run begun later finds us gone and ends
            _signal.signal(signum, _signal.SIG_DFL)
            os.kill(os.getpid(), signum)

    for signum in (_signal.SIGTERM, _signal.SIGHUP):
        if _signal.getsignal(signum) == _signal.SIG_DFL:  # (not when told to ignore it: nohup)
            _signal.signal(signum, end)
    while True:
        try:
            if pressed > sent and pid is not None:
                os.kill(pid, 2 if sent == 0 else 9)  # SIGINT, then SIGKILL
                sent = pressed
            reply = _recv_exact(conn, 1 + _INT)  # sent whole: a tag and a number
            tag, number = reply[:1], _int(reply[1:])
            if tag == b"P" and pid is None:
                if pressed:  # Ctrl-C before the run began: it does not begin
                    break
                # The run waits for this before it begins: a caller that has given up (the
                # handover timeout) has closed the connection instead, and the run ends unbegun.
                conn.sendall(b"G")
                pid = number
                run.append(pid)
                conn.settimeout(None)  # the run itself may take as long as it takes
            elif tag == b"X":
                return number
            elif pid is None:  # declined (or a daemon going away): nothing has run
                break
            else:
                raise ConnectionResetError
        except KeyboardInterrupt:
            pressed += 1
        except OSError:
            break
    if ended:  # the run is ended by it (or never began): end as a one-shot run would
        _signal.signal(ended[0], _signal.SIG_DFL)
        os.kill(os.getpid(), ended[0])
    if pid is None:
        if pressed:
            sys.stderr.write("srclint: interrupted\n")
            return 130
        return None
    sys.stderr.write("srclint: error: the daemon's run ended without an exit code (see `srclint daemon status`)\n")
    return 2


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _stream_info(stream: Any) -> tuple[str, str, bool] | None:
    # (write_through: the caller's Python was told -u or PYTHONUNBUFFERED, which a write's timing
    # and a broken pipe's moment depend on)
    return None if stream is None else (getattr(stream, "encoding", None) or "utf-8", getattr(stream, "errors", None) or "strict",
                                        bool(getattr(stream, "write_through", False)))  # fmt: skip


def _send(conn: Any, message: dict[str, Any], fds: Sequence[int] = ()) -> None:
    data = marshal.dumps(message)
    data = _bytes(len(data)) + data
    if fds:
        import _socket

        sent = conn.sendmsg([data], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, _fd_bytes(fds))])
        data = data[sent:]
    if data:
        conn.sendall(data)


def _fd_bytes(fds: Sequence[int]) -> bytes:
    return b"".join(fd.to_bytes(4, sys.byteorder) for fd in fds)  # an array of C ints


def _recv_exact(conn: Any, n: int) -> bytes:
    chunks = []
    while n:
        chunk = conn.recv(n)
        if not chunk:
            raise ConnectionResetError("the daemon closed the connection")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _request(kind: str, path: str | None = None, timeout: float = 5.0) -> dict[str, Any] | None:
    """Ask the daemon at `path` something other than a run (status, stop): its answer, or None
    when no daemon answers there."""
    import socket

    path = path or socket_path()
    if not _private_folder(os.path.dirname(path) or "."):
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(timeout)
        try:
            conn.connect(path)
            _send(conn, {"protocol": PROTOCOL, "kind": kind})
            size = _int(_recv_exact(conn, _INT))
            answer = marshal.loads(_recv_exact(conn, size))
        except (OSError, EOFError, ValueError, TypeError):
            return None
    return answer if isinstance(answer, dict) else None


# -- the daemon's side -------------------------------------------------------------------------


class DaemonError(Exception):
    pass


def serve(path: str | None = None, idle_timeout: float = IDLE_TIMEOUT, ready: BinaryIO | None = None) -> int:
    """Run the daemon in this process until it is stopped, idle for `idle_timeout` seconds, or
    sees srclint's code change. `ready`, if given, gets one line once requests are accepted.

    A run is not forked when it arrives: a spare child, forked beforehand, takes it. The spare
    has already rehearsed (`_rehearse`), so the memory a run writes to (the rules' tables, the
    reference counts of the objects it uses, the allocator's pools) is mostly its own already;
    a child forked on the spot copies those pages while the caller waits, one page fault at a
    time. Each run the spare takes is replaced by a new spare once the runs have ended. A run
    that comes while no spare is done rehearsing is forked on the spot.

    The daemon exits after `idle_timeout` seconds without a run (runs still going on then are
    processes of their own and finish), on a stop request, SIGTERM or SIGHUP."""
    import shutil
    import signal
    import tempfile
    import time

    path = os.path.abspath(path or socket_path())
    listener = _listen(path)
    inode = os.stat(path).st_ino
    state = code_state()
    _REHEARSALS[:] = [tempfile.mkdtemp(prefix=".rehearsals-", dir=os.path.dirname(path))]
    _preload()
    os.chdir("/")  # the configuration is read: hold no folder (each run moves to its caller's)
    started = time.time()
    served = 0
    children: set[int] = set()

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    daemon_pid = os.getpid()
    spare: _Spare | None = None
    if ready is not None:
        ready.write(f"ready {daemon_pid}\n".encode())
        ready.flush()
    try:
        last = time.monotonic()
        while True:
            _reap(children)
            # The next spare is forked once the runs have ended: its rehearsal would take a core
            # from them.
            if not children and (spare is None or not spare.alive()):
                try:
                    spare = _Spare.fork(listener)
                except OSError:  # no fork now (out of processes or memory): runs fork on the spot
                    spare = None
            idle = time.monotonic() - last
            if idle >= idle_timeout:  # (runs still going on are processes of their own)
                return 0
            listener.settimeout(0.05 if children else min(idle_timeout - idle, 60.0))
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:  # out of descriptors, say: wait a moment rather than end
                time.sleep(0.1)
                continue
            with conn:
                conn.settimeout(REQUEST_TIMEOUT)
                try:
                    if not _same_user(conn):
                        continue
                    message, fds = _receive(conn)
                except (OSError, ValueError, EOFError, TypeError):
                    continue
                try:
                    kind = message.get("kind")
                    if kind == "status":
                        _reap(children)
                        info = {"pid": daemon_pid, "socket": path, "started": started, "runs": served,
                                "running": len(children), "idle_timeout": idle_timeout,
                                "spare": spare.pid if spare is not None and spare.alive() else None}  # fmt: skip
                        _answer(conn, info)
                    elif kind == "stop":
                        _answer(conn, {"stopped": daemon_pid})
                        return 0
                    elif kind == "run":
                        last = time.monotonic()  # (asking for the status is no use of it)
                        if message.get("protocol") != PROTOCOL:
                            conn.sendall(b"S" + _bytes(0))
                            continue
                        if message.get("state") != state:
                            conn.sendall(b"S" + _bytes(0))  # srclint changed under this process: make way
                            return 0
                        conn.sendall(b"A" + _bytes(0))  # taken: now the caller's streams
                        fds += _receive_fds(conn)
                        if len(fds) != 3:
                            continue
                        if spare is not None and spare.ready() and spare.take(conn, message, fds):
                            children.add(spare.pid)
                            spare = None
                        else:  # no spare done rehearsing: fork the run now (a spare is kept)
                            pid = os.fork()
                            if pid == 0:
                                listener.close()
                                _run_child(conn, message, fds)  # never returns
                            children.add(pid)
                        served += 1
                except OSError:  # the caller hung up, or no fork: that request only (a run then is the caller's own)
                    continue
                finally:
                    for fd in fds:
                        os.close(fd)
    finally:
        if os.getpid() == daemon_pid:
            shutil.rmtree(_REHEARSALS[0], ignore_errors=True)
            listener.close()
            if spare is not None:
                spare.close()
            try:
                if os.stat(path).st_ino == inode:  # still this daemon's socket
                    os.unlink(path)
            except OSError:
                pass


class _Spare:
    """A forked child waiting for one run (see `serve`): the daemon hands it the caller's
    connection and descriptors over a socket pair."""

    def __init__(self, pid: int, sock: socket_module.socket) -> None:
        self.pid, self.sock = pid, sock
        self._ready = False

    @classmethod
    def fork(cls, listener: socket_module.socket) -> _Spare:
        import socket

        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:
            listener.close()
            ours.close()
            _spare_main(theirs)  # never returns
        theirs.close()
        return cls(pid, ours)

    def alive(self) -> bool:
        try:
            return os.waitpid(self.pid, os.WNOHANG) == (0, 0)
        except ChildProcessError:
            return False

    def ready(self) -> bool:
        """Whether it is done rehearsing (it says so with one byte)."""
        if not self._ready:
            import select

            if select.select([self.sock], [], [], 0)[0]:
                self._ready = self.sock.recv(1) == b"R"
        return self._ready

    def take(self, conn: socket_module.socket, message: dict[str, Any], fds: list[int]) -> bool:
        """Hand the run over; False when the spare cannot take it (it has died)."""
        try:
            _send(self.sock, message, fds=(conn.fileno(), *fds))
        except OSError:
            self.close()
            return False
        self.sock.close()
        return True

    def close(self) -> None:
        self.sock.close()  # a spare waiting for a run ends when its socket closes
        try:
            os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:
            pass


def _spare_main(sock: socket_module.socket) -> None:
    import signal
    import socket

    try:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        _rehearse()
        sock.sendall(b"R")
        message, fds = _receive(sock, 4)
        sock.close()
    except BaseException:
        os._exit(0)  # the daemon is gone, or handed nothing usable
    if len(fds) != 4:
        os._exit(0)
    _run_child(socket.socket(fileno=fds[0]), message, fds[1:])


def _listen(path: str) -> socket_module.socket:
    import socket

    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError as exc:
        raise DaemonError(f"cannot make the socket folder {folder}: {exc.strerror}") from None
    if not _private_folder(folder):
        raise DaemonError(f"{folder} must belong to you and be closed to others (chmod 700) to hold the daemon's socket")
    if os.path.exists(path):
        if _listening(path):
            raise DaemonError(f"a daemon is already running on {path}")
        os.unlink(path)  # left by a daemon that did not end cleanly
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(path)
    except OSError as exc:
        listener.close()
        raise DaemonError(f"cannot listen on {path}: {exc.strerror or exc}") from None  # (a path too long has no strerror)
    os.chmod(path, 0o600)
    listener.listen(16)
    return listener


def _listening(path: str) -> bool:
    """Whether a process listens on the socket at `path`. Not whether it answers a status request:
    a daemon still loading its rules, or with a full backlog, answers late, and its socket must
    not be taken from it."""
    import socket

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.setblocking(False)
        try:
            probe.connect(path)
        except (ConnectionRefusedError, FileNotFoundError):
            return False
        except OSError:  # EAGAIN: its backlog is full
            return True
    return True


def _same_user(conn: socket_module.socket) -> bool:
    import socket

    if not hasattr(socket, "SO_PEERCRED"):
        return True  # the folder's permissions are the check here
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, 12)
    return int.from_bytes(creds[4:8], sys.byteorder) == os.getuid()


def _receive(conn: socket_module.socket, max_fds: int = 3) -> tuple[dict[str, Any], list[int]]:
    import socket

    head, fds, _, _ = socket.recv_fds(conn, _INT, max_fds)
    fds = list(fds)
    try:
        if len(head) < _INT:
            head += _recv_exact(conn, _INT - len(head))
        size = _int(head)
        if not 0 < size < 64 << 20:
            raise ValueError("bad request size")
        message = marshal.loads(_recv_exact(conn, size))
        if not isinstance(message, dict):
            raise TypeError("bad request")
    except BaseException:
        for fd in fds:
            os.close(fd)
        raise
    return message, fds


def _receive_fds(conn: socket_module.socket) -> list[int]:
    """The three descriptors a caller sends with one byte (F) once its run is taken."""
    import socket

    data, fds, _, _ = socket.recv_fds(conn, 1, 3)
    if data != b"F":
        for fd in fds:
            os.close(fd)
        return []
    return list(fds)


def _answer(conn: socket_module.socket, info: dict[str, Any]) -> None:
    data = marshal.dumps(info)
    conn.sendall(_bytes(len(data)) + data)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def _preload() -> None:
    """Import what check runs import, load the rule set of the configuration found from the
    daemon's folder (the built-in packs when there is none), and rehearse once, so that a forked
    run starts with all of it done."""
    import gc

    from . import pack_cache
    from .config import Settings, load_settings
    from .packs import load_rules

    pack_cache.keep_in_memory()
    try:
        settings, _ = load_settings(None)
    except Exception:
        settings = Settings()
    try:
        load_rules(*settings.rules, builtin=settings.builtin_rules)
        # Once more, now certainly from the pack cache's file (the first load may have built and
        # stored it), so that the rule set kept is the one a run's load asks for.
        load_rules(*settings.rules, builtin=settings.builtin_rules)
    except Exception:
        pass  # a broken configuration or pack is the runs' to report
    _rehearse()
    gc.collect()
    gc.freeze()  # what is loaded now stays as it is: forked runs share its memory pages


_REHEARSALS: list[str] = []  # the folder the rehearsals of this daemon go in


def _rehearse() -> None:
    """Run the check command line's usual paths on a small project of its own: a full lint that
    stores its report, then a run after an edit (one file linted, the stored report spliced), in
    the formats people print. In the daemon this imports what those paths import and makes what
    they make on first use; in a spare, it makes the memory pages a run writes to the spare's
    own before a caller waits for them (see `serve`)."""
    import io
    import shutil
    import tempfile

    from . import cache
    from .cli import main

    # In the daemon's own folder (see `serve`), which it removes on leaving: a spare killed while
    # it rehearses leaves its folder behind.
    folder = tempfile.mkdtemp(prefix="rehearsal-", dir=_REHEARSALS[0] if _REHEARSALS else None)
    here = os.open(".", os.O_RDONLY)
    racy, cache.RACY_NS = cache.RACY_NS, 0  # so that runs a moment apart store their reports
    try:
        os.chdir(folder)  # the cache folder is the project's (here, the rehearsal's)
        for name, text in (("a.md", _SAMPLE), ("b.txt", _SAMPLE.split("---\n")[-1])):
            with open(name, "w", encoding="utf-8") as fh:
                fh.write(text)
        for fmt in ("concise", "text", "concise"):
            main(["--no-config", "-j1", "--no-progress", "-q", "--format", fmt], stdout=io.StringIO(), stderr=io.StringIO())
            with open("b.txt", "a", encoding="utf-8") as fh:
                fh.write("Perhaps more was said.\n")
    except Exception:
        pass  # a rehearsal that fails saves less; the runs report their own problems
    finally:
        cache.RACY_NS = racy
        os.fchdir(here)
        os.close(here)
        shutil.rmtree(folder, ignore_errors=True)


_SAMPLE = """---
title: A sample
date: 2025-10-27
---
# A sample

Officials said on Monday, October 27, 2025, that the plane landed in Caracas, according to Reuters.
Analysts note it could perhaps trigger a "frantic" response, reportedly amid whispers of talks.
It was 3 p.m. on Tuesday; the ministry said 1,200 people attended.
"""


def _run_child(conn: socket_module.socket, message: dict[str, Any], fds: list[int]) -> None:
    """The forked run: take the caller's streams, folder and environment, run the command line
    as `srclint.cli.entry` would, send the exit code, and end."""
    import signal

    code = 2
    try:
        conn.setblocking(True)  # the daemon gave it a timeout (a flag of the descriptor, so shared)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        import fcntl

        high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in fds]  # none of them is 0-2 now
        for fd in fds:
            os.close(fd)
        fds.clear()
        for target, fd in enumerate(high):
            os.dup2(fd, target)
            os.close(fd)
        _adopt_streams(message.get("streams") or [])
        try:
            conn.sendall(b"P" + _bytes(os.getpid()))
            go = conn.recv(1)
        except OSError:
            go = b""
        if go != b"G":  # the caller has gone (given up, or stopped at Ctrl-C) before its run began: no run
            os._exit(0)
        try:
            os.chdir(message["cwd"])
        except OSError as exc:
            sys.stderr.write(f"srclint: error: cannot enter the working folder: {exc.strerror}\n")
        else:
            os.umask(message["umask"])
            os.environb.clear()
            os.environb.update(message["env"])
            argv = [str(a) for a in message["argv"]]
            sys.argv = ["srclint", *argv]
            from .cli import run_command_line

            code = run_command_line(argv)
    except KeyboardInterrupt:  # Ctrl-C passed on before the run began
        code = 130
        _say("srclint: interrupted\n")
    except SystemExit as exc:  # --help, --version: ended as the interpreter ends a one-shot run
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            code = 1
            _say(f"{exc.code}\n")
    except BaseException as exc:  # never back into the daemon's loop
        _say(f"srclint: internal error in the daemon's run: {exc!r}\n")
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
        try:
            conn.sendall(b"X" + _bytes(code))
        except Exception:
            pass
        os._exit(0)


def _say(text: str) -> None:
    try:
        sys.stderr.write(text)
    except Exception:
        pass


def _adopt_streams(info: Sequence[tuple[str, str, bool] | None]) -> None:
    """Make sys.stdin/stdout/stderr the caller's (descriptors 0-2 now are), with its encodings
    and buffering."""
    import io

    for fd, name in enumerate(("stdin", "stdout", "stderr")):
        enc, errors, unbuffered = (info[fd] if fd < len(info) and info[fd] else None) or (None, None, False)
        try:
            if unbuffered and fd:  # as Python sets up -u's: no buffer under the text layer
                raw = io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding=enc or "utf-8", errors=errors or "strict", write_through=True)
                setattr(sys, name, raw)
                setattr(sys, f"__{name}__", raw)
                continue
            stream = open(fd, "r" if fd == 0 else "w", encoding=enc or "utf-8", errors=errors or "strict", closefd=False)  # noqa: SIM115 (the run's standard stream)
        except (OSError, LookupError):
            continue
        if fd == 2 or (fd == 1 and os.isatty(1)):  # as Python sets up its own
            stream.reconfigure(line_buffering=True)
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


# -- the subcommand's actions ------------------------------------------------------------------


def start(idle_timeout: float = IDLE_TIMEOUT, path: str | None = None) -> tuple[int, str]:
    """Start a daemon in the background (its own session, no terminal): its process id and
    socket, once it accepts requests. DaemonError if it cannot start, as when one listens on the
    socket already (`_listen`; the command line asks for the status first, to say so plainly)."""
    import subprocess

    path = path or socket_path()
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, mode=0o700, exist_ok=True)
    log_path = os.path.splitext(path)[0] + ".log"
    # This very srclint: its folder first on the path, and -P so that a `srclint` folder in the
    # working folder (where the daemon looks for a configuration) is not imported instead.
    env = dict(os.environ)
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    env["PYTHONPATH"] = os.pathsep.join(p for p in (here, env.get("PYTHONPATH")) if p)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-P", "-m", "srclint", "daemon", "run", "--socket", path, "--idle-timeout", str(idle_timeout), "--ready"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log, start_new_session=True, close_fds=True, env=env,
        )  # fmt: skip
    assert proc.stdout is not None
    import select

    # Loading the rules may mean compiling the packs first (some seconds); a daemon stuck for
    # minutes is not waited for.
    line = proc.stdout.readline() if select.select([proc.stdout], [], [], START_TIMEOUT)[0] else b""
    proc.stdout.close()
    if not line.startswith(b"ready "):
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        with open(log_path, "rb") as fh:
            said = fh.read().decode("utf-8", "replace").strip().splitlines()
        # (its last line is the error as the daemon's command line printed it: not prefixed twice)
        raise DaemonError(said[-1].removeprefix("srclint: error: daemon: ") if said else f"the daemon did not start (exit status {proc.returncode})")
    return int(line.split()[1]), path


def stop(path: str | None = None) -> int | None:
    """Stop the daemon: its process id, or None when none was running."""
    info = _request("stop", path)
    return None if info is None else int(info["stopped"])


def status(path: str | None = None) -> dict[str, Any] | None:
    return _request("status", path)
