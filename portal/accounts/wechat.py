"""WeChat login: allauth's `weixin` provider (QR-code login of WeChat's open
platform), offered only when WECHAT_APP_ID and WECHAT_APP_SECRET are set
(settings.WECHAT_LOGIN_ENABLED).

While it is off nothing of it shows or answers: the adapter lists no app, so
the login and sign-up pages list no provider, and every socialaccount address
(the provider's login and callback, the connections page, the social sign-up)
answers 404 instead of an error (`urlpatterns()`).
"""

import functools

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.http import Http404
from django.urls import URLPattern, URLResolver


def enabled():
    return bool(settings.WECHAT_LOGIN_ENABLED)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """SOCIALACCOUNT_ADAPTER."""

    def list_apps(self, request, provider=None, client_id=None):
        # One switch: with the keys unset there is no app, even one added in the admin.
        return super().list_apps(request, provider=provider, client_id=client_id) if enabled() else []


def only_when_enabled(view):
    """The view while WeChat login is on, a 404 while it is off (checked on
    each request, so that settings can change in tests)."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if not enabled():
            raise Http404("WeChat login is not configured.")
        return view(request, *args, **kwargs)

    return guarded


def _is_social(callback):
    if callback.__module__.startswith("allauth.socialaccount"):
        return True
    # allauth's legacy /social/... addresses redirect to the socialaccount ones.
    return str(getattr(callback, "view_initkwargs", {}).get("pattern_name", "")).startswith("socialaccount_")


def urlpatterns(patterns=None):
    """allauth's URL patterns (allauth.urls) with every socialaccount view
    behind `only_when_enabled`."""
    if patterns is None:
        from allauth.urls import urlpatterns as patterns
    guarded = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            entry = URLResolver(entry.pattern, urlpatterns(entry.url_patterns), entry.default_kwargs,
                                entry.app_name, entry.namespace)
        elif isinstance(entry, URLPattern):
            if _is_social(entry.callback):
                entry = URLPattern(entry.pattern, only_when_enabled(entry.callback), entry.default_args, entry.name)
        guarded.append(entry)
    return guarded
