"""The results cache: warm runs skip the rules and give the same report; damage is never trusted."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import srclint.cache as srclint_cache
import srclint.cli as cli
import srclint.engine as engine
import srclint.stored_report as stored_report
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


# -- runs that never load the rules, the rule facts and the corpus-pass memo -------------------------

PAIR = {
    "a.md": "A Russian plane landed in Caracas on October 27, 2025.\n",
    "b.md": "A Russian cargo plane touched down in Caracas on October 26, 2025.\n",
}


def _pair(root: Path) -> Path:
    arts = root / "pair"
    arts.mkdir()
    for name, text in PAIR.items():
        (arts / name).write_text(text, encoding="utf-8")
    return arts


def _no_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    import srclint.packs

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the rules were loaded")

    monkeypatch.setattr(srclint.packs, "load_rules", fail)


def _uncached(root: Path, paths: list[str], **settings: object) -> tuple:  # type: ignore[type-arg]
    return Linter(settings=Settings(root=str(root), **settings)).lint_paths(paths).findings  # type: ignore[arg-type]


def test_fully_cached_run_loads_no_rules_and_replays_the_corpus_pass(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _linter(tree).lint_paths([str(tree / "articles")])
    assert (tree / ".srclint_cache" / "run.sqlite3").is_file()
    _no_rules(monkeypatch)
    warm = _linter(tree).lint_paths([str(tree / "articles")])
    assert warm.findings == cold.findings and warm.suppressed == cold.suppressed
    assert any(f.code == "CON001" and f.related for f in warm.findings)


def test_warm_run_after_a_pack_edit_loads_the_edited_rules(tree: Path) -> None:
    pack = tree / "desk.yaml"
    text = (
        "pack: desk\nrules:\n  - code: DSK001\n    name: vague-timing\n    kind: lexicon\n    summary: s\n"
        "    rationale: r\n    message: \"Vague '{match}'\"\n    terms: [reportedly]\n"
        "    examples: {fail: [It reportedly happened.], pass: [It happened on May 3.]}\n"
    )
    pack.write_text(text)
    settings = Settings(root=str(tree), rules=[str(pack)])
    first = Linter(settings=settings, cache=True).lint_paths([str(tree / "articles")])
    assert any(f.code == "DSK001" and f.match == "reportedly" for f in first.findings)
    Linter(settings=settings, cache=True).lint_paths([str(tree / "articles")])  # fully cached now
    pack.write_text(text.replace("[reportedly]", "[late]").replace("It reportedly happened.", "It was late."))
    edited = Linter(settings=settings, cache=True).lint_paths([str(tree / "articles")])
    assert {f.match for f in edited.findings if f.code == "DSK001"} == {"late"}
    assert edited.findings == _uncached(tree, [str(tree / "articles")], rules=[str(pack)])


def test_cached_facts_follow_the_selection_and_severity(tree: Path) -> None:
    from srclint.errors import ConfigError

    _linter(tree).lint_paths([str(tree / "articles")])
    _linter(tree).lint_paths([str(tree / "articles")])
    louder = Linter(settings=Settings(root=str(tree), severity={"HDG001": "error"}), cache=True)
    found = [f for f in louder.lint_paths([str(tree / "articles")]).findings if f.code == "HDG001"]
    assert found and all(str(f.severity) == "error" for f in found)
    with pytest.raises(ConfigError):
        Linter(settings=Settings(root=str(tree), select=["XYZ"]), cache=True)
    narrow = Linter(settings=Settings(root=str(tree), ignore=["CON"]), cache=True).lint_paths([str(tree / "articles")])
    assert narrow.findings and not any(f.code.startswith("CON") for f in narrow.findings)


def test_code_change_invalidates_the_cached_facts(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import srclint.kinds.lexicon as lexicon

    _linter(tree).lint_paths([str(tree / "articles")])
    source = Path(lexicon.__file__)
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    try:
        linter = _linter(tree)  # the code digest changed: the facts are not trusted, the rules load
        assert "rules" in linter.__dict__
    finally:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_corpus_memo_follows_one_files_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _pair(tmp_path)
    first = _linter(tmp_path).lint_paths([str(arts)])
    assert [f.code for f in first.findings if f.code.startswith("CON")]
    (arts / "b.md").write_text(PAIR["b.md"].replace("October 26", "October 27"), encoding="utf-8")
    agreed = _linter(tmp_path).lint_paths([str(arts)])
    assert not [f for f in agreed.findings if f.code.startswith("CON")]
    assert agreed.findings == _uncached(tmp_path, [str(arts)])
    (arts / "b.md").write_text(PAIR["b.md"].replace("October 26", "October 25"), encoding="utf-8")
    again = _linter(tmp_path).lint_paths([str(arts)])
    assert [f.code for f in again.findings if f.code.startswith("CON")]
    assert again.findings == _uncached(tmp_path, [str(arts)])


def test_corpus_memo_is_not_used_for_other_claims(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit that leaves every claim as it was replays the memo; the report still follows the
    file (line numbers of the corpus findings are placed afresh)."""
    arts = _pair(tmp_path)
    _linter(tmp_path).lint_paths([str(arts)])
    (arts / "b.md").write_text("\n\n" + PAIR["b.md"], encoding="utf-8")  # claims move: new offsets
    moved = _linter(tmp_path).lint_paths([str(arts)])
    assert moved.findings == _uncached(tmp_path, [str(arts)])


