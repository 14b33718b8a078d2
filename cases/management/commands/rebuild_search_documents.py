"""python manage.py rebuild_search_documents: rebuild the search documents in batches."""

import time

from django.core.management.base import BaseCommand, CommandError

from cases.search.rebuild import BATCH, RebuildRunning, rebuild_documents


class Command(BaseCommand):
    help = (
        "Rebuild every case's search document with the SQL now installed, in batches that "
        "each commit; stopped, it resumes where it stopped (after SEARCH_REBUILD=later)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=BATCH, help="Cases per transaction.")

    def handle(self, *args, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1.")

        started = time.monotonic()

        def progress(done, total, last):
            share = done / total if total else 1
            left = (time.monotonic() - started) / done * max(total - done, 0)
            self.stdout.write(
                f"{done:,} of {total:,} cases ({share:.0%}), up to case {last}; "
                f"about {left / 60:.0f} min left"
            )

        try:
            done = rebuild_documents(batch=batch, progress=progress)
        except RebuildRunning:
            raise CommandError("Another rebuild_search_documents is running.") from None
        self.stdout.write(self.style.SUCCESS(f"Search documents rebuilt: {done:,} cases."))
