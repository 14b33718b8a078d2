"""Admin autocomplete ("pickers") that a model admin can rank and label.

Django's autocomplete lists `get_search_results()` in the admin's order and labels each
option with str(): among hundreds of namesakes the right person is far down, and two
rows with one name look the same. A model admin may define

- `autocomplete_results(request, queryset, term)`: the matches, ranked;
- `autocomplete_label(request, obj)`: an option's label (data annotated by the ranking,
  so that a page of options takes a fixed number of queries).

The pickers' script (static/staff/pickers.js) sends the case the page is about as the
`case` parameter: picker_case_id() reads it.
"""

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.forms import Media

# Loaded with every autocomplete widget of the staff admin (core.admin), after the
# admin's jQuery (django.jQuery) that it hooks into.
PICKER_MEDIA = Media(
    js=["admin/js/jquery.init.js", "staff/pickers.js"], css={"all": ["staff/pickers.css"]}
)


def picker_case_id(request) -> int | None:
    """The id of the case the picker's page is about, or None (a forged value too)."""
    value = request.GET.get("case", "")
    return int(value) if value.isdigit() and len(value) <= 18 else None


class RankedAutocompleteJsonView(AutocompleteJsonView):
    def get_queryset(self):
        rank = getattr(self.model_admin, "autocomplete_results", None)
        if rank is None:
            return super().get_queryset()
        queryset = self.model_admin.get_queryset(self.request)
        queryset = queryset.complex_filter(self.source_field.get_limit_choices_to())
        return rank(self.request, queryset, self.term)

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "autocomplete_label", None)
        if label is not None:
            result["text"] = label(self.request, obj)
        return result
