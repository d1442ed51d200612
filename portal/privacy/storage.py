"""Exports live with the other private files: outside MEDIA_ROOT, served only by a view that checks who asks."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def export_storage():
    # A callable, so that tests and deployments can move PRIVATE_MEDIA_ROOT.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
