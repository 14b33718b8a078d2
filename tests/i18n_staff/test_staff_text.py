"""The staff side in Russian: the case page and its checklist name our fields in Russian,
validation errors and admin messages are Russian, and the email that tells publishers
about a hiding is written in each reader's own language.

Needs the compiled catalogs (`make` runs compilemessages)."""

import datetime
import re
from html import unescape

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.text import capfirst

from accounts.roles import PUBLISHER
from cases.hiding import hide
from cases.models import Case, Detention, HidingHow, PublicationState, Statement
from core.models import Visibility
from tests.admin_helpers import admin_url

D = datetime.date
OUR_APPS = ("cases", "people", "organizations", "core", "history")
# The same word in Russian (a code, an abbreviation).
SAME_IN_RUSSIAN = {"URL", "ID"}
LABEL = re.compile(r"<(label|legend|h2|th)\b[^>]*>(.*?)</\1>", re.S)


def english_labels() -> set[str]:
    """Every verbose name, choice label and help text of our models, in English."""
    labels = set()
    with translation.override("en"):
        for model in apps.get_models():
            if model._meta.app_label not in OUR_APPS:
                continue
            labels |= {
                capfirst(str(model._meta.verbose_name)),
                capfirst(str(model._meta.verbose_name_plural)),
            }
            for field in model._meta.get_fields():
                if hasattr(field, "verbose_name"):
                    labels.add(capfirst(str(field.verbose_name)))
                if getattr(field, "help_text", ""):
                    labels.add(str(field.help_text))
                for _value, label in getattr(field, "flatchoices", None) or ():
                    labels.add(str(label))
    return labels - SAME_IN_RUSSIAN - {""}


