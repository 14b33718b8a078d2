"""Reading and writing single cell values: dates with precision, choices, countries, lists.

Parsers take a cell as the file gives it (text, or a number or date from a spreadsheet)
and return a Python value or raise CellError with a message a non-programmer understands.
Formatters are their inverse: formatting a value and parsing it back gives the same value.
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from django_countries import countries

from core.models import DatePrecision

# A CSV cell starting with one of these runs as a formula when a spreadsheet opens the
# file; export puts an apostrophe in front (formats.formula_safe) and import takes it off.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

EMPTY_MARKERS = {"", "na", "n/a", "-", "—", "–", "#n/a"}
LIST_SEPARATORS = re.compile(r"[;|]")
DATE_EXAMPLES = "2011-06-09, 09.06.2011, 9 June 2011, June 2011, 2011 or about 2011"


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to staff as it is."""


@dataclass(frozen=True)
class DateCell:
    """A date a spreadsheet stored as a date, with the precision its display format shows."""

    value: datetime.date
    precision: str = DatePrecision.DAY


def text(cell) -> str:
    """A cell as clean text: numbers without '.0', stray spaces removed, empty markers → ''."""
    if cell is None:
        return ""
    if isinstance(cell, DateCell):
        return cell.value.isoformat()
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    # PostgreSQL text cannot hold NUL characters.
    value = str(cell).replace("\x00", "").strip()
    if value[:1] == "'" and value[1:2] in FORMULA_START:
        value = value[1:]  # written by formula_safe() on export
    return "" if value.lower() in EMPTY_MARKERS else value


def normal_name(name: str) -> str:
    """A header or kind name as typed → its canonical form: 'Display name' → 'display_name'."""
    return re.sub(r"[\s.\-]+", "_", str(name).strip().lower())


def split_list(cell) -> list[str]:
    """'a; b | c' → ['a', 'b', 'c'], without empty items or duplicates, order kept."""
    items = [item.strip() for item in LIST_SEPARATORS.split(text(cell))]
    return list(dict.fromkeys(item for item in items if item.lower() not in EMPTY_MARKERS))


def join_list(items) -> str:
    return "; ".join(str(item) for item in items)


# Month names in English (full and short) and Russian (stems), lower case → number.
MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
RUSSIAN_MONTHS = ("янв", "фев", "мар", "апр", "ма", "июн", "июл", "авг", "сен", "окт", "ноя", "дек")

APPROXIMATE = re.compile(
    r"^(about|approximately|approx\.?|around|circa|ca\.?|c\.|~|около)\s*", re.IGNORECASE
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
YEAR_SUFFIX = re.compile(r"\s*(г\.|года|год)$")


def _month(name: str) -> int | None:
    name = name.lower()
    if name in MONTHS:
        return MONTHS[name]
    for number, stem in enumerate(RUSSIAN_MONTHS, start=1):
        if name.startswith(stem) and (stem != "ма" or name in {"май", "мая", "мае"}):
            return number
    return None


def _date(year, month, day=1) -> datetime.date | None:
    try:
        return datetime.date(int(year), int(month), int(day))
    except (TypeError, ValueError):
        return None


def _plain_date(value: str) -> tuple[datetime.date | None, str]:
    """A date without 'about': (date or None, precision)."""
    value = YEAR_SUFFIX.sub("", value)
    if match := ISO_DAY.match(value):
        return _date(*match.groups()), DatePrecision.DAY
    if match := ISO_MONTH.match(value):
        return _date(*match.groups()), DatePrecision.MONTH
    if match := DOTTED_DAY.match(value):
        day, month, year = match.groups()
        return _date(year, month, day), DatePrecision.DAY
    if match := DOTTED_MONTH.match(value):
        month, year = match.groups()
        return _date(year, month), DatePrecision.MONTH
    if match := YEAR.match(value):
        return _date(match.group(1), 1), DatePrecision.YEAR
    if match := DAY_MONTH_YEAR.match(value):
        day, month, year = match.groups()
        return _date(year, _month(month), day), DatePrecision.DAY
    if match := MONTH_DAY_YEAR.match(value):
        month, day, year = match.groups()
        return _date(year, _month(month), day), DatePrecision.DAY
    if match := MONTH_YEAR.match(value):
        month, year = match.groups()
        return _date(year, _month(month)), DatePrecision.MONTH
    return None, DatePrecision.DAY


def parse_date(cell) -> tuple[datetime.date | None, str]:
    """A cell → (date, precision); (None, day) when empty. Raises CellError."""
    if isinstance(cell, DateCell):
        return cell.value, cell.precision
    if isinstance(cell, datetime.datetime):
        return cell.date(), DatePrecision.DAY
    if isinstance(cell, datetime.date):
        return cell, DatePrecision.DAY
    value = text(cell)
    if not value:
        return None, DatePrecision.DAY
    explicit = None
    if match := EXPLICIT_PRECISION.match(value):
        value, explicit = match.group(1), match.group(2).lower()
    approximate = APPROXIMATE.match(value)
    date, precision = _plain_date(value[approximate.end() :] if approximate else value)
    if date is None or date.year < 1000:
        raise CellError(f"'{text(cell)}' is not a date; write it like {DATE_EXAMPLES}")
    if approximate:
        precision = DatePrecision.APPROXIMATE
    return date, explicit or precision


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


def choice_lookup(choices) -> dict[str, str]:
    """Stored value and human label, lower case → stored value."""
    lookup = {}
    for value, label in choices:
        lookup.setdefault(str(label).strip().lower(), value)
        lookup[str(value).lower()] = value
    return lookup


def parse_choice(cell, lookup: dict[str, str], what: str) -> str:
    value = text(cell)
    if not value:
        return ""
    try:
        return lookup[value.lower()]
    except KeyError:
        known = ", ".join(dict.fromkeys(v for v in lookup.values() if v))
        raise CellError(f"'{value}' is not a known {what}; write one of: {known}") from None


@functools.lru_cache(maxsize=1024)
def _country_code(value: str) -> str:
    # by_name() scans every country: cached, as a file repeats the same few countries.
    code = countries.alpha2(value) if len(value) in (2, 3) else ""
    return code or countries.by_name(value)


def parse_country(cell) -> str:
    """'KZ', 'kaz' or 'Kazakhstan' → 'KZ'; '' when empty."""
    value = text(cell)
    if not value:
        return ""
    code = _country_code(value)
    if not code:
        raise CellError(
            f"'{value}' is not a country we know; write its two-letter code (KZ) "
            "or its English name (Kazakhstan)"
        )
    return code


def parse_integer(cell) -> int | None:
    value = text(cell)
    if not value:
        return None
    try:
        return int(value.replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        raise CellError(f"'{value}' is not a whole number; write it in digits, like 29") from None
