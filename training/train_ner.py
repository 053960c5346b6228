#!/usr/bin/env python
"""Train the statistical NER (spaCy ``ner`` on a small hash-embedding CNN tok2vec) and write models/ner/.

    RAR_CORPUS=../shared/corpus .venv/bin/python training/train_ner.py

Data (``training/ner_data.py``): invented texts of many publishers labelled by the rules, the corpus
gold items (``corpora/entities.json``), name-swapped copies and template sentences with invented
names. The epoch (by the merged ORG F1) and the seed are chosen on the dev set
``corpora/decisions/entities.jsonl`` (never trained on);
``corpora/entities_test`` is the test set and is only scored at the end, once. The merge with the rules
(which labels the model may add, ``rar_ner``'s ``labels``) was chosen on the dev set too.

Writes ``models/ner/model`` (spaCy ``to_disk``: config + weights, no pickle), ``metrics.json`` (dev and
test scores, alone and merged) and ``MODEL_CARD.md``. Deterministic for a seed on one machine.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example as SpacyExample  # noqa: E402
from spacy.util import compounding, fix_random_seed, minibatch  # noqa: E402

from training import ner_data  # noqa: E402

OUT = ROOT / "models" / "ner"
MERGE_LABELS = ["ORG"]  # what rar_ner publishes by default (nlp/ner.py): chosen on dev, see the card
COMMAND = "RAR_CORPUS=../shared/corpus .venv/bin/python training/train_ner.py"

NER_CONFIG = {
    "model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 32, "maxout_pieces": 2, "use_upper": True, "nO": None,
        # small on purpose: width 96 / depth 4 / hidden 64 ran at 12k tokens/s, this at ~45k (the pipeline's
        # other stages together run at ~40k); dev F1 was no lower (model card)
        "tok2vec": {"@architectures": "spacy.HashEmbedCNN.v2", "pretrained_vectors": None, "width": 64,
                    "depth": 2, "embed_size": 2000, "window_size": 1, "maxout_pieces": 2,
                    "subword_features": True},
    },
}


def to_spacy(inner, tokenizer, examples: list[ner_data.Example], labels: list[str] | None = None) -> list[SpacyExample]:
    """Tokenised as the pipeline tokenises (the rar tokenizer's inner spaCy tokenizer), ents from offsets
    (only those of ``labels``, when given: the others are plain text to the model)."""
    out = []
    for ex in examples:
        toks = tokenizer(ex.text)
        words, spaces = [t.text for t in toks], [bool(t.whitespace_) for t in toks]
        ref = Doc(inner.vocab, words=words, spaces=spaces)
        spans, used = [], set()
        for s, e, label in sorted(ex.ents):
            if labels is not None and label not in labels:
                continue
            span = ref.char_span(s, e, label=label, alignment_mode="expand")
            if span is None or any(i in used for i in range(span.start, span.end)):
                continue
            used.update(range(span.start, span.end))
            spans.append(span)
        ref.set_ents(spans, default="outside")
        out.append(SpacyExample(Doc(inner.vocab, words=words, spaces=spaces), ref))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--templates", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=2, help="2: the best of seeds 0-2 on dev for the five-label model")
    ap.add_argument("--width", type=int, default=NER_CONFIG["model"]["tok2vec"]["width"], help="tok2vec width")
    ap.add_argument("--depth", type=int, default=NER_CONFIG["model"]["tok2vec"]["depth"], help="tok2vec CNN layers")
    ap.add_argument("--labels", default=",".join(ner_data.LABELS),
                    help="comma-separated labels the model learns (fewer labels: fewer transitions per token)")
    ap.add_argument("--hidden", type=int, default=NER_CONFIG["model"]["hidden_width"], help="parser hidden width")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    fix_random_seed(args.seed)
    from nlp.corpus import corpus_documents, load_annotations
    from nlp.evaluation.entities import evaluate_ner
    from nlp.pipeline import load

    rules = load(base="blank", components=["rar_entities"])
    corpus = ner_data.corpus_examples(list(corpus_documents()), load_annotations("entities"), rules)
    examples = ner_data.build(rules, corpus, n_templates=args.templates, seed=args.seed)
    tokenizer = rules.tokenizer.tokenizer  # the spaCy tokenizer inside the normalising one
    inner = spacy.blank("da")
    config = json.loads(json.dumps(NER_CONFIG))
    config["model"]["hidden_width"] = args.hidden
    config["model"]["tok2vec"].update(width=args.width, depth=args.depth)
    ner = inner.add_pipe("ner", config=config)
    labels = [lab for lab in args.labels.split(",") if lab]
    if unknown := set(labels) - set(ner_data.LABELS):
        ap.error(f"unknown labels {sorted(unknown)}; known: {', '.join(ner_data.LABELS)}")
    for label in labels:
        ner.add_label(label)
    train = to_spacy(inner, tokenizer, examples, labels)
    print(f"{len(train):,} training texts ({sum(len(e.reference) for e in train):,} tokens; "
          f"{sum(len(e.reference.ents) for e in train):,} mentions) in {time.perf_counter() - t0:.0f} s", flush=True)
    optimizer = inner.initialize(lambda: train)
    rng = random.Random(args.seed)
    best, best_state, history = -1.0, None, []
    for epoch in range(args.epochs):
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in minibatch(train, size=compounding(8.0, 32.0, 1.001)):
            inner.update(batch, drop=0.2, sgd=optimizer, losses=losses)
        dev = evaluate_ner(inner, "decisions", merged=False)
        merged = evaluate_ner(inner, "decisions", merged=True, labels=MERGE_LABELS)
        f1 = merged["per_label"]["ORG"]["f1"]  # what ships: the rules plus the model's ORG mentions
        history.append({"epoch": epoch + 1, "loss": round(float(losses.get("ner", 0.0)), 1),
                        "dev_ner_micro_f1": dev["micro"]["f1"], "dev_ner_org_f1": dev["per_label"]["ORG"]["f1"],
                        "dev_merged_org_f1": f1})
        print(f"  epoch {epoch + 1:2d}  loss {losses.get('ner', 0):8.1f}  dev: NER alone micro F1 "
              f"{dev['micro']['f1']:.3f} ORG {dev['per_label']['ORG']['f1']:.3f}; merged ORG {f1:.3f}  "
              f"({time.perf_counter() - t0:.0f} s)", flush=True)
        if f1 > best:
            best, best_state = f1, inner.to_bytes()
    inner.from_bytes(best_state)
    args.out.mkdir(parents=True, exist_ok=True)
    dev = evaluate_ner(inner, "decisions", merged=False)
    inner.meta.update({"name": "rar_ner", "version": "0.1.0", "lang": "da",
                       "description": "rar-nlp statistical NER (see MODEL_CARD.md)",
                       # the confidence of a model-only mention: the model's precision for its label on dev
                       "rar_precision": {lab: dev["per_label"][lab]["precision"] for lab in labels}})
    # Ship no string table of the training texts (the corpus's words among them): the model works on
    # hashes, and the strings a blank Danish pipeline has plus the labels are all it needs (same output).
    inner.vocab.strings._reset_and_load(list(spacy.blank("da").vocab.strings) + list(ner.labels))
    inner.to_disk(args.out / "model")
    sources: dict[str, int] = {}
    for ex in examples:
        key = ex.source.split("/")[0].split("+")[0] + ("+swap" if ex.source.endswith("+swap") else "")
        sources[key] = sources.get(key, 0) + 1
    command = COMMAND + "".join(f" --{k} {v}" for k, v in (("width", args.width), ("depth", args.depth),
                                                           ("hidden", args.hidden), ("labels", args.labels))
                                if v != ap.get_default(k))
    metrics = {"command": command, "seed": args.seed, "epochs_run": args.epochs, "architecture": config["model"],
               "labels": labels,
               "chosen_epoch": max(history, key=lambda h: h["dev_merged_org_f1"])["epoch"], "history": history,
               "training_texts": sources, "tokens": sum(len(e.reference) for e in train)}
    for name in ("decisions", "entities_test"):
        metrics[name] = {"ner_alone": evaluate_ner(inner, name, merged=False),
                         "rules": evaluate_ner(inner, name, merged=None),
                         "rules+ner": evaluate_ner(inner, name, merged=True, labels=MERGE_LABELS)}
        if "PERSON" in labels:
            metrics[name]["rules+ner (ORG, PERSON)"] = evaluate_ner(inner, name, merged=True, labels=["ORG", "PERSON"])
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False) + "\n", "utf-8")
    write_card(args.out, metrics)
    print(card_table(metrics))
    print(f"wrote {args.out} ({time.perf_counter() - t0:.0f} s)")
    return 0


def card_table(m: dict) -> str:
    rows = ["| set | system | ORG P | ORG R | ORG F1 | PERSON F1 | JOB_TITLE F1 | micro F1 |",
            "|---|---|---|---|---|---|---|---|"]
    for name, what in (("decisions", "dev (epoch and merge chosen here)"), ("entities_test", "test")):
        for system in ("rules", "ner_alone", "rules+ner (ORG, PERSON)", "rules+ner"):
            if system not in m[name]:
                continue
            r = m[name][system]
            o = r["per_label"]["ORG"]
            rows.append(f"| {name} — {what} | {system} | {o['precision']:.3f} | {o['recall']:.3f} | {o['f1']:.3f} | "
                        f"{r['per_label']['PERSON']['f1']:.3f} | {r['per_label']['JOB_TITLE']['f1']:.3f} | "
                        f"{r['micro']['f1']:.3f} |")
    return "\n".join(rows)


def _seed_lines(m: dict) -> str:
    """The seeds tried (``metrics.json`` key ``seed_runs``, added by whoever compared them)."""
    runs = m.get("seed_runs")
    if not runs:
        return ""
    rows = "; ".join(f"seed {r['seed']}: dev {r['dev_merged_org_f1']:.3f}, test {r['test_merged_org_f1']:.3f}"
                     for r in runs)
    return (f"**Seeds.** Training from scratch on this little data varies from run to run; merged ORG F1 per "
            f"seed — {rows}. The shipped seed is the best on dev; read the test spread as the uncertainty "
            f"of the model's gain (rules alone: test {m['entities_test']['rules']['per_label']['ORG']['f1']:.3f}).\n\n")


def _choices(m: dict) -> str:
    """How the shipped model's labels, size and gate were chosen (only in the shipped model's card)."""
    return """**Labels: ORG only.** `rar_ner` publishes only the model's ORG mentions (the gazetteers and rules
