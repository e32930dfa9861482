"""Number conventions of many languages, from their data files: separators, scripts, names.

The sentences are written for these tests in each language's news conventions (none is
taken from an evaluation set). Each SAME pair is a faithful translation, where TC401 must
find nothing; each DIFFERENT pair has one number changed, which it must find.
"""

from __future__ import annotations

import pytest

from checker.language.conventions import language_data, number_languages, supports_numbers
from checker.language.number_compare import compare_texts
from checker.language.number_extract import extract_quantities
from checker.language.number_values import DayMonth, Month, QuantityKind
from tests.language.test_nordic_dutch_conventions import DIFFERENT as NORDIC_DIFFERENT
from tests.language.test_nordic_dutch_conventions import SAME as NORDIC_SAME

# (source, source language, English translation)
SAME = [
    # German: decimal comma, dot and apostrophe thousands, "3. Oktober", Mio./Mrd.
    ("Der Umsatz stieg am 3. Oktober 2023 um 4,5 Prozent auf 1.250.000 Euro.", "de",
     "On October 3, 2023, sales rose by 4.5 percent to 1,250,000 euros."),
    ("Die Stadt erhält 2,7 Mrd. Euro, die Region weitere 350 Mio. Euro.", "de",
     "The city receives 2.7 billion euros, the region a further 350 million."),
    ("In Zürich kostet die Wohnung 1'250'000 Franken.", "de", "In Zurich the flat costs 1,250,000 francs."),
    ("Seit den 1970er Jahren sind es zwölf Prozent weniger.", "de", "Since the 1970s there have been twelve percent fewer."),
    # French: spaces (NBSP, narrow NBSP) as thousands separators, "1er", "23 h 45", spelled numbers
    ("Le 1er octobre, 12\u202f500 manifestants ont défilé à Paris.", "fr", "On 1 October, 12,500 protesters marched in Paris."),
    ("Le budget atteint 3,2\u00a0milliards d'euros, soit 0,8\u00a0% du PIB.", "fr", "The budget reaches 3.2 billion euros, or 0.8% of GDP."),
    ("Le ministre parlera à 23 h 45, après dix-huit mois de négociations.", "fr",
     "The minister will speak at 23:45, after eighteen months of negotiations."),
    ("Au moins 300 personnes ont été évacuées au XVIIIe arrondissement.", "fr",
     "At least 300 people were evacuated in the 18th arrondissement."),
    ("Il a marqué soixante et onze buts en quatre-vingt-dix-sept matchs.", "fr", "He scored 71 goals in 97 matches."),
    # Spanish: "3 de mayo de 2024", "mil millones", "treinta y nueve"
    ("El 3 de mayo de 2024 el Gobierno aprobó 2.500 millones de euros.", "es",
     "On May 3, 2024, the government approved 2.5 billion euros."),
    ("La deuda supera los mil millones y afecta a treinta y nueve municipios.", "es",
     "The debt exceeds a billion and affects 39 municipalities."),
    ("Al menos 45 personas murieron.", "es", "At least 45 people died."),
    # "півтори"/"полторы": the feminine of one and a half, before тисяча, сотня, година
    ("В Україні вже виготовили півтори тисячі дронів.", "uk", "One and a half thousand drones have been made in Ukraine."),
    ("До кордону підтягнули півтори сотні танків і півтораста гармат.", "uk", "150 tanks and 150 guns were moved to the border."),
    ("Эвакуировали полторы тысячи человек.", "ru", "1,500 people were evacuated."),
    # Polish: genitive months, "mln", "zł", NBSP groups
    ("Do 15 października rząd wyda 1,8 mln zł na 12\u00a0000 nowych miejsc.", "pl",
     "By October 15, the government will spend 1.8 million zlotys on 12,000 new places."),
    ("W ciągu dziesięciu dni przyjechało 10 tys. uchodźców.", "pl", "In 10 days 10,000 refugees arrived."),
    # Czech: "3. června", "miliardy"
    ("Vláda 3. června schválila 4,5 miliardy korun pro 120 obcí.", "cs",
     "On June 3 the government approved 4.5 billion crowns for 120 municipalities."),
    # Finnish: "14. maaliskuuta", centuries and decades written as years, case endings on scale words
    ("Eduskunta hyväksyi 14. maaliskuuta 2,3 miljardin euron lisätalousarvion.", "fi",
     "On March 14 parliament approved a supplementary budget of 2.3 billion euros."),
    ("Kirkko rakennettiin 1400-luvulla ja korjattiin 1960-luvulla.", "fi",
     "The church was built in the 15th century and repaired in the 1960s."),
    ("Tulvat koettelivat noin 100 miljoonaan ihmiseen vaikuttaneella alueella.", "fi",
     "The floods struck an area that affected about 100 million people."),
    # Turkish: dot thousands, comma decimals, suffixes glued to scale words
    ("Belediye 2,5 milyon liralık projeyi 12 Ocak 2024'te açıkladı; 10 milyondan fazla kişi etkilenecek.", "tr",
     "The municipality announced the 2.5 million lira project on January 12, 2024; more than 10 million people will be affected."),
    # Arabic: Arabic-Indic digits and decimal mark, a prefix glued to the digits
    ("بلغت الخسائر ١٫٥ مليار دولار في عام ٢٠٢٣، وتضرر ب15000 منزل.", "ar",
     "Losses reached 1.5 billion dollars in 2023, and 15,000 homes were damaged."),
    # Hindi: Indian digit grouping, lakh and crore
    ("सरकार ने 1,00,000 घरों के लिए 5 करोड़ रुपये दिए।", "hi", "The government gave 50 million rupees for 100,000 homes."),
    # Chinese: 万/億 glued to digits, native numerals with a counter, dates and decades
    ("截至2023年10月21日，全市共有16萬8千人參加，政府撥款十四億元。", "zh",
     "As of October 21, 2023, a total of 168,000 people in the city took part, and the government allocated 1.4 billion yuan."),
    ("該廠建於20世紀80年代，三百萬人受益。", "zh", "The plant was built in the 1980s, and 3 million people benefited."),
    ("會議於4至6月舉行，每10萬人有5名醫生。", "zh", "The meetings were held from April to June; there were five doctors per 100,000 people."),
    # Japanese: full-width digits, 万/億, "・" as the decimal point, dates and times
    ("日経平均株価は９８・２４円高の２万８２２２円で取引を終えた。", "ja",
     "The Nikkei average closed 98.24 yen higher at 28,222 yen."),
    ("東京都は１５日、新たに１万０３６３人の感染を確認した。", "ja",
     "On Tuesday, Tokyo confirmed 10,363 new infections."),
    ("２０２４年３月１５日午後３時、３億５０００万円の予算が承認された。", "ja",
     "At 3 p.m. on March 15, 2024, a budget of 350 million yen was approved."),
    ("成長率は３・５％だった。", "ja", "The growth rate was 3.5%."),
    ("終値は前日比９８円２４銭高の１万０３６３円１８銭、円相場は７９円２０銭だった。", "ja",
     "It closed at 10,363.18 yen, up 98.24 yen, and the yen traded at 79.20."),
    # Italian and Portuguese: decimal commas, "e" inside spelled numbers
    ("Il governo ha stanziato 1,2 miliardi di euro per 3.500 scuole.", "it",
     "The government allocated 1.2 billion euros for 3,500 schools."),
    ("Em 3 de maio de 2024, 1,5 mil milhões de euros foram aprovados.", "pt",
     "On May 3, 2024, 1.5 billion euros were approved."),
]

