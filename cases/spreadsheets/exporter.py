"""Export every row of one kind a staff member may see, in the import format.

Staff without confidential access (core.access) get no confidential row, no column of a
model's CONFIDENTIAL_FIELDS, no row whose key names a confidential row, and empty cells
or shorter lists where a row links to a confidential one; importing such a file keeps
those links (see columns.py). Rows are read in chunks, so memory stays bounded.
"""

import tempfile
from collections.abc import Iterator

from cases.spreadsheets.formats import csv_chunks, write_xlsx
from cases.spreadsheets.kinds import Kind
from core.access import can_see_confidential

CHUNK = 1000


def may_export(user, kind: Kind) -> bool:
    opts = kind.model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def reveal_for(user) -> bool:
    return can_see_confidential(user)


def export_columns(kind: Kind, reveal: bool) -> list:
    return [column for column in kind.columns if reveal or not column.confidential]


def export_rows(kind: Kind, reveal: bool) -> tuple[list[str], Iterator[list]]:
    """The header and, lazily, every row's cells."""
    columns = export_columns(kind, reveal)

    def rows():
        for instance in kind.export_queryset(reveal).iterator(chunk_size=CHUNK):
            yield [column.export(instance, reveal) for column in columns]

    return [column.name for column in columns], rows()


def csv_stream(kind: Kind, reveal: bool) -> Iterator[str]:
    header, rows = export_rows(kind, reveal)
    return csv_chunks(header, ([str(cell) for cell in row] for row in rows))


def write_file(path, kind: Kind, reveal: bool) -> None:
    """Write an export to a path; the format follows the extension (.xlsx, else CSV)."""
    if str(path).lower().endswith(".xlsx"):
        header, rows = export_rows(kind, reveal)
        write_xlsx(path, header, rows, title=kind.name)
        return
    with open(path, "w", encoding="utf-8", newline="") as file:
        for chunk in csv_stream(kind, reveal):
            file.write(chunk)


def xlsx_tempfile(kind: Kind, reveal: bool):
    """An XLSX export in an anonymous temporary file, rewound, for a download response."""
    file = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the response closes it
    header, rows = export_rows(kind, reveal)
    write_xlsx(file, header, rows, title=kind.name)
    file.seek(0)
    return file
