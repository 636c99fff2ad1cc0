"""The `consistency` kind: one event reported with two values, across documents or within one.

A rule declares event classes by trigger words, the alias, demonym and place tables that turn
different wordings into one signature, and the slot it compares (`date`, `count`, or `name`: which
aircraft or airport, from a table of values per role with their aliases). Its trigger
words, aliases, demonyms, places and markers go through the run's shared term scan, so claim
extraction (`srclint.claims`) runs only in sentences where a trigger fired. Matching and the
reasons a pair is *not* reported are in `srclint.claims`; this module is the YAML schema and
the wording of findings.
"""

from __future__ import annotations

try:  # only blake2b is used: CPython's hashlib.blake2b, without hashlib loading OpenSSL (a few ms of start-up)
    import _blake2 as hashlib
except ImportError:  # pragma: no cover - another implementation
    import hashlib  # type: ignore[no-redef]
from collections.abc import Hashable, Iterable, Mapping, Sequence
TYPE_CHECKING = False  # typing itself is not imported: a run that lints a file imports this module

from ..claims import Claim, EventHits, check_memo, collect_claims, index_keys, judge_block, may_hold_claims
from ..models import Finding, Related, Severity
from ..text.events import Lexicon, PlaceInfo, fold_name
from .base import ClaimId, KeyedCorpusRule, Link
from .schema import ConfigDict, Field, Model, PrivateAttr, model_validator

if TYPE_CHECKING:
    from typing import Any, ClassVar, Literal
    from ..documents import Document
    from ..engine import CheckContext
    from .base import Scope

__all__ = ["ConsistencyRule", "EventSpec", "PlaceSpec"]

MAX_RELATED = 8
_NOTES = {
    "conflict": "",
    "timezone": " (one day apart, and the reports come from different time zones: check before correcting)",
    "sources": " (sources disagree: the values come from different speakers' quotes)",
}


class _Plain(Model):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class EventSpec(_Plain):
    label: str = Field(min_length=1, description="how messages name the event ('landing')")
    triggers: list[str] = Field(min_length=1, description="words and phrases that report the event")
    counts: list[str] = Field(default_factory=list, description="roles (counted nouns, unit kinds) the count slot compares; none = not counted")
    names: list[str] = Field(default_factory=list, description="roles (aircraft, airport) the name slot compares; none = no names compared")


class PlaceSpec(_Plain):
    within: str | None = Field(default=None, description="the larger place it lies in (Caracas: Venezuela)")
    utc_offset: float | None = Field(default=None, ge=-12, le=14, description="hours from UTC (standard time)")


