import json
import os

from django.core.management.base import BaseCommand

from bench.generate import GENERATION_FILE, generate


class Command(BaseCommand):
    help = "Bulk-load N synthetic cases shaped like the model case (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="gen-", help="Slug prefix of generated rows.")
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count(),
            help="Processes loading parts of the cases in parallel (default: one per core); "
            "the data depends on the seed and the number of workers.",
        )

    def handle(self, *args, cases, seed, prefix, workers, **options):
        result = generate(cases, seed, prefix, out=self.stderr, workers=workers)
        GENERATION_FILE.write_text(json.dumps(result) + "\n")
        self.stdout.write(
            f"{result['cases']:,} cases loaded in {result['load_seconds']:.1f} s, "
            f"searchable after {result['total_seconds']:.1f} s."
        )
