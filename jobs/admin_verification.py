"""Employer verification in the Wagtail admin: the registrations waiting for a
moderator, and the page where she reads one with its licence and verifies it or
refuses it with a reason the employer reads."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.errors import Forbidden, ServiceError

from . import employers
from .forms import RefuseVerificationForm
from .models import Employer


def _require_verifier(request):
    if not employers.can_verify(request.user):
        raise PermissionDenied


def queue(request):
    _require_verifier(request)
    waiting = Employer.objects.waiting_for_verification().order_by("verification_requested_at")
    return TemplateResponse(request, "jobs/admin/verification_queue.html", {"employers": waiting})


@require_http_methods(["GET", "POST"])
def review(request, pk):
    _require_verifier(request)
    employer = get_object_or_404(Employer, pk=pk)
    action = request.POST.get("action")
    refuse_form = RefuseVerificationForm(request.POST if action == "reject" else None)
    if request.method == "POST":
        try:
            if action == "verify":
                employers.verify(employer, request.user)
                messages.success(request, _("“%s” is verified; the employer has been told.") % employer.name)
                return redirect("jobs_admin_verification_queue")
            if action == "reject" and refuse_form.is_valid():
                employers.reject(employer, request.user, refuse_form.cleaned_data["reason"])
                messages.success(request, _("The verification of “%s” is refused; the employer has been told why.")
                                 % employer.name)
                return redirect("jobs_admin_verification_queue")
        except Forbidden:
            raise PermissionDenied from None
        except ServiceError as error:  # shown in the admin's own way
            messages.error(request, error.message)
    return TemplateResponse(request, "jobs/admin/verification_review.html", {
        "employer": employer, "refuse_form": refuse_form,
        "members": employer.members.select_related("user"),
        "can_verify": not employer.verified,
        "can_refuse": employer.verification_status == Employer.Verification.PENDING,
    })
