import datetime
import json
import platform
from pathlib import Path

from django.core.management.base import BaseCommand
from django.test.utils import setup_test_environment

from bench import report
from bench.generate import GENERATION_FILE
from bench.run import RESULTS, run, write


class Command(BaseCommand):
    help = "Measure search, pages, feeds, exports, name recall and throughput on the current data."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--recall-samples", type=int, default=200)
        parser.add_argument("--load-seconds", type=float, default=20)
        parser.add_argument("--output", default=str(RESULTS))
        parser.add_argument(
            "--only",
            default="",
            help="Comma-separated scenarios to measure (e.g. search_common,name_search); "
            "results then go to --output only when it is given.",
        )

    def handle(self, *args, runs, recall_samples, load_seconds, output, only, **options):
        setup_test_environment()  # response.context and the test client's host
        chosen = {name.strip() for name in only.split(",") if name.strip()}
        results = run(
            runs=runs, recall_samples=recall_samples, load_seconds=load_seconds, only=chosen
        )
        if chosen and output == str(RESULTS):
            return  # a partial run must not replace the full results
        results["measured_at"] = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        results["machine"] = (
            f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}"
        )
        generation = GENERATION_FILE
        if generation.exists():
            results["generate"] = json.loads(generation.read_text())
        write(results, Path(output))
        report.write(results, Path(output).with_name("RESULTS.md"))
        self.stdout.write(f"Results written to {output} and RESULTS.md beside it")
