"""Every field of every model is public, internal or confidential, declared on the model.

Models list PUBLIC_FIELDS, INTERNAL_FIELDS and CONFIDENTIAL_FIELDS; a date's
`<name>_precision` companion shares its date's class. A field in no list is
unclassified, which tests/core/test_classification.py refuses.
"""

from django.apps import apps

CLASSES = ("public", "internal", "confidential")
CLASSIFIED_APPS = ("people", "organizations", "cases", "accounts")


def field_names(model) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete or (field.many_to_many and not field.auto_created)
    ]


def classify(model) -> dict[str, str | None]:
    """Field name → 'public' | 'internal' | 'confidential' | None (unclassified)."""
    declared = {
        "public": getattr(model, "PUBLIC_FIELDS", ()),
        "internal": getattr(model, "INTERNAL_FIELDS", ()),
        "confidential": getattr(model, "CONFIDENTIAL_FIELDS", ()),
    }
    result = {}
    for name in field_names(model):
        base = name.removesuffix("_precision")
        classes = [c for c in CLASSES if name in declared[c] or base in declared[c]]
        result[name] = classes[0] if len(classes) == 1 else None
    return result


def classified_models():
    for label in CLASSIFIED_APPS:
        yield from apps.get_app_config(label).get_models()
