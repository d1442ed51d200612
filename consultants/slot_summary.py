"""Stored open slots, so that "who has an open slot between A and B" is one
query over the database instead of every consultant's slots in Python.

What is stored is exactly what slots.py computes, minimum notice aside: for a
consultant, the slot starts in [covers_from, covers_until) from her rules,
overrides, bookings and the queue's holds, each with `bookable_until` = start −
notice, the only part of the computation that moves with the clock. Then

    open_slots(start, end, now) == [s for s in stored if start <= s < end and s.bookable_until >= now]

whenever [start, end) lies inside what is covered.

Never stale: every change to what her slots are made of deletes her
SlotSummary row inside the changing transaction (the signals below), and the
row is written back, with her row locked and the data read after the lock,
once that transaction has committed. Until it is back, or when a range is not
covered (the beat extends coverage hourly), she is computed in Python as before.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from . import availability
from .models import AvailabilityOverride, AvailabilityRule, Booking, Consultant, OpenSlot, QueueRequest, SlotSummary

logger = logging.getLogger(__name__)

# How far ahead slots are stored; the beat refreshes anyone covered for less than REFRESH_BELOW.
HORIZON = timedelta(days=15)
REFRESH_BELOW = timedelta(days=8)


def refresh(consultant_id, now=None):
    """Store her open slots for [now, now + HORIZON). Returns how many."""
    now = now or timezone.now()
    end = now + HORIZON
    with transaction.atomic():
        consultant = Consultant.objects.select_for_update().filter(pk=consultant_id).first()
        if consultant is None:
            return 0
        notice = timedelta(hours=consultant.min_notice_hours)
        # `now` − notice makes the computation's earliest start `now` itself: notice is applied when read.
        starts = availability.open_slots(consultant, now, end, now=now - notice)
        OpenSlot.objects.filter(consultant_id=consultant_id).delete()
        OpenSlot.objects.bulk_create([OpenSlot(consultant_id=consultant_id, start=start, bookable_until=start - notice)
                                      for start in starts])
        SlotSummary.objects.update_or_create(consultant_id=consultant_id,
                                             defaults={"covers_from": now, "covers_until": end})
    return len(starts)


def refresh_due(now=None):
    """Refresh every active consultant whose stored slots run out within REFRESH_BELOW (or who has none)."""
    now = now or timezone.now()
    due = Consultant.objects.active().exclude(slot_summary__covers_until__gte=now + REFRESH_BELOW) \
        .values_list("pk", flat=True)
    count = 0
    for consultant_id in due:
        refresh(consultant_id, now)
        count += 1
    OpenSlot.objects.filter(start__lt=now - timedelta(days=1)).delete()
    return count


def open_slot_conditions(start, end, now):
    """(known to have an open slot in [start, end), not covered): conditions on Consultant for .filter()."""
    covered = Exists(SlotSummary.objects.filter(consultant=OuterRef("pk"), covers_from__lte=start,
                                                covers_until__gte=end))
    has_slot = Exists(OpenSlot.objects.filter(consultant=OuterRef("pk"), start__gte=start, start__lt=end,
                                              bookable_until__gte=now))
    return covered & has_slot, ~covered


# --- keeping it exact ------------------------------------------------------

def invalidate(consultant_id):
    """Forget her stored slots now (inside the caller's transaction) and store them again after commit."""
    if consultant_id is None:
        return
    SlotSummary.objects.filter(consultant_id=consultant_id).delete()
    transaction.on_commit(lambda: _refresh_quietly(consultant_id))


def _refresh_quietly(consultant_id):
    # The change has committed; a failure here only leaves her to the Python computation.
    try:
        refresh(consultant_id)
    except Exception:
        logger.exception("could not store the open slots of consultant %s", consultant_id)


def _changed(sender, instance, **kwargs):
    if sender is Consultant:
        if kwargs.get("signal") is post_delete:
            return  # her rows go with her (CASCADE)
        invalidate(instance.pk)
    else:
        invalidate(instance.consultant_id)


def connect():
    for model in (Consultant, AvailabilityRule, AvailabilityOverride, Booking, QueueRequest):
        post_save.connect(_changed, sender=model, dispatch_uid=f"slot_summary_save_{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"slot_summary_delete_{model.__name__}")

