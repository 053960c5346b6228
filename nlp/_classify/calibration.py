"""Calibrated confidence: so that "0.9" means right about 9 times in 10.

The classifiers' raw confidence (the least sure label decision, or a rule's fixed 0.95) ranks items
but is not a probability. Per task, an isotonic map from raw confidence to the chance that the whole
label set is right is fitted on held-out predictions (corpus leave-one-document-out and the invented
set leave-one-publisher-out) and shipped as JSON (breakpoints only; never pickle). The expected
calibration error (ECE) is measured by cross-fitting over groups (documents / publishers): a
calibrator never scores the predictions it was fitted on.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "rar-nlp.calibration.v1"
N_BINS = 10


@dataclass
class Calibrator:
    """A monotone piecewise-linear map from raw confidence to probability of being right."""

    x: list[float] = field(default_factory=lambda: [0.0, 1.0])
    y: list[float] = field(default_factory=lambda: [0.0, 1.0])
    n: int = 0

    def __call__(self, p: float | None) -> float | None:
        if p is None:
            return None
        return round(float(np.interp(float(p), self.x, self.y)), 4)

    def to_dict(self) -> dict[str, Any]:
        return {"x": [round(v, 6) for v in self.x], "y": [round(v, 6) for v in self.y], "n": self.n}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Calibrator:
        return cls(list(d["x"]), list(d["y"]), int(d.get("n", 0)))


def fit_calibrator(conf: Sequence[float], correct: Sequence[bool],
                   weights: Sequence[float] | None = None) -> Calibrator:
    """Isotonic regression (scikit-learn) of correctness on raw confidence; identity without data."""
    from sklearn.isotonic import IsotonicRegression

    if len(conf) < 2 or len(set(correct)) < 2:
        return Calibrator(n=len(conf))
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(
        np.asarray(conf, dtype=float), np.asarray(correct, dtype=float),
        sample_weight=None if weights is None else np.asarray(weights, dtype=float))
    x, y = list(map(float, iso.X_thresholds_)), list(map(float, iso.y_thresholds_))
    return Calibrator(x, y, len(conf))


def ece(conf: Sequence[float], correct: Sequence[bool], n_bins: int = N_BINS) -> float | None:
    """Expected calibration error: the mean |accuracy − confidence| over equal-width bins, weighted by size."""
    if not conf:
        return None
    c, ok = np.asarray(conf, dtype=float), np.asarray(correct, dtype=float)
    idx = np.minimum((c * n_bins).astype(int), n_bins - 1)
    total = 0.0
    for b in range(n_bins):
        m = idx == b
        if m.any():
            total += m.sum() * abs(ok[m].mean() - c[m].mean())
    return round(float(total / len(c)), 4)


def ece_noise(conf: Sequence[float], n_draws: int = 2000, seed: int = 0) -> float | None:
    """The ECE a perfectly calibrated model would still show on these items 19 times in 20 (95th
    percentile over draws of "right" with each item's own confidence): on a few dozen items the ECE is
    never 0, so a measured value is a miscalibration only when it is above this."""
    if not conf:
        return None
    rng = np.random.default_rng(seed)
    c = np.asarray(conf, dtype=float)
    draws = [ece(c.tolist(), (rng.random(len(c)) < c).tolist()) or 0.0 for _ in range(n_draws)]
    return round(float(np.percentile(draws, 95)), 4)


EQUAL_BINS = tuple(i / N_BINS for i in range(N_BINS + 1))  # the reliability diagram's bins


def reliability(pairs: Sequence[tuple[float, bool]], bins: Sequence[float]) -> list[dict[str, Any]]:
    """Accuracy per confidence bin: whether a label's confidence tells a user which labels to check.

    ``pairs``: (confidence, correct) per item; the last bin includes its upper edge.
    """
    out = []
    for i, (lo, hi) in enumerate(itertools.pairwise(bins)):
        last = i == len(bins) - 2
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (last and c == hi)]
        n = len(inside)
        out.append({"from": lo, "to": hi, "n": n, "accuracy": round(sum(ok for _, ok in inside) / n, 4) if n else None,
                    "mean_confidence": round(sum(c for c, _ in inside) / n, 4) if n else None})
    return out


def domain_weights(groups: Sequence[str], real: set[str] | None) -> list[float] | None:
    """Weights that give the real documents' rows as much total weight as the invented ones.

    The invented set is larger and easier; unweighted, its calibrator would promise real minutes
    more than they deliver.
    """
    if not real:
        return None
    n_real = sum(g in real for g in groups)
    n_other = len(groups) - n_real
    if not n_real or not n_other:
        return None
    return [n_other / n_real if g in real else 1.0 for g in groups]


def cross_fitted(conf: Sequence[float], correct: Sequence[bool], groups: Sequence[str], k: int = 5,
                 weights: Sequence[float] | None = None) -> list[float]:
    """Calibrated confidences where each group is mapped by a calibrator fitted without it (GroupKFold)."""
    from sklearn.model_selection import GroupKFold

    conf_a, ok_a = np.asarray(conf, dtype=float), np.asarray(correct, dtype=bool)
    out = np.zeros(len(conf_a))
    n_groups = len(set(groups))
    if n_groups < 2:
        return list(conf_a)
    for train, test in GroupKFold(n_splits=min(k, n_groups)).split(conf_a, ok_a, groups):
        cal = fit_calibrator(conf_a[train].tolist(), ok_a[train].tolist(),
                             None if weights is None else [weights[i] for i in train])
        out[test] = [cal(p) for p in conf_a[test]]
    return out.tolist()


@dataclass
class Calibration:
    """One calibrator per task (item_type, outcome, proposed_outcome), stored together as JSON."""

    tasks: dict[str, Calibrator] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def __call__(self, task: str, p: float | None) -> float | None:
        cal = self.tasks.get(task)
        return p if cal is None or p is None else cal(p)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "tasks": {t: c.to_dict() for t, c in sorted(self.tasks.items())}, "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Calibration:
        if d.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file: {d.get('format')!r}")
        return cls({t: Calibrator.from_dict(c) for t, c in d["tasks"].items()}, d.get("meta", {}))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, indent=1) + "\n",
                              encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> Calibration:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))
