"""What the rest of the portal, the pages and the API do with jobs.

Every rule about who may do what to a posting or an application lives here;
views and API endpoints let the ServiceError they raise (portal/errors.py)
become the problem page or a JSON error.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from portal import page_cache
from portal.accounts.statistics import grouped
from portal.errors import Conflict, Forbidden, Gone, NotFound, ServiceError
from portal.homes import Home
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from . import employers, moderation, screening
from .models import Application, Employer, EmployerMember, Interview, JobPosting, Placement

# Her part of her data export and of her account's erasure (portal/privacy, PERSONAL_DATA_PROVIDERS).
from .personal_data import erase_personal_data, personal_data  # noqa: F401

# ---------------------------------------------------------------- roles


def employer_for(user):
    """The employer a user acts for, or None."""
    if not user.is_authenticated:
        return None
    membership = EmployerMember.objects.select_related("employer").filter(user=user).first()
    return membership.employer if membership else None


def employer_home_for(user):
    """Her employer's postings and applicants (/jobs/employer/), when she is one of its accounts."""
    if not EmployerMember.objects.filter(user=user).exists():
        return None
    return Home("employer", pgettext_lazy("role home", "Employer"), reverse("jobs:employer_home"))


def can_moderate(user):
    return user.is_authenticated and user.has_perm("jobs.moderate_jobposting")


def can_manage_applications(user, job):
    if not user.is_authenticated:
        return False
    if user.has_perm("jobs.change_application"):
        return True
    return EmployerMember.objects.filter(user=user, employer_id=job.employer_id).exists()


# ---------------------------------------------------------------- postings


def visible_jobs():
    return JobPosting.objects.visible().select_related("employer")


def next_visibility_change(now=None):
    """The next moment an approved posting appears (published_at) or expires
    (expires_at) with no save: what any list of postings is fresh until."""
    now = now or timezone.now()
    found = JobPosting.objects.filter(status=JobPosting.Status.APPROVED).aggregate(
        start=Min("published_at", filter=Q(published_at__gt=now)),
        expiry=Min("expires_at", filter=Q(expires_at__gt=now)))
    return min((moment for moment in found.values() if moment is not None), default=None)


def get_visible_job(job_id):
    """The posting a visitor asked for: NotFound when it never was public, Gone when it expired."""
    job = JobPosting.objects.select_related("employer").filter(pk=job_id).first()
    if job is None or (not job.is_visible() and not job.is_expired()):
        raise NotFound("not_found", _("This job does not exist or is not published."))
    if job.is_expired():
        raise Gone("expired", _("This job has expired."))
    return job


def similar_open_jobs(job, limit=5):
    return list(
        visible_jobs().filter(industry=job.industry).exclude(pk=job.pk).order_by("-published_at")[:limit]
    )


def screen_posting(posting):
    """Record on the posting, before it is saved, what the discrimination check finds in
    its text, and return those flags. Whatever saves a posting's text calls this: the
    employer's form (save_posting), the admin's, demo data and test factories."""
    posting.flagged_phrases = [finding.as_dict() for finding in screening.scan_posting(posting)]
    return posting.flagged_phrases


# ---------------------------------------------------------------- moderation states
#
# The one rule for a posting's status when its text is saved (the employer's form through
# save_posting, the admin's form through status_after_edit):
#
# - Sent for review ("submit"): SUBMITTED when the check finds nothing, NEEDS_CHANGES when
#   it finds wording. A posting with findings is never submitted: it stays with the
#   employer, shown as 待修改 with its findings, and never reaches the moderators' queue.
# - Saved as a draft: DRAFT, findings or not (she can come back to it), also when it was
#   waiting for moderation, needed changes or was rejected.
# - A live (APPROVED) posting whose reviewed content (moderation.REVIEWED_FIELDS) changed
#   goes back to review, whichever button was pressed: SUBMITTED if clean, NEEDS_CHANGES if
#   not. It leaves the public pages until a moderator approves the new version (postings
#   are visible only when approved) and is never silently turned into a draft. Saved
#   without a change, it stays approved.
# - A closed posting is not edited (the employer's form refuses it).


def status_after_edit(posting, stored, submit):
    """The status a posting saved with the text it has now takes (the rule above). `stored`
    is the version in the database (None for a new posting); flags must be screened."""
    Status = JobPosting.Status
    if stored is not None and stored.status == Status.CLOSED:
        return Status.CLOSED
    if stored is not None and stored.status == Status.APPROVED:
        if not moderation.content_changed(posting, stored):
            return Status.APPROVED
        submit = True
    if not submit:
        return Status.DRAFT
    return Status.NEEDS_CHANGES if posting.flagged_phrases else Status.SUBMITTED