class ConsistencyRule(KeyedCorpusRule):
    """Reports claims about one event whose values do not overlap."""

    kind: Literal["consistency"]
    slot: Literal["date", "count", "name"]
    events: dict[str, EventSpec] = Field(min_length=1, description="event class -> label and trigger words")
    aliases: dict[str, list[str]] = Field(default_factory=dict, description="canonical name -> other ways to say it")
    roles: dict[str, list[str]] = Field(default_factory=dict, description="counted noun -> other words for it (troops: soldiers)")
    demonyms: dict[str, str] = Field(default_factory=dict, description="demonym -> country ('Russian': Russia)")
    places: dict[str, PlaceSpec] = Field(default_factory=dict, description="gazetteer: place -> containment, time zone")
    distinct_markers: list[str] = Field(default_factory=list, description="words marking another occurrence")
    update_markers: list[str] = Field(default_factory=list, description="words marking a revised figure")
    values: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict, description="name slot: role -> canonical name -> other ways to write it (aircraft: {Il-76: [Ilyushin Il-76]})"
    )
    max_gap_days: int = Field(
        default=7, ge=0, le=366,
        description="dates farther apart are different occurrences; for counts and names, how far apart their times may be (0 = overlapping days)",
    )

    placeholders: ClassVar[frozenset[str]] = frozenset({"match", "event", "slot", "role", "value", "other", "where", "note"})
    _lex: Lexicon = PrivateAttr()
    _labels: dict[str, str] = PrivateAttr()
    _compared: dict[str, frozenset[str]] = PrivateAttr()  # event -> roles this rule's slot compares
    _trigger_keys: tuple[tuple[str, tuple[str, str]], ...] = PrivateAttr()  # event -> its term-scan key
    _trigger_set: frozenset[tuple[str, str]] = PrivateAttr()  # the term-scan keys of `_trigger_keys`
    _trigger_names: dict[tuple[str, str], str] = PrivateAttr()  # term-scan key -> event class
    _event_keys: dict[str, tuple[str, str]] = PrivateAttr()  # event class -> its term-scan key
    _events_sig: tuple[tuple[str, tuple[str, ...]], ...] = PrivateAttr()  # event classes and triggers, one object per content

    @model_validator(mode="after")
    def _name_tables(self) -> ConsistencyRule:
        """A name rule without values would never report; an event naming a role with no table is a typo."""
        if self.slot == "name":
            if not self.values:
                raise ValueError("slot 'name' needs a `values` table (role -> canonical name -> variants)")
            for event, spec in self.events.items():
                unknown = [r for r in spec.names if r not in self.values]
                if unknown:
                    raise ValueError(f"event {event!r} compares names of {unknown}, which have no `values` table")
        return self

    def model_post_init(self, context: object, /) -> None:
        super().model_post_init(context)
        self._build()

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickled (the compiled-pack cache, worker processes): rebuild the tables with this
        code rather than trust derived state pickled by another version of it."""
        super().__setstate__(state)
        self._build()

    def _build(self) -> None:
        lex = Lexicon()
        for canonical, variants in self.aliases.items():
            for v in (canonical, *variants):
                lex.aliases[fold_name(v)] = canonical
        for role, variants in self.roles.items():
            for v in (role, *variants):
                lex.roles[fold_name(v)] = role
        for demonym, country in self.demonyms.items():
            lex.demonyms[fold_name(demonym)] = country
            lex.countries.add(fold_name(country))
        for name, spec in self.places.items():
            lex.places[fold_name(name)] = PlaceInfo(spec.within, spec.utc_offset)
        for role, table in self.values.items():
            for canonical, variants in table.items():
                for v in (canonical, *variants):
                    lex.values[fold_name(v)] = (role, canonical)
        self._lex = lex
        self._labels = {name: spec.label for name, spec in self.events.items()}
        self._trigger_keys = tuple((name, (self.code, f"event:{name}")) for name in self.events)
        self._trigger_set = frozenset(key for _, key in self._trigger_keys)
        self._trigger_names = {key: name for name, key in self._trigger_keys}
        self._event_keys = dict(self._trigger_keys)
        sig = tuple((name, tuple(spec.triggers)) for name, spec in self.events.items())
        self._events_sig = _EVENT_SIGS.setdefault(sig, sig)
        if self.slot == "name":
            self._compared = {name: frozenset(spec.names) for name, spec in self.events.items()}
        else:
            self._compared = {name: frozenset(lex.role(r) for r in spec.counts) for name, spec in self.events.items()}

    @property
    def lexicon(self) -> Lexicon:
        return self._lex

    def term_lists(self) -> list[tuple[str, list[str], bool]]:
        lists = [(f"event:{name}", spec.triggers, False) for name, spec in self.events.items()]
        names = [v for canonical, variants in self.aliases.items() for v in (canonical, *variants)]
        names += [*self.demonyms, *self.places]
        # Abbreviations are matched in their own spelling: "US" names a country, "us" does not.
        lists.append(("names", [n for n in names if not _is_abbreviation(n)], False))
        lists.append(("names", [n for n in names if _is_abbreviation(n)], True))
        if self.distinct_markers:
            lists.append(("distinct", self.distinct_markers, False))
        if self.update_markers:
            lists.append(("updates", self.update_markers, False))
        if self.slot == "name":
            lists.append(("values", [v for table in self.values.values() for c, vs in table.items() for v in (c, *vs)], False))
        return lists

    # -- pass 1 ------------------------------------------------------------------------------
    def collect(self, doc: Document, ctx: CheckContext) -> list[Claim]:
        # Asked once per rule and document, mostly of documents with no trigger: the private
        # tables are read from pydantic's store (its __getattr__ costs microseconds a call) and
        # the scan's hits by their prebuilt keys.
        global _last_fired
        private = self.__pydantic_private__
        assert private is not None
        term_hits = ctx.term_hits
        events = private["_events_sig"]
        last = _last_fired
        if last[0] is term_hits and last[1] is events:
            fired, known = last[2], last[3]  # told by the rule before, with the same event tables
        else:
            fired = _fired(term_hits, private["_trigger_set"], private["_trigger_keys"], private["_trigger_names"])
            known = None
            _last_fired = (term_hits, events, fired, None)
        if not fired:
            return []
        scope = self.parsed_scope
        where = (id(doc), scope.raw, scope.include, scope.exclude)
        if known is not None and known[0] == where:
            triggers = known[1]  # and the same scope: the same hits in it
        else:
            keys = private["_event_keys"]
            triggers = _triggers_in_scope(doc, scope, [(name, term_hits[keys[name]]) for name in fired])
            _last_fired = (term_hits, events, fired, (where, triggers))
        if triggers is None:
            return []
        hits = EventHits(
            triggers=triggers,
            names=_longest(ctx.hits(self.code, "names")),
            distinct=ctx.hits(self.code, "distinct"),
            updates=ctx.hits(self.code, "updates"),
            values=_longest(ctx.hits(self.code, "values")) if self.slot == "name" else [],
        )
        return collect_claims(doc, self.slot, private["_lex"], private["_labels"], private["_compared"], hits)

    # -- pass 2 ------------------------------------------------------------------------------
    def group_keys(self, claim: Claim) -> Iterable[Hashable]:
        return index_keys(claim, self.max_gap_days)

    def links(self, group: Sequence[tuple[ClaimId, Claim]]) -> Iterable[Link]:
        return judge_block(group, self._lex, self.max_gap_days)

    def report(self, claim: Claim, partners: Sequence[tuple[Claim, str]]) -> Iterable[Finding]:
        """One finding per verdict (plain conflicts first), naming the partners in path order."""
        rank = {"conflict": 0, "timezone": 1, "sources": 2}
        by_verdict: dict[str, list[Claim]] = {}
        for other, verdict in partners:
            by_verdict.setdefault(verdict, []).append(other)
        for verdict, others in sorted(by_verdict.items(), key=lambda kv: rank[kv[0]]):
            yield self._finding(claim, verdict, sorted(others, key=lambda c: (c.path, c.start)))

    def _finding(self, c: Claim, verdict: str, others: list[Claim]) -> Finding:
        first = others[0]
        where = f"{first.path}:{first.line}:{first.column}"
        if len(others) > 1:
            where += f" (and {len(others) - 1} more)"
        slot = self.slot
        message = self.message.format_map(
            {"match": c.text, "event": c.label, "slot": slot, "role": c.role or slot, "value": c.shown,
             "other": first.shown, "where": where, "note": _NOTES[verdict]}
        )
        what = c.role if self.slot == "name" else slot
        related = tuple(
            Related(o.path, o.start, o.end, f"{o.label} {what} given as {o.shown} here", o.line, o.column,
                    o.end_line, o.end_column)
            for o in others[:MAX_RELATED]
        )
        h = hashlib.blake2b(digest_size=8)
        for part in (self.code, c.path, c.event, c.role, " ".join(c.text.lower().split()), verdict):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return Finding(
            code=self.code, name=self.name, severity=self.level if verdict == "conflict" else Severity.INFO,
            message=message, path=c.path, start=c.start, end=c.end, match=c.text, related=related,
            line=c.line, column=c.column, end_line=c.end_line, end_column=c.end_column, fingerprint=h.hexdigest(),
        )


# The date, count and name rules of a pack share their event tables, and each is asked in turn
# which event classes fired in a document (most documents: none). The answer depends only on
# the document's scan hits and the event classes with their trigger words: kept for the last
# (hits, tables) asked, so the rules after the first read it back. The tables are compared by
# identity, each content being one object (`_EVENT_SIGS`); the hits too, held here until the
# next document's replace them (a new dict each document, never changed once made). Rules with
# the same tables get the same hits from one scan, the scan of their rule set. Kept with it:
# the trigger hits in scope (`_triggers_in_scope`) for one document and scope, most often the
# answer that no trigger sentence can give a claim.
_EVENT_SIGS: dict[tuple[tuple[str, tuple[str, ...]], ...], tuple[tuple[str, tuple[str, ...]], ...]] = {}
_last_fired: tuple[object, object, tuple[str, ...], tuple[Hashable, dict[str, list[tuple[int, int]]] | None] | None]
_last_fired = (None, None, (), None)


def _fired(
    term_hits: Mapping[tuple[str, str], list[tuple[int, int]]],
    trigger_set: frozenset[tuple[str, str]],
    trigger_keys: tuple[tuple[str, tuple[str, str]], ...],
    trigger_names: dict[tuple[str, str], str],
) -> tuple[str, ...]:
    """The event classes with trigger hits in `term_hits`, in the rule's order."""
    present = term_hits.keys() & trigger_set
    if not present:
        return ()  # no trigger at all, told in one C-level pass over the smaller of the two
    if len(present) == 1:  # one event class fired, as in most documents with a trigger
        (key,) = present
        return (trigger_names[key],) if term_hits[key] else ()
    return tuple(name for name, key in trigger_keys if key in present and term_hits[key])


