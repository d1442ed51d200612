"""The access log of her personal information (AccessRecord): one way to write it."""

from portal.client import client_ip

from .models import AccessRecord


def record_access(subject, reader, what, context="", allowed=True, request=None):
    """Write who read what of hers, and whether it was let through."""
    ip_address = client_ip(request) if request is not None else None
    return AccessRecord.objects.create(subject=subject, reader=reader, what=what, context=context[:200],
                                       allowed=allowed, ip_address=ip_address)


def reader_label(reader):
    """Who read it, as she knows them: the employer's or the consultant's name, never an
    email address. Select `reader__employer_membership__employer` and `reader__consultant`."""
    from django.utils.translation import gettext_lazy as _

    if reader is None:
        return _("A deleted account")
    membership = getattr(reader, "employer_membership", None)
    if membership is not None:
        return membership.employer.name
    consultant = getattr(reader, "consultant", None)
    if consultant is not None:
        return consultant.display_name
    if reader.is_staff:
        return _("Portal staff")
    return reader.display_name or _("Portal staff")
