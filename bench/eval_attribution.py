"""How well the ATT rules separate vague/anonymous sources from named ones, on PolNeAR (dev).

Reads ../shared/eval/attribution/polnear-dev in place (never copied into the repo). PolNeAR marks
each attribution in political news with brat spans: Source, Cue, Content. It does not say whether
a source is named, so this script decides that from the annotated Source text, with a simple rule
written before looking at srclint's output and listed here so it can be checked:

1. pronoun: the whole span is a pronoun or relative ("he", "she", "they", "who", "it") — left
   out of both figures (its antecedent decides, and that is usually a named person); reported.
2. vague: the head of the span (the last word before of/at/in/from/with/who/familiar/close/for/on)
   is a generic source noun (VAGUE_HEADS: officials, sources, analysts, experts, critics,
   observers, people, aides, insiders, diplomats, reports, ...) and the span has no capitalised
   word other than the first word of a sentence and demonyms/party names ("U.S.", "Republican").
   A capitalised word counts as a name unless it is a demonym, party name, article or month, or
   it opens a sentence and the article also writes it in lower case ("Protesters", "Federal").
3. institutional: the head is a generic source noun but the span holds a name ("a Homeland
   Security Department official", "McConnell aides"): anonymous people described by institution
   (domain.md §3.3). Reported, not scored: the ladder flags them at a lower severity.
4. named: the head is not a generic source noun and the span holds a name ("Trump", "Mr. Clarke",
   "The Charlotte Observer").
5. other: everything else ("the campaign", "a new poll", "the study") — reported, not scored.

srclint "flags" an attribution when a finding of an attribution rule that judges sources
(ATT001, ATT002, ATT003, ATT004, ATT006) overlaps its Source or Cue span. Whole articles are
linted, so the rules see the sentences around each cue. One annotator's file is used per
article (the first in name order), so articles annotated six times do not count six times.

Baseline, measured in the same run: a plain word list (the source nouns of ATT001 and ATT002)
flags every attribution whose cue sentence contains one of its words anywhere.

    PYTHONPATH=. python bench/eval_attribution.py [--eval-dir DIR] [--show N]
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from srclint.engine import Linter
from srclint.formats import from_text
from srclint.matching import TermScanner
from srclint.packs import load_rules
from srclint.select import Selection

DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
JUDGING = ("ATT001", "ATT002", "ATT003", "ATT004", "ATT006")
PRONOUNS = frozenset("he she they i we you it who which that him her them us me his their its one".split())
VAGUE_HEADS = frozenset(
    """officials official sources source analysts analyst experts expert critics critic observers
    people person aides aide insiders insider diplomats diplomat staffers staffer someone somebody
    some many others reports report documents insiders advisers adviser advisors advisor
    strategists commentators pundits""".split()
)
GENERIC = frozenset(
    """u.s. us american americans russian chinese mexican european western republican republicans
    democratic democrat democrats gop the a an some many most several other others both all
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_WORD = re.compile(r"[^\W_][\w.'’-]*")
_POST = frozenset("of at in from with who familiar close for on".split())


@dataclass(frozen=True)
class Attribution:
    article: str
    source: tuple[int, int] | None
    cue: tuple[int, int]
    source_text: str


def read_ann(path: Path) -> list[Attribution]:
    spans: dict[str, tuple[str, int, int, str]] = {}
    events: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, info, text = (line.split("\t") + [""])[:3]
            label, _, offsets = info.partition(" ")
            nums = [int(n) for part in offsets.split(";") for n in part.split()]
            spans[tid] = (label, min(nums), max(nums), text)
        elif line.startswith("E"):
            events.append(line.split("\t")[1])
    out = []
    for event in events:
        roles = dict(part.split(":", 1) for part in event.split())
        cue = spans.get(roles.get("Cue", ""))
        if cue is None:
            continue
        src = spans.get(roles.get("Source", ""))
        out.append(
            Attribution(
                path.stem.rsplit("_", 1)[0],
                (src[1], src[2]) if src else None,
                (cue[1], cue[2]),
                src[3] if src else "",
            )
        )
    return out


