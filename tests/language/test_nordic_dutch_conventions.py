"""Number conventions of Icelandic, Dutch, Swedish, Danish and Norwegian (Bokmål).

The sentences are written for these tests in each language's news conventions (none is
taken from an evaluation set). Each SAME pair is a faithful translation, where TC401 must
find nothing; each DIFFERENT pair has one number changed, which it must find (both lists
run through the tests of ``test_number_conventions``).
"""

from __future__ import annotations

import pytest

from checker.language.conventions import language_data, number_languages, supports_numbers
from checker.language.number_compare import compare_texts
from checker.language.number_extract import extract_quantities
from checker.language.number_values import DayMonth, Month, QuantityKind

NBSP = "\u00a0"
NNBSP = "\u202f"

# (source, source language, English translation)
SAME = [
    # Icelandic: decimal comma, dot thousands, "16. febrúar", inflected scale words, m.kr./þús.
    ("Verðbólga mældist 8,3 prósent í febrúar.", "is", "Inflation was 8.3 percent in February."),
    ("Samningurinn var undirritaður 16. febrúar 2023 í Reykjavík.", "is",
     "The agreement was signed in Reykjavik on February 16, 2023."),
    ("Miðinn kostar 1.250.000 krónur.", "is", "The ticket costs 1,250,000 kronur."),
    ("Ríkið leggur 3,5 milljarða króna í verkefnið.", "is", "The state is putting 3.5 billion kronur into the project."),
    ("Hagnaður bankans nam 450 m.kr. og stýrivextir hækkuðu um 0,5 prósentustig.", "is",
     "The bank's profit was 450 million kronur and the policy rate rose by 0.5 percentage points."),
    ("Á Akureyri mældist 12 stiga frost í nótt.", "is", "In Akureyri it was minus 12 degrees last night."),
    # Dutch: "16 februari 2023", dot thousands, miljard/mld/mln, "min 7 graden"
    ("De inflatie steeg in februari naar 8,3 procent.", "nl", "Inflation rose to 8.3 percent in February."),
    ("Op 16 februari 2023 tekende de minister het akkoord.", "nl", "On February 16, 2023, the minister signed the agreement."),
    ("Het kabinet trekt 3,5 miljard euro uit voor 1.250.000 woningen.", "nl",
     "The cabinet is setting aside 3.5 billion euros for 1,250,000 homes."),
    ("Het concern boekte 2,4 mld euro winst bij een omzet van 350 mln euro.", "nl",
     "The group booked a profit of 2.4 billion euros on turnover of 350 million euros."),
    ("Vannacht vroor het in Drenthe min 7 graden.", "nl", "Last night it froze at minus 7 degrees in Drenthe."),
    # Swedish: space (NBSP) thousands, "den 16 februari", mkr/mdr, 1800-talet, minusgrader
    ("Inflationen steg till 8,3 procent i februari.", "sv", "Inflation rose to 8.3 percent in February."),
    ("Avtalet undertecknades den 16 februari 2023 i Stockholm.", "sv",
     "The agreement was signed in Stockholm on February 16, 2023."),
    (f"Regeringen satsar 3,5 miljarder kronor på 1{NBSP}250{NBSP}000 bostäder.", "sv",
     "The government is investing 3.5 billion kronor in 1,250,000 homes."),
    ("Rörelseresultatet blev 450 mkr och omsättningen 2,1 mdr kronor.", "sv",
     "Operating profit was 450 million kronor and revenue 2.1 billion kronor."),
    ("Kyrkan byggdes på 1800-talet och renoverades på 1970-talet.", "sv",
     "The church was built in the 19th century and renovated in the 1970s."),
    ("I Kiruna var det 30 minusgrader i morse.", "sv", "In Kiruna it was minus 30 degrees this morning."),
    # Danish: "16. februar", dot thousands, mia./mio., pct., graders frost, 1970'erne
    ("Inflationen steg til 8,3 pct. i februar.", "da", "Inflation rose to 8.3 percent in February."),
    ("Aftalen blev underskrevet den 16. februar 2023 på Christiansborg.", "da",
     "The agreement was signed at Christiansborg on February 16, 2023."),
    ("Regeringen afsætter 3,5 mia. kr. til 1.250.000 boliger.", "da",
     "The government is setting aside 3.5 billion kroner for 1,250,000 homes."),
    ("Kommunen bruger 450 mio. kr. på skoler og 2,1 milliarder kroner på veje.", "da",
     "The municipality spends 450 million kroner on schools and 2.1 billion kroner on roads."),
    ("Renten steg med 0,5 procentpoint til 3,6 procent.", "da", "The rate rose by 0.5 percentage points to 3.6 percent."),
    ("I nat var der 12 graders frost i Vestjylland.", "da", "Last night it was minus 12 degrees in West Jutland."),
    # Norwegian Bokmål: "16. februar", space thousands, mill./mrd., prosentpoeng, kuldegrader
    ("Prisveksten var 8,3 prosent i februar.", "nb", "Inflation was 8.3 percent in February."),
    ("Avtalen ble signert 16. februar 2023 i Oslo.", "nb", "The agreement was signed in Oslo on February 16, 2023."),
    ("Staten bruker 3,5 milliarder kroner på 1 250 000 boliger.", "nb",
     "The state is spending 3.5 billion kroner on 1,250,000 homes."),
    ("Overskuddet ble 450 mill. kroner og omsetningen 2,1 mrd. kroner.", "nb",
     "The profit was 450 million kroner and revenue 2.1 billion kroner."),
    ("Styringsrenten økte med 0,25 prosentpoeng til 4,5 prosent.", "nb",
     "The policy rate rose by 0.25 percentage points to 4.5 percent."),
    ("Det var 25 kuldegrader på Røros i natt.", "nb", "It was minus 25 degrees in Røros last night."),
]

