"""Applications, from her sending one to its final answer.

Who may see what:

- She sees all of hers (get_own_application) and reads her own CVs (cv_for_reader).
- The employer of the job (and editors who manage applications) sees an application
  through managed_application: her résumé and CV by it, per application, never by CV
  id; her phone number and email only once she accepted an interview
  (contact_shared_at). Every read by them is written in her access log (AccessRecord).
- After she withdraws, or the deadline closes it unanswered, the employer keeps a line
  saying so and nothing else: every résumé, CV or contact address of it answers 404.

Every application has a final answer within settings.APPLICATION_ANSWER_DAYS
(answer_due_at); jobs/tasks.py reminds the employer and closes what is left.
"""

import uuid

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.access import record_access
from portal.accounts.models import AccessRecord, SeekerProfile
from portal.client import client_ip
from portal.errors import Conflict, Forbidden, NotFound, ServiceError
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import local_time, send
from resumes import services as resumes

from . import placements, screening, services
from .choices import salary_band
from .models import CV, Application, ApplicationEvent, CVAccess, Placement
from .personal_data import erased_name
from .uploads import validate_cv

Status = Application.Status
Event = ApplicationEvent.Kind

MAX_NOTE = 3000
MAX_MESSAGE = 1000


# ---------------------------------------------------------------- sending


def store_cv(owner, uploaded):
    kind, name = validate_cv(uploaded)
    cv = CV(owner=owner, original_name=name, kind=kind, size=uploaded.size)
    # The stored name is random: the visible name never reaches the file system.
    cv.file.save(f"{uuid.uuid4().hex}.{kind}", uploaded, save=False)
    cv.save()
    return cv


def _resume_snapshot(seeker):
    """What her online résumé says now, or a refusal when she has none or it is not complete."""
    resume = resumes.resume_for(seeker)
    if resume is None or not resumes.is_complete(resume):
        raise ServiceError("resume_incomplete", _("Please complete your online résumé first, or attach a CV."))
    return resumes.snapshot(resume)


def apply(job_id, seeker, note="", upload=None, cv_id=None, with_resume=False):
    """Send her application with her online résumé, a CV (uploaded now or before), or
    both, and an optional note (hers: only its length is limited)."""
    job = services.get_visible_job(job_id)
    if services.employer_for(seeker) == job.employer:
        raise Forbidden("forbidden", _("You cannot apply to your own employer's job."))
    if Application.objects.filter(seeker=seeker, job=job).exists():
        raise Conflict("already_applied", _("You have already applied for this job."))
    if len(note or "") > MAX_NOTE:
        raise ServiceError("invalid", _("The cover note is too long (at most 3,000 characters)."))
    snapshot = _resume_snapshot(seeker) if with_resume else {}
    cv = None
    if upload is not None:
        cv = store_cv(seeker, upload)
    elif cv_id is not None:
        cv = CV.objects.filter(pk=cv_id, owner=seeker).first()
        if cv is None:
            raise NotFound("not_found", _("CV not found."))
    elif not with_resume:
        raise ServiceError("cv_required", _("Please attach a CV or send your online résumé."))
    try:
        with transaction.atomic():
            application = Application.objects.create(seeker=seeker, job=job, cv=cv, cover_note=note or "",
                                                     with_resume=bool(with_resume), resume_snapshot=snapshot)
            record(application, Event.SENT)
    except IntegrityError:
        raise Conflict("already_applied", _("You have already applied for this job.")) from None
    notify_seeker(application, "sent")
    notify_employer(application, "new")
    return application


def record(application, kind, detail="", at=None):
    return ApplicationEvent.objects.create(application=application, kind=kind, detail=detail or "",
                                           at=at or timezone.now())


# ---------------------------------------------------------------- her side


def get_own_application(application_id, seeker):
    application = (Application.objects.select_related("job__employer")
                   .filter(pk=application_id, seeker=seeker).first())
    if application is None:
        raise NotFound("not_found", _("Application not found."))
    return application


def withdraw_refusal(application):
    """The Conflict a withdrawal of this application meets, or None when she may withdraw it."""
    if application.is_final:
        return Conflict("conflict", _("This application can no longer be withdrawn."))
    return None


def withdraw(application_id, seeker):
    with transaction.atomic():
        application = get_own_application(application_id, seeker)
        application = Application.objects.select_for_update().get(pk=application.pk)
        refusal = withdraw_refusal(application)
        if refusal is not None:
            raise refusal
        application.status = Status.WITHDRAWN
        application.closed_at = timezone.now()
        application.save(update_fields=["status", "closed_at", "updated_at"])
        # A waiting invitation ends with it.
        application.interviews.filter(answer="waiting").update(answer="replaced")
        record(application, Event.WITHDRAWN)
        notify_employer(application, "withdrawn")
    return application


