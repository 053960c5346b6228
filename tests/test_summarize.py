"""Summarising: text helpers, baselines, extractive scorer, faithfulness, ROUGE tokenizer, the
train → save → load → generate path on a tiny random causal LM, and (slow) the real Gemma path."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from nlp.read import RawDocument
from nlp.summarize import (
    FALLBACK_METHOD,
    ExtractiveScorer,
    GenerationSettings,
    ItemText,
    encode_prompt,
    is_faithful,
    item_text,
    lead,
    limit_sentences,
    postprocess,
    prompt_body,
    record_fields,
    split_sentences,
    unsupported_facts,
)

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Our own synthetic minutes (not from the corpus): three items with text, one without.
MINUTES = """Referat af RAR Bornholms møde den 9. oktober 2025

1. Rådets interne forhold

- 1.1. Godkendelse af dagsorden (B)

Sagen kort: Rådet godkender dagsordenen for mødet.

Indstilling: Det indstilles, at Rådet godkender dagsordenen.

Beslutning: Rådet godkendte dagsordenen uden bemærkninger.

Sagsfremstilling: Formandskabet har fastlagt dagsordenen på sit møde den 18. september.

- 1.2. Positivliste for uddannelsespuljen (D/B)

Sagen kort: Rådet drøfter og godkender 12 kurser til positivlisten pr. 1. januar 2026.

Indstilling: Sekretariatet indstiller, at Rådet godkender de 12 kurser.

Beslutning: Rådet godkendte listen. AMK Øst offentliggør den 15. december.

Sagsfremstilling: Der er mangel på tømrere, murere og buschauffører i Rønne og Nexø. Jobcenter
Bornholm har bedt om korte kurser for ledige. Kurserne er drøftet med erhvervsskolen.

- 1.3. Orientering fra sekretariatet (O)

Sagen kort: Sekretariatet orienterer om ledigheden på Bornholm.

Indstilling: Det indstilles, at Rådet tager orienteringen til efterretning.

Beslutning: Rådet tog orienteringen til efterretning.

Sagsfremstilling: Ledigheden er steget svagt i tredje kvartal. Flere virksomheder i turismen
søger medarbejdere til vintersæsonen.

- 1.4. Eventuelt (O)

