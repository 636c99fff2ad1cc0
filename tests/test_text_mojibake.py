"""Tests for srclint.text.mojibake (own examples only; no outside data needed)."""

from __future__ import annotations

import ftfy
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from srclint.text import lossy
from srclint.text.mojibake import FIX_CONFIG, EncodingIssue, _badness_module, apply_suggestions, charset, looks_legacy, scan

# (text, category, flagged span, suggestion, safe)
POSITIVE: list[tuple[str, str, str, str | None, bool]] = [
    ("Maduroâ€™s government", "mojibake", "Maduroâ€™s", "Maduro’s", True),
    ("CafÃ© in town", "mojibake", "CafÃ©", "Café", True),
    ("He said Ã¢â‚¬â„¢ twice", "mojibake", "Ã¢â‚¬â„¢", "’", True),
    ("РџСѓС‚РёРЅ said", "mojibake", "РџСѓС‚РёРЅ", "Путин", True),
    ("“Quoted” and CafÃ©", "mojibake", "CafÃ©", "Café", True),
    ("Ecuadorâ\x80\x99s plan", "mojibake", "Ecuadorâ\x80\x99s", "Ecuador’s", True),
    ("Simón BolÃvar airport", "lossy-mojibake", "BolÃvar", "Bolívar", False),
    ("Caracas\ufffds airport", "replacement-char", "\ufffd", None, False),
    ("Maduro\x92s plane", "c1-control", "\x92", "’", True),
    ("tur\x92stico", "c1-control", "\x92", "’", False),
    ("AT&amp;T profits", "html-entity", "&amp;", "&", True),
    ("Maduro&#8217;s plane", "html-entity", "&#8217;", "’", True),
    ("Maduro&rsquo;s plane", "html-entity", "&rsquo;", "’", True),
    ("Maduro&amp;#8217;s plane", "html-entity", "&amp;#8217;", "’", True),
    ("10&nbsp;km", "html-entity", "&nbsp;", "\u00a0", True),
    ("Cara\u200bcas", "invisible-char", "\u200b", "", True),
    ("air\u00adport", "invisible-char", "\u00ad", "", True),
    ("mid\ufefftext", "invisible-char", "\ufeff", "", True),
    ("stray \u202eRLO", "invisible-char", "\u202e", "", True),
    ("Lat\u200din", "invisible-char", "\u200d", "", True),
    ("caf\udce9 au lait", "invalid-byte", "\udce9", "é", False),
]


@pytest.mark.parametrize(("text", "category", "span", "suggestion", "safe"), POSITIVE)
def test_positive(text: str, category: str, span: str, suggestion: str | None, safe: bool) -> None:
    issues = scan(text)
    assert len(issues) == 1, issues
    issue = issues[0]
    assert issue.category == category
    assert text[issue.start:issue.end] == span
    assert issue.safe is safe
    if category == "lossy-mojibake" and not lossy.wordfreq_available():
        assert issue.suggestion is None
    else:
        assert issue.suggestion == suggestion