def cv_for_reader(cv_id, user):
    """Her own CV, for her: employers read CVs per application (cv_for_application)."""
    cv = CV.objects.filter(pk=cv_id).first()
    if cv is None or not user.is_authenticated or cv.owner_id != user.pk:
        raise NotFound("not_found", _("CV not found."))
    return cv


def timeline(application):
    return list(application.events.exclude(kind=Event.REMINDED))


# ---------------------------------------------------------------- the employer's side


def managed_application(application_id, user, open_only=True, for_update=False):
    """The application if `user` manages its job (its employer's accounts, editors):
    NotFound otherwise. `open_only`: also NotFound once she withdrew or it closed
    unanswered, for everything that shows her or changes it."""
    queryset = Application.objects.select_related("job__employer", "seeker", "cv")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    application = queryset.filter(pk=application_id).first()
    if (application is None or not services.can_manage_applications(user, application.job)
            or (open_only and application.closed_to_employer)):
        raise NotFound("not_found", _("Application not found."))
    return application


def mark_viewed(application, user):
    """The first time the employer opens her application: it is VIEWED and she hears so, once."""
    if application.viewed_at is not None or services.employer_for(user) != application.job.employer:
        return application
    with transaction.atomic():
        updated = Application.objects.filter(pk=application.pk, viewed_at__isnull=True).update(
            viewed_at=timezone.now())
        if not updated:  # another of its pages was first
            return application
        if application.status == Status.SUBMITTED:
            Application.objects.filter(pk=application.pk).update(status=Status.VIEWED)
        application.refresh_from_db()
        record(application, Event.VIEWED)
        notify_seeker(application, "viewed")
    return application


def contact_for(application):
    """Her phone (only a verified one) and email, once she accepted an interview; else None."""
    if application.contact_shared_at is None or application.closed_to_employer or application.anonymised_at:
        return None
    seeker = application.seeker
    phone = seeker.phone.as_national if seeker.phone and seeker.phone_verified else ""
    contact = {"phone": phone, "email": seeker.email or ""}
    if application.with_resume:
        # What she wrote on her résumé comes first; her account fills what it leaves blank.
        resume = resumes.resume_for(seeker)
        if resume is not None:
            written = resumes.contact_for(resume)
            contact = {key: written.get(key) or value for key, value in contact.items()}
    return contact


def log_read(application, reader, what, request=None):
    record_access(application.seeker, reader, what, context=f"application {application.pk}", request=request)


def applicant_page_data(application, reader, request=None):
    """What the employer's page of one applicant shows of her, each read logged."""
    contact = contact_for(application)
    if contact is not None:
        log_read(application, reader, AccessRecord.What.PHONE, request)
    resume_html = ""
    # She may withdraw her consent to employers opening her online résumé (her privacy page):
    # the page then says so, and she can apply with a CV instead.
    resume_withheld = bool(application.with_resume and application.resume_snapshot
                           and not resumes.visible_to_employers(application.seeker))
    if application.with_resume and application.resume_snapshot and not resume_withheld:
        log_read(application, reader, AccessRecord.What.RESUME, request)
        resume_html = _render_resume(application.resume_snapshot, contact)
    return {"contact": contact, "resume_html": resume_html, "resume_withheld": resume_withheld,
            "summary": applicant_summary(application)}


def _render_resume(snapshot, contact):
    return render_to_string("resumes/includes/resume.html", resumes.render_snapshot_context(snapshot, contact))


def applicant_summary(application):
    """Name, school, major and degree as she gave them: from the résumé she sent, else
    from her profile (never her email address); "deleted user" once her account is erased."""
    if application.anonymised_at or application.seeker.erased_at:
        return {"name": erased_name(), "school": "", "major": "", "degree": ""}
    snapshot = application.resume_snapshot or {}
    profile = getattr(application.seeker, "seeker_profile", None)
    code = snapshot.get("degree") or (profile.degree if profile else "")
    degree = str(SeekerProfile.Degree(code).label) if code in SeekerProfile.Degree.values else ""
    return {
        "name": snapshot.get("full_name") or application.seeker.display_name or _("Applicant %(number)s") % {
            "number": application.pk},
        "school": snapshot.get("school") or (profile.school if profile else ""),
        "major": snapshot.get("major") or (profile.major if profile else ""),
        "degree": degree,
    }


def cv_for_application(application_id, user, request=None):
    """The CV sent with an application, for the employer: 404 once it is withdrawn or closed."""
    application = managed_application(application_id, user)
    if application.cv is None:
        raise NotFound("not_found", _("CV not found."))
    CVAccess.objects.create(cv=application.cv, user=user,
                            ip_address=client_ip(request) if request is not None else None)
    log_read(application, user, AccessRecord.What.CV, request)
    return application.cv