@pytest.mark.parametrize("damage", ["claims", "memo", "facts", "hostile-memo", "hostile-rows", "short-rows"])
def test_damaged_claims_memo_or_facts_are_not_trusted(tmp_path: Path, damage: str, monkeypatch: pytest.MonkeyPatch) -> None:
    arts = _pair(tmp_path)
    for name in ("c.md", "d.md"):
        (arts / name).write_text("Officials said the plane was reportedly late.\n<!-- srclint: ignore ATT -->\nFine.\n")
    expected = _uncached(tmp_path, [str(arts)])
    _linter(tmp_path).lint_paths([str(arts)])
    cache = tmp_path / ".srclint_cache"
    with sqlite3.connect(cache / "results.sqlite3") as db, sqlite3.connect(cache / "run.sqlite3") as run:
        if damage == "claims":  # the findings part intact, the claims part garbage
            for path, data in db.execute("SELECT path, data FROM results").fetchall():
                intact = "\n".join(data.split("\n")[:3])  # findings, line starts, content fingerprints
                db.execute("UPDATE results SET data = ? WHERE path = ?", (intact + '\n{"$d": "os.system"', path))
        elif damage.endswith("rows"):  # a well-formed head whose rows or rare values are not what they claim
            rest = '"{\\"$d\\": \\"os.system\\", \\"f\\": [\\"echo pwned\\"]}"' if damage == "hostile-rows" else "null"
            rows = "[], []" if damage == "hostile-rows" else '[["HDG001", "x", 2]], [[0]]'  # a rule table and a short row
            for path, data in db.execute("SELECT path, data FROM results").fetchall():
                head, _, _, claims = data.split("\n", 3)
                fields = json.loads(head)
                forged = f'[{json.dumps(fields[0])}, null, [], {rest}, null, {rows}, []]'
                db.execute("UPDATE results SET data = ? WHERE path = ?", (forged + "\n[0]\nnull\n" + claims, path))
        elif damage == "memo":
            run.execute("UPDATE run SET data = 'not json' WHERE path = '<corpus>'")
        elif damage == "hostile-memo":
            run.execute("UPDATE run SET data = ? WHERE path = '<corpus>'", ('{"$d": "os.system", "f": ["echo pwned"]}',))
        else:
            run.execute("UPDATE run SET data = '[1, 2' WHERE path = '<rules>'")
    rechecked: list[str] = []
    real = engine.Linter._recheck
    monkeypatch.setattr(engine.Linter, "_recheck", lambda self, r, *a: rechecked.append(r.path) or real(self, r, *a))
    if damage == "claims":
        (cache / "run.sqlite3").unlink()  # no memo: the claims must be decoded
    assert _linter(tmp_path).lint_paths([str(arts)]).findings == expected
    assert len(rechecked) == (4 if damage == "claims" else 0)
    assert _linter(tmp_path).lint_paths([str(arts)]).findings == expected
    assert len(rechecked) == (4 if damage == "claims" else 0)  # the damaged entries were replaced


def test_cached_fingerprints_follow_the_root(tree: Path) -> None:
    """Entries keep the fingerprints worked out for one project root; a run with another root
    that shares the cache folder gets fingerprints for its own root."""
    shared = str(tree / "shared-cache")
    arts = str(tree / "articles")
    for root in (tree, tree / "articles", tree / "articles"):
        warm = Linter(settings=Settings(root=str(root), cache_dir=shared), cache=True).lint_paths([arts])
        cold = Linter(settings=Settings(root=str(root))).lint_paths([arts])
        assert warm.findings == cold.findings and warm.suppressed == cold.suppressed
    first = Linter(settings=Settings(root=str(tree), cache_dir=shared), cache=True).lint_paths([arts])
    assert {f.fingerprint for f in first.findings}.isdisjoint({f.fingerprint for f in warm.findings})


