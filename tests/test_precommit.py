"""Real pre-commit against the working tree: the hooks of .pre-commit-hooks.yaml install srclint
from a snapshot of this checkout (dependencies from PyPI, so it needs the network) and run in a
temporary repository of articles."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit, or the test extra)")
if shutil.which("git") is None:
    pytest.skip("git is not installed", allow_module_level=True)

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}  # fmt: skip
CLEAN = "The council approved the budget on May 3, 2025, the mayor's office said.\n"  # a bare "on Tuesday" is DAT002
BAD = "The council reportedly approved the budget.\n"


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A commit of the working tree as it is now (tracked and untracked files, not ignored ones):
    pre-commit installs hooks from a commit, and the tests must see uncommitted work too."""
    snap = tmp_path_factory.mktemp("srclint-hooks")
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")  # fmt: skip
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (snap / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, snap / rel)
    git(snap, "init", "-q")
    git(snap, "add", "-A")
    git(snap, "commit", "-q", "-m", "snapshot")
    return snap, git(snap, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # one hook environment for the whole module


def make_desk(tmp_path: Path, hook_repo: tuple[Path, str], hooks: list[str], articles: dict[str, str]) -> Path:
    repo, rev = hook_repo
    desk = tmp_path / "desk"
    desk.mkdir()
    hook_lines = "".join(f"      - id: {h}\n" for h in hooks)
    (desk / ".pre-commit-config.yaml").write_text(f"repos:\n  - repo: {repo}\n    rev: {rev}\n    hooks:\n{hook_lines}", encoding="utf-8")
    (desk / "pyproject.toml").write_text('[tool.srclint]\ncorpus = ["articles/*.md"]\n', encoding="utf-8")
    (desk / "articles").mkdir()
    for name, text in articles.items():
        (desk / "articles" / name).write_text(text, encoding="utf-8")
    git(desk, "init", "-q")
    git(desk, "add", "-A")
    return desk


def pre_commit(desk: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(home)}
    env.pop("PYTHONPATH", None)  # the hook must run the srclint it installed, not this checkout
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", *args], cwd=desk, env=env,
                          capture_output=True, text=True, timeout=900)  # fmt: skip


def test_hook_fails_on_a_bad_article_and_passes_on_a_clean_one(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> None:
    desk = make_desk(tmp_path, hook_repo, ["srclint"], {"clean.md": CLEAN, "bad.md": BAD})
    bad = pre_commit(desk, pre_commit_home, "srclint", "--files", "articles/bad.md")
    if bad.returncode == 3 or "An unexpected error has occurred" in bad.stdout + bad.stderr:
        pytest.skip(f"pre-commit could not install the hook (network?): {(bad.stdout + bad.stderr)[-500:]}")
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "HDG001" in bad.stdout and "articles/bad.md" in bad.stdout
    clean = pre_commit(desk, pre_commit_home, "srclint", "--files", "articles/clean.md")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "articles/bad.md" not in clean.stdout  # the corpus is loaded, but only named files are reported


def test_corpus_hook_lints_the_configured_corpus(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> None:
    desk = make_desk(tmp_path, hook_repo, ["srclint-corpus"], {"clean.md": CLEAN, "other.md": CLEAN})
    (desk / "notes.txt").write_text(BAD, encoding="utf-8")  # outside the corpus: not linted
    git(desk, "add", "-A")
    ok = pre_commit(desk, pre_commit_home, "srclint-corpus", "--files", "articles/clean.md")
    if ok.returncode == 3:
        pytest.skip(f"pre-commit could not install the hook: {(ok.stdout + ok.stderr)[-500:]}")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (desk / "articles" / "other.md").write_text(BAD, encoding="utf-8")  # unchanged in this commit, still linted
    failing = pre_commit(desk, pre_commit_home, "srclint-corpus", "--files", "articles/clean.md")
    assert failing.returncode == 1 and "articles/other.md" in failing.stdout, failing.stdout + failing.stderr
    assert "notes.txt" not in failing.stdout


def test_corpus_hook_finds_a_conflict_between_a_changed_and_an_unchanged_article(
    tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path
) -> None:
    from srclint.packs import load_rules

    if not any(r.code.startswith("CON") for r in load_rules().corpus_rules):
        pytest.skip("no cross-document (CON) rule in the built-in packs yet")
    older = "CARACAS, Oct. 28, 2025 — A Russian Il-76 landed in Caracas on October 27, officials said.\n"
    newer = "CARACAS, Oct. 28, 2025 — The Il-76 touched down at Caracas's airport on October 26, officials said.\n"
    desk = make_desk(tmp_path, hook_repo, ["srclint-corpus"], {"older.md": older, "newer.md": newer})
    result = pre_commit(desk, pre_commit_home, "srclint-corpus", "--files", "articles/newer.md")
    assert result.returncode == 1 and "CON" in result.stdout, result.stdout + result.stderr


def test_fix_hook_fails_when_it_changes_a_file(tmp_path: Path, hook_repo: tuple[Path, str], pre_commit_home: Path) -> None:
    from srclint.cli import _check_parser

    if "--fix" not in _check_parser().format_help():
        pytest.skip("srclint --fix is not available in this tree yet")
    desk = make_desk(tmp_path, hook_repo, ["srclint-fix"], {"broken.md": "The minister\u00e2\u20ac\u2122s plane landed.\n"})
    result = pre_commit(desk, pre_commit_home, "srclint-fix", "--files", "articles/broken.md")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "\u2019" in (desk / "articles" / "broken.md").read_text(encoding="utf-8")
