"""Bridge between the models and the pure slot computation in slots.py."""

from datetime import timedelta

from django.utils import timezone

from . import slots as slotlib
from .models import AvailabilityOverride, AvailabilityRule, Booking, QueueRequest

# How far either side of a range bookings are read: a local day is at most
# 26 h of UTC, so the daily maximum and the buffers always see the whole day.
MARGIN = timedelta(days=1, hours=2)


def zone_of(consultant):
    return slotlib.zone(consultant.time_zone)


def policy_of(consultant):
    return slotlib.Policy(
        session_minutes=consultant.session_minutes,
        buffer_minutes=consultant.buffer_minutes,
        notice_minutes=consultant.min_notice_hours * 60,
        max_per_day=consultant.max_per_day,
        time_zone=consultant.time_zone,
    )


def rule_data(rule):
    return slotlib.Rule(rule.weekday, rule.start_time, rule.end_time, rule.valid_from, rule.valid_to)


def override_data(override):
    return slotlib.Override(override.date, override.kind == AvailabilityOverride.Kind.BLOCK,
                            override.start_time, override.end_time)


def compute(consultant, rules, overrides, bookings, start, end, now=None, holds=()):
    """Open slots from already-loaded rows (e.g. prefetched for a list). `holds`
    are the queue's offered requests: a slot held for someone is busy too."""
    return slotlib.open_slots(
        policy_of(consultant),
        [rule_data(r) for r in rules],
        [override_data(o) for o in overrides],
        [(b.start, b.end) for b in bookings] + [(h.offered_start, h.offered_end) for h in holds],
        start, end, now or timezone.now(),
    )


def occupying_bookings(consultant, start, end, exclude_pk=None):
    bookings = Booking.objects.occupying().filter(
        consultant=consultant, start__lt=end + MARGIN, end__gt=start - MARGIN
    ).only("start", "end")
    if exclude_pk:
        bookings = bookings.exclude(pk=exclude_pk)
    return list(bookings)


def holds(start, end):
    """The queue's offered requests around [start, end): each holds its slot for her."""
    return QueueRequest.objects.filter(
        status=QueueRequest.Status.OFFERED, offered_start__lt=end + MARGIN, offered_end__gt=start - MARGIN
    ).only("consultant_id", "offered_start", "offered_end")


def open_slots(consultant, start, end, now=None, exclude_booking=None, ignore_bookings=False):
    """Open slots of one consultant in [start, end): four queries. With
    `ignore_bookings`, neither bookings nor the queue's holds count."""
    rules = AvailabilityRule.objects.filter(consultant=consultant)
    overrides = AvailabilityOverride.objects.filter(
        consultant=consultant, date__gte=(start - MARGIN).date(), date__lte=(end + MARGIN).date()
    )
    bookings = [] if ignore_bookings else occupying_bookings(consultant, start, end, exclude_booking)
    held = [] if ignore_bookings else list(holds(start, end).filter(consultant=consultant))
    return compute(consultant, rules, overrides, bookings, start, end, now, held)
