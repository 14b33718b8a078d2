"""{% hide_link row may_change %}: a row's "Take off the public site" on the case page."""

from django import template

from cases.admin.hiding import hide_link_html

register = template.Library()


@register.simple_tag(takes_context=True)
def hide_link(context, row, may_change=True):
    """The link of a saved public row of a published case, back to this page once done."""
    request = context.get("request")
    if not may_change or request is None:
        return ""
    return hide_link_html(row, request.get_full_path())
