"""Moderation in the Wagtail admin: the queue of submitted postings and the
review page where a moderator sees what changed since the last decision, the
flagged wording and the employer's record, and approves or rejects."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.errors import Forbidden, ServiceError

from . import moderation, screening, services
from .forms import RejectForm
from .models import JobPosting


def _require_moderator(request):
    if not services.can_moderate(request.user):
        raise PermissionDenied


def moderation_queue():
    """What the moderation list shows, and the admin dashboard counts."""
    return JobPosting.objects.filter(status=JobPosting.Status.SUBMITTED, flagged_phrases=[])


def queue(request):
    """Postings waiting for a decision: submitted, and clean when last saved. A posting the
    check flags is never here: it stays with its employer as NEEDS_CHANGES."""
    _require_moderator(request)
    postings = moderation_queue().select_related("employer").order_by("updated_at")
    return TemplateResponse(request, "jobs/admin/queue.html", {"postings": postings})


@require_http_methods(["GET", "POST"])
def review(request, pk):
    _require_moderator(request)
    posting = get_object_or_404(JobPosting.objects.select_related("employer", "decided_revision"), pk=pk)
    reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    status = 200
    if request.method == "POST":
        seen = request.POST.get("version") or None
        try:
            if request.POST.get("action") == "approve":
                services.approve_posting(posting, request.user, seen=seen)
                messages.success(request, _("“%s” is approved and published.") % posting.title)
                return redirect("jobs_admin_queue")
            if request.POST.get("action") == "reject" and reject_form.is_valid():
                services.reject_posting(posting, request.user, reject_form.cleaned_data["comment"], seen=seen)
                messages.success(request, _("“%s” is rejected; the employer has been told why.") % posting.title)
                return redirect("jobs_admin_queue")
        except Forbidden:
            raise PermissionDenied from None
        except ServiceError as error:  # shown in the admin's own way
            messages.error(request, error.message)
            status = error.status
        posting.refresh_from_db()
    findings = screening.scan_posting(posting)
    fields = []
    for name in screening.SCREENED_FIELDS:
        text = getattr(posting, name)
        if text:
            own = [finding for finding in findings if finding.field == name]
            fields.append({"label": JobPosting._meta.get_field(name).verbose_name,
                           "html": screening.highlight(text, own), "flagged": bool(own),
                           "explanations": [(finding.phrase, finding.explanation) for finding in own]})
    decided = posting.decided_revision
    changes = moderation.changes(decided.as_object(), posting) if decided is not None else None
    return TemplateResponse(request, "jobs/admin/review.html", {
        "posting": posting, "fields": fields, "findings": findings, "reject_form": reject_form,
        "can_decide": posting.status == JobPosting.Status.SUBMITTED,
        "version": moderation.fingerprint(posting),
        "changes": changes,
        "changed_count": sum(1 for row in changes if row["changed"]) if changes else 0,
        "last_decision": moderation.last_decision(posting),
        "decisions": moderation.decisions(posting),
        "employer": posting.employer,
        "history": moderation.employer_history(posting.employer),
    }, status=status)
