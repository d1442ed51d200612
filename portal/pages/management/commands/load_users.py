"""`manage.py load_users N --out FILE`: the graduates a load run logs in as (portal/load_users.py)."""

import json

from django.core.management.base import BaseCommand

from portal.load_users import make_load_users


class Command(BaseCommand):
    help = "Create (or refresh) N verified graduates with a complete résumé; write their logins and tokens."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--out", required=True, help="JSON file for the load run: passwords and tokens.")

    def handle(self, *args, count, out, **options):
        people = make_load_users(count)
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(people, handle)
        self.stdout.write(f"{len(people)} graduates ready, logins in {out}")
