"""The `attribution` kind: who a claim is credited to, and whether a reader can tell who that is.

A word list cannot do this: "analysts" is harmless as an object ("met analysts") and after a name
("analysts at Capital Economics"), and only a problem as the source of a reporting or cognition
cue. So the kind finds cues through the shared term scan, cuts the source noun phrase out of the
clause (`srclint.text.names`), and decides named vs vague from its head and its names. Four
targets share the machinery:

- `source`: vague or anonymous sources of cues; severity from the specificity ladder (rank,
  institution, knowledge basis, stated reason for anonymity: one point each);
- `document`: leaked/internal documents, intelligence reports and data with no producer,
  provider or "obtained/reviewed by X";
- `anonymity-reason`: anonymity granted with no reason nearby, or only a rote one;
- `anonymous-opinion`: an anonymous source delivering opinion or insult.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module


from ..models import Severity
from ..records import record
from ..text import LazyPattern, compiled_on_demand
from ..text.names import (
    DEFAULT_GENERIC,
    NounPhrase,
    Token,
    _clause_start,
    _first_mark,
    find_source,
    has_person_name,
    name_runs,
    phrase_after,
    strip_bullet,
    tokens,
)
from ..text.reported import CueFinder, cue_is_noun
from ..text.trie import trie_pattern
from .base import DocumentRule
from .schema import Field, PrivateAttr, model_validator

if TYPE_CHECKING:
    from typing import ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

__all__ = ["DEFAULT_GENERIC", "AttributionRule", "CueFinder"]

if TYPE_CHECKING:
    SeverityName = Literal["error", "warning", "info"]


def __getattr__(name: str) -> object:
    """`SeverityName`, made when first asked for (by a pack's validation, `srclint.kinds.schema`):
    typing is not imported by a run whose rules come from the cache."""
    if name == "SeverityName":
        from typing import Literal

        value = globals()[name] = Literal["error", "warning", "info"]
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# Opening words a message leaves out of the source it asks to name, and common words that keep a
# capital only because they open the sentence.
_DROPPED_OPENERS = frozenset("the a an some many several most few various numerous certain these those other".split())
_COMMON_OPENERS = frozenset(
    """one two three four five six seven eight nine ten dozen dozens hundreds thousands senior top
    junior former current leading independent outside local regional federal state national foreign
    internal military defense defence government intelligence secret classified leaked""".split()
)
# Nouns that a relative clause without "that" often describes: "the amount experts say it costs",
# "the number analysts expect", "the way critics describe it", "$20 million experts say".
_GAP_NOUNS = frozenset(
    """amount amounts number numbers figure figures sum level levels rate rates price cost costs total
    share percentage way ways extent date time reason reasons thing things kind sort million millions
    billion billions trillion thousand thousands hundred hundreds percent""".split()
)
# The characters a clause mark of `srclint.text.names` ends in: one-character marks, the dash
# of " - " and a leading bullet (which end in a space, preceded by one of these).
_MARK_ENDS = frozenset(",;:()[]\"“”«»—–-*•")
_HEAD_WINDOW = 160  # characters around a cue searched for a source noun before parsing the clause
_ALNUM_RUN = LazyPattern(r"[^\W_]*")  # what str.isalnum() accepts, character by character


class AttributionRule(DocumentRule):
    """Finds reporting cues and their sources; flags the sources a reader cannot identify."""

    kind: Literal["attribution"]
    target: Literal["source", "document", "anonymity-reason", "anonymous-opinion"] = "source"
    cues: list[str] = Field(default_factory=list, description="reporting/cognition verbs, every form: say, says, said")
    after_cues: list[str] = Field(default_factory=list, description="cues followed by their source: 'according to'")
    sources: list[str] = Field(
        default_factory=list, description="vague source heads (officials, analysts) or, for target document, document nouns"
    )
    names_count: Literal["person", "any"] = Field(
        default="person", description="what in the source phrase makes it named: a person's name, or any name"
    )
    generic_names: list[str] = Field(default_factory=lambda: sorted(DEFAULT_GENERIC))
    rank_words: list[str] = Field(default_factory=list, description="ladder point (a): senior, deputy, spokesperson")
    institution_words: list[str] = Field(default_factory=list, description="ladder point (b): ministry, government")
    knowledge_phrases: list[str] = Field(default_factory=list, description="ladder point (c): familiar with, briefed on")
    severity_by_score: dict[int, SeverityName] = Field(
        default_factory=dict, description="ladder score -> severity; scores not listed are not flagged"
    )
    modifiers: list[str] = Field(default_factory=list, description="document: words that make a document need provenance")
    provenance: list[str] = Field(default_factory=list, description="document: obtained, reviewed, released ... (+ by X)")
    markers: list[str] = Field(default_factory=list, description="anonymity markers: 'on condition of anonymity'")
    reasons: list[str] = Field(default_factory=list, description="words that introduce a reason: because, since")
    boilerplate: list[str] = Field(default_factory=list, description="rote reasons: 'not authorized to speak'")
    boilerplate_severity: SeverityName = "info"
    opinion_terms: list[str] = Field(default_factory=list, description="anonymous-opinion: evaluative or insulting words")

    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "source", "cue", "score", "detail"})

    _compiled: _Compiled | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _needs(self) -> AttributionRule:
        need = {
            "source": ("cues", "sources"),
            "anonymous-opinion": ("cues", "sources", "opinion_terms"),
            "document": ("sources", "modifiers"),
            "anonymity-reason": ("markers", "reasons"),
        }[self.target]
        missing = [name for name in need if not getattr(self, name)]
        if missing:
            raise ValueError(f"target {self.target!r} needs {', '.join(missing)}")
        return self

    def model_post_init(self, context: object, /) -> None:
        super().model_post_init(context)
        modifiers = frozenset(w.lower() for w in self.modifiers)
        provenance = None
        if self.provenance:
            verbs = "|".join(re.escape(v) for v in self.provenance)
            provenance = re.compile(
                rf"[\s,]*(?:(?:that|which)\s+(?:were|was|had been|have been|has been)\s+)?(?:\w+ly\s+)?"
                rf"(?:(?:{verbs})\s+(?:by|to)|from|by)\s+(?:[Tt]he\s+)?(?P<who>[^\W\d_][\w.&'’-]*)",
            )
        self._compiled = _Compiled(
            generic=frozenset(w.lower() for w in self.generic_names),
            heads=frozenset(w.lower() for w in self.sources),
            rank=frozenset(w.lower() for w in self.rank_words),
            institution=frozenset(w.lower() for w in self.institution_words),
            modifiers=modifiers,
            # Most document nouns ("report", "data") have no modifier before them at all. A
            # token that is an ASCII modifier reads the same in the folded text, so when all of
            # them are ASCII a substring search on the stretch the tokens would come from (one
            # pattern of them all) rules such nouns out before any token is cut.
            modifier_probe=_any_of(modifiers) if all(m.isascii() for m in modifiers) else None,
            knowledge=_alternation(self.knowledge_phrases),
            cue_finder=_cue_finder(tuple(self.cues), tuple(self.after_cues)),
            provenance=provenance,
            reason=_alternation(self.reasons),
            boilerplate=_alternation(self.boilerplate),
        )

    @property
    def compiled(self) -> _Compiled:
        """The settings compiled for matching. Read through the private-attribute store, not
        pydantic's __getattr__ (microseconds a read, and the checks read these per cue)."""
        return self.__pydantic_private__["_compiled"]  # type: ignore[index]

    def term_lists(self) -> list[tuple[str, list[str], bool]]:
        lists: list[tuple[str, list[str], bool]] = []
        if self.target in ("source", "anonymous-opinion"):
            # The rules start from the source nouns (rare); the cues are looked for in a window
            # around each. The cue phrases go through the shared scan too, when its hits are what
            # that search finds (`CueFinder.scan_terms`): it then takes them from the hits.
            lists.append(("heads", self.sources, False))
            scan_terms = self.compiled.cue_finder.scan_terms
            if scan_terms is not None:
                lists.append(("cues", list(scan_terms), False))
        if self.target == "document":
            lists.append(("documents", self.sources, False))
        if self.target == "anonymity-reason":
            lists.append(("markers", self.markers, False))
        if self.target == "anonymous-opinion":
            lists.append(("opinion", self.opinion_terms, False))
        return lists

    # -- dispatch ----------------------------------------------------------------------------
    def only_with_terms(self) -> str | None:
        # What `check` returns at once for: each target starts from the hits of one term list.
        if self.target == "document":
            return "documents"
        return "markers" if self.target == "anonymity-reason" else "heads"

    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        # Most documents hold none of the words a target starts from: no generator is made then.
        if self.target == "document":
            return self._documents(doc, ctx) if ctx.hits(self.code, "documents") else ()
        if self.target == "anonymity-reason":
            return self._anonymity(doc, ctx) if ctx.hits(self.code, "markers") else ()
        if not ctx.hits(self.code, "heads"):
            return ()
        if self.target == "anonymous-opinion" and not ctx.hits(self.code, "opinion"):
            return ()
        return self._sources(doc, ctx)

    # -- sources -----------------------------------------------------------------------------
    def attributions(
        self, doc: Document, ctx: CheckContext, near: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int, NounPhrase, bool]]:
        """(cue start, cue end, source phrase, source-after-cue) for the cues in scope that may
        have one of our source nouns as their source: those whose source phrase may hold one
        (`_may_hold_head`; a source phrase never leaves its cue's sentence). With `near`
        (sorted sentences), only cues found from source nouns whose window reaches one of them:
        callers that keep only cues inside those sentences lose nothing."""
        heads = ctx.hits(self.code, "heads")
        if not heads:
            return  # no source noun of ours anywhere: no cue needs a look
        low = doc.lowered
        n = len(low)
        starts = [s for s, _ in near] if near is not None else []
        finder = self.compiled.cue_finder
        # `_sourced` keeps only cues in a sentence that holds one of the source nouns (or an
        # underscore: see there), so the cue search may skip the rest of each window: `keep`
        # are those sentences (`_sentences_of`), found in the same pass as the windows.
        keep: list[tuple[int, int]] | None = None if "_" in low else []
        # The cue phrases' hits in the shared scan, when they are in it: with `keep`, `find`
        # takes the cues from them (see there), and with none it finds no cue (no window ends
        # before a word character: the text holds no "_", and windows end after a word).
        cue_hits = ctx.hits(self.code, "cues") if finder.scan_terms is not None and keep is not None else None
        if cue_hits is not None and not cue_hits:
            return
        # Of a kept sentence, `_may_hold_head` passes no cue that ends before a clause mark
        # which comes before the sentence's first source noun: its source phrase (after an
        # after cue, or the subject in its clause) ends at that mark, and it has no source
        # noun before it to be the subject of. So the kept span starts after the last comma
        # before that noun, when no cue holds a comma (then none crosses it).
        text = doc.prose
        narrow = keep is not None and finder.in_no_phrase(",")
        # `doc.sentence_at`, inline (a call per source noun): the sentence holding the noun, or
        # the empty span at it.
        sentences = doc.sentences
        sentence_starts = doc._sentence_starts
        sentence_end = -1
        # Windows around the source nouns, overlapping ones merged; the cues are looked for once
        # in each. (A loop per source noun: kept to plain comparisons.)
        windows: list[list[int]] = []
        window_hi = -1  # the end of the last window (none yet: no window starts before it)
        for h_start, h_end in heads:
            lo = h_start - _HEAD_WINDOW if h_start > _HEAD_WINDOW else 0
            hi = h_end + _HEAD_WINDOW
            if hi >= n:
                hi = n
            elif low[hi].isalnum():  # never cut a word at the window's end ("say|s")
                hi = _ALNUM_RUN.match(low, hi).end()  # type: ignore[union-attr]  # it always matches
            if near is not None and not _reaches(near, starts, lo, hi):
                # Nor is its sentence kept: the sentence holds the noun, which is in the window,
                # so it is none of the `near` sentences, and the caller drops its cues.
                continue
            if keep is not None and h_start >= sentence_end:  # not in the sentence kept last
                k = bisect_right(sentence_starts, h_start) - 1
                if k >= 0 and h_start < sentences[k][1]:
                    s_start, sentence_end = sentences[k]
                else:
                    s_start = sentence_end = h_start
                if s_start < sentence_end:
                    if narrow and (comma := text.rfind(",", s_start, h_start)) >= 0:
                        s_start = comma + 1
                    keep.append((s_start, sentence_end))
            if lo <= window_hi:  # overlaps the window before (its end kept in a local)
                if hi > window_hi:
                    windows[-1][1] = window_hi = hi
            else:
                windows.append([lo, hi])
                window_hi = hi
        yield from self._sourced(doc, finder.find(low, windows, keep, cue_hits), heads)

    def all_attributions(self, doc: Document) -> Iterator[tuple[int, int, NounPhrase, bool, int | None]]:
        """Every cue in the document with a source phrase, whatever its head noun: (cue start,
        cue end, source phrase, source-after-cue, vague score or None when the source is named
        or not a vague noun). For the API's `extract`; the rules only look near vague nouns."""
        found = self._cues(doc.lowered, [[0, len(doc.lowered)]])
        for start, end, np, inverted in self._sourced(doc, found):
            yield start, end, np, inverted, self.vague_score(doc, np)

    def _cues(self, low: str, windows: list[list[int]]) -> dict[tuple[int, int], bool]:
        """Cue spans inside the windows of the folded text, each with whether its source follows
        it ("according to X")."""
        return self.compiled.cue_finder.find(low, windows)

    def _sourced(
        self, doc: Document, found: dict[tuple[int, int], bool], heads: list[tuple[int, int]] | None = None
    ) -> Iterator[tuple[int, int, NounPhrase, bool]]:
        """The cues in scope that have a source phrase, in text order, with that phrase. With
        `heads` (sorted spans of source nouns), only cues whose source phrase may hold one of
        them: the others' phrases are never cut out."""
        if not found:
            return  # no cue near a source noun (about half the documents with one): nothing to set up
        text, low = doc.prose, doc.lowered
        in_scope = self.parsed_scope.contains
        head_starts = [s for s, _ in heads] if heads is not None else None
        # The source phrase of a cue depends on the text only, so rules share it per document.
        memo: dict[tuple[int, int, bool], tuple[NounPhrase | None, bool]] = doc.memo.setdefault("attribution.source", {})
        sentences = doc.sentences
        sentence_starts = doc._sentence_starts
        for (start, end), is_after in sorted(found.items()):
            # The cue's sentence (`doc.sentence_at`, inline: a call per cue), or the empty span
            # at the cue.
            k = bisect_right(sentence_starts, start) - 1
            s_start, s_end = sentences[k] if k >= 0 and start < sentences[k][1] else (start, start)
            i = -1  # the first source noun in the cue's sentence, when `_may_hold_head` may tell
            if head_starts is not None:
                # A source phrase is made of tokens of the cue's sentence, and a token that is
                # one of our source nouns is a hit of the term scan, unless an underscore stands
                # right before it: the tokenizer cuts "officials" out of "_officials", while to
                # the scan the underscore is part of the word.
                i = bisect_left(head_starts, s_start)
                if i == len(head_starts) or head_starts[i] >= s_end:
                    if low.find("_", s_start, s_end) < 0:
                        continue
                    i = -1
                elif low.find("_", s_start, s_end) >= 0:
                    i = -1
            if not in_scope(doc, start):
                continue
            if not is_after and cue_is_noun(text, start):
                continue  # "the United States", "sources of fear", "the view": not verbs
            if i >= 0 and not _may_hold_head(text, head_starts, i, s_start, s_end, start, end, is_after):  # type: ignore[arg-type]
                continue  # its source phrase, if any, holds none of our source nouns
            key = (start, end, is_after)
            if key not in memo:
                if s_end <= s_start:
                    memo[key] = (None, False)
                elif is_after:
                    memo[key] = (phrase_after(text, end, s_end), True)
                else:
                    memo[key] = find_source(text, s_start, s_end, start, end)
            np, inverted = memo[key]
            if np is not None:
                yield start, end, np, inverted

    @property
    def generic_set(self) -> frozenset[str]:
        """The lower-cased `generic_names`: capitalised words that name nobody."""
        return self.compiled.generic

    def _sources(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        reported: set[int] = set()
        near = None
        opinion: list[tuple[int, int]] = []
        if self.target == "anonymous-opinion":
            # A finding needs an opinion word in the cue's sentence: only those sentences matter.
            opinion = ctx.hits(self.code, "opinion")
            if not opinion:
                return
            near = sorted({doc.sentence_at(s) for s, _ in opinion})
        for start, end, np, inverted in self.attributions(doc, ctx, near):
            if np.start in reported:
                continue
            if not inverted and (relative := self._relative_subject(np)) is not None:
                np = relative
            score = self.vague_score(doc, np)
            if score is None:
                continue
            if self.target == "anonymous-opinion":
                sent = doc.sentence_at(start)
                hit = _first_within(opinion, sent[0], sent[1], skip=(np.start, np.end))
                if hit is None:
                    continue
                severity, detail = self.level, doc.text[hit[0] : hit[1]]
            else:
                severity = self._severity(score)
                detail = ""
                if severity is None:
                    continue
            reported.add(np.start)
            lo, hi = (start, np.end) if inverted else (np.start, end)
            yield self.finding(
                doc, lo, hi, severity=severity, source=self._phrase(np), cue=doc.text[start:end], score=score, detail=detail
            )

    def _phrase(self, np: NounPhrase) -> str:
        """The source phrase for "name the ...": without its opening determiner or quantifier
        ("Some experts" gives "name the experts"), and with a sentence-initial capital dropped
        from a common word ("name the analysts", "name the three economists") but kept on a
        proper one ("name the Russian experts")."""
        toks = list(np.tokens)
        while len(toks) > 1 and toks[0].low in _DROPPED_OPENERS:
            toks.pop(0)
        words = [t.text for t in toks]
        first = toks[0]
        if first.text[:1].isupper() and not first.text[1:2].isupper() and (
            first.low in self.compiled.heads or first.low in _COMMON_OPENERS
        ):
            words[0] = first.text[0].lower() + first.text[1:]
        return " ".join(words)

    def _severity(self, score: int) -> Severity | None:
        if not self.severity_by_score:
            return self.level
        name = self.severity_by_score.get(score)
        return Severity.parse(name) if name else None

    def vague_score(self, doc: Document, np: NounPhrase) -> int | None:
        """None when the source is named (or not one of ours); else its specificity score 0-4."""
        compiled = self.compiled
        head = np.head_token.low
        if head not in compiled.heads:
            return None
        if head == "people" and np.definite and not self._knows(doc, np):
            return None  # "the people of Kansas", "the American people": a citizenry, not a source
        sent_start = doc.sentence_at(np.start)[0]
        toks = np.all_tokens
        if self.names_count == "any":
            if _named_runs(toks, compiled.generic, sent_start):
                return None
        elif has_person_name(toks, compiled.generic, sent_start):
            return None
        if np.definite and self._mentioned_before(doc, np):
            return None
        if self._named_nearby(doc, np):
            return None
        return self._ladder(doc, np, sent_start)

    def _relative_subject(self, np: NounPhrase) -> NounPhrase | None:
        """The subject of a relative clause without "that" that the phrase ends in: in "the $20
        million experts say it costs" or "a fraction of the amount analysts expect", the source
        noun right after another word of the phrase starts a clause of its own, and it, not the
        phrase's head, is who speaks. Only a bare source noun after a sum ("million") or one of the
        nouns such clauses describe ("the number", "the way"): after an adjective it is the
        phrase's own noun ("the committee of independent experts said" is the committee speaking)."""
        toks = np.tokens
        if len(toks) < 2:
            return None
        last, before = toks[-1], toks[-2]
        if last.low not in self.compiled.heads:
            return None
        if before.low not in _GAP_NOUNS:  # not a count: "20 experts said" is twenty experts speaking
            return None
        return NounPhrase((last,), 0)

    def _knows(self, doc: Document, np: NounPhrase) -> bool:
        """Whether the phrase says how its source knows ("people familiar with the talks")."""
        knowledge = self.compiled.knowledge
        return knowledge is not None and knowledge.search(doc.lowered[np.start : np.end]) is not None

    def _ladder(self, doc: Document, np: NounPhrase, sent_start: int) -> int:
        words = {t.low for t in np.all_tokens}
        score = 0
        compiled = self.compiled
        if words & compiled.rank:
            score += 1
        if words & compiled.institution or any(
            t.capitalised and t.start != sent_start for t in np.pre
        ) or _named_runs(np.post, compiled.generic, sent_start):
            score += 1
        if self._knows(doc, np):
            score += 1
        sent = doc.sentence_at(np.start)
        if compiled.reason is not None and "anonym" in doc.lowered[sent[0] : sent[1]]:
            if compiled.reason.search(doc.lowered, sent[0], sent[1]):
                score += 1
        return score

    def _mentioned_before(self, doc: Document, np: NounPhrase) -> bool:
        """'the officials' after 'officials' was introduced: the first mention is what counts."""
        i = doc.sentence_index(np.start)
        if i <= 0:
            return False
        lo = doc.sentences[max(0, i - 2)][0]
        stem = np.head_token.low.rstrip("s")
        return re.search(rf"\b{re.escape(stem)}", doc.lowered[lo : np.start]) is not None

    def _named_nearby(self, doc: Document, np: NounPhrase) -> bool:
        """The previous or next sentence puts a person's name beside the same noun ("analyst Jane Doe")."""
        i = doc.sentence_index(np.start)
        stem = np.head_token.low.rstrip("s")
        generic = self.compiled.generic
        # A token whose lower case is an ASCII word reads the same in the folded text: a
        # sentence without the stem there holds no such token, and need not be cut into tokens.
        probe = stem.isascii()
        for j in (i - 1, i + 1):
            if not 0 <= j < len(doc.sentences) or i < 0:
                continue
            s, e = doc.sentences[j]
            if probe and doc.lowered.find(stem, s, e) < 0:
                continue
            toks = tokens(doc.prose, s, e)
            for k, t in enumerate(toks):
                if t.low.rstrip("s") == stem and _names_member(doc.prose, toks, k, generic, s):
                    return True
        return False

    # -- documents ---------------------------------------------------------------------------
    def _documents(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        text, low = doc.prose, doc.lowered
        in_scope = self.parsed_scope.contains
        compiled = self.compiled
        modifiers, probe, generic = compiled.modifiers, compiled.modifier_probe, compiled.generic
        for start, end in ctx.hits(self.code, "documents"):
            # The probe first on the 60 characters before the noun, which hold the stretch below:
            # most nouns are ruled out before their scope and sentence are looked up.
            if probe is not None and probe.search(low, start - 60 if start > 60 else 0, start) is None:
                continue
            if not in_scope(doc, start):
                continue
            sent = doc.sentence_at(start)
            lo = max(sent[0], start - 60)
            if probe is not None and probe.search(low, lo, start) is None:
                continue
            before = tokens(text, lo, start)[-4:]
            cut = next((i for i in range(len(before) - 1, -1, -1) if _clause_gap(text, before, i, start)), -1)
            before = before[cut + 1 :]
            mod = next((i for i, t in enumerate(before) if t.low in modifiers), None)
            if mod is None:
                continue
            if _named_runs(before[mod + 1 :], generic, sent[0]):
                continue  # "leaked Pentagon documents": the producer is named
            if self._has_provenance(text, end, sent[1]):
                continue
            first = mod
            while first > 0 and before[first - 1].capitalised and before[first - 1].low in generic:
                first -= 1
            yield self.finding(doc, before[first].start, end)

    def _has_provenance(self, text: str, end: int, limit: int) -> bool:
        compiled = self.compiled
        if compiled.provenance is None:
            return False
        m = compiled.provenance.match(text, end, limit)
        if m is None:
            return False
        who = m.group("who")
        return who[:1].isupper() and who.lower() not in compiled.generic

    # -- anonymity ---------------------------------------------------------------------------
    def _anonymity(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        low = doc.lowered
        compiled = self.compiled
        for start, end in ctx.hits(self.code, "markers"):
            if not self.parsed_scope.contains(doc, start):
                continue
            i = doc.sentence_index(start)
            if i < 0:
                continue
            stop = doc.sentences[min(i + 1, len(doc.sentences) - 1)][1]
            if doc.paragraph_at(start)[1] < stop:
                stop = doc.sentence_at(start)[1]  # the reason belongs to the same paragraph
            assert compiled.reason is not None
            reason = compiled.reason.search(low, end, stop)
            if reason is None:
                yield self.finding(doc, start, end, detail="no reason is given")
                continue
            if compiled.boilerplate is not None:
                rote = compiled.boilerplate.search(low, reason.start(), min(stop, reason.end() + 80))
                if rote is not None:
                    yield self.finding(
                        doc, start, end, severity=Severity.parse(self.boilerplate_severity),
                        detail=f"the reason given is boilerplate ('{doc.text[rote.start():rote.end()]}')",
                    )


# Rules with the same cue lists share one CueFinder (it is never changed once built): built once,
# and pickled once in the compiled-pack cache (each holds an automaton of the cues).
_CUE_FINDERS: dict[tuple[tuple[str, ...], tuple[str, ...]], CueFinder] = {}


def _cue_finder(cues: tuple[str, ...], after_cues: tuple[str, ...]) -> CueFinder:
    finder = _CUE_FINDERS.get((cues, after_cues))
    if finder is None:
        finder = _CUE_FINDERS[(cues, after_cues)] = CueFinder(cues, after_cues)
    return finder


@record(frozen=True, slots=True)
class _Compiled:
    """An attribution rule's word lists and patterns, as the checks use them."""

    generic: frozenset[str]
    heads: frozenset[str]
    rank: frozenset[str]
    institution: frozenset[str]
    modifiers: frozenset[str]
    modifier_probe: re.Pattern[str] | None  # any of the modifiers, when all are ASCII (see model_post_init)
    knowledge: re.Pattern[str] | None
    cue_finder: CueFinder
    provenance: re.Pattern[str] | None
    reason: re.Pattern[str] | None
    boilerplate: re.Pattern[str] | None

    def __init__(
        self, generic: frozenset[str], heads: frozenset[str], rank: frozenset[str], institution: frozenset[str],
        modifiers: frozenset[str], modifier_probe: re.Pattern[str] | None, knowledge: re.Pattern[str] | None,
        cue_finder: CueFinder, provenance: re.Pattern[str] | None, reason: re.Pattern[str] | None,
        boilerplate: re.Pattern[str] | None,
    ) -> None:  # fmt: skip
        store = object.__setattr__  # a frozen class's fields are stored past its __setattr__
        store(self, "generic", generic)
        store(self, "heads", heads)
        store(self, "rank", rank)
        store(self, "institution", institution)
        store(self, "modifiers", modifiers)
        store(self, "modifier_probe", modifier_probe)
        store(self, "knowledge", knowledge)
        store(self, "cue_finder", cue_finder)
        store(self, "provenance", provenance)
        store(self, "reason", reason)
        store(self, "boilerplate", boilerplate)


def _may_hold_head(
    text: str, head_starts: list[int], i: int, s_start: int, s_end: int, start: int, end: int, is_after: bool
) -> bool:
    """Whether the source phrase of the cue text[start:end] may hold a source noun (`head_starts`
    their sorted starts, `i` the index of the first in the sentence [s_start, s_end)). False
    only when it surely holds none, told without cutting the sentence into phrases (most cues
    near a source noun have another subject: "the minister said", "he told officials").

    An after cue's phrase ("according to X") runs from the cue to the next clause mark
    (`phrase_after`). A verb cue's (`find_source`) is the subject in the cue's clause before
    it; only when there is none, and the cue directly follows a clause mark ("...,' said X",
    "Officials, speaking ..., said"), an inverted subject (up to the next clause mark) or a
    phrase before the mark."""
    if is_after:
        return _head_follows(text, head_starts, end, s_end)
    begin = -1
    if head_starts[i] < start:  # a source noun before the cue: is one in its clause?
        last = head_starts[bisect_left(head_starts, start) - 1]
        if text[last].isalnum():
            # No clause mark runs across the start of a word: the nearest source noun is in the
            # clause when none follows it (a short search forward, where `_clause_start` steps
            # back from the cue over the whole clause).
            if _first_mark(text, last, start) is None:
                return True
        else:
            begin = strip_bullet(text, s_start)
            k = bisect_left(head_starts, _clause_start(text, begin, start))
            if k < len(head_starts) and head_starts[k] < start:
                return True
    if begin < 0:
        begin = strip_bullet(text, s_start)
    # Only text[x:start] blank after the last clause mark x lets `find_source` look past the
    # clause: the last other character before the cue is then one a clause mark ends in.
    k = start - 1
    while k >= begin and text[k].isspace():
        k -= 1
    if k < begin or text[k] not in _MARK_ENDS:
        return False
    return head_starts[i] < start or _head_follows(text, head_starts, end, s_end)


def _head_follows(text: str, head_starts: list[int], end: int, sent_end: int) -> bool:
    """Whether a source noun starts between `end` and the first clause mark after it in its sentence."""
    j = bisect_left(head_starts, end)
    if j == len(head_starts) or head_starts[j] >= sent_end:
        return False
    mark = _first_mark(text, end, sent_end)
    return mark is None or head_starts[j] < mark.start()


def _sentences_of(doc: Document, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences holding the start of one of the sorted `spans`, in order."""
    out: list[tuple[int, int]] = []
    sentence_at = doc.sentence_at
    end = -1
    for start, _ in spans:
        if start < end:
            continue  # in the sentence of the span before
        sent = sentence_at(start)
        if sent[0] < (end := sent[1]):
            out.append(sent)
    return out


def _reaches(spans: list[tuple[int, int]], starts: list[int], lo: int, hi: int) -> bool:
    """Whether [lo, hi) overlaps one of the sorted, disjoint `spans` (`starts` their starts)."""
    i = bisect_left(starts, hi) - 1
    return i >= 0 and spans[i][1] > lo


def _any_of(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern that finds any of the words as a substring (none given: it finds nothing)."""
    ordered = sorted(words)
    return re.compile("|".join(map(re.escape, ordered)) if ordered else "(?!)")


def _alternation(phrases: list[str]) -> re.Pattern[str] | None:
    if not phrases:
        return None
    return re.compile(trie_pattern({p.lower() for p in phrases if p}, before=r"(?<!\w)", after=r"(?!\w)"))


def _named_runs(toks: Iterable[Token], generic: frozenset[str], sent_start: int) -> list[list[Token]]:
    return name_runs(list(toks), generic, sent_start)


def _clause_gap(text: str, toks: list[Token], i: int, end: int) -> bool:
    """True when punctuation separates token i from what follows it (so it is outside the phrase)."""
    nxt = toks[i + 1].start if i + 1 < len(toks) else end
    return any(ch in ",;:()\"“”—–" for ch in text[toks[i].end : nxt])


def _first_within(spans: list[tuple[int, int]], lo: int, hi: int, skip: tuple[int, int]) -> tuple[int, int] | None:
    i = bisect_left(spans, (lo, lo))
    while i < len(spans) and spans[i][0] < hi:
        s, e = spans[i]
        if not (skip[0] <= s < skip[1]):
            return s, e
        i += 1
    return None


# Compiled when a name first stands just before a source noun.
_rx_apposition_before = compiled_on_demand(
    r",\s+(?:a|an|the|one|another|its|his|her|their)\s+(?:[\w.’'-]+\s+){0,3}\Z", re.IGNORECASE
)


def _names_member(text: str, toks: list[Token], k: int, generic: frozenset[str], sentence_start: int) -> bool:
    """Whether the noun toks[k] has a person's name beside it: right after it ("analyst Jane
    Doe"), or set off as its apposition ("Jane Doe, an analyst at the bank", "a source, Jane
    Doe,"). A name that merely stands near it ("at Ground Zero, sources said") is not one."""
    after = toks[k + 1 : k + 4]
    if after and has_person_name(after, generic, sentence_start):
        gap = text[toks[k].end : after[0].start]
        if not gap.strip() or gap.strip() == ",":
            return True
    for n in (2, 3):
        lo = k - n
        while lo >= 0 and lo >= k - n - 4:
            run = toks[lo : lo + n]
            if len(run) == n and has_person_name(run, generic, sentence_start):
                if _rx_apposition_before().match(text, run[-1].end, toks[k].start):
                    return True
            lo -= 1
    return False
