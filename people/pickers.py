"""Finding the right person: ranked matches, and labels that tell namesakes apart.

Typing "Nazarov" among hundreds of Nazarovs must put the right one first, so matches are
ranked: the people of the case being edited, then exact matches of the folded name (any
script, any word order), then names holding each typed word as a word, then names whose
words start with the typed words, then the rest (the typed words inside a name, or a
similar name); alphabetical within a rank.
Everything is read through what the user may see (core.confidential): a confidential
person, spelling or role neither matches, nor ranks, nor counts in a label.

people never imports cases: a case is reached through Person's `case_roles` relation.
"""

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils.translation import gettext, ngettext

from core.access import can_see_confidential
from core.confidential import visible_match, without_confidential
from core.models import DatePrecision
from people.models import NameVariant, Person
from people.names import fold_name

OWN, EXACT, WORDS, PREFIX, SIMILAR = range(5)

# How many similar people "is this the same person?" lists at most.
SIMILAR_SHOWN = 10
CASE_TITLE_LENGTH = 40


def folded_words(term: str) -> list[str]:
    """The typed words folded as names are (people.names), sorted."""
    return fold_name(term).split() if term and term.strip() else []


def _named(match, reveal: bool) -> Q:
    """`match(field)` (a condition on a folded name) holds for the person's own folded
    name or for one of the spellings this user may see."""
    spellings = NameVariant._base_manager.filter(match("folded"))
    if not reveal:
        spellings = without_confidential(spellings)
    return match("search_key") | Q(pk__in=spellings.values("person"))


def _every_word(words: list[str], pattern: str | None = None):
    """A match() for _named: every word inside the name, in any order, or as `pattern`
    says (a regex with {} for the word). Folded words are [a-z0-9] only: regex-safe."""
    if pattern:
        return lambda field: Q(*(Q(**{f"{field}__regex": pattern.format(word)}) for word in words))
    return lambda field: Q(*(Q(**{f"{field}__contains": word}) for word in words))


WHOLE_WORD = r"\m{}\M"
WORD_START = r"\m{}"


def visible_people(user, queryset=None):
    """The people this user may pick: not archived, not confidential without access."""
    if queryset is None:
        queryset = Person.objects.filter(archived_at__isnull=True)
    return queryset if can_see_confidential(user) else without_confidential(queryset)


def _roles(user):
    """The person's parts in cases (CaseSubject rows) this user may see, for OuterRef."""
    roles = Person._meta.get_field("case_roles").related_model._base_manager.filter(
        person=OuterRef("pk"), case__archived_at__isnull=True
    )
    return roles if can_see_confidential(user) else without_confidential(roles)


def with_label_data(queryset, user):
    """Annotates what person_label() shows, in the same query: the number of cases and
    the title of the latest one, through the roles this user may see."""
    roles = _roles(user).order_by()
    count = roles.values("person").annotate(n=Count("case", distinct=True)).values("n")
    latest = _roles(user).order_by("-case__updated_at", "-case_id").values("case__title")[:1]
    return queryset.annotate(
        picker_case_count=Coalesce(Subquery(count, output_field=IntegerField()), 0),
        picker_case_title=Subquery(latest),
    )


def matching_people(term: str, user, case=None, *, queryset=None):
    """The people matching `term` that the user may see, best first, with label data.

    `case` (a case or its id) puts its own people first; `queryset` narrows the people
    (the admin's own, for autocomplete). An empty term matches everyone.
    """
    reveal = can_see_confidential(user)
    people = visible_people(user, queryset)
    words = folded_words(term)
    ranks = []
    case_id = getattr(case, "pk", case)
    if case_id is not None:
        own = visible_match(Person, "case_roles__case", case_id, reveal=reveal)
        ranks.append(When(own, then=Value(OWN)))
    if words:
        folded = " ".join(words)
        people = people.filter(
            _named(_every_word(words), reveal)
            | _named(lambda field: Q(**{f"{field}__trigram_word_similar": folded}), reveal)
            | Q(display_name__icontains=term.strip())
        )
        ranks += [
            When(_named(lambda field: Q(**{field: folded}), reveal), then=Value(EXACT)),
            When(_named(_every_word(words, WHOLE_WORD), reveal), then=Value(WORDS)),
            When(_named(_every_word(words, WORD_START), reveal), then=Value(PREFIX)),
        ]
    rank = Case(*ranks, default=Value(SIMILAR), output_field=IntegerField()) if ranks else Value(0)
    people = with_label_data(people.annotate(picker_rank=rank), user)
    return people.order_by("picker_rank", Lower("display_name"), "display_name", "pk")


def similar_people(name: str, user, *, exclude=None):
    """People this user may see whose name, or one of whose spellings, folds to the same
    key as `name` ("Назаров Рустам" for "Rustam Nazarov"): possibly the same person."""
    folded = " ".join(folded_words(name))
    if not folded:
        return Person.objects.none()
    same = _named(lambda field: Q(**{field: folded}), can_see_confidential(user))
    people = visible_people(user).filter(same)
    if exclude is not None:
        people = people.exclude(pk=exclude)
    people = with_label_data(people, user).order_by(Lower("display_name"), "pk")
    return people[:SIMILAR_SHOWN]


def _birth(person) -> str | None:
    if person.birth_date is None:
        return None
    year = person.birth_date.year
    if person.birth_date_precision == DatePrecision.APPROXIMATE:
        return gettext("b. c. %(year)d") % {"year": year}
    return gettext("b. %(year)d") % {"year": year}


def shortened(title: str) -> str:
    """A title cut at a word to about CASE_TITLE_LENGTH characters."""
    if len(title) <= CASE_TITLE_LENGTH:
        return title
    return title[:CASE_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:—-") + "…"


def person_details(person, user) -> list[str]:
    """What tells this person from namesakes: nationality, birth year (only for users who
    may see birth dates), how many cases and the latest one's title."""
    details = []
    if person.nationality:
        details.append(str(person.nationality.name))
    if can_see_confidential(user):
        birth = _birth(person)
        if birth:
            details.append(birth)
    if not hasattr(person, "picker_case_count"):
        person = with_label_data(Person._base_manager.filter(pk=person.pk), user).get()
    count = person.picker_case_count
    if count:
        cases = ngettext("%(count)d case", "%(count)d cases", count) % {"count": count}
        title = shortened(person.picker_case_title or "")
        details.append(f"{cases} ({title})" if title else cases)
    else:
        details.append(gettext("no case"))
    return details


def person_label(person, user) -> str:
    """'Rustam Nazarov — Tajikistan, b. 1984, 2 cases (Two Tajik asylum seekers…)'."""
    return f"{person.display_name} — {', '.join(person_details(person, user))}"
