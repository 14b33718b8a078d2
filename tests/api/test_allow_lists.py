"""Every serializer of the API shows only its model's PUBLIC_FIELDS (plus computed ones)."""

import inspect

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

from cases.api import serializers as api_serializers
from cases.api.serializers import PublicSerializer, allowed_sources, leaked_fields
from cases.models import Case

API_SERIALIZERS = [
    cls
    for _, cls in inspect.getmembers(api_serializers, inspect.isclass)
    if issubclass(cls, serializers.BaseSerializer) and cls.__module__ == api_serializers.__name__
]
MODEL_SERIALIZERS = [cls for cls in API_SERIALIZERS if hasattr(getattr(cls, "Meta", None), "model")]
# Serializers of the page objects cases.selectors builds from public values only; their
# model data come through the model serializers above.
DERIVED = {
    "DetailSerializer",
    "TimelineItemSerializer",
    "AppealSummarySerializer",
    "ProceedingSerializer",
    "CasePageSerializer",
    "ProfileSerializer",
    "PersonPageSerializer",
    "OrganizationPageSerializer",
}


def test_every_serializer_is_an_allow_list_or_derived():
    names = {cls.__name__ for cls in API_SERIALIZERS}
    model_serializers = {cls.__name__ for cls in MODEL_SERIALIZERS}
    assert names - {"PublicSerializer", "RefSerializer", "PublicListSerializer"} == (
        model_serializers | DERIVED
    )
    assert len(model_serializers) >= 15


@pytest.mark.parametrize("serializer", MODEL_SERIALIZERS, ids=lambda cls: cls.__name__)
def test_fields_are_public_fields_or_computed(serializer):
    model = serializer.Meta.model
    computed = set(getattr(serializer.Meta, "computed", ()))
    ids = set(getattr(serializer.Meta, "ids", ()))
    fields = set(serializer().fields)
    # Field names: the model's public fields, a public date's precision, an id, or computed.
    public = set(model.PUBLIC_FIELDS)
    precisions = {f"{name}_precision" for name in public}
    assert fields <= public | precisions | ids | computed, serializer
    # What each field reads: the same allow-list (a renamed field cannot read a private one).
    assert not leaked_fields(serializer)
    assert computed <= fields
    if issubclass(serializer, serializers.ModelSerializer):
        assert serializer.Meta.fields != serializers.ALL_FIELDS
        assert set(serializer.Meta.fields) == fields


def test_ids_are_only_shown_for_statements_and_sources():
    for serializer in MODEL_SERIALIZERS:
        if getattr(serializer.Meta, "ids", ()):
            assert serializer.Meta.model.__name__ in {"Statement", "Source"}, serializer


def test_a_serializer_with_a_private_field_is_refused():
    with pytest.raises(ImproperlyConfigured, match="internal_notes"):

        class Leaky(PublicSerializer):
            class Meta:
                model = Case
                fields = ("title", "internal_notes")

    with pytest.raises(ImproperlyConfigured, match="list its fields"):

        class Everything(PublicSerializer):
            class Meta:
                model = Case
                fields = "__all__"


def test_a_renamed_private_field_is_caught():
    class Renamed(PublicSerializer):
        title = serializers.CharField(source="internal_notes")

        class Meta:
            model = Case
            fields = ("title",)

    assert leaked_fields(Renamed) == {"title"}
    assert "internal_notes" not in allowed_sources(Renamed)
