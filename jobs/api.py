from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Schema, Status, UploadedFile

from portal.api import AUTH
from portal.errors import ServiceError

from . import services
from .forms import plain_text
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