def shown_labels(html: str) -> set[str]:
    """The text of the page's labels, legends, headings and help texts."""
    found = {
        unescape(re.sub(r"<[^>]+>", "", m.group(2))).strip(" :\n") for m in LABEL.finditer(html)
    }
    found |= {
        unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for text in re.findall(r'<div class="help"[^>]*>(.*?)</div>', html, re.S)
    }
    found |= {unescape(text).strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", html)}
    return found - {""}


@pytest.fixture
def in_russian(settings):
    """Requests answered in Russian: the staff preference when accounts has it, the
    browser's language, and Russian active around the request (whichever the language
    middleware reads). The project catalog holds the admin templates' text."""
    settings.LOCALE_PATHS = [settings.BASE_DIR / "locale"]

    def get(client, url, **kwargs):
        preferences = _preferences_model()
        if preferences is not None:
            preferences.objects.update_or_create(user=client.user, defaults={"language": "ru"})
        with translation.override("ru"):
            return client.get(url, HTTP_ACCEPT_LANGUAGE="ru", **kwargs)

    return get


def _preferences_model():
    try:
        return apps.get_model("accounts", "StaffPreferences")
    except LookupError:
        return None


@pytest.fixture
def case_in_review(make_case):
    """A case in review whose only record was left internal, with no source: every kind
    of checklist item a new case meets."""
    case = make_case("Two Tajik asylum seekers", state=PublicationState.IN_REVIEW, summary="")
    Detention.objects.create(case=case, started_on=D(2024, 3, 1), started_on_precision="month")
    return case


def test_the_case_page_and_its_checklist_name_nothing_of_ours_in_english(
    staff_user, in_russian, case_in_review
):
    client = staff_user([PUBLISHER])
    url = admin_url(Case, "change", case_in_review.pk) + f"?_checklist={PublicationState.PUBLISHED}"
    response = in_russian(client, url)
    assert response.status_code == 200
    html = response.content.decode()

    english = english_labels() & shown_labels(html)
    assert not english, f"English labels on the Russian case page: {sorted(english)}"
    # Our own words, in Russian: field names, a choice, the checklist and its buttons.
    for russian in (
        "Страна пребывания",
        "Состояние публикации",
        "Внутренние заметки",
        "Под угрозой",
        "Прежде чем опубликовать",
        "Записи, которых публика не увидит",
        "Сохранить и опубликовать",
        "Я проверил(а) это",
        "История изменений",
    ):
        assert russian in html, russian
    for english_text in (
        "Before you publish",
        "I have checked this",
        "Records the public will not see",
    ):
        assert english_text not in html


def test_a_validation_error_is_in_russian(make_case):
    case = make_case("Two Tajik asylum seekers")
    detention = Detention(case=case, started_on=D(2011, 6, 9), ended_on=D(2010, 6, 1))
    with translation.override("ru"), pytest.raises(ValidationError) as raised:
        detention.full_clean()
    with translation.override("ru"):
        messages = raised.value.message_dict["ended_on"]
    assert messages == ["Дата освобождения не может быть раньше даты задержания."]


def test_an_admin_message_is_in_russian(staff_user, in_russian, case_in_review):
    client = staff_user([PUBLISHER])
    url = admin_url(Case, "changelist")
    with translation.override("ru"):
        client.post(
            url,
            {"action": "return_to_draft", "_selected_action": [case_in_review.pk]},
            HTTP_ACCEPT_LANGUAGE="ru",
        )
    html = in_russian(client, url).content.decode()
    assert "1 дело теперь в состоянии «черновик»." in html


@pytest.mark.django_db(transaction=True)
def test_the_hiding_email_is_written_in_each_publishers_language(
    staff_user, make_case, django_capture_on_commit_callbacks, mailoutbox
):
    case = make_case("Two Tajik asylum seekers", state=PublicationState.PUBLISHED)
    statement = Statement.objects.create(
        case=case,
        organization=_organization(),
        made_on=D(2011, 6, 10),
        summary="Human Rights Watch urged Kazakhstan not to extradite the men.",
        visibility=Visibility.PUBLIC,
    )
    russian = staff_user([PUBLISHER]).user
    english = staff_user([PUBLISHER]).user
    for user, address in ((russian, "ru@example.org"), (english, "en@example.org")):
        user.email = address
        user.save(update_fields=["email"])
    preferences = _preferences_model()
    if preferences is not None:
        preferences.objects.create(user=russian, language="ru")
    else:  # until accounts.StaffPreferences: the preference the mail reads, by hand
        pytest.skip("accounts.StaffPreferences (staff language) is not there yet")

    with django_capture_on_commit_callbacks(execute=True):
        hide(statement, english, how=HidingHow.WITHDRAWN, reason="HRW asked us")

    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {"ru@example.org", "en@example.org"}
    ru, en = by_address["ru@example.org"], by_address["en@example.org"]
    assert ru.subject.startswith("Снято с публичного сайта: ")
    assert "Причина: HRW asked us" in ru.body
    assert "снял(а) с публичного сайта" in ru.body
    assert "Taken off the public site" not in ru.subject + ru.body
    assert en.subject.startswith("Taken off the public site: ")
    assert "Reason: HRW asked us" in en.body


def test_the_hiding_email_follows_the_active_language(db):
    """Without a preference, the message is written in the language active when it is
    written (tell_publishers activates each reader's)."""
    from cases.hiding_mail import message_for
    from cases.models import Hiding

    hiding = Hiding(what="Toirjon Abdussamatov", how=HidingHow.INTERNAL, reason="")
    hiding.content_type = _content_type("people", "person")
    hiding.object_id = 1
    with translation.override("ru"):
        subject, body = message_for([hiding])
    assert subject == "Снято с публичного сайта: Toirjon Abdussamatov"
    assert "Причина: (не указана)" in body
    assert "кто-то снял(а) с публичного сайта «Toirjon Abdussamatov» (человек)" in body
    assert "сделано внутренним" in body


def _organization():
    from organizations.models import Organization, OrganizationKind

    return Organization.objects.create(
        name="Human Rights Watch", acronym="HRW", slug="hrw", kind=OrganizationKind.NGO
    )


def _content_type(app_label, model):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_by_natural_key(app_label, model)
