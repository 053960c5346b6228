"""Builds ``entities.jsonl``: invented minutes sentences of seven publishers no other set has.

Written after the organisation rules were frozen, to check them on names and publishers they were not
written against (see README.md). Markup: ``[surface|LABEL|...]``; ORG ``[s|ORG|subtype(+g)|norm?]``
(``+g`` = a generic body every kommune has), MUNICIPALITY ``[s|MUNICIPALITY|norm|unit?]``, JOB_TITLE
``[s|JOB_TITLE|norm]``, PERSON and RAR ``[s|LABEL|norm?]``. ``python corpora/entities_test/build.py``
rewrites the file; it is deterministic.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

FAMILY = {
    "Odense Kommune / Beskæftigelses- og Socialudvalget": "municipal_committee",
    "Svendborg Kommune / Økonomiudvalget": "municipal_committee",
    "Esbjerg Kommune / Byrådet": "city_council",
    "Frederiksberg Kommune / Kommunalbestyrelsen": "city_council",
    "Region Nordjylland / Regionsrådet": "region",
    "Silkeborg Kommune / Det Lokale Beskæftigelsesråd": "lbr",
    "RAR Nordjylland": "rar",
}

TEXTS = {
    "Odense Kommune / Beskæftigelses- og Socialudvalget": [
        "[Beskæftigelses- og Socialudvalget|ORG|committee] anbefaler, at [Byrådet|ORG|committee+g] godkender "
        "samarbejdet med [Fynbo Anlæg ApS|ORG|company].",
        "[Arbejdsmarked og Borgerservice|ORG|administration] har lavet en analyse af ledigheden i "
        "[Odense|MUNICIPALITY|Odense].",
        "[Jobcenter Odense|MUNICIPALITY|Odense|jobcenter] indgår aftale med [Lillebælt Erhvervsakademi|ORG|education] "
        "om et forløb for [lagerarbejdere|JOB_TITLE|lagerarbejder].",
        "Sagen blev drøftet med [Foreningen Fælles Fodslag|ORG|other] og [Dansk Ungdomsråd|ORG|other].",
        "[Ældre- og Handicapforvaltningen|ORG|administration] deltager i arbejdsgruppen sammen med "
        "[Odense Letbane P/S|ORG|company].",
        "Rådmand [Hans Ravnkilde|PERSON] fra [Socialdemokratiet|ORG|party] stillede forslag om at inddrage "
        "[Fyns Tekniske Skole|ORG|education].",
    ],
    "Svendborg Kommune / Økonomiudvalget": [
        "[Økonomiudvalget|ORG|committee+g] tiltræder, at [Svendborg Havn A/S|ORG|company] får en garanti.",
        "[Center for Erhverv og Kultur|ORG|administration] orienterede om dialogen med "
        "[Sydfyns Boligselskab|ORG|company].",
        "[Det Konservative Folkeparti|ORG|party] og [Dansk Folkeparti|ORG|party] stemte imod.",
        "[Ungdommens Uddannelsesvejledning Sydfyn|ORG|administration] og [Produktionsskolen Tåsinge|ORG|education] "
        "har søgt om midler.",
        "[Klima- og Naturudvalget|ORG|committee] har behandlet høringssvaret fra [Naturfredningsforeningen|ORG|other].",
        "[Kommunaldirektør|JOB_TITLE|kommunaldirektør] [Lene Bay|PERSON] oplyste, at "
        "[Skattestyrelsen|ORG|state_agency] har svaret.",
    ],
    "Esbjerg Kommune / Byrådet": [
        "[Esbjerg Byråd|ORG|committee] godkendte lånet til [Vestjysk Varmeforsyning A/S|ORG|company].",
        "[Teknik & Miljø|ORG|administration] har sammen med [Kystdirektoratet|ORG|state_agency] vurderet diget.",
        "[Enhedslisten|ORG|party], [Venstre|ORG|party] og [Moderaterne|ORG|party] ønskede sagen udsat.",
        "[Plan- og Miljøudvalget|ORG|committee] anbefaler tilbuddet fra [Esbjerg Rengøring ApS|ORG|company].",
        "Uddannelsesaftalen med [Rybners Gymnasium|ORG|education] og [EUC Vest|ORG|education] forlænges.",
        "[Idrætsforeningen Vestkysten|ORG|other] har sendt en ansøgning til "
        "[Kultur- og Fritidsforvaltningen|ORG|administration].",
    ],
    "Frederiksberg Kommune / Kommunalbestyrelsen": [
        "[Kommunalbestyrelsen|ORG|committee+g] besluttede at lade [By- og Miljøområdet|ORG|administration] undersøge "
        "sagen.",
        "[Frederiksberg Forsyning A/S|ORG|company] fremlagde takstbladet for [Bygge- og Planudvalget|ORG|committee].",
        "[Socialistisk Folkeparti|ORG|party] og [Alternativet|ORG|party] tog forbehold.",
        "[Socialrådgiverforeningen|ORG|union] og [HK Kommunal|ORG|union] er hørt om omstruktureringen.",
        "Projektet gennemføres med [Københavns Erhvervsakademi|ORG|education] og "
        "[Fonden Grøn Hverdag|ORG|other].",
        "[Direktør|JOB_TITLE|direktør] [Mads Kjærgaard|PERSON] fra "
        "[Borgerservice og Digitalisering|ORG|administration] svarede på "
        "spørgsmålet.",
    ],
    "Region Nordjylland / Regionsrådet": [
        "[Regionsrådet|ORG|committee+g] godkendte rammeaftalen med [Nordjyllands Trafikselskab|ORG|company].",
        "[Regional Udvikling|ORG|administration] har drøftet planen med [UCN|ORG|education] og "
        "[Aalborg Universitet|ORG|education].",
        "[Udvalget for Kultur og Uddannelse|ORG|committee] anbefaler støtten til "
        "[Nordvestjysk Fiskeriforening|ORG|other].",
        "[Liberal Alliance|ORG|party] spurgte til samarbejdet med [Dansk Sygeplejeråd|ORG|union].",
        "Ansøgningen fra [Limfjordens Vandværk I/S|ORG|company] blev sendt til [Miljøstyrelsen|ORG|state_agency].",
        "[Hjørring|MUNICIPALITY|Hjørring] og [Frederikshavn Kommune|MUNICIPALITY|Frederikshavn] deltager i "
        "projektet med [Erhvervshus Nordjylland|ORG|other].",
    ],
    "Silkeborg Kommune / Det Lokale Beskæftigelsesråd": [
        "[Det Lokale Beskæftigelsesråd|ORG|committee] fik en status fra "
        "[Jobcenter Silkeborg|MUNICIPALITY|Silkeborg|jobcenter].",
        "[Arbejdsmarkedsafdelingen|ORG|administration] har indgået partnerskab med "
        "[Silkeborg Papirfabrik A/S|ORG|company].",
        "[Dansk Erhverv|ORG|union] og [Serviceforbundet|ORG|union] er repræsenteret i rådet.",
        "Forløbet gennemføres af [Social- og Sundhedsskolen Midt|ORG|education] for "
        "[sygehjælpere|JOB_TITLE|sygehjælper].",
        "Rådet drøftede indsatsen med [Foreningen Nye Veje|ORG|other] og [Silkeborg Handelsskole|ORG|education].",
        "Formand [Birgitte Holt|PERSON] takkede [Beskæftigelsesudvalget|ORG|committee] for samarbejdet.",
    ],
    "RAR Nordjylland": [
        "[RAR Nordjylland|RAR] har modtaget et brev fra "
        "[Styrelsen for Arbejdsmarked og Rekruttering|ORG|state_agency].",
        "[Skagen Skibsværft A/S|ORG|company] mangler [svejsere|JOB_TITLE|svejser] og [smede|JOB_TITLE|smed].",
        "[Erhvervsakademi Dania|ORG|education] og [TECHCOLLEGE|ORG|education] udbyder nye kurser.",
        "Sekretariatet har talt med [Nordjysk Maskinforbund|ORG|union] og [Dansk Byggeri|ORG|union].",
        "[Vesthimmerlands Kommune|MUNICIPALITY|Vesthimmerland] og [Mariagerfjord|MUNICIPALITY|Mariagerfjord] "
        "melder om mangel på [chauffører|JOB_TITLE|chauffør].",
        "Oplægget fra [Center for Beskæftigelse og Uddannelse|ORG|administration] blev taget til efterretning.",
    ],
}

_MARK = re.compile(r"\[([^\[\]|]+)\|([A-Z_]+)((?:\|[^\[\]|]*)*)\]")


def parse(marked: str) -> tuple[str, list[dict]]:
    """Plain text and entity spans of one marked-up sentence (offsets computed, never typed)."""
    out, ents, pos = [], [], 0
    for m in _MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(map(len, out))
        surface, label, rest = m.group(1), m.group(2), [x for x in m.group(3).split("|")[1:]]
        e: dict = {"start": start, "end": start + len(surface), "label": label, "surface": surface}
        if label == "ORG":
            sub = rest[0]
            e["subtype"] = sub.removesuffix("+g")
            if sub.endswith("+g"):
                e["generic"] = True
            e["norm"] = rest[1] if len(rest) > 1 and rest[1] else surface
        else:
            e["norm"] = rest[0] if rest and rest[0] else surface
            if label == "MUNICIPALITY" and len(rest) > 1 and rest[1]:
                e["unit"] = rest[1]
        ents.append(e)
        out.append(surface)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), ents


def build() -> list[dict]:
    rows = []
    for pub, texts in TEXTS.items():
        for marked in texts:
            text, ents = parse(marked)
            rows.append({"id": f"t{len(rows) + 1:04d}", "publisher": pub, "family": FAMILY[pub], "text": text,
                         "entities": ents})
    return rows


if __name__ == "__main__":
    path = Path(__file__).with_name("entities.jsonl")
    rows = build()
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} texts, {sum(len(r['entities']) for r in rows)} mentions -> {path}")
