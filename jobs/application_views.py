"""The pages of one application: the employer's applicant page (/jobs/employer/applications/<id>/)
and hers (/me/applications/<id>/). Changes only by POST; foreign or closed ones are 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.errors import ServiceError

from . import applications, interviews
from .forms import AnswerForm, DecisionForm, InviteForm
from .views import cv_response


def _form_errors(form, error):
    """A refusal of the service shown in the form: a flagged message under its field."""
    if error.status == 404:
        raise error
    if error.status == 409:
        raise error
    field = "message" if error.code == "flagged_wording" and "message" in form.fields else None
    if error.code == "flagged_wording" and "note" in form.fields:
        field = "note"
    if error.code == "reason_required":
        field = "reason"
    form.add_error(field, error.message)
    for detail in error.extra.get("errors", []):
        form.add_error(field, detail["message"])


def _applicant_page(request, application, invite_form=None, decision_form=None, status=200):
    data = applications.applicant_page_data(application, request.user, request)
    current = interviews.current(application)
    if invite_form is None:
        initial = {"contact_name": application.job.employer.contact_name}
        if current is not None and current.answer == "proposed" and request.GET.get("at") == "proposed":
            # One click: a new invitation at the time she proposed, with the earlier details.
            initial.update(starts_at=timezone.localtime(current.proposed_start), mode=current.mode,
                           place=current.place, link=current.link, contact_name=current.contact_name,
                           contact_phone=current.contact_phone, duration=current.duration_minutes)
        invite_form = InviteForm(initial=initial)
    return render(request, "jobs/employer/applicant.html", {
        "application": application, "job": application.job, **data,
        "interview": current, "events": applications.timeline(application),
        "days_left": applications.days_left(application),
        "invite_form": invite_form, "decision_form": decision_form or DecisionForm(),
        "can_invite": application.status in interviews.INVITABLE,
        "can_decide": not application.is_final,
    }, status=status)


@login_required
@require_GET
def applicant(request, pk):
    application = applications.managed_application(pk, request.user)
    application = applications.mark_viewed(application, request.user)
    return _applicant_page(request, application)


@login_required
@require_GET
def applicant_cv(request, pk):
    return cv_response(applications.cv_for_application(pk, request.user, request))


@login_required
@require_POST
def invite(request, pk):
    application = applications.managed_application(pk, request.user)
    form = InviteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            interviews.invite(pk, request.user, data["starts_at"], data["duration"], data["mode"], data["place"],
                              data["link"], data["contact_name"], data["contact_phone"], data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        except ServiceError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The invitation has been sent to the candidate."))
            return redirect("jobs:applicant", pk=pk)
    return _applicant_page(request, application, invite_form=form, status=400)


@login_required
@require_POST
def decide(request, pk):
    application = applications.managed_application(pk, request.user)
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            applications.decide(pk, request.user, data["decision"], message=data["message"], reason=data["reason"])
        except ServiceError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Your answer has been sent to the candidate."))
            return redirect("jobs:applicant", pk=pk)
    return _applicant_page(request, application, decision_form=form, status=400)


def _ics(interview):
    response = HttpResponse(interviews.ics_file(interview), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interview.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def applicant_ics(request, pk):
    return _ics(interviews.accepted_interview(applications.managed_application(pk, request.user)))


# ------------------------------------------------------------ her side


def _own_page(request, application, answer_form=None, status=200):
    return render(request, "jobs/my_application.html", {
        "application": application, "job": application.job, "events": applications.timeline(application),
        "interview": interviews.current(application), "answer_form": answer_form or AnswerForm(),
        "can_withdraw": applications.withdraw_refusal(application) is None,
    }, status=status)


@login_required
@require_GET
def my_application(request, pk):
    return _own_page(request, applications.get_own_application(pk, request.user))


@login_required
@require_POST
def answer(request, pk):
    application = applications.get_own_application(pk, request.user)
    form = AnswerForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            interviews.answer(pk, request.user, data["choice"], proposed_start=data["proposed_start"],
                              message=data["message"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. The employer has been told your answer."))
            return redirect("my_applications:detail", pk=pk)
    return _own_page(request, application, answer_form=form, status=400)


@login_required
@require_GET
def my_ics(request, pk):
    return _ics(interviews.interview_for_seeker(applications.get_own_application(pk, request.user)))
