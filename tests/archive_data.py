"""Labelled runs for the archive tests: real records of the sample (text and PDF) and a synthetic meeting."""

from __future__ import annotations

import functools
import hashlib
import json
import tempfile
from pathlib import Path

from .synthetic import meeting, render_inline
from .test_read import make_pdf

SAMPLE = Path(__file__).resolve().parent.parent / "nlp" / "data" / "sample" / "referat_eksempel.txt"


@functools.cache
def labelled_run() -> Path:
    """A directory with ``run.jsonl`` (+ manifest) from ``label_archive`` and ``votes.jsonl``.

    ``votes.jsonl`` is one document's records under another doc_id with ``votes`` and
    ``reservations`` in the shape the vote parser writes (today's corpus records have none).
    """
    from nlp.batch import label_archive

    d = Path(tempfile.mkdtemp(prefix="rar-archive-"))
    src = d / "in"
    src.mkdir()
    text = SAMPLE.read_text(encoding="utf-8")
    (src / "a_referat.txt").write_text(text, encoding="utf-8")
    make_pdf(src / "b_referat.pdf", text.replace("–", "-").splitlines(), per_page=25)
    (src / "c_syntetisk.txt").write_text(render_inline(meeting()), encoding="utf-8")
    label_archive([src], d / "run.jsonl", summarizer="extractive", base="blank", progress=False,
                  timeout_per_doc=None)
    first = [json.loads(x) for x in (d / "run.jsonl").read_text(encoding="utf-8").splitlines()]
    doc = [r for r in first if r["doc_id"] == first[0]["doc_id"]]
    fake_id = hashlib.sha256(b"a document with divisions").hexdigest()
    with (d / "votes.jsonl").open("w", encoding="utf-8") as fh:
        for r in doc:
            r = dict(r, doc_id=fake_id, source=str(src / "afstemning.txt"))
            if r["ordinal"] == 3:
                r["votes"] = [{"motion": "forslaget", "result": "vedtaget", "for": ["3F", "DA"],
                               "against": ["KL"], "abstain": [], "counts": {"for": 7, "against": 2, "abstain": 1},
                               "unanimous": False, "evidence": {"start": r["start"], "end": r["start"] + 10,
                                                                "text": "For stemte"}}]
                r["reservations"] = [{"who": "KL", "kind": "forbehold", "text": "KL tager forbehold.",
                                      "evidence": {"start": r["start"] + 11, "end": r["start"] + 30}}]
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return d
