"""Bookings as calendar events (portal/calendar.py builds the files). One UID per
booking for life; its SEQUENCE rises with each reschedule or cancellation, so
her calendar moves or removes the entry it already has."""

from django.utils.translation import gettext as _

from portal import calendar as ics
from portal.notifications.links import absolute_url


def booking_event(booking, for_consultant):
    """Where they meet goes in LOCATION (the meeting link, the venue, or "by phone"),
    and for an online session URL is the meeting room itself."""
    from . import meeting
    from .choices import Mode
    from .models import Booking

    other = booking.seeker.get_short_name() if for_consultant else booking.consultant.display_name
    page = absolute_url("consultants:booking", booking.pk)
    link = meeting.meeting_link(booking) if booking.mode == Mode.ONLINE else ""
    lines = [page]
    if booking.mode == Mode.IN_PERSON and booking.consultant.venue_directions:
        lines.insert(0, booking.consultant.venue_directions)
    if booking.mode == Mode.PHONE and not for_consultant:
        lines.insert(0, _("The consultant will call you at %(number)s.") % {"number": meeting.masked_phone(booking)})
    return ics.Event(
        uid=ics.uid("booking", booking.pk), start=booking.start, end=booking.end, sequence=booking.sequence,
        summary=_("Consultation with %(name)s · %(mode)s") % {"name": other, "mode": booking.get_mode_display()},
        location=meeting.location(booking), url=link or page, description="\n".join(lines),
        cancelled=booking.status == Booking.Status.CANCELLED,
    )


def feed(bookings):
    """The consultant's subscribed calendar: her bookings, as she sees them."""
    return ics.to_ical([booking_event(booking, for_consultant=True) for booking in bookings])
