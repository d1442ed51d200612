"""Median time to compute open slots, from plain data (no database).

    .venv/bin/python benchmarks/slots.py

Measures consultants/slots.py alone, the part that runs per request and per
consultant: 30 days for one consultant, and one day for 200 consultants (the
directory's "open this week" filter does this per consultant). Each consultant
works weekday mornings and afternoons plus Saturday mornings, with a day off
and extra hours in the month and a booking on most working days.
"""

import statistics
import sys
import time as clock
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from consultants.slots import Override, Policy, Rule, open_slots  # noqa: E402

NOW = datetime(2025, 3, 3, 0, 0, tzinfo=UTC)
RULES = [Rule(d, time(9), time(12)) for d in range(5)] + [Rule(d, time(14), time(18)) for d in range(5)] + [
    Rule(5, time(9), time(12))]
POLICY = Policy(session_minutes=50, buffer_minutes=10, notice_minutes=12 * 60, max_per_day=6)
BERLIN = Policy(session_minutes=50, buffer_minutes=10, notice_minutes=12 * 60, max_per_day=6,
                time_zone="Europe/Berlin")


def month_of_data(offset_minutes=0):
    overrides = [Override((NOW + timedelta(days=9)).date(), blocked=True),
                 Override((NOW + timedelta(days=16)).date(), blocked=False, start=time(19), end=time(21))]
    busy = []
    for day in range(31):
        start = NOW + timedelta(days=day, hours=2, minutes=offset_minutes)  # 10:00 in Shanghai
        busy.append((start, start + timedelta(minutes=50)))
    return overrides, busy


def median_ms(function, repeat):
    times = []
    for _ in range(repeat):
        started = clock.perf_counter()
        function()
        times.append((clock.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    overrides, busy = month_of_data()
    month_end = NOW + timedelta(days=30)
    one = median_ms(lambda: open_slots(POLICY, RULES, overrides, busy, NOW, month_end, NOW), repeat=200)
    count = len(open_slots(POLICY, RULES, overrides, busy, NOW, month_end, NOW))
    one_berlin = median_ms(lambda: open_slots(BERLIN, RULES, overrides, busy, NOW, month_end, NOW), repeat=200)

    pool = [(POLICY if n % 5 else BERLIN, *month_of_data(n % 7 * 60)) for n in range(200)]
    day_start = NOW + timedelta(days=2)
    day_end = day_start + timedelta(days=1)

    def whole_pool():
        return [open_slots(policy, RULES, o, b, day_start, day_end, NOW) for policy, o, b in pool]

    many = median_ms(whole_pool, repeat=30)
    print(f"30 days, 1 consultant (Asia/Shanghai): median {one:.2f} ms ({count} slots; target < 5 ms)")
    print(f"30 days, 1 consultant (Europe/Berlin): median {one_berlin:.2f} ms")
    print(f"1 day, 200 consultants: median {many:.2f} ms (target < 100 ms)")


if __name__ == "__main__":
    main()
