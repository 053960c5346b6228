"""Faithfulness: numbers, dates and names in a summary must occur in the item's own text."""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------------------------
# Faithfulness: numbers, dates and names in a summary must occur in the item's own text

_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_NAME = re.compile(r"[A-ZÆØÅ][\wÆØÅæøå]*(?:-[\wÆØÅæøå]+)*")
_NAME_ANY = re.compile(r"[\wÆØÅæøå]+(?:-[\wÆØÅæøå]+)*")
_SENT_START = re.compile(r"(?:^|[.!?:]\s+|\s[-–]\s+|\n\s*)$")


def summary_facts(summary: str) -> list[str]:
    """Numbers (dates included) and names in ``summary``: acronyms anywhere, capitalised words
    not at a sentence start (there Danish capitalises every word)."""
    facts = [m.group().rstrip(".,:/-") for m in _NUMBER.finditer(summary)]
    for m in _NAME.finditer(summary):
        tok = m.group()
        if m.start() > 0 and (summary[m.start() - 1].isalnum() or summary[m.start() - 1] in "_"):
            continue
        acronym = sum(c.isupper() for c in tok) >= 2
        if acronym or not _SENT_START.search(summary[: m.start()]):
            facts.append(tok)
    return facts


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def unsupported_facts(summary: str, source: str) -> list[str]:
    """The facts of ``summary`` that do not occur in ``source``. Numbers must match (separators
    aside); names match case-insensitively up to an inflected ending (a source word sharing all
    but the last 4 letters: "Rådsmøderne" ~ "Rådsmødet", "RAR's" ~ "RAR")."""
    src_numbers = {m.group().rstrip(".,:/-") for m in _NUMBER.finditer(source)}
    src_digits = {_digits(n) for n in src_numbers}
    src_words = {m.group().lower() for m in _NAME_ANY.finditer(source)}
    missing = []
    for fact in summary_facts(summary):
        if fact[0].isdigit():
            if fact not in src_numbers and _digits(fact) not in src_digits:
                missing.append(fact)
            continue
        tok = fact.lower()
        need = min(len(tok), max(4, len(tok) - 4))
        if not any(_common_prefix(tok, w) >= need for w in src_words):
            missing.append(fact)
    return missing


def is_faithful(summary: str | None, source: str) -> bool:
    """True when every number, date and name of ``summary`` occurs in ``source``."""
    return summary is None or not unsupported_facts(summary, source)
