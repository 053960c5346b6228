"""Classifying: item type (B/D/O) and decision outcome, with scores, confidence and evidence.

Archive users ask "which items were decisions, and what was decided?". Two components answer:

* ``rar_item_type`` — ``Span._.rar_item_types`` (set of "B", "D", "O"), ``._.rar_item_type`` (primary),
  ``._.rar_item_type_source`` ("marker" or "model"), ``._.rar_item_type_scores``. A printed marker
  ("(B)", "(D/B)", "(O og B)", "(Oplæg + D)", OCR "(0)") is parsed exactly; where none is printed the
  types are read off what the Indstilling proposes (approve/decide -> B, discuss -> D, note -> O, as
  the guideline defines them), and a linear model over title, Sagen kort, Indstilling and Beslutning
  decides items without a usable Indstilling (``method="model"``: the model decides every item).
* ``rar_outcome`` — ``._.rar_outcome`` (set from ``OUTCOME_LABELS``), ``._.rar_with_remarks``,
  ``._.rar_outcome_scores``, ``._.rar_outcome_evidence`` and ``._.rar_proposed_outcome`` (what the Indstilling
  asked for). Unambiguous cue phrases decide by rule ("tog ... til efterretning", "godkendte",
  "drøftede", "besluttede"); a linear model adds what has no fixed wording ("Notatet lægges på
  hjemmesiden" is a decision, "Rådet kvitterede for ..." a discussion).

Primary type: the strongest demand on the council, B over D over O — an item with any decision
in it is a decision item, "(O+D)" is a discussion item. Label definitions: ``corpora/CLASSIFY.md``.

Layout follows spaCy's own components: pure functions (marker parsing, cues, features, the
linear model and its JSON form, prediction) first, the two thin components last. Models are JSON
(vocabulary, idf, coefficients; never pickle), trained by ``training/train_classify.py`` and
loaded in ``initialize``/``from_disk``. Sets live on the ``Doc`` as sorted lists (msgpack-safe for
``nlp.pipe(n_process=2)``) and are exposed as sets by getters.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from ._classify.calibration import Calibration
from ._classify.lexicon import Lexicon, Reading, fuzzy
from ._classify.votes import main_motion_result, parse_votes
from .doc import run_state, section_parts
from .text import sentence_spans

TYPE_LABELS = ("B", "D", "O")
TYPE_PRIORITY = ("B", "D", "O")  # primary type: the first of these that applies
OUTCOME_LABELS = ("godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist",
                  "ingen_beslutning")
NO_DECISION = "ingen_beslutning"
FIELDS = ("title", "sagen_kort", "indstilling", "beslutning")
TASK_FIELDS = {"item_type": FIELDS, "outcome": ("beslutning",), "proposed_outcome": ("indstilling",)}
TASK_LABELS = {"item_type": TYPE_LABELS, "outcome": OUTCOME_LABELS, "proposed_outcome": OUTCOME_LABELS}
MODEL_FILES = {task: f"{task}.json" for task in TASK_FIELDS}
MODEL_FORMAT = "rar-nlp.linear.v1"
RULE_CONF = 0.95  # confidence of an unambiguous cue phrase

# --------------------------------------------------------------------------------------------
# Markers


def parse_marker_types(marker: str | None) -> list[str] | None:
    """Types named by a printed marker ("D/B" -> ["B", "D"]); None when it names no type.

    marker: the raw marker without parentheses as the segmenter stores it. "oplæg" (a talk) is
    not a type; OCR's "0" is "O".
    """
    if not marker:
        return None
    body = re.sub(r"(?:evt\.?\s*)?opl\w*g\w*(?:\s+fra\s+[^/+,]*)?", " ", marker, flags=re.IGNORECASE)
    tokens = [t for t in re.split(r"\s*(?:/|\+|,|\bog\b|&)\s*|\s+", body.strip(), flags=re.IGNORECASE) if t]
    types = set()
    for tok in tokens:
        t = tok.upper().replace("0", "O")
        if t not in TYPE_LABELS:
            return None
        types.add(t)
    return sorted(types) or None


def primary_type(types: Iterable[str]) -> str | None:
    """The primary of several types: B over D over O (see the module docstring)."""
    have = set(types)
    return next((t for t in TYPE_PRIORITY if t in have), None)


# --------------------------------------------------------------------------------------------
# Cue phrases, tolerant of OCR damage (003: ø -> g/@/Q, æ -> ae/z, å -> a/3) and inflection

def _rx(pattern: str) -> re.Pattern:
    return re.compile(fuzzy(pattern), re.IGNORECASE)


CUES: dict[str, re.Pattern] = {
    "godkend": _rx(r"\bgodkend\w*|\bvedt(?:og|ag\w*)\b"),
    "til_godkendelse": _rx(r"\btil\s+godkendelse\b"),
    "tilslut": _rx(r"\btilslut\w*|\btiltrådt\w*"),
    "efterretning": _rx(r"\befterr?etning\w*"),
    "orienter": _rx(r"\borienter\w*"),
    "orienterede": _rx(r"\borienterede\b|\bgav\s+en\s+(?:kort\s+)?status\b"),
    "droeft": _rx(r"\bdrøft\w*|\bdebatter\w*"),
    "droeftede": _rx(r"\bdrøftede\b|\bdebatterede\b|\befter\s+en\s+(?:\w+\s+)?drøftelse\b"),
    "vurderer": _rx(r"\bvurderer,?\s+(?:om|hvordan|hvorvidt)\b"),
    "beslut": _rx(r"\bbeslut\w*"),
    "decide": _rx(r"\bbeslutter\b|\bgodkender\b|\btager\s+stilling\b|\btilkendegiver\b|\bprioriterer\b|"
                  r"\bfastlægger\b|\bvedtager\b|\budpeger\b|\bvælger\b|\btilslutter\s+sig\b"),
    "discuss": _rx(r"\bdrøfter\b|\bdrøfte\b|\bdrøftelse\w*|\bkvalificerer\b|"
                   r"\bkommer\s+med\s+(?:forslag|input|indspil)\b"),
    "besluttede": _rx(r"\bbesluttede\b|\bfastlagde\b|\bvalgte\s+at\b|\bvedtog\s+at\b|\baftalte\b"),
    "som_indstillet": _rx(r"\btiltrådte\s+(?:\w+\s+)?indstilling\w*|\bindstilling\w*\s+blev\s+(?:fulgt|tiltrådt)|"
                          r"^\W*(?:som|jf\.?)\s+indstillet\W*$"),
    "views": _rx(r"\bkvitterede\b|\broste\b|\bpegede\s+på\b|\bfor(?:e)?slog\b|\bser\s+gerne\b|"
                 r"\bblev\s+(?:\w+\s+)?bemærket\b|\bønskede\b|\banbefaler\b|\befterspørger\b|"
                 r"\bfremhævede\b|\bunderstregede\b"),
    "action": _rx(r"\b(?:lægges|udsendes|markedsføres|offentliggøres|etableres|reserveres|prioriteres|"
                  r"fremsendes|videndeles|sendes|følges\s+op|arbejdes\s+videre|udarbejder)\b"),
    "udsat": _rx(r"\b(?:punktet|sagen|behandlingen|beslutningen|drøftelsen)\s+(?:\w+\s+){0,2}"
                 r"(?:udsat|udskudt|udsættes)\b|\budsatte\s+(?:punktet|sagen|behandlingen)\b|"
                 r"\budsættes\b|\bblev\s+udsat\b"),
    "afvist": _rx(r"\bafvist\w*|\bafviste\b|\bforkast\w*|\bikke\s+(?:godkendt|vedtaget|tiltrådt)\b"),
    "no_decision": _rx(r"^\W*(?:intet\s+(?:yderligere|nyt)|ingen\s+(?:punkter|bemærkninger|kommentarer|"
                       r"foreløbige|beslutning|nye)|afbud\s+fra|ikke\s+behandlet)"),
    "remarks": _rx(r"\bmed\s+(?:den|de|følgende|to|tre|fire|en|et|nogle|disse|enkelte|mindre)\s+"
                   r"(?:\w+\s+)?(?:ændring\w*|bemærkning\w*|tilføjelse\w*|justering\w*|præcisering\w*)|"
                   r"\bmed\s+følgende\b|\bdog\s+således\b|\bmed\s+bemærkning\w*|\bjusteres\b|"
                   r"\bunder\s+forudsætning\s+af\b|\bpå\s+betingelse\s+af\b|\bmed\s+forbehold\b"),
    "dagsorden": _rx(r"\bdags?orden\w*"),
    "referat": _rx(r"\breferat\w*"),
    "eventuelt": _rx(r"^\W*eventuelt\b"),
    "tema": _rx(r"\btema\w*|\boplæg\w*"),
    "meddelelser": _rx(r"\bmeddelelse\w*|\bsiden\s+sidst\b|\bstatus\b|\bnyt\s+(?:om|fra)\b|\bgensidig\b"),
}
_NEGATION = _rx(r"\bikke\s+(?:\w+\s+)?$")
_CONDITIONAL = _rx(r"\b(?:når|hvis|såfremt|inden|efter\s+at)\b[^.]*\b(?:er|bliver|blev|være)\s+$")


def cue_vector(texts: dict[str, str]) -> dict[str, float]:
    """Binary cue features per field ("indstilling:godkend"), plus "<field>:empty"."""
    out: dict[str, float] = {}
    for name, text in texts.items():
        text = text or ""
        out[f"{name}:empty"] = float(not text.strip(" -–—\n\t."))
        for cue, rx in CUES.items():
            out[f"{name}:{cue}"] = float(bool(rx.search(text)))
    return out


# Cues that merge labels the outcome tasks keep apart (godkend + beslut are both B): type model only.
TYPE_ONLY_CUES = frozenset({"decide", "discuss"})


LEXICON_TASKS = ("outcome", "proposed_outcome")
LEXICON_FLAGS = ("none", "refers", "placeholder", "ignored")


def lexicon_names(task: str) -> list[str]:
    """The decision-lexicon features of a task: what the lexicon read, as binary features."""
    if task not in LEXICON_TASKS:
        return []
    return [f"lex:{lab}" for lab in OUTCOME_LABELS] + [f"lex:{flag}" for flag in LEXICON_FLAGS]


def lexicon_vector(task: str, texts: dict[str, str]) -> dict[str, float]:
    """What the decision lexicon reads in the task's section, as features for the model.

    The lexicon carries the publisher-independent wording; the model learns where a publisher's
    discursive text makes a cue say less than it seems ("Rådet fremhævede …" in a noting item).
    """
    lex = Lexicon.default()
    if task == "outcome":
        ind = texts.get("indstilling") or ""
        proposed = sorted(lex.proposal(ind).labels) if ind.strip() else None
        reading = lex.decision(texts.get("beslutning") or "", proposed=proposed, title=texts.get("title") or "")
    elif task == "proposed_outcome":
        reading = lex.proposal(texts.get("indstilling") or "")
    else:
        return {}
    out = {f"lex:{lab}": 1.0 for lab in reading.labels}
    out["lex:none"] = float(not reading.labels)
    out["lex:refers"] = float(bool(reading.refers))
    out["lex:placeholder"] = float(reading.placeholder)
    out["lex:ignored"] = float(bool(reading.ignored))
    return out


def cue_names(fields: Sequence[str], task: str = "item_type") -> list[str]:
    """Names of the cue features a task's model uses, in feature order."""
    cues = [c for c in CUES if task == "item_type" or c not in TYPE_ONLY_CUES]
    return [f"{name}:{cue}" for name in fields for cue in ("empty", *cues)] + lexicon_names(task)


