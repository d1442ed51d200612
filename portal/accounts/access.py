"""The access log of her personal information (AccessRecord): one way to write it."""

from portal.client import client_ip

from .models import AccessRecord


def record_access(subject, reader, what, context="", allowed=True, request=None):
    """Write who read what of hers, and whether it was let through."""
    ip_address = client_ip(request) if request is not None else None
    return AccessRecord.objects.create(subject=subject, reader=reader, what=what, context=context[:200],
                                       allowed=allowed, ip_address=ip_address)
