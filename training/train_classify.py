#!/usr/bin/env python
"""Train the item-type, outcome and proposed-outcome models; write them as JSON with a model card.

    RAR_CORPUS=../shared/corpus .venv/bin/python training/train_classify.py

Reads the documents under ``$RAR_CORPUS`` (or ``--corpus``) and the gold in ``corpora/classify.json``
(paired with items through ``corpora/segmentation.json``), trains on every gold item, writes
``models/classify/{item_type,outcome,proposed_outcome}.json`` (vocabulary, idf, coefficients — no
pickle), runs the leave-one-document-out evaluation (``nlp.evaluation.classify``) and writes its
numbers to ``metrics.json`` and ``MODEL_CARD.md``. Deterministic: the same inputs give
byte-identical files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from nlp.classify import FIELDS, OUTCOME_LABELS, TASK_FIELDS, TYPE_LABELS
from nlp.corpus import corpus_documents
from nlp.evaluation.classify import (
    build_corpus,
    evaluate,
    fit_calibration,
    fit_models,
    load_gold,
    report,
    synthetic_examples,
)
from nlp.pipeline import MODELS_DIR

COMMAND = "RAR_CORPUS=../shared/corpus .venv/bin/python training/train_classify.py"


def _doc_table(docs: list, gold_cls: dict) -> list[str]:
    rows = ["| file | sha256 (first 12) | kind | items with gold |", "|---|---|---|---|"]
    for d in docs:
        g = gold_cls.get(d.raw.doc_id)
        if g:
            rows.append(f"| {d.name} | {d.raw.doc_id[:12]} | {g['kind']} | {len(g['items'])} |")
    return rows


def _per_label(block: dict) -> list[str]:
    rows = ["| label | P | R | F1 | gold | predicted |", "|---|---|---|---|---|---|"]
    for lab, v in block["by_label"].items():
        if v["support"] or v["predicted"]:
            rows.append(f"| {lab} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} | "
                        f"{v['predicted']} |")
    return rows


def _publisher_lines(pub: dict) -> list[str]:
    """The multi-publisher scores as a table (leave-one-publisher-out, and the held-out test set)."""
    rows = [("invented set, leave-one-publisher-out", pub)]
    if "test" in pub:
        rows.append(("held-out test set (other publishers)", pub["test"]))
    lines = ["| set | task | n | exact set | macro-F1 | per family (exact set) |", "|---|---|---|---|---|---|"]
    for name, r in rows:
        for task in ("outcome", "proposed_outcome"):
            t = r[task]
            fam = ", ".join(f"{f} {v:.2f}" for f, v in t["exact_per_family"].items())
            lines.append(f"| {name} | {task} | {t['n']} | {t['exact']:.3f} | {t['macro_f1']:.3f} | {fam} |")
    lex = pub["lexicon_only"]
    lines += ["", f"The lexicon alone on the invented set: outcome {lex['outcome']:.3f}, proposed "
              f"{lex['proposed_outcome']:.3f} (a development score: it was written with sight of that set)."]
    return lines


def model_card(metrics: dict, docs: list, gold_cls: dict, models: dict) -> str:
    """The model card text (data, command, method, LODO scores, limitations)."""
    t, u, a, d = (metrics[k] for k in ("type", "type_unmarked", "type_all_marker_hidden",
                                       "type_as_deployed"))
    o, p, wr = metrics["outcome"], metrics["proposed_outcome"], metrics["with_remarks"]
    sizes = ", ".join(f"{task} {m.n_features} features" for task, m in models.items())
    lines = [
        "# Model card: rar-nlp item type and outcome classifiers",
        "",
        "Three one-vs-rest logistic regressions used by the `rar_item_type` and `rar_outcome` spaCy",
        "components (`nlp/classify.py`): the outcome recorded in the Beslutning, the outcome the Indstilling",
        "proposed, and the item type (B beslutning / D drøftelse / O orientering). The decision lexicon",
        "(`nlp/data/decision_lexicon.json`, read clause by clause by `nlp/_classify/lexicon.py`: furniture,",
        "dissent and side motions set aside, negation and scope applied) gives what the wording says; the",
        "outcome and proposed-outcome models read its labels as features beside tf-idf and cue features and",
        "decide (the lexicon alone is the `rules` mode). Printed divisions (`nlp/_classify/votes.py`) decide",
        "an item whose decision has no verb (\"For: 11 … Imod: 4\"). Where no marker is",
        "printed, the type is read off the proposed outcome (approve/decide → B, discuss → D, note → O), as",
        "the guideline defines an unmarked item's type; the type model decides only items without a usable",
        "Indstilling (e.g. \"Eventuelt\") or, with `method = \"model\"`, every item. Label definitions:",
        "`corpora/CLASSIFY.md`.",
        "",
        "## Files",
        "",
        "| file | task | reads |",
        "|---|---|---|",
        *[f"| `{task}.json` | {task} | {', '.join(TASK_FIELDS[task])} |" for task in models],
        "",
        "JSON only (format `rar-nlp.linear.v1`): per field a vocabulary and idf vector, the cue-feature",
        "names, and per label the coefficients and intercept. No pickle; loaded by the components in",
        f"`initialize`/`from_disk` from `nlp.pipeline.MODELS_DIR / \"classify\"`. Sizes: {sizes}.",
        "",
        "## Data",
        "",
        "The five documents of the evaluation corpus (`$RAR_CORPUS`; not redistributed) with the gold of",
        "`corpora/classify.json`, annotated by hand from the documents before the system was built:",
        "",
        *_doc_table(docs, gold_cls),
        "",
        f"Items: {metrics['matched_items']} (all gold items paired with a predicted item). Gold label counts:",
        f"item type (primary) {json.dumps(metrics['label_counts']['item_type'], sort_keys=True)};",
        f"outcome {json.dumps(metrics['label_counts']['outcome'], sort_keys=True, ensure_ascii=False)};",
        f"proposed {json.dumps(metrics['label_counts']['proposed_outcome'], sort_keys=True, ensure_ascii=False)}.",
        "Outcome and proposed-outcome models train only on items whose Beslutning / Indstilling has text",
        "(an empty or missing section is decided structurally). `udsat` and `afvist` have no examples in",
        "the corpus; they come from the invented multi-publisher set `corpora/decisions/` (544 decisions,",
        "331 proposals, 21 publishers in 7 families; guideline `corpora/DECISIONS.md`), which the outcome and",
        "proposed-outcome models also train on (a corpus item weighs 3, an invented one 1). The held-out",
        "test set `corpora/decisions_test/` (20 other publishers, written without sight of the lexicon or",
        "the training set) is never trained on.",
        "",
        "## How it was built",
        "",
        "```",
        COMMAND,
        "```",
        "",
        "The models read text as the normaliser and segmenter produce it: rerun this command after",
        "changing `nlp/normalize.py` or `nlp/segment.py` (the OCR repair of 003 changes the vocabulary).",
        "",
        "Trained as scikit-learn `Pipeline`s (`nlp/_classify/estimator.py`: a `ColumnTransformer` of per-field",
        "tf-idf vectorisers and the cue features, then `OneVsRestClassifier(LogisticRegression)`), evaluated",
        "with `LeaveOneGroupOut` over documents and publishers, exported to JSON for inference (no pickle).",
        "Deterministic (liblinear, fixed `random_state`, sorted JSON); scikit-learn "
        f"{models['item_type'].meta.get('sklearn')}. Features per field: tf-idf (sublinear tf, l2) over word",
        "prefixes of 6 letters and their bigrams (min_df 2), plus binary cue features (e.g.",
        "`indstilling:godkend`, `beslutning:droeftede`, `title:dagsorden`); `C=1`, balanced class weights.",
        f"Type fields: {', '.join(FIELDS)}. Type labels {', '.join(TYPE_LABELS)}; outcome labels",
        f"{', '.join(OUTCOME_LABELS)}.",
        "",
        "## Scores (leave-one-document-out)",
        "",
        "Each document is predicted by models trained on the other four documents' gold, through the real",
        "components (`python evaluate.py classify` prints the same numbers and the confusion matrices).",
        "",
        "| item type (primary, B > D > O) | n | accuracy | macro-F1 | exact set |",
        "|---|---|---|---|---|",
        f"| marked items, marker hidden | {t['n']} | {t['accuracy']:.3f} | {t['macro_f1']:.3f} | "
        f"{t['exact_set']:.3f} |",
        f"| unmarked items (gold by content) | {u['n']} | {u['accuracy']:.3f} | {u['macro_f1']:.3f} | "
        f"{u['exact_set']:.3f} |",
        f"| all items, marker hidden | {a['n']} | {a['accuracy']:.3f} | {a['macro_f1']:.3f} | {a['exact_set']:.3f} |",
        f"| as deployed (markers parsed) | {d['n']} | {d['accuracy']:.3f} | {d['macro_f1']:.3f} | "
        f"{d['exact_set']:.3f} |",
        "",
        f"**The target of 0.90 type accuracy with the marker hidden is not reached ({t['accuracy']:.3f}); see",
        "Limitations.** Markers are parsed, not predicted, wherever they are printed (\"as deployed\").",
        "",
        f"Ablation: the type model alone (`method = \"model\"`) scores {metrics['type_model_only']['accuracy']:.3f} "
        "on the marked items;",
        "a literal reading of the Indstilling (godkender/beslutter → B, drøfter → D, else O) "
        f"{metrics['type_literal_baseline']['marked']:.3f}.",
        "Ceiling: the best any mapping from an item's proposed outcome to a type can score on the marked",
        f"items is **{metrics['type_ceiling']['accuracy']:.3f}** (items grouped by their gold proposed outcome, "
        "each group given its most",
        "common marker, in-sample; the text holds more than the label set, but the type model reading it",
        "directly scores lower, above).",
        "Items proposing the same thing carry different markers: "
        + "; ".join(f"{k}: " + ", ".join(f"{t} {n}" for t, n in v.items())
                    for k, v in metrics["type_ceiling"]["mixed"].items()) + ".",
        "",
        f"Marker parsing: exact type set on {metrics['marker_parsing']['exact']:.3f} of "
        f"{metrics['marker_parsing']['n']} marked items.",
        "",
        f"Outcome (Beslutning): macro-F1 **{o['macro_f1']:.3f}** over the {len(o['labels_with_support'])} labels",
        f"with support, micro-F1 {o['micro_f1']:.3f}, exact set {o['exact']:.3f}. Ablation: rules only",
        f"{o['ablation_macro_f1']['rules']:.3f}, model only {o['ablation_macro_f1']['model']:.3f}.",
        "",
        *_per_label(o),
        "",
        f"Proposed outcome (Indstilling): macro-F1 **{p['macro_f1']:.3f}**, micro-F1 {p['micro_f1']:.3f}, exact",
        f"set {p['exact']:.3f}. Ablation: rules only {p['ablation_macro_f1']['rules']:.3f}, model only "
        f"{p['ablation_macro_f1']['model']:.3f}.",
        "",
        *_per_label(p),
        "",
        f"with_remarks (items with a decision, n={wr['n']}): accuracy {wr['accuracy']:.3f}, F1 {wr['f1']:.3f}",
        f"({wr['support']} true in gold; rule-based).",
        "",
        "## Scores on publishers the models never saw",
        "",
        *_publisher_lines(metrics["publishers"]),
        "",
        "## Limitations",
        "",
        "* Five documents from four councils. With the marker hidden, no reading of the text reaches the",
        "  printed marker where councils mark alike content differently (see Ceiling): 002 marks (B) items",
        "  whose Indstilling only proposes noting (\"Tager årshjul til efterretning\") or discussing and noting,",
        "  and (O/D) a Sagsudvalg orientation that 000 marks (O); 000 and 001 mark (B) items whose Indstilling",
        "  asks only for a discussion, and 000 marks (D+oplæg) an item that also proposes a letter. The",
        "  0.90 target lies above the ceiling of reading the type off the proposal; the Beslutning does not close",
        "  the gap either (a recorded decision appears on items marked (O) as well as (B)). More annotated",
        "  documents per council, or a per-council table of marker conventions, are the way up.",
        "* `besluttet` and `droeftet` have no fixed wording when the minutes state decisions as plans",
        "  (\"Notatet lægges på hjemmesiden\") or views (\"Rådet kvitterede for …\"); these are the weakest labels.",
        "* The gold was fixed before the system was built. The cue lists and rules follow the guideline;",
        "  these design changes were made after looking at LODO results or failing tests, so the numbers",
        "  may be slightly optimistic: decision/discussion verb cues for the type model only, resolving",
        "  \"tiltrådte indstillingen\" to exactly the proposal, hiding negated or conditional approvals",
        "  (\"ikke godkendt\", \"når det er godkendt\") from the models; and, later, the guideline's",
        "  \"tilkendegiver\" and proposed actions (\"lægges på hjemmesiden\", \"prioriteres\", \"udsendes\") as",
        "  Indstilling cues, the proposal model adding no label where a cue fired, reading the type off",
        "  the proposed outcome, and the guideline's \"tager … til efterretning og vurderer, om …\" → O",
        f"  (unmarked items 0.917 → {u['accuracy']:.3f}, which measures agreement with the guideline the rules",
        f"  implement; marked items 0.759 → {t['accuracy']:.3f}; proposed-outcome macro-F1 0.896 → "
        f"{p['macro_f1']:.3f}).",
        "* OCR: cue phrases tolerate the usual misreadings (ø → g/@, æ → ae/z, å → a/3), and 003 is mostly",
        "  repaired by the normaliser before classification.",
        "* Confidence: the raw confidence is the least sure label decision (min over labels of max(p, 1 − p));",
        "  the components report it through `calibration.json`, one isotonic map per task fitted on held-out",
        "  predictions (corpus LODO + invented set LOPO, the real documents weighted as much as the invented",
        "  ones). Expected calibration error, cross-fitted over documents/publishers:",
        "",
        "| task | n | ECE raw | ECE calibrated | corpus items only: ECE raw → calibrated |",
        "|---|---|---|---|---|",
        *[f"| {task} | {c['n']} | {c['ece_raw']:.3f} | {c['ece_calibrated']:.3f} | "
          f"{c['corpus']['ece_raw']:.3f} → {c['corpus']['ece_calibrated']:.3f} (n={c['corpus']['n']}) |"
          for task, c in metrics["calibration"].items()],
        "",
        "  On the 78 corpus items alone the ECE stays above 0.05: the invented set is easier than real",
        "  minutes, and 78 items in 10 bins are few. Uncalibrated LODO accuracy per raw-confidence bin:",
        "",
        "| task | " + " | ".join(f"confidence [{b['from']:.1f}, {b['to']:.1f}{']' if b['to'] == 1.0 else ')'}"
                               for b in next(iter(metrics["reliability"].values()))) + " |",
        "|---|" + "---|" * len(next(iter(metrics["reliability"].values()))),
        *[f"| {name} | " + " | ".join(f"{b['accuracy']:.3f} (n={b['n']})" if b["n"] else "–" for b in rel) + " |"
          for name, rel in metrics["reliability"].items()],
        "",
        "## Licence",
        "",
        "MIT, as the rest of rar-nlp. The corpus documents are public minutes and are not included.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", help="directory of documents (default: $RAR_CORPUS)")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / "classify", help="output directory")
    parser.add_argument("--no-eval", action="store_true", help="skip the LODO evaluation and the card")
    parser.add_argument("--corrections", type=Path, action="append", default=[],
                        help="reviewed labels (`rar-nlp review` CSV/JSONL: doc_id, ordinal, task, label) to train on "
                             "as gold; repeatable")
    parser.add_argument("--docs", type=Path, action="append", default=[],
                        help="where the corrected documents are (files or directories; default: the corpus)")
    args = parser.parse_args(argv)
    docs = list(corpus_documents(args.corpus))
    if not docs:
        print("no documents found (set RAR_CORPUS or pass --corpus)", file=sys.stderr)
        return 2
    gold_cls, gold_seg = load_gold()
    corpus = build_corpus(docs, gold_cls, gold_seg)
    corrected: list = []
    if args.corrections:
        from nlp.db import read_corrections
        from nlp.evaluation.classify import correction_examples

        rows = [r for f in args.corrections for r in read_corrections(f)]
        corrected, problems = correction_examples(rows, args.docs or [d.raw.source for d in docs])
        print(f"corrections: {len(corrected)} of {len(rows)} used as gold", file=sys.stderr)
        for p in problems:
            print(f"  not used: {p}", file=sys.stderr)
    models = fit_models(corpus.examples, synthetic_examples(), corrected)
    args.out.mkdir(parents=True, exist_ok=True)
    trained_on = [{"file": d.name, "sha256": d.raw.doc_id} for d in docs if d.raw.doc_id in gold_cls]
    for task, model in models.items():
        model.meta.update(trained_on=trained_on, command=COMMAND)
        if corrected:
            model.meta["corrections"] = sum(x.task == task for x in corrected)
        model.save(args.out / f"{task}.json")
        print(f"wrote {args.out / f'{task}.json'} ({model.n_features} features, "
              f"{model.meta['n_items']} items)")
    if args.no_eval:
        return 0
    metrics = evaluate(docs, keep_pairs=True)
    fit_calibration(metrics.pop("_calibration_pairs"), set(metrics["documents"])).save(args.out / "calibration.json")
    print(f"wrote {args.out / 'calibration.json'}")
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                                           encoding="utf-8")
    (args.out / "MODEL_CARD.md").write_text(model_card(metrics, docs, gold_cls, models), encoding="utf-8")
    print(report(metrics))
    return 0


if __name__ == "__main__":
    sys.exit(main())
