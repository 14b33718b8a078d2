"""Finding the right organization: ranked matches, and labels that tell twins apart.

Two "Human Rights Watch (HRW)" rows must not look the same in a picker: each option
shows the kind, the country and what the organization is used for (statements, records,
sources), counted through the rows the user may see. Ranks, alphabetical within each:
exact folded name or acronym, every typed word a word of the name, names whose words
start with the typed words, the rest (the words inside the name, or a similar name).

organizations never imports cases: the uses are read from Organization's relations.
"""

from django.db.models import (
    Case,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Lower
from django.utils.translation import gettext

from core.access import can_see_confidential
from core.confidential import without_confidential
from organizations.models import Organization
from people.pickers import SIMILAR_SHOWN, WHOLE_WORD, WORD_START, folded_words

EXACT, WORDS, PREFIX, SIMILAR = range(4)


def folded_name():
    """The name folded as people's names are (indexed: organization_folded_name_trgm)."""
    return Func(F("name"), function="fold_name", output_field=TextField())


def visible_organizations(user, queryset=None):
    if queryset is None:
        queryset = Organization.objects.filter(archived_at__isnull=True)
    return queryset if can_see_confidential(user) else without_confidential(queryset)


def _uses():
    """(annotation, relation) for each kind of row that names an organization by a
    foreign key: statements, records, sources, roles."""
    return [
        (f"picker_uses_{rel.name}", rel)
        for rel in Organization._meta.related_objects
        if rel.one_to_many and not rel.related_model._meta.auto_created
    ]


def with_label_data(queryset, user):
    """Annotates how many visible rows of each kind name the organization (one query)."""
    reveal = can_see_confidential(user)
    annotations = {}
    for name, rel in _uses():
        rows = rel.related_model._base_manager.filter(**{rel.field.name: OuterRef("pk")})
        rows = rows if reveal else without_confidential(rows)
        count = rows.order_by().values(rel.field.name).annotate(n=Count("pk")).values("n")
        annotations[name] = Coalesce(Subquery(count, output_field=IntegerField()), 0)
    return queryset.annotate(**annotations)


def _words_match(words, pattern=None) -> Q:
    """Every word in the folded name (as `pattern` says, a regex with {} for the word),
    or the acronym: "HRW watch" finds Human Rights Watch (HRW)."""
    condition = Q()
    for word in words:
        inside = Q(picker_folded__regex=pattern.format(word)) if pattern else None
        inside = inside or Q(picker_folded__contains=word)
        condition &= inside | Q(acronym__iexact=word)
    return condition


def matching_organizations(term: str, user, *, queryset=None):
    """The organizations matching `term` that the user may see, best first, labelled."""
    organizations = visible_organizations(user, queryset).annotate(picker_folded=folded_name())
    words = folded_words(term)
    # "Human Rights Watch (HRW)", as the option reads, is an exact match too.
    full = Func(Concat("name", Value(" "), "acronym"), function="fold_name")
    organizations = organizations.alias(picker_full=full)
    rank = Value(0)
    if words:
        typed = term.strip()
        folded = " ".join(words)
        acronym = Q(acronym__iexact=typed)
        organizations = organizations.filter(
            _words_match(words)
            | acronym
            | Q(acronym__istartswith=typed)
            | Q(name__icontains=typed)
            | Q(picker_folded__trigram_word_similar=folded)
        )
        rank = Case(
            When(Q(picker_folded=folded) | acronym | Q(picker_full=folded), then=Value(EXACT)),
            When(_words_match(words, WHOLE_WORD), then=Value(WORDS)),
            When(
                _words_match(words, WORD_START) | Q(acronym__istartswith=typed), then=Value(PREFIX)
            ),
            default=Value(SIMILAR),
            output_field=IntegerField(),
        )
    organizations = with_label_data(organizations.annotate(picker_rank=rank), user)
    return organizations.order_by("picker_rank", Lower("name"), "name", "pk")


def similar_organizations(name: str, acronym: str, user, *, exclude=None):
    """Organizations this user may see whose name folds to the same key as `name`, or
    with the same acronym: possibly the same organization."""
    folded = " ".join(folded_words(name))
    same = Q(pk__in=[])
    if folded:
        same |= Q(picker_folded=folded)
    if acronym.strip():
        same |= Q(acronym__iexact=acronym.strip())
    found = visible_organizations(user).annotate(picker_folded=folded_name()).filter(same)
    if exclude is not None:
        found = found.exclude(pk=exclude)
    found = with_label_data(found, user).order_by(Lower("name"), "pk")
    return found[:SIMILAR_SHOWN]


def organization_details(organization, user) -> list[str]:
    """Kind, country ('international' when none) and the visible rows that name it."""
    if not hasattr(organization, _uses()[0][0]):
        queryset = Organization._base_manager.filter(pk=organization.pk)
        organization = with_label_data(queryset, user).get()
    details = [str(organization.get_kind_display())]
    country = organization.country
    details.append(str(country.name) if country else gettext("international"))
    for name, rel in _uses():
        count = getattr(organization, name)
        if count:
            opts = rel.related_model._meta
            noun = opts.verbose_name if count == 1 else opts.verbose_name_plural
            details.append(gettext("%(count)d %(noun)s") % {"count": count, "noun": noun})
    if len(details) == 2:
        details.append(gettext("not used yet"))
    return details


def organization_label(organization, user) -> str:
    """'Human Rights Watch (HRW) — NGO, United States, 4 statements, 2 sources'."""
    return f"{organization} — {', '.join(organization_details(organization, user))}"
