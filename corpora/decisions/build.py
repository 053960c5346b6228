"""Build the invented decision data set (corpora/DECISIONS.md) from hand-written phrase banks.

Run from the repository root: ``python corpora/decisions/build.py``. Output is deterministic (fixed
seed) and overwrites decisions.jsonl, proposals.jsonl, votes.jsonl and entities.jsonl next to this
file. Every sentence piece below was written for this set after reading the shapes of real Danish
minutes; nothing is copied from a real document. Labels are attached to the phrase that carries
them, so a composed text's labels are known exactly; hard cases carry a note.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 12

# ---------------------------------------------------------------- shared vocabulary

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]
FIRST = ["Anne", "Per", "Hanne", "Lars", "Mette", "Søren", "Lise", "Jens", "Karina", "Mads", "Birgitte", "Henrik",
         "Camilla", "Niels", "Tina", "Jesper", "Susanne", "Rasmus", "Helle", "Thomas", "Pia", "Morten", "Louise",
         "Ole", "Dorthe", "Kasper", "Malene", "Bjarne", "Signe", "Torben", "Ida", "Frederik", "Gitte", "Anders",
         "Marianne", "Kim", "Lene", "Steen", "Nanna", "Bo", "Charlotte", "Jakob", "Rikke", "Allan", "Maja", "Erik",
         "Sofie", "Poul", "Line", "Mikkel", "Hasan", "Amira", "Yasmin", "Jonas", "Inger", "Flemming", "Trine"]
LAST = ["Holm", "Møller", "Lund", "Kjær", "Bach", "Skov", "Dahl", "Vestergaard", "Thygesen", "Bruun", "Lauridsen",
        "Winther", "Krogh", "Nygaard", "Friis", "Damgaard", "Overgaard", "Brandt", "Hedegaard", "Sørensen",
        "Mikkelsen", "Ravn", "Bech", "Storm", "Kirkegaard", "Lindberg", "Højgaard", "Juhl", "Mortensen", "Fogh",
        "Abildgaard", "Ibsen", "Lykke", "Bonde", "Svendsen", "Mølgaard", "Toft", "Kristoffersen", "Yilmaz",
        "Haddad", "Engel", "Frost", "Gram", "Kirk", "Munk", "Riis", "Stampe", "Vinther", "Borup", "Hald"]
PARTY_NAME = {"A": "Socialdemokratiet", "B": "Radikale Venstre", "C": "Det Konservative Folkeparti",
              "D": "Nye Borgerlige", "F": "SF", "I": "Liberal Alliance", "K": "Kristendemokraterne",
              "M": "Moderaterne", "O": "Dansk Folkeparti", "V": "Venstre", "Æ": "Danmarksdemokraterne",
              "Ø": "Enhedslisten", "Å": "Alternativet"}
PARTY_SHORT = {"A": "Socialdemokratiet", "B": "Radikale Venstre", "C": "Konservative", "D": "Nye Borgerlige",
               "F": "SF", "I": "Liberal Alliance", "K": "Kristendemokraterne", "M": "Moderaterne",
               "O": "Dansk Folkeparti", "V": "Venstre", "Æ": "Danmarksdemokraterne", "Ø": "Enhedslisten",
               "Å": "Alternativet"}

# Topics: (definite noun phrase, item title, kind). Kinds steer which outcomes a recipe may pair them with.
TOPICS = [
    ("beskæftigelsesplanen for 2025", "Beskæftigelsesplan 2025", "plan"),
    ("beskæftigelsesplanen for 2026", "Beskæftigelsesplan 2026 - endelig godkendelse", "plan"),
    ("budgetopfølgningen pr. 31. marts", "Budgetopfølgning pr. 31. marts", "budget"),
    ("budgetopfølgningen pr. 30. juni", "Budgetopfølgning 2 - udvalgets område", "budget"),
    ("forslaget til udvalgets budgetbidrag", "Budgetbidrag 2026-2029", "budget"),
    ("den reviderede positivliste", "Positivliste for andet halvår", "plan"),
    ("samarbejdsaftalen med erhvervsskolerne", "Samarbejdsaftale med erhvervsskolerne", "plan"),
    ("kvalitetsstandarden for mentorstøtte", "Kvalitetsstandard for mentorstøtte", "plan"),
    ("strategien for virksomhedssamarbejdet", "Strategi for virksomhedssamarbejde 2025-2027", "plan"),
    ("handleplanen for ungeindsatsen", "Handleplan for unge uden uddannelse", "plan"),
    ("mødeplanen for 2025", "Mødeplan 2025", "procedure"),
    ("dagsordenen", "Godkendelse af dagsorden", "procedure"),
    ("referatet fra sidste møde", "Godkendelse af referat", "procedure"),
    ("forretningsordenen", "Revision af forretningsorden", "procedure"),
    ("kommissoriet for følgegruppen", "Kommissorium for følgegruppe om seniorindsatsen", "plan"),
    ("lokalplanforslaget for Havnefronten Nord", "Lokalplan 1187 - Havnefronten Nord, forslag", "plan"),
    ("det endelige forslag til trafikplan", "Trafikplan 2025 - endelig vedtagelse", "plan"),
    ("klimatilpasningsplanen", "Klimatilpasningsplan - høringsudgave", "plan"),
    ("anlægsbevillingen til renovering af Nørreskolen", "Anlægsbevilling - renovering af Nørreskolen", "budget"),
    ("høringssvaret om den nye refusionsmodel", "Høringssvar - ny refusionsmodel", "hearing"),
    ("udkastet til høringssvar om erhvervsuddannelsesreformen", "Høring om erhvervsuddannelsesreform",
     "hearing"),
    ("forslaget til ny organisering af jobcentret", "Ny organisering af jobcentret", "plan"),
    ("status på ledigheden", "Ledighedsstatus", "orientation"),
    ("nøgletallene for jobcentret", "Nøgletal for jobcentret, 3. kvartal", "orientation"),
    ("resultatrevisionen for 2024", "Resultatrevision 2024", "orientation"),
    ("status på integrationsindsatsen", "Status på integrationsindsatsen", "orientation"),
    ("kvartalsrapporten for sygedagpengeområdet", "Kvartalsrapport - sygedagpenge", "orientation"),
    ("redegørelsen om brugen af sociale klausuler", "Redegørelse om sociale klausuler", "orientation"),
    ("evalueringen af projekt Flere i Job", "Evaluering af projekt Flere i Job", "orientation"),
    ("orienteringen om den nye lovgivning på kontanthjælpsområdet", "Orientering om kontanthjælpsreformen",
     "orientation"),
    ("meddelelserne fra formanden", "Meddelelser fra formanden", "orientation"),
    ("status på rekrutteringsudfordringerne i ældreplejen", "Rekruttering i ældreplejen - status", "orientation"),
    ("tilsynsrapporten fra Ankestyrelsen", "Tilsynsudtalelse fra Ankestyrelsen", "orientation"),
    ("halvårsstatus på uddannelsespuljen", "Uddannelsespuljen - halvårsstatus", "orientation"),
    ("arbejdsmarkedsbalancen for regionen", "Arbejdsmarkedsbalancen - ny udgave", "orientation"),
    ("oplægget om seniorers tilknytning til arbejdsmarkedet", "Temadrøftelse: Seniorer på arbejdsmarkedet",
     "theme"),
    ("udfordringerne med mangel på faglært arbejdskraft", "Temadrøftelse: Mangel på faglærte", "theme"),
    ("indsatsen for unge under 30 år", "Temadrøftelse: Unge under 30 år", "theme"),
    ("erfaringerne fra jobmessen", "Opsamling på jobmessen", "theme"),
    ("mulighederne for grøn omstilling i de lokale virksomheder", "Grøn omstilling i virksomhederne", "theme"),
    ("oplægget fra erhvervsskolerne om praktikpladser", "Oplæg: Praktikpladser", "theme"),
    ("den kommende beskæftigelsesreform", "Beskæftigelsesreformen - drøftelse", "theme"),
    ("årshjulet for udvalgets arbejde", "Årshjul for udvalget", "theme"),
    ("visionen for bymidten", "Vision for bymidten", "theme"),
    ("sprogindsatsen for nyankomne", "Sprog og job for nyankomne", "theme"),
    ("ansøgningen fra Foreningen Naboskab om tilskud til sommeraktiviteter", "Ansøgning om tilskud - Naboskab",
     "application"),
    ("ansøgningen fra Beboerhuset Sønderbro om midler til en lektiecafé", "Puljeansøgning - lektiecafé",
     "application"),
    ("ansøgningen om dispensation fra lokalplanens bestemmelser om skiltning", "Ansøgning om dispensation - skilte",
     "application"),
    ("ansøgningen fra Idrætsforeningen Stjernen om anlægstilskud", "Anlægstilskud - IF Stjernen", "application"),
    ("ansøgningen om forlængelse af projektet Vejen til Job", "Forlængelse af projekt Vejen til Job",
     "application"),
    ("ansøgningen fra Kulturnatten om underskudsgaranti", "Underskudsgaranti - Kulturnatten", "application"),
    ("ansøgningen om udvidet åbningstid for udeservering", "Udeservering - udvidet åbningstid", "application"),
    ("medlemsforslaget om gratis busser for pensionister", "Medlemsforslag om gratis busser", "motion"),
    ("medlemsforslaget om flere skraldespande i parkerne", "Medlemsforslag om skraldespande", "motion"),
    ("medlemsforslaget om et lokalt klimaråd", "Medlemsforslag om klimaråd", "motion"),
    ("forslaget om at lukke Skovbrynets Bibliotek", "Fremtidig biblioteksstruktur", "motion"),
    ("forslaget om nedsættelse af parkeringsafgiften", "Forslag om parkeringsafgift", "motion"),
]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def gen(s: str) -> str:
    """Danish genitive: 'Teknik og Miljø' -> 'Teknik og Miljøs', 'Aarhus' -> 'Aarhus''."""
    return s + "'" if s.endswith(("s", "x", "z")) else s + "s"


def join_da(items: list[str], sep_last: str = " og ") -> str:
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + sep_last + items[-1]


class Rng(random.Random):
    def pick(self, seq):
        return seq[self.randrange(len(seq))]

    def date(self) -> tuple[str, str, str]:
        y = self.pick([2019, 2020, 2021, 2022, 2023, 2024, 2025])
        m = self.randrange(1, 13)
        d = self.randrange(1, 29)
        return f"{d}. {MONTHS[m - 1]} {y}", f"{d:02d}-{m:02d}-{y}", MONTHS[m - 1]

    def person(self) -> str:
        return f"{self.pick(FIRST)} {self.pick(LAST)}"

    def amount(self) -> str:
        return self.pick(["25.000 kr.", "40.000 kr.", "75.000 kr.", "120.000 kr.", "150.000 kr.", "250.000 kr.",
                          "380.000 kr.", "0,5 mio. kr.", "1,2 mio. kr.", "2,4 mio. kr.", "8.500 kr.", "15.000 kr."])


# ---------------------------------------------------------------- publishers
# Each publisher has its own body name, furniture (lines that open a decision section but are not the
# decision), seats (for votes), a proposer line for Indstillinger, and house phrases per outcome label.

