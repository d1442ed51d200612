"""Consultation notes: encrypted at rest (portal/crypto.py), read and written only
by their author, each read logged in the graduate's access log, deleted
CONSULTANTS_NOTES_RETENTION_DAYS after the session."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.access import record_access
from portal.accounts.models import AccessRecord
from portal.errors import NotFound

from .models import Booking, ConsultationNote


def _author_of(booking, user):
    if booking.consultant.user_id is None or booking.consultant.user_id != user.pk:
        raise NotFound("not_found", _("Not found."))
    return booking.consultant


def read(booking, user, request=None):
    """Her own note on this booking (or None). Anyone else — another consultant,
    an editor — gets NotFound, and the attempt is logged like a read."""
    try:
        author = _author_of(booking, user)
    except NotFound:
        record_access(booking.seeker, user, AccessRecord.What.NOTE, f"booking {booking.pk}", allowed=False,
                      request=request)
        raise
    note = ConsultationNote.objects.filter(booking=booking, author=author).first()
    if note is not None:
        record_access(booking.seeker, user, AccessRecord.What.NOTE, f"booking {booking.pk}", request=request)
    return note


def write(booking, user, body, shared=False):
    author = _author_of(booking, user)
    body = body.strip()
    if not body:
        ConsultationNote.objects.filter(booking=booking, author=author).delete()
        return None
    note, _created = ConsultationNote.objects.update_or_create(
        booking=booking, author=author, defaults={"body": body, "shared_with_seeker": shared})
    return note


def earlier_sessions(booking, user):
    """Her earlier sessions with the same graduate, with her own notes (each read logged)."""
    author = _author_of(booking, user)
    earlier = list(Booking.objects.filter(consultant=author, seeker=booking.seeker, start__lt=booking.start)
                   .exclude(pk=booking.pk).exclude(status=Booking.Status.CANCELLED)
                   .select_related("note").order_by("-start")[:10])
    for session in earlier:
        note = getattr(session, "note", None)
        session.own_note = note if note is not None and note.author_id == author.pk else None
        if session.own_note is not None:
            record_access(booking.seeker, user, AccessRecord.What.NOTE, f"booking {session.pk}")
    return earlier


def purge_expired(now=None):
    """Delete notes whose session ended more than the retention period ago. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CONSULTANTS_NOTES_RETENTION_DAYS)
    deleted, _per_model = ConsultationNote.objects.filter(booking__end__lt=cutoff).delete()
    return deleted
