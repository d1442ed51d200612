"""WeChat login: allauth's `weixin` provider (QR-code login of WeChat's open
platform), offered only when WECHAT_APP_ID and WECHAT_APP_SECRET are set
(settings.WECHAT_LOGIN_ENABLED).

While it is off nothing of it shows or answers: the adapter lists no app, so
the login and sign-up pages list no provider, and every socialaccount address
(the provider's login and callback, the connections page, the social sign-up)
answers 404 instead of an error (`urlpatterns()`).

While it is on, a WeChat identity is a way in of its own, but never a way
around consent: someone new always goes through the social sign-up form with
its privacy consent box (SocialAccountAdapter.is_auto_signup_allowed), and a
signed-in user links her WeChat from the connections page (process=connect).
WeChat's answers are read by WeixinAdapter, which the callback address uses in
place of allauth's own (see there why).
"""

import functools
import json

from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.weixin.views import WeixinOAuth2Adapter
from django.conf import settings
from django.http import Http404
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext_lazy as _

from .models import User

# What we keep of WeChat's profile (sns/userinfo). It also sends sex, city,
# province, country, language and privileges, which the portal has no use for
# and does not store.
PROFILE_FIELDS = ("openid", "unionid", "nickname", "headimgurl")


def enabled():
    return bool(settings.WECHAT_LOGIN_ENABLED)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """SOCIALACCOUNT_ADAPTER."""

    error_messages = {
        **DefaultSocialAccountAdapter.error_messages,
        # Unlinking the WeChat of an account that has no password would lock her out.
        "no_password": _("You sign in with WeChat only. To unlink it, first set a password."),
    }

    def list_apps(self, request, provider=None, client_id=None):
        # One switch: with the keys unset there is no app, even one added in the admin.
        return super().list_apps(request, provider=provider, client_id=client_id) if enabled() else []

    def is_auto_signup_allowed(self, request, sociallogin):
        # Only the sign-up form asks for (and records) her privacy consent, so a
        # new WeChat user always sees it, whatever SOCIALACCOUNT_AUTO_SIGNUP says.
        return False

    def populate_user(self, request, sociallogin, data):
        # WeChat gives a nickname and never an email address; the nickname
        # greets her until she chooses a name on /me/account/ (allauth would
        # also split it into first and last names, which the portal does not use).
        user = sociallogin.user
        max_length = User._meta.get_field("display_name").max_length
        user.display_name = (sociallogin.account.extra_data.get("nickname") or "").strip()[:max_length]
        return user


class WeixinAdapter(WeixinOAuth2Adapter):
    """allauth's weixin adapter, changed where it does not fit WeChat's API:

    - the access token is asked for by GET, as WeChat documents it (allauth
      posts the parameters as a form);
    - the profile is read as the UTF-8 JSON it is. allauth re-decodes the
      nickname (`encode("raw_unicode_escape").decode("utf-8")`), which is
      right only when requests has read the body as Latin-1 (a text/plain
      answer without charset); for an application/json answer requests reads
      UTF-8 itself, and then Chinese nicknames come out as "\\u5c0f\\u7f8e"
      and one with an é or ü fails with UnicodeDecodeError (a 500);
    - an error WeChat answers with status 200 ({"errcode": ..., "errmsg": ...})
      ends on the authentication error page instead of a KeyError, and only
      PROFILE_FIELDS are kept.
    """

    access_token_method = "GET"  # nosec: a method name, not a secret

    def complete_login(self, request, app, token, **kwargs):
        openid = kwargs.get("response", {}).get("openid")
        with get_social_adapter().get_requests_session() as session:
            response = session.get(self.profile_url, params={"access_token": token.token, "openid": openid})
            response.raise_for_status()
        try:
            profile = json.loads(response.content.decode("utf-8"))
        except ValueError as error:
            raise OAuth2Error(f"WeChat's profile is not UTF-8 JSON: {error}") from error
        if not isinstance(profile, dict) or profile.get("errcode") or not profile.get("openid"):
            raise OAuth2Error(f"WeChat refused the profile: {response.content[:200]!r}")
        profile = {key: profile[key] for key in PROFILE_FIELDS if key in profile}
        return self.get_provider().sociallogin_from_response(request, profile)


weixin_callback = OAuth2CallbackView.adapter_view(WeixinAdapter)


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
    behind `only_when_enabled`, and the weixin callback through WeixinAdapter."""
    if patterns is None:
        from allauth.urls import urlpatterns as patterns
    guarded = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            entry = URLResolver(entry.pattern, urlpatterns(entry.url_patterns), entry.default_kwargs,
                                entry.app_name, entry.namespace)
        elif isinstance(entry, URLPattern):
            callback = weixin_callback if entry.name == "weixin_callback" else entry.callback
            if _is_social(callback):
                entry = URLPattern(entry.pattern, only_when_enabled(callback), entry.default_args, entry.name)
        guarded.append(entry)
    return guarded