cover the rest; see **What**), so the shipped model learns only ORG: 6 transitions per token
instead of 22, which makes the component about a third faster (`RAR_NER_MODEL=DIR/model python -m benchmarks
stages` times any trained model in its place). The five-label model (`--labels
JOB_TITLE,MUNICIPALITY,ORG,PERSON,RAR`, same seed) scored merged ORG F1 0.966 on dev and 0.944 on test;
this one is chosen on dev (table above); the corpus scores of both are the same
(`python evaluate.py entities --ner-model DIR/model`).

**Size.** Smaller tok2vecs were tried with `--width/--depth/--hidden` and scored with
`python evaluate.py entities --ner-model DIR/model`: width 32, depth 1, hidden 16 was about twice as fast
(`benchmarks stages` as above) with merged ORG F1 dev 0.964 and test 0.945, but corpus ORG precision 0.946
(model-only mentions in tables and headings); width 48, depth 2, hidden 24: dev 0.968, test 0.931, corpus
ORG precision 0.836. Neither ships: both add false names on the only real documents we have, where this
size adds none (its fit there is in-sample, so this says the small ones under-fit real layouts, not that
this one generalises).

**Gate.** `rar_ner` (config `only_capitalised`, default true) reads only around the words with a capital
letter other than their sentence's first letter, `context` tokens each side (default 4; the windows merged,
never across a sentence end; `context = 0` reads such words' whole sentences). Danish writes common nouns
in lower case: text without such a word can hold only a one-word name opening a sentence, which the rules
shape ("Byrådet") or which is a capitalised common word ("Bevilget"). A name with more lower-case words
after its last capital than `context` is cut at the window's edge ("Center for job og uddannelse" needs 4).
`python evaluate.py entities --ner-context 0` scores whole sentences; `python -m benchmarks stages` prints
the component's time as a multiple of the bare tokenizer's.

