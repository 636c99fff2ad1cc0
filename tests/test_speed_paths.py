"""The fast paths must not change results: worker pools, the pack cache, timing."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from srclint.config import Settings
from srclint.engine import Linter
from srclint.packs import load_rules

from .conftest import SEEDS


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    texts = [p.read_text(encoding="utf-8", errors="surrogateescape") for p in sorted(SEEDS.iterdir())]
    for i in range(40):
        (tmp_path / f"doc{i:02}.txt").write_text(texts[i % 2] + f"\nStory {i} was reportedly filed.\n", encoding="utf-8", errors="surrogateescape")
    return tmp_path


def test_jobs_give_the_same_report(corpus: Path) -> None:
    one = Linter(settings=Settings(), jobs=1).lint_paths([str(corpus)])
    two = Linter(settings=Settings(), jobs=2).lint_paths([str(corpus)])
    assert one.findings and one.findings == two.findings and one.errors == two.errors and one.files == two.files


def test_timing_is_reported_per_rule(corpus: Path) -> None:
    report = Linter(settings=Settings(), jobs=2, timing=True).lint_paths([str(corpus)])
    assert "HDG001" in report.timings and "(read+parse)" in report.timings
    assert all(v >= 0 for v in report.timings.values())


def test_pack_cache_round_trip_and_corruption(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from srclint import pack_cache

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    first = load_rules()
    entries = list((tmp_path / "packs").glob("*.pickle"))
    assert len(entries) == 1
    second = load_rules()
    assert [r.code for r in first] == [r.code for r in second] and second.scanner.size == first.scanner.size
    entries[0].write_bytes(pack_cache._MAGIC + b"\x80garbage")
    third = load_rules()  # corrupt entry ignored, rebuilt
    assert [r.code for r in third] == [r.code for r in first]


def test_pack_cache_follows_pack_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path / "cache"))
    pack = tmp_path / "desk.yaml"
    text = (
        "pack: desk\nrules:\n  - code: DSK001\n    name: vague-timing\n    kind: lexicon\n    summary: s\n"
        "    rationale: r\n    message: m\n    terms: [recently]\n    examples: {fail: [recently], pass: [today]}\n"
    )
    pack.write_text(text)
    assert load_rules(pack, builtin=False).get("DSK001").terms == ["recently"]
    pack.write_text(text.replace("[recently]", "[lately]"))
    assert load_rules(pack, builtin=False).get("DSK001").terms == ["lately"]
    shutil.rmtree(tmp_path / "cache")


def test_pack_cache_follows_the_code_of_the_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rule set pickled by other code must not be served after the code changes."""
    import os

    import srclint.kinds.lexicon as lexicon

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    load_rules()
    assert len(list((tmp_path / "packs").glob("*.pickle"))) == 1
    source = Path(lexicon.__file__)
    st = source.stat()
    os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    try:
        load_rules()
    finally:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert len(list((tmp_path / "packs").glob("*.pickle"))) == 2


def test_pack_cache_keeps_only_recent_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from srclint import pack_cache

    monkeypatch.setenv("SRCLINT_CACHE_DIR", str(tmp_path))
    for i in range(pack_cache.KEEP + 5):
        pack_cache.store(f"k{i:02}", {"n": i})
        os.utime(tmp_path / "packs" / f"k{i:02}.pickle", (1_000_000 + i, 1_000_000 + i))
    pack_cache.store("newest", {"n": -1})
    left = sorted(p.stem for p in (tmp_path / "packs").glob("*.pickle"))
    assert len(left) == pack_cache.KEEP and "newest" in left and "k00" not in left