DIFFERENT = [
    ("Verðbólga mældist 8,3 prósent í febrúar.", "is", "Inflation was 3.8 percent in February."),
    ("Samningurinn var undirritaður 16. febrúar 2023.", "is", "The agreement was signed on February 18, 2023."),
    ("Tekjurnar námu 3,5 milljörðum króna.", "is", "Revenue amounted to 3.5 million kronur."),
    ("De inflatie steeg naar 8,3 procent.", "nl", "Inflation rose to 3.8 percent."),
    ("Het kabinet trekt 3,5 miljard euro uit.", "nl", "The cabinet is setting aside 5.3 billion euros."),
    ("Het werd 7 graden onder nul.", "nl", "It was 7 degrees."),
    ("Inflationen steg till 8,3 procent.", "sv", "Inflation rose to 3.8 percent."),
    ("Avtalet undertecknades den 16 februari 2023.", "sv", "The agreement was signed on February 16, 2022."),
    ("I Kiruna var det 30 grader kallt.", "sv", "In Kiruna it was 30 degrees."),
    ("Inflationen steg til 8,3 pct.", "da", "Inflation rose to 3.8 percent."),
    ("Regeringen afsætter 3,5 mia. kr.", "da", "The government is setting aside 3.5 million kroner."),
    ("Prisveksten var 8,3 prosent.", "nb", "Inflation was 3.8 percent."),
    ("Staten bruker 1 250 000 kroner.", "nb", "The state is spending 1,520,000 kroner."),
    ("Det var 25 grader kulde på Røros.", "nb", "It was 25 degrees in Røros."),
]


def test_a_changed_decimal_is_reported_as_that_number() -> None:
    diff = compare_texts("Verðbólga mældist 8,3 prósent í febrúar.", "is", "Inflation was 3.8 percent in February.", "en")
    assert [q.text for q in diff.missing] == ["8,3 prósent"]
    assert [q.text for q in diff.added] == ["3.8 percent"]


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("1.250.000", "is", 1_250_000),
        ("1.500", "is", 1500),  # a thousands dot, never 1.5
        ("8,3", "is", 8.3),
        ("3,5 milljarðar", "is", 3.5e9),
        ("3,5 milljörðum", "is", 3.5e9),
        ("2 milljónir", "is", 2e6),
        ("12 þús.", "is", 12_000),
        ("1.250.000", "nl", 1_250_000),
        ("2,4 mld", "nl", 2.4e9),
        ("350 mln.", "nl", 350e6),
        ("3,5 miljard", "nl", 3.5e9),
        (f"1{NBSP}250{NBSP}000", "sv", 1_250_000),
        (f"12{NNBSP}500,75", "sv", 12500.75),
        ("450 mkr", "sv", 450e6),
        ("2,1 mdr", "sv", 2.1e9),
        ("1.250.000", "da", 1_250_000),
        ("3,5 mia.", "da", 3.5e9),
        ("450 mio.", "da", 450e6),
        ("1 250 000", "nb", 1_250_000),
        ("450 mill.", "nb", 450e6),
        ("2,1 mrd.", "nb", 2.1e9),
        ("3 milliarder", "nb", 3e9),
    ],
)
def test_numbers_read_by_the_language_conventions(text: str, language: str, value: float) -> None:
    (q,) = extract_quantities(text, language)
    assert value in q.numbers()


@pytest.mark.parametrize(
    ("text", "language", "month", "day"),
    [
        ("16. febrúar 2023", "is", 2, 16),
        ("1. desember", "is", 12, 1),
        ("16 februari 2023", "nl", 2, 16),
        ("3 mrt. 2024", "nl", 3, 3),
        ("den 16 februari 2023", "sv", 2, 16),
        ("16. februar 2023", "da", 2, 16),
        ("5. marts", "da", 3, 5),
        ("16. februar 2023", "nb", 2, 16),
        ("17. mai", "nb", 5, 17),
    ],
)
def test_day_month_dates(text: str, language: str, month: int, day: int) -> None:
    dates = [q for q in extract_quantities(text, language) if q.kind is QuantityKind.DATE]
    assert len(dates) == 1 and DayMonth(month, day) in dates[0].values
    years = [q for q in extract_quantities(text, language) if q.kind is QuantityKind.YEAR]
    assert [y.numbers() for y in years] == ([[2023.0]] if "2023" in text else [[2024.0]] if "2024" in text else [])