PUBLISHERS: dict[str, dict] = {
    "AAR_MAG": dict(
        name="Aarhus Kommune / Magistraten", family="magistrat", B="Magistraten", b="Magistraten",
        s="Magistraten", full="Magistraten", next="byrådet",
        seats={"A": 3, "V": 2, "C": 1, "F": 1, "Ø": 1, "B": 1}, furniture=[],
        afd=["Sociale Forhold og Beskæftigelse", "Teknik og Miljø", "Børn og Unge", "Kultur og Borgerservice",
             "Sundhed og Omsorg", "Borgmesterens Afdeling"],
        house={
            "godkendt": [
                "Sendes videre til byrådet. Magistraten anbefalede på mødet den {dl}, at byrådet tiltræder "
                "{afd_gen} indstilling.",
                "Magistraten anbefaler byrådet at tiltræde indstillingen fra {afd}.",
                "Magistraten godkendte {afd_gen} indstilling af {dl2}.",
            ],
            "taget_til_efterretning": ["Magistraten tog redegørelsen fra {afd} til efterretning.",
                                       "Orienteringen fra {afd} blev taget til efterretning."],
            "droeftet": ["Drøftet.", "Drøftet. Magistraten pegede på {points}."],
            "besluttet": ["Sagen sendes tilbage til {afd} med henblik på {task_ing}.",
                          "Magistraten besluttede, at {decision}."],
            "udsat": ["Sagen blev udsat til Magistratens næste møde.", "Behandlingen blev udskudt en uge."],
            "afvist": ["Magistraten kunne ikke anbefale indstillingen over for byrådet.",
                       "Magistraten kunne ikke tiltræde {afd_gen} forslag."],
            "ingen_beslutning": ["Intet.", "Intet til referat."],
        },
        suffix=["Rådmand {person} var ikke til stede under punktet.", "{person} var forhindret i at deltage."],
        proposer=["Det indstilles:", "Beslutningspunkter"], proposal_style="aarhus",
    ),
    "AAR_BY": dict(
        name="Aarhus Kommune / Aarhus Byråd", family="city_council", B="Byrådet", b="byrådet", s="byrådet",
        full="Aarhus Byråd", next="Social- og Beskæftigelsesudvalget",
        seats={"A": 9, "V": 5, "C": 4, "F": 4, "Ø": 3, "B": 2, "O": 1, "I": 1, "Å": 1, "M": 1}, furniture=[],
        afd=["Sociale Forhold og Beskæftigelse", "Teknik og Miljø", "Børn og Unge", "Kultur og Borgerservice"],
        house={
            "godkendt": [
                "Returneres til {afd}, idet byrådet den {dl} vedtog Magistratens indstilling.",
                "Byrådet vedtog indstillingen fra Magistraten.",
            ],
            "besluttet": ["Henvises til {next}, som byrådet besluttede den {dl}.",
                          "Sagen henvises til behandling i Teknisk Udvalg."],
            "udsat": ["Byrådet udsatte behandlingen af sagen på mødet den {dl}.",
                      "Byrådet udsatte sagen til næste byrådsmøde."],
            "afvist": ["Byrådet forkastede forslaget fra {P}.", "Beslutningsforslaget blev ikke vedtaget."],
            "taget_til_efterretning": ["Byrådet tog status til efterretning."],
            "droeftet": ["Byrådet drøftede sagen. Sagen blev behandlet sammen med punkt {n}."],
        },
        suffix=["Sagen blev behandlet sammen med punkt {n}.", "{person} ({P}) deltog ikke i behandlingen."],
        proposer=["Det indstilles:", "Beslutningspunkter"], proposal_style="aarhus",
    ),
    "KK_BR": dict(
        name="Københavns Kommune / Borgerrepræsentationen", family="city_council", B="Borgerrepræsentationen",
        b="Borgerrepræsentationen", s="Borgerrepræsentationen", full="Borgerrepræsentationen",
        next="Økonomiudvalget",
        seats={"Ø": 11, "A": 9, "C": 8, "F": 7, "B": 6, "V": 4, "I": 3, "Å": 3, "M": 2, "O": 1, "D": 1},
        furniture=["Borgerrepræsentationens beslutning i mødet den {dl}", "Borgerrepræsentationens beslutning i "
                   "mødet den {dl}:"],
        house={
            "godkendt": ["Indstillingen blev godkendt uden afstemning.",
                         "Indstillingen blev godkendt uden afstemning, idet ingen ønskede afstemning."],
            "afvist": ["Medlemsforslaget blev forkastet.", "Indstillingen blev ikke godkendt."],
            "besluttet": ["Borgerrepræsentationen besluttede at henvise sagen til behandling i {next}.",
                          "Sagen blev henvist til behandling i Beskæftigelses- og Integrationsudvalget."],
            "udsat": ["Sagen blev udsat efter begæring fra {Pn}.", "Sagen blev udsat til næste møde."],
            "taget_til_efterretning": ["Borgerrepræsentationen tog redegørelsen til efterretning uden afstemning."],
        },
        suffix=["Afbud: {person} ({P}) pga. sygdom.", "Mødet sluttede kl. {hh}.{mm}."],
        proposer=["{forv} indstiller, at Økonomiudvalget over for Borgerrepræsentationen anbefaler,",
                  "Indstilling om,"], proposal_style="kk",
        forv=["Økonomiforvaltningen", "Beskæftigelses- og Integrationsforvaltningen", "Teknik- og Miljøforvaltningen"],
    ),
    "KK_BIU": dict(
        name="Københavns Kommune / Beskæftigelses- og Integrationsudvalget", family="municipal_committee",
        B="Udvalget", b="udvalget", s="Beskæftigelses- og Integrationsudvalget",
        full="Beskæftigelses- og Integrationsudvalget", next="Økonomiudvalget",
        seats={"A": 2, "Ø": 2, "C": 2, "F": 1, "B": 1, "V": 1, "I": 1, "Å": 1},
        furniture=["Beskæftigelses- og Integrationsudvalgets beslutning i mødet den {dl}",
                   "Beskæftigelses- og Integrationsudvalgets beslutning i mødet den {dl}:"],
        house={
            "godkendt": ["Indstillingen blev godkendt uden afstemning.",
                         "Indstillingens 1. og 2. at-punkt blev godkendt uden afstemning."],
            "taget_til_efterretning": ["Indstillingen blev godkendt uden afstemning, og orienteringen blev "
                                       "dermed taget til efterretning."],
            "afvist": ["Indstillingen blev ikke godkendt.", "Forslaget opnåede ikke flertal og er dermed faldet."],
        },
        suffix=["Fraværende: {person} ({P}).", "{person} ({P}) deltog i stedet for {person2} ({P})."],
        proposer=["Beskæftigelses- og Integrationsforvaltningen indstiller, at Beskæftigelses- og "
                  "Integrationsudvalget godkender,"], proposal_style="kk",
        forv=["Beskæftigelses- og Integrationsforvaltningen"],
    ),
    "KK_LU": dict(
        name="Københavns Kommune / Lokaludvalg Amager Øst", family="municipal_committee", B="Lokaludvalget",
        b="lokaludvalget", s="Lokaludvalget", full="Lokaludvalget", next="Teknik- og Miljøudvalget",
        seats={}, furniture=[],
        house={
            "godkendt": ["Dagsordenen blev godkendt.", "Lokaludvalget bevilgede {amount} til {purpose}.",
                         "Lokaludvalget godkendte høringssvaret, som arbejdsgruppen havde udarbejdet."],
            "afvist": ["Lokaludvalget gav afslag på ansøgningen, da aktiviteten ligger uden for bydelen.",
                       "Ansøgningen blev afvist, da den ikke opfylder puljens kriterier."],
            "besluttet": ["Lokaludvalget nedsatte en arbejdsgruppe om {points}.",
                          "Lokaludvalget besluttede at invitere Teknik- og Miljøforvaltningen til næste møde."],
            "taget_til_efterretning": ["Sekretariatet orienterede om {obj}.", "Formanden orienterede om {obj}."],
            "droeftet": ["Lokaludvalget drøftede {obj} og pegede på {points}."],
        },
        suffix=["Fremmøde: {person} var forhindret; {person2} mødte som suppleant.",
                "{person} erklærede sig inhabil og deltog ikke i behandlingen."],
        proposer=["Formanden indstiller,", "Sekretariatet indstiller,"], proposal_style="numbered",
    ),
    "ROS_OU": dict(
        name="Roskilde Kommune / Økonomiudvalget", family="municipal_committee", B="Økonomiudvalget",
        b="økonomiudvalget", s="Økonomiudvalget", full="Økonomiudvalget", next="Byrådet",
        seats={"A": 3, "V": 2, "C": 1, "F": 1, "Ø": 1, "B": 1},
        furniture=["Økonomiudvalget, {dd}, pkt. {n}", "Økonomiudvalget, {dd}, pkt. {n}:"],
        house={
            "godkendt": ["Anbefales godkendt.", "Anbefales.", "Godkendt.", "Anbefales over for Byrådet."],
            "droeftet": ["Drøftet."], "afvist": ["Anbefales ikke.", "Ikke anbefalet."],
            "udsat": ["Udsat.", "Udsat til næste møde."], "taget_til_efterretning": ["Taget til efterretning."],
        },
        suffix=["Fraværende: {person} ({P}).", "{person} ({P}) mødte som stedfortræder."],
        proposer=["Forvaltningen indstiller, at", "Administrationen indstiller, at"], proposal_style="inline",
    ),
    "FRE_BY": dict(
        name="Fredensborg Kommune / Byrådet", family="city_council", B="Byrådet", b="byrådet", s="Byrådet",
        full="Byrådet", next="Økonomiudvalget",
        seats={"A": 9, "V": 6, "C": 3, "O": 2, "F": 2, "B": 2, "Ø": 1, "I": 1, "D": 1},
        furniture=["Beslutning i Byrådet den {dd}"],
        house={
            "godkendt": ["Indstillingen blev godkendt.", "Godkendt som indstillet af Økonomiudvalget."],
            "udsat": ["Efter forslag fra borgmesteren genoptages sagen i byrådet i {month}.",
                      "Sagen genoptages, når følgegruppen har holdt sit møde."],
            "besluttet": ["Byrådet besluttede at oversende sagen til Plan-, Miljø- og Klimaudvalget."],
            "afvist": ["Forslaget faldt.", "Forslaget blev nedstemt."],
        },
        suffix=["{person} ({P}) var fraværende.", "{person} ({P}) deltog ikke i behandlingen af sagen."],
        proposer=["Administrationen indstiller, at Økonomiudvalget anbefaler Byrådet,",
                  "Administrationen indstiller,"], proposal_style="numbered",
    ),
    "ROD_KB": dict(
        name="Rødovre Kommune / Kommunalbestyrelsen", family="city_council", B="Kommunalbestyrelsen",
        b="kommunalbestyrelsen", s="Kommunalbestyrelsen", full="Kommunalbestyrelsen", next="Økonomiudvalget",
        seats={"A": 10, "C": 3, "Ø": 2, "V": 1, "F": 1, "O": 1, "B": 1}, furniture=[],
        house={
            "godkendt": ["Godkendt.", "Vedtaget.", "Indstillingen vedtaget."],
            "taget_til_efterretning": ["Taget til efterretning.", "Meddelelserne blev taget til efterretning."],
            "udsat": ["Udsat."],
        },
        suffix=["{person} ({P}) deltog ikke i sagens behandling."],
        proposer=["Indstilling"], proposal_style="bare",
    ),
    "HOR_BU": dict(
        name="Horsens Kommune / Beskæftigelsesudvalget", family="municipal_committee", B="Udvalget",
        b="udvalget", s="Beskæftigelsesudvalget", full="Beskæftigelsesudvalget", next="Økonomiudvalget",
        seats={"A": 3, "V": 2, "C": 1, "Ø": 1},
        furniture=["Beskæftigelsesudvalgets beslutning i mødet den {dl}:", "Beskæftigelsesudvalgets beslutning "
                   "den {dl}:"],
        house={
            "godkendt": ["Udvalget godkendte indstillingen.", "Beskæftigelsesudvalget godkendte {obj}."],
            "taget_til_efterretning": ["Udvalget blev orienteret.", "Udvalget blev orienteret om {obj}."],
            "besluttet": ["Udvalget valgte {choice}.", "Udvalget anmodede forvaltningen om {task}."],
        },
        suffix=["Fraværende: {person} ({P})."],
        proposer=["Direktøren for Velfærd og Sundhed indstiller, at", "Jobcenterchefen indstiller, at"],
        proposal_style="inline",
    ),
    "ISH_EBU": dict(
        name="Ishøj Kommune / Erhvervs- og Beskæftigelsesudvalget", family="municipal_committee", B="Udvalget",
        b="udvalget", s="udvalget", full="Erhvervs- og Beskæftigelsesudvalget", next="Økonomi- og Planudvalget",
        seats={"A": 4, "V": 1, "C": 1, "Ø": 1}, furniture=[],
        house={
            "godkendt": ["Tiltrådt.", "Godkendt."], "taget_til_efterretning": ["Til efterretning."],
            "droeftet": ["Drøftet."], "udsat": ["Udsat."],
        },
        suffix=["Afbud: {person} ({P})."],
        proposer=["Indstilling"], proposal_style="bare",
    ),
    "GRI_AMU": dict(
        name="Gribskov Kommune / Arbejdsmarkedsudvalget", family="municipal_committee",
        B="Arbejdsmarkedsudvalget", b="arbejdsmarkedsudvalget", s="Arbejdsmarkedsudvalget",
        full="Arbejdsmarkedsudvalget", next="Økonomiudvalget",
        seats={"V": 2, "A": 2, "C": 1, "F": 1, "O": 1}, furniture=[],
        house={
            "godkendt": ["Godkendt med de faldne bemærkninger.", "Arbejdsmarkedsudvalget godkendte {obj}."],
            "taget_til_efterretning": ["Taget til efterretning med de faldne bemærkninger.",
                                       "Arbejdsmarkedsudvalget tog {obj} til efterretning."],
            "besluttet": ["Arbejdsmarkedsudvalget besluttede, at {decision}."],
        },
        suffix=["Fraværende: {person}."],
        proposer=["Administrationen indstiller til Arbejdsmarkedsudvalget,"], proposal_style="numbered",
    ),
    "VEJ_TMU": dict(
        name="Vejle Kommune / Teknik- og Miljøudvalget", family="municipal_committee", B="Udvalget", b="udvalget",
        s="Teknik- og Miljøudvalget", full="Teknik- og Miljøudvalget", next="Økonomiudvalget og Byrådet",
        seats={"V": 3, "A": 3, "C": 1, "F": 1, "Ø": 1}, furniture=[],
        house={
            "godkendt": ["Udvalget anbefaler over for Økonomiudvalget og Byrådet, at indstillingen godkendes.",
                         "Teknik- og Miljøudvalget godkendte forslaget, der herefter sendes i offentlig høring."],
            "afvist": ["Udvalget besluttede at give afslag på ansøgningen om dispensation.",
                       "Teknik- og Miljøudvalget kunne ikke imødekomme ansøgningen."],
            "besluttet": ["Udvalget besluttede at gennemføre en besigtigelse før næste møde."],
        },
        suffix=["{person} ({P}) deltog ikke i mødet."],
        proposer=["Teknik & Miljø indstiller, at Teknik- og Miljøudvalget over for Økonomiudvalget og Byrådet "
                  "anbefaler,", "Teknik & Miljø indstiller, at"], proposal_style="numbered",
    ),
    "AAL_BU": dict(
        name="Aalborg Kommune / Beskæftigelsesudvalget", family="municipal_committee",
        B="Beskæftigelsesudvalget", b="udvalget", s="Beskæftigelsesudvalget", full="Beskæftigelsesudvalget",
        next="Magistraten",
        seats={"A": 4, "V": 2, "C": 1, "F": 1, "Ø": 1}, furniture=[],
        house={
            "godkendt": ["Godkendt.", "Beskæftigelsesudvalget godkendte {obj}, idet de ikke-vedtagne dele udgår."],
            "taget_til_efterretning": ["Beskæftigelsesudvalget tog orienteringen til efterretning."],
        },
        suffix=["Fraværende: {person}.", "{person} deltog ikke i behandlingen af punktet."],
        proposer=["Beskæftigelsesforvaltningen indstiller, at"], proposal_style="inline",
    ),
    "RM_RR": dict(
        name="Region Midtjylland / Regionsrådet", family="region", B="Regionsrådet", b="regionsrådet",
        s="regionsrådet", full="Regionsrådet", next="forretningsudvalget",
        seats={"A": 13, "V": 9, "C": 6, "F": 4, "Ø": 3, "O": 2, "B": 2, "I": 1, "D": 1},
        furniture=["Beslutning i regionsrådet den {dl}:"],
        house={
            "godkendt": ["Indstillingen blev godkendt.", "Forretningsudvalgets indstilling blev tiltrådt."],
            "udsat": ["Sagen blev udsat til regionsrådets møde i {month}."],
            "taget_til_efterretning": ["Regionsrådet tog orienteringen til efterretning."],
        },
        suffix=["{person} ({P}) var fraværende.", "{person} ({P}) deltog ikke i behandlingen af punktet."],
        proposer=["Direktionen indstiller,", "Forretningsudvalget indstiller til regionsrådet,"],
        proposal_style="numbered",
    ),
    "RSD_URU": dict(
        name="Region Syddanmark / Udvalget for Regional Udvikling", family="region", B="Udvalget", b="udvalget",
        s="udvalget", full="Udvalget for Regional Udvikling", next="forretningsudvalget og regionsrådet",
        seats={"V": 4, "A": 3, "F": 2, "O": 1, "C": 1}, furniture=[],
        house={
            "godkendt": ["Udvalget anbefaler forretningsudvalget og regionsrådet at godkende indstillingen.",
                         "Udvalget kunne tiltræde indstillingen."],
            "taget_til_efterretning": ["Udvalget tog orienteringen til efterretning."],
            "droeftet": ["Udvalget drøftede {obj} og lagde vægt på {points}."],
        },
        suffix=["Afbud: {person} ({P})."],
        proposer=["Administrationen indstiller, at udvalget over for forretningsudvalget og regionsrådet anbefaler,"],
        proposal_style="numbered",
    ),
    "RAR_OJ": dict(
        name="RAR Østjylland", family="rar", B="Rådet", b="rådet", s="Rådet", full="RAR Østjylland",
        next="Formandskabet", seats={}, furniture=[],
        house={
            "godkendt": ["RAR tiltrådte indstillingen.", "Rådet godkendte {obj}.", "Rådet godkendte listen."],
            "droeftet": ["Rådet drøftede {obj} og pegede på {points}.",
                         "Rådet kvitterede for oplægget. Det blev bemærket, at {view}."],
            "taget_til_efterretning": ["Sekretariatet orienterede om {obj}.",
                                       "Rådet tog orienteringen til efterretning."],
            "besluttet": ["Rådet besluttede at sende et brev til kommunernes beskæftigelsesudvalg om {points}.",
                          "Notatet lægges på rådets hjemmeside."],
            "ingen_beslutning": ["Afbud fra de tilforordnede.", "Intet yderligere."],
        },
        suffix=["Afbud: {person}."],
        proposer=["Det indstilles, at", "Forslag til beslutning"], proposal_style="rar",
    ),
    "RAR_FYN": dict(
        name="RAR Fyn", family="rar", B="Rådet", b="rådet", s="Rådet", full="RAR Fyn", next="Formandskabet",
        seats={}, furniture=[],
        house={
            "godkendt": ["Formandskabet godkendte på rådets vegne {obj}.", "Rådet tilsluttede sig indstillingen."],
            "droeftet": ["Rådet drøftede sagen. Det er rådets opfattelse, at {view}."],
            "besluttet": ["På næste formandskabsmøde arbejdes videre med en model for {points}."],
            "ingen_beslutning": ["Intet nyt.", "Ingen punkter fremført."],
        },
        suffix=["Afbud: {person}."],
        proposer=["Sekretariatet indstiller, at", "Indstilling:"], proposal_style="rar",
    ),
    "LBR_VIB": dict(
        name="Viborg Kommune / Det Lokale Beskæftigelsesråd", family="lbr", B="Det Lokale Beskæftigelsesråd",
        b="rådet", s="Det Lokale Beskæftigelsesråd", full="Det Lokale Beskæftigelsesråd", next="Byrådet",
        seats={}, furniture=["Beslutning i Det Lokale Beskæftigelsesråd den {dd}"],
        house={
            "taget_til_efterretning": ["Det Lokale Beskæftigelsesråd tager status til efterretning."],
            "godkendt": ["LBR bevilgede {amount} til {purpose}.", "Det Lokale Beskæftigelsesråd godkender {obj}."],
            "afvist": ["LBR kunne ikke imødekomme ansøgningen, da projektet ikke er virksomhedsrettet."],
        },
        suffix=["Arbejdsmarkedschef {person} undersøger sagen og vender tilbage på næste møde."],
        proposer=["Direktøren for Job & Velfærd indstiller,"], proposal_style="numbered",
    ),
    "LBR_AAB": dict(
        name="Aabenraa Kommune / Det Lokale Beskæftigelsesråd", family="lbr", B="LBR", b="LBR", s="LBR",
        full="Det Lokale Beskæftigelsesråd", next="Økonomiudvalget",
        seats={}, furniture=["Beslutning Det Lokale Beskæftigelsesråd den {dd}"],
        house={
            "taget_til_efterretning": ["Formanden orienterede om:\n• {bullet1}\n• {bullet2}"],
            "godkendt": ["Godkendt.", "Godkendt med følgende bemærkninger: {rem_list}"],
        },
        suffix=["Afbud: {person}."],
        proposer=["Arbejdsmarked og Social indstiller,"], proposal_style="numbered",
    ),
    "KKR_SYD": dict(
        name="KKR Syddanmark", family="network", B="KKR Syddanmark", b="KKR", s="KKR Syddanmark",
        full="KKR Syddanmark", next="KL", seats={}, furniture=[], actors=["A", "V", "C", "F", "Ø", "O"],
        house={
            "godkendt": ["KKR Syddanmark godkendte {obj}.", "KKR tiltrådte indstillingen."],
            "droeftet": ["KKR drøftede {obj}. Der var opbakning til, at {view}."],
            "besluttet": ["KKR besluttede at udpege {person} som repræsentant i følgegruppen."],
        },
        suffix=["Afbud: Borgmester {person}."],
        proposer=["Det indstilles, at", "Det foreslås, at"], proposal_style="kkr",
    ),
    "KF_VEST": dict(
        name="Koordinationsforum Vestjylland", family="network", B="Koordinationsforum", b="forummet",
        s="Koordinationsforum", full="Koordinationsforum Vestjylland", next="RAR Vestjylland", seats={},
        furniture=[],
        house={
            "droeftet": ["Forummet drøftede {obj} og gav input om {points}."],
            "besluttet": ["Koordinationsforum besluttede, at {decision}."],
            "taget_til_efterretning": ["Forummet blev orienteret om {obj}."],
        },
        suffix=["Afbud: {person}."],
        proposer=["Sekretariatet foreslår, at"], proposal_style="kkr",
    ),
}

# Rosters: fixed invented members per publisher and party (for votes that print names).


def rosters(rng: Rng) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    used: set[str] = set()
    for key, p in PUBLISHERS.items():
        out[key] = {}
        for party, n in p["seats"].items():
            names = []
            while len(names) < n:
                nm = rng.person()
                if nm not in used:
                    used.add(nm)
                    names.append(nm)
            out[key][party] = names
    return out


# ---------------------------------------------------------------- fillers

POINTS = ["behovet for flere praktikpladser", "samarbejdet med virksomhederne", "de unges overgang til uddannelse",
          "rekrutteringen af social- og sundhedsassistenter", "brobygning til erhvervsuddannelserne",
          "sprogundervisning for nyankomne", "fastholdelse af seniorer", "manglen på faglærte i byggeriet",
          "den digitale kontakt med borgerne", "trafiksikkerheden omkring skolerne",
          "grøn omstilling i industrien", "opkvalificering af ufaglærte", "ventetiden på afklaringsforløb",
          "kvinder med indvandrerbaggrund uden for arbejdsmarkedet", "jobrotation i den offentlige sektor",
          "de lange sygedagpengeforløb", "flere timer til borgere på deltid"]
VIEWS = ["indsatsen bør målrettes de unge uden uddannelse", "der er behov for en tættere dialog med "
         "erhvervsskolerne", "tallene skal følges tæt det kommende halvår", "virksomhederne skal inddrages tidligere",
         "kommunerne med fordel kan lære af hinanden", "der bør ses mere på fastholdelse end på rekruttering",
         "opgaven kræver et længere sigte end ét budgetår", "de lokale erfaringer bør samles i et kort notat",
         "der skal være et særligt blik for de små virksomheder"]
