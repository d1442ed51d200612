from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from . import notes, notifications, services
from .models import Booking

# (event, how long before the start it is due). A booking made later than a
# reminder's moment still gets it at the next run, unless a closer one is due.
REMINDERS = (("reminder_1h", timedelta(hours=1)), ("reminder_24h", timedelta(hours=24)))


@shared_task
def send_booking_reminders():
    """Queue the 24 h and 1 h reminders that are due. Runs every few minutes;
    the dedup keys make a second run (or two beats at once) queue nothing new."""
    now = timezone.now()
    queued = 0
    upcoming = Booking.objects.filter(
        status=Booking.Status.CONFIRMED, start__gt=now, start__lte=now + REMINDERS[-1][1]
    ).select_related("consultant__user", "seeker")
    for booking in upcoming:
        event = next(name for name, before in REMINDERS if booking.start <= now + before)
        with transaction.atomic():
            notifications.booking_event_message(booking, event)
        queued += 1
    return queued


@shared_task
def purge_expired_notes():
    """Daily: consultation notes older than the retention period are deleted."""
    return notes.purge_expired()


@shared_task
def expire_queue_offers():
    """Pass on the queue's offers that ran out (services.expire_queue_offers); a
    second run finds nothing to do."""
    return services.expire_queue_offers()


@shared_task
def refresh_open_slots():
    """Extend the stored open slots (consultants/slot_summary.py) before they run out."""
    from . import slot_summary

    return slot_summary.refresh_due()
