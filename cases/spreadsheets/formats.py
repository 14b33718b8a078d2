"""Reading and writing CSV and XLSX files row by row, so memory stays bounded.

CSV: UTF-8 with or without a byte-order mark; comma, semicolon or tab, detected from the
header line. XLSX: the first sheet, read with openpyxl's read-only mode; dates typed as
dates keep the precision their display format shows (a cell shown as "Jun-10" is a month).
"""

import codecs
import csv
import itertools
import re
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.utils.translation import gettext

from cases.spreadsheets.values import FORMULA_START, DateCell

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (",", ";", "\t")
ROWS_PER_WARNING_GUARD = 500
# Characters XML (and so XLSX) cannot hold.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is shown to staff."""


@dataclass
class Sheet:
    header: list[str]
    rows: Iterator[tuple[int, list]]  # (row number as a spreadsheet shows it, cells)


def _check_utf8(path) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as file:
        try:
            while chunk := file.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise FileProblem(
                gettext(
                    "The file is not saved as UTF-8 text. In Excel choose File › Save As › "
                    "'CSV UTF-8 (Comma delimited)'; in LibreOffice tick 'Edit filter settings' "
                    "and choose 'Unicode (UTF-8)'."
                )
            ) from None


def _csv_rows(path) -> Iterator[list]:
    with open(path, encoding="utf-8-sig", newline="") as file:
        first = file.readline()
        delimiter = max(DELIMITERS, key=first.count)
        yield from csv.reader(itertools.chain([first], file), delimiter=delimiter)


def _cell(cell):
    value = cell.value
    if getattr(cell, "is_date", False) and hasattr(value, "year"):
        fmt = (cell.number_format or "").lower()
        # A date shown without a day ("mmm-yy") is a month; shown as "yyyy", a year.
        if "d" in fmt or ("m" not in fmt and "y" not in fmt):
            precision = "day"
        else:
            precision = "month" if "m" in fmt else "year"
        date = value.date() if hasattr(value, "date") else value
        return DateCell(date, precision)
    return value


def _xlsx_rows(path) -> Iterator[list]:
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions it skips
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows()
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                block = list(itertools.islice(rows, ROWS_PER_WARNING_GUARD))
            if not block:
                return
            for row in block:
                yield [_cell(cell) for cell in row]
    finally:
        workbook.close()


def _is_blank(cells) -> bool:
    return all(cell is None or str(cell).strip() == "" for cell in cells)


@contextmanager
def open_sheet(path):
    """The header and numbered rows of a CSV or XLSX file; blank rows are skipped."""
    with open(path, "rb") as file:
        magic = file.read(4)
    if magic == XLS_MAGIC:
        raise FileProblem(
            gettext("This is an old Excel (.xls) file; save it as .xlsx or as 'CSV UTF-8' first.")
        )
    if magic == XLSX_MAGIC:
        raw = _xlsx_rows(path)
    else:
        _check_utf8(path)
        raw = _csv_rows(path)
    try:
        numbered = ((number, cells) for number, cells in enumerate(raw, start=1))
        numbered = ((n, cells) for n, cells in numbered if not _is_blank(cells))
        try:
            _, header = next(numbered)
        except StopIteration:
            raise FileProblem(
                gettext("The file is empty: it needs a header row and data rows.")
            ) from None
        except csv.Error as error:
            raise FileProblem(
                gettext("The file is not valid CSV: %(error)s.") % {"error": error}
            ) from None
        except Exception as error:
            raise FileProblem(
                gettext("The spreadsheet cannot be read: %(error)s.") % {"error": error}
            ) from None
        header = [str(cell).strip() if cell is not None else "" for cell in header]
        while header and not header[-1]:
            header.pop()
        yield Sheet(header, numbered)
    finally:
        raw.close()


class Echo:
    """A file-like object whose write() hands the line back, for csv.writer streaming."""

    def write(self, value):
        return value


def formula_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_chunks(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV text line by line; the byte-order mark makes Excel read UTF-8."""
    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([formula_safe(value) for value in row])


def write_xlsx(target, header: list[str], rows: Iterable[list], title: str = "data") -> None:
    """An XLSX file written row by row (openpyxl write-only mode); text is never a formula."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, ILLEGAL_XML.sub("", value))
                cell.data_type = "s"
                value = cell
            cells.append(value)
        sheet.append(cells)
    workbook.save(target)
