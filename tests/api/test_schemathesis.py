"""Schemathesis: generated requests to every operation of the schema, all checks on each.

The schema of /api/schema/ is built once at import (no database needed); each operation
is one test, run against the demo case, with every built-in check (no server error,
status codes, content types, headers and bodies that conform to the schema, valid data
accepted, invalid data rejected, ...).
"""

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test.utils import override_settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings

from organizations.models import Organization
from people.models import Person

pytestmark = [pytest.mark.django_db, pytest.mark.schemathesis]

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {
            "max-examples": 25,
            # Django forms refuse NUL characters with a 400; the schema's plain strings allow
            # them, so generating them would only report that documented refusal.
            "allow-x00": False,
            "database": "none",
        },
    }
)


class InTransactionApp:
    """The project's WSGI application, minus closing the database connection after each
    request (as Django's test client does): tests run inside one transaction."""

    def __init__(self):
        # The test client speaks plain HTTP; SecurityMiddleware reads this when it loads.
        with override_settings(SECURE_SSL_REDIRECT=False):
            self.handler = WSGIHandler()

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def load_schema():
    """The schema /api/schema/ serves, built directly: a request through the application
    would read the public version from the database (core/conditional.py), and no
    database is open while this module is imported."""
    document = OpenApiJsonRenderer().render(SchemaGenerator().get_schema(public=True))
    loaded = schemathesis.openapi.from_dict(json.loads(document), config=CONFIG)
    loaded.app, loaded.location = InTransactionApp(), "/api/schema/"
    return loaded


schema = load_schema()


def with_public_organizations(case):
    """A slug the schema allows but that names no public organization (or, for a
    statement's speaker, no public person) is a documented 400: valid (positive) requests
    use real ones (those a published case shows)."""
    meta = case.meta
    if not (case.query and meta and meta.generation.mode.is_positive):
        return case
    for name, model in (("organization", Organization), ("speaker", Person)):
        if name not in case.query:
            continue
        public = sorted(model.objects.public().values_list("slug", flat=True))
        values = case.query[name]
        many = isinstance(values, list)
        values = values if many else [values]
        chosen = [public[len(str(v)) % len(public)] if v else v for v in values]
        case.query[name] = chosen if many else chosen[0]
    return case


@pytest.fixture
def demo(db, no_throttle):
    call_command("load_demo", verbosity=0)


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_conforms_to_its_schema(case, demo):
    with_public_organizations(case).call_and_validate()
