"""The placement ledger in the Wagtail admin: every placement with its state (waiting
for her, confirmed, disputed, verified) and the page where an editor verifies one with
a note. The rules are in jobs/placements.py."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.errors import Forbidden, ServiceError

from . import placements
from .forms import VerifyPlacementForm
from .models import Placement

FILTERS = {
    "disputed": lambda queryset: queryset.filter(disputed_at__isnull=False, verified_at__isnull=True),
    "waiting": lambda queryset: queryset.waiting_for_her(),
    "counted": lambda queryset: queryset.counted(),
}


def _require_verifier(request):
    # A ServiceError, not PermissionDenied: Wagtail turns the latter into a redirect to
    # its dashboard, while someone without the role must get a plain 403.
    if not placements.can_verify(request.user):
        raise Forbidden("forbidden", _("Only editors can verify placements."))


@require_GET
def ledger(request):
    _require_verifier(request)
    shown = request.GET.get("show", "")
    queryset = Placement.objects.select_related("job", "employer", "application__seeker", "verified_by")
    if shown in FILTERS:
        queryset = FILTERS[shown](queryset)
    page = Paginator(queryset.order_by("-placed_on", "-pk"), 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "jobs/admin/placements.html", {
        "page": page, "shown": shown,
        "filters": [("", _("All")), ("disputed", _("Disputed")), ("waiting", _("Waiting for her")),
                    ("counted", _("Counted"))],
    })


@require_http_methods(["GET", "POST"])
def verify(request, pk):
    _require_verifier(request)
    placement = get_object_or_404(Placement.objects.select_related("job", "employer", "application__seeker"), pk=pk)
    form = VerifyPlacementForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                placements.verify(placement.pk, request.user, form.cleaned_data["note"])
            except Forbidden:
                raise
            except ServiceError as error:
                messages.error(request, error.message)
                status = error.status
            else:
                messages.success(request, _("The placement is verified and counts."))
                return redirect("jobs_admin_placements")
        else:
            status = 400
    return TemplateResponse(request, "jobs/admin/placement_verify.html", {"placement": placement, "form": form},
                            status=status)
