"""The no-show rule: two sessions missed within 60 days put her new bookings on
"needs approval" for 30 days (all three numbers in settings). She is told why
and may write to the editors; an editor may lift it."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from .models import Booking, BookingRestriction


def current_restriction(seeker, now=None):
    now = now or timezone.now()
    return (BookingRestriction.objects.filter(seeker=seeker, starts_at__lte=now, ends_at__gt=now,
                                              lifted_at__isnull=True).order_by("-ends_at").first())


def needs_approval(seeker, now=None):
    return current_restriction(seeker, now) is not None


def count_no_show(booking, now=None):
    """After a no-show is recorded: restrict her if it is the second within the window.
    Returns the new restriction, or None."""
    now = now or timezone.now()
    window = timedelta(days=settings.CONSULTANTS_NO_SHOW_WINDOW_DAYS)
    missed = Booking.objects.filter(seeker=booking.seeker, status=Booking.Status.NO_SHOW,
                                    start__gte=now - window).count()
    if missed < settings.CONSULTANTS_NO_SHOW_LIMIT or needs_approval(booking.seeker, now):
        return None
    restriction = BookingRestriction.objects.create(
        seeker=booking.seeker, starts_at=now, ends_at=now + timedelta(days=settings.CONSULTANTS_APPROVAL_DAYS))
    send(booking.seeker, "consultants/messages/restriction", {
        "restriction": restriction, "missed": missed, "window_days": settings.CONSULTANTS_NO_SHOW_WINDOW_DAYS,
        "appeal_url": SiteLink("consultants:restriction"),
    }, kind=Kind.CONFIRMATION, link=SiteLink("consultants:restriction"), dedup_key=f"restriction:{restriction.pk}")
    return restriction


def appeal(restriction, text):
    """She writes to the editors about it: stored with the restriction and sent to each editor."""
    restriction.appeal = text.strip()[:2000]
    restriction.save(update_fields=["appeal"])
    editors = Group.objects.filter(name__in=["Editors", "Moderators"]).values_list("user", flat=True)
    for editor in get_user_model().objects.filter(pk__in=editors, is_active=True).distinct():
        send(editor, "consultants/messages/restriction_appeal", {
            "restriction": restriction,
            "admin_url": SiteLink("wagtailsnippets_consultants_bookingrestriction:edit", restriction.pk),
        }, kind=Kind.ACCOUNT)


def lift(restriction, editor, now=None):
    restriction.lifted_at = now or timezone.now()
    restriction.lifted_by = editor
    restriction.save(update_fields=["lifted_at", "lifted_by"])
    return restriction
