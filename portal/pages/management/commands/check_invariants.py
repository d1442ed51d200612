"""`manage.py check_invariants [--wait SECONDS]`: what must hold after a load run
(portal/invariants.py). Exits 1 when any check finds something."""

import time

from django.core.management.base import BaseCommand, CommandError

from portal.invariants import run_checks, unsent_without_reason_count


class Command(BaseCommand):
    help = "Check bookings, seats, applications and the outbox for what concurrency could have broken."

    def add_arguments(self, parser):
        parser.add_argument("--wait", type=float, default=0,
                            help="Seconds to let the worker send what is still queued before checking.")

    def handle(self, *args, wait, **options):
        deadline = time.monotonic() + wait
        while (queued := unsent_without_reason_count()) and time.monotonic() < deadline:
            self.stdout.write(f"waiting for the worker: {queued} messages queued")
            time.sleep(2)
        failed = 0
        for name, findings in run_checks().items():
            self.stdout.write(f"{'FAIL' if findings else 'ok  '} {name}")
            for finding in findings[:20]:
                self.stdout.write(f"       {finding}")
            if len(findings) > 20:
                self.stdout.write(f"       … and {len(findings) - 20} more")
            failed += bool(findings)
        if failed:
            raise CommandError(f"{failed} invariant(s) broken")
        self.stdout.write(self.style.SUCCESS("all invariants hold"))