# --------------------------------------------------------------------------------------------
# Item fields: the text a prediction reads, with offsets for evidence


@dataclass
class Field:
    """One field of an item: its printed parts as (doc char offset, text) and whether it is printed."""

    name: str
    parts: list[tuple[int, str]] = field(default_factory=list)
    present: bool = False

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.parts)

    @property
    def blank(self) -> bool:
        return not self.text.strip(" -–—\n\t.")

    def sentences(self) -> list[tuple[int, int, str]]:
        """Sentences as (doc start, doc end, text) (``nlp.text``: each line splits further)."""
        return [(off + a, off + b, text[a:b])
                for off, text in self.parts for a, b in sentence_spans(text, trim="")]


def _empty_fields(item: Span, doc_text: str) -> dict[str, Field]:
    fields = {name: Field(name) for name in FIELDS}
    title = item._.rar_title
    if title:
        header_end = doc_text.find("\n", item.start_char)
        header_end = item.end_char if header_end < 0 else min(header_end, item.end_char)
        at = doc_text.find(title, item.start_char, header_end)
        fields["title"] = Field("title", [(at if at >= 0 else item.start_char, title)], True)
    return fields


def _add_section(fields: dict[str, Field], sec: Span) -> None:
    name = sec._.rar_section
    if name in fields:
        fields[name].present = True
        if sec.text.strip():
            fields[name].parts.append((sec.start_char, sec.text))


