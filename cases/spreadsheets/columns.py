"""Columns of the import format: the model field each fills, how it reads and writes a cell.

A column parses its cell (values.py), resolves references through the Resolver, assigns
the value to a model instance, gives its part of a row's key, and writes the cell back on
export. Formatting a value and parsing it back gives the same value: export → import
changes nothing.
"""

from django.db.models import Q

from cases.spreadsheets import values as v
from cases.spreadsheets.refs import CONFIDENTIAL, Resolver
from core.confidential import confidential_fields, without_confidential


def _lines(value) -> str:
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


class Column:
    """A plain text column."""

    many_to_many = False
    # A non-empty parsed value is one of the field's own choices (see Importer._validate).
    checks_choices = False

    def __init__(self, name: str, field: str | None = None, *, required: bool = False):
        self.name = name
        self.field_name = field or name
        self.required = required

    def bind(self, model) -> None:
        self.model = model
        self.field = model._meta.get_field(self.field_name)

    @property
    def model_fields(self) -> set[str]:
        return {self.field_name}

    @property
    def confidential(self) -> bool:
        return bool(self.model_fields & confidential_fields(self.model))

    def parse(self, cell):
        return v.text(cell)

    def load(self, resolver: Resolver, values: list) -> None:
        """Fetch, for a batch, the rows the values refer to."""

    def resolve(self, value, resolver: Resolver):
        return value

    def prepare(self, instances: list, resolver: Resolver) -> None:
        """Fetch, for a batch of existing rows, what assign() needs to know about them."""

    def assign(self, instance, value, resolver: Resolver, existing: bool) -> None:
        current = getattr(instance, self.field.attname)
        # Text typed in the admin has Windows line ends, which XLSX files turn into "\n".
        crlf = existing and isinstance(current, str) and "\r" in current
        if crlf and _lines(current) == _lines(value):
            return
        setattr(instance, self.field.attname, value)

    def key(self, value):
        return value

    def key_of(self, instance):
        return getattr(instance, self.field.attname)

    def key_filter(self, parts: set) -> Q:
        attname = self.field.attname
        known = {part for part in parts if part is not None}
        condition = Q(**{f"{attname}__in": known})
        return condition | Q(**{f"{attname}__isnull": True}) if None in parts else condition

    def export(self, instance, reveal: bool):
        value = getattr(instance, self.field.attname)
        return "" if value is None else value

    def display(self, instance, reveal: bool) -> str:
        return str(self.export(instance, reveal))


class IntegerColumn(Column):
    def parse(self, cell):
        return v.parse_integer(cell)


class ChoiceColumn(Column):
    """Accepts the stored value or the label, in any case; empty means the default."""

    checks_choices = True

    def bind(self, model) -> None:
        super().bind(model)
        self.lookup = v.choice_lookup(self.field.choices)

    def parse(self, cell):
        return v.parse_choice(cell, self.lookup, str(self.field.verbose_name))

    def effective(self, value):
        if value == "" and not self.field.blank and self.field.has_default():
            return self.field.get_default()
        return value

    def assign(self, instance, value, resolver, existing) -> None:
        setattr(instance, self.field.attname, self.effective(value))

    def key(self, value):
        return self.effective(value)


class WorkflowColumn(ChoiceColumn):
    """A state that only its workflow changes (a case's publication state): exported, and
    accepted on import only when empty or unchanged (a new row takes the default)."""

    def assign(self, instance, value, resolver, existing) -> None:
        current = getattr(instance, self.field.attname)
        if value and value != current:
            label = self.field.verbose_name
            raise v.CellError(
                f"the {label} changes only through its workflow on the admin page, not by "
                f"import; leave this cell empty or as it is ('{current}')"
            )


class CountryColumn(Column):
    checks_choices = True

    def parse(self, cell):
        return v.parse_country(cell)

    def key_of(self, instance):
        return str(getattr(instance, self.field.attname) or "")

    def export(self, instance, reveal):
        return str(getattr(instance, self.field.attname) or "")


