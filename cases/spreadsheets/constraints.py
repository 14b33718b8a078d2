"""The models' check constraints evaluated in Python, so validating a row costs no query.

Django's CheckConstraint.validate() asks the database, one query per row and constraint;
for the simple conditions our models use (comparisons, isnull, in, F() of another field)
the answer can be computed from the row itself, with SQL's rule that an unknown (NULL)
result passes. Any other condition falls back to Django's own validate(). The database
checks every constraint again when the rows are written.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import CheckConstraint, F, Q, UniqueConstraint

OPERATORS = {
    "gt": lambda a, b: a > b,
    "gte": lambda a, b: a >= b,
    "lt": lambda a, b: a < b,
    "lte": lambda a, b: a <= b,
}


class Unsupported(Exception):
    pass


def _value(instance, name: str):
    field = instance._meta.get_field(name)
    if not field.concrete or field.many_to_many:
        raise Unsupported(name)
    return field.get_prep_value(getattr(instance, field.attname))


def _lookup(instance, lookup: str, value) -> bool | None:
    name, _, operator = lookup.partition("__")
    operator = operator or "exact"
    left = _value(instance, name)
    if isinstance(value, F):
        value = _value(instance, value.name)
    elif hasattr(value, "resolve_expression"):
        raise Unsupported(lookup)
    if operator == "isnull":
        return (left is None) == bool(value)
    if operator == "exact" and value is None:
        return left is None
    if left is None or value is None:
        return None
    if operator == "exact":
        return left == value
    if operator == "in":
        return left in value
    if operator in OPERATORS:
        return OPERATORS[operator](left, value)
    raise Unsupported(lookup)


def evaluate(condition: Q, instance) -> bool | None:
    """SQL's three-valued truth of a Q on one unsaved row: True, False or None (unknown)."""
    results = [
        evaluate(child, instance) if isinstance(child, Q) else _lookup(instance, *child)
        for child in condition.children
    ]
    if condition.connector == Q.AND:
        result = False if False in results else None if None in results else True
    else:
        result = True if True in results else None if None in results else False
    if condition.negated and result is not None:
        result = not result
    return result


def _fields(constraint: CheckConstraint) -> set[str]:
    return set(Q(constraint.condition).referenced_base_fields)


def check_constraints(instance, exclude: set[str]) -> ValidationError | None:
    """The errors full_clean()'s validate_constraints() would raise, unique ones aside.

    Unique constraints are checked for a whole batch at once (see importer.py).
    """
    errors: dict[str, list] = {}
    for model, constraints in instance.get_constraints():
        for constraint in constraints:
            if isinstance(constraint, UniqueConstraint):
                continue
            try:
                if not isinstance(constraint, CheckConstraint):
                    raise Unsupported(constraint.name)
                if _fields(constraint) & exclude:
                    continue
                if evaluate(Q(constraint.condition), instance) is False:
                    raise ValidationError(
                        constraint.get_violation_error_message(),
                        code=constraint.violation_error_code,
                    )
            except Unsupported:
                try:
                    constraint.validate(model, instance, exclude=exclude)
                except ValidationError as error:
                    errors.setdefault(NON_FIELD_ERRORS, []).append(error)
            except ValidationError as error:
                errors.setdefault(NON_FIELD_ERRORS, []).append(error)
    return ValidationError(errors) if errors else None
