"""How a booked session takes place, per mode, and who may see what of it.

- Online: the booking's own link, else the consultant's personal room.
- In person: the consultant's venue (address, room, how to get there).
- Phone: the consultant calls the graduate's verified number. The consultant
  sees it in full only on that booking, from confirmation until a day after
  the session, and each look is written to the graduate's access log; the
  graduate sees "顾问将于 … 拨打您的 138****5678".
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.access import record_access
from portal.accounts.models import AccessRecord
from portal.errors import NotFound
from portal.notifications.sms import mask

from .choices import Mode
from .models import Booking


def meeting_link(booking):
    return booking.meeting_link or booking.consultant.meeting_link


def venue(consultant):
    """The consultant's place, in one line for calendars and texts."""
    return " ".join(part for part in (consultant.venue_address, consultant.venue_room) if part)


def location(booking):
    """What a calendar puts in LOCATION: the link, the place, or the phone call."""
    if booking.mode == Mode.ONLINE:
        return meeting_link(booking)
    if booking.mode == Mode.IN_PERSON:
        return venue(booking.consultant)
    return _("By phone")


def phone_visible_until(booking):
    return booking.end + timedelta(hours=settings.CONSULTANTS_PHONE_VISIBLE_HOURS_AFTER)


def phone_window_open(booking, now=None):
    """The consultant may see the number: a confirmed (or held) phone session, until a day after it."""
    now = now or timezone.now()
    return (booking.mode == Mode.PHONE and booking.phone is not None
            and booking.status in (Booking.Status.CONFIRMED, Booking.Status.COMPLETED, Booking.Status.NO_SHOW,
                                   Booking.Status.ABSENT)
            and now <= phone_visible_until(booking))


def masked_phone(booking):
    return mask(booking.phone) if booking.phone else ""


def reveal_phone(booking, reader, request=None):
    """The graduate's full number for her consultant, in the window. Every attempt
    is logged, refused ones too; a refusal is NotFound, like anything not hers."""
    allowed = booking.consultant.user_id == reader.pk and phone_window_open(booking)
    record_access(booking.seeker, reader, AccessRecord.What.PHONE, context=f"booking {booking.pk}",
                  allowed=allowed, request=request)
    if not allowed:
        raise NotFound("not_found", _("Not found."))
    return str(booking.phone)
