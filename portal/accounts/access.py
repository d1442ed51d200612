"""The access log of her personal information (AccessRecord): one way to write it."""

from .models import AccessRecord


def record_access(subject, reader, what, context="", allowed=True, request=None):
    """Write who read what of hers, and whether it was let through."""
    ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
    return AccessRecord.objects.create(subject=subject, reader=reader, what=what, context=context[:200],
                                       allowed=allowed, ip_address=ip_address)
