"""The extractive summariser: a small linear scorer over hand-made sentence features (JSON weights,
trained in ``training/train_summarizer.py``)."""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .text import ItemText, split_sentences

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Extractive: a linear scorer over hand-made sentence features, trained in training/

_WORD = re.compile(r"\w+")
CUES = {
    "cue_indstilles": re.compile(r"\bindstill\w*", re.IGNORECASE),
    "cue_orient": re.compile(r"\borient\w*", re.IGNORECASE),
    "cue_godkend": re.compile(r"\bgodkend\w*", re.IGNORECASE),
    "cue_droft": re.compile(r"\bdrøft\w*", re.IGNORECASE),
    "cue_efterretning": re.compile(r"\befterretning\b", re.IGNORECASE),
    "cue_council": re.compile(r"\b(?:rådet|rar|formandskabet)\b", re.IGNORECASE),
}


def words(text: str) -> list[str]:
    """Lowercased word tokens, Danish letters kept."""
    return _WORD.findall(text.lower())


def candidate_sentences(item: ItemText) -> list[tuple[str, int, str]]:
    """(section, index in section, sentence) for every input sentence of 4-80 words."""
    out = []
    for name, text in item.input_sections():
        for i, s in enumerate(split_sentences(text)):
            if 4 <= len(s.split()) <= 80:
                out.append((name, i, s))
    return out


def sentence_features(item: ItemText, cands: list[tuple[str, int, str]]) -> list[dict[str, float]]:
    """Features of each candidate: section, position, length, title overlap, centrality, cues."""
    bags = [set(words(s)) for _, _, s in cands]
    title = set(words(item.title))
    feats = []
    for (name, idx, sent), bag in zip(cands, bags, strict=True):
        others = [b for b in bags if b is not bag]
        central = sum(len(bag & b) / math.sqrt(len(bag) * len(b) or 1) for b in others) / (len(others) or 1)
        n = len(sent.split())
        f = {
            f"sec_{name}": 1.0,
            f"first_{name}": float(idx == 0),
            "first": float(idx == 0),
            "second": float(idx == 1),
            "pos_inv": 1.0 / (1 + idx),
            "log_len": math.log(n),
            "len_lt8": float(n < 8),
            "len_8_15": float(8 <= n < 15),
            "len_15_30": float(15 <= n < 30),
            "long": float(n > 40),
            "title_overlap": len(bag & title) / (len(title) or 1),
            "centrality": central,
            "has_digit": float(bool(re.search(r"\d", sent))),
            "url": float(bool(re.search(r"https?:|www\.|\.dk\b", sent))),
            "bullet": float(" - " in sent or sent.startswith("-")),
        }
        f.update({k: float(bool(rx.search(sent))) for k, rx in CUES.items()})
        feats.append(f)
    return feats


@dataclass
class ExtractiveScorer:
    """Linear model over ``sentence_features``; stored as JSON (weights, bias, settings)."""

    weights: dict[str, float] = field(default_factory=dict)
    bias: float = 0.0
    min_words: int = 8  # a best sentence shorter than this gets the next best one added

    def score(self, feats: Sequence[dict[str, float]]) -> list[float]:
        return [self.bias + sum(self.weights.get(k, 0.0) * v for k, v in f.items()) for f in feats]

    def summarize(self, item: ItemText) -> str | None:
        """Best sentence (plus the runner-up when it is very short), in document order."""
        return self.pick(item)[0]

    def pick(self, item: ItemText) -> tuple[str | None, float | None]:
        """(summary, confidence): the confidence is the scorer's probability that the best
        sentence is the one closest to the human summary (None when there was nothing to score)."""
        cands = candidate_sentences(item)
        if not cands:
            sents = [s for _, t in item.input_sections() for s in split_sentences(t)]
            return (sents[0], None) if sents else (None, None)
        scores = self.score(sentence_features(item, cands))
        order = sorted(range(len(cands)), key=lambda i: (-scores[i], i))
        picked = order[:1]
        if len(cands[picked[0]][2].split()) < self.min_words and len(order) > 1:
            picked.append(order[1])
        confidence = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, scores[order[0]]))))
        return " ".join(cands[i][2] for i in sorted(picked)), round(confidence, 4)

    def to_dict(self) -> dict:
        return {"kind": "rar-extractive-linear", "version": 1, "weights": self.weights, "bias": self.bias,
                "min_words": self.min_words}

    @classmethod
    def from_dict(cls, data: dict) -> ExtractiveScorer:
        return cls(dict(data["weights"]), float(data["bias"]), int(data.get("min_words", 8)))

    @classmethod
    def load(cls, path: str | Path) -> ExtractiveScorer:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
