"""Training data and fitting for the line labeller (used by training/ and evaluation, never at inference).

* ``corpus_roles``: per-line gold of a corpus document from ``corpora/segmentation.json`` (offsets);
* ``aligned_roles``: per-line gold of a rendered synthetic document, by aligning the lines as
  read (text, HTML, PDF, docx; wrapped, OCR-damaged) with the renderer's logical lines;
* ``fit``: scikit-learn logistic regression + role transitions -> ``LinearLabeller``.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from ..doc import run_state
from ..normalize import OffsetMap
from .features import document_features
from .labeller import ROLES, LinearLabeller
from .rules import rule_kinds
from .types import Line
from .vocabulary import Vocabulary

_TOKEN = re.compile(r"\w+", re.UNICODE)
_RULE_ROLE = {"header": "item", "group": "group", "label": "section", "closing": "closing", "toc": "toc"}


@dataclass
class Sample:
    """One document's lines, features and gold roles, with the group it is held out by."""

    name: str
    group: str  # layout family, corpus document, publisher ...
    lines: list[Line]
    feats: list[list[str]]
    roles: list[str]


def corpus_roles(lines: list[Line], offsets: OffsetMap, gold_doc: dict) -> list[str]:
    """Roles of the normalised lines of a corpus document, from the gold items and sections."""
    n = len(lines)
    orig = [offsets.orig_span(ln.start, ln.end) for ln in lines]
    roles = ["body"] * n
    items = gold_doc["items"]
    starts = {it["start"]: it for it in items if not it.get("header_lost")}
    spans = [(it["start"], it["end"]) for it in items]

    def inside(a: int) -> bool:
        return any(s <= a < e for s, e in spans)

    rules = rule_kinds(lines)
    for i, (a, _b) in enumerate(orig):
        if any(abs(a - s) <= 2 for s in starts):
            roles[i] = "item"
        elif not inside(a):
            roles[i] = _RULE_ROLE.get(rules[i].kind, "body")
            if roles[i] == "section":
                roles[i] = "body"
    # Section headings: the last line at or before the section's content that starts with its label.
    for it in items:
        for sec in it["sections"]:
            heading = (sec.get("heading") or "").lower()
            if not heading:
                continue
            best = None
            for i, (a, _b) in enumerate(orig):
                if a > sec["start"]:
                    break
                if a >= it["start"] and lines[i].text.lower().startswith(heading[:12]):
                    best = i
            if best is not None and roles[best] != "item":
                roles[best] = "section"
    return roles


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def aligned_roles(lines: list[Line], gold: Sequence[tuple[str, str]]) -> list[str]:
    """Roles of ``lines`` (as read) from the renderer's logical lines ``gold`` = [(text, role)].

    Tokens of both sides are aligned with difflib; a line takes the role of the logical line most
    of its matched tokens come from. A logical line read as several lines (wrapped titles,
    paragraphs) gives "item_cont"/"body" to the later pieces; unmatched lines are furniture.
    """
    g_tok, g_of = [], []
    for j, (text, _role) in enumerate(gold):
        for t in _tokens(text):
            g_tok.append(t)
            g_of.append(j)
    d_tok, d_of = [], []
    for i, ln in enumerate(lines):
        for t in _tokens(ln.text):
            d_tok.append(t)
            d_of.append(i)
    votes: list[Counter[int]] = [Counter() for _ in lines]
    sm = difflib.SequenceMatcher(None, g_tok, d_tok, autojunk=False)
    for a, b, size in sm.get_matching_blocks():
        for k in range(size):
            votes[d_of[b + k]][g_of[a + k]] += 1
    roles = []
    used: set[int] = set()
    for i, ln in enumerate(lines):
        if not votes[i]:
            roles.append("furniture" if len(_tokens(ln.text)) <= 12 else "body")
            continue
        # The line's start decides: the first logical line it covers substantially (a heading
        # wrapped over several physical lines and joined back is still a heading).
        top = votes[i].most_common(1)[0][1]
        j = min(g for g, n in votes[i].items() if n >= min(2, top) or n >= 0.3 * top)
        role = gold[j][1]
        if j in used:
            role = {"item": "item_cont", "section": "body"}.get(role, role)
        if role == "furniture" and ln.text.strip() in ("-", "–", "—"):
            role = "body"  # an agenda's "-" under Beslutning is the section's content (corpora/SEGMENTATION.md)
        used.add(j)
        roles.append(role)
    return roles


