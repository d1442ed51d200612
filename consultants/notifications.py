"""Messages about bookings, to the graduate and to the consultant. Each is written
to the outbox in the transaction of the change it reports (so it is never lost)
and sent by Celery after commit; its dedup key names the event and the booking's
sequence, so it is queued once however often the caller runs."""

from functools import partial

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import local_time, send

from . import meeting
from .calendar import booking_event
from .choices import SpecialtyCode
from .models import QueueRequest

KINDS = {"confirmed": Kind.CONFIRMATION, "pending": Kind.CONFIRMATION, "rescheduled": Kind.CONFIRMATION,
         "cancelled": Kind.CONFIRMATION, "absent": Kind.CONFIRMATION,
         "reminder_24h": Kind.REMINDER, "reminder_1h": Kind.REMINDER}
EVENTS = tuple(KINDS)
# Events that change her calendar: the message carries the updated (or cancelled) event.
CALENDAR_EVENTS = ("confirmed", "rescheduled", "cancelled")
# Events whose message says how they will meet (link, place or phone call).
MEETING_EVENTS = ("confirmed", "rescheduled", "reminder_24h", "reminder_1h")
# The consultant recorded her own absence herself: only the graduate hears of it.
SEEKER_ONLY = ("absent",)


def _recipients(booking, event):
    yield "seeker", booking.seeker
    if booking.consultant.user_id is not None and event not in SEEKER_ONLY:
        yield "consultant", booking.consultant.user


def _meeting(booking):
    return {"link": meeting.meeting_link(booking), "venue": meeting.venue(booking.consultant),
            "directions": booking.consultant.venue_directions, "phone_masked": meeting.masked_phone(booking)}


def crisis_notice_for(consultant):
    """Psychology bookings carry, in plain words, where to get help at once."""
    return any(specialty.code == SpecialtyCode.PSYCHOLOGY for specialty in consultant.specialties.all())


def booking_event_message(booking, event):
    """Queue the message about `event` to the seeker and the consultant, in the
    consultant's time zone (the one her availability is set in)."""
    assert event in EVENTS, event
    details = _meeting(booking)
    crisis = crisis_notice_for(booking.consultant)
    # Put first in the consultant's queue (she could not come, or cancelled the day): the message says so.
    queued_first = QueueRequest.objects.filter(consultant=booking.consultant, seeker=booking.seeker,
                                               status__in=QueueRequest.ACTIVE, put_first=True).exists()
    for role, user in _recipients(booking, event):
        with_calendar = event in CALENDAR_EVENTS
        link = SiteLink("consultants:booking", booking.pk)
        # The other side: the graduate reads the consultant's name, the consultant the graduate's.
        other = booking.consultant.display_name if role == "seeker" else booking.seeker.get_short_name()
        context = {"booking": booking, "event": event, "role": role, "with_calendar": with_calendar, "url": link,
                   "other_name": other, "meeting": details, "meeting_events": MEETING_EVENTS,
                   "crisis_notice": crisis and role == "seeker" and event == "confirmed",
                   "queued_first": queued_first and role == "seeker" and event in ("cancelled", "absent"),
                   "consultant_url": SiteLink("consultants:detail", booking.consultant_id)}
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
