"""A file's header mapped to a kind's columns, and each row's cells parsed by them."""

from dataclasses import dataclass, field

from cases.spreadsheets.values import CellError, normal_name, text

SKIPPED = {"created_at", "updated_at", "archived_at"}


@dataclass
class Row:
    number: int
    cells: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (column or None, message)
    key: tuple | None = None
    existing: object = None
    instance: object = None
    before: object = None
    m2m: dict = field(default_factory=dict)
    m2m_before: dict = field(default_factory=dict)
    changed: set = field(default_factory=set)
    # (field, pks) of confidential rows whose slug gives way to this row's (core.unique)
    give_way: list = field(default_factory=list)

    def error(self, column, message) -> None:
        self.errors.append((column, str(message)))


def comparable(instance) -> dict:
    return {
        f.attname: f.get_prep_value(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.name not in SKIPPED and not f.generated and not f.primary_key
    }


class Header:
    """Which column each position of the file holds; unknown, repeated, missing columns."""

    def __init__(self, kind, names: list[str], reveal: bool):
        self.width = len(names)
        self.positions: list[tuple[int, object]] = []
        self.unnamed: set[int] = set()
        self.problems: list[tuple[str, str]] = []  # (column, message)
        found = set()
        for position, name in enumerate(names):
            if not name:
                self.unnamed.add(position)
                continue
            column = kind.by_name.get(normal_name(name))
            if column is None:
                known = ", ".join(c.name for c in kind.columns)
                self.problems.append((
                    name,
                    f"this is not a column of {kind.name} files; the columns are: {known}. "
                    "Rename or delete it (the docs list every column).",
                ))  # fmt: skip
            elif column.name in found:
                self.problems.append((name, "this column appears twice; keep one of them"))
            elif column.confidential and not reveal:
                self.problems.append((
                    name,
                    "only staff with confidential access may import this column; "
                    "delete the column (existing values are kept)",
                ))  # fmt: skip
            else:
                found.add(column.name)
                self.positions.append((position, column))
        self.missing = [name for name in kind.required if name not in found]
        for name in self.missing:
            self.problems.append((name, "this required column is missing from the header row"))
        self.columns = [column for _, column in self.positions]

    def parse(self, number: int, cells: list) -> Row:
        row = Row(number)
        for position in self.unnamed:
            if position < len(cells) and text(cells[position]):
                row.error(None, f"cell {position + 1} has a value but its column has no name")
        if len(cells) > self.width and any(text(cell) for cell in cells[self.width :]):
            row.error(None, "this row has more cells than the header row has columns")
        for position, column in self.positions:
            cell = cells[position] if position < len(cells) else None
            row.cells[column.name] = text(cell)
            try:
                row.values[column.name] = column.parse(cell)
            except CellError as error:
                row.error(column.name, error)
        return row
