"""Keyset cursor pagination over any queryset's own ordering, nulls and all.

DRF's CursorPagination positions a cursor on the first ordering field only, which
cannot follow the search's orderings (relevance, then activity with nulls last, then
pk). Here the cursor holds the values of every ordering key of the page's edge row, and
the next page is "rows after that tuple" in the queryset's exact order. The ordering
always ends with a unique key (pk, or a slug), so the position is unique and pages
neither repeat nor skip rows when rows are added or removed meanwhile. Cursors are
signed: a forged or stale one is answered like a page that does not exist.
"""

import datetime
import hashlib
import math

from django.core import signing
from django.db import models
from django.db.models import F, FloatField, OrderBy, Q
from django.db.models.functions import Cast
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

SALT = "cases.api.cursor"


class Key:
    """One ordering key: its annotation name, direction and where NULLs sort."""

    def __init__(self, name: str, expression, descending: bool, nulls_first: bool):
        self.name, self.expression = name, expression
        self.descending, self.nulls_first = descending, nulls_first
        self.field = None  # the key's output field, once resolved against the queryset

    def describe(self) -> tuple:
        return (repr(self.expression), self.descending, self.nulls_first)

    def order(self, reverse: bool) -> OrderBy:
        descending, nulls_first = self.descending != reverse, self.nulls_first != reverse
        return OrderBy(
            F(self.name),
            descending=descending,
            nulls_first=True if nulls_first else None,
            nulls_last=None if nulls_first else True,
        )

    def after(self, value, reverse: bool) -> tuple[Q | None, Q]:
        """(rows strictly after `value`, rows equal to it) in this key's direction."""
        descending, nulls_first = self.descending != reverse, self.nulls_first != reverse
        if value is None:
            after = Q(**{f"{self.name}__isnull": False}) if nulls_first else None
            return after, Q(**{f"{self.name}__isnull": True})
        after = Q(**{f"{self.name}__{'lt' if descending else 'gt'}": value})
        if not nulls_first:
            after |= Q(**{f"{self.name}__isnull": True})
        return after, Q(**{self.name: value})

    def at_or_after(self, value, reverse: bool) -> Q | None:
        """A bound implied by "after `value`" on this key alone, as a plain comparison.

        Redundant with _after()'s OR of tuples, but an index can start from it: without
        it PostgreSQL walks the index from its first row and filters, so a deep page
        reads every row before it. After a value with NULLs last, the NULL rows are left
        out here and read afterwards (null_tail). None when nothing bounds this key (a
        NULL position with NULLs first: every non-NULL row follows)."""
        descending, nulls_first = self.descending != reverse, self.nulls_first != reverse
        if value is None:
            return None if nulls_first else Q(**{f"{self.name}__isnull": True})
        return Q(**{f"{self.name}__{'lte' if descending else 'gte'}": value})

    def null_tail(self, value, reverse: bool) -> Q | None:
        """The NULL rows that at_or_after() left out: all of them follow a non-NULL
        position when NULLs come last."""
        nulls_first = self.nulls_first != reverse
        if value is None or nulls_first:
            return None
        return Q(**{f"{self.name}__isnull": True})


def ordering_keys(queryset, tiebreaker: str = "pk") -> list[Key]:
    """The queryset's ORDER BY as keys (PostgreSQL's NULL placement made explicit).

    A final pk gives way to `tiebreaker`, another unique key (a public slug, so that
    cursors carry no internal id); without either, the tiebreaker is appended.
    """
    items = list(queryset.query.order_by)
    if items and items[-1] in ("pk", queryset.model._meta.pk.name, tiebreaker):
        items.pop()
    items.append(tiebreaker)
    keys = []
    for number, item in enumerate(items):
        if isinstance(item, str):
            descending = item.startswith("-")
            expression, nulls_first = F(item.lstrip("-")), descending
        else:
            expression, descending = item.expression, item.descending
            nulls_first = item.nulls_first or (descending and not item.nulls_last)
        keys.append(Key(f"_cursor_key{number}", expression, descending, bool(nulls_first)))
    return keys