TASKS = ["at udarbejde et notat om de økonomiske konsekvenser", "at indhente erfaringer fra andre kommuner",
         "at fremlægge en samlet plan på mødet i juni", "at undersøge mulighederne for et samarbejde med "
         "erhvervsskolerne", "at beskrive to alternative modeller", "at gennemføre en høring blandt de berørte "
         "borgere", "at belyse, hvordan ordningen kan finansieres inden for rammen", "at udarbejde et "
         "kommissorium for en arbejdsgruppe"]
TASKS_ING = ["en nærmere belysning af økonomien", "en fornyet høring af de berørte parter",
             "en vurdering af alternative placeringer", "en afklaring af de juridiske forhold"]
CONDS = ["den juridiske vurdering foreligger", "forvaltningen har afklaret finansieringen",
         "høringssvarene er gennemgået", "der er holdt møde med de berørte parter",
         "budgetforhandlingerne er afsluttet", "styrelsens udmelding foreligger"]
DECISIONS = ["næste møde holdes på erhvervsskolen", "der sendes et fælles brev til beskæftigelsesministeren om "
             "refusionsreglerne", "temaet om seniorer tages op på et særskilt møde i efteråret",
             "høringssvaret udarbejdes af formand og næstformand",
             "der afholdes en konference for virksomheder i foråret",
             "puljen udmøntes i to ansøgningsrunder", "mødet i august afholdes som virtuelt møde",
             "der etableres en følgegruppe med deltagelse af de faglige organisationer",
             "analysen offentliggøres på hjemmesiden"]
CHOICES = ["model 2 for den fremtidige organisering", "den lille løsning med to medarbejdere",
           "at prioritere ungeområdet i den kommende plan", "scenarie B", "at samle indsatsen i ét team"]
PURPOSES_GEN = ["en sommerfest i Ørestad", "en lektiecafé for skoleelever", "et loppemarked på torvet",
                "en koncert i parken", "en fællesspisning i beboerhuset", "en kursusrække i digital selvbetjening",
                "trafikmålinger på Strandvejen", "en ny legeplads ved beboerhuset"]
PURPOSES_LAB = ["et jobværksted for unge ledige", "et netværksmøde for små virksomheder",
                "et mentorforløb for ledige akademikere", "en jobmesse for seniorer",
                "sprogundervisning på arbejdspladsen", "et brancheforløb inden for transport",
                "en kampagne for flere lærepladser"]
PURPOSES_REGION = [*PURPOSES_LAB, "en kulturfestival for unge", "et forskningssamarbejde om grøn energi"]
FORENINGER_LAB = ["Netværket Seniorjob", "Foreningen Brobyggerne", "Socialøkonomisk Værksted Kvisten",
                  "Iværksætterhuset Gnisten"]
FORENINGER = ["Foreningen Naboskab", "Beboerhuset Sønderbro", "Idrætsforeningen Stjernen", "Kulturhuset Pavillonen",
              "Grundejerforeningen Engtoften", "Ungdomsklubben Krudttønden", "Seniornetværket Solsikken"]
ROLES = ["Jobcenterchefen", "Sekretariatet", "Forvaltningen", "Direktøren", "Formanden", "Beskæftigelseschefen",
         "Afdelingschefen", "Kommunaldirektøren"]
BULLETS = ["status på budgettet for jobcentret", "ny leder af ungeenheden", "henvendelse fra en lokal virksomhed",
           "invitation til konference om socialøkonomi", "resultat af tilfredshedsmålingen", "opsigelser i "
           "detailbranchen"]
REMARKS = [
    "med den bemærkning, at {b} ønsker en status på indsatsen om et halvt år",
    "med den ændring, at ansøgningsfristen rykkes til den 1. oktober",
    "dog således, at puljen fordeles ligeligt mellem de to målgrupper",
    "med den tilføjelse, at Handicaprådet inddrages i det videre arbejde",
    "idet {b} lægger vægt på, at virksomhederne inddrages tidligt",
    "med den præcisering, at ordningen evalueres i 2026",
    "med de faldne bemærkninger",
    "med følgende bemærkninger: at ungeindsatsen prioriteres, og at der følges op på fraværet",
    "under forudsætning af, at finansieringen findes i budgetforhandlingerne",
    "med den ændring, at beløbet nedsættes til 150.000 kr.",
    "med den justering, at målet for 2025 hæves til 60 procent",
    "idet teksten om samarbejdet med a-kasserne præciseres",
    "med den bemærkning, at beboerne skal have svar inden sommerferien",
    "idet {b} ønsker, at målgruppen udvides til også at omfatte sygemeldte",
    "med den ændring, at ordet 'bør' erstattes af 'skal' i afsnit 3",
]
REM_LIST = ["Tidsplanen justeres, så høringen slutter før sommerferien.",
            "Planen suppleres med et afsnit om seniorer.", "Budgettet justeres, så der afsættes midler til "
            "evaluering."]
EXPLAIN_AFVIST = ["da projektet ligger uden for puljens formål", "idet der ikke er økonomi til forslaget",
                  "da ansøgningen er modtaget efter fristen", "idet hensynet til naboerne vejer tungest",
                  "da forholdet er reguleret i lokalplanen"]

# ---------------------------------------------------------------- generic decision phrases (own wording)
# {B}=body as subject, {b}=lower-case body, {obj}/{Obj}=topic, {rem}=remark clause.

GENERIC = {
    "godkendt": [
        "Godkendt.", "Godkendt som indstillet.", "Indstillingen blev godkendt.", "Tiltrådt.", "Indstillingen tiltrådt.",
        "{B} tiltrådte indstillingen.", "{B} kunne tiltræde indstillingen.", "Vedtaget.", "Enstemmigt vedtaget.",
        "{B} godkendte {obj}.", "{B} godkendte {obj} som fremlagt.", "Anbefales.", "Anbefales godkendt.",
        "Indstilles godkendt.", "{Obj} blev godkendt.", "{B} vedtog {obj}.", "Indstillingen blev vedtaget.",
        "Godkendt uden bemærkninger.", "Indstillingens punkter blev godkendt.", "Forslaget blev vedtaget.",
        "{B} godkendte indstillingen uden afstemning.", "Fremsendes til {next} med anbefaling.",
        "{B} anbefaler indstillingen over for {next}.", "{B} kunne godkende {obj}.",
        "{Obj} blev godkendt uden ændringer.", "{B} tilsluttede sig indstillingen.",
    ],
    "godkendt_app": [
        "{B} bevilgede {amount} til {purpose}.", "Ansøgningen blev imødekommet.",
        "{B} besluttede at imødekomme ansøgningen.", "Der bevilges {amount} som ansøgt.",
        "{B} imødekom ansøgningen og bevilgede {amount}.", "Bevilget.", "Ansøgningen imødekommes.",
        "{B} bevilgede et tilskud på {amount}.",
    ],
    "taget_til_efterretning": [
        "Taget til efterretning.", "Til efterretning.", "Orienteringen blev taget til efterretning.",
        "{B} tog orienteringen til efterretning.", "{B} tog {obj} til efterretning.", "Orientering givet.",
        "Orienteringen blev givet.", "{B} blev orienteret.", "{B} blev orienteret om {obj}.",
        "{role} orienterede om {obj}.", "Ingen bemærkninger.", "Orienteringen gav ikke anledning til bemærkninger.",
        "Taget til orientering.", "Redegørelsen blev taget til efterretning.", "{B} noterede sig orienteringen.",
        "{Obj} blev taget til efterretning.", "Status blev taget til efterretning.",
        "{role} gav en kort orientering om {obj}.",
    ],
    "droeftet": [
        "Drøftet.", "{B} drøftede sagen.", "{B} drøftede {obj}.", "{B} drøftede sagen og pegede på {points}.",
        "Efter en drøftelse af {obj} gav {b} udtryk for, at {view}.",
        "{B} havde en drøftelse af {obj} og lagde særlig vægt på {points}.",
        "Temadrøftelsen blev gennemført. {B} fremhævede {points}.", "{B} kvitterede for oplægget og drøftede {obj}.",
        "Sagen blev drøftet.", "{B} gav input til {obj}, herunder om {points}.", "{B} lagde vægt på, at {view}.",
        "Drøftelsen tog udgangspunkt i {obj}. Det blev bemærket, at {view}.", "{B} drøftede oplægget indgående.",
        "Der var en god drøftelse af {obj}.", "{B} foreslog, at der ses nærmere på {points}.",
    ],
    "besluttet": [
        "{B} besluttede at sende {obj} i høring.", "{B} valgte {choice}.",
        "{B} fastholdt sin beslutning fra mødet den {dl2}.", "Oversendes til {next}.",
        "Sagen fremsendes til {next} uden anbefaling.", "{B} anmodede forvaltningen om {task}.",
        "{B} nedsatte en arbejdsgruppe, der skal se på {points}.", "{B} udpegede {person} som repræsentant.",
        "{B} besluttede, at {decision}.", "Sagen sendes tilbage til forvaltningen med henblik på {task_ing}.",
        "Næste møde flyttes til den {dl2}.", "{B} prioriterede følgende indsatser: {points} og {points2}.",
        "Fremsendes til {next} til beslutning.", "{B} besluttede at oversende sagen til {next}.",
        "{B} bad forvaltningen om {task}.", "Der nedsættes en følgegruppe med deltagelse af {b} og administrationen.",
        "{B} valgte {person} som formand for følgegruppen.",
    ],
    "udsat": [
        "Udsat.", "Sagen blev udsat.", "Sagen blev udsat til næste møde.", "Udsat til næste møde.",
        "Udsat uden behandling.", "Behandlingen blev udskudt.", "Behandlingen blev udskudt til mødet i {month}.",
        "{B} udskød behandlingen af sagen, indtil {cond}.", "Sagen genoptages på næste møde.",
        "Sagen genoptages, når {cond}.", "Punktet blev udsat efter ønske fra {Pn}.",
        "{B} besluttede at udsætte sagen til {month}.", "Sagen udsættes, indtil {cond}.",
        "Udskudt til et senere møde.", "Sagens behandling blev udsat.", "{B} udsatte sagen.",
        "Punktet udsættes til mødet i {month}.", "Behandlingen udskydes, til {cond}.",
    ],
    "afvist": [
        "Forkastet.", "Indstillingen blev forkastet.", "Ikke tiltrådt.", "Indstillingen blev ikke tiltrådt.",
        "{B} kunne ikke tiltræde indstillingen.", "{B} kunne ikke tiltræde forslaget.", "Nedstemt.",
        "Forslaget blev nedstemt.", "{B} afviste {obj}.", "{B} besluttede at give afslag på ansøgningen.",
        "Der gives afslag, {explain}.", "Afslag.", "Ikke anbefalet.", "Anbefales ikke.",
        "{B} kunne ikke anbefale forslaget over for {next}.", "Indstillingen blev ikke godkendt.", "Ikke godkendt.",
        "Forslaget blev forkastet.", "{B} ønskede ikke at imødekomme anmodningen.",
        "Anmodningen blev ikke imødekommet, {explain}.", "{B} gav afslag på ansøgningen, {explain}.",
        "Ansøgningen blev afvist, {explain}.", "{B} afviste forslaget.",
    ],
}

INGEN_REFERAT = ["-", "", "Ingen.", "Intet.", "Intet nyt.", "Ingen punkter.", "Punktet udgik.", "Udgik.",
                 "Intet yderligere.", "Ingen kommentarer.", "Ingen meddelelser.", "Der var ingen punkter til "
                 "eventuelt.", "Intet til referat.", "–", "Ingen sager.", "Lukket punkt."]
INGEN_AGENDA = ["", "-", "–", "", "-", "\n", " ", "Ingen.", "(udfyldes efter mødet)", "…"]

AMENDS = ["at forhøje puljen med 2 mio. kr.", "at tilføje et mål for seniorer", "at fjerne kravet om egenbetaling",
          "at forlænge høringsfristen til otte uger", "at bevare den nuværende åbningstid",
          "at sende sagen tilbage til forvaltningen", "at halvere parkeringsafgiften",
          "at indføre et loft over konsulentudgifterne", "at give foreningerne fortrinsret til lokalerne",
          "at stille krav om lærlinge i alle udbud", "at udskyde ikrafttrædelsen til 2026"]
ORG_ACTORS = {"DA": "DA", "FH": "FH", "KL": "KL", "DH": "DH", "DI": "DI"}
MUNI_WORDS = ("lokalplan", "trafikplan", "klimatilpasning", "anlægsbevilling", "udeservering", "parkering",
              "bibliotek", "busser", "skraldespande", "klimaråd", "dispensation", "Kulturnatten", "bymidten",
              "Idrætsforeningen", "Nørreskolen")
NON_POLITICAL = ("rar", "lbr", "network")
LAB = {"KK_BIU", "HOR_BU", "ISH_EBU", "GRI_AMU", "AAL_BU", "RAR_OJ", "RAR_FYN", "LBR_VIB", "LBR_AAB", "KF_VEST",
       "KKR_SYD"}
TECH = {"VEJ_TMU", "KK_LU", "ROD_KB", "FRE_BY", "AAR_BY", "KK_BR", "ROS_OU", "AAR_MAG"}
KEY = {}


def key_of(p: dict) -> str:
    if not KEY:
        KEY.update({id(v): k for k, v in PUBLISHERS.items()})
    return KEY[id(p)]


def is_muni(topic) -> bool:
    return any(w in topic[0] or w in topic[1] for w in MUNI_WORDS)


def topics_for(p, kinds) -> list:
    out = [t for t in TOPICS if t[2] in kinds]
    if key_of(p) in LAB:
        out = [t for t in out if not is_muni(t) and t[2] != "motion"]
    if key_of(p) not in TECH:
        out = [t for t in out if "dispensation" not in t[0]]
    return out


def ctx(p: dict, rng: Rng, topic) -> dict:
    dl, dd, month = rng.date()
    dl2 = rng.date()[0]
    actors = list(p["seats"]) or p.get("actors") or (["A", "F", "Ø", "C", "V"] if p["family"] ==
                                                     "municipal_committee" else list(ORG_ACTORS))
    party = rng.pick(actors)
    pn = PARTY_NAME.get(party, party)
    afd = rng.pick(p.get("afd", ["forvaltningen"]))
    pts = rng.sample(POINTS, 2)
    purposes = PURPOSES_LAB if key_of(p) in LAB else PURPOSES_REGION if p["family"] == "region" else PURPOSES_GEN
    c = dict(B=p["B"], b=p["b"], obj=topic[0], Obj=cap(topic[0]), dl=dl, dd=dd, dl2=dl2, month=month,
             n=rng.randrange(3, 190), next=p["next"], person=rng.person(), person2=rng.person(), P=party, Pn=pn,
             afd=afd, afd_gen=gen(afd), points=pts[0], points2=pts[1], view=rng.pick(VIEWS), task=rng.pick(TASKS),
             task_ing=rng.pick(TASKS_ING), cond=rng.pick(CONDS), decision=rng.pick(DECISIONS),
             choice=rng.pick(CHOICES), amount=rng.amount(), purpose=rng.pick(purposes), role=rng.pick(ROLES),
             explain=rng.pick(EXPLAIN_AFVIST), hh=rng.randrange(16, 23), mm=rng.pick(["05", "15", "30", "42", "50"]),
             bullet1=rng.pick(BULLETS[:3]), bullet2=rng.pick(BULLETS[3:]), rem_list=rng.pick(REM_LIST),
             amend=rng.pick(AMENDS), forening=rng.pick(FORENINGER_LAB if key_of(p) in LAB else FORENINGER))
    rem = rng.pick(REMARKS).format(b=p["b"])
    c["rem"] = (", " if rem.startswith(("idet", "dog", "under")) else " ") + rem
    return c


def fill(template: str, c: dict) -> str:
    return template.format(**c).replace("kr..", "kr.")


def furnish(p: dict, rng: Rng, c: dict, body: str, furn_p: float = 0.55, suf_p: float = 0.25) -> str:
    lines = []
    if p["furniture"] and rng.random() < furn_p:
        lines.append(fill(rng.pick(p["furniture"]), c))
    lines.append(body)
    if rng.random() < suf_p:
        lines.append(fill(rng.pick(p["suffix"]), dict(c, person=c["person2"], person2=rng.person())))
    return rng.pick(["\n", "\n", "\n\n"]).join(lines)


def allowed(p: dict, template: str) -> bool:
    """Keep phrases a body of this family would write (no recommendations upwards in councils that advise)."""
    if p["family"] in NON_POLITICAL and re.search(r"\{next\}|nbefal|Indstilles|{Pn}|{P}|medlemsforslag", template):
        return False
    return not (p["family"] == "city_council" and re.search(r"nbefal|Indstilles", template))


def phrase(p: dict, rng: Rng, label: str, house_p: float = 0.5, bank: str | None = None) -> str:
    house = p["house"].get(label, [])
    generic = [t for t in GENERIC[bank or label] if allowed(p, t)]
    if house and (rng.random() < house_p or not generic):
        return rng.pick(house)
    return rng.pick(generic)


def topic_for_label(p: dict, rng: Rng, label: str):
    kinds = {"godkendt": ["plan", "budget", "procedure", "hearing", "application", "motion"],
             "taget_til_efterretning": ["orientation"], "droeftet": ["theme", "theme", "orientation"],
             "besluttet": ["plan", "theme", "hearing"], "udsat": ["plan", "budget", "application", "motion", "theme"],
             "afvist": ["application", "motion", "plan"]}[label]
    return rng.pick(topics_for(p, [rng.pick(kinds)]) or topics_for(p, kinds))


def rec(p, kind, text, outcome, with_remarks, title, note=None, **extra):
    r = {"publisher": p["name"], "family": p["family"], "kind": kind, "title": title, "text": text,
         "outcome": sorted(set(outcome), key=LABELS.index), "with_remarks": with_remarks}
    if note:
        r["notes"] = note
    r.update(extra)
    return r


LABELS = ["godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist", "ingen_beslutning"]