def save_posting(posting, user, submit=False):
    """Validate, screen and save a posting written by an employer or an editor, with its
    status after the rule above; keeps a revision. Returns the posting: a submission the
    check holds back comes back with status NEEDS_CHANGES (and its flagged_phrases)."""
    posting.full_clean()
    if posting.expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    if posting.pk is None:
        posting.submitted_by = user
    stored = JobPosting.objects.filter(pk=posting.pk).first() if posting.pk else None
    screen_posting(posting)
    posting.status = status_after_edit(posting, stored, submit)
    posting.save()
    posting.save_revision(user=user, log_action=True)
    return posting


SUBMITTABLE = (JobPosting.Status.DRAFT, JobPosting.Status.NEEDS_CHANGES, JobPosting.Status.REJECTED)


def submit_posting(posting, user):
    """Send a saved posting for review (the button on her posting page). The check runs
    again (the phrase list may have changed since the save): with findings it is held as
    NEEDS_CHANGES instead, and the caller shows her the findings."""
    # Only verified employers post: the others hear why and what to do (jobs/employers.py).
    refusal = employers.posting_refusal(posting.employer)
    if refusal is not None:
        raise refusal
    if posting.status not in SUBMITTABLE:
        raise Conflict("conflict", _("Only a draft can be submitted for moderation."))
    screen_posting(posting)
    posting.status = JobPosting.Status.NEEDS_CHANGES if posting.flagged_phrases else JobPosting.Status.SUBMITTED
    posting.save(update_fields=["status", "flagged_phrases", "updated_at"])
    return posting


def approve_posting(posting, moderator, seen=None):
    """Publish a submitted posting. `seen` is moderation.fingerprint() of the version the
    moderator reviewed: when the posting changed since, nothing is decided."""
    if not can_moderate(moderator):
        raise Forbidden("forbidden", _("Only moderators can approve job postings."))
    if posting.status != JobPosting.Status.SUBMITTED:
        raise Conflict("conflict", _("Only a posting waiting for moderation can be approved."))
    _refuse_if_changed(posting, seen)
    # The phrase list may have changed since the text was saved: the check runs again, and
    # a posting it now flags goes back to its employer instead of waiting in the queue.
    if screen_posting(posting):
        posting.status = JobPosting.Status.NEEDS_CHANGES
        posting.save(update_fields=["status", "flagged_phrases", "updated_at"])
        _notify_employer(posting, "needs_changes")
        raise Conflict("flagged", _("This posting contains discriminatory wording and must be edited before "
                                    "approval. It has been sent back to the employer."))
    if posting.expires_at <= timezone.now():
        raise Conflict("expired", _("This posting has already expired."))
    posting.status = JobPosting.Status.APPROVED
    posting.published_at = posting.published_at or timezone.now()
    posting.moderation_comment = ""
    moderation.record_decision(posting, moderator, moderation.APPROVE)
    posting.save(update_fields=["status", "published_at", "moderation_comment", "flagged_phrases",
                                "decided_revision", "updated_at"])
    _notify_employer(posting, "approved")


def reject_posting(posting, moderator, comment, seen=None):
    """Send a submitted posting back with the reason the employer reads (required)."""
    if not can_moderate(moderator):
        raise Forbidden("forbidden", _("Only moderators can reject job postings."))
    if posting.status != JobPosting.Status.SUBMITTED:
        raise Conflict("conflict", _("Only a posting waiting for moderation can be rejected."))
    if not (comment or "").strip():
        raise ServiceError("comment_required", _("Please tell the employer why the posting was rejected."))
    _refuse_if_changed(posting, seen)
    posting.status = JobPosting.Status.REJECTED
    posting.moderation_comment = comment.strip()[:2000]
    moderation.record_decision(posting, moderator, moderation.REJECT, posting.moderation_comment)
    posting.save(update_fields=["status", "moderation_comment", "decided_revision", "updated_at"])
    _notify_employer(posting, "rejected")


def _refuse_if_changed(posting, seen):
    if seen is not None and seen != moderation.fingerprint(posting):
        raise Conflict("changed", _("The employer changed this posting while you were reviewing it. "
                                    "Please review the new version."))


def close_posting(posting, user):
    if employer_for(user) != posting.employer and not can_moderate(user):
        raise NotFound("not_found", _("This job does not exist or is not published."))
    posting.status = JobPosting.Status.CLOSED
    posting.save(update_fields=["status", "updated_at"])


def _notify_employer(posting, event):
    recipients = posting.employer.notification_recipients()
    submitter = posting.submitted_by
    if submitter is not None and submitter.is_active and submitter.email not in {r.email for r in recipients}:
        recipients.append(submitter)
    link = SiteLink("jobs:employer_posting", posting.pk)
    context = {"posting": posting, "event": event, "posting_url": link}
    for recipient in recipients:
        # No dedup key: a posting can be rejected, edited and rejected again.
        send(recipient, "jobs/messages/moderation", context, kind=Kind.POSTING, link=link)