DIFFERENT = [
    ("Der Umsatz stieg um 4,5 Prozent auf 1.250.000 Euro.", "de", "Sales rose by 4.5 percent to 1,520,000 euros."),
    ("Le budget atteint 3,2\u00a0milliards d'euros.", "fr", "The budget reaches 2.3 billion euros."),
    ("El 3 de mayo de 2024 el Gobierno aprobó el plan.", "es", "On May 4, 2024, the government approved the plan."),
    ("Rząd wyda 1,8 mln zł.", "pl", "The government will spend 8.1 million zlotys."),
    ("Vláda schválila 4,5 miliardy korun.", "cs", "The government approved 4.5 million crowns."),
    ("Belediye 2,5 milyon liralık projeyi açıkladı.", "tr", "The municipality announced the 5.2 million lira project."),
    ("بلغت الخسائر ١٫٥ مليار دولار.", "ar", "Losses reached 1.5 million dollars."),
    ("सरकार ने 1,00,000 घरों के लिए पैसे दिए।", "hi", "The government gave money for 10,000 homes."),
    ("全市共有16萬8千人參加。", "zh", "A total of 186,000 people in the city took part."),
    ("日経平均株価は９８・２４円高で取引を終えた。", "ja", "The Nikkei average closed 89.24 yen higher."),
    ("東京都は新たに１万０３６３人の感染を確認した。", "ja", "Tokyo confirmed 1,363 new infections."),
    ("２０２４年３月１５日に承認された。", "ja", "It was approved on March 16, 2024."),
]


