"""The privacy app's own part of her data: her optional consents and her exports."""

from django.db import transaction

from .models import DataExport, OptionalConsent


def personal_data(user):
    return {"name": "privacy", "records": {"optional_consents": [
        {"purpose": row.purpose, "given": row.given, "changed_at": row.changed_at.isoformat(),
         "notice_version": row.notice_version}
        for row in OptionalConsent.objects.filter(user=user).order_by("changed_at", "pk")]}, "files": []}


def erase_personal_data(user):
    files = [(export.file.storage, export.file.name) for export in DataExport.objects.filter(user=user) if export.file]
    DataExport.objects.filter(user=user).delete()
    OptionalConsent.objects.filter(user=user).delete()

    def delete_files():
        for storage, name in files:
            storage.delete(name)

    transaction.on_commit(delete_files)