# ---------------------------------------------------------------- applications (jobs/applications.py)


def counted_placements():
    return Placement.objects.counted()


def placement_count():
    """Placements that count (Placement.objects.counted()): the home counter and the
    federation's statistics (reports.figures) read this one number."""
    return counted_placements().count()


def application_figures(start, end, by):
    """The federation's statistics (reports/figures.py): applications sent in [start, end)
    and how many had the employer's answer within settings.APPLICATION_ANSWER_DAYS, per
    month, district or school of the graduate. One grouped query."""
    in_time = Q(answered_at__isnull=False,
                answered_at__lte=F("created_at") + timedelta(days=settings.APPLICATION_ANSWER_DAYS))
    queryset = Application.objects.filter(created_at__gte=start, created_at__lt=end)
    return grouped(queryset, by, "created_at", "seeker", applications=Count("pk"),
                   answered_in_time=Count("pk", filter=in_time))


def placement_figures(start_date, end_date, by):
    """Counted placements (the rule of Placement.objects.counted()) placed on days in
    [start_date, end_date), and six-month retention: asked, answered, still employed."""
    queryset = Placement.objects.counted().filter(placed_on__gte=start_date, placed_on__lt=end_date)
    answered = Q(retention_answered_at__isnull=False) & ~Q(retention_answer=Placement.Retention.NO_ANSWER)
    return grouped(queryset, by, "placed_on", "application__seeker", is_date=True, placements=Count("pk"),
                   retention_answered=Count("pk", filter=answered),
                   still_employed=Count("pk", filter=Q(retention_answer=Placement.Retention.STILL_EMPLOYED)))


def open_job_count():
    """What the /jobs/ list counts with no filter: the visible postings."""
    return visible_jobs().count()


def verified_employers():
    """Employers with a public page: the verified ones."""
    return Employer.objects.verified()


def verified_employer_count():
    return verified_employers().count()


def dashboard_section(request):
    if not request.user.is_authenticated:
        return None
    applications = (
        Application.objects.filter(seeker=request.user).select_related("job__employer").order_by("-created_at")
    )
    from . import (
        favourites,  # it builds on this module's get_visible_job
        placements,
    )

    return {
        "template": "jobs/includes/dashboard_section.html",
        "applications": applications,
        "placements_to_confirm": placements.waiting_for(request.user),
        "favourites": favourites.list_for(request.user),
        "employer": employer_for(request.user),
    }


def featured_slot(request):
    from . import favourites  # it builds on this module's get_visible_job

    page_cache.depends_on(request, "jobs", "employers")
    page_cache.fresh_until(request, next_visibility_change)
    jobs = list(visible_jobs().order_by("-published_at")[:6])
    if not jobs:
        return None
    return {
        "markers": favourites.markers_for(request.user, [job.pk for job in jobs]),
        "scripts": ["jobs/favourite.js"],
        "key": "jobs",
        "title": _("New jobs"),
        "items": jobs,
        "card_template": "jobs/includes/job_card.html",
        "more_url": reverse("search:jobs"),
        "more_label": _("All jobs"),
    }


# How long after being hired a contract question still counts as hers to ask.
RECENT_HIRE_DAYS = 30


def seeker_situation(user, now=None):
    """What /me/'s next steps need to know of her applications, in one query:
    how many she sent, whether an interview she accepted is ahead, and whether an
    offer is open or she was hired lately (a contract to look at)."""
    now = now or timezone.now()
    Status = Application.Status
    figures = Application.objects.filter(seeker=user).aggregate(
        applications=Count("pk", distinct=True),
        interviews_ahead=Count("pk", distinct=True, filter=Q(
            interviews__answer=Interview.Answer.ACCEPTED, interviews__starts_at__gt=now,
            status__in=[Status.INTERVIEW, Status.VIEWED, Status.SUBMITTED])),
        offers=Count("pk", distinct=True, filter=Q(status=Status.OFFER) | Q(
            status=Status.HIRED, closed_at__gte=now - timedelta(days=RECENT_HIRE_DAYS))),
    )
    return {"applications": figures["applications"], "interview_ahead": bool(figures["interviews_ahead"]),
            "offer_or_new_job": bool(figures["offers"])}


def applications_for(user):
    """Every application she sent, newest first, as plain dicts for GET /api/v1/me (one query)."""
    rows = (Application.objects.filter(seeker=user).order_by("-created_at", "-pk")
            .values("pk", "status", "job_id", "job__title", "job__employer__name", "created_at", "updated_at",
                    "answer_due_at", "answered_at"))
    return [{"id": row["pk"], "status": row["status"], "job_id": row["job_id"], "job_title": row["job__title"],
             "employer": row["job__employer__name"], "sent_at": row["created_at"], "updated_at": row["updated_at"],
             "answer_due_at": row["answer_due_at"], "answered_at": row["answered_at"]} for row in rows]