@pytest.mark.parametrize(("source", "language", "target"), SAME + NORDIC_SAME)
def test_faithful_translations_have_no_number_mismatch(source: str, language: str, target: str) -> None:
    diff = compare_texts(source, language, target, "en")
    assert not diff, ([q.text for q in diff.missing], [q.text for q in diff.added])


@pytest.mark.parametrize(("source", "language", "target"), DIFFERENT + NORDIC_DIFFERENT)
def test_a_changed_number_is_found(source: str, language: str, target: str) -> None:
    assert compare_texts(source, language, target, "en")


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("９８・２４", "ja", 98.24),
        ("１万０３６３・１８", "ja", 10363.18),
        ("３億５０００万", "ja", 350_000_000),
        ("５千人", "ja", 5000),
        ("16萬8千", "zh", 168_000),
        ("七百五十萬人", "zh", 7_500_000),
        ("1.500,5", "de", 1500.5),
        ("1'000'000", "de", 1_000_000),
        ("1’000’000", "de", 1_000_000),
        ("12\u202f500,75", "fr", 12500.75),
        ("12\u00a0500", "pl", 12500),
        ("2 500", "cs", 2500),
        ("١٢٣٫٥", "ar", 123.5),
        ("१२३", "hi", 123),
        ("2,50,00,000", "hi", 25_000_000),
    ],
)
def test_numbers_read_by_the_language_conventions(text: str, language: str, value: float) -> None:
    (q,) = extract_quantities(text, language)
    assert value in q.numbers()
    assert q.text == text.rstrip("人")  # the reported text is the original, full-width digits included


def test_a_middle_dot_before_a_unit_counter_lists_numbers() -> None:
    # "１・２号機": reactors No. 1 and No. 2, not 1.2
    values = [q.numbers() for q in extract_quantities("原発の１・２号機", "ja")]
    assert values == [[1.0], [2.0]]


def test_japanese_dates_and_times() -> None:
    found = {q.text: q for q in extract_quantities("２０２４年３月１５日午後３時に、３時間の会議", "ja")}
    assert DayMonth(3, 15) in found["３月１５日"].values
    assert found["２０２４"].kind is QuantityKind.YEAR
    assert found["午後３時"].kind is QuantityKind.TIME
    assert found["３"].kind is QuantityKind.NUMBER  # 3時間 is a duration, three hours
    (month,) = extract_quantities("１１月に発表", "ja")
    assert month.values == {Month(11)}


def test_japanese_day_alone_is_soft() -> None:
    # "１５日" (on the 15th) is rendered as a weekday in news English: only a changed day counts.
    assert not compare_texts("東京都は１５日、発表した。", "ja", "Tokyo announced on Tuesday.", "en")


def test_native_numerals_need_a_counter() -> None:
    # 一方 (on the other hand), 三菱 (Mitsubishi), 千葉 (Chiba) are no numbers; 二人 (two people) is.
    assert extract_quantities("一方、三菱の千葉工場", "ja") == []
    (q,) = extract_quantities("二人が負傷した", "ja")
    assert q.numbers() == [2.0] and q.soft


def test_units_starting_with_a_scale_character() -> None:
    (q,) = extract_quantities("可產生2900千瓦的電力", "zh")
    assert q.numbers() == [2900.0]  # kilowatts, not 2.9 million


# --- digits inside names ----------------------------------------------------------------------

