"""Reading and writing single cell values: dates with precision, choices, countries, lists.

Parsers take a cell as the file gives it (text, or a number or date from a spreadsheet)
and return a Python value or raise CellError with a message a non-programmer understands.
Formatters are their inverse: formatting a value and parsing it back gives the same value.
"""

import datetime
import functools
import re
from dataclasses import dataclass

from django_countries import countries

from core import dates
from core.dates import format_date as format_date  # the importer's round trip
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


def parse_date(cell) -> tuple[datetime.date | None, str]:
    """A cell → (date, precision); (None, day) when empty. Raises CellError.

    Text is read by core.dates, the parser the staff forms use too; a spreadsheet's own
    date cells keep the precision their display format shows.
    """
    if isinstance(cell, DateCell):
        return cell.value, cell.precision
    if isinstance(cell, datetime.datetime):
        return cell.date(), DatePrecision.DAY
    if isinstance(cell, datetime.date):
        return cell, DatePrecision.DAY
    value = text(cell)
    try:
        return dates.parse_date(value)
    except dates.DateError:
        raise CellError(f"'{value}' is not a date; write it like {DATE_EXAMPLES}") from None


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