def d_simple(p, rng, label):
    topic = topic_for_label(p, rng, label)
    while label == "droeftet" and "formanden" in topic[0]:
        topic = topic_for_label(p, rng, label)
    bank = None
    if label == "godkendt" and topic[2] == "application" and rng.random() < 0.7:
        bank = "godkendt_app"
    for _ in range(20):
        t = phrase(p, rng, label, bank=bank)
        if "ansøgning" in t and topic[2] != "application":
            continue
        if label == "afvist" and topic[2] == "application" and "forslag" in t:
            continue
        break
    if "{role}" in t and "formanden" in topic[0]:
        topic = next(x for x in TOPICS if x[2] == "orientation" and "formanden" not in x[0])
    if topic[0] == "dagsordenen" and label == "godkendt":
        t = rng.pick(["Dagsordenen blev godkendt.", "Godkendt.", "{B} godkendte dagsordenen."])
    c = ctx(p, rng, topic)
    body = fill(t, c)
    wr = None if label == "ingen_beslutning" else (
        label in ("godkendt", "besluttet") and ("{rem_list}" in t or "faldne bemærkninger" in t))
    return rec(p, "referat", furnish(p, rng, c, body), [label], bool(wr), topic[1])


REMARK_FORMS = ["Godkendt{rem}.", "Indstillingen blev godkendt{rem}.", "{B} godkendte {obj}{rem}.",
                "Tiltrådt{rem}.", "{B} kunne tiltræde indstillingen{rem}.", "Anbefales godkendt{rem}.",
                "Vedtaget{rem}.", "{B} tiltrådte indstillingen{rem}."]
REMARK_FORMS_B = ["Oversendes til {next} med følgende bemærkninger: {View}.",
                  "{B} valgte {choice}{rem}.", "{B} besluttede at sende {obj} i høring{rem}.",
                  "{B} besluttede, at {decision}{rem}."]


def d_remarks(p, rng):
    if rng.random() < 0.75:
        forms, label = [f for f in REMARK_FORMS if allowed(p, f)], "godkendt"
        topic = rng.pick(topics_for(p, ["plan", "budget", "hearing"]))
    else:
        forms, label = [f for f in REMARK_FORMS_B if allowed(p, f)], "besluttet"
        topic = rng.pick(topics_for(p, ["plan"]))
    c = ctx(p, rng, topic)
    c["View"] = cap(c["view"])
    body = fill(rng.pick(forms), c)
    return rec(p, "referat", furnish(p, rng, c, body), [label], True, topic[1])


COMBOS = [
    (["taget_til_efterretning", "droeftet"], ["Taget til efterretning. {B} drøftede {points}.",
                                              "{B} tog orienteringen til efterretning og drøftede herunder {points}.",
                                              "Orienteringen blev taget til efterretning. {B} drøftede særligt "
                                              "{points}.", "Til efterretning. Drøftet.",
                                              "{role} orienterede om {obj}. {B} drøftede efterfølgende {points}."],
     "orientation"),
    (["godkendt", "taget_til_efterretning"], ["{B} godkendte dagsordenen og tog orienteringen til efterretning.",
                                              "Pkt. 1 godkendt. Pkt. 2 taget til efterretning.",
                                              "Godkendt, og den øvrige orientering blev taget til efterretning.",
                                              "Planen blev godkendt, og status blev taget til efterretning."], "plan"),
    (["godkendt", "droeftet"], ["{B} drøftede sagen og godkendte herefter {obj}.",
                                "Efter en drøftelse godkendte {b} {obj}.",
                                "Drøftet og godkendt.", "{B} drøftede {points} og godkendte derefter indstillingen."],
     "plan"),
    (["godkendt", "besluttet"], ["Godkendt. {B} besluttede desuden, at {decision}.",
                                 "{B} godkendte {obj} og nedsatte en følgegruppe, der skal se på {points}.",
                                 "Godkendt. {B} anmodede samtidig forvaltningen om {task}."], "plan"),
    (["godkendt", "udsat"], ["Indstillingens 1. at-punkt blev godkendt. 2. at-punkt blev udsat til næste møde.",
                             "Pkt. 1 godkendt. Pkt. 2 udsat, indtil {cond}.",
                             "Godkendt for så vidt angår 2025. Beslutningen om 2026 blev udskudt til {month}."],
     "plan"),
    (["godkendt", "afvist"], ["Indstillingens punkt 1 og 2 blev godkendt. Punkt 3 kunne ikke tiltrædes.",
                              "1. at-punkt godkendt. 2. at-punkt forkastet.",
                              "{B} godkendte planen, men forkastede forslaget om {points}."], "plan"),
    (["droeftet", "besluttet"], ["{B} drøftede {obj} og besluttede, at {decision}.",
                                 "Efter drøftelse anmodede {b} forvaltningen om {task}.",
                                 "{B} drøftede sagen og valgte {choice}."], "theme"),
    (["taget_til_efterretning", "besluttet"], ["Taget til efterretning. {B} anmodede forvaltningen om {task}.",
                                               "{B} tog orienteringen til efterretning og bad forvaltningen om {task}.",
                                               "Til efterretning. {B} besluttede, at {decision}."], "orientation"),
    (["droeftet", "udsat"], ["{B} drøftede sagen, men udsatte beslutningen til næste møde.",
                             "Sagen blev drøftet og genoptages, når {cond}."], "plan"),
    (["afvist", "besluttet"], ["{B} kunne ikke tiltræde indstillingen og anmodede forvaltningen om {task}.",
                               "Forkastet. {B} bad forvaltningen om {task}."], "plan"),
    (["taget_til_efterretning", "droeftet", "besluttet"],
     ["Taget til efterretning. {B} drøftede {points} og besluttede, at {decision}."], "orientation"),
]


def d_combo(p, rng, i):
    labels, forms, kind = COMBOS[i % len(COMBOS)]
    forms = [f for f in forms if allowed(p, f)]
    topic = rng.pick(topics_for(p, [kind]))
    c = ctx(p, rng, topic)
    return rec(p, "referat", furnish(p, rng, c, fill(rng.pick(forms), c)), labels, False, topic[1])


AMEND_FORMS = [
    ("Ændringsforslag fra {P} om {amend} blev forkastet. Indstillingen blev herefter godkendt.", ["godkendt"], False),
    ("{Pn} stillede ændringsforslag om {amend}. Ændringsforslaget blev forkastet, og indstillingen blev derefter "
     "godkendt uden afstemning.", ["godkendt"], False),
    ("Ændringsforslaget fra {P} om {amend} blev vedtaget. Indstillingen blev herefter godkendt med den vedtagne "
     "ændring.", ["godkendt"], True),
    ("Et forslag fra {P} om at udsætte sagen blev forkastet. Herefter blev indstillingen tiltrådt.", ["godkendt"],
     False),
    ("Ændringsforslag fra {P} om {amend} blev forkastet. Herefter blev indstillingen forkastet.", ["afvist"], False),
    ("Forslag fra {P} om at udsætte sagen til næste møde blev vedtaget.", ["udsat"], False),
    ("Ændringsforslaget fra {P} blev trukket tilbage. Indstillingen blev godkendt.", ["godkendt"], False),
    ("{P} stillede ændringsforslag om {amend}, som blev forkastet. Indstillingen blev godkendt.", ["godkendt"], False),
    ("Ændringsforslag fra {P} om {amend} blev forkastet.\nIndstillingen blev herefter anbefalet over for {next}.",
     ["godkendt"], False),
    ("Ændringsforslaget fra {P} blev forkastet. Der var herefter heller ikke flertal for indstillingen, som "
     "dermed er faldet.", ["afvist"], False),
]


def d_amend(p, rng, i):
    text, labels, wr = AMEND_FORMS[i % len(AMEND_FORMS)]
    topic = rng.pick(topics_for(p, ["plan", "budget", "motion"]))
    c = ctx(p, rng, topic)
    note = "a side motion (amendment, postponement) did not carry; the main motion decides the outcome" \
        if "godkendt" in labels else None
    return rec(p, "referat", furnish(p, rng, c, fill(text, c)), labels, wr, topic[1], note)


# Hard cases: negation and scope. (text, labels, with_remarks, note, topic kind)
HARD = [
    ("Godkendt. {P} kunne ikke tiltræde.", ["godkendt"], False, "a minority's dissent is not a rejection", "plan"),
    ("{B} godkendte indstillingen. {Pn} kunne ikke tiltræde punkt 2.", ["godkendt"], False,
     "minority dissent", "plan"),
    ("{B} kunne ikke tiltræde indstillingen, men anmodede forvaltningen om {task}.", ["afvist", "besluttet"],
     False, "negated tiltræde = rejection", "plan"),
    ("Der var ikke flertal for indstillingen.", ["afvist"], False, "no majority = rejection", "motion"),
    ("Der var ikke flertal for at udsætte sagen. Indstillingen blev herefter godkendt.", ["godkendt"], False,
     "a failed motion to postpone is not udsat", "plan"),
    ("Redegørelsen blev ikke taget til efterretning. {B} bad om en ny redegørelse til næste møde.",
     ["afvist", "besluttet"], False, "rare: noting refused", "orientation"),
    ("Ikke til efterretning. {B} ønsker {task_ing}.", ["afvist"], False,
     "rare: noting refused; the wish is the reason, not a separate decision", "orientation"),
    ("Indstillingen om at give afslag blev godkendt.", ["afvist"], False,
     "approving a proposal to refuse = the refusal (outcome is what the Indstilling proposed)", "application"),
    ("{B} tiltrådte indstillingen om at udsætte sagen til {month}.", ["udsat"], False,
     "approving a proposal to postpone = postponed", "plan"),
    ("Forslaget om at give afslag blev ikke tiltrådt. Ansøgningen blev i stedet imødekommet.", ["godkendt"],
     False, "negated refusal; the application was granted", "application"),
    ("Ingen indvendinger. Godkendt.", ["godkendt"], False, "'Ingen' opens an approval", "procedure"),
    ("Der var ingen bemærkninger til dagsordenen, som blev godkendt.", ["godkendt"], False,
     "'ingen bemærkninger' inside an approval", "procedure"),
    ("Ikke godkendt i den foreliggende form. Forvaltningen anmodes om {task}.", ["afvist", "besluttet"], False,
     None, "plan"),
    ("{B} kunne ikke anbefale, at der gives afslag, og anbefaler i stedet, at ansøgningen imødekommes.",
     ["godkendt"], False, "double negation: refusal not recommended, grant recommended", "application"),
    ("Godkendt, idet {b} dog ikke kunne tiltræde forslaget om {points}.", ["godkendt", "afvist"], False,
     "a rejected part adds afvist; a rejected part is a label, not a remark", "plan"),
    ("Indstillingen blev godkendt, bortset fra 3. at-punkt, som blev udsat.", ["godkendt", "udsat"], False,
     "part postponed", "plan"),
    ("{B} drøftede ikke sagen, da oplægsholderen havde meldt afbud. Punktet genoptages på næste møde.", ["udsat"],
     False, "negated drøftede; resumed later = udsat", "theme"),
    ("Der blev ikke truffet beslutning. Sagen genoptages på næste møde.", ["udsat"], False, None, "plan"),
    ("Der blev ikke truffet beslutning i sagen.", ["ingen_beslutning"], None,
     "nothing decided and no postponement stated", "plan"),
    ("Oplægget blev ikke gennemført på grund af tidnød.", ["ingen_beslutning"], None,
     "nothing happened; no postponement stated", "theme"),
    ("{B} anbefaler ikke, at der bevilges midler, men drøftede alternative finansieringsmuligheder.",
     ["afvist", "droeftet"], False, None, "application"),
    ("Godkendt. Det bemærkes, at {Pn} ikke deltog i afstemningen.", ["godkendt"], False,
     "a note on participation is not a remark on the decision", "plan"),
    ("{B} godkendte ikke alene planen, men besluttede også, at {decision}.", ["godkendt", "besluttet"], False,
     "'ikke alene' does not negate", "plan"),
    ("Tiltrådt, men ikke enstemmigt: {P} stemte imod.", ["godkendt"], False, "minority vote", "plan"),
    ("Ansøgningen kunne ikke imødekommes i sin fulde form. Der bevilges i stedet {amount}.", ["godkendt"], True,
     "partial grant = approval with a change", "application"),
    ("Sagen blev ikke udsat, som {P} havde foreslået. Indstillingen blev godkendt.", ["godkendt"], False,
     "negated udsat", "plan"),
    ("Punktet blev ikke behandlet og overføres til næste møde.", ["udsat"], False, None, "plan"),
    ("{B} kunne tiltræde indstillingen, dog ikke at-punkt 3 om {points}.", ["godkendt", "afvist"], False,
     "part rejected", "plan"),
    ("Ikke længere aktuelt. Punktet udgik.", ["ingen_beslutning"], None, "withdrawn item", "plan"),
    ("Orienteringen blev taget til efterretning, men {b} kunne ikke tilslutte sig forvaltningens vurdering af "
     "{points}.", ["taget_til_efterretning", "droeftet"], False,
     "disagreeing with an assessment is the council's own view (droeftet), not a rejection", "orientation"),
    ("Forvaltningens forslag om at lukke tilbuddet blev ikke anbefalet.", ["afvist"], False, None, "motion"),
    ("Anbefales, idet {b} dog ikke kan anbefale 2. at-punkt.", ["godkendt", "afvist"], False, "part rejected",
     "plan"),
    ("Godkendt. {B} ønskede ikke at drøfte sagen yderligere.", ["godkendt"], False, "negated drøfte", "plan"),
    ("{B} besluttede ikke at gå videre med forslaget.", ["afvist"], False,
     "deciding not to proceed with a proposal = rejection", "motion"),
    ("{B} besluttede ikke at sende sagen i høring nu, men at genoptage den efter sommerferien.", ["udsat"], False,
     "deferred", "plan"),
    ("{B} tog forvaltningens vurdering til efterretning og besluttede ikke at iværksætte yderligere.",
     ["taget_til_efterretning", "besluttet"], False, "a decision not to act is still a decision", "orientation"),
    ("Indstillingen blev hverken godkendt eller forkastet, da {b} ikke var beslutningsdygtigt. Sagen genoptages.",
     ["udsat"], False, "quorum missing; resumed later", "plan"),
    ("Sagen blev trukket af dagsordenen af forvaltningen.", ["ingen_beslutning"], None, "withdrawn", "plan"),
    ("Udvalget kunne ikke nå til enighed, og sagen sendes uden anbefaling til {next}.", ["besluttet"], False,
     "sent on without recommendation", "plan"),
    ("Afslag på ansøgningen blev ikke anbefalet; {b} anbefaler, at der bevilges {amount}.", ["godkendt"], False,
     "negated refusal", "application"),
]


def d_hard(p, rng, i):
    text, labels, wr, note, kind = HARD[i % len(HARD)]
    ts = topics_for(p, [kind]) or topics_for(p, ["plan"])
    topic = rng.pick(ts)
    c = ctx(p, rng, topic)
    if "Udvalget" in text and p["B"] != "Udvalget":
        text = text.replace("Udvalget", "{B}")
    return rec(p, "referat", furnish(p, rng, c, fill(text, c), suf_p=0.1), labels, wr, topic[1],
               note or "negation/scope case")


INGEN_TITLES = ["Eventuelt", "Meddelelser", "Nyt fra medlemmerne", "Lukket punkt: Personalesag",
                "Orientering fra formanden", "Næste møde"]


def d_ingen_referat(p, rng, i):
    choices = INGEN_REFERAT + p["house"].get("ingen_beslutning", [])
    text = choices[i % len(choices)]
    title = rng.pick(INGEN_TITLES)
    if text == "Lukket punkt.":
        title = "Lukket punkt: Køb af ejendom"
    c = ctx(p, rng, TOPICS[0])
    body = furnish(p, rng, c, text, furn_p=0.3, suf_p=0.3) if text.strip() else text
    return rec(p, "referat", body, ["ingen_beslutning"], None, title)


HISTORY_FORMS = ["Beslutning fra {other}, {dl2}, pkt. {n}:\nAnbefales.",
                 "{other} den {dl2}: Anbefales godkendt.",
                 "Sagens forløb\n{dd} {other}\nFremsendes med anbefaling.",
                 "Tidligere beslutninger\n{other}, {dl2}: Taget til efterretning.",
                 "Beslutning i {other} den {dd}:\nIndstillingen blev godkendt uden afstemning."]
OTHERS = {"region": ["Forretningsudvalget", "Udvalget for Regional Udvikling", "Udvalget for Nære Sundhedstilbud"],
          "magistrat": ["Social- og Beskæftigelsesudvalget", "Teknisk Udvalg", "Kulturudvalget"],
          "city_council": ["Økonomiudvalget", "Teknik- og Miljøudvalget", "Beskæftigelsesudvalget", "Magistraten"],
          "municipal_committee": ["Handicaprådet", "Ældrerådet", "Børne- og Skoleudvalget", "Teknik- og Miljøudvalget",
                                  "Det Lokale Beskæftigelsesråd"]}


def history(p, rng, c) -> str:
    others = OTHERS.get(p["family"], OTHERS["municipal_committee"])
    if p["family"] == "city_council" and not p["name"].startswith("Aarhus"):
        others = [o for o in others if o != "Magistraten"]
    c = dict(c, other=rng.pick([o for o in others if o != p["full"]]))
    return fill(rng.pick(HISTORY_FORMS), c)


def d_agenda(p, rng, i):
    topic = rng.pick(topics_for(p, ["plan", "orientation", "theme", "application", "budget", "procedure"]))
    c = ctx(p, rng, topic)
    r = i % 5
    if r == 0 and p["furniture"]:
        text = fill(rng.pick(p["furniture"]), c) + rng.pick(["", "\n", "\n-"])
        note = "agenda: furniture line with no decision after it"
    else:
        text, note = rng.pick(INGEN_AGENDA), None
    extra = {}
    if p["family"] in ("city_council", "magistrat", "region") and rng.random() < 0.5:
        extra["history"] = history(p, rng, c)
        note = "agenda: the earlier body's decision (history) is not this meeting's outcome"
    return rec(p, "dagsorden", text, ["ingen_beslutning"], None, topic[1], note, **extra)


REFER = ["Tiltrådt.", "Godkendt som indstillet.", "Som indstillet.", "Indstillingen blev godkendt uden afstemning.",
         "{B} tiltrådte indstillingen.", "Indstillingen tiltrådt.", "Godkendt.", "Indstillingen blev godkendt."]


