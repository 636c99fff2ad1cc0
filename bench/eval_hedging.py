"""Sentence-level uncertainty detection measured on outside data, next to a plain word list.

Reads ../shared/eval/hedging in place (never copied into the repo; see that folder's README):

- szeged-wiki.xml: the Szeged Uncertainty Corpus, Wikipedia part, at its natural class ratio. A
  sentence is uncertain iff it holds at least one <ccue>. The two biological files are printed for
  reference only: srclint is written for news, not for papers.
- wiki-weasel-train.csv: CoNLL-2010-style Wikipedia weasel/hedge sentences (label 1 = uncertain).
- conll2010-wiki-balanced-sample.csv: CoNLL-2010 Task 1 Wikipedia labels (-1 = uncertain), sampled
  50/50, so precision (and F1) is inflated compared with the natural ratio: read recall there.

What counts as srclint saying "uncertain": any finding of the HDG family (speculation and
hedging: adverbs, modals, framing, inference, epistemic phrases, weasel quantifiers, stacking) or
of the two weasel attribution rules, ATT001 vague-collective-source and ATT004
agentless-attribution. Other ATT rules (anonymous officials, documents, anonymity) and TON
(tone) are not uncertainty and are not counted. Each sentence is linted as its own document.

Why these and no others: the mapping follows what a rule flags, not how it scores. HDG rules flag
the writer's own hedges and weasel quantifiers; ATT001 and ATT004 flag claims credited to an
unidentifiable group or to no one (MOS:WEASEL's "some people say", "it is believed"), which both
corpora annotate as uncertainty. ATT002/ATT003/ATT005/ATT006 flag sourcing practice (anonymous but
specific officials, documents, reasons for anonymity, anonymous opinion): a sentence that rests on
"a senior U.S. official" is not hedged, so counting them would mix two questions.

The two Wikipedia sets disagree about two large cue classes (measured on the weasel DEV half and on
the Szeged file): "may" marks 92% of the Szeged sentences holding it as uncertain but only 24% of
the weasel ones, while a bare "some"/"many" marks 65%/58% of weasel sentences and 24%/17% of Szeged
ones. A rule cannot follow both annotations, so srclint keeps "may" (epistemic modals are hedges)
and flags quantifiers only as the subject of a view (HDG006), which both sets count.

The script also prints how the two sets label the sentences they share (same text after
whitespace normalisation), and what a system that reproduced one set's labels exactly would
score against the other's on those sentences: a ceiling on meeting both targets at once.

The baseline is a plain word list measured in the same run: the union of the terms of the
counted lexicon and density rules plus the modals, matched case-insensitively as whole words with
no context, exceptions or scope.

The weasel set is the development set, so it is split in two halves by a hash of each sentence's
text (stable across runs and machines): rules are developed by reading errors on the DEV half only
(`--split dev --errors N` prints samples of them) and the TEST half is measured, not read. The
split applies to the weasel set only; the other sets are always used whole.

    PYTHONPATH=. python bench/eval_hedging.py [--eval-dir DIR] [--limit N] [--split dev|test|all]
        [--errors N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path

from srclint.documents import Document
from srclint.engine import Linter
from srclint.formats import from_text
from srclint.matching import TermScanner
from srclint.packs import RuleSet, load_rules
from srclint.select import Selection

COUNTED = ("HDG", "ATT001", "ATT004")
DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}

Sample = tuple[str, bool]


def szeged(path: Path) -> Iterator[Sample]:
    for _, elem in ET.iterparse(path, events=("end",)):
        if elem.tag.lower() == "sentence":
            text = " ".join("".join(elem.itertext()).split())
            if text:
                yield text, elem.find(".//ccue") is not None
            elem.clear()


def weasel_csv(path: Path) -> Iterator[Sample]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            words = [_PTB.get(w, w) for w in row["text"].split()]
            yield " ".join(words), row["label"].strip() == "1"


def half(text: str) -> str:
    """'dev' or 'test': a stable split of the weasel set by a hash of the sentence text."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).digest()
    return "dev" if digest[0] % 2 == 0 else "test"


def conll_csv(path: Path) -> Iterator[Sample]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        for label, text in csv.reader(fh):
            yield " ".join(text.split()), label.strip() == "-1"


def counted_rules(rules: RuleSet) -> RuleSet:
    return rules.only(r.code for r in rules if any(r.code.startswith(p) for p in COUNTED))


def srclint_predictions(rules: RuleSet, texts: list[str], batch: int = 2000) -> list[bool]:
    linter = Linter(rules, selection=Selection(select=COUNTED))
    flagged: set[int] = set()
    for lo in range(0, len(texts), batch):
        docs: list[Document] = [from_text(t, f"{i:07d}.txt", "text") for i, t in enumerate(texts[lo : lo + batch], lo)]
        report = linter.lint_documents(docs)
        flagged.update(int(f.path[:7]) for f in report.findings)
    return [i in flagged for i in range(len(texts))]


def baseline_scanner(rules: RuleSet) -> TermScanner:
    words: set[str] = {"may", "might", "could"}
    for rule in rules:
        words.update(getattr(rule, "terms", []) or [])
        words.update(getattr(rule, "exact_terms", []) or [])
    return TermScanner([(("BASE", "terms"), sorted(words), False)])