def make_sample(name: str, group: str, lines: list[Line], roles: list[str], vocab: Vocabulary) -> Sample:
    return Sample(name, group, lines, document_features(lines, vocab), roles)


def fit(samples: Iterable[Sample], *, C: float = 0.5, transition_weight: float = 0.1,
        max_iter: int = 400, meta: dict | None = None) -> LinearLabeller:
    """Logistic regression over the samples' features, plus smoothed log transition probabilities."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    samples = list(samples)
    rows = [dict.fromkeys(fs, 1) for s in samples for fs in s.feats]
    y = [r for s in samples for r in s.roles]
    vec = DictVectorizer()
    X = vec.fit_transform(rows)
    clf = LogisticRegression(C=C, max_iter=max_iter)
    clf.fit(X, y)
    classes = list(clf.classes_)
    k = len(classes)
    counts = np.ones((k + 1, k))
    for s in samples:
        prev = k
        for r in s.roles:
            j = classes.index(r)
            counts[prev, j] += 1
            prev = j
    trans = np.log(counts / counts.sum(axis=1, keepdims=True)) * transition_weight
    feats = list(vec.get_feature_names_out())
    coef = clf.coef_ if clf.coef_.shape[0] == k else np.vstack([-clf.coef_[0], clf.coef_[0]])
    intercept = clf.intercept_ if len(clf.intercept_) == k else np.array([-clf.intercept_[0], clf.intercept_[0]])
    # Drop features whose weights are all ~0 (smaller JSON, same predictions to 4 decimals).
    keep = np.abs(coef).max(axis=0) >= 5e-4
    model = LinearLabeller(classes, [f for f, kp in zip(feats, keep, strict=True) if kp], coef[:, keep], intercept,
                           trans, meta=dict(meta or {}, C=C, transition_weight=transition_weight,
                                            roles=list(ROLES)))
    return model


# --------------------------------------------------------------------------------------------
# Documents -> samples (the lines exactly as the pipeline sees them)


def doc_lines(nlp, raw) -> tuple[list[Line], object, dict]:
    """Lines of a read document after the pipeline's normalising tokenizer (with its blocks)."""
    from ..pipeline import make_doc
    from .lines import split_lines

    doc = make_doc(nlp, raw)
    meta = run_state(doc).get("norm") or {}
    return split_lines(doc.text, meta.get("blocks")), doc, meta


def corpus_samples(nlp, docs, gold: dict, vocab: Vocabulary) -> list[Sample]:
    out = []
    for cdoc in docs:
        g = gold.get(cdoc.raw.doc_id)
        if g is None:
            continue
        lines, doc, _ = doc_lines(nlp, cdoc.raw)
        offsets = OffsetMap.of_doc(doc)
        out.append(make_sample(cdoc.name, f"corpus:{cdoc.name[:3]}", lines, corpus_roles(lines, offsets, g), vocab))
    return out


def synthetic_samples(nlp, syndocs, vocab: Vocabulary) -> list[Sample]:
    from ..read import read_bytes

    out = []
    for sd in syndocs:
        raw = read_bytes(sd.data, source=sd.name, fmt=sd.fmt)
        lines, _, _ = doc_lines(nlp, raw)
        roles = aligned_roles(lines, [(g.text, g.role) for g in sd.lines])
        out.append(make_sample(sd.name, sd.family, lines, roles, vocab))
    return out
