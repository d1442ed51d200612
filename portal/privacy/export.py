"""Her data as a zip: data.json (every app's section) and her files.

A small account's zip is built in the request. A large one (more records than
PRIVACY_EXPORT_MAX_RECORDS, or files over PRIVACY_EXPORT_MAX_FILE_BYTES) is built by a
task into private storage, and she is sent a link that works for her, signed in, for
PRIVACY_EXPORT_DAYS.
"""

import io
import json
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.background import enqueue_on_commit
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send

from . import providers
from .models import DataExport


def max_records():
    return getattr(settings, "PRIVACY_EXPORT_MAX_RECORDS", 200)


def max_file_bytes():
    return getattr(settings, "PRIVACY_EXPORT_MAX_FILE_BYTES", 5 * 1024 * 1024)


def days_kept():
    return getattr(settings, "PRIVACY_EXPORT_DAYS", 7)


def _count(records):
    """Rows in a section: the items of each list in it, one for anything else."""
    if isinstance(records, dict):
        return sum(len(value) if isinstance(value, list) else 1 for value in records.values())
    return len(records) if isinstance(records, list) else 1


def _size(file):
    if callable(file):
        return 0  # built on demand: the résumé PDF, small
    if isinstance(file, bytes):
        return len(file)
    try:
        return file.size
    except (OSError, ValueError):
        return 0


def is_large(sections):
    records = sum(_count(section["records"]) for section in sections)
    size = sum(_size(file) for section in sections for _path, file in section["files"])
    return records > max_records() or size > max_file_bytes()


def _bytes(file):
    if callable(file):
        return file()
    if isinstance(file, bytes):
        return file
    with file.open("rb") as handle:
        return handle.read()


def build_zip(user, sections=None):
    sections = sections if sections is not None else providers.sections(user)
    data = {"exported_at": timezone.now().isoformat(), "user_id": user.pk,
            "sections": {section["name"]: section["records"] for section in sections}}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for section in sections:
            for path, file in section["files"]:
                try:
                    archive.writestr(path, _bytes(file))
                except FileNotFoundError:
                    continue  # a file its row still names but storage lost: the row says what it was
    return buffer.getvalue()


def file_name(user):
    return f"jinguo-data-{user.pk}-{timezone.localdate():%Y%m%d}.zip"


def request_export(user):
    """(zip bytes, None) for a small account, (None, DataExport) for one built in the background."""
    sections = providers.sections(user)
    if not is_large(sections):
        return build_zip(user, sections), None
    export = DataExport.objects.create(user=user)
    from .tasks import build_export

    enqueue_on_commit(build_export, export.pk)
    return None, export


def build_and_send(export_id):
    """The task's work: build the zip, keep it, tell her by her chosen channels. Idempotent."""
    export = DataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.PENDING:
        return False
    content = build_zip(export.user)
    now = timezone.now()
    export.file.save(f"{export.pk}-{now:%Y%m%d%H%M%S}.zip", ContentFile(content), save=False)
    export.status, export.ready_at = DataExport.Status.READY, now
    export.expires_at = now + timedelta(days=days_kept())
    export.save(update_fields=["file", "status", "ready_at", "expires_at"])
    link = SiteLink("privacy:export_download", export.pk)
    send(export.user, "privacy/messages/export_ready", {"url": link, "days": days_kept(),
                                                         "expires_at": export.expires_at},
         kind=Kind.PRIVACY, link=link, sms={"days": str(days_kept())}, dedup_key=f"data-export:{export.pk}:ready")
    return True


def own_export(user, export_id):
    """Her export, or None (someone else's is not found either)."""
    return DataExport.objects.filter(pk=export_id, user=user).first() if user.is_authenticated else None
