"""The one reader of dates as people write them, with the precision the writing shows.

Staff forms (core.date_fields), the spreadsheet importer (cases.spreadsheets.values)
and the admin's live preview all read dates here, so "June 2010" means the same thing
everywhere: (2010-06-01, month). A month or a year is stored as its first day.
"""

import calendar
import datetime
import re
from typing import NamedTuple

from django.utils.translation import gettext_lazy as _

from core.models import DatePrecision


class DateError(ValueError):
    """Text that is not a date (or a range) we can read; the message says how to write one."""


class PreciseDate(NamedTuple):
    value: datetime.date | None
    precision: str


class DateSpan(NamedTuple):
    """A start and an optional end ('9–11 June 2010'); a single date has no end."""

    start: PreciseDate
    end: PreciseDate


NO_DATE = PreciseDate(None, DatePrecision.DAY)

DATE_HELP = _(
    "Write the date as you know it: 9 June 2011, 09.06.2011, 2011-06-09, June 2011, "
    "2011-06, июнь 2011, 2011 or about 2011."
)
SPAN_HELP = _(
    "Write the date as you know it (9 June 2011, June 2011, 2011, about 2011), or a range: "
    "9–11 June 2010, 9 June – 2 July 2010, June–July 2010, 2010–2012."
)
NOT_A_DATE = _("“%(text)s” is not a date we can read. %(help)s")
NOT_A_SPAN_HERE = _("“%(text)s” is a range; this field takes a single date. %(help)s")

# Month names, lower case → number: English (full and short), Uzbek in Latin letters (and
# Russian transliterations); stems, whatever the ending (июня, маусымда), in Russian and
# Uzbek Cyrillic and in Kazakh.
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
LATIN_MONTHS = (
    ("yanvar",),
    ("fevral",),
    ("mart",),
    ("aprel",),
    ("may",),
    ("iyun",),
    ("iyul",),
    ("avgust",),
    ("sentabr", "sentyabr"),
    ("oktabr", "oktyabr"),
    ("noyabr",),
    ("dekabr",),
)
for _number, _names in enumerate(LATIN_MONTHS, start=1):
    MONTHS |= dict.fromkeys(_names, _number)
RUSSIAN_STEMS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")
KAZAKH_STEMS = (
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
)

APPROXIMATE = re.compile(
    r"^(about|approximately|approx\.?|around|circa|ca\.?|c\.|~|около|примерно|ок\.)\s*",
    re.IGNORECASE,
)
EXPLICIT_PRECISION = re.compile(r"^(.*\S)\s*\(\s*(day|month|year|approximate)\s*\)$", re.I)
ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
DOTTED_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
DOTTED_MONTH = re.compile(r"^(\d{1,2})\.(\d{4})$")
YEAR = re.compile(r"^(\d{4})$")
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
MONTH_DAY_YEAR = re.compile(r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})$")
MONTH_YEAR = re.compile(r"^([^\W\d_]+)\.?,?\s+(\d{4})$")
# Russian "г.", "года"; Kazakh "ж.", "жыл"; Uzbek "y.", "yil".
YEAR_SUFFIX = re.compile(r"\s*(г\.?|года|год|ж\.?|жылы|жыл|y\.|yil)$", re.IGNORECASE)
# The left side of a range may leave out what its right side says: "9–11 June 2010".
DAY_ONLY = re.compile(r"^(\d{1,2})\.?$")
DAY_MONTH = re.compile(r"^(\d{1,2})\.?\s+([^\W\d_]+)\.?$")
MONTH_ONLY = re.compile(r"^([^\W\d_]+)\.?$")
# Hyphen, en dash, em dash, minus; spaced or not.
SPAN_SEPARATOR = re.compile(r"\s*[-–—−]\s*")


def month_number(name: str) -> int | None:
    """'June', 'июня', 'маусым', 'iyun' → 6; None for a word that is no month."""
    name = name.lower()
    if name in MONTHS:
        return MONTHS[name]
    for number, stem in enumerate(KAZAKH_STEMS, start=1):
        if name.startswith(stem):
            return number
    for number, stem in enumerate(RUSSIAN_STEMS, start=1):
        if name.startswith(stem) and (stem != "ма" or name in {"май", "мая", "мае"}):
            return number
    return None


def _date(year, month, day=1) -> datetime.date | None:
    try:
        value = datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None
    return value if value.year >= 1000 else None


