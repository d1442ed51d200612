"""What the consultant's workspace (/consultants/me/) shows: her day, what is coming,
the intake she has not read yet, who waits in her queue, her open slots this week and
how her sessions went lately. Each part is a fixed number of queries, whatever her
number of bookings."""

from collections import Counter
from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from . import availability
from .models import Booking, QueueRequest

UPCOMING_LIMIT = 50
RECENT_DAYS = 90
WEEK_DAYS = 7
ACTIVE = (Booking.Status.PENDING, Booking.Status.CONFIRMED)


def _local_midnight(day, zone):
    return datetime.combine(day, time.min, tzinfo=zone)


def sessions(consultant, now):
    """Today's sessions (her local day, any status but cancelled) and the ones after today."""
    zone = availability.zone_of(consultant)
    today = now.astimezone(zone).date()
    start_of_day = _local_midnight(today, zone)
    end_of_day = _local_midnight(today + timedelta(days=1), zone)
    rows = list(Booking.objects.occupying().filter(consultant=consultant, start__gte=start_of_day)
                .filter(Q(start__lt=end_of_day) | Q(status__in=ACTIVE))
                .select_related("seeker").order_by("start")[:UPCOMING_LIMIT])
    return [b for b in rows if b.start < end_of_day], [b for b in rows if b.start >= end_of_day]


def open_intake(consultant, now):
    """Sessions ahead whose intake she has not opened yet, and those waiting for her approval."""
    has_intake = ~Q(topic="") | ~Q(description="")
    return list(Booking.objects.filter(consultant=consultant, status__in=ACTIVE, end__gt=now)
                .filter(Q(has_intake, intake_read_at__isnull=True) | Q(status=Booking.Status.PENDING))
                .select_related("seeker").order_by("start")[:UPCOMING_LIMIT])


def queue(consultant):
    """Who waits for a slot with her, first in line first."""
    return list(QueueRequest.objects.filter(consultant=consultant, status__in=QueueRequest.ACTIVE)
                .select_related("seeker").order_by("-put_first", "created_at", "pk"))


def week_at_a_glance(consultant, now):
    """[(local date, open slots that day)] for today and the six days after it."""
    zone = availability.zone_of(consultant)
    today = now.astimezone(zone).date()
    days = [today + timedelta(days=n) for n in range(WEEK_DAYS)]
    end = _local_midnight(days[-1] + timedelta(days=1), zone)
    counts = Counter(slot.astimezone(zone).date() for slot in availability.open_slots(consultant, now, end, now=now))
    return [(day, counts[day]) for day in days]


def recent_outcomes(consultant, now):
    """Attended and missed sessions of the last RECENT_DAYS days (one query)."""
    return Booking.objects.filter(consultant=consultant, start__gte=now - timedelta(days=RECENT_DAYS),
                                  start__lte=now).aggregate(
        completed=Count("pk", filter=Q(status=Booking.Status.COMPLETED)),
        no_show=Count("pk", filter=Q(status=Booking.Status.NO_SHOW)))


def workspace(consultant, now=None):
    now = now or timezone.now()
    today, upcoming = sessions(consultant, now)
    return {"today": today, "upcoming": upcoming, "open_intake": open_intake(consultant, now),
            "queue": queue(consultant), "week": week_at_a_glance(consultant, now),
            "outcomes": recent_outcomes(consultant, now), "recent_days": RECENT_DAYS}


def mark_intake_read(booking, now=None):
    """She opened the booking: its intake no longer waits on her workspace."""
    if booking.intake_read_at is None:
        booking.intake_read_at = now or timezone.now()
        Booking.objects.filter(pk=booking.pk, intake_read_at__isnull=True).update(intake_read_at=booking.intake_read_at)
