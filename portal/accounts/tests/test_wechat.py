"""WeChat login (allauth's weixin provider, portal/accounts/wechat.py).

Off while WECHAT_APP_ID/WECHAT_APP_SECRET are unset: no button, and every
WeChat address answers 404. On: a button on the login and sign-up pages that
starts WeChat's QR-code login; a new visitor creates her account only through
the consent box; a signed-in user links her WeChat from the connections page.

No network exists here: WeChat's token and profile endpoints are played by
FakeWeChat (fake_wechat.py), which answers in place of requests' HTTP
transport (HTTPAdapter.send), so allauth's client code runs unchanged up to
the wire.
"""

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.core import mail

from portal.accounts.allauth_forms import SocialSignupForm
from portal.accounts.forms import ConsentSignupForm
from portal.accounts.models import PrivacyConsent, User
from portal.accounts.wechat import PROFILE_FIELDS

from .factories import UserFactory
from .fake_wechat import APP_ID, APP_SECRET, CODE, OPENID, FakeWeChat, wechat_settings

pytestmark = pytest.mark.django_db

WECHAT_LOGIN = "/accounts/weixin/login/"
CALLBACK = "/accounts/weixin/login/callback/"
CONNECTIONS = "/accounts/3rdparty/"
SOCIAL_SIGNUP = "/accounts/3rdparty/signup/"
WECHAT_TEXT = re.compile(r"wechat|weixin|微信", re.I)


@pytest.fixture(autouse=True)
def _site(home_page):
    return home_page


@pytest.fixture
def wechat_off(settings):
    wechat_settings(settings, on=False)


@pytest.fixture
def wechat_on(settings):
    wechat_settings(settings, on=True)


@pytest.fixture
def fake_wechat(monkeypatch):
    return FakeWeChat().install(monkeypatch)


def provider_forms(html):
    """(action, button text) of each provider button's form."""
    forms = re.findall(r'<form method="post" action="([^"]*)" class="provider-form">(.*?)</form>', html, re.S)
    return [(unescape(action), re.sub(r"<[^>]+>|\s+", " ", body).strip()) for action, body in forms]


def go_to_wechat(client, action):
    """Press the button: the portal sends her to WeChat's QR-code page."""
    response = client.post(action)
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert (target.scheme, target.netloc, target.path) == ("https", "open.weixin.qq.com", "/connect/qrconnect")
    return {key: values[0] for key, values in parse_qs(target.query).items()}


def come_back(client, state, code=CODE):
    """WeChat sends her back to the callback with a code and the state."""
    return client.get(CALLBACK, {"code": code, "state": state})


# --- off ------------------------------------------------------------------------------------------------------------


ENTRANCES = ["/accounts/login/", "/accounts/signup/", "/en/accounts/login/", "/en/accounts/signup/"]


@pytest.mark.parametrize("path", ENTRANCES)
def test_while_off_the_login_and_signup_pages_say_nothing_of_wechat(client, wechat_off, path):
    response = client.get(path)

    assert response.status_code == 200
    assert not WECHAT_TEXT.search(response.content.decode())


@pytest.mark.parametrize("method, path", [
    ("get", WECHAT_LOGIN), ("post", WECHAT_LOGIN), ("get", f"{CALLBACK}?code={CODE}&state=x"),
    ("get", CONNECTIONS), ("post", CONNECTIONS), ("get", SOCIAL_SIGNUP), ("get", "/accounts/3rdparty/login/error/"),
    ("get", "/accounts/3rdparty/login/cancelled/"), ("get", "/accounts/social/connections/"),
    ("get", "/en/accounts/weixin/login/"), ("get", "/en/accounts/3rdparty/"),
])
@pytest.mark.parametrize("signed_in", [False, True])
def test_while_off_every_wechat_address_answers_404(client, wechat_off, method, path, signed_in):
    if signed_in:
        client.force_login(UserFactory())

    response = getattr(client, method)(path)

    assert response.status_code == 404


def test_while_off_the_dashboard_has_no_wechat_link(client, wechat_off):
    client.force_login(UserFactory())

    html = client.get("/me/").content.decode()

    assert CONNECTIONS not in html
    assert not WECHAT_TEXT.search(html)


# --- on: the button and the way to WeChat ---------------------------------------------------------------------------


@pytest.mark.parametrize("path, label", [
    ("/accounts/login/", "微信登录"), ("/accounts/signup/", "微信登录"),
    ("/en/accounts/login/", "Sign in with WeChat"), ("/en/accounts/signup/", "Sign in with WeChat"),
])
def test_while_on_the_login_and_signup_pages_have_the_wechat_button(client, wechat_on, path, label):
    response = client.get(path)

    assert response.status_code == 200
    prefix = "/en" if path.startswith("/en/") else ""
    assert provider_forms(response.content.decode()) == [(f"{prefix}{WECHAT_LOGIN}?process=login", label)]