def item_fields(item: Span, doc_text: str | None = None) -> dict[str, Field]:
    """Title, Sagen kort, Indstilling and Beslutning of an item span (all printed parts of each).

    doc_text: ``item.doc.text`` if already at hand (spaCy rebuilds it from the tokens on each access).
    """
    fields = _empty_fields(item, item.doc.text if doc_text is None else doc_text)
    for parts in section_parts(item).values():
        for sec in parts:
            _add_section(fields, sec)
    return fields


def field_texts(fields: dict[str, Field], names: Sequence[str]) -> dict[str, str]:
    return {n: fields[n].text for n in names}


# --------------------------------------------------------------------------------------------
# Features and the linear model (JSON in, JSON out)

_TOKEN = re.compile(r"[a-zæøåéü]+")
_FOLD = str.maketrans({"ø": "o", "æ": "a", "å": "a", "é": "e", "ü": "u"})
STEM = 6


def analyze(text: str) -> list[str]:
    """Tokens for the bag of words: lower-cased, Danish letters folded, cut to 6 letters, + bigrams.

    Cutting words to a prefix makes "godkendte/godkendt/godkender" one feature; the corpus is
    too small to learn each inflection separately.
    """
    text = unicodedata.normalize("NFC", text or "").lower()
    toks = [t.translate(_FOLD)[:STEM] for t in _TOKEN.findall(text) if len(t) > 1]
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


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

    from ._classify import estimator

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


# --------------------------------------------------------------------------------------------
# Prediction (pure): results are plain dataclasses


@dataclass
class Prediction:
    """A multi-label prediction with per-label scores, a task confidence and evidence spans."""

    labels: list[str]
    scores: dict[str, float]
    confidence: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    source: str | None = None
    primary: str | None = None
    with_remarks: bool | None = None
    votes: list[dict[str, Any]] = field(default_factory=list)
    reservations: list[dict[str, Any]] = field(default_factory=list)


def _evidence(field_: Field, start: int, end: int, text: str, labels: list[str]) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text, "section": field_.name, "labels": labels}


