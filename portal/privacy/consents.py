"""Her optional consents: the one place senders ask whether a use of her data is allowed.

    if consents.allows(user, Purpose.FEEDBACK_REQUESTS): ...
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import OptionalConsent, Purpose


def allows(user, purpose):
    """Whether she allows `purpose` now: her newest choice, given when she never chose."""
    given = (OptionalConsent.objects.filter(user=user, purpose=purpose)
             .order_by("-changed_at", "-pk").values_list("given", flat=True).first())
    return True if given is None else given


def current(user):
    """{purpose: (given, changed_at or None)} for every optional purpose, in one query."""
    latest = {}
    for row in OptionalConsent.objects.filter(user=user).order_by("changed_at", "pk"):
        latest[row.purpose] = (row.given, row.changed_at)
    return {purpose: latest.get(purpose, (True, None)) for purpose in Purpose.values}


def history(user):
    return list(OptionalConsent.objects.filter(user=user))


def set_consent(user, purpose, given):
    """Record her choice; nothing is written when it is what she already allows."""
    purpose = Purpose(purpose)
    with transaction.atomic():
        if allows(user, purpose) == bool(given):
            return None
        return OptionalConsent.objects.create(user=user, purpose=purpose, given=bool(given),
                                              changed_at=timezone.now(),
                                              notice_version=settings.PRIVACY_NOTICE_VERSION)
