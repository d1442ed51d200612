"""Moderation in the Wagtail admin: the queue of submitted postings and the
review page where a moderator sees flagged wording and approves or rejects."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.errors import Forbidden, ServiceError

from . import screening, services
from .forms import RejectForm
from .models import JobPosting


def _require_moderator(request):
    if not services.can_moderate(request.user):
        raise PermissionDenied


def queue(request):
    _require_moderator(request)
    postings = (
        JobPosting.objects.filter(status=JobPosting.Status.SUBMITTED)
        .select_related("employer").order_by("updated_at")
    )
    return TemplateResponse(request, "jobs/admin/queue.html", {"postings": postings})


@require_http_methods(["GET", "POST"])
def review(request, pk):
    _require_moderator(request)
    posting = get_object_or_404(JobPosting.objects.select_related("employer"), pk=pk)
    reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                services.approve_posting(posting, request.user)
                messages.success(request, _("“%s” is approved and published.") % posting.title)
                return redirect("jobs_admin_queue")
            if request.POST.get("action") == "reject" and reject_form.is_valid():
                services.reject_posting(posting, request.user, reject_form.cleaned_data["comment"])
                messages.success(request, _("“%s” is rejected; the employer has been told why.") % posting.title)
                return redirect("jobs_admin_queue")
        except Forbidden:
            raise PermissionDenied from None
        except ServiceError as error:  # shown in the admin's own way
            messages.error(request, error.message)
    findings = screening.scan_posting(posting)
    fields = []
    for name in screening.SCREENED_FIELDS:
        text = getattr(posting, name)
        if text:
            own = [finding for finding in findings if finding.field == name]
            fields.append({"label": JobPosting._meta.get_field(name).verbose_name,
                           "html": screening.highlight(text, own), "flagged": bool(own)})
    return TemplateResponse(request, "jobs/admin/review.html", {
        "posting": posting, "fields": fields, "findings": findings, "reject_form": reject_form,
        "can_decide": posting.status == JobPosting.Status.SUBMITTED,
    })