def _age(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every file look long settled: modification times an hour back and, as a file's
    change time cannot be set, no racy-write margin."""
    import os
    import time

    import srclint.cache

    for p in folder.iterdir():
        past = time.time() - 3600
        os.utime(p, (past, past))
    monkeypatch.setattr(srclint.cache, "RACY_NS", 0)


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from srclint import formats

    reads: list[str] = []
    real = formats.read_bytes

    def spy(path, *a, **kw):  # type: ignore[no-untyped-def]
        reads.append(Path(path).name)
        return real(path, *a, **kw)

    monkeypatch.setattr(engine, "read_bytes", spy, raising=False)
    return reads


def test_warm_run_reads_no_file_whose_metadata_is_unchanged(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = tree / "articles"
    _age(articles, monkeypatch)
    cold = _linter(tree).lint_paths([str(articles)])
    reads = _count_reads(monkeypatch)
    warm = _linter(tree).lint_paths([str(articles)])
    assert reads == [] and warm.findings == cold.findings


def test_cold_run_hashes_each_file_in_pass_1_only_and_remembers_it(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing cached for a path, the run does not read and hash the file before pass 1 (a
    miss whatever its bytes); the hash pass 1 makes is remembered under the metadata taken before
    reading, just as hashing it first would have, so the next run reads nothing."""
    import os

    from srclint.cache import _signature
    from srclint.formats import source_hash

    articles = tree / "articles"
    _age(articles, monkeypatch)
    reads = _count_reads(monkeypatch)
    for jobs in (1, 2):
        shutil.rmtree(tree / ".srclint_cache", ignore_errors=True)
        cold = _linter(tree, jobs=jobs).lint_paths([str(articles)])
        assert reads == []
        with sqlite3.connect(tree / ".srclint_cache" / "results.sqlite3") as db:
            stats = {path: (sig, digest) for path, sig, digest in db.execute("SELECT path, sig, hash FROM stats")}
        expected = {
            str(p): (_signature(os.stat(p)), source_hash(p.read_bytes())) for p in sorted(articles.iterdir())
        }
        assert stats == expected
        warm = _linter(tree).lint_paths([str(articles)])
        assert reads == [] and warm == cold


def test_a_rewrite_that_keeps_size_and_times_is_still_seen(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same size, modification time put back: the change time (and inode, when replaced) moves."""
    import os

    articles = tree / "articles"
    _age(articles, monkeypatch)
    _linter(tree).lint_paths([str(articles)])
    victim = articles / "extra3.md"
    old = victim.read_text()
    st = victim.stat()
    victim.write_text(old.replace("reportedly", "allegedly!"))  # ten letters for ten: same size
    os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert victim.stat().st_size == st.st_size
    report = _linter(tree).lint_paths([str(articles)])
    found = {f.match for f in report.findings if Path(f.path).name == "extra3.md"}
    assert "allegedly" in found and "reportedly" not in found


def test_recently_written_files_are_hashed_again(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file written moments ago could change again within its timestamp's resolution: its hash
    is not remembered, so the next run reads it again."""
    import srclint.cache

    articles = tree / "articles"
    _age(articles, monkeypatch)
    _linter(tree).lint_paths([str(articles)])  # the settled files are remembered
    (articles / "fresh.md").write_text("Officials said it was perhaps late.\n")
    monkeypatch.setattr(srclint.cache, "RACY_NS", 60 * 10**9)  # "moments ago": within the margin
    _linter(tree).lint_paths([str(articles)])
    reads = _count_reads(monkeypatch)
    _linter(tree).lint_paths([str(articles)])
    assert reads == ["fresh.md"]


# -- the run replay: a whole Report kept for a run over exactly the same files ----------------------


def _replays(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record, for each run from here on, whether it was replayed or went through pass 1."""
    seen: list[str] = []
    real_replayed, real_check = engine.Linter._replayed, engine.Linter._check_files

    def replayed(self, *a, **kw):  # type: ignore[no-untyped-def]
        report = real_replayed(self, *a, **kw)
        if report is not None:
            seen.append("replayed")
        return report

    def check(self, *a, **kw):  # type: ignore[no-untyped-def]
        seen.append("checked")
        return real_check(self, *a, **kw)

    monkeypatch.setattr(engine.Linter, "_replayed", replayed)
    monkeypatch.setattr(engine.Linter, "_check_files", check)
    return seen


def _settled_tree(tree: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    articles = tree / "articles"
    (articles / "quiet.md").write_text("Officials said it was reportedly late. <!-- srclint: ignore ATT -->\n<!-- srclint: ignore HDG -->\n")
    _age(articles, monkeypatch)
    return articles


def test_unchanged_run_is_replayed_with_the_same_report(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _settled_tree(tree, monkeypatch)
    expected = Linter(settings=Settings(root=str(tree))).lint_paths([str(articles)])
    seen = _replays(monkeypatch)
    runs = [_linter(tree).lint_paths([str(articles)]) for _ in range(3)]
    assert seen == ["checked", "replayed", "replayed"]  # the first run stores the report
    for report in runs:
        assert report == expected
    assert expected.suppressed and any(f.code.startswith("SUP") for f in expected.findings)
    assert any(f.code == "CON001" and f.related for f in expected.findings)


def test_replayed_json_output_is_byte_identical(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _settled_tree(tree, monkeypatch)
    monkeypatch.chdir(tree)
    seen = _replays(monkeypatch)
    outputs = []
    for extra in (["--no-cache"], [], [], [], []):
        if len(outputs) == 2:  # without the kept output, the kept Report is formatted again
            (tree / ".srclint_cache" / "output.txt").unlink()
        out = io.StringIO()
        assert main(["--no-config", "--format", "json", *extra, "articles"], out, io.StringIO()) == 1
        outputs.append(out.getvalue())
    assert seen == ["checked", "checked", "replayed"]  # the last two runs print the kept output
    assert len(set(outputs)) == 1


@pytest.mark.parametrize("damage", ["none", "severity-line", "other-key"])
def test_kept_output_per_format_and_exit_codes(tree: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """The output a run printed is kept per format and --quiet, and a run that prints it again
    exits as the run that made it did."""
    _settled_tree(tree, monkeypatch)
    monkeypatch.chdir(tree)
    variants = [["--format", "concise"], ["--format", "concise", "-q"], ["--format", "json"], ["--format", "text", "-q"]]
    options = [[], ["--exit-zero"], ["--fail-on", "error"]]
    fresh = {}
    for variant in variants:
        for extra in options:
            out = io.StringIO()
            code = main(["--no-config", "--no-cache", *variant, *extra, "articles"], out, io.StringIO())
            fresh[tuple(variant + extra)] = (code, out.getvalue())
    assert len({text for _, text in fresh.values()}) == len(variants)
    entry = tree / ".srclint_cache" / "output.txt"
    seen = _replays(monkeypatch)
    for variant in variants:
        for extra in options:
            for again in (False, True):
                if damage != "none" and entry.exists():
                    context, key, data = entry.read_text(encoding="utf-8").split("\n", 2)
                    if damage == "severity-line":
                        data = "LOUD\n" + data.partition("\n")[2]
                    else:
                        key = "0" * 40 + ":" + key.partition(":")[2]
                    entry.write_text(f"{context}\n{key}\n{data}", encoding="utf-8")
                before = len(seen)
                out = io.StringIO()
                code = main(["--no-config", *variant, *extra, "articles"], out, io.StringIO())
                assert (code, out.getvalue()) == fresh[tuple(variant + extra)]
                if again:  # the kept output is printed (nothing checked, no Report replayed) unless damaged
                    assert (len(seen) == before) == (damage == "none")


@pytest.mark.parametrize("odd_name", [False, True])
def test_kept_output_is_written_as_its_text_would_be(tree: Path, monkeypatch: pytest.MonkeyPatch, odd_name: bool) -> None:
    """A replayed output is copied as bytes to a UTF-8 stream or to --output-file; with a lone
    surrogate in it (a file name that is not UTF-8), or to a stream of another encoding, it is
    written as text. Either way the bytes are those of a run that formats the Report."""
    import os

    (tree / "articles" / "mojibake.md").write_text("The Caf\u00c3\u00a9 owners said it was late.\n", encoding="utf-8")
    if odd_name:
        with open(os.fsencode(tree / "articles") + b"/odd\xff.md", "w", encoding="utf-8") as fh:
            fh.write("Officials said it was reportedly late.\n")
    _settled_tree(tree, monkeypatch)
    monkeypatch.chdir(tree)
    copied: list[bool] = []
    real_buffer = cli._utf8_buffer
    monkeypatch.setattr(cli, "_utf8_buffer", lambda out: copied.append(True) or real_buffer(out))

    def run(extra: list[str], encoding: str) -> tuple[int, bytes, bytes]:
        buffer = io.BytesIO()
        out = io.TextIOWrapper(buffer, encoding=encoding, errors="backslashreplace", newline="\n")
        written = tree / "written.txt"
        written.unlink(missing_ok=True)
        code = main(["--no-config", "--format", "concise", *extra, "articles"], out, io.StringIO())
        main(["--no-config", "--format", "concise", "-o", str(written), *extra, "articles"], io.StringIO(), io.StringIO())
        out.flush()
        return code, buffer.getvalue(), written.read_bytes()

    for encoding in ("utf-8", "latin-1"):
        fresh = run(["--no-cache"], encoding)
        assert "Caf\u00c3\u00a9".encode(encoding) in fresh[1]  # text beyond ASCII
        assert (b"odd\\udcff.md" in fresh[1]) == odd_name
        for _ in range(3):  # stored, then printed again
            assert run([], encoding) == fresh
    assert copied


@pytest.mark.parametrize("change", ["edit", "same-size", "new", "deleted", "select", "severity", "per-file", "pack"])
def test_any_change_stops_the_replay(tree: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    import os

    articles = _settled_tree(tree, monkeypatch)
    pack = tree / "desk.yaml"
    pack.write_text(
        "pack: desk\nrules:\n  - code: DSK001\n    name: vague-timing\n    kind: lexicon\n    summary: s\n"
        "    rationale: r\n    message: \"Vague '{match}'\"\n    terms: [reportedly]\n"
        "    examples: {fail: [It reportedly happened.], pass: [It happened on May 3.]}\n"
    )
    settings: dict[str, object] = {"rules": [str(pack)]}
    for _ in range(2):  # checked, then stored for the replay
        Linter(settings=Settings(root=str(tree), **settings), cache=True).lint_paths([str(articles)])  # type: ignore[arg-type]
    victim = articles / "extra1.md"
    if change == "edit":
        victim.write_text(victim.read_text() + "\nAnalysts say the move could trigger a crisis.\n")
    elif change == "same-size":
        st = victim.stat()
        victim.write_text(victim.read_text().replace("reportedly", "allegedly!"))
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert victim.stat().st_size == st.st_size
    elif change == "new":
        (articles / "fresh.md").write_text("Critics say the plan was perhaps rushed.\n")
    elif change == "deleted":
        victim.unlink()
    elif change == "select":
        settings["ignore"] = ["HDG"]
    elif change == "severity":
        settings["severity"] = {"ATT001": "error"}
    elif change == "per-file":
        settings["per_file_ignores"] = {"articles/extra*.md": ["ATT"]}
    else:
        pack.write_text(pack.read_text().replace("[reportedly]", "[late]").replace("It reportedly happened.", "It was late."))
    seen = _replays(monkeypatch)
    report = Linter(settings=Settings(root=str(tree), **settings), cache=True).lint_paths([str(articles)])  # type: ignore[arg-type]
    assert seen == ["checked"]
    assert report == Linter(settings=Settings(root=str(tree), **settings)).lint_paths([str(articles)])  # type: ignore[arg-type]


def test_recent_files_are_not_replayed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file changed within the racy margin of the run could change again unseen: no report is
    stored while any file is that fresh."""
    import srclint.cache

    articles = _settled_tree(tree, monkeypatch)
    monkeypatch.setattr(srclint.cache, "RACY_NS", 60 * 10**9)
    seen = _replays(monkeypatch)
    for _ in range(3):
        _linter(tree).lint_paths([str(articles)])
    assert seen == ["checked"] * 3
    assert not (tree / ".srclint_cache" / "report.json").exists()


def test_other_paths_or_working_directory_are_not_replayed(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _settled_tree(tree, monkeypatch)
    for _ in range(2):
        _linter(tree).lint_paths([str(articles)])
    seen = _replays(monkeypatch)
    one = _linter(tree).lint_paths([str(articles / "extra1.md")])
    assert one.files == (str(articles / "extra1.md"),)
    monkeypatch.chdir(articles)
    here = _linter(tree).lint_paths(["."])
    assert {f.path for f in here.findings} <= {p.name for p in articles.iterdir()}
    assert seen == ["checked", "checked"]


def test_timed_runs_are_neither_replayed_nor_stored(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _settled_tree(tree, monkeypatch)
    for _ in range(2):
        _linter(tree).lint_paths([str(articles)])
    seen = _replays(monkeypatch)
    timed = _linter(tree, timing=True).lint_paths([str(articles)])
    assert seen == ["checked"] and timed.timings


@pytest.mark.parametrize("damage", ["garbage", "binary", "hostile", "short-column", "bad-index", "other-files"])
def test_damaged_report_entry_is_not_trusted(tree: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    articles = _settled_tree(tree, monkeypatch)
    expected = Linter(settings=Settings(root=str(tree))).lint_paths([str(articles)])
    for _ in range(2):
        _linter(tree).lint_paths([str(articles)])
    entry = tree / ".srclint_cache" / "report.json"
    context, key, data = entry.read_text().split("\n", 2)
    data, base = data.split("\n")  # the report, then what a run after an edit starts from
    value = json.loads(data)
    if damage == "garbage":
        data = data[: len(data) // 2]
    elif damage == "binary":
        data = "\udcff" + data
    elif damage == "hostile":
        value[3] = [{"$d": "os.system", "f": ["echo pwned"]}]
        data = json.dumps(value)
    elif damage == "short-column":  # one field of the findings is missing its last value
        value[3] = stored_report._unpacked(value[3])
        value[3][6] = value[3][6][:-1]
        value[3] = stored_report._packed(value[3])
        data = json.dumps(value)
    elif damage == "bad-index":  # a finding's path points before or after the table of strings
        value[3] = stored_report._unpacked(value[3])
        value[3][3][0] = -1
        value[3][4][-1] = len(value[3][1])
        value[3] = stored_report._packed(value[3])
        data = json.dumps(value)
    else:
        value[1] = [*value[1], "elsewhere/unknown.md"]
        data = json.dumps(value)
    entry.write_bytes(f"{context}\n{key}\n{data}\n{base}".encode("utf-8", "surrogateescape"))
    seen = _replays(monkeypatch)
    assert _linter(tree).lint_paths([str(articles)]) == expected
    assert _linter(tree).lint_paths([str(articles)]) == expected  # the entry was replaced
    assert seen == ["checked", "replayed"]


def test_cached_fixes_keep_their_applicability(tree: Path) -> None:
    """A str enum goes through the cache's JSON as the enum (it once came back a bare str, which
    no cache entry holding the finding could then be written from)."""
    from srclint import serialize
    from srclint.models import Applicability

    assert serialize.loads(serialize.dumps([Applicability.UNSAFE])) == [Applicability.UNSAFE]
    assert type(serialize.loads(serialize.dumps(Applicability.UNSAFE))) is Applicability
    for _ in range(3):
        report = _linter(tree).lint_paths([str(tree / "articles")])
        fixes = [f.fix for f in report.findings if f.fix is not None]
        assert fixes and all(type(fx.applicability) is Applicability for fx in fixes)


def test_a_replayed_run_opens_no_sqlite_file(tree: Path) -> None:
    """The replay is a plain file so that a fully unchanged run need not import SQLite: checked
    in fresh interpreters (the racy margin set to zero there, as `_age` does here)."""
    import os
    import subprocess
    import sys
    import time

    from .conftest import ROOT

    articles = tree / "articles"
    past = time.time() - 3600
    for p in articles.iterdir():
        os.utime(p, (past, past))
    script = (
        "import io, sys, srclint.cache, srclint.engine as e\n"
        "srclint.cache.RACY_NS = 0\n"
        "from srclint.cli import main\n"
        "seen = []\n"
        "real = e.Linter._check_files\n"
        "e.Linter._check_files = lambda self, *a, **k: seen.append(1) or real(self, *a, **k)\n"
        "out = io.StringIO()\n"
        "main(['--no-config', '--format', 'json', 'articles'], out, io.StringIO())\n"
        "print(len(seen), '_sqlite3' in sys.modules, len(out.getvalue()))\n"  # (the C module, which sqlite3 imports)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.run([sys.executable, "-c", script], cwd=tree, env=env, capture_output=True, text=True, check=True).stdout.split() for _ in range(3)]
    assert [r[:2] for r in runs] == [["1", "True"], ["0", "False"], ["0", "False"]]  # checked and stored, replayed twice
    assert runs[0][2] == runs[1][2] == runs[2][2]



def test_preloaded_answers_are_the_database_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`preload` reads many paths' rows at once; `known_hash` and `get` must then answer exactly
    as the per-path queries do, and follow what is written afterwards."""
    import os

    import srclint.cache
    from srclint.cache import ResultCache

    monkeypatch.setattr(srclint.cache, "RACY_NS", 0)
    files = []
    for i in range(6):
        f = tmp_path / f"f{i}.md"
        f.write_text(f"text {i}\n")
        files.append(str(f))
    odd = "caf\udce9.md"  # an undecodable byte kept as a lone surrogate: stored under an escaped key
    names = [*files, odd, "never-seen.md"]
    writer = ResultCache(tmp_path / "c")
    for i, name in enumerate(files[:5]):
        writer.remember_hash(name, os.stat(name), f"h{i}")
        writer.put(name, f"h{i}" if i != 3 else "other", "ctx" if i != 4 else "ctx2", f"data{i}")
    writer.put(odd, "h9", "ctx", "data9")
    writer.close()

    def answers(c: ResultCache) -> list[object]:
        out: list[object] = []
        for i, name in enumerate(names):
            for seen in (files[i % len(files)], files[(i + 1) % len(files)]):  # its own metadata, then another file's
                out.append(c.known_hash(name, os.stat(seen)))
            out.append([c.get(name, f"h{j}", r) for j in (*range(6), 9) for r in ("ctx", "ctx2")])
        return out

    plain = answers(ResultCache(tmp_path / "c"))
    preloaded = ResultCache(tmp_path / "c")
    preloaded.preload(names, "ctx")
    assert answers(preloaded) == plain
    assert plain[0] == "h0" and plain[1] is None and plain[2][0] == "data0" and "data9" in plain[3 * len(files) + 2]
    preloaded.put(names[5], "h5", "ctx", "new5")
    preloaded.put(names[0], "h0", "ctx2", "moved0")
    assert preloaded.get(names[5], "h5", "ctx") == "new5" and preloaded.get(names[0], "h0", "ctx") is None
    assert preloaded.get(names[0], "h0", "ctx2") == "moved0"
    preloaded.remember_hash(names[5], os.stat(names[5]), "h5")
    assert preloaded.known_hash(names[5], os.stat(names[5])) == "h5"


def test_run_after_an_edit_reads_the_stored_facts_and_does_not_write_them_again(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import srclint.engine

    _age(tree / "articles", monkeypatch)
    _linter(tree).lint_paths([str(tree / "articles")])
    _linter(tree).lint_paths([str(tree / "articles")])  # stores the report: the next run defers the facts
    edited = tree / "articles" / "extra0.md"
    edited.write_text(edited.read_text() + "\nAnalysts note it may be late.\n")
    written: list[str] = []
    put = srclint.engine.RunCache.put

    def spy(self: object, path: str, *args: object) -> None:
        written.append(path)
        put(self, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(srclint.engine.RunCache, "put", spy)
    linter = _linter(tree)
    assert linter._facts_later  # the case this test is about
    after = linter.lint_paths([str(tree / "articles")])
    assert "<rules>" not in written
    assert after.findings == _uncached(tree, [str(tree / "articles")])


@pytest.mark.parametrize("variant", [["--format", "json"], ["--format", "concise"], ["--format", "text"], ["--format", "text", "-q"]])
@pytest.mark.parametrize("edit", ["claims", "suppression", "hedge", "new-claim"])
def test_cli_run_after_an_edit_prints_what_a_cold_run_prints(
    tree: Path, monkeypatch: pytest.MonkeyPatch, variant: list[str], edit: str
) -> None:
    """After one file changes, the replay check finds no kept output and hands the files it
    found to the linter (which neither walks the folders nor stats the files again); the
    output is byte for byte a cold run's, corpus findings and suppressions included."""
    articles = _settled_tree(tree, monkeypatch)
    monkeypatch.chdir(tree)
    for _ in range(2):  # the second run stores the report and its output
        main(["--no-config", *variant, "articles"], io.StringIO(), io.StringIO())
    edited = articles / ("quiet.md" if edit == "suppression" else "extra1.md")
    added = {
        "claims": "The minister said on Monday that 40 people died.\n",
        "suppression": "It was perhaps late. <!-- srclint: ignore HDG -->\n",
        "hedge": "It was perhaps late.\n",
        "new-claim": "Maduro said 40 people died in Caracas on October 27, 2025.\n",
    }[edit]
    edited.write_text(edited.read_text() + added)
    splices = _splices(monkeypatch)
    seen = _replays(monkeypatch)
    planned: list[str] = []
    real_plan = engine.Linter.plan
    monkeypatch.setattr(engine.Linter, "plan", lambda self, *a, **k: planned.append("plan") or real_plan(self, *a, **k))
    stats: list[str] = []  # files the results cache was asked about without the metadata taken already
    real_hash = engine.Linter._content_hash

    def content_hash(self, cache, source, st=None):  # type: ignore[no-untyped-def]
        if st is None:
            stats.append(source.display)
        return real_hash(self, cache, source, st)

    monkeypatch.setattr(engine.Linter, "_content_hash", content_hash)
    after, err = io.StringIO(), io.StringIO()
    code = main(["--no-config", *variant, "articles"], after, err)
    assert seen == ["checked"] and planned == [] and stats == []
    assert splices == [True]  # the stored report is the starting point
    cold = io.StringIO()
    assert main(["--no-config", "--no-cache", *variant, "articles"], cold, io.StringIO()) == code
    assert after.getvalue() == cold.getvalue()
    if "json" in variant:
        assert any(f["code"] == "CON001" for f in json.loads(after.getvalue())["findings"])


def test_cached_results_decode_to_what_was_checked(tree: Path) -> None:
    """`encode_result` then `decode_result` gives back the result as checked: findings (with
    related locations, fixes and suppression marks), errors, directives, line starts (read
    when first asked for), timeouts and the content fingerprints."""
    from srclint.engine import contents_of, decode_result, encode_result, starts_of
    from srclint.formats import read_document
    from srclint.models import Fix, Related

    linter = Linter(settings=Settings(root=str(tree)))
    checked = 0
    for path in sorted((tree / "articles").iterdir()):
        result = engine.check_document(read_document(str(path)), linter.rules, hash_source=True)
        if result.findings:  # one finding with every rare field set, and one elsewhere in the file
            f = result.findings[0]
            result.findings.append(f.with_(start=f.start + 1, related=(Related(f.path, 1, 2, "there", 1, 2, 1, 3),),
                                           fix=Fix(0, 1, "x"), suppressed="inline", fingerprint=""))  # fmt: skip
        relative = f"articles/{path.name}"
        contents = [f"c{i}" for i in range(len(result.findings))]
        for final in (None, result.findings):
            text = encode_result(result, '{"$m":[]}', relative if final else None, final, contents if final else None)
            assert text is not None
            back, held = decode_result(text)
            assert back.findings == result.findings and back.path == result.path
            assert (back.errors, back.directives, back.timed_out, back.source_hash) == (
                result.errors, result.directives, result.timed_out, result.source_hash
            )
            assert back.line_starts == [] and starts_of(back) == result.line_starts and back.line_starts_text is None
            assert back.claims_text == '{"$m":[]}'
            assert (back.final_for, held is not None) == ((relative, True) if final else (None, False))
            if held is not None:
                assert contents_of(held, len(contents)) == contents
        checked += bool(result.directives) + bool(result.findings)
    assert checked > 3
    for damaged in ("[]\n\nnull\n{}", '["a", null, [], null, null, [], [[0]], []]\n0\nnull\n{}', "[1]\n\nnull"):
        with pytest.raises(Exception):
            decode_result(damaged)
    with pytest.raises(Exception):  # a line start that is not a number is damage found when decoding
        decode_result('["a", null, [], null, null, [], [], []]\n0,x\nnull\n{}')


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(min_size=1), st.text("0123456789abcdef")), max_size=12))
def test_claims_key_is_a_digest_of_each_path_and_claims_digest_in_path_order(pairs: list[tuple[str, str]]) -> None:
    from srclint.engine import DocResult, blake2b

    results = [DocResult(path, claims_digest=digest) for path, digest in pairs]
    h = blake2b(digest_size=16)
    for r in sorted(results, key=lambda r: r.path):
        h.update(r.path.encode("utf-8", "surrogatepass") + b"\0" + r.claims_digest.encode() + b"\0")  # type: ignore[union-attr]
    assert Linter.__new__(Linter)._claims_key(results) == h.hexdigest()


def _splices(monkeypatch: pytest.MonkeyPatch, outputs: list[bool] | None = None) -> list[bool]:
    """Record, for each run from here on that tried, whether it made its Report (or its output:
    `Linter._spliced_output`) from the stored one; in `outputs`, whether each run that made its
    output that way did."""
    seen: list[bool] = []
    real_plan, real_report, real_output = engine.Linter._splice_plan, engine.Linter._spliced, engine.Linter._spliced_output

    def plan(self, *a, **kw):  # type: ignore[no-untyped-def]
        out = real_plan(self, *a, **kw)
        if out is None:
            seen.append(False)
        return out

    def report(self, *a, **kw):  # type: ignore[no-untyped-def]
        out = real_report(self, *a, **kw)
        seen.append(out is not None)
        if outputs is not None:
            outputs.append(False)
        return out

    def output(self, *a, **kw):  # type: ignore[no-untyped-def]
        out = real_output(self, *a, **kw)
        if out:
            seen.append(True)
            if outputs is not None:
                outputs.append(True)
        return out

    monkeypatch.setattr(engine.Linter, "_splice_plan", plan)
    monkeypatch.setattr(engine.Linter, "_spliced", report)
    monkeypatch.setattr(engine.Linter, "_spliced_output", output)
    return seen


_SEED_A, _SEED_B = sorted(p.name for p in SEEDS.iterdir())[:2]
_EDITS = {  # files changed and how, whether the stored report can be the starting point (it can unless too many changed)
    "hedge": ({"extra1.md": "append It was perhaps late.\n"}, True),
    "suppression": ({"quiet.md": "append It was perhaps late. <!-- srclint: ignore HDG -->\n<!-- srclint: ignore XYZ -->\n"}, True),
    "lines-moved": ({"extra2.md": "prepend Perhaps.\n\nOfficials said so.\n\n"}, True),
    "two-files": ({"extra1.md": "append It was perhaps late.\n", "extra3.md": "prepend Reportedly so.\n\n"}, True),
    "findings-gone": ({"extra4.md": "replace # Story\n\nThe plane landed at 9:40.\n"}, True),
    "claims": ({"extra1.md": "append Maduro said 40 people died in Caracas on October 27, 2025.\n"}, True),
    "conflict": ({"extra1.md": "append A sanctioned Russian transport plane landed in Caracas on October 29, 2025.\n"}, True),
    "corpus-file": ({_SEED_A: "append It was perhaps late.\n"}, True),
    "corpus-lines": ({_SEED_B: "prepend Perhaps.\n\n"}, True),
    "corpus-claims": ({_SEED_B: "replace Nothing to compare here.\n"}, True),
    "too-many": ({f"extra{i}.md": "append It was perhaps late.\n" for i in range(4)}, False),
}


def _apply(articles: Path, changes: dict[str, str]) -> None:
    for name, change in changes.items():
        how, _, text = change.partition(" ")
        path = articles / name
        old = path.read_text()
        path.write_text({"append": old + text, "prepend": text + old, "replace": text}[how])


@pytest.mark.parametrize("edit", sorted(_EDITS))
def test_run_after_an_edit_starts_from_the_stored_report_when_it_can(tree: Path, monkeypatch: pytest.MonkeyPatch, edit: str) -> None:
    """A run after a few files changed checks only those files and replaces their findings in the
    stored Report (and those of the files corpus findings, old and new, are in or point into,
    when the changed files changed their claims or are among them): it gives the Report a run
    without the cache gives, suppressions and corpus findings included, and stores it for the
    next run (itself a starting point for the next edit)."""
    articles = _settled_tree(tree, monkeypatch)
    for _ in range(2):
        _linter(tree).lint_paths([str(articles)])
    changes, splices = _EDITS[edit]
    _apply(articles, changes)
    seen = _splices(monkeypatch)
    checked: list[str] = []
    real = engine.check_document

    def spy(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        checked.append(Path(doc.path).name)
        return real(doc, *args, **kwargs)

    monkeypatch.setattr(engine, "check_document", spy)
    after = _linter(tree).lint_paths([str(articles)])
    assert seen == [splices] and sorted(checked) == sorted(changes)
    monkeypatch.setattr(engine, "check_document", real)
    expected = Linter(settings=Settings(root=str(tree))).lint_paths([str(articles)])
    assert after == expected
    assert _linter(tree).lint_paths([str(articles)]) == expected  # replayed
    _apply(articles, {"extra0.md": "append Analysts said it was perhaps late.\n"})  # from a report made this way
    assert _linter(tree).lint_paths([str(articles)]) == Linter(settings=Settings(root=str(tree))).lint_paths([str(articles)])
    assert seen[-1] is True
    corpus_findings = {Path(f.path).name for f in expected.findings if f.code.startswith("CON")}
    assert corpus_findings == {"corpus-claims": set(), "conflict": {_SEED_A, _SEED_B, "extra1.md"}}.get(edit, {_SEED_A, _SEED_B})
    assert expected.suppressed


@pytest.mark.parametrize("damage", ["garbage", "types", "head", "touched", "digest", "unsorted", "listed", "problems", "none"])
def test_a_damaged_starting_point_is_not_trusted(tree: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """What a run after an edit starts from (the line after the stored report) is checked: when
    it is damaged or does not fit, the run is made in full, with the same Report."""
    articles = _settled_tree(tree, monkeypatch)
    for _ in range(2):
        _linter(tree).lint_paths([str(articles)])
    entry = tree / ".srclint_cache" / "report.json"
    context, key, data, base = entry.read_text().split("\n")
    value = json.loads(base)
    report = json.loads(data)
    if damage == "garbage":
        base = base[: len(base) // 2]
    elif damage == "types":
        base = json.dumps([value[0], "lines", *value[2:]])
    elif damage == "head":
        base = json.dumps(["0" * len(value[0]), *value[1:]])
    elif damage == "touched":
        base = json.dumps([*value[:3], [*value[3], "articles/extra1.md", str(articles / "extra1.md")], *value[4:]])
    elif damage == "digest":
        base = json.dumps([*value[:2], "0" * len(value[2]), *value[3:]])
    elif damage == "listed":
        base = json.dumps([*value[:4], "7", *value[5:]])
    elif damage == "problems":
        base = json.dumps([*value[:6], [[7, "io"]]])
    elif damage == "unsorted":  # findings out of path order (as no stored report is): not spliced into
        cols = stored_report._unpacked(report[3])
        cols[3] = cols[3][::-1]
        report[3] = stored_report._packed(cols)
        data = json.dumps(report)
    entry.write_text(f"{context}\n{key}\n{data}\n{base}")
    _apply(articles, {"extra1.md": "append It was perhaps late.\n"})
    seen = _splices(monkeypatch)
    after = _linter(tree).lint_paths([str(articles)])
    assert seen == [damage in {"none", "digest"}]  # wrong digests: the corpus pass runs again
    assert after == Linter(settings=Settings(root=str(tree))).lint_paths([str(articles)])


_OUTPUT_EDITS = {  # file: how it changes (as `_apply`), one run after another
    "hedge": {"extra1.md": "append It was perhaps late.\n"},
    "error-and-fix": {"extra2.md": "append CafÃ© Tortoni is in Buenos Aires.\n"},  # an error, with a safe fix
    "findings-gone": {"extra4.md": "replace # Story\n\nThe plane landed at 9:40.\n"},
    "first-findings": {"clean.md": "append It was perhaps late.\n"},
    "claims": {"extra1.md": "append Maduro said 40 people died in Caracas on October 27, 2025.\n"},
    "conflict": {"extra3.md": "append A sanctioned Russian transport plane landed in Caracas on October 29, 2025.\n"},
    "corpus-file": {_SEED_A: "append It was perhaps late.\n"},
    "suppression": {"quiet.md": "append It was perhaps late. <!-- srclint: ignore HDG -->\n<!-- srclint: ignore XYZ -->\n"},
    "unsuppressed": {"quiet.md": "replace Officials said it was reportedly late.\n"},
    "two-files": {"extra1.md": "append Reportedly so.\n", "extra3.md": "prepend Perhaps.\n\n"},
}


@pytest.mark.parametrize(
    "variant",
    [["--format", "concise"], ["--format", "concise", "-q"], ["--format", "text"], ["--format", "full", "-q"], ["--format", "github"],
     ["--format", "json"], ["--format", "concise", "--exit-zero"], ["--format", "text", "--fail-on", "error"]],
)  # fmt: skip
def test_output_after_edits_is_a_cold_runs(tree: Path, monkeypatch: pytest.MonkeyPatch, variant: list[str]) -> None:
    """Edit after edit, the output of a run after one (its kept output spliced, for the formats
    made of a block per file) is byte for byte what a run without the cache prints, with the same
    exit code: right after an edit, when nothing is stored (the files changed too recently), and
    a little later, when the spliced output is stored and is itself the next edit's starting point."""
    import srclint.cache

    articles = _settled_tree(tree, monkeypatch)
    (articles / "clean.md").write_text("# Clean\n\nThe plane landed at 9:40 on Monday.\n")
    _age(articles, monkeypatch)
    monkeypatch.chdir(tree)
    argv = ["--no-config", *variant, "articles"]

    def run(*extra: str) -> tuple[int, str]:
        out = io.StringIO()
        code = main([*argv[:-1], *extra, argv[-1]], out, io.StringIO())
        return code, out.getvalue()

    for _ in range(2):  # the second run stores the report and its output
        run()
    blocks = variant[1] != "json"
    outputs: list[bool] = []
    _splices(monkeypatch, outputs)
    for edit in _OUTPUT_EDITS.values():
        _apply(articles, edit)
        expected = run("--no-cache")
        monkeypatch.setattr(srclint.cache, "RACY_NS", 10**18)  # just edited: nothing may be stored
        assert run() == expected
        assert run() == expected  # still from the stored run before the edit
        monkeypatch.setattr(srclint.cache, "RACY_NS", 0)  # settled: the run is stored ...
        assert run() == expected
        assert run() == expected  # ... and replayed
        assert outputs == [blocks] * 3
        outputs.clear()
    assert "CafÃ©" in expected[1] or not blocks


def test_a_file_name_with_a_line_break_is_still_printed_as_a_cold_run_prints(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored base keeps the key's file lines joined; a name with a line break does not split
    back into them, so the run after an edit is made in full, and prints what a cold run prints."""
    articles = _settled_tree(tree, monkeypatch)
    (articles / "two\nlines.md").write_text("It was perhaps late.\n")
    _age(articles, monkeypatch)
    monkeypatch.chdir(tree)
    argv = ["--no-config", "--format", "concise", "articles"]
    for _ in range(2):
        main(argv, io.StringIO(), io.StringIO())
    _apply(articles, {"extra1.md": "append It was perhaps late.\n"})
    seen = _splices(monkeypatch)
    after, cold = io.StringIO(), io.StringIO()
    assert main(argv, after, io.StringIO()) == main(["--no-cache", *argv], cold, io.StringIO())
    assert after.getvalue() == cold.getvalue() and "two\nlines.md" in cold.getvalue()
    assert seen == [False]


@pytest.mark.parametrize("damage", ["empty", "cut-short", "longer"])
def test_a_kept_entry_cut_short_is_a_miss(tree: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    """The stored report and output are renamed into place after the old ones are removed, so a
    power cut can leave them empty or cut short (their data not yet written): either reads as a
    miss, and the run prints what a cold run prints."""
    articles = _settled_tree(tree, monkeypatch)
    monkeypatch.chdir(tree)
    argv = ["--no-config", "--format", "concise", "articles"]
    cold = io.StringIO()
    main(["--no-cache", *argv], cold, io.StringIO())
    for _ in range(2):
        main(argv, io.StringIO(), io.StringIO())
    folder = tree / ".srclint_cache"
    context, key, _ = (folder / "output.txt").read_text(encoding="utf-8").split("\n", 2)
    assert srclint_cache.OutputFile(folder).get_entry(context, key) is not None
    for name in ("report.json", "output.txt"):
        data = (folder / name).read_bytes()
        (folder / name).write_bytes({"empty": b"", "cut-short": data[: len(data) - 7], "longer": data + b"\n"}[damage])
    assert srclint_cache.OutputFile(folder).get_entry(context, key) is None
    seen = _replays(monkeypatch)
    out = io.StringIO()
    main(argv, out, io.StringIO())
    assert out.getvalue() == cold.getvalue()
    assert seen == ["checked" if damage == "empty" else "replayed"]  # the report line is whole unless empty
    _apply(articles, {"extra1.md": "append It was perhaps late.\n"})  # and a run after an edit starts from no stored report
    out = io.StringIO()
    main(argv, out, io.StringIO())
    cold = io.StringIO()
    main(["--no-cache", *argv], cold, io.StringIO())
    assert out.getvalue() == cold.getvalue()


def test_a_kept_entry_replaces_the_old_file() -> None:
    """`ReportFile._replace` removes the old file, then renames the new one to its name: no file
    is left beside it, and the entry reads back."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        entry = srclint_cache.OutputFile(folder)
        for text in ("one", "two"):
            entry.put_bytes("ctx", "key", b"WARNING\n", b"\n", text.encode())
            assert entry.get_entry("ctx", "key") == (b"WARNING", b"", text.encode())
        assert sorted(p.name for p in Path(folder).iterdir()) == [".gitignore", "output.txt"]


_ASCII_TEXT = st.text(st.sampled_from("ab\n\"\\{}[],:0"), max_size=12)


@settings(max_examples=200, deadline=None)
@given(key=st.text(st.sampled_from("abc:0"), max_size=6), pieces=st.lists(_ASCII_TEXT, max_size=4), as_bytes=st.lists(st.booleans(), max_size=4))
def test_a_report_entry_read_in_lines_is_the_entry_split(tmp_path_factory: pytest.TempPathFactory, key: str, pieces: list[str], as_bytes: list[bool]) -> None:
    """`ReportFile.lines` gives the key, and the entry's first line and the rest, that `entry` and
    a split at the first line break give, and the first line's bytes; pieces given to `put` as
    bytes are written as their text would be."""
    folder = tmp_path_factory.mktemp("report")
    report = srclint_cache.ReportFile(folder)
    given = [p.encode("ascii") if b else p for p, b in zip(pieces, [*as_bytes, *[False] * len(pieces)])]
    report.put("ctx", key, *given)
    entry = report.entry("ctx")
    lines = report.lines("ctx")
    if entry is None or "\n" in key:
        assert lines is None or "\n" in key
        return
    assert lines is not None
    first, _, rest = entry[1].partition("\n")
    assert lines[:3] == (entry[0], first, rest)
    assert bytes(lines[3]) == first.encode("ascii")
    assert entry[1] == "".join(pieces)
    assert report.lines("other") is None
