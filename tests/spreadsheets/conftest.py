"""Helpers for spreadsheet tests: files written from rows, the demo case, staff users."""

import csv

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from cases.demo import load_demo
from cases.models import Case


@pytest.fixture
def write_csv(tmp_path):
    """write_csv('people.csv', [header, row, …], delimiter=';', bom=True) → path."""

    def write(name, rows, *, delimiter=",", bom=False):
        path = tmp_path / name
        with open(path, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as file:
            csv.writer(file, delimiter=delimiter).writerows(rows)
        return path

    return write


@pytest.fixture
def demo(db):
    load_demo()


def confidential_permission() -> Permission:
    content_type = ContentType.objects.get_for_model(Case)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_confidential",
        defaults={"name": "Can see and edit confidential records and fields"},
    )
    return permission


@pytest.fixture
def make_staff(db, django_user_model):
    """A staff user with every add/change/view permission of the three apps, and optionally
    confidential access."""

    def make(username="staff", *, confidential=False, codenames=None):
        user = django_user_model.objects.create_user(username, password="x", is_staff=True)
        permissions = Permission.objects.filter(
            content_type__app_label__in=["people", "organizations", "cases"]
        ).exclude(codename="view_confidential")
        if codenames is not None:
            permissions = permissions.filter(codename__in=codenames)
        user.user_permissions.add(*permissions)
        if confidential:
            user.user_permissions.add(confidential_permission())
        return django_user_model.objects.get(pk=user.pk)  # fresh permission cache

    return make
