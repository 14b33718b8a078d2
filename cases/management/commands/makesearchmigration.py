"""python manage.py makesearchmigration: freeze the generated search SQL into migrations."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import migrations
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.writer import MigrationWriter

from cases.search.frozen import GENERATED, changes, frozen_sql, leaf
from cases.search.migration_writer import RENDER

# Written in this order: a case document rebuilt after a refold reads the new keys.
APPS = ("people", "cases")
DEFAULT_NAMES = {"people": "fold_name", "cases": "search_sql"}
# The apps whose tables the generated SQL reads: the new migration runs after their leaves.
READS = {"people": ("people",), "cases": ("cases", "people", "organizations")}


class Command(BaseCommand):
    help = (
        "Write a migration for each app whose generated search SQL (cases/search/"
        "document_sql.py, people/names.py) differs from what its migrations froze."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", help="Name of the new migrations, without the number.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; exit with status 1 when a migration is needed.",
        )

    def handle(self, *args, name=None, check=False, **options):
        if name is not None and not name.isidentifier():
            raise CommandError("The migration name must be a valid Python identifier.")
        loader = MigrationLoader(None, ignore_no_migrations=True)
        needed = {app: changes(loader, app) for app in APPS}
        needed = {app: changed for app, changed in needed.items() if changed}
        if not needed:
            self.stdout.write("No changes in the search SQL.")
            return
        for app, changed in needed.items():
            self.stdout.write(f"{app}: {', '.join(changed)} changed since the last migration.")
        if check:
            sys.exit(1)
        leaves = {app: leaf(loader, app) for app in {a for reads in READS.values() for a in reads}}
        for app in needed:
            key = (app, self.next_name(leaves[app][1], name or DEFAULT_NAMES[app]))
            text = RENDER[app](
                label=".".join(key),
                generated=GENERATED[app](),
                frozen=frozen_sql(loader, app),
                dependencies=sorted(leaves[read] for read in READS[app]),
            )
            path = Path(MigrationWriter(migrations.Migration(key[1], app)).path)
            path.write_text(text)
            leaves[app] = key
            self.stdout.write(self.style.SUCCESS(f"Wrote {path}"))

    @staticmethod
    def next_name(leaf_name: str, name: str) -> str:
        number = (MigrationAutodetector.parse_number(leaf_name) or 0) + 1
        return f"{number:04d}_{name}"
