"""Erasing an account once its deletion grace period has passed.

One transaction per account: every app erases its part (providers.erase), then the
User row is anonymised (portal.accounts). Files are deleted after the commit, so a
failed erasure leaves everything as it was and the next run tries again. Running it
twice changes nothing: an erased account is not picked again.
"""

import logging
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import providers
from .deletion import grace_days

logger = logging.getLogger(__name__)


def due(now=None):
    now = now or timezone.now()
    return get_user_model().objects.filter(deletion_requested_at__lte=now - timedelta(days=grace_days()),
                                           erased_at__isnull=True)


def erase(user):
    with transaction.atomic():
        user = get_user_model().objects.select_for_update().get(pk=user.pk)
        if user.erased_at is not None:
            return False
        providers.erase(user)
    return True


def erase_due(now=None):
    erased = 0
    for user in due(now).order_by("pk"):
        try:
            erased += erase(user)
        except Exception:  # one account that fails must not keep the others' erasure waiting
            logger.exception("Erasing account %s failed; the next run tries again.", user.pk)
    return erased
