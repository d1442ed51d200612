"""Rebuild job search data: a new Elasticsearch index behind the alias, or the database entries."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from jobs.models import JobPosting
from search import indexing
from search.sync import uses_elasticsearch


class Command(BaseCommand):
    help = "Rebuild the job search index (Elasticsearch when ELASTICSEARCH_URL is set, else the database entries)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true",
                            help="Swap the alias even when the new index's count is more than 10%% off.")
        parser.add_argument("--chunk-size", type=int, default=500)

    def handle(self, *args, force=False, chunk_size=500, **options):
        if not uses_elasticsearch():
            total = JobPosting.objects.count()
            with tqdm(total=total, unit="job", desc="database entries", file=sys.stderr) as bar:
                count = indexing.rebuild_database_entries(progress=bar.update, chunk_size=chunk_size)
            self.stdout.write(self.style.SUCCESS(f"Rebuilt {count} database search entries."))
            return
        from search.backends.elasticsearch import ES_ERRORS

        total = JobPosting.objects.visible().count()
        try:
            with tqdm(total=total, unit="job", desc="elasticsearch", file=sys.stderr) as bar:
                outcome = indexing.rebuild(progress=bar.update, force=force, chunk_size=chunk_size)
        except ES_ERRORS as exc:
            raise CommandError(f"Elasticsearch did not answer: {exc}") from exc
        if not outcome["swapped"]:
            raise CommandError(
                f"New index {outcome['index']} holds {outcome['indexed']} jobs but the database has "
                f"{outcome['expected']} visible: more than 10% apart, so the alias was not swapped. "
                "Check the index, then run again with --force to swap anyway."
            )
        self.stdout.write(self.style.SUCCESS(
            f"Indexed {outcome['indexed']} of {outcome['expected']} visible jobs into {outcome['index']}; "
            "alias swapped."))
