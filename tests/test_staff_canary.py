"""Staff-side canary: plant a unique marker in everything confidential, then read every admin
page as staff without confidential access and find none of them.

Markers go into every text field (and a unique date into every date field) of confidential
rows: rows whose visibility is confidential and rows that name one through a foreign key
(core.confidential), and into every confidential field (CONFIDENTIAL_FIELDS) of the rows
those staff do see. Then, as an Editor and as a Publisher, the scan reads what the admin
serves, found from the admin site's own registry and the models' fields: the index, every
change list with each of its links (filters, sorting, date drill-down) and a search for
every marker, every add, change, delete and history page of every row (with the signed
`row_state` snapshots decoded), "View on site" for every row, every autocomplete endpoint
with every marker as its term, change-list filters on confidential fields and on links to
confidential rows, the import preview of files that collide with confidential rows (as a
confidential row exports, and marked internal as these staff can), every export, and a
stale form refused after someone with confidential access changed a confidential field.
No marker may appear in any body or header, and nothing may differ
between a confidential match and no match at all.
"""

import contextlib
import datetime
import io
import itertools
import json
import logging
import re
import time
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.db.models import ProtectedError
from django.http import QueryDict
from django.utils.dateformat import format as date_format

from accounts.roles import CONFIDENTIAL_ACCESS, EDITOR, PUBLISHER
from cases.models import (
    RECORD_MODELS,
    Acknowledgement,
    AppealLevel,
    Case,
    CaseSubject,
    EventKind,
    Hiding,
    PublicationState,
    Source,
)
from cases.spreadsheets.catalog import KINDS
from core.classification import classified_models, classify
from core.confidential import confidential_fields, confidential_rows, has_visibility
from core.locking import SALT as ROW_STATE_SALT
from core.models import Visibility
from organizations.models import Affiliation, Organization
from people.models import ContactDetail, NameVariant, Person, Relation
from tests.admin_helpers import AdminPage, admin_url, page_errors

D = datetime.date
CONFIDENTIAL = Visibility.CONFIDENTIAL
MARKER = re.compile(r"Wkz\d+Leak", re.IGNORECASE)
# A term no row holds, the "no match" every confidential match must look like.
NO_MATCH = "Wkz0Leak"
# Substrings every marker shares: one search finds every row holding any marker.
COMMON = ("Leak", "Wkz")


class Planted:
    """The markers and marker dates planted, each with where it went."""

    def __init__(self):
        self.numbers = itertools.count(1)
        self.texts: dict[str, str] = {}
        self.dates: dict[D, str] = {}
        self.day = D(1901, 3, 13)

    def text(self, where: str) -> str:
        token = f"Wkz{next(self.numbers)}Leak"
        self.texts[token.lower()] = where
        return token

    def date(self, where: str) -> D:
        # Each later than the one before, so a row's dates keep their order (start ≤ end).
        self.day += datetime.timedelta(days=41)
        self.dates[self.day] = where
        return self.day

    def value(self, field, where: str):
        if isinstance(field, models.DateField):
            return self.date(where)
        token = self.text(where)
        if isinstance(field, models.URLField):
            return f"https://example.org/{token}"
        if isinstance(field, models.EmailField):
            return f"{token}@example.org"
        return token

    def date_pattern(self) -> re.Pattern:
        if getattr(self, "_pattern_of", None) == len(self.dates):
            return self._pattern
        forms = {}
        for day, where in self.dates.items():
            for shape in ("Y-m-d", "d.m.Y", "N j, Y", "F j, Y", "j F Y", "j N Y", "M j, Y"):
                forms[date_format(day, shape)] = where
        self.date_forms, self._pattern_of = forms, len(self.dates)
        self._pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len)[::-1]))
        return self._pattern

    def found(self, text: str) -> set[str]:
        where = {self.texts.get(m.lower(), m.lower()) for m in MARKER.findall(text)}
        where |= {self.date_forms[m] for m in self.date_pattern().findall(text)}
        return where