# ---------------------------------------------------------------- proposals (Indstilling)

QUESTIONS = ["kommunen skal deltage i partnerskabet", "ordningen skal videreføres i 2026",
             "der skal søges midler fra den statslige pulje", "temaet skal indgå i beskæftigelsesplanen",
             "indsatsen skal udvides til hele kommunen", "rådet skal afgive høringssvar"]
APPS = ["ansøgningen fra {forening} om tilskud til {purpose}", "ansøgningen om dispensation fra lokalplanen",
        "anmodningen fra {forening} om forlænget lejeaftale", "ansøgningen om forhåndstilsagn til {purpose}"]
MOTIONS = ["medlemsforslaget om gratis busser for pensionister", "medlemsforslaget om et lokalt klimaråd",
           "forslaget fra {Pn} om nedsat parkeringsafgift", "medlemsforslaget om flere skraldespande i parkerne"]

ACTIVE = {
    "godkendt": ["{s} godkender {obj}", "{s} tiltræder {obj}", "{s} anbefaler {next} at godkende {obj}",
                 "{s} vedtager {obj}", "{s} bevilger {amount} til {purpose}", "{s} tilslutter sig {obj}",
                 "{s} imødekommer {app}", "{s} godkender {obj} med de ændringer, der fremgår af sagsfremstillingen",
                 "{s} over for {next} anbefaler {obj}"],
    "taget_til_efterretning": ["{s} tager orienteringen til efterretning", "{s} tager {obj} til efterretning",
                               "{s} orienteres om {obj}", "{s} tager {obj} til orientering"],
    "droeftet": ["{s} drøfter {obj}", "{s} drøfter og kvalificerer {obj}", "{s} giver input til {obj}",
                 "{s} drøfter, hvordan {points} kan styrkes"],
    "besluttet": ["{s} beslutter, hvilken af de to modeller der skal arbejdes videre med",
                  "{s} tager stilling til, om {q}", "{s} vælger {choice}", "{s} udpeger to medlemmer til følgegruppen",
                  "{s} beslutter at sende {obj} i høring", "{s} tilkendegiver, om {q}",
                  "{s} beslutter, hvilke temaer der skal tages op i næste år", "{s} oversender sagen til {next}"],
    "udsat": ["{s} udsætter beslutningen til næste møde", "{s} udsætter behandlingen af {obj}, indtil {cond}",
              "{s} udskyder sagen til mødet i {month}"],
    "afvist": ["{s} afviser {app}", "{s} giver afslag på {app}", "{s} ikke imødekommer {app}",
               "{s} ikke tiltræder {motion}", "{s} forkaster {motion}", "{s} ikke anbefaler {motion} over for {next}"],
}
PASSIVE = {
    "godkendt": ["{obj} godkendes", "der bevilges {amount} til {purpose}", "{app} imødekommes",
                 "anlægsbevillingen på {big} frigives", "{obj} vedtages", "det godkendes, at {decision}",
                 "{obj} godkendes med de foreslåede justeringer"],
    "taget_til_efterretning": ["orienteringen tages til efterretning", "{obj} tages til efterretning",
                               "{obj} tages til orientering", "status på {points} tages til efterretning"],
    "droeftet": ["oplægget drøftes", "{obj} drøftes", "der gives input til {obj}", "{points} drøftes"],
    "besluttet": ["sagen oversendes til {next}", "der nedsættes en arbejdsgruppe med deltagelse af {b} og "
                  "forvaltningen", "{obj} sendes i offentlig høring i otte uger", "det besluttes, at {decision}",
                  "der tages stilling til, om {q}"],
    "udsat": ["sagen udsættes til mødet i {month}", "behandlingen af {obj} udskydes, indtil {cond}",
              "sagen udsættes"],
    "afvist": ["{app} afvises", "der gives afslag på {app}", "{motion} ikke tiltrædes", "{motion} forkastes",
               "der ikke gives dispensation", "anmodningen fra {forening} ikke imødekommes"],
}
TYPE_OF = {"godkendt": "B", "besluttet": "B", "udsat": "B", "afvist": "B", "droeftet": "D",
           "taget_til_efterretning": "O"}
TERSE = {"godkendt": "Til godkendelse.", "taget_til_efterretning": "Til efterretning.",
         "droeftet": "Til drøftelse.", "besluttet": "Til beslutning."}


def p_topic(p, rng, label):
    kinds = {"godkendt": ["plan", "budget", "hearing", "plan"], "taget_til_efterretning": ["orientation"],
             "droeftet": ["theme", "orientation"], "besluttet": ["plan"],
             "udsat": ["plan", "budget", "theme"], "afvist": ["plan"]}[label]
    return rng.pick(topics_for(p, kinds))


def clause(p, rng, label, active: bool) -> tuple[str, str]:
    topic = p_topic(p, rng, label)
    bank = (ACTIVE if active else PASSIVE)[label]
    if key_of(p) in LAB:
        bank = [t for t in bank if "anlægsbevilling" not in t]
    if topic[2] == "orientation" and label == "droeftet":
        bank = ["{s} drøfter {obj}", "{obj} drøftes"]
    if label == "godkendt" and rng.random() < 0.08:
        topic = rng.pick([t for t in TOPICS if t[2] == "procedure"])
        bank = ["{s} godkender {obj}"] if active else ["{obj} godkendes"]
    bank = [t for t in bank if allowed(p, t) or ("{next}" in t and p["family"] in NON_POLITICAL and
            label == "besluttet")]
    if p["family"] in ("rar", "network"):
        bank = [t for t in bank if not re.search("app}|motion}|dispensation|forening}", t)]
    elif p["family"] == "lbr":
        bank = [t for t in bank if not re.search("motion}|dispensation", t)]
    t = rng.pick(bank or ["{s} afviser forslaget fra sekretariatet", "forslaget om en fælles kampagne afvises"])
    c = ctx(p, rng, topic)
    c["s"] = p["s"] if p["family"] != "rar" else rng.pick(["Rådet", "rådet", p["full"]])
    c["q"] = rng.pick(QUESTIONS)
    c["big"] = rng.pick(["2,4 mio. kr.", "12,5 mio. kr.", "6,8 mio. kr.", "31 mio. kr.", "950.000 kr."])
    c["app"] = fill(rng.pick([a for a in APPS if key_of(p) in TECH or "dispensation" not in a]), c)
    c["motion"] = fill(rng.pick(MOTIONS), c)
    return fill(t, c), topic[1]


def p_labels(rng, n) -> list[str]:
    pool = ["godkendt"] * 6 + ["taget_til_efterretning"] * 4 + ["droeftet"] * 3 + ["besluttet"] * 3 + \
           ["udsat", "afvist"]
    out: list[str] = []
    while len(out) < n:
        lab = rng.pick(pool)
        if lab not in out or (lab == "godkendt" and out.count("godkendt") < 2):
            out.append(lab)
    return out


def proposal(p, rng, labels: list[str]) -> tuple[str, str]:
    """One Indstilling text in the publisher's house style asking for `labels` (in order)."""
    style = p["proposal_style"]
    parts, titles = [], []
    head_kk = rng.pick(p["proposer"]) if style == "kk" else ""
    passive_only = style == "kk" and head_kk.endswith((",", "om,"))
    if style == "numbered" and any(h.endswith(("anbefaler,", "godkender,")) for h in p["proposer"]):
        passive_only = True
    for lab in labels:
        cl, title = clause(p, rng, lab, active=not passive_only and rng.random() < 0.55)
        parts.append(cl)
        titles.append(title)
    title = titles[0]
    if style == "rar" and len(labels) == 1 and labels[0] in TERSE and rng.random() < 0.35:
        return TERSE[labels[0]], title
    if style in ("inline", "kkr") or (style == "rar" and rng.random() < 0.5):
        head = rng.pick(p["proposer"])
        if style == "rar" and head == "Forslag til beslutning":
            if len(parts) > 2:
                return head + "\n" + "\n".join(f"At {x}." for x in parts), title
            return head + "\n" + cap(" og ".join(parts)) + ".", title
        if head.endswith(":"):
            return head + "\n" + "\n".join(f"At {x}." for x in parts), title
        if not head.endswith(" at"):
            head += ", at" if not head.endswith(",") else " at"
        if len(parts) == 1:
            return f"{head} {parts[0]}.", title
        return f"{head} {', at '.join(parts[:-1])}, og at {parts[-1]}.", title
    if style == "aarhus":
        head = rng.pick(p["proposer"])
        if head == "Beslutningspunkter":
            return head + "\n" + "\n".join(f"At {x}." for x in parts), title
        return head + "\n" + "\n".join(f"At {i}) {x}." for i, x in enumerate(parts, 1)), title
    if style == "kk":
        head = head_kk.format(forv=rng.pick(p.get("forv", ["Forvaltningen"])))
        lines = []
        for i, (lab, x) in enumerate(zip(labels, parts, strict=True), 1):
            if head.endswith("anbefaler,") and lab == "godkendt" and x.startswith(("der ", "anlægs")):
                x = "det godkendes, at " + x
            lines.append(f"{i}. at {x}" + ("," if i < len(parts) else ""))
        return head + "\n" + "\n".join(lines), title
    if style == "bare":
        if len(parts) == 1 and labels[0] == "taget_til_efterretning" and rng.random() < 0.3:
            return "Meddelelsespunkterne forelægges til orientering.", "Meddelelser"
        return "\n".join(f"at {x}" + (", og" if i < len(parts) - 1 else ".") for i, x in enumerate(parts)), title
    # numbered (and rar fallback)
    head = rng.pick(p["proposer"])
    if head.endswith(" at"):
        return (f"{head} {parts[0]}." if len(parts) == 1 else
                f"{head} {', at '.join(parts[:-1])}, og at {parts[-1]}."), title
    if head in ("Forslag til beslutning", "Indstilling", "Indstilling:"):
        return head + "\n" + "\n".join(f"At {x}." for x in parts), title
    if not head.endswith((",", ":")):
        head += ","
    if len(parts) == 1 and rng.random() < 0.5:
        return f"{head}\nat {parts[0]}.", title
    if rng.random() < 0.5:
        return head + "\n" + "\n".join(f"{i}. at {x}" for i, x in enumerate(parts, 1)), title
    return head + "\n" + "\n".join(f"at {x}" + (", og" if i < len(parts) - 1 else ".")
                                   for i, x in enumerate(parts)), title


SPECIAL_PROPOSALS = [
    ("Det indstilles, at Rådet tager orienteringen til efterretning og vurderer, om {q}.",
     ["taget_til_efterretning", "droeftet"], ["O"],
     "'tager ... til efterretning og vurderer, om' is O (CLASSIFY.md); vurderer proposes droeftet"),
    ("Forslag til beslutning\nRådet drøfter oplægget og beslutter, hvilke temaer der skal indgå i næste års plan.",
     ["droeftet", "besluttet"], ["B", "D"], None),
    ("Beslutningspunkter\nAt byrådet godkender den reviderede plan.\nAt byrådet tager status til efterretning.",
     ["godkendt", "taget_til_efterretning"], ["B", "O"], None),
    ("Forvaltningen indstiller, at sagen udsættes, indtil {cond}.", ["udsat"], ["B"], "proposal to postpone"),
    ("Forvaltningen indstiller, at ansøgningen afvises, da den er modtaget efter fristen.", ["afvist"], ["B"], None),
    ("Administrationen indstiller, at der gives afslag på ansøgningen om dispensation.", ["afvist"], ["B"], None),
    ("Det indstilles, at udvalget ikke imødekommer anmodningen, men i stedet tilbyder et møde med forvaltningen.",
     ["afvist", "besluttet"], ["B"], "negated imødekommer = refusal; the offer is a decision"),
    ("Administrationen indstiller over for Økonomiudvalget og Byrådet, at anlægsbevillingen på 4,2 mio. kr. "
     "frigives.",
     ["godkendt"], ["B"], None),
    ("Det indstilles, at udvalget tager stilling til, om {q}.", ["besluttet"], ["B"], None),
    ("Til orientering og drøftelse.", ["taget_til_efterretning", "droeftet"], ["D", "O"], "terse"),
    ("Sagen forelægges til drøftelse. Der lægges ikke op til en beslutning på mødet.", ["droeftet"], ["D"],
     "negated decision: only discussion asked for"),
    ("Forvaltningen indstiller, at udvalget ikke går videre med model B, men godkender model A.",
     ["godkendt"], ["B"], "'ikke går videre med' the alternative is not a rejection of the proposal"),
    ("Det indstilles, at Rådet drøfter, om det ønsker at afgive høringssvar, og at formandskabet bemyndiges til at "
     "udarbejde svaret.", ["droeftet", "besluttet"], ["B", "D"], None),
    ("Forvaltningen indstiller, at udvalget godkender, at sagen sendes videre til Økonomiudvalget.",
     ["godkendt"], ["B"], None),
    ("Direktionen indstiller,\nat status på udbuddet af patientbefordring tages til efterretning, og\nat regionen "
     "indleder forhandlinger med den nye leverandør.", ["taget_til_efterretning", "besluttet"], ["B", "O"], None),
    ("Det indstilles, at medlemsforslaget forkastes.", ["afvist"], ["B"], None),
]


# ---------------------------------------------------------------- votes

ORDER = "ABCDFIKMOVÆØÅ"
AMEND_PAIRS = [("om at forhøje puljen med 2 mio. kr.", "Puljen forhøjes med 2 mio. kr., finansieret af den "
                "centrale reserve."),
               ("om at tilføje et mål for seniorer", "Som nyt mål tilføjes: Flere seniorer skal blive længere på "
                "arbejdsmarkedet."),
               ("om at fjerne kravet om egenbetaling", "Kravet om egenbetaling i afsnit 4 udgår."),
               ("om at forlænge høringsfristen", "Høringsperioden forlænges fra fire til otte uger."),
               ("om at bevare den nuværende åbningstid", "Den nuværende åbningstid fastholdes i hele 2025."),
               ("om krav om lærlinge i udbud", "Der stilles krav om mindst én lærling pr. ti årsværk i alle "
                "bygge- og anlægsudbud."),
               ("om at udskyde ikrafttrædelsen", "Ikrafttrædelsen udskydes til den 1. januar 2026."),
               ("om en uafhængig evaluering", "Ordningen evalueres af en ekstern evaluator efter to år.")]


def L(parties: list[str]) -> str:
    return join_da(parties)


def vote(motion, result, f=(), a=(), ab=(), counts=(None, None, None), unanimous=False, method="afstemning",
         list_kind="parties"):
    return {"motion": motion, "result": result, "for": list(f), "against": list(a), "abstain": list(ab),
            "counts": {"for": counts[0], "against": counts[1], "abstain": counts[2]}, "unanimous": unanimous,
            "method": method, "list_kind": list_kind}


def partition(p, rng, passed: bool, tie: bool = False, abstain: bool = True):
    seats = p["seats"]
    parties = sorted(seats, key=ORDER.index)
    for _ in range(500):
        g = {q: rng.choices(["for", "against", "abstain"], weights=[5, 3, 1 if abstain else 0])[0] for q in parties}
        fs = [q for q in parties if g[q] == "for"]
        ag = [q for q in parties if g[q] == "against"]
        ab = [q for q in parties if g[q] == "abstain"]
        f, a, b = (sum(seats[q] for q in x) for x in (fs, ag, ab))
        if not fs or not ag:
            continue
        if tie and f != a:
            continue
        if not tie and ((passed and f <= a) or (not passed and f >= a)):
            continue
        return fs, ag, ab, f, a, b
    raise RuntimeError("no partition for " + p["name"])


def reservation(p, rng, R, c) -> dict:
    party = rng.pick(list(p["seats"]) or p.get("actors") or list(ORG_ACTORS))
    names = R.get(party) or [rng.person()]
    name = rng.pick(names)
    who_party = f"{name} ({party})" if p["seats"] else name
    forms = [
        ("{P} tog forbehold.", party, "forbehold"),
        ("{W} tog forbehold for finansieringen.", who_party, "forbehold"),
        ("{Pn} tog forbehold med henblik på byrådets behandling.", PARTY_NAME.get(party, party), "forbehold"),
        ("{W} ønskede sin stemme ført til protokol.", who_party, "protokol"),
        ("{Pn} ønskede følgende ført til protokol: \"{View}.\"", PARTY_NAME.get(party, party), "protokol"),
        ("{P} afgav følgende protokolbemærkning: \"Vi kan ikke støtte en løsning, der {neg}.\"", party, "protokol"),
        ("{W} ønskede sin stemme imod ført til protokol.", who_party, "protokol"),
    ]
    if p["family"] == "magistrat":
        forms = [("Rådmand {N} tog forbehold.", name, "forbehold"),
                 ("Rådmand {N} tog et generelt forbehold vedrørende {points}.", name, "forbehold"),
                 ("Rådmand {N} tog forbehold med henblik på byrådets behandling.", name, "forbehold")]
    elif p["family"] in NON_POLITICAL and not p.get("actors"):
        forms = [("{P} tog forbehold vedrørende {points}.", party, "forbehold"),
                 ("{P}'s repræsentanter tog forbehold.", f"{party}'s repræsentanter", "forbehold"),
                 ("{P} ønskede det ført til protokol, at {view}.", party, "protokol")]
    t, who, kind = rng.pick(forms)
    text = t.format(P=party, Pn=PARTY_NAME.get(party, party), W=who_party, N=name, View=cap(c["view"]),
                    points=c["points"], view=c["view"],
                    neg=rng.pick(["øger brugerbetalingen", "lukker lokale tilbud", "svækker den faglige kvalitet"]))
    return {"who": who, "kind": kind, "text": text}


def conclusion(passed: bool, rng) -> str:
    return rng.pick(["Indstillingen er dermed godkendt.", "Godkendt.", "Indstillingen blev herefter godkendt."]) \
        if passed else rng.pick(["Indstillingen er dermed forkastet.", "Forkastet.", "Indstillingen faldt."])