def classify(source_text: str, text: str, start: int) -> str:
    words = _WORD.findall(source_text)
    if not words:
        return "none"
    if " ".join(w.lower() for w in words) in PRONOUNS:
        return "pronoun"
    head = words[-1]
    for i, w in enumerate(words):
        if i and w.lower() in _POST:
            head = words[i - 1]
            break
    before = text[:start].rstrip(" \"“'‘(")
    sentence_initial = not before or before[-1] in ".!?:\n"
    names = []
    for i, w in enumerate(words):
        if not w[:1].isupper() or w.lower() in GENERIC:
            continue
        if i == 0 and sentence_initial and re.search(rf"(?<![\w.]){re.escape(w.lower())}(?!\w)", text):
            continue  # a capitalised first word that the article also writes in lower case
        names.append(w)
    if head.lower() in VAGUE_HEADS:
        return "institutional" if names else "vague"
    return "named" if names else "other"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL, help="folder holding attribution/ (default: ../shared/eval)")
    ap.add_argument("--show", type=int, default=0, help="print up to N examples of each error type")
    args = ap.parse_args(argv)
    folder = args.eval_dir / "attribution" / "polnear-dev"
    if not folder.is_dir():
        print(f"evaluation data not found at {folder}; nothing to measure")
        return 0
    rules = load_rules()
    linter = Linter(rules, selection=Selection(select=JUDGING))
    words = sorted({w for code in ("ATT001", "ATT002") for w in getattr(rules.get(code), "sources", [])})
    scanner = TermScanner([(("BASE", "words"), words, False)])

    chosen: dict[str, Path] = {}
    for ann in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    tally: Counter[tuple[str, str]] = Counter()
    examples: dict[str, list[str]] = {"missed vague": [], "flagged named": []}
    for article, ann in sorted(chosen.items()):
        text = (folder / "text" / f"{article}.txt").read_text(encoding="utf-8")
        doc = from_text(text, f"{article}.txt", "text")
        findings = [(f.start, f.end) for f in linter.lint_documents([doc]).findings]
        base_hits = scanner.scan(doc.lowered, doc.prose).get(("BASE", "words"), [])
        for att in read_ann(ann):
            kind = "no-source" if att.source is None else classify(att.source_text, text, att.source[0])
            spans = [att.cue] + ([att.source] if att.source else [])
            ours = any(s < e2 and s2 < e for s, e in findings for s2, e2 in spans)
            sent = doc.sentence_at(att.cue[0])
            base = any(sent[0] <= s < sent[1] for s, _ in base_hits)
            tally[(kind, "n")] += 1
            tally[(kind, "ours")] += ours
            tally[(kind, "base")] += base
            shown = f"{att.source_text!r} / {text[att.cue[0]:att.cue[1]]!r} in {article}"
            if kind == "vague" and not ours:
                examples["missed vague"].append(shown)
            if kind == "named" and ours:
                examples["flagged named"].append(shown)

    print(f"PolNeAR dev: {len(chosen)} articles (one annotator each); rules counted: {', '.join(JUDGING)}")
    print(f"{'source class':14} {'n':>5}  {'srclint flagged':>16}  {'word list flagged':>18}")
    for kind in ("vague", "institutional", "named", "pronoun", "other", "no-source"):
        n = tally[(kind, "n")]
        if not n:
            continue
        ours, base = tally[(kind, "ours")], tally[(kind, "base")]
        print(f"{kind:14} {n:>5}  {ours:>5} ({100 * ours / n:5.1f}%)  {base:>6} ({100 * base / n:5.1f}%)")
    print("want: vague flagged high; named flagged < 5%")
    for label, items in examples.items():
        for item in items[: args.show]:
            print(f"  {label}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