Mødet sluttede kl. 16.00.
"""


# --------------------------------------------------------------------------------------------
# Pure helpers


def test_split_sentences_keeps_abbreviations_and_dates():
    text = "Rådet godkendte pkt. 3.1 den 1. januar 2024 og bl.a. listen. Det blev drøftet i 2024. Ja."
    assert split_sentences(text) == ["Rådet godkendte pkt. 3.1 den 1. januar 2024 og bl.a. listen.",
                                     "Det blev drøftet i 2024.", "Ja."]
    assert limit_sentences(text) == " ".join(split_sentences(text)[:2])


def test_postprocess_cuts_to_two_sentences_and_drops_a_cut_off_tail():
    assert postprocess(" Rådet godkendte listen.  Den offentliggøres i dag. Tredje sætning.") == \
        "Rådet godkendte listen. Den offentliggøres i dag."
    assert postprocess("Rådet godkendte listen. Den offentliggøres") == "Rådet godkendte listen."
    assert postprocess("   ") is None


def test_faithfulness_checks_numbers_dates_and_names():
    source = "Rådet godkendte de 12 kurser den 15. december. AMK Øst offentliggør listen for Jobcenter Bornholm."
    assert unsupported_facts("Rådet godkender 12 kurser fra AMK Øst.", source) == []
    assert unsupported_facts("Rådet godkender 13 kurser.", source) == ["13"]
    assert unsupported_facts("Listen sendes til AMK Syd og Jobcenter Bornholms ledere.", source) == ["Syd"]
    assert unsupported_facts("KL godkender listen.", source) == ["KL"]  # an acronym counts at a sentence start
    assert is_faithful("Formandskabet godkender listen den 15. december.", source)
    assert is_faithful(None, source)


def test_guard_keeps_faithful_summaries_trims_or_falls_back():
    from nlp.summarize import TRIMMED_SUFFIX, guarded

    item = ItemText("Positivliste", {"indstilling": "Sekretariatet indstiller, at Rådet godkender de 12 kurser.",
                                     "sagsfremstilling": "AMK Øst har udarbejdet listen."})
    def fb(it: ItemText) -> str | None:  # any faithful alternative
        return lead(it, "indstilling")

    ok = "Rådet godkender 12 kurser fra AMK Øst."
    assert guarded(ok, item, fb, "gemma-lora") == (ok, "gemma-lora")
    two = "Rådet godkender 12 kurser på listen. Listen sendes til AMK Syd i morgen."
    trimmed = ("Rådet godkender 12 kurser på listen.", "gemma-lora" + TRIMMED_SUFFIX)
    assert guarded(two, item, fb, "gemma-lora") == trimmed
    bad = "Rådet godkender 14 kurser."
    assert guarded(bad, item, fb, "gemma-lora") == (
        "Sekretariatet indstiller, at Rådet godkender de 12 kurser.", FALLBACK_METHOD)
    assert guarded(None, item, fb, "gemma-lora")[1] == FALLBACK_METHOD
    assert guarded("Noget.", ItemText("Eventuelt", {}), fb, "gemma-lora") == (None, None)


def test_rouge_default_tokenizer_drops_danish_letters_ours_keeps_them():
    from rouge_score import tokenize

    from nlp.evaluation.summaries import DanishTokenizer, rouge_scorer

    assert tokenize.tokenize("Rådet ændrede følgende", None) == ["r", "det", "ndrede", "f", "lgende"]
    assert DanishTokenizer().tokenize("Rådet ændrede følgende") == ["rådet", "ændrede", "følgende"]
    sc = rouge_scorer()
    assert sc.score("Rådet ændrede listen", "Rådet ændrede listen")["rougeL"].fmeasure == pytest.approx(1.0)
    # With the default tokenizer these two would share "r"/"det"; ours sees no common word.
    assert sc.score("Rådet", "Rødet")["rouge1"].fmeasure == 0.0


def test_bootstrap_interval_is_ordered_and_deterministic():
    from nlp.evaluation.summaries import bootstrap_diff

    a, b = [0.5, 0.4, 0.6, 0.3], [0.2, 0.4, 0.1, 0.3]
    r = bootstrap_diff(a, b, n=500, seed=1)
    assert r == bootstrap_diff(a, b, n=500, seed=1)
    assert r["low"] <= r["mean"] <= r["high"] and r["mean"] == pytest.approx(0.2)


def test_publisher_splits_name_test_dev_or_explicit_prefixes():
    from nlp.evaluation.summaries import DEV_PUBLISHERS, publisher_split

    assert publisher_split("test") == {"test": True}
    assert publisher_split("dev") == {"test": False}
    assert publisher_split("p06, p07") == {"publishers": ["p06", "p07"]}
    assert set(DEV_PUBLISHERS) >= {"p06", "p07"}
    for bad in ("", "p6", "all", "p06;p07"):
        with pytest.raises(ValueError, match="prefixes"):
            publisher_split(bad)


# --------------------------------------------------------------------------------------------
# Items from the pipeline


@pytest.fixture(scope="module")
def seg_nlp():
    from nlp.pipeline import load

    return load(base="blank", components=["rar_segmenter"])


def test_item_text_excludes_sagen_kort_from_the_input(seg_nlp):
    doc = seg_nlp(MINUTES)
    items = [item_text(s) for s in doc.spans["items"]]
    assert len(items) == 4
    it = items[1]
    assert it.reference.startswith("Rådet drøfter og godkender 12 kurser")
    body = prompt_body(it)
    assert "Rådet drøfter og godkender" not in body and "Rådet drøfter" not in it.source
    assert body.startswith("Punkt: Positivliste for uddannelsespuljen\nIndstilling: Sekretariatet indstiller")
    assert lead(it, "indstilling") == "Sekretariatet indstiller, at Rådet godkender de 12 kurser."
    assert lead(it, "sagsfremstilling").startswith("Der er mangel på tømrere")
    assert not items[3].has_text


def _summ_nlp(**config: object):
    """Segmenter + summariser with ``config``, initialised the way ``nlp.pipeline.load`` does it."""
    from nlp.pipeline import load

    nlp = load(base="blank", components=["rar_segmenter"])
    nlp.add_pipe("rar_summarizer", config=config)
    nlp.get_pipe("rar_summarizer").initialize(lambda: [], nlp=nlp)
    return nlp


@pytest.mark.parametrize("method", ["extractive", "lead-indstilling", "lead-sagsfremstilling"])
def test_fast_methods_summarise_items_and_leave_empty_ones_none(method):
    # the method alone: no decision sentence, the Sagen kort withheld (as the evaluation scores it)
    nlp = _summ_nlp(method=method, decision="none", human_summary=False)
    doc = nlp(MINUTES)
    items = list(doc.spans["items"])
    for span in items[:3]:
        assert span._.rar_summary and span._.rar_summary_method == method
        assert len(split_sentences(span._.rar_summary)) <= 2
        assert span._.rar_summary in item_text(span).source or method == "extractive"
        assert "Rådet drøfter og godkender" not in span._.rar_summary  # never the Sagen kort
        fields = record_fields(span)
        assert (fields["summary"], fields["summary_method"]) == (span._.rar_summary, method)
        # Offsets: the summary's sentences are these spans of the text, outside Sagen kort.
        evidence = fields["evidence"]["summary"]
        assert evidence and " ".join(e["text"] for e in evidence).split() == span._.rar_summary.split()
        for e in evidence:
            assert doc.text[e["start"]:e["end"]] == e["text"] and e["section"] != "sagen_kort"
            assert span.start_char <= e["start"] < e["end"] <= span.end_char
        if method == "extractive":  # a probability from the scorer; the lead rules have none
            assert 0.0 <= fields["confidence"]["summary"] <= 1.0
        else:
            assert "confidence" not in fields
    assert items[3]._.rar_summary is None and items[3]._.rar_summary_method is None
    assert record_fields(items[3]) == {"summary": None, "summary_method": None, "evidence": {"summary": None}}


def test_default_summary_condenses_the_sagen_kort_and_states_the_decision():
    from nlp.pipeline import load

    nlp = load(base="blank", summarizer="extractive")
    doc = nlp(MINUTES)
    items = list(doc.spans["items"])
    first = items[0]
    assert first._.rar_summary_method == "sagen-kort"
    assert first._.rar_summary.startswith("Rådet godkender dagsordenen for mødet.")
    assert len(split_sentences(first._.rar_summary)) == 2  # + what the meeting decided
    sections = {e["section"] for e in record_fields(first)["evidence"]["summary"]}
    assert "sagen_kort" in sections
    assert items[3]._.rar_summary is None


def test_gemma_is_not_loaded_when_every_item_has_its_own_summary(tmp_path):
    nlp = _summ_nlp(method="gemma-lora", base_model=str(tmp_path / "no-such-base"))
    doc = nlp(MINUTES)
    methods = [s._.rar_summary_method for s in doc.spans["items"]]
    assert methods[:3] == ["sagen-kort"] * 3 and methods[3] is None
    assert nlp.get_pipe("rar_summarizer")._generator is None  # loading would have failed on the missing base


def test_evidence_finds_sentences_across_line_breaks_and_bullets():
    from nlp.summarize import summary_evidence

    nlp = _summ_nlp(method="none")
    doc = nlp(MINUTES)
    item = doc.spans["items"][1]
    sent = "Der er mangel på tømrere, murere og buschauffører i Rønne og Nexø."  # wrapped in MINUTES
    ev = summary_evidence(item, sent, "extractive")
    assert ev and ev[0]["section"] == "sagsfremstilling" and " ".join(ev[0]["text"].split()) == sent
    model = summary_evidence(item, "Et resumé.", "gemma-lora")
    assert {e["section"] for e in model} == {"indstilling", "beslutning", "sagsfremstilling"}
    assert summary_evidence(item, "Står ikke i teksten.", "extractive") is None
    assert summary_evidence(item, None, None) is None


def test_pipe_batches_across_documents_like_single_calls():
    nlp = _summ_nlp(method="extractive", human_summary=False)
    other = MINUTES.replace("Rønne og Nexø", "Odense og Nyborg")
    piped = list(nlp.pipe([MINUTES, other], batch_size=2))
    for doc, text in zip(piped, [MINUTES, other], strict=True):
        single = nlp(text)
        assert [s._.rar_summary for s in doc.spans["items"]] == [s._.rar_summary for s in single.spans["items"]]
    assert "Odense og Nyborg" in " ".join(s._.rar_summary or "" for s in piped[1].spans["items"])


def test_record_fields_empty_when_the_summarizer_did_not_run(seg_nlp):
    doc = seg_nlp(MINUTES)
    assert record_fields(doc.spans["items"][0]) == {}


def test_export_carries_summary_fields():
    from nlp.export import doc_to_records, validate_record

    nlp = _summ_nlp(method="lead-indstilling", human_summary=False)
    records = doc_to_records(nlp(MINUTES), doc_id="0" * 64, source="syn.txt")
    assert records[0]["summary"] == "Det indstilles, at Rådet godkender dagsordenen."
    assert records[0]["summary_method"] == "lead-indstilling"
    ev = records[0]["evidence"]["summary"][0]
    assert (ev["section"], ev["text"]) == ("indstilling", records[0]["summary"])
    assert records[3]["summary"] is None
    for r in records:
        validate_record(r)


def test_unknown_method_is_rejected():
    from nlp.summarize import RarSummarizer

    with pytest.raises(ValueError, match="unknown summariser method"):
        RarSummarizer(None, method="abstractive")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# Extractive scorer


def test_extractive_scorer_picks_by_weights_and_round_trips_json(tmp_path):
    item = ItemText("Positivliste", {
        "sagen_kort": "Rådet godkender kurser.",
        "indstilling": "Sekretariatet indstiller, at Rådet godkender de 12 kurser på listen.",
        "sagsfremstilling": "Der er mangel på tømrere og murere i hele området. Kurserne er aftalt med skolerne.",
    })
    cue = ExtractiveScorer({"cue_indstilles": 1.0})
    assert cue.summarize(item) == "Sekretariatet indstiller, at Rådet godkender de 12 kurser på listen."
    later = ExtractiveScorer({"sec_sagsfremstilling": 1.0, "second": 0.5}, min_words=0)
    assert later.summarize(item) == "Kurserne er aftalt med skolerne."
    cue.save(tmp_path / "e.json")
    assert ExtractiveScorer.load(tmp_path / "e.json") == cue
    assert ExtractiveScorer().summarize(ItemText("Eventuelt", {})) is None


def test_trained_extractive_scorer_is_json_and_prefers_informative_sentences():
    from training.train_summarizer import Pair, train_extractive

    pairs = []
    for i in range(6):
        pairs.append(Pair("syn", str(i), ItemText(f"Punkt {i}", {
            "sagen_kort": f"Rådet godkender plan nummer {i} for kurser.",
            "indstilling": f"Det indstilles, at Rådet godkender plan nummer {i} for kurser.",
            "sagsfremstilling": "Vejret var godt hele ugen i området. Mødet varede længe denne gang.",
        })))
    scorer = train_extractive(pairs)
    data = json.loads(json.dumps(scorer.to_dict()))
    assert data["kind"] == "rar-extractive-linear" and data["weights"]
    assert ExtractiveScorer.from_dict(data).summarize(pairs[0].item).startswith("Det indstilles")


# --------------------------------------------------------------------------------------------
# Tiny random causal LM: the same train → save → load → generate path as Gemma, in seconds


def _tiny_base(tmp_path: Path, texts: list[str], pretrain_steps: int = 0) -> Path:
    """A Gemma-3-shaped causal LM (d_model 64, 2 layers) with a BPE tokenizer trained on ``texts``."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import Gemma3ForCausalLM, Gemma3TextConfig, PreTrainedTokenizerFast

    specials = ["<pad>", "<eos>", "<bos>", "<unk>"]  # Gemma's ids 0-3
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(texts, trainers.BpeTrainer(vocab_size=600, special_tokens=specials,
                                                       initial_alphabet=pre_tokenizers.ByteLevel.alphabet()))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, pad_token="<pad>", eos_token="<eos>",
                                   bos_token="<bos>", unk_token="<unk>")
    cfg = Gemma3TextConfig(vocab_size=fast.vocab_size, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                           num_attention_heads=2, num_key_value_heads=1, head_dim=32, max_position_embeddings=512,
                           sliding_window=64, layer_types=["sliding_attention", "full_attention"],
                           pad_token_id=0, eos_token_id=1, bos_token_id=2)
    torch.manual_seed(0)
    model = Gemma3ForCausalLM(cfg)
    # A few steps of language modelling on the fixture, so LoRA adapts a "pretrained" base as with Gemma.
    ids = fast("\n".join(texts), add_special_tokens=False)["input_ids"]
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3)
    for step in range(pretrain_steps):
        start = (step * 61) % max(1, len(ids) - 128)
        chunk = torch.tensor([ids[start: start + 128]])
        loss = model(input_ids=chunk, labels=chunk).loss
        loss.backward()
        opt.step()
        opt.zero_grad()
    base = tmp_path / "base"
    model.save_pretrained(base)
    fast.save_pretrained(base)
    return base


