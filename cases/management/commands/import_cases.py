"""python manage.py import_cases FILE [--kind KIND] [--dry-run] [--user USERNAME]"""

import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.spreadsheets.catalog import KINDS, kind_from_filename, kind_named
from cases.spreadsheets.report import OUTCOMES


class Command(BaseCommand):
    help = (
        "Import one CSV or XLSX file of one kind (people, organizations, cases, detentions…), "
        "all or nothing. See docs/import-format.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        names = ", ".join(kind.name for kind in KINDS)
        parser.add_argument("--kind", help=f"one of: {names}; by default from the file name")
        parser.add_argument("--dry-run", action="store_true", help="check only, write nothing")
        parser.add_argument(
            "--user",
            help="the staff member importing: their permissions and confidential access apply, "
            "and history records them (default: no user, full access)",
        )

    def handle(self, *args, **options):
        from cases.spreadsheets.importer import import_file

        path = options["file"]
        kind = kind_named(options["kind"]) if options["kind"] else kind_from_filename(path)
        if kind is None:
            names = ", ".join(k.name for k in KINDS)
            raise CommandError(f"Say which kind of rows the file holds with --kind ({names}).")
        user = None
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"], is_active=True)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No active user {options['user']!r}.") from None

        def progress(rows: int, rate: float) -> None:
            sys.stderr.write(f"  {rows:,} rows, {rate:,.0f} rows/s\n")
            sys.stderr.flush()

        try:
            report = import_file(
                path, kind, user=user, dry_run=options["dry_run"], progress=progress
            )
        except OSError as error:
            raise CommandError(str(error)) from error
        self._print(report)
        if not report.ok:
            raise CommandError(f"{report.problem_count} problem(s): nothing was written.")

    def _print(self, report) -> None:
        write = self.stdout.write
        write(report.summary())
        write(f"{report.rows:,} rows in {report.seconds:.2f} s ({report.rate:,.0f} rows/s)")
        for outcome in OUTCOMES:
            for sample in report.samples[outcome]:
                write(f"  {outcome}: row {sample.row}: {sample.key}")
                for column, before, after in sample.changes:
                    write(f"      {column}: {before!r} → {after!r}")
        for problem in report.problems:
            self.stderr.write(str(problem))
        hidden = report.problem_count - len(report.problems)
        if hidden:
            self.stderr.write(f"… and {hidden} more problem(s).")