NAMES = [
    ("Ситуацію з COVID-19 обговорили.", "uk", "The COVID situation was discussed."),
    ("Німеччина передасть танки Leopard 2.", "uk", "Germany will hand over Leopard tanks."),
    ("Трансляцію веде Матч ТВ.", "ru", "The broadcast is on Match TV 2."),
    ("Літак Boeing 737 приземлився.", "uk", "The plane landed."),
    ("Над містом пролетіли Су-35.", "uk", "Sukhoi jets flew over the city."),
    ("新型コロナウイルス（ＣＯＶＩＤ－１９）の感染者は３２０人だった。", "ja", "There were 320 people infected with the coronavirus."),
    ("Die F-16 kamen am 3. Mai an.", "de", "The jets arrived on May 3."),
]


@pytest.mark.parametrize(("source", "language", "target"), NAMES)
def test_digits_in_names_are_not_quantities(source: str, language: str, target: str) -> None:
    assert not compare_texts(source, language, target, "en")


def test_a_name_never_stands_in_for_a_changed_amount() -> None:
    # The amount changed (320 → 230); COVID-19's 19 is not offered as what the 320 became.
    diff = compare_texts("新型コロナウイルスの感染者は３２０人だった。", "ja", "There were 230 COVID-19 cases.", "en")
    assert [q.text for q in diff.missing] == ["３２０"]
    assert [q.text for q in diff.added] == ["230"]


def test_a_changed_model_number_is_still_a_mismatch() -> None:
    assert compare_texts("Україна отримала F-16.", "uk", "Ukraine received F-15s.", "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [("COVID-19", "en"), ("Су-35", "ru"), ("Boeing 737", "en"), ("Leopard 2", "en"), ("Match TV 2", "en"),
     ("у Windows 10", "uk"), ("ボーイング７３７", "ja")],
)
def test_name_digits_are_of_kind_name(text: str, language: str) -> None:
    (q,) = extract_quantities(text, language)
    assert q.kind is QuantityKind.NAME


@pytest.mark.parametrize(
    ("text", "language"),
    [("USD 100", "en"), ("May 2022", "en"), ("於2004年", "zh"), ("ب15000", "ar"), ("Article 5", "en")],
)
def test_ordinary_numbers_next_to_words_are_quantities(text: str, language: str) -> None:
    quantities = [q for q in extract_quantities(text, language) if q.kind is not QuantityKind.MONTH]
    assert quantities and all(q.kind is not QuantityKind.NAME and not q.soft for q in quantities)


# --- languages the rule cannot judge ------------------------------------------------------------


def test_a_language_without_conventions_data_is_not_judged() -> None:
    # Romanian: "1.500" is 1500 there, 1.5 in English; with no data nothing is guessed.
    assert not supports_numbers("ro")
    assert not compare_texts("Prețul a crescut la 1.500 de lei.", "ro", "The price rose to 1.5 lei.", "en")
    assert not compare_texts("The price rose to 1,500 lei.", "en", "Prețul a crescut la 2.500 de lei.", "ro")


def test_every_data_file_is_a_supported_language() -> None:
    languages = number_languages()
    assert {"en", "ru", "uk", "de", "fr", "es", "pl", "cs", "fi", "tr", "ar", "hi", "zh", "ja"} <= set(languages)
    assert all(supports_numbers(code) for code in languages)


def test_unlisted_number_words_do_not_make_the_other_sides_digits_count_alone() -> None:
    # Polish number words are inflected and not listed: "dziesięciu" may be the 10.
    assert not language_data("pl").reads_spelled_numbers
    assert not compare_texts("Przez dziesięć dni padało.", "pl", "It rained for 10 days.", "en")
    # ... but a digit the Polish has and the English lacks is reported (English words are all read).
    assert compare_texts("Przez 10 dni padało.", "pl", "It rained for days.", "en")
    # ... and Russian reads its number words: a digit the Russian lacks is reported.
    assert compare_texts("Дождь шёл несколько дней.", "ru", "It rained for 10 days.", "en")


def test_two_spelled_numbers_joined_by_and_stay_two() -> None:
    values = [q.numbers() for q in extract_quantities("three million and five million", "en")]
    assert values == [[3e6], [5e6]]
