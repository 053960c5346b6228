"""Synthetic RAR documents (our own text) rendered in the layouts seen in real archives.

One structured meeting, many renderings: inline labels with colons (000/001), labels at a line
start without colon plus a table of contents and running page headers (002), two-column OCR
with label blocks before their content and lost headers (003), and agenda style (004). Tests
check that the segmenter recovers the structure from every rendering.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

LABELS = {"sagen_kort": "Sagen kort", "indstilling": "Indstilling", "beslutning": "Beslutning",
          "sagsfremstilling": "Sagsfremstilling", "videre_proces": "Videre proces", "bilag": "Bilag"}


@dataclass
class SynItem:
    number: str
    title: str
    marker: str | None
    sections: dict[str, str] = field(default_factory=dict)


@dataclass
class SynMeeting:
    council: str
    date_text: str
    groups: list[tuple[str, str, list[SynItem]]]

    @property
    def items(self) -> list[SynItem]:
        return [it for _, _, items in self.groups for it in items]


def meeting() -> SynMeeting:
    return SynMeeting("RAR Sjælland", "12. maj 2022", [
        ("1", "Rådets interne forhold", [
            SynItem("1.1", "Godkendelse af dagsorden", "B", {
                "sagen_kort": "Rådet skal godkende dagsordenen for mødet.",
                "indstilling": "Det indstilles, at Rådet godkender dagsordenen.",
                "beslutning": "Rådet godkendte dagsordenen med den ændring, at punkt 2.1 behandles først.",
                "sagsfremstilling": "Formandskabet har fastlagt dagsordenen på sit møde den 3. maj. "
                                    "Sekretariatet har udarbejdet sagsfremstillingerne.",
                "bilag": "Intet bilag til punktet.",
            }),
            SynItem("1.2", "Orientering om møder i formandskabet", "O", {
                "sagen_kort": "Formandskabet orienterer om sine møder siden sidst.",
                "indstilling": "Formandskabet indstiller, at Rådet tager orienteringen til efterretning.",
                "beslutning": "Rådet tog orienteringen til efterretning.",
                "sagsfremstilling": "Formandskabet har holdt to møder. Der blev drøftet mangel på "
                                    "pædagoger og social- og sundhedsassistenter i kommunerne.",
                "bilag": "Bilag 1.2.1 – Referat af formandskabets møde den 3. maj 2022.",
            }),
        ]),
        ("2", "Kvalificeret arbejdskraft", [
            SynItem("2.1", "Positivlisten for den regionale uddannelsespulje", "D/B", {
                "sagen_kort": "Rådet skal drøfte og godkende stillingsbetegnelser til positivlisten.",
                "indstilling": "Sekretariatet indstiller, at Rådet drøfter og godkender listen.",
                "beslutning": "Rådet drøftede listen og godkendte den uden ændringer.",
                "sagsfremstilling": "Listen bygger på arbejdsmarkedsbalancen. Der er særlig mangel på "
                                    "svejsere, chauffører og elektrikere. Høringen gav tolv svar fra "
                                    "skoler, a-kasser og jobcentre.",
                "videre_proces": "Sekretariatet offentliggør listen den 1. juli.",
                "bilag": "Bilag 2.1.1 – Forslag til stillingsbetegnelser.",
            }),
            SynItem("2.2", "Temadrøftelse om unge uden uddannelse", "D+oplæg", {
                "sagen_kort": "Rådet drøfter indsatsen for unge, der hverken er i job eller uddannelse.",
                "indstilling": "Det indstilles, at Rådet drøfter oplægget.",
                "beslutning": "Rådet drøftede oplægget og ønsker en opfølgning til næste møde.",
                "sagsfremstilling": "Lederen af ungeindsatsen i Køge Kommune holder oplæg om erfaringer "
                                    "med brobygning til erhvervsuddannelserne.",
                "bilag": "Ingen bilag.",
            }),
        ]),
        ("3", "Gensidig orientering", [
            SynItem("3.1", "Sagsudvalget", "O", {
                "sagen_kort": "Sagsudvalgets formand orienterer om udvalgets arbejde.",
                "indstilling": "Det indstilles, at orienteringen tages til efterretning.",
                "beslutning": "Orienteringen blev taget til efterretning.",
                "sagsfremstilling": "Udvalget har behandlet fire sager om arbejdsfordeling.",
                "bilag": "Intet bilag til punktet.",
            }),
        ]),
    ])


def _wrap(text: str, width: int = 72, hyphenate: bool = False) -> list[str]:
    """Wrap like a PDF writer; with ``hyphenate`` long words are split with a hyphen."""
    lines, cur = [], ""
    for word in text.split():
        if cur and len(cur) + 1 + len(word) > width:
            room = width - len(cur) - 2
            if hyphenate and len(word) > 9 and room > 4 and word.isalpha():
                cut = max(4, min(room, len(word) - 4))
                lines.append(f"{cur} {word[:cut]}-")
                cur = word[cut:]
                continue
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}".strip()
    if cur:
        lines.append(cur)
    return lines


def render_inline(m: SynMeeting, *, markers: bool = True, hyphenate: bool = True) -> str:
    """000/001 style: "- 1.1. Title (B)", "Label: text", double-spaced wrapped lines."""
    out: list[str] = []
    for gnum, gtitle, items in m.groups:
        out += [f"{gnum}. {gtitle}", ""]
        for it in items:
            marker = f" ({it.marker})" if markers and it.marker else ""
            out += [f"- {it.number}. {it.title}{marker}", ""]
            for name, text in it.sections.items():
                for line in _wrap(f"{LABELS[name]}: {text}", hyphenate=hyphenate):
                    out += [line, ""]
    return "\n".join(out)


def render_linestart(m: SynMeeting, *, toc: bool = True, headers_every: int = 9) -> str:
    """002 style: cover, TOC with dot leaders, "Anledning Text" labels, running page headers."""
    head = f"Referat af {m.council}s møde den {m.date_text}"
    out = ["Referat", f"af {m.council}s møde", f"den {m.date_text}, kl. 13.00 til 16.00", ""]
    if toc:
        out += ["Dagsordenspunkter:", ""]
        for gnum, gtitle, items in m.groups:
            out += [f"{gnum}. {gtitle}" + "." * 30 + "2", ""]
            for it in items:
                out += [f"- {it.number}.1 {it.title} ({it.marker})" + "." * 20 + "3", ""]
    body: list[str] = []
    for gnum, gtitle, items in m.groups:
        body.append(f"{gnum}. {gtitle}")
        for it in items:
            body.append(f"- {it.number}.1 {it.title} ({it.marker})")
            for name, text in it.sections.items():
                label = "Anledning" if name == "sagen_kort" else LABELS[name]
                body += _wrap(f"{label} {text}", width=80)
    page = 2
    for k, line in enumerate(body):
        if k and k % headers_every == 0:
            out += [str(page), head]
            page += 1
        out.append(line)
    return "\n".join(out)


def render_agenda(m: SynMeeting) -> str:
    """004 style: "N. Title", label-only lines, empty decisions "-", double spacing."""
    out: list[str] = []
    n = 0
    for _, _, items in m.groups:
        for it in items:
            n += 1
            out += [f" {n}. {it.title} ", ""]
            for name, text in it.sections.items():
                label = "Sagen uddybet" if name == "sagsfremstilling" else LABELS[name]
                out += [f"{label} ", ""]
                content = "-" if name == "beslutning" else text
                for line in _wrap(content):
                    out += [line, ""]
    out += [f" {n + 1}. Eventuelt ", "", "-", ""]
    return "\n".join(out)


def render_two_column(m: SynMeeting, *, lose_headers: bool = True) -> str:
    """003 style: label blocks before their content, item headers lost, group headings kept."""
    out: list[str] = []
    for gnum, gtitle, items in m.groups:
        out += [f"{gnum}. {gtitle}", ""]
        for it in items:
            if not lose_headers:
                out += [f"- {it.number}. {it.title} ({it.marker})", ""]
            names = list(it.sections)
            out += ["Anledning"] + [LABELS[n] for n in names[1:]] + [""]
            for name in names:
                out += [*_wrap(it.sections[name]), ""]
    return "\n".join(out)


OCR_DAMAGE = [("ø", "g"), ("Ø", "@"), ("æ", "ae"), ("å", "a"), ("Å", "A")]


def ocr_damage(text: str, seed: int = 0) -> str:
    """Break Danish letters the way OCR did in 003 (ø→g/@, æ→ae, å→a)."""
    rnd = random.Random(seed)
    out = []
    for ch in text:
        if ch == "ø":
            out.append(rnd.choice(["g", "g", "@"]) if ch.islower() else "@")
        elif ch == "Ø":
            out.append("@")
        elif ch == "æ":
            out.append(rnd.choice(["ae", "ae", "z"]))
        elif ch == "å":
            out.append(rnd.choice(["a", "a", "3"]) if rnd.random() < 0.1 else "a")
        elif ch == "Å":
            out.append("A")
        else:
            out.append(ch)
    return "".join(out)


def strip_markers(text: str) -> str:
    return re.sub(r" \((?:B|D|O|D/B|D\+oplæg)\)", "", text)
