"""Seeded noise: OCR damage, line wrapping with hyphenation, web UI residue, invented case numbers.

Every function takes a ``random.Random`` so a document is a pure function of its seed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .content import MONTHS

# --- OCR damage (text renderings only) ---------------------------------------------------------

def ocr_damage(text: str, rng, rate: float) -> str:
    """Break Danish letters the way OCR of a scanned two-column PDF does: æ→ae, ø→o/g/@, å→a/aa.
    ``rate`` is the chance that one letter is damaged."""
    if rate <= 0:
        return text
    out = []
    for ch in text:
        if ch in "æøåÆØÅ" and rng.random() < rate:
            out.append({
                "æ": rng.choice(["ae", "ae", "z"]), "ø": rng.choice(["o", "g", "g", "@"]),
                "å": rng.choice(["a", "aa", "a"]), "Æ": "AE", "Ø": rng.choice(["O", "@"]), "Å": rng.choice(["A", "Aa"]),
            }[ch])
        elif ch == "," and rng.random() < rate * 0.05:
            out.append(".")
        else:
            out.append(ch)
    return "".join(out)


# --- wrapping -------------------------------------------------------------------------------

_MONTH_RE = "|".join(MONTHS)
_DAY = re.compile(r"^\d{1,2}\.$")


def wrap(text: str, fits: Callable[[str], bool], rng=None, *, prefix: str | None = None, hyphenate: float = 0.0,
         date_break: float = 0.0) -> list[str]:
    """Greedy word wrap. ``fits(line)`` says whether a line fits the width. A ``prefix`` (run-in
    heading) is never split. With ``hyphenate`` > 0 long words at a line end are split with a
    hyphen (that chance per candidate); with ``date_break`` > 0 a line is sometimes broken before
    a day number followed by a month ("4. oktober"), so a date starts a line."""
    words = text.split()
    if not words:
        return [text.strip()] if text.strip() else []
    if fits(text) and not (date_break > 0 and re.search(rf"\s\d{{1,2}}\. ({_MONTH_RE})\b", text)):
        return [text]  # one line: printed as is (keeps deliberate runs of spaces)
    lines: list[str] = []
    cur = ""
    i = 0
    if prefix:
        # the prefix words are consumed as one unit (a glued prefix has no space after it)
        consumed, acc = 0, ""
        for w in words:
            acc = w if not acc else acc + " " + w
            consumed += 1
            if len(acc) >= len(prefix.strip()):
                break
        cur = " ".join(words[:consumed])
        i = consumed
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        cand = f"{cur} {w}" if cur else w
        if (rng is not None and date_break > 0 and cur and len(cur) > 25 and _DAY.match(w)
                and re.match(rf"^({_MONTH_RE})\b", nxt) and rng.random() < date_break):
            lines.append(cur)
            cur = w
            i += 1
            continue
        if not cur or fits(cand):
            cur = cand
            i += 1
            continue
        # w does not fit: hyphenate?
        if (rng is not None and hyphenate > 0 and len(w) >= 9 and w.isalpha() and rng.random() < hyphenate):
            best = None
            for cut in hyphen_points(w):
                if fits(f"{cur} {w[:cut]}-"):
                    best = cut
                    break
            if best is not None:
                lines.append(f"{cur} {w[:best]}-")
                cur = w[best:]
                i += 1
                continue
        lines.append(cur)
        cur = ""
    if cur:
        lines.append(cur)
    return lines


_VOWELS = set("aeiouyæøåAEIOUYÆØÅéÉ")


def hyphen_points(word: str) -> list[int]:
    """Syllable-like cut positions of a word, latest first: before a consonant that precedes a vowel
    (ta-ger, be-skæf-ti-gel-se), at least three letters on each side."""
    pts = []
    for i in range(3, len(word) - 2):
        a, c, d = word[i - 1], word[i], word[i + 1]
        if c not in _VOWELS and d in _VOWELS and (a in _VOWELS or word[i - 2] in _VOWELS):
            pts.append(i)
    return sorted(pts, reverse=True)


# --- invented identifiers ---------------------------------------------------------------------

def case_emn(rng, year: int) -> str:
    return f"EMN-{year}-{rng.randint(1000, 99999):06d}"


def case_sagsnr(rng) -> str:
    return str(rng.randint(100000, 399999))


def case_slash(rng, year: int) -> str:
    return f"{year % 100:02d}/{rng.randint(100, 39999)}"


def kle(rng, year: int) -> str:
    main = rng.choice(["15.20.00", "15.00.00", "00.01.00", "00.22.02", "32.18.00", "27.36.00", "15.02.00"])
    return f"{main}-{rng.choice(['G01', 'A00', 'P20', 'G00'])}-{rng.randint(1, 40)}-{year % 100:02d}"


def initials(rng) -> str:
    return "".join(rng.choice("abcdefghijklmnoprstuv") for _ in range(3))


# --- web residue ------------------------------------------------------------------------------

COOKIE_LINES = (
    "Vi bruger cookies til statistik og til at forbedre hjemmesiden. Læs mere om cookies.",
    "Denne hjemmeside anvender cookies. Ved at klikke videre accepterer du vores cookiepolitik.",
    "Hjemmesiden bruger cookies til trafikmåling. Du kan altid trække dit samtykke tilbage.",
)
COOKIE_BUTTONS = ("Accepter alle", "Kun nødvendige", "OK, forstået", "Nej tak til cookies")
NAV_LINES = (
    "Gå til indhold", "Forsiden | Kontakt | Ledige job | Presse | Selvbetjening", "Menu", "Søg",
    "Borger | Erhverv | Politik | Om kommunen", "Skip til hovedindholdet", "Til forsiden",
)
ITEM_UI = ("Kopier link", "Hent som PDF", "Til toppen", "Udskriv punkt", "Del på e-mail", "Vis bilag")
FOOTER_LINES = (
    "Tilgængelighedserklæring", "Privatlivspolitik | Cookiepolitik | Om hjemmesiden",
    "Sidst opdateret af webredaktionen", "Kontakt os: Hverdage kl. 9-15",
)