def test_tiny_model_train_save_load_generate(tmp_path):
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from nlp.corpus import CorpusDoc
    from training.train_summarizer import (
        TrainConfig,
        corpus_pairs,
        save_adapter,
        tokenized_dataset,
        train_extractive,
        train_lora,
    )

    torch.set_num_threads(1)
    docs = [CorpusDoc("syn.txt", RawDocument(MINUTES, "syn.txt", "0" * 64, "txt"))]
    pairs = corpus_pairs(docs)
    assert [p.number for p in pairs] == ["1.1", "1.2", "1.3"]
    assert all(p.item.reference not in prompt_body(p.item) for p in pairs)
    base = _tiny_base(tmp_path, [MINUTES] * 3, pretrain_steps=200)
    tok = AutoTokenizer.from_pretrained(base)
    ds = tokenized_dataset(pairs, tok, 96)
    assert ds[1]["target_ids"][-1] == tok.eos_token_id and len(ds[1]["prompt_ids"]) <= 97
    examples = [(list(r["prompt_ids"]), list(r["target_ids"])) for r in ds]
    cfg = TrainConfig(epochs=40, lr=1e-2, grad_accum=1, rank=8, alpha=16, dropout=0.0, threads=1)
    pm, losses = train_lora(AutoModelForCausalLM.from_pretrained(base), examples, cfg, log=lambda s: None)
    assert losses[-1] < 0.5 * losses[0]  # it learns the targets

    out = tmp_path / "summarizer"
    adapter = save_adapter(pm, out, base_name="tiny")
    assert (adapter / "adapter_model.safetensors").exists() and not list(adapter.glob("*.bin"))
    (out / "generation.json").write_text(json.dumps(GenerationSettings(max_new_tokens=24, max_source_tokens=96,
                                                                       batch_size=2).to_dict()))
    train_extractive(pairs).save(out / "extractive.json")

    nlp = _summ_nlp(method="gemma-lora", model_dir=str(out), base_model=str(base), guard=False, human_summary=False)
    doc = nlp(MINUTES)
    spans = list(doc.spans["items"])
    for span in spans[:3]:
        assert isinstance(span._.rar_summary, str) and span._.rar_summary_method == "gemma-lora"
        assert len(split_sentences(span._.rar_summary)) <= 2
        assert 0.0 < span._.rar_summary_confidence <= 1.0  # geometric mean of the chosen tokens' probabilities
        assert {e["section"] for e in span._.rar_summary_evidence} <= {"indstilling", "beslutning", "sagsfremstilling"}
    assert spans[3]._.rar_summary is None
    # The adapter was overfitted on these three items: the loaded model reproduces a target.
    targets = {limit_sentences(p.item.reference) for p in pairs}
    assert any(s._.rar_summary in targets for s in spans[:3])

    guarded_nlp = _summ_nlp(method="gemma-lora", model_dir=str(out), base_model=str(base), human_summary=False)
    gdoc = guarded_nlp(MINUTES)
    for span in list(gdoc.spans["items"])[:3]:
        assert span._.rar_summary_method in ("gemma-lora", "gemma-lora-trimmed", FALLBACK_METHOD)
        assert is_faithful(span._.rar_summary, item_text(span).source)


