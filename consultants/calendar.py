"""Bookings as calendar events (portal/calendar.py builds the files). One UID per
booking for life; its SEQUENCE rises with each reschedule or cancellation, so
her calendar moves or removes the entry it already has."""

from django.utils.translation import gettext as _

from portal import calendar as ics
from portal.notifications.links import absolute_url


def booking_event(booking, for_consultant):
    from .models import Booking

    other = booking.seeker.get_short_name() if for_consultant else booking.consultant.display_name
    return ics.Event(
        uid=ics.uid("booking", booking.pk), start=booking.start, end=booking.end, sequence=booking.sequence,
        summary=_("Consultation with %(name)s · %(mode)s") % {"name": other, "mode": booking.get_mode_display()},
        url=absolute_url("consultants:booking", booking.pk),
        cancelled=booking.status == Booking.Status.CANCELLED,
    )


def feed(bookings):
    """The consultant's subscribed calendar: her bookings, as she sees them."""
    return ics.to_ical([booking_event(booking, for_consultant=True) for booking in bookings])
