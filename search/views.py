from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consultants.services import search_consultants

from . import services
from .jobs import MAX_QUERY_LENGTH, SearchError


@require_GET
def site_search(request):
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    page_obj = services.site_search(query, request.GET.get("page")) if query else None
    # Consultants are not pages; the first few matches stand above the pages.
    consultants = search_consultants(query) if page_obj is not None else []
    return render(request, "search/site_search.html",
                  {"query": query, "page_obj": page_obj, "consultants": consultants})


def _back(request, fallback):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def save_search(request):
    try:
        services.save_search(request.user, request.POST)
    except SearchError as exc:
        for message in exc.errors.values():
            messages.error(request, message)
    else:
        messages.success(request, _("Search saved. We will email you new matching jobs once a day."))
    return _back(request, "dashboard")


@login_required
@require_POST
def delete_saved_search(request, pk):
    if not services.delete_search(request.user, pk):
        raise Http404
    messages.success(request, _("Saved search deleted."))
    return _back(request, "dashboard")