def _merge_evidence(ev: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per sentence, listing every label it carries."""
    by_span: dict[tuple[int, int], dict[str, Any]] = {}
    for e in ev:
        cur = by_span.setdefault((e["start"], e["end"]), {**e, "labels": []})
        cur["labels"] = sorted(set(cur["labels"]) | set(e["labels"]))
    return [by_span[k] for k in sorted(by_span)]


def _set_confidence(scores: dict[str, float], labels: Iterable[str]) -> float:
    """How sure the least sure label decision is: min over labels of max(score, 1 - score)."""
    chosen = set(labels)
    vals = [s if lab in chosen else 1.0 - s for lab, s in scores.items()]
    return round(min(vals), 4) if vals else 1.0


# A rule hit: (doc start, doc end, sentence) of the sentence carrying a cue, optionally + its confidence.
Hit = tuple


def _cue_hits(rx: re.Pattern, field_: Field, *, guard: bool = False) -> list[Hit]:
    """Sentences of a field where the cue occurs (guard: not negated, not conditional)."""
    hits = []
    for a, b, sent in field_.sentences():
        for m in rx.finditer(sent):
            before = sent[: m.start()]
            if guard and (_NEGATION.search(before) or _CONDITIONAL.search(before)):
                continue
            hits.append((a, b, sent))
            break
    return hits


def mask_guarded(text: str) -> str:
    """Hide negated or conditional approvals ("ikke godkendt", "når det er godkendt") from the model."""
    out, last = [], 0
    for m in CUES["godkend"].finditer(text):
        sent_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        before = text[sent_start:m.start()]
        if _NEGATION.search(before) or _CONDITIONAL.search(before):
            out += [text[last:m.start()], "betinget"]
            last = m.end()
    return "".join(out) + text[last:]


def _doc_offset(field_: Field) -> Callable[[int], int]:
    """Map a position in ``field_.text`` (parts joined by newlines) to its offset in the document."""
    starts, at = [], 0
    for off, text in field_.parts:
        starts.append((at, off))
        at += len(text) + 1

    def to_doc(pos: int) -> int:
        base, off = next((p, o) for p, o in reversed(starts) if p <= pos)
        return off + pos - base

    return to_doc


def _reading_hits(field_: Field, reading: Reading) -> dict[str, list[Hit]]:
    """A lexicon reading's clause spans as doc-offset hits."""
    text, to_doc = field_.text, _doc_offset(field_)
    return {lab: [(to_doc(a), to_doc(a) + b - a, text[a:b]) for a, b in spans]
            for lab, spans in reading.labels.items()}


def decision_rules(field_: Field, proposed: Sequence[str] | None = None,
                   title: str = "") -> tuple[dict[str, list[Hit]], Reading]:
    """What the decision lexicon reads in a Beslutning: label -> clauses that carry it."""
    reading = Lexicon.default().decision(field_.text, proposed=list(proposed or []) or None, title=title)
    return _reading_hits(field_, reading), reading


def proposal_rules(field_: Field) -> dict[str, list[Hit]]:
    """What the decision lexicon reads in an Indstilling: label -> "at …" clauses that carry it."""
    return _reading_hits(field_, Lexicon.default().proposal(field_.text))


def _best_sentence(field_: Field, model: LinearModel, label: str) -> tuple[int, int, str] | None:
    """The sentence the model scores highest for a label (evidence for model-only labels)."""
    best, best_p = None, -1.0
    for a, b, sent in field_.sentences():
        p = model.predict_proba({field_.name: sent})[label]
        if p > best_p:
            best, best_p = (a, b, sent), p
    return best


def _combine(field_: Field, rules: dict[str, list[Hit]], model: LinearModel | None,
             labels: Sequence[str], *, threshold: float, mode: str, texts: dict[str, str] | None = None) -> Prediction:
    """Lexicon and model together.

    ``hybrid``: the model decides over tf-idf, cue and lexicon features (what the lexicon read is
    its strongest evidence); ``rules``: the lexicon decides and the model only fills a text where
    no cue fired; ``model``: the model alone. Evidence is the lexicon's clause where it has one.
    """
    texts = texts if texts is not None else {field_.name: field_.text}
    probs = model.predict_proba(texts) if model is not None else {}
    scores, evidence, chosen = {}, [], []
    for lab in labels:
        p = probs.get(lab, 0.0)
        hits = rules.get(lab, [])
        scores[lab] = round(p if probs else (RULE_CONF if hits else 0.0), 4)
        take = (bool(hits) if mode == "rules" or not probs else p >= threshold)
        if take:
            chosen.append(lab)
    if not chosen and probs:
        chosen = [max(labels, key=lambda lab: probs.get(lab, 0.0))]
    for lab in chosen:
        if rules.get(lab):
            a, b, s, *_ = rules[lab][0]
            evidence.append(_evidence(field_, a, b, s, [lab]))
        elif model is not None and (best := _best_sentence(field_, model, lab)):
            evidence.append(_evidence(field_, *best, [lab]))
    return Prediction(sorted(chosen, key=labels.index), scores, _set_confidence(scores, chosen),
                      _merge_evidence(evidence))


def predict_proposed(fields: dict[str, Field], model: LinearModel | None, *, threshold: float = 0.5,
                     mode: str = "hybrid") -> Prediction:
    """What the Indstilling asks the council to do; [] when the item has no Indstilling."""
    ind = fields["indstilling"]
    labels = [lab for lab in OUTCOME_LABELS if lab != NO_DECISION]
    if ind.blank:
        return Prediction([], dict.fromkeys(labels, 0.0), 1.0)
    # An Indstilling states each proposal with a verb ("godkender", "drøfter", "lægges på
    # hjemmesiden"): where a cue fired it is the whole answer, and the model reads only the rest.
    rules = proposal_rules(ind) if mode != "model" else {}
    return _combine(ind, rules, model, labels, threshold=threshold, mode=mode, texts=field_texts(fields, FIELDS))


def predict_outcome(fields: dict[str, Field], model: LinearModel | None, proposed: Prediction, *,
                    threshold: float = 0.5, mode: str = "hybrid") -> Prediction:
    """The outcome recorded in the Beslutning; ``proposed`` resolves "tiltrådte indstillingen".

    The decision lexicon reads what is worded (furniture, dissent and side motions set aside,
    negation and scope applied); the model decides only texts where no cue fired.
    """
    bes = fields["beslutning"]
    labels = list(OUTCOME_LABELS)
    if bes.blank:  # agenda ("-"), empty "Referat", or no Beslutning printed at all
        ev = [_evidence(bes, bes.parts[0][0], bes.parts[0][0] + len(bes.parts[0][1].rstrip()),
                        bes.parts[0][1].strip(), [NO_DECISION])] if bes.parts else []
        scores = {lab: float(lab == NO_DECISION) for lab in labels}
        return Prediction([NO_DECISION], scores, 1.0, ev, with_remarks=None)
    rules, reading = decision_rules(bes, proposed.labels, fields["title"].text) if mode != "model" else ({}, None)
    votes, reservations = field_votes(bes)
    if mode != "model" and (result := main_motion_result(votes)) and not (set(rules) - {NO_DECISION}):
        # a division with no decision verb ("For: 11 … Imod: 4"): the main motion's fate decides
        main = next(v for v in votes if v["motion"] == "indstillingen" or result == "udsat")
        ev = main["evidence"]
        hit = [(ev["start"], ev["end"], ev["text"])]
        carried = list(proposed.labels) or ["godkendt"]
        rules = {lab: hit for lab in ({"vedtaget": carried, "forkastet": ["afvist"], "udsat": ["udsat"]}[result])}
    pred = _combine(bes, rules, model, labels, threshold=threshold, mode=mode, texts=field_texts(fields, FIELDS))
    if reading is not None and reading.refers:  # "tiltrådte indstillingen": as sure as the proposal
        if rules and mode == "hybrid":  # it means exactly what was proposed: the model adds nothing
            pred.labels = [lab for lab in labels if lab in rules]
            pred.evidence = [e for e in pred.evidence if set(e["labels"]) & set(rules)] or pred.evidence
            for lab in pred.labels:
                pred.scores[lab] = max(pred.scores[lab], RULE_CONF)
        for lab in proposed.labels:
            if lab in pred.scores and lab in rules:
                pred.scores[lab] = round(min(pred.scores[lab], RULE_CONF * proposed.scores.get(lab, 1.0)), 4)
        pred.confidence = _set_confidence(pred.scores, pred.labels)
    if NO_DECISION in pred.labels and len(pred.labels) > 1:
        pred.labels = [lab for lab in pred.labels if lab != NO_DECISION]
        pred.evidence = [e for e in pred.evidence if e["labels"] != [NO_DECISION]]
        pred.confidence = _set_confidence(pred.scores, pred.labels)
    if pred.labels == [NO_DECISION]:
        pred.with_remarks = None
    elif {"godkendt", "besluttet"} & set(pred.labels):
        pred.with_remarks = reading.with_remarks if reading is not None and rules else \
            bool(Lexicon.default().remarks.search(bes.text))
    else:
        pred.with_remarks = False
    pred.votes, pred.reservations = votes, reservations
    return pred


def field_votes(field_: Field) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Votes and reservations printed in a section, with evidence offsets into the document."""
    if field_.blank:
        return [], []
    votes, reservations = parse_votes(field_.text)
    to_doc = _doc_offset(field_)
    for entry in (*votes, *reservations):
        ev = entry.get("evidence")
        if ev and "start" in ev:
            ev["start"], ev["end"] = to_doc(ev["start"]), to_doc(ev["start"]) + ev["end"] - ev["start"]
    return votes, reservations


def _marker_evidence(item: Span, marker: str, doc_text: str) -> dict[str, Any] | None:
    header_end = doc_text.find("\n", item.start_char)
    header_end = item.end_char if header_end < 0 else min(header_end, item.end_char)
    at = doc_text.rfind(marker, item.start_char, header_end)
    if at < 0:
        return None
    a, b = doc_text.rfind("(", item.start_char, at), doc_text.find(")", at, header_end)
    a, b = (a if a >= 0 else at), (b + 1 if b >= 0 else at + len(marker))
    return {"start": a, "end": b, "text": doc_text[a:b], "section": "header"}


_TYPE_EVIDENCE = {"B": _rx(r"\bgodkend\w*|\bbeslut\w*|\btil\s+godkendelse\b|\btilslutter\b"),
                  "D": _rx(r"\bdrøft\w*"), "O": _rx(r"\befterretning\b|\borienter\w*")}


PROPOSAL_TYPES = {"godkendt": "B", "besluttet": "B", "droeftet": "D", "taget_til_efterretning": "O"}
TYPE_METHODS = ("proposal", "model")


def type_from_proposal(proposed: Prediction, indstilling: str = "") -> Prediction | None:
    """The types an Indstilling asks for, read off its proposed outcome (the guideline's definition).

    Approving or deciding -> B, discussing -> D, noting -> O; "tager orienteringen til efterretning
    og vurderer, om …" without any "drøfter" is O only, as the guideline says the councils mark it.
    None when the proposal names none of these (no Indstilling, or only "udsat"/"afvist"), so the
    caller falls back to the type model.
    """
    labels = set(proposed.labels)
    if {"droeftet", "taget_til_efterretning"} <= labels and not CUES["droeft"].search(indstilling) \
            and CUES["vurderer"].search(indstilling):
        labels.discard("droeftet")
    types = sorted({PROPOSAL_TYPES[lab] for lab in labels if lab in PROPOSAL_TYPES}, key=TYPE_LABELS.index)
    if not types:
        return None
    primary = primary_type(types)
    scores = {t: round(max(proposed.scores.get(lab, 0.0) for lab, to in PROPOSAL_TYPES.items() if to == t), 4)
              for t in TYPE_LABELS}
    evidence = [{**e, "labels": [primary]} for e in proposed.evidence
                if any(PROPOSAL_TYPES.get(lab) == primary for lab in e["labels"])][:1]
    return Prediction(types, scores, proposed.confidence, evidence, source="model", primary=primary)


PROPOSALS_KEY = "proposals"  # run_state(doc)[PROPOSALS_KEY]: item "start:end" -> the proposal (a Prediction as dict)


def stored_proposal(item: Span) -> Prediction | None:
    """The proposed outcome rar_outcome computed for this item (None when it did not run first)."""
    data = (run_state(item.doc).get(PROPOSALS_KEY) or {}).get(f"{item.start_char}:{item.end_char}")
    return Prediction(**data) if data is not None else None


def predict_type(item: Span, fields: dict[str, Field], model: LinearModel | None, *,
                 use_markers: bool = True, threshold: float = 0.5, doc_text: str | None = None,
                 method: str = "proposal", proposed_model: LinearModel | None = None,
                 proposed: Prediction | None = None) -> Prediction:
    """Item types from the printed marker, else from the Indstilling or the type model; primary B > D > O.

    ``method="proposal"`` reads the types off the proposed outcome (rules + ``proposed_model``),
    as the guideline defines an unmarked item's type; the type model then only decides items
    without a usable Indstilling (e.g. "Eventuelt"). ``method="model"`` uses the type model alone,
    which learns the councils' marker conventions and scores lower on unseen councils (model card).
    """
    marker = item._.rar_marker if use_markers else None
    types = parse_marker_types(marker)
    if types:
        scores = {t: float(t in types) for t in TYPE_LABELS}
        ev = _marker_evidence(item, marker, item.doc.text if doc_text is None else doc_text)
        return Prediction(types, scores, 1.0, [ev] if ev else [], source="marker", primary=primary_type(types))
    word = item._.rar_type_word if use_markers and Span.has_extension("rar_type_word") else None
    if word in TYPE_LABELS:  # the type printed as a word: "Beslutningssag", "Orienteringssag"
        ev = _marker_evidence(item, item.doc.text[item.start_char:item.end_char].split("\n", 1)[0].strip(),
                              item.doc.text if doc_text is None else doc_text)
        return Prediction([word], {t: float(t == word) for t in TYPE_LABELS}, 1.0, [ev] if ev else [],
                          source="type_word", primary=word)
    if method == "proposal" and not fields["indstilling"].blank:
        if proposed is None:  # rar_outcome did not run before us: compute the proposal here
            proposed = predict_proposed(fields, proposed_model, threshold=threshold)
        derived = type_from_proposal(proposed, fields["indstilling"].text)
        if derived is not None:
            return derived
    if model is None:
        return Prediction([], dict.fromkeys(TYPE_LABELS, 0.0), 0.0, source=None, primary=None)
    probs = model.predict_proba(field_texts(fields, model.fields))
    chosen = [t for t in TYPE_LABELS if probs[t] >= threshold] or [max(TYPE_LABELS, key=probs.get)]
    primary = primary_type(chosen)
    scores = {t: round(p, 4) for t, p in probs.items()}
    evidence = []  # the Indstilling sentence with the primary type's cue, else its first sentence
    for name in ("indstilling", "title", "sagen_kort"):
        hits = _cue_hits(_TYPE_EVIDENCE[primary], fields[name]) or fields[name].sentences()[:1]
        if hits:
            evidence = [_evidence(fields[name], *hits[0][:3], [primary])]
            break
    return Prediction(chosen, scores, round(scores[primary], 4), evidence, source="model", primary=primary)


# --------------------------------------------------------------------------------------------
# spaCy extensions: lists on the Doc (msgpack-safe), sets through getters


def _load_task_model(task: str, model_dir: str | Path | None) -> LinearModel:
    from .pipeline import MODELS_DIR

    path = Path(model_dir) if model_dir else MODELS_DIR / "classify"
    file = path / MODEL_FILES[task]
    if not file.exists():
        raise FileNotFoundError(f"{file} is missing; build it with `python training/train_classify.py`")
    return LinearModel.load(file)


CALIBRATION_FILE = "calibration.json"


def _load_calibration(model_dir: str | Path | None) -> Calibration | None:
    """The shipped confidence calibration (``training/train_classify.py`` writes it), if present."""
    from .pipeline import MODELS_DIR

    file = (Path(model_dir) if model_dir else MODELS_DIR / "classify") / CALIBRATION_FILE
    return Calibration.load(file) if file.exists() else None


class _ModelPipe(Pipe):
    """Shared plumbing: JSON models loaded in ``initialize``/``from_disk``, never at import."""

    tasks: tuple[str, ...] = ()

    def __init__(self, nlp: Language, name: str, *, threshold: float, scorer: Callable | None) -> None:
        self.name = name
        self.threshold = threshold
        self.scorer = scorer
        self.models: dict[str, LinearModel | None] = dict.fromkeys(self.tasks)
        self.calibration: Calibration | None = None  # raw confidences until a calibration is loaded
        self.cfg: dict[str, Any] = {"threshold": threshold}

    def calibrated(self, task: str, p: float | None) -> float | None:
        """The task's calibrated confidence (identity without a calibration file)."""
        return p if self.calibration is None else self.calibration(task, p)

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, model_dir: str | None = None) -> None:
        """Load the committed models (``MODELS_DIR/classify``) or those in ``model_dir``.

        (``str``, not ``Path``: spaCy validates these settings from the signature's annotations.)"""
        for task in self.tasks:
            self.models[task] = _load_task_model(task, model_dir)
        self.calibration = _load_calibration(model_dir)

    def set_models(self, **models: LinearModel | None) -> None:
        """Swap in models trained elsewhere (the LODO evaluation does this per fold)."""
        for task, model in models.items():
            if task not in self.tasks:
                raise KeyError(task)
            self.models[task] = model

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:  # one bad document is reported, not the batch
            error_handler(self.name, self, [doc], e)
            return doc  # unannotated, as the other rar components do when the handler lets it pass

    def predict(self, docs: Iterable[Doc]) -> list[list[Any]]:
        """Per document, one prediction per item span (the per-item logic is in pure functions).

        rar_item_type reads the proposal rar_outcome stored on the Doc, so a batch is predicted and
        annotated per component in pipeline order (``nlp.pipe`` does this)."""
        out = []
        for doc in docs:
            text = doc.text  # built once: spaCy rebuilds it from the tokens on every access
            out.append([self.predict_item(item, item_fields(item, text), text) for item in doc.spans.get("items", [])])
        return out

    def set_annotations(self, docs: Iterable[Doc], preds: list[list[Any]]) -> None:
        for doc, results in zip(docs, preds, strict=True):
            for item, result in zip(doc.spans.get("items", []), results, strict=True):
                self.annotate_item(item, result)

    def predict_item(self, item: Span, fields: dict[str, Field] | None = None, doc_text: str | None = None) -> Any:
        """Prediction for one item (``fields``/``doc_text`` save recomputing them per item)."""
        raise NotImplementedError

    def annotate_item(self, item: Span, result: Any) -> None:
        raise NotImplementedError

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)  # data only: the settings live in the config
        for task, model in self.models.items():
            if model is not None:
                model.save(path / MODEL_FILES[task])
        if self.calibration is not None:
            self.calibration.save(path / CALIBRATION_FILE)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> _ModelPipe:
        path = Path(path)
        for task in self.tasks:
            if (path / MODEL_FILES[task]).exists():
                self.models[task] = LinearModel.load(path / MODEL_FILES[task])
        if (path / CALIBRATION_FILE).exists():
            self.calibration = Calibration.load(path / CALIBRATION_FILE)
        return self


