from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal import page_cache
from portal.confirmation import confirmation_page, confirmed
from portal.errors import Gone, NotFound, ServiceError
from portal.homes import switcher
from portal.redirects import safe_next

from . import applications, employer_dashboard, employers, favourites, findings, responsiveness, services
from .forms import ApplyForm, EmployerRegistrationForm, JobPostingForm
from .models import Application, Employer, JobPosting
from .screening import SCREENED_FIELDS, Finding, highlight


@require_GET
def job_detail(request, pk):
    page_cache.depends_on(request, f"job:{pk}", "employers")
    try:
        job = services.get_visible_job(pk)
    except Gone:
        job = get_object_or_404(JobPosting.objects.select_related("employer"), pk=pk)
        similar = services.similar_open_jobs(job)
        return render(request, "jobs/job_expired.html", {
            "job": job, "similar": similar,
            "markers": favourites.markers_for(request.user, [job.pk] + [item.pk for item in similar]),
        }, status=410)
    except NotFound:
        job = JobPosting.objects.select_related("employer").filter(pk=pk).first()
        # The employer and moderators can preview a posting that is not public.
        if job is None or not (services.employer_for(request.user) == job.employer
                               or services.can_moderate(request.user)):
            raise Http404 from None
        page_cache.never(request)
        return render(request, "jobs/job_detail.html", {"job": job, "preview": True})
    page_cache.fresh_until(request, job.expires_at)
    application = None
    if request.user.is_authenticated:
        application = Application.objects.filter(job=job, seeker=request.user).first()
    return render(request, "jobs/job_detail.html", {
        "job": job,
        "application": application,
        "markers": favourites.markers_for(request.user, [job.pk]),
        "responsiveness": responsiveness.for_employer(job.employer_id),
        "form": ApplyForm(user=request.user) if request.user.is_authenticated and not application else None,
    })


@login_required
@require_POST
def apply(request, pk):
    form = ApplyForm(request.POST, request.FILES, user=request.user)
    if form.is_valid():
        existing = form.cleaned_data.get("existing_cv")
        try:
            application = applications.apply(
                pk, request.user, note=form.cleaned_data["cover_note"],
                upload=form.cleaned_data.get("cv_file") if not existing else None,
                cv_id=existing.pk if existing else None, with_resume=form.cleaned_data.get("with_resume", False))
        except ValidationError as error:  # the file: shown in the form
            form.add_error("cv_file", error)
        else:
            messages.success(request, _("Your application has been sent. Good luck!"))
            return redirect("my_applications:detail", pk=application.pk)
    job = services.get_visible_job(pk)
    return render(request, "jobs/job_detail.html", {
        "job": job, "form": form, "markers": favourites.markers_for(request.user, [job.pk]),
    }, status=400)


@require_POST
def favourite(request, pk):
    """收藏 / 取消收藏 from a job card or the job page, without JavaScript: `change` says
    which (add or remove, so a second tap changes nothing), then back to the page."""
    back = safe_next(request, reverse("jobs:detail", args=[pk]))
    if not request.user.is_authenticated:
        # Back to the page after login, not to this address (a GET here is 405).
        return redirect_to_login(back)
    if request.POST.get("change") == "remove":
        favourites.remove(request.user, pk)
        messages.success(request, _("Removed from your favourites."))
    else:
        # An invisible job is the 404 problem page, an expired one the 410: nothing stored.
        favourites.add(request.user, pk)
        messages.success(request, _("Saved to your favourites."))
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """Withdraw her application: the confirmation page (portal/confirmation.py) first,
    the change only on the confirming POST."""
    if confirmed(request):
        # A refusal (hired, already withdrawn) is a ServiceError: the problem page shows it.
        applications.withdraw(pk, request.user)
        messages.success(request, _("Your application has been withdrawn."))
        return redirect("dashboard")
    application = applications.get_own_application(pk, request.user)  # someone else's: 404
    names = {"title": application.job.title, "employer": application.job.employer.name}
    return confirmation_page(
        request, title=_("Withdraw your application"),
        summary=_("Withdraw your application for “%(title)s” at %(employer)s?") % names,
        confirm_label=_("Yes, withdraw it"), back_url=reverse("dashboard"), back_label=_("Keep my application"),
        consequences=[
            _("The application ends: %(employer)s sees only that an application was withdrawn, and can no longer "
              "read your résumé, CV or contact details.") % names,
            _("You cannot apply for this job again."),
        ],
        refusal=applications.withdraw_refusal(application),
    )


