"""Scale benchmark for the cross-document rules: generated corpora, planted conflicts.

Each generated event (a class, a place, an actor, a vehicle, a date, a count) is reported by a
few articles written from templates that vary wording and aliases ("cargo plane", "Il-76",
"Ilyushin Il-76", "transport plane" for one event's Il-76; "Maiquetía" for Caracas; "Russian" for
Russia). Most events are reported
consistently; in a planted few, one article gives a date three days off or a different death
toll. Many events share a place or an actor with other events, and many recur at the same place
months later, so matching cannot rely on rare words. Prints time, peak memory (tracemalloc, of
pass 1 + pass 2), planted conflicts found and conflicts invented, per size.

With --dask, the same corpus is also linted on a Dask cluster (`srclint.distributed`; a LocalCluster
unless an address is given): printed are the local time without tracemalloc (which slows the
traced run several-fold), the Dask time (the cluster already started) and whether the findings
are identical to the local run's.

Run:  PYTHONPATH=. python bench/crossdoc_scale.py [--sizes 1000,10000,100000] [--dask [ADDRESS]]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srclint.engine import Linter  # noqa: E402
from srclint.formats import from_text  # noqa: E402
from srclint.packs import load_rules  # noqa: E402

PLACES = ["Caracas", "Havana", "Moscow", "Tehran", "Damascus", "Beijing", "Kabul", "Baghdad", "Kyiv", "Algiers"]
PLACE_ALIAS = {"Caracas": ["Caracas", "Maiquetía", "Simón Bolívar International Airport"]}
ACTORS = ["Russian", "Chinese", "Iranian", "Turkish", "Cuban", "Syrian", "Armenian", "Indian", "Brazilian", "Mexican"]
PLANES = ["cargo plane", "transport plane", "jet"]  # generic: fit any type
TYPES = [["Il-76", "Ilyushin Il-76"], ["An-124", "Antonov An-124"]]  # one type per event (CON003 compares them)
ARRIVAL = ["landed in {p}", "touched down in {p}", "arrived in {p}", "landed at {p}"]
PER_EVENT = 4  # articles per event


def _date(d: dt.date) -> str:
    short = f"{d:%B}" if 3 <= d.month <= 7 else f"{d:%b}." if d.month != 9 else "Sept."  # AP style
    return random.choice([f"{d:%B} {d.day}, {d.year}", f"{d.day} {d:%B} {d.year}", f"{short} {d.day}, {d.year}"])


def generate(n_docs: int, seed: int = 7) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Articles, and the planted conflicting (article, article) pairs (both directions)."""
    random.seed(seed)
    docs: dict[str, str] = {}
    planted: set[tuple[str, str]] = set()
    start = dt.date(2000, 1, 1)
    n_events = n_docs // PER_EVENT
    for e in range(n_events):
        place = PLACES[e % len(PLACES)]
        actor = ACTORS[(e // len(PLACES)) % len(ACTORS)]
        # the same place and actor recur every 100 events, 300 days apart; years stay in 2000-2079
        # (the date grammar reads 1800-2099) and no two same-place, same-actor events come within weeks
        day = start + dt.timedelta(days=(e * 3) % 29_000)
        kind = "arrival" if e % 2 == 0 else "blast"
        dead = 5 + e % 40
        bad = e % 25 == 0  # one event in 25 gets a planted conflict
        names = [f"e{e:06d}_{k}.txt" for k in range(PER_EVENT)]
        for k, name in enumerate(names):
            d, toll = day, dead
            if bad and k == PER_EVENT - 1:
                d, toll = (day + dt.timedelta(days=3), dead) if kind == "arrival" else (day, dead + 10)
            filler = f"Officials in {random.choice(PLACES)} declined to comment on report {e}-{k}."
            if kind == "arrival":
                where = random.choice(PLACE_ALIAS.get(place, [place]))
                verb = random.choice(ARRIVAL).format(p=where)
                text = f"A {actor} {random.choice(PLANES + TYPES[(e // 2) % 2])} {verb} on {_date(d)}. {filler}"
            else:
                text = (f"{toll} people were killed when a {actor} convoy was hit by a blast in {place} on {_date(d)}. "
                        f"{filler}")
            docs[name] = text + "\n"
        if bad:
            for a in names[:-1]:
                planted.add((a, names[-1]))
                planted.add((names[-1], a))
    return docs, planted


def run(n_docs: int, client: object = None) -> dict[str, float]:
    docs, planted = generate(n_docs)
    rules = load_rules()
    linter = Linter(rules.only([r.code for r in rules.corpus_rules if r.kind == "consistency"]))
    documents = [from_text(t, p) for p, t in docs.items()]
    tracemalloc.start()
    t0 = time.perf_counter()
    report = linter.lint_documents(documents)
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    found = {(f.path, r.path) for f in report.findings for r in f.related}
    out = {"docs": len(docs), "seconds": elapsed, "peak_mb": peak / 2**20, "planted": len(planted),
           "found": len(found & planted), "invented": len(found - planted)}
    if client is not None:
        from srclint.distributed import lint_dask_texts

        t0 = time.perf_counter()
        linter.lint_documents(documents)
        out["untraced_seconds"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        remote = lint_dask_texts(docs, client=client, linter=linter)  # type: ignore[arg-type]
        out["dask_seconds"] = time.perf_counter() - t0
        out["identical"] = float(remote.findings == report.findings and remote.errors == report.errors)
    return out


def _table(sizes: str, client: object) -> None:
    dask = f" {'local s':>7} {'dask s':>7} {'identical':>9}" if client is not None else ""
    print(f"{'articles':>9} {'seconds':>8} {'ms/doc':>7} {'peak MB':>8} {'planted':>8} {'found':>6} {'invented':>8}{dask}")
    for size in (int(s) for s in sizes.split(",")):
        r = run(size, client)
        extra = (f" {r['untraced_seconds']:>7.1f} {r['dask_seconds']:>7.1f} {'yes' if r['identical'] else 'NO':>9}"
                 if client is not None else "")
        print(f"{r['docs']:>9,} {r['seconds']:>8.1f} {1000 * r['seconds'] / r['docs']:>7.2f} {r['peak_mb']:>8.1f} "
              f"{r['planted']:>8} {r['found']:>6} {r['invented']:>8}{extra}", flush=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (100000 takes minutes)")
    p.add_argument("--dask", nargs="?", const="local", metavar="ADDRESS",
                   help="also run on a Dask cluster (default: a LocalCluster) and compare the findings")
    args = p.parse_args(argv)
    if args.dask:
        from srclint.distributed import connect

        with connect(args.dask) as client:
            workers = sum(client.nthreads().values())
            print(f"Dask: {client.scheduler.address}, {workers} worker thread(s)")
            _table(args.sizes, client)
    else:
        _table(args.sizes, None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
