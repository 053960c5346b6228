"""Greedy decoding for a causal LM without ``generate()``: same tokens, less work.

Why not ``model.generate``: at every step it (a) runs the lm_head on a non-contiguous slice of the
last hidden state, which makes torch copy the whole 262144×640 output weight of Gemma per call,
(b) keeps computing rows that already stopped (a static batch: at batch 8 only ~58 % of row-steps
produce tokens) and (c) adds per-step Python overhead (processors, criteria over all rows). Here:

* prefill with left padding, an attention mask and position ids from the mask (as ``generate``);
* the lm_head only on ``hidden[:, -1, :].contiguous()`` (one position per row);
* a ``DynamicCache``; rows that finished are dropped from the batch (``batch_select_indices``),
  so the remaining rows decode alone;
* prompts sorted by length and cut into batches (little padding), results in the input order.

The stopping rule and outputs are those of the former ``generate()`` path: greedy argmax, stop at
<eos>, at ``max_new_tokens`` or when ``stop(text)`` says so (a third sentence began); the returned
tokens include the token that stopped the row. Greedy choices can still differ from another batch
layout where two logits are within rounding error of each other.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Decoded:
    """One prompt's result: generated token ids and the log-probability of each chosen token."""

    tokens: list[int] = field(default_factory=list)
    logprobs: list[float] = field(default_factory=list)


@dataclass
class DecodeStats:
    """Work and wall time of a ``greedy_decode`` call, for the benchmark's tokens/s figures."""

    prefill_tokens: int = 0  # real (unpadded) prompt tokens
    prefill_seconds: float = 0.0
    decode_tokens: int = 0  # generated tokens after the first (the first comes from the prefill)
    decode_seconds: float = 0.0
    row_steps: int = 0  # rows computed per decode step, summed (equals decode_tokens: no idle rows)

    def add(self, other: DecodeStats) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _last_logits(model: Any, hidden: Any) -> Any:
    """float32 logits of the last position only: the lm_head on a contiguous (rows, d) matrix."""
    import torch

    logits = model.lm_head(hidden[:, -1, :].contiguous())
    cap = getattr(model.config, "final_logit_softcapping", None)
    if cap is not None:
        logits = torch.tanh(logits / cap) * cap
    return logits.float()


def _choose(logits: Any) -> tuple[Any, Any]:
    """(token ids, their log-probabilities): greedy argmax, as ``generate(do_sample=False)``."""
    import torch

    logp = torch.log_softmax(logits, dim=-1)
    best = logp.max(dim=-1)
    return best.indices, best.values


def decode_batch(model: Any, prompts: Sequence[list[int]], *, pad_id: int, eos_id: int | None,
                 max_new_tokens: int, stop: Callable[[list[int]], bool] | None = None,
                 stats: DecodeStats | None = None) -> list[Decoded]:
    """Greedy continuations of one batch of token-id prompts (left-padded into one tensor).

    stop(tokens): called with a row's generated ids after each step; True ends that row (its
    last token is kept). Finished rows leave the batch, so later steps compute only live rows."""
    import torch
    from transformers import DynamicCache

    out = [Decoded() for _ in prompts]
    if not prompts or max_new_tokens <= 0:
        return out
    stats = stats if stats is not None else DecodeStats()
    width = max(len(p) for p in prompts)
    ids = torch.tensor([[pad_id] * (width - len(p)) + list(p) for p in prompts])
    mask = torch.tensor([[0] * (width - len(p)) + [1] * len(p) for p in prompts])
    pos = (mask.cumsum(-1) - 1).masked_fill(mask == 0, 0)
    cache = DynamicCache(config=model.config)
    backbone = model.model
    live = list(range(len(prompts)))  # the prompt index of each row still in the batch
    t0 = time.perf_counter()
    with torch.inference_mode():
        hidden = backbone(input_ids=ids, attention_mask=mask, position_ids=pos, past_key_values=cache,
                          use_cache=True).last_hidden_state
        nxt, lp = _choose(_last_logits(model, hidden))
        stats.prefill_tokens += sum(len(p) for p in prompts)
        stats.prefill_seconds += time.perf_counter() - t0
        t0 = time.perf_counter()
        step = 0
        while True:
            step += 1
            keep: list[int] = []
            for row, (tok, logp) in enumerate(zip(nxt.tolist(), lp.tolist(), strict=True)):
                res = out[live[row]]
                res.tokens.append(tok)
                res.logprobs.append(logp)
                done = (eos_id is not None and tok == eos_id) or step >= max_new_tokens or \
                    (stop is not None and stop(res.tokens))
                if not done:
                    keep.append(row)
            if not keep:
                break
            last = nxt
            if len(keep) < len(live):  # drop finished rows from every tensor and the cache
                sel = torch.tensor(keep)
                cache.batch_select_indices(sel)
                mask, pos, last = mask[sel], pos[sel], nxt[sel]
                live = [live[r] for r in keep]
            mask = torch.cat([mask, mask.new_ones(len(live), 1)], dim=1)
            pos = pos[:, -1:] + 1
            hidden = backbone(input_ids=last.unsqueeze(1), attention_mask=mask, position_ids=pos,
                              past_key_values=cache, use_cache=True).last_hidden_state
            nxt, lp = _choose(_last_logits(model, hidden))
            stats.decode_tokens += len(live)
            stats.row_steps += len(live)
        stats.decode_seconds += time.perf_counter() - t0
    return out


def greedy_decode(model: Any, prompts: Sequence[list[int]], *, batch_size: int, pad_id: int,
                  eos_id: int | None, max_new_tokens: int, stop: Callable[[list[int]], bool] | None = None,
                  stats: DecodeStats | None = None) -> list[Decoded]:
    """``decode_batch`` over length-bucketed batches: prompts sorted longest first, cut into
    ``batch_size`` rows (similar lengths, so little padding), results in the input order."""
    order = sorted(range(len(prompts)), key=lambda i: -len(prompts[i]))
    out: list[Decoded] = [Decoded() for _ in prompts]
    size = max(1, batch_size)
    for b in range(0, len(order), size):
        idx = order[b: b + size]
        res = decode_batch(model, [prompts[i] for i in idx], pad_id=pad_id, eos_id=eos_id,
                           max_new_tokens=max_new_tokens, stop=stop, stats=stats)
        for i, r in zip(idx, res, strict=True):
            out[i] = r
    return out