# Where a decision may be taken; final statuses take none.
DECISIONS = {
    "offer": {Status.SUBMITTED, Status.VIEWED, Status.INTERVIEW},
    "hired": {Status.INTERVIEW, Status.OFFER},
    "rejected": {Status.SUBMITTED, Status.VIEWED, Status.INTERVIEW, Status.OFFER},
}


def check_message(message):
    """An employer's message to her: screened (asking about marriage or children is refused
    with the rule it breaks) and length-limited, before anything changes."""
    message = (message or "").strip()
    screening.refuse_if_flagged(message, "message")
    if len(message) > MAX_MESSAGE:
        raise ServiceError("invalid", _("The message is too long (at most 1,000 characters)."))
    return message


def refuse_unless_open(application, allowed):
    if application.status not in allowed:
        raise Conflict("bad_transition", _("This application is “%(status)s”: that is no longer possible.") % {
            "status": application.status_for_employer})


def decide(application_id, actor, decision, message="", reason=""):
    """Offer, hire or not select (with a reason from Application.Reason), with an optional
    message to her. Hired records the Placement."""
    message = check_message(message)
    if decision not in DECISIONS:
        raise ServiceError("invalid", _("Please choose a decision."))
    if decision == "rejected" and reason not in Application.Reason.values:
        raise ServiceError("reason_required", _("Please choose the reason she was not selected."))
    with transaction.atomic():
        application = managed_application(application_id, actor, open_only=False, for_update=True)
        refuse_unless_open(application, DECISIONS[decision])
        now = timezone.now()
        application.status = decision
        application.reason = reason if decision == "rejected" else ""
        application.answered_at = application.answered_at or now
        if decision != "offer":
            application.closed_at = now
        application.save(update_fields=["status", "reason", "answered_at", "closed_at", "updated_at"])
        application.interviews.filter(answer="waiting").update(answer="replaced")
        record(application, decision, detail=message)
        if decision == Status.HIRED:
            job = application.job
            placement = Placement.objects.create(application=application, job=job, employer=job.employer,
                                                 salary_band=salary_band((job.salary_min + job.salary_max) // 2))
            # Her congratulations ask her to confirm: only then does it count (jobs/placements.py).
            placements.ask_confirmation(placement, message=message)
        else:
            notify_seeker(application, decision, message=message)
    return application


def days_left(application, now=None):
    """Whole days until the answer is due (0 on the day), for "还剩 n 天答复"."""
    if application.answer_due_at is None:
        return None
    remaining = application.answer_due_at - (now or timezone.now())
    return max(0, remaining.days + (1 if remaining.seconds else 0)) if remaining.total_seconds() > 0 else 0


def employer_rows(job):
    """Her posting's applicants, in one query whatever their number."""
    return list(job.applications.select_related("seeker__seeker_profile").order_by("-created_at"))


# ---------------------------------------------------------------- messages


def _links(application):
    return {"application_url": SiteLink("my_applications:detail", application.pk),
            "applicant_url": SiteLink("jobs:applicant", application.pk),
            "job_url": SiteLink("jobs:detail", application.job_id),
            "dashboard_url": SiteLink("dashboard"),
            "jobs_url": SiteLink("search:jobs"),
            "consultants_url": SiteLink("consultants:directory")}


def notify_seeker(application, event, message="", interview=None, calendar=None, dedup=None):
    """Tell her what happened to her application (jobs/messages/application)."""
    links = _links(application)
    context = {"application": application, "job": application.job, "event": event, "message": message,
               "interview": interview, "status": application.status_for_seeker,
               # Labels stay lazy: they are read in her language when the message is rendered.
               "reason": Application.Reason(application.reason).label if application.reason else "", **links}
    sms = {"job": application.job.title, "status": str(application.status_for_seeker)}
    if interview is not None:
        sms["time"] = local_time(interview.starts_at)
    kind = Kind.INTERVIEW if event == "invited" else Kind.APPLICATION
    send(application.seeker, "jobs/messages/application", context, kind=kind, sms=sms,
         link=links["application_url"], calendar=calendar,
         dedup_key=dedup or f"application:{application.pk}:{event}")


def notify_employer(application, event, interview=None, calendar=None, dedup=None, reminder_day=None):
    """Tell the employer's accounts (jobs/messages/applicant)."""
    links = _links(application)
    context = {"application": application, "job": application.job, "event": event, "interview": interview,
               "summary": applicant_summary(application), "reminder_day": reminder_day,
               "due": application.answer_due_at, "posting_url": SiteLink("jobs:employer_posting", application.job_id),
               **links}
    for recipient in application.job.employer.notification_recipients():
        key = getattr(recipient, "pk", None) or recipient.email
        send(recipient, "jobs/messages/applicant", context, kind=Kind.APPLICANTS, link=links["applicant_url"],
             calendar=calendar, dedup_key=f"{dedup or f'application:{application.pk}:{event}'}:{key}")
