"""Feedback after an attended session: asked by her chosen channels, answered
once, read by editors in full and by the consultant only as an average of five
or more answers. Nothing of it is public."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import Conflict, NotFound
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send
from portal.privacy.consents import allows
from portal.privacy.models import Purpose

from .models import Booking, Feedback

# A consultant sees her average only from this many answers: fewer could name who said what.
MIN_ANSWERS_SHOWN = 5


def ask_for(booking):
    # She may have withdrawn her consent to being asked (her privacy page).
    if not allows(booking.seeker, Purpose.FEEDBACK_REQUESTS):
        return
    link = SiteLink("consultants:feedback", booking.pk)
    send(booking.seeker, "consultants/messages/feedback_request", {"booking": booking, "feedback_url": link},
         kind=Kind.FEEDBACK, link=link, sms={"name": booking.consultant.display_name},
         dedup_key=f"booking:{booking.pk}:feedback-request")


def answerable(booking, seeker):
    """Her attended session, waiting for her answer; NotFound for anyone else's, Conflict otherwise."""
    if booking.seeker_id != seeker.pk:
        raise NotFound("not_found", _("Not found."))
    if booking.status != Booking.Status.COMPLETED:
        raise Conflict("not_attended", _("Feedback can be given only on a session that took place."))
    if Feedback.objects.filter(booking=booking).exists():
        raise Conflict("already_answered", _("You have already given feedback on this session. Thank you!"))
    return booking


def give(booking, seeker, rating, comment=""):
    answerable(booking, seeker)
    try:
        with transaction.atomic():
            return Feedback.objects.create(booking=booking, rating=rating, comment=comment.strip())
    except IntegrityError as exc:  # two answers at once: the second is refused like any second
        raise Conflict("already_answered", _("You have already given feedback on this session. Thank you!")) from exc


def summary_for(consultant):
    """{"average", "count"} of her answers, or None below MIN_ANSWERS_SHOWN."""
    figures = Feedback.objects.filter(booking__consultant=consultant).aggregate(average=Avg("rating"),
                                                                                 count=Count("pk"))
    if figures["count"] < MIN_ANSWERS_SHOWN:
        return None
    return {"average": round(figures["average"], 1), "count": figures["count"]}


# A rating at or below this is flagged to the editors for LOW_RATING_DAYS days.
LOW_RATING = 2
LOW_RATING_DAYS = 30


def unread_low_ratings(now=None):
    since = (now or timezone.now()) - timedelta(days=LOW_RATING_DAYS)
    return Feedback.objects.filter(rating__lte=LOW_RATING, created_at__gte=since, read_at__isnull=True)


def mark_read(answer, now=None):
    if answer.read_at is None:
        answer.read_at = now or timezone.now()
        Feedback.objects.filter(pk=answer.pk, read_at__isnull=True).update(read_at=answer.read_at)
