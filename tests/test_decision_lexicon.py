"""The decision lexicon: cue phrases, negation, scope, furniture and side motions (own wording)."""

from __future__ import annotations

import pytest

from nlp._classify.lexicon import Lexicon, fuzzy


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.default()


@pytest.mark.parametrize(("text", "expected"), [
    # the verbs of many publishers
    ("Udvalget bevilgede et tilskud på 40.000 kr. til foreningen.", {"godkendt"}),
    ("Indstillingen blev anbefalet over for Kommunalbestyrelsen.", {"godkendt"}),
    ("Ansøgningen imødekommes.", {"godkendt"}),
    ("Udvalget udskød behandlingen til oktober.", {"udsat"}),
    ("Behandlingen af sagen blev udskudt.", {"udsat"}),
    ("Sagen genoptages, når høringen er afsluttet.", {"udsat"}),
    ("Udvalget besluttede at give afslag på ansøgningen.", {"afvist"}),
    ("Ændringsforslaget blev forkastet. Indstillingen blev derefter vedtaget.", {"godkendt"}),
    ("Rådet nedsatte en styregruppe og udpegede to medlemmer.", {"besluttet"}),
    ("Sagen oversendes til Økonomiudvalget.", {"besluttet"}),
    ("Sagen fremsendes til Byrådet med anbefaling.", {"godkendt"}),
    ("Jobcenterchefen orienterede om de nye ledighedstal.", {"taget_til_efterretning"}),
    ("Udvalget drøftede sagen og lagde vægt på de unges trivsel.", {"droeftet"}),
    # negation and scope
    ("Udvalget kunne ikke tiltræde indstillingen.", {"afvist"}),
    ("Anbefales ikke.", {"afvist"}),
    ("Der var ikke flertal for at udsætte sagen. Indstillingen blev herefter godkendt.", {"godkendt"}),
    ("Indstillingen om at give afslag blev godkendt.", {"afvist"}),
    ("Forslaget om afslag blev ikke tiltrådt. Ansøgningen blev i stedet imødekommet.", {"godkendt"}),
    ("Udvalget tiltrådte indstillingen om at udsætte sagen.", {"udsat"}),
    ("Godkendt. Ø kunne ikke tiltræde.", {"godkendt"}),
    ("Et mindretal (F) stemte imod. Indstillingen blev godkendt.", {"godkendt"}),
    ("Pkt. 1 godkendt. Pkt. 2 udsat til næste møde.", {"godkendt", "udsat"}),
    ("Analysen offentliggøres, når den er godkendt af formandskabet.", {"besluttet"}),
    # carrying out an approval is not a second decision; a settled action on its own is one
    ("Udvalget godkendte planen. Planen offentliggøres på kommunens hjemmeside.", {"godkendt"}),
    ("Notatet lægges på hjemmesiden.", {"besluttet"}),
    ("Udvalget godkendte planen. Der etableres en følgegruppe.", {"godkendt", "besluttet"}),
    # "anbefal-" approves only as a verb: not the noun, not an attributive participle
    ("Rådet drøftede de anbefalede indsatser for ledige.", {"droeftet"}),
    ("Rådet drøftede anbefalingerne i rapporten.", {"droeftet"}),
    ("Anbefalingen fra Børne- og Skoleudvalget blev fulgt.", {"godkendt"}),
    ("Byrådet fulgte udvalgets anbefaling.", {"godkendt"}),
    # furniture and nothing
    ("Beskæftigelsesudvalgets beslutning i mødet den 3. marts 2025:\nGodkendt.", {"godkendt"}),
    ("Beslutning i Byrådet den 03-03-2025\n-", {"ingen_beslutning"}),
    ("Erhvervsudvalget, 03-03-2025, pkt. 7:\n", {"ingen_beslutning"}),
    ("Punktet udgik.", {"ingen_beslutning"}),
    ("Godkendt.\nFraværende: Lis Holm (V).\nPer Dam (A) deltog ikke i sagens behandling.", {"godkendt"}),
])
def test_decision_readings(lex, text, expected):
    assert set(lex.decision(text).labels) == expected


def test_refers_to_the_proposal(lex):
    reading = lex.decision("Tiltrådt.", proposed=["droeftet", "taget_til_efterretning"])
    assert set(reading.labels) == {"droeftet", "taget_til_efterretning"} and reading.refers
    assert set(lex.decision("Tiltrådt.").labels) == {"godkendt"}  # no Indstilling: approval


def test_with_remarks(lex):
    assert lex.decision("Godkendt med den bemærkning, at tidsplanen strammes op.").with_remarks
    assert not lex.decision("Godkendt uden bemærkninger.").with_remarks
    assert lex.decision("Ændringsforslag fra C blev vedtaget. Herefter blev indstillingen godkendt.").with_remarks


def test_history_is_not_read(lex):
    """The lexicon reads only the text it is given: a Sagsforløb section never reaches it."""
    assert set(lex.decision("Drøftet.").labels) == {"droeftet"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Forvaltningen indstiller, at udvalget godkender planen, og at udvalget drøfter næste skridt.",
     {"godkendt", "droeftet"}),
    ("Direktionen indstiller, at udvalget godkender,\n1. at orienteringen tages til efterretning\n"
     "2. at der nedsættes en følgegruppe", {"taget_til_efterretning", "besluttet"}),
    ("Det indstilles, at det godkendes, at der afholdes en messe i foråret.", {"godkendt"}),
    ("at ansøgningen fra foreningen ikke imødekommes", {"afvist"}),
    ("at der ikke gives dispensation", {"afvist"}),
    ("at sagen udsættes til næste møde", {"udsat"}),
    ("at der tages stilling til, om ordningen skal fortsætte", {"besluttet"}),
    ("at Rådet drøfter indsatsen for udsatte ledige", {"droeftet"}),
    ("Til orientering.", {"taget_til_efterretning"}),
])
def test_proposal_readings(lex, text, expected):
    assert set(lex.proposal(text).labels) == expected


def test_ocr_damage_and_offsets(lex):
    text = "Beslutning i Byrådet den 03-03-2025\nGodkendt."
    reading = lex.decision(text.replace("å", "a"))
    assert set(reading.labels) == {"godkendt"}
    a, b = reading.labels["godkendt"][0]
    assert text.replace("å", "a")[a:b] == "Godkendt."
    assert "(?:ø|" in fuzzy("ø") and fuzzy("[ø]") == "[ø]"  # classes are left alone
