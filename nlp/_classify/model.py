"""The linear model: JSON in, JSON out (vocabulary, idf, coefficients; never pickle), trained as a
scikit-learn Pipeline (``estimator.py``)."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .features import STEM, analyze, cue_names, cue_vector, lexicon_vector, mask_guarded
from .labels import MODEL_FORMAT, TASK_FIELDS, TASK_LABELS

# --------------------------------------------------------------------------------------------
# Features and the linear model (JSON in, JSON out)



@dataclass
class LinearModel:
    """One-vs-rest logistic regression over per-field tf-idf and binary cue features.

    Stored as JSON: per field a vocabulary and idf vector (sklearn ``TfidfVectorizer`` with
    ``sublinear_tf``, l2 norm), the cue names, and per label coefficients and intercept. Labels
    without positive training examples have no coefficients and score 0.
    """

    task: str
    labels: list[str]
    fields: list[str]
    vocab: dict[str, dict[str, int]]
    idf: dict[str, list[float]]
    cues: list[str]
    coef: dict[str, list[float]]
    intercept: dict[str, float]
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._idf = {f: np.asarray(v, dtype=np.float64) for f, v in self.idf.items()}
        self._W = {lab: np.asarray(w, dtype=np.float64) for lab, w in self.coef.items()}

    @property
    def n_features(self) -> int:
        return sum(len(self.vocab[f]) for f in self.fields) + len(self.cues)

    def features(self, texts: dict[str, str]) -> np.ndarray:
        """The feature vector for one item (same layout and masking as in training)."""
        raw = texts
        texts = {f: mask_guarded(texts.get(f, "") or "") for f in self.fields}
        parts = []
        for f in self.fields:
            vocab = self.vocab[f]
            vec = np.zeros(len(vocab))
            for tok, n in Counter(analyze(texts[f])).items():
                j = vocab.get(tok)
                if j is not None:
                    vec[j] = (1.0 + math.log(n)) * self._idf[f][j]
            norm = float(np.linalg.norm(vec))
            parts.append(vec / norm if norm else vec)
        cues = cue_vector({f: texts.get(f, "") for f in self.fields})
        if any(c.startswith("lex:") for c in self.cues):
            cues.update(lexicon_vector(self.task, raw))
        parts.append(np.array([cues.get(c, 0.0) for c in self.cues]))
        return np.concatenate(parts)

    def predict_proba(self, texts: dict[str, str]) -> dict[str, float]:
        """Probability per label for one item."""
        x = self.features(texts)
        out = {}
        for lab in self.labels:
            w = self._W.get(lab)
            if w is None:
                out[lab] = 0.0
                continue
            z = float(x @ w + self.intercept[lab])
            out[lab] = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
        return out

    def to_dict(self) -> dict[str, Any]:
        r6 = lambda xs: [round(float(x), 6) for x in xs]  # noqa: E731
        return {"format": MODEL_FORMAT, "task": self.task, "labels": list(self.labels),
                "fields": list(self.fields), "analyzer": {"name": "stem_bigrams", "stem": STEM},
                "vocab": self.vocab, "idf": {f: r6(v) for f, v in self.idf.items()}, "cues": list(self.cues),
                "coef": {lab: r6(w) for lab, w in self.coef.items()},
                "intercept": {lab: round(float(b), 6) for lab, b in self.intercept.items()}, "meta": self.meta}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinearModel:
        if data.get("format") != MODEL_FORMAT:
            raise ValueError(f"not a {MODEL_FORMAT} model: {data.get('format')!r}")
        if data.get("analyzer", {}).get("stem") != STEM:
            raise ValueError("model was trained with a different analyzer")
        return cls(data["task"], data["labels"], data["fields"], data["vocab"], data["idf"], data["cues"],
                   data["coef"], data["intercept"], data.get("meta", {}))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def fit_linear_model(task: str, texts: Sequence[dict[str, str]], labels: Sequence[Iterable[str]], *,
                     C: float = 1.0, min_df: int = 2, weights: Sequence[float] | None = None) -> LinearModel:
    """Train one task's model (used by ``training/train_classify.py`` and the LODO evaluation).

    texts: per item, field name -> text; labels: per item, the gold label set. A scikit-learn
    ``Pipeline`` (``nlp/_classify/estimator.py``) fitted deterministically (liblinear) and exported to
    the JSON ``LinearModel``; the component never calls this.
    """
    import warnings

    import sklearn

    from . import estimator

    fields, all_labels = list(TASK_FIELDS[task]), list(TASK_LABELS[task])
    lex_rows = [lexicon_vector(task, t) for t in texts]
    masked = [{f: mask_guarded(t.get(f, "") or "") for f in fields} for t in texts]
    cues = cue_names(fields, task)
    cue_rows = [cue_vector({f: t.get(f, "") for f in fields}) | lex for t, lex in zip(masked, lex_rows, strict=True)]
    pipe = estimator.make_pipeline(fields, cues, analyze, C=C, min_df=min_df)
    with warnings.catch_warnings():  # a label present in no (or every) item gets no coefficients
        warnings.filterwarnings("ignore", message="Label .* is present in all training examples")
        warnings.filterwarnings("ignore", message="Label not .* is present in all training examples")
        estimator.fit(pipe, estimator.design(masked, cue_rows, fields), labels, all_labels, weights)
    vocab, idf, coef, intercept = estimator.exported_parts(pipe, fields, all_labels)
    support = {lab: sum(lab in set(ls) for ls in labels) for lab in all_labels}
    meta = {"n_items": len(texts), "support": support, "C": C, "min_df": min_df, "sklearn": sklearn.__version__,
            "weighted": weights is not None}
    return LinearModel(task, all_labels, fields, vocab, idf, cues, coef, intercept, meta)
