"""Import one file of one kind: every row checked by the models' rules, all or nothing.

The file is read in batches of BATCH rows. Each row is parsed, its references resolved,
matched to an existing row by its key, assigned to a model instance and checked with
full_clean() (foreign keys are resolved here in bulk, unique and check constraints are
checked per batch, see constraints.py, so no row costs a query of its own). Valid batches
are written with bulk operations inside one transaction, which is rolled back when the
file has any problem, or always on a dry run: a dry run passes through the same database
constraints as the import, so a file that passes its dry run imports.
"""

import contextlib
import copy
import time
from collections.abc import Callable

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from cases.proposals import may_publish
from cases.public_state import public_among
from cases.spreadsheets.constraints import check_constraints
from cases.spreadsheets.formats import FileProblem, open_sheet
from cases.spreadsheets.kinds import Kind
from cases.spreadsheets.refs import Resolver
from cases.spreadsheets.report import Report, Sample
from cases.spreadsheets.rows import Header, Row, comparable
from cases.spreadsheets.values import CellError
from cases.spreadsheets.writer import UniqueChecker, Writer
from core.access import can_see_confidential
from core.models import Visibility

BATCH = 1000
PROGRESS_EVERY = 5000
FRIENDLY = {
    "blank": "this column may not be empty",
    "null": "this column may not be empty",
    "required": "this column may not be empty",
}
CONFIDENTIAL_REFUSED = _(
    "only staff with confidential access may mark a row confidential; choose public or internal"
)

SHOWS_MORE = _(
    "Rows %(rows)s add to or change what the public sees of a published case, which waits "
    "for a publisher: a publisher imports this file, or you make these changes on the "
    "case's page, where they are kept for review. Nothing was imported."
)

try:
    import pghistory
except ImportError:  # pragma: no cover - the history app installs it
    pghistory = None


