"""Where a page's time goes in this process: CPU in all, in the database calls, in the
template, and the rest (Python of the view). Process time, not wall time, so that other
work on the machine moves it less: for comparing two checkouts on the same database."""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.template.backends.django import Template
from django.test import Client
from django.test.utils import setup_test_environment


class Command(BaseCommand):
    help = "Median CPU time of a public page, split into database calls, template and the rest."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="+", help="A path with its query: /cases/?q=extradition")
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args, url, runs, **options):
        setup_test_environment()
        spent = {"sql": 0.0, "template": 0.0}

        def in_database(execute, sql, params, many, context):
            started = time.process_time()
            try:
                return execute(sql, params, many, context)
            finally:
                spent["sql"] += time.process_time() - started

        render = Template.render

        def in_template(template, *args, **kwargs):
            started = time.process_time()
            try:
                return render(template, *args, **kwargs)
            finally:
                spent["template"] += time.process_time() - started

        Template.render = in_template
        client = Client()
        try:
            for path in url:
                for _ in range(3):  # warm caches and the connection
                    client.get(path, secure=True)
                rows = []
                with connection.execute_wrapper(in_database):
                    for _ in range(runs):
                        spent.update(sql=0.0, template=0.0)
                        started = time.process_time()
                        client.get(path, secure=True)
                        total = time.process_time() - started
                        rows.append((total, spent["sql"], spent["template"]))
                total, sql, template = (
                    statistics.median(column) * 1000 for column in zip(*rows, strict=True)
                )
                self.stdout.write(
                    f"{path}: CPU {total:.1f} ms, in database calls {sql:.1f}, "
                    f"template {template:.1f}, rest {total - sql - template:.1f}"
                )
        finally:
            Template.render = render