def markable(field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField | models.DateField)
        and not isinstance(field, models.DateTimeField)
        and not field.choices
        and not field.generated
    )


def plant(planted: Planted, model, classes: set[str], **values):
    """Create a row with a marker in every markable field of `classes` not given in values."""
    classification = classify(model)
    for field in model._meta.concrete_fields:
        if field.name not in values and markable(field) and classification[field.name] in classes:
            values[field.name] = planted.value(field, f"{model.__name__}.{field.name}")
    return model.objects.create(**values)


EVERYTHING = {"public", "internal", "confidential"}
ONLY_CONFIDENTIAL = {"confidential"}


def record_values(model, org, person, dated=True) -> dict:
    """Required fields of each record kind that plant() does not fill (nor, when not
    `dated`, the dates that it does)."""
    day = D(2011, 6, 9) if dated else None
    values = {
        "Detention": {"started_on": day},
        "AsylumDecision": {"authority": org},
        "Appeal": {"body": org, "level": AppealLevel.DOMESTIC_COURT},
        "Extradition": {"from_country": "KZ", "to_country": "UZ"},
        "Statement": {"organization": org, "speaker": person, "made_on": day},
        "Event": {"kind": EventKind.PROTEST, "started_on": day},
    }[model.__name__]
    return {name: value for name, value in values.items() if value is not None}


def build_world(planted: Planted):
    """Visible rows (their confidential fields marked) and confidential rows beside them."""
    p = planted
    visible = {"visibility": Visibility.INTERNAL}
    org = plant(p, Organization, ONLY_CONFIDENTIAL, name="Human Rights Watch", slug="hrw",
                kind="ngo", visibility=Visibility.PUBLIC)  # fmt: skip
    person = plant(p, Person, ONLY_CONFIDENTIAL, display_name="Toirjon Abdussamatov",
                   slug="toirjon", **visible)  # fmt: skip
    other = plant(p, Person, ONLY_CONFIDENTIAL, display_name="Dilbek Karimov", slug="dilbek",
                  **visible)  # fmt: skip
    source = plant(p, Source, ONLY_CONFIDENTIAL, title="Forced returns illegal", **visible)
    case = plant(p, Case, ONLY_CONFIDENTIAL, title="Almaty asylum seekers", slug="almaty",
                 host_country="KZ", origin_country="UZ", summary="Extradited.",
                 publication_state=PublicationState.PUBLISHED)  # fmt: skip
    NameVariant.objects.create(person=person, text="Тоиржон Абдусаматов", visibility="public")
    plant(p, Affiliation, ONLY_CONFIDENTIAL, person=person, organization=org,
          role_title="Researcher", **visible)  # fmt: skip
    plant(p, Relation, ONLY_CONFIDENTIAL, person=person, relative=other, kind="spouse", **visible)
    plant(p, ContactDetail, ONLY_CONFIDENTIAL, person=person, kind="phone", **visible)
    CaseSubject.objects.create(case=case, person=person, role="detainee", **visible)

    # Confidential by their own visibility.
    hidden = {"visibility": CONFIDENTIAL}
    h_org = plant(p, Organization, EVERYTHING, slug=p.text("Organization.slug"), kind="police",
                  **hidden)  # fmt: skip
    h_person = plant(p, Person, EVERYTHING, slug=p.text("Person.slug"), **hidden)
    h_source = plant(p, Source, EVERYTHING, **hidden)
    plant(p, NameVariant, EVERYTHING, person=person, **hidden)  # a confidential alias
    plant(p, Affiliation, EVERYTHING, person=person, organization=org, **hidden)
    plant(p, Relation, EVERYTHING, person=person, relative=other, kind="child", **hidden)
    plant(p, ContactDetail, EVERYTHING, person=person, kind="email", **hidden)
    plant(p, CaseSubject, EVERYTHING, case=case, person=person, role="witness", **hidden)
    # A checklist item about a confidential row, acknowledged (its history on the case's).
    plant(p, Acknowledgement, EVERYTHING, case=case, moved_to="published", **hidden)
    # A person made confidential at once, and why (cases/hiding.py): the staff home's
    # "Recently hidden" lists it for publishers with confidential access only.
    plant(p, Hiding, EVERYTHING, case=case, content_type=ContentType.objects.get_for_model(Person),
          object_id=h_person.pk, how="confidential", **hidden)  # fmt: skip
    # Confidential because they name a confidential row.
    plant(p, NameVariant, EVERYTHING, person=h_person, visibility="public")
    plant(p, Affiliation, EVERYTHING, person=h_person, organization=org, **visible)
    plant(p, Affiliation, EVERYTHING, person=person, organization=h_org, **visible)
    plant(p, Relation, EVERYTHING, person=person, relative=h_person, kind="parent", **visible)
    plant(p, ContactDetail, EVERYTHING, person=h_person, kind="phone", **visible)
    plant(p, CaseSubject, EVERYTHING, case=case, person=h_person, role="relative", **visible)
    plant(p, Source, EVERYTHING, publisher=h_org, **visible)

    for model in RECORD_MODELS:
        record = plant(p, model, ONLY_CONFIDENTIAL, case=case, summary="Public fact.",
                       **record_values(model, org, person), **visible)  # fmt: skip
        record.people.add(person, h_person)  # a link to a confidential person
        record.sources.add(source, h_source)
        plant(p, model, EVERYTHING, case=case, **record_values(model, org, person, False),
              **hidden)  # fmt: skip
        # One row for each foreign key that can name a confidential row.
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model in (Organization, Person):
                target = h_org if field.related_model is Organization else h_person
                values = {**record_values(model, org, person, False), field.name: target}
                plant(p, model, EVERYTHING, case=case, **values, **visible)
    with transaction.atomic():  # an update, for the history views to show
        person.birth_date = p.date("Person.birth_date")
        person.save()
    return {"case": case, "person": person, "org": org, "source": source}


