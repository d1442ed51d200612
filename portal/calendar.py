"""iCalendar (.ics) files: the one builder for course sessions, consultations and
the consultants' calendar feeds.

A calendar recognises an event by its UID: each enrolment and each booking keeps
one UID for life, and its SEQUENCE goes up with every change, so a moved or
cancelled session updates the entry she already has instead of adding another.
DTSTAMP is the moment the file is made, as RFC 5545 asks.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress
from icalendar import Event as VEvent

PRODID = "-//Jinguo Careers//Portal//ZH"
# iTIP methods (RFC 5546): an invitation or update to put in her calendar, or its cancellation.
REQUEST, CANCEL = "REQUEST", "CANCEL"


@dataclass(frozen=True)
class Event:
    uid: str
    start: datetime
    end: datetime
    summary: str
    sequence: int = 0
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def uid(kind, pk):
    """A UID that stays the same for one enrolment or booking: "booking-42@jinguo.example"."""
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"{kind}-{pk}@{host}"


def _organizer():
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = str(_name or address)
    return organizer


def _component(event, now, attendee=None):
    component = VEvent()
    component.add("uid", event.uid)
    component.add("dtstamp", now)
    component.add("dtstart", event.start.astimezone(UTC))
    component.add("dtend", event.end.astimezone(UTC))
    component.add("sequence", event.sequence)
    component.add("summary", event.summary)
    component.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    if event.description:
        component.add("description", event.description)
    if event.location:
        component.add("location", event.location)
    if event.url:
        component.add("url", event.url)
    component.add("organizer", _organizer())
    if attendee:
        component.add("attendee", vCalAddress(f"mailto:{attendee}"))
    return component


def to_ical(events, method=None, attendee=None):
    """The .ics bytes of `events`. `method` (REQUEST or CANCEL) makes it an
    invitation that mail programs offer to add, move or remove."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    now = timezone.now().astimezone(UTC).replace(microsecond=0)
    for event in events:
        calendar.add_component(_component(event, now, attendee))
    return calendar.to_ical()


def invitation(event, attendee):
    """The attachment of a message about one event: (filename, bytes, mimetype)."""
    method = CANCEL if event.cancelled else REQUEST
    kind = event.uid.split("-", 1)[0]  # "booking", "enrolment"
    return f"{kind}.ics", to_ical([event], method=method, attendee=attendee), "text/calendar"
