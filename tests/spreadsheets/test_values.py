"""Cells as staff type them: dates with their precision, empty markers, lists, choices."""

import datetime

import pytest

from cases.models import DecisionOutcome
from cases.spreadsheets import values as v
from cases.spreadsheets.values import CellError, DateCell
from core.models import DatePrecision

D = datetime.date
DAY, MONTH, YEAR, ABOUT = (
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.APPROXIMATE,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2012-06-01", (D(2012, 6, 1), DAY)),
        ("2012-6-1", (D(2012, 6, 1), DAY)),
        ("01 Jun 2012", (D(2012, 6, 1), DAY)),
        ("9 June 2011", (D(2011, 6, 9), DAY)),
        ("June 9, 2011", (D(2011, 6, 9), DAY)),
        ("09.06.2011", (D(2011, 6, 9), DAY)),
        ("9 июня 2011 г.", (D(2011, 6, 9), DAY)),
        ("June 2010", (D(2010, 6, 1), MONTH)),
        ("Sept. 2010", (D(2010, 9, 1), MONTH)),
        ("2010-06", (D(2010, 6, 1), MONTH)),
        ("06.2010", (D(2010, 6, 1), MONTH)),
        ("май 2010", (D(2010, 5, 1), MONTH)),
        ("2010", (D(2010, 1, 1), YEAR)),
        (2010, (D(2010, 1, 1), YEAR)),
        (2010.0, (D(2010, 1, 1), YEAR)),
        ("about 2005", (D(2005, 1, 1), ABOUT)),
        ("c. 2005", (D(2005, 1, 1), ABOUT)),
        ("ca. 2005", (D(2005, 1, 1), ABOUT)),
        ("circa 2005", (D(2005, 1, 1), ABOUT)),
        ("approximately 2005", (D(2005, 1, 1), ABOUT)),
        ("~2005", (D(2005, 1, 1), ABOUT)),
        ("about 2005-03-15", (D(2005, 3, 15), ABOUT)),
        ("2010-06-15 (month)", (D(2010, 6, 15), MONTH)),
        ("  2012-06-01 ", (D(2012, 6, 1), DAY)),
        (datetime.datetime(2011, 6, 9, 0, 0), (D(2011, 6, 9), DAY)),
        (DateCell(D(2010, 6, 1), MONTH), (D(2010, 6, 1), MONTH)),
    ],
)
def test_dates_are_read_with_their_precision(cell, expected):
    assert v.parse_date(cell) == expected


@pytest.mark.parametrize("cell", ["", None, "NA", "n/a", "N/A", "-", "—", "–", "  "])
def test_empty_markers_are_empty(cell):
    assert v.text(cell) == ""
    assert v.parse_date(cell) == (None, DAY)
    assert v.split_list(cell) == []
    assert v.parse_country(cell) == ""
    assert v.parse_integer(cell) is None


@pytest.mark.parametrize("cell", ["31.02.2011", "2011-13-01", "yesterday", "09/06/2011", "Juin"])
def test_a_bad_date_says_how_to_write_one(cell):
    with pytest.raises(CellError) as error:
        v.parse_date(cell)
    assert str(error.value) == (
        f"'{cell}' is not a date; write it like 2011-06-09, 09.06.2011, 9 June 2011, "
        "June 2011, 2011 or about 2011"
    )


@pytest.mark.parametrize(
    ("value", "precision"),
    [
        (D(2011, 6, 9), DAY),
        (D(2010, 6, 1), MONTH),
        (D(2010, 6, 15), MONTH),
        (D(2010, 1, 1), YEAR),
        (D(2010, 3, 1), YEAR),
        (D(2005, 1, 1), ABOUT),
        (D(2005, 7, 4), ABOUT),
    ],
)
def test_a_formatted_date_reads_back_the_same(value, precision):
    assert v.parse_date(v.format_date(value, precision)) == (value, precision)


def test_lists_split_on_semicolons_and_bars_without_stray_spaces():
    assert v.split_list(" a ; b| c ;; N/A | a") == ["a", "b", "c"]
    assert v.split_list("Тоиржон Абдусаматов; Рафшан Тураев") == [
        "Тоиржон Абдусаматов",
        "Рафшан Тураев",
    ]
    assert v.join_list(["a", "b"]) == "a; b"


def test_choices_accept_the_value_or_the_label_in_any_case():
    lookup = v.choice_lookup(DecisionOutcome.choices)
    assert v.parse_choice("Refused", lookup, "outcome") == "refused"
    assert v.parse_choice("refused", lookup, "outcome") == "refused"
    assert v.parse_choice(" REFUSED ", lookup, "outcome") == "refused"
    assert v.parse_choice("", lookup, "outcome") == ""
    with pytest.raises(CellError, match="'refuzed' is not a known outcome; write one of: pending"):
        v.parse_choice("refuzed", lookup, "outcome")


@pytest.mark.parametrize(
    ("cell", "code"),
    [("KZ", "KZ"), ("kz", "KZ"), ("KAZ", "KZ"), ("Kazakhstan", "KZ"), ("uzbekistan", "UZ")],
)
def test_countries_by_code_or_english_name(cell, code):
    assert v.parse_country(cell) == code


def test_an_unknown_country_is_explained():
    with pytest.raises(CellError, match="'Kazakstan' is not a country we know"):
        v.parse_country("Kazakstan")


def test_numbers_and_text():
    assert v.parse_integer("29") == 29
    assert v.parse_integer(29.0) == 29
    assert v.text(29.0) == "29"
    assert v.text("  Тоиржон  ") == "Тоиржон"
    with pytest.raises(CellError, match="'twenty' is not a whole number"):
        v.parse_integer("twenty")
