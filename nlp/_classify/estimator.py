"""Training the classifiers as scikit-learn estimators, exported to the JSON ``LinearModel`` for inference.

One task's model is a ``Pipeline``: a ``ColumnTransformer`` with a tf-idf vectoriser per section field
(the stemmed word + bigram analyser) and the cue/lexicon features, then ``OneVsRestClassifier`` of
balanced ``LogisticRegression`` (liblinear, deterministic). Rows are items: one column per field's
masked text plus one column holding the item's cue dict. ``to_linear_model`` reads the fitted
vocabularies, idf vectors and coefficients into the JSON format the components load (no pickle).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import MultiLabelBinarizer

CUES_COLUMN = "_cues"


class FieldTfidf(TfidfVectorizer):
    """``TfidfVectorizer`` that yields no columns (instead of failing) when no term reaches ``min_df``:
    a field can be empty in a small training fold."""

    def fit_transform(self, raw_documents: Iterable[str], y: Any = None) -> sparse.csr_matrix:
        docs = list(raw_documents)
        try:
            self.empty_ = False
            return super().fit_transform(docs, y)
        except ValueError:
            self.empty_ = True
            self.vocabulary_, self.idf_ = {}, np.zeros(0)
            return sparse.csr_matrix((len(docs), 0))

    def fit(self, raw_documents: Iterable[str], y: Any = None) -> FieldTfidf:
        self.fit_transform(raw_documents, y)
        return self

    def transform(self, raw_documents: Iterable[str]) -> sparse.csr_matrix:
        docs = list(raw_documents)
        return sparse.csr_matrix((len(docs), 0)) if self.empty_ else super().transform(docs)


class CueColumns(BaseEstimator, TransformerMixin):
    """A column of cue dicts -> a matrix whose columns are ``names``, in that order."""

    def __init__(self, names: Sequence[str] = ()) -> None:
        self.names = names

    def fit(self, X: Any, y: Any = None) -> CueColumns:
        return self

    def transform(self, X: Any) -> sparse.csr_matrix:
        return sparse.csr_matrix(np.array([[row.get(c, 0.0) for c in self.names] for row in X], dtype=float)
                                 .reshape(len(X), len(self.names)))


def make_pipeline(fields: Sequence[str], cues: Sequence[str], analyzer: Any, *, C: float = 1.0,
                  min_df: int = 2) -> Pipeline:
    """The estimator for one task (columns: the fields in order, then the cue dicts)."""
    columns = [(f"tfidf_{f}", FieldTfidf(analyzer=analyzer, min_df=min_df, sublinear_tf=True), j)
               for j, f in enumerate(fields)]
    columns.append(("cues", CueColumns(list(cues)), len(fields)))
    import sklearn

    lr = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=1000, random_state=0)
    with sklearn.config_context(enable_metadata_routing=True):
        lr.set_fit_request(sample_weight=True)  # the per-item weights reach every one-vs-rest classifier
    return Pipeline([("features", ColumnTransformer(columns, sparse_threshold=1.0)),
                     ("clf", OneVsRestClassifier(lr))])


def design(rows: Sequence[dict[str, str]], cue_rows: Sequence[dict[str, float]], fields: Sequence[str]) -> np.ndarray:
    """The estimator's input: one row per item, the field texts then the cue dict (an object array)."""
    X = np.empty((len(rows), len(fields) + 1), dtype=object)
    for i, (row, cue) in enumerate(zip(rows, cue_rows, strict=True)):
        for j, f in enumerate(fields):
            X[i, j] = row.get(f, "") or ""
        X[i, len(fields)] = cue
    return X


def fit(pipe: Pipeline, X: np.ndarray, labels: Sequence[Iterable[str]], all_labels: Sequence[str],
        weights: Sequence[float] | None = None) -> tuple[Pipeline, MultiLabelBinarizer]:
    """Fit on label sets (one-vs-rest over ``all_labels``), with optional per-item sample weights."""
    import sklearn

    mlb = MultiLabelBinarizer(classes=list(all_labels))
    Y = mlb.fit_transform([set(ls) for ls in labels])
    with sklearn.config_context(enable_metadata_routing=True):
        if weights is None:
            pipe.fit(X, Y)
        else:
            pipe.fit(X, Y, sample_weight=np.asarray(weights, dtype=float))
    return pipe, mlb


def exported_parts(pipe: Pipeline, fields: Sequence[str], all_labels: Sequence[str]
                   ) -> tuple[dict[str, dict[str, int]], dict[str, list[float]], dict[str, list[float]],
                              dict[str, float]]:
    """(vocab, idf, coef, intercept) of a fitted pipeline, as ``LinearModel`` stores them. Labels whose
    training column was constant (no positive or no negative item) have no coefficients."""
    ct: ColumnTransformer = pipe.named_steps["features"]
    vocab, idf = {}, {}
    for f in fields:
        vec: FieldTfidf = ct.named_transformers_[f"tfidf_{f}"]
        vocab[f] = {tok: int(j) for tok, j in sorted(vec.vocabulary_.items())}
        idf[f] = [float(v) for v in vec.idf_]
    coef, intercept = {}, {}
    for lab, est in zip(all_labels, pipe.named_steps["clf"].estimators_, strict=True):
        if isinstance(est, LogisticRegression):
            coef[lab] = [float(v) for v in est.coef_[0]]
            intercept[lab] = float(est.intercept_[0])
    return vocab, idf, coef, intercept