NEGATIVE = [
    "SÃO PAULO, Nov 3 (Reuters)", "JOÃO PESSOA", "CÂMARA DOS DEPUTADOS", "Ngã", "não", "São Paulo",
    "Ålesund", "Äpfel und Birnen", "AT&T", "R&D", "Q&A", "salt & pepper", "C O N C L U S Ã O",
    "Η ¨ανατροφή¨ δυστυχώς", "RETWEET SE VOCÊ…", "Offering 5×£35 pin ups", "(-1/2)! = √π",
    "Bogotá, Straße, Kraków, İstanbul, Tiếng Việt, Ελληνικά, Русский, 日本語, العربية",
    "👨\u200d👩\u200d👧 family", "می\u200cخواهم", "\u05e9\u05dc\u05d5\u05dd\u200f!", "Il dit\u202f: « oui\u202f»",
    "\ufeffBOM at the start", "word\u2060joiner", "\u202btest\u202b", "Caracas \u200b airport",
    "\u0e20\u0e32\u0e29\u0e32\u200b\u0e44\u0e17\u0e22", "\x80\x81\x82\x83", "&lt;p&gt;R&amp;D&lt;/p&gt;", "<p>R&amp;D</p>", "“Why?” she asked", "https://x.org/a?b=1&c=2",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(text: str) -> None:
    assert scan(text) == []


def test_double_mojibake_explained() -> None:
    (issue,) = scan("Ã¢â‚¬â„¢")
    assert "Windows-1252" in issue.explanation and "2 times" in issue.explanation


def test_lossy_uses_vocabulary_first() -> None:
    def vocab(word: str) -> int:
        return 5 if word.lower() == "bolívar" else 0

    (issue,) = scan("BolÃvar", vocabulary=vocab)
    assert issue.suggestion == "Bolívar" and not issue.safe
    assert issue.evidence is not None and "document" in issue.evidence


def test_fffd_guess_from_vocabulary() -> None:
    (issue,) = scan("Bogot\ufffd", vocabulary=lambda w: 2 if w.lower() == "bogotá" else 0)
    assert issue.suggestion == "á" and not issue.safe


def test_spans_cover_only_garbled_words() -> None:
    text = "In CafÃ© Tortoni, Maduroâ€™s aide said nothing."
    issues = scan(text)
    assert [text[i.start:i.end] for i in issues] == ["CafÃ©", "Maduroâ€™s"]
    assert apply_suggestions(text, issues) == "In Café Tortoni, Maduro’s aide said nothing."


def test_invalid_byte_runs() -> None:
    text = b"ok \xff\xfe end \xc3".decode("utf-8", "surrogateescape")
    issues = [i for i in scan(text) if i.category == "invalid-byte"]
    assert [(i.start, i.end) for i in issues] == [(3, 5), (10, 11)]
    assert "0xFF 0xFE" in issues[0].explanation and "0xC3" in issues[1].explanation


def test_looks_legacy() -> None:
    assert looks_legacy("Café in Bogotá".encode("utf-8")) is None
    assert looks_legacy("Café in Bogotá".encode("latin-1")) == "latin-1"
    assert looks_legacy("Maduro’s café".encode("windows-1252")) == "windows-1252"
    assert looks_legacy(bytes(range(256))) is None


def test_issue_is_frozen() -> None:
    issue = EncodingIssue(0, 1, "c1-control", "x", None, False)
    with pytest.raises(AttributeError):
        issue.start = 3  # type: ignore[misc]


# --- properties -------------------------------------------------------------------------------------
# Correct text is drawn from real words: random letter strings can themselves be valid mojibake
# ("ÂŠ" is the upper case of "âš", the Windows-1252 reading of a UTF-8 lead byte pair).
LATIN = "abcdefghijklmnopqrstuvwxyzáàâãäåæçéèêëíìîïñóòôõöøúùûüýÿßăąćčďđęěğıłńňőœřśşšťţůűźżž"
SCRIPTS = [LATIN, "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώ", "абвгдежзийклмнопрстуфхцчшщъыьэюяёіїєґ",
           "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年", "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"]


def _real_words() -> list[str]:
    """Frequent real words of 25 languages in 14 scripts (wordfreq ships them): correct text."""
    import wordfreq

    langs = "en es pt fr de it pl cs tr ro hu sv nl fi vi ru uk el ar fa he hi zh ja ko".split()
    return sorted({w for lang in langs for w in wordfreq.top_n_list(lang, 300)})


REAL_WORDS = _real_words()
real_sentences = st.lists(
    st.tuples(st.sampled_from(REAL_WORDS), st.sampled_from([str.lower, str.title, str.upper])).map(lambda p: p[1](p[0])),
    min_size=1,
    max_size=12,
).map(" ".join)


@given(real_sentences)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_real_words_in_many_scripts_are_quiet(text: str) -> None:
    assert scan(text) == []


lower_sentences = st.lists(
    st.sampled_from(SCRIPTS).flatmap(lambda a: st.text(alphabet=a, min_size=3, max_size=10)),
    min_size=1, max_size=8).map(" ".join)


def repairable_mojibake(text: str) -> str:
    """``text`` as UTF-8 read as Windows-1252, for texts where that mojibake can exist and be undone.

    ftfy deliberately leaves some short sequences alone (e.g. "Ä…" for "ą", ftfy issue #203) and so
    do we; the property is that wherever ftfy repairs the whole string, our per-span suggestions
    restore the original exactly. Rejects (hypothesis ``assume``) every other text.
    """
    try:
        garbled = text.encode("utf-8").decode("windows-1252")
    except UnicodeDecodeError:  # a byte undefined in cp1252: no such mojibake exists
        assume(False)
        raise
    assume(garbled != text)
    assume(ftfy.fix_text(garbled, FIX_CONFIG._replace(explain=False)) == text)
    return garbled


@given(lower_sentences)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_windows_1252_mojibake_is_repaired(text: str) -> None:
    # Words are lower case and >= 3 letters (real words; ftfy ignores a lone garbled letter on purpose).
    garbled = repairable_mojibake(text)
    issues = scan(garbled)
    assert issues
    assert apply_suggestions(garbled, issues) == text


@given(st.text())
@settings(max_examples=500)
def test_never_raises_and_spans_are_valid(text: str) -> None:
    for issue in scan(text):
        assert 0 <= issue.start < issue.end <= len(text)
        assert issue.category in {"mojibake", "lossy-mojibake", "replacement-char", "c1-control",
                                  "html-entity", "invisible-char", "invalid-byte"}


def test_charmap_encodings_and_byte_classes_agree_with_ftfy() -> None:
    """srclint spells out ftfy's encoding list and sloppy codecs so that clean text never imports
    ftfy; this keeps the copy honest."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy codecs)
    from ftfy.chardata import CHARMAP_ENCODINGS

    from srclint.text import mojibake

    assert mojibake.CHARMAP_ENCODINGS == tuple(CHARMAP_ENCODINGS)
    for lo, hi in ((0xC2, 0xF4), (0x80, 0xBF)):
        expected = {c for enc in CHARMAP_ENCODINGS for c in bytes(range(lo, hi + 1)).decode(enc) if not c.isascii()}
        assert mojibake.charset(lo, hi) == expected


def test_clean_text_does_not_import_ftfy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, srclint; r = srclint.lint_text('The plane landed on Sunday, officials said \u2014 \u201clate\u201d.');"
        "print('ftfy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_harmless_byte_pairs_do_not_import_ftfy() -> None:
    """A no-break space before a degree sign, Greek letters: suspicious pairs that ftfy's badness
    test settles, which srclint loads without the rest of ftfy."""
    import subprocess
    import sys

    code = (
        "import sys, srclint; r = srclint.lint_text('It was 30\u00a0\u00b0C in \u03c3\u03c0 \u2014 2010\u00a0\u2013 2012, '"
        "'officials said.'); print('ftfy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


_PAIR_CHARS = "".join(sorted(charset(0x80, 0xF4)))  # every character a suspicious pair is made of
_STANDALONE_IS_BAD = _badness_module().is_bad  # as loaded when ftfy is not imported


@given(st.text(alphabet=st.sampled_from(_PAIR_CHARS + "abcXYZ \u00a0\u2019\u201c\u201d.,-\u00e9\u03b1\u0436\ufffd"), max_size=30))
@settings(max_examples=500)
def test_windows_the_badness_test_passes_are_left_alone_by_ftfy(text: str) -> None:
    """The shortcut in `_find_mojibake`: where ftfy's badness test (as srclint loads it) passes a
    window, ftfy with srclint's settings returns it unchanged with an empty plan."""
    import ftfy.badness

    assert _STANDALONE_IS_BAD(text) == ftfy.badness.is_bad(text)
    if not _STANDALONE_IS_BAD(text):
        fixed, plan = ftfy.fix_and_explain(text, FIX_CONFIG)
        assert fixed == text and not plan


_LINE_TEXT = st.text(alphabet=st.sampled_from(_PAIR_CHARS + "abcÃÄÅÂ \n\r\t.\u00a0\u2019\u200b\u00ad\x85\x92\ufffd\udce9"), max_size=40)


@given(_LINE_TEXT)
@settings(max_examples=500)
def test_pair_and_other_searches_in_non_ascii_runs_find_what_whole_text_searches_find(text: str) -> None:
    """`scan` looks for suspicious pairs and the characters of `_OTHER_RE` only in the runs of
    non-ASCII characters of the lines `non_ascii_lines` returns."""
    import re

    from srclint.text import mojibake

    lines = mojibake.non_ascii_lines(text)
    assert [text[a:b] for a, b in lines] == [line for line in text.split("\n") if not line.isascii()]
    runs = mojibake.non_ascii_runs(text)
    assert runs == [(m.start(), m.group()) for m in re.finditer("[^\x00-\x7f]+", text)]
    assert mojibake.pair_spans(text, runs) == [m.span() for m in mojibake.PAIR_RE.finditer(text)]
    assert mojibake.has_other(runs) == bool(mojibake._OTHER_RE.search(text))


@given(_LINE_TEXT)
@settings(max_examples=300)
def test_lossy_matches_are_at_its_lead_letters(text: str) -> None:
    """`find_lossy` returns at once for a text without any of `_LEADS`."""
    assert all(text[m.start()] in lossy._LEADS for m in lossy.LOSSY_RE.finditer(text))


def test_pair_character_classes_are_the_charsets() -> None:
    """PAIR_RE's classes are written out in the source; they must be what `charset` works out."""
    import re

    from srclint.text import mojibake

    for chars, (lo, hi) in ((mojibake._LEAD_CHARS, (0xC2, 0xF4)), (mojibake._CONTINUATION_CHARS, (0x80, 0xBF))):
        assert chars == "".join(sorted(charset(lo, hi)))
        assert chars == "".join(re.escape(c) for c in chars)  # nothing to escape in a class


@given(st.text(alphabet=st.sampled_from("ab ?\n\u00e9\u2019\u00a0\ufffd\udce9\U0001f600"), max_size=40))
@settings(max_examples=500)
def test_non_ascii_runs_are_the_runs_a_regular_expression_finds(text: str) -> None:
    """`non_ascii_runs` finds the runs as the b"?" of an ASCII encoding with "replace": a "?" of the
    text itself (next to non-ASCII characters too) is no part of a run."""
    import re

    from srclint.text import mojibake

    assert mojibake.non_ascii_runs(text) == [(m.start(), m.group()) for m in re.finditer("[^\x00-\x7f]+", text)]


def _badness_shape(regex) -> tuple[int, bool, bool]:
    """(longest match, every alternative needs a non-ASCII character, no look-around or anchor
    but "^"), worked out from the parsed regex."""
    from re import _constants as c
    from re import _parser

    tree = _parser.parse(regex.pattern, regex.flags)

    def non_ascii_only(op, av) -> bool:
        if op is c.LITERAL:
            return av >= 128
        if op is c.IN:
            return all(
                (kind is c.LITERAL and value >= 128) or (kind is c.RANGE and value[0] >= 128) for kind, value in av
            )
        if op is c.MAX_REPEAT or op is c.MIN_REPEAT:
            lo, _, sub = av
            return lo >= 1 and any(non_ascii_only(o, a) for o, a in sub)
        if op is c.SUBPATTERN:
            return any(non_ascii_only(o, a) for o, a in av[-1])
        if op is c.BRANCH:
            return all(any(non_ascii_only(o, a) for o, a in alt) for alt in av[1])
        return False

    def plain(items) -> bool:
        for op, av in items:
            if op in (c.ASSERT, c.ASSERT_NOT, c.GROUPREF, c.GROUPREF_EXISTS) or (op is c.AT and av is not c.AT_BEGINNING):
                return False
            if op is c.BRANCH and not all(plain(alt) for alt in av[1]):
                return False
            if op in (c.MAX_REPEAT, c.MIN_REPEAT) and not plain(av[2]):
                return False
            if op is c.SUBPATTERN and not plain(av[-1]):
                return False
        return True

    every = all(non_ascii_only(op, av) for op, av in tree) if len(tree) != 1 else non_ascii_only(*tree[0])
    return tree.getwidth()[1], every, plain(tree)


def test_badness_regex_has_the_shape_the_local_search_needs() -> None:
    """`bad_near` searches ftfy's badness regex only near non-ASCII characters; that is the same
    answer because of the regex's shape, checked here from the regex itself. Another ftfy's regex
    (the digest differs) is searched in whole windows, the safe answer, and this test is skipped
    saying so: check the shape of the new regex and update `_BADNESS_DIGEST`."""
    import re
    from hashlib import blake2b

    from srclint.text import mojibake

    regex = ftfy.badness.BADNESS_RE
    if blake2b(regex.pattern.encode("utf-8"), digest_size=8).hexdigest() != mojibake._BADNESS_DIGEST:
        assert mojibake._badness_re() is None  # not recognised: the whole-window search
        pytest.skip(f"ftfy {ftfy.__version__} has another badness regex: check its shape, update _BADNESS_DIGEST")
    assert not regex.flags & re.IGNORECASE
    width, every, plain = _badness_shape(regex)
    assert width <= mojibake._BADNESS_WIDTH and every and plain
    assert mojibake._badness_re() is not None and mojibake._badness_re().pattern == regex.pattern


def test_badness_shape_check_sees_what_breaks_it() -> None:
    import re

    assert _badness_shape(re.compile("[é]x|y[\u00c0-\u00ff]")) == (2, True, True)
    assert _badness_shape(re.compile("[é]x|ab"))[1] is False
    assert _badness_shape(re.compile("é\\s*"))[0] > 100
    assert _badness_shape(re.compile("é(?=x)"))[2] is False
    assert _badness_shape(re.compile("é$"))[2] is False


_BADNESS_TEXT = st.text(alphabet=st.sampled_from(_PAIR_CHARS + "abcXYZ .,?!-'\n\u00a0\u2019\u00b0\u00d7\u00b2\u0413\u0432"), max_size=60)


@given(_BADNESS_TEXT)
@settings(max_examples=1500)
def test_badness_near_non_ascii_characters_is_badness_of_the_window(text: str) -> None:
    """`bad_near` (the badness regex searched around the non-ASCII characters only) answers what
    ftfy's `is_bad` of the whole window answers."""
    from srclint.text import mojibake

    regex = mojibake._badness_re()
    if regex is None:
        pytest.skip("ftfy's badness regex is not the recognised one (see the shape test)")
    spans = [(a, a + len(run)) for a, run in mojibake.non_ascii_runs(text)]
    assert mojibake.bad_near(text, spans, regex) == ftfy.badness.is_bad(text)


def _branch_sets(regex: object) -> list[list[frozenset[str] | None]]:
    """For each top-level alternative of a regex, the characters each of its items matches when
    the item is one character from a plain set (a literal or a class of literals and ranges), else
    None."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    tree = _parser.parse(regex.pattern, regex.flags)  # type: ignore[attr-defined]
    ((op, (_, branches)),) = tree.data
    assert op is c.BRANCH

    def chars(op: object, av: object) -> frozenset[str] | None:
        if op is c.LITERAL:
            return frozenset(chr(av))  # type: ignore[arg-type]
        if op is not c.IN:
            return None
        out: set[str] = set()
        for inner, value in av:  # type: ignore[attr-defined]
            if inner is c.LITERAL:
                out.add(chr(value))
            elif inner is c.RANGE:
                out.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negated set, a category (\\s, \\w): not a plain set
                return None
        return frozenset(out)

    return [[chars(op, av) for op, av in branch.data] for branch in branches]


def test_badness_pairs_are_in_every_match_of_the_badness_regex() -> None:
    """Each of `_BADNESS_PAIRS` is two items in a row of its alternative of ftfy's badness regex
    (one item when nothing is said of the next character), as sets of characters at least as wide
    as the regex's, the first non-ASCII: every match holds one of the pairs, so a window without
    any cannot match. Checked from the regex itself when it is the recognised one."""
    import re
    from hashlib import blake2b

    from srclint.text import mojibake

    regex = ftfy.badness.BADNESS_RE
    if blake2b(regex.pattern.encode("utf-8"), digest_size=8).hexdigest() != mojibake._BADNESS_DIGEST:
        assert mojibake._badness_pairs() is None  # not recognised: every window is searched
        pytest.skip(f"ftfy {ftfy.__version__} has another badness regex: write _BADNESS_PAIRS for it")
    source = mojibake._badness_source()
    assert source is not None
    pattern, flags, categories = source
    assert (pattern, flags) == (regex.pattern, regex.flags & ~re.UNICODE)
    assert categories == ftfy.badness.MOJIBAKE_CATEGORIES
    alternatives = _branch_sets(regex)
    assert len(alternatives) == len(mojibake._BADNESS_PAIRS)
    for items, (first, then) in zip(alternatives, mojibake._BADNESS_PAIRS, strict=True):
        first_chars = mojibake._class_chars(first.format(**categories))
        then_chars = None if then is None else mojibake._class_chars(then.format(**categories))
        assert first_chars and not any(ch.isascii() for ch in first_chars)
        assert any(
            item is not None and item <= first_chars
            and (then_chars is None or (k + 1 < len(items) and items[k + 1] is not None and items[k + 1] <= then_chars))
            for k, item in enumerate(items)
        ), (first, then)  # fmt: skip
    table = mojibake._badness_pairs()
    assert table is not None and set(table) == {
        ch for first, _ in mojibake._BADNESS_PAIRS for ch in mojibake._class_chars(first.format(**categories))
    }


def test_class_chars_reads_ranges_and_single_characters() -> None:
    from srclint.text import mojibake

    assert mojibake._class_chars("a-dxé") == frozenset("abcdxé")
    assert mojibake._class_chars("-a") == frozenset("-a")
    assert mojibake._class_chars("a-") == frozenset("a-")


@given(_BADNESS_TEXT)
@settings(max_examples=1500)
def test_a_window_without_a_badness_pair_is_not_bad(text: str) -> None:
    """`may_be_bad` is False only where ftfy's `is_bad` is False."""
    from srclint.text import mojibake

    pairs = mojibake._badness_pairs()
    if pairs is None:
        pytest.skip("ftfy's badness regex is not the recognised one (see the pairs test)")
    spans = [(a, a + len(run)) for a, run in mojibake.non_ascii_runs(text)]
    if ftfy.badness.is_bad(text):
        assert mojibake.may_be_bad(text, spans, pairs)


@given(_BADNESS_TEXT.filter(bool), st.data())
@settings(max_examples=500)
def test_runs_within_a_window_are_its_non_ascii_characters(text: str, data: st.DataObject) -> None:
    """`_runs_within`: the non-ASCII characters of [a, b), as spans relative to a (a window is
    never empty: it holds a suspicious pair)."""
    from srclint.text import mojibake

    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a + 1, len(text)))
    runs = mojibake.non_ascii_runs(text)
    spans = mojibake._runs_within(runs, [s for s, _ in runs], a, b)
    inside = [k for s, e in spans for k in range(a + s, a + e)]
    assert inside == [k for k in range(a, b) if not text[k].isascii()]
    assert all(e > s for s, e in spans)


