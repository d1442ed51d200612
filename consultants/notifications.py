"""Messages about bookings, to the graduate and to the consultant. Each is written
to the outbox in the transaction of the change it reports (so it is never lost)
and sent by Celery after commit; its dedup key names the event and the booking's
sequence, so it is queued once however often the caller runs."""

from functools import partial

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import local_time, send

from .calendar import booking_event

EVENTS = ("confirmed", "rescheduled", "cancelled", "reminder_24h", "reminder_1h")
# Events that change her calendar: the message carries the updated (or cancelled) event.
CALENDAR_EVENTS = ("confirmed", "rescheduled", "cancelled")
KINDS = {"confirmed": Kind.CONFIRMATION, "rescheduled": Kind.CONFIRMATION, "cancelled": Kind.CONFIRMATION,
         "reminder_24h": Kind.REMINDER, "reminder_1h": Kind.REMINDER}


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
        link = SiteLink("consultants:booking", booking.pk)
        # The other side: the graduate reads the consultant's name, the consultant the graduate's.
        other = booking.consultant.display_name if role == "seeker" else booking.seeker.get_short_name()
        context = {"booking": booking, "event": event, "role": role, "with_calendar": with_calendar, "url": link,
                   "other_name": other}
        calendar = partial(booking_event, booking, role == "consultant") if with_calendar else None
        sms = {"name": other, "time": local_time(booking.start, booking.consultant.time_zone)}
        send(user, "consultants/messages/booking", context, kind=KINDS[event], sms=sms, link=link,
             time_zone=booking.consultant.time_zone, calendar=calendar,
             dedup_key=f"booking:{booking.pk}:{event}:{booking.sequence}:{role}")


def queue_offer(request):
    """Tell the first in a consultant's queue that a slot is held for her, until
    when, and where to book it; in the consultant's time zone."""
    consultant = request.consultant
    zone = consultant.time_zone
    link = SiteLink("consultants:queue_offer", request.pk)
    sms = {"name": consultant.display_name, "time": local_time(request.offered_start, zone),
           "deadline": local_time(request.offer_expires_at, zone)}
    return send(request.seeker, "consultants/messages/queue_offer", {"request": request, "consultant": consultant,
                                                                     "url": link},
                kind=Kind.OFFER, sms=sms, link=link, time_zone=zone,
                dedup_key=f"queue:{request.pk}:offer:{request.offered_start:%Y%m%dT%H%M}")
