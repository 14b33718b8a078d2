"""The searches a researcher would try on the model case, in any script or spelling."""

import pytest
from django.core.management import call_command

from cases.demo import CASE_SLUG


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


QUERIES = [
    "Abdusamatov",
    "Абдусаматов",
    "Toirzhon",
    "Komilov",
    "Tashkenbay Aubakirov",
    "Shodiev Akmalzhon",
    "Bozorov",
    "Abdussamatof",
    "extradited to torture",
    '"human tragedy"',
]


def test_each_spelling_finds_the_demo_case(client, demo):
    for query in QUERIES:
        results = client.get("/cases/", {"q": query}).context["results"]
        assert [doc.case.slug for doc in results.page.object_list] == [CASE_SLUG], query


def test_confidential_demo_details_are_not_searchable(client, demo):
    for query in ("CONFIDENTIAL-DEMO", "INTERNAL-DEMO"):
        assert client.get("/cases/", {"q": query}).context["results"].count == 0
