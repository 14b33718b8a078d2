"""python manage.py load_demo: load (or refresh) the model case of the demo."""

import pghistory
from django.core.management.base import BaseCommand

from cases.demo import CASE_SLUG, load_demo


class Command(BaseCommand):
    help = "Load the model case (Uzbek asylum seekers, Kazakhstan 2010–2011). Safe to rerun."

    def handle(self, *args, **options):
        with pghistory.context(command="load_demo"):
            stats = load_demo()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo case loaded at /cases/{CASE_SLUG}/: {stats['created']} rows created, "
                f"{stats['updated']} updated, {stats['unchanged']} unchanged."
            )
        )