class Importer:
    def __init__(
        self,
        kind: Kind,
        *,
        user=None,
        dry_run: bool = True,
        progress: Callable[[int, float], None] | None = None,
        batch: int = BATCH,
    ):
        self.kind, self.model, self.user = kind, kind.model, user
        self.dry_run, self.progress, self.batch = dry_run, progress, batch
        self.reveal = user is None or can_see_confidential(user)
        self.resolver = Resolver(self.reveal)
        self.seen: dict[tuple, int] = {}
        self.shown: dict = {}  # pk → file row, of rows written that may show more
        self.foreign_keys = [f for f in self.model._meta.concrete_fields if f.many_to_one]

    # The whole file -------------------------------------------------------------------

    def run(self, path, filename: str = "") -> Report:
        filename = filename or str(path)
        self.report = Report(filename, self.kind.name, self.dry_run)
        self.started = time.perf_counter()
        context = (
            pghistory.context(user=getattr(self.user, "pk", None), import_file=filename)
            if pghistory
            else contextlib.nullcontext()
        )
        nested = connection.in_atomic_block
        try:
            with context, transaction.atomic():
                # Foreign keys are checked as each batch is written, not all at commit:
                # PostgreSQL rescans its queue of deferred checks at the end of every
                # statement, which made each batch slower than the one before.
                self._constraints("IMMEDIATE")
                self._check_permission()
                self._read(path)
                self._check_change_permission()
                self._check_publication()
                if nested:
                    self._constraints("DEFERRED")
                if self.dry_run or not self.report.ok:
                    transaction.set_rollback(True)
            self.report.written = not self.dry_run and self.report.ok
        except FileProblem as problem:
            self.report.problem(None, None, str(problem))
        self.report.seconds = time.perf_counter() - self.started
        return self.report

    @staticmethod
    def _constraints(mode: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"SET CONSTRAINTS ALL {mode}")

    def _check_permission(self) -> None:
        opts = self.model._meta
        permission = f"{opts.app_label}.add_{opts.model_name}"
        if self.user is not None and not self.user.has_perm(permission):
            raise FileProblem(f"Your account may not add {opts.verbose_name_plural}.")

    def _check_change_permission(self) -> None:
        opts = self.model._meta
        updated = self.report.counts["updated"]
        if self.user is None or not updated:
            return
        if not self.user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
            rows = ", ".join(str(s.row) for s in self.report.samples["updated"])
            self.report.problem(
                None,
                None,
                f"Your account may add {opts.verbose_name_plural} but not change them; "
                f"{updated} row(s) would change existing ones (rows {rows}…).",
            )

    def _check_publication(self) -> None:
        """Showing waits for a publisher (cases/proposals.py): a file of someone without
        the publish permission may not add to or change what a public surface shows
        (it may take rows off it). Checked on what was written, inside the transaction."""
        if self.user is None or may_publish(self.user) or not self.shown:
            return
        public = public_among(self.model, self.shown)
        rows = sorted(number for pk, number in self.shown.items() if pk in public)
        if rows:
            listed = ", ".join(map(str, rows[:10])) + ("…" if len(rows) > 10 else "")
            self.report.problem(None, None, str(SHOWS_MORE % {"rows": listed}))

    def _note_shown(self, row: Row) -> None:
        """Rows that add to or change a public part, if public once written."""
        watched = {*getattr(self.model, "PUBLIC_FIELDS", ()), "visibility"}
        if row.existing is None or row.changed & watched:
            self.shown[row.instance.pk] = row.number

    def _read(self, path) -> None:
        with open_sheet(path) as sheet:
            if not self._header(sheet.header):
                return
            self.writer = Writer(self.kind, self.columns)
            self.unique = UniqueChecker(self.model, self.reveal)
            batch: list = []
            rows = iter(sheet.rows)
            while True:
                try:
                    item = next(rows, None)
                except Exception as error:  # a broken CSV quote or XLSX part
                    message = f"The file cannot be read past row {self._last}: {error}"
                    raise FileProblem(message) from error
                if item is None:
                    break
                batch.append(item)
                self._last = item[0]
                if len(batch) >= self.batch:
                    self._batch(batch)
                    batch = []
            if batch:
                self._batch(batch)

    _last = 1

    def _header(self, names: list[str]) -> bool:
        self.header = Header(self.kind, names, self.reveal)
        for column, message in self.header.problems:
            self.report.problem(None, column, message)
        self.columns = self.header.columns
        self.choice_columns = [c for c in self.columns if c.checks_choices]
        return not self.header.missing

    # One batch ------------------------------------------------------------------------

    def _batch(self, raw: list) -> None:
        rows = [self.header.parse(number, cells) for number, cells in raw]
        self._resolve(rows)
        self._match(rows)
        existing = [row.existing for row in rows if row.existing is not None]
        for column in self.columns:
            column.prepare(existing, self.resolver)
        self.writer.load_links(rows, existing)
        for row in rows:
            self._build(row)
        self.unique.check([row for row in rows if not row.errors], self._column_of)
        for row in rows:
            self._classify(row)
        if self.report.ok:
            self.writer.write([row for row in rows if not row.errors], self._refused)
            for row in rows:
                if not row.errors and row.instance is not None and row.instance.pk is not None:
                    self._note_shown(row)
        done = self.report.rows
        self.report.rows += len(rows)
        if self.progress and done // PROGRESS_EVERY != self.report.rows // PROGRESS_EVERY:
            elapsed = time.perf_counter() - self.started
            self.progress(self.report.rows, self.report.rows / elapsed if elapsed else 0.0)

    def _resolve(self, rows: list[Row]) -> None:
        for column in self.columns:
            values = [r.values[column.name] for r in rows if r.values.get(column.name)]
            column.load(self.resolver, values)
            for row in rows:
                if column.name not in row.values:
                    continue
                try:
                    row.values[column.name] = column.resolve(row.values[column.name], self.resolver)
                except CellError as error:
                    del row.values[column.name]
                    row.error(column.name, error)

    def _match(self, rows: list[Row]) -> None:
        keyed = [r for r in rows if all(name in r.values for name in self.kind.key)]
        for row in keyed:
            key = self.kind.row_key(row.values)
            if key in self.seen:
                names = ", ".join(self.kind.key)
                row.error(
                    None,
                    f"this row has the same {names} as row {self.seen[key]}; "
                    f"a file may list each {self.kind.verbose_name} only once",
                )
            else:
                self.seen[key] = row.number
                row.key = key
        keyed = [r for r in keyed if r.key is not None]
        queryset = self.resolver.visible(self.model.objects.all())
        for row, found in zip(
            keyed, self.kind.find([r.values for r in keyed], queryset), strict=True
        ):
            if len(found) > 1:
                row.error(
                    None,
                    f"{len(found)} existing {self.kind.plural} have this "
                    f"{', '.join(self.kind.key)}; make them differ in the admin first, so "
                    "that the file can say which one it changes",
                )
            elif found:
                row.existing = found[0]

    def _build(self, row: Row) -> None:
        exists = row.existing is not None
        instance = row.existing if exists else self.model()
        if exists:
            row.before = copy.copy(instance)
            before = comparable(instance)
        for column in self.columns:
            if column.name in row.values and not column.many_to_many:
                try:
                    column.assign(instance, row.values[column.name], self.resolver, exists)
                except CellError as error:
                    row.error(column.name, error)
        for column, message in self.kind.finish(
            instance, row.values, row.cells, self.resolver, exists
        ).items():
            row.error(column, message)
        if not self.reveal and getattr(instance, "visibility", None) == Visibility.CONFIDENTIAL:
            # Not offered in the admin either: a confidential row is unique only among
            # confidential rows, so checking it would answer from rows they may not see.
            row.error("visibility", CONFIDENTIAL_REFUSED)
        self.writer.assign_links(row, self.resolver)
        row.instance = instance
        self._validate(row)
        if exists and not row.errors:
            row.changed = {k for k, v in comparable(instance).items() if before[k] != v}

    def _validate(self, row: Row) -> None:
        instance = row.instance
        failed = {c for c, _ in row.errors if c}
        failed_fields = {n for c in self.columns if c.name in failed for n in c.model_fields}
        # Foreign keys were resolved in bulk: full_clean() would query each one again.
        exclude = failed_fields | {f.name for f in self.foreign_keys}
        # A choice or country its column parsed is one of the field's choices already;
        # checking again costs clean_fields() a pass over ~250 countries per row.
        exclude |= {c.field_name for c in self.choice_columns if row.values.get(c.name)}
        errors: dict = {}
        for fk in self.foreign_keys:
            missing = getattr(instance, fk.attname) is None and not fk.null
            if missing and fk.name not in failed_fields:
                errors[fk.name] = [ValidationError(fk.error_messages["null"], code="null")]
        try:
            instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        failed_fields = exclude | {name for name in errors if name != NON_FIELD_ERRORS}
        constraint_errors = check_constraints(instance, failed_fields)
        if constraint_errors:
            errors = constraint_errors.update_error_dict(errors)
        for name, messages in errors.items():
            column = self._column_of(name)
            for message in ValidationError(messages).error_list:
                row.error(column, self._message(message))

    def _column_of(self, field_name: str) -> str | None:
        if field_name == NON_FIELD_ERRORS:
            return None
        # A column of the file, else the kind's column that would hold the field.
        for column in [*self.columns, *self.kind.columns]:
            if field_name in column.model_fields:
                return column.name
        return field_name

    @staticmethod
    def _message(error: ValidationError) -> str:
        return FRIENDLY.get(error.code) or " ".join(error.messages)

    def _classify(self, row: Row) -> None:
        # Left to right as the file shows them; problems of the whole row last.
        order = {column.name: position for position, column in enumerate(self.columns)}
        errors = sorted(row.errors, key=lambda e: order.get(e[0], len(order) + (e[0] is None)))
        for column, message in errors:
            self.report.problem(row.number, column, message)
        if row.errors:
            return
        key = " · ".join(row.cells.get(name, "") or "(empty)" for name in self.kind.key)
        if row.existing is None:
            self.report.outcome("created", Sample(row.number, key))
            return
        links = {name for name, ids in row.m2m.items() if ids != row.m2m_before.get(name)}
        if not row.changed and not links:
            self.report.outcome("unchanged", Sample(row.number, key))
            return
        row.changed |= links
        sample_changes = ()
        if len(self.report.samples["updated"]) < 10:
            sample_changes = self.writer.describe_changes(row, self.reveal, self.resolver)
        self.report.outcome("updated", Sample(row.number, key, sample_changes))

    def _refused(self, row: Row, message: str) -> None:
        self.report.problem(row.number, None, f"the database refused this row: {message}")


def import_file(path, kind: Kind, *, user=None, dry_run=True, filename="", progress=None) -> Report:
    """Import (or, with dry_run, only check) one file; returns what was found."""
    importer = Importer(kind, user=user, dry_run=dry_run, progress=progress)
    return importer.run(path, filename)