class ItemTypeClassifier(_ModelPipe):
    """spaCy component: item types from the printed marker, else from the proposal or the type model."""

    tasks = ("item_type", "proposed_outcome")

    def __init__(self, nlp: Language, name: str = "rar_item_type", *, use_markers: bool = True,
                 threshold: float = 0.5, method: str = "proposal", scorer: Callable | None = None) -> None:
        if method not in TYPE_METHODS:
            raise ValueError(f"method must be one of {', '.join(TYPE_METHODS)}, not {method!r}")
        super().__init__(nlp, name, threshold=threshold, scorer=scorer)
        self.use_markers = use_markers
        self.method = method
        self.cfg.update(use_markers=use_markers, method=method)

    def predict_item(self, item: Span, fields: dict[str, Field] | None = None,
                     doc_text: str | None = None) -> Prediction:
        return predict_type(item, fields or item_fields(item, doc_text), self.models["item_type"],
                            use_markers=self.use_markers, threshold=self.threshold, doc_text=doc_text,
                            method=self.method, proposed_model=self.models["proposed_outcome"],
                            proposed=stored_proposal(item))

    def annotate_item(self, item: Span, result: Prediction) -> None:
        item._.rar_item_type_list = list(result.labels)
        item._.rar_item_type = result.primary
        item._.rar_item_type_source = result.source
        item._.rar_item_type_scores = dict(result.scores)
        item._.rar_item_type_confidence = result.confidence if result.source in ("marker", "type_word") \
            else self.calibrated("item_type", result.confidence)
        item._.rar_item_type_evidence = result.evidence[0] if result.evidence else None


