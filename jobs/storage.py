"""Storage for private uploads (CVs): outside MEDIA_ROOT, with no public URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    # A callable, so that tests and deployments can move PRIVATE_MEDIA_ROOT.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)
