"""Which cached pages a change of a consultant's open slots makes stale
(portal/page_cache.py): her profile (`consultant:<id>`) and the directory and home
page (`consultants`, whose "open this week" filter reads everyone's slots).

Open slots come from her rules and overrides, her bookings (booked, cancelled,
moved, decided) and the queue's holds, and her own settings (notice, buffer, length,
active): a save or delete of any of those rows renews both topics."""

from django.db.models.signals import post_delete, post_save

from portal import page_cache


def slots_changed(consultant_id):
    page_cache.invalidate(f"consultant:{consultant_id}", "consultants")


def _row_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        slots_changed(instance.pk if sender.__name__ == "Consultant" else instance.consultant_id)


def connect():
    from .models import AvailabilityOverride, AvailabilityRule, Booking, Consultant, QueueRequest

    for model in (Consultant, AvailabilityRule, AvailabilityOverride, Booking, QueueRequest):
        for signal in (post_save, post_delete):
            signal.connect(_row_changed, sender=model, dispatch_uid=f"page_cache.{model.__name__}.{id(signal)}")
