"""Hostile and broken input: every case gives a clear message and the rest of the run intact.

Everything is generated in temporary directories; nothing large is committed.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import srclint
from srclint.cli import main
from srclint.formats import decode_bytes

GOOD = "The plane was reportedly carrying technicians.\n"

# Invalid UTF-8 of every kind (the classes of Kuhn's decoder stress test).
INVALID_UTF8 = {
    "lone continuation": b"\x80\xbf",
    "truncated 2-byte": b"\xc3",
    "truncated 3-byte": b"\xe2\x82",
    "truncated 4-byte": b"\xf0\x9f\x98",
    "overlong slash": b"\xc0\xaf",
    "overlong nul": b"\xe0\x80\x80",
    "encoded surrogate": b"\xed\xa0\x80",
    "above U+10FFFF": b"\xf4\x90\x80\x80",
    "fe ff": b"\xfe\xff",
    "5-byte form": b"\xf8\x88\x80\x80\x80",
    "lead then ascii": b"\xe2A",
}


def _check_spans(report: srclint.Report, texts: dict[str, str]) -> None:
    for f in report.findings:
        text = texts[Path(f.path).name]
        assert text[f.start : f.end] == f.match


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(INVALID_UTF8))
def test_invalid_utf8_never_crashes_and_keeps_bytes(tmp_path: Path, name: str) -> None:
    raw = b"Intro. " + INVALID_UTF8[name] + b" " + GOOD.encode()
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    report = srclint.lint([path])
    text = decode_bytes(raw)[0]
    assert text.encode("utf-8", "surrogateescape") == raw  # nothing lost
    _check_spans(report, {"bad.txt": text})
    assert "HDG001" in [f.code for f in report.findings]  # the rest of the file is still linted
    code, out, err = run_cli("--no-config", "--format", "json", str(path))
    assert code in (0, 1) and json.loads(out)["files"]


def test_binary_and_nul_files_are_skipped_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "nul.md").write_bytes(b"Text with a NUL\x00 byte.")
    (tmp_path / "good.txt").write_text(GOOD)
    report = srclint.lint([tmp_path])
    skipped = {Path(e.path).name for e in report.errors if e.kind == "skipped"}
    assert skipped == {"image.txt", "nul.md"}
    assert [Path(p).name for p in report.files] == ["good.txt"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(tmp_path: Path, encoding: str) -> None:
    (tmp_path / "wide.txt").write_bytes(("Line one.\n" + GOOD).encode(encoding))
    report = srclint.lint([tmp_path])
    assert [(f.code, f.line, f.match) for f in report.findings] == [("HDG001", 2, "reportedly")]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_endings(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "eol.txt"
    path.write_bytes(("Line one." + newline + "Line two." + newline + GOOD.strip()).encode())
    report = srclint.lint([path])
    (f,) = report.findings
    assert (f.line, f.column) == (3, 15)
    code, out, _ = run_cli("--no-config", str(path))
    assert "^^^^^^^^^^" in out and code == 1


def test_mixed_line_endings_and_line_separator(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("a\r\nb\rc\nd\u2028e ".encode() + GOOD.encode())
    (f,) = srclint.lint([path]).findings
    assert f.line == 4  # \r\n, \r and \n break lines; U+2028 does not (as in editors and LSP)


def test_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(3 * 1024 * 1024)  # sparse: no real disk used
    (tmp_path / "small.txt").write_text(GOOD)
    report = srclint.lint([tmp_path], max_file_size=1024 * 1024)
    (err,) = [e for e in report.errors if Path(e.path).name == "big.txt"]
    assert "limit" in err.message and err.kind == "skipped"
    assert [Path(p).name for p in report.files] == ["small.txt"]


def test_many_tiny_files(tmp_path: Path) -> None:
    for i in range(3000):
        (tmp_path / f"{i:05}.txt").write_text("ok." if i % 100 else GOOD)
    report = srclint.lint([tmp_path])
    assert len(report.files) == 3000 and len(report.findings) == 30


def test_very_long_line(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("word " * 200_000 + GOOD)
    report = srclint.lint([path])
    assert [f.match for f in report.findings] == ["reportedly"]
    code, out, _ = run_cli("--no-config", str(path))
    assert max(len(line) for line in out.splitlines()) < 300  # the excerpt is windowed


@pytest.mark.parametrize(
    "body",
    [
        ">" * 20_000 + " deep quote\n\n" + GOOD,
        "".join("  " * i + "- item\n" for i in range(2000)) + "\n" + GOOD,
        "[" * 20_000 + "](" * 5000 + "\n\n" + GOOD,
        "`" * 10_000 + "\n\n" + GOOD,
        "<!--" * 5000 + "\n\n" + GOOD,
    ],
)
def test_deeply_nested_markdown(tmp_path: Path, body: str) -> None:
    path = tmp_path / "deep.md"
    path.write_text(body)
    report = srclint.lint([path])
    text = path.read_text()
    _check_spans(report, {"deep.md": text})


def test_hostile_front_matter(tmp_path: Path) -> None:
    cases = {
        "deep.md": "---\na: " + "[" * 5000 + "\n---\n" + GOOD,
        "bomb.md": "---\na: &a [x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 8) + "]\n" for i in range(8))
        + "---\n"
        + GOOD,
        "tag.md": "---\na: !!python/object/apply:os.system ['echo hi']\n---\n" + GOOD,
        "notmap.md": "---\n- a\n- b\n---\n" + GOOD,
    }
    for name, text in cases.items():
        (tmp_path / name).write_text(text)
    report = srclint.lint([tmp_path])
    assert sorted(Path(f.path).name for f in report.findings) == sorted(cases)  # body still linted
    noted = {Path(e.path).name for e in report.errors if e.kind == "parse"}
    assert {"deep.md", "bomb.md", "tag.md", "notmap.md"} <= noted


def test_fifo_and_devices_are_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    (tmp_path / "good.txt").write_text(GOOD)
    report = srclint.lint([tmp_path])
    assert [Path(p).name for p in report.files] == ["good.txt"]
    named = srclint.lint([fifo, "/dev/null"])
    assert {e.kind for e in named.errors} == {"skipped"} and not named.files


def test_symlink_loops_and_broken_links(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)  # directory loop: not followed
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # ELOOP
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "good.txt").write_text(GOOD)
    report = srclint.lint([tmp_path])
    assert [Path(p).name for p in report.files] == ["good.txt"]
    assert {Path(e.path).name for e in report.errors} == {"self.txt", "dangling.txt"}


def test_unreadable_file_and_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.txt").write_text(GOOD)
    (tmp_path / "secret.txt").write_text(GOOD)
    (tmp_path / "good.txt").write_text(GOOD)
    real_open, real_os_open, real_scandir = open, os.open, os.scandir

    def fake_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    def fake_os_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_os_open(file, *args, **kwargs)

    def fake_scandir(path=".", *args):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr("builtins.open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)  # the reader opens files with os.open
    monkeypatch.setattr(os, "scandir", fake_scandir)
    report = srclint.lint([tmp_path])
    assert [Path(p).name for p in report.files] == ["good.txt"]
    problems = {Path(e.path).name: e for e in report.errors}
    assert problems["secret.txt"].kind == "io" and "Permission denied" in problems["secret.txt"].message
    assert problems["locked"].kind == "io"


def test_file_deleted_during_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import srclint.engine as engine

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD)
    real = engine.read_document

    def vanish(path, **kw):  # type: ignore[no-untyped-def]
        if str(path).endswith("b.txt"):
            os.unlink(path)
        return real(path, **kw)

    monkeypatch.setattr(engine, "read_document", vanish)
    report = srclint.lint([tmp_path])
    assert [Path(p).name for p in report.files] == ["a.txt", "c.txt"]
    (err,) = report.errors
    assert Path(err.path).name == "b.txt" and err.kind == "io"


@pytest.mark.parametrize("name", ["new\nline.txt", "tab\there.txt", "späce ü.md", "quote\"and'apos.txt", "bad\udcff.txt"])
def test_odd_path_characters(tmp_path: Path, name: str) -> None:
    try:
        path = tmp_path / name
        path.write_text(GOOD)
    except (UnicodeEncodeError, OSError):
        pytest.skip("file system refuses this name")
    for fmt in ("text", "concise", "json"):
        code, out, err = run_cli("--no-config", "--format", fmt, str(tmp_path))
        assert code == 1, err
        if fmt == "json":
            assert json.loads(out)["findings"][0]["match"] == "reportedly"
        else:
            assert "\n" not in out.splitlines()[0]