class OutcomeClassifier(_ModelPipe):
    """spaCy component: decision outcome from the Beslutning, proposed outcome from the Indstilling."""

    tasks = ("outcome", "proposed_outcome")

    def __init__(self, nlp: Language, name: str = "rar_outcome", *, threshold: float = 0.5,
                 mode: str = "hybrid", scorer: Callable | None = None) -> None:
        if mode not in ("hybrid", "rules", "model"):
            raise ValueError(f"mode must be hybrid, rules or model, not {mode!r}")
        super().__init__(nlp, name, threshold=threshold, scorer=scorer)
        self.mode = mode
        self.cfg["mode"] = mode

    def predict_item(self, item: Span, fields: dict[str, Field] | None = None,
                     doc_text: str | None = None) -> tuple[Prediction, Prediction]:
        fields = fields or item_fields(item, doc_text)
        proposed = predict_proposed(fields, self.models["proposed_outcome"], threshold=self.threshold,
                                    mode=self.mode)
        outcome = predict_outcome(fields, self.models["outcome"], proposed, threshold=self.threshold,
                                  mode=self.mode)
        return outcome, proposed

    def annotate_item(self, item: Span, result: tuple[Prediction, Prediction]) -> None:
        outcome, proposed = result
        item._.rar_outcome_list = list(outcome.labels)
        item._.rar_outcome_scores = dict(outcome.scores)
        item._.rar_outcome_confidence = self.calibrated("outcome", outcome.confidence)
        item._.rar_outcome_evidence = list(outcome.evidence)
        item._.rar_with_remarks = outcome.with_remarks
        item._.rar_proposed_outcome_list = list(proposed.labels)
        item._.rar_proposed_outcome_scores = dict(proposed.scores)
        item._.rar_proposed_outcome_confidence = self.calibrated("proposed_outcome", proposed.confidence)
        item._.rar_proposed_outcome_evidence = list(proposed.evidence)
        item._.rar_votes = list(outcome.votes)
        item._.rar_reservations = list(outcome.reservations)
        # The raw proposal, for rar_item_type (which runs after this component): computed once per item.
        proposals = run_state(item.doc).setdefault(PROPOSALS_KEY, {})
        proposals[f"{item.start_char}:{item.end_char}"] = asdict(proposed)


