import datetime

import pytest

from core.date_fields import display_text
from core.dates import DateError, DateSpan, PreciseDate, parse_date, parse_date_span
from core.models import DatePrecision, format_precise_date, format_precise_span


@pytest.mark.parametrize(
    ("precision", "expected"),
    [
        (DatePrecision.DAY, "9 June 2011"),
        (DatePrecision.MONTH, "June 2011"),
        (DatePrecision.YEAR, "2011"),
        (DatePrecision.APPROXIMATE, "about 2011"),
    ],
)
def test_a_date_is_shown_as_precisely_as_it_is_known(precision, expected):
    assert format_precise_date(datetime.date(2011, 6, 9), precision) == expected


def test_a_missing_date_is_blank():
    assert format_precise_date(None, DatePrecision.DAY) == ""


# The one parser (core.dates): what staff type, in the forms and in spreadsheets alike.

D = datetime.date
DAY, MONTH, YEAR, ABOUT = (
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.APPROXIMATE,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 June 2011", (D(2011, 6, 9), DAY)),
        ("09.06.2011", (D(2011, 6, 9), DAY)),
        ("2011-06-09", (D(2011, 6, 9), DAY)),
        ("June 9, 2011", (D(2011, 6, 9), DAY)),
        ("June 2010", (D(2010, 6, 1), MONTH)),
        ("2010-06", (D(2010, 6, 1), MONTH)),
        ("июнь 2010", (D(2010, 6, 1), MONTH)),
        ("9 июня 2011 г.", (D(2011, 6, 9), DAY)),
        ("2010", (D(2010, 1, 1), YEAR)),
        ("about 2005", (D(2005, 1, 1), ABOUT)),
        ("c. 2005", (D(2005, 1, 1), ABOUT)),
        ("около 2005", (D(2005, 1, 1), ABOUT)),
        ("March 2024", (D(2024, 3, 1), MONTH)),
        ("Sept. 2010", (D(2010, 9, 1), MONTH)),
        ("1 марта 2024", (D(2024, 3, 1), DAY)),
        ("декабрь 2009", (D(2009, 12, 1), MONTH)),
        # Kazakh
        ("9 маусым 2011", (D(2011, 6, 9), DAY)),
        ("маусым 2010", (D(2010, 6, 1), MONTH)),
        ("қаңтар 2012 ж.", (D(2012, 1, 1), MONTH)),
        ("мамыр 2010", (D(2010, 5, 1), MONTH)),
        ("желтоқсан 2011", (D(2011, 12, 1), MONTH)),
        # Uzbek (Latin)
        ("9 iyun 2011", (D(2011, 6, 9), DAY)),
        ("iyul 2010", (D(2010, 7, 1), MONTH)),
        ("sentabr 2010", (D(2010, 9, 1), MONTH)),
        ("2010 yil", (D(2010, 1, 1), YEAR)),
        # Pasted with a no-break space; the importer's exact forms.
        ("9\u00a0June\u00a02011", (D(2011, 6, 9), DAY)),
        ("2010-06-15 (month)", (D(2010, 6, 15), MONTH)),
        ("about 2005-03-15", (D(2005, 3, 15), ABOUT)),
    ],
)
def test_the_parser_reads_dates_as_people_write_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "  ", None])
def test_no_text_is_no_date(text):
    assert parse_date(text) == (None, DAY)


@pytest.mark.parametrize("text", ["31.02.2011", "yesterday", "09/06/2011", "Juin 2010", "0999"])
def test_text_that_is_no_date_is_refused_with_the_forms_to_use(text):
    with pytest.raises(DateError) as error:
        parse_date(text)
    message = str(error.value)
    assert f"“{text}” is not a date we can read." in message
    for example in ("9 June 2011", "09.06.2011", "June 2011", "2011", "about 2011"):
        assert example in message


