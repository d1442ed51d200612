"""Where each role starts: a graduate on /me/, a consultant on her workspace, an
employer's account on her postings, an editor on the admin dashboard.

The apps say which homes a person has through ROLE_HOME_PROVIDERS (settings):
dotted paths to functions taking the user and returning a Home or None. The
order of that list is the order of preference when she signs in with no `next`.
The graduate's home is the shell's own, /me/: she has it when no other role
claims her, or when she keeps a graduate's profile besides her other role.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import pgettext_lazy

from portal.accounts.models import SeekerProfile

GRADUATE = "graduate"
# Her landing URL, kept in the session at sign-in so the header's link to her home
# needs no role lookups on every page (portal/accounts/templatetags/home_tags.py).
HOME_SESSION_KEY = "home_url"


@dataclass(frozen=True)
class Home:
    key: str
    label: str
    url: str


def graduate_home():
    return Home(GRADUATE, pgettext_lazy("role home", "Graduate home"), reverse("dashboard"))


def admin_home_for(user):
    """Editors and moderators work in the Wagtail admin."""
    if user.is_active and user.has_perm("wagtailadmin.access_admin"):
        return Home("admin", pgettext_lazy("role home", "Admin"), reverse("wagtailadmin_home"))
    return None


def _role_homes(user):
    homes = []
    for path in getattr(settings, "ROLE_HOME_PROVIDERS", []):
        home = import_string(path)(user)
        if home is not None:
            homes.append(home)
    return homes


def homes_for(user):
    """Every home she has, the graduate's first: what the role switcher offers."""
    if not user.is_authenticated:
        return []
    others = _role_homes(user)
    if not others or SeekerProfile.objects.filter(user=user).exists():
        return [graduate_home(), *others]
    return others


def landing_url(user):
    """Where she lands after signing in with no other intent."""
    others = _role_homes(user)
    return others[0].url if others else graduate_home().url


def switcher(user, current):
    """The other homes she may switch to from the home `current` (a key); empty with one role."""
    homes = homes_for(user)
    if len(homes) < 2:
        return []
    return [home for home in homes if home.key != current]
