"""The results cache: warm runs skip the rules and give the same report; damage is never trusted."""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest

import srclint.engine as engine
from srclint.cli import main
from srclint.config import Settings
from srclint.engine import Linter

from .conftest import SEEDS


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for p in SEEDS.iterdir():
        shutil.copy(p, corpus / p.name)
    for i in range(5):
        (corpus / f"extra{i}.md").write_text(f"# Story {i}\n\nOfficials said the plane was reportedly late.\n")
    return tmp_path


def _linter(root: Path, **kw: object) -> Linter:
    return Linter(settings=Settings(root=str(root)), cache=True, **kw)  # type: ignore[arg-type]


def test_warm_run_skips_rules_and_gives_the_same_report(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _linter(tree).lint_paths([str(tree / "articles")])
    assert (tree / ".srclint_cache" / "results.sqlite3").is_file()

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("a rule ran on an unchanged file")

    monkeypatch.setattr(engine, "check_document", fail)
    warm = _linter(tree).lint_paths([str(tree / "articles")])
    assert warm.findings == cold.findings and warm.files == cold.files and warm.suppressed == cold.suppressed
    assert any(f.code == "CON001" for f in warm.findings)  # corpus comparison runs on cached claims


def test_editing_one_file_rechecks_only_that_file(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _linter(tree).lint_paths([str(tree / "articles")])
    edited = tree / "articles" / "extra2.md"
    edited.write_text(edited.read_text() + "\nAnalysts note the move could trigger a crisis.\n")
    seen: list[str] = []
    real = engine.check_document

    def spy(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(Path(doc.path).name)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(engine, "check_document", spy)
    report = _linter(tree).lint_paths([str(tree / "articles")])
    assert seen == ["extra2.md"]
    monkeypatch.setattr(engine, "check_document", real)
    assert report.findings == Linter(settings=Settings(root=str(tree))).lint_paths([str(tree / "articles")]).findings


def test_rule_changes_invalidate(tree: Path) -> None:
    _linter(tree).lint_paths([str(tree / "articles")])
    narrow = Linter(settings=Settings(root=str(tree), select=["HDG001"]), cache=True).lint_paths([str(tree / "articles")])
    assert {f.code for f in narrow.findings} == {"HDG001"}


@pytest.mark.parametrize("damage", ["garbage", "hostile", "locked"])
def test_damaged_or_locked_cache_is_not_trusted(tree: Path, damage: str) -> None:
    expected = Linter(settings=Settings(root=str(tree))).lint_paths([str(tree / "articles")]).findings
    _linter(tree).lint_paths([str(tree / "articles")])
    db_path = tree / ".srclint_cache" / "results.sqlite3"
    holder = None
    if damage == "garbage":
        db_path.write_bytes(b"this is not a database" * 100)
    elif damage == "hostile":
        db = sqlite3.connect(db_path)
        db.execute("UPDATE results SET data = ?", ('{"$d": "os.system", "f": ["echo pwned"]}',))
        db.commit()
        db.close()
    else:
        holder = sqlite3.connect(db_path, timeout=0)
        holder.execute("BEGIN EXCLUSIVE")
    try:
        report = _linter(tree).lint_paths([str(tree / "articles")])
    finally:
        if holder is not None:
            holder.rollback()
            holder.close()
    assert report.findings == expected


def test_cli_cache_and_clean(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    out, err = io.StringIO(), io.StringIO()
    assert main(["--no-config", "--format", "json", "articles"], out, err) == 1
    assert (tree / ".srclint_cache" / "results.sqlite3").is_file()
    out2 = io.StringIO()
    assert main(["--no-config", "--format", "json", "articles"], out2, err) == 1
    assert out.getvalue() == out2.getvalue()
    out3 = io.StringIO()
    assert main(["clean", "--no-config"], out3, err) == 0 and "Removed" in out3.getvalue()
    assert not (tree / ".srclint_cache" / "results.sqlite3").exists()
    main(["--no-config", "--no-cache", "articles"], io.StringIO(), err)
    assert not (tree / ".srclint_cache" / "results.sqlite3").exists()
