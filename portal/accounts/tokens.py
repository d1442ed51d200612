"""Personal API tokens. Wagtail's APIToken already stores only a keyed digest,
shows the token once and can be revoked (users manage theirs in the admin), so
the site's API uses the same tokens."""

from django.utils import timezone
from wagtail.models import APIToken


def issue_token(user, name=""):
    _, plaintext = APIToken.create_token(user=user, name=name or "API")
    return plaintext


def user_for_token(raw):
    if not raw or not APIToken.validate_token_format(raw):
        return None
    token = (
        APIToken.objects.select_related("user")
        .filter(key_hash__in=APIToken.candidate_key_hashes(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    APIToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