# --------------------------------------------------------------------------------------------
# Scorers (so ``nlp.evaluate`` works on Examples whose reference items carry gold labels)


def _aligned_items(examples: Iterable[Example]) -> Iterable[tuple[Span, Span]]:
    for eg in examples:
        ref = {(s.start_char, s.end_char): s for s in eg.reference.spans.get("items", [])}
        for s in eg.predicted.spans.get("items", []):
            if (s.start_char, s.end_char) in ref:
                yield s, ref[(s.start_char, s.end_char)]


def score_item_types(examples: Iterable[Example], **kwargs: Any) -> dict[str, float | None]:
    """Primary-type accuracy over items whose reference span has an ``item_type``."""
    pairs = [(p._.rar_item_type, r._.rar_item_type) for p, r in _aligned_items(examples) if r._.rar_item_type]
    return {"item_type_acc": sum(p == g for p, g in pairs) / len(pairs) if pairs else None}


def score_outcomes(examples: Iterable[Example], **kwargs: Any) -> dict[str, float | None]:
    """Exact-set accuracy of outcome and proposed outcome over items with reference labels."""
    out: dict[str, float | None] = {}
    for key, attr in (("outcome_acc", "rar_outcome_list"), ("proposed_outcome_acc", "rar_proposed_outcome_list")):
        pairs = [(set(getattr(p._, attr) or []), set(getattr(r._, attr)))
                 for p, r in _aligned_items(examples) if getattr(r._, attr) is not None]
        out[key] = sum(p == g for p, g in pairs) / len(pairs) if pairs else None
    return out


