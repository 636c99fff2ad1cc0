"""The word-frequency answers for lossy-mojibake candidates are kept on disk (`KeptFrequencies`):
a later run gets the same answers without importing wordfreq or loading its lists."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from srclint.text import lossy

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not lossy.wordfreq_available(), reason="wordfreq is not installed")


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A cache folder of its own, and the in-process memos emptied before and after."""
    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SRCLINT_NO_PACK_CACHE", raising=False)
    for memo in (lossy._kept, lossy.word_frequency):
        memo.cache_clear()
    yield tmp_path
    for memo in (lossy._kept, lossy.word_frequency):
        memo.cache_clear()


def _kept_file(folder: Path) -> Path:
    (path,) = folder.glob("wordfreq-*.json")
    return path


def _computed(word: str) -> tuple[float, str]:
    """`word_frequency` as it is without the kept answers."""
    wf = lossy._wordfreq()
    best = (0.0, "")
    for lang in lossy.WORDFREQ_LANGS:
        z = float(wf.zipf_frequency(word, lang, wordlist="small"))  # type: ignore[attr-defined]
        if z > best[0]:
            best = (z, lang)
    return best


def test_ranking_keeps_the_answers_and_a_new_memo_reads_them_back(fresh: Path) -> None:
    candidates = ["Bolívar", "BolÁvar", "Bolývar"]
    picked = lossy.rank(candidates, None)
    assert picked is not None and picked[0] == "Bolívar"
    data = json.loads(_kept_file(fresh).read_text(encoding="ascii"))
    assert data["langs"] == list(lossy.WORDFREQ_LANGS)
    assert set(data["words"]) == {"bolívar", "bolávar", "bolývar"}
    again = lossy.KeptFrequencies.for_installed()
    for word in data["words"]:
        assert again.get(word) == _computed(word)


def test_kept_answers_are_used_instead_of_the_lists(fresh: Path) -> None:
    lossy.rank(["Bolívar"], None)
    path = _kept_file(fresh)
    data = json.loads(path.read_text(encoding="ascii"))
    data["words"]["bolívar"] = [1.5, "pt"]  # not what the lists say: shows where the answer came from
    path.write_text(json.dumps(data), encoding="ascii")
    for memo in (lossy._kept, lossy.word_frequency):
        memo.cache_clear()
    assert lossy.word_frequency("bolívar") == (1.5, "pt")


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"langs": ["en"], "wordlist": "small", "words": {"bolívar": [9.0, "en"]}}',  # other languages
        '{"langs": LANGS, "wordlist": "large", "words": {"bolívar": [9.0, "en"]}}',  # another list
        '{"langs": LANGS, "wordlist": "small", "words": []}',
        '{"langs": LANGS, "wordlist": "small", "words": {"bolívar": "9"}}',
    ],
)
def test_a_damaged_or_foreign_file_is_ignored_and_replaced(fresh: Path, content: str) -> None:
    lossy.rank(["Bolívar"], None)
    path = _kept_file(fresh)
    path.write_text(content.replace("LANGS", json.dumps(list(lossy.WORDFREQ_LANGS))), encoding="utf-8")
    for memo in (lossy._kept, lossy.word_frequency):
        memo.cache_clear()
    assert lossy.word_frequency("bolívar") == _computed("bolívar")
    lossy._kept().save()
    assert json.loads(path.read_text(encoding="ascii"))["words"]["bolívar"] == list(_computed("bolívar"))


def test_switched_off_with_the_pack_cache(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRCLINT_NO_PACK_CACHE", "1")
    assert lossy.rank(["Bolívar", "BolÁvar"], None) is not None
    assert not list(fresh.glob("wordfreq-*.json"))


def test_an_unwritable_folder_loses_nothing(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = fresh / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(blocker / "below"))  # a folder under a file: cannot exist
    picked = lossy.rank(["Bolívar", "BolÁvar"], None)
    assert picked is not None and picked[0] == "Bolívar"


def test_a_second_process_finds_the_word_without_wordfreq(tmp_path: Path) -> None:
    """The same lossy word in a later run: same finding, and wordfreq never imported."""
    script = (
        "import sys\n"
        "from srclint.text import lossy\n"
        "(issue,) = lossy.find_lossy('Simón BolÃvar spoke.', [], None)\n"
        "print(issue.suggestion, issue.evidence, 'wordfreq' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SRCLINT_CACHE_DIR": str(tmp_path)}
    env.pop("SRCLINT_NO_PACK_CACHE", None)
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True).stdout.split()
        for _ in range(2)
    ]
    assert runs[0][0] == runs[1][0] == "Bolívar"
    assert runs[0][:-1] == runs[1][:-1]  # the same evidence, word for word
    assert runs[0][-1] == "True" and runs[1][-1] == "False"


def test_the_version_read_beside_the_package_is_the_one_importlib_metadata_gives() -> None:
    from importlib.metadata import version
    from importlib.util import find_spec

    spec = find_spec("wordfreq")
    assert spec is not None
    read = lossy._dist_info_version(spec.origin)
    assert read is None or read == version("wordfreq")  # None: not a plain install; metadata is asked
    lossy._wordfreq_version.cache_clear()
    try:
        assert lossy._wordfreq_version() == version("wordfreq")
    finally:
        lossy._wordfreq_version.cache_clear()


def test_the_version_is_not_guessed_from_an_unclear_folder(tmp_path: Path) -> None:
    package = tmp_path / "wordfreq"
    package.mkdir()
    origin = str(package / "__init__.py")
    assert lossy._dist_info_version(origin) is None  # no metadata folder
    one = tmp_path / "wordfreq-1.2.dist-info"
    one.mkdir()
    (one / "METADATA").write_text("Metadata-Version: 2.1\nName: wordfreq\nVersion: 1.2\n\nVersion: 9\n", encoding="utf-8")
    assert lossy._dist_info_version(origin) == "1.2"
    (one / "METADATA").write_text("Metadata-Version: 2.1\nName: wordfreq\n\nVersion: 9\n", encoding="utf-8")
    assert lossy._dist_info_version(origin) is None  # no Version among the headers
    (tmp_path / "wordfreq-1.3.dist-info").mkdir()
    assert lossy._dist_info_version(origin) is None  # two installs' leftovers: ask importlib.metadata
    assert lossy._dist_info_version(None) is None


def test_a_run_that_meets_a_lossy_word_does_not_import_importlib_metadata(fresh: Path, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The plane landed at Sim\u00f3n Bol\u00c3var International Airport.\n", encoding="utf-8")
    probe = (
        "import sys, runpy; sys.argv = ['srclint', '--no-cache', '--select', 'ENC002', sys.argv[1]]\n"
        "try:\n    runpy.run_module('srclint', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print('importlib.metadata' in sys.modules, 'srclint.text.lossy' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SRCLINT_CACHE_DIR": str(fresh)}
    # The first run compiles the packs (pydantic imports importlib.metadata) and ranks the word;
    # the second is the usual one: packs and the word's answers kept.
    subprocess.run([sys.executable, "-c", probe, str(article)], capture_output=True, env=env, check=True)
    out = subprocess.run([sys.executable, "-c", probe, str(article)], capture_output=True, text=True, env=env, check=True)
    assert "ENC002" in out.stdout, out.stdout + out.stderr
    assert out.stdout.split()[-2:] == ["False", "True"], out.stdout + out.stderr