def test_the_button_sends_her_to_wechats_qr_code_page_with_the_app_id_callback_and_state(client, wechat_on):
    (action, _label), = provider_forms(client.get("/accounts/login/?next=/jobs/").content.decode())
    assert action == f"{WECHAT_LOGIN}?process=login&next=%2Fjobs%2F"

    query = go_to_wechat(client, action)

    assert query.pop("appid") == APP_ID
    assert query.pop("redirect_uri") == f"http://testserver{CALLBACK}"
    assert query.pop("response_type") == "code"
    assert query.pop("scope") == "snsapi_login"
    state = query.pop("state")
    assert query == {}
    # The state is kept in her session, and is what the callback will be checked against.
    assert state in client.session["socialaccount_states"]
    # The secret never leaves the server.
    assert APP_SECRET not in json.dumps(query)


def test_opening_the_login_address_asks_before_going_to_wechat(client, wechat_on):
    response = client.get(WECHAT_LOGIN)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="auth-card"' in html  # the site's layout
    assert re.search(r'<form method="post">.*?<button type="submit">继续前往微信</button>', html, re.S)


# --- on: a new visitor signs up, with consent -----------------------------------------------------------------------


def test_the_social_signup_form_is_built_on_the_consent_form():
    assert issubclass(SocialSignupForm, ConsentSignupForm)
    assert settings.SOCIALACCOUNT_FORMS["signup"] == "portal.accounts.allauth_forms.SocialSignupForm"


