"""The placement ledger: what the federation can stand behind when it says a woman found
work through the portal.

- The employer marks her hired (applications.decide): a Placement row, and a message
  asking her to confirm it on her page /me/placements/<id>/.
- It counts (Placement.objects.counted(), the one rule) once she confirms it, or once an
  editor verifies it with a note (a phone call, a contract seen). If she says she was not
  hired it is disputed: not counted, and editors see it in the admin's list.
- About six months after placed_on (settings.PLACEMENT_RETENTION_DAYS) a counted placement
  asks her once whether she is still in the job (tasks.ask_retention); her answer is kept.

Someone else's placement answers 404, as does a retention answer for a placement that does
not count (she was not placed); a second answer to the same question is a 409.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import Conflict, Forbidden, NotFound, ServiceError
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from .models import Placement

Retention = Placement.Retention
MAX_NOTE = 2000


def can_verify(user):
    return user.is_authenticated and user.has_perm("jobs.verify_placement")


def _own(placement_id, user, for_update=False):
    queryset = Placement.objects.select_related("job__employer", "application")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    placement = queryset.filter(pk=placement_id, application__seeker_id=user.pk).first() if user.pk else None
    if placement is None:
        raise NotFound("not_found", _("Placement not found."))
    return placement


def get_own_placement(placement_id, user):
    return _own(placement_id, user)


def waiting_for(user):
    """Her placements still waiting for her word, for /me/."""
    return list(Placement.objects.waiting_for_her().filter(application__seeker=user)
                .select_related("job__employer").order_by("-placed_on"))


def _refuse_second_answer(placement):
    if placement.confirmed_at or placement.disputed_at:
        raise Conflict("already_answered", _("You have already answered about this job."))


def confirm(placement_id, user):
    """She says she took the job: it counts from now."""
    with transaction.atomic():
        placement = _own(placement_id, user, for_update=True)
        _refuse_second_answer(placement)
        placement.confirmed_at = timezone.now()
        placement.save(update_fields=["confirmed_at"])
    return placement


def dispute(placement_id, user):
    """She says she was not hired: it does not count unless an editor verifies it."""
    with transaction.atomic():
        placement = _own(placement_id, user, for_update=True)
        _refuse_second_answer(placement)
        placement.disputed_at = timezone.now()
        placement.save(update_fields=["disputed_at"])
    return placement


def verify(placement_id, editor, note):
    """An editor vouches for a placement, with what she checked (required)."""
    if not can_verify(editor):
        raise Forbidden("forbidden", _("Only editors can verify placements."))
    note = (note or "").strip()
    if not note:
        raise ServiceError("note_required", _("Please write how the placement was verified."))
    if len(note) > MAX_NOTE:
        raise ServiceError("invalid", _("The note is too long (at most 2,000 characters)."))
    with transaction.atomic():
        placement = Placement.objects.select_for_update().filter(pk=placement_id).first()
        if placement is None:
            raise NotFound("not_found", _("Placement not found."))
        if placement.verified_at is not None:
            raise Conflict("already_verified", _("This placement is already verified."))
        placement.verified_by, placement.verified_at, placement.verification_note = editor, timezone.now(), note
        placement.save(update_fields=["verified_by", "verified_at", "verification_note"])
    return placement


def answer_retention(placement_id, user, answer):
    """Her answer to "are you still in this job?" (Retention), once."""
    with transaction.atomic():
        placement = _own(placement_id, user, for_update=True)
        if not Placement.objects.counted().filter(pk=placement.pk).exists():
            raise NotFound("not_found", _("Placement not found."))
        if answer not in Retention.values:
            raise ServiceError("invalid", _("Please choose an answer."))
        if placement.retention_answered_at is not None:
            raise Conflict("already_answered", _("You have already answered this question."))
        placement.retention_answer, placement.retention_answered_at = answer, timezone.now()
        placement.save(update_fields=["retention_answer", "retention_answered_at"])
    return placement


def retention_due(today=None):
    """Counted placements placed long enough ago and not asked yet."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.PLACEMENT_RETENTION_DAYS)
    return Placement.objects.counted().filter(placed_on__lte=cutoff, retention_asked_at__isnull=True)


# ---------------------------------------------------------------- messages


def _context(placement, **extra):
    return {"placement": placement, "job": placement.job, "employer": placement.job.employer,
            "placement_url": SiteLink("my_placements:detail", placement.pk), **extra}


def ask_confirmation(placement, message=""):
    """When the employer marks her hired: congratulations, and please confirm."""
    context = _context(placement, message=message)
    send(placement.application.seeker, "jobs/messages/placement/confirm", context, kind=Kind.APPLICATION,
         sms={"job": placement.job.title}, link=context["placement_url"],
         dedup_key=f"placement:{placement.pk}:confirm")


def ask_retention(placement):
    context = _context(placement)
    return send(placement.application.seeker, "jobs/messages/placement/retention", context, kind=Kind.APPLICATION,
                sms={"job": placement.job.title}, link=context["placement_url"],
                dedup_key=f"placement:{placement.pk}:retention")