@registry.scorers("rar.item_type_scorer.v1")
def make_item_type_scorer() -> Callable:
    return score_item_types


@registry.scorers("rar.outcome_scorer.v1")
def make_outcome_scorer() -> Callable:
    return score_outcomes


@Language.factory(
    "rar_item_type",
    assigns=["span._.rar_item_type", "span._.rar_item_type_list", "span._.rar_item_type_source",
             "span._.rar_item_type_scores", "span._.rar_item_type_confidence", "span._.rar_item_type_evidence"],
    requires=["doc.spans", "span._.rar_marker", "span._.rar_section"],
    default_config={"use_markers": True, "threshold": 0.5, "method": "proposal",
                    "scorer": {"@scorers": "rar.item_type_scorer.v1"}},
    default_score_weights={"item_type_acc": 1.0},
)
def make_item_type(nlp: Language, name: str, use_markers: bool, threshold: float, method: str,
                   scorer: Callable | None) -> ItemTypeClassifier:
    return ItemTypeClassifier(nlp, name, use_markers=use_markers, threshold=threshold, method=method, scorer=scorer)


@Language.factory(
    "rar_outcome",
    assigns=["span._.rar_outcome_list", "span._.rar_outcome_scores", "span._.rar_outcome_confidence",
             "span._.rar_outcome_evidence", "span._.rar_with_remarks", "span._.rar_proposed_outcome_list",
             "span._.rar_proposed_outcome_scores", "span._.rar_proposed_outcome_confidence",
             "span._.rar_proposed_outcome_evidence", "span._.rar_votes", "span._.rar_reservations"],
    requires=["doc.spans", "span._.rar_section"],
    default_config={"threshold": 0.5, "mode": "hybrid", "scorer": {"@scorers": "rar.outcome_scorer.v1"}},
    default_score_weights={"outcome_acc": 0.5, "proposed_outcome_acc": 0.5},
)
def make_outcome(nlp: Language, name: str, threshold: float, mode: str, scorer: Callable | None) -> OutcomeClassifier:
    return OutcomeClassifier(nlp, name, threshold=threshold, mode=mode, scorer=scorer)


# --------------------------------------------------------------------------------------------
# Export hook


def _clean_evidence(ev: dict[str, Any] | None) -> dict[str, Any] | None:
    if not ev:
        return None
    return {k: ev[k] for k in ("start", "end", "text", "section", "labels") if k in ev}


def record_fields(item: Span) -> dict[str, Any]:
    """Record fields for ``nlp.export``; {} for the parts whose component did not run."""
    out: dict[str, Any] = {}
    confidence: dict[str, float] = {}
    evidence: dict[str, Any] = {}
    if item._.rar_item_type_list is not None:
        out.update(item_types=sorted(item._.rar_item_type_list), item_type=item._.rar_item_type,
                   item_type_source=item._.rar_item_type_source,
                   item_type_scores=dict(item._.rar_item_type_scores or {}))
        confidence["item_type"] = float(item._.rar_item_type_confidence or 0.0)
        evidence["item_type"] = _clean_evidence(item._.rar_item_type_evidence)
    if item._.rar_outcome_list is not None:
        out.update(outcome=list(item._.rar_outcome_list), outcome_scores=dict(item._.rar_outcome_scores or {}),
                   with_remarks=item._.rar_with_remarks, proposed_outcome=list(item._.rar_proposed_outcome_list or []))
        confidence["outcome"] = float(item._.rar_outcome_confidence or 0.0)
        confidence["proposed_outcome"] = float(item._.rar_proposed_outcome_confidence or 0.0)
        evidence["outcome"] = [_clean_evidence(e) for e in item._.rar_outcome_evidence or []] or None
        evidence["proposed_outcome"] = [_clean_evidence(e) for e in item._.rar_proposed_outcome_evidence or []] or None
        out.update(votes=list(item._.rar_votes or []), reservations=list(item._.rar_reservations or []))
    if confidence:
        out["confidence"] = confidence
    if evidence:
        out["evidence"] = evidence
    return out