class DateColumn(Column):
    """A date and its precision in one cell: '9 June 2011', 'June 2011', 'about 2005'."""

    def bind(self, model) -> None:
        super().bind(model)
        self.precision_field = model._meta.get_field(f"{self.field_name}_precision")

    @property
    def model_fields(self) -> set[str]:
        return {self.field_name, self.precision_field.name}

    def parse(self, cell):
        return v.parse_date(cell)

    def assign(self, instance, value, resolver, existing) -> None:
        date, precision = value
        setattr(instance, self.field.attname, date)
        # The precision of a missing date means nothing: keep what is there.
        if date is not None or not existing:
            setattr(instance, self.precision_field.attname, precision)

    def key(self, value):
        return value[0]

    def export(self, instance, reveal):
        return v.format_date(
            getattr(instance, self.field.attname), getattr(instance, self.precision_field.attname)
        )


class TagsColumn(Column):
    def parse(self, cell):
        return v.split_list(cell)

    def export(self, instance, reveal):
        return v.join_list(getattr(instance, self.field.attname) or [])


class RefColumn(Column):
    """A foreign key written as the slug of the row it points to."""

    def __init__(self, name, field=None, *, lookup: str = "slug", required=False):
        super().__init__(name, field, required=required)
        self.lookup = lookup

    def bind(self, model) -> None:
        super().bind(model)
        self.target = self.field.related_model

    def load(self, resolver, values) -> None:
        resolver.load(self.target, self.lookup, values)

    def resolve(self, value, resolver):
        return resolver.get(self.target, self.lookup, value) if value else None

    def prepare(self, instances, resolver) -> None:
        resolver.hidden(self.target, [getattr(i, self.field.attname) for i in instances])

    def assign(self, instance, value, resolver, existing) -> None:
        current = getattr(instance, self.field.attname)
        # An empty cell where the export left out a confidential link keeps the link.
        if value is None and existing and resolver.hidden(self.target, [current]):
            return
        setattr(instance, self.field.attname, value)

    def export(self, instance, reveal):
        related = getattr(instance, self.field_name)
        if related is None or (not reveal and getattr(related, "visibility", "") == CONFIDENTIAL):
            return ""
        return getattr(related, self.lookup)


class RefListColumn(Column):
    """A many-to-many link written as slugs separated by ';' or '|'."""

    many_to_many = True

    def __init__(self, name, field=None, *, lookup: str = "slug"):
        super().__init__(name, field)
        self.lookup = lookup

    def bind(self, model) -> None:
        super().bind(model)
        self.target = self.field.related_model

    def parse(self, cell):
        return v.split_list(cell)

    def load(self, resolver, values) -> None:
        resolver.load(self.target, self.lookup, {item for items in values for item in items})

    def _get(self, resolver, item):
        return resolver.get(self.target, self.lookup, item)

    def resolve(self, value, resolver):
        pks, errors = [], []
        for item in value:
            try:
                pks.append(self._get(resolver, item))
            except v.CellError as error:
                errors.append(str(error))
        if errors:
            raise v.CellError("; ".join(errors))
        return pks

    def item(self, related) -> str:
        return getattr(related, self.lookup)

    def export(self, instance, reveal):
        # Prefetched through prefetch_queryset(), which leaves out what the user may not see.
        return v.join_list(self.item(r) for r in getattr(instance, self.field_name).all())

    def prefetch_queryset(self, reveal: bool):
        queryset = self.target.objects.order_by("pk")
        return queryset if reveal else without_confidential(queryset)


class SourceListColumn(RefListColumn):
    """Sources written by URL, or by title when they have none."""

    def load(self, resolver, values) -> None:
        resolver.load_sources({item for items in values for item in items})

    def _get(self, resolver, item):
        return resolver.get_source(item)

    def item(self, related) -> str:
        return related.url or related.title
