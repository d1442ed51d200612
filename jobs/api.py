import logging
from datetime import datetime
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.throttling import BaseThrottle, SimpleRateThrottle
from pydantic import ConfigDict, StrictStr
from pydantic import Field as PydanticField

from portal.api import AUTH, BearerToken, errors
from portal.client import client_ip
from portal.errors import ServiceError

from . import applications, employers, favourites, screening, services
from .forms import EmployerRegistrationForm, plain_text
from .models import Application
from .schemas import JobDetailOut, job_out

router = Router(tags=["jobs"])
logger = logging.getLogger(__name__)


# ---------------------------------------------------------------- the Art. 43 check
# Registered before /jobs/{job_id}, which would otherwise take "screen" for an id.


class ScreenIn(Schema):
    """Advert text to check, any of the screened fields; other keys are refused."""

    model_config = ConfigDict(extra="forbid")

    title: StrictStr = ""
    description: StrictStr = ""
    requirements: StrictStr = ""
    benefits: StrictStr = ""
    how_to_apply: StrictStr = ""


class FindingOut(Schema):
    field: str
    start: int = PydanticField(description="Offset of the phrase in the field's text, in Unicode code points")
    end: int = PydanticField(description="Offset just after the phrase, in Unicode code points")
    phrase: str
    category: str = PydanticField(description="gender, marriage or pregnancy")
    explanation: str = PydanticField(description="The rule of Art. 43 it breaks, in the request's language")


class ScreenOut(Schema):
    findings: list[FindingOut]


# Longer bodies are 413; one beyond DATA_UPLOAD_MAX_MEMORY_SIZE is refused (413) before it
# is parsed (portal/api.py).
MAX_SCREEN_CHARACTERS = 20_000


class ScreenThrottle(BaseThrottle):
    """30 checks a minute per address for anonymous callers, 120 per account for signed-in
    ones (the site session or a token). Counted apart from the API-wide throttles, which
    this endpoint's own replace. When the cache (Redis) does not answer, the check still
    answers: it is let through rather than failed."""

    rates = {"anon": "30/min", "user": "120/min"}

    def __init__(self):
        self.throttles = {scope: _ScopedThrottle(scope, rate) for scope, rate in self.rates.items()}
        self.last = None

    def allow_request(self, request):
        user = _caller(request)
        request.screen_caller = user
        throttle = self.last = self.throttles["user" if user else "anon"]
        try:
            return throttle.allow_request(request)
        except Exception:  # the cache is down: answering matters more than counting
            logger.warning("screen throttle: the cache did not answer; request let through", exc_info=True)
            return True

    def wait(self):
        """Seconds until the next call may pass (Retry-After), as ninja's throttles guess it."""
        return self.last.wait() if self.last is not None else None


