"""Job search over JSON: GET /api/v1/jobs and GET /api/v1/jobs/suggest.

portal/api.py adds this router before the jobs router, so that /jobs/suggest
is answered here and never taken for /jobs/{job_id}.
"""

from django.utils.translation import gettext as _
from ninja import Router, Schema

from jobs.schemas import JobOut, job_out
from portal.api import ApiError

from . import jobs as job_search

router = Router(tags=["jobs"])


class JobListOut(Schema):
    total: int
    page: int
    pages: int
    degraded: bool
    results: list[JobOut]
    facets: dict[str, list[dict]]


@router.get("/jobs", response=JobListOut, auth=None)
def list_jobs(request):
    """Search visible jobs: q, city, industry, job_type, education, family_friendly
    (each repeatable), salary_min, salary_max, posted_within (1, 3, 7, 30 days),
    sort (relevance, newest, salary), page. Facets count each value without the
    facet's own filter."""
    try:
        search_request = job_search.parse_request(request.GET)
    except job_search.SearchError as error:
        errors = [{"field": field, "message": message} for field, message in error.errors.items()]
        raise ApiError(400, "invalid", _("The request has invalid fields."), errors=errors) from None
    results = job_search.execute(search_request)
    return {
        "total": results.total, "page": search_request.page, "pages": results.num_pages,
        "degraded": results.degraded, "facets": results.facets,
        "results": [{**job_out(job), "highlight": results.highlights.get(job.pk, {})} for job in results.hits],
    }


class SuggestOut(Schema):
    suggestions: list[str]


@router.get("/jobs/suggest", response=SuggestOut, auth=None, url_name="suggest_jobs")
def suggest_jobs(request, q: str = ""):
    """Up to 10 job titles starting with `q`."""
    return {"suggestions": job_search.suggest(q[:50])}