@pytest.mark.parametrize(
    ("text", "language", "month"),
    [("í janúar", "is", 1), ("in augustus", "nl", 8), ("i slutet av mars", "sv", 3), ("i juli", "da", 7),
     ("siden desember", "nb", 12)],
)
def test_a_month_alone(text: str, language: str, month: int) -> None:
    (q,) = extract_quantities(text, language)
    assert q.kind is QuantityKind.MONTH and q.values == {Month(month)}


def test_a_month_changed_into_another_is_reported() -> None:
    assert not compare_texts("Vi venter til mai.", "nb", "We will wait until May.", "en")
    assert compare_texts("Vi venter til mai.", "nb", "We will wait until June.", "en")


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [("8,3 prósent", "is", QuantityKind.PERCENT), ("8,3 procent", "nl", QuantityKind.PERCENT),
     ("8,3 procent", "sv", QuantityKind.PERCENT), ("8,3 pct.", "da", QuantityKind.PERCENT),
     ("8,3 prosent", "nb", QuantityKind.PERCENT), ("2,5 pst.", "nb", QuantityKind.PERCENT)],
)
def test_percent_words(text: str, language: str, kind: QuantityKind) -> None:
    (q,) = extract_quantities(text, language)
    assert q.kind is kind and q.text == text


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [("12 stiga frost", "is", -12), ("mínus 4 gráður", "is", -4), ("min 7 graden", "nl", -7),
     ("7 graden onder nul", "nl", -7), ("30 minusgrader", "sv", -30), ("30 grader kallt", "sv", -30),
     ("12 graders frost", "da", -12), ("25 kuldegrader", "nb", -25), ("25 grader kulde", "nb", -25)],
)
def test_below_zero(text: str, language: str, value: float) -> None:
    numbers = [q for q in extract_quantities(text, language) if q.kind is QuantityKind.NUMBER]
    assert [q.numbers() for q in numbers] == [[value]]


def test_centuries_and_decades_written_as_years() -> None:
    # "1800-talet" / "1800-tallet" is the 19th century; "1970-talet", "1970'erne" the 1970s.
    assert not compare_texts("Huset er fra 1800-tallet og blev ombygget i 1970'erne.", "da",
                             "The house is from the 19th century and was rebuilt in the 1970s.", "en")
    assert not compare_texts("Kirken ble bygget på 1800-tallet og pusset opp på 1970-tallet.", "nb",
                             "The church was built in the 19th century and renovated in the 1970s.", "en")
    assert compare_texts("Kyrkan byggdes på 1800-talet.", "sv", "The church was built in the 18th century.", "en")


def test_spelled_numbers_are_read() -> None:
    assert not compare_texts("Tvær milljónir ferðamanna komu til landsins.", "is",
                             "Two million tourists came to the country.", "en")
    assert not compare_texts("Tvö hundruð manns mættu á fundinn.", "is", "200 people attended the meeting.", "en")
    assert not compare_texts("Der kom to hundrede mennesker.", "da", "200 people came.", "en")
    assert not compare_texts("In de jaren 90 woonden er twaalf gezinnen.", "nl",
                             "In the 1990s twelve families lived there.", "en")


def test_quotation_marks() -> None:
    from checker.language.quotations import extract_quotations

    cases = [
        ("Hann sagði: „Við munum ekki hætta.“", "is", "Við munum ekki hætta."),
        ("De premier noemde het „onaanvaardbaar”.", "nl", "onaanvaardbaar"),
        ("Hij zei: “We stoppen niet.” Het was ’s avonds ‘onacceptabel’.", "nl", "We stoppen niet."),
        ("Hon sa: ”Vi ger inte upp.”", "sv", "Vi ger inte upp."),
        ("Han sagde: »Vi stopper ikke.«", "da", "Vi stopper ikke."),
        ("Han sa: «Vi gir oss ikke.»", "nb", "Vi gir oss ikke."),
    ]
    for text, language, content in cases:
        q = extract_quotations(text, language)[0]
        assert (q.text, q.opened, q.closed) == (content, True, True), (text, language)


def test_the_five_languages_are_judged() -> None:
    assert {"is", "nl", "sv", "da", "nb"} <= set(number_languages())
    for code in ("is", "is-IS", "nl", "nl-BE", "nl_NL", "sv-SE", "sv-FI", "da-DK", "nb", "nb-NO"):
        assert supports_numbers(code), code
    for code in ("is", "nl", "sv", "da", "nb"):
        data = language_data(code)
        assert data.decimal_separator == ","
        assert not data.months_case_sensitive  # month names are lower case in all five
        assert not data.reads_spelled_numbers  # their number words are not all listed