def _plain_date(value: str) -> PreciseDate:
    """A date without 'about': (date or None, precision)."""
    value = YEAR_SUFFIX.sub("", value)
    if match := ISO_DAY.match(value):
        return PreciseDate(_date(*match.groups()), DatePrecision.DAY)
    if match := ISO_MONTH.match(value):
        return PreciseDate(_date(*match.groups()), DatePrecision.MONTH)
    if match := DOTTED_DAY.match(value):
        day, month, year = match.groups()
        return PreciseDate(_date(year, month, day), DatePrecision.DAY)
    if match := DOTTED_MONTH.match(value):
        month, year = match.groups()
        return PreciseDate(_date(year, month), DatePrecision.MONTH)
    if match := YEAR.match(value):
        return PreciseDate(_date(match.group(1), 1), DatePrecision.YEAR)
    if match := DAY_MONTH_YEAR.match(value):
        day, month, year = match.groups()
        return PreciseDate(_date(year, month_number(month), day), DatePrecision.DAY)
    if match := MONTH_DAY_YEAR.match(value):
        month, day, year = match.groups()
        return PreciseDate(_date(year, month_number(month), day), DatePrecision.DAY)
    if match := MONTH_YEAR.match(value):
        month, year = match.groups()
        return PreciseDate(_date(year, month_number(month)), DatePrecision.MONTH)
    return NO_DATE


def _clean(text) -> str:
    # No-break and other odd spaces, as pasted from web pages and word processors.
    return " ".join(str(text or "").split())


def _single(value: str) -> PreciseDate | None:
    """One complete date, or None when the text is not one."""
    explicit = None
    if match := EXPLICIT_PRECISION.match(value):
        value, explicit = match.group(1), match.group(2).lower()
    approximate = APPROXIMATE.match(value)
    date, precision = _plain_date(value[approximate.end() :] if approximate else value)
    if date is None:
        return None
    if approximate:
        precision = DatePrecision.APPROXIMATE
    return PreciseDate(date, explicit or precision)


def _not_a_date(text: str, help_text=DATE_HELP) -> DateError:
    return DateError(NOT_A_DATE % {"text": text, "help": help_text})


def parse_date(text) -> PreciseDate:
    """'June 2010' → (2010-06-01, 'month'); (None, 'day') when empty. Raises DateError."""
    value = _clean(text)
    if not value:
        return NO_DATE
    parsed = _single(value)
    if parsed is None:
        if _span(value) is not None:
            raise DateError(NOT_A_SPAN_HERE % {"text": value, "help": DATE_HELP})
        raise _not_a_date(value)
    return parsed


def _left_side(left: str, end: PreciseDate) -> PreciseDate | None:
    """The start of a range, completed from its end: '9' of '9–11 June 2010'."""
    if (parsed := _single(left)) is not None:
        return parsed
    date = end.value
    if end.precision == DatePrecision.DAY and (match := DAY_ONLY.match(left)):
        return PreciseDate(_date(date.year, date.month, match.group(1)), DatePrecision.DAY)
    if end.precision == DatePrecision.DAY and (match := DAY_MONTH.match(left)):
        day, month = match.groups()
        return PreciseDate(_date(date.year, month_number(month), day), DatePrecision.DAY)
    if end.precision == DatePrecision.MONTH and (match := MONTH_ONLY.match(left)):
        return PreciseDate(_date(date.year, month_number(match.group(1))), DatePrecision.MONTH)
    return None


def _span(value: str) -> DateSpan | None:
    """A range read at any dash where both sides are dates ('2010-06-09 – 2010-06-11' has
    several dashes, only one of which separates), or None."""
    for separator in SPAN_SEPARATOR.finditer(value):
        left, right = value[: separator.start()], value[separator.end() :]
        if not left or not right or (end := _single(right)) is None:
            continue
        start = _left_side(left, end)
        if start is None or start.value is None:
            continue
        # "about 2005–2007": the "about" holds for both years.
        approximate = APPROXIMATE.match(left) and not APPROXIMATE.match(right)
        if approximate and end.precision == DatePrecision.YEAR:
            end = PreciseDate(end.value, DatePrecision.APPROXIMATE)
        return DateSpan(start, end)
    return None


def parse_date_span(text) -> DateSpan:
    """'9–11 June 2010' → ((2010-06-09, day), (2010-06-11, day)); a single date has an
    empty end; both empty when the text is. Raises DateError."""
    value = _clean(text)
    if not value:
        return DateSpan(NO_DATE, NO_DATE)
    if (single := _single(value)) is not None:
        return DateSpan(single, NO_DATE)
    span = _span(value)
    if span is None:
        raise _not_a_date(value, SPAN_HELP)
    # An end before the start is read as written: the model's rule says what is wrong.
    return span


def format_date(value: datetime.date | None, precision: str) -> str:
    """The shortest text that parse_date reads back as the same date and precision."""
    if value is None:
        return ""
    if precision == DatePrecision.APPROXIMATE:
        return f"about {value.year}" if value.timetuple().tm_yday == 1 else f"about {value}"
    if precision == DatePrecision.MONTH:
        return f"{value:%Y-%m}" if value.day == 1 else f"{value} (month)"
    if precision == DatePrecision.YEAR:
        return str(value.year) if value.timetuple().tm_yday == 1 else f"{value} (year)"
    return value.isoformat()
