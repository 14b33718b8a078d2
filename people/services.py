"""Workflows on people: creating a person with their names in every script."""

import unicodedata

from django.db import transaction
from django.utils.text import slugify

from people.models import NameKind, NameVariant, Person, Script

SCRIPT_PREFIXES = (
    ("CYRILLIC", Script.CYRILLIC),
    ("ARABIC", Script.ARABIC),
    ("LATIN", Script.LATIN),
)


def script_of(text: str) -> str:
    """The script of a name, read from its first letter that has one (Script.OTHER if none)."""
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        for prefix, script in SCRIPT_PREFIXES:
            if name.startswith(prefix):
                return script
        return Script.OTHER
    return Script.OTHER


def unique_person_slug(name: str) -> str:
    """A slug for a new person: the name's (ASCII) slug, numbered when it is taken."""
    base = slugify(name) or slugify(unicodedata.normalize("NFKD", name)) or "person"
    base = base[:200]
    taken = set(Person._base_manager.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def person_create(*, display_name: str, variants: list[str], visibility: str) -> Person:
    """A person and their other spellings, each tagged with the script of its letters."""
    person = Person.objects.create(
        display_name=display_name,
        # A name in Cyrillic or Arabic letters has no ASCII slug: use a Latin spelling.
        slug=unique_person_slug(next((n for n in [display_name, *variants] if slugify(n)), "")),
        visibility=visibility,
    )
    seen = set()
    for text in variants:
        if text in seen or text == display_name:
            continue
        seen.add(text)
        NameVariant.objects.create(
            person=person,
            text=text,
            script=script_of(text),
            kind=NameKind.TRANSLITERATION,
            visibility=visibility,
        )
    return person
