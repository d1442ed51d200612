"""Absolute addresses on the public site, for messages read outside it.

Every link in an email or a calendar file starts with settings.SITE_URL and
carries the recipient's language prefix (/en/...). Links are built lazily: a
`SiteLink` put in a message's context becomes its address when the message is
rendered, inside the recipient's language, so a caller never has to know it.
"""

from django.conf import settings
from django.urls import reverse

from portal.pages.templatetags.portal_tags import localized_path


def absolute_url(target="/", *args):
    """SITE_URL + a site path ("/me/", a page's url) or a URL name with its arguments,
    in the active language."""
    path = localized_path(target) if target.startswith("/") else reverse(target, args=args)
    return settings.SITE_URL + path


class SiteLink:
    """An absolute link resolved at render time: `SiteLink("consultants:booking", 42)`."""

    def __init__(self, target, *args):
        self.target, self.args = target, args

    def __str__(self):
        return absolute_url(self.target, *self.args)

    def __repr__(self):
        return f"SiteLink({self.target!r}, *{self.args!r})"
