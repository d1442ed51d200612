"""Personal API tokens. Wagtail's APIToken already stores only a keyed digest,
shows the token once and can be revoked (users manage theirs in the admin), so
the site's API uses the same tokens.

A token lives `API_TOKEN_LIFETIME` from its creation (computed, so changing the
setting shortens or lengthens every token at once), ends with her account (the
foreign key cascades) and ends when her password is set anew: a password change
or reset is what she does when she fears someone else has her credentials.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import APIToken

DEFAULT_LIFETIME = timedelta(days=90)


def lifetime():
    return getattr(settings, "API_TOKEN_LIFETIME", DEFAULT_LIFETIME)


def expires_at(token):
    return token.created + lifetime()


def live_tokens(user):
    """Her tokens that still open the API, newest first."""
    return APIToken.objects.filter(
        user=user, revoked_at__isnull=True, created__gt=timezone.now() - lifetime()
    ).order_by("-created")


def issue_token(user, name=""):
    _, plaintext = APIToken.create_token(user=user, name=name or "API")
    return plaintext


def revoke_token(user, token_id):
    """Revoke one of her own tokens; False when it is not hers or already ended."""
    return bool(live_tokens(user).filter(pk=token_id).update(revoked_at=timezone.now()))


def revoke_all(user):
    return APIToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def user_for_token(raw):
    if not raw or not APIToken.validate_token_format(raw):
        return None
    token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(raw), revoked_at__isnull=True,
                created__gt=timezone.now() - lifetime())
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    APIToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def end_tokens_on_new_password(sender, instance, created, **kwargs):
    """post_save of the user: Django's set_password() leaves `_password` set
    until the save that stores it, whichever path set it (password change,
    reset, admin, manage.py changepassword)."""
    if not created and getattr(instance, "_password", None) is not None:
        revoke_all(instance)