def test_make_finding_builds_what_the_constructor_builds() -> None:
    import dataclasses
    import pickle

    from srclint.models import Applicability, Finding, Fix, Related, Severity, make_finding

    assert make_finding is not Finding  # the field list is the one the fast builder was written for
    values = (
        "ATT001", "name", Severity.WARNING, "message", "a.md", 3, 9, "match", (Related("b.md", 1, 2, "there"),),
        Fix(3, 9, "repl", Applicability.UNSAFE), 1, 4, 1, 10, "fp", "inline",
    )  # fmt: skip
    built, made = make_finding(*values), Finding(*values)
    assert type(built) is Finding and built == made and hash(built) == hash(made)
    assert dataclasses.astuple(built) == dataclasses.astuple(made)
    assert pickle.loads(pickle.dumps(built)) == made and built.with_(line=2) == made.with_(line=2)
    changes = {"line": 7, "column": 2, "fingerprint": "x", "fix": None, "related": ()}
    assert built.with_(**changes) == dataclasses.replace(made, **changes) and built.with_() == made
    with pytest.raises(TypeError):
        built.with_(colour=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.line = 5  # type: ignore[misc]


def _walk_reference(top: Path, cwd: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """What discovery finds in a folder with no ignore patterns, as it was written over os.walk
    and lstat before the walk moved to os.scandir: the files and the problems, in walk order."""
    import os
    import stat

    from srclint.discover import _ALWAYS_SKIP, display_path

    files, errors = [], []
    for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _ALWAYS_SKIP)
        for name in sorted(filenames):
            p = Path(dirpath) / name
            if p.suffix.lower() not in {".md", ".markdown", ".txt"}:
                continue
            mode = os.lstat(p).st_mode
            if stat.S_ISLNK(mode):
                try:
                    mode = os.stat(p).st_mode
                except OSError:
                    errors.append((display_path(p, cwd), "broken or looping symlink; skipped"))
                    continue
            if not stat.S_ISREG(mode):
                errors.append((display_path(p, cwd), "not a regular file; skipped"))
                continue
            files.append((display_path(p, cwd), str(p)))
    return files, errors


def test_the_scandir_walk_finds_what_the_os_walk_did(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from srclint.discover import discover

    tree = tmp_path / "tree"
    for rel in ("a.md", "b.TXT", "skip.py", "sub/c.md", "sub/deeper/d.markdown", ".hidden/e.md", "node_modules/f.md", "z/g.txt"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text("Officials said it was late.\n")
    (tree / "link.md").symlink_to(tree / "a.md")
    (tree / "dangling.md").symlink_to(tree / "missing.md")
    (tree / "loop.md").symlink_to(tree / "loop.md")
    (tree / "sub" / "up").symlink_to(tree)  # a link to a folder: listed by the walk, never entered
    (tree / "dir.md").mkdir()  # a folder with a known extension is still a folder
    os.mkfifo(tree / "pipe.md")
    monkeypatch.chdir(tmp_path)
    files, errors = discover(["tree"], Settings(), tmp_path)
    want_files, want_errors = _walk_reference(tree, tmp_path)
    assert [(f.display, f.path) for f in files] == sorted(want_files)
    assert [(e.path, e.message) for e in errors] == want_errors
    assert {f.display for f in files} >= {"tree/a.md", "tree/b.TXT", "tree/link.md", "tree/sub/deeper/d.markdown", "tree/z/g.txt"}
    assert len(want_errors) == 3


def test_rule_finding_is_the_constructors_finding() -> None:
    """`finding` builds through make_finding with a severity parsed once: the Finding the keyword
    constructor gives, with the rule's severity or the one passed in."""
    from srclint.documents import Document
    from srclint.models import Finding, Fix, Related, Severity

    rule = load_rules().get("HDG002")
    doc = Document("a.txt", "The  flights may\nresume.")
    start = doc.text.index("may")
    made = rule.finding(doc, start, start + 3)
    assert made == Finding(
        code="HDG002", name=rule.name, severity=Severity.parse(rule.severity),
        message=rule.message.format_map({"match": "may"}), path="a.txt", start=start, end=start + 3, match="may",
    )  # fmt: skip
    fix, related = Fix(start, start + 3, "will"), [Related("b.txt", 0, 1, "there")]
    other = rule.finding(doc, 5, 17, severity=Severity.INFO, fix=fix, related=related)
    assert other == Finding(
        code="HDG002", name=rule.name, severity=Severity.INFO, message=rule.message.format_map({"match": "flights may"}),
        path="a.txt", start=5, end=17, match="flights may\n", related=tuple(related), fix=fix,
    )  # fmt: skip


def test_a_message_with_one_match_placeholder_is_what_format_map_gives() -> None:
    from srclint.documents import Document
    from srclint.kinds.base import _match_affixes

    doc = Document("a.txt", "The  flights {may}\nresume {{x}} é.")
    spans = [(0, 3), (4, 17), (13, 18), (0, len(doc.text)), (3, 3)]
    rules = load_rules()
    assert any(r.__pydantic_private__["_affixes"] is not None for r in rules)
    for rule in rules:
        values = {p: (len(p) if p == "count" else f"<{p}>") for p in rule.placeholders if p != "match"}
        for a, b in spans:
            match = doc.text[a:b]
            want = rule.message.format_map({"match": " ".join(match.split()) or match, **values})
            assert rule.finding(doc, a, b, **values).message == want
            assert rule.finding(doc, a, b, match="given", **values).message == rule.message.format_map({**values, "match": "given"})
    plain = ["{match}", "a {match} b", "{{match}} {match} {{", "}}{match}", "x {match}."]
    other = ["x{match}{match}", "{match!r}", "{match:>9}", "{count} {match}", "{}", "no field", "{match.x}", "{{match}}", "{"]
    for message in plain:
        affixes = _match_affixes(message)
        assert affixes is not None and affixes[0] + "M é" + affixes[1] == message.format_map({"match": "M é"})
    assert all(_match_affixes(message) is None for message in other)


def test_tokens_are_the_dataclass_tokens() -> None:
    """`tokens` writes the Token slots directly: the tokens must be the ones the constructor makes,
    equal, hashable and frozen, with the final-period rule unchanged."""
    import dataclasses

    from srclint.text.names import _TOKEN, Token, tokens

    text = "Mr. Lee, U.S. officials and Jane O’Neill-Smith said e.g. a. At 3.5 p.m. the co. rock-’n’-roll fans cheered."

    def reference(start: int, end: int) -> list[Token]:
        out = []
        for m in _TOKEN.finditer(text, start, end):
            word, s, e = m.group(), m.start(), m.end()
            if word.endswith(".") and "." not in word[:-1] and len(word) > 2:
                word, e = word[:-1], e - 1
            out.append(Token(word, s, e))
        return out

    for start, end in ((0, len(text)), (2, 40), (len(text) - 7, len(text))):
        got = tokens(text, start, end)
        assert got == reference(start, end) and [hash(t) for t in got] == [hash(t) for t in reference(start, end)]
        assert all(type(t) is Token and t.text == text[t.start : t.end] for t in got)
        # the folded form, stored when the token is made, is the one the constructor stores
        assert [t.low for t in got] == [t.low for t in reference(start, end)]
        assert all(t.low == t.text.lower().replace("’", "'") for t in got)
    assert [t.text for t in tokens("Mr. Lee went.")] == ["Mr", "Lee", "went"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        tokens("word")[0].text = "other"  # type: ignore[misc]


def _words_of_seeds_and(extra: list[str]) -> Iterator[tuple[str, re.Match[str]]]:
    """(text, word match) for every word of the seed articles and of `extra`: the places the
    equivalence tests of the subject and passive look-ups try."""
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.iterdir())] + extra
    for text in texts:
        for m in re.finditer(r"\w+", text):
            yield text, m


def test_passive_check_on_a_short_tail_agrees_with_the_whole_stretch() -> None:
    """`_passive` cuts tokens from a space just before the cue first; at every word of the seeds
    and of sentences whose auxiliaries run past that tail it must answer as the whole
    60-character stretch did."""
    from srclint.text.names import _BE, _BETWEEN, _passive, tokens

    def reference(text: str, begin: int, cue_start: int, cue_end: int) -> bool:
        if text[cue_start:cue_end].lower().endswith("ing"):
            return False
        for t in reversed(tokens(text, max(begin, cue_start - 60), cue_start)):
            if t.low in _BE:
                return True
            if t.low not in _BETWEEN:
                return False
        return False

    extra = [
        "The people were also previously repeatedly told to leave.",
        "Residents have been repeatedly and publicly officially told.",
        "The request, which was not immediately officially formally denied, stood.",
        "Analysts have also repeatedly said so.",
        "x were already recently quickly swiftly immediately formally officially said",
        "Supercalifragilisticexpialidociously said.",
    ]
    checked = 0
    for text, m in _words_of_seeds_and(extra):
        for begin in (0, max(0, m.start() - 30)):
            assert _passive(text, begin, m.start(), m.end()) == reference(text, begin, m.start(), m.end())
            checked += 1
    assert checked > 1000


def test_subject_before_from_the_clause_end_agrees_with_cutting_the_whole_clause() -> None:
    """`subject_before` reads the clause's words from the end and makes Tokens of the phrase's
    words only; before every word of the seeds and of sentences with long clauses, stop words,
    auxiliaries and -ly adverbs it must give the phrase cutting the whole clause into Tokens gave."""
    from srclint.text.names import (
        _BETWEEN,
        _DETERMINERS,
        _LEFT_STOP,
        _VERBS,
        _clause_start,
        noun_phrase,
        strip_bullet,
        subject_before,
        tokens,
    )

    def reference(text: str, sentence_start: int, cue_start: int, max_tokens: int = 8):  # type: ignore[no-untyped-def]
        toks = tokens(text, _clause_start(text, sentence_start, cue_start), cue_start)

        def manner_adverb() -> bool:
            word = toks[-1].low
            return (
                len(toks) > 1 and len(word) > 4 and word.endswith("ly") and not toks[-1].capitalised
                and toks[-2].low not in _DETERMINERS
            )

        while toks and (toks[-1].low in _BETWEEN or manner_adverb()):
            toks.pop()
        if not toks or toks[-1].low in {"and", "or", "but", "to"}:
            return None
        for i in range(len(toks) - 1, -1, -1):
            if toks[i].low in _LEFT_STOP or toks[i].low in _VERBS:
                toks = toks[i + 1 :]
                break
        return noun_phrase(toks[-max_tokens:])

    extra = [
        "The very many senior officials of the old and new ministries in the capital city have also said so.",
        "Officials who were there said, and the many people of the big city that we met quickly said it.",
        "The family quietly said; the diplomats almost universally expressed doubt. Only, really said.",
        "U.S. officials and Mr. Lee’s aides in St. Louis told reporters. J.R.R. Tolkien’s heirs said.",
        "x, a b c d e f g h i j k l m n o p said; which analysts at the bank previously repeatedly said",
    ]
    checked = 0
    for text, m in _words_of_seeds_and(extra):
        for begin in (0, max(0, m.start() - 50)):
            begin = strip_bullet(text, begin)
            for max_tokens in (8, 3, 1):
                got = subject_before(text, begin, m.start(), max_tokens)
                assert got == reference(text, begin, m.start(), max_tokens)
                assert got is None or [t.low for t in got.tokens] == [t.text.lower().replace("’", "'") for t in got.tokens]
            checked += 1
    assert checked > 1000


def test_finding_digests_hash_each_part_followed_by_a_nul() -> None:
    from hashlib import blake2b

    from srclint.engine import _digest

    for parts in [("HDG001", "perhaps", "It perhaps rained."), ("a\udcff", "", "\0"), ("é",)]:
        h = blake2b(digest_size=8)
        for p in parts:
            h.update(p.encode("utf-8", "surrogatepass") + b"\0")
        assert _digest(*parts) == h.hexdigest()


def test_selecting_every_rule_keeps_the_compiled_rule_set() -> None:
    rules = load_rules()
    assert rules.only(r.code for r in rules) is rules  # its scanner is not built again
    some = rules.only(["HDG001", "ATT001"])
    assert [r.code for r in some] == [r.code for r in rules if r.code in {"HDG001", "ATT001"}]


def _reference_locate(doc, f):  # type: ignore[no-untyped-def]
    """Locating one finding the plain way (what `_locate_all` must give for each)."""
    from srclint.engine import _digest, _norm

    line, col = doc.line_col(f.start)
    end_line, end_col = doc.line_col(max(f.start, f.end))
    sent = doc.sentence_at(f.start)
    context = " ".join(doc.prose[sent[0] : sent[1]].split()) if sent[1] > sent[0] else ""
    return f.with_(
        line=line, column=col, end_line=end_line, end_column=end_col,
        fingerprint=f.fingerprint or _digest(f.code, _norm(f.match), context),
    )  # fmt: skip


def _reference_fingerprinted(findings, relative_path):  # type: ignore[no-untyped-def]
    from srclint.engine import _digest, _norm
    from srclint.models import Finding

    seen: dict[str, int] = {}
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        content = f.fingerprint or _digest(f.code, _norm(f.match), _norm(f.message))
        n = seen.get(content, 0)
        seen[content] = n + 1
        out.append(f.with_(fingerprint=_digest(content, relative_path, str(n))))
    return out


def test_locating_and_fingerprinting_give_what_the_plain_way_gives() -> None:
    from srclint.engine import _fingerprinted, _locate_all
    from srclint.formats import from_text
    from srclint.models import Finding, Severity

    texts = [p.read_text(encoding="utf-8", errors="surrogateescape") for p in sorted(SEEDS.iterdir())]
    texts.append("Odd  spacing\there. Line\r\nbreaks\u00a0and\u2009such é. x\n\n“Quoted,” he said.  Then.\n")
    checked = 0
    for i, text in enumerate(texts):
        doc = from_text(text, f"d{i}.md" if i % 2 else f"d{i}.txt")
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+(?:\s+\S+)?", text)]
        findings = [
            Finding("T" + "ABC"[k % 3] * 2 + "001", "x", Severity.INFO, "m" if k % 4 else "M  x", doc.path, a, b if k % 5 else a, text[a:b],
                    fingerprint="" if k % 7 else "given")
            for k, (a, b) in enumerate(words)
        ] + [Finding("TAA001", "x", Severity.INFO, "m", doc.path, len(text), len(text), "")]  # fmt: skip
        located = _locate_all(doc, findings)
        assert located == [_reference_locate(doc, f) for f in findings]
        final = _reference_fingerprinted(located, "a/b\udcff.txt")
        assert _fingerprinted(located, "a/b\udcff.txt") == final
        contents: list[str] = []
        assert _locate_all(doc, findings, "a/b\udcff.txt", contents) == final  # in one step
        assert contents == [f.fingerprint for f in sorted(located, key=Finding.sort_key)]
        checked += len(findings)
    assert checked > 300


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "B", " ", "  ", "\n", "\t", "\r", "\x0b", "\x1c", "\x1f", "\u00a0", "\u2028", "é", "."]), max_size=30).map("".join))
def test_folding_a_sentence_is_splitting_and_joining(text: str) -> None:
    from srclint.engine import _folded

    sentence = text.strip()
    assert _folded(sentence) == " ".join(sentence.split())


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["a", "B", " ", "  ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f",
                                      "\x85", "\u00a0", "\u2028", "é", "."]), max_size=30).map("".join), data=st.data())  # fmt: skip
