"""Content: loading the publisher files and the small Danish helpers every family uses."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

PUBLISHERS_DIR = Path(__file__).resolve().parents[2] / "corpora" / "synthetic" / "publishers"

MONTHS = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december")
WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")

# Printed headings a family falls back on when the publisher's vocabulary has none.
DEFAULT_HEADINGS = {
    "sagen_kort": "Sagen kort", "indstilling": "Indstilling", "beslutning": "Beslutning",
    "sagsfremstilling": "Sagsfremstilling", "baggrund": "Baggrund", "sagsforloeb": "Sagsforløb",
    "oekonomi": "Økonomi", "videre_proces": "Videre proces", "bilag": "Bilag", "other": "Bemærkninger",
}

TYPE_WORDS = {"B": "Beslutningssag", "D": "Drøftelsessag", "O": "Orienteringssag"}

REQUIRED_KEYS = ("publisher", "publisher_kind", "body", "meetings")


def load_publishers(path: str | Path | None = None) -> list[dict]:
    """All publisher content files (``*.json``) in ``path`` (default corpora/synthetic/publishers), sorted
    by file name. Each dict gets ``_file`` (the file name). Files that are not valid content raise."""
    root = Path(path) if path is not None else PUBLISHERS_DIR
    files = [root] if root.is_file() else sorted(root.glob("*.json"))
    out = []
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        missing = [k for k in REQUIRED_KEYS if k not in data]
        if missing:
            raise ValueError(f"{f.name}: missing keys {missing}")
        for m in data["meetings"]:
            if "date" not in m or "items" not in m:
                raise ValueError(f"{f.name}: a meeting without date or items")
        data["_file"] = f.name
        out.append(data)
    return out


def slug(text: str) -> str:
    t = text.lower()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("é", "e"), ("ü", "u")):
        t = t.replace(a, b)
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


def date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def long_date(iso: str) -> str:
    d = date(iso)
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def weekday(iso: str) -> str:
    return WEEKDAYS[date(iso).weekday()]


def dmy(iso: str, sep: str = "-") -> str:
    d = date(iso)
    return f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}"


def days_before(iso: str, n: int) -> str:
    return (date(iso) - dt.timedelta(days=n)).isoformat()


def clock(time: str | None, minutes: int = 0, sep: str = ".") -> str:
    """'15.00' (+ minutes) as 'HH.MM' with the given separator."""
    h, m = (int(x) for x in re.split(r"[.:]", time or "15.00")[:2])
    total = h * 60 + m + minutes
    return f"{(total // 60) % 24:02d}{sep}{total % 60:02d}"


def kind_word(meeting: dict) -> str:
    return {"referat": "Referat", "dagsorden": "Dagsorden", "beslutningsprotokol": "Beslutningsprotokol"}.get(
        meeting.get("kind", "referat"), "Referat")


def is_agenda(meeting: dict) -> bool:
    return meeting.get("kind") == "dagsorden"


def genitive(name: str) -> str:
    return name + "'" if name.endswith(("s", "x", "z")) else name + "s"


def abbreviation(body: str) -> str:
    """Committee abbreviation as printed in title prefixes: 'Økonomiudvalget' -> 'ØU'."""
    known = {"økonomiudvalget": "ØU", "byrådet": "BY", "kommunalbestyrelsen": "KB", "regionsrådet": "RR",
             "forretningsudvalget": "FU", "magistraten": "MAG"}
    low = body.lower()
    if low in known:
        return known[low]
    if low.startswith("rar "):
        return "RAR"
    if "lokale beskæftigelsesråd" in low:
        return "LBR"
    words = [w for w in re.split(r"[\s\-]+", body) if w and w.lower() not in ("og", "for", "det", "i", "af")]
    if len(words) == 1:
        w = words[0]
        stem = re.sub(r"(udvalget|udvalg|rådet|råd|nævnet|nævn)$", "", w, flags=re.IGNORECASE)
        tail = "U" if w.lower().endswith(("udvalget", "udvalg")) else "R" if "råd" in w.lower() else "N"
        return (stem[:2].upper() + tail) if stem else w[:3].upper()
    return "".join(w[0].upper() for w in words)[:4]


def bare_title(title: str) -> str:
    """A closed item's title without a printed 'Lukket punkt:' / 'Lukket:' prefix."""
    return re.sub(r"^\s*Lukket(?:\s+punkt|\s+sag)?\s*[:\-–]\s*", "", title or "").strip() or (title or "")


def marker_text(types: list[str], rng, *, allow_words: bool = True) -> str | None:
    """The printed type marker without parentheses: 'B', 'D/B', 'O og B'."""
    types = [t for t in (types or []) if t]
    if not types:
        return None
    if len(types) == 1:
        return types[0]
    if allow_words and rng.random() < 0.3:
        return " og ".join(types)
    return "/".join(types)


def type_word(types: list[str]) -> str:
    types = types or ["O"]
    if "B" in types:
        return TYPE_WORDS["B"]
    if "D" in types:
        return TYPE_WORDS["D"]
    return TYPE_WORDS.get(types[0], "Orienteringssag")


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def person_name(entry: str) -> str:
    """'Anne Holm (A), formand' -> 'Anne Holm'."""
    return re.split(r"\s*[(,]", entry, maxsplit=1)[0].strip()