def log_admin_actions(user, objects):
    """The admin log entries the admin writes when these rows are added through it: each
    row's own, and its parent's "Added … “…”" when it was added inline."""
    for obj in objects:
        LogEntry.objects.log_actions(
            user.pk, [obj], ADDITION, change_message=[{"added": {}}], single_object=True
        )
        for field in obj._meta.concrete_fields:
            parent = getattr(obj, field.name) if field.many_to_one else None
            if parent is not None and admin.site.is_registered(type(parent)):
                message = [{"added": {"name": str(obj._meta.verbose_name), "object": str(obj)}}]
                LogEntry.objects.log_actions(
                    user.pk, [parent], CHANGE, change_message=message, single_object=True
                )


def planted_rows():
    """Every row of every classified model that holds a marker."""
    for model in classified_models():
        if model._meta.abstract or model._meta.managed is False:
            continue
        hidden = confidential_rows(model)
        if hidden is not None:
            yield from model._base_manager.filter(hidden)
        if confidential_fields(model) and has_visibility(model):
            yield from model._base_manager.exclude(hidden)


def assert_everything_planted(planted: Planted):
    """A new model with a visibility, or a new confidential field, needs planting here."""
    for model in classified_models():
        hidden = confidential_rows(model)
        if hidden is not None:
            assert model._base_manager.filter(hidden).exists(), f"no confidential {model}"
        for name in confidential_fields(model):
            field = model._meta.get_field(name)
            if hidden is not None and markable(field):
                shown = model._base_manager.exclude(hidden).values_list(name, flat=True)
                marked = [v for v in shown if v in planted.dates or MARKER.fullmatch(str(v))]
                assert marked, f"no visible {model.__name__} with a marked {name}"


# Reading responses.

