"""Line labellers: a role for every line.

``LinearLabeller`` is a multinomial logistic regression over the features of
``features.py`` (trained by ``training/train_segmenter.py`` with scikit-learn, shipped as JSON)
followed by a small Viterbi decoder over role transitions learned from the same data, so that
the sequence is consistent (a header is followed by content, a TOC is a run). ``RulesLabeller``
maps today's regex decisions onto the same roles, for comparison.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .features import document_features
from .rules import rule_kinds
from .types import Line
from .vocabulary import Vocabulary

ROLES = ("item", "item_cont", "group", "section", "body", "toc", "furniture", "closing")
_RULE_ROLE = {"header": "item", "group": "group", "label": "section", "closing": "closing", "toc": "toc",
              "text": "body"}


class RulesLabeller:
    """Today's regexes as a labeller (the corpus layouts only)."""

    name = "rules"

    def predict(self, lines: list[Line], vocab: Vocabulary) -> tuple[list[str], np.ndarray]:
        roles = [_RULE_ROLE.get(r.kind, "body") for r in rule_kinds(lines)]
        return roles, np.ones(len(roles))


class LinearLabeller:
    """Logistic regression over line features + Viterbi over role transitions (weights as JSON)."""

    name = "model"

    def __init__(self, classes: list[str], features: list[str], coef: np.ndarray, intercept: np.ndarray,
                 transitions: np.ndarray | None = None, meta: dict | None = None) -> None:
        self.classes = list(classes)
        self.features = list(features)
        self.index = {f: i for i, f in enumerate(self.features)}
        self.coef_t = np.ascontiguousarray(np.asarray(coef, dtype=np.float64).T)  # (n_features, n_classes)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        k = len(self.classes)
        self.transitions = (np.asarray(transitions, dtype=np.float64) if transitions is not None
                            else np.zeros((k + 1, k)))  # row k: start
        self.meta = meta or {}

    # -- persistence ----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {"classes": self.classes, "features": self.features,
                "coef": np.round(self.coef_t.T, 4).tolist(), "intercept": np.round(self.intercept, 4).tolist(),
                "transitions": np.round(self.transitions, 4).tolist(), "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearLabeller:
        return cls(data["classes"], data["features"], np.array(data["coef"]), np.array(data["intercept"]),
                   np.array(data["transitions"]), data.get("meta"))

    @classmethod
    def from_path(cls, path: str | Path) -> LinearLabeller:
        return cls.from_json(json.loads(Path(path).read_text(encoding="utf-8")))

    # -- inference ------------------------------------------------------------------------

    def log_proba(self, feats: list[list[str]]) -> np.ndarray:
        idx = [[self.index[f] for f in fs if f in self.index] for fs in feats]
        flat = np.fromiter((j for row in idx for j in row), dtype=np.int64)
        lens = np.fromiter((len(r) for r in idx), dtype=np.int64, count=len(idx))
        scores = np.tile(self.intercept, (len(idx), 1))
        if flat.size:
            gathered = self.coef_t[flat]
            offsets = np.concatenate(([0], np.cumsum(lens)[:-1]))
            nonempty = lens > 0
            sums = np.add.reduceat(gathered, offsets[nonempty], axis=0)
            scores[nonempty] += sums
        scores -= scores.max(axis=1, keepdims=True)
        return scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))

    def decode(self, logp: np.ndarray) -> np.ndarray:
        """Viterbi over emissions ``logp`` and the learned transitions."""
        n, k = logp.shape
        if n == 0:
            return np.zeros(0, dtype=np.int64)
        trans, start = self.transitions[:k], self.transitions[k]
        score = start + logp[0]
        back = np.zeros((n, k), dtype=np.int64)
        for i in range(1, n):
            cand = score[:, None] + trans
            back[i] = cand.argmax(axis=0)
            score = cand.max(axis=0) + logp[i]
        path = np.zeros(n, dtype=np.int64)
        path[-1] = int(score.argmax())
        for i in range(n - 1, 0, -1):
            path[i - 1] = back[i, path[i]]
        return path

    def predict(self, lines: list[Line], vocab: Vocabulary,
                feats: list[list[str]] | None = None) -> tuple[list[str], np.ndarray]:
        feats = feats if feats is not None else document_features(lines, vocab)
        logp = self.log_proba(feats)
        path = self.decode(logp)
        conf = np.exp(logp[np.arange(len(path)), path]) if len(path) else np.zeros(0)
        return [self.classes[j] for j in path], conf

    def explain(self, lines: list[Line], vocab: Vocabulary, i: int, role: str | None = None,
                k: int = 5, feats: list[list[str]] | None = None) -> list[tuple[str, float]]:
        """The features that pushed line ``i`` towards ``role`` most (weight for that role)."""
        feats = feats if feats is not None else document_features(lines, vocab)
        c = self.classes.index(role) if role else 0
        contrib = [(f, float(self.coef_t[self.index[f], c])) for f in feats[i] if f in self.index]
        return sorted(contrib, key=lambda x: -abs(x[1]))[:k]
