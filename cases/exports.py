"""Streamed CSV and JSON exports of a public search: every matching case, not one page."""

import json

from django.http import Http404, StreamingHttpResponse

from cases.search import SearchRequest
from cases.spreadsheets.formats import csv_chunks
from core.public import public_value

# The exported columns: public fields only, plus the permalink and the public dates.
EXPORT_FIELDS = (
    "title", "status", "host_country", "origin_country", "people_count", "charges", "tags",
    "summary",
)  # fmt: skip
CHUNK = 2000


def _rows(request, data):
    columns = [
        "last_activity", "public_updated_at", "case__slug",
        *(f"case__{name}" for name in EXPORT_FIELDS),
    ]  # fmt: skip
    documents = SearchRequest.from_params(data).documents().select_related("case").only(*columns)
    documents = documents.iterator(chunk_size=CHUNK)
    for doc in documents:
        case = doc.case
        row = {"permalink": request.build_absolute_uri(case.get_absolute_url())}
        for name in EXPORT_FIELDS:
            value = public_value(case, name)
            if name == "tags":
                value = list(value or [])
            elif value is None:
                value = ""
            row[name] = value
        # When public content last changed: the case's own updated_at moves with internal edits.
        row["updated_at"] = doc.public_updated_at.isoformat() if doc.public_updated_at else ""
        row["last_activity"] = doc.last_activity.isoformat() if doc.last_activity else ""
        yield row


def _csv(rows):
    header = ["permalink", *EXPORT_FIELDS, "updated_at", "last_activity"]
    lines = ({**row, "tags": "; ".join(row["tags"])} for row in rows)
    yield from csv_chunks(header, ([line[name] for name in header] for line in lines))


def _json(rows):
    yield "[\n"
    for number, row in enumerate(rows):
        yield ("" if number == 0 else ",\n") + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


FORMATS = {
    "csv": (_csv, "text/csv; charset=utf-8"),
    "json": (_json, "application/json"),
}


def export(request, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown export format")
    render, content_type = FORMATS[fmt]
    response = StreamingHttpResponse(render(_rows(request, request.GET)), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="cases.{fmt}"'
    return response