def main_vote(p, rng, R, passed: bool, style: str, motion="indstillingen"):
    """Text and vote for the main motion in one of the printed forms."""
    fs, ag, ab, f, a, b = partition(p, rng, passed)
    names = lambda qs: [f"{n} ({q})" for q in qs for n in R[q]]  # noqa: E731
    if style == "br":
        if passed:
            t = f"Indstillingen blev godkendt med {f} stemmer mod {a}."
        else:
            t = f"Indstillingen blev forkastet med {a} stemmer imod {f}."
        t += f" {b} medlemmer undlod at stemme." if ab else ""
        t += f"\nFor stemte: {L(fs)}.\nImod stemte: {L(ag)}." + (f"\nUndlod at stemme: {L(ab)}." if ab else "")
        return t, vote(motion, "vedtaget" if passed else "forkastet", fs, ag, ab, (f, a, b if ab else None))
    if style == "aarhus":
        verb = "vedtaget" if passed else "forkastet"
        t = f"Indstillingen blev {verb} med {f} stemmer for ({L(fs)}) mod {a} stemmer ({L(ag)})."
        t += f" {L(ab)} undlod at stemme." if ab else ""
        return t, vote(motion, verb, fs, ag, ab, (f, a, None))
    if style == "committee":
        t = f"For stemte: {L(fs)} ({f})\nImod stemte: {L(ag)} ({a})"
        t += f"\nUndlod at stemme: {L(ab)} ({b})" if ab else ""
        t += "\n" + conclusion(passed, rng)
        return t, vote(motion, "vedtaget" if passed else "forkastet", fs, ag, ab, (f, a, b if ab else None))
    if style == "majority":
        if passed:
            t = rng.pick([f"Et flertal bestående af {L(fs)} kunne tiltræde indstillingen. Et mindretal ({L(ag)}) "
                          "stemte imod.", f"Et flertal ({L(fs)}) anbefaler indstillingen. Et mindretal bestående af "
                          f"{L(ag)} kunne ikke anbefale indstillingen."])
        else:
            t = f"Et flertal bestående af {L(ag)} kunne ikke tiltræde indstillingen, som dermed er forkastet. " \
                f"Et mindretal ({L(fs)}) stemte for."
        t += f" {L(ab)} undlod at stemme." if ab else ""
        return t, vote(motion, "vedtaget" if passed else "forkastet", fs, ag, ab)
    if style == "counts":
        if passed:
            t = rng.pick([f"Godkendt med {f} stemmer mod {a}.", f"Anbefales med {f} stemmer mod {a}.",
                          f"Indstillingen blev vedtaget med {f} stemmer mod {a}."])
        else:
            t = f"Indstillingen faldt med {f} stemmer for og {a} imod."
        return t, vote(motion, "vedtaget" if passed else "forkastet", counts=(f, a, None), list_kind="none")
    if style == "counts3":
        if not ab:
            return main_vote(p, rng, R, passed, "counts", motion)
        verb = "Vedtaget" if passed else "Forkastet"
        t = f"{verb} med {f} stemmer for, {a} imod og {b}, der undlod at stemme."
        return t, vote(motion, verb.lower(), counts=(f, a, b), list_kind="none")
    if style == "region":
        t = f"For stemte {f} ({L(fs)}), imod stemte {a} ({L(ag)}), hverken for eller imod stemte {b}"
        t += f" ({L(ab)})." if ab else "."
        t += "\n" + conclusion(passed, rng)
        return t, vote(motion, "vedtaget" if passed else "forkastet", fs, ag, ab, (f, a, b))
    if style == "persons":
        nf, na, nb = names(fs), names(ag), names(ab)
        t = f"Der blev stemt om indstillingen:\nFor: {len(nf)} ({', '.join(nf)})\nImod: {len(na)} ({', '.join(na)})"
        t += f"\nUndlod at stemme: {len(nb)} ({', '.join(nb)})" if nb else ""
        t += "\n" + conclusion(passed, rng)
        return t, vote(motion, "vedtaget" if passed else "forkastet", nf, na, nb,
                       (len(nf), len(na), len(nb) if nb else None), list_kind="persons")
    if style == "partynames":
        pf, pa, pb = ([PARTY_SHORT[q] for q in x] for x in (fs, ag, ab))
        t = f"For indstillingen stemte {f} ({L(pf)})\nImod stemte {a} ({L(pa)})"
        t += f"\nUndlod at stemme {b} ({L(pb)})" if ab else ""
        t += "\n" + ("Godkendt." if passed else "Forkastet.")
        return t, vote(motion, "vedtaget" if passed else "forkastet", pf, pa, pb, (f, a, b if ab else None))
    if style == "named_minority":
        q = ag[0]
        who = f"{rng.pick(R[q])} ({q})"
        t = f"Godkendt. {who} stemte imod."
        abst = []
        if ab:
            abst = [f"{rng.pick(R[ab[0]])} ({ab[0]})"]
            t = f"Godkendt. {who} stemte imod, og {abst[0]} undlod at stemme."
        return t, vote(motion, "vedtaget", a=[who], ab=abst, list_kind="persons")
    if style == "abstain_only":
        t = f"Godkendt. {L(ab or ag)} undlod at stemme."
        return t, vote(motion, "vedtaget", ab=ab or ag)
    raise ValueError(style)


HOUSE_VOTE = {"KK_BR": ["br"], "KK_BIU": ["br", "committee"], "AAR_BY": ["aarhus"], "FRE_BY": ["persons"],
              "ROD_KB": ["partynames", "counts"], "RM_RR": ["region"], "RSD_URU": ["majority"],
              "ROS_OU": ["committee", "counts"], "HOR_BU": ["named_minority", "committee"],
              "AAL_BU": ["named_minority", "counts3"], "ISH_EBU": ["counts", "abstain_only"],
              "GRI_AMU": ["partynames", "majority"], "VEJ_TMU": ["committee", "counts3", "majority"],
              "AAR_MAG": ["majority"]}


def v_record(p, key, rng, R, scenario: str):
    topic = rng.pick(topics_for(p, ["plan", "budget", "motion", "application"]))
    c = ctx(p, rng, topic)
    style = rng.pick(HOUSE_VOTE[key])
    votes, res, lines, outcome, wr = [], [], [], ["godkendt"], False
    if scenario == "main_pass":
        t, v = main_vote(p, rng, R, True, style)
        lines.append(t)
        votes.append(v)
    elif scenario == "main_fail":
        st = style if style not in ("named_minority", "abstain_only") else "committee"
        t, v = main_vote(p, rng, R, False, st)
        lines.append(t)
        votes.append(v)
        outcome = ["afvist"]
    elif scenario in ("amend_rejected", "amend_adopted", "amend_lapse"):
        short, quoted = rng.pick(AMEND_PAIRS)
        adopted = scenario != "amend_rejected"
        fs, ag, ab, f, a, b = partition(p, rng, adopted, abstain=False)
        q = rng.pick(fs)
        motion = f"ændringsforslag fra {q} {short}"
        lines.append(f"Ændringsforslag fra {PARTY_NAME[q]} ({q}):\n\"{quoted}\"")
        if adopted:
            lines.append(f"Ændringsforslaget blev vedtaget med {f} stemmer mod {a}.\nFor stemte: {L(fs)}.\n"
                         f"Imod stemte: {L(ag)}.")
        else:
            lines.append(f"Ændringsforslaget blev forkastet med {a} stemmer mod {f}.\nFor stemte: {L(fs)}.\n"
                         f"Imod stemte: {L(ag)}.")
        votes.append(vote(motion, "vedtaget" if adopted else "forkastet", fs, ag, [], (f, a, None)))
        if scenario == "amend_lapse":
            q2 = rng.pick([x for x in p["seats"] if x != q])
            short2 = rng.pick([s for s, _ in AMEND_PAIRS if s != short])
            lines.append(f"Herefter bortfaldt ændringsforslaget fra {q2} {short2.rstrip('.')}.")
            votes.append(vote(f"ændringsforslag fra {q2} {short2}", "bortfaldet", method="bortfald",
                              list_kind="none"))
        if rng.random() < 0.5:
            lines.append("Indstillingen blev herefter godkendt" + (" med den vedtagne ændring" if adopted else "")
                         + " uden afstemning.")
            votes.append(vote("indstillingen", "vedtaget", method="uden_afstemning", list_kind="none"))
        else:
            t, v = main_vote(p, rng, R, True, "br" if style in ("br", "persons") else "committee")
            lines.append("Herefter blev der stemt om indstillingen" +
                         (" med den vedtagne ændring:\n" if adopted else ":\n") + t)
            votes.append(v)
        wr = adopted
    elif scenario == "postpone":
        q = rng.pick(list(p["seats"]))
        fs, ag, ab, f, a, b = partition(p, rng, True, abstain=False)
        if q not in fs:
            q = fs[0]
        lines.append(f"{PARTY_NAME[q]} foreslog sagen udsat til næste møde. Forslaget blev vedtaget med {f} "
                     f"stemmer mod {a}.\nFor stemte: {L(fs)}.\nImod stemte: {L(ag)}.")
        votes.append(vote(f"forslag fra {q} om at udsætte sagen", "vedtaget", fs, ag, [], (f, a, None)))
        outcome = ["udsat"]
    elif scenario == "postpone_rejected":
        fs, ag, ab, f, a, b = partition(p, rng, False, abstain=False)
        q = fs[0]
        lines.append(f"Forslag fra {q} om at udsætte sagen blev forkastet med {a} stemmer mod {f}.")
        votes.append(vote(f"forslag fra {q} om at udsætte sagen", "forkastet", counts=(f, a, None),
                          list_kind="none"))
        t, v = main_vote(p, rng, R, True, style)
        lines.append("Herefter blev indstillingen sat under afstemning.\n" + t)
        votes.append(v)
    elif scenario == "tie":
        fs, ag, ab, f, a, b = partition(p, rng, False, tie=True)
        lines.append(f"For stemte: {L(fs)} ({f})\nImod stemte: {L(ag)} ({a})" +
                     (f"\nUndlod at stemme: {L(ab)} ({b})" if ab else "") +
                     "\nStemmerne stod lige, og indstillingen er dermed ikke vedtaget.")
        votes.append(vote("indstillingen", "forkastet", fs, ag, ab, (f, a, b if ab else None)))
        outcome = ["afvist"]
    elif scenario == "unanimous":
        n = sum(p["seats"].values())
        t = rng.pick(["Enstemmigt godkendt.", "Indstillingen blev godkendt enstemmigt.",
                      f"Enstemmigt vedtaget med {n} stemmer.", "Anbefales enstemmigt."])
        lines.append(t)
        votes.append(vote("indstillingen", "vedtaget", counts=(n if str(n) in t else None, None, None),
                          unanimous=True, method="enstemmigt", list_kind="none"))
    elif scenario == "no_vote_reservation":
        lines.append(rng.pick(["Indstillingen blev godkendt uden afstemning.", "Godkendt uden afstemning."]))
        votes.append(vote("indstillingen", "vedtaget", method="uden_afstemning", list_kind="none"))
    else:
        raise ValueError(scenario)
    n_res = 1 if scenario == "no_vote_reservation" else (1 if rng.random() < 0.3 else 0)
    for _ in range(n_res):
        r = reservation(p, rng, R, c)
        res.append(r)
        lines.append(r["text"])
    text = "\n".join(lines)
    if p["furniture"] and rng.random() < 0.4:
        text = fill(rng.pick(p["furniture"]), c) + "\n" + text
    return {"publisher": p["name"], "family": p["family"], "kind": "referat", "title": topic[1], "text": text,
            "outcome": outcome, "with_remarks": wr, "votes": votes, "reservations": res}


def v_reservation_only(p, rng, R):
    """Councils that rarely vote: the decision plus a member's reservation (votes: [])."""
    topic = rng.pick(topics_for(p, ["plan", "hearing"]))
    c = ctx(p, rng, topic)
    label = "godkendt"
    body = fill(rng.pick(p["house"]["godkendt"]), c)
    r = reservation(p, rng, R, c)
    return {"publisher": p["name"], "family": p["family"], "kind": "referat", "title": topic[1],
            "text": body + "\n" + r["text"], "outcome": [label], "with_remarks": False, "votes": [],
            "reservations": [r]}


# ---------------------------------------------------------------- entities
# Markup: [surface|LABEL|...]. ORG: [s|ORG|subtype(+g)|norm?]; MUNICIPALITY: [s|MUNICIPALITY|norm?|unit?];
# JOB_TITLE: [s|JOB_TITLE|norm]; PERSON/RAR: [s|LABEL|norm?]. "+g" marks a generic statutory body name.

COM = ["[Teknik- og Miljøudvalget|ORG|committee]", "[Udvalget for Erhverv og Vækst|ORG|committee]",
       "[Byrådet|ORG|committee+g]", "[Magistraten|ORG|committee]", "[Borgerrepræsentationen|ORG|committee]",
       "[Lokaludvalg Amager Øst|ORG|committee]", "[Beskæftigelsesudvalget|ORG|committee]",
       "[Økonomiudvalget|ORG|committee+g]", "[Kommunalbestyrelsen|ORG|committee+g]",
       "[Social- og Sundhedsudvalget|ORG|committee]", "[Børne- og Ungeudvalget|ORG|committee]",
       "[Kultur- og Fritidsudvalget|ORG|committee]", "[Beskæftigelses- og Integrationsudvalget|ORG|committee]",
       "[Arbejdsmarkedsudvalget|ORG|committee]", "[Erhvervs- og Beskæftigelsesudvalget|ORG|committee]",
       "[Plan- og Boligudvalget|ORG|committee]", "[Klima- og Miljøudvalget|ORG|committee]",
       "[Handicaprådet|ORG|committee+g]", "[Ældrerådet|ORG|committee+g]", "[Integrationsrådet|ORG|committee]",
       "[Vesterbro Lokaludvalg|ORG|committee]", "[Aarhus Byråd|ORG|committee]", "[Odense Byråd|ORG|committee]",
       "[Folkeoplysningsudvalget|ORG|committee]", "[Udvalget for Regional Udvikling|ORG|committee]",
       "[Regionsrådet|ORG|committee+g]", "[Forretningsudvalget|ORG|committee+g]",
       "[Udvalget for Natur, Klima og Miljø|ORG|committee]", "[Sundheds- og Omsorgsudvalget|ORG|committee]",
       "[Det Lokale Beskæftigelsesråd|ORG|committee]", "[Vejle Byråd|ORG|committee]",
       "[Økonomi- og Planudvalget|ORG|committee]", "[Lokaludvalg Bispebjerg|ORG|committee]"]
ADM = ["[Teknik og Miljø|ORG|administration]", "[Borgmesterens Afdeling|ORG|administration]",
       "[Beskæftigelses- og Integrationsforvaltningen|ORG|administration]",
       "[Center for Arbejdsmarked|ORG|administration]", "[Økonomiforvaltningen|ORG|administration]",
       "[Sundheds- og Omsorgsforvaltningen|ORG|administration]",
       "[Magistratsafdelingen for Sociale Forhold og Beskæftigelse|ORG|administration]",
       "[Job & Velfærd|ORG|administration]", "[Arbejdsmarked og Social|ORG|administration]",
       "[Center for Erhverv og Beskæftigelse|ORG|administration]",
       "[Børne- og Ungdomsforvaltningen|ORG|administration]", "[Kultur og Borgerservice|ORG|administration]",
       "[Koncern HR|ORG|administration]", "[Regional Udvikling|ORG|administration]",
       "[Center for Økonomi og Personale|ORG|administration]", "[Teknik- og Miljøforvaltningen|ORG|administration]",
       "[Center for Sundhed og Pleje|ORG|administration]", "[Byggeri og Ejendomme|ORG|administration]",
       "[Center for Plan og Byg|ORG|administration]", "[Ungeenheden Horisont|ORG|administration]"]
JC = ["[Jobcenter Horsens|MUNICIPALITY|Horsens|jobcenter]", "[Jobcenter Aalborg|MUNICIPALITY|Aalborg|jobcenter]",
      "[Jobcenter Vejle|MUNICIPALITY|Vejle|jobcenter]", "[Jobcenter København|MUNICIPALITY|København|jobcenter]",
      "[Jobcenter Ishøj|MUNICIPALITY|Ishøj|jobcenter]", "[Jobcenter Gribskov|MUNICIPALITY|Gribskov|jobcenter]",
      "[Jobcenter Viborg|MUNICIPALITY|Viborg|jobcenter]", "[Aabenraa Jobcenter|MUNICIPALITY|Aabenraa|jobcenter]",
      "[Jobcenter Ringkøbing-Skjern|MUNICIPALITY|Ringkøbing-Skjern|jobcenter]",
      "[Jobcenter Odense|MUNICIPALITY|Odense|jobcenter]"]
PARTY = ["[Socialistisk Folkeparti|ORG|party]", "[Det Konservative Folkeparti|ORG|party]",
         "[Enhedslisten|ORG|party]", "[Moderaterne|ORG|party]", "[Socialdemokratiet|ORG|party]",
         "[Venstre|ORG|party]", "[Radikale Venstre|ORG|party]", "[Dansk Folkeparti|ORG|party]",
         "[Liberal Alliance|ORG|party]", "[Danmarksdemokraterne|ORG|party]", "[Alternativet|ORG|party]",
         "[Kristendemokraterne|ORG|party]"]
COMP = ["[Kredsløb A/S|ORG|company]", "[Nordic Steel ApS|ORG|company]", "[Vestforbrænding I/S|ORG|company]",
        "[Vejle Spildevand A/S|ORG|company]", "[Aarhus Vand A/S|ORG|company]", "[Midttrafik|ORG|company]",
        "[Movia|ORG|company]", "[Fjernvarme Fyn A/S|ORG|company]", "[AffaldPlus I/S|ORG|company]",
        "[Reno Djurs I/S|ORG|company]", "[Nordlys Logistik A/S|ORG|company]", "[Skovgaard Byg ApS|ORG|company]",
        "[Brdr. Kjær Maskinfabrik ApS|ORG|company]", "[Grøn Bølge Catering ApS|ORG|company]",
        "[Herning Vand A/S|ORG|company]", "[Kalundborg Forsyning A/S|ORG|company]",
        "[Vestjysk Stålteknik A/S|ORG|company]", "[Fynske Busser A/S|ORG|company]"]
