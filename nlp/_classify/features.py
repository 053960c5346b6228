"""Cue phrases (tolerant of OCR damage and inflection), decision-lexicon features, the masking of
negated approvals and the bag-of-words analyser: what the classifier reads."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence

from .labels import OUTCOME_LABELS
from .lexicon import Lexicon, fuzzy

# --------------------------------------------------------------------------------------------
# Cue phrases, tolerant of OCR damage (003: ø -> g/@/Q, æ -> ae/z, å -> a/3) and inflection

def _rx(pattern: str) -> re.Pattern:
    return re.compile(fuzzy(pattern), re.IGNORECASE)


CUES: dict[str, re.Pattern] = {
    "godkend": _rx(r"\bgodkend\w*|\bvedt(?:og|ag\w*)\b"),
    "til_godkendelse": _rx(r"\btil\s+godkendelse\b"),
    "tilslut": _rx(r"\btilslut\w*|\btiltrådt\w*"),
    "efterretning": _rx(r"\befterr?etning\w*"),
    "orienter": _rx(r"\borienter\w*"),
    "orienterede": _rx(r"\borienterede\b|\bgav\s+en\s+(?:kort\s+)?status\b"),
    "droeft": _rx(r"\bdrøft\w*|\bdebatter\w*"),
    "droeftede": _rx(r"\bdrøftede\b|\bdebatterede\b|\befter\s+en\s+(?:\w+\s+)?drøftelse\b"),
    "vurderer": _rx(r"\bvurderer,?\s+(?:om|hvordan|hvorvidt)\b"),
    "beslut": _rx(r"\bbeslut\w*"),
    "decide": _rx(r"\bbeslutter\b|\bgodkender\b|\btager\s+stilling\b|\btilkendegiver\b|\bprioriterer\b|"
                  r"\bfastlægger\b|\bvedtager\b|\budpeger\b|\bvælger\b|\btilslutter\s+sig\b"),
    "discuss": _rx(r"\bdrøfter\b|\bdrøfte\b|\bdrøftelse\w*|\bkvalificerer\b|"
                   r"\bkommer\s+med\s+(?:forslag|input|indspil)\b"),
    "besluttede": _rx(r"\bbesluttede\b|\bfastlagde\b|\bvalgte\s+at\b|\bvedtog\s+at\b|\baftalte\b"),
    "som_indstillet": _rx(r"\btiltrådte\s+(?:\w+\s+)?indstilling\w*|\bindstilling\w*\s+blev\s+(?:fulgt|tiltrådt)|"
                          r"^\W*(?:som|jf\.?)\s+indstillet\W*$"),
    "views": _rx(r"\bkvitterede\b|\broste\b|\bpegede\s+på\b|\bfor(?:e)?slog\b|\bser\s+gerne\b|"
                 r"\bblev\s+(?:\w+\s+)?bemærket\b|\bønskede\b|\banbefaler\b|\befterspørger\b|"
                 r"\bfremhævede\b|\bunderstregede\b"),
    "action": _rx(r"\b(?:lægges|udsendes|markedsføres|offentliggøres|etableres|reserveres|prioriteres|"
                  r"fremsendes|videndeles|sendes|følges\s+op|arbejdes\s+videre|udarbejder)\b"),
    "udsat": _rx(r"\b(?:punktet|sagen|behandlingen|beslutningen|drøftelsen)\s+(?:\w+\s+){0,2}"
                 r"(?:udsat|udskudt|udsættes)\b|\budsatte\s+(?:punktet|sagen|behandlingen)\b|"
                 r"\budsættes\b|\bblev\s+udsat\b"),
    "afvist": _rx(r"\bafvist\w*|\bafviste\b|\bforkast\w*|\bikke\s+(?:godkendt|vedtaget|tiltrådt)\b"),
    "no_decision": _rx(r"^\W*(?:intet\s+(?:yderligere|nyt)|ingen\s+(?:punkter|bemærkninger|kommentarer|"
                       r"foreløbige|beslutning|nye)|afbud\s+fra|ikke\s+behandlet)"),
    "remarks": _rx(r"\bmed\s+(?:den|de|følgende|to|tre|fire|en|et|nogle|disse|enkelte|mindre)\s+"
                   r"(?:\w+\s+)?(?:ændring\w*|bemærkning\w*|tilføjelse\w*|justering\w*|præcisering\w*)|"
                   r"\bmed\s+følgende\b|\bdog\s+således\b|\bmed\s+bemærkning\w*|\bjusteres\b|"
                   r"\bunder\s+forudsætning\s+af\b|\bpå\s+betingelse\s+af\b|\bmed\s+forbehold\b"),
    "dagsorden": _rx(r"\bdags?orden\w*"),
    "referat": _rx(r"\breferat\w*"),
    "eventuelt": _rx(r"^\W*eventuelt\b"),
    "tema": _rx(r"\btema\w*|\boplæg\w*"),
    "meddelelser": _rx(r"\bmeddelelse\w*|\bsiden\s+sidst\b|\bstatus\b|\bnyt\s+(?:om|fra)\b|\bgensidig\b"),
}
_NEGATION = _rx(r"\bikke\s+(?:\w+\s+)?$")
_CONDITIONAL = _rx(r"\b(?:når|hvis|såfremt|inden|efter\s+at)\b[^.]*\b(?:er|bliver|blev|være)\s+$")


def cue_vector(texts: dict[str, str]) -> dict[str, float]:
    """Binary cue features per field ("indstilling:godkend"), plus "<field>:empty"."""
    out: dict[str, float] = {}
    for name, text in texts.items():
        text = text or ""
        out[f"{name}:empty"] = float(not text.strip(" -–—\n\t."))
        for cue, rx in CUES.items():
            out[f"{name}:{cue}"] = float(bool(rx.search(text)))
    return out


# Cues that merge labels the outcome tasks keep apart (godkend + beslut are both B): type model only.
TYPE_ONLY_CUES = frozenset({"decide", "discuss"})


LEXICON_TASKS = ("outcome", "proposed_outcome")
LEXICON_FLAGS = ("none", "refers", "placeholder", "ignored")


def lexicon_names(task: str) -> list[str]:
    """The decision-lexicon features of a task: what the lexicon read, as binary features."""
    if task not in LEXICON_TASKS:
        return []
    return [f"lex:{lab}" for lab in OUTCOME_LABELS] + [f"lex:{flag}" for flag in LEXICON_FLAGS]


def lexicon_vector(task: str, texts: dict[str, str]) -> dict[str, float]:
    """What the decision lexicon reads in the task's section, as features for the model.

    The lexicon carries the publisher-independent wording; the model learns where a publisher's
    discursive text makes a cue say less than it seems ("Rådet fremhævede …" in a noting item).
    """
    lex = Lexicon.default()
    if task == "outcome":
        ind = texts.get("indstilling") or ""
        proposed = sorted(lex.proposal(ind).labels) if ind.strip() else None
        reading = lex.decision(texts.get("beslutning") or "", proposed=proposed, title=texts.get("title") or "")
    elif task == "proposed_outcome":
        reading = lex.proposal(texts.get("indstilling") or "")
    else:
        return {}
    out = {f"lex:{lab}": 1.0 for lab in reading.labels}
    out["lex:none"] = float(not reading.labels)
    out["lex:refers"] = float(bool(reading.refers))
    out["lex:placeholder"] = float(reading.placeholder)
    out["lex:ignored"] = float(bool(reading.ignored))
    return out


def cue_names(fields: Sequence[str], task: str = "item_type") -> list[str]:
    """Names of the cue features a task's model uses, in feature order."""
    cues = [c for c in CUES if task == "item_type" or c not in TYPE_ONLY_CUES]
    return [f"{name}:{cue}" for name in fields for cue in ("empty", *cues)] + lexicon_names(task)


def mask_guarded(text: str) -> str:
    """Hide negated or conditional approvals ("ikke godkendt", "når det er godkendt") from the model."""
    out, last = [], 0
    for m in CUES["godkend"].finditer(text):
        sent_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        before = text[sent_start:m.start()]
        if _NEGATION.search(before) or _CONDITIONAL.search(before):
            out += [text[last:m.start()], "betinget"]
            last = m.end()
    return "".join(out) + text[last:]


_TOKEN = re.compile(r"[a-zæøåéü]+")
_FOLD = str.maketrans({"ø": "o", "æ": "a", "å": "a", "é": "e", "ü": "u"})
STEM = 6


def analyze(text: str) -> list[str]:
    """Tokens for the bag of words: lower-cased, Danish letters folded, cut to 6 letters, + bigrams.

    Cutting words to a prefix makes "godkendte/godkendt/godkender" one feature; the corpus is
    too small to learn each inflection separately.
    """
    text = unicodedata.normalize("NFC", text or "").lower()
    toks = [t.translate(_FOLD)[:STEM] for t in _TOKEN.findall(text) if len(t) > 1]
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]
