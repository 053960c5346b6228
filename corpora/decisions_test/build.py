"""Hand-written held-out test set for the decision-outcome and proposal classifiers.

Every record below was written by hand, one at a time, with its label decided while writing.
Nothing is generated from phrase banks and nothing is copied from real minutes.
Run:  python corpora/decisions_test/build.py   (rewrites decisions.jsonl and proposals.jsonl)
"""
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

PUB = {
    "OD": ("Odense Kommune / Odense Byråd", "city_council"),
    "ES": ("Esbjerg Kommune / Byrådet", "city_council"),
    "HO": ("Holbæk Kommune / Byrådet", "city_council"),
    "FA": ("Faxe Kommune / Byrådet", "city_council"),
    "HE": ("Herning Kommune / Økonomi- og Erhvervsudvalget", "municipal_committee"),
    "SI": ("Silkeborg Kommune / Beskæftigelsesudvalget", "municipal_committee"),
    "FR": ("Frederikshavn Kommune / Plan- og Miljøudvalget", "municipal_committee"),
    "SV": ("Svendborg Kommune / Erhvervs- og Beskæftigelsesudvalget", "municipal_committee"),
    "NA": ("Næstved Kommune / Arbejdsmarkeds- og Erhvervsudvalget", "municipal_committee"),
    "HJ": ("Hjørring Kommune / Økonomiudvalget", "municipal_committee"),
    "TH": ("Thisted Kommune / Arbejdsmarkedsudvalget", "municipal_committee"),
    "RN": ("Region Nordjylland / Regionsrådet", "region"),
    "RS": ("Region Sjælland / Forretningsudvalget", "region"),
    "RARS": ("RAR Sjælland", "rar"),
    "RARN": ("RAR Nordjylland", "rar"),
    "LBRH": ("Herning Kommune / Det Lokale Beskæftigelsesråd", "lbr"),
    "LBRT": ("Thisted Kommune / Det Lokale Beskæftigelsesråd", "lbr"),
    "KKRN": ("KKR Nordjylland", "network"),
    "KKRS": ("KKR Sjælland", "network"),
    "FM": ("Frederiksberg Kommune / Magistraten", "magistrat"),
}

G, T, DR, B, U, A, N = (
    "godkendt", "taget_til_efterretning", "droeftet", "besluttet", "udsat", "afvist", "ingen_beslutning")

DEC = []


def d(pub, title, text, outcome, wr=False, kind="referat", ind=None, notes=None, history=None):
    if outcome == [N]:
        wr = None
    rec = {"publisher": PUB[pub][0], "family": PUB[pub][1], "kind": kind, "title": title,
           "text": text, "outcome": outcome, "with_remarks": wr}
    if ind:
        rec["indstilling"] = ind
    if history:
        rec["history"] = history
    if notes:
        rec["notes"] = notes
    DEC.append(rec)


# ---------------------------------------------------------------- Odense Byråd (city council)
d("OD", "Anlægsbevilling til renovering af Dalumhallen",
  "Godkendt.\n\nKaren Holm havde meldt forfald; stedfortræder Jonas Bech deltog i mødet.", [G])
d("OD", "Lokalplan nr. 4-912 for boliger ved Sanderumvej. Endelig vedtagelse",
  "Indstillingen blev godkendt med 21 stemmer mod 8.\nFor stemte: A, B, F og Ø (21)\nImod stemte: V, C og O "
  "(8)\nUndlod at stemme: ingen",
  [G], notes="recorded division; main motion carried")
d("OD", "Forslag fra byrådsgruppe Ø om gratis buskort til unge under uddannelse",
  "Forslaget blev forkastet med 19 stemmer imod 10.\nFor forslaget stemte F og Ø.\nImod stemte A, V og C.",
  [A], notes="member's motion rejected")
d("OD", "Budgetopfølgning pr. 31. marts",
  "Ændringsforslag fra V om at tilbageføre 3,5 mio. kr. til vejvedligehold blev forkastet med 20 stemmer mod "
  "9.\n\nHerefter blev indstillingen godkendt uden afstemning.",
  [G], notes="rejected amendment does not decide; main motion approved")
d("OD", "Meddelelse om fravær og indkaldelse af stedfortræder",
  "Byrådet godkendte, at betingelserne for stedfortræderens indtræden er opfyldt.\n\nMødet hævet kl. 18.40.", [G])
d("OD", "Orientering om ændret udvalgsbesættelse",
  "Orientering givet.", [T])
d("OD", "Salg af areal ved Tarup Centret",
  "-", [N], kind="dagsorden")
d("OD", "Ændring af styrelsesvedtægten. 2. behandling",
  "Ændringsforslag fra A og V om, at Beskæftigelsesudvalget får ét ekstra medlem, blev vedtaget med 22 stemmer mod "
  "7.\n\nStyrelsesvedtægten blev herefter godkendt med den vedtagne ændring.",
  [G], True, notes="adopted amendment incorporated -> with_remarks true")

# ---------------------------------------------------------------- Esbjerg Byråd
d("ES", "Frokostordning i daginstitutioner",
  "Byrådets beslutning 05.02.2024:\nAnbefalingen fra Økonomiudvalget blev fulgt.",
  [G], notes="furniture line + following the recommendation = approval (no indstilling given)")
d("ES", "Egnsteateraftale 2025-2028",
  "Byrådets beslutning 05.02.2024:\nGodkendt, idet aftalen evalueres efter to sæsoner.\n\nFraværende: Søren Kjær (V)",
  [G], True, notes="', idet …' qualification")
d("ES", "Fastsættelse af frist for ændringsforslag til budget",
  "Byrådets beslutning 05.02.2024:\nFristen blev fastsat til den 19. september kl. 12.00.",
  [B], notes="the council fixed a date itself")
d("ES", "Ansøgning om særlige udlejningskriterier for kollegiet i Ribe",
  "Byrådets beslutning 05.02.2024:\nSagen blev udsat, da byrådet ønsker en udtalelse fra boligorganisationens "
  "afdelingsbestyrelse.",
  [U])
d("ES", "Aqtiv Strand - igangsætning af 2. fase",
  "Byrådets beslutning 05.02.2024:\nForslag fra O om at udsætte sagen til marts blev forkastet med 25 stemmer mod "
  "6.\nDerefter blev indstillingen godkendt med 25 stemmer mod 6 (O og Ø imod).",
  [G], notes="rejected postponement motion is neither udsat nor afvist")
d("ES", "Byrådsmedlemmernes spørgetid",
  "Byrådets beslutning 05.02.2024:", [N], notes="furniture line with nothing after it")
d("ES", "Svar til Ankestyrelsen om kommunens administration",
  "Byrådets beslutning 05.02.2024:\nByrådet tiltrådte Økonomiudvalgets anbefaling og godkendte svaret med de "
  "tilføjelser, der blev aftalt på mødet.",
  [G], True)
d("ES", "Ideoplæg for ny bebyggelse på Bøge Allé",
  "Byrådets beslutning 05.02.2024:\nIdeoplægget blev ikke godkendt. Byrådet anmodede forvaltningen om at udarbejde "
  "et nyt oplæg med færre etager.",
  [A, B], notes="rejection + request to the administration")

# ---------------------------------------------------------------- Holbæk Byråd
d("HO", "Ny skolestruktur i Tølløse-området",
  "Byrådet den 4. marts 2024:\nSagen blev godkendt med 20 stemmer mod 7.\nEnhedslisten og Dansk Folkeparti ønskede "
  "deres stemmer imod ført til protokol.",
  [G], notes="minority dissent / protocol remark is not a rejection and not a remark")
d("HO", "Medlemsforslag fra SF om klimaregnskab for alle kommunale bygninger",
  "Byrådet den 4. marts 2024:\nDer var ikke flertal for forslaget. For stemte 6 (F, Ø og B), imod stemte 21 (A, V, "
  "C, O og I).",
  [A])
d("HO", "Takster for vand og spildevand 2025",
  "Byrådet den 4. marts 2024:\nGodkendt.\nHenrik Lund (C) deltog ikke i behandlingen på grund af inhabilitet.", [G])
d("HO", "Anlægsregnskab for Kvarterhuset",
  "Byrådet den 4. marts 2024:\nByrådet godkendte regnskabet, dog ikke overførslen af mindreforbruget til 2025, som i "
  "stedet tilgår kassebeholdningen.",
  [G, A], notes="part of the proposal refused (dog ikke …) -> afvist as a label, not a remark")
d("HO", "Spørgsmål fra borgere",
  "Byrådet den 4. marts 2024:\nIngen.", [N])