UNION = ["[FOA|ORG|union]", "[Dansk Metal|ORG|union]", "[Dansk Erhverv|ORG|union]",
         "[Fagligt Fælles Forbund|ORG|union]", "[HK Kommunal|ORG|union]", "[Kristelig Fagbevægelse|ORG|union]",
         "[Danske Fysioterapeuter|ORG|union]", "[Ergoterapeutforeningen|ORG|union]",
         "[Dansk Journalistforbund|ORG|union]", "[Frie Funktionærer|ORG|union]", "[Metal Østjylland|ORG|union]",
         "[Danske Malermestre|ORG|union]", "[Dansk Håndværk|ORG|union]", "[Socialpædagogerne|ORG|union]",
         "[BUPL|ORG|union]", "[3F Horsens|ORG|union]", "[FOA Aarhus|ORG|union]", "[Dansk Sygeplejeråd|ORG|union]",
         "[Byggeriets Arbejdsgivere|ORG|union]", "[DI Østjylland|ORG|union]"]
EDU = ["[VIA University College|ORG|education]", "[Tradium|ORG|education]", "[EUC Syd|ORG|education]",
       "[Kold College|ORG|education]", "[Aarhus Business College|ORG|education]", "[Niels Brock|ORG|education]",
       "[Erhvervsskolen Nordsjælland|ORG|education]", "[Selandia|ORG|education]",
       "[Roskilde Tekniske Skole|ORG|education]", "[Vejle Tekniske Gymnasium|ORG|education]",
       "[Horsens Gymnasium & HF|ORG|education]", "[FGU Østjylland|ORG|education]", "[SOSU Østjylland|ORG|education]",
       "[SOSU Syd|ORG|education]", "[Social- og Sundhedsskolen Fyn|ORG|education]",
       "[Københavns Professionshøjskole|ORG|education]", "[IBA Erhvervsakademi Kolding|ORG|education]",
       "[Erhvervsakademi Sjælland|ORG|education]", "[VUC Storstrøm|ORG|education]", "[Mercantec|ORG|education]",
       "[Learnmark|ORG|education]", "[Syddansk Erhvervsskole|ORG|education]"]
STATE = ["[STAR|ORG|state_agency|Styrelsen for Arbejdsmarked og Rekruttering]",
         "[Styrelsen for Arbejdsmarked og Rekruttering|ORG|state_agency]", "[Udbetaling Danmark|ORG|state_agency]",
         "[Ankestyrelsen|ORG|state_agency]", "[Social- og Boligstyrelsen|ORG|state_agency]",
         "[Digitaliseringsstyrelsen|ORG|state_agency]", "[Miljøstyrelsen|ORG|state_agency]",
         "[Transportministeriet|ORG|state_agency]", "[Indenrigs- og Sundhedsministeriet|ORG|state_agency]",
         "[Beskæftigelsesministeriet|ORG|state_agency]", "[Familieretshuset|ORG|state_agency]",
         "[Skattestyrelsen|ORG|state_agency]", "[Vejdirektoratet|ORG|state_agency]",
         "[Kystdirektoratet|ORG|state_agency]", "[Energistyrelsen|ORG|state_agency]",
         "[Datatilsynet|ORG|state_agency]", "[Arbejdstilsynet|ORG|state_agency]",
         "[SIRI|ORG|state_agency|Styrelsen for International Rekruttering og Integration]",
         "[Erhvervsstyrelsen|ORG|state_agency]", "[Danmarks Statistik|ORG|state_agency]"]
OTHER = ["[KL|ORG|other]", "[Danske Regioner|ORG|other]", "[Region Midtjylland|ORG|other]",
         "[Region Syddanmark|ORG|other]", "[Region Hovedstaden|ORG|other]", "[Dansk Flygtningehjælp|ORG|other]",
         "[Kræftens Bekæmpelse|ORG|other]", "[DGI Østjylland|ORG|other]", "[Ungdommens Røde Kors|ORG|other]",
         "[Kirkens Korshær|ORG|other]", "[Erhvervshus Midtjylland|ORG|other]", "[Business Region Aarhus|ORG|other]",
         "[Fonden Multihus Lystrup|ORG|other]", "[Foreningen Naboskab|ORG|other]",
         "[Beboerhuset Sønderbro|ORG|other]", "[Idrætsforeningen Stjernen|ORG|other]",
         "[Destination Fyn|ORG|other]", "[VIVE|ORG|other]", "[KKR Midtjylland|ORG|other]",
         "[Erhverv Randers|ORG|other]", "[Roskilde Festival|ORG|other]"]
MUN = ["Aalborg", "Horsens", "Vejle", "Kolding", "Silkeborg", "Herning", "Viborg", "Ishøj", "Gribskov", "Roskilde",
       "Odense", "Esbjerg", "Næstved", "Holbæk", "Randers", "Middelfart", "Svendborg", "Skanderborg", "Hedensted",
       "Fredericia", "Ringkøbing-Skjern", "Lyngby-Taarbæk", "Høje-Taastrup", "Aarhus", "Rødovre", "Aabenraa"]
KOMMUNE_GEN = {"København": "Københavns"}
TITLES = ["direktør", "jobcenterchef", "kommunaldirektør", "beskæftigelseschef", "afdelingschef", "områdechef",
          "virksomhedskonsulent", "teamleder", "centerchef", "arbejdsmarkedschef", "sekretariatschef", "økonomichef",
          "konsulent", "koncerndirektør", "udviklingsdirektør", "rektor", "skoleleder", "planlægger",
          "socialrådgiver", "sagsbehandler", "projektleder", "HR-chef", "chefkonsulent", "fuldmægtig"]
OFFICES = ["borgmester", "rådmand", "udvalgsformand", "formand", "næstformand", "regionsrådsformand",
           "viceborgmester", "byrådsmedlem"]
OCC = [("social- og sundhedsassistenter", "social- og sundhedsassistent"), ("pædagoger", "pædagog"),
       ("buschauffører", "buschauffør"), ("elektrikere", "elektriker"), ("sygeplejersker", "sygeplejerske"),
       ("rengøringsassistenter", "rengøringsassistent"), ("tømrere", "tømrer"), ("smede", "smed"),
       ("lastbilchauffører", "lastbilchauffør"), ("kokke", "kok"), ("lagermedarbejdere", "lagermedarbejder"),
       ("VVS-montører", "VVS-montør"), ("folkeskolelærere", "folkeskolelærer"),
       ("social- og sundhedshjælpere", "social- og sundhedshjælper"),
       ("pædagogiske assistenter", "pædagogisk assistent"), ("industrioperatører", "industrioperatør"),
       ("anlægsgartnere", "anlægsgartner"), ("ergoterapeuter", "ergoterapeut")]
RARS = ["[RAR Østjylland|RAR]", "[RAR Fyn|RAR]", "[RAR Sjællands|RAR|RAR Sjælland]", "[AMK Syd|RAR]",
        "[RAR Vestjylland|RAR]", "[AMK Midt-Nord|RAR]", "[RAR Hovedstaden|RAR]", "[RAR Nordjylland|RAR]"]


def slot(rng: Rng, name: str) -> str:
    if name == "MUN":
        m = rng.pick(MUN)
        return f"[{m}|MUNICIPALITY]"
    if name == "MUNK":
        m = rng.pick([*MUN, "København", "Frederiksberg", "Fredensborg"])
        return f"[{KOMMUNE_GEN.get(m, m)} Kommune|MUNICIPALITY|{m}]"
    if name == "TP":
        t = rng.pick(TITLES)
        return f"[{t}|JOB_TITLE|{t.lower() if not t.startswith('HR') else t}] [{rng.person()}|PERSON]"
    if name == "TPC":
        t = rng.pick(TITLES)
        tc = cap(t)
        return f"[{tc}|JOB_TITLE|{t}] [{rng.person()}|PERSON]"
    if name == "OP":
        return f"{rng.pick(OFFICES)} [{rng.person()}|PERSON]"
    if name == "PERSON":
        return f"[{rng.person()}|PERSON]"
    if name == "OCC":
        s, n = rng.pick(OCC)
        return f"[{s}|JOB_TITLE|{n}]"
    pools = {"COM": COM, "ADM": ADM, "JC": JC, "PARTY": PARTY, "COMP": COMP, "UNION": UNION, "EDU": EDU,
             "STATE": STATE, "OTHER": OTHER, "RAR": RARS}
    return rng.pick(pools[name])


E_TEMPLATES = [
    "{COM} godkendte indstillingen fra {ADM}, og sagen sendes videre til [Byrådet|ORG|committee+g].",
    "{TPC} fra {ADM} orienterede om samarbejdet med {COMP}.",
    "{JC} har indgået en rammeaftale med {EDU} om opkvalificering af ledige til {OCC}.",
    "Der er fortsat mangel på {OCC} i {MUN}, oplyste {TP}.",
    "{PARTY} foreslog, at {ADM} undersøger mulighederne for et samarbejde med {UNION}.",
    "Henvendelsen fra {UNION} blev drøftet. {COM} bad {ADM} om et notat.",
    "{STATE} har sendt en ny vejledning til kommunerne, som {TP} gennemgik.",
    "{MUNK} og {COMP} har indgået en aftale om praktikpladser.",
    "På mødet deltog {TP} og {TP2} fra {EDU}.",
    "{COM} besluttede at invitere {OTHER} til næste møde.",
    "Sagen har været i høring hos {UNION} og {UNION2}.",
    "{OP} takkede {TP} for oplægget.",
    "{JC} samarbejder med {EDU} og {UNION} om et brancheforløb for {OCC}.",
    "Ifølge {STATE} er ledigheden i {MUNK} faldet det seneste år.",
    "{ADM} indstiller, at {COM} godkender aftalen med {COMP}.",
    "{PARTY} og {PARTY2} stemte imod indstillingen.",
    "{OP} orienterede om et møde med {OTHER} om grøn omstilling.",
    "Projektet finansieres af {STATE} og gennemføres i samarbejde med {RAR}.",
    "{TPC} fra {JC} fremlagde tallene for {OCC}.",
    "{COM} anbefaler over for {COM2}, at tilskuddet til {OTHER} forlænges.",
    "{EDU} har oplyst, at der er ledige pladser på uddannelsen til {OCC}.",
    "{COMP} ønsker at udvide med 40 arbejdspladser i {MUN}.",
    "Der er modtaget høringssvar fra {UNION}, {OTHER} og {COM}.",
    "{OP} fra {PARTY} bad om en redegørelse fra {ADM}.",
    "{TPC} i {MUNK} deltog i mødet som observatør.",
    "{RAR} har optaget {OCC} på positivlisten, oplyste {TP}.",
    "{COM} tog orienteringen fra {STATE} til efterretning.",
    "Det blev aftalt, at {TP} kontakter {COMP} om en virksomhedspraktik.",
    "{OTHER} og {UNION} står bag et fælles projekt for unge i {MUN}.",
    "Forslaget fra {PARTY} blev sendt videre til {COM}.",
    "{ADM} har i samarbejde med {EDU} udviklet et forløb for nyuddannede {OCC}.",
    "{JC} og {JC2} deler erfaringer om sygedagpengeområdet.",
    "{TPC} orienterede om, at {COMP} har varslet afskedigelser.",
    "{COM} i {MUNK} behandler sagen den 12. maj.",
    "Tilsynet fra {STATE} viste, at {MUNK} overholder fristerne.",
    "{UNION} efterlyser flere uddannede {OCC} i regionen.",
    "{OP} og {TP} besøgte {COMP}.",
    "Udtalelsen fra {STATE} blev forelagt {COM}.",
    "{PARTY} ønskede sagen behandlet i {COM}.",
    "I {MUN} og {MUN2} er der iværksat forsøg med kortere sagsbehandlingstid.",
    "{RAR} har sendt et høringssvar til {STATE} om den regionale positivliste.",
    "{COM} har modtaget en henvendelse fra {RAR} om manglen på {OCC}.",
    "Sekretariatet i {RAR} har udarbejdet en analyse for {JC}.",
]
# Hand-written cases for the span rules (towns inside names, genitives, abbreviations, non-entities).
E_SPECIAL = [
    ("VEJ_TMU", "[Vejle Spildevand A/S|ORG|company] har søgt om tilladelse til et nyt regnvandsbassin. "
     "[Teknik- og Miljøudvalget|ORG|committee] godkendte ansøgningen."),
    ("AAL_BU", "[Jobcenter Aalborg|MUNICIPALITY|Aalborg|jobcenter] har ansat to nye "
     "[virksomhedskonsulenter|JOB_TITLE|virksomhedskonsulent]."),
    ("HOR_BU", "[Jobcenterchef|JOB_TITLE|jobcenterchef] [Per Møller|PERSON] fra "
     "[Jobcenter Horsens|MUNICIPALITY|Horsens|jobcenter] orienterede om ledighedstallene."),
    ("AAR_MAG", "[Direktør|JOB_TITLE|direktør] [Hanne Lund|PERSON] fra [Teknik og Miljø|ORG|administration] "
     "deltog under punktet."),
    ("KK_LU", "[Lokaludvalg Amager Øst|ORG|committee] har bevilget 20.000 kr. til en gadefest. "
     "Borgerne på Amager inviteres til stormøde i juni."),
    ("KK_BR", "[Enhedslisten|ORG|party] (Ø) og [Socialistisk Folkeparti|ORG|party] (F) stillede ændringsforslag. "
     "Ø og F stemte for, C og V imod."),
    ("AAR_BY", "[Aarhus Byråd|ORG|committee] vedtog indstillingen fra [Magistraten|ORG|committee]. "
     "[Borgmesterens Afdeling|ORG|administration] har ingen bemærkninger."),
    ("AAR_BY", "Sagen blev sendt til [Aarhus Vand A/S|ORG|company] til udtalelse, da [Aarhus Kommune|"
     "MUNICIPALITY|Aarhus] ejer selskabet."),
    ("RAR_OJ", "[RAR Østjylland|RAR] har drøftet behovet for [smede|JOB_TITLE|smed] og "
     "[svejsere|JOB_TITLE|svejser] med [Dansk Metal|ORG|union] og [DI Østjylland|ORG|union]."),
    ("RAR_FYN", "[Styrelsen for Arbejdsmarked og Rekruttering|ORG|state_agency] ([STAR|ORG|state_agency|"
     "Styrelsen for Arbejdsmarked og Rekruttering]) har udsendt en ny arbejdsmarkedsbalance til [RAR Fyn|RAR]."),
    ("RAR_FYN", "[STAR’s|ORG|state_agency|Styrelsen for Arbejdsmarked og Rekruttering] analyse viser, at "
     "[Middelfart|MUNICIPALITY] og [Svendborg|MUNICIPALITY] har den laveste ledighed på Fyn."),
    ("LBR_VIB", "[Det Lokale Beskæftigelsesråd|ORG|committee] i [Viborg|MUNICIPALITY] bevilgede midler til "
     "[Idrætsforeningen Stjernen|ORG|other]."),
    ("LBR_AAB", "[Arbejdsmarkedschef|JOB_TITLE|arbejdsmarkedschef] [Jette Bonde|PERSON] afklarer spørgsmålet med "
     "[Udbetaling Danmark|ORG|state_agency]."),
    ("KKR_SYD", "[KKR Syddanmark|ORG|other] godkendte den regionale rammeaftale. Borgmester [Ole Friis|PERSON] "
     "([Venstre|ORG|party]) blev valgt som formand."),
    ("KKR_SYD", "[Kolding|MUNICIPALITY] og [Fredericia|MUNICIPALITY] kommuner deltager i projektet sammen med "
     "[IBA Erhvervsakademi Kolding|ORG|education]."),
    ("KF_VEST", "[Koordinationsforum Vestjylland|ORG|committee] bad [AMK Midt-Nord|RAR] om en analyse af "
     "[lastbilchauffører|JOB_TITLE|lastbilchauffør] i [Ringkøbing-Skjern|MUNICIPALITY] og "
     "[Herning|MUNICIPALITY]."),
    ("ROS_OU", "[Roskilde Festival|ORG|other] har søgt om forlænget lejeaftale. [Roskilde Kommune|MUNICIPALITY|"
     "Roskilde] er ejer af arealet."),
    ("ROS_OU", "[Roskilde Tekniske Skole|ORG|education] og [Roskilde Kommunes|MUNICIPALITY|Roskilde] "
     "[Center for Arbejdsmarked|ORG|administration] samarbejder om EUX-forløb."),
    ("FRE_BY", "[Fredensborg Kommune|MUNICIPALITY|Fredensborg] har modtaget afgørelsen fra "
     "[Ankestyrelsen|ORG|state_agency]. Regionen og forvaltningen følger sagen."),
    ("FRE_BY", "Viceborgmester [Rasmus Ravn|PERSON] ([Det Konservative Folkeparti|ORG|party]) ønskede sin stemme "
     "ført til protokol."),
    ("ROD_KB", "[Rødovre Kommune|MUNICIPALITY|Rødovre] og [Københavns Professionshøjskole|ORG|education] har "
     "indgået en partnerskabsaftale om [pædagoger|JOB_TITLE|pædagog]."),
    ("ISH_EBU", "[Erhvervs- og Beskæftigelsesudvalget|ORG|committee] i [Ishøj Kommune|MUNICIPALITY|Ishøj] "
     "aflyste studieturen."),
    ("GRI_AMU", "[Center for Arbejdsmarked|ORG|administration] i [Gribskov|MUNICIPALITY] har ansat en ny "
     "[teamleder|JOB_TITLE|teamleder]. Medarbejderne og lederne i centret er orienteret."),
    ("RM_RR", "[Regionsrådet|ORG|committee+g] godkendte, at [Region Midtjylland|ORG|other] indgår aftale med "
     "[Midttrafik|ORG|company] om en ny buslinje til [Silkeborg|MUNICIPALITY]."),
    ("RM_RR", "[Udviklingsdirektør|JOB_TITLE|udviklingsdirektør] [Kim Skov|PERSON] præsenterede arbejdet i "
     "[Regional Udvikling|ORG|administration]."),
    ("RSD_URU", "[Udvalget for Regional Udvikling|ORG|committee] besøgte [EUC Syd|ORG|education] og "
     "[Syddansk Erhvervsskole|ORG|education]."),
    ("KK_BIU", "[Beskæftigelses- og Integrationsforvaltningen|ORG|administration] har sammen med "
     "[Dansk Flygtningehjælp|ORG|other] udviklet et sprogforløb for nyankomne."),
    ("KK_BIU", "[Jobcenter København|MUNICIPALITY|København|jobcenter] ønsker et tættere samarbejde med "
     "[HK Kommunal|ORG|union] om [kontorassistenter|JOB_TITLE|kontorassistent]."),
    ("KK_BR", "[Borgerrepræsentationen|ORG|committee] godkendte aftalen mellem [Københavns Kommune|MUNICIPALITY|"
     "København] og [Vestforbrænding I/S|ORG|company]."),
    ("AAL_BU", "[Nordic Steel ApS|ORG|company] i [Aalborg|MUNICIPALITY] søger [CNC-operatører|JOB_TITLE|"
     "CNC-operatør] og [industriteknikere|JOB_TITLE|industritekniker]."),
    ("HOR_BU", "[3F Horsens|ORG|union] og [Horsens Gymnasium & HF|ORG|education] deltog i jobmessen i "
     "[Horsens|MUNICIPALITY]."),
    ("VEJ_TMU", "[Vejle Tekniske Gymnasium|ORG|education] er nabo til lokalplanområdet, oplyste "
     "[planlægger|JOB_TITLE|planlægger] [Signe Toft|PERSON]."),
    ("AAR_MAG", "Rådmand [Jonas Fogh|PERSON] tog forbehold. [Magistratsafdelingen for Sociale Forhold og "
     "Beskæftigelse|ORG|administration] følger op."),
    ("AAR_MAG", "[Kredsløb A/S|ORG|company] leverer fjernvarme til det nye kvarter i [Aarhus|MUNICIPALITY]."),
    ("LBR_VIB", "[Job & Velfærd|ORG|administration] har modtaget en ansøgning fra "
     "[Kirkens Korshær|ORG|other] om et socialøkonomisk projekt."),
    ("RAR_OJ", "[FH|ORG|union|Fagbevægelsens Hovedorganisation] og [DA|ORG|union|Dansk Arbejdsgiverforening] "
     "tog forbehold for listen over [pædagogiske assistenter|JOB_TITLE|pædagogisk assistent]."),
    ("RAR_OJ", "[RAR Østjyllands|RAR|RAR Østjylland] formand takkede [Aarhus Business College|ORG|education] "
     "for værtskabet."),
    ("KK_LU", "[Vesterbro Lokaludvalg|ORG|committee] og [Lokaludvalg Bispebjerg|ORG|committee] holder fælles "
     "borgermøde om trafiksikkerhed."),
    ("GRI_AMU", "[Gribskov Kommune|MUNICIPALITY|Gribskov] har søgt [Social- og Boligstyrelsen|ORG|state_agency] "
     "om midler til et projekt for [ergoterapeuter|JOB_TITLE|ergoterapeut]."),
    ("ISH_EBU", "[Jobcenter Ishøj|MUNICIPALITY|Ishøj|jobcenter] flytter til nye lokaler. "
     "Borgerne kan ikke møde op personligt på flyttedagen."),
    ("VEJ_TMU", "[Vejle Byråd|ORG|committee] behandler sagen, når [Vejle Kommune|MUNICIPALITY|Vejle] har "
     "afsluttet høringen."),
    ("ROD_KB", "[Kommunalbestyrelsen|ORG|committee+g] vedtog lokalplanen. [Movia|ORG|company] havde ingen "
     "bemærkninger."),
    ("RSD_URU", "Regionsrådsformand [Lene Frost|PERSON] mødtes med [Danske Regioner|ORG|other] om "
     "uddannelsesloftet."),
    ("KKR_SYD", "[SIRI|ORG|state_agency|Styrelsen for International Rekruttering og Integration] og "
     "[Styrelsen for International Rekruttering og Integration|ORG|state_agency] er samme myndighed."),
    ("KF_VEST", "[Holstebro|MUNICIPALITY], [Struer|MUNICIPALITY] og [Lemvig|MUNICIPALITY] deltager i "
     "forummet sammen med [RAR Vestjylland|RAR]."),
    ("AAL_BU", "[Socialrådgiver|JOB_TITLE|socialrådgiver] [Amira Haddad|PERSON] og [sagsbehandler|JOB_TITLE|"
     "sagsbehandler] [Bo Krogh|PERSON] præsenterede den nye model."),
    ("HOR_BU", "Udvalgsformand [Karina Bech|PERSON] ([Moderaterne|ORG|party]) bød velkommen."),
    ("FRE_BY", "[Enhedslistens|ORG|party|Enhedslisten] og [Venstres|ORG|party|Venstre] ændringsforslag "
     "blev forkastet."),
    ("KK_BR", "[Teknik- og Miljøforvaltningen|ORG|administration] har sendt sagen til [Vejdirektoratet|ORG|"
     "state_agency] og [Miljøstyrelsen|ORG|state_agency]."),
    ("RM_RR", "[VIA University College|ORG|education] ([VIA|ORG|education|VIA University College]) udbyder "
     "uddannelsen til [sygeplejersker|JOB_TITLE|sygeplejerske] i [Randers|MUNICIPALITY]."),
    ("ROS_OU", "[Kommunaldirektør|JOB_TITLE|kommunaldirektør] [Torben Lykke|PERSON] orienterede om "
     "aftalen med [KL|ORG|other]."),
    ("LBR_AAB", "[Aabenraa Jobcenter|MUNICIPALITY|Aabenraa|jobcenter] har gode erfaringer med "
     "[Frie Funktionærer|ORG|union] og [Kristelig Fagbevægelse|ORG|union]."),
    ("KKR_SYD", "[Fjernvarme Fyn A/S|ORG|company] og [Odense Kommune|MUNICIPALITY|Odense] har fået støtte fra "
     "[Energistyrelsen|ORG|state_agency]."),
    ("KF_VEST", "[Vestjysk Stålteknik A/S|ORG|company] mangler [klejnsmede|JOB_TITLE|klejnsmed] og "
     "[svejsere|JOB_TITLE|svejser]."),
    ("AAR_BY", "[Business Region Aarhus|ORG|other] og [Erhvervshus Midtjylland|ORG|other] deltog i "
     "temadrøftelsen. Erhvervshuset deltager også i næste møde."),
    ("KK_BIU", "[Københavns Kommunes|MUNICIPALITY|København] samarbejde med [Udbetaling Danmark|ORG|"
     "state_agency] om boligstøtte blev drøftet."),
]
ENT_RE = re.compile(r"\[([^\[\]|]+)\|([A-Z_]+)((?:\|[^\[\]|]*)*)\]")


