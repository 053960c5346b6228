"""The archive database at archive scale: ``db build`` and Datasette's JSON API on ≥ 1,000 documents.

The corpus is labelled once (extractive summaries) and its records replicated to 1,000 documents
(each copy a distinct doc_id, council and year, so facets and search have spread). Then: the
build time, and the time of a facet query and a full-text query through Datasette's own client
(the ASGI app in-process, as ``rar-nlp browse`` serves it), best of 5 after one warm-up.
Target: < 100 ms per query.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import tempfile
import time
from pathlib import Path

from nlp.batch import label_archive
from nlp.corpus import corpus_documents

DOCS = 1000
COUNCILS = ["RAR Nordjylland", "RAR Østjylland", "RAR Vestjylland", "RAR Sydjylland", "RAR Fyn", "RAR Sjælland",
            "RAR Hovedstaden", "RAR Bornholm"]


def replicate(records: list[dict], n_docs: int, out: Path) -> int:
    """Write ``n_docs`` documents' worth of records (copies of the corpus ones under new doc_ids)."""
    by_doc: dict[str, list[dict]] = {}
    for r in records:
        by_doc.setdefault(r["doc_id"], []).append(r)
    docs = list(by_doc.values())
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for k in range(n_docs):
            doc_id = hashlib.sha256(f"copy {k}".encode()).hexdigest()
            year = 2015 + k % 10
            for r in docs[k % len(docs)]:
                date = f"{year}-{(k % 12) + 1:02d}-{(k % 27) + 1:02d}"
                fh.write(json.dumps(dict(r, doc_id=doc_id, council=COUNCILS[k % len(COUNCILS)], date=date),
                                    ensure_ascii=False) + "\n")
                n += 1
    return n


def best_ms(ds, path: str, repeat: int = 5) -> tuple[float, dict]:
    async def once() -> tuple[float, dict]:
        t0 = time.perf_counter()
        r = await ds.client.get(path)
        dt = (time.perf_counter() - t0) * 1000
        assert r.status_code == 200, r.text[:300]
        return dt, r.json()

    async def run() -> tuple[float, dict]:
        await once()  # warm-up: startup hooks, schema introspection, page cache
        times, data = [], {}
        for _ in range(repeat):
            dt, data = await once()
            times.append(dt)
        return min(times), data

    return asyncio.run(run())


def main() -> None:
    from nlp.browse import make_datasette
    from nlp.db import build

    docs = corpus_documents()
    if not docs:
        raise SystemExit("bench_db needs the corpus: set RAR_CORPUS")
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        label_archive([doc.raw.source for doc in docs], d / "corpus.jsonl", summarizer="extractive", progress=False)
        records = [json.loads(x) for x in (d / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
        n_items = replicate(records, DOCS, d / "arkiv.jsonl")
        t0 = time.perf_counter()
        summary = build([d / "arkiv.jsonl"], d / "arkiv.db")
        t_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        again = build([d / "arkiv.jsonl"], d / "arkiv.db")
        t_again = time.perf_counter() - t0
        size = (d / "arkiv.db").stat().st_size
        print(f"db build: {summary.added} documents, {n_items:,} items in {t_build:.1f} s "
              f"({n_items / t_build:,.0f} items/s); database {size / 1e6:.0f} MB")
        print(f"db build again (all unchanged: {again.unchanged}): {t_again:.1f} s")
        ds = make_datasette(d / "arkiv.db")
        facet = "/arkiv/punkter.json?_size=20"  # the default facets: råd, år, art, type, udfald, kommune
        ms, data = best_ms(ds, facet)
        n = sum(f["count"] for f in data["facet_results"]["råd"]["results"])
        print(f"facet query ({', '.join(data['facet_results'])} over {n:,} items, first page): {ms:6.1f} ms   "
              "target < 100 ms")
        ms, _ = best_ms(ds, facet + "&_facet_array=udfald_liste")
        print(f"  the same plus the array facet on udfald_liste (each label counted): {ms:6.1f} ms")
        search = "/arkiv/punkter.json?_search=positivlisten&_size=20"
        ms, data = best_ms(ds, search)
        print(f"full-text query ('positivlisten', {len(data['rows'])} rows shown): {ms:6.1f} ms   target < 100 ms")
        both = "/arkiv/punkter.json?_search=ledige&råd=RAR+Fyn&_facet=år&_size=20"
        ms, _ = best_ms(ds, both)
        print(f"full-text + facet filter ('ledige', RAR Fyn, by år): {ms:6.1f} ms")