def test_other_characters_are_every_character_the_other_searches_look_for() -> None:
    """`scan` searches for C1 controls, U+FFFD, surrogates and invisible characters only in the
    runs holding a character of `_OTHER_RE`: every character those patterns match must be one."""
    from srclint.text import invisible, mojibake

    patterns = (mojibake._C1_RE, mojibake._FFFD_RE, mojibake._SURROGATE_RE, invisible.INVISIBLE_RE)
    for cp in [*range(0x10000), 0x1F600, 0xE0001, 0x10FFFF]:
        ch = chr(cp)
        if any(p.match(ch) for p in patterns):
            assert not ch.isascii() and mojibake._OTHER_RE.match(ch), hex(cp)


_OTHER_TEXT = st.text(alphabet=st.sampled_from(
    "ab Xé\n.\x80\x85\x92\x9d\ufffd\udce9\ud800\u00ad\u200b\u200c\u200d\u200e\u202e\u2060\u2066\ufeff\u05d0\u0e01ж"
), max_size=30)


@given(_OTHER_TEXT, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 4)), max_size=3))
@settings(max_examples=500)
def test_other_issues_in_the_runs_holding_them_are_those_of_the_whole_text(text: str, cover: list[tuple[int, int]]) -> None:
    """`scan`'s search of C1 controls, U+FFFD, surrogates and invisible characters in the runs of
    non-ASCII characters holding one finds what a search of the whole text finds."""
    from srclint.text import mojibake

    covered = [(a, a + n) for a, n in cover]
    spans = [(s, s + len(r)) for s, r in mojibake.non_ascii_runs(text) if mojibake._OTHER_RE.search(r)]
    assert mojibake._other_issues(text, covered, None, spans) == mojibake._other_issues(text, covered, None, [(0, len(text))])


