"""The consultant directory's "open this week" filter for 20, 200 and 2,000 consultants.

    .venv/bin/python benchmarks/directory.py                    # SQLite file in /tmp
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/directory.py
    .venv/bin/python benchmarks/directory.py --sizes 20,200,2000 --runs 20

Builds a throwaway database (an SQLite file in /tmp, or on PostgreSQL a new
database on the server DATABASE_URL names, dropped at the end), bulk-loads
consultants who work weekday mornings and afternoons (a third in Europe/Berlin),
with a blocked day, extra hours and bookings in the week, and times
`consultants.services.directory(open_from, open_to)` for this week: from the
stored open slots (consultants/slot_summary.py, after the beat's refresh),
and, for comparison, computing every consultant's slots in Python as the
directory did before. Target (issue 17): 2,000 consultants under 100 ms.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_db import throwaway_database  # noqa: E402


def seed(count, already):
    from django.utils import timezone

    from consultants.models import AvailabilityOverride, AvailabilityRule, Booking, Consultant
    from portal.accounts.models import User

    today = timezone.localdate()
    consultants = Consultant.objects.bulk_create([
        Consultant(display_name=f"顾问{already + n:04d}", modes=["online"], languages=["zh"],
                   time_zone="Europe/Berlin" if n % 3 == 0 else "Asia/Shanghai", max_per_day=6)
        for n in range(count)])
    AvailabilityRule.objects.bulk_create([
        AvailabilityRule(consultant=c, weekday=day, start_time=start, end_time=end)
        for c in consultants for day in range(5) for start, end in ((clock(9), clock(12)), (clock(14), clock(18)))])
    AvailabilityOverride.objects.bulk_create(
        [AvailabilityOverride(consultant=c, date=today + timedelta(days=n % 7)) for n, c in enumerate(consultants)]
        + [AvailabilityOverride(consultant=c, date=today + timedelta(days=(n + 3) % 7), kind="extra",
                                start_time=clock(19), end_time=clock(21)) for n, c in enumerate(consultants)])
    seeker = User.objects.create_user(email=f"bench{already}@example.com", password="Bench-Horse-42")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    Booking.objects.bulk_create([
        Booking(consultant=c, seeker=seeker, start=now + timedelta(days=day, hours=n % 24),
                end=now + timedelta(days=day, hours=n % 24, minutes=50), mode="online")
        for n, c in enumerate(consultants) for day in range(1, 7)])


def median_ms(function, runs):
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="20,200,2000", help="numbers of consultants (default 20,200,2000)")
    parser.add_argument("--runs", type=int, default=15, help="timed runs per size (default 15)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    url, drop = throwaway_database()
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    try:
        import django
        from django.core.management import call_command
        from django.db import connection

        django.setup()
        call_command("migrate", verbosity=0)
        from django.core.paginator import Paginator
        from django.test.utils import CaptureQueriesContext

        from consultants import services, slot_summary
        from consultants.models import Consultant

        print(f"\nconsultant directory, open this week, on {connection.vendor}")
        # page ms: count + first page of 12, as the view; all ms: every one as objects, as the API list;
        # Python ms: the old way, every consultant's slots computed; refresh: storing everyone's slots.
        print(f"{'consultants':>12}{'listed':>8}{'page ms':>11}{'max':>8}{'queries':>9}{'all ms':>10}"
              f"{'Python ms':>11}{'refresh all s':>15}")
        results = {}
        have = 0
        for size in sizes:
            seed(size - have, have)
            have = size
            started = time.perf_counter()
            slot_summary.refresh_due()
            refresh_seconds = time.perf_counter() - started
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")

            def stored():
                """What the directory view does before rendering: the filter, the count and the first page."""
                start, end = services.week_range()
                page = Paginator(services.directory(open_from=start, open_to=end), 12).get_page(1)
                return page.paginator.count, list(page.object_list)

            def every_one():
                """What the API's list does: every consultant listed, as objects."""
                start, end = services.week_range()
                return list(services.directory(open_from=start, open_to=end))

            def in_python():
                start, end = services.week_range()
                return [c for c in services.with_slots(Consultant.objects.active(), start, end) if c.open_slots]

            listed = stored()[0]
            assert [c.pk for c in every_one()] == [c.pk for c in in_python()], "stored and computed answers differ"
            with CaptureQueriesContext(connection) as queries:
                stored()
            stored_ms, stored_max = median_ms(stored, args.runs)
            all_ms, _ = median_ms(every_one, max(3, args.runs // 3))
            python_ms, _ = median_ms(in_python, max(3, args.runs // 5))
            results[size] = stored_ms
            print(f"{size:>12,}{listed:>8,}{stored_ms:>11.1f}{stored_max:>8.1f}{len(queries):>9}"
                  f"{all_ms:>10.1f}{python_ms:>11.1f}{refresh_seconds:>15.2f}")
        if 2000 in results:
            print(f"target 2,000 consultants < 100 ms: {'met' if results[2000] < 100 else 'NOT met'} "
                  f"(median {results[2000]:.1f} ms for the directory's count and first page)")
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        print(f"machine: {os.cpu_count()} CPUs, load average {load} (other work on the machine inflates latency)")
    finally:
        drop()


if __name__ == "__main__":
    main()