class _ScopedThrottle(SimpleRateThrottle):
    cache_format = "throttle_jobs_screen_%(scope)s_%(ident)s"

    def __init__(self, scope, rate):
        self.scope = scope
        super().__init__(rate)

    def get_cache_key(self, request):
        user = getattr(request, "screen_caller", None)
        ident = user.pk if user is not None else client_ip(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def _caller(request):
    """The signed-in user (session or Bearer token), or None. The check is open to anyone,
    so neither is required and a bad token is simply anonymous."""
    if request.headers.get("Authorization", "").startswith("Bearer "):
        return BearerToken()(request)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _request_language(request):
    """?lang= (the site's script sends the page's language), else Accept-Language."""
    code = request.GET.get("lang", "")
    if code:
        try:
            return translation.get_supported_language_variant(code.lower())
        except LookupError:
            pass
    return translation.get_language_from_request(request)


@router.post("/jobs/screen", response={200: ScreenOut, **errors(413)}, auth=None, throttle=[ScreenThrottle()],
             url_name="screen_job_text")
def screen_job_text(request, body: ScreenIn):
    """Check advert text against Art. 43 of the Women's Rights Law (gender limits or
    preferences, questions about marriage or childbearing, pregnancy tests). Stores
    nothing. Explanations are in `?lang=` or the Accept-Language of the request.
    413 for more than 20,000 characters in all."""
    texts = body.model_dump()
    with translation.override(_request_language(request)):
        if sum(len(text) for text in texts.values()) > MAX_SCREEN_CHARACTERS:
            raise ServiceError("too_large", _("Please send at most 20,000 characters in all."), 413)
        found = screening.scan_posting(SimpleNamespace(**texts))
        return {"findings": [
            {"field": finding.field, "start": finding.start, "end": finding.end, "phrase": finding.phrase,
             "category": finding.category, "explanation": finding.explanation}
            for finding in found
        ]}


# ---------------------------------------------------------------- jobs and applications


@router.get("/jobs/{job_id}", response={200: JobDetailOut, **errors(404, 410)}, auth=None)
def get_job(request, job_id: int):
    """One visible job: 404 when unknown or not public, 410 when expired."""
    return job_out(services.get_visible_job(job_id), detail=True)


class EventOut(Schema):
    kind: str
    at: datetime


class ApplicationOut(Schema):
    id: int
    job_id: int
    status: str
    status_label: str = PydanticField(description="The status as the portal words it for her")
    created_at: datetime
    answer_due_at: datetime | None
    with_resume: bool


class MyApplicationOut(ApplicationOut):
    job_title: str
    employer: str
    events: list[EventOut]


def application_out(application):
    return {"id": application.pk, "job_id": application.job_id, "status": application.status,
            "status_label": str(application.status_for_seeker), "created_at": application.created_at,
            "answer_due_at": application.answer_due_at, "with_resume": application.with_resume}


@router.post("/jobs/{job_id}/applications", response={201: ApplicationOut, **errors(403, 404, 409, 410, 413)},
             auth=AUTH)
def create_application(request, job_id: int, cover_note: str = Form(""), cv_id: int | None = Form(None),
                       with_resume: bool = Form(False), cv: UploadedFile | None = File(None)):
    """Apply with an uploaded CV (multipart field `cv`), one uploaded before (`cv_id`),
    her online résumé (`with_resume`, when complete), or a CV and the résumé."""
    try:
        application = applications.apply(job_id, request.auth, note=plain_text(cover_note),
                                         upload=cv, cv_id=cv_id if cv is None else None, with_resume=with_resume)
    except ValidationError as error:
        raise ServiceError(error.code or "invalid_file", " ".join(error.messages)) from None
    return Status(201, application_out(application))


@router.get("/me/applications", response=list[MyApplicationOut], auth=AUTH)
def my_applications(request):
    """Her applications, newest first, with each one's history (two queries in all)."""
    rows = (Application.objects.filter(seeker=request.auth).select_related("job__employer")
            .prefetch_related("events").order_by("-created_at"))
    return [{**application_out(row), "job_title": row.job.title, "employer": row.job.employer.name,
             "events": [{"kind": event.kind, "at": event.at} for event in row.events.all() if event.kind != "reminded"]}
            for row in rows]


# ---------------------------------------------------------------- employers


class EmployerOut(Schema):
    id: int
    name: str
    industry: str
    size: str
    city: str
    district: str
    description: str
    verified: bool
    url: str


class RegistrationOut(Schema):
    id: int
    name: str
    credit_code: str
    verification_status: str
    status_url: str


@router.get("/employers/{employer_id}", response={200: EmployerOut, **errors(404)}, auth=None)
def get_employer(request, employer_id: int):
    """A verified employer's public profile: 404 for any other."""
    employer = employers.public_employer(employer_id)
    return {"id": employer.pk, "name": employer.name, "industry": employer.industry, "size": employer.size,
            "city": employer.city, "district": employer.district, "description": employer.description,
            "verified": employer.verified, "url": employer.get_absolute_url()}


@router.post("/employers", response={201: RegistrationOut, **errors(400, 409, 413)}, auth=AUTH)
def register_employer(request, name: str = Form(...), credit_code: str = Form(...), industry: str = Form(...),
                      size: str = Form(...), district: str = Form(...), description: str = Form(...),
                      contact_name: str = Form(...), contact_phone: str = Form(...), contact_email: str = Form(""),
                      declaration: bool = Form(...), licence: UploadedFile = File(...)):
    """Register the caller's organisation with its business licence (multipart field
    `licence`: JPEG, PNG or PDF, at most 10 MB): it waits for a moderator's
    verification, and the caller becomes its account. 400 with the fields' errors
    (a wrong credit code, a licence that is not an image or a PDF), 409 when it or
    the caller's organisation is already registered."""
    data = {"name": name, "credit_code": credit_code, "industry": industry, "size": size, "district": district,
            "description": description, "contact_name": contact_name, "contact_phone": contact_phone,
            "contact_email": contact_email, "declaration": "on" if declaration else ""}
    form = EmployerRegistrationForm(data, {"licence": licence})
    if not form.is_valid():
        errors = [{"field": field, "message": error.messages[0], "code": error.code}
                  for field, field_errors in form.errors.as_data().items() for error in field_errors]
        taken = any(error["code"] == "unique" for error in errors)
        raise ServiceError("already_registered" if taken else "invalid",
                           errors[0]["message"] if taken else _("The request has invalid fields."),
                           409 if taken else 400, errors=errors)
    employer = employers.register(request.auth, form.save(commit=False), licence)
    return Status(201, {"id": employer.pk, "name": employer.name, "credit_code": employer.credit_code,
                        "verification_status": employer.verification_status,
                        "status_url": reverse("jobs:employer_register")})


# ---------------------------------------------------------------- favourites (收藏)


class FavouriteOut(Schema):
    job_id: int
    title: str
    employer: str
    url: str = PydanticField(description="the job's page; an expired or closed one answers 410 or 404 there")
    visible: bool = PydanticField(description="false once the posting expired or closed")
    state: str = PydanticField(description="open, expired or closed")
    saved_at: datetime


class FavouriteList(Schema):
    total: int
    results: list[FavouriteOut]


def _favourite_out(favourite):
    job = favourite.job
    return {"job_id": job.pk, "title": job.title, "employer": job.employer.name, "url": job.get_absolute_url(),
            "visible": favourite.visible, "state": favourite.state, "saved_at": favourite.created_at}


@router.get("/me/favourites", response={200: FavouriteList, **errors(401)}, auth=AUTH)
def list_favourites(request):
    """Her favourite jobs, newest first, also those that expired or closed since (`visible` false)."""
    results = [_favourite_out(favourite) for favourite in favourites.list_for(request.auth)]
    return {"total": len(results), "results": results}


@router.get("/me/favourites/{job_id}", response={200: FavouriteOut, **errors(401, 404)}, auth=AUTH,
            url_name="favourite")
def get_favourite(request, job_id: int):
    """One favourite: 404 when that job is not among hers."""
    return _favourite_out(favourites.get_for(request.auth, job_id))


@router.put("/me/favourites/{job_id}", response={200: FavouriteOut, 201: FavouriteOut, **errors(401, 404, 410)},
            auth=AUTH)
def put_favourite(request, job_id: int):
    """Keep a job: 201 when added, 200 when it was already kept. 404 for a job that does
    not exist or was never public, 410 for one that expired."""
    favourite, created = favourites.add(request.auth, job_id)
    return Status(201 if created else 200, _favourite_out(favourite))


@router.delete("/me/favourites/{job_id}", response={204: None, **errors(401)}, auth=AUTH)
def delete_favourite(request, job_id: int):
    """Forget a job: 204 whether or not it was kept (also once the posting is gone)."""
    favourites.remove(request.auth, job_id)
    return Status(204, None)
