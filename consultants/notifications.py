"""Messages about bookings, to the graduate and to the consultant. Each is written
to the outbox in the transaction of the change it reports (so it is never lost)
and sent by Celery after commit; its dedup key names the event and the booking's
sequence, so it is queued once however often the caller runs."""

from functools import partial

from portal.notifications.links import SiteLink
from portal.notifications.services import send

from .calendar import booking_event

EVENTS = ("confirmed", "rescheduled", "cancelled", "reminder_24h", "reminder_1h")
# Events that change her calendar: the message carries the updated (or cancelled) event.
CALENDAR_EVENTS = ("confirmed", "rescheduled", "cancelled")


def _recipients(booking):
    yield "seeker", booking.seeker
    if booking.consultant.user_id is not None:
        yield "consultant", booking.consultant.user


def booking_event_message(booking, event):
    """Queue the message about `event` to the seeker and the consultant, in the
    consultant's time zone (the one her availability is set in)."""
    assert event in EVENTS, event
    for role, user in _recipients(booking):
        with_calendar = event in CALENDAR_EVENTS
        context = {"booking": booking, "event": event, "role": role, "with_calendar": with_calendar,
                   "url": SiteLink("consultants:booking", booking.pk)}
        calendar = partial(booking_event, booking, role == "consultant") if with_calendar else None
        send(user, "consultants/email/booking", context, time_zone=booking.consultant.time_zone, calendar=calendar,
             dedup_key=f"booking:{booking.pk}:{event}:{booking.sequence}:{role}")
