"""Small helpers the demo data is written with: references between rows and precise dates."""

import datetime
from dataclasses import dataclass

from core.models import DatePrecision


@dataclass(frozen=True)
class Ref:
    """A row declared elsewhere in the demo data, resolved by the loader once it exists."""

    kind: str
    key: str


def org(slug: str) -> Ref:
    return Ref("organization", slug)


def person(slug: str) -> Ref:
    return Ref("person", slug)


def source(key: str) -> Ref:
    return Ref("source", key)


def record(key: str) -> Ref:
    return Ref("record", key)


def people(*slugs: str) -> list[Ref]:
    return [person(slug) for slug in slugs]


def sources(*keys: str) -> list[Ref]:
    return [source(key) for key in keys]


def when(
    field: str, year: int, month: int | None = None, day: int | None = None, *, about=False
) -> dict:
    """{field: date, field_precision: …}; a month or year is stored as its first day."""
    if about:
        precision = DatePrecision.APPROXIMATE
    elif day is not None:
        precision = DatePrecision.DAY
    elif month is not None:
        precision = DatePrecision.MONTH
    else:
        precision = DatePrecision.YEAR
    value = datetime.date(year, month or 1, day or 1)
    return {field: value, f"{field}_precision": precision}
