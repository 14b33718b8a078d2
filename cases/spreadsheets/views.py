"""The staff pages: upload a file, see its dry run, then import it; download exports.

The uploaded file is kept in a private server-side folder under a random name; the
"Import" button sends back a signed token naming it (with the kind and the user), so the
same bytes that were previewed are imported, without a second upload. Tokens expire
after an hour; stored files are deleted once imported and swept after a day. With
several application servers, the folder must be shared (SPREADSHEET_UPLOAD_DIR).
"""

import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from cases.spreadsheets.catalog import KINDS, kind_from_filename, kind_named
from cases.spreadsheets.exporter import csv_stream, may_export, reveal_for, xlsx_tempfile
from cases.spreadsheets.importer import import_file
from cases.spreadsheets.report import OUTCOMES

SALT = "cases.spreadsheets.import"
TOKEN_MAX_AGE = 3600
SWEEP_AFTER = 24 * 3600
MAX_BYTES = 50 * 1024 * 1024
EXTENSIONS = (".csv", ".txt", ".xlsx")
TEMPLATE = "admin/spreadsheets/import.html"


def upload_dir() -> Path:
    default = Path(tempfile.gettempdir()) / "casetracker-imports"
    folder = Path(getattr(settings, "SPREADSHEET_UPLOAD_DIR", default))
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _sweep(folder: Path) -> None:
    limit = time.time() - SWEEP_AFTER
    for path in folder.glob("*.upload"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def may_import(user, kind) -> bool:
    opts = kind.model._meta
    return user.has_perm(f"{opts.app_label}.add_{opts.model_name}")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("A CSV (UTF-8, comma or semicolon) or XLSX file; one kind of row per file."),
    )
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        required=False,
        help_text=_(
            "Leave on “from the file name” for files named like people.csv or detentions-2024.xlsx."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        allowed = [(k.name, k.name.replace("_", " ").capitalize()) for k in KINDS]
        allowed = [(name, label) for name, label in allowed if may_import(user, kind_named(name))]
        self.fields["kind"].choices = [("", _("From the file name")), *allowed]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(_("Choose a .csv or .xlsx file."))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; split it into parts."))
        return upload

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        kind = kind_named(data["kind"]) if data.get("kind") else None
        if upload is not None and kind is None:
            kind = kind_from_filename(upload.name)
            if kind is None:
                self.add_error(
                    "kind",
                    _("The file name “%(name)s” does not say what the file holds; choose it here.")
                    % {"name": upload.name},
                )
        if kind is not None and not may_import(self.user, kind):
            self.add_error("kind", _("Your account may not add %(rows)s.") % {"rows": kind.plural})
        data["kind"] = kind
        return data


def _store(upload) -> str:
    folder = upload_dir()
    _sweep(folder)
    name = f"{secrets.token_urlsafe(24)}.upload"
    with open(folder / name, "wb") as file:
        for chunk in upload.chunks():
            file.write(chunk)
    return name


def _stored_path(name: str) -> Path:
    path = upload_dir() / Path(name).name  # never outside the folder
    if not path.is_file():
        raise FileNotFoundError(name)
    return path


def _context(request, **extra) -> dict:
    exports = [
        (kind.name, kind.name.replace("_", " ").capitalize())
        for kind in KINDS
        if may_export(request.user, kind)
    ]
    return {
        **admin.site.each_context(request),
        "title": _("Import a spreadsheet"),
        "exports": exports,
        "outcomes": OUTCOMES,
        **extra,
    }


def import_view(request):
    """Upload → dry-run preview → Import (re-using the stored upload) → result."""
    if not any(may_import(request.user, kind) for kind in KINDS):
        raise PermissionDenied
    if request.method == "POST" and "token" in request.POST:
        return _import(request)
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, TEMPLATE, _context(request, form=form))
    upload, kind = form.cleaned_data["file"], form.cleaned_data["kind"]
    stored = _store(upload)
    report = import_file(
        _stored_path(stored), kind, user=request.user, dry_run=True, filename=upload.name
    )
    token = ""
    if report.ok:
        payload = {"file": stored, "kind": kind.name, "user": request.user.pk, "name": upload.name}
        token = signing.dumps(payload, salt=SALT)
    else:
        _stored_path(stored).unlink(missing_ok=True)
    context = _context(request, form=ImportForm(user=request.user), report=report, token=token)
    return TemplateResponse(request, TEMPLATE, context)


def _import(request):
    form = ImportForm(user=request.user)
    try:
        payload = signing.loads(request.POST["token"], salt=SALT, max_age=TOKEN_MAX_AGE)
        if payload["user"] != request.user.pk:
            raise signing.BadSignature
        path = _stored_path(payload["file"])
    except (signing.BadSignature, FileNotFoundError, KeyError):
        expired = _(
            "This preview has expired or was already imported. Upload the file again to see "
            "a new preview."
        )
        return TemplateResponse(request, TEMPLATE, _context(request, form=form, expired=expired))
    kind = kind_named(payload["kind"])
    if not may_import(request.user, kind):
        raise PermissionDenied
    try:
        report = import_file(path, kind, user=request.user, dry_run=False, filename=payload["name"])
    finally:
        path.unlink(missing_ok=True)
    return TemplateResponse(request, TEMPLATE, _context(request, form=form, report=report))


def export_view(request, kind: str, fmt: str):
    found = kind_named(kind)
    if found is None or fmt not in ("csv", "xlsx"):
        raise Http404("No such export.")
    if not may_export(request.user, found):
        raise PermissionDenied
    reveal = reveal_for(request.user)
    filename = f"{found.name}.{fmt}"
    if fmt == "xlsx":
        return FileResponse(xlsx_tempfile(found, reveal), as_attachment=True, filename=filename)
    response = StreamingHttpResponse(
        csv_stream(found, reveal), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
