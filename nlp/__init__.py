"""rar-nlp: segment, classify, tag and summarise RAR meeting documents.

    import nlp
    pipeline = nlp.load()                    # spaCy Language; nlp(raw_text) -> Doc
    records = nlp.enrich("referat.pdf")      # schema-valid records, one per agenda item
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["enrich", "enrich_batch", "load"]


def __getattr__(name: str) -> Any:  # lazy: importing nlp stays cheap for the CLI and workers
    if name == "load":
        from .pipeline import load

        return load
    if name in ("enrich", "enrich_batch"):
        from . import api as mod

        return getattr(mod, name)
    raise AttributeError(name)