def baseline_predictions(scanner: TermScanner, texts: Iterable[str]) -> list[bool]:
    out = []
    for t in texts:
        low = " ".join(t.lower().replace("’", "'").split())
        out.append(bool(scanner.scan(low, low)))
    return out


def scores(pred: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(pred, gold))
    fp = sum(p and not g for p, g in zip(pred, gold))
    fn = sum(g and not p for p, g in zip(pred, gold))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL, help="folder holding hedging/ (default: ../shared/eval)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N sentences of each set (0 = all)")
    ap.add_argument(
        "--split", choices=("dev", "test", "all"), default="all", help="which half of the weasel set to use (default: all)"
    )
    ap.add_argument(
        "--errors", type=int, default=0, help="print N sampled false negatives and positives (weasel DEV half only)"
    )
    args = ap.parse_args(argv)
    folder = args.eval_dir / "hedging"
    if not folder.is_dir():
        print(f"evaluation data not found at {folder}; nothing to measure")
        return 0
    rules = counted_rules(load_rules())
    scanner = baseline_scanner(rules)
    weasel_name = "wiki-weasel-train" + ("" if args.split == "all" else f" [{args.split}]")
    sets = [
        ("szeged-wiki (natural ratio)", folder / "szeged-wiki.xml", szeged),
        (weasel_name, folder / "wiki-weasel-train.csv", weasel_csv),
        ("conll2010-wiki balanced (precision inflated)", folder / "conll2010-wiki-balanced-sample.csv", conll_csv),
        ("szeged-bio_hbc (reference)", folder / "szeged-bio_hbc.xml", szeged),
        ("szeged-bio_fly (reference)", folder / "szeged-bio_fly.xml", szeged),
    ]
    print(f"counted as 'uncertain': {', '.join(COUNTED)}  ({len(rules)} rules)")
    print(f"{'set':46} {'n':>6} {'unc%':>5}  {'srclint P/R/F1':>20}  {'word list P/R/F1':>20}")
    for name, path, reader in sets:
        if not path.exists():
            print(f"{name:46} missing ({path.name})")
            continue
        samples = list(reader(path))
        if reader is weasel_csv and args.split != "all":
            samples = [s for s in samples if half(s[0]) == args.split]
        if args.limit:
            samples = samples[: args.limit]
        texts = [t for t, _ in samples]
        gold = [g for _, g in samples]
        pred = srclint_predictions(rules, texts)
        ours = scores(pred, gold)
        base = scores(baseline_predictions(scanner, texts), gold)
        rate = 100 * sum(gold) / len(gold)
        print(f"{name:46} {len(gold):>6} {rate:>5.1f}  {_fmt(ours):>20}  {_fmt(base):>20}")
        sys.stdout.flush()
        if args.errors and reader is weasel_csv:
            if args.split != "dev":
                print("  (--errors prints the DEV half only: run with --split dev)")
            else:
                _print_errors(texts, pred, gold, args.errors)
    weasel_path, szeged_path = folder / "wiki-weasel-train.csv", folder / "szeged-wiki.xml"
    if weasel_path.exists() and szeged_path.exists():
        print("\n" + agreement(weasel_path, szeged_path))
    return 0


def agreement(weasel_path: Path, szeged_path: Path) -> str:
    """How the weasel and Szeged Wikipedia files label the sentences both contain, and the F1 a
    perfect copy of one set's labels scores against the other's."""
    szeged_gold = {" ".join(t.split()): g for t, g in szeged(szeged_path)}
    shared = [(g, szeged_gold[k]) for t, g in weasel_csv(weasel_path) if (k := " ".join(t.split())) in szeged_gold]
    if not shared:
        return "the weasel and Szeged files share no sentence"
    weasel_gold = [w for w, _ in shared]
    szeged_labels = [z for _, z in shared]
    differ = sum(w != z for w, z in shared)
    only_szeged = sum(z and not w for w, z in shared)
    only_weasel = sum(w and not z for w, z in shared)
    cross = scores(szeged_labels, weasel_gold)[2]  # the same either way round: P and R swap
    return (
        f"sentences in both Wikipedia files: {len(shared):,}; labels differ on {differ:,} ({100 * differ / len(shared):.0f}%): "
        f"{only_szeged:,} uncertain only for Szeged, {only_weasel:,} only for weasel.\n"
        f"  on these sentences, a perfect copy of either set's labels scores F1 {cross:.3f} against the other's"
    )


def _print_errors(texts: list[str], pred: list[bool], gold: list[bool], n: int) -> None:
    rng = random.Random(0)
    for title, want in (("false negatives", (False, True)), ("false positives", (True, False))):
        wrong = [t for t, p, g in zip(texts, pred, gold) if (p, g) == want]
        print(f"  -- {title}: {len(wrong)} (sample of {min(n, len(wrong))})")
        for t in rng.sample(wrong, min(n, len(wrong))):
            print(f"     {t[:220]}")


def _fmt(prf: tuple[float, float, float]) -> str:
    return "/".join(f"{x:.3f}" for x in prf)


if __name__ == "__main__":
    raise SystemExit(main())
