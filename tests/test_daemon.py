"""`srclint daemon`: check runs handed to a resident process print what one-shot runs print, with
the same exit code; anything odd sends the run back to the caller. Each daemon here listens on a
socket of its own (SRCLINT_DAEMON_SOCKET), started and stopped through the command line."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from srclint import daemon

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the daemon needs fork and Unix sockets")


def _env(socket_path: Path, pythonpath: Path = ROOT) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SRCLINT_NO_DAEMON"}
    env.update(PYTHONPATH=str(pythonpath), SRCLINT_DAEMON_SOCKET=str(socket_path))
    return env


def srclint(args: list[str], env: dict[str, str], cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "srclint", *args], env=env, cwd=cwd, capture_output=True, timeout=120, check=False, **kw)  # type: ignore[call-overload, no-any-return]


def one_shot(args: list[str], env: dict[str, str], cwd: Path | None = None, **kw: object) -> subprocess.CompletedProcess[bytes]:
    return srclint(args, {**env, "SRCLINT_NO_DAEMON": "1"}, cwd, **kw)


def served(env: dict[str, str]) -> int:
    out = srclint(["daemon", "status"], env).stdout.decode()
    assert "running" in out, out
    return int(out.split(" runs served" if " runs served" in out else " run served")[0].rsplit(" ", 1)[-1])


def _private_socket(folder: Path) -> Path:
    sockets = folder / "s"
    sockets.mkdir(mode=0o700)
    return sockets / "d.sock"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    env = _env(_private_socket(tmp_path_factory.mktemp("daemon")))
    started = srclint(["daemon", "start"], env)
    assert started.returncode == 0, started.stderr
    assert b"started" in started.stdout
    yield env
    srclint(["daemon", "stop"], env)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "notes.md").write_text("---\ntitle: Notes\n---\nAnalysts note that perhaps it could trigger talks.\n", encoding="utf-8")
    return tmp_path


def _same(a: subprocess.CompletedProcess[bytes], b: subprocess.CompletedProcess[bytes]) -> None:
    assert (a.returncode, a.stdout, a.stderr) == (b.returncode, b.stdout, b.stderr)


@pytest.mark.parametrize("args", [
    [], ["--format", "json"], ["--format", "concise", "-q"], ["--format", "sarif"], ["--format", "github"],
    ["--no-cache", "--statistics"], ["--select", "ATT", "--exit-zero"], ["-j2", "--no-cache"],
])  # fmt: skip
def test_runs_print_what_one_shot_runs_print(env: dict[str, str], project: Path, args: list[str]) -> None:
    before = served(env)
    through = srclint([*args, "."], env, project)
    assert served(env) == before + 1  # it did go through the daemon
    _same(through, one_shot([*args, "."], env, project))
    assert through.stdout  # a report, not an empty agreement
    assert through.returncode == (0 if "--exit-zero" in args else 1)


def test_after_an_edit_and_when_warm(env: dict[str, str], project: Path) -> None:
    srclint(["."], env, project)
    note = project / "notes.md"
    note.write_text(note.read_text(encoding="utf-8") + "Experts warn of a hulking, frantic scramble.\n", encoding="utf-8")
    edited = srclint(["--format", "json", "."], env, project)
    assert b"hulking" in edited.stdout
    _same(edited, one_shot(["--format", "json", "--no-cache", "."], env, project))
    _same(srclint(["--format", "json", "."], env, project), edited)  # warm: the stored report


def test_standard_input_output_file_and_errors(env: dict[str, str], project: Path) -> None:
    text = (SEEDS / "000_28c3a11502086edd.txt").read_bytes()
    args = ["-", "--stdin-filename", "story.txt", "--format", "concise"]
    through = srclint(args, env, project, input=text)
    assert b"story.txt:" in through.stdout
    _same(through, one_shot(args, env, project, input=text))

    assert srclint(["-o", "out/report.log", "."], env, project).returncode == 2  # no such folder: as one-shot
    (project / "out").mkdir()
    through = srclint(["-o", "out/report.log", "."], env, project)
    assert through.stdout == b"" and through.returncode == 1
    kept = (project / "out" / "report.log").read_bytes()
    one_shot(["-o", "out/report.log", "."], env, project)
    assert (project / "out" / "report.log").read_bytes() == kept

    for bad in (["--format", "nope", "."], ["missing-folder"], ["--select", "NOPE999", "."], ["--help"], ["--version"]):
        wrong = srclint(bad, env, project)
        assert wrong.returncode == (0 if bad[0] in ("--help", "--version") else 2) and wrong.stdout + wrong.stderr
        _same(wrong, one_shot(bad, env, project))


def test_fixes_are_written_as_one_shot_writes_them(env: dict[str, str], tmp_path: Path) -> None:
    for name in ("through", "alone"):
        shutil.copytree(SEEDS, tmp_path / name)
    args = ["--fix", "--unsafe-fixes", "--format", "concise", "."]
    through = srclint(args, env, tmp_path / "through")
    _same(through, one_shot(args, env, tmp_path / "alone"))
    changed = [p.name for p in SEEDS.iterdir() if (tmp_path / "through" / p.name).read_bytes() != p.read_bytes()]
    assert changed  # the seeds' encoding damage was repaired
    for name in changed:
        assert (tmp_path / "through" / name).read_bytes() == (tmp_path / "alone" / name).read_bytes()


def test_environment_and_folder_are_the_callers(env: dict[str, str], project: Path) -> None:
    # SRCLINT_FORMAT is read from the caller's environment, the paths from the caller's folder.
    through = srclint(["seeds"], {**env, "SRCLINT_FORMAT": "concise"}, project)
    assert through.stdout.startswith(b"seeds/0")
    _same(through, one_shot(["seeds"], {**env, "SRCLINT_FORMAT": "concise"}, project))


def _waiting_run(env: dict[str, str], project: Path) -> subprocess.Popen[bytes]:
    """A caller whose run (in the daemon) reads standard input, which is held open: once the
    daemon has taken the run."""
    before = served(env)
    proc = subprocess.Popen([sys.executable, "-m", "srclint", "-"], env=env, cwd=project,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 60
    while served(env) == before:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    time.sleep(0.2)
    return proc


def test_ctrl_c_is_passed_on(env: dict[str, str], project: Path) -> None:
    # A run reading standard input waits for it; Ctrl-C at the caller stops the run itself.
    proc = _waiting_run(env, project)
    try:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130
    assert err.endswith(b"srclint: interrupted\n")


def test_a_lost_spare_is_replaced(env: dict[str, str], project: Path) -> None:
    deadline = time.monotonic() + 30
    while not (info := daemon.status(env["SRCLINT_DAEMON_SOCKET"]) or {}).get("spare"):  # forked once runs end
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(info["spare"], signal.SIGKILL)
    time.sleep(0.1)
    _same(srclint(["--format", "concise", "."], env, project), one_shot(["--format", "concise", "."], env, project))


def test_what_goes_to_the_daemon(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SRCLINT_NO_DAEMON")
    assert daemon.wanted(["seeds"]) and daemon.wanted(["check", "--format", "json", "a.md"]) and daemon.wanted([])
    for argv in (["--watch", "."], ["-w"], ["-qw", "."], ["server"], ["rules"], ["daemon", "status"], ["clean"]):
        assert not daemon.wanted(argv), argv
    monkeypatch.setenv("SRCLINT_NO_DAEMON", "1")
    assert not daemon.wanted(["seeds"])


def test_a_changed_srclint_is_not_served(tmp_path: Path) -> None:
    # The daemon of a copy of srclint; the copy is then edited: the next run is the caller's own
    # (the new code's), and the daemon leaves.
    copy = tmp_path / "copy"
    shutil.copytree(ROOT / "srclint", copy / "srclint", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", copy / "rules")
    env = _env(_private_socket(tmp_path), pythonpath=copy)
    # (run from tmp_path: `python -m` looks in the working folder first, which must not hold srclint)
    assert srclint(["daemon", "start"], env, tmp_path).returncode == 0
    try:
        assert daemon.status(env["SRCLINT_DAEMON_SOCKET"]) is not None
        srclint(["--format", "concise", str(SEEDS)], env, tmp_path)
        assert served(env) == 1
        module = copy / "srclint" / "severity.py"
        module.write_text(module.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        through = srclint(["--format", "concise", str(SEEDS)], env, tmp_path)
        _same(through, one_shot(["--format", "concise", str(SEEDS)], env, tmp_path))
        assert through.returncode == 1 and through.stdout
        stopped = srclint(["daemon", "status"], env, tmp_path)
        assert stopped.returncode == 1 and b"not running" in stopped.stdout
    finally:
        srclint(["daemon", "stop"], env, tmp_path)


def test_idle_daemon_exits(tmp_path: Path) -> None:
    env = _env(_private_socket(tmp_path))
    assert srclint(["daemon", "start", "--idle-timeout", "0.5"], env).returncode == 0
    deadline = time.monotonic() + 30
    while srclint(["daemon", "status"], env).returncode == 0:
        assert time.monotonic() < deadline, "the daemon outlived its idle timeout"
        time.sleep(0.2)
    assert not Path(env["SRCLINT_DAEMON_SOCKET"]).exists()  # it removed its socket
    assert [p.name for p in Path(env["SRCLINT_DAEMON_SOCKET"]).parent.iterdir()] == ["d.log"]  # and its rehearsals


def test_rehearsals_stay_in_the_daemons_folder(tmp_path: Path) -> None:
    # A spare killed while it rehearses leaves its folder behind: in the daemon's folder, which the
    # daemon removes when it stops.
    env = _env(_private_socket(tmp_path))
    assert srclint(["daemon", "start"], env).returncode == 0
    try:
        folder = Path(env["SRCLINT_DAEMON_SOCKET"]).parent
        (rehearsals,) = folder.glob(".rehearsals-*")
        for _ in range(3):
            deadline = time.monotonic() + 30
            while not (info := daemon.status(env["SRCLINT_DAEMON_SOCKET"]) or {}).get("spare"):
                assert time.monotonic() < deadline
                time.sleep(0.01)
            os.kill(info["spare"], signal.SIGKILL)
            srclint(["--format", "concise", str(SEEDS)], env, tmp_path)
    finally:
        srclint(["daemon", "stop"], env)
    deadline = time.monotonic() + 30
    while rehearsals.exists():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert [p.name for p in folder.iterdir()] == ["d.log"]


def test_a_folder_others_may_enter_is_refused(tmp_path: Path) -> None:
    sockets = tmp_path / "open"
    sockets.mkdir()
    sockets.chmod(0o755)
    env = _env(sockets / "d.sock")
    refused = srclint(["daemon", "start"], env)
    assert refused.returncode == 2
    assert b"closed to others" in refused.stderr
    assert not (sockets / "d.sock").exists()
    # and a check run there is the caller's own
    _same(srclint(["--format", "concise", str(SEEDS)], env), one_shot(["--format", "concise", str(SEEDS)], env))


def test_status_and_stop_without_a_daemon(tmp_path: Path) -> None:
    env = _env(_private_socket(tmp_path))
    status = srclint(["daemon", "status"], env)
    assert (status.returncode, status.stdout) == (1, b"srclint daemon: not running\n")
    stop = srclint(["daemon", "stop"], env)
    assert (stop.returncode, stop.stdout) == (0, b"srclint daemon: not running\n")
    # a socket file nobody listens on (a daemon killed) is no daemon either
    Path(env["SRCLINT_DAEMON_SOCKET"]).touch()
    _same(srclint(["--format", "concise", str(SEEDS)], env), one_shot(["--format", "concise", str(SEEDS)], env))


@pytest.mark.parametrize("redirect", ["<&-", ">&-", "2>&-"])
def test_a_closed_standard_stream_is_the_callers_own_run(env: dict[str, str], project: Path, redirect: str) -> None:
    # Python leaves sys.stdin/stdout/stderr None then; the socket would take the free number and
    # be passed as that stream (reading "-" from it never ended).
    command = f"printf 'Perhaps it could.\\n' | {{ {sys.executable} -m srclint - --format concise {redirect}; }} 2>&1"
    before = served(env)
    through = subprocess.run(command, shell=True, env=env, cwd=project, capture_output=True, timeout=60, check=False)
    assert served(env) == before
    _same(through, subprocess.run(command, shell=True, env={**env, "SRCLINT_NO_DAEMON": "1"}, cwd=project, capture_output=True, timeout=60, check=False))


def test_a_caller_hanging_up_does_not_end_the_daemon(tmp_path: Path) -> None:
    # Answering a caller that has gone fails (EPIPE); that must end the request, not the daemon.
    import socket

    env = _env(_private_socket(tmp_path))
    assert srclint(["daemon", "start"], env).returncode == 0
    try:
        for _ in range(100):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(env["SRCLINT_DAEMON_SOCKET"])
                daemon._send(conn, {"protocol": daemon.PROTOCOL, "kind": "status"})
        deadline = time.monotonic() + 30
        while daemon.status(env["SRCLINT_DAEMON_SOCKET"]) is None:  # (its backlog full a moment)
            assert time.monotonic() < deadline and Path(env["SRCLINT_DAEMON_SOCKET"]).exists()
            time.sleep(0.05)
    finally:
        srclint(["daemon", "stop"], env)


def test_a_caller_ended_by_sigterm_ends_its_run(env: dict[str, str], project: Path) -> None:
    # `timeout`, or an editor dropping a stale run: a one-shot run would end there, so the run in
    # the daemon must not go on (here it would wait for standard input, held open, for ever).
    proc = _waiting_run(env, project)
    try:
        proc.terminate()
        assert proc.wait(timeout=60) == -signal.SIGTERM
        deadline = time.monotonic() + 30
        while (daemon.status(env["SRCLINT_DAEMON_SOCKET"]) or {}).get("running"):
            assert time.monotonic() < deadline, "the run outlived its caller"
            time.sleep(0.05)
    finally:
        if proc.poll() is None:
            proc.kill()
        for stream in (proc.stdin, proc.stdout, proc.stderr):
            assert stream is not None
            stream.close()


def test_a_socket_listened_on_is_not_taken_over(tmp_path: Path) -> None:
    # A daemon that does not answer at once (loading its rules, or busy) still owns its socket: a
    # second `start` must not unlink it and listen in its place (the first would be orphaned).
    import socket

    env = _env(_private_socket(tmp_path))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as slow:
        slow.bind(env["SRCLINT_DAEMON_SOCKET"])
        slow.listen(4)
        inode = os.stat(env["SRCLINT_DAEMON_SOCKET"]).st_ino
        started = srclint(["daemon", "start"], env)
        try:
            assert started.returncode == 2 and b"already running" in started.stderr
            assert os.stat(env["SRCLINT_DAEMON_SOCKET"]).st_ino == inode
        finally:
            if started.returncode == 0:
                srclint(["daemon", "stop"], env)


def test_a_socket_path_too_long_is_said_once_and_plainly(tmp_path: Path) -> None:
    sockets = tmp_path / ("x" * 120)
    sockets.mkdir(mode=0o700)
    env = _env(sockets / "d.sock")
    refused = srclint(["daemon", "start"], env)
    assert refused.returncode == 2
    assert refused.stderr.startswith(b"srclint: error: daemon: cannot listen on ") and refused.stderr.count(b"srclint:") == 1
    assert refused.stderr.endswith(b": AF_UNIX path too long\n")
    _same(srclint(["--format", "concise", str(SEEDS)], env), one_shot(["--format", "concise", str(SEEDS)], env))


def test_a_run_whose_caller_has_gone_does_not_begin(env: dict[str, str], tmp_path: Path) -> None:
    # A caller that hangs up right after its request (Ctrl-C there, or killed) has run nothing,
    # and has said so: its run must not begin later and write to its streams.
    import socket

    report = tmp_path / "report"
    # The daemon takes requests one at a time: one that sends nothing yet holds it while the runs'
    # callers hang up (else it may be quick enough to begin a run before its caller has gone).
    staller = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staller.connect(env["SRCLINT_DAEMON_SOCKET"])
    with staller, open(report, "wb") as out:
        for _ in range(5):
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                conn.connect(env["SRCLINT_DAEMON_SOCKET"])
                request = {"protocol": daemon.PROTOCOL, "kind": "run", "state": daemon.code_state(), "argv": ["--format", "concise", str(SEEDS)],
                           "cwd": os.getcwdb(), "env": dict(os.environb), "umask": 0o022, "streams": [None, None, None]}  # fmt: skip
                daemon._send(conn, request, fds=(out.fileno(), out.fileno(), out.fileno()))
                conn.shutdown(socket.SHUT_RDWR)
    deadline = time.monotonic() + 30
    while (daemon.status(env["SRCLINT_DAEMON_SOCKET"]) or {}).get("running"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert report.read_bytes() == b""


def test_an_unbuffered_caller_gets_unbuffered_streams(env: dict[str, str], tmp_path: Path) -> None:
    # With PYTHONUNBUFFERED (or -u) a one-shot run writes each line as it comes: a pipe closed
    # early breaks at another moment (another exit code), and stdout and stderr interleave otherwise.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(300):
        (corpus / f"{i:03}.txt").write_text("Officials said the talks could perhaps resume, reportedly.\n", encoding="utf-8")
    command = f"set -o pipefail; {sys.executable} -m srclint --no-cache -j1 --format concise . | head -1"
    for unbuffered in ("1", ""):
        kw: dict[str, object] = {"shell": True, "executable": "/bin/bash", "cwd": corpus, "capture_output": True, "timeout": 60}
        through = subprocess.run(command, env={**env, "PYTHONUNBUFFERED": unbuffered}, check=False, **kw)  # type: ignore[call-overload]
        _same(through, subprocess.run(command, env={**env, "PYTHONUNBUFFERED": unbuffered, "SRCLINT_NO_DAEMON": "1"}, check=False, **kw))  # type: ignore[call-overload]


def test_sigterm_ends_a_caller_whose_daemon_does_not_answer(tmp_path: Path) -> None:
    # A stuck daemon (here: a socket nobody accepts on) must not make the caller deaf to SIGTERM.
    import socket

    env = _env(_private_socket(tmp_path))
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as stuck:
        stuck.bind(env["SRCLINT_DAEMON_SOCKET"])
        stuck.listen(4)
        with subprocess.Popen([sys.executable, "-m", "srclint", str(SEEDS)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
            time.sleep(1.0)  # (waiting for its answer by now)
            proc.terminate()
            try:
                assert proc.wait(timeout=10) == -signal.SIGTERM
            finally:
                proc.kill()


def test_a_daemon_that_does_not_answer_is_given_up_on(tmp_path: Path) -> None:
    # Something listens on the socket but never takes the run (a daemon stopped with SIGSTOP, say):
    # after the handover timeout the caller runs by itself.
    import socket

    path = _private_socket(tmp_path)
    env = _env(path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as mute:
        mute.bind(str(path))
        mute.listen(4)
        through = srclint(["--format", "concise", str(SEEDS)], env)
    _same(through, one_shot(["--format", "concise", str(SEEDS)], env))
    assert through.returncode == 1 and through.stdout
