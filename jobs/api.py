from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile

from portal.api import AUTH, ApiError
from search import jobs as search_jobs

from . import services
from .forms import plain_text

router = Router(tags=["jobs"])


class JobOut(Schema):
    id: int
    title: str
    employer: str
    city: str
    district: str
    industry: str
    job_type: str
    education: str
    salary_min: int
    salary_max: int
    family_friendly: list[str]
    published_at: datetime | None
    expires_at: datetime
    url: str
    highlight: dict[str, str] = {}


class JobDetailOut(JobOut):
    description: str
    requirements: str
    benefits: str
    how_to_apply: str
    experience: str


class JobListOut(Schema):
    total: int
    page: int
    pages: int
    degraded: bool
    results: list[JobOut]
    facets: dict[str, list[dict]]


def _job(job, detail=False):
    data = {
        "id": job.pk, "title": job.title, "employer": job.employer.name, "city": job.city,
        "district": job.district, "industry": job.industry, "job_type": job.job_type,
        "education": job.education, "salary_min": job.salary_min, "salary_max": job.salary_max,
        "family_friendly": job.family_friendly, "published_at": job.published_at, "expires_at": job.expires_at,
        "url": job.get_absolute_url(),
    }
    if detail:
        data.update(description=job.description, requirements=job.requirements, benefits=job.benefits,
                    how_to_apply=job.how_to_apply, experience=job.experience)
    return data


def _raise(error):
    raise ApiError(error.status, error.code, error.message)


@router.get("/jobs", response=JobListOut, auth=None)
def list_jobs(request):
    """Search visible jobs: q, city, industry, job_type, education, family_friendly
    (each repeatable), salary_min, salary_max, posted_within (1, 3, 7, 30 days),
    sort (relevance, newest, salary), page. Facets count each value without the
    facet's own filter."""
    try:
        search_request = search_jobs.parse_request(request.GET)
    except search_jobs.SearchError as error:
        errors = [{"field": field, "message": message} for field, message in error.errors.items()]
        raise ApiError(400, "invalid", _("The request has invalid fields."), errors=errors) from None
    results = search_jobs.execute(search_request)
    return {
        "total": results.total, "page": search_request.page, "pages": results.num_pages,
        "degraded": results.degraded, "facets": results.facets,
        "results": [{**_job(job), "highlight": results.highlights.get(job.pk, {})} for job in results.hits],
    }


class SuggestOut(Schema):
    suggestions: list[str]


@router.get("/jobs/suggest", response=SuggestOut, auth=None, url_name="suggest_jobs")
def suggest_jobs(request, q: str = ""):
    """Up to 10 job titles starting with `q`."""
    return {"suggestions": search_jobs.suggest(q[:50])}


@router.get("/jobs/{job_id}", response=JobDetailOut, auth=None)
def get_job(request, job_id: int):
    """One visible job: 404 when unknown or not public, 410 when expired."""
    try:
        return _job(services.get_visible_job(job_id), detail=True)
    except services.JobError as error:
        _raise(error)


class ApplicationOut(Schema):
    id: int
    job_id: int
    status: str
    created_at: datetime


@router.post("/jobs/{job_id}/applications", response={201: ApplicationOut}, auth=AUTH)
def create_application(request, job_id: int, cover_note: str = Form(""), cv_id: int | None = Form(None),
                       cv: UploadedFile | None = File(None)):
    """Apply with an uploaded CV (multipart field `cv`) or one uploaded before (`cv_id`)."""
    if cv is None and cv_id is None:
        raise ApiError(400, "cv_required", _("Please attach a CV."))
    try:
        application = services.apply(job_id, request.auth, cover_note=plain_text(cover_note),
                                     upload=cv, cv_id=cv_id if cv is None else None)
    except ValidationError as error:
        raise ApiError(400, error.code or "invalid_file", " ".join(error.messages)) from None
    except services.JobError as error:
        _raise(error)
    return Status(201, {"id": application.pk, "job_id": application.job_id, "status": application.status,
                        "created_at": application.created_at})