"""


def write_card(out: Path, m: dict) -> None:
    src = ", ".join(f"{k} {v:,}" for k, v in sorted(m["training_texts"].items()))
    shipped = out.resolve() == OUT.resolve()
    mc = m.get("architecture", NER_CONFIG["model"])
    tc = mc["tok2vec"]
    text = f"""# rar_ner — statistical NER merged with the entity rules

**What.** spaCy `ner` (transition-based, hidden width {mc['hidden_width']}) on its own hash-embedding CNN
tok2vec (width {tc['width']}, depth {tc['depth']}, {tc['embed_size']:,} rows per attribute), labels
{', '.join(m.get('labels', ner_data.LABELS))}, trained from scratch
(no pretrained vectors: none can be downloaded here).
Weights: `model/` (spaCy `to_disk`).
The `rar_ner` component (`nlp/ner.py`) runs it on the pipeline's tokens and writes `doc.spans["rar_ner"]`;
`rar_entities` keeps its own mentions on any overlap and adds the model's mentions that touch none of
them, for the labels in `rar_ner`'s config (`labels`, default ORG only: the gazetteers are complete for
municipalities and councils; with a five-label model its PERSON mentions added nothing on dev and its
JOB_TITLE F1 alone was far below the rules').
Model-only mentions carry the confidence of the model's measured precision on dev for that label (stored
in `model/meta.json`).

**Data.** {m['tokens']:,} tokens: {src}. `weak` = invented texts of `corpora/decisions` and
`corpora/synthetic/publishers` labelled by the rules; `corpus` = the gold items of `corpora/entities.json`;
`+swap` = copies with every ORG/PERSON replaced by an invented name (`training/ner_data.py` pools);
`template` = invented sentences with invented names. Never trained on: `corpora/decisions/entities.jsonl`
(dev) and `corpora/entities_test` (test).

**Command.** `{m['command']}` (seed {m['seed']}, {m['epochs_run']} epochs, epoch {m['chosen_epoch']} kept by
dev ORG F1 of the rules + model merge).

**Scores** (strict span + label; `python evaluate.py entities` prints the same for the shipped pipeline):

{card_table(m)}

{_seed_lines(m)}{_choices(m) if shipped else ""}**Limits.** Trained on invented text and five real documents; the rules'
errors are in its weak labels. It adds recall for names the rules cannot shape (a company whose first word
is a common noun opening the sentence, names without a suffix), and it can add false mentions; the corpus scores of
`python evaluate.py entities` are in-sample for it (the corpus gold is training data).
"""
    (out / "MODEL_CARD.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
