"""Assembling: the base pipeline plus the rar-nlp components, as one spaCy ``Language``.

``load()`` picks the base: an installed Danish core pipeline (``da_core_news_sm`` or
md/lg/trf) when present, else ``spacy.blank("da")`` + sentencizer + the lookup lemmatizer
from spacy-lookups-data. Its tokenizer normalises raw text first (see ``nlp.normalize``),
so ``nlp(raw_text)`` and ``nlp.pipe(raw_texts, n_process=2)`` both work on documents as read.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .doc import remember_text, run_state
from .normalize import normalize
from .read import RawDocument

log = logging.getLogger(__name__)

CORE_MODELS = ("da_core_news_sm", "da_core_news_md", "da_core_news_lg", "da_core_news_trf")
REPO_ROOT = Path(__file__).resolve().parent.parent
# The repository's models/, installed as the package rar_nlp_models (pyproject.toml): found the same way
# in a source checkout (editable install) and in an installed wheel.
MODELS_DIR = Path(str(importlib.resources.files("rar_nlp_models")))


class NormalizingTokenizer:
    """Tokenizer that normalises raw document text before tokenising it.

    The normaliser's offset map and audit data go to the Doc's run state, ``run_state(doc)["norm"]``
    (msgpack-safe, so they survive ``nlp.pipe(..., n_process=2)``).
    """

    def __init__(self, tokenizer: Any, *, normalize_text: bool = True, ocr: bool | None = None) -> None:
        self.tokenizer = tokenizer
        self.normalize_text = normalize_text
        self.ocr = ocr

    def __call__(self, text: str) -> Doc:
        return self._doc(text, None)

    def from_raw(self, raw: RawDocument) -> Doc:
        """A Doc of a read document: normalised with the reader's layout blocks as hard breaks.

        ``run_state(doc)["norm"]["blocks"]`` holds the blocks in the Doc's offsets
        (``Block.to_dict()`` with ``start``/``end`` normalised).
        """
        return self._doc(raw.text, raw.blocks)

    def _doc(self, text: str, blocks: list | None) -> Doc:
        if not self.normalize_text:
            doc = remember_text(self.tokenizer(text), text)
            if blocks is not None:
                run_state(doc)["norm"] = {"blocks": [b.to_dict() for b in blocks]}
            return doc
        norm = normalize(text, ocr=self.ocr, blocks=blocks or None)
        doc = remember_text(self.tokenizer(norm.text), norm.text)
        run_state(doc)["norm"] = norm.meta()
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # Serialisation delegates to the wrapped tokenizer, plus our two settings.
    def _settings(self) -> dict:
        return {"normalize_text": self.normalize_text, "ocr": self.ocr}

    def to_bytes(self, **kwargs: Any) -> bytes:
        return json.dumps({"settings": self._settings()}).encode() + b"\n" + self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs: Any) -> NormalizingTokenizer:
        head, _, rest = data.partition(b"\n")
        settings = json.loads(head)["settings"]
        self.normalize_text, self.ocr = settings["normalize_text"], settings["ocr"]
        self.tokenizer.from_bytes(rest, **kwargs)
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "settings.json").write_text(json.dumps(self._settings()))
        self.tokenizer.to_disk(path / "base", **kwargs)

    def from_disk(self, path: str | Path, **kwargs: Any) -> NormalizingTokenizer:
        path = Path(path)
        settings = json.loads((path / "settings.json").read_text())
        self.normalize_text, self.ocr = settings["normalize_text"], settings["ocr"]
        self.tokenizer.from_disk(path / "base", **kwargs)
        return self


def make_doc(nlp: Language, raw: RawDocument) -> Doc:
    """The pipeline's Doc of a read document, before the components; run them with ``nlp(doc)``.

    With the normalising tokenizer the reader's blocks reach the components (``NormalizingTokenizer.from_raw``);
    any other tokenizer gets the text only.
    """
    tok = nlp.tokenizer
    if isinstance(tok, NormalizingTokenizer):
        return tok.from_raw(raw)
    return nlp.make_doc(raw.text)


def _add_special_cases(tokenizer: Any) -> None:
    # "3F." at a sentence end stays one token in the Danish tokenizer; split it so ORG finds 3F.
    for orth in ("3F", "FH", "DA", "KL", "DH", "A/S", "ApS", "I/S", "P/S", "K/S"):
        tokenizer.add_special_case(f"{orth}.", [{"ORTH": orth}, {"ORTH": "."}])
    for orth in ("I/S", "P/S", "K/S"):  # company forms stay one token (the infix rule splits at "/")
        tokenizer.add_special_case(orth, [{"ORTH": orth}])


BLANK_MAX_LENGTH = 50_000_000


@registry.callbacks("rar.max_length.v1")
def create_max_length(max_length: int = BLANK_MAX_LENGTH) -> Callable[[Language], Language]:
    """Config entry ``[nlp.after_pipeline_creation]``: the longest text the pipeline accepts."""

    def set_max_length(nlp: Language) -> Language:
        nlp.max_length = max_length
        return nlp

    return set_max_length


@registry.tokenizers("rar.normalizing_tokenizer.v1")
def create_normalizing_tokenizer(normalize_text: bool = True, ocr: bool | None = None):
    """Config entry: ``[nlp.tokenizer] @tokenizers = "rar.normalizing_tokenizer.v1"``."""

    def make(nlp: Language) -> NormalizingTokenizer:
        base = registry.tokenizers.get("spacy.Tokenizer.v1")()(nlp)
        _add_special_cases(base)
        return NormalizingTokenizer(base, normalize_text=normalize_text, ocr=ocr)

    return make


def installed_core(name: str | None = None) -> str | None:
    """Name of an installed Danish core pipeline (the requested one, or the first found)."""
    for cand in [name] if name else CORE_MODELS:
        if cand and importlib.util.find_spec(cand) is not None:
            return cand
    return None


def base_pipeline(base: str = "auto") -> Language:
    """The base pipeline: a core model (when installed) or blank Danish with lookup lemmas.

    base: "auto" (core if installed, else blank), "blank", a core model name, or a path.
    """
    if base not in ("auto", "blank"):
        nlp = spacy.load(base)
    elif base == "auto" and (core := installed_core()):
        nlp = spacy.load(core)
    else:
        nlp = spacy.blank("da")
        nlp.add_pipe("sentencizer")
        from . import lemmatize  # noqa: F401  (registers rar_lookup_lemmatizer: spaCy's, per word form)

        nlp.add_pipe("rar_lookup_lemmatizer", name="lemmatizer", config={"mode": "lookup"})
        nlp.initialize()  # loads the Danish lookup table from spacy-lookups-data
    if (base in ("auto", "blank") and not installed_core()) or base == "blank":
        # Our components are linear in the text: whole archives' worth of pages in one document are
        # fine. (A core model's parser/NER keep spaCy's limit: ~1 GB per 100k characters.) Set by a
        # registered callback named in the config, so a saved pipeline keeps it after spacy.load.
        nlp.config["nlp"]["after_pipeline_creation"] = {"@callbacks": "rar.max_length.v1",
                                                        "max_length": BLANK_MAX_LENGTH}
        create_max_length(BLANK_MAX_LENGTH)(nlp)
    if not isinstance(nlp.tokenizer, NormalizingTokenizer):
        tok = nlp.tokenizer
        _add_special_cases(tok)
        nlp.tokenizer = NormalizingTokenizer(tok)
        nlp.config["nlp"]["tokenizer"] = {"@tokenizers": "rar.normalizing_tokenizer.v1",
                                          "normalize_text": True, "ocr": None}
    return nlp


def load(base: str = "auto", *, summarizer: str = "none", components: Iterable[str] | None = None,
         exclude: Iterable[str] = ()) -> Language:
    """The full rar-nlp pipeline.

    base: see ``base_pipeline``. summarizer: "none", "extractive", "gemma-lora" or a baseline
    name. components: restrict to these rar components; exclude: leave these out.
    """
    nlp = base_pipeline(base)
    wanted = list(components) if components is not None else available_components()
    wanted = [c for c in wanted if c not in set(exclude) and not (c == "rar_summarizer" and summarizer == "none")]
    for name in wanted:  # import the modules that register the requested factories
        if name not in COMPONENT_MODULES:
            raise ValueError(f"unknown rar component {name!r}; known: {', '.join(COMPONENT_MODULES)}")
        importlib.import_module(COMPONENT_MODULES[name])
    for name in wanted:
        if name == "rar_summarizer":
            nlp.add_pipe(name, config={"method": summarizer})
        else:
            nlp.add_pipe(name)
        pipe = nlp.get_pipe(name)
        if hasattr(pipe, "initialize"):
            pipe.initialize(lambda: [], nlp=nlp)
    return nlp


# Pipeline order: rar_outcome before rar_item_type, which reads the proposed outcome it computed.
COMPONENT_MODULES = {"rar_segmenter": "nlp.segment", "rar_outcome": "nlp.classify", "rar_item_type": "nlp.classify",
                     "rar_ner": "nlp.ner", "rar_entities": "nlp.entities", "rar_summarizer": "nlp.summarize"}


def available_components() -> list[str]:
    """The rar components of this installation, in pipeline order (``rar_ner`` only with its trained model)."""
    from .ner import model_available  # here: nlp.ner imports this module

    return [name for name, module in COMPONENT_MODULES.items() if importlib.util.find_spec(module) is not None
            and (name != "rar_ner" or model_available())]
