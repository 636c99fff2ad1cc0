"""Lossy mojibake: UTF-8 read as Windows-1252 where one byte did not survive.

ftfy refuses these on principle (lost information cannot be restored, ftfy issues #83, #138, #159),
so this part is hand-written. The rules come from how the loss happens, not from word lists:

* A UTF-8 continuation byte that Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) is dropped
  or turned into U+FFFD; the byte 0xAD becomes a soft hyphen, which editors and CMSs strip.
  So "í" (C3 AD) turns into a bare "Ã", "č" (C4 8D) into "Ä" or "Ä�".
* The lead bytes C3/C4/C5 render as "Ã", "Ä", "Å"; a bare "Ã" before a lower-case letter, or an
  "Ä"/"Å" between lower-case letters, occurs in no language's spelling (Å and Ä start words in
  Nordic/German, Ã only follows or precedes capitals in Portuguese/Vietnamese all-caps text).
  "Â" (C2) between lower-case letters is a stripped soft hyphen (C2 AD).

Candidates are all re-insertions of a lost byte that decode as UTF-8; they are ranked by the caller's
document ``vocabulary`` first and then by wordfreq (Robyn Speer's frequency lists, shipped with the
package). Without a source that knows the word, no suggestion is made.
"""

from __future__ import annotations

import itertools
import os
import re
from functools import lru_cache

from srclint.text import LazyPattern
from srclint.text.issue import EncodingIssue, Vocabulary

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

#: Continuation bytes that vanish when UTF-8 is read as Windows-1252 (undefined there, or soft hyphen).
LOST_BYTES: tuple[int, ...] = (0xAD, 0x81, 0x8D, 0x8F, 0x90, 0x9D)
#: Bytes that a lenient Windows-1252 decoder replaces with U+FFFD or "?".
REPLACED_BYTES: tuple[int, ...] = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
#: Languages consulted in wordfreq: the main languages of international news wires, plus the Central
#: European and Cyrillic languages whose letters (Latin Extended-A, Cyrillic) are the ones that lose bytes.
WORDFREQ_LANGS: tuple[str, ...] = ("en", "es", "pt", "fr", "de", "it", "nl", "pl", "cs", "ro", "hu", "tr",
                                   "sv", "ru", "uk", "bg")

_LOWER = r"a-zß-öø-ÿ"
# Ã before a lower-case letter; Ä/Å/Â between lower-case letters; Ã after a lower-case letter at word end.
# The two patterns below are compiled on first use: only a text holding one of their letters asks.
LOSSY_RE = LazyPattern(  # the leading lookahead lets `re` skip to the four letters
    rf"(?=[ÃÄÅÂ])(?:Ã(?=[{_LOWER}])|(?<=[{_LOWER}])[ÄÅÂ](?=[{_LOWER}])|(?<=[{_LOWER}])Ã(?=[\s.,;:!?)\"'”’]|$))"
)
_LEADS = "ÃÄÅÂ"  # where a LOSSY_RE match is
_VIETNAMESE_RE = LazyPattern("[\u01a0\u01a1\u01af\u01b0\u0110\u0111\u1ea0-\u1ef9]")
_STRIP_RE = LazyPattern(r"^\W+|\W+$")


@lru_cache(maxsize=1)
def _wordfreq() -> object | None:
    try:
        import wordfreq  # noqa: PLC0415 - optional dependency, imported on first lossy candidate
    except ImportError:
        return None
    return wordfreq


@lru_cache(maxsize=1)
def _wordfreq_version() -> str | None:
    """The installed wordfreq's version, read from its metadata without importing it ("" when it
    has none); None when wordfreq is not installed."""
    import importlib.util  # noqa: PLC0415 - only a run that meets a lossy word asks

    try:
        spec = importlib.util.find_spec("wordfreq")
        if spec is None:
            return None
        if (found := _dist_info_version(spec.origin)) is not None:
            return found
        from importlib.metadata import version  # noqa: PLC0415

        return version("wordfreq")
    except Exception:  # noqa: BLE001 - no metadata: usable, but its answers are not kept
        return ""