d("HO", "Udbud af rengøring på plejecentrene",
  "Byrådet den 4. marts 2024:\nPunkt 1 blev godkendt.\nPunkt 2 om tidsplanen blev udsat til byrådets møde i april.",
  [G, U])
d("HO", "Lukket punkt: Køb af ejendom",
  "Lukket punkt.", [N])
d("HO", "Forslag om at nedlægge Frivillighedsrådet",
  "Byradet den 4. marts 2024:\nForslaget blev ikke godkendt. Et flertal onskede radet bevaret.",
  [A], notes="OCR damage (å->a, ø->o)")

# ---------------------------------------------------------------- Faxe Byråd
d("FA", "Lokalplan for erhvervsområde ved Rønnede",
  "Byrådet tiltrådte Økonomiudvalgets anbefaling.", [G])
d("FA", "Tillægsbevilling til vintertjeneste",
  "Bevillingen blev givet.\nFraværende: Lone Dahl (A)", [G])
d("FA", "Ansøgning om kommunegaranti for lån til Haslev Idrætscenter",
  "Byrådet kunne ikke imødekomme ansøgningen om garanti, da projektet ikke er fuldt finansieret.",
  [A])
d("FA", "Revideret vedtægt for Ældrerådet",
  "Vedtaget med den ændring, at valgperioden følger den kommunale valgperiode.",
  [G], True)
d("FA", "Orientering om kvartalsrapport for jobcentret",
  "Ingen bemærkninger.", [T], notes="'Ingen bemærkninger.' alone on an orientation item")
d("FA", "Eventuelt",
  "Intet.", [N])
d("FA", "Valg af medlem til Faxe Forsyning A/S' bestyrelse",
  "Byrådet valgte Per Nygaard (V) som nyt bestyrelsesmedlem for resten af valgperioden.",
  [B])
d("FA", "Forslag til ny parkeringsnorm",
  "Sagen blev sat i bero, indtil trafikanalysen for Haslev bymidte foreligger.",
  [U])

# ---------------------------------------------------------------- Herning Økonomi- og Erhvervsudvalget
d("HE", "Cirkulærer og meddelelser",
  "Indstillingen er tiltrådt.", [T],
  ind="Økonomidirektøren indstiller,\nat udvalget tager de fremlagte cirkulærer og meddelelser til efterretning.",
  notes="'tiltrådt' = what the indstilling proposed (noting)")
d("HE", "Valg af næstformand for udvalget",
  "Indstillingen er tiltrådt.", [B],
  ind="Borgmesteren indstiller,\nat Mette Skov (A) vælges som næstformand for Økonomi- og Erhvervsudvalget.",
  notes="electing someone is besluttet; tiltrådt imports it")
d("HE", "Mødekalender for 2025",
  "Indstillingen er tiltrådt med den ændring, at mødet i juni flyttes til den 16. juni.",
  [G], True)
d("HE", "Budgetopfølgning 2 for 2024",
  "Sagen taget til orientering.\nAfbud: Jens Mørk", [T])
d("HE", "Ansøgning om tilskud til Erhvervsrådets netværksprogram",
  "Udvalget kunne ikke anbefale ansøgningen, da projektet ikke er tilstrækkeligt beskrevet.",
  [A], notes="negated recommendation = afvist")
d("HE", "Temadrøftelse om erhvervsstrategien",
  "Punktet blev drøftet, og udvalget pegede på grøn omstilling og rekruttering som de to vigtigste spor.",
  [DR])
d("HE", "Køb af jord ved Lind",
  "Udsat.", [U])
d("HE", "Orientering fra direktøren",
  "", [N], kind="dagsorden")

