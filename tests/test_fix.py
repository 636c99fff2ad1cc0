"""--fix: only fix spans change, writes are atomic and careful, failures lose nothing, runs converge."""

from __future__ import annotations

import codecs
import errno
import io
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import srclint
import srclint.fix as fixmod
from srclint.cli import main
from srclint.engine import Linter
from srclint.fix import applicable, apply_fixes, fix_paths, write_atomic
from srclint.formats import source_hash
from srclint.select import Selection
from tests.conftest import SEEDS
from tests.test_text_mojibake import REAL_WORDS, repairable_mojibake

DAMAGED = "Maduroâ€™s plane landed at CafÃ© Tortoni.\n"
REPAIRED = "Maduro’s plane landed at Café Tortoni.\n"


def linter() -> Linter:
    return Linter(settings=srclint.Settings(), selection=Selection(select=("ENC",)))


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--no-config", "--select", "ENC", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".srclint-tmp")]


def test_fix_writes_only_the_spans_and_keeps_mode(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(DAMAGED, encoding="utf-8")
    p.chmod(0o640)
    run = fix_paths(linter(), [str(p)])
    assert run.fixed == 2 and [o.status for o in run.outcomes] == ["fixed"]
    assert p.read_text("utf-8") == REPAIRED
    assert (p.stat().st_mode & 0o777) == 0o640
    assert run.report.findings == () and leftovers(tmp_path) == []


def test_second_run_changes_nothing(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(DAMAGED, encoding="utf-8")
    fix_paths(linter(), [str(p)])
    before = p.read_bytes()
    again = fix_paths(linter(), [str(p)], unsafe=True)
    assert again.outcomes == () and p.read_bytes() == before


def test_seed_copy_fix_changes_one_word_only_and_is_idempotent(tmp_path: Path) -> None:
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    for p in copy.iterdir():
        p.chmod(0o644)  # a copy of a read-only checkout would (rightly) not be fixed
    name = "004_c853e54e6a554b4a.txt"
    original = (copy / name).read_bytes()
    code, out, _ = cli("--fix", "--unsafe-fixes", str(copy))
    assert code == 1 and "Fixed 1 problem in 1 file" in out
    fixed = (copy / name).read_bytes()
    assert fixed == original.replace("BolÃvar".encode(), "Bolívar".encode())
    assert len(fixed) == len(original) and sum(a != b for a, b in zip(original, fixed)) == 1
    for other in SEEDS.iterdir():
        if other.name != name:
            assert (copy / other.name).read_bytes() == other.read_bytes()
    code, out, _ = cli("--fix", "--unsafe-fixes", str(copy))
    assert code == 0 and "Fixed 0 problems" in out and (copy / name).read_bytes() == fixed


def test_safe_fix_leaves_unsafe_guess(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("At BolÃvar airport.\n", encoding="utf-8")
    code, out, _ = cli("--fix", str(p))
    assert p.read_text("utf-8") == "At BolÃvar airport.\n" and "--unsafe-fixes" in out and code == 1


def test_diff_prints_and_does_not_write(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(DAMAGED, encoding="utf-8")
    code, out, err = cli("--diff", str(p))
    assert code == 1 and "-Maduroâ€™s" in out and "+Maduro’s" in out and "Would fix 2" in err
    assert p.read_text("utf-8") == DAMAGED
    p.write_text(REPAIRED, encoding="utf-8")
    assert cli("--diff", str(p))[0] == 0


@pytest.mark.parametrize(
    ("prefix", "codec"),
    [(b"", "utf-8"), (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le")],
)
def test_encodings_round_trip(tmp_path: Path, prefix: bytes, codec: str) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + ("Line one\r\n" + DAMAGED).encode(codec))
    fix_paths(linter(), [str(p)])
    assert p.read_bytes() == prefix + ("Line one\r\n" + REPAIRED).encode(codec)


def test_invalid_bytes_come_back_unchanged(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    raw = b"Bad \xff\xfe bytes; " + DAMAGED.encode()
    p.write_bytes(raw)
    run = fix_paths(linter(), [str(p)])  # the invalid-byte guess is unsafe: not applied
    assert run.fixed == 2 and p.read_bytes() == b"Bad \xff\xfe bytes; " + REPAIRED.encode()
    assert [f.code for f in run.report.findings] == ["ENC007"]


def test_legacy_file_is_written_back_in_its_encoding(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes("Café at Cara\u00adcas.".encode("windows-1252"))
    fix_paths(linter(), [str(p)])
    assert p.read_bytes() == "Café at Caracas.".encode("windows-1252")


def test_read_only_file_is_reported_and_untouched(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(DAMAGED, encoding="utf-8")
    p.chmod(0o444)
    code, _, err = cli("--fix", str(p))
    assert code == 2 and "read-only" in err and p.read_text("utf-8") == DAMAGED
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("call", "err", "words"),
    [("write", errno.ENOSPC, "No space left"), ("replace", errno.EIO, "Input/output error"), ("fsync", errno.EIO, "Input/output error")],
)
def test_write_failure_is_reported_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, err: int, words: str
) -> None:
    """Disk full (os.write), a failed rename or fsync: reported, original intact, no temporary file."""
    p = tmp_path / "a.txt"
    p.write_text(DAMAGED, encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(fixmod.os, call, fail)
    code, _, stderr = cli("--fix", str(p))
    assert code == 2 and words in stderr
    assert p.read_text("utf-8") == DAMAGED and leftovers(tmp_path) == []


def test_file_changed_during_the_run_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "a.txt"
    p.write_text(DAMAGED, encoding="utf-8")
    real = fixmod.applicable

    def meanwhile(findings, unsafe=False):  # type: ignore[no-untyped-def]
        p.write_text("An editor saved this.\n" + DAMAGED, encoding="utf-8")
        return real(findings, unsafe)

    monkeypatch.setattr(fixmod, "applicable", meanwhile)
    run = fix_paths(linter(), [str(p)])
    assert [o.status for o in run.outcomes] == ["changed"]
    assert p.read_text("utf-8") == "An editor saved this.\n" + DAMAGED


def test_write_atomic_refuses_stale_hash(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"new")
    with pytest.raises(fixmod.FileChangedError):
        write_atomic(str(p), b"fixed", source_hash(b"old"))
    assert p.read_bytes() == b"new" and leftovers(tmp_path) == []


def test_overlapping_fixes_are_deferred() -> None:
    fixes = [srclint.Fix(0, 4, "x"), srclint.Fix(2, 6, "y"), srclint.Fix(6, 7, "z")]
    assert apply_fixes("abcdefg", fixes) == ("xefz", 2, 1)


# --- properties through the engine and the fix path ---------------------------------------------
lower_sentences = st.lists(st.sampled_from([w for w in REAL_WORDS if len(w) >= 3]), min_size=1, max_size=10).map(" ".join)


@given(lower_sentences)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_windows_1252_mojibake_is_detected_and_fixed_back(text: str) -> None:
    garbled = repairable_mojibake(text)
    report = srclint.lint_text(garbled, select=["ENC"])
    assert report.findings
    fixed, _, _ = apply_fixes(garbled, applicable(report.findings, unsafe=True))
    assert fixed == text


@given(st.lists(st.sampled_from(REAL_WORDS), min_size=1, max_size=12).map(" ".join))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_correct_text_in_many_scripts_has_no_enc_finding(text: str) -> None:
    assert srclint.lint_text(text, select=["ENC"]).findings == ()


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    import os
    import time

    from srclint.fix import remove_stale_temporaries

    article = tmp_path / "story.md"
    article.write_text("text")
    old = tmp_path / ".story.md.abc123.srclint-tmp"
    fresh = tmp_path / ".story.md.def456.srclint-tmp"
    other = tmp_path / ".other.md.abc123.srclint-tmp"
    unrelated = tmp_path / ".story.md.abc123.tmp"
    for p in (old, fresh, other, unrelated):
        p.write_text("partial")
    past = time.time() - 3600
    for p in (old, other, unrelated):
        os.utime(p, (past, past))
    assert remove_stale_temporaries(str(article)) == [str(old)]
    assert fresh.exists() and other.exists() and unrelated.exists() and article.read_text() == "text"
