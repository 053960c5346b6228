from __future__ import annotations

import os

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def corpus():
    """The real documents under $RAR_CORPUS (skips when the corpus is not beside the repo)."""
    from nlp.corpus import corpus_documents

    docs = corpus_documents()
    if not docs:
        pytest.skip("RAR corpus not found (set RAR_CORPUS)")
    return {d.name[:3]: d for d in docs}


@pytest.fixture(scope="session")
def blank_nlp():
    from nlp.pipeline import load

    return load(base="blank")


@pytest.fixture(scope="session")
def segmenter_nlp():
    from nlp.pipeline import load

    return load(base="blank", components=["rar_segmenter"])