@login_required
@require_GET
def cv_download(request, pk):
    """Her own CV, for her (employers read CVs per application: application_views.applicant_cv)."""
    return cv_response(applications.cv_for_reader(pk, request.user))


def cv_response(cv):
    response = FileResponse(cv.file.open("rb"), as_attachment=True, filename=cv.original_name,
                            content_type="application/pdf" if cv.kind == "pdf" else
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------ employer accounts


def _employer_or_404(request):
    employer = services.employer_for(request.user)
    if employer is None:
        raise Http404
    return employer


def _own_posting(request, pk):
    return get_object_or_404(JobPosting, pk=pk, employer=_employer_or_404(request))


@login_required
@require_GET
def employer_home(request):
    employer = services.employer_for(request.user)
    if employer is None:  # not an employer yet: she may register one
        return redirect("jobs:employer_register")
    return render(request, "jobs/employer/home.html", {
        "employer": employer, "postings": employer_dashboard.postings_with_counts(employer),
        "responsiveness": responsiveness.for_employer(employer.pk),
        "response_rate_days": settings.RESPONSE_RATE_DAYS,
        "role_switch": switcher(request.user, "employer")})


def _screened_texts(form, posting):
    """The text the posting form shows: what she posted, else what is saved."""
    if form.is_bound:
        return {field: form.data.get(field, "") for field in SCREENED_FIELDS}
    return {field: getattr(posting, field, "") or "" for field in SCREENED_FIELDS}


@login_required
@require_http_methods(["GET", "POST"])
def employer_edit(request, pk=None):
    """Her posting form. The check runs as she types (jobs/static/jobs/screen.js) and on
    every render here, so its findings show below each field without JavaScript too.
    "Submit" sends it for review, unless the check finds wording: then it is saved, held
    as NEEDS_CHANGES, and she comes back here with the findings (services.status_after_edit)."""
    employer = _employer_or_404(request)
    posting = _own_posting(request, pk) if pk else JobPosting(employer=employer)
    if posting.status == JobPosting.Status.CLOSED:
        messages.error(request, _("A closed posting cannot be edited."))
        return redirect("jobs:employer_home")
    was_live = posting.status == JobPosting.Status.APPROVED
    form = JobPostingForm(request.POST or None, instance=posting)
    if request.method == "POST" and form.is_valid():
        posting = form.save(commit=False)
        posting.employer = employer
        try:
            services.save_posting(posting, request.user, submit="submit" in request.POST)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _after_save(request, posting, was_live)
    return render(request, "jobs/employer/edit.html", {
        "form": form, "posting": posting, "was_live": was_live,
        "findings": findings.for_texts(_screened_texts(form, posting)),
        "screened_fields": SCREENED_FIELDS,
    })


def _after_save(request, posting, was_live):
    """Where she goes after a save: back to her form when the check held the submission,
    else to her posting page, with what became of it."""
    Status = JobPosting.Status
    if posting.status == Status.NEEDS_CHANGES:
        messages.error(request, _("Not submitted: the check found wording that job adverts may not contain. "
                                  "The posting is saved and waits for your changes (Needs changes)."))
        return redirect("jobs:employer_edit", pk=posting.pk)
    if posting.status == Status.SUBMITTED:
        messages.success(request, _("Your changes are waiting for moderation; the posting is off the site until "
                                    "a moderator approves them.") if was_live
                         else _("Submitted for moderation. We will email you the result."))
    elif posting.status == Status.APPROVED:
        messages.success(request, _("Saved. Nothing a moderator reviews changed, so the posting stays online."))
    elif posting.flagged_phrases:
        messages.warning(request, _("Saved as a draft. Some wording must be changed before you can submit it."))
    else:
        messages.success(request, _("Saved as a draft."))
    return redirect("jobs:employer_posting", pk=posting.pk)


def _posting_page(request, posting, status=200):
    """Her posting with its findings and applicants (each links to its applicant page)."""
    rows = applications.employer_rows(posting)
    flagged = findings.for_stored_flags(posting)
    sections = [{
        "label": JobPosting._meta.get_field(field).verbose_name,
        "html": highlight(getattr(posting, field), [Finding(**flag) for flag in posting.flagged_phrases
                                                    if flag["field"] == field]),
        "items": flagged[field],
    } for field in SCREENED_FIELDS if field in flagged]
    return render(request, "jobs/employer/posting.html", {
        "posting": posting, "flagged_sections": sections,
        "applications": [{"application": row, "summary": applications.applicant_summary(row),
                          "days_left": applications.days_left(row)} for row in rows],
        "is_employer": services.employer_for(request.user) == posting.employer,
        "can_submit": (posting.status in services.SUBMITTABLE and not posting.flagged_phrases
                       and posting.employer.verified),
    }, status=status)


@login_required
@require_GET
def employer_posting(request, pk):
    """A posting with its flags and applicants: for its employer, and for
    editors who move applications along on the employer's behalf."""
    posting = get_object_or_404(JobPosting.objects.select_related("employer"), pk=pk)
    if not services.can_manage_applications(request.user, posting):
        raise Http404
    return _posting_page(request, posting)


@login_required
@require_POST
def employer_submit(request, pk):
    posting = _own_posting(request, pk)
    services.submit_posting(posting, request.user)  # one that cannot be submitted: the problem page
    if posting.status == JobPosting.Status.NEEDS_CHANGES:
        # The phrase list changed since her last save: held, with the findings on her page.
        messages.error(request, _("Not submitted: the check found wording that job adverts may not contain. "
                                  "Please change the highlighted wording."))
    else:
        messages.success(request, _("Submitted for moderation. We will email you the result."))
    return redirect("jobs:employer_posting", pk=pk)


@login_required
@require_POST
def employer_close(request, pk):
    posting = _own_posting(request, pk)
    services.close_posting(posting, request.user)
    messages.success(request, _("The posting is closed."))
    return redirect("jobs:employer_home")


# ------------------------------------------------------------ registration and verification


@login_required
@require_http_methods(["GET", "POST"])
def employer_register(request):
    """Register her organisation with its licence; once registered, how its verification
    stands, with the form again to correct a refused registration."""
    employer = services.employer_for(request.user)
    Verification = Employer.Verification
    editable = employer is None or employer.verification_status in (Verification.REJECTED, Verification.UNVERIFIED)
    if request.method == "POST" and not editable:  # sent twice, or from an old page
        return redirect("jobs:employer_register")
    form = None
    if editable:
        form = EmployerRegistrationForm(request.POST or None, request.FILES or None, instance=employer)
        if request.method == "POST" and form.is_valid():
            try:
                if employer is None:
                    employers.register(request.user, form.save(commit=False), form.cleaned_data["licence"])
                else:
                    employers.resubmit(form.save(commit=False), request.user, form.cleaned_data.get("licence"))
            except ValidationError as error:  # the licence
                form.add_error("licence", error)
            except ServiceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. A moderator will check the registration, usually within two "
                                            "working days, and we will tell you the result."))
                return redirect("jobs:employer_register")
        if employer is not None and form.is_bound:
            employer.refresh_from_db()  # the page shows what is saved, not the refused input
    return render(request, "jobs/employer/register.html", {"employer": employer, "form": form})


@login_required
@require_GET
def employer_licence(request, pk):
    """The business licence, for moderators, editors and the employer's own accounts only."""
    employer = employers.licence_for_reader(pk, request.user)
    response = FileResponse(employer.licence.open("rb"), as_attachment=employer.licence_kind == "pdf",
                            filename=employer.licence_name, content_type=employers.licence_content_type(employer))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# ------------------------------------------------------------ public employer pages (/employers/<id>/)


@require_GET
def employer_page(request, pk):
    page_cache.depends_on(request, "jobs", "employers")
    page_cache.fresh_until(request, services.next_visibility_change)
    try:
        employer = employers.public_employer(pk)
    except NotFound:  # unknown, or never verified: no public page
        raise Http404 from None
    page = Paginator(employers.open_postings(employer), 20).get_page(request.GET.get("page"))
    return render(request, "jobs/employer_page.html", {
        "employer": employer, "page_obj": page,
        "markers": favourites.markers_for(request.user, [job.pk for job in page]),
        "responsiveness": responsiveness.for_employer(employer.pk),
    })
