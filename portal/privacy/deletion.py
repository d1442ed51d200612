"""Her request to delete her account, and its cancellation by signing in again.

Requesting sets User.deletion_requested_at, ends every session and API token of hers
and tells her the day it will run (settings.ACCOUNT_DELETION_GRACE_DAYS later). Signing
in before then restores the account; after it, erasure.py erases it.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.accounts.tokens import revoke_all
from portal.notifications.kinds import Kind
from portal.notifications.links import SiteLink
from portal.notifications.services import send


def grace_days():
    return getattr(settings, "ACCOUNT_DELETION_GRACE_DAYS", 7)


def runs_on(user):
    """The moment her erasure becomes due."""
    return user.deletion_requested_at + timedelta(days=grace_days())


def end_sessions(user):
    """Delete every database session signed in as her. A scan of the live sessions: only a
    deletion does it, and the session table holds no index by user."""
    user_id = str(user.pk)
    ended = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator(chunk_size=500):
        if session.get_decoded().get("_auth_user_id") == user_id:
            ended.append(session.pk)
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def request_deletion(user, now=None):
    now = now or timezone.now()
    with transaction.atomic():
        user.deletion_requested_at = now
        user.save(update_fields=["deletion_requested_at"])
        revoke_all(user)
        send(user, "privacy/messages/deletion_requested",
             {"runs_on": runs_on(user), "days": grace_days(), "login_url": SiteLink("account_login"),
              "date": timezone.localtime(runs_on(user)).strftime("%Y-%m-%d")},
             kind=Kind.PRIVACY, sms={"date": timezone.localtime(runs_on(user)).strftime("%Y-%m-%d")},
             dedup_key=f"account:{user.pk}:deletion:{now.isoformat()}")
    end_sessions(user)


def restore_on_login(sender, request, user, **kwargs):
    """allauth's user_logged_in: signing in within the grace period keeps her account."""
    if user.deletion_requested_at is None or user.erased_at is not None:
        return
    user.deletion_requested_at = None
    user.save(update_fields=["deletion_requested_at"])
    messages.success(request, _("Welcome back. Your account will not be deleted: signing in cancelled "
                                "the deletion you asked for."))
