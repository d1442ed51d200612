"""Fill an empty site with Chinese demo content: `manage.py seed_demo`.

Each part of the portal contributes a seeder (settings.DEMO_SEEDERS): a function
taking `size` (1 = the everyday demo; larger multiplies the data) and returning
a list of (label, callable) steps, so the progress bar can count them. Seeders
are idempotent: running the command again adds nothing that is already there.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.module_loading import import_string
from tqdm import tqdm

from portal.pages.models import NewsPage


class Command(BaseCommand):
    help = "Fill the site with Chinese demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--size", type=int, default=1, help="Scale factor for the amount of data (1-100).")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the site already has content.")

    def handle(self, *args, size, if_empty, **options):
        if not 1 <= size <= 100:
            raise CommandError("--size must be between 1 and 100.")
        if if_empty and NewsPage.objects.exists():
            self.stdout.write("The site already has content; nothing seeded.")
            return
        steps = []
        for path in settings.DEMO_SEEDERS:
            steps.extend(import_string(path)(size))
        # Wagtail logs every page it creates; the progress bar says enough here.
        logging.getLogger("wagtail").setLevel(logging.WARNING)
        with tqdm(total=len(steps), desc="seed_demo", unit="step", disable=options["verbosity"] == 0) as bar:
            for label, step in steps:
                bar.set_postfix_str(label)
                with transaction.atomic():
                    step()
                bar.update(1)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Demo content ready ({len(steps)} steps, size {size})."))
