"""Fields every rule shares, and the two shapes a rule can take.

A rule *kind* is one module in this package: a model (the YAML schema for that kind, declared as
for pydantic, which validates it, `extra="forbid"` so a typo is an error; see `schema`) with the
logic that checks a document. Document rules implement `check(doc, ctx)`; corpus rules implement
`collect(doc, ctx)` per document and then `compare(claims)` once per run, which is where
cross-document conflicts are found.

A corpus rule whose comparison decomposes by key derives from `KeyedCorpusRule` instead and
implements three pieces (`group_keys`, `links`, `report`); its `compare` is built from them here,
and `srclint.distributed` runs the same pieces as a keyed shuffle on a Dask cluster, so a local and
a distributed run share one code path. A plain `CorpusRule` is compared as one group (all claims).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from .. import LazyModule
from ..models import Fix, Related, Severity, make_finding
from .schema import ConfigDict, Field, Model, PrivateAttr, field_validator, model_validator

if TYPE_CHECKING:
    from typing import Any, ClassVar, Literal
    import string

    from ..documents import Document
    from ..engine import CheckContext
    from ..models import Finding

if not TYPE_CHECKING:  # imported when a message is first parsed: rules from the pack cache come parsed
    string = LazyModule("string", globals())

__all__ = [
    "ClaimId", "CorpusExample", "CorpusRule", "DocumentRule", "Examples", "KeyedCorpusRule", "Link", "RuleBase", "Scope",
    "TextExample", "claim_ids", "link_table",
]

SCOPES = frozenset(
    {"text", "body", "heading", "lead", "quote", "blockquote", "dateline", "raw", "code", "frontmatter", "url"}
)
_CODE = r"^[A-Z]{3}\d{3}$"
_NAME = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class TextExample(_Strict):
    """One document: `text` must (fail) or must not (pass) produce a finding of the rule."""

    text: str
    count: int | None = Field(default=None, ge=0, description="exact number of findings expected")
    format: Literal["text", "markdown"] = "text"
    path: str | None = None


class CorpusExample(_Strict):
    """Several documents linted together, for cross-document rules."""

    docs: dict[str, str] = Field(min_length=1)
    count: int | None = Field(default=None, ge=0)


Example = str | TextExample | CorpusExample


class Examples(_Strict):
    fail: list[Example] = Field(min_length=1, description="texts the rule must flag")
    pass_: list[Example] = Field(alias="pass", min_length=1, description="texts (hard negatives) it must not flag")


class Scope:
    """A parsed scope list: `[body, "!quote"]` = in the body and not inside a quotation."""

    __slots__ = ("include", "exclude", "raw", "_key")

    def __init__(self, names: Sequence[str]) -> None:
        include = [n for n in names if not n.startswith("!")]
        self.exclude = tuple(n[1:] for n in names if n.startswith("!"))
        self.raw = "raw" in include
        self.include = tuple(n for n in include if n != "raw") or (() if self.raw else ("text",))
        # The memo key is a string: it hashes once (a tuple is hashed again on every look-up).
        self._key = f"scope:{(self.raw, self.include, self.exclude)!r}"

    def contains(self, doc: Document, offset: int) -> bool:
        spans = doc.memo.get(self._key)  # (`memo_spans`, its look-up inline: a call per hit)
        if spans is None:
            spans = self.memo_spans(doc)
        if len(spans) == 1:  # most documents (nothing cut out): two comparisons, not a bisection
            start, end = spans[0]
            return start <= offset < end
        i = bisect_right(spans, (offset, _FAR)) - 1
        return i >= 0 and offset < spans[i][1]

    def memo_spans(self, doc: Document) -> list[tuple[int, int]]:
        """`spans` of the document, worked out once per document and kept in its memo."""
        spans = doc.memo.get(self._key)
        if spans is None:
            spans = doc.memo[self._key] = self.spans(doc)
        return spans

    def spans(self, doc: Document) -> list[tuple[int, int]]:
        """The scope in one document as sorted, disjoint [start, end) spans (worked out once per
        document and scope, so each hit costs one bisection)."""
        everything = [(0, len(doc.text) + 1)]  # + 1: an empty match at the very end is inside
        if self.raw:
            allowed = everything
        elif len(self.include) == 1 and self.include[0] in ("text", "body"):
            # Already sorted, disjoint and apart (`_subtract` leaves a hole between any two
            # spans): their union is themselves.
            allowed = _scope_spans(doc, self.include[0], everything)
        else:
            allowed = _union(span for name in self.include for span in _scope_spans(doc, name, everything))
        exclude = self.exclude
        if exclude:
            if len(exclude) == 1:  # `[body, "!quote"]`, most rules: no list to build
                holes = _scope_spans(doc, exclude[0], everything)
                if holes:
                    holes = _union(holes)
            else:
                holes = _union([span for name in exclude for span in _scope_spans(doc, name, everything)])
            if holes:  # most documents have no code, URLs or quotations to cut out
                allowed = _cut(allowed, holes)
        return allowed


_FAR = 1 << 62


def _scope_spans(doc: Document, name: str, everything: list[tuple[int, int]]) -> list[tuple[int, int]]:
    # Most articles have nothing masked and no headings: then text and body are everything.
    if name == "text":
        masked = doc.masked_spans
        return _subtract(everything, masked) if masked else everything
    if name == "body":
        masked = doc.masked_spans
        headings = doc.spans_of("heading")
        if not masked and not headings:
            return everything
        return _subtract(_subtract(everything, masked), _union(headings))
    return doc.spans_of(name)


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _subtract(spans: list[tuple[int, int]], holes: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (sorted, disjoint) without `holes`."""
    return _cut(spans, _union(holes))