# ---------------------------------------------------------------- Silkeborg Beskæftigelsesudvalget
d("SI", "Godkendelse af dagsorden",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nGodkendt.\nFraværende: Ingen", [G])
d("SI", "Status på ungeindsatsen",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nUdvalget tog status til efterretning. Forvaltningen følger "
  "op i efteråret.",
  [T], notes="the administration's follow-up is not a decision")
d("SI", "Beskæftigelsesplan 2025",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nBeskæftigelsesplanen anbefales over for Byrådet med de "
  "faldne bemærkninger.",
  [G], True, notes="sent on with recommendation = godkendt; faldne bemærkninger = remarks")
d("SI", "Puljeansøgning om mentorforløb for sygemeldte",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nIndstillingen blev godkendt.", [A],
  ind=("Jobcenterchefen indstiller, at udvalget giver afslag på ansøgningen, da aktiviteten allerede udbydes af "
       "jobcentret."),
  notes="approving a proposal to refuse = afvist")
d("SI", "Mål for jobcentret 2025",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nUdvalget drøftede målene og valgte at fastholde målet for de "
  "unge og at hæve målet for seniorer til 62 pct.",
  [DR, B])
d("SI", "Udbud af virksomhedsrettede forløb",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nSagen sendes retur til forvaltningen med henblik på en "
  "beskrivelse af, hvordan mindre leverandører kan byde.",
  [B])
d("SI", "Eventuelt",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nIntet til referat.\nFraværende: Ingen", [N])
d("SI", "Nøgletal for sygedagpenge",
  "Beslutning i Beskaftigelsesudvalget den 04.03.2024:\nTaget til efterretning.\nFravarende: Ingen",
  [T], notes="OCR damage in furniture")

# ---------------------------------------------------------------- Frederikshavn Plan- og Miljøudvalget
d("FR", "Dispensation fra lokalplan - carport på Skagensvej",
  "Afslag.\nFraværende: Ingen", [A])
d("FR", "Forslag til spildevandsplan - tillæg 3",
  "Anbefales.\nFraværende: Ingen", [G])
d("FR", "Vejnavn i nyt boligområde i Sæby",
  "Udvalget besluttede at navngive vejen Kløvermarken.", [B])
d("FR", "Klimatilpasningsplan - høring",
  "Planen sendes i offentlig høring i 8 uger.", [B])
d("FR", "Ansøgning om landzonetilladelse til hønsehus",
  "Tilladelsen blev meddelt på vilkår om, at bygningen placeres mindst 20 m fra skel.",
  [G], True)
d("FR", "Naturpleje på Hirsholmene",
  "Udsat til næste møde.\nFraværende: Lars Bak", [U])
d("FR", "Orientering om vandløbsregulativer",
  "(udfyldes efter mødet)", [N], kind="dagsorden")
d("FR", "Påbud om rottesikring",
  "Indstillingen kunne ikke tiltrades. Udvalget onskede en dialog med grundejeren forst.",
  [A], notes="OCR damage (æ->a, ø->o)")

# ---------------------------------------------------------------- Svendborg Erhvervs- og Beskæftigelsesudvalget
d("SV", "Strategi for turisme 2025-2028",
  "Udvalget gav sin tilslutning til strategien.", [G])
d("SV", "Aktivitetsplan for Erhvervshus Sydfyn",
  "Udvalget godkendte aktivitetsplanen med 4 stemmer mod 1. Jesper Rye (Ø) stemte imod, idet han ønsker mere fokus "
  "på socialøkonomiske virksomheder.",
  [G], notes="the idet-clause gives the dissenter's reason, not a remark of the committee")
d("SV", "Nyt fra Jobcenter Svendborg",
  "Jobcenterchef Ulla Kragh orienterede om ledighedstallene og om rekrutteringen til havnens nye virksomheder.",
  [T], notes="someone gave the orientation = received")
d("SV", "Samarbejde med Svendborg Erhvervsskole om brobygning",
  "Udvalget besluttede at arbejde videre med model B, hvor forløbet placeres på skolen.",
  [B])
d("SV", "Ansøgning fra Foreningen Havnelivet om tilskud",
  "Forslaget blev ikke imødekommet.", [A])
d("SV", "Meddelelser",
  "Ingen.", [N])
d("SV", "Drøftelse af fremtidens erhvervsservice",
  "Efter en drøftelse af oplægget var der enighed om at nedsætte en arbejdsgruppe med deltagelse af to "
  "udvalgsmedlemmer.",
  [DR, B])
d("SV", "Evaluering af sommerjob for unge",
  "Udvalget tog evalueringen til efterretning og godkendte, at ordningen videreføres i 2025.",
  [T, G])

# ---------------------------------------------------------------- Næstved Arbejdsmarkeds- og Erhvervsudvalget
d("NA", "Kvalitetsstandard for ressourceforløb",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 9:\nGodkendt.\n\nMødet sluttede kl. 17.55.", [G])
d("NA", "Ledighedsudvikling 4. kvartal",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 10:\nUdvalget noterede sig udviklingen.", [T])
d("NA", "Pulje til nedbringelse af langtidsledighed",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 11:\nUdvalget besluttede ikke at gå videre med forslaget om "
  "at søge puljen.",
  [A], notes="'besluttede ikke at gå videre med forslaget' = afvist (DECISIONS.md)")
d("NA", "Ansøgning om midler til jobmesse",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 12:\nAnsøgningen kunne ikke imødekommes i sin fulde form. "
  "Der bevilges i stedet 25.000 kr. til markedsføring af messen.",
  [G], True, notes="partial grant = godkendt with remarks")
d("NA", "Indsats for ukrainske fordrevne",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 13:\nUdvalget drøftede ikke sagen, da tiden var gået. "
  "Punktet genoptages på næste møde.",
  [U], notes="negated discussion + resumption = udsat")
d("NA", "Eventuelt",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 14:\n–", [N])
d("NA", "Temadrøftelse: Rekruttering til sundhedsområdet",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 15:\nDrøftet. Udvalget lagde vægt på, at "
  "praktikpladsgarantien bliver kendt blandt de unge.",
  [DR])
d("NA", "Aftale med Zealand Erhvervsakademi",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 16:\nIkke tiltrådt.", [A])

# ---------------------------------------------------------------- Hjørring Økonomiudvalget
d("HJ", "Regnskab 2023 for Hjørring Kommune",
  "Økonomiudvalget anbefaler Byrådet at godkende regnskabet.", [G],
  notes="recommendation to the council = godkendt")
d("HJ", "Ansøgning om frigivelse af anlægsmidler til Hirtshals Havn",
  "Anbefales.\nJohn Dahl (O) kunne ikke tiltræde.", [G], notes="minority dissent")
d("HJ", "Forslag fra Venstre om lavere dækningsafgift",
  "Sagen oversendes til Byrådet uden anbefaling.", [B], notes="sent on without recommendation")
d("HJ", "Lånoptagelse 2024",
  "Anbefales over for Byrådet, dog således at lånet optages med fast rente.", [G], True)
d("HJ", "Salg af byggegrunde i Vrå",
  "Økonomiudvalget afviste at sænke mindsteprisen og fastholdt den vedtagne prisliste.",
  [A, B], notes="rejecting the price cut + maintaining its earlier decision")
d("HJ", "Meddelelser fra borgmesteren",
  "Borgmesteren orienterede om dialogmødet med Region Nordjylland om akutberedskabet.", [T])
d("HJ", "Kommuneplanstrategi 2025 - proces",
  "Udvalget drøftede procesplanen og tiltrådte den med den bemærkning, at landsbyforeningerne inddrages før "
  "sommerferien.",
  [DR, G], True)
d("HJ", "Godkendelse af dagsorden",
  "", [N], kind="dagsorden")

# ---------------------------------------------------------------- Thisted Arbejdsmarkedsudvalget
d("TH", "Forsøg med færre samtaler for seniorer",
  "Udvalget besluttede at deltage i forsøget fra 1. juni.", [B])
d("TH", "Orientering om virksomhedslukning i Hanstholm",
  "Taget til orientering.", [T])
d("TH", "Beskæftigelsesindsats for personer med handicap",
  "Udvalget tog redegørelsen til efterretning og anmodede om et forslag til en særlig indsats over for unge med "
  "autisme.",
  [T, B])
d("TH", "Ansøgning om løntilskud ud over de normale regler",
  "Ansøgningen blev ikke imødekommet, da der ikke er hjemmel til fravigelse.", [A])
d("TH", "Budgetforslag 2025 for udvalgets område",
  "Sagen afventer KL's nye skøn for forsikrede ledige og genoptages i juni.", [U])
d("TH", "Godkendelse af referat fra sidste møde",
  "Ingen indvendinger. Godkendt.", [G], notes="'Ingen' inside a decision changes nothing")
d("TH", "Rammer for jobcentrets samarbejde med a-kasserne",
  "Godkendt som indstillet.", [G, T],
  ind=("Jobcenterchefen indstiller,\n1. at rammerne for samarbejdet godkendes, og\n2. at orienteringen om den nye "
       "lovgivning tages til efterretning."),
  notes="'som indstillet' imports both at-points")
d("TH", "Ungeindsats - status og videre proces",
  "Udvalget drøftede status. Behandlingen af den videre proces blev udskudt til mødet i maj.",
  [DR, U])

# ---------------------------------------------------------------- Region Nordjylland Regionsrådet
d("RN", "Kvartalsrapport for nyt universitetshospital",
  "Indstillingen blev godkendt.", [T, G],
  ind=("Koncerndirektionen indstiller,\nat kvartalsrapporten tages til efterretning, og\nat den reviderede tidsplan "
       "godkendes."),
  notes="approval of the whole indstilling imports both points")
d("RN", "Praksisplan for fodterapi",
  "Regionsrådet godkendte praksisplanen.\nFraværende: Mette Kirk (F)", [G])
d("RN", "Forslag fra Enhedslisten om gratis parkering ved sygehusene",
  "Forslaget blev forkastet med 30 stemmer mod 5.\nFor stemte: Ø og F (5)\nImod stemte: A, V, C, O og B (30)", [A])
d("RN", "Revurdering af vilkår i råstoftilladelse",
  "Regionsrådet stadfæstede tilladelsen med ét ændret vilkår om støjmåling to gange årligt.",
  [G], True)
d("RN", "Udmøntning af kulturpuljen",
  "Regionsradet godkendte udmontningen. Droftelsen af naste ars kriterier blev udsat.",
  [G, U], notes="OCR damage")
d("RN", "Meddelelser fra formanden",
  "Følgende blev nævnt:\n1. Formanden orienterede om mødet med sundhedsministeren.\n2. Der var afbud fra Thomas Holt.",
  [T])
d("RN", "Benyttelsesaftale med Region Midtjylland",
  "Punktet udgik.", [N])
d("RN", "Anlægsbevilling til forberedende arbejde ved psykiatrien",
  "Ændringsforslag fra Venstre om at halvere bevillingen bortfaldt, da Venstre trak det tilbage.\nIndstillingen blev "
  "godkendt med 34 stemmer mod 3 (O imod).",
  [G])

# ---------------------------------------------------------------- Region Sjælland Forretningsudvalget
d("RS", "Økonomirapport pr. 30. april",
  "Forretningsudvalget tog økonomirapporten til efterretning.", [T])
d("RS", "Ny akutklinik i Kalundborg",
  "Anbefalet.", [G])
d("RS", "Ansøgning om regional medfinansiering af kystvejen",
  "Forretningsudvalget kunne ikke anbefale medfinansiering.", [A])
d("RS", "Psykiatriplan - høringsudkast",
  "Forretningsudvalget drøftede udkastet og sender det til regionsrådet uden anbefaling.",
  [DR, B])
d("RS", "Lukket punkt: Personalesag",
  "Lukket punkt.", [N])
d("RS", "Udbud af patientbefordring",
  "Behandlingen blev udskudt, indtil Konkurrence- og Forbrugerstyrelsen har svaret.", [U])
d("RS", "Sygehusbyggeriet i Køge - status",
  "Ikke til efterretning. Forretningsudvalget bad om en ny redegørelse for budgetoverskridelsen til næste møde.",
  [A, B], notes="refused to note + request")
d("RS", "Samarbejdsaftale med kommunerne om sundhedshuse",
  "Anbefales godkendt med følgende bemærkninger:\n- Aftalen skal genforhandles efter tre år.\n- Kommunernes andel af "
  "driften beskrives nærmere.",
  [G], True)

# ---------------------------------------------------------------- RAR Sjælland
d("RARS", "Positivliste for uddannelsespuljen 2. halvår",
  "RAR Sjælland tiltrådte indstillingen.", [G])
d("RARS", "Analyse af mangel på sosu-medarbejdere",
  "Rådet tog redegørelsen til orientering og kvitterede for en grundig analyse.", [T, DR])
d("RARS", "Målgruppeindsats for ufaglærte",
  "Rådet drøftede oplægget. DA's repræsentanter tog forbehold for finansieringen.",
  [DR], notes="reservation by members is not the council's remark and not a rejection")
d("RARS", "Orientering fra sekretariatet",
  "Sekretariatet orienterede om nye tal for ledigheden.", [T])
d("RARS", "Indstilling til regional pulje for opkvalificering",
  "Rådet besluttede at prioritere ansøgninger fra bygge- og anlægsbranchen.", [B])
d("RARS", "Eventuelt",
  "Intet.", [N])
d("RARS", "Ansøgning fra jobcenter om projektmidler",
  "Rådet kunne ikke tiltræde ansøgningen. Sekretariatet giver ansøgeren besked.",
  [A], notes="secretariat's follow-up adds nothing")
d("RARS", "Mødeplan for 2025",
  "Godkendt med den ændring, at mødet i september holdes i Næstved.", [G], True)

# ---------------------------------------------------------------- RAR Nordjylland
d("RARN", "Udpegning af repræsentant til VEU-styregruppen",
  "Formandskabet udpegede på rådets vegne Birgit Lauesen (FH) som repræsentant.", [B])
d("RARN", "Tema: Grøn omstilling og arbejdskraft",
  "Rådet drøftede temaet og pegede på behovet for flere elektrikere og smede.", [DR])
d("RARN", "Status på jobcentrenes resultater",
  "Status blev taget til efterretning.", [T])
d("RARN", "Handlingsplan 2025",
  "Handlingsplanen blev godkendt med en tilføjelse om samarbejdet med erhvervsskolerne.", [G], True)
d("RARN", "Høringssvar om ny erhvervsuddannelsesreform",
  "Punktet blev ikke behandlet og overføres til næste møde.", [U])
d("RARN", "Orientering fra STAR",
  "Afbud fra de tilforordnede.", [N])
d("RARN", "Tilkendegivelse om brancheprioritering",
  "Rådet tilkendegav, at transport og logistik prioriteres højest.", [B])
d("RARN", "Evaluering af rådets strategi",
  "-", [N], kind="dagsorden")

# ---------------------------------------------------------------- LBR Herning
d("LBRH", "Ansøgning om støtte til socialøkonomisk café",
  "LBR bevilgede 40.000 kr. til opstart af caféen.", [G])
d("LBRH", "Projekt Jobrotation - midtvejsstatus",
  "LBR tog status til efterretning. Der blev spurgt til projektets styregruppe; jobcentret melder tilbage.",
  [T], notes="question from a member + secretariat follow-up add nothing")
d("LBRH", "LBR's årsplan",
  "LBR bakkede op om årsplanen.", [G])
d("LBRH", "Ansøgning fra Herning Frivilligcenter",
  "Ansøgningen blev afvist, da den ligger uden for LBR's kriterier.", [A])
d("LBRH", "Drøftelse af virksomhedsnetværk",
  "Der var enighed om, at jobcentret inviterer til et netværksmøde for mindre virksomheder i efteråret.",
  [B], notes="settled action stated as the result")
d("LBRH", "Formanden orienterer",
  "Formanden orienterede om:\n• Ny jobcenterchef tiltræder 1. april.\n• Årsmødet for LBR-formænd er aflyst.", [T])
d("LBRH", "Godkendelse af dagsorden",
  "Dagsordenen blev godkendt uden bemærkninger.", [G])
d("LBRH", "Næste møde",
  "Intet nyt.", [N])

# ---------------------------------------------------------------- LBR Thisted
d("LBRT", "Ansøgning om midler til kursus i dansk på arbejdspladsen",
  "Rådet imødekom ansøgningen med et beløb på 18.000 kr.", [G])
d("LBRT", "Ledighedsstatistik",
  "Rådet noterede sig orienteringen.", [T])
d("LBRT", "Forslag om fælles jobmesse med Morsø",
  "Forslaget blev drøftet. Rådet vil gerne se et budget, før der tages stilling. Sagen genoptages på næste møde.",
  [DR, U])
d("LBRT", "Ansøgning fra Thy Erhvervsforum",
  "Rådet gav afslag på ansøgningen.", [A])
d("LBRT", "Eventuelt",
  "Ingen kommentarer.", [N])
d("LBRT", "Samarbejdsaftale med Thisted Gymnasium",
  "Indstillingen om at udsætte sagen blev tiltrådt.", [U],
  notes="tiltrådte indstillingen om at udsætte = udsat")
d("LBRT", "Ansøgning om projekt for seniorer",
  "Afslag på ansøgningen blev ikke anbefalet; rådet anbefaler, at der bevilges 10.000 kr. til et mindre pilotprojekt.",
  [G], True, notes="negated refusal + grant = godkendt")
d("LBRT", "Orientering om Jobcenter Thisteds nye organisering",
  "Orienteringen gav ikke anledning til bemærkninger.", [T])

# ---------------------------------------------------------------- KKR Nordjylland
d("KKRN", "Rammeaftale for det specialiserede socialområde",
  "KKR Nordjylland godkendte rammeaftalen og anbefaler den over for kommunalbestyrelserne.", [G])
d("KKRN", "Udpegning til Det Regionale Vækstforum",
  "KKR udpegede borgmester Anders Lund (V) og borgmester Rikke Fog (A).", [B])
d("KKRN", "Kapacitet på erhvervsuddannelserne",
  "KKR drøftede sagen og ser gerne, at kommunerne koordinerer ungeindsatsen tættere.", [DR])
d("KKRN", "Sundhedsaftale - status",
  "Til efterretning.", [T])
d("KKRN", "Forslag om fælles nordjysk rekrutteringskampagne",
  "Der var ikke flertal for forslaget. Jammerbugt og Hjørring stemte for.", [A])
d("KKRN", "Eventuelt",
  "…", [N])
d("KKRN", "Anbefaling om ensartede takster for kørsel",
  "Anbefalingen blev fulgt, dog således at Læsø Kommune undtages.", [G], True)
d("KKRN", "Høringssvar om kollektiv trafik",
  "Høringssvaret blev ikke godkendt i den foreliggende form og sendes tilbage til sekretariatet med henblik på en "
  "skarpere formulering om ø-færgerne.",
  [A, B])

# ---------------------------------------------------------------- KKR Sjælland
d("KKRS", "Dimensionering af pædagoguddannelsen",
  "KKR Sjælland tilsluttede sig indstillingen.", [G])
d("KKRS", "Orientering om regionens budget",
  "Taget til efterretning.", [T])
d("KKRS", "Fælleskommunal strategi for klimatilpasning",
  "KKR drøftede strategien og besluttede at nedsætte en arbejdsgruppe med kommunaldirektører fra fire kommuner.",
  [DR, B])
d("KKRS", "Ansøgning om medfinansiering af Femern-sekretariatet",
  "KKR gav ikke sin tilslutning til medfinansieringen.", [A])
d("KKRS", "Politisk følgegruppe for sundhedsreformen",
  "Udsat uden behandling.", [U])
d("KKRS", "Meddelelser",
  "Ingen punkter.", [N])
d("KKRS", "Forslag om fælles indkøb af bleer",
  "KKR bad sekretariatet om at indhente tilbud på fælles indkøb, før der tages stilling til forslaget.",
  [B])
d("KKRS", "Næste møde",
  "Mødet den 12. juni flyttes til den 19. juni.", [B])

# ---------------------------------------------------------------- Frederiksberg Magistraten
d("FM", "Lokalplan for Fasanvej Station",
  "Magistraten anbefaler Kommunalbestyrelsen at godkende indstillingen.", [G])
d("FM", "Budgetopfølgning - 1. kvartal",
  "Magistraten tog orienteringen til efterretning og anbefaler Kommunalbestyrelsen at godkende de tekniske "
  "omplaceringer.",
  [T, G])
d("FM", "Forslag om nedlæggelse af et klubtilbud",
  "Magistraten kunne ikke anbefale forslaget.", [A])
d("FM", "Ekspropriation til cykelsti på Peter Bangs Vej",
  "Oversendes til Kommunalbestyrelsen til beslutning.", [B])
d("FM", "Ny organisering af Borgerservice",
  "Magistraten besluttede at udsætte sagen, indtil medarbejderne er hørt.", [U])
d("FM", "Indkøbspolitik",
  "Magistraten anbefaler indstillingen med den ændring, at kravet om miljømærker også gælder "
  "rengøringsartikler.\nMichael Vindfeldt (A) tog forbehold.",
  [G], True, notes="change = remark; the reservation is the member's own")
d("FM", "Meddelelser fra borgmesteren",
  "Intet.", [N])
d("FM", "Pulje til bydelsinitiativer",
  "Der var ikke flertal for at udsætte sagen. Indstillingen blev herefter godkendt.", [G],
  notes="negated postponement is not udsat")

# ---------------------------------------------------------------- extra hard cases (history, agendas, votes, OCR)
d("OD", "Kapacitetsplan for børneinstitutioner i Næsby",
  "", [N], kind="dagsorden",
  history=("Børn- og Ungeudvalget anbefaler indstillingen.\nØkonomiudvalget anbefaler Børn- og Ungeudvalgets "
           "indstilling."),
  notes="agenda: the earlier bodies' recommendations are history, not this meeting's outcome")
d("OD", "Investeringsmodel på beskæftigelsesområdet",
  "Godkendt. Ø kunne ikke tiltræde.", [G],
  history="Beskæftigelses- og Socialudvalget, 12.03.2024: Anbefales.",
  notes="minority dissent; history ignored")
d("ES", "Godkendelse af kvalitetsstandarder for hjemmeplejen",
  "Byrådets beslutning 05.02.2024:\nTiltrådt, men ikke enstemmigt: Ø stemte imod.", [G],
  notes="not unanimous is still approved")
d("HO", "Ændring af takster for SFO",
  "Byrådet den 4. marts 2024:",
  [N], kind="dagsorden",
  history="Børne- og Skoleudvalget, 13-02-2024, pkt. 7\nFremsendes til Byrådet med anbefaling.",
  notes="furniture only + history")
d("FA", "Medlemsforslag om gratis svømning for pensionister",
  "Nedstemt med 16 stemmer mod 9.\nFor stemte: F, Ø og Liste P\nImod stemte: A, V og C", [A])
d("FA", "Ansøgning om støtte til byfest i Dalby",
  "Sagen blev trukket af dagsordenen.", [N], notes="nothing happened")
d("HE", "Erhvervsfremmeaftale med Business Herning",
  "Udvalget godkendte ikke alene aftalen, men besluttede også at afsætte 200.000 kr. til en evaluering i 2026.",
  [G, B], notes="'ikke alene … men besluttede også'")
d("SI", "Redegørelse for aktindsigtssager",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nRedegørelsen blev ikke taget til efterretning. Udvalget bad "
  "om en opgørelse fordelt på sagstyper.",
  [A, B], notes="refused to note + request")
d("FR", "Lokalplanforslag for Bangsbo Strand",
  "Der blev ikke truffet beslutning i sagen.", [N])
d("SV", "Kommunal medfinansiering af Sydfynsk Erhvervspark",
  "Udvalget godkendte medfinansieringen med 5 stemmer mod 2. Et mindretal (V) stemte imod.", [G])
d("NA", "Status for erhvervsservice",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 17:\nOrienteringen blev taget til efterretning med de "
  "faldne bemærkninger.",
  [T], False, notes="remarks with an orientation do not make with_remarks true")
d("HJ", "Sammenlægning af Tornby og Vidstrup skoler",
  "Forslaget om at udsætte sagen blev vedtaget med 6 stemmer mod 3. Der blev ikke stemt om indstillingen.",
  [U], notes="adopted postponement motion, main motion not voted")
d("TH", "Godkendelse af dagsorden",
  "Godkendt.\nFravarende: Bo Madsen", [G], notes="OCR in attendance line")
d("RN", "Strategi for forebyggelse 2025",
  "Regionsrådet godkendte strategien med 36 stemmer mod 0. 5 medlemmer undlod at stemme.", [G])
d("RS", "Budget 2025 - anbefaling til regionsrådet",
  "Ændringsforslaget blev forkastet.\nIndstillingen blev herefter anbefalet over for regionsrådet uden afstemning.",
  [G],
  notes="amendment rejected; main motion recommended")
d("RARS", "Fælles indsats for faglærte",
  "Radet droftede indsatsen og besluttede at sende et brev til kommunerne om resultaterne.",
  [DR, B], notes="OCR damage (å->a, ø->o)")
d("RARN", "Regional positivliste - justering",
  "RAR Nordjylland tiltradte indstillingen med den bemarkning, at listen revurderes i oktober.",
  [G], True, notes="OCR damage (æ->a, å->a)")
d("LBRH", "Status på LBR-puljen",
  "LBR tog status til efterretning og besluttede, at restmidlerne overføres til næste år.",
  [T, B])
d("LBRT", "Ansøgning om tilskud til sprogcafé",
  "Bevilget.", [G])
d("KKRN", "Fordeling af flygtninge",
  "Vedtaget. Morsø Kommune tog forbehold for fordelingsnøglen.", [G],
  notes="a member's reservation does not make remarks")
d("KKRS", "Orientering om praktikpladssituationen",
  "Ingen bemarkninger.", [T], notes="OCR damage; 'Ingen bemærkninger' on an orientation item")
d("FM", "Byggeregnskab for Solbjerg Skole",
  "Magistraten anbefaler Kommunalbestyrelsen at godkende regnskabet.\nHanne Møller (Ø) ønskede sin stemme imod ført "
  "til protokol.",
  [G])
d("FM", "Salg af ejendom på Godthåbsvej",
  "Henvises til Kommunalbestyrelsen.", [B], notes="referred on without recommendation")
d("HE", "Orientering om kommunens kreditvurdering",
  "Indstillingen er tiltrådt.", [T, DR],
  ind=("Direktøren for Økonomi indstiller,\nat udvalget tager orienteringen til efterretning og drøfter, om der skal "
       "ske ændringer i låneporteføljen."),
  notes="tiltrådt imports both points of the indstilling")
d("ES", "Forslag fra Liste E om borgermøde om Strandpromenaden",
  "Byrådets beslutning 05.02.2024:\nIndstillingen blev godkendt.", [A],
  ind="Borgmesteren indstiller, at forslaget ikke imødekommes, da der allerede er planlagt et borgermøde i april.",
  notes="approving a proposal not to grant = afvist")
d("RARN", "Temadrøftelse om seniorer",
  "Godkendt.", [DR],
  ind="Sekretariatet indstiller, at rådet drøfter, hvordan seniorers tilknytning til arbejdsmarkedet kan styrkes.",
  notes="'Godkendt.' to a proposal to discuss = droeftet")

# ---------------------------------------------------------------- more discussion, postponement and agenda cases
d("SI", "Temadrøftelse: Jobcentrets digitale selvbetjening",
  "Beslutning i Beskæftigelsesudvalget den 04.03.2024:\nUdvalget havde en god drøftelse og gav udtryk for, at "
  "borgere uden digitale kompetencer fortsat skal kunne møde op personligt.",
  [DR])
d("RARN", "Oplæg fra Aalborg Universitet om kompetencebehov",
  "Rådet takkede for oplægget. Det blev bemærket, at kompetencebehovet i landdistrikterne er undervurderet.",
  [DR])
d("KKRS", "Kommunernes budgetsituation",
  "Borgmestrene udvekslede erfaringer. Der var bred enighed om, at servicerammen er for stram.",
  [DR], notes="'enighed om, at' + a view = the council's opinion (droeftet), not an action")
d("HE", "Budgetopfølgning 3 for 2024",
  "", [N], kind="dagsorden",
  history="Beslutning fra Teknik- og Miljøudvalget den 12-08-2024, pkt. 4:\nAnbefales.",
  notes="history only")
d("RS", "Regionale busruter 2025",
  "-", [N], kind="dagsorden",
  history=("Udvalget for Trafik og Infrastruktur den 3. april 2024:\nIndstillingen anbefales over for "
           "forretningsudvalget."))
d("LBRH", "LBR's rolle efter beskæftigelsesreformen",
  "LBR droftede sin fremtidige rolle. Medlemmerne ser gerne, at radet fortsatter som dialogforum, ogsa hvis loven "
  "andres.",
  [DR], notes="OCR damage; the council's wish = droeftet")
d("FM", "Temadrøftelse om byudvikling",
  "Droftet.", [DR], notes="OCR damage")
d("NA", "Erhvervsklimaundersøgelse",
  "Arbejdsmarkeds- og Erhvervsudvalget 04.03.2024, punkt 18:\nUndersøgelsen blev gennemgået og drøftet. Udvalget ser "
  "gerne resultaterne brudt ned på brancher.",
  [DR])
d("HJ", "Henvendelse fra Hirtshals Erhvervsforening",
  "Økonomiudvalget drøftede henvendelsen og besluttede at invitere foreningen til et møde.",
  [DR, B])
d("TH", "Ungdommens Uddannelsesvejledning - samarbejde",
  "Punktet blev drøftet, og udvalget besluttede at indlede et samarbejde med Morsø om vejledningen.",
  [DR, B])
d("RN", "Høring om ny sundhedsstruktur",
  "Regionsrådet drøftede høringsudkastet og vedtog høringssvaret med de ændringer, der blev aftalt på mødet.",
  [DR, G], True)
d("OD", "Helhedsplan for Vollsmose - drøftelse",
  "Byrådet drøftede planen. Sagen genoptages efter sommerferien, når beboerhøringen er afsluttet.",
  [DR, U])
d("ES", "Opsamling fra byrådsseminar",
  "Byrådets beslutning 05.02.2024:\nDrøftet.", [DR])
d("KKRN", "Tema om akutberedskab",
  "KKR Nordjylland drøftede akutberedskabet uden at træffe beslutning.",
  [DR], notes="'uden at træffe beslutning' does not erase the discussion")
d("FA", "Udbud af skolebuskørsel",
  "Efter forslag fra V udsatte Byrådet sagen med 14 stemmer mod 11.", [U],
  notes="adopted postponement by vote")
d("HO", "Forslag fra C om salg af rådhusgrunden",
  "Byrådet den 4. marts 2024:\nForslaget blev nedstemt. For stemte 5 (C og I). Imod stemte 22.", [A])
d("SV", "Orientering om erhvervsklima",
  "Erhvervs- og Beskæftigelsesudvalget, 04-03-2024:", [N], kind="dagsorden",
  notes="furniture only")
d("RARS", "Beskæftigelsesindsatsen i yderkommunerne",
  "", [N], kind="dagsorden")
d("LBRT", "Nye regler for seniorpension",
  "Afventer nyt materiale fra STAR; punktet tages op igen pa naste mode.",
  [U], notes="OCR damage; 'afventer' + resumption")
d("HE", "Ansøgning om tilskud til Herning Open",
  "Udvalget besluttede at give afslag på ansøgningen.",
  [A], notes="'besluttede at give afslag' = afvist, not besluttet")
d("RN", "Fælles flytning af administrationen",
  "Punktet blev trukket af dagsordenen af formanden og genoptages på næste møde.", [U],
  notes="withdrawn but resumption stated = udsat")
d("FR", "Klage over vejbelysning",
  "Intet nyt fra forvaltningen. Der orienteres på næste møde.", [N],
  notes="judgement call as in CLASSIFY.md: a promise of a later orientation is not a postponement")


# ================================================================ proposals
PRO = []


def p(pub, title, text, proposed, types=None, notes=None):
    if types is None:
        t = set()
        for lab in proposed:
            t.add({G: "B", B: "B", U: "B", A: "B", DR: "D", T: "O"}[lab])
        types = [x for x in ("B", "D", "O") if x in t]
    rec = {"publisher": PUB[pub][0], "family": PUB[pub][1], "title": title, "text": text,
           "proposed": proposed, "types": types}
    if notes:
        rec["notes"] = notes
    PRO.append(rec)


# Odense
p("OD", "Overflytning af hjerneskadecenter",
  "Ældre- og Handicapforvaltningen indstiller, at byrådet godkender, at hjerneskadecentret flyttes til Ejby pr. 1. "
  "januar 2025.",
  [G])
p("OD", "Investeringsmodel på beskæftigelsesområdet",
  "Beskæftigelses- og Socialforvaltningen indstiller, at byrådet godkender:\n1. at investeringsmodellen indføres fra "
  "2025,\n2. at der årligt afrapporteres til Beskæftigelses- og Socialudvalget.",
  [G],
  notes="both at-points are objects of 'godkender'")
p("OD", "Forslag fra byrådsgruppe Ø om whistleblowerordning",
  "Borgmesterforvaltningen indstiller, at forslaget ikke imødekommes, da kommunen allerede har en "
  "whistleblowerordning.",
  [A])
p("OD", "Orientering om letbanens drift",
  "By- og Kulturforvaltningen indstiller, at byrådet tager orienteringen om driftsresultaterne til efterretning.", [T])
p("OD", "Administrationsgebyr for erhvervsaffald 2025",
  "By- og Kulturforvaltningen indstiller, at byrådet godkender gebyret på 412 kr. pr. virksomhed.\n\nBy- og "
  "Kulturudvalget anbefaler indstillingen.",
  [G],
  notes="the committee's recommendation is history inside the Indstilling section; the proposal is approval")
p("OD", "Rentefrit lån til forsamlingshus",
  "Borgmesterforvaltningen indstiller, at ansøgningen fra Bolbro Forsamlingshus om rentefrit lån på 300.000 kr. "
  "imødekommes.",
  [G])

# Esbjerg
p("ES", "Budgetstrategi 2025-2028",
  "Borgmesteren indstiller til Økonomiudvalget og Byrådet,\nat budgetstrategien godkendes, og\nat tidsplanen for "
  "budgetlægningen tages til efterretning.",
  [G, T])
p("ES", "Ansøgning til programfasen af Fælles om ungelivet",
  "Det indstilles, at Byrådet godkender, at kommunen søger programfasen, og at der afsættes 0,5 mio. kr. i "
  "egenfinansiering.",
  [G])
p("ES", "Lokalplan for Tangevej, Ribe",
  "Det indstilles,\nat lokalplanen vedtages endeligt uden ændringer,\nat indsigelsen fra grundejerforeningen ikke "
  "imødekommes.",
  [G, A])
p("ES", "Ny ordning for borgerbudgetter",
  "Direktionen indstiller, at Byrådet drøfter, om ordningen skal omfatte alle lokalråd, og tager stilling til, "
  "hvilken model der skal arbejdes videre med.",
  [DR, B])
p("ES", "Frokostordning - forældrebetaling",
  "Til godkendelse.", [G])

# Holbæk
p("HO", "Ny skolestruktur",
  "Administrationen indstiller over for Børne- og Skoleudvalget, Økonomiudvalget og Byrådet, at model 2 for "
  "skolestrukturen vælges, og at forslaget sendes i høring i seks uger.",
  [B],
  notes="choosing a model and sending to hearing are both besluttet")
p("HO", "Medlemsforslag om klimaregnskab",
  "Administrationen indstiller, at Byrådet forkaster medlemsforslaget og i stedet tager den eksisterende klimastatus "
  "til efterretning.",
  [A, T])
p("HO", "Anlægsregnskab Kvarterhuset",
  "Administrationen indstiller,\n1. at anlægsregnskabet godkendes,\n2. at overførsel af mindreforbruget på 0,4 mio. "
  "kr. til 2025 godkendes.",
  [G])
p("HO", "Udbud af rengøring",
  "Forslag til beslutning\nByrådet godkender udbudsstrategien.\nByrådet udsætter beslutningen om tidsplanen, indtil "
  "overenskomstforhandlingerne er afsluttet.",
  [G, U])
p("HO", "Sag om vejbump på Ahlgade",
  "Administrationen indstiller, at sagen udsættes til Teknik- og Miljøudvalgets møde i maj.", [U])
p("HO", "Orientering om kommunens kriseberedskab",
  "Til orientering.", [T])

# Faxe
p("FA", "Lokalplan for Rønnede Erhvervsområde",
  "Direktionen indstiller til Plan- og Teknikudvalget, Økonomiudvalget og Byrådet,\nat lokalplanforslaget vedtages "
  "og sendes i offentlig høring i 8 uger.",
  [G, B])
p("FA", "Vedtægt for Ældrerådet",
  "Forvaltningen anbefaler, at Byrådet vedtager den reviderede vedtægt.", [G])
p("FA", "Kommunegaranti for Haslev Idrætscenter",
  "Forvaltningen anbefaler, at der gives afslag på ansøgningen om kommunegaranti.", [A])
p("FA", "Kvartalsrapport for jobcentret",
  "Forvaltningen anbefaler, at kvartalsrapporten tages til orientering.", [T])
p("FA", "Valg til Faxe Forsyning",
  "Det indstilles, at Byrådet udpeger et nyt medlem til bestyrelsen for Faxe Forsyning A/S.", [B])
p("FA", "Parkeringsnorm",
  "Direktionen indstiller, at Byrådet drøfter principperne for en ny parkeringsnorm og giver input til den videre "
  "proces.",
  [DR])

# Herning
p("HE", "Cirkulærer og meddelelser",
  "Økonomidirektøren indstiller\nat udvalget tager oversigten over cirkulærer og meddelelser til efterretning.", [T])
p("HE", "Praksis for udsendelse af dagsordener",
  "Borgmesteren indstiller\nat den beskrevne praksis godkendes.", [G])
p("HE", "Erhvervsstrategi - temadrøftelse",
  "Direktøren for Teknik og Miljø indstiller,\nat udvalget drøfter udkastet og tilkendegiver, hvilke indsatser der "
  "skal prioriteres.",
  [DR, B])
p("HE", "Budget 2025 - 2. behandling",
  "Økonomi- og Erhvervsudvalget indstiller til Byrådet,\nat ændringsforslaget fra forligsparterne vedtages,\nat "
  "ændringsforslaget fra Borgerlisten forkastes,\nat budgettet herefter vedtages.",
  [G, A])
p("HE", "Mødekalender 2025",
  "Borgmesteren indstiller\nat mødekalenderen godkendes, og\nat budgetkonferencerne afholdes den 28. april og den "
  "25.-26. august.",
  [G, B],
  notes="second at-clause is a proposed action stated as such")

# Silkeborg
p("SI", "Beskæftigelsesplan 2025",
  "Direktøren for Arbejdsmarked indstiller, at Beskæftigelsesudvalget over for Økonomiudvalget og Byrådet anbefaler, "
  "at beskæftigelsesplanen godkendes.",
  [G])
p("SI", "Puljeansøgning om mentorforløb",
  "Jobcenterchefen indstiller, at udvalget giver afslag på ansøgningen.", [A])
p("SI", "Status på ungeindsatsen",
  "Det indstilles, at udvalget tager orienteringen til efterretning og vurderer, om der skal igangsættes en særlig "
  "indsats for unge på FGU.",
  [T, DR], ["O"], notes="CLASSIFY exception: 'tager … til efterretning og vurderer, om …' is O only")
p("SI", "Mål for jobcentret",
  "Det indstilles, at udvalget beslutter, hvilke af de tre målmodeller der skal gælde for 2025.", [B])
p("SI", "Udbud af virksomhedsrettede forløb",
  "Det indstilles,\n- at udbudsmaterialet godkendes,\n- at der nedsættes en arbejdsgruppe til vurdering af tilbuddene.",
  [G, B])

# Frederikshavn
p("FR", "Dispensation til carport",
  "Center for Teknik og Miljø anbefaler, at udvalget ikke meddeler dispensation fra lokalplanens bestemmelse om "
  "tagform.",
  [A])
p("FR", "Tillæg til spildevandsplan",
  "Center for Teknik og Miljø anbefaler, at udvalget over for Byrådet anbefaler tillægget vedtaget.", [G])
p("FR", "Klimatilpasningsplan",
  "Center for Teknik og Miljø anbefaler, at planforslaget sendes i offentlig høring.", [B])
p("FR", "Naturpleje på Hirsholmene",
  "Til drøftelse.", [DR])
p("FR", "Vandløbsregulativer",
  "Center for Teknik og Miljø anbefaler, at orienteringen om status for regulativerne tages til efterretning.", [T])

# Svendborg
p("SV", "Turismestrategi",
  "Forvaltningen indstiller, at udvalget tilslutter sig strategien og anbefaler den over for Byrådet.", [G])
p("SV", "Brobygning med erhvervsskolen",
  "Forvaltningen indstiller, at udvalget vælger mellem model A og model B.", [B])
p("SV", "Ansøgning fra Foreningen Havnelivet",
  "Forvaltningen indstiller, at ansøgningen ikke imødekommes.", [A])
p("SV", "Sommerjob for unge - evaluering",
  "Forvaltningen indstiller,\nat evalueringen tages til efterretning,\nat videreførelse af ordningen i 2025 inden "
  "for den eksisterende ramme godkendes.",
  [T, G])
p("SV", "Fremtidens erhvervsservice",
  "Beslutningspunkter\nAt udvalget drøfter oplægget\nAt udvalget tager stilling til, om der skal nedsættes en "
  "arbejdsgruppe",
  [DR, B])

# Næstved
p("NA", "Kvalitetsstandard for ressourceforløb",
  "Fagcenter Arbejdsmarked indstiller, at kvalitetsstandarden godkendes.", [G])
p("NA", "Ledighedsudvikling",
  "Fagcenter Arbejdsmarked indstiller, at udvalget orienteres om ledighedsudviklingen i 4. kvartal.", [T])
p("NA", "Jobmesse",
  "Fagcenter Arbejdsmarked indstiller, at der bevilges 25.000 kr. fra udvalgets pulje til markedsføring af jobmessen.",
  [G])
p("NA", "Aftale med erhvervsakademiet",
  "Fagcenter Arbejdsmarked indstiller, at udvalget tiltræder samarbejdsaftalen.", [G])
p("NA", "Temadrøftelse om rekruttering",
  "Fagcenter Arbejdsmarked indstiller, at udvalget drøfter og kvalificerer oplægget til en rekrutteringsstrategi.",
  [DR])
p("NA", "Indsats for ukrainske fordrevne",
  "Fagcenter Arbejdsmarked indstiller,\n1. at orienteringen tages til efterretning,\n2. at udvalget drøfter behovet "
  "for sprogundervisning i virksomhederne.",
  [T, DR])

# Hjørring
p("HJ", "Regnskab 2023",
  "Økonomiudvalget anbefaler Byrådet at godkende regnskabet for 2023.", [G])
p("HJ", "Forslag om lavere dækningsafgift",
  "Direktionen indstiller, at sagen oversendes til Byrådet uden anbefaling.", [B])
p("HJ", "Lånoptagelse 2024",
  "Direktionen indstiller til Økonomiudvalget, at Økonomiudvalget anbefaler Byrådet,\nat der optages lån på 45 mio. "
  "kr., og\nat Økonomiudvalget bemyndiges til at vælge långiver.",
  [G],
  notes="head 'anbefaler Byrådet' – both clauses are what is recommended for approval")
p("HJ", "Salg af byggegrunde i Vrå",
  "Direktionen indstiller, at en nedsættelse af mindsteprisen til 350 kr. pr. m² godkendes.", [G])
p("HJ", "Kommuneplanstrategi - proces",
  "Det indstilles, at Økonomiudvalget godkender,\n1. at procesplanen følges,\n2. at status for den gældende "
  "kommuneplan tages til efterretning.",
  [G, T],
  notes="head-verb rule: 2. is noting")
p("HJ", "Meddelelser",
  "Til efterretning.", [T])

# Thisted
p("TH", "Forsøg med færre samtaler",
  "Arbejdsmarkedschefen indstiller, at udvalget beslutter, om kommunen skal deltage i forsøget.", [B])
p("TH", "Virksomhedslukning i Hanstholm",
  "Arbejdsmarkedschefen indstiller, at udvalget tager sagen til orientering.", [T])
p("TH", "Løntilskud ud over reglerne",
  "Arbejdsmarkedschefen indstiller, at ansøgningen afvises, da der ikke er hjemmel.", [A])
p("TH", "Budgetforslag 2025",
  "Arbejdsmarkedschefen indstiller, at behandlingen af budgetforslaget udskydes, indtil KL's skøn foreligger.", [U])
p("TH", "Samarbejde med a-kasserne",
  "Jobcenterchefen indstiller,\n1. at rammerne for samarbejdet godkendes, og\n2. at orienteringen om den nye "
  "lovgivning tages til efterretning.",
  [G, T])
p("TH", "Handicapindsats",
  "at redegørelsen tages til efterretning, og\nat udvalget drøfter behovet for en særlig indsats for unge med autisme",
  [T, DR],
  notes="bare at-list")

# Region Nordjylland
p("RN", "Kvartalsrapport for universitetshospitalet",
  "Koncerndirektionen indstiller,\nat kvartalsrapporten tages til efterretning, og\nat den reviderede tidsplan "
  "godkendes.",
  [T, G])
p("RN", "Praksisplan for fodterapi",
  "Koncerndirektionen indstiller, at praksisplanen godkendes.", [G])
p("RN", "Revurdering af råstoftilladelse",
  "Koncerndirektionen indstiller, at tilladelsen stadfæstes med et ændret vilkår om støjmåling.", [G])
p("RN", "Start på revision af råstofplanen",
  "Koncerndirektionen indstiller,\nat revisionen af råstofplanen igangsættes,\nat administrationen bemyndiges til at "
  "sammensætte en teknisk følgegruppe,\nat der indkaldes idéer i en høring på 8 uger.",
  [B],
  notes="all three are proposed actions")
p("RN", "Støjgener ved grusgrav",
  "Koncerndirektionen indstiller, at klagen over støjgener ikke gives medhold.", [A])
p("RN", "Sundhedsinnovationspuljen - status",
  "Koncerndirektionen indstiller, at regionsrådet orienteres om status for puljen.", [T])

# Region Sjælland
p("RS", "Ny akutklinik i Kalundborg",
  "Administrationen indstiller, at forretningsudvalget anbefaler regionsrådet at godkende etableringen af "
  "akutklinikken.",
  [G])
p("RS", "Medfinansiering af kystvej",
  "Administrationen indstiller, at forretningsudvalget over for regionsrådet anbefaler, at ansøgningen om "
  "medfinansiering afvises.",
  [A],
  notes="what is recommended is a refusal")
p("RS", "Psykiatriplan - høringsudkast",
  "Administrationen indstiller, at forretningsudvalget drøfter høringsudkastet og sender det til regionsrådet uden "
  "anbefaling.",
  [DR, B])
p("RS", "Patientbefordring - udbud",
  "Administrationen indstiller, at forretningsudvalget udsætter beslutningen om udbudsformen til mødet i juni.", [U])
p("RS", "Sundhedshuse - samarbejdsaftale",
  "Administrationen indstiller, at forretningsudvalget anbefaler regionsrådet,\n1. at samarbejdsaftalen "
  "godkendes,\n2. at orienteringen om kommunernes driftsbidrag tages til efterretning.",
  [G, T])
p("RS", "Budget - økonomirapport",
  "Administrationen indstiller, at økonomirapporten tages til efterretning.", [T])

# RAR Sjælland
p("RARS", "Positivliste for uddannelsespuljen",
  "Det indstilles, at Rådet godkender positivlisten for 2. halvår.", [G])
p("RARS", "Sosu-analyse",
  "Det indstilles, at Rådet tager analysen til orientering og drøfter, hvordan resultaterne formidles til kommunerne.",
  [T, DR])
p("RARS", "Regional pulje - prioritering",
  "Det indstilles, at Rådet prioriterer ansøgninger fra bygge- og anlægsbranchen og sekretariatet bemyndiges til at "
  "udmønte puljen.",
  [B])
p("RARS", "Fælles indsats for faglærte",
  "Det indstilles, at RAR opfordrer kommunerne til at øge brugen af uddannelsesløft.", [B],
  notes="a proposed action stated as such")
p("RARS", "Ansøgning om projektmidler",
  "Det indstilles, at Rådet ikke tiltræder ansøgningen.", [A])

# RAR Nordjylland
p("RARN", "Udpegning til VEU-styregruppen",
  "Sekretariatet indstiller, at formandskabet udpeger en repræsentant fra arbejdstagersiden.", [B])
p("RARN", "Tema: Grøn omstilling",
  "Sekretariatet indstiller, at Rådet drøfter temaet og giver input til sekretariatets analyse.", [DR])
p("RARN", "Handlingsplan 2025",
  "Forslag til beslutning\nRådet godkender handlingsplanen for 2025.", [G])
p("RARN", "Brancheprioritering",
  "Sekretariatet indstiller, at Rådet tilkendegiver, hvilke brancher der skal prioriteres i 2025.", [B])
p("RARN", "Rådets strategi - evaluering",
  "Sekretariatet indstiller, at Rådet tager orienteringen om evalueringen til efterretning og drøfter, om strategien "
  "skal justeres.",
  [T, DR])
p("RARN", "Høringssvar om erhvervsuddannelsesreform",
  "Sekretariatet indstiller, at behandlingen af høringssvaret udsættes til næste møde, da høringsmaterialet endnu "
  "ikke er offentliggjort.",
  [U])

# LBR Herning
p("LBRH", "Socialøkonomisk café",
  "Jobcentret indstiller, at Det Lokale Beskæftigelsesråd bevilger 40.000 kr. til opstart af caféen.", [G])
p("LBRH", "Jobrotation - midtvejsstatus",
  "Jobcentret indstiller, at LBR tager orienteringen til efterretning.", [T])
p("LBRH", "Ansøgning fra frivilligcenter",
  "Jobcentret indstiller, at der gives afslag, da ansøgningen ligger uden for LBR's kriterier.", [A])
p("LBRH", "Virksomhedsnetværk",
  "Jobcentret indstiller, at LBR drøfter og godkender planen for et netværk for mindre virksomheder.", [DR, G])
p("LBRH", "Årsplan",
  "Det foreslås, at LBR vedtager årsplanen.", [G])

# LBR Thisted
p("LBRT", "Dansk på arbejdspladsen",
  "Arbejdsmarkedschefen indstiller til Det Lokale Beskæftigelsesråd, at ansøgningen imødekommes med 18.000 kr.", [G])
p("LBRT", "Samarbejdsaftale med gymnasiet",
  "Arbejdsmarkedschefen indstiller, at sagen udsættes, indtil gymnasiets bestyrelse har behandlet aftalen.", [U])
p("LBRT", "Fælles jobmesse med Morsø",
  "Det indstilles, at rådet drøfter idéen og tager stilling til, om sekretariatet skal udarbejde et budget.", [DR, B])
p("LBRT", "Ansøgning fra Thy Erhvervsforum",
  "Det indstilles, at rådet giver afslag på ansøgningen om 60.000 kr.", [A])
p("LBRT", "Ny organisering af jobcentret",
  "Det indstilles, at rådet tager orienteringen til efterretning.", [T])

# KKR Nordjylland
p("KKRN", "Rammeaftale for det specialiserede socialområde",
  "Det indstilles, at KKR Nordjylland godkender rammeaftalen og anbefaler den over for kommunalbestyrelserne.", [G])
p("KKRN", "Udpegning til Vækstforum",
  "Det indstilles, at KKR udpeger to medlemmer til Det Regionale Vækstforum.", [B])
p("KKRN", "Kapacitet på erhvervsuddannelserne",
  "Det indstilles, at KKR drøfter kapaciteten på erhvervsuddannelserne.", [DR])
p("KKRN", "Kørselstakster",
  "Det indstilles, at KKR godkender anbefalingen om ensartede takster for kørsel fra 2025.", [G])
p("KKRN", "Høringssvar om kollektiv trafik",
  "Det indstilles, at KKR godkender høringssvaret, idet sekretariatet bemyndiges til at foretage redaktionelle "
  "rettelser.",
  [G])

# KKR Sjælland
p("KKRS", "Dimensionering af pædagoguddannelsen",
  "Det indstilles, at KKR Sjælland tilslutter sig den foreslåede dimensionering.", [G])
p("KKRS", "Regionens budget",
  "Det indstilles, at KKR Sjælland tager orienteringen til efterretning.", [T])
p("KKRS", "Klimatilpasning - fælles strategi",
  "Det indstilles,\nat KKR drøfter strategien, og\nat der nedsættes en arbejdsgruppe med repræsentanter for fire "
  "kommuner.",
  [DR, B])
p("KKRS", "Femern-sekretariatet",
  "Det indstilles, at KKR ikke imødekommer ansøgningen om medfinansiering.", [A])
p("KKRS", "Sundhedsreformen - følgegruppe",
  "Det indstilles, at spørgsmålet om en politisk følgegruppe udsættes, til lovforslaget er vedtaget.", [U])

# Frederiksberg Magistraten
p("FM", "Lokalplan for Fasanvej Station",
  "By- og Miljøområdet indstiller, at Magistraten anbefaler Kommunalbestyrelsen at vedtage lokalplanen endeligt.", [G])
p("FM", "Budgetopfølgning 1. kvartal",
  "Økonomiafdelingen indstiller til Magistraten, at Magistraten over for Kommunalbestyrelsen anbefaler,\nat "
  "budgetopfølgningen tages til efterretning, og\nat de tekniske omplaceringer godkendes.",
  [T, G],
  notes="head 'anbefaler': first clause is noting, second approval")
p("FM", "Klubtilbud - nedlæggelse",
  "Børne- og Ungeområdet indstiller, at Magistraten forkaster forslaget om at nedlægge klubtilbuddet på Lindevang.",
  [A])
p("FM", "Borgerservice - organisering",
  "Direktionen indstiller til Magistraten og Kommunalbestyrelsen, at forslaget til ny organisering godkendes.", [G])
p("FM", "Ekspropriation til cykelsti",
  "By- og Miljøområdet indstiller, at sagen oversendes til Kommunalbestyrelsen til beslutning.", [B])
p("FM", "Indkøbspolitik",
  "Det indstilles: \nAt 1) indkøbspolitikken godkendes\nAt 2) der gennemføres en midtvejsevaluering i 2026\nAt 3) "
  "Magistraten drøfter, om kravene skal gælde for selvejende institutioner",
  [G, B, DR])
p("FM", "Bydelspulje - kriterier",
  "Magistraten indstiller til Kommunalbestyrelsen,\nat kriterierne for bydelspuljen godkendes,\nat forslaget om at "
  "hæve puljens loft forkastes.",
  [G, A])
p("FM", "Orienteringssager",
  "Meddelelsespunkterne forelægges til orientering.", [T])


# ================================================================ write + validate
def write():
    for i, r in enumerate(DEC, 1):
        r["id"] = f"t{i:04d}"
    for i, r in enumerate(PRO, 1):
        r["id"] = f"tp{i:03d}"
    order_d = ["id", "publisher", "family", "kind", "title", "text", "outcome", "with_remarks",
               "indstilling", "history", "notes"]
    order_p = ["id", "publisher", "family", "title", "text", "proposed", "types", "notes"]
    with open(HERE / "decisions.jsonl", "w", encoding="utf-8") as f:
        for r in DEC:
            f.write(json.dumps({k: r[k] for k in order_d if k in r}, ensure_ascii=False) + "\n")
    with open(HERE / "proposals.jsonl", "w", encoding="utf-8") as f:
        for r in PRO:
            f.write(json.dumps({k: r[k] for k in order_p if k in r}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write()
    print(len(DEC), "decisions,", len(PRO), "proposals")
