"""Builder fixtures shared by the whole suite (real PostgreSQL through pytest-django)."""

import datetime
import itertools

import pytest
from django.test import Client

from cases.models import (
    Appeal,
    AppealLevel,
    AppealOutcome,
    Case,
    CaseSubject,
    Detention,
    Event,
    EventKind,
    PublicationState,
    Source,
    Statement,
    SubjectRole,
)
from core.models import DatePrecision, Visibility
from organizations.models import Organization, OrganizationKind
from people.models import Person
from tests.roles import ensure_roles


@pytest.fixture(scope="session", autouse=True)
def _plain_http():
    """The test client and live server speak plain HTTP; production redirects to HTTPS.

    Session-wide and set directly, before the live server loads its middleware.
    """
    from django.conf import settings

    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture(autouse=True)
def _english_first():
    """Each test starts in English: a request to /ru/… leaves Russian active in its thread
    (LocaleMiddleware activates a language per request and never deactivates it)."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture
def staff_user(db, django_user_model):
    """A logged-in client of a new staff member in the given roles (accounts.roles); the
    member is `client.user`."""
    from django.contrib.auth.models import Group

    numbers = itertools.count(1)

    def make(groups=()):
        # A transaction=True test before this one flushed the groups the roles migration made.
        ensure_roles()
        user = django_user_model.objects.create_user(f"staff-{next(numbers)}", is_staff=True)
        user.groups.set(Group.objects.filter(name__in=groups))
        assert user.groups.count() == len(groups), f"unknown role among {groups}"
        client = Client()
        client.force_login(user)
        verify_second_factor(client, user)
        client.user = user
        return client

    return make


@pytest.fixture
def admin_client(db, admin_user):
    """A superuser signed in with both factors (superusers see confidential data)."""
    client = Client()
    client.force_login(admin_user)
    verify_second_factor(client, admin_user)
    return client


def verify_second_factor(client, user):
    """Mark the client's session as signed in with an authenticator app too."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture
def make_person(db):
    def make(name="Rafshan Turaev", visibility=Visibility.PUBLIC, **fields):
        slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
        return Person.objects.create(display_name=name, slug=slug, visibility=visibility, **fields)

    return make


@pytest.fixture
def make_organization(db):
    def make(name="Human Rights Watch", acronym="HRW", kind=OrganizationKind.NGO, **fields):
        fields.setdefault("visibility", Visibility.PUBLIC)
        slug = fields.pop("slug", None) or name.lower().replace(" ", "-")
        return Organization.objects.create(
            name=name, acronym=acronym, kind=kind, slug=slug, **fields
        )

    return make


@pytest.fixture
def make_case(db):
    def make(title="Uzbek asylum seekers in Almaty", state=PublicationState.PUBLISHED, **fields):
        slug = fields.pop("slug", None) or title.lower().replace(" ", "-")
        fields.setdefault("host_country", "KZ")
        fields.setdefault("origin_country", "UZ")
        return Case.objects.create(title=title, slug=slug, publication_state=state, **fields)

    return make


@pytest.fixture
def make_source(db):
    def make(title="Forced returns to Uzbekistan illegal", visibility=Visibility.PUBLIC, **fields):
        fields.setdefault("published_on", datetime.date(2011, 6, 10))
        fields.setdefault("url", "https://example.org/report")
        return Source.objects.create(title=title, visibility=visibility, **fields)

    return make


@pytest.fixture
def make_subject(db):
    def make(case, person, role=SubjectRole.DETAINEE, visibility=Visibility.PUBLIC, **fields):
        return CaseSubject.objects.create(
            case=case, person=person, role=role, visibility=visibility, **fields
        )

    return make


D = datetime.date
SECRET = "SECRET-MARKER"


@pytest.fixture
def story(make_case, make_person, make_organization, make_source, make_subject):
    """A published case with public facts and, beside them, private ones carrying SECRET."""
    case = make_case(summary="Twenty-nine men held in Almaty.", internal_notes=f"{SECRET} note")
    hrw = make_organization()
    hidden_court = make_organization(
        f"{SECRET} court", acronym="", kind="court", visibility=Visibility.INTERNAL
    )
    man = make_person("Toirjon Abdussamatov")
    wife = make_person(f"{SECRET} wife", visibility=Visibility.CONFIDENTIAL)
    make_subject(case, man)
    make_subject(case, wife, role="relative", visibility=Visibility.PUBLIC)
    make_subject(case, make_person("Dilbek Karimov"), visibility=Visibility.INTERNAL)
    release = make_source()
    leaked = make_source(f"{SECRET} interview notes", visibility=Visibility.CONFIDENTIAL)

    detention = Detention.objects.create(
        case=case,
        started_on=D(2010, 6, 1),
        started_on_precision=DatePrecision.MONTH,
        ended_on=D(2011, 6, 9),
        place="Almaty detention centre",
        visibility=Visibility.PUBLIC,
        summary="Held for a year.",
    )
    detention.people.set([man, wife])
    detention.sources.set([release, leaked])
    statement = Statement.objects.create(
        case=case,
        organization=hrw,
        made_on=D(2011, 6, 9),
        quote="a human tragedy",
        visibility=Visibility.PUBLIC,
    )
    statement.sources.set([release])
    Appeal.objects.create(
        case=case,
        body=hidden_court,
        level=AppealLevel.DOMESTIC_COURT,
        filed_on=D(2011, 2, 1),
        decided_on=D(2011, 3, 1),
        outcome=AppealOutcome.REJECTED,
        visibility=Visibility.PUBLIC,
    )
    Event.objects.create(
        case=case,
        kind=EventKind.OTHER,
        title=f"{SECRET} safe house",
        started_on=D(2010, 7, 1),
        visibility=Visibility.INTERNAL,
    )
    Event.objects.create(
        case=case,
        kind=EventKind.OTHER,
        title=f"{SECRET} witness",
        started_on=D(2010, 7, 2),
        visibility=Visibility.CONFIDENTIAL,
    )
    return case


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free local port, with Django's SMTP backend
    pointed at it; yields the list of messages it received (email.message.EmailMessage),
    each with its envelope's recipients in `rcpt_tos`."""
    import email
    import email.policy
    import socket

    from aiosmtpd.controller import Controller

    received = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            message = email.message_from_bytes(
                envelope.original_content, policy=email.policy.default
            )
            message.rcpt_tos = list(envelope.rcpt_tos)
            received.append(message)
            return "250 Message accepted for delivery"

    with socket.socket() as probe:  # a port nobody listens on, chosen by the system
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    try:
        yield received
    finally:
        controller.stop()
