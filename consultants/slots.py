"""Open slots of one consultant, from plain data: no database, no Django.

    slots = open_slots(policy, rules, overrides, busy, start_utc, end_utc, now_utc)

Availability is local wall-clock time in `policy.time_zone`; every datetime in
and out is aware UTC. Each window is converted to UTC at both ends and slots
step through it in real elapsed time, so a window on the night of a
daylight-saving change is as long as it really is, and no slot starts at a
local time that does not exist.

For one local day: windows = weekly rules valid that day − blocked overrides
+ extra-hours overrides. A slot is open when it fits in a window, starts after
now + notice, keeps `buffer` minutes clear of every busy interval on both sides,
and the day has fewer than `max_per_day` bookings.
"""

from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo


@dataclass(frozen=True, slots=True)
class Policy:
    session_minutes: int
    buffer_minutes: int = 0
    notice_minutes: int = 0
    max_per_day: int = 100
    time_zone: str = "Asia/Shanghai"


@dataclass(frozen=True, slots=True)
class Rule:
    weekday: int  # Monday is 0
    start: time
    end: time
    valid_from: date | None = None
    valid_to: date | None = None

    def applies(self, day):
        return (day.weekday() == self.weekday and (self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))


@dataclass(frozen=True, slots=True)
class Override:
    date: date
    blocked: bool
    start: time | None = None  # None with end None: the whole day
    end: time | None = None


@lru_cache(maxsize=64)
def zone(name):
    return ZoneInfo(name)


def _utc(day, clock, tz):
    return datetime.combine(day, clock, tzinfo=tz).astimezone(UTC)


def _local_days(start_utc, end_utc, tz):
    day = start_utc.astimezone(tz).date()
    last = (end_utc - timedelta(microseconds=1)).astimezone(tz).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def _subtract(windows, cut_start, cut_end):
    kept = []
    for start, end in windows:
        if cut_end <= start or end <= cut_start:
            kept.append((start, end))
            continue
        if start < cut_start:
            kept.append((start, cut_start))
        if cut_end < end:
            kept.append((cut_end, end))
    return kept


def day_windows(day, rules, overrides, tz):
    """The UTC (start, end) windows in which she works on the local `day`.
    `overrides` are only those of that day."""
    windows = [(_utc(day, r.start, tz), _utc(day, r.end, tz)) for r in rules if r.applies(day)]
    for override in overrides:
        if override.blocked:
            if override.start is None:
                windows = []
            else:
                windows = _subtract(windows, _utc(day, override.start, tz), _utc(day, override.end, tz))
    windows += [(_utc(day, o.start, tz), _utc(day, o.end, tz)) for o in overrides if not o.blocked]
    # Overlapping windows (a rule and extra hours) would offer a slot twice.
    windows.sort()
    merged = []
    for start, end in windows:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        elif start < end:
            merged.append((start, end))
    return merged


def open_slots(policy, rules, overrides, busy, start_utc, end_utc, now_utc):
    """Start times (UTC) of the open slots that begin in [start_utc, end_utc).

    `busy` holds the (start, end) UTC intervals of her bookings that occupy
    time; pass those of the whole local days touched by the range (a day or
    so either side) so the daily maximum and the buffers see them.
    """
    tz = zone(policy.time_zone)
    session = timedelta(minutes=policy.session_minutes)
    buffer = timedelta(minutes=policy.buffer_minutes)
    step = session + buffer
    earliest = max(start_utc, now_utc + timedelta(minutes=policy.notice_minutes))
    busy = sorted(busy)
    busy_starts = [b[0] for b in busy]
    # The longest booking bounds how far back a clashing one can start.
    longest = max((end - start for start, end in busy), default=timedelta(0))
    overrides_by_day = {}
    for override in overrides:
        overrides_by_day.setdefault(override.date, []).append(override)
    per_day = {}
    for start, _end in busy:
        day = start.astimezone(tz).date()
        per_day[day] = per_day.get(day, 0) + 1

    slots = []
    for day in _local_days(start_utc, end_utc, tz):
        if per_day.get(day, 0) >= policy.max_per_day:
            continue
        for window_start, window_end in day_windows(day, rules, overrides_by_day.get(day, ()), tz):
            slot = window_start
            while slot + session <= window_end:
                if slot >= end_utc:
                    break
                if slot >= earliest and not _clashes(slot, slot + session, buffer, busy, busy_starts, longest):
                    slots.append(slot)
                slot += step
    return slots


def _clashes(start, end, buffer, busy, busy_starts, longest):
    """Whether [start - buffer, end + buffer) meets a busy interval."""
    low = start - buffer
    high = end + buffer
    index = bisect_left(busy_starts, low - longest)
    while index < len(busy) and busy[index][0] < high:
        if busy[index][1] > low:
            return True
        index += 1
    return False
