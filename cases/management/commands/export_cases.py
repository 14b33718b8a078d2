"""python manage.py export_cases KIND FILE [--user USERNAME | --include-confidential]"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from cases.spreadsheets.catalog import KINDS, kind_named
from cases.spreadsheets.exporter import may_export, reveal_for, write_file


class Command(BaseCommand):
    help = (
        "Export every row of one kind in the import format (CSV, or XLSX when FILE ends "
        "in .xlsx). Confidential rows and fields only with --include-confidential, or for a "
        "--user with confidential access."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", help=", ".join(kind.name for kind in KINDS))
        parser.add_argument("file")
        who = parser.add_mutually_exclusive_group()
        who.add_argument("--user", help="export what this staff member may see")
        who.add_argument("--include-confidential", action="store_true")

    def handle(self, *args, **options):
        kind = kind_named(options["kind"])
        if kind is None:
            raise CommandError(f"Unknown kind; use one of: {', '.join(k.name for k in KINDS)}.")
        reveal = options["include_confidential"]
        if options["user"]:
            try:
                user = get_user_model().objects.get(username=options["user"], is_active=True)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No active user {options['user']!r}.") from None
            if not (user.is_staff and may_export(user, kind)):
                raise CommandError(f"{user} may not view {kind.plural}.")
            reveal = reveal_for(user)
        write_file(options["file"], kind, reveal)
        note = "with" if reveal else "without"
        self.stdout.write(f"Exported {kind.name} to {options['file']} ({note} confidential data).")
