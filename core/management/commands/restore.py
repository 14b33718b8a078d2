from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import restore


class Command(BaseCommand):
    help = "Replace the database's content with a dump written by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--no-input", action="store_true", help="Do not ask to confirm.")

    def handle(self, *args, file, no_input=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No dump at {path}")
        if not no_input:
            answer = input(f"Replace the whole database with {path}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        restore(path)
        self.stdout.write(f"Restored {path}")
