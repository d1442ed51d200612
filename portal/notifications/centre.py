"""Her notification centre: what the pages (/me/notifications/) and the API
(/api/v1/me/notifications) read and change. send() writes the entries; here
they are listed, counted and marked read, always of one user: an entry that is
not hers is answered as one that does not exist."""

from django.conf import settings
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from portal.errors import NotFound
from portal.pages.templatetags.portal_tags import localized_path

from .models import Notification

PER_PAGE = 20
# The largest primary key the databases store: a bigger id in an address is unknown, not an error.
MAX_ID = 2**63 - 1


def entries(user):
    """Her entries, newest first (the model's ordering)."""
    return Notification.objects.filter(user=user)


def unread_count(user):
    """One COUNT over the (user, read_at) index: cheap enough for every page's header."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def unread_count_of(request):
    """Her unread count, counted once per request however many places show it
    (the header on every page, the centre's own heading)."""
    if not hasattr(request, "_unread_notifications"):
        user = request.user
        request._unread_notifications = unread_count(user) if user.is_authenticated else 0
    return request._unread_notifications


def get_entry(user, pk):
    entry = entries(user).filter(pk=pk).first() if 0 < pk <= MAX_ID else None
    if entry is None:
        raise NotFound("not_found", _("This notification does not exist."))
    return entry


def mark_read(user, pk):
    """Mark one of her entries read (again is no change) and return it."""
    entry = get_entry(user, pk)
    if entry.read_at is None:
        entry.read_at = timezone.now()
        # Only if still unread: two tabs opening it at once keep the first moment.
        Notification.objects.filter(pk=entry.pk, read_at__isnull=True).update(read_at=entry.read_at)
    return entry


def mark_all_read(user):
    """Mark every unread entry of hers read; returns how many were."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def site_path(url):
    """The entry's address if it is a path on this site ("/me/", "/en/jobs/3/"), else None:
    an entry never sends her to another site."""
    if not url or not url.startswith("/") or url.startswith("//") or "\\" in url:
        return None
    return url if url_has_allowed_host_and_scheme(url, allowed_hosts=None) else None


def in_active_language(path):
    """A site path in the language she reads the site in now: an entry written
    to her in English ("/en/me/") opens in Chinese ("/me/") on the Chinese pages."""
    for code, _label in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = "/" + path.removeprefix(prefix)
            break
    return localized_path(path)