ROW_STATE = re.compile(r'name="(?:[\w-]+-)?row_state" value="([^"]*)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def content(response) -> str:
    """Body and headers, with signed row snapshots decoded beside themselves."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw.startswith(b"PK"):  # an XLSX file
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(raw), read_only=True).active
        text = "\n".join(",".join(str(c) for c in row) for row in sheet.iter_rows(values_only=True))
    else:
        text = raw.decode()
    decoded = []
    for value in ROW_STATE.findall(text):
        try:
            decoded.append(json.dumps(signing.loads(value, salt=ROW_STATE_SALT)))
        except signing.BadSignature:
            decoded.append(value)
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return "\n".join([headers, text, *decoded])


def comparable(response, *terms) -> tuple:
    """What a response tells apart: status, redirect and body, without the request's own
    terms (echoed queries, ids) and tokens."""
    text = CSRF.sub("", content(response))
    text = re.sub(r"^(Content-Length|Set-Cookie|Expires|Date):.*$", "", text, flags=re.MULTILINE)
    for term in sorted(map(str, terms), key=len, reverse=True):
        text = re.sub(re.escape(term), "<TERM>", text, flags=re.IGNORECASE)
    return response.status_code, text


class Scan:
    def __init__(self, client, planted: Planted, role: str):
        self.client, self.planted, self.role = client, planted, role
        self.leaks: list[str] = []
        self.requests = 0

    def get(self, url, data=None, **kwargs):
        self.requests += 1
        response = self.client.get(url, data, **kwargs)
        where = url if data is None else f"{url}?{urlencode(data)}"
        self.check(response, where, echoed=where)
        return response

    def check(self, response, where: str, echoed: str = ""):
        """No marker in the response, except those the request itself sent (`echoed`)."""
        assert response.status_code < 500, (where, response.status_code)
        found = self.planted.found(content(response)) - self.planted.found(echoed)
        if found:
            self.leaks.append(f"{self.role} {where} shows {sorted(found)}")

    def differ(self, what: str, match, no_match):
        if match != no_match:
            self.leaks.append(f"{self.role} {what} differs from no match")


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def changelist_links(scan, model, url):
    """The change list and every page its links lead to (filters, counts, dates), but for
    options of fixed choices that no row holds (a language nobody wrote in finds nothing)."""
    response = scan.get(url)
    if response.status_code != 200:
        return
    page = re.findall(r'href="(\?[^"#]*)"', response.content.decode())
    links = {link.replace("&amp;", "&") for link in page}
    cl = response.context["cl"]
    for spec in cl.filter_specs:
        if not isinstance(spec, admin.ChoicesFieldListFilter):
            continue
        held = {str(value) for value in model._base_manager.values_list(spec.field_path, flat=1)}
        for choice in spec.choices(cl):
            value = QueryDict(choice["query_string"][1:]).get(spec.lookup_kwarg)
            if value is not None and value not in held:
                links.discard(choice["query_string"])
    for link in sorted(links):
        # Sorting and paging show the same rows.
        if set(QueryDict(link[1:])) - {"o", "p", "all"}:
            scan.get(url + link)


def result_ids(response):
    cl = response.context["cl"] if response.context and "cl" in response.context else None
    if cl is None:
        return response.status_code, response.get("Location")
    return response.status_code, cl.result_count, sorted(obj.pk for obj in cl.result_list)


def scan_change_lists(scan):
    """Each list with its filters, and searched for the markers: through the page for the
    substrings every marker shares, through the admin's own search for each marker."""
    for model, model_admin in registered():
        url = admin_url(model, "changelist")
        changelist_links(scan, model, url)
        nothing = result_ids(scan.get(url, {"q": NO_MATCH}))
        for term in COMMON:
            scan.differ(f"{url}?q={term}", result_ids(scan.get(url, {"q": term})), nothing)
        if not model_admin.has_view_permission(scan.request):
            continue
        queryset = model_admin.get_queryset(scan.request)
        for term in [NO_MATCH, *scan.planted.texts]:
            found, _ = model_admin.get_search_results(scan.request, queryset, term)
            ids = sorted(found.values_list("pk", flat=True).distinct())
            if term == NO_MATCH:
                nothing = ids
            scan.differ(f"{url}?q= ({scan.planted.texts.get(term)})", ids, nothing)


def lookups_of(field) -> list[tuple[str, str, str]]:
    """(lookup, matching value, non-matching value) for filtering on a field."""
    if isinstance(field, models.DateField):
        return [
            ("", "{}", "1800-01-02"), ("__year", "{.year}", "1800"),
            ("__gte", "1900-01-01", "2999-01-01"), ("__lte", "2999-01-01", "1800-01-01"),
            ("__month", "{.month}", "13"), ("__isnull", "False", "True"),
        ]  # fmt: skip
    return [
        ("", "{}", NO_MATCH), ("__icontains", "{}", NO_MATCH), ("__startswith", "{}", NO_MATCH),
        ("__isnull", "False", "True"),
    ]  # fmt: skip


def scan_confidential_filters(scan):
    """Change lists filtered on confidential fields and on links to confidential rows."""
    for model, _ in registered():
        url = admin_url(model, "changelist")
        paths = [("", model)]  # and one step through each foreign key
        paths += [(f"{f.name}__", f.related_model) for f in model._meta.get_fields()
                  if f.is_relation and f.related_model is not None and f.concrete]  # fmt: skip
        for prefix, target in paths:
            for name in confidential_fields(target):
                field = target._meta.get_field(name)
                if not markable(field):
                    continue
                values = target._base_manager.exclude(**{name: None}).values_list(name, flat=True)
                value = next(iter(values), None)
                if value is None:
                    continue
                for lookup, matching, other in lookups_of(field)[: None if not prefix else 1]:
                    key = prefix + name + lookup
                    match = scan.get(url, {key: matching.format(value)})
                    no_match = scan.get(url, {key: other})
                    scan.differ(f"{url}?{key}=", result_ids(match), result_ids(no_match))
        for field in model._meta.get_fields():
            hidden = confidential_rows(field.related_model) if field.is_relation else None
            if hidden is None or not field.concrete:
                continue
            missing = scan.get(url, {field.name: 10**9})
            for pk in field.related_model._base_manager.filter(hidden).values_list("pk", flat=1):
                match = scan.get(url, {field.name: pk})
                scan.differ(f"{url}?{field.name}={pk}", result_ids(match), result_ids(missing))


def scan_objects(scan):
    """Every page of every row, visible or not; a hidden row answers like a missing one."""
    for model, model_admin in registered():
        scan.get(admin_url(model, "add"))
        content_type = ContentType.objects.get_for_model(model)
        ids = list(model._base_manager.values_list("pk", flat=True))
        missing = max(ids, default=0) + 1000
        views = [
            f"/admin/{model._meta.app_label}/{model._meta.model_name}/{{}}/{view}/"
            for view in ("change", "history", "changes", "delete")
        ]
        views.append(f"/admin/r/{content_type.pk}/{{}}/")
        visible = set(model_admin.get_queryset(scan.request).values_list("pk", flat=True))
        for view in views:
            nothing = comparable(scan.get(view.format(missing)), view.format(missing))
            for pk in ids:
                url = view.format(pk)
                response = scan.get(url)
                if pk not in visible:
                    scan.differ(url, comparable(response, url), nothing)


def autocomplete_endpoints():
    """(app_label, model_name, field_name) of every autocomplete widget of the admin."""
    seen = set()
    for model, model_admin in registered():
        owners = [(model, model_admin)]
        owners += [(inline.model, inline(model, admin.site)) for inline in model_admin.inlines]
        for owner, owner_admin in owners:
            for name in owner_admin.autocomplete_fields:
                seen.add((owner._meta.app_label, owner._meta.model_name, name))
    return sorted(seen)


def scan_autocomplete(scan):
    """Every endpoint searched for the substrings every marker shares; each marker searched
    on one endpoint of each model (the endpoints of a model share its admin's search)."""
    searched = set()
    for app_label, model_name, field_name in autocomplete_endpoints():
        target = apps.get_model(app_label, model_name)._meta.get_field(field_name).related_model
        where = {"app_label": app_label, "model_name": model_name, "field_name": field_name}
        terms = [*COMMON] if target in searched else [*COMMON, *scan.planted.texts]
        searched.add(target)

        def ask(term, where=where):
            response = scan.get("/admin/autocomplete/", {**where, "term": term})
            if response.status_code != 200:
                return response.status_code, response.content
            return [row["id"] for row in response.json()["results"]]

        nothing = ask(NO_MATCH)
        for term in terms:
            what = scan.planted.texts.get(term, term)
            scan.differ(f"autocomplete {model_name}.{field_name} ({what})", ask(term), nothing)


def import_report(scan, kind, header, row):
    """The preview of a one-row file of `kind`: its outcome and problems, as text."""
    buffer = io.StringIO()
    import csv

    csv.writer(buffer).writerows([header, row])
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = f"{kind.name}.csv"
    scan.requests += 1
    response = scan.client.post("/admin/import/", {"file": upload, "kind": kind.name})
    scan.check(response, f"import preview of {kind.name}", echoed=buffer.getvalue())
    report = response.context.get("report") if response.context else None
    if report is None:
        return response.status_code, str(response.context and response.context.get("form").errors)
    return dict(report.counts), [str(problem) for problem in report.problems]


def remove(instance):
    """The row gone, or, when other rows protect it, its texts (keys included) changed."""
    try:
        with transaction.atomic():
            type(instance)._base_manager.filter(pk=instance.pk).delete()
    except ProtectedError:
        fields = instance._meta.concrete_fields
        texts = {f.name: f"moved{instance.pk}" for f in fields if markable(f) and f.max_length}
        type(instance)._base_manager.filter(pk=instance.pk).update(**texts)


def scan_imports(scan):
    """Files that name a confidential row's key preview as if that row did not exist."""
    for kind in KINDS:
        hidden = confidential_rows(kind.model)
        if hidden is None:
            continue
        columns = [column for column in kind.columns if not column.confidential]
        pks = set(kind.model._base_manager.filter(hidden).values_list("pk", flat=True))
        instances = kind.export_queryset(True).filter(pk__in=pks)
        header = [column.name for column in columns]
        for instance in instances:
            exported = [str(column.export(instance, True)) for column in columns]
            files = [exported]
            if "visibility" in header:  # and as staff without access can mark it
                internal = list(exported)
                internal[header.index("visibility")] = Visibility.INTERNAL
                files.append(internal)
            for cells in files:
                match = import_report(scan, kind, header, cells)
                with transaction.atomic():
                    remove(instance)
                    no_match = import_report(scan, kind, header, cells)
                    transaction.set_rollback(True)
                scan.differ(f"import preview of {kind.name} {cells}", match, no_match)


def form_errors(response) -> tuple:
    if response.status_code != 200 or not response.context:
        return response.status_code, response.get("Location")
    return response.status_code, [sorted(e.items()) for e in page_errors(response)]


def scan_add_forms(scan):
    """An add form filled in as a confidential row is answered as if that row did not exist
    (no "already exists" for its slug, no "already has this spelling" for its name)."""
    for model, model_admin in registered():
        hidden = confidential_rows(model)
        if hidden is None or not model_admin.has_add_permission(scan.request):
            continue
        url = admin_url(model, "add")
        for row in model._base_manager.filter(hidden):
            page = AdminPage(scan.client, url)
            for name in list(page.data):
                try:
                    field = model._meta.get_field(name)
                except FieldDoesNotExist:
                    continue
                value = getattr(row, name).all() if field.many_to_many else getattr(row, name)
                page.set(**{name: value})
            if "visibility" in page.data:
                page.set(visibility=Visibility.INTERNAL)  # what staff without access can choose
            # Each answer from the same data: a saved copy of the row would clash with the next.
            with transaction.atomic():
                match = page.client.post(url, page.data)
                transaction.set_rollback(True)
            scan.check(match, f"add form of {url} filled as {row!r}", echoed=str(page.data))
            with transaction.atomic():
                remove(row)
                no_match = page.client.post(url, page.data)
                transaction.set_rollback(True)
            scan.requests += 3
            scan.differ(f"add form of {url} filled as {row!r}", form_errors(match),
                        form_errors(no_match))  # fmt: skip


def scan_exports(scan):
    for kind in KINDS:
        for fmt in ("csv", "xlsx"):
            scan.get(f"/admin/export/{kind.name}.{fmt}")


def scan_stale_forms(scan, confidential_client):
    """A stale form refused after someone changed a visible and a confidential field shows
    no confidential value; after a change to confidential fields alone it is saved (it
    carries none of them) and keeps that change."""
    tried = 0
    for model, model_admin in registered():
        hidden = confidential_fields(model)
        names = [n for n in hidden if markable(model._meta.get_field(n))]
        visible = [
            f.name
            for f in model._meta.concrete_fields
            if markable(f) and isinstance(f, models.TextField) and f.name not in hidden
        ]
        if not names or not visible:
            continue
        for obj in model_admin.get_queryset(scan.request)[:1]:
            url = admin_url(model, "change", obj.pk)
            for also_visible in (True, False):
                page = AdminPage(scan.client, url)
                changes = {
                    n: scan.planted.value(model._meta.get_field(n), f"{model.__name__}.{n}")
                    for n in names
                }
                if also_visible:
                    changes[visible[0]] = f"Changed meanwhile {tried}"
                saved = AdminPage(confidential_client, url).post(**changes)
                assert saved.status_code == 302, f"{url}: the confidential change was not saved"
                scan.requests += 2
                response = page.post()
                if also_visible:
                    assert response.status_code == 200, f"{url}: the stale form was saved"
                    scan.check(response, f"stale form of {url}")
                else:
                    assert response.status_code == 302, f"{url}: refused for what it hides"
                    current = model._base_manager.filter(pk=obj.pk).values(*names).get()
                    assert current == {n: getattr(type(obj)(**changes), n) for n in names}, (
                        f"{url}: the editor's save overwrote a confidential change"
                    )
                tried += 1
    assert tried, "no confidential field to change"


def scan_everything(client, confidential_client, planted, role):
    scan = Scan(client, planted, role)
    scan.request = fake_request(client.user)
    scan.get("/admin/")
    for part in (scan_change_lists, scan_confidential_filters, scan_objects, scan_autocomplete,
                 scan_imports, scan_add_forms, scan_exports):  # fmt: skip
        started, requests = time.perf_counter(), scan.requests
        part(scan)
        seconds = time.perf_counter() - started
        print(f"{part.__name__}: {scan.requests - requests} requests, {seconds:.1f} s")
    scan_stale_forms(scan, confidential_client)
    return scan


@contextlib.contextmanager
def quiet(*names):
    """No log record for each of the scan's expected 403s and 404s (formatting them is slow)."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def fake_request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


@pytest.mark.parametrize("role", [EDITOR, PUBLISHER])
def test_no_marker_reaches_staff_without_confidential_access(staff_user, role):
    planted = Planted()
    build_world(planted)
    assert_everything_planted(planted)
    confidential = staff_user([EDITOR, CONFIDENTIAL_ACCESS])
    log_admin_actions(confidential.user, list(planted_rows()))
    assert len(planted.texts) > 50

    started = time.perf_counter()
    with quiet("django.request", "django.security"):
        scan = scan_everything(staff_user([role]), confidential, planted, role)
    seconds = time.perf_counter() - started
    print(f"{role}: {scan.requests} requests in {seconds:.1f} s")
    assert scan.requests > 800
    assert not scan.leaks, f"{len(scan.leaks)} leaks:\n" + "\n".join(scan.leaks[:300])