def test_a_range_where_one_date_is_wanted_says_so():
    with pytest.raises(DateError, match="is a range; this field takes a single date"):
        parse_date("9–11 June 2010")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("9–11 June 2010", (D(2010, 6, 9), DAY), (D(2010, 6, 11), DAY)),
        ("9-11 June 2010", (D(2010, 6, 9), DAY), (D(2010, 6, 11), DAY)),
        ("9 June – 2 July 2010", (D(2010, 6, 9), DAY), (D(2010, 7, 2), DAY)),
        ("9 June 2010 - 2 July 2011", (D(2010, 6, 9), DAY), (D(2011, 7, 2), DAY)),
        ("June–July 2010", (D(2010, 6, 1), MONTH), (D(2010, 7, 1), MONTH)),
        ("June 2010 – March 2011", (D(2010, 6, 1), MONTH), (D(2011, 3, 1), MONTH)),
        ("2010–2012", (D(2010, 1, 1), YEAR), (D(2012, 1, 1), YEAR)),
        ("2010-2012", (D(2010, 1, 1), YEAR), (D(2012, 1, 1), YEAR)),
        ("2010-06-09 – 2010-06-11", (D(2010, 6, 9), DAY), (D(2010, 6, 11), DAY)),
        ("9–11 июня 2010 г.", (D(2010, 6, 9), DAY), (D(2010, 6, 11), DAY)),
        ("about 2005–2007", (D(2005, 1, 1), ABOUT), (D(2007, 1, 1), ABOUT)),
        # A single date is still a date.
        ("June 2010", (D(2010, 6, 1), MONTH), (None, DAY)),
        ("2010-06", (D(2010, 6, 1), MONTH), (None, DAY)),
    ],
)
def test_a_range_fills_both_dates_with_their_precisions(text, start, end):
    assert parse_date_span(text) == (start, end)


@pytest.mark.parametrize("text", ["9–", "–2010", "9–11", "June–2 July", "Juin–Juillet 2010"])
def test_a_range_that_cannot_be_read_shows_the_ranges_to_use(text):
    with pytest.raises(DateError) as error:
        parse_date_span(text)
    assert "9–11 June 2010" in str(error.value)
    assert "2010–2012" in str(error.value)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ((D(2010, 6, 9), DAY), (D(2010, 6, 11), DAY), "9–11 June 2010"),
        ((D(2010, 6, 9), DAY), (D(2010, 7, 2), DAY), "9 June – 2 July 2010"),
        ((D(2010, 6, 9), DAY), (D(2011, 7, 2), DAY), "9 June 2010 – 2 July 2011"),
        ((D(2010, 6, 1), MONTH), (D(2010, 7, 1), MONTH), "June–July 2010"),
        ((D(2010, 6, 1), MONTH), (D(2011, 7, 1), MONTH), "June 2010 – July 2011"),
        ((D(2010, 1, 1), YEAR), (D(2012, 1, 1), YEAR), "2010–2012"),
        ((D(2005, 1, 1), ABOUT), (D(2007, 1, 1), ABOUT), "about 2005–2007"),
        ((D(2010, 6, 1), MONTH), (D(2010, 6, 20), DAY), "June 2010 – 20 June 2010"),
        ((D(2010, 6, 9), DAY), (None, DAY), "9 June 2010"),
        ((D(2010, 6, 1), MONTH), (D(2010, 6, 1), MONTH), "June 2010"),
    ],
)
def test_a_span_is_shown_as_one_range(start, end, expected):
    assert format_precise_span(*start, *end) == expected


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((D(2010, 6, 9), DAY), (D(2010, 6, 11), DAY)),
        ((D(2010, 6, 9), DAY), (D(2011, 7, 2), DAY)),
        ((D(2010, 6, 1), MONTH), (D(2010, 7, 1), MONTH)),
        ((D(2010, 1, 1), YEAR), (D(2012, 1, 1), YEAR)),
        ((D(2005, 1, 1), ABOUT), (D(2007, 1, 1), ABOUT)),
        ((D(2010, 6, 15), MONTH), (D(2010, 7, 1), MONTH)),  # not a first day
        ((D(2010, 6, 1), MONTH), (D(2010, 6, 1), MONTH)),  # reads as one date
        ((D(2010, 6, 9), DAY), (None, DAY)),
    ],
)
def test_the_text_a_form_shows_reads_back_as_the_same_span(start, end):
    span = DateSpan(PreciseDate(*start), PreciseDate(*end))
    assert parse_date_span(display_text(span)) == span


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ((D(2010, 6, 1), MONTH), "June 2010"),
        ((D(2011, 6, 9), DAY), "9 June 2011"),
        ((D(2005, 1, 1), ABOUT), "about 2005"),
        ((D(2010, 6, 15), MONTH), "2010-06-15 (month)"),  # "June 2010" would move it
        ((D(2005, 7, 4), ABOUT), "about 2005-07-04"),
    ],
)
def test_a_form_shows_the_public_reading_unless_it_would_change_the_date(value, shown):
    assert display_text(PreciseDate(*value)) == shown
    assert parse_date(shown) == value
