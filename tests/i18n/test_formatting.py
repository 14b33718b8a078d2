"""Dates at their precision, and numbers, written in the active language."""

import datetime

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils import translation
from django_countries import countries

from core.models import DatePrecision, format_precise_date, format_precise_span

DAY = datetime.date(2011, 6, 9)
MONTH = datetime.date(2010, 6, 1)


@pytest.mark.parametrize(
    ("code", "day", "month", "year", "about"),
    [
        ("en", "9 June 2011", "June 2010", "2011", "about 2005"),
        ("ru", "9 июня 2011 г.", "июнь 2010 г.", "2011 г.", "около 2005 г."),
        ("kk", "2011 ж. 9 маусым", "2010 ж. маусым", "2011 ж.", "шамамен 2005 ж."),
        ("uz", "2011-yil 9-iyun", "2010-yil iyun", "2011-yil", "taxminan 2005-yil"),
    ],
)
def test_a_date_is_written_at_its_precision_in_the_language(code, day, month, year, about):
    with translation.override(code):
        assert format_precise_date(DAY, DatePrecision.DAY) == day
        assert format_precise_date(MONTH, DatePrecision.MONTH) == month
        assert format_precise_date(DAY, DatePrecision.YEAR) == year
        assert format_precise_date(datetime.date(2005, 1, 1), DatePrecision.APPROXIMATE) == about


def test_spans_share_what_they_can_in_the_language():
    day, month = DatePrecision.DAY, DatePrecision.MONTH
    june_11 = datetime.date(2010, 6, 11)
    july_2 = datetime.date(2010, 7, 2)
    with translation.override("ru"):
        assert format_precise_span(datetime.date(2010, 6, 9), day, june_11, day) == (
            "9–11 июня 2010 г."
        )
        assert format_precise_span(datetime.date(2010, 6, 9), day, july_2, day) == (
            "9 июня – 2 июля 2010 г."
        )
        assert format_precise_span(MONTH, month, july_2, month) == "июнь–июль 2010 г."
    with translation.override("uz"):  # the year first: both in full
        assert format_precise_span(MONTH, month, july_2, month) == ("2010-yil iyun – 2010-yil iyul")
    assert format_precise_span(MONTH, month, july_2, month) == "June–July 2010"


def test_numbers_are_grouped_in_the_language():
    assert intcomma(1234567) == "1,234,567"
    with translation.override("ru"):
        assert intcomma(1234567) == "1\xa0234\xa0567"


@pytest.mark.parametrize(
    ("code", "names"),
    [
        ("en", ["Kazakhstan", "Uzbekistan", "Russia"]),
        ("ru", ["Казахстан", "Узбекистан", "Россия"]),
        ("kk", ["Қазақстан", "Өзбекстан", "Ресей"]),  # ours: django-countries has no kk
        ("uz", ["Qozogʻiston", "Oʻzbekiston", "Rossiya"]),  # nor uz
    ],
)
def test_country_names_are_in_the_language(code, names):
    with translation.override(code):
        assert [countries.name(c) for c in ("KZ", "UZ", "RU")] == names