@given(st.text(alphabet=st.sampled_from("ab <&;lt:gp/!?\n"), max_size=30))
@settings(max_examples=300)
def test_markup_needs_a_bracket_or_an_escaped_one(text: str) -> None:
    """`find_entities` asks the markup pattern only of texts holding "<" or "&lt;"."""
    from srclint.text.invisible import _MARKUP_RE

    if _MARKUP_RE.search(text):
        assert "<" in text or "&lt;" in text


def test_character_sets_are_the_classes_of_the_patterns() -> None:
    """The scan tests characters with sets; `PAIR_RE` and `_OTHER_RE` (compiled on first use) are
    the patterns they stand for."""
    from srclint.text import mojibake

    chars = [chr(cp) for cp in [*range(0x10000), 0x1F600, 0x10FFFF]]
    assert all(bool(mojibake._OTHER_RE.match(c)) == mojibake._other(c) for c in chars)
    assert all(mojibake._other(c) for c in "\ud800\udfff\udce9")
    firsts = {c for c in chars if mojibake.PAIR_RE.match(c + "\u2019") or mojibake.PAIR_RE.match(c + "\ufffd")}
    assert firsts == mojibake._PAIR_FIRST
    assert {c for c in chars if mojibake.PAIR_RE.match("\u00c3" + c)} == mojibake._PAIR_SECOND | {" "}