def test_a_new_visitor_gets_an_account_only_after_consenting(client, wechat_on, fake_wechat):
    query = go_to_wechat(client, f"{WECHAT_LOGIN}?process=login")

    response = come_back(client, query["state"])

    # WeChat was asked as it documents: the code for a token, the token for her profile.
    assert [(method, path) for method, path, _query, _body in fake_wechat.calls] == [
        ("GET", "/sns/oauth2/access_token"), ("GET", "/sns/userinfo")]
    # No account yet: the sign-up form comes first.
    assert response.status_code == 302
    assert response["Location"] == SOCIAL_SIGNUP
    assert not User.objects.exists() and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session

    page = client.get(SOCIAL_SIGNUP)
    assert page.status_code == 200
    html = page.content.decode()
    box = re.search(r'<input[^>]*name="privacy_consent"[^>]*>', html).group(0)
    assert 'type="checkbox"' in box and "checked" not in box
    assert 'name="password1"' not in html
    # WeChat gives no email address: neither it nor a number is demanded.
    for name in ("email", "phone"):
        field = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert " required" not in field
    assert "小美" in html

    # Without consent: the form again, with its message, and still no account.
    refused = client.post(SOCIAL_SIGNUP, {})
    assert refused.status_code == 200
    assert "请阅读并同意隐私声明" in refused.content.decode()
    assert not User.objects.exists() and not SocialAccount.objects.exists()

    response = client.post(SOCIAL_SIGNUP, {"privacy_consent": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/me/"
    user = User.objects.get()
    assert (user.email, user.phone, user.display_name) == (None, None, "小美")
    assert not user.has_usable_password()
    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (user, "weixin", OPENID)
    assert set(account.extra_data) <= set(PROFILE_FIELDS)  # not her sex, city...
    consent = PrivacyConsent.objects.get()
    assert (consent.user, consent.notice_version) == (user, settings.PRIVACY_NOTICE_VERSION)
    assert int(client.session["_auth_user_id"]) == user.pk
    assert "小美" in client.get("/me/").content.decode()


def test_auto_signup_cannot_skip_consent(client, settings, wechat_on, fake_wechat):
    settings.SOCIALACCOUNT_AUTO_SIGNUP = True
    query = go_to_wechat(client, f"{WECHAT_LOGIN}?process=login")

    response = come_back(client, query["state"])

    assert response["Location"] == SOCIAL_SIGNUP
    assert not User.objects.exists() and not PrivacyConsent.objects.exists()


def test_an_email_given_at_wechat_signup_is_confirmed_by_email_but_does_not_keep_her_out(
    client, wechat_on, fake_wechat, django_capture_on_commit_callbacks
):
    query = go_to_wechat(client, f"{WECHAT_LOGIN}?process=login")
    come_back(client, query["state"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SOCIAL_SIGNUP, {"privacy_consent": "on", "email": "xiaomei@example.com"})

    assert response["Location"] == "/me/"
    user = User.objects.get()
    assert int(client.session["_auth_user_id"]) == user.pk
    address = EmailAddress.objects.get()
    assert (address.user, address.email, address.verified) == (user, "xiaomei@example.com", False)
    assert [message.to for message in mail.outbox] == [["xiaomei@example.com"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_someone_who_already_linked_wechat_signs_straight_in(client, wechat_on, fake_wechat):
    alice = UserFactory(email="alice@example.com")
    SocialAccount.objects.create(user=alice, provider="weixin", uid=OPENID, extra_data={"openid": OPENID})
    query = go_to_wechat(client, f"{WECHAT_LOGIN}?process=login&next=/jobs/")

    response = come_back(client, query["state"])

    assert response.status_code == 302
    assert response["Location"] == "/jobs/"
    assert int(client.session["_auth_user_id"]) == alice.pk
    assert User.objects.count() == 1
    assert SocialAccount.objects.get().extra_data["nickname"] == "小美"


@pytest.mark.parametrize("content_type", ["application/json; encoding=utf-8", "application/json", "text/plain"])
def test_her_nickname_is_read_as_utf8_whatever_wechat_calls_its_answer(client, wechat_on, fake_wechat, content_type):
    fake_wechat.content_type, fake_wechat.nickname = content_type, "小美 Zoé 🌸"
    query = go_to_wechat(client, f"{WECHAT_LOGIN}?process=login")
    come_back(client, query["state"])

    client.post(SOCIAL_SIGNUP, {"privacy_consent": "on"})

    assert User.objects.get().display_name == "小美 Zoé 🌸"


def test_a_refusal_from_wechat_or_a_wrong_state_creates_nothing(client, wechat_on, fake_wechat):
    query = go_to_wechat(client, f"{WECHAT_LOGIN}?process=login")

    wrong_code = come_back(client, query["state"], code="expired-code")
    wrong_state = come_back(client, "forged-state")

    for response in (wrong_code, wrong_state):
        assert response.status_code == 401
        assert 'class="auth-card"' in response.content.decode()
    assert not User.objects.exists() and not SocialAccount.objects.exists()
    assert "_auth_user_id" not in client.session


# --- on: linking WeChat to her account ------------------------------------------------------------------------------


def test_a_signed_in_user_links_wechat_from_her_account_page(client, wechat_on, fake_wechat):
    alice = UserFactory(email="alice@example.com")
    client.force_login(alice)

    dashboard = client.get("/me/").content.decode()
    assert re.search(rf'<a href="{CONNECTIONS}">绑定微信</a>', dashboard)
    page = client.get(CONNECTIONS)
    assert page.status_code == 200
    (action, label), = provider_forms(page.content.decode())
    assert (action, label) == (f"{WECHAT_LOGIN}?process=connect", "绑定微信")

    query = go_to_wechat(client, action)
    response = come_back(client, query["state"])

    assert response.status_code == 302
    assert response["Location"] == CONNECTIONS
    account = SocialAccount.objects.get()
    assert (account.user, account.provider, account.uid) == (alice, "weixin", OPENID)
    assert User.objects.count() == 1
    assert int(client.session["_auth_user_id"]) == alice.pk
    html = client.get(CONNECTIONS).content.decode()
    assert "微信：小美" in html
    assert provider_forms(html) == []  # linked: no second button
    assert re.search(rf'<a href="{CONNECTIONS}">已绑定微信</a>', client.get("/me/").content.decode())


def test_the_connections_page_is_in_the_sites_layout_in_english_too(client, wechat_on):
    client.force_login(UserFactory())

    response = client.get(f"/en{CONNECTIONS}")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html and 'class="auth-card"' in html
    assert "<h1>WeChat account</h1>" in html
    assert provider_forms(html) == [(f"/en{WECHAT_LOGIN}?process=connect", "Link WeChat")]
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    assert not re.search(r"[\u4e00-\u9fff]", main)


def test_she_can_unlink_wechat_unless_it_is_her_only_way_in(client, wechat_on):
    alice = UserFactory(email="alice@example.com")
    account = SocialAccount.objects.create(user=alice, provider="weixin", uid=OPENID, extra_data={"nickname": "小美"})
    client.force_login(alice)

    response = client.post(CONNECTIONS, {"account": account.pk})

    assert response.status_code == 302
    assert not SocialAccount.objects.exists()

    wechat_only = User.objects.create(display_name="小红")
    wechat_only.set_unusable_password()
    wechat_only.save()
    account = SocialAccount.objects.create(user=wechat_only, provider="weixin", uid="oXiaohong")
    client.force_login(wechat_only)

    response = client.post(CONNECTIONS, {"account": account.pk})

    assert response.status_code == 200
    alert = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', response.content.decode(), re.S)
    assert alert and "你目前只能用微信登录。如需解除绑定，请先设置密码。" in alert.group(1)
    assert SocialAccount.objects.filter(pk=account.pk).exists()