def test_a_sentence_of_simple_prose_is_folded_without_double_spaces_and_line_breaks(text: str, data: st.DataObject) -> None:
    """`_locate_all` takes a sentence of ASCII prose without the rarer white space as already
    folded when it holds no double space and no line break."""
    from srclint.engine import _holds_rare_space

    assert _holds_rare_space(text) == any(c.isascii() and c.isspace() and c not in " \n" for c in text)
    start = data.draw(st.integers(0, len(text)))
    sentence = text[start : data.draw(st.integers(start, len(text)))].strip()
    if text.isascii() and not _holds_rare_space(text) and "  " not in sentence and "\n" not in sentence:
        assert " ".join(sentence.split()) == sentence


def test_the_engines_sort_key_is_the_findings() -> None:
    from srclint.engine import _SORT_KEY
    from srclint.models import Finding, Severity

    f = Finding("ABC001", "n", Severity.INFO, "msg", "p.txt", 3, 9, "m")
    assert _SORT_KEY(f) == f.sort_key()


@settings(max_examples=400, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(["http", "https", "://", ":", "/", "www.", "www", "w", ".", " ", "a", "b.c", "\n", "“", ")", "é", "_"]),
        max_size=25,
    ).map("".join)
)
def test_the_url_pretest_misses_no_url(text: str) -> None:
    from srclint.formats.plaintext import URL, url_regions

    assert [(r.start, r.end) for r in url_regions(text)] == [m.span() for m in URL.finditer(text)]


