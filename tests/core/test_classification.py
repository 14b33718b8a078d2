"""Adding a field without deciding who may see it fails here."""

import pytest

from core.classification import classified_models, classify, field_names


@pytest.mark.parametrize("model", list(classified_models()), ids=lambda m: m.__name__)
def test_every_field_is_classified_once(model):
    unclassified = [name for name, cls in classify(model).items() if cls is None]
    assert unclassified == [], f"{model.__name__}: classify {unclassified}"


@pytest.mark.parametrize("model", list(classified_models()), ids=lambda m: m.__name__)
def test_declared_names_exist(model):
    names = set(field_names(model))
    for attribute in ("PUBLIC_FIELDS", "INTERNAL_FIELDS", "CONFIDENTIAL_FIELDS"):
        assert set(getattr(model, attribute)) <= names, (model.__name__, attribute)
