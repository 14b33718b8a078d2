import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from core.backup import dump


class Command(BaseCommand):
    help = "Write a PostgreSQL dump of the whole database (restore it with `restore FILE`)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write it (default: backups/…).")

    def handle(self, *args, file=None, **options):
        stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d-%H%M%S")
        path = Path(file) if file else settings.BASE_DIR / "backups" / f"casetracker-{stamp}.dump"
        dump(path)
        self.stdout.write(f"Backup written to {path}")