def test_fast_decoder_matches_generate_and_skips_finished_rows(tmp_path):
    """The own greedy loop (lm_head on the last position, finished rows dropped, length buckets)
    gives the texts and confidences of ``model.generate`` on the same prompts."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from nlp._summarize.decode import DecodeStats
    from nlp.summarize import generate

    torch.set_num_threads(1)
    base = _tiny_base(tmp_path, [MINUTES] * 3, pretrain_steps=150)
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForCausalLM.from_pretrained(base).eval()
    cuts = [20, 35, 50, 70, 90, 110, 140]  # several lengths; > sliding_window (64) included
    ids = tok(MINUTES, add_special_tokens=False)["input_ids"]
    prompts = [[tok.bos_token_id, *ids[c // 2: c]] for c in cuts]
    for batch in (1, 3):
        cfg = GenerationSettings(max_new_tokens=40, max_source_tokens=200, batch_size=batch)
        ref = generate(model, tok, prompts, GenerationSettings(**{**cfg.__dict__, "decoder": "hf"}))
        stats = DecodeStats()
        fast = generate(model, tok, prompts, cfg, stats=stats)
        assert [t for t, _ in fast] == [t for t, _ in ref]
        assert [c for _, c in fast] == pytest.approx([c for _, c in ref], abs=2e-4)
        n_tokens = sum(len(tok(t, add_special_tokens=False)["input_ids"]) for t, _ in fast)
        assert stats.prefill_tokens == sum(map(len, prompts)) and stats.decode_tokens > 0
        assert stats.row_steps == stats.decode_tokens <= n_tokens + len(prompts)  # no idle rows


def test_prompt_is_truncated_to_the_token_budget(tmp_path):
    from transformers import AutoTokenizer

    base = _tiny_base(tmp_path, [MINUTES])
    tok = AutoTokenizer.from_pretrained(base)
    long = ItemText("Langt punkt", {"sagsfremstilling": "Rådet drøftede sagen grundigt. " * 200})
    ids = encode_prompt(tok, long, 64)
    assert len(ids) <= 65 and ids[0] == tok.bos_token_id
    assert tok.decode(ids).endswith("Kort resumé:")


# --------------------------------------------------------------------------------------------
# The real model: Gemma 3 270M from the PyPI wheels + the committed adapter


@pytest.mark.slow
def test_gemma_lora_summarises_synthetic_minutes():
    from nlp.pipeline import MODELS_DIR, load

    adapter = MODELS_DIR / "summarizer" / "adapter" / "adapter_model.safetensors"
    assert adapter.exists() and adapter.stat().st_size < 10_000_000
    nlp = load(base="blank", summarizer="gemma-lora")
    nlp.get_pipe("rar_summarizer").human_summary = False  # these items have a Sagen kort: make the model write
    doc = nlp(MINUTES)
    spans = list(doc.spans["items"])
    for span in spans[:3]:
        s = span._.rar_summary
        assert isinstance(s, str) and len(s.split()) >= 3
        assert span._.rar_summary_method in ("gemma-lora", "gemma-lora-trimmed", FALLBACK_METHOD)
        assert len(split_sentences(s)) <= 2
        assert is_faithful(s, item_text(span).source)
        assert re.search(r"[a-zæøå]", s)
        assert 0.0 < span._.rar_summary_confidence <= 1.0 and span._.rar_summary_evidence
    assert spans[3]._.rar_summary is None
    # Mostly model text (whole or trimmed by the guard), not the extractive fallback.
    assert sum(s._.rar_summary_method.startswith("gemma-lora") for s in spans[:3]) >= 2
