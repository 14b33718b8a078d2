import datetime

import pytest

from core.models import DatePrecision, format_precise_date


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
