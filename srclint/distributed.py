"""A lint run on a Dask cluster (`pip install srclint[dask]`), with the same report as a local run.

The run has the shape of the local one, spread out:

1. pass 1 is a map over partitions of the files: each worker reads and checks whole documents
   with the linter shipped to it (the compiled rule set travels pickled, so rule packs need not
   exist on the workers; the *documents* must be readable there, e.g. on shared storage);
2. the claims of keyed corpus rules (`KeyedCorpusRule`) are flattened to (group key, claim) and
   grouped by key, a keyed shuffle, and each group is judged on a worker into links;
3. the few links come back to the client, are deduplicated into a table and shipped back out, and
   each partition reports its own claims with that table (findings built per claim);
4. the client assembles the Report through the engine's own filters (`Linter._finish`), with the
   corpus findings computed above. Corpus rules without keys are compared there as one group.

Every claim is named by (path, position) rather than by an index into one list, and every step
that could depend on partitioning sorts by that identity, so the findings, their related
locations and their order are those of `Linter.lint_paths`. Dask is imported only here, and only
when a run asks for a cluster.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from .engine import DocResult, Linter, check_document
from .errors import SrclintError
from .kinds.base import ClaimId, KeyedCorpusRule, claim_ids, link_table
from .models import FileError, Finding, Report
from .packs import RuleSet

if TYPE_CHECKING:
    from distributed import Client

    from .discover import SourceFile

__all__ = ["DaskUnavailable", "connect", "lint_dask", "lint_dask_texts"]

FILES_PER_PARTITION = 64  # fewer and the per-task overhead shows; the cap below keeps all workers busy
Outcome = tuple[DocResult | None, list[FileError]]
# A unit of pass 1: ("file", SourceFile) reported, ("corpus", SourceFile) compared only, ("text", (path, text)).
Item = tuple[str, Any]


class DaskUnavailable(SrclintError):
    """Dask or distributed is not installed."""


def _distributed() -> Any:
    try:
        import dask.bag  # noqa: F401
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(f"running on Dask needs the dask extra: pip install 'srclint[dask]' ({exc.name} is missing)") from None
    return distributed


@contextmanager
def connect(target: Client | str | None = None) -> Iterator[Client]:
    """A client for `target`: a Client (used as is), a scheduler address ("tcp://host:8786"),
    "local" or "local:N" (a LocalCluster of N worker processes, closed afterwards), or None (the
    default client if there is one, else a LocalCluster)."""
    distributed = _distributed()
    if target is not None and not isinstance(target, str):
        yield target
        return
    if target is None:
        try:
            yield distributed.default_client()
            return
        except ValueError:
            target = "local"
    if target == "local" or target.startswith("local:"):
        n = target.partition(":")[2]
        if n and (not n.isdigit() or int(n) < 1):
            raise SrclintError(f"--dask {target}: the number of local workers must be a positive integer")
        with distributed.LocalCluster(
            n_workers=int(n) if n else None, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster, distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(target)
    except (OSError, ValueError) as exc:
        raise SrclintError(f"cannot reach the Dask scheduler at {target}: {exc}") from None
    with client:
        yield client


def lint_dask(
    paths: Iterable[str | Path],
    *,
    client: Client | str | None = None,
    linter: Linter | None = None,
    cwd: Path | None = None,
    npartitions: int | None = None,
) -> Report:
    """`Linter.lint_paths` on a Dask cluster. Files are found here, on the client; their absolute
    paths must name the same files on every worker (shared storage, or a local cluster)."""
    linter = linter or Linter()
    files, extra, errors = linter.plan([str(p) for p in paths], cwd)
    files = [_absolute(f, cwd) for f in files]
    items: list[Item] = [("file", f) for f in files] + [("corpus", _absolute(f, cwd)) for f in extra]
    with connect(client) as c:
        return _run(c, linter, items, errors, {f.display for f in files}, npartitions)


def lint_dask_texts(
    texts: Mapping[str, str],
    *,
    client: Client | str | None = None,
    linter: Linter | None = None,
    npartitions: int | None = None,
) -> Report:
    """`Linter.lint_mapping` on a Dask cluster: the texts travel with the tasks (no shared storage)."""
    linter = linter or Linter()
    items: list[Item] = [("text", pt) for pt in sorted(texts.items())]
    with connect(client) as c:
        return _run(c, linter, items, [], set(texts), npartitions)


def _absolute(source: SourceFile, cwd: Path | None) -> SourceFile:
    p = Path(source.path)
    return source if p.is_absolute() else replace(source, path=str((cwd or Path.cwd()) / p))


def _run(client: Client, linter: Linter, items: list[Item], errors: list[FileError], report_paths: set[str],
         npartitions: int | None) -> Report:
    import dask
    import dask.bag as db

    keyed = tuple(r.code for r in linter.rules.corpus_rules if isinstance(r, KeyedCorpusRule))
    if npartitions is None:
        threads = sum(client.nthreads().values()) or 1
        npartitions = min(4 * threads, -(-len(items) // FILES_PER_PARTITION))
    npartitions = max(1, min(npartitions, len(items) or 1))
    shipped = dask.delayed(linter, name=f"srclint-linter-{uuid4().hex}", traverse=False)  # one copy per worker, not per task
    # pass 1 runs once; the shuffle, the report step and the client all read its persisted results
    outcomes = client.persist(db.from_sequence(items, npartitions=npartitions).map_partitions(_pass1, shipped))
    corpus: dict[str, list[Finding]] = {code: [] for code in keyed}
    if keyed and items:
        records = outcomes.map_partitions(_grouped, shipped, keyed)
        groups = records.groupby(_group_of, shuffle="tasks", npartitions=npartitions)
        tables = _tables(client.compute(groups.map_partitions(_linked, shipped)).result())
        shipped_tables = dask.delayed(tables, name=f"srclint-links-{uuid4().hex}", traverse=False)
        found = outcomes.map_partitions(_reported, shipped, keyed, shipped_tables)
        stripped = outcomes.map_partitions(_strip, keyed)
        found_list, outcome_list = client.gather(client.compute([found, stripped]))
        for _, code, f in sorted(found_list, key=lambda t: t[0]):  # identity order, as compare() yields them
            corpus[code].append(f)
    else:
        outcome_list = client.compute(outcomes).result()
    del outcomes  # the cluster may release pass-1 results now
    results: list[DocResult] = []
    for result, errs in outcome_list:
        errors.extend(errs)
        if result is not None:
            results.append(result)
    return linter._finish(results, errors, report_paths, corpus_findings=corpus)


# ------------------------------------------------------------------------ on the workers
def _pass1(items: Sequence[Item], linter: Linter) -> list[Outcome]:
    """Pass 1 for one partition, as `Linter.lint_paths` does it for each kind of file."""
    from .formats import from_text

    corpus_only = RuleSet(tuple(linter.rules.corpus_rules), linter.rules.packs)
    out: list[Outcome] = []
    for what, item in items:
        if what == "text":
            out.append((linter._check_doc(from_text(item[1], item[0])), []))
        elif what == "file":
            out.append(linter._check_one(item))
        else:  # in the configured corpus, not reported: claims only, its problems not ours
            doc = linter._read(item, [])
            if doc is not None:
                result = check_document(doc, corpus_only)
                result.errors.clear()
                out.append((result, []))
    return out


def _grouped(outcomes: Sequence[Outcome], linter: Linter, keyed: tuple[str, ...]) -> Iterator[tuple[tuple[str, Hashable], ClaimId, Any]]:
    """(rule code and group key, claim identity, claim) for every group each claim joins."""
    rules = {code: linter.rules.get(code) for code in keyed}
    for result, _ in outcomes:
        if result is None:
            continue
        for code in keyed:
            rule = rules[code]
            for cid, claim in claim_ids(result.path, result.claims.get(code, [])):
                for key in rule.group_keys(claim):  # type: ignore[union-attr]
                    yield (code, key), cid, claim


def _group_of(record: tuple[tuple[str, Hashable], ClaimId, Any]) -> tuple[str, Hashable]:
    return record[0]


def _linked(groups: Sequence[tuple[tuple[str, Hashable], list[Any]]], linter: Linter) -> list[tuple[str, tuple[ClaimId, ClaimId, str], Any]]:
    """The links inside each group, with the partner claim each names (links are few)."""
    out = []
    for (code, _), records in groups:
        if len(records) < 2:
            continue
        rule = linter.rules.get(code)
        members = [(cid, claim) for _, cid, claim in records]
        by_id = dict(members)
        out.extend((code, link, by_id[link[1]]) for link in rule.links(members))  # type: ignore[union-attr]
    return out


def _tables(linked: Iterable[tuple[str, tuple[ClaimId, ClaimId, str], Any]]) -> tuple[dict[str, Any], dict[str, dict[ClaimId, Any]]]:
    links: dict[str, set[tuple[ClaimId, ClaimId, str]]] = {}
    partners: dict[str, dict[ClaimId, Any]] = {}
    for code, link, partner in linked:
        links.setdefault(code, set()).add(link)
        partners.setdefault(code, {})[link[1]] = partner
    return {code: link_table(found) for code, found in links.items()}, partners


def _reported(outcomes: Sequence[Outcome], linter: Linter, keyed: tuple[str, ...], tables: tuple[dict[str, Any], dict[str, Any]]) -> list[tuple[ClaimId, str, Finding]]:
    """Each claim of this partition reported with its linked partners."""
    table, partners = tables
    out: list[tuple[ClaimId, str, Finding]] = []
    for result, _ in outcomes:
        if result is None:
            continue
        for code in keyed:
            rule = linter.rules.get(code)
            for cid, claim in claim_ids(result.path, result.claims.get(code, [])):
                for f in rule.report_all([(cid, claim)], table.get(code, {}), partners.get(code, {})):  # type: ignore[union-attr]
                    out.append((cid, code, f))
    return out


def _strip(outcomes: Sequence[Outcome], keyed: tuple[str, ...]) -> list[Outcome]:
    """What the client needs: everything but the claims already compared on the cluster."""
    out: list[Outcome] = []
    for result, errs in outcomes:
        if result is not None and keyed:
            result = replace(result, claims={k: v for k, v in result.claims.items() if k not in keyed})
        out.append((result, errs))
    return out