def _triggers_in_scope(
    doc: Document, scope: Scope, hit: list[tuple[str, list[tuple[int, int]]]]
) -> dict[str, list[tuple[int, int]]] | None:
    """The trigger hits (event class -> spans, each list in the scan's order) inside `scope`, or
    None when `may_hold_claims` tells that no trigger sentence can give a claim.

    Worked out once per document for every rule with the same trigger hits and scope: the
    date, count and name rules of a pack share their event tables, so all three would otherwise
    look up each trigger's sentence and scope in turn. The answer depends on nothing else
    besides the document; the hits are compared as lists (in C, and the scan gives rules with
    the same terms one shared list, or lists of the same span tuples, which compare by identity
    first)."""
    where = (scope.raw, scope.include, scope.exclude)
    known: list[tuple[Hashable, list[tuple[str, list[tuple[int, int]]]], dict[str, list[tuple[int, int]]] | None]]
    known = check_memo(doc).setdefault("consistency.triggers", [])
    for known_where, known_hit, answer in known:
        if known_hit == hit and known_where == where:
            return answer
    triggers: dict[str, list[tuple[int, int]]] | None = None
    if may_hold_claims(doc, (s for _, spans in hit for s, _ in spans)):
        triggers = {name: [s for s in spans if scope.contains(doc, s[0])] for name, spans in hit}
    known.append((where, hit, triggers))
    return triggers


def _longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop hits inside a longer hit ("plane" inside "cargo plane"), keep the order by start."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0], -x[1])):
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def _is_abbreviation(name: str) -> bool:
    """"US", "U.S.", "UK": upper-case letters (and dots) only."""
    return any(c.isalpha() for c in name) and all(c.isupper() or c == "." for c in name)