def test_a_source_hash_is_worked_out_when_asked_for(tmp_path: Path) -> None:
    from srclint.engine import check_document
    from srclint.formats import read_document, source_hash

    path = tmp_path / "a.txt"
    path.write_bytes(b"Officials said it rained.\n")
    doc = read_document(path)
    assert doc.source_hash == source_hash(path.read_bytes())
    doc = read_document(path)
    rules = load_rules().only(["HDG001"])
    assert check_document(doc, rules).source_hash == source_hash(path.read_bytes())
    assert check_document(read_document(path), rules, hash_source=False).source_hash is None
    doc.source_hash = "given"
    assert doc.source_hash == "given"


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(["word", "a", " ", "  ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1f", ".", "é", "\u00a0", "\u2028", "x" * 120]),
                  max_size=40).map("".join)
)
def test_counting_words_is_splitting(text: str) -> None:
    from srclint.kinds.density import count_words

    assert count_words(text) == len(text.split())
    assert count_words(text * 20) == len((text * 20).split())


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["srclint", "srclint:", ":", "s", "rclint:", "x", " ", "\n", "é"]), max_size=12).map("".join))
def test_the_directive_pretest_is_a_substring_test(text: str) -> None:
    from srclint.suppress import _holds_marker

    assert _holds_marker(text) == ("srclint:" in text)