def _cut(spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` (sorted, disjoint) without `holes` (sorted, disjoint, apart and not empty: a `_union`)."""
    out: list[tuple[int, int]] = []
    if len(spans) == 1:  # the whole text, mostly (a body without quotations): the gaps between holes
        cur, end = spans[0]
        for a, b in holes:
            if b <= cur:
                continue
            if a >= end:
                break
            if a > cur:
                out.append((cur, a))
            cur = b
        if cur < end:
            out.append((cur, end))
        return out
    j = 0
    for start, end in spans:
        while j < len(holes) and holes[j][1] <= start:
            j += 1
        k, cur = j, start
        while k < len(holes) and holes[k][0] < end:
            if holes[k][0] > cur:
                out.append((cur, holes[k][0]))
            cur = max(cur, holes[k][1])
            k += 1
        if cur < end:
            out.append((cur, end))
    return out


class RuleBase(_Strict):
    """Shared fields. Subclasses add `kind: Literal[...]` and their own settings."""

    code: str = Field(pattern=_CODE, description="family (three capitals) + three digits, e.g. ATT001")
    name: str = Field(pattern=_NAME, description="kebab-case name of what is flagged")
    kind: str
    severity: Literal["error", "warning", "info"] = "warning"
    scope: list[str] = Field(default_factory=lambda: ["text"], description="where the rule looks; '!' negates")
    summary: str = Field(min_length=1, description="what the rule flags, one sentence")
    rationale: str = Field(min_length=1, description="why it matters to a reader or editor")
    message: str = Field(min_length=1, description="shown per finding; placeholders such as {match}")
    examples: Examples
    references: list[str] = Field(default_factory=list)
    enabled: bool = Field(default=True, description="off-by-default rules run only when selected explicitly")

    placeholders: ClassVar[frozenset[str]] = frozenset({"match"})
    _scope: Scope = PrivateAttr()
    _level: Severity = PrivateAttr()
    _affixes: tuple[str, str] | None = PrivateAttr(default=None)  # see `_match_affixes`

    @field_validator("scope")
    @classmethod
    def _known_scopes(cls, value: list[str]) -> list[str]:
        for name in value:
            if name.lstrip("!") not in SCOPES:
                raise ValueError(f"unknown scope {name!r} (known: {', '.join(sorted(SCOPES))})")
        return value

    @model_validator(mode="after")
    def _known_placeholders(self) -> RuleBase:
        for _, field_name, spec, conv in string.Formatter().parse(self.message):
            if field_name is None:
                continue
            if field_name not in self.placeholders or spec or conv:
                raise ValueError(
                    f"message placeholder {{{field_name}}} is not available for kind {self.kind!r} "
                    f"(available: {', '.join('{' + p + '}' for p in sorted(self.placeholders))})"
                )
        return self

    # -- runtime helpers -------------------------------------------------------------------
    @property
    def level(self) -> Severity:
        return Severity.parse(self.severity)

    def model_post_init(self, context: Any, /) -> None:
        self._scope = Scope(self.scope)
        self._level = Severity.parse(self.severity)
        self._affixes = _match_affixes(self.message)

    @property
    def parsed_scope(self) -> Scope:
        # Read the private-attribute store directly: pydantic's __getattr__ costs microseconds
        # per call, and this is asked once per rule per document.
        return self.__pydantic_private__["_scope"]  # type: ignore[index]

    def term_lists(self) -> list[tuple[str, list[str], bool]]:
        """(list name, terms, case_sensitive) to add to the run's shared term scan."""
        return []

    def only_with_terms(self) -> str | None:
        """The name of one of `term_lists` without whose hits in a document the rule finds
        nothing there, whatever else the document holds: the engine then does not run it on such
        a document (most rules of word lists find none of their words in most documents). None,
        the default: the rule runs on every document."""
        return None

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        *,
        severity: Severity | None = None,
        fix: Fix | None = None,
        related: Iterable[Related] = (),
        **args: Any,
    ) -> Finding:
        match = doc.text[start:end]
        folded = " ".join(match.split()) or match
        private = self.__pydantic_private__
        affixes = private["_affixes"]  # type: ignore[index]
        if affixes is not None and "match" not in args:  # the message's one placeholder is {match}
            message = affixes[0] + folded + affixes[1]
        else:
            message = self.message.format_map({"match": folded, **args})
        # Built from its field values in order, without the frozen dataclass's keyword __init__ (a
        # few microseconds a finding, and lexicon rules make thousands), and with the severity
        # parsed once per rule: the same Finding as `Finding(code=..., ...)` with the defaults.
        return make_finding(
            self.code, self.name, severity or private["_level"],  # type: ignore[index]
            message, doc.path, start, end, match, tuple(related), fix, 0, 0, 0, 0, "", None,
        )


def _match_affixes(message: str) -> tuple[str, str] | None:
    """(text before, text after) when `message` has one placeholder, a plain {match}: then the
    message of a finding is those around the matched text, what `format_map` gives, without
    parsing the message again for each finding. None for any other message."""
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError:
        return None
    fields = [(i, name, spec, conv) for i, (_, name, spec, conv) in enumerate(parsed) if name is not None]
    if len(fields) != 1:
        return None
    i, name, spec, conv = fields[0]
    if name != "match" or spec or conv:
        return None
    before = "".join(literal for literal, *_ in parsed[: i + 1])
    after = "".join(literal for literal, *_ in parsed[i + 1 :])
    return before, after


class DocumentRule(RuleBase):
    def check(self, doc: Document, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError


class CorpusRule(RuleBase):
    """Rules that compare documents. Claims must be picklable (they cross process boundaries)."""

    def collect(self, doc: Document, ctx: CheckContext) -> list[Any]:
        raise NotImplementedError

    def compare(self, claims: Sequence[Any]) -> Iterable[Finding]:
        raise NotImplementedError


ClaimId = tuple[str, int]
"""A claim's identity in a run: (document path, position among the claims the rule collected from
that document). It does not depend on how documents are ordered or partitioned, unlike an index
into one big list, so a cluster and a local run name every claim the same way."""

Link = tuple[ClaimId, ClaimId, str]
"""(claim, partner, note): `partner` bears on how `claim` is reported ("conflict", a word, ...).
A symmetric relation is two links, one each way."""


def claim_ids(path: str, claims: Sequence[Any]) -> list[tuple[ClaimId, Any]]:
    """One document's claims with their identities."""
    return [((path, i), c) for i, c in enumerate(claims)]


class KeyedCorpusRule(CorpusRule):
    """A corpus rule whose comparison decomposes into groups of claims sharing a key.

    `group_keys(claim)` names the blocks a claim joins (any two claims that can be linked share
    one); `links(group)` judges the claims of one block; `report(claim, partners)` turns one claim
    and its linked partners into findings. The same link may be found in several groups: it counts
    once. Every claim is reported, linked or not (a rule may report lone claims too).
    """

    def group_keys(self, claim: Any) -> Iterable[Hashable]:
        raise NotImplementedError

    def links(self, group: Sequence[tuple[ClaimId, Any]]) -> Iterable[Link]:
        raise NotImplementedError

    def report(self, claim: Any, partners: Sequence[tuple[Any, str]]) -> Iterable[Finding]:
        raise NotImplementedError

    def compare(self, claims: Sequence[Any]) -> Iterable[Finding]:
        """The local corpus pass: the claims of a run in path order, each document's contiguous
        (claims of keyed rules carry their document's `path`)."""
        keyed: list[tuple[ClaimId, Any]] = []
        seen: dict[str, int] = {}
        for c in claims:
            path = c.path
            n = seen.get(path, 0)
            seen[path] = n + 1
            keyed.append(((path, n), c))
        groups: dict[Hashable, list[tuple[ClaimId, Any]]] = defaultdict(list)
        for item in keyed:
            for key in self.group_keys(item[1]):
                groups[key].append(item)
        found = {link for group in groups.values() for link in self.links(group)}
        yield from self.report_all(keyed, link_table(found), dict(keyed))

    def report_all(
        self, claims: Iterable[tuple[ClaimId, Any]], table: Mapping[ClaimId, Mapping[ClaimId, str]], partners: Mapping[ClaimId, Any]
    ) -> Iterator[Finding]:
        """Findings of `claims` in identity order, given the link table and the partner claims it
        names: the report step of the local pass and of each partition on a cluster."""
        for cid, claim in sorted(claims, key=lambda item: item[0]):
            linked = table.get(cid, {})
            yield from self.report(claim, [(partners[p], linked[p]) for p in sorted(linked)])


def link_table(links: Iterable[Link]) -> dict[ClaimId, dict[ClaimId, str]]:
    """Links deduplicated into claim -> {partner: note}. Sorted first, so that should two groups
    ever disagree about a pair, the same note wins in every run."""
    table: dict[ClaimId, dict[ClaimId, str]] = defaultdict(dict)
    for a, b, note in sorted(links):
        table[a][b] = note
    return dict(table)
