"""Dates in one field on every staff form: typed as known, read back as the public reads them."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from cases.models import Case, Detention, Event, EventKind, Source
from core.date_fields import READING_URL_NAME
from core.models import DatePrecision, Visibility
from people.models import Person
from tests.admin_helpers import AdminPage, admin_url, page_errors

D = datetime.date
MONTH, DAY = DatePrecision.MONTH, DatePrecision.DAY


@pytest.fixture
def detention(make_case):
    return Detention.objects.create(
        case=make_case(), started_on=D(2010, 6, 1), started_on_precision=MONTH, place="Almaty"
    )


def case_page(client, case) -> AdminPage:
    return AdminPage(client, admin_url(Case, "change", case.pk))


def test_march_2024_typed_in_a_records_date_on_the_case_page_is_saved_as_a_month(
    admin_client, detention
):
    page = case_page(admin_client, detention.case)
    page.set_inline(Detention, 0, started_on="March 2024")
    added = page.add_inline(Event, kind=EventKind.PROTEST, title="Wives protest")
    page.set_inline(Event, added, started_on="March 2024")

    response = page.post()

    assert response.status_code == 302, page_errors(response)
    detention.refresh_from_db()
    assert (detention.started_on, detention.started_on_precision) == (D(2024, 3, 1), MONTH)
    event = Event.objects.get(title="Wives protest")
    assert (event.started_on, event.started_on_precision) == (D(2024, 3, 1), MONTH)


def test_a_date_that_cannot_be_read_says_which_forms_are_accepted(admin_client, detention):
    page = case_page(admin_client, detention.case)
    page.set_inline(Detention, 0, started_on="next Tuesday")

    response = page.post()

    assert response.status_code == 200
    html = response.content.decode()
    assert "“next Tuesday” is not a date we can read." in html
    assert "9 June 2011, 09.06.2011, 2011-06-09, June 2011" in html
    assert "Enter a valid date." not in html
    detention.refresh_from_db()
    assert detention.started_on == D(2010, 6, 1)


def test_the_form_shows_one_field_with_the_public_reading(admin_client, detention):
    response = admin_client.get(admin_url(Case, "change", detention.case.pk))
    html = response.content.decode()

    assert 'value="June 2010"' in html
    assert "Shown publicly as: June 2010" in html
    assert "started_on_precision" not in html  # no second dropdown
    assert 'data-reading-url="/admin/date-reading/"' in html
    assert "core/precise-date.js" in html


def test_an_untouched_form_keeps_a_date_its_public_reading_would_move(admin_client, detention):
    # "June 2010" would read back as 1 June: the form shows the exact form instead.
    Detention.objects.filter(pk=detention.pk).update(started_on=D(2010, 6, 15))
    page = case_page(admin_client, detention.case)
    assert page.data["detentions-0-started_on"] == "2010-06-15 (month)"
    assert page.post(summary="Touched").status_code == 302
    detention.refresh_from_db()
    assert (detention.started_on, detention.started_on_precision) == (D(2010, 6, 15), MONTH)


def test_every_date_with_a_precision_is_one_field(admin_client, make_person, make_source):
    person = make_person(birth_date=D(1970, 1, 1), birth_date_precision=DatePrecision.YEAR)
    source = make_source(published_on=D(2011, 6, 9))
    person_page = AdminPage(admin_client, admin_url(Person, "change", person.pk))
    source_page = AdminPage(admin_client, admin_url(Source, "change", source.pk))
    assert person_page.data["birth_date"] == "1970"
    assert "birth_date_precision" not in person_page.data

    assert person_page.post(birth_date="about 1968").status_code == 302
    assert source_page.post(published_on="June 2011").status_code == 302

    person.refresh_from_db()
    source.refresh_from_db()
    assert (person.birth_date, person.birth_date_precision) == (D(1968, 1, 1), "approximate")
    assert (source.published_on, source.published_on_precision) == (D(2011, 6, 1), MONTH)


# Spans: an event's start and end in one field.


def test_an_event_range_fills_both_dates_and_reads_as_a_range(admin_client, client, make_case):
    case = make_case()
    page = case_page(admin_client, case)
    index = page.add_inline(Event, kind=EventKind.HEARING, title="Hearings in Almaty")
    page.set_inline(Event, index, started_on="9–11 June 2010", visibility=Visibility.PUBLIC)
    assert page.post().status_code == 302

    event = Event.objects.get(title="Hearings in Almaty")
    assert (event.started_on, event.started_on_precision) == (D(2010, 6, 9), DAY)
    assert (event.ended_on, event.ended_on_precision) == (D(2010, 6, 11), DAY)
    assert "9–11 June 2010" in client.get(case.get_absolute_url()).content.decode()
    # Shown again as typed, and saved unchanged.
    again = case_page(admin_client, case)
    assert again.data["events-0-started_on"] == "9–11 June 2010"
    assert again.post().status_code == 302
    event.refresh_from_db()
    assert event.ended_on == D(2010, 6, 11)


def test_one_date_in_a_span_field_clears_the_end(admin_client, make_case):
    case = make_case()
    event = Event.objects.create(
        case=case,
        kind=EventKind.PROTEST,
        title="Protest",
        started_on=D(2010, 6, 1),
        started_on_precision=MONTH,
        ended_on=D(2010, 7, 1),
        ended_on_precision=MONTH,
    )
    page = case_page(admin_client, case)
    assert page.data["events-0-started_on"] == "June–July 2010"
    assert page.set_inline(Event, 0, started_on="2010").post().status_code == 302
    event.refresh_from_db()
    assert (event.started_on, event.started_on_precision, event.ended_on) == (
        D(2010, 1, 1),
        DatePrecision.YEAR,
        None,
    )


def test_the_timeline_and_feed_show_an_events_dates_as_one_range(client, make_case):
    case = make_case()
    Event.objects.create(
        case=case,
        kind=EventKind.PROTEST,
        title="Wives protest",
        started_on=D(2010, 6, 1),
        started_on_precision=MONTH,
        ended_on=D(2010, 7, 1),
        ended_on_precision=MONTH,
        visibility=Visibility.PUBLIC,
    )
    page = client.get(case.get_absolute_url()).content.decode()
    feed = client.get(reverse("cases:feed", args=[case.slug])).content.decode()
    api = client.get(f"/api/cases/{case.slug}/").json()

    assert '<time datetime="2010-06-01">June–July 2010</time>' in page
    assert "June–July 2010: Wives protest" in feed
    assert [item["date_display"] for item in api["timeline"]] == ["June–July 2010"]


# The live preview: the server's parser, for staff only.


def test_the_preview_answers_with_the_public_reading(admin_client, django_assert_max_num_queries):
    url = reverse(READING_URL_NAME)
    # Signing in reads the session, the user and the second factor, and the session is
    # saved (three statements); the preview itself reads nothing.
    with django_assert_max_num_queries(6):
        answer = admin_client.get(url, {"text": "March 2024"}).json()
    assert answer == {
        "reading": "March 2024",
        "message": "Shown publicly as: March 2024",
        "error": "",
    }
    span = admin_client.get(url, {"text": "9-11 June 2010", "span": "1"}).json()
    assert span["reading"] == "9–11 June 2010"
    error = admin_client.get(url, {"text": "soon"}).json()
    assert error["reading"] == ""
    assert error["error"].startswith("“soon” is not a date we can read.")
    assert admin_client.get(url, {"text": ""}).json()["message"] == ""


def test_the_preview_is_for_staff_only(client, django_user_model):
    url = reverse(READING_URL_NAME)
    assert client.get(url, {"text": "2010"}).status_code == 302  # to the sign-in page
    user = django_user_model.objects.create_user("visitor")
    visitor = Client()
    visitor.force_login(user)
    assert visitor.get(url, {"text": "2010"}).status_code == 302