@given(st.text(alphabet=".aB\n-", max_size=8))
def test_the_extension_of_a_name_is_what_splitext_gives(name: str) -> None:
    import os

    from srclint.discover import _extension

    assert _extension(name) == os.path.splitext(name)[1]


def test_the_code_digest_covers_what_rglob_finds(tmp_path: Path) -> None:
    import os

    from srclint.pack_cache import _tree_digest, blake2b

    def reference(package: Path) -> bytes:  # what code_digest did, over Path.rglob
        h = blake2b(digest_size=16)
        for path in sorted(package.rglob("*.py")):
            st = path.stat()
            h.update(f"{path.relative_to(package)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
        return h.digest()

    for rel in ("a.py", "a/b.py", "a-b/c.py", "a.py.txt", "_x/deep/er/d.py", ".hidden/e.py", "notes.txt", "Upper.PY"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel)
    (tmp_path / "pkg.py").mkdir()  # a folder named like a module: rglob yields it too
    (tmp_path / "loop").symlink_to(tmp_path)  # a link to a folder: not entered
    (tmp_path / "linked.py").symlink_to(tmp_path / "a.py")
    assert _tree_digest(str(tmp_path)) == reference(tmp_path)
    package = Path(os.path.realpath(__file__)).parent.parent / "srclint"
    assert _tree_digest(str(package)) == reference(package)


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(["\udcff", "\ud800", "\ud7ff", "\ue000", "\ud55c"]), max_size=12))
def test_a_lone_surrogate_is_found_in_the_bytes(text: str) -> None:
    from srclint.cli import _has_surrogate

    assert _has_surrogate(text.encode("utf-8", "surrogatepass")) == any("\ud800" <= c <= "\udfff" for c in text)


