"""Job search over JSON: GET /api/v1/jobs and GET /api/v1/jobs/suggest.

portal/api.py adds this router before the jobs router, so that /jobs/suggest
is answered here and never taken for /jobs/{job_id}.
"""

from ninja import Router, Schema

from jobs.schemas import JobOut, job_out

from . import jobs as job_search
from .facets import FACETS, POSTED_FACET, POSTED_WITHIN_DAYS, VALUE_FACETS

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


def _query(name, schema, description, repeatable=False):
    if repeatable:
        schema = {"type": "array", "items": schema}
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description,
            **({"style": "form", "explode": True} if repeatable else {})}


# parse_request reads the query string itself (a facet is repeatable); these say what it accepts.
LIST_PARAMETERS = [
    _query("q", {"type": "string", "maxLength": job_search.MAX_QUERY_LENGTH}, "words to look for"),
    *[_query(facet.name, {"type": "string", "enum": facet.values}, f"any of these ({facet.name})", repeatable=True)
      for facet in VALUE_FACETS],
    _query("salary_min", {"type": "integer", "minimum": 0, "maximum": job_search.MAX_SALARY},
           "monthly salary in yuan; jobs whose range reaches it"),
    _query("salary_max", {"type": "integer", "minimum": 0, "maximum": job_search.MAX_SALARY},
           "monthly salary in yuan; must not be below salary_min (400 otherwise)"),
    _query(POSTED_FACET.name, {"type": "integer", "enum": list(POSTED_WITHIN_DAYS)}, "published within so many days"),
    _query("sort", {"type": "string", "enum": list(job_search.SORTS)}, "relevance when omitted"),
    _query("page", {"type": "integer", "minimum": 1,
                    "maximum": job_search.MAX_RESULT_WINDOW // job_search.PER_PAGE},
           f"{job_search.PER_PAGE} a page; only the first {job_search.MAX_RESULT_WINDOW} results are reachable"),
]


@router.get("/jobs", response=JobListOut, auth=None, description=LIST_DESCRIPTION,
            openapi_extra={"parameters": LIST_PARAMETERS})
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
