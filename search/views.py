from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consultants.services import search_consultants
from jobs.favourites import markers_for
from jobs.services import next_visibility_change
from portal import page_cache
from portal.redirects import safe_next

from . import jobs as job_search
from . import listing, services

# Jobs shown on /search/ above the pages; the rest are a link away, on /jobs/.
SITE_SEARCH_JOBS = 5


@require_GET
def job_list(request):
    """Search and filter visible jobs. Bad parameters are listed for the visitor
    and the search runs without them, so she always sees jobs, never an error."""
    page_cache.depends_on(request, "jobs", "employers")
    page_cache.fresh_until(request, next_visibility_change)
    errors = {}
    try:
        search_request = job_search.parse_request(request.GET)
    except job_search.SearchError as error:
        errors = error.errors
        cleaned = request.GET.copy()
        # A salary range is dropped whole: half of a reversed range misleads.
        salary = {"salary_min", "salary_max"}
        for name in set(errors) | (salary if errors.keys() & salary else set()):
            cleaned.pop(name, None)
        search_request = job_search.parse_request(cleaned)
    results = job_search.execute(search_request)
    return render(request, "search/job_list.html", {
        "search": search_request,
        "results": results,
        # 已投递 / 已收藏 for the whole page at once: two queries, whatever the number of cards.
        "markers": markers_for(request.user, [job.pk for job in results.hits]),
        "errors": errors,
        "facet_groups": listing.facet_groups(search_request, results.facets),
        "page_obj": listing.page_of(results),
        "sort_options": listing.sort_options(search_request),
        "suggestions": job_search.suggest(search_request.query) if search_request.query else [],
        "saved_search_params": [(name, value) for name, values in search_request.as_params().items()
                                for value in values],
    })


@require_GET
def site_search(request):
    page_cache.depends_on(request, "jobs", "employers", "consultants", "courses")
    page_cache.fresh_until(request, next_visibility_change)
    query = " ".join(request.GET.get("q", "").split())[:job_search.MAX_QUERY_LENGTH]
    page_obj = services.site_search(query, request.GET.get("page")) if query else None
    # Consultants and jobs are not pages: the first few matches of each stand
    # above the pages, jobs with a link to all of them on /jobs/.
    consultants = search_consultants(query) if page_obj is not None else []
    jobs = job_search.execute(job_search.parse_request({"q": query}, per_page=SITE_SEARCH_JOBS)) if query else None
    return render(request, "search/site_search.html", {
        "query": query, "page_obj": page_obj, "consultants": consultants, "jobs": jobs,
        "markers": markers_for(request.user, [job.pk for job in jobs.hits]) if jobs else {},
    })


def _back(request, fallback):
    return redirect(safe_next(request, reverse(fallback)))


@login_required
@require_POST
def save_search(request):
    services.save_search(request.user, request.POST)  # bad parameters: the problem page lists them
    messages.success(request, _("Search saved. We will email you new matching jobs once a day."))
    return _back(request, "dashboard")


@login_required
@require_POST
def delete_saved_search(request, pk):
    if not services.delete_search(request.user, pk):
        raise Http404
    messages.success(request, _("Saved search deleted."))
    return _back(request, "dashboard")
