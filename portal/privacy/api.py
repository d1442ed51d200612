"""GET /api/v1/me/export: her data as a zip, at once for a small account; for a large one
202 with the address of its status (GET /api/v1/me/exports/{id}), whose `download_url`
gives the zip once it is built. Someone else's export is 404."""

from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from portal.api import AUTH
from portal.errors import NotFound, ServiceError

from . import export

router = Router(tags=["privacy"])


class ExportStatus(Schema):
    id: int
    status: str
    status_url: str
    download_url: str | None = None
    expires_at: str | None = None


def _status(data_export):
    available = data_export.is_available()
    return {"id": data_export.pk, "status": data_export.status,
            "status_url": f"/api/v1/me/exports/{data_export.pk}",
            "download_url": f"/api/v1/me/exports/{data_export.pk}/file" if available else None,
            "expires_at": data_export.expires_at.isoformat() if data_export.expires_at else None}


@router.get("/me/export", response={200: None, 202: ExportStatus}, auth=AUTH)
def export_me(request):
    """All her own personal data: a zip, or 202 while a large one is built."""
    content, background = export.request_export(request.auth)
    if background is not None:
        return Status(202, _status(background))
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{export.file_name(request.auth)}"'
    return response


def _own(request, export_id):
    data_export = export.own_export(request.auth, export_id)
    if data_export is None:
        raise NotFound("not_found", _("Not found."))
    return data_export


@router.get("/me/exports/{int:export_id}", response=ExportStatus, auth=AUTH)
def export_status(request, export_id: int):
    return _status(_own(request, export_id))


@router.get("/me/exports/{int:export_id}/file", response={200: None}, auth=AUTH)
def export_file(request, export_id: int):
    data_export = _own(request, export_id)
    if not data_export.is_available():
        raise ServiceError("gone", _("This export has expired or is not ready yet."), 410)
    return FileResponse(data_export.file.open("rb"), as_attachment=True, filename=export.file_name(request.auth),
                        content_type="application/zip")