def test_lossy_lead_letters_are_non_ascii() -> None:
    """`scan` looks for `find_lossy`'s letters among the text's non-ASCII characters."""
    assert lossy._LEADS and not any(ch.isascii() for ch in lossy._LEADS)


@given(st.text(alphabet=st.sampled_from("ab ?\n\u00e9\u2019\u0436\ufffd\udce9"), max_size=200), st.integers(0, 100))
@settings(max_examples=300)
def test_runs_of_texts_with_many_question_marks_and_long_runs(text: str, questions: int) -> None:
    """A text with many "?" is searched line by line; long runs are matched by the pair pattern
    and tested against the other characters by `_OTHER_RE` itself."""
    import re

    from srclint.text import mojibake

    text = "?" * questions + text
    runs = mojibake.non_ascii_runs(text)
    assert runs == [(m.start(), m.group()) for m in re.finditer("[^\x00-\x7f]+", text)]
    long = "\u0436" * 12 + "\u00c3\u00a9" + "\u0436" * 3 + text
    assert mojibake.pair_spans(long, mojibake.non_ascii_runs(long)) == [m.span() for m in mojibake.PAIR_RE.finditer(long)]
    joined = "".join(run for _, run in runs)
    assert mojibake._other(joined) == bool(mojibake._OTHER_RE.search(joined))


@given(st.lists(st.sampled_from(["CafÃ© ", "Ã ", "x\u00a0– ", "word ", "\n", "Ð¾Ð´Ð¸Ð½ ", "é "]), max_size=40).map("".join),
       st.integers(8, 60))
@settings(max_examples=300)
def test_windows_sharing_line_bounds_are_the_windows(text: str, max_line: int) -> None:
    """`_windows` looks up each line's bounds once for all its pairs; the windows are those of
    `_window` asked for each pair on its own (short and long lines: MAX_LINE is lowered)."""
    from unittest import mock

    from srclint.text import mojibake

    runs = mojibake.non_ascii_runs(text)
    with mock.patch.object(mojibake, "MAX_LINE", max_line):
        assert mojibake._windows(text, runs) == mojibake._windows(text, runs, lines=False)