def _dist_info_version(origin: str | None) -> str | None:
    """The Version field of the one `wordfreq-*.dist-info` folder beside the package at `origin`
    (its `__init__.py`), as `importlib.metadata.version` gives it for a usual install; None when
    there is no such folder or more than one (then importlib.metadata is asked). Importing
    importlib.metadata brings in email, zipfile and more: some 15 ms of a run that checks one
    file and meets one lossy word, spent to name a file."""
    if not origin:
        return None
    site = os.path.dirname(os.path.dirname(origin))
    try:
        infos = [name for name in os.listdir(site) if name.startswith("wordfreq-") and name.endswith(".dist-info")]
        if len(infos) != 1:
            return None
        with open(os.path.join(site, infos[0], "METADATA"), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("Version:"):
                    return line[len("Version:") :].strip() or None
                if not line.strip():
                    return None  # the headers end at the first blank line
    except OSError:
        return None
    return None


class KeptFrequencies:
    """`word_frequency`'s answers kept on disk, beside the compiled packs.

    Ranking a lossy word's candidates is most of the cost of a run that meets one: importing
    wordfreq (with ftfy and langcodes) and loading the word lists of WORDFREQ_LANGS takes some
    0.3 s and 100 MB. The answers depend only on the word, the languages and the installed
    wordfreq, so they are kept in one small JSON file per wordfreq version: a later run that asks
    about the same words (the same file checked again after an edit elsewhere in it) loads
    neither. Like the pack cache it is an optimisation only: a missing, damaged or unwritable
    file is ignored, writes are atomic, and SRCLINT_NO_PACK_CACHE turns it off."""

    LIMIT = 50_000  # words kept; past that the file starts afresh

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.words: dict[str, tuple[float, str]] = self._load() if path is not None else {}
        self.added = False

    @classmethod
    def for_installed(cls) -> KeptFrequencies:
        version = _wordfreq_version()
        if not version or os.environ.get("SRCLINT_NO_PACK_CACHE"):
            return cls(None)
        from srclint.pack_cache import cache_dir  # noqa: PLC0415

        safe = "".join(ch if ch.isalnum() or ch in ".-+" else "_" for ch in version)
        return cls(cache_dir().parent / f"wordfreq-{safe}.json")

    def _header(self) -> dict[str, object]:
        return {"langs": list(WORDFREQ_LANGS), "wordlist": "small"}

    def _load(self) -> dict[str, tuple[float, str]]:
        import json  # noqa: PLC0415

        try:
            data = json.loads(self.path.read_bytes())  # type: ignore[union-attr]
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or any(data.get(k) != v for k, v in self._header().items()):
            return {}  # other languages or lists: their answers do not apply
        words = data.get("words")
        if not isinstance(words, dict):
            return {}
        out: dict[str, tuple[float, str]] = {}
        for word, answer in words.items():
            if (
                isinstance(answer, list) and len(answer) == 2
                and type(answer[0]) in (int, float) and isinstance(answer[1], str)
            ):  # fmt: skip
                out[word] = (float(answer[0]), answer[1])
        return out

    def get(self, word: str) -> tuple[float, str] | None:
        return self.words.get(word)

    def add(self, word: str, answer: tuple[float, str]) -> None:
        if self.path is None:
            return
        if len(self.words) >= self.LIMIT:
            self.words = {}
        self.words[word] = answer
        self.added = True

    def save(self) -> None:
        """Write the file anew if answers were added (beside it, then renamed over it)."""
        if self.path is None or not self.added:
            return
        import json  # noqa: PLC0415
        import tempfile  # noqa: PLC0415

        self.added = False
        data = json.dumps({**self._header(), "words": self.words}, ensure_ascii=True, separators=(",", ":"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="ascii") as fh:
                    fh.write(data)
                os.replace(tmp, self.path)
            except BaseException:
                os.unlink(tmp)
                raise
        except OSError:
            return


@lru_cache(maxsize=1)
def _kept() -> KeptFrequencies:
    return KeptFrequencies.for_installed()


@lru_cache(maxsize=4096)
def word_frequency(word: str) -> tuple[float, str]:
    """Highest Zipf frequency of ``word`` over WORDFREQ_LANGS and the language it came from
    (answers kept on disk: `KeptFrequencies`; `rank` saves them)."""
    kept = _kept()
    known = kept.get(word)
    if known is not None:
        return known
    wf = _wordfreq()
    if wf is None:
        return 0.0, ""
    best = (0.0, "")
    for lang in WORDFREQ_LANGS:
        # The "small" lists (words down to Zipf 3) cost about 6 MB per language; the large ones
        # cost ten times that and seconds to load. Rarer words are left to the document's and the
        # corpus's own spelling, which rank first anyway.
        z = float(wf.zipf_frequency(word, lang, wordlist="small"))  # type: ignore[attr-defined]
        if z > best[0]:
            best = (z, lang)
    kept.add(word, best)
    return best


def wordfreq_available() -> bool:
    """Whether wordfreq is installed (found without importing it)."""
    return _wordfreq_version() is not None


def _key(candidate: str) -> str:
    return _STRIP_RE.sub("", candidate.replace("\u00ad", ""))


def fits(key: str) -> bool:
    """Capitalisation that real words have: lower, Capitalised or UPPER."""
    return key in (key.lower(), key.capitalize(), key.upper())


def rank(candidates: list[str], vocabulary: Vocabulary | None) -> tuple[str, str] | None:
    """Pick the best candidate word: document vocabulary first, then wordfreq. ``(word, evidence)``."""
    if vocabulary is not None:
        by_word: dict[str, tuple[int, bool, str]] = {}
        for c in candidates:
            key = _key(c)
            entry = (vocabulary(key), fits(key), c)
            if key.lower() not in by_word or entry[:2] > by_word[key.lower()][:2]:
                by_word[key.lower()] = entry
        seen = sorted(by_word.values(), key=lambda e: e[:2], reverse=True)
        if seen and seen[0][0] > 0:
            rivals = sum(1 for e in seen if e[0] > 0) - 1
            extra = f"; {rivals} other candidate(s) also seen" if rivals else ""
            return seen[0][2], f"seen elsewhere in the document {seen[0][0]} time(s){extra}"
    if not wordfreq_available():
        return None
    best_by_word: dict[str, tuple[float, bool, str, str]] = {}
    for c in candidates:
        key = _key(c)
        freq, lang = word_frequency(key.lower())
        # Prefer the candidate whose capitalisation fits the word (Bolívar, not BolÍvar).
        entry = (freq, fits(key), lang, c)
        if key.lower() not in best_by_word or entry[:2] > best_by_word[key.lower()][:2]:
            best_by_word[key.lower()] = entry
    _kept().save()
    ranked = sorted(best_by_word.values(), key=lambda e: e[:2], reverse=True)
    if not ranked or ranked[0][0] <= 0:
        return None
    freq, _, lang, best = ranked[0]
    runner = f", next best candidate Zipf {ranked[1][0]:.1f}" if len(ranked) > 1 and ranked[1][0] > 0 else ""
    return best, f"a common word per wordfreq: Zipf {freq:.1f} in '{lang}'{runner}"


def _word_bounds(text: str, i: int) -> tuple[int, int]:
    a = i
    while a > 0 and (text[a - 1].isalnum() or text[a - 1] in "\u00ad"):
        a -= 1
    b = i + 1
    while b < len(text) and (text[b].isalnum() or text[b] in "\u00ad"):
        b += 1
    return a, b


def _decodes(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def expand(word: str, marks: list[int], replace: bool) -> list[str]:
    """Re-insert (or, if ``replace``, substitute at) a lost byte at each mark of a cp1252 word."""
    try:
        raw = word.encode("windows-1252")
    except UnicodeEncodeError:
        raw = None
    if raw is None or len(marks) > 3:
        return []
    choices = REPLACED_BYTES if replace else LOST_BYTES
    out: list[str] = []
    for combo in itertools.product(choices, repeat=len(marks)):
        buf = bytearray(raw)
        for pos, byte in sorted(zip(marks, combo), reverse=True):
            if replace:
                buf[pos] = byte
            else:
                buf.insert(pos, byte)
        decoded = _decodes(bytes(buf))
        if decoded is not None and all(ch.isalpha() or ch == "\u00ad" for ch in decoded if not ch.isascii()):
            out.append(decoded)
    return out


def find_lossy(text: str, covered: list[tuple[int, int]], vocabulary: Vocabulary | None) -> list[EncodingIssue]:
    """Report words with a bare UTF-8 lead byte whose continuation byte was lost."""
    issues: list[EncodingIssue] = []
    # Every match is at one of four letters, rare in any text: str's `in` looks for each at memory
    # speed, `re` would try the pattern at every position.
    if not any(lead in text for lead in _LEADS):
        return issues
    done: set[tuple[int, int]] = set()
    for m in LOSSY_RE.finditer(text):
        a, b = _word_bounds(text, m.start())
        if (a, b) in done or any(x < b and a < y for x, y in covered):
            continue
        done.add((a, b))
        word = text[a:b]
        if _VIETNAMESE_RE.search(word):
            continue
        marks = [k + 1 for k, mm in enumerate(word) if LOSSY_RE.match(text, a + k)]
        candidates = expand(word, marks, replace=False)
        lead = word[marks[0] - 1]
        picked = rank(candidates, vocabulary) if candidates else None
        suggestion = picked[0].replace("\u00ad", "") if picked else None
        evidence = picked[1] if picked else (
            "no candidate found in the document vocabulary or word lists" if candidates else None)
        issues.append(EncodingIssue(
            a, b, "lossy-mojibake",
            f"UTF-8 read as Windows-1252 with a lost byte: '{lead}' is UTF-8 lead byte "
            f"0x{ord(lead.encode('windows-1252')):02X} without its continuation byte",
            suggestion, False, evidence, tuple(dict.fromkeys(c.replace("\u00ad", "") for c in candidates))))
    return issues


def repair_placeholders(original: str, fixed: str, encoding: str,
                        vocabulary: Vocabulary | None) -> tuple[str, str] | None:
    """ftfy replaced a lost byte with U+FFFD in ``fixed``; restore it from words if one candidate wins.

    Only for single-step Windows-1252 plans, where U+FFFD in the garbled text stands for one of the
    bytes the decoder could not map (REPLACED_BYTES). Returns ``(repaired, evidence)`` or None.
    """
    if encoding != "sloppy-windows-1252" or "\ufffd" not in original:
        return None
    import ftfy.bad_codecs  # noqa: F401, PLC0415  (the codec below; loaded already when ftfy made the plan)

    parts: list[str] = []
    evidence: list[str] = []
    for piece in re.split(r"(\s+)", original):
        try:
            raw = piece.encode("sloppy-windows-1252")
        except UnicodeEncodeError:
            return None
        marks = [k for k, byte in enumerate(raw) if byte == 0x1A]
        if not marks:
            decoded = _decodes(raw)
            if decoded is None:
                return None
            parts.append(decoded)
            continue
        if len(marks) > 3:
            return None
        cands: list[str] = []
        for combo in itertools.product(REPLACED_BYTES, repeat=len(marks)):
            buf = bytearray(raw)
            for pos, byte in zip(marks, combo):
                buf[pos] = byte
            dec = _decodes(bytes(buf))
            # The restored character must be a letter: word lists can't choose between punctuation marks.
            if dec is not None and all(ch.isascii() or ch.isalpha() or ch in fixed for ch in dec):
                cands.append(dec)
        picked = rank(cands, vocabulary) if cands else None
        if picked is None:
            return None
        parts.append(picked[0])
        evidence.append(picked[1])
    repaired = "".join(parts)
    if len(repaired) != len(fixed) or any(x != y and y != "\ufffd" for x, y in zip(repaired, fixed)):
        return None
    return repaired, "; ".join(evidence)

