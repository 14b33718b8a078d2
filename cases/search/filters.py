"""The search's form and its FilterSet: what the search page, the feeds, the exports and
the API accept, and what the API schema describes.

The fields are those of the text query, the facets (cases/search/facets.py), the dates
and the sort. Filtering itself is the search request's (cases/search/request.py), made
once from the validated form, so the FilterSet holds no state of its own.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import CaseSearch
from cases.search.facets import FACETS
from cases.search.ranking import SORT_CHOICES


class DateInput(forms.DateInput):
    input_type = "date"


class CaseSearchFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        help_text=_('Names in any script or spelling; "a phrase", -exclude, this or that.'),
    )
    date_from = django_filters.DateFilter(label=_("Events from"), widget=DateInput)
    date_to = django_filters.DateFilter(label=_("Events until"), widget=DateInput)
    sort = django_filters.ChoiceFilter(choices=SORT_CHOICES, label=_("Sort by"), empty_label=None)

    class Meta:
        model = CaseSearch
        fields = []

    @classmethod
    def get_filters(cls):
        declared = super().get_filters()
        # The text first, then the facets in their order, then dates and sort.
        filters = {"q": declared.pop("q")}
        filters.update({facet.param: facet.filter() for facet in FACETS})
        filters.update(declared)
        return filters

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if queryset is None:
            queryset = CaseSearch.objects.public()
        super().__init__(data, queryset, request=request, prefix=prefix)

    def filter_queryset(self, queryset):
        from cases.search.request import SearchRequest

        return SearchRequest.from_form(self.form).documents(queryset)
