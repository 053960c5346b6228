"""Scoring against the gold annotations in ``corpora/`` (one module per task), with one P/R/F."""

from __future__ import annotations

from spacy.scorer import PRFScore


def prf(tp: int, n_pred: int, n_gold: int, *, when_empty: float = 1.0) -> dict[str, float | int]:
    """Precision, recall and F1 (spaCy's ``PRFScore``), rounded to 4 places, with the counts.

    when_empty: the precision when nothing was predicted and nothing was gold, and the recall when
    nothing was gold (1.0: nothing to find, nothing missed; the classifier reports use 0.0).
    """
    score = PRFScore(tp=tp, fp=n_pred - tp, fn=n_gold - tp)
    p = score.precision if n_pred else (when_empty if not n_gold else 0.0)
    r = score.recall if n_gold else when_empty
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "pred": n_pred,
            "gold": n_gold}