def parse_markup(marked: str) -> tuple[str, list[dict]]:
    out, ents, pos = [], [], 0
    cur = 0
    for m in ENT_RE.finditer(marked):
        out.append(marked[pos:m.start()])
        cur += m.start() - pos
        surface, label = m.group(1), m.group(2)
        fields = [f for f in m.group(3).split("|")[1:]]
        e = {"start": cur, "end": cur + len(surface), "label": label, "surface": surface}
        if label == "ORG":
            sub = fields[0]
            e["subtype"] = sub.removesuffix("+g")
            if sub.endswith("+g"):
                e["generic"] = True
            e["norm"] = fields[1] if len(fields) > 1 else surface
        elif label == "MUNICIPALITY":
            e["norm"] = fields[0] if fields and fields[0] else surface
            if len(fields) > 1:
                e["unit"] = fields[1]
        else:
            e["norm"] = fields[0] if fields and fields[0] else surface
        out.append(surface)
        cur += len(surface)
        pos = m.end()
        ents.append(e)
    out.append(marked[pos:])
    text = "".join(out)
    if "[" in text or "]" in text:
        raise ValueError("unparsed markup: " + marked)
    return text, ents


def e_fill(rng: Rng, template: str) -> str:
    def rep(m):
        return slot(rng, re.sub(r"\d$", "", m.group(1)))
    return re.sub(r"\{([A-Z]+\d?)\}", rep, template)


# ---------------------------------------------------------------- assembly


def d_refer(p, rng):
    labels = p_labels(rng, rng.pick([1, 1, 1, 2]))
    ind, title = proposal(p, rng, labels)
    forms = [f for f in REFER if allowed(p, f)]
    c = ctx(p, rng, TOPICS[0])
    if rng.random() < 0.2:
        text = fill("Godkendt som indstillet, og {b} drøftede desuden {points}.", c)
        labels = [*labels, "droeftet"]
    else:
        text = fill(rng.pick(forms), c)
    note = "refers to the Indstilling: the outcome is what it proposed"
    if text.startswith("Godkendt") and "godkendt" not in labels:
        note += " ('Godkendt' of a proposal that did not ask for approval)"
    return rec(p, "referat", furnish(p, rng, c, text, suf_p=0.15), labels, False, title, note, indstilling=ind)


def order(r: dict, prefix: str, i: int) -> dict:
    return {"id": f"{prefix}{i:04d}", **r}


class Cycle:
    def __init__(self, rng: Rng, keys: list[str]):
        self.rng, self.keys, self.buf = rng, keys, []

    def next(self, ok=lambda p: True) -> tuple[str, dict]:
        for _ in range(200):
            if not self.buf:
                self.buf = list(self.keys)
                self.rng.shuffle(self.buf)
            k = self.buf.pop()
            if ok(PUBLISHERS[k]):
                return k, PUBLISHERS[k]
        raise RuntimeError("no publisher")


def unique(make, seen: set, tries: int = 40):
    for _ in range(tries):
        r = make()
        key = (r["publisher"], r["text"]) if "ingen_beslutning" in r.get("outcome", []) else r["text"]
        if key not in seen or r["text"].strip() in ("", "-", "–"):
            seen.add(key)
            return r
    raise RuntimeError("could not make a unique text")


def political(p) -> bool:
    return p["family"] not in NON_POLITICAL and bool(p["seats"])


def build_votes(rng: Rng, R) -> list[dict]:
    out, seen = [], set()
    base = ["main_pass", "main_pass", "main_fail", "amend_rejected", "amend_adopted", "postpone", "unanimous",
            "no_vote_reservation", "postpone_rejected"]
    for key, p in PUBLISHERS.items():
        if key in HOUSE_VOTE and key != "AAR_MAG":
            sc = list(base)
            if sum(p["seats"].values()) > 15:
                sc += ["amend_lapse", "main_pass"]
            else:
                sc += ["tie", "main_pass"]
            for s in sc:
                def make(s=s, p=p, key=key):
                    try:
                        return v_record(p, key, rng, R[key], s)
                    except RuntimeError:
                        return v_record(p, key, rng, R[key], "main_fail")
                out.append(unique(make, seen))
        elif key == "AAR_MAG":
            for s in ["main_pass", "main_pass", "no_vote_reservation", "unanimous"]:
                out.append(unique(lambda s=s, p=p: v_record(p, "AAR_MAG", rng, R["AAR_MAG"], s), seen))
            for _ in range(2):
                out.append(unique(lambda p=p: v_reservation_only(p, rng, R["AAR_MAG"]), seen))
        elif key in ("RAR_OJ", "RAR_FYN", "LBR_VIB", "KKR_SYD"):
            for _ in range(2):
                out.append(unique(lambda p=p, key=key: v_reservation_only(p, rng, R[key]), seen))
    return out


def build_decisions(rng: Rng, shared: list[dict]) -> list[dict]:
    cyc = Cycle(rng, list(PUBLISHERS))
    out, seen = [], {r["text"] for r in shared}
    plan = [("godkendt", 60), ("taget_til_efterretning", 45), ("droeftet", 35), ("besluttet", 35), ("udsat", 25),
            ("afvist", 25)]
    for label, n in plan:
        for _ in range(n):
            _, p = cyc.next()
            out.append(unique(lambda p=p, label=label: d_simple(p, rng, label), seen))
    for _ in range(35):
        _, p = cyc.next()
        out.append(unique(lambda p=p: d_remarks(p, rng), seen))
    for i in range(4 * len(COMBOS)):
        _, p = cyc.next(lambda p, i=i: all(allowed(p, f) for f in COMBOS[i % len(COMBOS)][1][:1]))
        out.append(unique(lambda p=p, i=i: d_combo(p, rng, i), seen))
    for i in range(2 * len(AMEND_FORMS)):
        _, p = cyc.next(lambda p, i=i: political(p) and allowed(p, AMEND_FORMS[i % len(AMEND_FORMS)][0]))
        out.append(unique(lambda p=p, i=i: d_amend(p, rng, i), seen))
    for i in range(len(HARD)):
        text = HARD[i][0]
        needs_pol = bool(re.search(r"\{P\}|\{Pn\}|\{next\}|nbefal", text))
        _, p = cyc.next(lambda p, needs_pol=needs_pol: political(p) or not needs_pol)
        out.append(unique(lambda p=p, i=i: d_hard(p, rng, i), seen))
    for _ in range(30):
        _, p = cyc.next()
        out.append(unique(lambda p=p: d_refer(p, rng), seen))
    for i in range(25):
        _, p = cyc.next()
        out.append(unique(lambda p=p, i=i: d_ingen_referat(p, rng, i), seen))
    for i in range(80):
        _, p = cyc.next()
        out.append(unique(lambda p=p, i=i: d_agenda(p, rng, i), seen))
    # a few decisions with an earlier body's decision printed in the history section
    for r in rng.sample([r for r in out if r["kind"] == "referat" and r["family"] in
                         ("city_council", "magistrat", "region", "municipal_committee")], 30):
        p = next(q for q in PUBLISHERS.values() if q["name"] == r["publisher"])
        r["history"] = history(p, rng, ctx(p, rng, TOPICS[0]))
        r["notes"] = (r.get("notes", "") + "; " if r.get("notes") else "") + \
            "history holds an earlier body's decision, not this meeting's"
    for v in shared:
        d = {k: v[k] for k in ("publisher", "family", "kind", "title", "text", "outcome", "with_remarks")}
        d["notes"] = "votes and reservations in votes.jsonl (same id)"
        d["_shared"] = v
        out.append(d)
    rng.shuffle(out)
    return out


def build_proposals(rng: Rng) -> list[dict]:
    out, seen = [], set()
    keys = list(PUBLISHERS)
    forced = ["udsat", "afvist"]
    i = 0
    for _ in range(15):
        for k in keys:
            p = PUBLISHERS[k]
            i += 1
            if i % 9 == 0:
                labels = [forced[(i // 9) % 2]]
                if p["family"] in NON_POLITICAL and labels == ["afvist"]:
                    labels = ["udsat"]
            else:
                labels = p_labels(rng, rng.choices([1, 2, 3, 4], weights=[55, 30, 12, 3])[0])

            def make(p=p, labels=labels):
                text, title = proposal(p, rng, labels)
                types = sorted({TYPE_OF[lab] for lab in labels}, key="BDO".index)
                return {"publisher": p["name"], "family": p["family"], "title": title, "text": text,
                        "proposed": sorted(set(labels), key=LABELS.index), "types": types}
            out.append(unique(make, seen))
    homes = ["RAR_OJ", "RAR_FYN", "AAR_BY", "ROS_OU", "HOR_BU", "FRE_BY", "ISH_EBU", "VEJ_TMU", "GRI_AMU",
             "LBR_AAB", "KF_VEST", "AAL_BU", "RAR_OJ", "KK_BIU", "RM_RR", "KK_BR"]
    for (text, labels, types, note), k in zip(SPECIAL_PROPOSALS, homes, strict=True):
        p = PUBLISHERS[k]
        c = ctx(p, rng, TOPICS[0])
        c["q"] = rng.pick(QUESTIONS)
        r = {"publisher": p["name"], "family": p["family"], "title": "", "text": fill(text, c),
             "proposed": sorted(labels, key=LABELS.index), "types": types}
        if note:
            r["notes"] = note
        out.append(r)
    rng.shuffle(out)
    return out


def build_entities(rng: Rng) -> list[dict]:
    out, seen = [], set()
    for key, marked in E_SPECIAL:
        text, ents = parse_markup(marked)
        seen.add(text)
        out.append({"publisher": PUBLISHERS[key]["name"], "text": text, "entities": ents})
    keys = list(PUBLISHERS)
    while len(out) < 215:
        t = rng.pick(E_TEMPLATES)
        marked = e_fill(rng, t)
        marked = cap(marked)
        text, ents = parse_markup(marked)
        if text in seen:
            continue
        seen.add(text)
        out.append({"publisher": PUBLISHERS[rng.pick(keys)]["name"], "text": text, "entities": ents})
    rng.shuffle(out)
    return out


def write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main() -> None:
    rng = Rng(SEED)
    R = rosters(rng)
    votes = build_votes(rng, R)
    shared = rng.sample(votes, 45)
    decisions = build_decisions(rng, shared)
    d_rows = []
    for i, d in enumerate(decisions, 1):
        v = d.pop("_shared", None)
        row = order(d, "d", i)
        if v is not None:
            v["id"] = row["id"]
        d_rows.append(row)
    v_rows, n = [], 0
    for v in votes:
        if "id" not in v:
            n += 1
            v["id"] = f"v{n:04d}"
        v_rows.append({"id": v.pop("id"), **v})
    v_rows.sort(key=lambda r: (r["id"][0] != "d", r["id"]))
    p_rows = [order(r, "p", i) for i, r in enumerate(build_proposals(rng), 1)]
    e_rows = [order(r, "e", i) for i, r in enumerate(build_entities(rng), 1)]
    write(HERE / "decisions.jsonl", d_rows)
    write(HERE / "proposals.jsonl", p_rows)
    write(HERE / "votes.jsonl", v_rows)
    write(HERE / "entities.jsonl", e_rows)
    print(f"decisions {len(d_rows)}, proposals {len(p_rows)}, votes {len(v_rows)}, entities {len(e_rows)}")


if __name__ == "__main__":
    main()
