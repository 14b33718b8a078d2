import pytest
from django.db.migrations.loader import MigrationLoader

from cases.search.frozen import frozen_sql
from people.models import NameVariant
from people.names import FOLD_NAME_SQL, fold_functions_sql, fold_name, fold_word_sql

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "spellings",
    [
        ["Toirjon Abdussamatov", "Toirzhon Abdusamatov", "Тоиржон Абдусаматов"],
        ["Shodiev Akmaljon", "Akmalzhon Shodiev"],
        ["Rafshan Turaev", "Рафшан Тураев"],
        ["Dilbek Karimov", "Дильбек Каримов"],
        ["Tashkenbai Aubakirov", "Tashkenbay Aubakirov"],
        ["Hurshid Kamilov", "Khurshid Kamilov", "Xurshid Kamilov"],
    ],
)
def test_spellings_of_one_name_fold_to_one_key(spellings):
    assert len({fold_name(spelling) for spelling in spellings}) == 1


def test_uzbek_apostrophes_and_letters_fold():
    assert (
        fold_name("Oʻktam Gʻofurov") == fold_name("O'ktam G'ofurov") == fold_name("Ўктам Ғофуров")
    )


def test_different_names_stay_different():
    assert fold_name("Dilbek Karimov") != fold_name("Rafshan Turaev")


def test_saving_keeps_search_keys_current(make_person):
    person = make_person("Toirjon Abdussamatov")
    variant = NameVariant.objects.create(person=person, text="Тоиржон Абдусаматов")
    assert person.search_key == variant.folded == "abdusamatov toiren"
    person.display_name = "Toirzhon Abdusamatov"
    person.save(update_fields=["display_name"])
    person.refresh_from_db()
    assert person.search_key == "abdusamatov toiren"


def test_the_frozen_sql_matches_the_tables():
    """Changing the tables of people/names.py needs a new migration with the regenerated SQL
    (python manage.py makesearchmigration); the frozen one is found through the graph."""
    frozen = frozen_sql(MigrationLoader(None, ignore_no_migrations=True), "people")
    assert fold_word_sql() in frozen["FOLD_WORD"].sql
    assert FOLD_NAME_SQL.strip() in frozen["FOLD_NAME"].sql
    assert {name: item.sql for name, item in frozen.items()} == fold_functions_sql()
