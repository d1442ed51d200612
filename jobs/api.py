from datetime import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile

from portal.api import AUTH
from portal.errors import ServiceError

from . import employers, services
from .forms import EmployerRegistrationForm, plain_text
from .schemas import JobDetailOut, job_out

router = Router(tags=["jobs"])


@router.get("/jobs/{job_id}", response=JobDetailOut, auth=None)
def get_job(request, job_id: int):
    """One visible job: 404 when unknown or not public, 410 when expired."""
    return job_out(services.get_visible_job(job_id), detail=True)


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
        raise ServiceError("cv_required", _("Please attach a CV."))
    try:
        application = services.apply(job_id, request.auth, cover_note=plain_text(cover_note),
                                     upload=cv, cv_id=cv_id if cv is None else None)
    except ValidationError as error:
        raise ServiceError(error.code or "invalid_file", " ".join(error.messages)) from None
    return Status(201, {"id": application.pk, "job_id": application.job_id, "status": application.status,
                        "created_at": application.created_at})


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


@router.get("/employers/{employer_id}", response=EmployerOut, auth=None)
def get_employer(request, employer_id: int):
    """A verified employer's public profile: 404 for any other."""
    employer = employers.public_employer(employer_id)
    return {"id": employer.pk, "name": employer.name, "industry": employer.industry, "size": employer.size,
            "city": employer.city, "district": employer.district, "description": employer.description,
            "verified": employer.verified, "url": employer.get_absolute_url()}


@router.post("/employers", response={201: RegistrationOut}, auth=AUTH)
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
