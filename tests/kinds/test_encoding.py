"""The encoding kinds through the whole engine: codes, spans, fixes and the quiet cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import srclint
from srclint.models import Applicability

ENC = {"select": ["ENC"]}


def enc(text: str, path: str = "t.txt") -> list[srclint.Finding]:
    return list(srclint.lint_text(text, path=path, **ENC).findings)


# (text, code, matched text, fix replacement or None, applicability)
CASES = [
    ("Maduroâ€™s government", "ENC001", "Maduroâ€™s", "Maduro’s", Applicability.SAFE),
    ("CafÃ© Tortoni", "ENC001", "CafÃ©", "Café", Applicability.SAFE),
    ("Simón BolÃvar airport", "ENC002", "BolÃvar", "Bolívar", Applicability.UNSAFE),
    ("Caracas\ufffds airport", "ENC003", "\ufffd", None, None),
    ("Maduro\x92s plane", "ENC004", "\x92", "’", Applicability.SAFE),
    ("Maduro&amp;#8217;s plane", "ENC005", "&amp;#8217;", "’", Applicability.SAFE),
    ("The Cara\u200bcas airport", "ENC006", "\u200b", "", Applicability.SAFE),
    ("air\u00adport", "ENC006", "\u00ad", "", Applicability.SAFE),
    ("Café and caf\udce9 here", "ENC007", "\udce9", "é", Applicability.UNSAFE),
]


@pytest.mark.parametrize(("text", "code", "match", "replacement", "how"), CASES)
def test_each_category(text: str, code: str, match: str, replacement: str | None, how: Applicability | None) -> None:
    (f,) = enc(text)
    assert f.code == code
    assert text[f.start : f.end] == match == f.match
    assert (f.line, f.column) == (1, text.index(match) + 1)
    if replacement is None:
        assert f.fix is None
    else:
        assert f.fix is not None and f.fix.replacement == replacement and f.fix.applicability == how
        assert (f.fix.start, f.fix.end) == (f.start, f.end)


def test_message_says_what_happened_and_the_original() -> None:
    (f,) = enc("Maduroâ€™s government")
    assert "UTF-8 bytes read as Windows-1252" in f.message and "Maduro’s" in f.message


def test_legacy_text_is_one_file_level_finding() -> None:
    (f,) = enc("caf\udce9 in Bogot\udce1")
    assert f.code == "ENC008" and f.start == 3 and ("Windows-1252" in f.message or "Latin-1" in f.message)


def test_legacy_file_is_read_in_its_encoding(tmp_path) -> None:
    p = tmp_path / "old.txt"
    p.write_bytes("Maduro’s café in Bogotá.\nSources say.".encode("windows-1252"))
    report = srclint.lint([p], select=["ENC"])
    assert [f.code for f in report.findings] == ["ENC008"]
    assert report.findings[0].match == "’"


def test_invalid_bytes_reported_where_they_are_and_rest_linted(tmp_path) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes("Café ok.\nline two \xff\xfe here.\nMaduroâ€™s plane.\n".encode("utf-8").replace(b"\xc3\xbf\xc3\xbe", b"\xff\xfe"))
    report = srclint.lint([p], select=["ENC"])
    got = [(f.code, f.line, f.column, f.end - f.start) for f in report.findings]
    assert got == [("ENC007", 2, 10, 2), ("ENC001", 3, 1, 10)]


def test_markdown_entities_and_code_spans() -> None:
    md = "Maduro&rsquo;s plane, `&amp;#8217;` in code, and Maduro&amp;rsquo;s residue.\n"
    found = enc(md, "a.md")
    assert [(f.code, f.match) for f in found] == [("ENC005", "&amp;rsquo;")]
    assert enc("Plain text Maduro&rsquo;s", "a.txt")[0].code == "ENC005"


def test_mojibake_in_code_span_is_not_reported() -> None:
    assert enc("Test `CafÃ©` here.\n", "a.md") == []


def test_lossy_evidence_from_another_document_is_related() -> None:
    report = srclint.lint_documents({"a.txt": "Landed at BolÃvar airport.", "b.txt": "Bolívar airport is busy."}, **ENC)
    (f,) = report.findings
    assert f.path == "a.txt" and f.fix is not None and f.fix.replacement == "Bolívar"
    assert f.fix.applicability == Applicability.UNSAFE
    (rel,) = f.related
    assert (rel.path, rel.line, rel.column) == ("b.txt", 1, 1) and "b.txt" in f.message


def test_lossy_evidence_in_the_same_document_wins() -> None:
    (f,) = enc("Bolívar, then BolÃvar again.")
    assert f.fix is not None and f.fix.replacement == "Bolívar" and "document" in f.message


NEGATIVES = [
    "SÃO PAULO, Nov 3 (Reuters) - CÂMARA DOS DEPUTADOS; JOÃO PESSOA",
    "Simón Bolívar, Nicolás Maduro, Ramón Celestino Velásquez; Maduro’s plane—an Il-76—landed.",
    "Tiếng Việt, Ngã, Ålesund, Äpfel, Straße, Kraków, İstanbul, Ελληνικά, Русский, 日本語, العربية, עברית",
    "AT&T, R&D, Q&A and salt & pepper; https://x.org/a?b=1&c=2",
    "👨\u200d👩\u200d👧 family; می\u200cخواهم; Il dit\u202f: « oui\u202f»; word\u2060joiner",
    "\ufeffBOM at the start is a byte-order mark.",
    "The snippet &lt;p&gt;R&amp;D&lt;/p&gt; is escaped HTML on purpose.",
    "\u202btest\u202b and \u2066test\u2067",
    "\x80\x81\x82\x83",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_negatives_are_quiet(text: str) -> None:
    assert enc(text) == []


def test_seed_reports_only_the_lossy_word(builtin_rules) -> None:
    from tests.conftest import SEEDS

    report = srclint.lint([SEEDS], select=["ENC"])
    assert [(f.code, f.match, f.fix.replacement if f.fix else None) for f in report.findings] == [
        ("ENC002", "BolÃvar", "Bolívar")
    ]
    assert report.findings[0].path.endswith("004_c853e54e6a554b4a.txt")


_VOCABULARY_TEXT = st.text(alphabet=st.sampled_from("abc XY\n.-_1²éÉ\u00ad\u00a0ßжЖ—’\u0301\ufffd"), max_size=40)


@given(_VOCABULARY_TEXT)
@settings(max_examples=300)
def test_vocabulary_from_the_scans_runs_is_the_vocabulary_of_the_text(text: str) -> None:
    """The encoding scan hands its runs of non-ASCII characters to the document's vocabulary,
    which otherwise looks for them in the whole text itself."""
    from srclint.kinds.encoding import _Vocabulary
    from srclint.text.mojibake import non_ascii_runs

    plain, shared = _Vocabulary(text), _Vocabulary(text, non_ascii_runs(text))
    assert shared.words() == plain.words()
    assert all(shared(w) == plain(w) for w in plain.words())


@given(st.text(alphabet=st.sampled_from("ab &;#x12amp<p>\n"), max_size=40), st.sampled_from(["t.txt", "t.md"]))
@settings(max_examples=300)
def test_issues_of_an_ascii_document_are_what_the_scan_finds(text: str, path: str) -> None:
    """`_scan` settles an ASCII document without "&" at once: what the full scan finds there is
    nothing, and with "&" it goes the whole way."""
    from srclint.formats import from_text
    from srclint.kinds.encoding import _scan
    from srclint.text.invisible import entity_levels, find_entities
    from srclint.text.mojibake import scan

    doc = from_text(text, path)
    expected = scan(text)
    if doc.format == "markdown" and "&" in doc.prose:
        expected = [i for i in expected if i.category != "html-entity"]
        expected += [i for i in find_entities(doc.prose, []) if entity_levels(text[i.start : i.end]) > 1]
        expected.sort(key=lambda i: (i.start, i.end))
    assert _scan(doc) == expected


_DAMAGE = st.lists(st.sampled_from([
    "word ", "\n", "CafÃ© ", "BolÃvar ", "Caracas\ufffds ", "Maduro\x92s ", "AT&amp;T ", "&amp;#8217; ",
    "Cara\u200bcas ", "caf\udce9 ", "`CafÃ©` ", "`Cara\u200bcas` ", "<https://x.org/CafÃ©> ", "https://x.org/a\ufffdb ",
    "\n```\nBolÃvar \x92 \u200b\n```\n", "# CafÃ©\n",
]), max_size=12).map("".join)


@given(_DAMAGE, st.sampled_from(["t.txt", "t.md"]))
@settings(max_examples=200, deadline=None)
def test_selected_issues_are_the_categories_in_scope(builtin_rules, text: str, path: str) -> None:
    """Each ENC rule's `_selected`, with its shortcuts (nothing to filter; a raw scope with nothing
    cut out holds every issue), is the document's issues of its categories in its scope."""
    from srclint.formats import from_text
    from srclint.kinds.encoding import _EncodingBase, document_issues

    doc = from_text(text, path)
    rules = [r for r in builtin_rules.document_rules + builtin_rules.corpus_rules if isinstance(r, _EncodingBase)]
    assert len(rules) == 8
    for rule in rules:
        expected = [i for i in document_issues(doc)
                    if i.category in set(rule.detect) and rule.parsed_scope.contains(doc, i.start)]
        assert rule._selected(doc) == expected


@given(_VOCABULARY_TEXT)
@settings(max_examples=500)
def test_vocabulary_is_the_words_holding_a_non_ascii_letter(text: str) -> None:
    """The vocabulary, built from the non-ASCII characters outwards, is every maximal run of
    letters holding a non-ASCII one, counted in lower case, with its first offset."""
    import re
    from collections import Counter

    from srclint.kinds.encoding import _Vocabulary

    words = [m for m in re.finditer(r"[^\W\d_]+", text) if not m.group().isascii()]
    counts = Counter(m.group().lower() for m in words)
    first: dict[str, int] = {}
    for m in words:
        first.setdefault(m.group().lower(), m.start())
    vocabulary = _Vocabulary(text)
    assert vocabulary.words() == first
    assert all(vocabulary(w) == n for w, n in counts.items())


def test_every_letter_is_alphanumeric() -> None:
    """The vocabulary passes over a one-character run that is not alphanumeric without asking the
    letter pattern: no letter is such a character."""
    from srclint.kinds.encoding import _LETTER

    assert all(chr(cp).isalnum() for cp in range(0x110000) if _LETTER.match(chr(cp)))
