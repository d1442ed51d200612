"""Booking emails. Each is written to the outbox in the transaction of the
change it reports (so it is never lost) and sent by Celery after commit; its
dedup key names the event, so it is queued once however often the caller runs."""

from datetime import UTC

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar, Event

from portal.notifications.services import queue_email

EVENTS = ("confirmed", "rescheduled", "cancelled", "reminder_24h", "reminder_1h")


def calendar_uid(booking):
    return f"booking-{booking.pk}@jinguo.example"


def ics_event(booking, for_consultant):
    from .models import Booking

    event = Event()
    event.add("uid", calendar_uid(booking))
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", booking.start.astimezone(UTC))
    event.add("dtend", booking.end.astimezone(UTC))
    event.add("sequence", booking.sequence)
    who = booking.seeker.get_short_name() if for_consultant else booking.consultant.display_name
    event.add("summary", f"巾帼职达 · {who} · {booking.get_mode_display()}")
    cancelled = booking.status == Booking.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def ics_calendar(events, method=None):
    calendar = Calendar()
    calendar.add("prodid", "-//Jinguo Careers//consultants//ZH")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _recipients(booking):
    yield "seeker", booking.seeker
    if booking.consultant.user_id is not None:
        yield "consultant", booking.consultant.user


def booking_event(booking, event):
    """Queue the email about `event` to the seeker and the consultant."""
    assert event in EVENTS, event
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for role, user in _recipients(booking):
        if not user.email:
            continue
        # The default language: the user model keeps no preference yet.
        with translation.override(settings.LANGUAGE_CODE), timezone.override(booking.consultant.time_zone):
            context = {"booking": booking, "event": event, "role": role, "recipient": user,
                       "url": base + reverse("consultants:booking", args=[booking.pk])}
            subject = render_to_string("consultants/email/subject.txt", context).strip()
            body = render_to_string("consultants/email/booking.txt", context)
        attachments = []
        if event in ("confirmed", "rescheduled", "cancelled"):
            method = "CANCEL" if event == "cancelled" else "REQUEST"
            ics = ics_calendar([ics_event(booking, role == "consultant")], method=method)
            attachments.append(("booking.ics", ics, "text/calendar"))
        queue_email(to=[user.email], subject=subject, body=body, attachments=attachments,
                    dedup_key=f"booking:{booking.pk}:{event}:{booking.sequence}:{role}")
