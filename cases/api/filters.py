"""Filters of the API lists that are not the search (cases/search/filters.py has its)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from cases.models import Statement
from organizations.models import Organization
from people.models import Person


class StatementFilter(django_filters.FilterSet):
    """/api/statements/?organization=<slug>&speaker=<slug>: the lists that person and
    organization pages link to. A slug naming no public organization or person is a 400,
    as in the search, so a client never mistakes a hidden one for one without statements."""

    organization = django_filters.ModelChoiceFilter(
        queryset=Organization.objects.public(), to_field_name="slug", label=_("Statement by")
    )
    speaker = django_filters.ModelChoiceFilter(
        queryset=Person.objects.public(), to_field_name="slug", label=_("Spoken by")
    )

    class Meta:
        model = Statement
        fields = ["organization", "speaker"]
