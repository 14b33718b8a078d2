"""Template access to public fields only: {{ case|public:"title" }}.

Public templates read model fields through these filters, which refuse any field
missing from the model's PUBLIC_FIELDS and hide related rows that are not public.
"""

from django import template

from core.public import public_details, public_value

register = template.Library()


@register.filter(name="public")
def public_field(instance, name: str):
    value = public_value(instance, name)
    return "" if value is None else value


@register.filter(name="public_details")
def public_details_filter(instance):
    return public_details(instance)


@register.filter
def get_item(mapping, key):
    """{{ snippets|get_item:doc.pk }}: a value from a dict the view prepared."""
    return mapping.get(key)
