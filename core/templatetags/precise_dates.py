from django import template

from core.models import format_precise_date

register = template.Library()


@register.simple_tag
def precise_date(value, precision):
    """{% precise_date entry.date entry.precision %} → 'June 2010'."""
    return format_precise_date(value, precision)
