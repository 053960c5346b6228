"""Lookup lemmas for the blank Danish base: spaCy's lookup lemmatizer, one lookup per word form.

spaCy's ``Lemmatizer`` in lookup mode makes a Python ``Token`` per word and looks its text up in the
table; on our documents that was a fifth of the tokenizer's time. The lemma of a form does not
depend on its context in lookup mode, so this subclass looks up each distinct form once and writes
the whole document's lemmas with ``Doc.from_array``. Same table, same lemmas (``tests/test_lemmatize.py``
compares with spaCy's own); the rule mode and everything else are spaCy's.

Initialising in lookup mode reads the table once per process as a plain dict (``lemma_table``, which
the normaliser and the entity rules share) instead of building spaCy's hashed ``Table`` of its 553k
entries (2-3 s of every start-up); the ``Table`` is built only when something asks for
``lookups`` (serialising the pipe, ``lookup_lemmatize``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy
from spacy.attrs import LEMMA, ORTH
from spacy.errors import Errors
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.training import Example
from thinc.api import Model

from .normalize import lemma_table

__all__ = ["LookupLemmatizer", "make_lookup_lemmatizer"]


class LookupLemmatizer(Lemmatizer):
    """spaCy's lemmatizer; in lookup mode it reads token arrays instead of Token objects."""

    _forms: dict[str, Any] | None = None  # the lookup table as read, until spaCy's Table is asked for

    def initialize(self, get_examples: Callable[[], Iterable[Example]] | None = None, *,
                   nlp: Language | None = None, lookups: Lookups | None = None) -> None:
        if self.mode != "lookup" or lookups is not None:
            self._forms = None
            return super().initialize(get_examples, nlp=nlp, lookups=lookups)
        self.lookups = Lookups()
        self._forms = lemma_table()  # spacy-lookups-data's table, as spaCy's initialize would load it
        self._validated = True

    @property
    def lookups(self) -> Lookups:
        """spaCy's ``Lookups``; built from the plain table the first time anything asks (serialising,
        ``lookup_lemmatize``, a user), never while labelling."""
        if self._forms is not None and not self._lookups.has_table("lemma_lookup"):
            self._lookups.add_table("lemma_lookup", self._forms)
        return self._lookups

    @lookups.setter
    def lookups(self, value: Lookups) -> None:
        self._lookups = value

    def _table(self) -> Any:
        """The lemma table: the plain dict while nothing asked for spaCy's Table."""
        return self._forms if self._forms is not None else self.lookups.get_table("lemma_lookup", {})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> LookupLemmatizer:
        self._forms = None  # the loaded Table replaces the plain one (not built first)
        return super().from_disk(path, exclude=exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> LookupLemmatizer:
        self._forms = None
        return super().from_bytes(bytes_data, exclude=exclude)

    def __call__(self, doc: Doc) -> Doc:
        if self.mode != "lookup":
            return super().__call__(doc)
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            if not len(doc):
                return doc
            table = self._table()
            strings = doc.vocab.strings
            arr = doc.to_array([ORTH, LEMMA])
            forms, where = numpy.unique(arr[:, 0], return_inverse=True)
            lemmas = numpy.array([strings.add(_first(table.get(text, text)))
                                  for text in (strings[o] for o in forms.tolist())], dtype=numpy.uint64)
            new = lemmas[where]
            if not self.overwrite:  # spaCy's rule: keep a lemma something before us set
                new = numpy.where(arr[:, 1] == 0, new, arr[:, 1])
            doc.from_array([LEMMA], new.reshape(-1, 1))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
            return doc


def _first(result: Any) -> str:
    """A lookup table's value: a lemma, or a list of them whose first spaCy uses."""
    return result if isinstance(result, str) else result[0]


@Language.factory(
    "rar_lookup_lemmatizer",
    assigns=["token.lemma"],
    default_config={"model": None, "mode": "lookup", "overwrite": False,
                    "scorer": {"@scorers": "spacy.lemmatizer_scorer.v1"}},
    default_score_weights={"lemma_acc": 1.0},
)
def make_lookup_lemmatizer(nlp: Language, model: Model | None, name: str, mode: str, overwrite: bool,
                           scorer: Callable | None) -> LookupLemmatizer:
    return LookupLemmatizer(nlp.vocab, model, name, mode=mode, overwrite=overwrite, scorer=scorer)