def _encode(value):
    if isinstance(value, datetime.datetime):
        return ["t", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    return ["v", value]


def _decode(pair):
    kind, value = pair
    if kind == "t":
        return datetime.datetime.fromisoformat(value)
    if kind == "d":
        return datetime.date.fromisoformat(value)
    return value


BIGINT = range(-(2**63), 2**63)


def fits(value, field) -> bool:
    """Whether a decoded cursor value can be compared with its key's column.

    A cursor is signed, but signed with a key that may be the development default: a
    value of another type (a list, a string for a date, a NUL byte) would otherwise reach
    PostgreSQL and fail there. NULL fits every key (it is a position too)."""
    if value is None:
        return True
    if isinstance(field, models.DateTimeField):
        return isinstance(value, datetime.datetime) and value.tzinfo is not None
    if isinstance(field, models.DateField):
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if isinstance(value, bool):
        return False  # a bool is an int to Python, never a key value here
    if isinstance(field, models.FloatField):
        return isinstance(value, int | float) and math.isfinite(value)
    if isinstance(field, models.IntegerField):
        return isinstance(value, int) and value in BIGINT
    if isinstance(field, models.CharField | models.TextField):
        return isinstance(value, str) and "\x00" not in value
    return False  # a key of another type: refuse rather than guess


class KeysetCursorPagination(CursorPagination):
    """`?cursor=` from a response's next/previous links; `?page_size=` from 1 to 100."""

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    invalid_cursor_message = _("Invalid cursor: follow the next or previous link of a response.")

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = gettext("Enter a whole number from 1 to %(max)d.")
            message %= {"max": self.max_page_size}
            raise ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def paginate_queryset(self, queryset, request, view=None):
        self.request, self.base_url = request, request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        keys = ordering_keys(queryset, getattr(view, "cursor_tiebreaker", "pk"))
        probe = queryset.annotate(**{key.name: key.expression for key in keys}).query.annotations
        for key in keys:
            key.field = probe[key.name]._output_field_or_none
            # Floats (relevance is a `real`) round-trip exactly only as double precision.
            if isinstance(key.field, FloatField):
                key.expression = Cast(key.expression, FloatField())
        queryset = queryset.annotate(**{key.name: key.expression for key in keys})
        self.keys = keys
        self.fingerprint = hashlib.sha256(
            repr([queryset.model._meta.label, *(key.describe() for key in keys)]).encode()
        ).hexdigest()[:16]

        reverse, position = self._read_cursor(request)
        order = [key.order(reverse) for key in keys]
        wanted = self.page_size + 1
        if position is None:
            rows = list(queryset.order_by(*order)[:wanted])
        else:
            rows = list(queryset.filter(self._after(position, reverse)).order_by(*order)[:wanted])
            tail = keys[0].null_tail(position[0], reverse)
            if tail is not None and len(rows) < wanted:
                # A second index range, read only when the first ran out before a page.
                rows += list(queryset.filter(tail).order_by(*order)[: wanted - len(rows)])
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if reverse:
            rows.reverse()
        self.has_next = more if not reverse else position is not None
        self.has_previous = more if reverse else position is not None
        self.first, self.last = (rows[0], rows[-1]) if rows else (None, None)
        if not rows and position is not None:
            # Past the end (rows removed meanwhile): the way back starts from the cursor.
            self.has_next, self.has_previous = False, True
            self.empty_position = position
        return rows

    def _after(self, position, reverse) -> Q:
        condition, equal_so_far = Q(pk__in=[]), Q()
        for key, value in zip(self.keys, position, strict=True):
            after, equal = key.after(value, reverse)
            if after is not None:
                condition |= equal_so_far & after
            equal_so_far &= equal
        bound = self.keys[0].at_or_after(position[0], reverse)
        return condition if bound is None else bound & condition

    def _read_cursor(self, request):
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return False, None
        try:
            data = signing.loads(raw, salt=SALT)
            if data["o"] != self.fingerprint or len(data["k"]) != len(self.keys):
                raise ValueError("cursor of another listing")
            position = [_decode(pair) for pair in data["k"]]
            if not all(fits(v, key.field) for v, key in zip(position, self.keys, strict=True)):
                raise ValueError("cursor values of the wrong type")
            return bool(data["r"]), position
        except (signing.BadSignature, ValueError, KeyError, TypeError):
            raise NotFound(self.invalid_cursor_message) from None

    def _cursor_url(self, row, reverse: bool, position=None) -> str:
        values = position if row is None else [getattr(row, key.name) for key in self.keys]
        token = signing.dumps(
            {"o": self.fingerprint, "r": reverse, "k": [_encode(v) for v in values]},
            salt=SALT,
            compress=True,
        )
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def get_next_link(self):
        if not self.has_next:
            return None
        return self._cursor_url(self.last, reverse=False)

    def get_previous_link(self):
        if not self.has_previous:
            return None
        if self.first is None:
            return self._cursor_url(None, reverse=True, position=self.empty_position)
        return self._cursor_url(self.first, reverse=True)

    def get_paginated_response(self, data):
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def first_page_url(self) -> str:
        return remove_query_param(self.base_url, self.cursor_query_param)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position from a response's `next` or `previous` link.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Results per page (default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]


class PositionCursorPagination(KeysetCursorPagination):
    """Pages of an order no index follows (relevance), by position: the cursor holds a
    signed offset, so the API pages exactly as the search page does (cases/search/
    ranking.py). A row added meanwhile may shift later pages by one, as it would there;
    pages stop after `stop` rows."""

    def paginate_positions(self, request, read, *, fingerprint: str, stop: int):
        """A page of `read(offset, limit)`, the listing's rows from a position."""
        self.request, self.base_url = request, request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.fingerprint = fingerprint
        self.offset = self._read_offset(request, stop)
        limit = min(self.page_size, stop - self.offset)
        rows = read(self.offset, limit + 1)
        self.has_next = len(rows) > limit
        self.has_previous = self.offset > 0
        return rows[:limit]

    def _read_offset(self, request, stop: int) -> int:
        raw = request.query_params.get(self.cursor_query_param)
        if raw is None:
            return 0
        try:
            data = signing.loads(raw, salt=SALT)
            offset = data["p"]
            if data["o"] != self.fingerprint or type(offset) is not int or not 0 < offset < stop:
                raise ValueError("cursor of another listing, or out of range")
            return offset
        except (signing.BadSignature, ValueError, KeyError, TypeError):
            raise NotFound(self.invalid_cursor_message) from None

    def _offset_url(self, offset: int) -> str:
        if offset == 0:
            return self.first_page_url()
        token = signing.dumps({"o": self.fingerprint, "p": offset}, salt=SALT, compress=True)
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def get_next_link(self):
        return self._offset_url(self.offset + self.page_size) if self.has_next else None

    def get_previous_link(self):
        if not self.has_previous:
            return None
        return self._offset_url(max(0, self.offset - self.page_size))
