"""Employers: registration with a business licence, verification by a moderator,
the licence's readers and the public employer page.

    register(user, employer, licence)  → pending, she becomes its member
    resubmit(employer, user, licence)  → pending again after a refusal (or for an employer never sent)
    verify(employer, moderator)        → verified: it may submit postings, it has a public page
    reject(employer, moderator, reason)→ refused, with the reason she reads

Only verified employers post: `posting_refusal()` is the Forbidden that
jobs.services.submit_posting raises for the others. Refusals are ServiceErrors
(portal/errors.py) like every other service's.
"""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.errors import Conflict, Forbidden, NotFound, ServiceError
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from .models import Employer, EmployerMember, JobPosting
from .uploads import LICENCE_TYPES, validate_licence

Verification = Employer.Verification


def can_verify(user):
    return user.is_authenticated and user.has_perm("jobs.verify_employer")


def can_read_licence(user, employer):
    """Moderators and editors (who manage employers), and the employer's own accounts."""
    if not user.is_authenticated:
        return False
    if can_verify(user) or user.has_perm("jobs.change_employer"):
        return True
    return EmployerMember.objects.filter(user=user, employer=employer).exists()


def posting_refusal(employer):
    """The Forbidden a posting of this employer meets when submitted, or None when it is verified."""
    if employer.verified:
        return None
    reasons = {
        Verification.PENDING: _("a moderator is checking its business licence. You can submit postings as soon "
                                "as it is verified."),
        Verification.REJECTED: _("its verification was refused (%(reason)s). Please correct the registration and "
                                 "send it again.") % {"reason": employer.rejection_reason},
        Verification.UNVERIFIED: _("please register it with its unified social credit code and business licence "
                                   "first."),
    }
    return Forbidden("employer_unverified", _("Your organisation is not verified yet: %(reason)s") % {
        "reason": reasons.get(employer.verification_status, reasons[Verification.UNVERIFIED])})


# ---------------------------------------------------------------- registration


def _store_licence(employer, licence):
    """Check the upload and attach it under a random name (the visible name never
    reaches the file system); the file it replaces is removed after commit."""
    kind, name = validate_licence(licence)
    previous = employer.licence.name if employer.licence else None
    extension = "jpg" if kind == "jpeg" else kind
    employer.licence.save(f"{uuid.uuid4().hex}.{extension}", licence, save=False)
    employer.licence_name, employer.licence_kind = name, kind
    if previous:
        storage = employer.licence.storage
        transaction.on_commit(lambda: storage.delete(previous))


def _request_verification(employer):
    employer.verification_status = Verification.PENDING
    employer.verification_requested_at = timezone.now()
    employer.rejection_reason = ""


def register(user, employer, licence):
    """Register a new employer (validated fields, not yet saved) with its licence: it
    waits for verification, and `user` becomes its account."""
    if EmployerMember.objects.filter(user=user).exists():
        raise Conflict("already_member", _("Your account already acts for an organisation."))
    _store_licence(employer, licence)
    _request_verification(employer)
    try:
        with transaction.atomic():
            employer.save()
            EmployerMember.objects.create(user=user, employer=employer)
    except IntegrityError:
        # Registered a moment ago by someone else (the form checked just before).
        employer.licence.storage.delete(employer.licence.name)
        raise Conflict("already_registered", _("This organisation is already registered.")) from None
    return employer


def resubmit(employer, user, licence=None):
    """Send an employer's corrected registration again (after a refusal, or for one an
    editor added without a licence). A new licence replaces the old one."""
    if not EmployerMember.objects.filter(user=user, employer=employer).exists():
        raise NotFound("not_found", _("Not found."))
    if Employer.objects.filter(pk=employer.pk).values_list("verification_status", flat=True).first() not in (
            Verification.REJECTED, Verification.UNVERIFIED):
        raise Conflict("not_refused", _("This registration is already verified or being checked."))
    if not employer.credit_code:
        raise ServiceError("credit_code_required", _("Please enter the unified social credit code."))
    if licence is None and not employer.licence:
        raise ServiceError("licence_required", _("Please upload the business licence."))
    with transaction.atomic():  # the replaced licence file goes only once the new one is recorded
        if licence is not None:
            _store_licence(employer, licence)
        _request_verification(employer)
        employer.save()
    return employer


# ---------------------------------------------------------------- the moderator's decision


def _locked(employer):
    return Employer.objects.select_for_update().get(pk=employer.pk)


def verify(employer, moderator):
    if not can_verify(moderator):
        raise Forbidden("forbidden", _("Only moderators can verify employers."))
    with transaction.atomic():
        current = _locked(employer)
        if current.verified:
            raise Conflict("already_verified", _("This employer is already verified."))
        if not current.credit_code:
            raise Conflict("credit_code_required", _("An employer needs a unified social credit code to be verified."))
        current.verification_status = Verification.VERIFIED
        current.reviewed_at, current.reviewed_by = timezone.now(), moderator
        current.rejection_reason = ""
        current.save(update_fields=["verification_status", "reviewed_at", "reviewed_by", "rejection_reason"])
        _notify(current, "verified")
    return current


def reject(employer, moderator, reason):
    if not can_verify(moderator):
        raise Forbidden("forbidden", _("Only moderators can refuse a verification."))
    reason = (reason or "").strip()
    if not reason:
        raise ServiceError("reason_required", _("Please tell the employer why the verification is refused."))
    with transaction.atomic():
        current = _locked(employer)
        if current.verification_status != Verification.PENDING:
            raise Conflict("not_pending", _("Only a registration waiting for verification can be refused."))
        current.verification_status = Verification.REJECTED
        current.reviewed_at, current.reviewed_by = timezone.now(), moderator
        current.rejection_reason = reason[:2000]
        current.save(update_fields=["verification_status", "reviewed_at", "reviewed_by", "rejection_reason"])
        _notify(current, "rejected")
    return current


def _notify(employer, event):
    link = SiteLink("jobs:employer_home") if event == "verified" else SiteLink("jobs:employer_register")
    context = {"employer": employer, "event": event, "url": link}
    for recipient in employer.notification_recipients():
        # No dedup key: a registration can be refused, corrected and refused again.
        send(recipient, "jobs/messages/verification", context, kind=Kind.POSTING, link=link)


def delete_licence_file(sender, instance, **kwargs):
    """An employer deleted (by an editor): its licence file goes too, once that is committed."""
    if instance.licence:
        storage, name = instance.licence.storage, instance.licence.name
        transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------- reading


def licence_for_reader(employer_id, user):
    """The employer whose licence this user may read; NotFound for anyone else, and
    for an employer without a licence."""
    employer = Employer.objects.filter(pk=employer_id).first()
    if employer is None or not employer.licence or not can_read_licence(user, employer):
        raise NotFound("not_found", _("Not found."))
    return employer


def licence_content_type(employer):
    return LICENCE_TYPES[employer.licence_kind]


def public_employer(employer_id):
    """A verified employer, for its public page; NotFound for any other."""
    employer = Employer.objects.verified().filter(pk=employer_id).first()
    if employer is None:
        raise NotFound("not_found", _("This employer does not exist or is not verified."))
    return employer


def open_postings(employer):
    return JobPosting.objects.visible().filter(employer=employer).select_related("employer").order_by(
        "-published_at", "-pk")
