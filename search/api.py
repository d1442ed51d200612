"""Job search over JSON: GET /api/v1/jobs and GET /api/v1/jobs/suggest.

portal/api.py adds this router before the jobs router, so that /jobs/suggest
is answered here and never taken for /jobs/{job_id}.
"""

from ninja import Router, Schema

from jobs.schemas import JobOut, job_out

from . import jobs as job_search
from .facets import FACETS, POSTED_FACET, VALUE_FACETS

router = Router(tags=["jobs"])


class JobListOut(Schema):
    total: int
    page: int
    pages: int
    degraded: bool
    results: list[JobOut]
    facets: dict[str, list[dict]]


LIST_DESCRIPTION = (
    f"Search visible jobs: q, {', '.join(facet.name for facet in VALUE_FACETS)} (each repeatable), "
    f"salary_min, salary_max, {POSTED_FACET.name} ({', '.join(POSTED_FACET.values)} days), "
    f"sort ({', '.join(job_search.SORTS)}), page. Facets ({', '.join(facet.name for facet in FACETS)}) "
    "count each value without the facet's own filter."
)


@router.get("/jobs", response=JobListOut, auth=None, description=LIST_DESCRIPTION)
def list_jobs(request):
    """Search visible jobs (the parameters and facets are those of search/facets.py)."""
    search_request = job_search.parse_request(request.GET)  # a SearchError is a 400 listing the fields
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