def test_the_command_line_module_leaves_the_rest_of_srclint_for_later() -> None:
    """`entry` raises the collector's thresholds before the models and engine are imported."""
    import subprocess
    import sys

    from .conftest import ROOT

    script = "import sys, srclint.cli; print(sorted(m for m in sys.modules if m.startswith('srclint.')))"
    env = {"PYTHONPATH": str(ROOT), "PATH": ""}
    loaded = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['srclint.cli', 'srclint.errors']"


def test_a_replayed_run_leaves_the_engine_and_the_value_types_unimported(tmp_path: Path) -> None:
    """A run over unchanged files prints the output kept by the previous run (srclint.replay)
    without importing the engine, the dataclasses, json or typing: about half of such a run's time;
    nor pathlib, with the re, fnmatch and urllib.parse it imports (srclint.pathstr)."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    (tmp_path / "a.txt").write_text("Sources say the vote slipped.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Notes\n\nThe council met on Tuesday.\n", encoding="utf-8")
    heavy = (
        "srclint.engine", "srclint.models", "srclint.select", "srclint.suppress", "srclint.serialize", "dataclasses", "json",
        "sqlite3", "_sqlite3", "typing", "pathlib", "re", "fnmatch", "urllib.parse",
    )  # fmt: skip
    script = (
        "import sys, srclint.cache, srclint.cli\n"
        "srclint.cache.RACY_NS = 0  # the files were written moments ago\n"
        "code = srclint.cli.main(sys.argv[1:])\n"
        f"print(code, [m for m in {heavy!r} if m in sys.modules], file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-c", script, "-q", "--format", "concise", "-j1", "."]

    def run() -> tuple[str, str]:
        done = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
        return done.stdout, done.stderr.strip()

    first, loaded_first = run()
    assert "a.txt" in first and loaded_first.startswith("1 ") and "srclint.engine" in loaded_first  # checked, and kept
    again, loaded_again = run()
    assert again == first
    assert loaded_again == "1 []"


def test_a_run_after_an_edit_leaves_typing_and_pathlib_unimported(tmp_path: Path) -> None:
    """A run that lints the one file changed since the last run, its rules from the compiled-pack
    cache, imports neither typing nor pathlib (nor urllib.parse with it): the kinds' annotations
    are read with typing's names only when a pack is validated (`srclint.kinds.schema`), and the
    caches' files are named with `srclint.pathstr`. Nor the datetime and sqlite3 modules (their
    C modules are what is used), nor copy (deferred by the command line, as dataclasses imports it)."""
    import os
    import subprocess
    import sys

    from .conftest import ROOT

    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(6):
        (folder / f"{i}.txt").write_text(f"Sources say the vote slipped {i} times.\n", encoding="utf-8")
    script = (
        "import sys, srclint.cache, srclint.cli\n"
        "srclint.cache.RACY_NS = 0  # the files were written moments ago\n"
        "srclint.cli._defer_imports()  # as `entry` does\n"
        "code = srclint.cli.main(sys.argv[1:])\n"
        "heavy = ('typing', 'pathlib', 'urllib.parse', 'datetime', 'sqlite3', 'copy', 'srclint.engine')\n"
        "print(code, [m for m in heavy if type(sys.modules.get(m)).__name__ == 'module'], file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SRCLINT_CACHE_DIR": str(tmp_path / "packs")}
    env.pop("SRCLINT_NO_PACK_CACHE", None)
    argv = [sys.executable, "-c", script, "-q", "--format", "concise", "-j1", "news"]

    def run() -> tuple[str, str]:
        done = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
        return done.stdout, done.stderr.strip()

    run()  # the packs compiled and cached, the report kept
    with open(folder / "2.txt", "a", encoding="utf-8") as fh:
        fh.write("Officials said the draft could matter.\n")
    edited, loaded = run()
    assert loaded == "1 ['srclint.engine']"  # the file linted, by the engine
    fresh = subprocess.run([*argv, "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True, check=True)
    assert edited == fresh.stdout


@settings(max_examples=300, deadline=None)
@given(
    head=st.binary(max_size=40),
    nuls=st.lists(st.integers(0, 12_000), max_size=12),
    size=st.integers(0, 12_000),
    encoding=st.sampled_from(["utf-8", "utf-16-le"]),
)
def test_the_binary_pretest_is_the_nul_count(head: bytes, nuls: list[int], size: int, encoding: str) -> None:
    """`is_binary` looks for a NUL with memchr before counting: the same answer as the count."""
    from srclint.formats import is_binary

    data = bytearray(head + b"x" * size)
    for i in nuls:
        if i < len(data):
            data[i] = 0
    data = bytes(data)
    plain = False if encoding.startswith("utf-16") else data[:8192].count(0) > len(data[:8192]) // 1000
    assert is_binary(data, encoding) == plain


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcS'’ .-éÉ\u0301", max_size=12))
def test_fold_name_without_an_apostrophe_skips_only_a_pattern_that_cannot_match(name: str) -> None:
    """fold_name drops possessives with its pattern only when the name holds an apostrophe (which
    every match holds): the answer is what the pattern applied to every name gives."""
    import unicodedata

    from srclint.text.events import fold_name

    text = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    text = re.sub(r"['’]s\b", "", text.lower())
    assert fold_name(name) == " ".join(text.replace("’", "'").strip(" .,;:'\"()").split())


def test_the_c_modules_used_are_what_their_modules_export() -> None:
    """srclint imports `_datetime` and `_sqlite3` rather than `datetime` and `sqlite3` (whose
    pure Python parts a run does not use): the classes and functions are the same objects."""
    import datetime
    import sqlite3

    import _datetime
    import _sqlite3

    assert (_datetime.date, _datetime.datetime, _datetime.timedelta) == (datetime.date, datetime.datetime, datetime.timedelta)
    assert _sqlite3.connect is sqlite3.connect and _sqlite3.Connection is sqlite3.Connection
    assert _sqlite3.Error is sqlite3.Error and _sqlite3.DatabaseError is sqlite3.DatabaseError
